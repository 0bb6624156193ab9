// Pure helpers for reading the bodies a plan gives duties to: canonicalise a written name against the agency
// table, read an item's subject ("Đề nghị Ủy ban Mặt trận …: …"), split it into member bodies, detect the role
// and read the target references ("chỉ tiêu 1, 2, 8"). Everything is composed from src/rules/agencies.ts.
import type { Responsibility } from '../contract/schema.js';
import { AGENCY_TABLE, type AgencyEntry, type AgencyTable } from '../rules/agencies.js';
import { distanceLimit, ocrDistance } from '../rules/fuzzy.js';
import { documentMap, memoise } from '../text/memo.js';

export type AgencyKind = Responsibility['agency']['kind'];
export type Role = Responsibility['role'];

const ASCII_RE = /^[\x00-\x7f]*$/;

/** Lower case, diacritics removed, đ → d: the form names are compared in. */
export function foldVi(s: string): string {
  // Most words compared are plain ASCII: nothing to decompose or strip.
  if (ASCII_RE.test(s)) return s.toLowerCase();
  return foldMarked(s);
}

// Every word of every subject is folded, and plans repeat their words: remembered per word.
const foldMarked = memoise(
  (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase(),
  { scope: 'process' },
);

interface Token {
  folded: string;
  /** The written word starts with a capital letter (place names and name words do). */
  cap: boolean;
  /** Offsets of the written word this token came from (abbreviations expand to several tokens). */
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+/gu;
const MAX_SUBJECT_CHARS = 600;
/** A clause before the subject longer than this is a sentence of its own, not a lead-in. */
const MAX_LEAD_CLAUSE_CHARS = 80;
const MAX_HEADING_WORDS = 60;
const MAX_CACHED_NAMES = 10_000;

function isCap(word: string): boolean {
  const c = word.charAt(0);
  return c !== c.toLowerCase();
}

function tokenize(text: string, abbreviations: Record<string, string>): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const start = m.index;
    const end = start + m[0].length;
    const folded = foldVi(m[0]);
    const cap = isCap(m[0]);
    const expansion = abbreviations[folded];
    if (expansion) for (const part of expansion.split(' ')) out.push({ folded: part, cap, start, end });
    else out.push({ folded, cap, start, end });
  }
  return out;
}

const WORD_COUNT = /[\p{L}\p{N}]+/gu;

/** Words in `text`, counting no further than `stopAfter + 1` (callers only compare against a bound). */
function wordCount(text: string, stopAfter = Number.POSITIVE_INFINITY): number {
  WORD_COUNT.lastIndex = 0;
  let n = 0;
  while (n <= stopAfter && WORD_COUNT.exec(text)) n++;
  return n;
}

/** Levenshtein distance, giving up (returning cap + 1) once every path exceeds `cap`. */
export function editDistance(a: string, b: string, cap = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > cap) return cap + 1;
    prev = cur;
  }
  return prev[b.length] ?? cap + 1;
}

/** How many character edits a typo may need to still resolve, by the length of the canonical form. */
function typoBudget(length: number): number {
  if (length < 8) return 0;
  if (length < 16) return 1;
  if (length < 30) return 2;
  return 3;
}

export interface AgencyMatch {
  /** null when the name is not in the table. */
  canonical: string | null;
  kind: AgencyKind;
  /** fuzzy: matched up to OCR noise (look-alike letters 0/O, 1/l/I, 5/S, a word split or run together). */
  match: 'exact' | 'typo' | 'fuzzy' | 'unknown';
  /** The name is a group of bodies ("Các sở, ban, ngành", "Ủy ban nhân dân các huyện …"). */
  group: boolean;
  /** A leader was named instead of the body ("Giám đốc các Sở"). */
  leader: boolean;
  distance: number;
}

interface Form {
  entry: AgencyEntry;
  tokens: string[];
  joined: string;
}

export interface SubjectReading {
  framing: 'request' | 'assign' | null;
  /** Offsets of the subject (the body or bodies) in the text read. */
  start: number;
  end: number;
  name: string;
  /** The duty text after the subject (colon and spaces removed). */
  rest: string;
  restStart: number;
  terminator: 'colon' | 'phrase' | 'end' | 'known';
}

export interface Member {
  text: string;
  start: number;
  end: number;
}

