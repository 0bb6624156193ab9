// The API test suite, run unchanged against every deployment mode (see api.*.test.ts).
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExtractionSchema } from '../../src/contract/schema.js';
import { form, type Harness, planText, waitFor } from './harness.js';

const PROBLEM = 'https://kehoach.dev/problems/';
const MAX_FILE_BYTES = 64 * 1024;
const MAX_FILES = 8;
const MAX_REQUEST_BYTES = 3 * MAX_FILE_BYTES;

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

async function expectProblem(res: Response, status: number, type: string): Promise<Record<string, unknown>> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = (await res.json()) as Record<string, unknown>;
  expect(body['type']).toBe(PROBLEM + type);
  expect(body['status']).toBe(status);
  expect(typeof body['title']).toBe('string');
  expect(String(body['detail']).length).toBeGreaterThan(5);
  return body;
}

/** A raw multipart body, for cases FormData cannot express. */
function rawMultipart(parts: string, boundary = 'XyZ'): RequestInit {
  return { method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, body: parts };
}

export function defineApiSuite(
  name: string,
  start: (env: Record<string, string>) => Promise<Harness>,
  skip: string | null,
): void {
  describe.skipIf(skip !== null)(`API (${name})`, () => {
    let h: Harness;
    let hook: Server;
    const received: Received[] = [];
    const secret = 'test-secret';

    beforeAll(async () => {
      hook = createServer((req, res) => {
        let body = '';
        req.on('data', (c) => {
          body += c;
        });
        req.on('end', () => {
          received.push({ headers: req.headers, body });
          res.end('ok');
        });
      });
      await new Promise<void>((r) => hook.listen(0, '127.0.0.1', () => r()));
      h = await start({
        KEHOACH_MAX_FILE_BYTES: String(MAX_FILE_BYTES),
        KEHOACH_MAX_FILES: String(MAX_FILES),
        KEHOACH_MAX_REQUEST_BYTES: String(MAX_REQUEST_BYTES),
        KEHOACH_MAX_JSON_BYTES: '1024',
        KEHOACH_WEBHOOK_URL: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`,
        KEHOACH_WEBHOOK_SECRET: secret,
        KEHOACH_WEBHOOK_INTERVAL_MS: '100',
      });
    });
    afterAll(async () => {
      await h?.close();
      await new Promise<void>((r) => hook?.close(() => r()));
    });

    async function upload(files: Parameters<typeof form>[0], fields: Record<string, string> = {}, headers = {}) {
      return h.request('/v1/documents', { method: 'POST', body: form(files, fields), headers });
    }

    async function waitDone(id: string): Promise<Record<string, unknown>> {
      return waitFor(
        async () => {
          const doc = (await (await h.request(`/v1/documents/${id}`)).json()) as Record<string, unknown>;
          return doc['status'] === 'done' || doc['status'] === 'failed' ? doc : undefined;
        },
        30_000,
        `document ${id}`,
      );
    }

    it('stores an upload, extracts it, and serves status, extraction, text and original', async () => {
      const text = planText(1, `${name} single`);
      const res = await upload([{ name: 'kế hoạch 1.txt', bytes: text }]);
      expect(res.status).toBe(202);
      const body = (await res.json()) as { documents: { id: string; duplicate: boolean; format: string }[] };
      expect(body.documents).toHaveLength(1);
      const id = body.documents[0]!.id;
      expect(body.documents[0]!.format).toBe('text');
      const doc = await waitDone(id);
      expect(doc['status']).toBe('done');
      expect(doc['fileName']).toBe('kế hoạch 1.txt');

      const ex = await h.request(`/v1/documents/${id}/extraction`);
      expect(ex.status).toBe(200);
      const extraction = ExtractionSchema.parse(await ex.json());
      const t = await h.request(`/v1/documents/${id}/text`);
      expect(t.headers.get('content-type')).toMatch(/^text\/plain/);
      expect((await t.text()).length).toBe(extraction.document.chars);

      const orig = await h.request(`/v1/documents/${id}/original`);
      expect(orig.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(orig.headers.get('content-disposition')).toContain("filename*=UTF-8''k%E1%BA%BF");
      expect(await orig.text()).toBe(text);
    });

    it('stores identical bytes once, whatever their name', async () => {
      const text = planText(2, `${name} dup`);
      const a = (await (await upload([{ name: 'a.txt', bytes: text }])).json()) as { documents: { id: string }[] };
      const b = (await (await upload([{ name: 'b.txt', bytes: text }])).json()) as {
        documents: { id: string; duplicate: boolean }[];
      };
      expect(b.documents[0]!.id).toBe(a.documents[0]!.id);
      expect(b.documents[0]!.duplicate).toBe(true);
      // Two copies in one request are one document too.
      const c = (await (
        await upload([
          { name: 'c1.txt', bytes: text },
          { name: 'c2.txt', bytes: text },
        ])
      ).json()) as { documents: { id: string }[] };
      expect(new Set(c.documents.map((d) => d.id))).toEqual(new Set([a.documents[0]!.id]));
      const list = (await (await h.request(`/v1/documents?q=${encodeURIComponent(`${name} dup`)}`)).json()) as {
        items: unknown[];
      };
      await waitDone(a.documents[0]!.id);
      const counts = await h.runtime.store.countExtractions(a.documents[0]!.id);
      expect(counts.rows).toBe(1);
      expect(list.items.length).toBeLessThanOrEqual(1);
    });

    it('honours Idempotency-Key: same request → same response, one document, one job', async () => {
      const key = `idem-${name}-${Date.now()}`;
      const files = [{ name: 'idem.txt', bytes: planText(3, `${name} idem`) }];
      const first = await upload(files, {}, { 'Idempotency-Key': key });
      const second = await upload(files, {}, { 'Idempotency-Key': key });
      expect(first.status).toBe(202);
      expect(second.status).toBe(202);
      expect(second.headers.get('idempotent-replayed')).toBe('true');
      const a = (await first.json()) as { documents: { id: string }[] };
      expect(await second.json()).toEqual(a);
      await waitDone(a.documents[0]!.id);
      expect(await h.runtime.store.countExtractions(a.documents[0]!.id)).toEqual({ rows: 1, runs: 1 });

      const other = await upload(
        [{ name: 'other.txt', bytes: planText(4, `${name} idem other`) }],
        {},
        {
          'Idempotency-Key': key,
        },
      );
      await expectProblem(other, 422, 'idempotency-key-reused');

      // Creating a batch twice with one key creates one batch.
      const bkey = `${key}-batch`;
      const init = {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'Idempotency-Key': bkey },
        body: JSON.stringify({ name: 'idem' }),
      };
      const b1 = (await (await h.request('/v1/batches', init)).json()) as { id: string };
      const b2 = (await (await h.request('/v1/batches', init)).json()) as { id: string };
      expect(b2.id).toBe(b1.id);
      await expectProblem(
        await h.request('/v1/batches', { ...init, body: JSON.stringify({ name: 'x' }) }),
        422,
        'idempotency-key-reused',
      );
      await expectProblem(
        await upload(files, {}, { 'Idempotency-Key': 'bad key with spaces' }),
        400,
        'invalid-idempotency-key',
      );
    });

    it('tracks a batch: counts, done/total, failures with reasons, webhooks', async () => {
      const created = await h.request('/v1/batches', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: `batch ${name}` }),
      });
      expect(created.status).toBe(201);
      const batch = (await created.json()) as { id: string };
      // Detected as PDF from its bytes, but not a readable PDF: a terminal failure with a reason.
      const brokenPdf = `%PDF-1.4\n${'garbage '.repeat(20)}${name}\n`;
      const res = await h.request(`/v1/batches/${batch.id}/documents`, {
        method: 'POST',
        body: form([
          { name: 'p1.txt', bytes: planText(5, `${name} batch`) },
          { name: 'p2.txt', bytes: planText(6, `${name} batch`) },
          { name: 'broken.pdf', bytes: brokenPdf, type: 'application/pdf' },
        ]),
      });
      expect(res.status).toBe(202);
      // The optional "batch" form field of POST /v1/documents adds to the same batch.
      const extra = await upload([{ name: 'p3.txt', bytes: planText(7, `${name} batch`) }], { batch: batch.id });
      expect(((await extra.json()) as { batchId: string }).batchId).toBe(batch.id);

      const summary = await waitFor(
        async () => {
          const b = (await (await h.request(`/v1/batches/${batch.id}`)).json()) as {
            total: number;
            done: number;
            counts: Record<string, number>;
            failures: { reason: string; message: string; fileName: string }[];
            finishedAt: string | null;
          };
          return b.done === b.total && b.finishedAt ? b : undefined;
        },
        60_000,
        'batch',
      );
      expect(summary.total).toBe(4);
      expect(summary.counts['done']).toBe(3);
      expect(summary.counts['failed']).toBe(1);
      expect(summary.failures).toHaveLength(1);
      expect(summary.failures[0]!.fileName).toBe('broken.pdf');
      expect(summary.failures[0]!.reason).toMatch(/^[a-z-]+$/);
      expect(summary.failures[0]!.message.length).toBeGreaterThan(0);

      const failedId = (
        (await (await h.request(`/v1/documents?batch=${batch.id}&status=failed`)).json()) as {
          items: { id: string }[];
        }
      ).items[0]!.id;
      await expectProblem(await h.request(`/v1/documents/${failedId}/extraction`), 409, 'document-failed');

      // Signed webhooks: one per finished document and one for the batch.
      const batchHook = await waitFor(
        async () =>
          received.find((r) => r.headers['x-kehoach-event'] === 'batch.finished' && r.body.includes(batch.id)),
        15_000,
        'batch webhook',
      );
      const ts = String(batchHook.headers['x-kehoach-timestamp']);
      const expected = `sha256=${createHmac('sha256', secret).update(`${ts}.${batchHook.body}`).digest('hex')}`;
      expect(batchHook.headers['x-kehoach-signature']).toBe(expected);
      // Delivery order is not guaranteed (a failed delivery is retried later), so wait for it too.
      await waitFor(
        async () =>
          received.some((r) => r.headers['x-kehoach-event'] === 'document.finished' && r.body.includes(failedId))
            ? true
            : undefined,
        15_000,
        'document webhook',
      );

      // Reprocessing the failed ones only re-queues that document.
      const rep = await h.request(`/v1/batches/${batch.id}/reprocess?only=failed`, { method: 'POST' });
      expect(rep.status).toBe(202);
      const queued = ((await rep.json()) as { queued: { id: string; generation: number }[] }).queued;
      expect(queued).toEqual([{ id: failedId, generation: 2 }]);
      expect((await waitDone(failedId))['status']).toBe('failed');
    });

    it('reprocesses a document: one stored row, written again', async () => {
      const res = await upload([{ name: 'rep.txt', bytes: planText(8, `${name} rep`) }]);
      const id = ((await res.json()) as { documents: { id: string }[] }).documents[0]!.id;
      await waitDone(id);
      const rep = await h.request(`/v1/documents/${id}/reprocess`, { method: 'POST' });
      expect(rep.status).toBe(202);
      await waitFor(
        async () => ((await h.runtime.store.countExtractions(id)).runs === 2 ? true : undefined),
        30_000,
        'second run',
      );
      expect(await h.runtime.store.countExtractions(id)).toEqual({ rows: 1, runs: 2 });
      const doc = await waitDone(id);
      expect(doc['generation']).toBe(2);
    });

    it('lists with filters and cursor pagination', async () => {
      const tag = `${name} list`;
      const res = await upload([0, 1, 2].map((i) => ({ name: `l${i}.txt`, bytes: planText(20 + i, tag) })));
      const ids = ((await res.json()) as { documents: { id: string }[] }).documents.map((d) => d.id);
      for (const id of ids) await waitDone(id);
      const q = encodeURIComponent(tag);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = (await (
          await h.request(`/v1/documents?q=${q}&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
        ).json()) as { items: { id: string }[]; nextCursor: string | null };
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((d) => d.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(new Set(seen)).toEqual(new Set(ids));
      expect(seen).toHaveLength(3);

      const done = (await (await h.request(`/v1/documents?q=${q}&status=done`)).json()) as { items: unknown[] };
      expect(done.items).toHaveLength(3);
      const queued = (await (await h.request(`/v1/documents?q=${q}&status=queued`)).json()) as { items: unknown[] };
      expect(queued.items).toHaveLength(0);
      const first = (await (await h.request(`/v1/documents/${ids[0]}`)).json()) as {
        province: string | null;
        year: number | null;
        needsReview: boolean;
      };
      if (first.province) {
        const byProvince = (await (
          await h.request(`/v1/documents?q=${q}&province=${encodeURIComponent(first.province)}`)
        ).json()) as { items: unknown[] };
        expect(byProvince.items.length).toBeGreaterThan(0);
        const none = (await (await h.request(`/v1/documents?q=${q}&province=Atlantis`)).json()) as { items: unknown[] };
        expect(none.items).toHaveLength(0);
      }
      if (first.year) {
        const byYear = (await (await h.request(`/v1/documents?q=${q}&year=${first.year}`)).json()) as {
          items: { year: number }[];
        };
        expect(byYear.items.every((d) => d.year === first.year)).toBe(true);
        expect(byYear.items.length).toBeGreaterThan(0);
      }
      const review = (await (await h.request(`/v1/documents?q=${q}&needsReview=${first.needsReview}`)).json()) as {
        items: { needsReview: boolean }[];
      };
      expect(review.items.length).toBeGreaterThan(0);
      expect(review.items.every((d) => d.needsReview === first.needsReview)).toBe(true);
    });

    it('lists the documents nothing could be read from, by their diagnostic', async () => {
      const tag = `unreadable ${name} ${Date.now()}`;
      // Text, but not one Vietnamese syllable: the extraction says so (no-readable-text) instead of nine misses.
      const res = await upload([
        { name: `${tag}.txt`, bytes: `${'#### 0101 1010 ~~~~ %%%% ----\n'.repeat(40)}` },
        { name: `${tag} plan.txt`, bytes: planText(90, tag) },
      ]);
      const ids = ((await res.json()) as { documents: { id: string }[] }).documents.map((d) => d.id);
      for (const id of ids) await waitDone(id);
      const q = encodeURIComponent(tag);
      const found = (await (await h.request(`/v1/documents?q=${q}&diagnostic=no-readable-text`)).json()) as {
        items: { id: string }[];
      };
      expect(found.items.map((d) => d.id)).toEqual([ids[0]]);
      const extraction = (await (await h.request(`/v1/documents/${ids[0]}/extraction`)).json()) as {
        review: { fields: string[] };
      };
      expect(extraction.review.fields).toEqual(['/document']);
      await expectProblem(await h.request('/v1/documents?diagnostic=NOT%20A%20CODE'), 400, 'invalid-query');
    });

    describe('refusals answer with problem+json', () => {
      it('too large: 413 file-too-large / too-many-files', async () => {
        const big = `${planText(30, name)}\n${'x'.repeat(MAX_FILE_BYTES)}`;
        const p = await expectProblem(await upload([{ name: 'big.txt', bytes: big }]), 413, 'file-too-large');
        expect(p['limitBytes']).toBe(MAX_FILE_BYTES);
        const many = Array.from({ length: MAX_FILES + 1 }, (_, i) => ({
          name: `m${i}.txt`,
          bytes: planText(40 + i, `${name} many`),
        }));
        await expectProblem(await upload(many), 413, 'too-many-files');
        // Nothing of a refused request is stored.
        const list = (await (await h.request(`/v1/documents?q=${encodeURIComponent(`${name} many`)}`)).json()) as {
          items: unknown[];
        };
        expect(list.items).toHaveLength(0);
        // Each file under the limit, all of them together over the request limit.
        const chunky = Array.from({ length: 4 }, (_, i) => ({
          name: `c${i}.txt`,
          bytes: `${planText(60 + i, name)}\n${'y'.repeat(MAX_FILE_BYTES - 2000)}`,
        }));
        await expectProblem(await upload(chunky), 413, 'body-too-large');
        const json = await h.request('/v1/batches', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name: 'x'.repeat(2000) }),
        });
        await expectProblem(json, 413, 'body-too-large');
      });

      it('wrong type by content, not by name: 415', async () => {
        // A GIF (scans are read from JPEG, PNG and TIFF only).
        const gif = new Uint8Array([
          0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff,
        ]);
        const p = await expectProblem(
          await upload([{ name: 'plan.pdf', bytes: gif, type: 'application/pdf' }]),
          415,
          'unsupported-document-type',
        );
        expect(p['fileName']).toBe('plan.pdf');
        await expectProblem(
          await h.request('/v1/documents', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{}',
          }),
          415,
          'unsupported-media-type',
        );
      });

      it('empty file: 422 empty-file; no file part: 400 no-files', async () => {
        await expectProblem(await upload([{ name: 'empty.txt', bytes: '' }]), 422, 'empty-file');
        await expectProblem(await upload([], { note: 'no file' }), 400, 'no-files');
      });

      it('malformed multipart: 400', async () => {
        const truncated = '--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nhello';
        await expectProblem(await h.request('/v1/documents', rawMultipart(truncated)), 400, 'malformed-multipart');
        const noBoundary = { method: 'POST', headers: { 'content-type': 'multipart/form-data' }, body: 'junk' };
        await expectProblem(await h.request('/v1/documents', noBoundary), 400, 'malformed-multipart');
        await expectProblem(
          await h.request('/v1/batches', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{"name":',
          }),
          400,
          'invalid-body',
        );
      });

      it('unknown id: 404', async () => {
        const id = '00000000-0000-4000-8000-000000000000';
        for (const path of [
          `/v1/documents/${id}`,
          `/v1/documents/${id}/extraction`,
          `/v1/documents/${id}/text`,
          `/v1/documents/${id}/original`,
          `/v1/batches/${id}`,
        ]) {
          await expectProblem(await h.request(path), 404, 'not-found');
        }
        await expectProblem(await h.request(`/v1/documents/${id}/reprocess`, { method: 'POST' }), 404, 'not-found');
        await expectProblem(await h.request(`/v1/batches/${id}/reprocess`, { method: 'POST' }), 404, 'not-found');
        await expectProblem(
          await upload([{ name: 'x.txt', bytes: planText(50, name) }], { batch: id }),
          404,
          'unknown-batch',
        );
        await expectProblem(await h.request('/v1/nothing-here'), 404, 'route-not-found');
      });

      it('bad query: 400 invalid-query', async () => {
        for (const q of [
          'year=abc',
          'status=lost',
          'needsReview=maybe',
          'limit=0',
          'cursor=bm9wZQ',
          'colour=red',
          'year=2020&year=2021',
        ]) {
          const p = await expectProblem(await h.request(`/v1/documents?${q}`), 400, 'invalid-query');
          expect(p['detail']).toMatch(/query/i);
        }
        await expectProblem(
          await h.request(`/v1/batches/x/reprocess?only=some`, { method: 'POST' }),
          400,
          'invalid-query',
        );
      });
    });

    it('serves the contract schema, OpenAPI, reference page, health and metrics', async () => {
      const schema = (await (await h.request('/v1/schema')).json()) as Record<string, unknown>;
      expect(schema['$schema']).toMatch(/2020-12/);
      const openapi = (await (await h.request('/openapi.json')).json()) as {
        openapi: string;
        paths: Record<string, Record<string, { 'x-permission'?: string }>>;
        components: { schemas: Record<string, unknown> };
      };
      expect(openapi.openapi).toBe('3.1.0');
      expect(Object.keys(openapi.paths)).toEqual(
        expect.arrayContaining(['/v1/documents', '/v1/documents/{id}/extraction', '/v1/batches/{id}']),
      );
      expect(openapi.paths['/v1/documents']?.['post']?.['x-permission']).toBe('documents:write');
      // Every $ref resolves inside the document.
      const text = JSON.stringify(openapi);
      for (const [, ref] of text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)) {
        expect(openapi.components.schemas[ref!], ref).toBeDefined();
      }
      expect((await h.request('/docs')).status).toBe(200);
      // bull-board exists exactly when BullMQ runs the jobs.
      const board = await h.request('/admin/queues');
      expect(board.status).toBe(h.runtime.queue.kind === 'bullmq' ? 200 : 404);
      expect((await h.request('/healthz')).status).toBe(200);
      expect((await h.request('/readyz')).status).toBe(200);
      const metrics = await (await h.request('/metrics')).text();
      expect(metrics).toContain('kehoach_http_request_duration_seconds');
      expect(metrics).toMatch(/kehoach_documents\{status="done"\} \d+/);
    });
  });
}
