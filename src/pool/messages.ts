// The messages a pool worker and its pool exchange. Plain data only: they cross a thread boundary.
import type { DocumentFormat, Extraction } from '../contract/schema.js';

export interface ParseTask {
  bytes: Uint8Array;
  fileName?: string | null;
  format?: DocumentFormat;
}

export interface ParseProgress {
  phase: 'ocr' | 'pages';
  done: number;
  total: number;
  /** OCR only: its own time budget in ms; the task's budget is extended to leave room for it. */
  budgetMs?: number;
}

export interface ParseResult {
  extraction: Extraction;
  /** The normalised text every span points into. */
  text: string;
  /** `extraction` serialised compactly, done in the worker so the caller's thread never stringifies. */
  json: string;
}

/** How many of each a result holds: what a caller that only writes the JSON out prints about it. */
export interface ResultSummary {
  sections: number;
  targets: number;
  responsibilities: number;
  tables: number;
  reviewFields: number;
}

/**
 * A result as a file's bytes: the extraction's JSON (indented when asked), newline-terminated, UTF-8 encoded in
 * the worker and handed over without a copy. For callers that only write the JSON out (`kehoach extract`): the
 * extraction is not cloned across threads and the caller's thread neither parses nor encodes.
 */
export interface EncodedResult {
  bytes: Uint8Array;
  summary: ResultSummary;
}

export interface EncodeOptions {
  pretty: boolean;
}

export type ToWorker = { type: 'task'; id: number; task: ParseTask; encode?: EncodeOptions };

export interface SerialisedError {
  name: string;
  message: string;
  reason?: string;
  stack?: string;
}

export type FromWorker =
  /** Sent once, when the worker has loaded the pipeline: a task's budget starts counting from then. */
  | { type: 'ready' }
  | { type: 'progress'; id: number; progress: ParseProgress }
  | { type: 'done'; id: number; result: ParseResult | EncodedResult }
  /** `recycle`: the worker's state can no longer be trusted (a reader left a promise rejected): replace it. */
  | { type: 'failed'; id: number; error: SerialisedError; recycle?: boolean };
