// `kehoach keys create|list|revoke`: opens the configured database (the embedded PGlite folder, or
// DATABASE_URL) and manages API keys. An embedded data folder can be open in one process only: stop
// `kehoach serve` first, or use the admin routes (/v1/keys) while it runs.

import { loadConfig } from '../config.js';
import { openDatabase } from '../db/open.js';
import { KeysUsageError, runKeys } from './keys.js';
import { exitCodes } from './usage.js';

export async function runKeysCommand(argv: string[]): Promise<number> {
  const db = await openDatabase(loadConfig(process.env));
  try {
    await runKeys(argv, db.sql);
    return exitCodes.ok;
  } catch (err) {
    if (err instanceof KeysUsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`kehoach keys: ${(err as Error).message}\n`);
      return exitCodes.usage;
    }
    throw err;
  } finally {
    await db.sql.close();
  }
}
