// Every DocTable becomes a contract Table: what it is (budget / indicator / layout / other), its caption and
// unit, each cell read as a number in the table's own unit, and arithmetic checks (row and column sums).

import { type ColumnFormula, type SumResult, type SumRow, sumChecks } from '../checks/sums.js';
import { minConfidence } from '../contract/field.js';
import type { Confidence, Table } from '../contract/schema.js';
import type { Doc, DocTable } from '../doc/types.js';
import { detectNotation, type Notation, notationEvidence, parseVnNumber } from '../numbers/parse.js';
import { type MoneyUnit, moneyUnit, UNIT_LABELS } from '../rules/money.js';
import { cleanMarkup } from '../text/clean.js';
import { memoise } from '../text/memo.js';

// Words that tell what a table is about, matched on its caption and headers (lower case).
const BUDGET_WORDS = ['kinh phí', 'dự toán', 'ngân sách', 'nguồn vốn', 'vốn đầu tư', 'chi phí', 'nsnn', 'nsđp'];
const INDICATOR_WORDS = ['chỉ tiêu', 'mục tiêu', 'tỷ lệ', 'chỉ số', 'kết quả'];
const STT_HEADERS = /^(?:stt|tt|số tt|số thứ tự)\.?$/;
const UNIT_HEADERS = /^(?:đơn vị tính|đvt|đơn vị|đv tính)$/;
const TIME_HEADERS = /^(?:thời gian|thời hạn|tiến độ|năm thực hiện|thời điểm)/;
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

/** A cell's text: converted documents keep markdown emphasis ("**Tổng**", "*1*"); it carries no content. */
export const cleanCell = cleanMarkup;

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

const LETTER_RE = /\p{L}/u;
const UPPER_RE = /\p{Lu}/u;

// Counts in UTF-16 units, as the length of the letters would; ASCII is classified without a regex since caption
// lines above every table pass here.
const isUpperHeavy = memoise(upperHeavy);

