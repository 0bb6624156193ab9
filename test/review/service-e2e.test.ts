// The review workflow mounted in front of the real service (embedded runtime: PGlite + in-process worker),
// exactly as the integration note describes: the service enforces the role matrix on its own routes, and the
// review routers sit before the service app so its 404 handler never sees them.
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBootstrapAdmin, requirePermission } from '../../src/auth/index.js';
import { withReview } from '../../src/review/index.js';
import { loadConfig } from '../../src/service/config.js';
import { type Runtime, startRuntime } from '../../src/service/runtime.js';

const SEED = readFileSync(new URL('../../../shared/seeds/003_82e3b703260a75cf.txt', import.meta.url));

describe('review in front of the service', () => {
  let runtime: Runtime;
  let server: Server;
  let base: string;
  const keys: Record<string, string> = {};

  beforeAll(async () => {
    runtime = await startRuntime({ ...loadConfig({}), dataDir: null }, 'all', {
      logger: pino({ level: 'silent' }),
      authorize: (p, sql) => requirePermission(sql, p),
    });
    const sql = runtime.db.sql;
    server = withReview(runtime.app!, { sql, store: runtime.store }).listen(0, '127.0.0.1');
    await new Promise<void>((r) => server.once('listening', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const admin = await ensureBootstrapAdmin(sql);
    keys.admin = admin!.key;
    for (const role of ['uploader', 'reviewer', 'reader']) {
      const res = await fetch(`${base}/v1/keys`, {
        method: 'POST',
        headers: { authorization: `Bearer ${keys.admin}`, 'content-type': 'application/json' },
        body: JSON.stringify({ role, name: role }),
      });
      keys[role] = ((await res.json()) as { key: string }).key;
    }
  });

  afterAll(async () => {
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    await runtime?.close();
  });

  const req = (method: string, path: string, role: string | null, body?: unknown) =>
    fetch(base + path, {
      method,
      headers: {
        ...(role ? { authorization: `Bearer ${keys[role]}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });

  async function upload(role: string): Promise<Response> {
    const form = new FormData();
    form.append('file', new Blob([SEED], { type: 'text/plain' }), '003_82e3b703260a75cf.txt');
    return fetch(`${base}/v1/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${keys[role]}` },
      body: form,
    });
  }

  async function waitDone(id: string): Promise<void> {
    for (let i = 0; i < 300; i++) {
      const doc = (await (await req('GET', `/v1/documents/${id}`, 'reader')).json()) as { status: string };
      if (doc.status === 'done') return;
      if (doc.status === 'failed') throw new Error('extraction failed');
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('extraction did not finish');
  }

  it('service routes follow the role matrix', async () => {
    expect((await req('GET', '/v1/documents', null)).status).toBe(401);
    expect((await req('GET', '/v1/documents', 'reader')).status).toBe(200);
    expect((await upload('reader')).status).toBe(403);
    expect((await upload('reviewer')).status).toBe(403);
    expect((await req('GET', '/review/', null)).status).toBe(200);
    const missing = await req('GET', '/v1/nothing', null);
    expect(missing.status).toBe(404); // the service's own 404 problem still answers
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    expect(missing.headers.get('x-powered-by')).toBeNull();
  });

  it('upload → review → correct → reprocess keeps the correction', async () => {
    const up = await upload('uploader');
    expect(up.status).toBe(202);
    const id = ((await up.json()) as { documents: Array<{ id: string }> }).documents[0]!.id;
    await waitDone(id);

    const text = await (await req('GET', `/v1/documents/${id}/text`, 'reader')).text();
    const eff = (await (await req('GET', `/v1/documents/${id}/effective`, 'reviewer')).json()) as {
      revision: string;
      extraction: { metadata: { place: { value: string | null } } };
    };
    const place = eff.extraction.metadata.place.value;
    const corrected = `${place ?? ''}(đã sửa)`;
    const post = await req('POST', `/v1/documents/${id}/corrections`, 'reviewer', {
      patch: [{ op: 'replace', path: '/metadata/place/value', value: corrected }],
      expectedRevision: eff.revision,
      comment: 'thử nghiệm',
    });
    expect(post.status).toBe(201);
    expect(text.length).toBeGreaterThan(1000);

    expect((await req('POST', `/v1/documents/${id}/reprocess`, 'uploader')).status).toBeLessThan(300);
    await waitDone(id);
    const after = (await (await req('GET', `/v1/documents/${id}/effective`, 'reader')).json()) as {
      corrections: Array<{ status: string }>;
      extraction: { metadata: { place: { value: string; confidence: string; flags: string[] } } };
    };
    expect(after.corrections.map((c) => c.status)).toEqual(['applied']);
    expect(after.extraction.metadata.place).toMatchObject({ value: corrected, confidence: 'high' });
    const queue = (await (await req('GET', '/v1/review/queue', 'reviewer')).json()) as {
      items: Array<{ documentId: string }>;
    };
    expect(queue.items.every((i) => i.documentId === id)).toBe(true);
  });
});
