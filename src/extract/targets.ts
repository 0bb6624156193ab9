// Targets: one per target line of the plan's objectives (contract, "What counts").
//
// Where targets are (Nghị định 30/2020/NĐ-CP layout):
// - a section whose title contains "MỤC TIÊU": its items and paragraphs are targets;
// - a sub-item headed "Mục tiêu …" / "Chỉ tiêu …" anywhere in the body ("4. Các chỉ tiêu cụ thể đến năm 2030");
// - a list the text introduces as targets ("… các chỉ tiêu cụ thể như sau:").
// Inside them, the general aim ("Mục tiêu chung/tổng quát") counts only where it states values; everything
// else is a target line, with `values: []` when it has no number. Lines that only head a block (a short
// line with no value and lines under it: "a) Đối với trẻ em", "2.1. Đến năm 2030") are not targets, but a
// year they state dates the targets under them (flagged `inferred`).
//
// A heading inside the objectives that states one due year ("1. Phát triển kinh tế số đến năm 2030", "a) Đến năm
// 2025:") is a dating heading: it dates every item under it as surely as the line itself would.
// Blocks of principles or purposes ("1. Quan điểm") hold no targets; the general aim counts only where it states
// values in digits ("ba trụ cột" is not a target).
//
// Confidence: the rules live in src/confidence.ts (which signals make a value high); this file computes signals.
import { targetConfidence, targetValueFlags, type YearSource } from '../confidence.js';
import type { Metadata, Target, TargetValue } from '../contract/schema.js';
import { linesSpan } from '../doc/build.js';
import type { Doc, Line, Outline, OutlineItem, OutlineSection } from '../doc/types.js';
import { TARGET_WORDS } from '../rules/target-words.js';
import { cleanMarkup } from '../text/clean.js';
import { memoise } from '../text/memo.js';
import { headingYears, readTargetValues, type ValueReading } from './target-values.js';

type Mode = 'none' | 'general' | 'specific';

/** A year inherited from a heading; `dating` when the heading is a dating heading (src/confidence.ts). */
interface HeadYear {
  year: number;
  dating: boolean;
}

/**
 * The year a heading dates the lines under it with. `dating` needs a heading inside the objectives that states
 * exactly one due year: "Mục tiêu đến năm 2025, định hướng đến năm 2030" dates, but not surely.
 */
function headYear(text: string, inObjectives: boolean): HeadYear | null {
  const years = headingYears(text);
  const first = years[0];
  if (first === undefined) return null;
  return { year: first, dating: inObjectives && new Set(years).size === 1 };
}

interface Context {
  doc: Doc;
  /** readTargetValues, memoised for this document: a line is read as a head, a block check and a target. */
  read: (text: string) => ValueReading[];
  section: OutlineSection;
  planYear: number | null;
  /** The section holds the plan's objectives (its title says MỤC TIÊU). */
  objective: boolean;
  out: Target[];
  /** The section joins objectives with another topic ("MỤC TIÊU VÀ PHƯƠNG PHÁP") and heads its target blocks. */
  mixed: boolean;
}

const lower = (s: string) => s.toLowerCase();
const clean = cleanMarkup;
/** s.split(' ').length > n, counting spaces only as far as needed (heads are tested on whole paragraphs). */
function moreWordsThan(s: string, n: number): boolean {
  let spaces = 0;
  for (let at = s.indexOf(' '); at >= 0; at = s.indexOf(' ', at + 1)) if (++spaces >= n) return true;
  return false;
}
const startsWithWord = (s: string, w: string) => s.startsWith(w) && !/[\p{L}\p{N}]/u.test(s[w.length] ?? '');

// "Chỉ tiêu 3: …", "Mục tiêu 1: Về …": the document numbers the target or the block.
const NAMED_RE =
  /^((?:Chỉ|chỉ|CHỈ)\s+(?:tiêu|TIÊU)|(?:Mục|mục|MỤC)\s+(?:tiêu|TIÊU))\s+(?:số\s+)?(\d{1,3})\s*[:.)-]\s*/u;
// A bullet or number left at the start of a raw line.
const LEAD_MARK_RE =
  /^[\s*_]*(?:[-–—+•·●▪○◦](?=[\s*_])|\d{1,2}(?:\.\d{1,2}){0,3}[.)](?=[\s*_])|\d{1,2}-(?=\s)|\d{1,2}(?:\.\d{1,2}){1,3}(?=\s+\p{Lu})|[a-zđ]\)(?=[\s*_])|\(\d{1,2}\)(?=[\s*_]))?[\s*_]*/u;

