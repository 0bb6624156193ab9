// Streamed downloads (NDJSON, ZIP, CSV, XLSX): once the first bytes are out, an error cannot become a problem+json
// answer any more; the response is destroyed instead, so the client sees a broken transfer rather than a file
// that looks complete.
import type { Response } from 'express';
import type { Logger } from 'pino';

export async function streamed(res: Response, logger: Logger, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    if (!res.headersSent) {
      res.removeHeader('Content-Disposition');
      throw err;
    }
    logger.error({ err }, 'streamed download failed part way');
    res.destroy(err as Error);
  }
}
