// The two PDF engines behind readPdf (pdf.js; poppler's pdftotext with pdf.js for the pages only it can read),
// and the work pdf.js is spared: no operator list, hence no table detection and no image decoding, on a page
// without text or without stroked lines. The poppler tests are registered only where `pdftotext` is installed
// (CI installs poppler-utils); elsewhere they do not exist rather than show as skipped.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterEach, describe, expect, it } from 'vitest';
import { UnreadableDocumentError } from '../../src/errors.js';
import { choosePdfEngine, parsePdfInThisThread, readPdf } from '../../src/ingest/pdf.js';
import { layoutPage, parseBbox, popplerAvailable } from '../../src/ingest/pdf-poppler.js';
import { mayHoldTable, scanPdf } from '../../src/ingest/pdf-scan.js';
import { parsePdf, pdfjsWork } from '../../src/ingest/pdf-worker.js';
import { extract } from '../../src/pipeline.js';
import { fixtureCases, readFixture } from '../helpers/fixtures.js';

// Counters live in the thread that parses: read PDFs here, not in a worker thread per document.
parsePdfInThisThread();

const PDFS = fixtureCases().filter((c) => c.input.endsWith('.pdf'));
const TEXT_PDFS = PDFS.filter((c) => !c.name.includes('scan'));
const SCANS = PDFS.filter((c) => c.name.includes('scan'));
const LIMITS = { maxPages: 300, maxImagePixels: 16 * 1024 * 1024 };
const bytesOf = (name: string) => new Uint8Array(readFixture(name));

/** pdf.js's own count of stroked paths per page (what pdf-parse's table detection reads). */
async function pdfjsStrokes(bytes: Uint8Array): Promise<number[]> {
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, verbosity: 0 }).promise;
  const out: number[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const ops = await (await doc.getPage(n)).getOperatorList();
    out.push(
      ops.fnArray.filter((f, i) => f === pdfjs.OPS.constructPath && ops.argsArray[i]?.[0] === pdfjs.OPS.stroke).length,
    );
  }
  await doc.destroy();
  return out;
}

function delta<T>(run: () => Promise<T>): Promise<{ result: T; work: typeof pdfjsWork }> {
  const before = { ...pdfjsWork };
  return run().then((result) => ({
    result,
    work: {
      documents: pdfjsWork.documents - before.documents,
      textContents: pdfjsWork.textContents - before.textContents,
      operatorLists: pdfjsWork.operatorLists - before.operatorLists,
      tableDetections: pdfjsWork.tableDetections - before.tableDetections,
    },
  }));
}

describe('table detection only where a table can be', () => {
  it.each(SCANS.map((c) => c.name))('%s (scanned): no operator list, no table detection', async (name) => {
    const bytes = bytesOf(name);
    // Even without the raw scan's help: a page without text never gets an operator list.
    const { result, work } = await delta(() => parsePdf({ bytes: new Uint8Array(bytes), ...LIMITS }));
    expect(result.ok && result.pages.every((p) => p.tables.length === 0)).toBe(true);
    expect(work.operatorLists).toBe(0);
    expect(work.tableDetections).toBe(0);
    for (const engine of ['pdfjs', ...(popplerAvailable() ? ['poppler' as const] : [])] as const) {
      const read = await delta(() => readPdf(bytes, { engine }, null));
      expect(read.work.operatorLists).toBe(0);
      expect(read.work.tableDetections).toBe(0);
      expect(read.result.messages.map((m) => m.code)).toEqual(['no-text-layer']);
    }
  });

  it('a text page without stroked lines gets no table detection, and no operator list when the scan rules it out', async () => {
    const bytes = bytesOf('seed-000-pdf');
    const unguided = await delta(() => parsePdf({ bytes: new Uint8Array(bytes), ...LIMITS }));
    expect(unguided.work.operatorLists).toBe(8);
    expect(unguided.work.tableDetections).toBe(0);
    const scan = scanPdf(bytes);
    const tablePages = scan!.pages.flatMap((p, i) => (mayHoldTable(p) ? [i + 1] : []));
    expect(tablePages).toEqual([]);
    const guided = await delta(() => parsePdf({ bytes: new Uint8Array(bytes), ...LIMITS, tablePages }));
    expect(guided.work.operatorLists).toBe(0);
    expect(guided.result).toEqual(unguided.result);
  });

  it('B01: table detection on the pages that stroke lines, with the same tables', async () => {
    const bytes = bytesOf('corpus-B01-pdf');
    const scan = scanPdf(bytes)!;
    const tablePages = scan.pages.flatMap((p, i) => (mayHoldTable(p) ? [i + 1] : []));
    expect(tablePages).toEqual([1, 17, 18, 19, 20, 21, 22, 23, 24, 25]);
    const unguided = await parsePdf({ bytes: new Uint8Array(bytes), ...LIMITS });
    const guided = await delta(() => parsePdf({ bytes: new Uint8Array(bytes), ...LIMITS, tablePages }));
    expect(guided.work.operatorLists).toBe(10);
    expect(guided.work.tableDetections).toBe(10);
    expect(guided.result).toEqual(unguided);
    const withTables = guided.result.ok ? guided.result.pages.filter((p) => p.tables.length > 0).map((p) => p.num) : [];
    expect(withTables.every((n) => n >= 17)).toBe(true);
  });
});