// "I. Về kinh tế (11 chỉ tiêu)", "Nhóm chỉ tiêu xã hội, gồm 5 chỉ tiêu": the line counts the targets that follow;
// it heads them and is never one itself.
const ANNOUNCES_COUNT_RE =
  /(?:[(（]\s*|\b(?:gồm|gồm có|bao gồm|với)\s+)\d{1,3}\s+(?:nhóm\s+)?(?:chỉ tiêu|mục tiêu)(?:\s+\p{L}+){0,3}\s*(?:[)）]|[:.]?\s*$)/iu;
const announcesCount = (text: string, values: readonly ValueReading[]) =>
  values.length === 0 && ANNOUNCES_COUNT_RE.test(text);

const TARGET_HEADS = [...TARGET_WORDS.targetHeads].sort((a, b) => b.length - a.length);

// Each line is asked whether it heads targets, ends them or opens a list by more than one walk: remembered per line.
const targetHead = memoise(readTargetHead);

function readTargetHead(text: string): { general: boolean; rest: string } | null {
  const c = clean(text);
  const t = lower(c);
  const head = TARGET_HEADS.find((w) => startsWithWord(t, w));
  if (!head) return null;
  const after = t.slice(head.length).trim();
  const general = head === 'mục tiêu' && TARGET_WORDS.generalAim.some((w) => startsWithWord(after, w));
  const colon = c.indexOf(':');
  return { general, rest: colon >= 0 ? c.slice(colon + 1).trim() : '' };
}

/** The first non-empty text line in [from, to), if any. */
function nextTextLine(lines: readonly Line[], from: number, to: number): Line | undefined {
  for (let j = from; j < to; j++) {
    const l = lines[j];
    if (l && l.kind === 'text' && clean(l.text) !== '') return l;
  }
  return undefined;
}

const notTargetHead = memoise((text: string): boolean => {
  const t = lower(clean(text)).replace(/^[^\p{L}]+/u, '');
  return TARGET_WORDS.notTargetHeads.some((w) => startsWithWord(t, w)) && !moreWordsThan(t, 12);
});

const isListIntro = memoise((text: string): boolean => {
  const t = lower(clean(text));
  return t.endsWith(':') && TARGET_WORDS.listIntro.some((w) => t.includes(w));
});

function objectiveSection(title: string): boolean {
  // "MỤC TIÊU" anywhere in the title, or a title that opens with "CÁC CHỈ TIÊU …" ("DỰ BÁO CÁC CHỈ TIÊU" is not).
  const t = lower(clean(title));
  return TARGET_WORDS.objectiveSection.some((w) => t.includes(w)) || targetHead(title) !== null;
}

/** The item's head, with "Chỉ tiêu 3" / "Mục tiêu 2" when the outline took it as the label. */
function headedAsTarget(doc: Doc, item: OutlineItem): boolean {
  const text = /^(?:Chỉ|Mục) tiêu/u.test(item.label) ? `${item.label}: ${item.text}` : item.text;
  const head = clean(text) === '' ? clean(doc.lines[item.headLine + 1]?.text ?? '') : text;
  return targetHead(head) !== null;
}

/**
 * "I. MỤC TIÊU VÀ PHƯƠNG PHÁP" with "1. Mục tiêu:" and "2. Phương pháp và kế hoạch:": the title joins another
 * topic and the items say which block is which, so the other blocks are not targets. A plain "MỤC TIÊU" section
 * (or one whose items head none of its blocks as targets) keeps every item.
 */
function mixedSection(doc: Doc, section: OutlineSection): boolean {
  const title = lower(clean(section.title)).replace(/\d{4}\s*[-–]\s*\d{4}/gu, ' ');
  if (!/,|(?<![\p{L}])và(?![\p{L}])/u.test(title)) return false;
  const headed = section.items.filter((it) => headedAsTarget(doc, it)).length;
  return headed > 0 && headed < section.items.length;
}

/** The single year a one-year plan covers ("… năm 2016"), else null. */
function planSingleYear(metadata: Metadata): number | null {
  const p = metadata.period.value;
  if (p) return p.from === p.to ? p.to : null;
  const title = metadata.title.value;
  if (!title || /giai\s+đoạn|\d{4}\s*[-–]\s*\d{4}/iu.test(title)) return null;
  const years = [...title.matchAll(/năm\s+(\d{4})/giu)].map((m) => Number(m[1]));
  return years.length === 1 ? (years[0] ?? null) : null;
}

function firstLine(item: OutlineItem): number {
  return item.headLine;
}

