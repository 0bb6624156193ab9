// The express app: the one route table (documents, batches, review, keys), one auth wiring, one JSON body
// policy, problem+json for every error, access logs with request ids, metrics on every route, OpenAPI + its
// reference page, health, and bull-board when BullMQ is used. Building the app never listens or connects.
import { randomUUID } from 'node:crypto';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { isUnavailable } from '../unavailable.js';
import { webRouter } from '../web/router.js';
import { type Authorizer, openAuthorizer } from './auth.js';
import type { RouteContext } from './context.js';
import { docsRouter } from './docs.js';
import type { Metrics } from './metrics.js';
import { buildOpenApi } from './openapi.js';
import { HttpProblem, sendProblem } from './problem.js';
import { checkParamChars, checkQueryChars, parseWith, type RouteDef } from './route.js';
import { ROUTES } from './routes.js';

export interface AppOptions {
  ctx: RouteContext;
  metrics: Metrics;
  /** Readiness probe: resolves when the database and the queue answer. */
  ready: () => Promise<Record<string, string>>;
  /** BullMQ queue to show in bull-board at /admin/queues. */
  bullQueue?: Queue | undefined;
  /** Enforces the permission each route declares. Default: every request is the anonymous admin. */
  authorize?: Authorizer;
  routes?: RouteDef[];
  /** Write access logs (default true). */
  accessLog?: boolean;
}

/** Seconds a client should wait before retrying when the database or Redis is down. */
export const RETRY_AFTER_SECONDS = 5;

/** Maps errors thrown by body parsers, busboy and the infrastructure to problems; never leaks a stack or a path. */
function toProblem(err: unknown, logger: Logger): HttpProblem {
  if (err instanceof HttpProblem) return err;
  const e = err as { type?: string; status?: number; statusCode?: number; expose?: boolean };
  if (e?.type === 'entity.too.large') return new HttpProblem('body-too-large', 'The request body is too large.');
  if (e?.type === 'entity.parse.failed') return new HttpProblem('invalid-body', 'The JSON body does not parse.');
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported') {
    return new HttpProblem('unsupported-media-type', 'The body encoding or charset is not supported.');
  }
  const status = e?.status ?? e?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new HttpProblem('invalid-body', 'The request body could not be read.');
  }
  if (isUnavailable(err)) {
    logger.warn({ err }, 'infrastructure unavailable');
    return new HttpProblem(
      'service-unavailable',
      'The database or the queue is unreachable; retry shortly.',
      {},
      { 'Retry-After': String(RETRY_AFTER_SECONDS) },
    );
  }
  logger.error({ err }, 'unhandled error');
  return new HttpProblem('internal-error', 'An internal error occurred; it has been logged.');
}

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

function mount(app: express.Express, route: RouteDef, ctx: RouteContext, authorize: Authorizer): void {
  const chain: RequestHandler[] = [
    (req, _res, next) => {
      checkQueryChars(req.query);
      checkParamChars(req.params as Record<string, string>);
      next();
    },
  ];
  if (route.permission) chain.push(authorize(route.permission));
  const json = route.body?.contentType === 'application/json';
  if (json) {
    // The one JSON body policy: application/json only, at most KEHOACH_MAX_JSON_BYTES, strict JSON.
    chain.push((req, _res, next) => {
      if (hasBody(req) && !req.is('application/json')) {
        next(new HttpProblem('unsupported-media-type', 'Send the body as application/json.'));
        return;
      }
      next();
    });
    chain.push(express.json({ limit: ctx.config.maxJsonBytes, strict: true }));
  }
  chain.push(async (req, res) => {
    const query = route.query ? parseWith(route.query, req.query, 'invalid-query') : undefined;
    const body = json && route.body ? parseWith(route.body.schema, req.body, 'invalid-body') : undefined;
    await route.handler(ctx, req, res, { query, body });
  });
  app[route.method](route.path, ...chain);
}

export function createApp(opts: AppOptions): express.Express {
  const { ctx, metrics } = opts;
  const routes = opts.routes ?? ROUTES;
  const authorize = opts.authorize ?? openAuthorizer;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  if (opts.accessLog !== false) {
    app.use(
      pinoHttp({
        logger: ctx.logger,
        // A caller's X-Request-Id is kept (bounded, printable) so logs join across services; else a UUID.
        genReqId: (req, res) => {
          const given = req.headers['x-request-id'];
          const id = typeof given === 'string' && /^[\x21-\x7e]{1,128}$/.test(given) ? given : randomUUID();
          res.setHeader('X-Request-Id', id);
          return id;
        },
        customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
        serializers: {
          req: (req: { id: unknown; method: string; url: string }) => ({
            id: req.id,
            method: req.method,
            url: req.url,
          }),
          res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
        },
      }),
    );
  }
  app.use(metrics.middleware);
  app.use(webRouter());

  for (const route of routes) mount(app, route, ctx, authorize);

  const openapi = buildOpenApi(routes);
  app.get('/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  app.use(docsRouter());
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      res.json({ status: 'ready', checks: await opts.ready() });
    } catch (err) {
      sendProblem(
        res,
        new HttpProblem(
          'service-unavailable',
          `Not ready: ${(err as Error).message}`,
          {},
          {
            'Retry-After': String(RETRY_AFTER_SECONDS),
          },
        ),
      );
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
    app.use('/admin/queues', authorize('keys:manage'), serverAdapter.getRouter());
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
