// The service's own app (one route table, the key authorizer) over an in-memory extraction store, for HTTP
// tests of the review and key routes.
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { createKey, type RoleName } from '../../src/auth/index.js';
import { loadConfig } from '../../src/config.js';
import type { Sql } from '../../src/db/types.js';
import { createApp } from '../../src/server/app.js';
import { keyAuthorizer } from '../../src/server/auth.js';
import type { RouteContext } from '../../src/server/context.js';
import { KEY_ROUTES } from '../../src/server/keys-routes.js';
import { createMetrics } from '../../src/server/metrics.js';
import { REVIEW_ROUTES } from '../../src/server/review-routes.js';
import { ReviewStore } from '../../src/store/review.js';
import { sampleExtraction, TEXT } from './fixtures.js';
import { StoredExtractions } from './stored.js';

export interface TestApp {
  url: string;
  store: StoredExtractions;
  keys: Record<RoleName, { id: string; key: string }>;
  close(): Promise<void>;
}

/** Review + key routes only (the document routes are tested with the whole service). */
export function reviewApp(sql: Sql) {
  const ctx = {
    sql,
    review: { repo: new ReviewStore(sql) },
    claimTtlSeconds: 15 * 60,
    config: loadConfig({}),
    logger: pino({ level: 'silent' }),
    effective: async () => null,
    enqueue: async () => {},
  } as unknown as RouteContext;
  return createApp({
    ctx,
    metrics: createMetrics({}),
    ready: async () => ({}),
    authorize: keyAuthorizer(sql),
    routes: [...REVIEW_ROUTES, ...KEY_ROUTES],
    accessLog: false,
  });
}

export async function startApp(sql: Sql, docId = 'doc-1'): Promise<TestApp> {
  const store = new StoredExtractions(sql);
  await store.put(
    { id: docId, name: 'Kế hoạch 359/KH-UBND', province: 'Bắc Ninh', batch: 'b1' },
    { extraction: sampleExtraction(), text: TEXT, version: '0.1.0' },
  );
  const keys = {} as TestApp['keys'];
  for (const role of ['admin', 'reviewer', 'reader', 'uploader'] as const) {
    const k = await createKey(sql, { role, name: `${role} test` });
    keys[role] = { id: k.id, key: k.key };
  }
  const server = reviewApp(sql).listen(0, '127.0.0.1');
  await new Promise<void>((r) => server.once('listening', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    store,
    keys,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
export async function call(
  app: TestApp,
  method: string,
  path: string,
  opts: { key?: string | null; body?: unknown; headers?: Record<string, string> } = {},
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field by the assertions
): Promise<{ status: number; type: string; body: any; headers: Headers }> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.key) headers.authorization = `Bearer ${opts.key}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(app.url + path, {
    method,
    headers,
    ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
  });
  const text = await res.text();
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    body: text ? JSON.parse(text) : null,
    headers: res.headers,
  };
}
