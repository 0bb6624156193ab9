// Scanned fixtures (issue 7): the seed plans rendered as page images (fixtures/_render/render-scans.sh: 200 and
// 300 dpi, bilevel and grey, skewed, speckled, a page upside down) and the scanned Hải Phòng plan B02, read by
// OCR through the whole pipeline.
// - Each scan's extraction is its golden file, recorded with the engine CI uses (the native `tesseract`, which CI
//   installs: several times faster than tesseract.js on these pages). With the other engine the words differ a
//   little, so the exact comparison is made only when the engine in use is the one recorded (its name is in the
//   `ocr` diagnostic); the agreement below holds for both.
// - A seed's scan must extract the same metadata, sections, targets, responsibilities and budget total as the
//   seed's text; every difference must be lowered from high and carry its reason (test/helpers/agreement.ts).
// - The scans are read with a generous OCR time budget: on a loaded machine the default budget (180 s) would cut
//   pages and make the goldens depend on the load; the budget itself is tested in test/ingest/ocr.test.ts.
// `UPDATE=1 npx vitest run test/scans.test.ts` rewrites the goldens; review every change by eye.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Extraction, ExtractionSchema } from '../src/contract/schema.js';
import { chooseEngineName } from '../src/ingest/ocr/engine.js';
import { extract } from '../src/pipeline.js';
import { differences, lost, unexplained } from './helpers/agreement.js';
import { fixtureCases, readFixture } from './helpers/fixtures.js';

const update = process.env.UPDATE === '1' && process.env.CI === undefined;
const engine = chooseEngineName();
const ENGINE_WORDS = { native: 'native binary', js: 'tesseract.js' } as const;
const OCR = { timeBudgetMs: 1_800_000 };

/** The engine a golden was recorded with, from its `ocr` diagnostic. */
function recordedEngine(e: Extraction): string | null {
  const m = e.diagnostics.find((d) => d.code === 'ocr')?.message ?? '';
  return (Object.keys(ENGINE_WORDS) as (keyof typeof ENGINE_WORDS)[]).find((k) => m.includes(ENGINE_WORDS[k])) ?? null;
}

const textOf = new Map<string, Promise<Extraction>>();
function seedText(seed: string): Promise<Extraction> {
  let p = textOf.get(seed);
  if (!p) {
    p = extract({ bytes: readFixture(`seed-${seed}`), fileName: 'input.txt' }).then((r) => r.extraction);
    textOf.set(seed, p);
  }
  return p;
}

const scans = fixtureCases().filter((c) => c.name.includes('scan'));

describe(`scanned fixtures (OCR engine: ${engine})`, () => {
  for (const c of scans) {
    it(c.name, async () => {
      const { extraction } = await extract({
        bytes: readFileSync(c.input),
        fileName: path.basename(c.input),
        ocr: OCR,
      });
      expect(ExtractionSchema.safeParse(extraction).success).toBe(true);
      if (update) writeFileSync(c.expected, `${JSON.stringify(extraction, null, 2)}\n`);
      else {
        if (!existsSync(c.expected)) throw new Error(`${c.name}: no expected.json (UPDATE=1, then review it)`);
        const expected = JSON.parse(readFileSync(c.expected, 'utf8')) as Extraction;
        if (recordedEngine(expected) === engine) expect(extraction).toEqual(expected);
      }
      const seed = /^seed-(\d{3})-scan/.exec(c.name)?.[1];
      if (seed) {
        const diffs = differences(await seedText(seed), extraction);
        expect(unexplained(diffs)).toEqual([]);
        // Values OCR lost altogether cannot be lowered; they are listed (README, "Scanned fixtures").
        for (const d of lost(diffs)) console.info(`${c.name}: lost ${d.path} ${JSON.stringify(d.text)}`);
      }
      if (c.name === 'corpus-B02-scan-pdf') b02Facts(extraction);
    }, 1_800_000);
  }
});

/** B02 as printed on its pages (checked by eye against `pdftoppm -r 100`). */
function b02Facts(e: Extraction): void {
  expect(e.metadata.documentNumber.value).toBe('68/KH-UBND');
  // "Hải Phòng, ngày 09 tháng 3 năm 2020", day and month handwritten; the e-signature says 09.03.2020.
  const date = e.metadata.issuedDate;
  expect(date.flags).not.toContain('draft');
  expect(date.flags).toContain('illegible');
  expect(date.confidence).not.toBe('high');
  if (date.value !== null) expect(date.value).toBe('2020-03-09');
  expect(e.metadata.signer.flags).not.toContain('draft');
  // I. MỤC ĐÍCH, YÊU CẦU — II. NHIỆM VỤ CỤ THỂ — III. TỔ CHỨC THỰC HIỆN (its "III" read as "II").
  expect(e.sections.map((s) => s.numeral)).toEqual(['I', 'II', 'III']);
  expect(e.sections[2]?.title).toBe('TỔ CHỨC THỰC HIỆN');
  expect(e.sections[2]?.flags).toContain('numeral-repaired');
  expect(e.sections[2]?.confidence).not.toBe('high');
  expect(e.diagnostics.map((d) => d.code)).not.toContain('repeated-numeral');
  // III. TỔ CHỨC THỰC HIỆN gives four duties: 1. Sở Nội vụ, 2. (Căn cứ Kế hoạch này,) thủ trưởng các cơ quan, đơn
  // vị, địa phương và doanh nghiệp …, 3. Thành viên Hội đồng Thi đua - Khen thưởng thành phố …, 4. Ban Tuyên giáo
  // Thành ủy.
  expect(e.responsibilities.map((r) => r.agency.name.split(' ').slice(0, 2).join(' '))).toEqual([
    'Sở Nội',
    'thủ trưởng',
    'Thành viên',
    'Ban Tuyên',
  ]);
  expect(e.responsibilities[0]?.agency.canonical).toBe('Sở Nội vụ');
  // "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", the seal over the title, then the name.
  expect(e.metadata.signer.value?.name).toBe('Nguyễn Xuân Bình');
  expect(e.metadata.signer.value?.position).toBe('PHÓ CHỦ TỊCH');
  expect(e.metadata.signer.confidence).not.toBe('high');
}

describe('the tesseract.js path end to end', () => {
  it('reads page 1 of the 300 dpi TIFF of seed 004 to the header its text states', async () => {
    const { extraction: e } = await extract({
      bytes: readFixture('seed-004-scan-tiff'),
      fileName: 'input.tif',
      ocr: { ...OCR, engine: 'js', maxPages: 1 },
    });
    const text = await seedText('004');
    expect(e.diagnostics.find((d) => d.code === 'ocr')?.message).toMatch(/tesseract\.js/);
    for (const k of ['documentNumber', 'issuedDate', 'province', 'documentType'] as const) {
      expect(e.metadata[k].value).toEqual(text.metadata[k].value);
    }
    expect(e.diagnostics.find((d) => d.code === 'ocr-truncated')?.message).toMatch(/page\(s\) 2-4/);
  }, 600_000);
});
