// Every Vietnamese letter through every legacy table and back (rules-as-data: src/rules/encodings/tables.ts).
import { describe, expect, it } from 'vitest';
import { decodeLegacy, encodeLegacy, LEGACY_ENCODINGS } from '../../src/ingest/legacy/convert.js';
import { CP1258, TCVN3, TCVN3_CAPITALS, VISCII, VNI } from '../../src/rules/encodings/tables.js';

const LOWER = [...'aàảãáạăằẳẵắặâầẩẫấậeèẻẽéẹêềểễếệiìỉĩíịoòỏõóọôồổỗốộơờởỡớợuùủũúụưừửữứựyỳỷỹýỵđ'];
const ALL = [...LOWER, ...LOWER.map((c) => c.toUpperCase())];

describe('legacy encoding tables', () => {
  it('cover the 134 Vietnamese letters with marks, each once', () => {
    const marked = ALL.filter((c) => !/[a-z]/i.test(c));
    expect(marked).toHaveLength(134);
    expect(new Set(Object.values(VISCII))).toEqual(new Set(marked));
    expect(new Set([...Object.values(TCVN3), ...Object.values(TCVN3_CAPITALS)])).toEqual(new Set(marked));
    expect(Object.keys(VNI)).toHaveLength(130); // ì í Ì Í are Windows-1252's own
    expect(Object.values(CP1258)).toContain('\u0323');
  });
  for (const encoding of LEGACY_ENCODINGS) {
    it(`${encoding}: every letter round-trips (Unicode → legacy → Unicode)`, () => {
      for (const ch of ALL) {
        const legacy = encodeLegacy(ch, encoding);
        expect(decodeLegacy(legacy, encoding), `${encoding} ${ch} as ${JSON.stringify(legacy)}`).toBe(ch);
      }
      const sentence = 'Ủy ban nhân dân tỉnh Đắk Lắk ban hành Kế hoạch thực hiện; MỤC TIÊU, NHIỆM VỤ';
      expect(decodeLegacy(encodeLegacy(sentence, encoding), encoding)).toBe(sentence);
    });
  }
  it('TCVN3 in Word: ABC has no capitals with tones; the .VnTimeH font draws the lowercase codes as capitals', () => {
    for (const ch of LOWER) {
      const up = ch.toUpperCase();
      const legacy = encodeLegacy(up, 'tcvn3', { abcOnly: true, upper: true });
      expect(decodeLegacy(legacy, 'tcvn3', { abcOnly: true, upper: true })).toBe(up);
    }
    expect(() => encodeLegacy('Ế', 'tcvn3', { abcOnly: true })).toThrow(/cannot write/);
    expect(decodeLegacy('KÕ ho¹ch', 'tcvn3')).toBe('Kế hoạch');
    expect(decodeLegacy('môc tiªu', 'tcvn3', { abcOnly: true, upper: true })).toBe('MỤC TIÊU');
  });
  it("VNI: the issue's example", () => {
    expect(decodeLegacy('MUÏC TIEÂU', 'vni')).toBe('MỤC TIÊU');
    expect(decodeLegacy('UÛY BAN NHAÂN DAÂN TÆNH', 'vni')).toBe('ỦY BAN NHÂN DÂN TỈNH');
  });
});