/** Everything composed once from an agency table. */
export class AgencyMatcher {
  private readonly forms: Form[];
  private readonly levels: string[][];
  private readonly heads: Array<{ word: string; kind: AgencyKind; words: number }>;
  /** Head words folded as forms are ("bao", "thanh tra"). */
  private readonly headWords: Set<string>;
  /** Case-insensitive words folded once: [written, folded]. */
  private readonly leaderTitles: Array<[string, string]>;
  private readonly requestWords: Array<[string, string]>;
  /** Subject enders with a capital first letter ("Chủ trì"), as a sentence opens with them. */
  private readonly capitalEnders: string[];
  /** canonicalise() is asked about the same names many times per document. */
  private readonly canonicalCache = new Map<string, AgencyMatch>();
  /** Folds of single characters met while comparing folded words (a few hundred letters at most). */
  private readonly charFolds = new Map<number, string>();

  constructor(readonly table: AgencyTable) {
    this.forms = table.entries.flatMap((entry) =>
      [entry.canonical, ...entry.variants].map((written) => {
        const tokens = tokenize(written, table.abbreviations).map((t) => t.folded);
        return { entry, tokens, joined: tokens.join(' ') };
      }),
    );
    this.levels = table.levelWords.map((w) => tokenize(w, table.abbreviations).map((t) => t.folded));
    // Longest head first so "Ủy ban Mặt trận" wins over "Ủy ban nhân dân"-less guesses and "Hội đồng" over "Hội".
    this.headWords = new Set(
      table.heads.map((h) =>
        tokenize(h.word, table.abbreviations)
          .map((t) => t.folded)
          .join(' '),
      ),
    );
    this.heads = table.heads
      .map((h) => ({ word: h.word, kind: h.kind, words: wordCount(h.word) }))
      .sort((a, b) => b.word.length - a.word.length);
    this.leaderTitles = table.leaderTitles.map((w) => [w, foldVi(w)]);
    this.requestWords = table.requestWords.map((w) => [w, foldVi(w)]);
    this.capitalEnders = table.subjectEnders.map((p) => p.charAt(0).toUpperCase() + p.slice(1));
  }

  /** Tokens from `from` on are only a level ("tỉnh", "thành phố") and/or a capitalised place name. */
  private tailOk(tokens: Token[], from: number): boolean {
    let i = from;
    for (;;) {
      const level = this.levels.find((l) => l.every((w, k) => tokens[i + k]?.folded === w));
      if (!level) break;
      i += level.length;
    }
    for (; i < tokens.length; i++) if (!tokens[i]?.cap) return false;
    return true;
  }

  private leaderLength(text: string, at: number): number {
    for (const [title, folded] of this.leaderTitles) {
      if (startsWithFolded(text, at, title, folded, this.charFolds)) return title.length;
    }
    return 0;
  }

  /** The head word a body's name starts with at `at`, or null. */
  headAt(text: string, at: number): { word: string; kind: AgencyKind; words: number } | null {
    for (const h of this.heads) if (startsWithWord(text, at, h.word)) return h;
    return null;
  }

  /** Resolves a written name (one body or one group) to its canonical entry. */
  canonicalise(name: string): AgencyMatch {
    let cached = this.canonicalCache.get(name);
    if (!cached) {
      if (this.canonicalCache.size >= MAX_CACHED_NAMES) this.canonicalCache.clear();
      cached = this.resolve(name);
      this.canonicalCache.set(name, cached);
    }
    return { ...cached };
  }

