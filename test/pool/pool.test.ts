// The parse pool: same results as extract() in this thread, progress relayed, budgets enforced by killing the
// worker, and the pool keeps serving after a kill.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { UnreadableDocumentError } from '../../src/errors.js';
import { extract } from '../../src/pipeline.js';
import { ParsePool } from '../../src/pool/index.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const fixture = (name: string) => {
  const dir = path.join(FIXTURES, name);
  const file = readdirSync(dir).find((f) => f.startsWith('input.'))!;
  return { bytes: readFileSync(path.join(dir, file)), fileName: file };
};

const pools: ParsePool[] = [];
const pool = (opts: ConstructorParameters<typeof ParsePool>[0]) => {
  const p = new ParsePool(opts);
  pools.push(p);
  return p;
};
afterAll(() => Promise.all(pools.map((p) => p.close())));

describe('ParsePool', () => {
  it('returns exactly what extract() returns, for every format, with the JSON serialised in the worker', async () => {
    const p = pool({ size: 2 });
    const names = ['seed-000', 'seed-003-docx', 'seed-004-html', 'seed-000-pdf', 'corpus-B02-scan-pdf'];
    const results = await Promise.all(names.map((n) => p.run(fixture(n))));
    for (const [i, name] of names.entries()) {
      const direct = await extract(fixture(name));
      expect(results[i]!.extraction, name).toEqual(direct.extraction);
      expect(results[i]!.text, name).toBe(direct.text);
      expect(results[i]!.json, name).toBe(JSON.stringify(direct.extraction));
    }
    expect(p.stats().workers).toBe(2);
  }, 120_000);

  it('relays progress reported inside ingest', async () => {
    const p = pool({ size: 1 });
    const seen: unknown[] = [];
    await p.run(fixture('seed-003-pdf'), { onProgress: (x) => seen.push(x) });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.at(-1)).toMatchObject({ phase: 'pages' });
  }, 60_000);

  it('fails a task past its wall-clock budget as a typed timeout naming the limit, then keeps serving', async () => {
    const p = pool({ size: 1, timeoutBaseMs: 1, timeoutPerMbMs: 0 });
    const err = await p.run(fixture('seed-000-pdf')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnreadableDocumentError);
    expect((err as UnreadableDocumentError).reason).toBe('timeout');
    expect((err as Error).message).toMatch(/budget/);
    expect(p.stats().workers).toBe(0);
  }, 60_000);

  it('counts a task’s budget from when its worker is ready: a slow start is not the document’s time', async () => {
    const p = new ParsePool(
      { size: 1, timeoutBaseMs: 2000, timeoutPerMbMs: 0 },
      new URL('./slow-start-worker.js', import.meta.url),
    );
    pools.push(p);
    const started = Date.now();
    const result = await p.run({ bytes: new TextEncoder().encode('KẾ HOẠCH\nThử khởi động chậm'), fileName: 'a.txt' });
    expect(result.extraction.document).toBeDefined();
    expect(Date.now() - started).toBeGreaterThan(3000);
  }, 60_000);

  it('makes room for OCR: a scan read within its OCR budget is not killed by the base budget', async () => {
    process.env['KEHOACH_TEST_OCR_BUDGET_MS'] = '5000';
    process.env['KEHOACH_TEST_OCR_MS'] = '1500';
    const slow = new URL('./slow-ocr-worker.js', import.meta.url);
    const p = new ParsePool({ size: 1, timeoutBaseMs: 500, timeoutPerMbMs: 0 }, slow);
    pools.push(p);
    const ok = await p.run({ bytes: new TextEncoder().encode('KẾ HOẠCH\nBản quét'), fileName: 'a.txt' });
    expect(ok.extraction.document).toBeDefined();
    // Past the OCR budget as well, the task still ends as a timeout that names the extension.
    process.env['KEHOACH_TEST_OCR_BUDGET_MS'] = '200';
    process.env['KEHOACH_TEST_OCR_MS'] = '3000';
    const q = new ParsePool({ size: 1, timeoutBaseMs: 500, timeoutPerMbMs: 0 }, slow);
    pools.push(q);
    const err = await q
      .run({ bytes: new TextEncoder().encode('KẾ HOẠCH'), fileName: 'b.txt' })
      .catch((e: unknown) => e);
    expect((err as UnreadableDocumentError).reason).toBe('timeout');
    expect((err as Error).message).toMatch(/extended by the 0 s OCR budget/);
  }, 60_000);

  it('fails a PDF whose reader leaves a promise rejected as corrupt-file at once, and replaces the worker', async () => {
    // Saved by npm run fuzz (xref-rejection.json): pdf.js rejects "Inconsistent generation in XRef" where nobody
    // awaits it; that used to end the worker as a crash (or, caught, wait out the whole budget).
    const p = pool({ size: 1, timeoutBaseMs: 60_000 });
    const bytes = readFileSync(fileURLToPath(new URL('./xref-rejection.pdf', import.meta.url)));
    const started = Date.now();
    const err = await p.run({ bytes, fileName: 'x.pdf' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnreadableDocumentError);
    expect((err as UnreadableDocumentError).reason).toBe('corrupt-file');
    expect((err as Error).message).toMatch(/XRef/);
    expect(Date.now() - started).toBeLessThan(45_000);
    const ok = await p.run(fixture('seed-000'));
    expect(ok.extraction.metadata.documentNumber.value).toBe('824/KH-UBND');
  }, 90_000);

  it('fails a task that outgrows the heap cap as resource-limit, and the next task runs in a fresh worker', async () => {
    const p = pool({ size: 1, heapMb: 160, timeoutBaseMs: 120_000 });
    // 20 MB of plan-like lines inside every content limit: the reading alone grows far past 160 MB (a smaller cap
    // no longer fits the loaded readers: OCR, legacy encodings).
    const line = '1. Sở Y tế chủ trì, phối hợp với các sở, ngành triển khai thực hiện đạt 90% vào năm 2025.\n';
    const text = line.repeat(Math.ceil((20 * 1024 * 1024) / Buffer.byteLength(line)));
    const err = await p.run({ bytes: Buffer.from(text), fileName: 'big.txt' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnreadableDocumentError);
    expect((err as UnreadableDocumentError).reason).toBe('resource-limit');
    expect((err as Error).message).toMatch(/160 MB/);
    const ok = await p.run(fixture('seed-000'));
    expect(ok.extraction.metadata.documentNumber.value).toBeTruthy();
  }, 120_000);

  it('hands the input over without copying when asked to (the caller’s buffer is detached)', async () => {
    const p = pool({ size: 1 });
    const src = fixture('seed-002');
    const bytes = new Uint8Array(src.bytes);
    const r = await p.run({ bytes, fileName: src.fileName }, { transfer: true });
    expect(bytes.byteLength).toBe(0);
    expect(r.extraction.document.chars).toBeGreaterThan(0);
  }, 60_000);

  it('runEncoded replies with the JSON file bytes (compact or indented) and the counts, as extract() gives them', async () => {
    const p = pool({ size: 1 });
    const src = fixture('seed-001');
    const direct = (await extract(src)).extraction;
    const compact = await p.runEncoded(src, { pretty: false });
    expect(Buffer.from(compact.bytes).toString('utf8')).toBe(`${JSON.stringify(direct)}\n`);
    expect(compact.summary).toEqual({
      sections: direct.sections.length,
      targets: direct.targets.length,
      responsibilities: direct.responsibilities.length,
      tables: direct.tables.length,
      reviewFields: direct.review.fields.length,
    });
    expect(compact.summary.sections).toBeGreaterThan(0);
    const pretty = await p.runEncoded(src, { pretty: true });
    expect(Buffer.from(pretty.bytes).toString('utf8')).toBe(`${JSON.stringify(direct, null, 2)}\n`);
  }, 60_000);
});
