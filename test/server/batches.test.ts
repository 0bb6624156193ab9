// Issue 10 over the API, against an embedded server: per-file refusal on upload (and ?atomic=true), batches
// listed, shown, cancelled, resumed and downloaded (NDJSON and ZIP), exports of the effective extractions
// (CSV with BOM, XLSX, NDJSON) carrying a reviewer's correction, and search that forgives missing accents.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { ROOT } from '../helpers/cli.js';
import { form, type Harness, planText, startHarness, waitFor } from './harness.js';

const PROBLEM = 'https://kehoach.dev/problems/';
const MAX_FILE_BYTES = 256 * 1024;

const fixture = (name: string) => readFileSync(join(ROOT, 'fixtures', name, 'input.txt'));
const GIF = new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff]);

interface Batch {
  id: string;
  name: string | null;
  total: number;
  done: number;
  counts: Record<string, number>;
  finishedAt: string | null;
  cancelledAt: string | null;
  pages: { total: number; ocr: number };
  review: { fields: number; documents: number };
  failures: unknown[];
  links: Record<string, string>;
}

function unzip(bytes: Buffer): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const out = new Map<string, string>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            out.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(out));
      zip.readEntry();
    });
  });
}

describe('batches, exports and search over the API (embedded)', () => {
  let h: Harness;
  const json = async <T>(path: string, init?: RequestInit): Promise<T> => {
    const res = await h.request(path, init);
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const post = (path: string, body?: unknown) =>
    h.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const createBatch = async (name: string) => (await (await post('/v1/batches', { name })).json()) as Batch;
  const waitBatch = (id: string) =>
    waitFor(
      async () => {
        const b = await json<Batch>(`/v1/batches/${id}`);
        return b.total > 0 && b.done === b.total ? b : undefined;
      },
      90_000,
      `batch ${id}`,
    );

  beforeAll(async () => {
    h = await startHarness({
      mode: 'embedded',
      // The sweeper would queue what the cancel test stores without queueing; it is not needed here.
      env: { KEHOACH_SWEEP_INTERVAL_MS: '600000', KEHOACH_MAX_FILE_BYTES: String(MAX_FILE_BYTES) },
    });
  });
  afterAll(() => h?.close());

  describe('upload refuses files one by one', () => {
    it('stores the good files and lists each refused one with its problem', async () => {
      const res = await h.request('/v1/documents', {
        method: 'POST',
        body: form([
          { name: 'tốt 1.txt', bytes: planText(501, 'per-file') },
          { name: 'ảnh.gif', bytes: GIF },
          { name: 'rỗng.txt', bytes: '' },
          { name: 'lớn.txt', bytes: `${planText(502, 'per-file')}\n${'x'.repeat(MAX_FILE_BYTES)}` },
          { name: 'tốt 2.txt', bytes: planText(503, 'per-file') },
        ]),
      });
      expect(res.status).toBe(202);
      const body = (await res.json()) as {
        documents: { index: number; fileName: string; id: string }[];
        refused: { index: number; fileName: string; type: string; status: number; detail: string }[];
      };
      expect(body.documents.map((d) => [d.index, d.fileName])).toEqual([
        [0, 'tốt 1.txt'],
        [4, 'tốt 2.txt'],
      ]);
      expect(body.refused.map((r) => [r.index, r.fileName, r.type.replace(PROBLEM, ''), r.status])).toEqual([
        [1, 'ảnh.gif', 'unsupported-document-type', 415],
        [2, 'rỗng.txt', 'empty-file', 422],
        [3, 'lớn.txt', 'file-too-large', 413],
      ]);
      for (const r of body.refused) expect(r.detail.length).toBeGreaterThan(5);
      expect(res.headers.get('location')).toBe(`/v1/documents/${body.documents[0]!.id}`);
    });

    it('?atomic=true keeps all or nothing; a request with no good file is refused as before', async () => {
      const files = [
        { name: 'atomic-ok.txt', bytes: planText(511, 'atomic') },
        { name: 'atomic.gif', bytes: GIF },
      ];
      const atomic = await h.request('/v1/documents?atomic=true', { method: 'POST', body: form(files) });
      expect(atomic.status).toBe(415);
      expect(atomic.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const none = await json<{ items: unknown[] }>(`/v1/documents?q=${encodeURIComponent('atomic')}`);
      expect(none.items).toHaveLength(0);

      const allBad = await h.request('/v1/documents', {
        method: 'POST',
        body: form([
          { name: 'a.gif', bytes: GIF },
          { name: 'b.txt', bytes: '' },
        ]),
      });
      expect(allBad.status).toBe(415);
      const p = (await allBad.json()) as { type: string; fileName: string; refused: { index: number }[] };
      expect(p.type).toBe(`${PROBLEM}unsupported-document-type`);
      expect(p.fileName).toBe('a.gif');
      expect(p.refused.map((r) => r.index)).toEqual([0, 1]);
      await expect(
        h.request('/v1/documents?atomic=maybe', { method: 'POST', body: form(files) }).then((r) => r.status),
      ).resolves.toBe(400);
    });
  });

  describe('batches', () => {
    it('lists batches newest first with their progress, a page at a time', async () => {
      const a = await createBatch('danh sách A');
      const b = await createBatch('danh sách B');
      const up = await h.request(`/v1/batches/${b.id}/documents`, {
        method: 'POST',
        body: form([{ name: 'seed-004.txt', bytes: fixture('seed-004') }]),
      });
      expect(up.status).toBe(202);
      const done = await waitBatch(b.id);
      expect(done.counts).toMatchObject({ done: 1, queued: 0, cancelled: 0 });
      expect(done.pages.total).toBeGreaterThanOrEqual(0);
      expect(done.review.fields).toBeGreaterThan(0);
      expect(done.review.documents).toBe(1);
      expect(done.links['zip']).toBe(`/v1/batches/${b.id}/extractions?format=zip`);

      const page1 = await json<{ items: Batch[]; nextCursor: string | null }>(
        '/v1/batches?name=danh%20s%C3%A1ch&limit=1',
      );
      expect(page1.items.map((x) => x.id)).toEqual([b.id]);
      expect(page1.items[0]!.review.fields).toBe(done.review.fields);
      const page2 = await json<{ items: Batch[]; nextCursor: string | null }>(
        `/v1/batches?name=danh%20s%C3%A1ch&limit=1&cursor=${page1.nextCursor}`,
      );
      expect(page2.items.map((x) => x.id)).toEqual([a.id]);
      const finished = await json<{ items: Batch[] }>('/v1/batches?state=finished&limit=1000');
      expect(finished.items.map((x) => x.id)).toContain(b.id);
      expect(finished.items.map((x) => x.id)).not.toContain(a.id);
      expect((await h.request('/v1/batches?cursor=nonsense')).status).toBe(400);
    }, 150_000);

    it('cancels queued work only, refuses uploads into a cancelled batch, and resumes', async () => {
      const batch = await createBatch('hủy');
      const other = await createBatch('giữ');
      // One document read already; three stored without being queued (as if the queue were behind).
      const first = await h.request(`/v1/batches/${batch.id}/documents`, {
        method: 'POST',
        body: form([{ name: 'đã xong.txt', bytes: planText(601, 'cancel') }]),
      });
      expect(first.status).toBe(202);
      await waitBatch(batch.id);
      const store = h.runtime.store;
      const upload = (i: number) => {
        const bytes = new TextEncoder().encode(planText(610 + i, 'cancel'));
        return {
          sha256: createHash('sha256').update(bytes).digest('hex'),
          fileName: `chờ ${i}.txt`,
          contentType: null,
          format: 'text' as const,
          bytes,
        };
      };
      const queued = await store.sql.transaction((tx) => store.storeUploads(tx, [0, 1, 2].map(upload), batch.id));
      // The third is also in another, live batch: it stays queued for that one.
      await store.sql.transaction((tx) => store.storeUploads(tx, [upload(2)], other.id));
      const ids = queued.documents.map((d) => d.id);

      const res = await post(`/v1/batches/${batch.id}/cancel`);
      expect(res.status).toBe(200);
      const out = (await res.json()) as { batch: Batch; cancelled: string[]; kept: string[]; processing: number };
      expect(out.cancelled).toEqual([ids[0], ids[1]].sort());
      expect(out.kept).toEqual([ids[2]]);
      expect(out.batch.cancelledAt).not.toBeNull();
      expect(out.batch.counts).toMatchObject({ done: 1, cancelled: 2, queued: 1 });
      expect((await json<{ status: string }>(`/v1/documents/${ids[0]}`)).status).toBe('cancelled');

      const refused = await h.request(`/v1/batches/${batch.id}/documents`, {
        method: 'POST',
        body: form([{ name: 'muộn.txt', bytes: planText(620, 'cancel') }]),
      });
      expect(refused.status).toBe(409);
      expect(((await refused.json()) as { type: string }).type).toBe(`${PROBLEM}batch-cancelled`);
      expect((await post('/v1/batches/no-such-batch/cancel')).status).toBe(404);
      const cancelledList = await json<{ items: Batch[] }>('/v1/batches?state=cancelled');
      expect(cancelledList.items.map((b) => b.id)).toContain(batch.id);

      // Resume: the cancelled documents are queued again and read; the batch is live again.
      const again = await post(`/v1/batches/${batch.id}/reprocess?only=cancelled`);
      expect(again.status).toBe(202);
      const requeued = ((await again.json()) as { queued: { id: string }[] }).queued.map((q) => q.id).sort();
      expect(requeued).toEqual([ids[0], ids[1]].sort());
      await h.runtime.queue.enqueue([{ documentId: ids[2]!, generation: 1 }]);
      const resumed = await waitBatch(batch.id);
      expect(resumed.cancelledAt).toBeNull();
      expect(resumed.counts).toMatchObject({ done: 4, cancelled: 0 });
    }, 120_000);

    it('downloads every extraction of a batch as NDJSON and as a ZIP', async () => {
      const batch = await createBatch('tải về');
      await h.request(`/v1/batches/${batch.id}/documents`, {
        method: 'POST',
        body: form([
          { name: 'seed-003.txt', bytes: fixture('seed-003') },
          { name: 'kế hoạch 2.txt', bytes: planText(701, 'download') },
          { name: 'hỏng.txt', bytes: '#### 0101 ~~~~\n'.repeat(50) },
        ]),
      });
      await waitBatch(batch.id);
      const nd = await h.request(`/v1/batches/${batch.id}/extractions`);
      expect(nd.status).toBe(200);
      expect(nd.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
      const lines = (await nd.text())
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { fileName: string; status: string; extraction: { schemaVersion: string } });
      expect(lines.map((l) => l.fileName)).toEqual(['seed-003.txt', 'kế hoạch 2.txt', 'hỏng.txt']);
      expect(lines.every((l) => l.status === 'done' && l.extraction.schemaVersion === '1')).toBe(true);

      const zipRes = await h.request(`/v1/batches/${batch.id}/extractions?format=zip`);
      expect(zipRes.status).toBe(200);
      expect(zipRes.headers.get('content-type')).toBe('application/zip');
      const files = await unzip(Buffer.from(await zipRes.arrayBuffer()));
      expect([...files.keys()].sort()).toEqual([
        'batch.json',
        'documents.ndjson',
        'extractions/0001 seed-003.json',
        'extractions/0002 kế hoạch 2.json',
        'extractions/0003 hỏng.json',
      ]);
      const seed = JSON.parse(files.get('extractions/0001 seed-003.json')!) as {
        metadata: { title: { value: string } };
      };
      expect(seed.metadata.title.value).toContain('TRẺ EM TỈNH BẮC NINH');
      expect((JSON.parse(files.get('batch.json')!) as Batch).total).toBe(3);
      expect((await h.request('/v1/batches/nope/extractions')).status).toBe(404);
      expect((await h.request(`/v1/batches/${batch.id}/extractions?format=tar`)).status).toBe(400);
    }, 120_000);
  });

  describe('exports and search over plans', () => {
    const NAMES = [
      'corpus-11_cantho-153-phong-chong-ma-tuy',
      'corpus-29_dongnai-182-phong-chong-ma-tuy',
      'corpus-07_dongthap-552-doi-moi-cong-nghe-2035',
      'seed-003',
      'seed-004',
    ];
    const ids = new Map<string, string>();
    let batchId: string;

    beforeAll(async () => {
      batchId = (await createBatch('tìm kiếm')).id;
      const res = await h.request(`/v1/batches/${batchId}/documents`, {
        method: 'POST',
        body: form(NAMES.map((n) => ({ name: `${n}.txt`, bytes: fixture(n) }))),
      });
      const body = (await res.json()) as { documents: { id: string; index: number }[] };
      for (const d of body.documents) ids.set(NAMES[d.index]!, d.id);
      await waitBatch(batchId);
    }, 120_000);

    const search = async (query: string) =>
      (await json<{ items: { id: string }[] }>(`/v1/search?batch=${batchId}&${query}`)).items.map((i) => i.id);

    it('finds the same plans with or without accents, in any case; đ reads as d', async () => {
      const drugs = [ids.get(NAMES[1]!), ids.get(NAMES[0]!)]; // newest issue date first
      const accented = await search(`q=${encodeURIComponent('ma túy')}`);
      expect(accented).toEqual(drugs);
      for (const q of ['ma tuy', 'MA TUY', 'Ma Tuý', 'MA TÚY', 'ma  tuy!']) {
        expect(await search(`q=${encodeURIComponent(q)}`), q).toEqual(accented);
      }
      // Text typed in decomposed form (combining accents) too.
      expect(await search(`q=${encodeURIComponent('ma túy'.normalize('NFD'))}`)).toEqual(accented);
      const dongThap = [ids.get(NAMES[2]!)];
      for (const q of ['đổi mới công nghệ', 'doi moi cong nghe', 'ĐỔI MỚI CÔNG NGHỆ', 'Dong Thap']) {
        expect(await search(`q=${encodeURIComponent(q)}`), q).toEqual(dongThap);
      }
      // Whole syllables: "tuy" alone is not "tuyên".
      expect(await search(`q=${encodeURIComponent('ma tu')}`)).toEqual([]);
      // An agency name and a target's text are searched too.
      expect(await search(`q=${encodeURIComponent('so lao dong thuong binh va xa hoi')}`)).toContain(
        ids.get('seed-004'),
      );
      // The document list matches the same way.
      const listed = await json<{ items: { id: string }[] }>(
        `/v1/documents?batch=${batchId}&q=${encodeURIComponent('MA TUY')}`,
      );
      expect(listed.items.map((d) => d.id).sort()).toEqual([...drugs].sort());
      expect(await search(`q=${encodeURIComponent('—')}`)).toEqual([]);
    });

    it('filters by province, year, issuer kind, flag and needs review, sorted by date', async () => {
      const all = await search('');
      expect(all).toEqual([NAMES[1], NAMES[2], NAMES[0], 'seed-003', 'seed-004'].map((n) => ids.get(n!)));
      expect(await search('sort=date')).toEqual([...all].reverse());
      expect(await search(`province=${encodeURIComponent('dong nai')}`)).toEqual([ids.get(NAMES[1]!)]);
      expect(await search('year=2016')).toEqual([ids.get('seed-004')]);
      expect(await search('issuerKind=people-committee')).toEqual(all);
      expect(await search('issuerKind=ministry')).toEqual([]);
      const hits = (
        await json<{ items: { id: string; flags: string[]; needsReview: boolean }[] }>(`/v1/search?batch=${batchId}`)
      ).items;
      const flag = hits.flatMap((x) => x.flags).find((f) => hits.some((x) => !x.flags.includes(f)))!;
      expect(await search(`flag=${flag}`)).toEqual(hits.filter((x) => x.flags.includes(flag)).map((x) => x.id));
      expect(await search('needsReview=true')).toEqual(hits.filter((x) => x.needsReview).map((x) => x.id));
      const page = await json<{ items: { id: string }[]; nextCursor: string }>(`/v1/search?batch=${batchId}&limit=2`);
      const next = await json<{ items: { id: string }[] }>(
        `/v1/search?batch=${batchId}&limit=2&cursor=${page.nextCursor}`,
      );
      expect([...page.items, ...next.items].map((x) => x.id)).toEqual(all.slice(0, 4));
      expect((await h.request('/v1/search?issuerKind=nobody')).status).toBe(400);
    });

    it("exports CSV (BOM), XLSX and NDJSON of the effective extractions, with a reviewer's correction", async () => {
      const seed = ids.get('seed-003')!;
      const eff = await json<{ revision: string; extraction: { targets: { values: { value: number }[] }[] } }>(
        `/v1/documents/${seed}/effective`,
      );
      expect(eff.extraction.targets[0]!.values[0]!.value).toBe(82);
      const fix = await post(`/v1/documents/${seed}/corrections`, {
        patch: [{ op: 'replace', path: '/targets/0/values/0/value', value: 83.5 }],
        expectedRevision: eff.revision,
      });
      expect(fix.status).toBe(201);

      const csvRes = await h.request(`/v1/exports/targets?format=csv&document=${seed}`);
      expect(csvRes.status).toBe(200);
      expect(csvRes.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
      expect(csvRes.headers.get('content-disposition')).toMatch(/^attachment; filename="kehoach-targets-/);
      const raw = Buffer.from(await csvRes.arrayBuffer());
      expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const rows = parse(raw, { bom: true, columns: true }) as Record<string, string>[];
      expect(Object.keys(rows[0]!)).toContain('Nội dung chỉ tiêu');
      const first = rows.filter((r) => r['Mã chỉ tiêu'] === rows[0]!['Mã chỉ tiêu']);
      expect(first.map((r) => r['Giá trị'])).toEqual(['83.5', '87']);
      expect(rows[0]!['Nội dung chỉ tiêu']).toMatch(/^Chỉ tiêu 1: Tỷ lệ xã, phường, thị trấn/);

      const xlsxRes = await h.request(`/v1/exports/all?format=xlsx&batch=${batchId}`);
      expect(xlsxRes.status).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load((await xlsxRes.arrayBuffer()) as ArrayBuffer);
      expect(book.worksheets.map((w) => w.name)).toEqual(['Chỉ tiêu', 'Phân công', 'Kinh phí', 'Ô bảng kinh phí']);
      const sheet = book.getWorksheet('Chỉ tiêu')!;
      const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
      const col = (label: string) => header.indexOf(label) + 1;
      const corrected = [];
      for (let r = 2; r <= sheet.rowCount; r++) {
        const row = sheet.getRow(r);
        if (row.getCell(col('Mã tài liệu')).value === seed && row.getCell(col('Giá trị')).value === 83.5) {
          corrected.push(row.getCell(col('Năm đạt')).value);
        }
      }
      expect(corrected).toEqual([2025]);
      const provinces = new Set<unknown>();
      for (let r = 2; r <= sheet.rowCount; r++) provinces.add(sheet.getRow(r).getCell(col('Tỉnh/thành phố')).value);
      expect(provinces.has('Bắc Ninh')).toBe(true);

      const nd = await h.request(`/v1/exports/responsibilities?format=ndjson&q=${encodeURIComponent('ma tuy')}`);
      const lines = (await nd.text())
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { kind: string; documentId: string });
      expect(lines.length).toBeGreaterThan(0);
      expect(new Set(lines.map((l) => l.documentId))).toEqual(new Set([ids.get(NAMES[0]!), ids.get(NAMES[1]!)]));
      expect(lines.every((l) => l.kind === 'responsibilities')).toBe(true);

      expect((await h.request('/v1/exports/all?format=csv')).status).toBe(400);
      expect((await h.request('/v1/exports/nothing')).status).toBe(404);
      expect((await h.request('/v1/exports/targets?format=pdf')).status).toBe(400);
    });
  });
});