  private resolve(name: string): AgencyMatch {
    let clean = name.replace(/\([^()]*\)/g, ' ').trim();
    const lead = this.leaderLength(clean, 0);
    const leader = lead > 0;
    if (leader) clean = clean.slice(lead).trim();
    const tokens = tokenize(clean, this.table.abbreviations);
    const unknown: AgencyMatch = {
      canonical: null,
      kind: this.headAt(clean, 0)?.kind ?? 'other',
      match: 'unknown',
      group: /^các\b/iu.test(clean),
      leader,
      distance: 0,
    };
    if (tokens.length === 0) return unknown;

    let best: Form | null = null;
    for (const f of this.forms) {
      if (f.tokens.length > tokens.length || (best && f.tokens.length <= best.tokens.length)) continue;
      if (!f.tokens.every((w, k) => tokens[k]?.folded === w)) continue;
      if (f.entry.match === 'prefix' || this.tailOk(tokens, f.tokens.length)) best = f;
    }
    if (best) return this.result(best.entry, 'exact', 0, leader);

    // Typos: an approximate match on folded text, only when one canonical name is clearly the nearest.
    let typo: { form: Form; distance: number } | null = null;
    let tie = false;
    // Every form asks about the same few token prefixes: read each once.
    const prefixes = new Map<number, string>();
    const tails = new Map<number, boolean>();
    const prefix = (n: number): string => {
      let p = prefixes.get(n);
      if (p === undefined) {
        p = tokens
          .slice(0, n)
          .map((t) => t.folded)
          .join(' ');
        prefixes.set(n, p);
      }
      return p;
    };
    const tailOk = (n: number): boolean => {
      let ok = tails.get(n);
      if (ok === undefined) {
        ok = this.tailOk(tokens, n);
        tails.set(n, ok);
      }
      return ok;
    };
    for (const f of this.forms) {
      const budget = typoBudget(f.joined.length);
      if (budget === 0 || tokens[0]?.folded !== f.tokens[0]) continue;
      for (const n of [f.tokens.length - 1, f.tokens.length, f.tokens.length + 1]) {
        if (n < 1 || n > tokens.length) continue;
        if (f.entry.match !== 'prefix' && !tailOk(n)) continue;
        const written = prefix(n);
        const d = editDistance(written, f.joined, budget);
        if (d > budget) continue;
        if (!typo || d < typo.distance) {
          typo = { form: f, distance: d };
          tie = false;
        } else if (d === typo.distance && f.entry.canonical !== typo.form.entry.canonical) tie = true;
      }
    }
    if (typo && !tie) return this.result(typo.form.entry, 'typo', typo.distance, leader);
    return this.fuzzy(tokens, prefix, tailOk, leader) ?? unknown;
  }

  /**
   * OCR noise the typo pass refuses — a look-alike in the head word ("5ở", "C0ng an"), or in a name too short
   * for a typo budget ("Sở Y tê" folds exactly; "S0 Y tế" does not): the OCR-weighted distance of
   * src/rules/fuzzy.ts (look-alikes cost half a letter) within its limit (half an error per 4 letters, at most
   * 2), the head word itself at most one look-alike away, and one canonical name clearly the nearest.
   */
  private fuzzy(
    tokens: Token[],
    prefix: (n: number) => string,
    tailOk: (n: number) => boolean,
    leader: boolean,
  ): AgencyMatch | null {
    const head = tokens[0]?.folded ?? '';
    let best: { form: Form; distance: number } | null = null;
    let tie = false;
    for (const f of this.forms) {
      const limit = distanceLimit(f.joined);
      const first = f.tokens[0] ?? '';
      if (limit === 0 || Math.abs(head.length - first.length) > 1 || ocrDistance(head, first, 0.5) > 0.5) continue;
      for (const n of [f.tokens.length - 1, f.tokens.length, f.tokens.length + 1]) {
        if (n < 1 || n > tokens.length) continue;
        if (f.entry.match !== 'prefix' && !tailOk(n)) continue;
        const d = ocrDistance(prefix(n), f.joined, limit);
        if (d > limit) continue;
        if (!best || d < best.distance) {
          best = { form: f, distance: d };
          tie = false;
        } else if (d === best.distance && f.entry.canonical !== best.form.entry.canonical) tie = true;
      }
    }
    return best && !tie ? this.result(best.form.entry, 'fuzzy', best.distance, leader) : null;
  }

  private result(entry: AgencyEntry, match: AgencyMatch['match'], distance: number, leader: boolean): AgencyMatch {
    return { canonical: entry.canonical, kind: entry.kind, match, group: entry.group, leader, distance };
  }

  /**
   * Reads the subject an item opens with: "Sở Y tế: chủ trì …", "Đề nghị Hội Nông dân tỉnh …", "Công an tỉnh" (a
   * heading whose duties follow), "Sở Nội vụ chịu trách nhiệm …". Returns null when the item does not open with a
   * body's name.
   */
  /**
   * Past a short clause set before the subject, up to its comma: "Căn cứ Kế hoạch này, thủ trưởng các cơ quan …"
   * reads from "thủ trưởng". Where no body's name follows the comma, the subject is read from `at` as before.
   */
  private afterLeadClause(text: string, at: number): number {
    if (!this.table.leadClauseWords.some((w) => startsWithWord(text, at, w))) return at;
    const comma = text.indexOf(',', at);
    if (comma < 0 || comma - at > MAX_LEAD_CLAUSE_CHARS) return at;
    const next = skipSpaces(text, comma + 1);
    const lead = this.leaderLength(text, next);
    return this.headAt(text, lead > 0 ? skipSpaces(text, next + lead) : next) ? next : at;
  }

