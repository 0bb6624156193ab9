// What the review workflow needs from storage. Declared here, implemented over SQL by src/store/review.ts: the
// review domain holds the rules and never sees a query.
import type { Extraction, Span } from '../contract/schema.js';
import type { Claim, ClaimResult } from './claims.js';
import type { DerivedReview, Excerpt, MachineExtraction } from './derive.js';
import type { CorrectionRecord, NewCorrection } from './records.js';
import type { ReplayedCorrection } from './replay.js';

export interface QueueFilters {
  documentId?: string | undefined;
  batch?: string | undefined;
  flag?: string | undefined;
  province?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

export interface QueueItem {
  kind: 'field' | 'stale-correction';
  documentId: string;
  documentName: string | null;
  province: string | null;
  batch: string | null;
  pointer: string;
  label: string;
  value: unknown;
  confidence: 'high' | 'medium' | 'low';
  flags: string[];
  source: Span | null;
  excerpt: Excerpt | null;
  claim: Claim | null;
  /** For stale corrections whose field is gone: the correction to look at (revert it or redo it). */
  correctionId?: string;
}

export interface DocumentReviewSummary {
  id: string;
  name: string | null;
  province: string | null;
  batch: string | null;
  /** The machine extraction's review.needed. */
  needsReview?: boolean | null;
  machineVersion: string;
  revision: string;
  toReview: number;
  stale: number;
  low: number;
}

/** The stored effective extraction of a document: one row read. */
export interface StoredEffective {
  revision: string;
  machineVersion: string;
  extraction: Extraction;
  corrections: ReplayedCorrection[];
}

/** A queue query with its filters resolved (province folded, page bounds clamped). */
export interface QueueSelect {
  documentId?: string | undefined;
  batch?: string | undefined;
  flag?: string | undefined;
  provinceKey?: string | undefined;
  limit: number;
  offset: number;
}

export type DocumentSelect = Omit<QueueSelect, 'limit' | 'offset'>;

/** A document locked for a correction (inside one transaction): its machine extraction and corrections. */
export interface LockedDocument {
  machine: MachineExtraction;
  records: CorrectionRecord[];
  activeClaims(): Promise<Claim[]>;
  /** Inserts at `seq`; a writer that took the same seq makes this throw a unique violation. */
  insertCorrection(c: NewCorrection): Promise<CorrectionRecord>;
  releaseClaims(ids: string[]): Promise<void>;
  /** Stores the derived review state (effective extraction, items) in this transaction. */
  saveReview(derived: DerivedReview): Promise<void>;
}

export interface ReviewRepository {
  /** The effective extraction as stored (null: the document has no extraction). */
  effective(documentId: string): Promise<StoredEffective | null>;
  /** Every correction of the document, oldest first, with what became of it (null: no extraction). */
  history(documentId: string): Promise<{ records: CorrectionRecord[]; corrections: ReplayedCorrection[] } | null>;
  hasExtraction(documentId: string): Promise<boolean>;
  /**
   * Runs `fn` in one transaction holding the document's lock (so a concurrent result or correction waits).
   * null when the document has no extraction.
   */
  withDocument<T>(documentId: string, fn: (doc: LockedDocument) => Promise<T>): Promise<{ value: T } | null>;
  /** One page of the queue and the total: one query. */
  queue(q: QueueSelect): Promise<{ items: QueueItem[]; total: number }>;
  /** Documents with a machine extraction and how much is left to review: one query. */
  documents(q: DocumentSelect): Promise<DocumentReviewSummary[]>;
  claim(documentId: string, pointer: string, keyId: string, ttlSeconds: number): Promise<ClaimResult>;
  releaseClaim(claimId: string, keyId: string, force: boolean): Promise<'released' | 'not-found' | 'not-holder'>;
}

/** Thrown by insertCorrection when another writer stored the same seq first. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && (err as { code?: unknown }).code === '23505';
}
