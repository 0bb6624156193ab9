// A cheap look at a PDF's structure, without pdf.js: for every page, how many stroked paths its content draws
// (`S`, the only operator pdf.js reports as a plain stroke — the one its table detection reads) and whether an
// annotation draws text (pdf.js leaves annotation text out of a page's text; poppler's pdftotext includes it).
// Objects are found by a linear pass (the way a reader rebuilds a broken cross-reference table), object streams
// are unpacked, content streams inflated and tokenised. Anything this does not understand (encryption, an
// unknown filter, a broken page tree) answers null or marks the page unknown, which callers treat as "may have
// lines", so the answer only ever saves work, never changes what is read.
import { constants, inflateSync } from 'node:zlib';

export interface PageScan {
  /** `S` operators in the page's content, the forms it draws and its annotations' appearances. */
  strokes: number;
  /** An annotation appearance shows text. */
  annotationText: boolean;
  /** Something could not be decoded: assume lines and annotation text. */
  unknown: boolean;
  /**
   * The fonts' height (ascent - descent, in font sizes) as poppler computes a word box from them, smallest and
   * largest over the page's fonts; null when a font's is not known (no descriptor, Type3).
   */
  fontHeights: [number, number] | null;
  /** Every font maps its codes to Unicode the same way in any reader (a ToUnicode map or a standard encoding). */
  fontsMapped: boolean;
}

export interface PdfScan {
  pages: PageScan[];
}

export interface ScanOptions {
  /** Stop after this many pages (the rest are not read anyway). */
  maxPages?: number;
  /** Cap on inflated bytes over the whole scan; past it the scan gives up (null). */
  maxInflatedBytes?: number;
}

interface Ref {
  ref: number;
}
interface Name {
  name: string;
}
type PdfValue = number | boolean | null | string | Name | Ref | PdfValue[] | PdfDict;
interface PdfDict {
  dict: Map<string, PdfValue>;
  /** For a stream: where its data starts and ends in the file (or in an unpacked object stream). */
  stream?: { start: number; end: number };
}

const isName = (v: unknown): v is Name => typeof v === 'object' && v !== null && 'name' in v;
const isRef = (v: unknown): v is Ref => typeof v === 'object' && v !== null && 'ref' in v;
const isDict = (v: unknown): v is PdfDict => typeof v === 'object' && v !== null && 'dict' in v;

class GiveUp extends Error {}

// Character classes of the PDF syntax, by char code (the file is read as latin1: one char per byte).
const WS = new Uint8Array(256);
for (const c of [0, 9, 10, 12, 13, 32]) WS[c] = 1;
const DELIM = new Uint8Array(256);
for (const c of '()<>[]{}/%') DELIM[c.charCodeAt(0)] = 1;
const isRegular = (c: number) => !WS[c] && !DELIM[c];

/** A tokenizer/parser over a latin1 string (a file or an inflated stream). */
class Lexer {
  pos: number;
  constructor(
    readonly s: string,
    pos = 0,
  ) {
    this.pos = pos;
  }

  skipSpace(): void {
    const s = this.s;
    let p = this.pos;
    for (;;) {
      const c = s.charCodeAt(p);
      if (WS[c]) p++;
      else if (c === 37 /* % */) {
        while (p < s.length && s.charCodeAt(p) !== 10 && s.charCodeAt(p) !== 13) p++;
      } else break;
    }
    this.pos = p;
  }

  /** A run of regular characters (a number, keyword or operator). */
  word(): string {
    const s = this.s;
    const start = this.pos;
    let p = start;
    while (p < s.length && isRegular(s.charCodeAt(p))) p++;
    this.pos = p;
    return s.slice(start, p);
  }

  skipLiteralString(): void {
    // At "(": balanced parentheses, backslash escapes.
    const s = this.s;
    let p = this.pos + 1;
    let depth = 1;
    while (p < s.length && depth > 0) {
      const c = s.charCodeAt(p);
      if (c === 92 /* \ */) p += 2;
      else {
        if (c === 40) depth++;
        else if (c === 41) depth--;
        p++;
      }
    }
    this.pos = p;
  }

