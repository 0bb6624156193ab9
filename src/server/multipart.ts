// multipart/form-data parsing with busboy and explicit limits. Files are buffered in memory (bounded by
// maxFileBytes × maxFiles) because they are stored in the database before the request is acknowledged.
import busboy from 'busboy';
import type { Request } from 'express';
import { HttpProblem } from './problem.js';

export interface UploadedFile {
  field: string;
  fileName: string | null;
  mimeType: string | null;
  bytes: Uint8Array;
  /** Set when the part broke a per-file limit and `perFile` was asked for: the file is refused, not the request. */
  refused?: HttpProblem;
}

export interface MultipartLimits {
  maxFileBytes: number;
  maxFiles: number;
  /** Total size of all parts together. */
  maxRequestBytes: number;
  maxFields?: number;
  maxFieldBytes?: number;
  /**
   * A file over maxFileBytes is returned refused (its bytes dropped) instead of failing the whole request;
   * the request-wide limits (total bytes, number of parts) still refuse the request.
   */
  perFile?: boolean;
}

function tooLarge(limit: number): HttpProblem {
  return new HttpProblem('body-too-large', `The request is larger than the limit of ${limit} bytes.`, {
    limitBytes: limit,
  });
}

export function parseMultipart(
  req: Request,
  limits: MultipartLimits,
): Promise<{ files: UploadedFile[]; fields: Record<string, string> }> {
  const contentType = req.headers['content-type'] ?? '';
  if (!/^multipart\/form-data\b/i.test(contentType)) {
    return Promise.reject(
      new HttpProblem(
        'unsupported-media-type',
        `Expected multipart/form-data with one or more "file" parts, got "${contentType || 'no content type'}".`,
      ),
    );
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limits.maxRequestBytes) {
    return Promise.reject(tooLarge(limits.maxRequestBytes));
  }
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        limits: {
          fileSize: limits.maxFileBytes,
          files: limits.maxFiles,
          fields: limits.maxFields ?? 20,
          fieldSize: limits.maxFieldBytes ?? 4096,
          parts: limits.maxFiles + (limits.maxFields ?? 20),
          headerPairs: 100,
        },
      });
    } catch (err) {
      reject(new HttpProblem('malformed-multipart', `Cannot read the multipart body: ${(err as Error).message}.`));
      return;
    }
    const files: UploadedFile[] = [];
    const fields: Record<string, string> = {};
    let failed: HttpProblem | null = null;
    let total = 0;
    const fail = (p: HttpProblem) => {
      if (failed) return;
      failed = p;
      // Keep reading (and discarding) the rest of the body so the client receives the answer.
      req.unpipe(bb);
      req.resume();
      reject(p);
    };
    bb.on('file', (field, stream, info) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let overLimit: HttpProblem | null = null;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        total += chunk.length;
        if (total > limits.maxRequestBytes) fail(tooLarge(limits.maxRequestBytes));
        if (!failed && !overLimit) chunks.push(chunk);
      });
      stream.on('limit', () => {
        const problem = new HttpProblem(
          'file-too-large',
          `"${info.filename ?? field}" is larger than the limit of ${limits.maxFileBytes} bytes.`,
          { limitBytes: limits.maxFileBytes, fileName: info.filename ?? null },
        );
        if (limits.perFile) {
          overLimit = problem;
          chunks.length = 0;
        } else {
          fail(problem);
        }
        stream.resume();
      });
      stream.on('error', () => fail(new HttpProblem('malformed-multipart', 'A file part was cut short.')));
      stream.on('end', () => {
        if (failed) return;
        files.push({
          field,
          fileName: info.filename ? info.filename.slice(0, 255) : null,
          mimeType: info.mimeType || null,
          bytes: overLimit ? new Uint8Array(0) : new Uint8Array(Buffer.concat(chunks, size)),
          ...(overLimit ? { refused: overLimit } : {}),
        });
      });
    });
    bb.on('field', (name, value, info) => {
      if (info.valueTruncated) {
        fail(new HttpProblem('invalid-body', `Form field "${name}" is too long.`));
        return;
      }
      fields[name] = value;
    });
    bb.on('filesLimit', () =>
      fail(
        new HttpProblem('too-many-files', `At most ${limits.maxFiles} files per request.`, {
          limitFiles: limits.maxFiles,
        }),
      ),
    );
    bb.on('partsLimit', () => fail(new HttpProblem('too-many-files', 'Too many parts in the multipart body.')));
    bb.on('fieldsLimit', () => fail(new HttpProblem('invalid-body', 'Too many form fields.')));
    bb.on('error', (err: Error) =>
      fail(new HttpProblem('malformed-multipart', `Cannot read the multipart body: ${err.message}.`)),
    );
    bb.on('close', () => {
      if (!failed) resolve({ files, fields });
    });
    req.on('aborted', () => fail(new HttpProblem('malformed-multipart', 'The request was aborted.')));
    req.pipe(bb);
  });
}
