// Every DocTable becomes a contract Table: what it is (budget / indicator / layout / other), its caption and
// unit, each cell read as a number in the table's own unit, and arithmetic checks (row and column sums).

import { type ColumnFormula, type SumResult, type SumRow, sumChecks } from '../checks/sums.js';
import { minConfidence } from '../contract/field.js';
import type { Confidence, Table } from '../contract/schema.js';
import type { Doc, DocTable } from '../doc/types.js';
import { detectNotation, type Notation, notationEvidence, parseVnNumber } from '../numbers/parse.js';
import { type MoneyUnit, moneyUnit, UNIT_LABELS } from '../rules/money.js';

// Words that tell what a table is about, matched on its caption and headers (lower case).
const BUDGET_WORDS = ['kinh phí', 'dự toán', 'ngân sách', 'nguồn vốn', 'vốn đầu tư', 'chi phí', 'nsnn', 'nsđp'];
const INDICATOR_WORDS = ['chỉ tiêu', 'mục tiêu', 'tỷ lệ', 'chỉ số', 'kết quả'];
const STT_HEADERS = /^(?:stt|tt|số tt|số thứ tự)\.?$/;
const UNIT_HEADERS = /^(?:đơn vị tính|đvt|đơn vị|đv tính)$/;
// Row-label columns are recognised by header first; otherwise the text-heaviest column is the label.
const LABEL_HEADERS = /nội dung|chỉ tiêu|danh mục|hạng mục|tên |diễn giải|lĩnh vực|nhiệm vụ|hoạt động|công việc/;
const CAPTION_SKIP = /^\(?\s*(?:kèm theo|ban hành kèm)/i;
const APPENDIX_LINE = /^(?:phụ lục|mẫu biểu|biểu số|biểu mẫu)(?![\p{L}])/iu;
const STT_CELL = /^(?:[IVXLC]+|[A-ZĐ]|\d{1,3}(?:\.\d{1,2})*|[a-zđ]|[-–+*•])[.)]?$/u;
/** Rows whose figures are rates, shares or indices: they never add up. */
const RATE_ROW = /tỷ lệ|tỷ suất|tốc độ|chỉ số|bình quân|cơ cấu|\(%\)|%$/iu;
const YEAR_ONLY = /^(?:19|20)\d{2}$/;
/** Column-number rows under headers: "A | B | 1 | 2 | 3=1+2 | 4=3/2" or "(1) | (2)". */
const NUMBERING_CELL = /^\(?(?:[A-ZĐ]|\d{1,2})\)?(?:\s*=[\d()+\-*/x:\s]{1,40})?$/;
/** How far above a table its caption and unit line may sit. */
const CAPTION_LOOKBACK = 10;

export function cleanCell(s: string): string {
  // Converted documents keep markdown emphasis ("**Tổng**", "*1*"); it carries no content.
  return s.replace(/[*_]+/g, '').replace(/\s+/g, ' ').trim();
}

const lower = (s: string) => s.normalize('NFC').toLowerCase();

function isNumberingRow(cells: string[]): boolean {
  const filled = cells.filter((c) => c !== '');
  if (filled.length < 3 || filled.length < cells.length / 2) return false;
  if (!filled.every((c) => NUMBERING_CELL.test(c))) return false;
  // Column numbers count up one by one ("A, B, 1, 2, 3=1+2"); a data row of small figures does not.
  const names = filled.map((c) => c.replace(/[()\s]/g, '').split('=')[0] ?? '');
  const nums = names.filter((n) => /^\d+$/.test(n)).map(Number);
  const letters = names.filter((n) => /^\D$/.test(n)).map((n) => n.charCodeAt(0));
  const consecutive = (xs: number[]) => xs.every((x, i) => i === 0 || x === (xs[i - 1] ?? 0) + 1);
  return consecutive(nums) && consecutive(letters) && nums.length + letters.length === filled.length;
}

