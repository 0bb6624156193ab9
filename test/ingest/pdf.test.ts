import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ParagraphBlock, TableBlock } from '../../src/doc/types.js';
import { UnreadableDocumentError } from '../../src/errors.js';
import { ingest } from '../../src/ingest/index.js';
import { readPdf } from '../../src/ingest/pdf.js';
import { readFixture } from '../helpers/fixtures.js';

const b01 = readFixture('corpus-B01-pdf');

async function reason(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(UnreadableDocumentError);
    return (err as UnreadableDocumentError).reason;
  }
  return 'resolved';
}

describe('readPdf on the real corpus', () => {
  it('B01 (issued plan, 25 pages): text per page, tables from the annexes, page numbers stripped', async () => {
    const tree = await ingest(b01, { fileName: 'B01.pdf' });
    expect(tree.format).toBe('pdf');
    expect(tree.pages).toBe(25);
    expect(tree.messages).toEqual([]);
    const paras = tree.blocks.filter((b): b is ParagraphBlock => b.type === 'paragraph');
    expect(paras.every((p) => p.page !== undefined && p.page >= 1 && p.page <= 25)).toBe(true);
    const text = paras.map((p) => p.text).join('\n');
    expect(text).toContain('KẾ HOẠCH');
    expect(text).toContain('Chuyển đổi số tỉnh Hải Dương năm 2023');
    // The issued number 1914 is stamped on the signed copy as an image, not text: the text layer
    // carries the blank "Số: /KH-UBND" of the draft.
    expect(text).toMatch(/Số:\s*\/KH-UBND/);
    // Page numbers printed at the top of pages 2..25 are gone.
    for (let n = 2; n <= 25; n++) {
      const first = paras.find((p) => p.page === n);
      if (first) expect(first.text.trim()).not.toBe(String(n));
    }
    const tables = tree.blocks.filter((b): b is TableBlock => b.type === 'table');
    expect(tables.length).toBeGreaterThanOrEqual(6);
    expect(tables.every((t) => t.origin === 'pdf' && t.page! >= 17)).toBe(true);
    expect(tables[0]?.rows[0]).toEqual([
      'STT',
      'Tên dự án/nhiệm vụ',
      'Đơn vị chủ trì',
      'Đơn vị phối\nhợp',
      'Thời gian thực\nhiện',
    ]);
    // The table rows are not also left behind as text lines.
    expect(paras.some((p) => p.text.startsWith('STT Tên dự án/nhiệm vụ'))).toBe(false);
  });

  it('B02 (scan) with OCR turned off: a valid tree with a no-text-layer warning, not a crash', async () => {
    const tree = await ingest(readFixture('corpus-B02-scan-pdf'), { ocr: false });
    expect(tree.pages).toBe(3);
    expect(tree.messages.map((m) => [m.code, m.severity])).toEqual([['no-text-layer', 'warning']]);
    // The user is told what to do, not only what went wrong.
    expect(tree.messages[0]?.message).toMatch(/scanned.*OCR/su);
  });
});

describe('readPdf limits and hostile files', () => {
  it('a deadline kills the worker: timeout', async () => {
    expect(await reason(readPdf(b01, { timeoutMs: 20 }))).toBe('timeout');
  });

  it('the page cap reads the first pages and says so', async () => {
    const tree = await readPdf(b01, { maxPages: 2 });
    expect(tree.pages).toBe(25);
    expect(new Set(tree.blocks.map((b) => b.page))).toEqual(new Set([1, 2]));
    expect(tree.messages.map((m) => m.code)).toEqual(['pages-truncated']);
  });

  it('password-protected: encrypted', async () => {
    const bytes = new Uint8Array(readFileSync(new URL('./data/encrypted.pdf', import.meta.url)));
    expect(await reason(ingest(bytes))).toBe('encrypted');
  });

  it('a header with garbage: corrupt-file', async () => {
    expect(await reason(readPdf(new TextEncoder().encode('%PDF-1.7\n\u0000\u0001garbage')))).toBe('corrupt-file');
  });

  it('a truncated PDF either yields what is readable or fails typed — never crashes', async () => {
    const cut = b01.subarray(0, Math.floor(b01.length * 0.4));
    const r = await reason(ingest(cut));
    expect(['resolved', 'corrupt-file']).toContain(r);
  });
});
