import { describe, expect, it } from 'vitest';
import { fuzzyEquals, fuzzyIncludes, ocrDistance } from '../../src/rules/fuzzy.js';
import { documentKindByName } from '../../src/rules/legal.js';
import { classifySection } from '../../src/rules/sections.js';

describe('OCR-tolerant matching', () => {
  it('charges half for a wrong diacritic or a look-alike, one for a different letter', () => {
    expect(ocrDistance('tiểu', 'tiêu')).toBe(0.5);
    expect(ocrDistance('cử', 'cứ')).toBe(0.5);
    expect(ocrDistance('0', 'o')).toBe(0.5);
    expect(ocrDistance('tieu', 'tiau')).toBe(1);
    expect(ocrDistance('muc', 'mucc')).toBe(1);
  });

  it.each([
    ['I. MỤC TIỂU', 'objectives'],
    ['II. MỤC TIÊUU CHUNG', 'objectives'],
    ['III. TỎ CHỨC THỰC HIỆN', 'implementation'],
    ['IV. KINH PHl THỰC HIỆN', 'budget'],
    ['I. Căn cử xây dựng kế hoạch', 'basis'],
    ['V. T0 CHỨC THỰC HIỆN', 'implementation'],
    ['I. MỤC ĐÍCH, YÊU CÂU', 'purpose'],
    ['II. NHIỆM VỤ CỤ THẺ', 'tasks'],
  ])('classifies the OCR-damaged heading %s', (title, kind) => {
    expect(classifySection(title)).toBe(kind);
  });

  it.each([
    ['I. TÀI CHÍNH CÔNG', null],
    ['II. DANH MỤC', null],
  ])('does not stretch a heading into a kind: %s', (title, kind) => {
    expect(classifySection(title)).toBe(kind);
  });

  it('reads a scanned document-type line', () => {
    expect(documentKindByName('KÉ HOẠCH')?.name).toBe('Kế hoạch');
    expect(documentKindByName('KE HOẠCH')?.name).toBe('Kế hoạch');
    expect(documentKindByName('QUYÊT ĐỊNH')?.name).toBe('Quyết định');
    expect(documentKindByName('HỌC HÀNH')).toBeNull();
  });

  it('keeps short words exact and long phrases within two errors', () => {
    expect(fuzzyEquals('kể', 'kế')).toBe(false);
    expect(fuzzyIncludes('nội dung chương trình', 'nội dụng')).toBe(true);
    expect(fuzzyIncludes('tổ chức hội nghị', 'tổ chức thực hiện')).toBe(false);
  });

  it('stays fast on long adversarial text', () => {
    const text = 'mục '.repeat(50_000);
    const t0 = performance.now();
    fuzzyIncludes(text, 'tổ chức thực hiện');
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});
