import { describe, expect, it } from 'vitest';
import { parseVnNumberWords } from '../../src/numbers/words.js';

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];

/** Formal reading of 0..999, written as a clerk would after a higher group ("không trăm lẻ năm"). */
function group(n: number, full: boolean, variant: number): string[] {
  const h = Math.floor(n / 100);
  const t = Math.floor((n % 100) / 10);
  const u = n % 10;
  const out: string[] = [];
  if (full || h > 0) out.push(DIGITS[h] as string, 'trăm');
  if (t === 0) {
    if (u > 0) {
      if (out.length > 0) out.push(variant % 2 ? 'linh' : 'lẻ');
      out.push(u === 4 && variant % 3 === 0 && out.length > 0 ? 'tư' : (DIGITS[u] as string));
    }
  } else if (t === 1) {
    out.push('mười');
    if (u === 5) out.push(variant % 2 ? 'lăm' : 'nhăm');
    else if (u > 0) out.push(DIGITS[u] as string);
  } else {
    out.push(DIGITS[t] as string, 'mươi');
    if (u === 1) out.push('mốt');
    else if (u === 4) out.push(variant % 2 ? 'tư' : 'bốn');
    else if (u === 5) out.push('lăm');
    else if (u > 0) out.push(DIGITS[u] as string);
  }
  return out;
}

function toWords(n: number, variant: number): string {
  if (n === 0) return 'không';
  const scales: Array<[number, string]> = [
    [1e9, variant % 2 ? 'tỷ' : 'tỉ'],
    [1e6, 'triệu'],
    [1e3, variant % 3 ? 'nghìn' : 'ngàn'],
    [1, ''],
  ];
  const out: string[] = [];
  let rest = n;
  for (const [s, word] of scales) {
    const g = Math.floor(rest / s);
    rest %= s;
    if (g === 0) continue;
    out.push(...group(g, out.length > 0, variant));
    if (word) out.push(word);
  }
  return out.join(' ');
}

describe('parseVnNumberWords', () => {
  it.each([
    ['Hai tỷ một trăm lẻ bốn triệu bốn trăm bảy mươi ngàn đồng', 2104470000],
    ['(Hai tỷ một trăm lẻ bốn triệu bốn trăm bảy mươi ngàn đồng)', 2104470000],
    ['HAI TỶ MỘT TRĂM LẺ BỐN TRIỆU BỐN TRĂM BẢY MƯƠI NGHÌN ĐỒNG CHẴN', 2104470000],
    ['hai ty mot tram le bon trieu bon tram bay muoi ngan dong', 2104470000],
    ['Một trăm hai mươi mốt triệu đồng', 121000000],
    ['Mười lăm tỷ đồng', 15000000000],
    ['mười nhăm nghìn', 15000],
    ['ba mươi tư triệu', 34000000],
    ['một trăm linh năm', 105],
    ['một trăm lẻ tư', 104],
    ['một nghìn tỷ', 1e12],
    ['một tỷ tỷ', 1e18],
    ['hai mươi', 20],
    ['mười', 10],
    ['Năm trăm triệu đồng./.', 500000000],
    ['Hai tỷ, không trăm năm mươi triệu đồng', 2050000000],
    ['năm tỷ đồng chẵn', 5e9],
    ['hai tỷ không trăm linh ba đồng', 2000000003],
    ['Bảy trăm triệu Việt Nam đồng', 700000000],
    ['Mười hai tỷ, bốn trăm năm mươi triệu đồng', 12450000000],
    ['Ba tỷ năm trăm triệu đồng', 3500000000],
    ['Một tỷ hai trăm năm mươi triệu đồng', 1250000000],
  ])('%s → %d', (text, value) => {
    expect(parseVnNumberWords(text)).toBe(value);
  });

  it.each([
    '',
    'đồng',
    'năm',
    'tư',
    'Kế hoạch năm 2025',
    'kèm theo phụ lục kinh phí',
    'hai tỷ ba', // colloquial 2.3 billion: not a formal amount
    'hai triệu ba tỷ', // scales out of order
    'tỷ đồng',
    'năm năm',
    'một trăm lẻ',
    'mười hai mươi',
    'ba mươi mươi',
    '2.104.470.000 đồng',
    'hai tỷ rưỡi',
  ])('is not an amount: %j', (text) => {
    expect(parseVnNumberWords(text)).toBeNull();
  });

  it('round-trips digits → words → digits', () => {
    // A deterministic spread over magnitudes instead of random numbers, so failures reproduce.
    let x = 7;
    for (let k = 0; k < 3000; k++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      const magnitude = 10 ** (1 + (k % 12));
      const n = x % magnitude;
      if (n === 0) continue;
      const words = toWords(n, k);
      expect([words, parseVnNumberWords(words)]).toEqual([words, n]);
    }
  });

  it('stays fast on long adversarial input', () => {
    const t = performance.now();
    expect(parseVnNumberWords('một '.repeat(100_000))).toBeNull();
    expect(parseVnNumberWords('trăm '.repeat(30) + 'x'.repeat(100_000))).toBeNull();
    expect(performance.now() - t).toBeLessThan(1000);
  });
});