  readSubject(text: string, opts: { heading?: boolean } = {}): SubjectReading | null {
    let i = skipMarkup(text, 0);
    let framing: SubjectReading['framing'] = null;
    const request = this.requestWords.find(([w, folded]) => startsWithFolded(text, i, w, folded, this.charFolds))?.[0];
    const assign = request ? undefined : this.table.assignWords.find((w) => startsWithWord(text, i, w));
    if (request) framing = 'request';
    else if (assign) framing = 'assign';
    if (request || assign) i = skipMarkup(text, i + (request ?? assign ?? '').length);
    else i = this.afterLeadClause(text, i);
    const start = i;

    const lead = this.leaderLength(text, i);
    const headFrom = lead > 0 ? skipSpaces(text, i + lead) : i;
    const head = this.headAt(text, headFrom);
    if (!head) return null;

    const searchFrom = headFrom + head.word.length;
    // A subject is at most a few hundred characters: never scan a whole paragraph for its end.
    const limit = Math.min(text.length, start + MAX_SUBJECT_CHARS);
    let end = -1;
    let terminator: SubjectReading['terminator'] = 'end';
    const colon = text.indexOf(':', searchFrom);
    if (colon >= 0 && colon < limit) {
      end = colon;
      terminator = 'colon';
    }
    for (const phrase of this.table.subjectEnders) {
      const at = findWord(text, phrase, searchFrom, end < 0 ? limit : end);
      if (at >= 0 && (end < 0 || at < end)) {
        end = at;
        terminator = 'phrase';
      }
    }
    for (const phrase of this.table.dutyStarters) {
      const at = findWord(text, phrase, searchFrom, end < 0 ? limit : end);
      if (at >= 0 && (end < 0 || at < end)) {
        end = at;
        terminator = 'phrase';
      }
    }
    // A capitalised duty phrase ends the subject only right after a complete known name: "Các sở, ban, ngành liên
    // quan Xây dựng kế hoạch …" is cut, "Sở Xây dựng" is not.
    for (const capital of this.capitalEnders) {
      let from = searchFrom;
      for (;;) {
        const at = findWord(text, capital, from, end < 0 ? limit : end);
        if (at < 0) break;
        if (this.lastMemberKnown(text.slice(start, at))) {
          end = at;
          terminator = 'phrase';
          break;
        }
        from = at + 1;
      }
    }
    if (end < 0) {
      // No colon and no duty verb: a heading ("5. Sở Y tế"), or a name run into its first sentence when the
      // heading was unwrapped with the paragraph under it ("8. Sở Tài chính Hằng năm, căn cứ …").
      // A heading line whose duties follow below may list many bodies ("Các sở, ban, ngành; Ủy ban MTTQ Việt Nam
      // tỉnh và các đoàn thể, …, UBND các huyện, xã, thành phố,…"): no sentence punctuation, every part a body.
      const words = wordCount(text.slice(start), MAX_HEADING_WORDS);
      if (words <= 20 || (opts.heading && words <= MAX_HEADING_WORDS && this.listsBodies(text.slice(start))))
        end = text.length;
      else {
        end = this.knownPrefixEnd(text, start);
        terminator = 'known';
        if (end < 0) return null;
      }
    }
    // "8. Sở Tài chính Hằng năm, căn cứ …": the heading was unwrapped with its first sentence; cut after the known
    // name when what was read is not a known name as a whole.
    const candidate = text.slice(start, end).replace(/[\s,;:.\-–*_]+$/u, '');
    const lastMember = this.splitMembers(candidate).at(-1);
    if (lastMember && this.canonicalise(lastMember.text).match === 'unknown') {
      const known = this.knownPrefixEnd(text, start + lastMember.start);
      if (known >= 0 && known < start + candidate.length) {
        end = known;
        terminator = 'known';
      }
    }
    const raw = text.slice(start, end);
    const name = raw.replace(/[\s,;:.…\-–*_]+$/u, '');
    if (name.length === 0 || wordCount(name, 60) > 60) return null;
    const first = this.splitMembers(name)[0];
    if (!first || !this.namesBody(first.text)) return null;
    if (this.table.descriptionWords.some((w) => findWord(name, w, 0, name.length) >= 0)) return null;
    const restRaw = text.slice(end);
    const restTrim = restRaw.replace(/^[\s:,;.\-–*_]+/u, '');
    return {
      framing,
      start,
      end: start + name.length,
      name,
      rest: restTrim.trimEnd(),
      restStart: end + (restRaw.length - restTrim.length),
      terminator,
    };
  }

