// An express app assembled the way the service will mount the review workflow, for HTTP tests.
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createKey, type RoleName } from '../../src/auth/index.js';
import type { Sql } from '../../src/db/types.js';
import { createReviewRouter, MemoryExtractionStore } from '../../src/review/index.js';
import { sampleExtraction, TEXT } from './fixtures.js';

export interface TestApp {
  url: string;
  store: MemoryExtractionStore;
  keys: Record<RoleName, { id: string; key: string }>;
  close(): Promise<void>;
}

export async function startApp(sql: Sql, docId = 'doc-1'): Promise<TestApp> {
  const store = new MemoryExtractionStore();
  store.put(
    { id: docId, name: 'Kế hoạch 359/KH-UBND', province: 'Bắc Ninh', batch: 'b1' },
    { extraction: sampleExtraction(), text: TEXT, version: '0.1.0' },
  );
  const keys = {} as TestApp['keys'];
  for (const role of ['admin', 'reviewer', 'reader', 'uploader'] as const) {
    const k = await createKey(sql, { role, name: `${role} test` });
    keys[role] = { id: k.id, key: k.key };
  }
  const app = express();
  app.use(createReviewRouter({ sql, store }));
  const server = app.listen(0, '127.0.0.1');
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
