// Extractions → flat rows, one table per kind: targets (one row per target value), responsibilities, budgets and
// budget-table cells. The column list is data: the same columns feed CSV, XLSX and NDJSON, so the three never
// disagree. Rows are built from the effective (reviewer-corrected) extraction the caller passes in.
import type { Extraction } from '../contract/schema.js';

export type ExportKind = 'targets' | 'responsibilities' | 'budgets' | 'cells';
export const EXPORT_KINDS: readonly ExportKind[] = ['targets', 'responsibilities', 'budgets', 'cells'];

export type Cell = string | number | null;
export type Row = Record<string, Cell>;

export interface Column {
  key: string;
  /** The header people read in a spreadsheet (Vietnamese); NDJSON uses `key`. */
  label: string;
  type: 'text' | 'number' | 'integer';
  /** Spreadsheet column width in characters. */
  width: number;
}

const col = (key: string, label: string, type: Column['type'] = 'text', width = 14): Column => ({
  key,
  label,
  type,
  width,
});

const PLAN_COLUMNS: Column[] = [
  col('documentId', 'Mã tài liệu', 'text', 38),
  col('fileName', 'Tệp', 'text', 28),
  col('number', 'Số kế hoạch', 'text', 16),
  col('issuer', 'Cơ quan ban hành', 'text', 30),
  col('province', 'Tỉnh/thành phố', 'text', 16),
  col('year', 'Năm', 'integer', 8),
  col('title', 'Trích yếu', 'text', 50),
];

export const COLUMNS: Record<ExportKind, Column[]> = {
  targets: [
    ...PLAN_COLUMNS,
    col('targetId', 'Mã chỉ tiêu', 'text', 10),
    col('label', 'Nhãn', 'text', 14),
    col('section', 'Mục', 'text', 6),
    col('text', 'Nội dung chỉ tiêu', 'text', 70),
    col('value', 'Giá trị', 'number', 12),
    col('unit', 'Đơn vị', 'text', 12),
    col('comparator', 'So sánh', 'text', 9),
    col('yearDue', 'Năm đạt', 'integer', 9),
    col('baseline', 'Giá trị gốc', 'number', 12),
    col('min', 'Từ', 'number', 10),
    col('max', 'Đến', 'number', 10),
    col('valueText', 'Trích dẫn giá trị', 'text', 30),
    col('confidence', 'Độ tin cậy', 'text', 11),
    col('flags', 'Cờ', 'text', 24),
  ],
  responsibilities: [
    ...PLAN_COLUMNS,
    col('agency', 'Cơ quan (như viết)', 'text', 36),
    col('canonical', 'Cơ quan (chuẩn hoá)', 'text', 36),
    col('agencyKind', 'Loại cơ quan', 'text', 16),
    col('members', 'Thành viên', 'text', 36),
    col('role', 'Vai trò', 'text', 12),
    col('tasks', 'Nhiệm vụ', 'text', 80),
    col('targetRefs', 'Chỉ tiêu liên quan', 'text', 16),
    col('section', 'Mục', 'text', 6),
    col('confidence', 'Độ tin cậy', 'text', 11),
    col('flags', 'Cờ', 'text', 24),
  ],
  budgets: [
    ...PLAN_COLUMNS,
    col('amount', 'Tổng kinh phí (đồng)', 'number', 20),
    col('currency', 'Tiền tệ', 'text', 8),
    col('amountText', 'Trích dẫn', 'text', 30),
    col('words', 'Bằng chữ', 'text', 40),
    col('fundingSources', 'Nguồn kinh phí', 'text', 40),
    col('confidence', 'Độ tin cậy', 'text', 11),
    col('flags', 'Cờ', 'text', 24),
  ],
  cells: [
    ...PLAN_COLUMNS,
    col('tableId', 'Bảng', 'text', 8),
    col('tableKind', 'Loại bảng', 'text', 10),
    col('tableTitle', 'Tên bảng', 'text', 36),
    col('tableUnit', 'Đơn vị tính', 'text', 14),
    col('multiplier', 'Hệ số', 'number', 10),
    col('row', 'Dòng', 'integer', 6),
    col('rowLabel', 'Nội dung dòng', 'text', 40),
    col('column', 'Cột', 'text', 30),
    col('cellText', 'Ô (như viết)', 'text', 18),
    col('value', 'Giá trị', 'number', 16),
    col('confidence', 'Độ tin cậy', 'text', 11),
    col('flags', 'Cờ', 'text', 24),
  ],
};

