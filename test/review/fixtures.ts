// A small, hand-made extraction (independent of how far the extractors have got) and its source text.
import type { Extraction } from '../../src/contract/schema.js';
import { reviewFields } from '../../src/review.js';

export const TEXT = [
  'ỦY BAN NHÂN DÂN TỈNH BẮC NINH', // 0..
  'Số: 359/KH-UBND',
  'KẾ HOẠCH',
  'Thực hiện chương trình vì trẻ em giai đoạn 2021 - 2030',
  'I. MỤC TIÊU',
  '- Giảm tỷ suất tử vong trẻ em dưới 1 tuổi xuống 10,5‰.',
  '- Tỷ lệ trẻ em được tiêm chủng đầy đủ đạt trên 95%.',
  'Bảng kinh phí',
  'Năm | 2021 | 2022 | Tổng',
  'Kinh phí | 100 | 200 | 310',
].join('\n');

function span(needle: string): { start: number; end: number; line: number } {
  const start = TEXT.indexOf(needle);
  if (start < 0) throw new Error(`fixture text lacks ${needle}`);
  return { start, end: start + needle.length, line: TEXT.slice(0, start).split('\n').length };
}

const f = <T>(
  value: T | null,
  needle: string | null,
  confidence: 'high' | 'medium' | 'low' = 'high',
  flags: string[] = [],
) => ({
  value,
  confidence,
  flags,
  source: needle ? span(needle) : null,
});

export function sampleExtraction(
  opts: { version?: string; prependTarget?: boolean; changeTargetText?: boolean } = {},
): Extraction {
  const targets: Extraction['targets'] = [
    {
      id: 't1',
      label: null,
      text: opts.changeTargetText
        ? 'Giảm tỷ suất tử vong trẻ sơ sinh xuống 10,5‰.'
        : 'Giảm tỷ suất tử vong trẻ em dưới 1 tuổi xuống 10,5‰.',
      section: 'I',
      values: [{ value: 105, unit: 'per-1000', comparator: 'lte', year: 2030, text: '10,5‰' }],
      confidence: 'low',
      flags: ['ambiguous-number'],
      source: span('Giảm tỷ suất tử vong trẻ em dưới 1 tuổi xuống 10,5‰.'),
    },
    {
      id: 't2',
      label: null,
      text: 'Tỷ lệ trẻ em được tiêm chủng đầy đủ đạt trên 95%.',
      section: 'I',
      values: [{ value: 95, unit: '%', comparator: 'gt', year: 2030, text: 'trên 95%' }],
      confidence: 'medium',
      flags: ['inferred'],
      source: span('Tỷ lệ trẻ em được tiêm chủng đầy đủ đạt trên 95%.'),
    },
  ];
  if (opts.prependTarget) {
    targets.unshift({
      id: 't0',
      label: null,
      text: 'Mục tiêu mới do phiên bản mới tìm thấy.',
      section: 'I',
      values: [],
      confidence: 'high',
      flags: [],
      source: span('I. MỤC TIÊU'),
    });
  }
  const draft: Omit<Extraction, 'review'> = {
    schemaVersion: '1',
    extractor: { name: 'kehoach', version: opts.version ?? '0.1.0' },
    document: { sha256: 'a'.repeat(64), fileName: 'bn.txt', format: 'text', chars: TEXT.length, pages: null },
    metadata: {
      issuer: f('Ủy ban nhân dân tỉnh Bắc Ninh', 'ỦY BAN NHÂN DÂN TỈNH BẮC NINH'),
      province: f('Bắc Ninh', 'BẮC NINH'),
      documentNumber: f('359/KH-UB', '359/KH-UBND', 'medium', ['wrapped']),
      documentType: f('Kế hoạch', 'KẾ HOẠCH'),
      issuedDate: f<string>(null, null),
      place: f<string>(null, null),
      title: f(
        'Thực hiện chương trình vì trẻ em giai đoạn 2021 - 2030',
        'Thực hiện chương trình vì trẻ em giai đoạn 2021 - 2030',
      ),
      period: f({ from: 2021, to: 2030 }, '2021 - 2030'),
      signer: f<{ name: string; position: string | null; onBehalfOf: string | null }>(null, null),
      legalBasis: [],
      recipients: ['Như trên', 'Lưu: VT'],
    },
    sections: [
      {
        numeral: 'I',
        number: 1,
        title: 'MỤC TIÊU',
        confidence: 'high',
        flags: [],
        source: span('I. MỤC TIÊU'),
        items: [],
      },
    ],
    targets,
    responsibilities: [],
    budget: {
      total: f<{ amount: number; currency: 'VND'; text: string; words: string | null }>(null, null),
      fundingSources: [],
    },
    tables: [
      {
        id: 'tb1',
        kind: 'budget',
        title: 'Bảng kinh phí',
        unit: 'triệu đồng',
        multiplier: 1e6,
        columns: ['Năm', '2021', '2022', 'Tổng'],
        rows: [
          {
            label: 'Kinh phí',
            cells: ['Kinh phí', '100', '200', '310'],
            values: [null, 100, 200, 310],
            flags: ['sum-mismatch'],
          },
        ],
        checks: [{ kind: 'row-sum', ok: false, expected: 310, actual: 300, where: 'Kinh phí' }],
        confidence: 'low',
        flags: ['sum-mismatch'],
        source: span('Năm | 2021 | 2022 | Tổng\nKinh phí | 100 | 200 | 310'),
      },
    ],
    diagnostics: [],
  };
  const fields = reviewFields(draft);
  return { ...draft, review: { needed: fields.length > 0, fields } };
}
