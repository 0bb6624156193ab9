import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Extraction } from '../contract/schema.js';
import type { Sql } from '../db/types.js';
import type { JobQueue, JobRef } from '../queue/types.js';
import type { ReviewDeps } from '../review/service.js';
import type { Store } from '../store/store.js';

/** What route handlers may use. */
export interface RouteContext {
  sql: Sql;
  store: Store;
  queue: JobQueue;
  config: Config;
  logger: Logger;
  /** The review workflow's view of the stored extractions and corrections. */
  review: ReviewDeps;
  /** How long a claim lasts unless renewed. */
  claimTtlSeconds: number;
  /** Queues jobs after a commit; failures are logged, not thrown (the sweeper re-queues). */
  enqueue(refs: JobRef[]): Promise<void>;
  /** The effective extraction (machine extraction + reviewers' corrections). */
  effective(documentId: string): Promise<Extraction | null>;
}
