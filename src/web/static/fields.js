// Turns an extraction into the list of reviewable entries the document view walks through, in reading order,
// each with typed inputs (number, year, date, choice, or an object of parts) so no reviewer edits raw JSON.
import { COMPARATORS, EVIDENCE, METADATA, ROLES, SIGNER_PARTS } from './labels.js';

const esc = (t) => String(t).replace(/~/g, '~0').replace(/\//g, '~1');

/** Years and other identifiers print without digit grouping ("2030", not "2.030"). */
export function formatNumber(n, { grouping = true } = {}) {
  return grouping ? n.toLocaleString('vi-VN') : String(n).replace('.', ',');
}

function periodText(v) {
  return v ? `${v.from} – ${v.to}` : null;
}

function dateText(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

function display(key, value) {
  if (value === null || value === undefined) return null;
  if (key === 'period') return periodText(value);
  if (key === 'issuedDate') return dateText(value);
  if (key === 'signer') return [value.onBehalfOf, value.position, value.name].filter(Boolean).join(' · ');
  if (key === 'total') return `${formatNumber(value.amount)} đồng${value.words ? ` (${value.words})` : ''}`;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** The typed input for each metadata field. */
function metadataInput(key, pointer, value) {
  const label = METADATA[key];
  if (key === 'issuedDate') return { label, pointer, value, kind: 'date' };
  if (key === 'period') {
    return {
      label,
      pointer,
      value,
      kind: 'object',
      parts: [
        { key: 'from', label: 'Từ năm', kind: 'year' },
        { key: 'to', label: 'Đến năm', kind: 'year' },
      ],
    };
  }
  if (key === 'signer') {
    return {
      label,
      pointer,
      value,
      kind: 'object',
      parts: Object.entries(SIGNER_PARTS).map(([k, l]) => ({
        key: k,
        label: l,
        kind: 'string',
        optional: k !== 'name',
      })),
    };
  }
  return { label, pointer, value, kind: typeof value === 'number' ? 'number' : 'string' };
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
      inputs: [metadataInput(key, `/metadata/${key}/value`, f.value)],
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
    inputs: [
      {
        label: 'Tổng kinh phí',
        pointer: '/budget/total/value',
        value: total.value,
        kind: 'object',
        fixed: { currency: 'VND' },
        parts: [
          { key: 'amount', label: 'Số tiền (đồng)', kind: 'number' },
          {
            key: 'text',
            label: 'Như ghi trong văn bản',
            kind: 'string',
            derive: (o) => `${formatNumber(o.amount)} đồng`,
          },
          { key: 'words', label: 'Bằng chữ', kind: 'string', optional: true },
        ],
      },
    ],
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
      `${COMPARATORS[v.comparator] ?? ''} ${formatNumber(v.value)} ${v.unit}${v.year ? ` (${v.year})` : ''}`.trim(),
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
              label: `Giá trị ${j + 1} («${v.text}», ${v.unit})`,
              pointer: `/targets/${i}/values/${j}/value`,
              value: v.value,
              kind: 'number',
            },
            {
              label: `So sánh ${j + 1}`,
              pointer: `/targets/${i}/values/${j}/comparator`,
              value: v.comparator,
              kind: 'select',
              options: Object.entries(COMPARATORS).map(([value, text]) => ({ value, text })),
            },
            { label: `Năm đạt ${j + 1}`, pointer: `/targets/${i}/values/${j}/year`, value: v.year, kind: 'year' },
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
        {
          label: 'Vai trò',
          pointer: `/responsibilities/${i}/role`,
          value: r.role,
          kind: 'select',
          options: Object.entries(ROLES).map(([value, text]) => ({ value, text })),
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
  const diagnostics = ex.diagnostics ?? [];
  for (const e of out) e.evidence = evidenceFor(e, diagnostics);
  return out;
}

/**
 * The evidence behind an entry's flags: the cross-check diagnostics with the same code whose span overlaps the
 * entry's (a target and its table conflict, a total and its words), each side labelled.
 */
function evidenceFor(entry, diagnostics) {
  const flags = entry.node.flags ?? [];
  const src = entry.node.source;
  if (!src || flags.length === 0) return [];
  return diagnostics
    .filter(
      (d) =>
        d.evidence?.length &&
        flags.includes(d.code) &&
        d.source &&
        d.source.start < src.end &&
        src.start < d.source.end,
    )
    .map((d) => ({
      code: d.code,
      sides: d.evidence.map((ev) => ({
        label: EVIDENCE[ev.role] ?? ev.role,
        value: typeof ev.value === 'number' ? formatNumber(ev.value) : (ev.value ?? '—'),
        where: ev.where,
      })),
    }));
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

function parseYear(s) {
  const t = String(s).trim();
  if (t === '') return null;
  if (!/^\d{4}$/.test(t)) throw new Error(`«${s}» không phải là năm (4 chữ số)`);
  return Number(t);
}

function parseScalar(kind, raw, original, label) {
  if (kind === 'number') return parseNumber(raw);
  if (kind === 'year') return parseYear(raw);
  if (kind === 'date') {
    if (raw.trim() === '') return null;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(raw)) throw new Error(`${label}: ngày không hợp lệ`);
    return raw;
  }
  if (raw === '' && (original === null || original === undefined)) return null;
  return raw;
}

/**
 * The value an input's raw text(s) stand for. `raw` is a string, or for an object input a map part → string.
 * An object with every part empty is null (the value is absent).
 */
export function parseInput(input, raw) {
  if (input.kind !== 'object') return parseScalar(input.kind, raw, input.value, input.label);
  const out = { ...(input.fixed ?? {}) };
  let any = false;
  for (const part of input.parts) {
    const text = raw[part.key] ?? rawOf(part.kind, input.value?.[part.key]);
    const v = parseScalar(part.kind, text, null, part.label);
    if (v !== null && v !== '') any = true;
    out[part.key] = v === '' ? null : v;
  }
  if (!any) return null;
  for (const part of input.parts) {
    if (out[part.key] !== null) continue;
    if (part.derive) out[part.key] = part.derive(out);
    else if (!part.optional) throw new Error(`${input.label}: thiếu «${part.label}»`);
  }
  return out;
}

export function rawOf(kind, value) {
  if (value === null || value === undefined) return '';
  if (kind === 'number') return String(value).replace('.', ',');
  return String(value);
}

export { esc };
