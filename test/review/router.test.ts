import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, ROLES } from '../../src/auth/index.js';
import { KEY_ROUTES } from '../../src/server/keys-routes.js';
import { buildOpenApi } from '../../src/server/openapi.js';
import { REVIEW_ROUTES } from '../../src/server/review-routes.js';
import { call, reviewApp, startApp, type TestApp } from './app.js';

const OPERATIONS = [...REVIEW_ROUTES, ...KEY_ROUTES];

import { type TestDb, testDbs } from './db.js';
import { sampleExtraction, TEXT } from './fixtures.js';

const dbs: TestDb[] = await testDbs();
afterAll(async () => {
  for (const d of dbs) await d.close();
});

const DOC = 'doc-1';
const NUMBER = '/metadata/documentNumber/value';

// Every route with the role that may use it and one that may not (null: every role may).
const ROUTES: Array<{
  method: string;
  path: string;
  body?: unknown;
  denied: 'reader' | 'uploader' | 'reviewer' | null;
}> = [
  { method: 'GET', path: '/v1/review/queue', denied: 'reader' },
  { method: 'GET', path: '/v1/review/documents', denied: null },
  {
    method: 'POST',
    path: '/v1/review/claims',
    body: { documentId: DOC, pointer: '/metadata/documentNumber' },
    denied: 'reader',
  },
  { method: 'DELETE', path: '/v1/review/claims/00000000-0000-0000-0000-000000000000', denied: 'uploader' },
  { method: 'GET', path: `/v1/documents/${DOC}/effective`, denied: null },
  { method: 'GET', path: `/v1/documents/${DOC}/corrections`, denied: null },
  {
    method: 'POST',
    path: `/v1/documents/${DOC}/corrections`,
    body: { patch: [{ op: 'replace', path: NUMBER, value: 'x' }], expectedBefore: { [NUMBER]: '359/KH-UB' } },
    denied: 'reader',
  },
  { method: 'POST', path: `/v1/documents/${DOC}/corrections/1/revert`, body: {}, denied: 'uploader' },
  { method: 'GET', path: '/v1/keys', denied: 'reviewer' },
  { method: 'POST', path: '/v1/keys', body: { role: 'reader', name: 'x' }, denied: 'reviewer' },
  { method: 'DELETE', path: '/v1/keys/ffffffffffffffff', denied: 'uploader' },
  { method: 'GET', path: '/v1/keys/me', denied: null },
];