  skipHexString(): void {
    const end = this.s.indexOf('>', this.pos + 1);
    this.pos = end < 0 ? this.s.length : end + 1;
  }

  /** One object. Strings come back as '' (their content is never needed here). */
  value(depth = 0): PdfValue {
    if (depth > 64) throw new GiveUp('nesting');
    this.skipSpace();
    const s = this.s;
    const c = s.charCodeAt(this.pos);
    if (Number.isNaN(c)) throw new GiveUp('eof');
    if (c === 47 /* / */) {
      this.pos++;
      return { name: this.word() };
    }
    if (c === 40 /* ( */) {
      this.skipLiteralString();
      return '';
    }
    if (c === 60 /* < */) {
      if (s.charCodeAt(this.pos + 1) === 60) {
        this.pos += 2;
        const dict = new Map<string, PdfValue>();
        for (;;) {
          this.skipSpace();
          const k = s.charCodeAt(this.pos);
          if (k === 62 /* > */) {
            this.pos += 2;
            return { dict };
          }
          if (k !== 47) throw new GiveUp('dict key');
          this.pos++;
          const key = this.word();
          dict.set(key, this.value(depth + 1));
        }
      }
      this.skipHexString();
      return '';
    }
    if (c === 91 /* [ */) {
      this.pos++;
      const arr: PdfValue[] = [];
      for (;;) {
        this.skipSpace();
        if (s.charCodeAt(this.pos) === 93) {
          this.pos++;
          return arr;
        }
        arr.push(this.value(depth + 1));
      }
    }
    const w = this.word();
    if (w === '') throw new GiveUp(`unexpected ${s[this.pos]}`);
    if (w === 'true') return true;
    if (w === 'false') return false;
    if (w === 'null') return null;
    const n = Number(w);
    if (Number.isNaN(n)) throw new GiveUp(`keyword ${w}`);
    // "12 0 R": a reference.
    if (Number.isInteger(n) && n >= 0) {
      const save = this.pos;
      this.skipSpace();
      const g = this.word();
      if (/^\d+$/.test(g)) {
        this.skipSpace();
        if (this.s.charCodeAt(this.pos) === 82 /* R */ && !isRegular(this.s.charCodeAt(this.pos + 1))) {
          this.pos++;
          return { ref: n };
        }
      }
      this.pos = save;
    }
    return n;
  }
}

interface Located {
  /** Source text (the file, or an unpacked object stream) and where the object's value starts. */
  src: string;
  pos: number;
}

// "obj" as a keyword; the "num gen" before it is read backwards (a forward pattern with two digit runs
// backtracks quadratically over long runs of digits, such as a cross-reference table).
const OBJ_RE = /obj(?![^\0\t\n\f\r ()<>[\]{}/%])/g;

/** The object number of "num gen obj" ending just before `at`, or -1. */
function objectNumberBefore(s: string, at: number): number {
  let p = at - 1;
  const spaces = () => {
    const end = p;
    while (p >= 0 && WS[s.charCodeAt(p)]) p--;
    return end - p;
  };
  const digits = () => {
    const end = p;
    while (p >= 0 && end - p <= 10 && s.charCodeAt(p) >= 48 && s.charCodeAt(p) <= 57) p--;
    return end - p;
  };
  if (spaces() === 0 || digits() === 0 || spaces() === 0) return -1;
  const numEnd = p + 1;
  const n = digits();
  if (n === 0 || n > 10 || (p >= 0 && isRegular(s.charCodeAt(p)))) return -1;
  return Number(s.slice(p + 1, numEnd));
}

class PdfFile {
  private readonly s: string;
  private readonly objects = new Map<number, Located>();
  private readonly cache = new Map<number, PdfValue>();
  private inflated = 0;
  readonly trailers: PdfDict[] = [];

  constructor(
    private readonly bytes: Uint8Array,
    private readonly maxInflated: number,
  ) {
    this.s = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    this.index();
  }