describe('the raw scan (pdf-scan.ts)', () => {
  it.each(PDFS.map((c) => c.name))('%s: strokes per page as pdf.js counts them', async (name) => {
    const bytes = bytesOf(name);
    const scan = scanPdf(bytes);
    expect(scan).not.toBeNull();
    expect(scan!.pages.map((p) => p.strokes)).toEqual(await pdfjsStrokes(bytes));
  });

  it('gives up (null) on what it cannot follow: encryption, garbage', () => {
    const encrypted = new Uint8Array(readFileSync(new URL('./data/encrypted.pdf', import.meta.url)));
    expect(scanPdf(encrypted)).toBeNull();
    expect(scanPdf(new TextEncoder().encode('%PDF-1.7\n\u0000\u0001garbage'))).toBeNull();
  });

  it('B01: the signed copy stamps its number and date as annotations on pages 1, 17 and 23', () => {
    const scan = scanPdf(bytesOf('corpus-B01-pdf'))!;
    expect(scan.pages.flatMap((p, i) => (p.annotationText ? [i + 1] : []))).toEqual([1, 17, 23]);
    // Times New Roman's box is 1.107 sizes high (ascent 891, descent 216), as poppler computes it.
    expect(scan.pages[5]!.fontHeights).toEqual([1.107, 1.107]);
  });
});

describe('engine choice', () => {
  const saved = process.env.KEHOACH_PDF_ENGINE;
  afterEach(() => {
    if (saved === undefined) delete process.env.KEHOACH_PDF_ENGINE;
    else process.env.KEHOACH_PDF_ENGINE = saved;
  });

  it('KEHOACH_PDF_ENGINE=pdfjs|poppler|auto; an unknown value is an error', () => {
    expect(choosePdfEngine(undefined, { KEHOACH_PDF_ENGINE: 'pdfjs' })).toBe('pdfjs');
    // This file parses inline (parsePdfInThisThread above), as a pool worker does: auto keeps the warm pdf.js.
    expect(choosePdfEngine(undefined, {})).toBe('pdfjs');
    expect(choosePdfEngine(undefined, { KEHOACH_PDF_ENGINE: 'auto' })).toBe('pdfjs');
    expect(choosePdfEngine('pdfjs', { KEHOACH_PDF_ENGINE: 'poppler' })).toBe('pdfjs');
    expect(() => choosePdfEngine(undefined, { KEHOACH_PDF_ENGINE: 'mupdf' })).toThrow(/auto, pdfjs or poppler/);
  });

  it('lays out pdftotext words as pdf.js does: spaces, font changes, wrapped lines, tabs', () => {
    const w = (text: string, x0: number, x1: number, y1: number) => ({ text, x0, x1, y0: y1 - 11.07, y1 });
    const page = layoutPage(
      [
        w('Số', 100, 115, 100),
        w('1914', 118, 140, 100), // a space (0.27 sizes)
        w('/KH', 140, 160, 100), // a font change, no gap
        w('UBND', 100, 130, 115), // back and down: a new line
        w('x', 60, 65, 115.2), // back along the same line by 65 units: a tab
      ],
      [1.107, 1.107],
    );
    expect(page).toEqual({ text: 'Số 1914/KH\nUBND\tx', uncertain: false });
    // Forward and down by 0.95 box heights: a new line for a font whose box is 1.3 sizes, not for 0.9 → uncertain.
    expect(layoutPage([w('a', 10, 20, 100), w('b', 30, 40, 110.5)]).uncertain).toBe(true);
    expect(layoutPage([w('a', 10, 20, 100), w('b', 30, 40, 110.5)], [1.3, 1.3]).text).toBe('a\nb');
  });

  it('parses pdftotext -bbox output, entities included', () => {
    const pages = parseBbox(
      '<doc><page width="595.3" height="842"><word xMin="1" yMin="2" xMax="3" yMax="4">A&amp;B&lt;</word></page>' +
        '<page width="595.3" height="842"></page></doc>',
    );
    expect(pages).toEqual([
      { num: 1, width: 595.3, height: 842, words: [{ text: 'A&B<', x0: 1, y0: 2, x1: 3, y1: 4 }] },
      { num: 2, width: 595.3, height: 842, words: [] },
    ]);
  });
});