/** Short, value-less and not closed by punctuation: it heads the lines under it. */
function headingLike(text: string, values: readonly ValueReading[]): boolean {
  const t = clean(text);
  return values.length === 0 && !moreWordsThan(t, 20) && !/[.;]$/.test(t);
}

const startsLowercase = memoise((text: string): boolean => {
  const t = clean(text).replace(/^[^\p{L}\p{N}]+/u, '');
  return /^\p{Ll}/u.test(t);
});

/**
 * Whether `next` continues a sentence the reader split off `prev`: it opens in lowercase, or it opens with a
 * number ("Phấn đấu" / "100% các điểm …") after a line that does not end a sentence.
 */
function continues(prev: string, next: string): boolean {
  const n = clean(next);
  if (startsLowercase(n)) return true;
  return /^\d/.test(n) && !/[.;:!?)]$/.test(clean(prev)) && !isItemLabel(n);
}

/** "1. …", "2.1. …", "3) …": a numbered item the outline did not take (not "3.000 lượt"). */
function isItemLabel(text: string): boolean {
  return /^\d{1,2}(?:\.\d{1,2}){0,3}[.)]\s/u.test(text) || /^\d{1,2}(?:\.\d{1,2}){1,3}\s+\p{Lu}/u.test(text);
}

interface Draft {
  label: string | null;
  text: string;
  first: number;
  last: number;
  wrapped: boolean;
  readFrom: string;
}

/** The values a line states in a block: a general aim counts only values written in digits ("ba trụ cột"). */
function valuesIn(ctx: Context, text: string, mode: Mode): ValueReading[] {
  const values = ctx.read(text);
  return mode === 'general' ? values.filter((v) => v.spelled === null) : values;
}

function emit(ctx: Context, d: Draft, inherited: HeadYear | null, mode: Mode): void {
  const values = valuesIn(ctx, d.readFrom, mode);
  const flags: string[] = [];
  const out: TargetValue[] = values.map((v) => {
    let year = v.year;
    let source: YearSource = v.yearCarried ? 'inferred' : 'stated';
    if (v.yearFrom === 'none') {
      if (inherited) {
        year = inherited.year;
        source = inherited.dating ? 'dating-heading' : 'inferred';
      } else if (ctx.planYear !== null) {
        year = ctx.planYear;
        source = 'inferred';
      } else source = 'missing';
    }
    flags.push(
      ...targetValueFlags({
        year: source,
        ambiguous: v.ambiguous,
        boundInferred: v.comparatorInferred,
        countSetAside: v.countSetAside,
        spelledByVerb: v.spelled === 'verb',
      }),
    );
    const value: TargetValue = { value: v.value, unit: v.unit, comparator: v.comparator, year, text: v.text };
    if (v.baseline !== undefined) value.baseline = v.baseline;
    if (v.min !== undefined) value.min = v.min;
    if (v.max !== undefined) value.max = v.max;
    if (v.per !== undefined) value.per = v.per;
    return value;
  });
  const { confidence, flags: all } = targetConfidence(flags, d.wrapped);
  ctx.out.push({
    id: `t${ctx.out.length + 1}`,
    label: d.label,
    text: d.text,
    section: ctx.section.numeral,
    values: out,
    confidence,
    flags: all,
    source: linesSpan(ctx.doc.lines, d.first, d.last),
  });
}

function labelOf(itemLabel: string | null, text: string): { label: string | null; body: string } {
  const t = clean(text);
  const named = NAMED_RE.exec(t);
  if (named) {
    const kind = lower(named[1] ?? '').startsWith('chỉ') ? 'Chỉ tiêu' : 'Mục tiêu';
    return { label: `${kind} ${Number(named[2])}`, body: t };
  }
  if (itemLabel && /^(?:\d|[a-zđ]$|\(\d{1,2}\)$)/u.test(itemLabel)) return { label: itemLabel, body: t };
  return { label: null, body: t };
}

/** The raw text of a line with its bullet or number removed, for reading values. */
function rawBody(line: Line): string {
  return line.text.replace(LEAD_MARK_RE, '');
}

/**
 * Walks the lines [from, to) of a block: child items in order, and the paragraphs between them.
 * `years` is the chain of heading years above, nearest last.
 */
