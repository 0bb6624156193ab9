// Responsibilities: the bodies a plan gives duties to. Read in the implementation section ("TỔ CHỨC THỰC HIỆN",
// "PHÂN CÔNG NHIỆM VỤ", "TRÁCH NHIỆM …") item by item at any depth, and in any other section whose list is laid
// out body by body ("1. Sở Y tế: …" under "NHIỆM VỤ CỤ THỂ"). One Responsibility per item whose subject is a body
// or a group of bodies; the item's sub-items are its tasks. Bodies named inside a task are partners, not
// responsibilities — except a sub-item written "- Hội Liên hiệp Phụ nữ tỉnh: chủ trì …", which hands a body of
// its own a duty of its own.
import type { Confidence, Responsibility } from '../contract/schema.js';
import { linesSpan } from '../doc/build.js';
import type { Doc, Outline, OutlineItem } from '../doc/types.js';
import { cleanText } from '../text/clean.js';
import {
  AGENCY_MATCHER,
  type AgencyKind,
  type AgencyMatch,
  type AgencyMatcher,
  detectRole,
  foldVi,
  type Role,
  readTargetRefs,
  type SubjectReading,
} from './agency-names.js';
import { issuerLevel } from './metadata.js';

interface Reading {
  subject: SubjectReading;
  /** Lines the head takes (2 when the label stands alone on its line). */
  headLines: number;
  members: string[];
  matches: AgencyMatch[];
}

/** clean(text) === '': nothing but blanks and emphasis markers (found at the first other character). */
function isBlank(text: string): boolean {
  return !/[^\s*]/.test(text);
}

const clean = cleanText;

/**
 * The text an item opens with. A label standing alone on its line ("**1.**" then "Công an thành phố**") opens
 * with the next text line, which then belongs to the head rather than to the duties.
 */
function headText(doc: Doc, item: OutlineItem): { text: string; lines: number } {
  if (!isBlank(item.text)) return { text: item.text, lines: 1 };
  const stop = item.items[0]?.headLine ?? item.endLine;
  for (let i = item.headLine + 1; i < stop; i++) {
    const line = doc.lines[i];
    if (line?.kind === 'text') return { text: clean(line.text), lines: i - item.headLine + 1 };
  }
  return { text: '', lines: 1 };
}

/** How many following lines a subject broken over lines may take ("7. Đề nghị Ủy ban Mặt trận Tổ quốc⏎Việt Nam …:"). */
const MAX_WRAPPED_SUBJECT_LINES = 3;

/**
 * A subject list broken over lines: the head line ends mid-name and the colon closing the list comes on a later
 * line. Accepted only when the joined text reads as bodies up to a colon, so a heading followed by its first duty
 * sentence ("5. Sở Công Thương⏎Chủ trì triển khai …") stays a heading.
 */
function wrappedSubject(
  doc: Doc,
  item: OutlineItem,
  head: { text: string; lines: number },
  matcher: AgencyMatcher,
): { subject: SubjectReading; lines: number } | null {
  if (/[.;:!?]\s*$/u.test(head.text)) return null;
  const stop = item.items[0]?.headLine ?? item.endLine;
  let text = head.text;
  let added = 0;
  for (let i = item.headLine + head.lines; i < stop && added < MAX_WRAPPED_SUBJECT_LINES; i++) {
    const line = doc.lines[i];
    if (line?.kind !== 'text') return null;
    const next = clean(line.text);
    if (next === '') return null;
    text = `${text} ${next}`;
    added++;
    if (!next.includes(':')) continue;
    const joined = matcher.readSubject(text);
    if (joined?.terminator !== 'colon' || joined.end <= head.text.length) return null;
    return { subject: joined, lines: head.lines + added };
  }
  return null;
}

type Level = 'tỉnh' | 'thành phố' | null;

const PROVINCE_LEVEL_CANONICAL = /\s(?:tỉnh|Tỉnh ủy)$/u;
const CITY_LEVEL_WRITTEN = /(?:^|\s)(?:thanh pho|thanh uy|tp)(?=\s|$|\.)/u;

/**
 * Canonical names are written at province level ("Công an tỉnh"). A centrally-run city's plan means the same
 * body by "Công an thành phố", so its canonical takes the city's level word ("Công an thành phố", "Ban Tuyên
 * giáo và Dân vận Thành ủy"). In a province's plan (or one without a header) a name written at city level is a
 * lower-level body (the provincial city's police), not the provincial one: it is left unresolved.
 */