function numberingFormulas(cells: string[]): ColumnFormula[] {
  // "3=1+2" → column of "3" equals columns "1" + "2"; "4=3/2" is a ratio and only recorded as such.
  const byName = new Map<string, number>();
  cells.forEach((c, i) => {
    const name = c.replace(/[()\s]/g, '').split('=')[0];
    if (name) byName.set(name, i);
  });
  const out: ColumnFormula[] = [];
  cells.forEach((c, i) => {
    const m = c.replace(/[()\s]/g, '').match(/^[^=]+=(.+)$/);
    if (!m?.[1]) return;
    const expr = m[1];
    if (/[/*x:]/.test(expr)) return;
    const terms: Array<{ column: number; sign: 1 | -1 }> = [];
    for (const t of expr.match(/[+-]?[^+-]+/g) ?? []) {
      const sign = t.startsWith('-') ? -1 : 1;
      const col = byName.get(t.replace(/^[+-]/, ''));
      if (col === undefined) return;
      terms.push({ column: col, sign });
    }
    if (terms.length >= 2) out.push({ column: i, terms, text: c });
  });
  return out;
}

interface Caption {
  title: string | null;
  unitText: string | null;
}

function isUpperHeavy(s: string): boolean {
  const letters = s.replace(/[^\p{L}]/gu, '');
  if (letters.length < 4) return false;
  const upper = letters.replace(/[^\p{Lu}]/gu, '').length;
  return upper / letters.length > 0.8;
}

const UNIT_PHRASE = new RegExp(`(?:${UNIT_LABELS.join('|')})\\s*:\\s*([^;)\\n]{1,30})`, 'i');

function caption(doc: Doc, t: DocTable): Caption {
  const above: string[] = [];
  for (let n = t.firstLine - 1; n >= 1 && above.length < CAPTION_LOOKBACK; n--) {
    const line = doc.lines[n - 1];
    if (!line || line.kind === 'table-row') break;
    if (line.kind === 'blank') continue;
    above.unshift(cleanCell(line.text));
  }
  // The unit line may be wrapped ("Đơn vị" / "tính: ngàn đồng"), so look in the joined text.
  const joined = above.join(' ');
  const unitMatch = joined.match(UNIT_PHRASE);
  const unitText = unitMatch?.[1]?.trim() ?? null;
  const titleLines: string[] = [];
  let i = above.length - 1;
  // Skip, from the table upwards, the unit line, the "(Kèm theo …)" line and anything not a caption.
  while (i >= 0 && !isUpperHeavy(above[i] ?? '')) {
    if (titleLines.length > 0) break;
    i--;
  }
  while (i >= 0) {
    const s = above[i] ?? '';
    if (!isUpperHeavy(s) || CAPTION_SKIP.test(s) || APPENDIX_LINE.test(s)) break;
    titleLines.unshift(s);
    i--;
  }
  let title = titleLines.join(' ').trim() || null;
  if (!title) {
    const appendix = [...above].reverse().find((s) => APPENDIX_LINE.test(s));
    title = appendix ?? null;
  }
  return { title, unitText };
}

interface Roles {
  stt: number | null;
  label: number | null;
  unit: number | null;
}

function columnRoles(columns: string[], data: string[][]): Roles {
  const leaf = columns.map((c) => lower(c.split(' / ').pop() ?? c).trim());
  const full = columns.map((c) => lower(c));
  let stt: number | null = leaf.findIndex((h) => STT_HEADERS.test(h));
  if (stt < 0) stt = null;
  // Headers are easily read a column off; a first column of "I", "1", "1.1", "a", "-" is the STT anyway.
  if (stt === null) {
    const first = data.map((r) => r[0] ?? '').filter((c) => c !== '');
    if (first.length >= 2 && first.every((c) => STT_CELL.test(c))) stt = 0;
  }
  let unit: number | null = leaf.findIndex((h) => UNIT_HEADERS.test(h));
  if (unit < 0) unit = null;
  const width = Math.max(columns.length, ...data.map((r) => r.length));
  const textCount: number[] = [];
  for (let c = 0; c < width; c++) {
    let n = 0;
    for (const r of data) {
      const v = r[c] ?? '';
      if (v !== '' && parseVnNumber(v) === null && v !== '-') n++;
    }
    textCount.push(n);
  }
  let label: number | null = null;
  const byHeader = full.findIndex((h, i) => i !== stt && i !== unit && LABEL_HEADERS.test(`${h} `));
  const filled = (c: number) => data.filter((r) => (r[c] ?? '') !== '').length;
  if (byHeader >= 0 && (textCount[byHeader] ?? 0) * 2 > filled(byHeader)) label = byHeader;
  if (label === null) {
    let best = 0;
    textCount.forEach((n, i) => {
      if (i !== stt && i !== unit && n > best) {
        best = n;
        label = i;
      }
    });
  }
  return { stt, label, unit };
}

function tableKind(t: DocTable, title: string | null, columns: string[], money: MoneyUnit | null): Table['kind'] {
  if (t.layout) return 'layout';
  if (money) return 'budget';
  const text = lower(`${title ?? ''} ${columns.join(' ')}`);
  if (INDICATOR_WORDS.some((w) => text.includes(w))) return 'indicator';
  if (BUDGET_WORDS.some((w) => text.includes(w))) return 'budget';
  return 'other';
}

function headerUnit(columns: string[]): MoneyUnit | null {
  for (const c of columns) {
    for (const m of c.matchAll(/\(([^()]{1,30})\)/g)) {
      const u = moneyUnit((m[1] ?? '').replace(/^(?:đơn vị tính|đơn vị|đvt)\s*:\s*/i, ''));
      if (u) return u;
    }
    const inline = c.match(UNIT_PHRASE);
    const u = inline?.[1] ? moneyUnit(inline[1]) : null;
    if (u) return u;
  }
  return null;
}

