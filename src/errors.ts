// Typed errors. An UnreadableDocumentError means the file itself is unusable (never retried);
// anything else thrown by the pipeline is a bug or an infrastructure failure.
export type UnreadableReason =
  | 'unsupported-format'
  | 'empty'
  | 'corrupt-file'
  | 'encrypted'
  | 'too-large'
  | 'zip-bomb'
  | 'timeout'
  | 'not-text'
  // A document inside the byte limits whose content would cost far more than any real plan: a table grid
  // grown by colspan/rowspan, a DOCX with hundreds of thousands of XML elements. The message names the limit.
  | 'resource-limit';

export class UnreadableDocumentError extends Error {
  override readonly name = 'UnreadableDocumentError';
  constructor(
    readonly reason: UnreadableReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