function atIssuerLevel(match: AgencyMatch, written: string, level: Level): AgencyMatch {
  if (!match.canonical || !PROVINCE_LEVEL_CANONICAL.test(match.canonical)) return match;
  if (level === 'thành phố') {
    return { ...match, canonical: match.canonical.replace(/ tỉnh$/u, ' thành phố').replace(/ Tỉnh ủy$/u, ' Thành ủy') };
  }
  const folded = foldVi(written.replace(/\([^()]*\)/gu, ' '));
  if (!CITY_LEVEL_WRITTEN.test(folded)) return match;
  return { ...match, canonical: null, match: 'unknown' };
}

function read(doc: Doc, item: OutlineItem, matcher: AgencyMatcher, level: Level = null): Reading | null {
  const head = headText(doc, item);
  // The head stands alone as a heading when its duties follow on lines of their own.
  const heading = item.items.length > 0 || ownLines(doc, item, head.lines).length > 0;
  let subject = matcher.readSubject(head.text, { heading });
  let headLines = head.lines;
  if (subject?.terminator !== 'colon' && subject?.terminator !== 'phrase') {
    const wrapped = wrappedSubject(doc, item, head, matcher);
    if (wrapped) {
      subject = wrapped.subject;
      headLines = wrapped.lines;
    }
  }
  if (!subject) return null;
  const members = matcher.splitMembers(subject.name).map((m) => clean(m.text));
  const matches = members.map((m) => atIssuerLevel(matcher.canonicalise(m), m, level));
  return { subject, members, matches, headLines };
}

function isDutySection(title: string, matcher: AgencyMatcher): boolean {
  const folded = foldVi(title)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  return matcher.table.dutySectionTitles.some((t) => folded.includes(t));
}

/** Indices of the non-blank text lines in doc.lines[from, to). */
function textLines(doc: Doc, from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i < to; i++) {
    const line = doc.lines[i];
    if (line?.kind === 'text' && !isBlank(line.text)) out.push(i);
  }
  return out;
}

/** Text lines an item holds of its own: from its head to its first sub-item (continuation paragraphs). */
function ownLines(doc: Doc, item: OutlineItem, headLines = 1): string[] {
  const stop = item.items[0]?.headLine ?? item.endLine;
  return textLines(doc, item.headLine + headLines, stop).map((i) => clean(doc.lines[i]?.text ?? ''));
}

/** The group meaning every body concerned ("các cơ quan, đơn vị liên quan"). */
const CATCH_ALL = 'Các cơ quan, đơn vị';
const DUTY_PARAGRAPH_RE = /^(?:có trách nhiệm|chịu trách nhiệm|chủ trì)(?![\p{L}\p{N}])/iu;
const FRAMING_RE = new RegExp(
  `^[\\s*_]*(?:${[...AGENCY_MATCHER.table.requestWords, ...AGENCY_MATCHER.table.assignWords].join('|')})(?![\\p{L}])`,
  'iu',
);
/** Cheap test before reading a subject: a task paragraph assigns only where a duty phrase occurs at all. */
const DUTY_PHRASE_RE = /(?:có|chịu) trách nhiệm|chủ trì/iu;