// Registered only where poppler is installed: absent, these tests do not exist (CI installs poppler-utils).
if (popplerAvailable()) {
  describe('poppler engine', () => {
    const saved = process.env.KEHOACH_PDF_ENGINE;
    afterEach(() => {
      if (saved === undefined) delete process.env.KEHOACH_PDF_ENGINE;
      else process.env.KEHOACH_PDF_ENGINE = saved;
    });

    // Both engines against the same golden expected.json (test/golden.test.ts runs the default engine).
    for (const c of TEXT_PDFS) {
      it(`${c.name}: both engines give the golden extraction`, async () => {
        const want = JSON.parse(readFileSync(c.expected, 'utf8'));
        for (const engine of ['pdfjs', 'poppler']) {
          process.env.KEHOACH_PDF_ENGINE = engine;
          const { extraction } = await extract({ bytes: readFileSync(c.input), fileName: path.basename(c.input) });
          expect({ engine, extraction }).toEqual({ engine, extraction: want });
        }
      }, 300_000);
    }

    // Scans are OCR'd the same way whichever engine read the (empty) text layer: the readers agree page for page
    // before OCR, and the golden test OCRs them once with the default engine.
    for (const c of [...TEXT_PDFS, ...SCANS]) {
      it(`${c.name}: the same document tree from both engines`, async () => {
        const bytes = bytesOf(c.name);
        const a = await readPdf(bytes, { engine: 'pdfjs' }, null);
        const b = await delta(() => readPdf(bytes, { engine: 'poppler' }, null));
        expect(b.result).toEqual(a);
        // pdf.js reads only the pages poppler cannot: on the seed renderings, none.
        if (c.name.startsWith('seed-')) expect(b.work.documents).toBe(0);
      }, 300_000);
    }

    it('B01: pdf.js reads only the pages with ruled tables or stamped annotations', async () => {
      const { work } = await delta(() => readPdf(bytesOf('corpus-B01-pdf'), { engine: 'poppler' }, null));
      expect(work.documents).toBe(1);
      expect(work.textContents).toBe(10);
    });

    it('typed failures as with pdf.js: encrypted, corrupt, timeout', async () => {
      const reason = (p: Promise<unknown>) =>
        p.then(
          () => 'resolved',
          (e: unknown) => (e instanceof UnreadableDocumentError ? e.reason : String(e)),
        );
      const encrypted = new Uint8Array(readFileSync(new URL('./data/encrypted.pdf', import.meta.url)));
      expect(await reason(readPdf(encrypted, { engine: 'poppler' }))).toBe('encrypted');
      const garbage = new TextEncoder().encode('%PDF-1.7\n\u0000\u0001garbage');
      expect(await reason(readPdf(garbage, { engine: 'poppler' }))).toBe('corrupt-file');
      expect(await reason(readPdf(bytesOf('corpus-B01-pdf'), { engine: 'poppler', timeoutMs: 5 }))).toBe('timeout');
    });
  });
}
