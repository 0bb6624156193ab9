// Page preparation and layout repair around the OCR engines (src/ingest/ocr/prepare.ts, columns.ts): red seals
// dropped out before reading, side-by-side columns (header, signature block) found from the word boxes.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { findColumnZones, splitLines } from '../../src/ingest/ocr/columns.js';
import { toOcrGrey } from '../../src/ingest/ocr/prepare.js';
import type { OcrLine } from '../../src/ingest/ocr/types.js';

/** A line of words, each `w` pixels wide with `gap` pixels between them, the i-th after `x` at height y. */
function line(y: number, parts: [x: number, texts: string[]][]): OcrLine {
  const words = parts.flatMap(([x, texts]) =>
    texts.map((text, i) => ({ text, confidence: 95, box: { x0: x + i * 60, y0: y, x1: x + i * 60 + 50, y1: y + 30 } })),
  );
  return {
    text: words.map((w) => w.text).join(' '),
    words,
    box: {
      x0: Math.min(...words.map((w) => w.box.x0)),
      y0: y,
      x1: Math.max(...words.map((w) => w.box.x1)),
      y1: y + 30,
    },
  };
}

describe('column zones from word boxes', () => {
  // B02 page 3: "Nơi nhận:" and the recipients on the left, the signature block on the right, read by the page
  // layout as lines running from one column into the other.
  const tail = [
    line(0, [
      [100, ['Ủy', 'ban', 'nhân', 'dân', 'thành', 'phố', 'yêu', 'cầu', 'các', 'cơ', 'quan', 'trên', 'địa', 'bàn']],
    ]),
    line(50, [
      [100, ['Nơi', 'nhận:']],
      [900, ['TM.', 'ỦY', 'BAN', 'NHÂN', 'DÂN']],
    ]),
    line(90, [[100, ['-', 'Ban', 'TĐ-KT', 'Trung', 'ương;']]]),
    line(130, [
      [100, ['-', 'CVP,', 'PCVP']],
      [950, ['Nguyễn', 'Xuân', 'Bình']],
    ]),
    line(170, [[100, ['-', 'Lưu:', 'VT.']]]),
  ];

  it('finds the zone, its split between the columns, and every line within it', () => {
    const zones = findColumnZones(tail);
    expect(zones).toHaveLength(1);
    const z = zones[0];
    expect(z?.split).toBeGreaterThan(280);
    expect(z?.split).toBeLessThan(900);
    // The full-width sentence above is not in it; the recipients below the last split line are.
    expect([...(z?.lines ?? [])].sort()).toEqual([1, 2, 3, 4]);
  });

  it('splits the zone into the left column, then the right one', () => {
    const z = findColumnZones(tail)[0];
    if (!z) throw new Error('no zone');
    const { left, right } = splitLines(tail, z);
    expect(left.map((l) => l.text)).toEqual(['Nơi nhận:', '- Ban TĐ-KT Trung ương;', '- CVP, PCVP', '- Lưu: VT.']);
    expect(right.map((l) => l.text)).toEqual(['TM. ỦY BAN NHÂN DÂN', 'Nguyễn Xuân Bình']);
  });

  it('a single line with a wide gap (a tab stop) is no zone; nor is ordinary justified text', () => {
    const body = [
      line(0, [[100, ['1.', 'Sở', 'Nội', 'vụ:', 'chỉ', 'đạo']]]),
      line(40, [
        [100, ['Điều', '1.']],
        [700, ['Ban', 'hành']],
      ]),
      line(80, [[100, ['kèm', 'theo', 'Quyết', 'định', 'này', 'Kế', 'hoạch', 'triển', 'khai', 'thực', 'hiện']]]),
    ];
    expect(findColumnZones(body)).toEqual([]);
  });
});

describe('red seal dropout', () => {
  it('turns red seal ink white and keeps black print and blue handwriting dark', async () => {
    // Four pixels: red seal ink, black print, blue ink, a dark red where print runs under the seal is not red enough.
    const rgb = Buffer.from([200, 40, 50, 10, 10, 10, 30, 40, 160, 255, 255, 255]);
    const image = await toOcrGrey(sharp(rgb, { raw: { width: 4, height: 1, channels: 3 } }));
    const { data } = await sharp(image.png).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
    expect(image.width).toBe(4);
    expect([...data]).toEqual([255, 10, expect.any(Number), 255]);
    expect(data[2]).toBeLessThan(80);
  });

  it('leaves a grey image as it is', async () => {
    const grey = Buffer.from([0, 128, 255]);
    const image = await toOcrGrey(sharp(grey, { raw: { width: 3, height: 1, channels: 1 } }));
    const { data } = await sharp(image.png).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
    expect([...data]).toEqual([0, 128, 255]);
  });
});