/** A line ending a sentence: ".", ";", ":", "!", "?", "…", possibly inside closing quotes or brackets. */
const SENTENCE_END_RE = /[.;:!?…]["”’)\]]*$/u;

/**
 * An unnumbered paragraph that hands a body a duty of its own: "Giao Văn phòng UBND tỉnh chủ trì, hướng dẫn …",
 * "Đề nghị Ủy ban MTTQ Việt Nam tỉnh …: tham gia …". Written as a sentence of its own (capital first letter), the
 * verb before the body, and the body closed by a colon or a duty phrase — a line that merely continues a wrapped
 * sentence never starts that way.
 */
function framedParagraph(text: string, matcher: AgencyMatcher, level: Level, duty = false): Reading | null {
  if (!/^\p{Lu}/u.test(text)) return null;
  if (duty && !DUTY_PHRASE_RE.test(text) && !FRAMING_RE.test(text)) return null;
  const subject = matcher.readSubject(text);
  if (!subject || subject.rest === '') return null;
  const members = matcher.splitMembers(subject.name).map((m) => clean(m.text));
  const matches = members.map((m) => atIssuerLevel(matcher.canonicalise(m), m, level));
  if (!subject.framing) {
    // Unframed, a paragraph of a task hands it to bodies only in so many words: known bodies or groups, then
    // "có trách nhiệm" / "chịu trách nhiệm" / "chủ trì" ("Sở, ban, ngành thuộc Ủy ban nhân dân Thành phố có trách
    // nhiệm rà soát …", corpus 21 II.3). "Các doanh nghiệp tham gia …" is an ordinary sentence.
    const assigns = duty && subject.terminator === 'phrase' && DUTY_PARAGRAPH_RE.test(subject.rest);
    if (!assigns || matches.some((m) => m.match !== 'exact' || m.leader)) return null;
    return { subject, members, matches, headLines: 1 };
  }
  // Without a colon or a duty phrase the body ends where its known name does ("Đề nghị Hội Chữ thập đỏ thành phố
  // vận động …"): taken only when every body is one the table knows exactly, so the cut is the name's own end.
  const closed = subject.terminator === 'colon' || subject.terminator === 'phrase';
  const known = subject.terminator === 'known' && matches.every((m) => m.match === 'exact');
  if (!closed && !known) return null;
  return { subject, members, matches, headLines: 1 };
}

function lastTextLine(doc: Doc, item: OutlineItem): number {
  for (let i = item.endLine - 1; i > item.headLine; i--) if (doc.lines[i]?.kind === 'text') return i;
  return item.headLine;
}

class Collector {
  readonly out: Responsibility[] = [];
  /** Items emitted as a body's responsibility: their sub-items are that body's tasks. */
  readonly claimed = new Set<OutlineItem>();

  constructor(
    private readonly doc: Doc,
    private readonly matcher: AgencyMatcher,
    private readonly section: string,
    private readonly level: Level,
    /** A reporting section ("CHẾ ĐỘ BÁO CÁO"): everyone reports there, so a catch-all group names no duty. */
    private readonly reporting = false,
  ) {}

  /** A sub-item that names another body before a colon carries that body's own duty. */
  private nestedBody(child: OutlineItem, parent: Reading): Reading | null {
    const r = read(this.doc, child, this.matcher, this.level);
    if (r?.subject.terminator !== 'colon' || r.matches.some((m) => m.match === 'unknown')) return null;
    const parentNames = new Set(parent.matches.map((m) => m.canonical));
    return r.matches.every((m) => parentNames.has(m.canonical)) ? null : r;
  }

  /** Tasks of `item`'s sub-items, depth first; sub-items that are bodies of their own are emitted instead. */
  private subTasks(item: OutlineItem, owner: Reading, tasks: string[], nested: Array<[OutlineItem, Reading]>): void {
    for (const child of item.items) {
      const body = this.nestedBody(child, owner);
      if (body) {
        nested.push([child, body]);
        continue;
      }
      const text = [clean(child.text), ...ownLines(this.doc, child)].filter((t) => t).join(' ');
      if (text) tasks.push(text);
      this.subTasks(child, owner, tasks, nested);
    }
  }

  /**
   * Splits an item's own lines at paragraphs handing another body a duty ("Giao Văn phòng UBND tỉnh chủ trì …"):
   * the lines before the first such paragraph stay the item's; each such paragraph, with the lines following it,
   * becomes a responsibility of its own.
   */
  private splitFramed(
    lines: readonly number[],
    afterHeading: boolean,
    duty = false,
  ): { kept: number[]; framed: Array<[number[], Reading]> } {
    const kept: number[] = [];
    const framed: Array<[number[], Reading]> = [];
    // A paragraph of its own follows a heading or a finished sentence; after anything else the line continues a
    // sentence broken by the page layout, whatever its first word.
    let open = afterHeading;
    for (const i of lines) {
      const text = clean(this.doc.lines[i]?.text ?? '');
      const r = open ? framedParagraph(text, this.matcher, this.level, duty) : null;
      if (r) framed.push([[i], r]);
      else if (framed.length > 0) framed.at(-1)?.[0].push(i);
      else kept.push(i);
      open = SENTENCE_END_RE.test(text);
    }
    return { kept, framed };
  }

  /** Framed paragraphs among lines that belong to no body's item (a section's lead-in, a heading's own text). */
  scanParagraphs(from: number, to: number, duty = false): void {
    for (const [lines, r] of this.splitFramed(textLines(this.doc, from, to), true, duty).framed) {
      this.emitLines(lines, r);
    }
  }

  private emitLines(lines: readonly number[], reading: Reading): void {
    const first = lines[0] ?? 0;
    const tasks = [clean(reading.subject.rest), ...lines.slice(1).map((i) => clean(this.doc.lines[i]?.text ?? ''))];
    this.push(
      reading,
      tasks.filter((t) => t),
      linesSpan(this.doc.lines, first, lines.at(-1) ?? first),
    );
  }

  emit(item: OutlineItem, reading: Reading): void {
    this.claimed.add(item);
    const { subject } = reading;
    const tasks: string[] = [];
    const stop = item.items[0]?.headLine ?? item.endLine;
    const headEnd = clean(this.doc.lines[item.headLine + reading.headLines - 1]?.text ?? '');
    const { kept, framed } = this.splitFramed(
      textLines(this.doc, item.headLine + reading.headLines, stop),
      reading.subject.rest === '' || SENTENCE_END_RE.test(headEnd),
    );
    const own = kept.map((i) => clean(this.doc.lines[i]?.text ?? ''));
    const head = [clean(subject.rest), ...own].filter((t) => t).join(' ');
    if (head) tasks.push(head);
    const nested: Array<[OutlineItem, Reading]> = [];
    this.subTasks(item, reading, tasks, nested);
    const end =
      framed.length > 0 && item.items.length === 0 ? (kept.at(-1) ?? item.headLine) : lastTextLine(this.doc, item);
    this.push(reading, tasks, linesSpan(this.doc.lines, item.headLine, end));
    for (const [lines, r] of framed) this.emitLines(lines, r);
    for (const [child, body] of nested) this.emit(child, body);
  }

  private push(reading: Reading, tasks: string[], source: Responsibility['source']): void {
    const { subject, members, matches } = reading;
    if (this.reporting && matches.some((m) => m.canonical === CATCH_ALL)) return;
    const flags: string[] = [];
    if (matches.some((m) => m.match === 'typo')) flags.push('agency-typo');
    if (matches.some((m) => m.match === 'fuzzy')) flags.push('fuzzy-match');
    if (matches.some((m) => m.match === 'unknown')) flags.push('unknown-agency');
    if (matches.some((m) => m.leader)) flags.push('agency-head');
    if (tasks.length === 0) flags.push('no-duties');
    const confidence: Confidence = flags.length > 0 ? 'medium' : 'high';

    const single = matches.length === 1 ? matches[0] : undefined;
    const kinds = new Set<AgencyKind>(matches.map((m) => m.kind));
    const agency: Responsibility['agency'] = {
      name: clean(subject.name),
      canonical: single?.canonical ?? null,
      kind: kinds.size === 1 ? ([...kinds][0] ?? 'other') : 'other',
    };
    if (members.length > 1) {
      agency.members = members;
      agency.memberCanonicals = matches.map((m) => m.canonical);
    }

    this.out.push({
      agency,
      role: detectRole(tasks, subject.framing === 'request'),
      tasks,
      targetRefs: readTargetRefs(tasks.join('\n')),
      section: this.section,
      confidence,
      flags,
      source,
    });
  }

  /** Implementation sections: every item whose subject is a body, at any depth. */
  walkDuties(items: readonly OutlineItem[]): void {
    for (const item of items) {
      const r = read(this.doc, item, this.matcher, this.level);
      if (r) this.emit(item, r);
      else {
        this.scanParagraphs(item.headLine + 1, item.items[0]?.headLine ?? item.endLine);
        this.walkDuties(item.items);
      }
    }
  }

  /** Other sections: only lists laid out body by body (most siblings open with a known, named body). */
  walkLists(items: readonly OutlineItem[]): void {
    const readings = items.map((item) => read(this.doc, item, this.matcher, this.level));
    // Groups ("Các doanh nghiệp …", "Các đơn vị liên quan …") open ordinary sentences too: only named bodies count.
    const known = readings.filter((r) => r?.matches.every((m) => m.match !== 'unknown' && !m.group)).length;
    if (items.length >= 2 && known >= 2 && known * 2 >= items.length) {
      items.forEach((item, i) => {
        const r = readings[i];
        if (r) this.emit(item, r);
      });
      return;
    }
    items.forEach((item, i) => {
      const r = readings[i];
      // Outside a list laid out body by body, an item is a body's duty only when it says so in so many words:
      // a named body leading ("2. Sở Tài chính chủ trì, phối hợp … bố trí kinh phí").
      if (r && leads(r)) this.emit(item, r);
      else {
        // A task item whose paragraph assigns it ("Sở, ban, ngành … có trách nhiệm …").
        this.scanParagraphs(item.headLine + 1, item.items[0]?.headLine ?? item.endLine, true);
        this.walkLists(item.items);
      }
    });
  }
}

/** "Sở Tài chính chủ trì …": one or more named bodies (no group, no unknown) followed directly by "chủ trì". */
function leads(r: Reading): boolean {
  return (
    r.subject.framing === null &&
    r.subject.terminator === 'phrase' &&
    /^chủ trì(?!\p{L})/iu.test(r.subject.rest) &&
    r.matches.every((m) => m.match === 'exact' && !m.group && !m.leader)
  );
}

// ---------------------------------------------------------------------------------------------
// Task-by-task layouts: each task names its bodies on lines of their own ("b) Cơ quan thực hiện:" / "- Đơn vị
// chủ trì: Sở Khoa học và Công nghệ." / "- Đơn vị phối hợp: Các Sở, ban, ngành."). One Responsibility per such
// line, its task the item the line belongs to.

const ASSIGNMENT_RE = /^(?:Cơ quan|Đơn vị)\s+(chủ trì|phối hợp|thực hiện)(?:\s+thực hiện)?\s*:\s*(.*)$/iu;
const DUTY_LABEL_RE = /^(?:Nhiệm vụ|Nội dung(?:\s+thực hiện)?)\s*:\s*(.*)$/iu;
/** A short label line ("Nhiệm vụ: …", "Thời hạn hoàn thành: …") is a field of the task, not a task of its own. */
const LABEL_LINE_RE = /^[^:]{1,40}:/u;
const ASSIGNMENT_ROLES: Record<string, Role> = {
  'chủ trì': 'lead',
  'phối hợp': 'coordinate',
  'thực hiện': 'unspecified',
};

/** An item's text with its continuation lines (up to its first sub-item). */
function fullText(doc: Doc, item: OutlineItem): string {
  return [clean(item.text), ...ownLines(doc, item)].filter((t) => t).join(' ');
}

/** fullText remembered per item: the assignment walk asks again about every ancestor of every item. */
function fullTexts(doc: Doc): (item: OutlineItem) => string {
  const seen = new Map<OutlineItem, string>();
  return (item) => {
    let text = seen.get(item);
    if (text === undefined) {
      text = fullText(doc, item);
      seen.set(item, text);
    }
    return text;
  };
}

/** The task an assignment line belongs to: its heading and the "Nhiệm vụ:" text beside the assignment. */
function taskOf(owner: OutlineItem, textOf: (item: OutlineItem) => string): string[] {
  const tasks: string[] = [];
  const head = textOf(owner);
  if (head) tasks.push(head);
  for (const child of owner.items) {
    const duty = DUTY_LABEL_RE.exec(textOf(child));
    if (!duty) continue;
    if (duty[1]) tasks.push(duty[1]);
    for (const d of child.items) {
      const t = textOf(d);
      if (t) tasks.push(t);
    }
  }
  return tasks;
}

/** One responsibility for the bodies `list` names in an assignment line. */
function pushAssignment(
  list: string,
  role: Role,
  tasks: string[],
  source: Responsibility['source'],
  flags: string[],
  ctx: { matcher: AgencyMatcher; level: Level; section: string; out: Responsibility[] },
): void {
  const members = ctx.matcher.splitMembers(list).map((p) => clean(p.text));
  if (!members[0] || !ctx.matcher.namesBody(members[0])) return;
  const matches = members.map((n) => atIssuerLevel(ctx.matcher.canonicalise(n), n, ctx.level));
  const all = [...flags];
  if (matches.some((x) => x.match === 'typo')) all.push('agency-typo');
  if (matches.some((x) => x.match === 'fuzzy')) all.push('fuzzy-match');
  if (matches.some((x) => x.match === 'unknown')) all.push('unknown-agency');
  const kinds = new Set<AgencyKind>(matches.map((x) => x.kind));
  const agency: Responsibility['agency'] = {
    name: list,
    canonical: matches.length === 1 ? (matches[0]?.canonical ?? null) : null,
    kind: kinds.size === 1 ? ([...kinds][0] ?? 'other') : 'other',
  };
  if (members.length > 1) {
    agency.members = members;
    agency.memberCanonicals = matches.map((x) => x.canonical);
  }
  ctx.out.push({
    agency,
    role,
    tasks: [...tasks],
    targetRefs: readTargetRefs(tasks.join('\n')),
    section: ctx.section,
    confidence: all.length > 0 ? 'medium' : 'high',
    flags: all,
    source,
  });
}

function walkAssignments(
  doc: Doc,
  items: readonly OutlineItem[],
  ancestors: readonly OutlineItem[],
  ctx: {
    matcher: AgencyMatcher;
    level: Level;
    section: string;
    claimed: Set<OutlineItem>;
    out: Responsibility[];
    textOf: (item: OutlineItem) => string;
  },
): void {
  const { textOf } = ctx;
  // The task a run of assignment lines belongs to when several tasks share one heading, each followed by its own
  // "- Cơ quan chủ trì: …" / "- Cơ quan phối hợp: …" lines at the same level (corpus B03, item 4).
  let sibling: OutlineItem | null = null;
  for (const item of items) {
    if (ctx.claimed.has(item)) continue;
    const own = textOf(item);
    if (!ASSIGNMENT_RE.test(own)) sibling = LABEL_LINE_RE.test(own) ? null : item;
    const m = ASSIGNMENT_RE.exec(own);
    const list = (m?.[2] ?? '').replace(/[\s.;,]+$/u, '');
    const owner = m ? [...ancestors].reverse().find((a) => !ASSIGNMENT_RE.test(textOf(a))) : undefined;
    const bare = m && list !== '' ? ctx.matcher.readSubject(list, { heading: true }) : null;
    if (m && owner) {
      const tasks = taskOf(owner, textOf);
      const task = sibling ? textOf(sibling) : '';
      if (task && !tasks.includes(task)) tasks.push(task);
      const source = linesSpan(doc.lines, item.headLine, lastTextLine(doc, item));
      const role = ASSIGNMENT_ROLES[(m[1] as string).toLowerCase()] ?? 'unspecified';
      if (bare && bare.rest === '' && bare.framing === null) {
        pushAssignment(list, role, tasks, source, [], ctx);
      } else {
        // A sentence: "Cơ quan thực hiện: Sở Nội vụ chủ trì tham mưu …; Sở Tư pháp và … chủ động tổ chức …". Each
        // clause that opens with bodies and a duty phrase names a responsibility, its role read from the clause.
        // Bodies named elsewhere in the sentence may be missed, so each is left for review.
        for (const clause of list.split(/\s*;\s*/u)) {
          const r = ctx.matcher.readSubject(clause);
          if (!r || r.framing !== null || r.terminator !== 'phrase' || r.rest === '') continue;
          const clauseRole = detectRole([r.rest], false);
          pushAssignment(r.name, role === 'unspecified' ? clauseRole : role, tasks, source, ['from-sentence'], ctx);
        }
      }
    }
    walkAssignments(doc, item.items, [...ancestors, item], ctx);
  }
}

export function extractResponsibilities(doc: Doc, outline: Outline, matcher = AGENCY_MATCHER): Responsibility[] {
  const out: Responsibility[] = [];
  const level = issuerLevel(doc, outline);
  const texts = fullTexts(doc);
  for (const section of outline.sections) {
    const reporting = /bao cao/u.test(foldVi(section.title));
    const c = new Collector(doc, matcher, section.numeral, level, reporting);
    if (isDutySection(section.title, matcher)) {
      c.scanParagraphs(section.headLine + 1, section.items[0]?.headLine ?? section.endLine);
      c.walkDuties(section.items);
    } else c.walkLists(section.items);
    out.push(...c.out);
    walkAssignments(doc, section.items, [], {
      matcher,
      level,
      section: section.numeral,
      claimed: c.claimed,
      out,
      textOf: texts,
    });
  }
  return out;
}
