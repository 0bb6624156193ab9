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
