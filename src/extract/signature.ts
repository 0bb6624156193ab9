// The tail of a plan: "Nơi nhận:" (recipients) and the signature block ("TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH /
// PHÓ CHỦ TỊCH / Đặng Minh Hưng"). Both work on the raw text of the tail, so they read the same whether the
// reader kept one line per paragraph or put recipients and signature side by side in a layout table row.
import type { Span } from '../contract/schema.js';
import type { Doc } from '../doc/types.js';
import { AUTHORITY_MARKERS, SIGNER_POSITIONS } from '../rules/legal.js';

export interface Signer {
  name: string;
  position: string | null;
  onBehalfOf: string | null;
  source: Span;
}

interface Token {
  text: string;
  start: number;
  end: number;
}

/** Whitespace-separated tokens of doc.text[from, to), markdown asterisks trimmed; "|" is its own token. */
function tokens(text: string, from: number, to: number): Token[] {
  const out: Token[] = [];
  const re = /[^\s|]+|\|/gu;
  re.lastIndex = from;
  for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) {
    const raw = m[0];
    if (!raw.includes('*')) {
      out.push({ text: raw, start: m.index, end: m.index + raw.length });
      continue;
    }
    const lead = raw.length - raw.replace(/^\*+/, '').length;
    const body = raw.replace(/^\*+/, '').replace(/\*+$/, '');
    if (body === '') continue;
    out.push({ text: body, start: m.index + lead, end: m.index + lead + body.length });
  }
  return out;
}

const MARKER_RE = new RegExp(`^(?:${AUTHORITY_MARKERS.join('|')})\\.(.*)$`, 'u');

function isUpperWord(s: string): boolean {
  const letters = s.replace(/[^\p{L}]/gu, '');
  return letters.length > 0 && letters === letters.toUpperCase();
}

function isNameWord(s: string): boolean {
  return /^\p{Lu}\p{Ll}+$/u.test(s);
}

/** Splits "TM. ỦY BAN NHÂN DÂN TỈNH KT. CHỦ TỊCH PHÓ CHỦ TỊCH" into its authority parts and the position. */
function readAuthority(words: string[]): { position: string | null; onBehalfOf: string | null } {
  const run = words.join(' ').replace(/\s+/g, ' ').trim();
  let position: string | null = null;
  let rest = run;
  for (const p of SIGNER_POSITIONS) {
    if (run === p || run.endsWith(` ${p}`) || run.endsWith(`.${p}`)) {
      // "KT. CHỦ TỊCH" alone: the position is the deputy's, which the block leaves implicit.
      const before = run.slice(0, run.length - p.length).trimEnd();
      if (/(?:^|\s)(?:KT|TL|TUQ|TM|Q)\.$/u.test(before)) continue;
      position = p;
      rest = before;
      break;
    }
  }
  const parts = rest
    .split(/\s*(?=(?:^|\s)(?:TM|KT|TL|TUQ|Q)\.)/u)
    .map((s) => s.trim().replace(/\.(?=\S)/, '. '))
    .filter((s) => s !== '');
  return { position, onBehalfOf: parts.length > 0 ? parts.join('; ') : null };
}

/** The signer in doc.text[from, to), or null when no signature block is found. */
export function findSigner(doc: Doc, from: number, to: number): Signer | null {
  const toks = tokens(doc.text, from, to);
  // A marker-like word may come first elsewhere: the archive note "Lưu: VT, KT." names the economic office (KT),
  // not a deputy's "KT.". Every marker is tried until one opens a block that ends in a name.
  // A marker inside the authority run of one tried before leads to the same name search, so it fails the same
  // way: skipping to the run's end keeps a tail of thousands of "TM. …" lines linear.
  const scan = { end: 0 };
  for (let k = 0; k < toks.length; k++) {
    if (!MARKER_RE.test((toks[k] as Token).text)) continue;
    const signer = readBlock(doc, toks, k, scan);
    if (signer) return signer;
    k = Math.max(k, scan.end - 1);
  }
  // No authority marker: a bare position on its own ("CHỦ TỊCH") followed by a name.
  const i = toks.findIndex(
    (t, k) => t.text === 'CHỦ' && toks[k + 1]?.text === 'TỊCH' && isNameWord(toks[k + 2]?.text ?? ''),
  );
  return i < 0 ? null : readBlock(doc, toks, i);
}

