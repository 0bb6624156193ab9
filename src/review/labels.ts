// Vietnamese names for the places a review can point at, so the queue reads as words, not JSON Pointers.
import { getAt, isRecord, parsePointer } from './pointer.js';

const METADATA: Record<string, string> = {
  issuer: 'Cơ quan ban hành',
  province: 'Tỉnh/thành phố',
  documentNumber: 'Số hiệu văn bản',
  documentType: 'Loại văn bản',
  issuedDate: 'Ngày ban hành',
  place: 'Địa danh',
  title: 'Trích yếu',
  period: 'Giai đoạn',
  signer: 'Người ký',
  legalBasis: 'Căn cứ pháp lý',
  recipients: 'Nơi nhận',
};

function clip(s: unknown, n = 80): string {
  const t = typeof s === 'string' ? s.replace(/\s+/g, ' ').trim() : '';
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
}

export function labelFor(extraction: unknown, pointer: string): string {
  const tokens = parsePointer(pointer) ?? [];
  const [root, a] = tokens;
  const node = (n: number) => {
    const hit = getAt(extraction, tokens.slice(0, n));
    return hit.found && isRecord(hit.value) ? hit.value : {};
  };
  switch (root) {
    case 'metadata':
      return METADATA[a ?? ''] ?? `Thông tin chung: ${a ?? ''}`;
    case 'targets': {
      const t = node(2);
      return t.label ? `Chỉ tiêu — ${clip(t.label, 40)}` : `Chỉ tiêu: ${clip(t.text, 60)}`;
    }
    case 'sections': {
      const s = node(2);
      return `Mục ${String(s.numeral ?? '')}. ${clip(s.title)}`;
    }
    case 'responsibilities': {
      const r = node(2);
      return `Trách nhiệm: ${clip(isRecord(r.agency) ? r.agency.name : '')}`;
    }
    case 'budget':
      return a === 'total' ? 'Tổng kinh phí' : 'Kinh phí';
    case 'tables': {
      const t = node(2);
      const row = tokens[2] === 'rows' && tokens[3] !== undefined ? ` — dòng ${Number(tokens[3]) + 1}` : '';
      return `Bảng${t.title ? `: ${clip(t.title, 60)}` : ` ${Number(a) + 1}`}${row}`;
    }
    default:
      return pointer;
  }
}
