import { describe, expect, it } from 'vitest';
import { ocrConfidence, spanWordConfidences, suspectWords } from '../../src/checks/ocr.js';
import { attachGeometry, locate } from '../../src/doc/geometry.js';
import type { Doc, Line } from '../../src/doc/types.js';

function doc(lines: Omit<Line, 'number' | 'start' | 'end' | 'kind' | 'wrapped'>[]): Doc {
  let at = 0;
  const out: Line[] = lines.map((l, i) => {
    const line: Line = { ...l, number: i + 1, start: at, end: at + l.text.length, kind: 'text', wrapped: false };
    at += l.text.length + 1;
    return line;
  });
  return {
    format: 'image',
    sha256: '0'.repeat(64),
    fileName: null,
    pages: 1,
    text: out.map((l) => l.text).join('\n'),
    lines: out,
    tables: [],
    messages: [],
  };
}

const scanned = doc([
  {
    text: 'Số: 68/KH-UBND',
    page: 1,
    geo: {
      box: { x: 0.1, y: 0.1, width: 0.3, height: 0.02 },
      ocr: {
        words: [
          { text: 'Số:', confidence: 96 },
          { text: '68/KH-UBND', confidence: 49 },
        ],
      },
    },
  },
  {
    text: 'KẾ HOẠCH',
    page: 1,
    geo: {
      box: { x: 0.4, y: 0.2, width: 0.2, height: 0.02 },
      ocr: {
        words: [
          { text: 'KẾ', confidence: 95 },
          { text: 'HOẠCH', confidence: 93 },
        ],
      },
    },
  },
  { text: 'typed text', page: 2 },
]);

describe('OCR-aware confidence', () => {
  it('finds the OCR confidences of the words inside a span', () => {
    expect(spanWordConfidences(scanned, { start: 5, end: 15, line: 1 })).toEqual([49]);
    expect(spanWordConfidences(scanned, { start: 16, end: 24, line: 2 })).toEqual([95, 93]);
    expect(spanWordConfidences(scanned, { start: 25, end: 30, line: 3 })).toBeNull();
  });

  it('only lowers: a misread-prone value drops, a confidently read one stays, others get the ocr flag', () => {
    const value = {
      number: { value: '68/KH-UBND', confidence: 'high', flags: [], source: { start: 5, end: 15, line: 1 } },
      type: { value: 'Kế hoạch', confidence: 'high', flags: [], source: { start: 16, end: 24, line: 2 } },
      inferred: { value: 'x', confidence: 'medium', flags: ['inferred'], source: { start: 16, end: 24, line: 2 } },
      typed: { value: 'y', confidence: 'high', flags: [], source: { start: 25, end: 30, line: 3 } },
      none: { value: null, confidence: 'medium', flags: ['missing'], source: null },
    } as const;
    const out = ocrConfidence(value, scanned);
    expect(out.number).toMatchObject({ confidence: 'low', flags: ['ocr', 'ocr-low-confidence'] });
    expect(out.type).toMatchObject({ confidence: 'high', flags: ['ocr'] });
    expect(out.inferred).toMatchObject({ confidence: 'medium', flags: ['inferred', 'ocr'] });
    expect(out.typed).toMatchObject({ confidence: 'high', flags: [] });
    expect(out.none).toEqual(value.none);
  });
});

describe('confidently misread diacritics', () => {
  const words = (ws: string[]) => ws.map((text) => ({ text, confidence: 96 }));
  const d = doc([
    {
      text: 'thành phố thành phố thành phố',
      page: 1,
      geo: {
        box: { x: 0, y: 0, width: 1, height: 0.01 },
        ocr: { words: words(['thành', 'phố', 'thành', 'phố', 'thành', 'phố']) },
      },
    },
    {
      text: 'thành phô',
      page: 1,
      geo: { box: { x: 0, y: 0.1, width: 1, height: 0.01 }, ocr: { words: words(['thành', 'phô']) } },
    },
  ]);

  it('a rare diacritic variant of a frequent word is suspect, even read at 96', () => {
    expect([...suspectWords(d)]).toEqual(['phô']);
    const v = {
      t: { value: 'thành phô', confidence: 'high', flags: [], source: { start: 30, end: 39, line: 2 } },
    } as const;
    expect(ocrConfidence(v, d).t).toMatchObject({ confidence: 'medium', flags: ['ocr', 'ocr-low-confidence'] });
    const ok = {
      t: { value: 'thành phố', confidence: 'high', flags: [], source: { start: 0, end: 9, line: 1 } },
    } as const;
    expect(ocrConfidence(ok, d).t).toMatchObject({ confidence: 'high', flags: ['ocr'] });
  });
});

describe('geometry', () => {
  it('maps a span to its page and the union of its lines’ boxes', () => {
    expect(locate(scanned, { start: 5, end: 24, line: 1 })).toEqual({
      page: 1,
      box: { x: 0.1, y: 0.1, width: 0.5, height: 0.12 },
    });
    expect(locate(scanned, { start: 25, end: 30, line: 3 })).toEqual({ page: 2 });
  });

  it('writes page and box on every source span, leaving the input untouched', () => {
    const value = {
      a: { source: { start: 16, end: 24, line: 2 } },
      list: [{ source: { start: 25, end: 30, line: 3 } }],
    };
    const out = attachGeometry(value, scanned);
    expect(out.a.source).toEqual({
      start: 16,
      end: 24,
      line: 2,
      page: 1,
      box: { x: 0.4, y: 0.2, width: 0.2, height: 0.02 },
    });
    expect(out.list[0]?.source).toEqual({ start: 25, end: 30, line: 3, page: 2 });
    expect(value.a.source).toEqual({ start: 16, end: 24, line: 2 });
  });
});