function upperHeavy(s: string): boolean {
  let letters = 0;
  let upper = 0;
  for (const ch of s) {
    if (ch < '\u0080') {
      if (ch >= 'A' && ch <= 'Z') {
        letters++;
        upper++;
      } else if (ch >= 'a' && ch <= 'z') letters++;
    } else if (LETTER_RE.test(ch)) {
      letters += ch.length;
      if (UPPER_RE.test(ch)) upper += ch.length;
    }
  }
  if (letters < 4) return false;
  return upper / letters > 0.8;
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

/** A money unit and its spelling in the document ("ngàn đồng", "Triệu đồng"): the contract reports it as written. */
interface WrittenMoney {
  money: MoneyUnit;
  written: string;
}

/** The unit phrase as written, without the punctuation that closes the caption line ("Triệu đồng." → "Triệu đồng"). */
export function writtenUnit(phrase: string): string {
  return phrase
    .replace(/[*_]+/g, '')
    .replace(/[\s.:;,)]+$/u, '')
    .replace(/^[\s(:]+/u, '')
    .replace(/\s+/g, ' ');
}

function moneyAsWritten(phrase: string | null | undefined): WrittenMoney | null {
  if (!phrase) return null;
  const money = moneyUnit(phrase);
  return money ? { money, written: writtenUnit(phrase) } : null;
}

function headerUnit(columns: string[]): WrittenMoney | null {
  for (const c of columns) {
    for (const m of c.matchAll(/\(([^()]{1,30})\)/g)) {
      const u = moneyAsWritten((m[1] ?? '').replace(/^(?:đơn vị tính|đơn vị|đvt)\s*:\s*/i, ''));
      if (u) return u;
    }
    const u = moneyAsWritten(c.match(UNIT_PHRASE)?.[1]);
    if (u) return u;
  }
  return null;
}

/** Headers that stand alone at a table's end, spanning both header rows ("Ghi chú"), never over sub-columns. */
const STANDALONE_HEADER = /^(?:ghi chú|thời gian|đơn vị tính|đvt)/iu;

/**
 * A two-row header whose lower row is short, read with its leading upper cells spanning both rows (STT, Nội dung)
 * and the one upper cell left as the group over every lower cell ("Tọa độ lấy mẫu" / "X", "Y"). Null when the
 * shape allows more than one such reading.
 */
export function twoRowHeader(upper: readonly string[], lower: readonly string[], width: number): string[] | null {
  const top = upper.filter((c) => c !== '');
  const sub = lower.filter((c) => c !== '');
  if (top.length !== upper.length || sub.length !== lower.length || sub.length < 2 || sub.length >= width) return null;
  if (top.length + sub.length - 1 !== width) return null;
  const group = top[top.length - 1] ?? '';
  if (STANDALONE_HEADER.test(group)) return null;
  return [...top.slice(0, -1), ...sub.map((c) => `${group} / ${c}`)];
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

/** An STT cell that also holds the first words of the row's text ("I. Các" | "dự án, nhiệm vụ …"). */
const STT_WITH_WORDS = /^((?:[IVXLC]+|\d{1,3}(?:\.\d{1,2})*|[A-ZĐa-zđ])[.)]?)\s+(\p{L}[^|]{0,40})$/u;

/**
 * PDF readers cut cells by x-position, so the first words of a row's text can land in the STT cell. The STT
 * column holds only numerals, so the words go back to the start of the text cell, which then reads on in lower case.
 */
function repairSttCell(cells: string[], stt: number | null, label: number | null): string[] | null {
  if (stt === null || label === null || label !== stt + 1) return null;
  const m = STT_WITH_WORDS.exec(cells[stt] ?? '');
  const text = cells[label] ?? '';
  if (!m?.[1] || !m[2] || (text !== '' && !/^\p{Ll}/u.test(text))) return null;
  const out = [...cells];
  out[stt] = m[1];
  out[label] = text === '' ? m[2] : `${m[2]} ${text}`;
  return out;
}

/**
 * A non-STT column counting 1, 2, 3 … down the rows is the STT column read into the wrong place: the rows were
 * misaligned when the table was rebuilt, so no figure in it can be trusted.
 */
export function runningNumberColumn(
  values: ReadonlyArray<ReadonlyArray<number | null>>,
  skip: Set<number>,
): number | null {
  const width = Math.max(0, ...values.map((r) => r.length));
  for (let c = 0; c < width; c++) {
    if (skip.has(c)) continue;
    const seq = values.map((r) => r[c]).filter((v): v is number => v !== null && v !== undefined);
    if (seq.length >= 5 && seq.every((v, i) => v === i + 1)) return c;
  }
  return null;
}

/**
 * A column whose header path names two different years ("Năm 2026 / Năm 2027") cannot exist: the multi-level
 * header was rebuilt with its spans guessed wrong, so every column name under it is in doubt.
 */
export function contradictoryHeader(columns: readonly string[]): boolean {
  return columns.some((c) => {
    const years = c.split(' / ').map((part) => part.match(/(?<!\d)(?:19|20)\d{2}(?!\d)/g) ?? []);
    const distinct = new Set(years.filter((ys) => ys.length === 1).map((ys) => ys[0]));
    return distinct.size > 1;
  });
}

/** What a table continued after a page break takes from the part above it. */
export interface Continued {
  columns: string[];
  title: string | null;
  unit: string | null;
  money: MoneyUnit | null;
}

/** Reads one DocTable into the contract's Table; `above` is the part before a page break when it continues one. */
export function readTable(doc: Doc, t: DocTable, above: Continued | null = null): Table {
  const flags = new Set<string>(t.flags);
  let confidence: Confidence = 'high';
  const allRows = t.rows.map((r) => r.cells.map((c) => cleanCell(c.text)));
  let headerCount = Math.min(t.headerRows, allRows.length);
  // A continuation without a header of its own starts with data: its first text-only row is a row's tail.
  if (headerCount === 0 && !t.layout && !(above && !t.columns)) {
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
  let columns = above && !t.columns ? above.columns : defaultColumns(t, header, width);
  const own = caption(doc, t);
  const cap: Caption = above ? { title: own.title ?? above.title, unitText: own.unitText } : own;
  let roles = columnRoles(columns, data);
  // The rows' text column is never under a group header: a header that puts it there was rebuilt with the group
  // over the wrong columns, and the reading with the group last is taken instead.
  const named = header.filter((r) => !isNumberingRow(r));
  const alt = named.length === 2 && named[0] && named[1] ? twoRowHeader(named[0], named[1], width) : null;
  // The text column is the one the figures say, or the one right after the STT, where plans put it.
  const textColumns = [roles.label, roles.stt !== null ? roles.stt + 1 : null].filter((c): c is number => c !== null);
  if (alt && textColumns.some((c) => columns[c]?.includes(' / ') && !alt[c]?.includes(' / '))) {
    columns = alt;
    roles = columnRoles(columns, data);
  }
  const inherited = above?.money && above.unit ? { money: above.money, written: above.unit } : null;
  const written = roles.unit !== null ? null : (moneyAsWritten(cap.unitText) ?? headerUnit(columns) ?? inherited);
  const money = written?.money ?? null;
  const kind = tableKind(t, cap.title, columns, money);
  const unit =
    t.layout || roles.unit !== null
      ? null
      : written
        ? written.written
        : cap.unitText
          ? writtenUnit(cap.unitText)
          : (above?.unit ?? null);

  const skip = new Set([roles.stt, roles.label, roles.unit].filter((x): x is number => x !== null));
  // "Thời gian thực hiện: 2026" is a date, not a figure in the table's unit.
  columns.forEach((c, i) => {
    if (TIME_HEADERS.test(lower(c.split(' / ').pop() ?? c).trim())) skip.add(i);
  });
  const numericTexts = data.flatMap((r) => r.filter((_, i) => !skip.has(i)));
  const evidence = notationEvidence(numericTexts);
  const notation: Notation | null = detectNotation(numericTexts) ?? (money ? 'vn' : null);
  // A table that mixes notations ("9.5" beside "13,8") cannot vouch for how it wrote "1.500".
  const mixed = evidence.vn > 0 && evidence.en > 0;

  const rows: Table['rows'] = [];
  const sumRows: SumRow[] = [];
  data.forEach((cellsIn) => {
    const rowFlags = new Set<string>();
    const repaired = t.layout ? null : repairSttCell(cellsIn, roles.stt, roles.label);
    if (repaired) rowFlags.add('wrapped');
    const written = repaired ?? cellsIn;
    let cells = written;
    if (!t.layout && columns.length > 0 && cells.length !== columns.length) {
      rowFlags.add('irregular-row');
      // Merged leading cells (rowspans) are what a short row usually lacks: align it to the right, unless it
      // opens with its own STT, when the missing cells are at its end.
      const pad = Array(Math.max(0, columns.length - cells.length)).fill('');
      const ownStt = roles.stt === 0 && STT_CELL.test(cells[0] ?? '');
      if (cells.length < columns.length) cells = ownStt ? [...cells, ...pad] : [...pad, ...cells];
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
    rows.push({ label, cells: written, values, flags: [...rowFlags] });
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
  if (!t.layout && contradictoryHeader(columns)) {
    flags.add('header-uncertain');
    confidence = minConfidence(confidence, 'medium');
  }
  if (
    !t.layout &&
    runningNumberColumn(
      rows.map((r) => r.values),
      skip,
    ) !== null
  ) {
    flags.add('misaligned-rows');
    confidence = 'low';
  }

  return {
    id: `table-${t.index + 1}`,
    kind,
    // A header or signature block has no caption: the lines above it belong to the text.
    title: t.layout ? null : cap.title,
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

/** True when `t` goes on where `prev` stopped: nothing but blank lines between them and no wider rows. */
function continues(doc: Doc, prev: DocTable, t: DocTable): boolean {
  if (prev.layout || t.layout || t.firstLine <= prev.lastLine) return false;
  for (let n = prev.lastLine + 1; n < t.firstLine; n++) if (doc.lines[n - 1]?.kind !== 'blank') return false;
  const width = (d: DocTable) => Math.max(d.columns?.length ?? 0, ...d.rows.map((r) => r.cells.length));
  const w = width(t);
  return w >= 2 && w <= width(prev);
}

/**
 * A row broken by a page break: its tail opens the next part with the STT and text cells empty. The tail's text
 * goes back into the row above; both parts are flagged, as the join is a reconstruction.
 */
function joinSplitRow(upper: Table, lower: Table): void {
  const tail = lower.rows[0];
  const head = upper.rows[upper.rows.length - 1];
  if (!tail || !head || tail.cells.length > head.cells.length) return;
  const stt = /^(?:stt|tt)$/i.test(upper.columns[0] ?? '') ? 0 : -1;
  const textOnly = tail.cells.every((c) => c === '' || parseVnNumber(c) === null);
  const filled = tail.cells.filter((c) => c !== '').length;
  if (!textOnly || filled === 0 || filled === tail.cells.length || (tail.cells[0] ?? '') !== '') return;
  if (stt === 0 && (tail.cells[1] ?? '') !== '') return;
  const offset = head.cells.length - tail.cells.length;
  head.cells = head.cells.map((c, i) => {
    const more = tail.cells[i - offset] ?? '';
    if (more === '') return c;
    // The joined cell holds text, so whatever figure its first part seemed to be is not one.
    head.values[i] = null;
    return c === '' ? more : `${c} ${more}`;
  });
  if (!head.flags.includes('split-row')) head.flags.push('split-row');
  lower.rows.shift();
  for (const t of [upper, lower]) {
    if (!t.flags.includes('split-row')) t.flags.push('split-row');
    t.confidence = minConfidence(t.confidence, 'medium');
  }
}

/** Every table of the document as the contract's Table: kind, unit, numeric values, sum checks. */
export function extractTables(doc: Doc): Table[] {
  const out: Table[] = [];
  doc.tables.forEach((t, i) => {
    const prevDoc = doc.tables[i - 1];
    const prev = out[i - 1];
    const above =
      prevDoc && prev && continues(doc, prevDoc, t)
        ? {
            columns: prev.columns,
            title: prev.title,
            unit: prev.unit,
            money: prev.multiplier !== null && prev.unit ? moneyUnit(prev.unit) : null,
          }
        : null;
    const table = readTable(doc, t, above);
    if (above && prev) joinSplitRow(prev, table);
    out.push(table);
  });
  return out;
}
