// The express app: the route table, problem+json for every error, OpenAPI + reference page, health, metrics,
// and bull-board when BullMQ is used. Building the app never listens or connects (src/cli/serve.ts does).
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { apiReference } from '@scalar/express-api-reference';
import type { Queue } from 'bullmq';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { Logger } from 'pino';
import type { Permission } from '../auth/roles.js';
import type { RouteContext } from './context.js';
import type { Metrics } from './metrics.js';
import { buildOpenApi } from './openapi.js';
import { HttpProblem, sendProblem } from './problem.js';
import { ROUTES, type RouteDef } from './routes.js';

export interface AppOptions {
  ctx: RouteContext;
  metrics: Metrics;
  /** Readiness probe: resolves when the database and the queue answer. */
  ready: () => Promise<Record<string, string>>;
  /** BullMQ queue to show in bull-board at /admin/queues. */
  bullQueue?: Queue | undefined;
  /** Auth hook: a middleware enforcing the permission a route declares (src/auth). Absent: no auth. */
  authorize?: (permission: Permission) => RequestHandler;
  routes?: RouteDef[];
  /** OpenAPI paths and security schemes served by routers mounted in front of this app (src/review). */
  extraOpenApi?: { paths: Record<string, unknown>; securitySchemes?: Record<string, unknown> };
}

/** Maps errors thrown by body parsers and busboy to problems; anything else is a 500 that leaks nothing. */
function toProblem(err: unknown, logger: Logger): HttpProblem {
  if (err instanceof HttpProblem) return err;
  const e = err as { type?: string; status?: number; statusCode?: number; message?: string };
  if (e?.type === 'entity.too.large') return new HttpProblem('body-too-large', 'The request body is too large.');
  if (e?.type === 'entity.parse.failed') return new HttpProblem('invalid-body', 'The JSON body does not parse.');
  const status = e?.status ?? e?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new HttpProblem('invalid-body', e.message ?? 'Bad request.');
  }
  logger.error({ err }, 'unhandled error');
  return new HttpProblem('internal-error', 'An internal error occurred; it has been logged.');
}

export function createApp(opts: AppOptions): express.Express {
  const { ctx, metrics } = opts;
  const routes = opts.routes ?? ROUTES;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(metrics.middleware);
  app.use(express.json({ limit: ctx.config.maxJsonBytes, strict: true }));

  for (const route of routes) {
    const guards = route.permission && opts.authorize ? [opts.authorize(route.permission)] : [];
    const handler: RequestHandler = async (req, res) => {
      await route.handler(ctx, req, res);
    };
    app[route.method](route.path, ...guards, handler);
  }

  const openapi = buildOpenApi(routes);
  if (opts.extraOpenApi) mergeOpenApi(openapi, opts.extraOpenApi);
  app.get('/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  app.use(
    '/docs',
    apiReference({ url: '/openapi.json', pageTitle: 'kehoach API' } as Parameters<typeof apiReference>[0]),
  );
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      res.json({ status: 'ready', checks: await opts.ready() });
    } catch (err) {
      sendProblem(res, new HttpProblem('service-unavailable', `Not ready: ${(err as Error).message}`));
    }
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  if (opts.bullQueue) {
    const serverAdapter = new ExpressAdapter();
    serverAdapter.setBasePath('/admin/queues');
    // @bull-board/express and @bull-board/api are released separately; their adapter types drift by a patch.
    createBullBoard({
      queues: [new BullMQAdapter(opts.bullQueue)],
      serverAdapter: serverAdapter as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'],
    });
    const guards = opts.authorize ? [opts.authorize('keys:manage')] : [];
    app.use('/admin/queues', ...guards, serverAdapter.getRouter());
  }

  app.use((req, res) => {
    sendProblem(res, new HttpProblem('route-not-found', `No endpoint ${req.method} ${req.path}.`), req.originalUrl);
  });
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const problem = toProblem(err, ctx.logger);
    if (res.headersSent) {
      res.end();
      return;
    }
    // The request body may still be arriving (an early refusal); let the client finish sending it.
    if (!req.complete) req.resume();
    sendProblem(res, problem, req.originalUrl);
  });
  return app;
}

function mergeOpenApi(
  doc: Record<string, unknown>,
  extra: { paths: Record<string, unknown>; securitySchemes?: Record<string, unknown> },
): void {
  const paths = (doc['paths'] ?? {}) as Record<string, Record<string, unknown>>;
  for (const [path, ops] of Object.entries(extra.paths)) paths[path] = { ...paths[path], ...(ops as object) };
  doc['paths'] = paths;
  if (!extra.securitySchemes) return;
  const components = (doc['components'] ?? {}) as Record<string, unknown>;
  components['securitySchemes'] = { ...(components['securitySchemes'] as object), ...extra.securitySchemes };
  doc['components'] = components;
  doc['security'] ??= Object.keys(extra.securitySchemes).map((k) => ({ [k]: [] }));
}
