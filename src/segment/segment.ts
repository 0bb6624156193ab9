// Segmentation, GROBID's "zones first, then small field extractors per zone": one pass cuts the document into its
// parts (a decision and the plan it issues, or the plan alone) and each part into header, title, preamble, body,
// tail (signature, recipients) and appendices. The plan part's outline is built here, over that part only, so the
// decision's articles and signature never reach the plan's sections, targets, agencies or budget.

import type { Doc, Line, Outline, PartZones, Zone, Zones } from '../doc/types.js';
import { buildOutline } from '../extract/outline.js';
import { ATTACHED_BY_RE, type DocKind, TYPE_LINES } from '../rules/doc-kinds.js';
import { TAIL_PATTERNS } from '../rules/sections.js';
import { cleanText } from '../text/clean.js';

/** How far into a part its type line may sit (header rows, draft marks, blank lines). */
const TYPE_LINE_WINDOW = 30;
/** How far below a plan's type line the "(Ban hành kèm theo Quyết định …)" note may sit (title lines between). */
const NOTE_WINDOW = 8;

export interface TypeLineHit {
  index: number;
  kind: DocKind;
  /** The type word(s) as matched ("KẾ HOẠCH HÀNH ĐỘNG"). */
  word: string;
  /** Title text on the same line after the type word, '' when the title has lines of its own. */
  rest: string;
}

