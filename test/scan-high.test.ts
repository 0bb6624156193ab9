// Issue 7, "must show" 3: no value marked high in any scan fixture whose source text is garbled or misread.
// Checked on the recorded goldens (fixtures/*scan*/expected.json, no OCR run, so it is cheap and holds for every
// golden ever recorded): every text a high value carries must stand, word for word, on the printed page — in
// the seed's text for a seed plan's scan, and for the scanned Hải Phòng plan in fixtures/corpus-B02-scan-pdf/
// printed.txt, its text as printed, typed from the page images (`pdftoppm -r 100`) and checked by eye.
// test/scans.test.ts checks the other side: every value read differently from the text is below high.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Extraction } from '../src/contract/schema.js';
import { FIXTURES_DIR, fixtureCases } from './helpers/fixtures.js';

/**
 * Text compared as words, punctuation as words of its own: markdown emphasis, table bars, line breaks, spacing
 * and case ignored (an issuer is given as "Ủy ban nhân dân tỉnh …" where the header prints it in capitals).
 */
function words(s: string): string {
  return ` ${s
    .normalize('NFC')
    .toLowerCase()
    .replace(/[*|]/g, ' ')
    .replace(/([,.;:!?()"“”])/g, ' $1 ')
    .replace(/\s+/g, ' ')
    .trim()} `;
}

/** Keys holding what the page says; the others hold rule-table names, codes, numbers or positions. */
const PRINTED_KEYS = new Set(['value', 'title', 'text', 'tasks', 'name', 'position', 'onBehalfOf', 'words']);
/** A section's confidence is its heading's: the paragraphs under it (`items`) are not values of their own. */
const NOT_THE_VALUE = new Set(['source', 'flags', 'canonical', 'memberCanonicals', 'items']);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The printed strings of a value: ISO dates (a reading of "ngày 9 tháng 3 năm 2020") are not printed as such. */
function printedStrings(v: unknown, key: string | null, out: string[]): void {
  if (typeof v === 'string') {
    if (key !== null && PRINTED_KEYS.has(key) && !ISO_DATE.test(v)) {
      // "TM. ỦY BAN NHÂN DÂN; KT. CHỦ TỊCH": the authority lines, joined by the reader.
      out.push(...(key === 'onBehalfOf' ? v.split('; ') : [v]));
    }
    return;
  }
  if (Array.isArray(v)) {
    for (const x of v) printedStrings(x, key, out);
    return;
  }
  if (typeof v !== 'object' || v === null) return;
  for (const [k, x] of Object.entries(v)) {
    if (NOT_THE_VALUE.has(k)) continue;
    printedStrings(x, k, out);
  }
}

interface HighText {
  path: string;
  text: string;
}

/** Every string a high value of the extraction carries, with the path of the value. */
function highTexts(e: Extraction): HighText[] {
  const out: HighText[] = [];
  const walk = (v: unknown, at: string): void => {
    if (Array.isArray(v)) {
      for (const [i, x] of v.entries()) walk(x, `${at}[${i}]`);
      return;
    }
    if (typeof v !== 'object' || v === null) return;
    const o = v as Record<string, unknown>;
    if (o.confidence === 'high') {
      const strings: string[] = [];
      printedStrings(o, null, strings);
      for (const text of strings) out.push({ path: at, text });
      return;
    }
    // `kind` values are codes ("plan", "department"), not text of the page.
    for (const [k, x] of Object.entries(o)) if (k !== 'source' && k !== 'kind') walk(x, `${at}.${k}`);
  };
  walk(e, '');
  return out;
}

const scans = fixtureCases().filter((c) => c.name.includes('scan'));

function printedText(name: string): string {
  const seed = /^seed-(\d{3})-scan/.exec(name)?.[1];
  const file = seed
    ? path.join(FIXTURES_DIR, `seed-${seed}`, 'input.txt')
    : path.join(FIXTURES_DIR, name, 'printed.txt');
  return words(readFileSync(file, 'utf8'));
}

describe('scan fixtures: every high value is printed as read', () => {
  it('covers every scan fixture', () => {
    expect(scans.length).toBeGreaterThanOrEqual(7);
  });

  for (const c of scans) {
    it(c.name, () => {
      const e = JSON.parse(readFileSync(c.expected, 'utf8')) as Extraction;
      const page = printedText(c.name);
      const misread = highTexts(e).filter((h) => !page.includes(words(h.text)));
      expect(misread).toEqual([]);
    });
  }

  it('catches a misread high value', () => {
    const e = {
      metadata: { title: { value: 'Triên khai một sô nhiệm vụ', confidence: 'high', flags: [], source: null } },
    };
    const page = words('Triển khai một số nhiệm vụ trọng tâm');
    expect(highTexts(e as unknown as Extraction).filter((h) => !page.includes(words(h.text)))).toHaveLength(1);
  });
});