describe.each(dbs.map((d) => [d.name, d] as const))('review API on %s', (_name, db) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp(db.sql, DOC);
  });
  afterAll(async () => {
    await app.close();
  });

  it.each(ROUTES)('$method $path refuses a missing, unknown or revoked key (401 problem+json)', async (r) => {
    const none = await call(app, r.method, r.path, { body: r.body });
    expect(none.status).toBe(401);
    expect(none.type).toContain('application/problem+json');
    expect(none.body).toMatchObject({
      type: 'https://kehoach.dev/problems/unauthenticated',
      status: 401,
      instance: r.path,
    });
    expect(none.headers.get('www-authenticate')).toContain('Bearer');
    const bogus = await call(app, r.method, r.path, { body: r.body, key: `kh_${'0'.repeat(16)}_${'A'.repeat(43)}` });
    expect(bogus.status).toBe(401);
  });

  it.each(ROUTES.filter((r) => r.denied))('$method $path refuses the wrong role (403 problem+json)', async (r) => {
    const res = await call(app, r.method, r.path, { body: r.body, key: app.keys[r.denied!].key });
    expect(res.status).toBe(403);
    expect(res.type).toContain('application/problem+json');
    expect(res.body).toMatchObject({
      type: 'https://kehoach.dev/problems/forbidden',
      status: 403,
      title: expect.any(String),
    });
  });

  it('a reader can read but not write, and nothing changes', async () => {
    const reader = app.keys.reader.key;
    expect((await call(app, 'GET', `/v1/documents/${DOC}/effective`, { key: reader })).status).toBe(200);
    const write = await call(app, 'POST', `/v1/documents/${DOC}/corrections`, {
      key: reader,
      body: { patch: [{ op: 'replace', path: NUMBER, value: 'x' }], expectedBefore: { [NUMBER]: '359/KH-UB' } },
    });
    expect(write.status).toBe(403);
    const history = await call(app, 'GET', `/v1/documents/${DOC}/corrections`, { key: reader });
    expect(history.body.items).toEqual([]);
  });

  it('revoked keys get 401', async () => {
    const created = await call(app, 'POST', '/v1/keys', {
      key: app.keys.admin.key,
      body: { role: 'reviewer', name: 'tạm' },
    });
    expect(created.status).toBe(201);
    expect((await call(app, 'GET', '/v1/keys/me', { key: created.body.key })).body.role).toBe('reviewer');
    expect((await call(app, 'DELETE', `/v1/keys/${created.body.id}`, { key: app.keys.admin.key })).status).toBe(200);
    expect((await call(app, 'GET', '/v1/keys/me', { key: created.body.key })).status).toBe(401);
    const list = await call(app, 'GET', '/v1/keys', { key: app.keys.admin.key });
    expect(JSON.stringify(list.body)).not.toContain(created.body.key);
  });

  it('queue lists fields to review, lowest confidence first, with excerpts and filters', async () => {
    const q = await call(app, 'GET', '/v1/review/queue', { key: app.keys.reviewer.key });
    expect(q.status).toBe(200);
    const items = q.body.items as Array<{
      confidence: string;
      pointer: string;
      excerpt: { text: string; start: number; end: number } | null;
    }>;
    expect(items.map((i) => i.pointer)).toEqual(
      sampleExtraction().review.fields.length ? expect.arrayContaining(sampleExtraction().review.fields) : [],
    );
    const ranks = items.map((i) => ({ low: 0, medium: 1, high: 2 })[i.confidence as 'low']);
    expect([...ranks].sort()).toEqual(ranks);
    const num = items.find((i) => i.pointer === '/metadata/documentNumber')!;
    expect(num.excerpt!.text.slice(num.excerpt!.start, num.excerpt!.end)).toBe('359/KH-UBND');
    const byFlag = await call(app, 'GET', '/v1/review/queue?flag=sum-mismatch', { key: app.keys.reviewer.key });
    expect(byFlag.body.items.every((i: { flags: string[] }) => i.flags.includes('sum-mismatch'))).toBe(true);
    expect(byFlag.body.items.length).toBeGreaterThan(0);
    const otherProvince = await call(app, 'GET', '/v1/review/queue?province=Hà%20Nội', { key: app.keys.reviewer.key });
    expect(otherProvince.body.items).toEqual([]);
    const sameProvince = await call(app, 'GET', '/v1/review/queue?province=tinh%20bac%20ninh', {
      key: app.keys.reviewer.key,
    });
    expect(sameProvince.body.total).toBe(q.body.total);
    expect((await call(app, 'GET', '/v1/review/queue?batch=nope', { key: app.keys.reviewer.key })).body.total).toBe(0);
  });

  it('invalid patch is refused with the zod reason and stores nothing', async () => {
    const res = await call(app, 'POST', `/v1/documents/${DOC}/corrections`, {
      key: app.keys.reviewer.key,
      body: {
        patch: [{ op: 'replace', path: '/metadata/issuedDate/value', value: '31/02/2021' }],
        expectedBefore: { '/metadata/issuedDate/value': null },
      },
    });
    expect(res.status).toBe(422);
    expect(res.type).toContain('application/problem+json');
    expect(res.body.detail).toContain('metadata.issuedDate.value');
    expect(res.body.errors[0].path).toBe('metadata.issuedDate.value');
    const bad = await call(app, 'POST', `/v1/documents/${DOC}/corrections`, {
      key: app.keys.reviewer.key,
      body: { patch: [{ op: 'replace', path: '/review/needed', value: false }], expectedBefore: {} },
    });
    expect(bad.status).toBe(400);
    const unguarded = await call(app, 'POST', `/v1/documents/${DOC}/corrections`, {
      key: app.keys.reviewer.key,
      body: { patch: [{ op: 'replace', path: NUMBER, value: '359/KH-UBND' }] },
    });
    expect(unguarded.status).toBe(428);
    const history = await call(app, 'GET', `/v1/documents/${DOC}/corrections`, { key: app.keys.reviewer.key });
    expect(history.body.items).toEqual([]);
  });

  it('two reviewers correcting the same field at once: one wins, the other gets 409, nothing is lost', async () => {
    const eff = await call(app, 'GET', `/v1/documents/${DOC}/effective`, { key: app.keys.reviewer.key });
    const etag = eff.headers.get('etag')!;
    const second = await call(app, 'POST', '/v1/keys', {
      key: app.keys.admin.key,
      body: { role: 'reviewer', name: 'B' },
    });
    const send = (key: string, value: string) =>
      call(app, 'POST', `/v1/documents/${DOC}/corrections`, {
        key,
        headers: { 'if-match': etag },
        body: {
          patch: [{ op: 'replace', path: NUMBER, value }],
          comment: value,
          expectedBefore: { [NUMBER]: '359/KH-UB' },
        },
      });
    const [a, b] = await Promise.all([
      send(app.keys.reviewer.key, '359/KH-UBND'),
      send(second.body.key, '359/KH-UBND-B'),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([201, 409]);
    const winner = a.status === 201 ? a : b;
    const loser = a.status === 201 ? b : a;
    expect(loser.type).toContain('application/problem+json');
    expect(loser.body.type).toBe('https://kehoach.dev/problems/conflict');
    const history = await call(app, 'GET', `/v1/documents/${DOC}/corrections`, { key: app.keys.reader.key });
    expect(history.body.items).toHaveLength(1);
    expect(history.body.items[0].changes[0].after).toBe(winner.body.correction.changes[0].after);
    // The history names the reviewer (the key's name), not only the key id.
    expect(history.body.items[0].reviewer).toBe(winner === a ? 'reviewer test' : 'B');
    expect(winner.body.correction.reviewer).toBe(history.body.items[0].reviewer);
    const now = await call(app, 'GET', `/v1/documents/${DOC}/effective`, { key: app.keys.reader.key });
    const f = now.body.extraction.metadata.documentNumber;
    expect(f.value).toBe(winner.body.correction.changes[0].after);
    expect(f.confidence).toBe('high');
    expect(f.flags).toContain('corrected');
    expect(now.body.extraction.review.fields).not.toContain('/metadata/documentNumber');
    // The loser still has its value and can retry against the new revision.
    const retry = await call(app, 'POST', `/v1/documents/${DOC}/corrections`, {
      key: a.status === 409 ? app.keys.reviewer.key : second.body.key,
      body: {
        patch: [{ op: 'replace', path: NUMBER, value: '359/KH-UBND' }],
        expectedRevision: now.body.revision,
      },
    });
    expect(retry.status).toBe(201);
  });

  it('many reviewers racing with only expectedBefore: exactly one correction is stored', async () => {
    const path = '/metadata/title/value';
    const before = (await call(app, 'GET', `/v1/documents/${DOC}/effective`, { key: app.keys.reader.key })).body
      .extraction.metadata.title.value;
    const racers = await Promise.all(
      Array.from({ length: 6 }, (_, n) =>
        call(app, 'POST', `/v1/documents/${DOC}/corrections`, {
          key: app.keys.reviewer.key,
          body: { patch: [{ op: 'replace', path, value: `Tiêu đề ${n}` }], expectedBefore: { [path]: before } },
        }),
      ),
    );
    const won = racers.filter((r) => r.status === 201);
    expect(won).toHaveLength(1);
    expect(racers.filter((r) => r.status === 409)).toHaveLength(5);
    const history = await call(app, 'GET', `/v1/documents/${DOC}/corrections`, { key: app.keys.reader.key });
    const titles = history.body.items.filter((c: { changes: Array<{ path: string }> }) => c.changes[0]?.path === path);
    expect(titles).toHaveLength(1);
    const seqs = history.body.items.map((c: { seq: number }) => c.seq);
    expect(seqs).toEqual(seqs.map((_: number, i: number) => i + 1)); // no gaps, no duplicates
  });

  it('claims: a second reviewer gets 409 while the field is claimed; release frees it', async () => {
    const second = await call(app, 'POST', '/v1/keys', {
      key: app.keys.admin.key,
      body: { role: 'reviewer', name: 'C' },
    });
    const pointer = '/targets/1';
    const mine = await call(app, 'POST', '/v1/review/claims', {
      key: app.keys.reviewer.key,
      body: { documentId: DOC, pointer },
    });
    expect(mine.status).toBe(201);
    const theirs = await call(app, 'POST', '/v1/review/claims', {
      key: second.body.key,
      body: { documentId: DOC, pointer },
    });
    expect(theirs.status).toBe(409);
    expect(theirs.body.claim.keyId).toBe(app.keys.reviewer.id);
    expect(theirs.body.claim.reviewer).toBe('reviewer test');
    const eff = await call(app, 'GET', `/v1/documents/${DOC}/effective`, { key: app.keys.reader.key });
    const blocked = await call(app, 'POST', `/v1/documents/${DOC}/corrections`, {
      key: second.body.key,
      body: { accept: [pointer], expectedRevision: eff.body.revision },
    });
    expect(blocked.status).toBe(409);
    expect(blocked.body.type).toBe('https://kehoach.dev/problems/claimed-by-other');
    expect((await call(app, 'DELETE', `/v1/review/claims/${mine.body.id}`, { key: second.body.key })).status).toBe(403);
    expect(
      (await call(app, 'DELETE', `/v1/review/claims/${mine.body.id}`, { key: app.keys.reviewer.key })).status,
    ).toBe(204);
    const accepted = await call(app, 'POST', `/v1/documents/${DOC}/corrections`, {
      key: second.body.key,
      body: { accept: [pointer], expectedRevision: eff.body.revision },
    });
    expect(accepted.status).toBe(201);
    const target = accepted.body.extraction.targets[1];
    expect(target).toMatchObject({ confidence: 'high', text: sampleExtraction().targets[1]!.text });
    expect(target.flags).toContain('accepted');
  });

  it('an expired claim does not block', async () => {
    const second = await call(app, 'POST', '/v1/keys', {
      key: app.keys.admin.key,
      body: { role: 'reviewer', name: 'D' },
    });
    const pointer = '/tables/0';
    expect(
      (
        await call(app, 'POST', '/v1/review/claims', {
          key: app.keys.reviewer.key,
          body: { documentId: DOC, pointer, ttlSeconds: 1 },
        })
      ).status,
    ).toBe(201);
    await new Promise((r) => setTimeout(r, 1100));
    expect(
      (await call(app, 'POST', '/v1/review/claims', { key: second.body.key, body: { documentId: DOC, pointer } }))
        .status,
    ).toBe(201);
  });

  it('unknown documents are 404 problems', async () => {
    const res = await call(app, 'GET', '/v1/documents/nope/effective', { key: app.keys.reader.key });
    expect(res.status).toBe(404);
    expect(res.body.type).toBe('https://kehoach.dev/problems/not-found');
    void TEXT;
  });
});

