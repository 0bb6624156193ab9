import { describe, expect, it } from 'vitest';
import { isVietnameseSyllable, scoreText, spanFails, textFails } from '../../src/quality/syllable.js';

describe('Vietnamese syllables', () => {
  it('accepts real syllables and Central Highlands names', () => {
    for (const w of ['nghiêng', 'Ủy', 'quyết', 'gì', 'giữa', 'khuya', 'Đắk', 'Lắk', 'Krông', 'hoạch', 'người', 'TIÊU'])
      expect(isVietnameseSyllable(w), w).toBe(true);
  });
  it('rejects mojibake, impossible tones and foreign words', () => {
    for (const w of ['MUÏC', 'TIEÂU', 'ho¹ch', 'c¸c', 'été', 'hoạchs', 'tàp', 'Ñoäc', 'xyz', 'café'])
      expect(isVietnameseSyllable(w), w).toBe(false);
  });
  it('does not count numbers, abbreviations, table rules or foreign scripts', () => {
    const s = scoreText('Số: 157/KH-UBND | UBND tỉnh, CĐN, HĐND, 12,5% — Internet IoT Şanlıurfa Маркс');
    expect(s.counted).toBe(2); // "Số" and "tỉnh"
    expect(s.share).toBe(1);
  });
  it('fails mojibake, passes real text', () => {
    expect(textFails(scoreText('KEÁ HOAÏCH THÖÏC HIEÄN ÑEÀ AÙN CHAÊM SOÙC VÌ SÖÏ PHAÙT TRIEÅN'))).toBe(true);
    expect(textFails(scoreText('Kế hoạch thực hiện Đề án chăm sóc vì sự phát triển toàn diện trẻ em'))).toBe(false);
    expect(spanFails(scoreText('MUÏC TIEÂU'))).toBe(true);
    expect(spanFails(scoreText('MỤC TIÊU'))).toBe(false);
    expect(spanFails(scoreText('157/KH-UBND'))).toBe(false);
  });
});
