// The review workflow mounted in front of the real service (embedded runtime: PGlite + in-process worker),
// exactly as the integration note describes: the service enforces the role matrix on its own routes, and the
// review routers sit before the service app so its 404 handler never sees them.
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, ROLES } from '../../src/auth/roles.js';
import { loadConfig } from '../../src/config.js';
import { ROUTES } from '../../src/server/routes.js';
import { type Runtime, startRuntime } from '../../src/service/runtime.js';

const SEED = readFileSync(new URL('../../fixtures/seed-003/input.txt', import.meta.url));

describe('review in front of the service', () => {
  let runtime: Runtime;
  let server: Server;
  let base: string;
  const keys: Record<string, string> = {};

  beforeAll(async () => {
    // The same assembly `kehoach serve` listens on: auth on every route, review in front, corrections served.
    const service = await startRuntime({ ...loadConfig({}), dataDir: null }, 'all', {
      logger: pino({ level: 'silent' }),
    });
    runtime = service;
    server = service.app!.listen(0, '127.0.0.1');
    await new Promise<void>((r) => server.once('listening', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // PGlite in memory is an embedded install: its first start creates the admin key.
    keys.admin = service.bootstrapKey!.key;
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

  it('every route of the assembled service refuses a missing key (401) and a role without the permission (403)', async () => {
    const routes = [
      ...ROUTES.filter((r) => r.permission !== null).map((r) => ({
        method: r.method,
        path: r.path,
        permission: r.permission!,
      })),
    ];
    expect(routes.length).toBeGreaterThan(15);
    for (const route of routes) {
      const path = route.path.replace(/:(\w+)/g, 'x');
      const anonymous = await req(route.method.toUpperCase(), path, null);
      expect([route.method, route.path, anonymous.status]).toEqual([route.method, route.path, 401]);
      expect(anonymous.headers.get('content-type')).toContain('application/problem+json');
      for (const role of ROLES) {
        if (can(role, route.permission)) continue;
        const refused = await req(route.method.toUpperCase(), path, role);
        expect([route.method, route.path, role, refused.status]).toEqual([route.method, route.path, role, 403]);
      }
    }
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
    // The extraction the API serves to other systems is the effective one.
    const served = (await (await req('GET', `/v1/documents/${id}/extraction`, 'reader')).json()) as {
      metadata: { place: { value: string; flags: string[] } };
    };
    expect(served.metadata.place.value).toBe(corrected);
    expect(served.metadata.place.flags).toContain('corrected');
    const queue = (await (await req('GET', '/v1/review/queue', 'reviewer')).json()) as {
      items: Array<{ documentId: string }>;
    };
    expect(queue.items.every((i) => i.documentId === id)).toBe(true);
  });
});