function walk(
  ctx: Context,
  from: number,
  to: number,
  items: readonly OutlineItem[],
  mode: Mode,
  year: HeadYear | null,
  skip: ReadonlySet<number>,
  topLevel = false,
): void {
  const lines = ctx.doc.lines;
  let k = 0;
  let last: Draft | null = null;
  let currentMode = mode;
  let currentYear = year;
  const headings = listOfHeadings(ctx, items);
  const flush = () => {
    if (last) emit(ctx, last, currentYear, currentMode);
    last = null;
  };
  for (let i = from; i < to; i++) {
    const child = items[k];
    if (child && firstLine(child) === i) {
      flush();
      // In a section joining objectives with another topic, only the blocks headed as targets hold targets.
      const childMode = topLevel && ctx.mixed && !headedAsTarget(ctx.doc, child) ? 'none' : currentMode;
      visit(ctx, child, childMode, currentYear, headings);
      i = Math.max(i, child.endLine - 1);
      k++;
      continue;
    }
    const line = lines[i];
    if (line?.kind !== 'text' || skip.has(i)) continue;
    const text = clean(line.text);
    if (text === '') continue;
    const d = last as Draft | null;
    if (d && continues(d.text, text)) {
      // A paragraph the reader split mid-sentence: it continues the previous target line.
      d.text = `${d.text} ${text}`;
      d.readFrom = `${d.readFrom} ${rawBody(line)}`;
      d.last = i;
      d.wrapped = true;
      continue;
    }
    flush();
    if (currentMode === 'none') {
      if (isListIntro(text)) {
        // "Phấn đấu đến năm 2030, các chỉ tiêu cụ thể như sau:": the intro dates the list it opens.
        currentMode = 'specific';
        currentYear = headYear(text, true) ?? currentYear;
      }
      continue;
    }
    if (notTargetHead(text)) {
      currentMode = 'none';
      continue;
    }
    const values = valuesIn(ctx, text, currentMode);
    if (announcesCount(text, values)) {
      currentYear = headYear(text, true) ?? currentYear;
      continue;
    }
    const head = targetHead(text);
    if (head && !head.rest) {
      // An unlabelled heading line ("Mục tiêu cụ thể đến năm 2025") opens a block for what follows.
      currentMode = head.general ? 'general' : 'specific';
      currentYear = headYear(text, true) ?? currentYear;
      continue;
    }
    if ((currentMode === 'general' || (topLevel && currentMode === mode)) && values.length === 0) continue;
    // The line after may lie past this block: "Về văn hóa - xã hội:" closes item (6) and heads item (7).
    const nextText = nextTextLine(lines, i + 1, ctx.section.endLine);
    if (headingLike(text, values) && nextText && !continues(text, nextText.text)) {
      currentYear = headYear(text, ctx.objective || currentMode === 'specific') ?? currentYear;
      continue;
    }
    const { label, body } = labelOf(null, text);
    last = { label, text: body, first: i, last: i, wrapped: false, readFrom: rawBody(line) };
  }
  flush();
}

/** A short value-less head over a body that opens a sentence of its own ("- Thủy sản" / "Đảm bảo trên 70% …"). */
function headsABlock(ctx: Context, item: OutlineItem): boolean {
  const head = clean(item.text);
  if (head === '' || moreWordsThan(head, 8) || /[.;:]$/.test(head) || ctx.read(head).length > 0) return false;
  const next = nextTextLine(ctx.doc.lines, item.headLine + 1, item.endLine);
  return next !== undefined && /^\p{Lu}/u.test(clean(next.text));
}

/**
 * Whether the items of one list are headings of blocks ("- Nông nghiệp…", "- Thủy sản", "- Du lịch và dịch vụ"):
 * then a body line opening with a number ("100% điểm đến …") starts the block rather than finishing the head.
 */
function listOfHeadings(ctx: Context, items: readonly OutlineItem[]): boolean {
  const heads = items.filter((it) => headsABlock(ctx, it)).length;
  return heads >= 2 && heads * 2 >= items.length;
}

