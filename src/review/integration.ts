// One call that puts the review workflow in front of the service's express app: the review page at /review,
// the review and key routes, then the service app (whose 404 handler must come last).
import express, { type Express, type Handler } from 'express';
import type { Sql } from '../db/types.js';
import { webRouter } from '../web/router.js';
import { createReviewRouter } from './router.js';
import { extractionStoreFrom, type ServiceStoreLike } from './service-store.js';

export interface WithReviewOptions {
  sql: Sql;
  /** The service's document store (src/service/store.ts Store). */
  store: ServiceStoreLike;
  claimTtlSeconds?: number;
}

export function withReview(serviceApp: Handler | Express, opts: WithReviewOptions): Express {
  const outer = express();
  outer.disable('x-powered-by');
  outer.set('trust proxy', false);
  outer.use(webRouter());
  outer.use(
    createReviewRouter({
      sql: opts.sql,
      store: extractionStoreFrom(opts.store),
      ...(opts.claimTtlSeconds !== undefined ? { claimTtlSeconds: opts.claimTtlSeconds } : {}),
    }),
  );
  outer.use(serviceApp);
  return outer;
}