  /** Every "n g obj" in file order (a later definition replaces an earlier one, as incremental updates do). */
  private index(): void {
    const s = this.s;
    const objStreams: { num: number; dict: PdfDict }[] = [];
    OBJ_RE.lastIndex = 0;
    for (let m = OBJ_RE.exec(s); m; m = OBJ_RE.exec(s)) {
      const num = objectNumberBefore(s, m.index);
      if (num < 0) continue;
      const pos = m.index + 3;
      this.objects.set(num, { src: s, pos });
      this.cache.delete(num);
      // Skip stream data so bytes inside it are never taken for objects.
      try {
        const lx = new Lexer(s, pos);
        const v = lx.value();
        if (isDict(v)) {
          lx.skipSpace();
          if (s.startsWith('stream', lx.pos)) {
            const stream = this.streamBounds(v, lx.pos + 6);
            v.stream = stream;
            this.cache.set(num, v);
            OBJ_RE.lastIndex = stream.end;
            const type = v.dict.get('Type');
            if (isName(type) && type.name === 'ObjStm') objStreams.push({ num, dict: v });
            if (isName(type) && type.name === 'XRef') this.trailers.push(v);
          }
        }
      } catch {
        // An unreadable object: looked up later, it fails there.
      }
    }
    const trailerRe = /trailer[\0\t\n\f\r ]*<</g;
    for (let m = trailerRe.exec(s); m; m = trailerRe.exec(s)) {
      try {
        const v = new Lexer(s, m.index + 7).value();
        if (isDict(v)) this.trailers.push(v);
      } catch {
        // ignore
      }
    }
    for (const { num, dict } of objStreams) this.unpack(num, dict);
  }

  private streamBounds(dict: PdfDict, afterKeyword: number): { start: number; end: number } {
    const s = this.s;
    let start = afterKeyword;
    if (s.charCodeAt(start) === 13) start++;
    if (s.charCodeAt(start) === 10) start++;
    const length = dict.dict.get('Length');
    if (typeof length === 'number' && length >= 0 && start + length <= s.length) {
      const after = new Lexer(s, start + length);
      after.skipSpace();
      if (s.startsWith('endstream', after.pos)) return { start, end: start + length };
    }
    const end = s.indexOf('endstream', start);
    if (end < 0) return { start, end: s.length };
    let e = end;
    if (s.charCodeAt(e - 1) === 10) e--;
    if (s.charCodeAt(e - 1) === 13) e--;
    return { start, end: Math.max(start, e) };
  }

  /** Objects packed in an object stream; a plain definition later in the file still wins. */
  private unpack(streamNum: number, dict: PdfDict): void {
    const data = this.decode(dict);
    if (data === null) return;
    const n = dict.dict.get('N');
    const first = dict.dict.get('First');
    if (typeof n !== 'number' || typeof first !== 'number') return;
    const lx = new Lexer(data);
    const streamPos = this.objects.get(streamNum)?.pos ?? 0;
    for (let i = 0; i < n; i++) {
      lx.skipSpace();
      const num = Number(lx.word());
      lx.skipSpace();
      const off = Number(lx.word());
      if (!Number.isInteger(num) || !Number.isInteger(off)) return;
      const existing = this.objects.get(num);
      // A definition in the file after this object stream (an incremental update) replaces it.
      if (existing && existing.src === this.s && existing.pos > streamPos) continue;
      this.objects.set(num, { src: data, pos: first + off });
      this.cache.delete(num);
    }
  }

  get(v: PdfValue | undefined, seen = 0): PdfValue | undefined {
    if (!isRef(v)) return v;
    if (seen > 16) throw new GiveUp('reference chain');
    const cached = this.cache.get(v.ref);
    if (cached !== undefined) return this.get(cached, seen + 1);
    const at = this.objects.get(v.ref);
    if (!at) return null;
    const value = new Lexer(at.src, at.pos).value();
    this.cache.set(v.ref, value);
    return this.get(value, seen + 1);
  }

  dict(v: PdfValue | undefined): PdfDict | null {
    const d = this.get(v);
    return isDict(d) ? d : null;
  }

