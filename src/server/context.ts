import type { Logger } from 'pino';
import type { Extraction } from '../contract/schema.js';
import type { JobQueue } from '../queue/types.js';
import type { Config } from '../service/config.js';
import type { JobRef, Store } from '../service/store.js';

/** What route handlers may use. */
export interface RouteContext {
  store: Store;
  queue: JobQueue;
  config: Config;
  logger: Logger;
  /** Queues jobs after a commit; failures are logged, not thrown (the sweeper re-queues). */
  enqueue(refs: JobRef[]): Promise<void>;
  /**
   * The effective extraction (machine extraction + reviewers' corrections, src/review). Absent: the machine
   * extraction is served as stored.
   */
  effective?: (documentId: string) => Promise<Extraction | null>;
}