  /**
   * End offset of the longest table name at `start` with what may follow it: a level ("tỉnh"), the lower-case
   * rest of a family name ("Các sở, ban, ngành liên quan"), a place ("Bình Dương"). A capitalised word followed by
   * a lower-case one opens a sentence ("Hằng năm", "Xây dựng kế hoạch") and ends the name. -1 when none matches.
   */
  private knownPrefixEnd(text: string, start: number): number {
    const tokens = tokenize(text.slice(start, start + MAX_SUBJECT_CHARS), this.table.abbreviations);
    let best = -1;
    for (const f of this.forms) {
      if (!f.tokens.every((w, k) => tokens[k]?.folded === w)) continue;
      let n = f.tokens.length;
      for (;;) {
        const level = this.levels.find((l) => l.every((w, k) => tokens[n + k]?.folded === w));
        if (level) n += level.length;
        else if (f.entry.match === 'prefix' && tokens[n] && !tokens[n]?.cap) n++;
        else break;
      }
      // A name that is only a head word ("Báo", "Thanh tra") run into a lower-case word is a compound of the
      // language, not the body: "Báo cáo định kỳ", "Thanh tra việc thực hiện".
      const next = tokens[n];
      if (n === f.tokens.length && next && !next.cap && this.headWords.has(f.joined)) continue;
      // A place name after the body ("Bình Dương") is one run of capitalised words: never across a comma, where
      // the next body begins ("Bộ Y tế, Bộ Nông nghiệp và Môi trường …").
      let run = n;
      while (
        tokens[run]?.cap &&
        !/[,;]/u.test(text.slice(start + (tokens[run - 1]?.end ?? 0), start + (tokens[run]?.start ?? 0)))
      )
        run++;
      n = run < tokens.length && run > n ? run - 1 : run;
      const last = tokens[n - 1];
      if (last && start + last.end > best) best = start + last.end;
    }
    return best;
  }

  /** Text that is only a list of bodies: no sentence punctuation, several members, each opening with a body. */
  private listsBodies(text: string): boolean {
    if (/[.:!?](?!\.)/u.test(text.replace(/[\s,;.…]+$/u, ''))) return false;
    const members = this.splitMembers(text.replace(/[\s,;.…]+$/u, ''));
    return members.length > 1 && members.every((m) => this.namesBody(m.text));
  }

  private lastMemberKnown(name: string): boolean {
    const trimmed = name.replace(/[\s,;:.\-–*_]+$/u, '');
    const last = this.splitMembers(trimmed).at(-1);
    return last !== undefined && this.canonicalise(last.text).match !== 'unknown';
  }

  /**
   * Splits a subject naming several bodies into members: a new member starts after "," ";" or "và" when the
   * next words open with a body's head word ("…, Hội Nông dân tỉnh và các tổ chức thành viên …"). Commas inside
   * one name ("Sở Văn hóa, Thể thao và Du lịch", "Ủy ban nhân dân các huyện, thị xã, thành phố") stay.
   */
  splitMembers(name: string): readonly Member[] {
    let members = this.membersCache.get(name);
    if (!members) {
      if (this.membersCache.size >= MAX_CACHED_NAMES) this.membersCache.clear();
      members = this.readMembers(name);
      this.membersCache.set(name, members);
    }
    return members;
  }

  /** A subject is split again by every check that reads it (its last member, its first, all): once per name. */
  private readonly membersCache = documentMap<string, readonly Member[]>();

  private readMembers(name: string): readonly Member[] {
    const members: Member[] = [];
    const separator = /\s*[,;]\s*|\s+(?:và|cùng)\s+/gu;
    let pieceStart = 0;
    const pieces: Array<{ start: number; end: number }> = [];
    for (const m of name.matchAll(separator)) {
      pieces.push({ start: pieceStart, end: m.index });
      pieceStart = m.index + m[0].length;
    }
    pieces.push({ start: pieceStart, end: name.length });
    for (const p of pieces) {
      const text = name.slice(p.start, p.end);
      const opens =
        wordCount(text, 2) >= 2 &&
        (this.headAt(text, 0) !== null || this.leaderLength(text, 0) > 0) &&
        this.namesBody(text);
      const current = members[members.length - 1];
      if (!current || opens) members.push({ text, start: p.start, end: p.end });
      else {
        current.end = p.end;
        current.text = name.slice(current.start, current.end);
      }
    }
    return members.filter((m) => m.text.trim().length > 0);
  }

