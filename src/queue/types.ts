// The job runner abstraction: the API queues document ids; a runner (in-process or BullMQ) calls the processor.
import { z } from 'zod';
import type { DocumentFormat, Extraction } from '../contract/schema.js';

/** What a queued job refers to: the document and the reprocess generation it was queued for. */
export interface JobRef {
  documentId: string;
  generation: number;
}

/** What a job needs from the store (src/store implements it); declared here so the queue owns its types. */
export interface ClaimedJob {
  bytes: Uint8Array | null;
  fileName: string | null;
  format: DocumentFormat;
  /** This attempt's number (1 for the first). */
  attempt: number;
}

export interface JobStore {
  /**
   * Marks the document processing and counts the attempt (once per `token`: a claim retried after a lost answer
   * is the same attempt); past `maxAttempts` its bytes are withheld (null) and it is quarantined.
   */
  claim(ref: JobRef, maxAttempts?: number, token?: string | null): Promise<ClaimedJob | null>;
  /** Gives an attempt back (an infrastructure failure is not the document's fault). */
  releaseAttempt(ref: JobRef): Promise<void>;
  setProgress(ref: JobRef, done: number, total: number): Promise<void>;
  saveResult(ref: JobRef, version: string, extraction: Extraction, text: string, json?: string): Promise<boolean>;
  markFailed(ref: JobRef, reason: string, message: string): Promise<boolean>;
}

/** Job payloads carry ids only, never document text; validated when queued and again in the worker. */
export const JobPayloadSchema = z.object({
  documentId: z.string().min(1).max(100),
  generation: z.int().positive(),
});

export const QUEUE_NAME = 'extract';

/** A stable job id per (document, generation): queueing the same work twice is a no-op while it is live. */
export function jobIdOf(ref: JobRef): string {
  return `${ref.documentId}.g${ref.generation}`;
}

export interface EnsureResult {
  /** Jobs that were missing and have been queued again. */
  requeued: number;
  /** Jobs the queue gave up on (retries exhausted) with the reason it recorded. */
  exhausted: { ref: JobRef; reason: string }[];
}

export interface JobQueue {
  readonly kind: 'in-process' | 'bullmq';
  /** Queues jobs; duplicates of live jobs are ignored. */
  enqueue(refs: JobRef[]): Promise<void>;
  /** Re-queues any of these jobs that the queue no longer knows about (the requeue sweeper). */
  ensure(refs: JobRef[]): Promise<EnsureResult>;
  counts(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

/** Consumes jobs until stopped; stop() lets in-flight jobs finish. */
export interface JobRunner {
  stop(): Promise<void>;
}
