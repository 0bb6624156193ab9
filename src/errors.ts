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
  | 'not-text';

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