  /** A stream's decoded data, or null when its filters are not ones read here. */
  decode(stream: PdfDict): string | null {
    if (!stream.stream) return null;
    const filter = this.get(stream.dict.get('Filter'));
    const filters = Array.isArray(filter) ? filter.map((f) => this.get(f)) : filter == null ? [] : [filter];
    const parms = this.get(stream.dict.get('DecodeParms'));
    let data: Uint8Array = this.bytes.subarray(stream.stream.start, stream.stream.end);
    for (const [i, f] of filters.entries()) {
      if (!isName(f)) return null;
      if (f.name !== 'FlateDecode' && f.name !== 'Fl') return null;
      const p = Array.isArray(parms) ? this.get(parms[i]) : parms;
      const predictor = isDict(p) ? this.get(p.dict.get('Predictor')) : null;
      if (typeof predictor === 'number' && predictor > 1) return null;
      try {
        data = inflateSync(data, {
          finishFlush: constants.Z_SYNC_FLUSH,
          maxOutputLength: Math.max(1, this.maxInflated - this.inflated),
        });
      } catch (err) {
        if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new GiveUp('inflate cap');
        return null;
      }
      this.inflated += data.byteLength;
      if (this.inflated >= this.maxInflated) throw new GiveUp('inflate cap');
    }
    return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1');
  }

  root(): PdfDict | null {
    for (let i = this.trailers.length - 1; i >= 0; i--) {
      const t = this.trailers[i]!;
      if (t.dict.has('Encrypt')) throw new GiveUp('encrypted');
    }
    for (let i = this.trailers.length - 1; i >= 0; i--) {
      const root = this.dict(this.trailers[i]!.dict.get('Root'));
      if (root) return root;
    }
    return null;
  }
}

interface Tally {
  strokes: number;
  text: boolean;
  /** XObject names drawn with Do. */
  drawn: Set<string>;
}

const REGULAR = new Uint8Array(256).map((_, c) => (WS[c] || DELIM[c] ? 0 : 1));

/**
 * Operators of a content stream: counts `S`, notes text-showing operators and the XObjects drawn. A tight loop
 * over char codes that slices nothing but the names drawn with `Do` (this runs over every page's content).
 */
export function tallyContent(s: string): Tally {
  const t: Tally = { strokes: 0, text: false, drawn: new Set() };
  const n = s.length;
  let nameStart = -1;
  let nameEnd = -1;
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (WS[c]) {
      i++;
      continue;
    }
    if (c === 37 /* % */) {
      while (i < n && s.charCodeAt(i) !== 10 && s.charCodeAt(i) !== 13) i++;
      continue;
    }
    if (c === 40 /* ( */) {
      let depth = 1;
      i++;
      while (i < n && depth > 0) {
        const d = s.charCodeAt(i);
        if (d === 92) i += 2;
        else {
          if (d === 40) depth++;
          else if (d === 41) depth--;
          i++;
        }
      }
      continue;
    }
    if (c === 60 /* < */) {
      if (s.charCodeAt(i + 1) === 60) i += 2;
      else {
        const e = s.indexOf('>', i + 1);
        i = e < 0 ? n : e + 1;
      }
      continue;
    }
    if (c === 47 /* / */) {
      nameStart = ++i;
      while (i < n && REGULAR[s.charCodeAt(i)]) i++;
      nameEnd = i;
      continue;
    }
    if (!REGULAR[c]) {
      i++;
      continue;
    }
    const start = i;
    while (i < n && REGULAR[s.charCodeAt(i)]) i++;
    const len = i - start;
    if (len === 1) {
      if (c === 83 /* S */) t.strokes++;
      else if (c === 39 || c === 34 /* ' " */) t.text = true;
    } else if (len === 2) {
      const d = s.charCodeAt(start + 1);
      if (c === 68 && d === 111 /* Do */) {
        if (nameStart >= 0) t.drawn.add(s.slice(nameStart, nameEnd));
      } else if (c === 84 && (d === 106 || d === 74) /* Tj TJ */) t.text = true;
      else if (c === 73 && d === 68 /* ID */) {
        // Inline image data: binary up to "EI" between white space.
        const m = /[\0\t\n\f\r ]EI(?=[\0\t\n\f\r ]|$)/g;
        m.lastIndex = i + 1;
        const hit = m.exec(s);
        i = hit ? hit.index + 3 : n;
      }
    }
    // A name stays the operand of the operator that follows it; numbers in between are other operands.
    if (!((c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46)) nameStart = -1;
  }
  return t;
}

