// Vietnamese wording for the interface: field names, flag codes, confidence levels.
export const CONFIDENCE = { high: 'Cao', medium: 'Trung bình', low: 'Thấp' };

export const METADATA = {
  issuer: 'Cơ quan ban hành',
  province: 'Tỉnh/thành phố',
  documentNumber: 'Số hiệu văn bản',
  documentType: 'Loại văn bản',
  issuedDate: 'Ngày ban hành',
  place: 'Địa danh',
  title: 'Trích yếu',
  period: 'Giai đoạn',
  signer: 'Người ký',
};

export const FLAGS = {
  inferred: 'suy ra từ nơi khác',
  wrapped: 'ghép từ dòng bị ngắt',
  'ambiguous-number': 'số đọc chưa chắc chắn',
  'sum-mismatch': 'tổng không khớp',
  'words-mismatch': 'số bằng chữ không khớp',
  'table-conflict': 'mâu thuẫn với bảng',
  'unknown-agency': 'cơ quan chưa có trong danh mục',
  'numbering-gap': 'đánh số bị nhảy',
  'irregular-row': 'dòng bảng không đều',
  corrected: 'đã hiệu chỉnh',
  accepted: 'đã chấp nhận',
  'correction-stale': 'hiệu chỉnh cũ không còn khớp',
  'no-text-layer': 'PDF không có lớp chữ (bản quét)',
  'reader-message': 'ghi chú của bộ đọc tệp',
  'legacy-encoding': 'đã chuyển từ bảng mã cũ (TCVN3, VNI…) sang Unicode',
  'garbled-text': 'chữ bị lỗi mã, không đọc được là tiếng Việt',
  'no-readable-text': 'không đọc được nội dung nào',
  'pages-truncated': 'chỉ đọc một phần số trang',
  'partial-text-layer': 'một số trang không có lớp chữ',
  'repeated-numeral': 'số mục La Mã bị lặp',
  'part-skipped': 'bỏ qua phần đánh giá kết quả',
  'no-sections': 'không tìm thấy mục La Mã',
  missing: 'thiếu trong văn bản',
  draft: 'bản dự thảo',
  'unknown-province': 'tỉnh/thành phố chưa có trong danh mục',
  'date-invalid': 'ngày không hợp lệ',
  'agency-typo': 'tên cơ quan viết sai chính tả',
  'agency-head': 'nêu người đứng đầu thay cho cơ quan',
  'no-duties': 'không có nhiệm vụ kèm theo',
  'year-missing': 'không rõ năm đạt chỉ tiêu',
  'budget-table-mismatch': 'tổng kinh phí khác bảng dự toán',
  'budget-several-amounts': 'có nhiều số tiền có thể là tổng kinh phí',
  'type-mismatch': 'loại văn bản không khớp số hiệu',
  'number-set-aside': 'có số lượng bị bỏ qua trong dòng chỉ tiêu',
  'run-in': 'dòng bị dính liền khi đọc tệp',
  'split-row': 'dòng bảng bị ngắt trang',
  'header-uncertain': 'tiêu đề cột chưa chắc chắn',
  'misaligned-rows': 'các dòng bảng bị lệch cột',
  approximate: 'số tiền ước tính (khoảng)',
  'per-year': 'kinh phí một năm, không phải cả giai đoạn',
  'from-sentence': 'đọc từ một câu văn, không phải mục liệt kê',
  'spelled-out': 'số viết bằng chữ',
  ocr: 'đọc bằng OCR từ bản quét',
  'ocr-low-confidence': 'OCR chưa chắc chắn, đối chiếu ảnh trang',
  'ocr-truncated': 'OCR chưa đọc hết các trang',
  'ocr-page-failed': 'một trang quét không đọc được',
  'ocr-rotated': 'trang quét bị xoay, đã xoay lại',
  'numeral-repaired': 'số mục do OCR đọc sai, đã sửa theo thứ tự',
  illegible: 'viết tay/không đọc rõ, không phải dự thảo',
  'fuzzy-match': 'khớp gần đúng (lỗi OCR), đã chuẩn hóa',
  'not-a-plan': 'văn bản không phải kế hoạch',
  'uncertain-kind': 'chưa chắc là kế hoạch',
  'no-header': 'không có phần đầu văn bản',
};

export const ROLES = {
  lead: 'chủ trì',
  coordinate: 'phối hợp',
  participate: 'tham gia',
  requested: 'đề nghị',
  unspecified: 'chưa rõ',
};
export const KINDS = { patch: 'Sửa', accept: 'Chấp nhận', revert: 'Hoàn tác' };
export const STATUS = { applied: 'đang áp dụng', stale: 'lỗi thời', reverted: 'đã hoàn tác', revert: '' };
export const COMPARATORS = { eq: '=', lt: '<', lte: '≤', gt: '>', gte: '≥' };

export const flagText = (f) => FLAGS[f] || f;

/** The sides of a failed check (diagnostics[].evidence[].role). */
export const EVIDENCE = {
  text: 'Văn bản ghi',
  table: 'Bảng ghi',
  digits: 'Số ghi',
  words: 'Bằng chữ',
  written: 'Dòng tổng ghi',
  sum: 'Cộng lại được',
  budget: 'Tổng kinh phí ghi',
};

export const DOC_STATUS = {
  queued: 'Đang chờ',
  processing: 'Đang xử lý',
  done: 'Xong',
  failed: 'Lỗi',
  cancelled: 'Đã hủy',
};

export const SIGNER_PARTS = { name: 'Họ và tên', position: 'Chức vụ', onBehalfOf: 'Thay mặt (TM./KT.)' };

/** Why a document failed (failure.reason). */
export const REASONS = {
  'unsupported-format': 'định dạng không đọc được',
  'corrupt-file': 'tệp hỏng',
  encrypted: 'tệp có mật khẩu',
  'too-large': 'tệp quá lớn',
  'zip-bomb': 'tệp nén bất thường (zip bomb)',
  timeout: 'đọc quá thời gian cho phép',
  'resource-limit': 'vượt giới hạn bộ nhớ',
  poison: 'làm hỏng tiến trình nhiều lần, đã cách ly',
  'not-text': 'không phải văn bản',
  empty: 'tệp rỗng',
  'extraction-error': 'lỗi khi trích xuất (đã thử lại)',
};
