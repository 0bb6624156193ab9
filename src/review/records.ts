// Corrections as the review workflow sees them: append-only records (stored by src/store/corrections.ts).
import type { Change } from './apply.js';

export type CorrectionKind = 'patch' | 'accept' | 'revert';

export interface CorrectionRecord {
  id: string;
  documentId: string;
  seq: number;
  keyId: string;
  /** The name (label) of the key that made the correction, as it was then. */
  reviewer: string | null;
  kind: CorrectionKind;
  /** What the reviewer sent (JSON Patch, accepted pointers, or the inverse patch of a revert). */
  ops: unknown[];
  changes: Change[];
  comment: string | null;
  reverts: string | null;
  extractorVersion: string;
  createdAt: string;
}

/** A correction before it is stored: the database assigns its id and time. */
export type NewCorrection = Omit<CorrectionRecord, 'id' | 'createdAt' | 'reviewer'>;