function visit(ctx: Context, item: OutlineItem, mode: Mode, year: HeadYear | null, inHeadings = false): void {
  const lines = ctx.doc.lines;
  const line = lines[item.headLine];
  // The outline may take "Chỉ tiêu 3" / "Mục tiêu 2" as the item's label: read the head with it.
  const namedLabel = /^(?:Chỉ|Mục) tiêu/u.test(item.label);
  let headText = namedLabel ? `${item.label}: ${item.text}` : item.text;
  let read = line ? rawBody(line) : headText;
  let lastLine = item.headLine;
  let wrapped = false;
  const skip = new Set<number>();
  const isChild = (j: number) => item.items.some((c) => c.headLine === j);
  for (let j = item.headLine + 1; j < item.endLine && !isChild(j); j++) {
    const l = lines[j];
    if (l?.kind === 'blank' || clean(l?.text ?? '') === '') continue;
    if (l?.kind !== 'text') break;
    if (clean(headText) === '') {
      // A label alone on its line ("2.2." then "Mục tiêu 2: Về bảo vệ trẻ em"): the next line is the head.
      headText = clean(l.text);
      read = rawBody(l);
    } else if (continues(headText, l.text) && !(inHeadings && !startsLowercase(l.text))) {
      // The rest of a sentence the reader split: part of the head line.
      headText = `${clean(headText)} ${clean(l.text)}`;
      read = `${read} ${rawBody(l)}`;
      wrapped = true;
    } else break;
    skip.add(j);
    lastLine = j;
  }
  const head = targetHead(headText);
  const named = NAMED_RE.exec(clean(headText));
  // Children, or paragraphs of its own under it: the item heads a block.
  let hasBody = item.items.length > 0;
  for (let j = item.headLine + 1; j < item.endLine && !hasBody; j++) {
    const l = lines[j];
    hasBody = l !== undefined && l.kind === 'text' && !skip.has(j) && clean(l.text) !== '';
  }
  // Outside the objectives only a target head or a list intro matters: most items there are never read for values.
  const values = head || named || mode !== 'none' ? valuesIn(ctx, read, mode) : [];
  let childMode: Mode = mode;
  let childYear = year;
  let isTarget = false;

  if (notTargetHead(headText)) {
    // "1. Quan điểm", "Mục đích, yêu cầu": principles and purposes, never targets.
    childMode = 'none';
  } else if (mode !== 'none' && announcesCount(headText, values)) {
    childMode = mode === 'general' ? 'specific' : mode;
    childYear = headYear(headText, true) ?? year;
  } else if (head && !(named && !hasBody)) {
    // A block of targets: "Mục tiêu chung: …", "2. Mục tiêu cụ thể đến năm 2025", "Mục tiêu 1: Về …".
    childMode = head.general ? 'general' : 'specific';
    childYear = headYear(headText, true) ?? year;
    isTarget = head.rest !== '' && (values.length > 0 || (!head.general && !named && !hasBody));
  } else if (head || named) {
    // "Chỉ tiêu 3: …" with nothing under it is one target line wherever it sits.
    isTarget = true;
  } else if (mode === 'none') {
    if (isListIntro(headText)) {
      childMode = 'specific';
      childYear = headYear(headText, true) ?? year;
    }
  } else if (mode === 'general') {
    isTarget = values.length > 0;
  } else if (hasBody && values.length === 0 && (item.items.length > 0 || headingLike(headText, values))) {
    // A value-less line over sub-items or paragraphs heads them ("b) Đối với cán bộ quản lý, …").
    // "1. Phát triển kinh tế số đến năm 2030", "a) Đến năm 2025:": a dating heading inside the objectives.
    childYear = headYear(headText, ctx.objective || mode === 'specific') ?? year;
  } else {
    isTarget = true;
  }

  if (isTarget) {
    const { label, body } = labelOf(namedLabel ? null : item.label, headText);
    emit(ctx, { label, text: body, first: item.headLine, last: lastLine, wrapped, readFrom: read }, year, mode);
  }
  walk(ctx, item.headLine + 1, item.endLine, item.items, childMode, childYear, skip);
}

export function extractTargets(doc: Doc, outline: Outline, metadata: Metadata): Target[] {
  const out: Target[] = [];
  const planYear = planSingleYear(metadata);
  const readings = new Map<string, ValueReading[]>();
  const read = (text: string): ValueReading[] => {
    let r = readings.get(text);
    if (!r) {
      r = readTargetValues(text);
      readings.set(text, r);
    }
    return r;
  };
  for (const section of outline.sections) {
    const objective = objectiveSection(section.title);
    const ctx: Context = {
      doc,
      read,
      section,
      planYear,
      objective,
      out,
      mixed: objective && mixedSection(doc, section),
    };
    // The heading's own lines (a title wrapped onto the next line) are not paragraphs of the section.
    const skip = new Set<number>();
    for (let j = section.headLine + 1; j < section.endLine && j <= section.headLine + 2; j++) {
      const l = doc.lines[j];
      if (l?.kind === 'text' && clean(l.text) !== '' && clean(section.title).includes(clean(l.text))) skip.add(j);
    }
    // "II. MỤC TIÊU ĐẾN NĂM 2030" dates the section; another section's title dates only by inference.
    const year = headYear(section.title, objective);
    // Paragraphs directly under an objectives heading may be the general aim: they count only with values.
    walk(ctx, section.headLine + 1, section.endLine, section.items, objective ? 'specific' : 'none', year, skip, true);
  }
  return out;
}