describe('documented operations', () => {
  let db: TestDb;
  let app: TestApp;
  beforeAll(async () => {
    db = dbs[0]!;
    app = await startApp(db.sql, 'doc-ops');
  });
  afterAll(async () => {
    await app.close();
  });

  it('the app serves exactly the documented paths', () => {
    const app = reviewApp(db.sql);
    const seen = new Set<string>();
    interface Layer {
      route?: { path: string; methods: Record<string, boolean> };
    }
    const stack = (app as unknown as { router: { stack: Layer[] } }).router.stack;
    for (const layer of stack) {
      if (layer.route) for (const m of Object.keys(layer.route.methods)) seen.add(`${m} ${layer.route.path}`);
    }
    const documented = OPERATIONS.map((o) => `${o.method} ${o.path}`);
    for (const d of documented) expect(seen).toContain(d);
    const paths = buildOpenApi(OPERATIONS)['paths'] as Record<string, unknown>;
    expect(Object.keys(paths).length).toBeGreaterThan(5);
    expect(JSON.stringify(paths['/v1/documents/{id}/corrections'])).toContain('patch');
  });

  it.each(OPERATIONS)('$method $path is enforced as documented ($permission)', async (op) => {
    const path = op.path.replace(':id', 'doc-ops').replace(/:\w+/g, 'x');
    for (const role of ROLES) {
      const res = await call(app, op.method.toUpperCase(), path, {
        key: app.keys[role].key,
        body: op.body ? {} : undefined,
      });
      if (op.permission && can(role, op.permission))
        expect([401, 403], `${role} ${op.method} ${path}`).not.toContain(res.status);
      else expect(res.status, `${role} ${op.method} ${path}`).toBe(403);
    }
  });
});