  /**
   * Whether a phrase opening with a head word really names a body. Known names do; otherwise the word after the
   * head must be capitalised ("Ban Quản lý …", not "Ban hành …"), unless the head itself is several words
   * ("Công an xã"), and "Các …" must go on with a head word ("Các Hội …").
   */
  namesBody(text: string): boolean {
    const at = skipSpaces(text, this.leaderLength(text, 0));
    const head = this.headAt(text, at);
    if (!head) return false;
    if (this.canonicalise(text).match !== 'unknown') return true;
    const afterHead = skipSpaces(text, at + head.word.length);
    if (/^các$/iu.test(head.word)) {
      if (this.headAt(text, afterHead) !== null) return true;
      // "Các trường trung học phổ thông", "Các bệnh viện": a group opening the phrase may write its head word in
      // lower case. After a leader's title ("… và Thủ trưởng các ban, ngành") the heads still need their capital:
      // the phrase goes on naming the same group.
      const rest = text.slice(afterHead);
      return at === 0 && this.headAt(rest.charAt(0).toUpperCase() + rest.slice(1), 0) !== null;
    }
    if (head.words > 1) return true;
    const next = text.slice(afterHead).match(/^[\p{L}\p{N}]+/u)?.[0];
    return next !== undefined && isCap(next);
  }
}

/** ASCII whitespace as \s reads it: tab, line feed, vertical tab, form feed, carriage return, space. */
function isAsciiSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

function isSpace(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c < 128 ? isAsciiSpace(c) : /\s/u.test(text.charAt(i));
}

function skipSpaces(text: string, at: number): number {
  let i = at;
  while (i < text.length && isSpace(text, i)) i++;
  return i;
}

/** Skips spaces and emphasis markup left by converters ("**1. Sở", "*2.3. Công an"). */
function skipMarkup(text: string, at: number): number {
  let i = at;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 42 && c !== 95 && !isSpace(text, i)) break;
  }
  return i;
}

function isLetter(ch: string): boolean {
  if (ch === '') return false;
  const c = ch.charCodeAt(0);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return /[\p{L}\p{N}]/u.test(ch);
}

/** `text` has `word` at `at`, as a whole word, in exactly that case. */
function startsWithWord(text: string, at: number, word: string): boolean {
  return text.startsWith(word, at) && !isLetter(text.charAt(at + word.length));
}

/** Capital sigma lower-cases by context (σ or ς): it is folded only with its neighbours. */
const CAPITAL_SIGMA = 0x3a3;

/**
 * `text` has `word` at `at`, as a whole word, compared folded (`folded` is foldVi(word)). Folding works
 * character by character, so the slice is ruled out at its first character whose fold disagrees with `folded`,
 * before folding the whole slice; `chars` caches the folds of single characters.
 */
function startsWithFolded(text: string, at: number, word: string, folded: string, chars: Map<number, string>): boolean {
  const end = Math.min(text.length, at + word.length);
  let pos = 0;
  for (let i = at; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      if (folded.charCodeAt(pos) !== (c >= 65 && c <= 90 ? c + 32 : c)) return false;
      pos++;
      continue;
    }
    if ((c >= 0xd800 && c <= 0xdfff) || c === CAPITAL_SIGMA) break;
    let f = chars.get(c);
    if (f === undefined) {
      f = foldVi(text.charAt(i));
      chars.set(c, f);
    }
    if (!folded.startsWith(f, pos)) return false;
    pos += f.length;
  }
  return foldVi(text.slice(at, at + word.length)) === folded && !isLetter(text.charAt(at + word.length));
}

/** First whole-word occurrence of `phrase` (exact case) in text[from, to), or -1. */
function findWord(text: string, phrase: string, from: number, to: number): number {
  let at = text.indexOf(phrase, from);
  while (at >= 0 && at < to) {
    if (!isLetter(text.charAt(at - 1)) && !isLetter(text.charAt(at + phrase.length))) return at;
    at = text.indexOf(phrase, at + 1);
  }
  return -1;
}

