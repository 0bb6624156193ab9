// Turns an extraction into the list of reviewable entries the document view walks through, in reading order.
import { COMPARATORS, METADATA, ROLES } from './labels.js';

const esc = (t) => String(t).replace(/~/g, '~0').replace(/\//g, '~1');

/** What kind of input a value needs when edited. */
function kindOf(value, hint) {
  if (hint) return hint;
  if (typeof value === 'number') return 'number';
  if (value !== null && typeof value === 'object') return 'json';
  return 'string';
}

const JSON_FIELDS = new Set(['period', 'signer']);

function periodText(v) {
  return v ? `${v.from} – ${v.to}` : null;
}

function display(key, value) {
  if (value === null || value === undefined) return null;
  if (key === 'period') return periodText(value);
  if (key === 'signer') return [value.position, value.name].filter(Boolean).join(': ');
  if (key === 'total') return `${value.amount.toLocaleString('vi-VN')} đồng${value.words ? ` (${value.words})` : ''}`;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export function buildEntries(ex) {
  const out = [];
  for (const key of Object.keys(METADATA)) {
    const f = ex.metadata[key];
    if (!f) continue;
    out.push({
      id: `/metadata/${key}`,
      group: 'Thông tin chung',
      label: METADATA[key],
      kind: 'field',
      node: f,
      text: display(key, f.value),
      inputs: [
        {
          label: METADATA[key],
          pointer: `/metadata/${key}/value`,
          value: f.value,
          kind: kindOf(f.value, JSON_FIELDS.has(key) ? 'json' : undefined),
        },
      ],
    });
  }
  const total = ex.budget.total;
  out.push({
    id: '/budget/total',
    group: 'Kinh phí',
    label: 'Tổng kinh phí',
    kind: 'field',
    node: total,
    text: display('total', total.value),
    inputs: [{ label: 'Tổng kinh phí (JSON)', pointer: '/budget/total/value', value: total.value, kind: 'json' }],
  });
  ex.sections.forEach((s, i) => {
    out.push({
      id: `/sections/${i}`,
      group: 'Mục',
      label: `Mục ${s.numeral}`,
      kind: 'section',
      node: s,
      text: s.title,
      inputs: [{ label: 'Tiêu đề', pointer: `/sections/${i}/title`, value: s.title, kind: 'string' }],
    });
  });
  ex.targets.forEach((t, i) => {
    const values = t.values.map((v) =>
      `${COMPARATORS[v.comparator] ?? ''} ${v.value.toLocaleString('vi-VN')} ${v.unit}${v.year ? ` (${v.year})` : ''}`.trim(),
    );
    out.push({
      id: `/targets/${i}`,
      group: 'Chỉ tiêu',
      label: t.label || `Chỉ tiêu ${i + 1}`,
      kind: 'target',
      node: t,
      text: t.text,
      detail: values.join(' · ') || 'không có giá trị số',
      inputs: t.values.length
        ? t.values.flatMap((v, j) => [
            {
              label: `Giá trị ${j + 1} («${v.text}»)`,
              pointer: `/targets/${i}/values/${j}/value`,
              value: v.value,
              kind: 'number',
            },
            { label: `Năm ${j + 1}`, pointer: `/targets/${i}/values/${j}/year`, value: v.year, kind: 'number' },
          ])
        : [{ label: 'Nội dung', pointer: `/targets/${i}/text`, value: t.text, kind: 'string' }],
    });
  });
  ex.responsibilities.forEach((r, i) => {
    out.push({
      id: `/responsibilities/${i}`,
      group: 'Trách nhiệm',
      label: r.agency.name,
      kind: 'responsibility',
      node: r,
      text: `${ROLES[r.role] ?? r.role}${r.tasks.length ? ` — ${r.tasks[0]}` : ''}`,
      inputs: [
        { label: 'Cơ quan', pointer: `/responsibilities/${i}/agency/name`, value: r.agency.name, kind: 'string' },
        {
          label: 'Tên chuẩn',
          pointer: `/responsibilities/${i}/agency/canonical`,
          value: r.agency.canonical,
          kind: 'string',
        },
      ],
    });
  });
  ex.tables.forEach((t, i) => {
    // Header and signature blocks drawn as tables are layout, not data: shown only when they need a look.
    if (t.kind === 'layout' && t.confidence === 'high') return;
    const inputs = [];
    t.rows.forEach((row, r) => {
      row.values.forEach((v, c) => {
        if (v === null && !/\d/.test(row.cells[c] ?? '')) return;
        inputs.push({
          label: `${row.label ?? `dòng ${r + 1}`} / ${t.columns[c] ?? `cột ${c + 1}`}`,
          pointer: `/tables/${i}/rows/${r}/values/${c}`,
          value: v,
          kind: 'number',
          row: r,
          col: c,
        });
      });
    });
    out.push({
      id: `/tables/${i}`,
      group: 'Bảng',
      label: t.title || `Bảng ${i + 1}`,
      kind: 'table',
      node: t,
      text: t.unit ? `Đơn vị: ${t.unit}` : '',
      inputs,
    });
  });
  return out;
}

/** Entries a reviewer still has to look at: medium/low confidence or a pointer listed in review.fields. */
export function needsReview(entry, reviewFields) {
  if (entry.node.confidence && entry.node.confidence !== 'high') return true;
  return reviewFields.some((p) => p === entry.id || p.startsWith(`${entry.id}/`));
}

/** "10,5" → 10.5; "1.500.000" (Vietnamese thousands) → 1500000. */
export function parseNumber(s) {
  const t = String(s).trim().replace(/\s+/g, '');
  if (t === '') return null;
  const vn = /^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(t) ? t.replace(/\./g, '').replace(',', '.') : t.replace(',', '.');
  const n = Number(vn);
  if (!Number.isFinite(n)) throw new Error(`«${s}» không phải là số`);
  return n;
}

export function parseInput(kind, raw, original) {
  if (kind === 'number') return parseNumber(raw);
  if (kind === 'json') {
    if (raw.trim() === '') return null;
    try {
      return JSON.parse(raw);
    } catch {
      throw new Error('Giá trị phải là JSON hợp lệ');
    }
  }
  if (raw === '' && original === null) return null;
  return raw;
}

export function rawOf(kind, value) {
  if (value === null || value === undefined) return '';
  if (kind === 'json') return JSON.stringify(value, null, 2);
  if (kind === 'number') return String(value).replace('.', ',');
  return String(value);
}

export { esc };
