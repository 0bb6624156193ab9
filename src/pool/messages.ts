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
}

export interface ParseResult {
  extraction: Extraction;
  /** The normalised text every span points into. */
  text: string;
  /** `extraction` serialised compactly, done in the worker so the caller's thread never stringifies. */
  json: string;
}

export type ToWorker = { type: 'task'; id: number; task: ParseTask };

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
  | { type: 'done'; id: number; result: ParseResult }
  | { type: 'failed'; id: number; error: SerialisedError };