const MAX_FORM_DEPTH = 12;

const STANDARD_ENCODINGS = new Set(['WinAnsiEncoding', 'MacRomanEncoding', 'StandardEncoding']);

interface FontFacts {
  height: number | null;
  mapped: boolean;
}

class PageScanner {
  private readonly fontCache = new Map<PdfDict, FontFacts>();
  constructor(private readonly file: PdfFile) {}

  /** poppler's word box height for a font (GfxFont: the descriptor's Ascent/Descent, sanitised). */
  private font(font: PdfDict): FontFacts {
    const cached = this.fontCache.get(font);
    if (cached) return cached;
    const f = this.file;
    const subtype = f.get(font.dict.get('Subtype'));
    const type = isName(subtype) ? subtype.name : '';
    const descendants = f.get(font.dict.get('DescendantFonts'));
    const face = type === 'Type0' && Array.isArray(descendants) ? (f.dict(descendants[0]) ?? font) : font;
    const descriptor = f.dict(face.dict.get('FontDescriptor'));
    let height: number | null = null;
    if (descriptor && type !== 'Type3') {
      const a = f.get(descriptor.dict.get('Ascent'));
      const d = f.get(descriptor.dict.get('Descent'));
      const ascent = typeof a === 'number' && a !== 0 && Math.abs(a) < 3000 ? Math.abs(a) / 1000 : 0.95;
      const descent = typeof d === 'number' && d !== 0 && Math.abs(d) < 3000 ? -Math.abs(d) / 1000 : -0.35;
      height = ascent - descent;
    }
    const encoding = f.get(font.dict.get('Encoding'));
    const mapped =
      type !== 'Type3' &&
      (font.dict.has('ToUnicode') || (type !== 'Type0' && isName(encoding) && STANDARD_ENCODINGS.has(encoding.name)));
    const facts = { height, mapped };
    this.fontCache.set(font, facts);
    return facts;
  }

  private fonts(resources: PdfDict | null, out: PageScan): void {
    const fonts = this.file.dict(resources?.dict.get('Font'));
    if (!fonts) return;
    for (const v of fonts.dict.values()) {
      const font = this.file.dict(v);
      if (!font) continue;
      const { height, mapped } = this.font(font);
      if (!mapped) out.fontsMapped = false;
      if (height === null) out.fontHeights = null;
      else if (out.fontHeights) {
        out.fontHeights = [Math.min(out.fontHeights[0], height), Math.max(out.fontHeights[1], height)];
      }
    }
  }

  /** Strokes and text of a content (page or form), following the forms it draws. */
  private content(
    streams: PdfDict[],
    resources: PdfDict | null,
    depth: number,
    seen: Set<PdfDict>,
    out: PageScan,
  ): boolean {
    let text = false;
    this.fonts(resources, out);
    for (const st of streams) {
      const data = this.file.decode(st);
      if (data === null) {
        out.unknown = true;
        continue;
      }
      const t = tallyContent(data);
      out.strokes += t.strokes;
      text ||= t.text;
      if (t.drawn.size === 0) continue;
      const xobjects = this.file.dict(resources?.dict.get('XObject'));
      for (const name of t.drawn) {
        const xo = this.file.dict(xobjects?.dict.get(name));
        if (!xo) continue;
        const subtype = this.file.get(xo.dict.get('Subtype'));
        if (!isName(subtype) || subtype.name !== 'Form') continue;
        if (seen.has(xo)) continue;
        if (depth >= MAX_FORM_DEPTH) {
          out.unknown = true;
          continue;
        }
        seen.add(xo);
        const own = this.file.dict(xo.dict.get('Resources')) ?? resources;
        text = this.content([xo], own, depth + 1, seen, out) || text;
      }
    }
    return text;
  }

