// DocTables built by hand in the shape the normaliser produces, so table tests do not depend on it.
import { DocBuilder } from '../../src/doc/build.js';
import type { Doc } from '../../src/doc/types.js';

export function docWith(
  above: string[],
  rows: string[][],
  opts: { headerRows: number; columns?: string[] | null; layout?: boolean; below?: string[] },
): Doc {
  const b = new DocBuilder({ format: 'text', sha256: '0'.repeat(64), fileName: null, pages: null });
  b.addText('KẾ HOẠCH');
  b.addText('Nội dung kế hoạch.');
  for (const l of above) b.addText(l);
  b.addTable(rows, {
    origin: 'pipe',
    layout: opts.layout ?? false,
    headerRows: opts.headerRows,
    columns: opts.columns ?? null,
  });
  for (const l of opts.below ?? []) b.addText(l);
  return b.build();
}

const DISTRICTS = [
  'Thủ Dầu Một',
  'Thuận An',
  'Dĩ An',
  'Tân Uyên',
  'Bắc Tân Uyên',
  'Phú Giáo',
  'Bến Cát',
  'Bàu Bàng',
  'Dầu Tiếng',
];
const H = 'Huyện, thị xã, thành phố';

/** Seed 000's budget appendix (Bình Dương 824/KH-UBND), cells as printed. */
export const SEED000_COLUMNS = [
  'STT',
  'Nội dung',
  'Tổng kinh phí',
  'Tỉnh',
  `${H} / Tổng cộng`,
  ...DISTRICTS.map((d) => `${H} / Trong đó / ${d}`),
];

export const SEED000_ROWS: string[][] = [
  ['STT', 'Nội dung', 'Tổng kinh phí', 'Tỉnh', H, ...Array(9).fill('')],
  ['', '', '', '', 'Tổng cộng', 'Trong đó', ...Array(8).fill('')],
  ['', '', '', '', '', ...DISTRICTS],
  [
    '',
    'Tổng dự toán giai đoạn 2019-2025',
    '2.104.470',
    '904.200',
    '1.200.270',
    '163.060',
    '152.230',
    '148.680',
    '117.260',
    '156.020',
    '118.260',
    '112.210',
    '111.500',
    '121.050',
  ],
  ['1', 'Năm 2019', '108.000', '108.000', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0'],
  [
    '2',
    'Năm 2020',
    '217.910',
    '121.000',
    '96.910',
    '13.930',
    '9.115',
    '7.790',
    '11.630',
    '10.860',
    '11.980',
    '9.255',
    '8.975',
    '13.375',
  ],
  ['3', 'Năm 2021', '269.150', '109.000', '160.150', '40.600', '40.000', '39.550', '0', '40.000', '0', '0', '0', '0'],
  [
    '4',
    'Năm 2022',
    '352.000',
    '109.000',
    '243.000',
    '27.000',
    '27.000',
    '27.000',
    '27.000',
    '27.000',
    '27.000',
    '27.000',
    '27.000',
    '27.000',
  ],
  [
    '5',
    'Năm 2023',
    '220.610',
    '123.700',
    '96.910',
    '13.930',
    '9.115',
    '7.790',
    '11.630',
    '10.860',
    '11.980',
    '9.255',
    '8.975',
    '13.375',
  ],
  [
    '6',
    'Năm 2024',
    '469.300',
    '109.000',
    '360.300',
    '40.600',
    '40.000',
    '39.550',
    '40.000',
    '40.300',
    '40.300',
    '39.700',
    '39.550',
    '40.300',
  ],
  [
    '7',
    'Năm 2025',
    '467.500',
    '224.500',
    '243.000',
    '27.000',
    '27.000',
    '27.000',
    '27.000',
    '27.000',
    '27.000',
    '27.000',
    '27.000',
    '27.000',
  ],
];

export const SEED000_ABOVE = [
  'TỔNG DỰ TOÁN KINH PHÍ',
  'THỰC HIỆN ĐỀ ÁN CHĂM SÓC VÌ SỰ PHÁT TRIỂN',
  'TOÀN DIỆN TRẺ EM TRONG NHỮNG NĂM ĐẦU ĐỜI TẠI GIA ĐÌNH VÀ CỘNG ĐỒNG TỈNH BÌNH',
  'DƯƠNG GIAI ĐOẠN 2019 - 2025',
  '(Kèm theo Kế hoạch số 824/KH-UBND ngày 28/02/2019 của Ủy ban nhân dân tỉnh)',
  'Đơn vị',
  'tính: ngàn đồng',
];

export function seed000Doc(rows = SEED000_ROWS): Doc {
  return docWith(SEED000_ABOVE, rows, { headerRows: 3, columns: SEED000_COLUMNS });
}