export const AGENCY_MATCHER = new AgencyMatcher(AGENCY_TABLE);

// ---------------------------------------------------------------------------------------------
// Role

const LEAD = /(?:^|[;:.!?]\s*|[-–+]\s+|là (?:cơ quan|đơn vị)(?: thường trực)?,?\s+)chủ trì/iu;
// "Giao Sở X – cơ quan thường trực Ban Chỉ đạo … chủ trì, phối hợp …": an apposition naming the body's standing
// role comes between the name and its verb. Bounded gap, no nested quantifier.
const LEAD_AFTER_APPOSITION =
  /^(?:là\s+)?(?:cơ quan|đơn vị)\s+(?:thường trực|đầu mối)[^;:.]{0,120}?\s(?:là\s+)?chủ trì/iu;
const COORDINATE = /^(?:chủ động\s+|tích cực\s+|tham gia\s+)?phối hợp/iu;
const PARTICIPATE = /^(?:trong phạm vi[^,;]{0,80},\s*)?tham gia/iu;

/** Duty clauses: the sentences and ";"-separated parts of each task. */
export function dutyClauses(tasks: readonly string[]): string[] {
  return tasks
    .flatMap((t) => t.split(/;|\.\s+/u))
    .map((c) => c.replace(/^[\s\-–+*_]+/u, '').trim())
    .filter((c) => c.length > 0);
}

/**
 * chủ trì anywhere as the body's own action → lead; duties that open with "phối hợp …" → coordinate (plans list a
 * body's part in order of weight: a body whose first duty is to support others is a coordinating body, whatever
 * follows); opening "tham gia" → participate; a requested body (the plan cannot order it) → requested; otherwise
 * unspecified.
 */
export function detectRole(tasks: readonly string[], requested: boolean): Role {
  if (requested) return 'requested';
  const clauses = dutyClauses(tasks);
  if (clauses.length === 0) return 'unspecified';
  if (clauses.some((c) => LEAD.test(c) || LEAD_AFTER_APPOSITION.test(c))) return 'lead';
  if (COORDINATE.test(clauses[0] ?? '')) return 'coordinate';
  if (PARTICIPATE.test(clauses[0] ?? '')) return 'participate';
  return 'unspecified';
}

// ---------------------------------------------------------------------------------------------
// Target references

const TARGET_WORD = /chỉ\s+tiêu(?:\s+(?:số|thứ))?\s+(?=\d)/giu;
const REF = /(\d{1,3}(?:\.\d{1,2})?)(?![\d%]|[.,]\d{3}|\s*%)/uy;
const REF_SEPARATOR = /\s*(?:,|;|và|đến|tới|-|–)\s*(?:(?:chỉ\s+tiêu\s+)?(?:số|thứ)\s+)?/uy;
const RANGE_WORD = /^\s*(?:đến|tới|-|–)\s*/u;
const MAX_RANGE = 60;

/**
 * "chỉ tiêu 1, 2, 8, 9" → ["1","2","8","9"]; "các chỉ tiêu 7, 15, 16, 17" → all; "chỉ tiêu 1 đến 3" → 1, 2, 3.
 * Numbers that are values ("chỉ tiêu 100%") or years are not references.
 */
export function readTargetRefs(text: string): string[] {
  const refs: string[] = [];
  for (const m of text.matchAll(TARGET_WORD)) {
    let pos = m.index + m[0].length;
    let previous: string | null = null;
    let rangeNext = false;
    for (;;) {
      REF.lastIndex = pos;
      const r = REF.exec(text);
      if (!r?.[1]) break;
      const ref = r[1];
      if (/^(?:19|20)\d\d$/u.test(ref)) break;
      if (rangeNext && previous && /^\d+$/u.test(previous) && /^\d+$/u.test(ref)) {
        const from = Number(previous);
        const to = Number(ref);
        if (to > from && to - from <= MAX_RANGE) for (let n = from + 1; n < to; n++) refs.push(String(n));
      }
      refs.push(ref);
      previous = ref;
      pos = r.index + r[0].length;
      REF_SEPARATOR.lastIndex = pos;
      const s = REF_SEPARATOR.exec(text);
      if (!s || !/\d/u.test(text.charAt(pos + s[0].length))) break;
      rangeNext = RANGE_WORD.test(s[0]);
      pos += s[0].length;
    }
  }
  return [...new Set(refs)];
}