  page(page: PdfDict, inherited: PdfDict | null): PageScan {
    const out: PageScan = {
      strokes: 0,
      annotationText: false,
      unknown: false,
      fontHeights: [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY],
      fontsMapped: true,
    };
    const resources = this.file.dict(page.dict.get('Resources')) ?? inherited;
    const contents = this.file.get(page.dict.get('Contents'));
    const list = Array.isArray(contents) ? contents : contents == null ? [] : [contents];
    const streams: PdfDict[] = [];
    for (const c of list) {
      const st = this.file.dict(c);
      if (st?.stream) streams.push(st);
      else if (c !== null) out.unknown = true;
    }
    this.content(streams, resources, 0, new Set(), out);
    const annots = this.file.get(page.dict.get('Annots'));
    if (Array.isArray(annots)) {
      for (const a of annots) {
        const annot = this.file.dict(a);
        const ap = this.file.dict(annot?.dict.get('AP'));
        const normal = this.file.dict(ap?.dict.get('N'));
        if (!normal) continue;
        // The normal appearance is a stream, or a dictionary of states each with a stream.
        const appearances = normal.stream
          ? [normal]
          : [...normal.dict.values()].flatMap((v) => {
              const st = this.file.dict(v);
              return st?.stream ? [st] : [];
            });
        for (const st of appearances) {
          const own = this.file.dict(st.dict.get('Resources')) ?? resources;
          if (this.content([st], own, 1, new Set([st]), out)) out.annotationText = true;
        }
      }
    }
    if (out.unknown) {
      out.annotationText = true;
      out.fontHeights = null;
      out.fontsMapped = false;
    }
    if (out.fontHeights && out.fontHeights[0] > out.fontHeights[1]) out.fontHeights = null;
    return out;
  }
}

/** Per-page strokes and annotation text, or null when the file's structure could not be followed. */
export function scanPdf(bytes: Uint8Array, opts: ScanOptions = {}): PdfScan | null {
  const maxPages = opts.maxPages ?? Number.POSITIVE_INFINITY;
  try {
    const file = new PdfFile(bytes, opts.maxInflatedBytes ?? 256 * 1024 * 1024);
    const root = file.root();
    if (!root) return null;
    const scanner = new PageScanner(file);
    const pages: PageScan[] = [];
    const seen = new Set<PdfDict>();
    // The page tree, depth first in Kids order (the page order); Resources are inherited.
    const walk = (node: PdfDict, inherited: PdfDict | null, depth: number) => {
      if (depth > 64 || seen.has(node)) throw new GiveUp('page tree');
      seen.add(node);
      const resources = file.dict(node.dict.get('Resources')) ?? inherited;
      const kids = file.get(node.dict.get('Kids'));
      const type = file.get(node.dict.get('Type'));
      if (Array.isArray(kids) && !(isName(type) && type.name === 'Page')) {
        for (const k of kids) {
          const kid = file.dict(k);
          if (!kid) throw new GiveUp('missing kid');
          walk(kid, resources, depth + 1);
        }
        return;
      }
      pages.push(pages.length < maxPages ? scanner.page(node, inherited) : emptyPage());
    };
    const tree = file.dict(root.dict.get('Pages'));
    if (!tree) return null;
    walk(tree, null, 0);
    return { pages };
  } catch (err) {
    if (err instanceof GiveUp || err instanceof RangeError || err instanceof TypeError) return null;
    throw err;
  }
}

const emptyPage = (): PageScan => ({
  strokes: 0,
  annotationText: false,
  unknown: false,
  fontHeights: null,
  fontsMapped: false,
});

/**
 * A page whose drawing has fewer than two stroked paths cannot hold a table pdf-parse's detection would find:
 * one path is one rectangle at most (four lines), and a grid needs more than four.
 */
export const mayHoldTable = (p: PageScan | undefined): boolean => p === undefined || p.unknown || p.strokes >= 2;
