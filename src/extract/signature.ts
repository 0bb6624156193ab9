// The tail of a plan: "Nơi nhận:" (recipients) and the signature block ("TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH /
// PHÓ CHỦ TỊCH / Đặng Minh Hưng"). Both work on the raw text of the tail, so they read the same whether the
// reader kept one line per paragraph or put recipients and signature side by side in a layout table row.
import type { Span } from '../contract/schema.js';
import type { Doc } from '../doc/types.js';
import { fuzzyEquals } from '../rules/fuzzy.js';
import { AUTHORITY_MARKERS, SIGNER_POSITIONS } from '../rules/legal.js';

export interface Signer {
  name: string;
  position: string | null;
  onBehalfOf: string | null;
  source: Span;
  /** The position was matched to the table up to OCR noise ("PHÓ CHẺ TỊCH" under a seal): never high. */
  fuzzy?: boolean;
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

/** "KT. CHỦ TỊCH" alone: the position is the deputy's, which the block leaves implicit. */
const ON_BEHALF_RE = /(?:^|\s)(?:KT|TL|TUQ|TM|Q)\.$/u;

/**
 * The position closing an authority run: one of the table's, as written, or — when none is — up to OCR noise
 * on the run's last words (a seal over "PHÓ CHỦ TỊCH" reads "PHÓ CHẺ TỊCH"), within the fuzzy distance limit.
 */
function closingPosition(run: string): { position: string; before: string; fuzzy: boolean } | null {
  for (const p of SIGNER_POSITIONS) {
    if (run === p || run.endsWith(` ${p}`) || run.endsWith(`.${p}`)) {
      const before = run.slice(0, run.length - p.length).trimEnd();
      if (ON_BEHALF_RE.test(before)) continue;
      return { position: p, before, fuzzy: false };
    }
  }
  const words = run.split(' ');
  for (const p of SIGNER_POSITIONS) {
    const n = p.split(' ').length;
    if (words.length < n) continue;
    const tail = words.slice(-n).join(' ');
    const before = words.slice(0, -n).join(' ');
    if (ON_BEHALF_RE.test(before) || !fuzzyEquals(tail, p)) continue;
    return { position: p, before, fuzzy: true };
  }
  return null;
}

/** Splits "TM. ỦY BAN NHÂN DÂN TỈNH KT. CHỦ TỊCH PHÓ CHỦ TỊCH" into its authority parts and the position. */
function readAuthority(words: string[]): { position: string | null; onBehalfOf: string | null; fuzzy: boolean } {
  const run = words.join(' ').replace(/\s+/g, ' ').trim();
  const closing = closingPosition(run);
  const position = closing?.position ?? null;
  const rest = closing?.before ?? run;
  const parts = rest
    .split(/\s*(?=(?:^|\s)(?:TM|KT|TL|TUQ|Q)\.)/u)
    .map((s) => s.trim().replace(/\.(?=\S)/, '. '))
    .filter((s) => s !== '');
  return { position, onBehalfOf: parts.length > 0 ? parts.join('; ') : null, fuzzy: closing?.fuzzy ?? false };
}

/** The signer in doc.text[from, to), or null when no signature block is found. */
export function findSigner(doc: Doc, from: number, to: number): Signer | null {
  return signerIn(doc, tokens(doc.text, from, to));
}

/**
 * Every signer in doc.text[from, to), in document order. Joint plans carry one signature block per issuer, one
 * after the other or side by side in a layout table ("GIÁM ĐỐC | TM. BAN THƯỜNG VỤ" over "Nguyễn Văn A | Trần Thị
 * B"): each column of a layout table in the range is read as a block of its own, then the text block by block.
 */
export function findSigners(doc: Doc, from: number, to: number): Signer[] {
  const found: Signer[] = [];
  const add = (s: Signer | null): void => {
    if (s && !found.some((f) => f.name === s.name)) found.push(s);
  };
  for (const table of doc.tables) {
    if (table.span.end <= from || table.span.start >= to || table.rows.length === 0) continue;
    const width = Math.max(...table.rows.map((r) => r.cells.length));
    if (width < 2) continue;
    for (let c = 0; c < width; c++) {
      const toks: Token[] = [];
      for (const row of table.rows) {
        const cell = row.cells[c];
        if (cell && cell.span.start >= from && cell.span.end <= to)
          toks.push(...tokens(doc.text, cell.span.start, cell.span.end));
      }
      add(signerIn(doc, toks));
    }
  }
  for (let at = from; at < to; ) {
    const s = findSigner(doc, at, to);
    if (!s) break;
    add(s);
    at = s.source.end;
  }
  return found.sort((a, b) => a.source.start - b.source.start);
}

function signerIn(doc: Doc, toks: readonly Token[]): Signer | null {
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
  if (i >= 0) return readBlock(doc, toks, i);
  // A head signing in their own name, as departments do: "GIÁM ĐỐC" (or "GIÁM ĐỐC SỞ Y TẾ") over the name.
  // Counter-example: "Giám đốc Sở Y tế chủ trì …" in a duty (not capitals) never opens a block.
  for (let k = 0; k < toks.length; k++) {
    if ((toks[k] as Token).text !== 'GIÁM' || toks[k + 1]?.text !== 'ĐỐC') continue;
    const signer = readBlock(doc, toks, k > 0 && toks[k - 1]?.text === 'PHÓ' ? k - 1 : k);
    if (signer) return signer;
  }
  return null;
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
  const authority = readAuthority(words);
  // "GIÁM ĐỐC SỞ Y TẾ": a position named with its body, no authority marker; the whole line is the position.
  if (
    authority.position === null &&
    authority.onBehalfOf !== null &&
    /^(?:PHÓ )?GIÁM ĐỐC\b/u.test(authority.onBehalfOf)
  ) {
    authority.position = authority.onBehalfOf;
    authority.onBehalfOf = null;
  }
  const { position, onBehalfOf } = authority;
  const last = name[name.length - 1];
  if (name.length < 2 || !last) return null;
  return {
    name: name.map((t) => t.text).join(' '),
    position,
    onBehalfOf,
    ...(authority.fuzzy && position !== null ? { fuzzy: true } : {}),
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
