// Line-joining and table-layout rules of the normaliser (src/normalise), as data. Its regexes are composed from
// these lists; every entry is validated when the module loads so that a malformed rule fails the build, not a
// document.
import { z } from 'zod';

const WordList = z.array(z.string().min(1)).min(1);

/** A line ending in one of these words continues on the next line (the phrase is incomplete). */
export const CONNECTOR_WORDS = WordList.parse([
  'và',
  'của',
  'các',
  'với',
  'cho',
  'trong',
  'về',
  'tại',
  'theo',
  'đến',
  'từ',
  'để',
  'là',
  'có',
  'được',
  'những',
  'hoặc',
  'như',
  'bằng',
  'do',
  'thuộc',
  'giữa',
  'vào',
  'số',
  'ngày',
  'tháng',
  'năm',
  'giai',
  'nhằm',
  'gồm',
  'việc',
  'sự',
  'đạt',
  'mỗi',
  'ban',
  // Head nouns of agency names: "Sở" / "Giáo dục và Đào tạo" is one name split by the layout.
  'Ủy',
  'Sở',
  'Bộ',
  'Ban',
  'Hội',
  'Cục',
  'Chi',
  'Trung',
  'Văn',
  'Quỹ',
  'Đoàn',
  'Liên',
  'Ủy ban',
  'UBND',
]);

/**
 * Proper names that a line break may split after any word ("Việt" / "Nam"): the words around the break say the
 * phrase goes on even though the next line opens with a capital. Names of bodies come from the agency table.
 */
export const SPLIT_NAMES = WordList.parse(['Việt Nam', 'Hồ Chí Minh', 'Tổ quốc Việt Nam']);

/** Trailing punctuation that leaves a phrase open. */
export const CONNECTOR_PUNCTUATION = WordList.parse([',', '-', '–', '&', '/', '(', '+']);

/** Punctuation that closes a sentence or a list entry. */
export const TERMINAL_PUNCTUATION = WordList.parse(['.', ';', ':', '!', '?', '…']);

/** Words that, followed by a number and ":" or ".", label an item ("Chỉ tiêu 3:", "Mục tiêu 1:"). */
export const LABEL_WORDS = WordList.parse([
  'Chỉ tiêu',
  'Mục tiêu',
  'Nhiệm vụ',
  'Giải pháp',
  'Điều',
  'Khoản',
  'Phần',
  'PHẦN',
  'Chương',
  'CHƯƠNG',
  'Mục',
  'Bước',
  'Phụ lục',
  'PHỤ LỤC',
  'Biểu',
  'Dự án',
  'Tiểu dự án',
  'Nội dung',
  'Hoạt động',
]);

/**
 * Lines that are always a paragraph of their own (document type, appendix heads, signature blocks): they are
 * never joined to the line before nor to the line after.
 */
export const STANDALONE_LINES = WordList.parse([
  'KẾ HOẠCH',
  'QUYẾT ĐỊNH',
  'CHƯƠNG TRÌNH',
  'TỜ TRÌNH',
  'BÁO CÁO',
  'PHỤ LỤC',
  'DANH MỤC',
  'Nơi nhận:',
  'Nơi nhận',
  'Kính gửi:',
  'DỰ THẢO',
  'Dự thảo',
]);

/**
 * Standalone words that also end section headings ("VII. CHẾ ĐỘ" / "BÁO CÁO", "IV. XÂY DỰNG" / "KẾ HOẠCH"):
 * after an unterminated capital heading with an item label they finish it instead of standing alone.
 */
export const HEADING_TAIL_WORDS = WordList.parse(['BÁO CÁO', 'KẾ HOẠCH', 'CHƯƠNG TRÌNH', 'DANH MỤC']);

/** Line openings that always start a new paragraph (and may not continue the previous one). */
export const PARAGRAPH_OPENERS = WordList.parse([
  'Nơi nhận',
  'Kính gửi',
  '(Kèm theo',
  '(Ban hành kèm theo',
  'Ban hành kèm theo',
  'Kèm theo',
  'Căn cứ',
  'Đơn vị tính',
  'ĐVT',
  'Trên đây',
  'PHỤ LỤC',
  'Phụ lục',
  'TM.',
  'KT.',
  'TL.',
  'TUQ.',
  'Thực hiện Quyết định',
  'Thực hiện Nghị quyết',
  'Thực hiện Chỉ thị',
  'Thực hiện Kế hoạch',
  'Thực hiện Công văn',
  'Theo đề nghị',
]);

/** Lines between two tables that mark the end of one table and the start of text (titles, units, notes). */
export const TABLE_BREAK_OPENERS = WordList.parse([
  'PHỤ LỤC',
  'Phụ lục',
  'BẢNG',
  'Bảng',
  'BIỂU',
  'Biểu',
  '(Kèm theo',
  '(Ban hành kèm theo',
  'Kèm theo',
  'Ban hành kèm theo',
  'Đơn vị tính',
  'ĐVT',
  'Nơi nhận',
  'DANH MỤC',
  'TỔNG DỰ TOÁN',
]);

/** Layout-table markers: header and signature blocks drawn as tables. */
export const LAYOUT_MARKERS = WordList.parse([
  'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'Độc lập - Tự do - Hạnh phúc',
  'ỦY BAN NHÂN DÂN',
  'UỶ BAN NHÂN DÂN',
  'Nơi nhận',
  'TM. ',
  'KT. ',
  'TL. ',
  'TUQ. ',
  'CHỦ TỊCH',
  'Số:',
]);

/** Header words of content tables: a table whose first cells are these has a header row. */
export const HEADER_WORDS = WordList.parse([
  'STT',
  'TT',
  'Số TT',
  'Số thứ tự',
  'Nội dung',
  'Chỉ tiêu',
  'Nhiệm vụ',
  'Đơn vị',
  'Tên',
  'Ghi chú',
  'Thời gian',
  'Kinh phí',
  'Tổng',
  'Cơ quan',
  'Chủ trì',
  'Phối hợp',
  'Mục tiêu',
  'Năm',
  'Kế hoạch',
  'Dự toán',
  'Ước',
  'Thực hiện',
  'Sản phẩm',
  'Kết quả',
  'Tiến độ',
  'Địa điểm',
  'Danh mục',
  'Nguồn',
  'Trong đó',
  'Chia ra',
  'Bao gồm',
]);

/** Header cells that group the columns under them ("Trong đó" | district names): never a leaf column. */
export const GROUP_HEADER_WORDS = WordList.parse(['Trong đó', 'Chia ra', 'Bao gồm', 'Gồm', 'Chi tiết', 'Phân theo']);

/** Header cells that always name one column (never span across): row number, item text, unit, notes. */
export const LEAF_HEADER_WORDS = WordList.parse([
  'STT',
  'TT',
  'Số TT',
  'Số thứ tự',
  'Nội dung',
  'Đơn vị tính',
  'ĐVT',
  'Ghi chú',
  'Tên',
]);

/** Header cells that usually open a group (the group's own total column): a weak hint that a parent is above. */
export const GROUP_TOTAL_WORDS = WordList.parse(['Tổng cộng', 'Tổng số', 'Cộng', 'Tổng']);