function defaultColumns(t: DocTable, header: string[][], width: number): string[] {
  if (t.columns && t.columns.length > 0) return t.columns.map(cleanCell);
  const last = header[header.length - 1];
  if (last) return Array.from({ length: width }, (_, i) => last[i] ?? '');
  return Array.from({ length: width }, (_, i) => `Cột ${i + 1}`);
}

/**
 * Rows where an arabic STT skips ahead (13 → 16) within one parent: rows were deleted or misnumbered.
 * A Roman numeral or letter row starts a new sequence.
 */
export function numberingGaps(stts: readonly string[]): number[] {
  const gaps: number[] = [];
  let prev: number | null = null;
  stts.forEach((raw, i) => {
    const s = raw.replace(/[.)]+$/, '').trim();
    if (/^\d+$/.test(s)) {
      const n = Number(s);
      if (prev !== null && n > prev + 1) gaps.push(i);
      prev = n;
    } else if (/^(?:[IVXLC]+|[A-ZĐ])$/.test(s)) prev = null;
  });
  return gaps;
}

/** Reads one DocTable into the contract's Table. */
export function readTable(doc: Doc, t: DocTable): Table {
  const flags = new Set<string>(t.flags);
  let confidence: Confidence = 'high';
  const allRows = t.rows.map((r) => r.cells.map((c) => cleanCell(c.text)));
  let headerCount = Math.min(t.headerRows, allRows.length);
  if (headerCount === 0 && !t.layout) {
    // Unknown header: leading rows with no number other than a year.
    while (
      headerCount < allRows.length - 1 &&
      (allRows[headerCount] ?? []).every((c) => c === '' || YEAR_ONLY.test(c) || parseVnNumber(c) === null)
    )
      headerCount++;
  }
  let formulas: ColumnFormula[] = [];
  const next = allRows[headerCount];
  if (next && isNumberingRow(next)) {
    formulas = numberingFormulas(next);
    headerCount++;
  }
  const header = allRows.slice(0, headerCount);
  // Headers and column-number rows repeated after a page break are not data.
  const headerKeys = new Set(header.map((r) => r.join('|')));
  const dataIdx = allRows
    .map((_, i) => i)
    .filter((i) => i >= headerCount)
    .filter((i) => {
      const r = allRows[i] ?? [];
      return !(headerKeys.has(r.join('|')) || (!t.layout && isNumberingRow(r) && i > headerCount));
    });
  const data = dataIdx.map((i) => allRows[i] ?? []);
  const width = Math.max(t.columns?.length ?? 0, ...allRows.map((r) => r.length), 0);
  const columns = defaultColumns(t, header, width);
  const cap = caption(doc, t);
  const roles = columnRoles(columns, data);
  const money = roles.unit !== null ? null : ((cap.unitText ? moneyUnit(cap.unitText) : null) ?? headerUnit(columns));
  const kind = tableKind(t, cap.title, columns, money);
  const unit = roles.unit !== null ? null : money ? money.unit : (cap.unitText ?? null);

  const skip = new Set([roles.stt, roles.label, roles.unit].filter((x): x is number => x !== null));
  const numericTexts = data.flatMap((r) => r.filter((_, i) => !skip.has(i)));
  const evidence = notationEvidence(numericTexts);
  const notation: Notation | null = detectNotation(numericTexts) ?? (money ? 'vn' : null);
  // A table that mixes notations ("9.5" beside "13,8") cannot vouch for how it wrote "1.500".
  const mixed = evidence.vn > 0 && evidence.en > 0;

  const rows: Table['rows'] = [];
  const sumRows: SumRow[] = [];
  data.forEach((cellsIn) => {
    const rowFlags = new Set<string>();
    let cells = cellsIn;
    if (!t.layout && columns.length > 0 && cells.length !== columns.length) {
      rowFlags.add('irregular-row');
      // Merged leading cells (rowspans) are what a short row usually lacks: align it to the right.
      if (cells.length < columns.length) cells = [...Array(columns.length - cells.length).fill(''), ...cells];
    }
    const values = cells.map((c, i) => {
      if (t.layout || skip.has(i)) return null;
      const p = parseVnNumber(c, { notation });
      const other = notation === 'en' ? 'vn' : 'en';
      const twoReadings = mixed && p !== null && parseVnNumber(c, { notation: other })?.value !== p.value;
      if (p?.ambiguous || twoReadings) rowFlags.add('ambiguous-number');
      return p ? p.value : null;
    });
    const labelCell = roles.label !== null ? cells[roles.label] : undefined;
    const label =
      (labelCell && labelCell !== '' ? labelCell : null) ??
      cells.find((c, i) => i !== roles.stt && c !== '' && parseVnNumber(c) === null) ??
      null;
    rows.push({ label, cells: cellsIn, values, flags: [...rowFlags] });
    sumRows.push({
      stt: roles.stt !== null ? (cells[roles.stt] ?? '') : '',
      label: label ?? '',
      values,
      regular: !rowFlags.has('irregular-row'),
      rate: RATE_ROW.test(label ?? '') || (roles.unit !== null && /%|‰/.test(cells[roles.unit] ?? '')),
    });
  });

  const checks: SumResult =
    kind === 'layout' || kind === 'other' || rows.length === 0
      ? { checks: [], rowFlags: [] }
      : sumChecks({ columns, rows: sumRows, skipColumns: skip, formulas });
  for (const [r, f] of checks.rowFlags) {
    const row = rows[r];
    if (row && !row.flags.includes(f)) row.flags.push(f);
  }
  if (roles.stt !== null && kind !== 'layout') {
    for (const r of numberingGaps(sumRows.map((s) => s.stt))) {
      rows[r]?.flags.push('numbering-gap');
      flags.add('numbering-gap');
      confidence = minConfidence(confidence, 'medium');
    }
  }
  const failed = checks.checks.filter((c) => !c.ok).length;
  if (failed > 0) {
    flags.add('sum-mismatch');
    confidence = minConfidence(confidence, failed > 2 || failed * 4 > checks.checks.length ? 'low' : 'medium');
  }
  if (rows.some((r) => r.flags.includes('ambiguous-number'))) {
    flags.add('ambiguous-number');
    confidence = minConfidence(confidence, 'medium');
  }
  if (rows.some((r) => r.flags.includes('irregular-row'))) flags.add('irregular-row');
  if (flags.has('irregular-row')) confidence = minConfidence(confidence, 'medium');

  return {
    id: `table-${t.index + 1}`,
    kind,
    title: cap.title,
    unit,
    multiplier: money ? money.multiplier : null,
    columns,
    rows,
    checks: checks.checks,
    confidence,
    flags: [...flags],
    source: t.span,
  };
}

/** Every table of the document as the contract's Table: kind, unit, numeric values, sum checks. */
export function extractTables(doc: Doc): Table[] {
  return doc.tables.map((t) => readTable(doc, t));
}
