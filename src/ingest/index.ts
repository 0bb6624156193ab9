// Readers: bytes of any supported format → the format-neutral DocTree.
import type { DocumentFormat } from '../contract/schema.js';
import type { DocTree } from '../doc/types.js';
import { readText } from './text.js';

export interface IngestOptions {
  fileName?: string | null;
  /** Force a format; otherwise it is sniffed from the bytes. */
  format?: DocumentFormat;
}

export async function ingest(bytes: Uint8Array, opts: IngestOptions = {}): Promise<DocTree> {
  const format = opts.format ?? 'text';
  switch (format) {
    case 'text':
      return readText(bytes);
    default:
      throw new Error(`format ${format} not supported yet`);
  }
}