/** A line's text for type-line matching: emphasis, markdown heading marks and surrounding blanks removed. */
function plain(text: string): string {
  return cleanText(text)
    .replace(/^#+\s*/u, '')
    .replace(/^\*+|\*+$/gu, '')
    .trim();
}

/**
 * The type line a text line is, or null: "KẾ HOẠCH", "QUYẾT ĐỊNH", "KẾ HOẠCH THỰC HIỆN …" (title run on), "QUYẾT
 * ĐỊNH Về việc …". Counter-examples: "Kế hoạch số 12/KH-UBND ngày …" (running text), "KẾ HOẠCH SỐ 5" (a citation),
 * "I. KẾ HOẠCH THỰC HIỆN" (a section heading).
 */
export function typeLineOf(text: string): Omit<TypeLineHit, 'index'> | null {
  const t = plain(text);
  if (t.length < 2 || t.length > 400) return null;
  for (const tl of TYPE_LINES) {
    if (!t.startsWith(tl.line)) continue;
    const rest = t.slice(tl.line.length);
    if (rest === '') return { kind: tl.kind, word: tl.line, rest: '' };
    if (!/^\s/u.test(rest)) continue;
    const r = rest.trim();
    // A title run on: capitals ("KẾ HOẠCH TRIỂN KHAI …") or the subject line ("QUYẾT ĐỊNH Về việc …").
    if (/^(?:SỐ|Số|số)(?=[\s:.]|$)/u.test(r)) return null;
    const firstWords = r.split(/\s+/u).slice(0, 3).join(' ');
    const upperRun = firstWords.replace(/[^\p{L}]/gu, '') !== '' && !/\p{Ll}/u.test(firstWords);
    if (upperRun || /^(?:Về việc|V\/v|về)\b/u.test(r)) return { kind: tl.kind, word: tl.line, rest: r };
    return null;
  }
  return null;
}

function findTypeLine(lines: readonly Line[], from: number, to: number): TypeLineHit | null {
  let seen = 0;
  for (let i = from; i < to && seen < TYPE_LINE_WINDOW; i++) {
    const line = lines[i] as Line;
    if (line.kind === 'blank') continue;
    seen++;
    if (line.kind !== 'text') continue;
    const hit = typeLineOf(line.text);
    if (hit) return { index: i, ...hit };
  }
  return null;
}

function isTailLine(line: Line): boolean {
  if (line.kind === 'blank') return false;
  const t = cleanText(line.text);
  return TAIL_PATTERNS.some((re) => re.test(t));
}

const PREAMBLE_RE = /^(?:Căn cứ|Thực hiện|Triển khai|Xét đề nghị|Theo đề nghị|Trên cơ sở|Kính gửi|Nhằm|Để)(?![\p{L}])/u;
const RULE_RE = /^[-–_=.*\s]+$/u;

/** End (exclusive) of the title block that opens at the type line. */
function titleEnd(lines: readonly Line[], type: TypeLineHit, to: number): number {
  let end = type.index + 1;
  let titleLines = type.rest === '' ? 0 : 1;
  for (let i = type.index + 1; i < to && i <= type.index + NOTE_WINDOW; i++) {
    const line = lines[i] as Line;
    if (line.kind === 'blank') continue;
    if (line.kind !== 'text') break;
    const t = cleanText(line.text);
    if (RULE_RE.test(t)) {
      end = i + 1;
      continue;
    }
    if (ATTACHED_BY_RE.test(t)) {
      end = i + 1;
      continue;
    }
    if (PREAMBLE_RE.test(t) || /^[IVX]+\s*(?:[.:)/]|[-–]\s)/u.test(t) || /^Điều\s+1\b/u.test(t)) break;
    // The title: capitals over one or more lines, or one mixed-case line under the type line.
    const upper = !/\p{Ll}/u.test(t);
    if (titleLines > 0 && !upper && !/^\(/u.test(t)) break;
    titleLines++;
    end = i + 1;
    if (!upper && !/^\(/u.test(t)) break;
  }
  return end;
}

function emptyZone(at: number): Zone {
  return { from: at, to: at };
}

/** Appendices after `from`: each "PHỤ LỤC" heading to the next or to `to`. */
function appendices(lines: readonly Line[], from: number, to: number): Zone[] {
  const heads: number[] = [];
  for (let i = from; i < to; i++) {
    const line = lines[i] as Line;
    if (line.kind !== 'text') continue;
    const t = cleanText(line.text);
    if (/^PHỤ LỤC\b|^Phụ lục(?:\s+(?:số\s+)?[0-9IVXLC]+[a-z]?)?\s*[.:]?\s*$/u.test(t)) heads.push(i);
  }
  return heads.map((h, k) => ({ from: h, to: heads[k + 1] ?? to }));
}

/** The "Nơi nhận:" list: its line to the first blank line after an entry or the end of the tail. */
function recipients(lines: readonly Line[], tail: Zone): Zone | null {
  for (let i = tail.from; i < tail.to; i++) {
    const line = lines[i] as Line;
    if (!/Nơi nhận/u.test(line.text)) continue;
    let end = i + 1;
    for (; end < tail.to; end++) {
      const l = lines[end] as Line;
      if (l.kind === 'blank') break;
      if (l.kind === 'text' && !/^[-–•+*\s]/u.test(l.text) && !/^Lưu\b/u.test(cleanText(l.text))) break;
    }
    return { from: i, to: end };
  }
  return null;
}

/** Zones of a plan part, given its outline (built over the part). */
function planPart(lines: readonly Line[], range: Zone, outline: Outline): PartZones {
  const type = findTypeLine(
    lines,
    range.from,
    Math.min(range.to, outline.bodyStart === outline.bodyEnd ? range.to : outline.bodyStart),
  );
  const hasBody = outline.sections.length > 0;
  const bodyStart = hasBody ? outline.bodyStart : range.to;
  const tEnd = type ? Math.min(titleEnd(lines, type, range.to), bodyStart) : range.from;
  const header: Zone = { from: range.from, to: type ? type.index : Math.min(bodyStart, range.to) };
  const title: Zone = type ? { from: type.index, to: tEnd } : emptyZone(header.to);
  const preamble: Zone = { from: Math.max(title.to, header.to), to: Math.max(bodyStart, title.to) };
  const body: Zone = hasBody ? { from: outline.bodyStart, to: outline.bodyEnd } : emptyZone(range.to);
  const apps = appendices(lines, hasBody ? outline.bodyEnd : range.to, range.to);
  const tail: Zone = { from: hasBody ? outline.bodyEnd : range.to, to: apps[0]?.from ?? range.to };
  return {
    range,
    header,
    typeLine: type?.index ?? null,
    title,
    preamble,
    body,
    tail,
    recipients: recipients(lines, tail),
    appendices: apps,
  };
}

/** Zones of the decision that issues an attached plan: articles ("Điều 1.") are its body. */
function decisionPart(lines: readonly Line[], range: Zone, type: TypeLineHit): PartZones {
  const tEnd = titleEnd(lines, type, range.to);
  let bodyStart = range.to;
  for (let i = tEnd; i < range.to; i++) {
    const line = lines[i] as Line;
    if (line.kind !== 'text') continue;
    const t = cleanText(line.text);
    if (/^Điều\s+1\b/u.test(t) || /^QUYẾT ĐỊNH\s*:/u.test(t)) {
      bodyStart = i;
      break;
    }
  }
  let tailStart = range.to;
  for (let i = bodyStart + 1; i < range.to; i++) {
    if (isTailLine(lines[i] as Line)) {
      tailStart = i;
      break;
    }
  }
  const tail: Zone = { from: tailStart, to: range.to };
  return {
    range,
    header: { from: range.from, to: type.index },
    typeLine: type.index,
    title: { from: type.index, to: tEnd },
    preamble: { from: tEnd, to: bodyStart },
    body: { from: bodyStart, to: tailStart },
    tail,
    recipients: recipients(lines, tail),
    appendices: [],
  };
}

/** Lines above an attached plan's type line that belong to its own header (issuer block, motto, number). */
function attachmentStart(lines: readonly Line[], typeLine: number, floor: number): number {
  let start = typeLine;
  for (let i = typeLine - 1; i > floor && i >= typeLine - 8; i--) {
    const line = lines[i] as Line;
    if (line.kind === 'blank') continue;
    const t = cleanText(line.text);
    const headerish =
      line.kind === 'table-row' ||
      RULE_RE.test(t) ||
      /^(?:[UỦ][YỶ] BAN|UBND|TỈNH|THÀNH PHỐ|CỘNG H[OÒ]A|Độc lập|Số\s*:|PHỤ LỤC|Phụ lục)/u.test(t) ||
      (!/\p{Ll}/u.test(t) && t.length < 80);
    if (!headerish) break;
    start = i;
  }
  return start;
}

export interface Segmentation {
  zones: Zones;
  /** The plan part's outline (sections, items, body bounds); for a non-plan, the whole document's. */
  outline: Outline;
  /** The first part's type line (the decision's for a plan issued by decision), or null. */
  typeLine: TypeLineHit | null;
  /** The attached plan's type line, when a plan follows a decision. */
  planTypeLine: TypeLineHit | null;
  /** True when a decision's articles issue a plan ("Ban hành kèm theo Quyết định này Kế hoạch …"). */
  issuesPlan: boolean;
}

const ISSUES_PLAN_RE = /kèm theo Quyết định này\s+(?:là\s+)?Kế hoạch|Phê duyệt Kế hoạch|Ban hành Kế hoạch/iu;

/**
 * Cuts `doc` into zones. A plan issued as the attachment of a decision is found from its type line ("KẾ HOẠCH")
 * under a decision's ("QUYẾT ĐỊNH"), with the note "(Ban hành kèm theo Quyết định số …)" under its title, or
 * after the decision's tail when the decision says it issues a plan.
 */
export function segment(doc: Doc): Segmentation {
  const lines = doc.lines;
  const n = lines.length;
  const first = findTypeLine(lines, 0, n);
  let planStart: number | null = null;
  let planType: TypeLineHit | null = null;
  let attachedBy: number | null = null;
  let issuesPlan = false;

  if (first?.kind === 'plan') {
    // A plan standing alone, or the attached plan without its decision ("KẾ HOẠCH … (Ban hành kèm theo …)").
    const note = noteAfter(lines, first.index);
    if (note !== null) attachedBy = note;
  } else if (first?.kind === 'decision') {
    // Look for the attached plan's type line after the decision's articles.
    for (let i = first.index + 1; i < n; i++) {
      const line = lines[i] as Line;
      if (line.kind !== 'text') continue;
      if (!issuesPlan && ISSUES_PLAN_RE.test(line.text)) issuesPlan = true;
      const hit = typeLineOf(line.text);
      if (hit?.kind !== 'plan') continue;
      const note = noteAfter(lines, i);
      if (note !== null || (issuesPlan && tailBetween(lines, first.index, i))) {
        planType = { index: i, ...hit };
        attachedBy = note;
        planStart = attachmentStart(lines, i, first.index);
        break;
      }
    }
  }

  const planRange: Zone = { from: planStart ?? 0, to: n };
  const outline = buildOutline(doc, planRange);
  const plan = planPart(lines, planRange, outline);
  const decision = planStart !== null && first ? decisionPart(lines, { from: 0, to: planStart }, first) : null;
  const zones: Zones = { plan, decision, attachedBy };
  return { zones, outline, typeLine: first, planTypeLine: planType, issuesPlan };
}

/** The "(Ban hành kèm theo Quyết định số …)" line within a few lines under a type line, or null. */
function noteAfter(lines: readonly Line[], typeLine: number): number | null {
  let title = true;
  for (let i = typeLine + 1; i < lines.length && i <= typeLine + NOTE_WINDOW; i++) {
    const line = lines[i] as Line;
    if (line.kind !== 'text') continue;
    const t = cleanText(line.text);
    if (ATTACHED_BY_RE.test(t) && /Quyết\s+định\s+(?:số\s*)?[\d…. _/]/iu.test(t)) return i;
    // The line under "KẾ HOẠCH" is its title, which often opens as a preamble does ("Triển khai công tác …").
    if ((PREAMBLE_RE.test(t) && !title) || /^[IVX]+\s*(?:[.:)/]|[-–]\s)/u.test(t)) return null;
    title = false;
  }
  return null;
}

/** A tail marker (Nơi nhận, TM./KT.) lies between two lines: the decision was closed before the plan opens. */
function tailBetween(lines: readonly Line[], from: number, to: number): boolean {
  for (let i = from + 1; i < to; i++) if (isTailLine(lines[i] as Line)) return true;
  return false;
}
