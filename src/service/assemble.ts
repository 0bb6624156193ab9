// The whole service as users meet it: the runtime (database, queue, API, worker) with API-key access control
// on every route, the review workflow and page in front of it, and reviewers' corrections served with the
// extraction. src/cli/serve.ts listens on the result; tests build exactly the same thing.
import type { Express } from 'express';
import { type CreatedKey, ensureBootstrapAdmin, requirePermission } from '../auth/index.js';
import { getEffectiveExtraction, REVIEW_SECURITY_SCHEMES, reviewOpenApiPaths, withReview } from '../review/index.js';
import { extractionStoreFrom } from '../review/service-store.js';
import type { Config } from './config.js';
import { type Role, type Runtime, type RuntimeOptions, startRuntime } from './runtime.js';

export interface Service {
  runtime: Runtime;
  /** null for a worker-only process. */
  app: Express | null;
  /** The admin key created on the first start of an embedded install (shown once), else null. */
  bootstrapKey: CreatedKey | null;
}

export async function startService(
  config: Config,
  role: Role,
  opts: Pick<RuntimeOptions, 'logger' | 'inline'> = {},
): Promise<Service> {
  const runtime = await startRuntime(config, role, {
    ...opts,
    authorize: (permission, sql) => requirePermission(sql, permission),
    effective: async (sql, store, id) =>
      (await getEffectiveExtraction({ sql, store: extractionStoreFrom(store) }, id))?.extraction ?? null,
    extraOpenApi: { paths: reviewOpenApiPaths(), securitySchemes: REVIEW_SECURITY_SCHEMES },
  });
  if (!runtime.app) return { runtime, app: null, bootstrapKey: null };
  const bootstrapKey = runtime.db.kind === 'pglite' ? await ensureBootstrapAdmin(runtime.db.sql) : null;
  const app = withReview(runtime.app, { sql: runtime.db.sql, store: runtime.store });
  return { runtime, app, bootstrapKey };
}