/** The signature block opening at token `at`: authority words, an optional "(Đã ký)", then the name. */
function readBlock(doc: Doc, toks: readonly Token[], at: number, scan = { end: 0 }): Signer | null {
  let i = at;
  const start = toks[i]?.start ?? 0;
  const words: string[] = [];
  for (; i < toks.length; i++) {
    const t = toks[i] as Token;
    if (t.text === '|') break;
    if (!(MARKER_RE.test(t.text) || isUpperWord(t.text))) break;
    words.push(t.text);
  }
  scan.end = i;
  // Skip "(Đã ký)" and similar notes between the position and the name.
  while (i < toks.length && /^\(|^\[|^Đã$|^ký\)?$|^\)$/u.test((toks[i] as Token).text)) {
    const t = toks[i] as Token;
    i++;
    if (/[)\]]$/.test(t.text)) break;
  }
  const name: Token[] = [];
  for (; i < toks.length && name.length < 6; i++) {
    const t = toks[i] as Token;
    if (!isNameWord(t.text)) break;
    // A name sits on one line; a capitalised word on the next line starts something else ("Mẫu số …").
    const prev = name[name.length - 1];
    if (prev && doc.text.slice(prev.end, t.start).includes('\n')) break;
    name.push(t);
  }
  // Anonymised copies cut the given name to its initial ("Nguyễn Văn H", "Phạm S"): one capital letter closes a
  // name that has begun, on the same line, and nothing name-like may follow it there.
  const initial = toks[i];
  const prev = name[name.length - 1];
  if (
    initial &&
    prev &&
    name.length < 6 &&
    /^\p{Lu}$/u.test(initial.text) &&
    !doc.text.slice(prev.end, initial.start).includes('\n') &&
    !nameGoesOn(doc, initial, toks[i + 1])
  )
    name.push(initial);
  const { position, onBehalfOf } = readAuthority(words);
  const last = name[name.length - 1];
  if (name.length < 2 || !last) return null;
  return {
    name: name.map((t) => t.text).join(' '),
    position,
    onBehalfOf,
    source: { start, end: last.end, line: lineOf(doc, start) },
  };
}

/** `next` reads as more of a name on the same line as `t`: then the lone capital is no closing initial. */
function nameGoesOn(doc: Doc, t: Token, next: Token | undefined): boolean {
  if (!next || doc.text.slice(t.end, next.start).includes('\n')) return false;
  return isNameWord(next.text) || /^\p{Lu}\.?$/u.test(next.text);
}

function lineOf(doc: Doc, offset: number): number {
  let lo = 0;
  let hi = doc.lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((doc.lines[mid]?.start ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return (doc.lines[lo]?.number ?? 1) as number;
}

/** The "Nơi nhận:" entries in doc.text[from, to), without their dashes and trailing ";" or ".". */
export function findRecipients(doc: Doc, from: number, to: number): string[] {
  const tail = doc.text.slice(from, to);
  const head = /Nơi nhận\s*:?\**/u.exec(tail);
  if (!head) return [];
  let rest = tail.slice(head.index + head[0].length);
  const cell = rest.indexOf(' | ');
  if (cell >= 0 && !rest.slice(0, cell).includes('\n')) rest = rest.slice(0, cell);
  // Line by line: an entry starts with a dash; an undashed line continues the previous entry unless a blank
  // line or a finished entry (";" or ".") comes first, or it opens the signature block.
  const entries: string[] = [];
  let open = false;
  for (const rawLine of rest.split('\n')) {
    const line = rawLine.replace(/\*+/g, '').trim();
    if (line === '') {
      if (entries.length > 0) open = false;
      continue;
    }
    if (/^(?:TM|KT|TL|TUQ|Q)\s*\./u.test(line) || line.startsWith('|')) break;
    // A dash after ";", "," or ")" opens the next entry; one inside a name ("Lao động - Thương binh") does not.
    const parts = line.split(/(?:^|[;,]|(?<=\)))\s*[-–•+]\s*/u);
    const dashed = /^[-–•+]\s*/u.test(line);
    if (!dashed) {
      if (!open || entries.length === 0) {
        if (entries.length > 0) break;
        continue;
      }
      entries[entries.length - 1] += ` ${parts.shift() ?? ''}`;
    } else {
      parts.shift();
    }
    for (const p of parts) entries.push(p);
    const lastEntry = entries[entries.length - 1] ?? '';
    open = !/[;.]\s*$/.test(lastEntry);
  }
  return entries
    .map((e) =>
      e
        .replace(/\s+/g, ' ')
        // A brace or a note set after the entry's ";" groups it with its neighbours: "- TT Tỉnh ủy, HĐND tỉnh; }
        // (báo cáo)", "- Bộ Giáo dục và Đào tạo; (để báo cáo)". The note belongs to the entry.
        .replace(/\s*[;,]?\s*[{}]\s*/gu, ' ')
        .replace(/\s*[;,]\s*(\([^()]*\))\s*$/u, ' $1')
        .replace(/[\s;.,]+$/u, '')
        .trim(),
    )
    .filter((e) => e !== '');
}