export interface ExportSource {
  /** The service's document id, when the extraction came from the API. */
  documentId: string | null;
  extraction: Extraction;
}

const join = (xs: readonly string[] | undefined) => (xs && xs.length > 0 ? xs.join('; ') : null);

function planCells(src: ExportSource): Row {
  const m = src.extraction.metadata;
  const issued = m.issuedDate.value ? Number(m.issuedDate.value.slice(0, 4)) : null;
  return {
    documentId: src.documentId,
    fileName: src.extraction.document.fileName,
    number: m.documentNumber.value,
    issuer: m.issuer.value,
    province: m.province.value,
    year: issued ?? m.period.value?.from ?? null,
    title: m.title.value,
  };
}

/** Optional numeric fields a newer extractor may add to a target value (baseline, range ends). */
function optionalNumber(v: object, key: string): number | null {
  const x = (v as Record<string, unknown>)[key];
  return typeof x === 'number' ? x : null;
}

export function* rowsOf(kind: ExportKind, src: ExportSource): Generator<Row> {
  const e = src.extraction;
  const plan = planCells(src);
  switch (kind) {
    case 'targets':
      for (const t of e.targets) {
        const base = {
          ...plan,
          targetId: t.id,
          label: t.label,
          section: t.section,
          text: t.text,
          confidence: t.confidence,
          flags: join(t.flags),
        };
        if (t.values.length === 0) {
          yield {
            ...base,
            value: null,
            unit: null,
            comparator: null,
            yearDue: null,
            baseline: null,
            min: null,
            max: null,
            valueText: null,
          };
        }
        for (const v of t.values) {
          yield {
            ...base,
            value: v.value,
            unit: v.unit,
            comparator: v.comparator,
            yearDue: v.year,
            baseline: optionalNumber(v, 'baseline'),
            min: optionalNumber(v, 'min'),
            max: optionalNumber(v, 'max'),
            valueText: v.text,
          };
        }
      }
      return;
    case 'responsibilities':
      for (const r of e.responsibilities) {
        yield {
          ...plan,
          agency: r.agency.name,
          canonical: r.agency.canonical,
          agencyKind: r.agency.kind,
          members: join(r.agency.members),
          role: r.role,
          tasks: r.tasks.length > 0 ? r.tasks.join('\n') : null,
          targetRefs: join(r.targetRefs),
          section: r.section,
          confidence: r.confidence,
          flags: join(r.flags),
        };
      }
      return;
    case 'budgets': {
      const total = e.budget.total;
      if (total.value === null && e.budget.fundingSources.length === 0) return;
      yield {
        ...plan,
        amount: total.value?.amount ?? null,
        currency: total.value?.currency ?? null,
        amountText: total.value?.text ?? null,
        words: total.value?.words ?? null,
        fundingSources: join(e.budget.fundingSources),
        confidence: total.confidence,
        flags: join(total.flags),
      };
      return;
    }
    case 'cells':
      for (const t of e.tables) {
        if (t.kind === 'layout') continue;
        for (const [i, row] of t.rows.entries()) {
          for (const [j, text] of row.cells.entries()) {
            yield {
              ...plan,
              tableId: t.id,
              tableKind: t.kind,
              tableTitle: t.title,
              tableUnit: t.unit,
              multiplier: t.multiplier,
              row: i + 1,
              rowLabel: row.label,
              column: t.columns[j] ?? null,
              cellText: text,
              value: row.values[j] ?? null,
              confidence: t.confidence,
              flags: join([...t.flags, ...row.flags]),
            };
          }
        }
      }
      return;
  }
}
