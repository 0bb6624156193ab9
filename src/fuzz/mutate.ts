// Mutators for the fuzzer: each takes a real document and damages it the way broken exports, bad copies
// and attackers do. They are pure functions of (input, rng) so a failing input is reproducible from its seed.
import { int, pick, type Rng } from './rng.js';
import { type RawEntry, readZip, writeZip } from './zip.js';

export type FuzzFormat = 'text' | 'html' | 'docx' | 'pdf' | 'image';

/** Characters and tokens that break naive parsers (see test/robustness/fuzz.test.ts for why each is here). */
const HOSTILE = [
  '\u0301',
  'e\u0302\u0301',
  '\u202E',
  '\u200B',
  '\uFEFF',
  '\uD83D\uDE00',
  '\uD800',
  '\u2028',
  '\u00A0',
  '１２３',
  '|',
  '\t',
  '%',
  '…',
  '(',
  ')',
  ':',
  '2030.',
  'I.',
  'IV.',
  '1.',
  '1,5',
  '1.000.000',
  '-',
  'Chỉ tiêu: đạt 90% vào năm 2025 và ',
  'Căn cứ ',
  'Sở ',
  'UBND tỉnh',
  'triệu đồng',
  'ngày 12 tháng 3 năm 2025',
  'Số: 12/KH-UBND',
  '\r',
  '\r\n',
  '\n\n',
];

const HTML_HOSTILE = [
  '<td colspan="1000" rowspan="65534">x</td>',
  '<td rowspan="0">',
  '<tr>',
  '</table>',
  '<table><tr><td>',
  '<br>',
  '<p>',
  '</p>',
  '<ol start="99999999999999999999">',
  '<li>',
  '<![CDATA[',
  '<!--',
  '&#0;',
  '&nbsp;',
  '<pre>',
  '<h1>',
  '<script>',
];

const enc = new TextEncoder();
const dec = new TextDecoder();

function bytesOf(s: string): Uint8Array {
  return enc.encode(s);
}

// ── byte-level ───────────────────────────────────────────────────────────────────────────────────

export function flipBytes(b: Uint8Array, r: Rng, max = 8): Uint8Array {
  if (b.length === 0) return b;
  const out = new Uint8Array(b);
  for (let k = 1 + int(r, max); k > 0; k--) out[int(r, out.length)] = int(r, 256);
  return out;
}

export function truncateBytes(b: Uint8Array, r: Rng): Uint8Array {
  return b.subarray(0, int(r, b.length + 1));
}

function spliceBytes(a: Uint8Array, b: Uint8Array, r: Rng): Uint8Array {
  const at = int(r, a.length + 1);
  const from = int(r, b.length + 1);
  const len = int(r, Math.min(4096, b.length - from) + 1);
  const out = new Uint8Array(a.length + len);
  out.set(a.subarray(0, at), 0);
  out.set(b.subarray(from, from + len), at);
  out.set(a.subarray(at), at + len);
  return out;
}

// ── text-level (text, HTML, and the XML inside a DOCX) ──────────────────────────────────────────

type TextMutation = (s: string, r: Rng, other: string) => string;

const lines = (s: string) => s.split('\n');

const TEXT_MUTATIONS: Record<string, TextMutation> = {
  'insert hostile': (s, r) => {
    let out = s;
    for (let k = 1 + int(r, 6); k > 0; k--) {
      const at = int(r, out.length + 1);
      out = out.slice(0, at) + pick(r, HOSTILE) + out.slice(at);
    }
    return out;
  },
  'delete lines': (s, r) =>
    lines(s)
      .filter(() => r() > 0.2)
      .join('\n'),
  'duplicate lines': (s, r) =>
    lines(s)
      .flatMap((l) => (r() < 0.05 ? Array<string>(1 + int(r, 50)).fill(l) : [l]))
      .join('\n'),
  'shuffle blocks': (s, r) => {
    const ls = lines(s);
    const blocks: string[][] = [];
    const size = 1 + int(r, 20);
    for (let i = 0; i < ls.length; i += size) blocks.push(ls.slice(i, i + size));
    for (let i = blocks.length - 1; i > 0; i--) {
      const j = int(r, i + 1);
      [blocks[i], blocks[j]] = [blocks[j] as string[], blocks[i] as string[]];
    }
    return blocks.flat().join('\n');
  },
  truncate: (s, r) => s.slice(0, int(r, s.length + 1)),
  splice: (s, r, other) => {
    const at = int(r, s.length + 1);
    const from = int(r, other.length + 1);
    return s.slice(0, at) + other.slice(from, from + 1 + int(r, 3000)) + s.slice(at);
  },
  'repeat a chunk': (s, r) => {
    // Adversarial runs: one short piece of real text repeated thousands of times on one line or many.
    const from = int(r, Math.max(1, s.length - 40));
    const chunk = s.slice(from, from + 1 + int(r, 40)) || 'x';
    const at = int(r, s.length + 1);
    return s.slice(0, at) + chunk.repeat(50 + int(r, 3000)) + s.slice(at);
  },
  'duplicate cells': (s, r) =>
    lines(s)
      .map((l) => {
        if (!l.includes('|') || r() > 0.3) return l;
        const cells = l.split('|');
        const i = int(r, cells.length);
        cells.splice(i, 0, ...Array<string>(1 + int(r, 30)).fill(cells[i] ?? ''));
        return cells.join('|');
      })
      .join('\n'),
  'pipe cells': (s, r) =>
    lines(s)
      .flatMap((l) => (r() < 0.2 ? [l, '|'] : [l]))
      .join('\n'),
  'deep item nesting': (s, r) => {
    const ls = lines(s);
    const at = int(r, ls.length + 1);
    const depth = 1 + int(r, 40);
    const nested = Array.from({ length: 1 + int(r, 200) }, (_, i) => `${'1.'.repeat(1 + ((i * 7) % depth))} Nội dung`);
    ls.splice(at, 0, ...nested);
    return ls.join('\n');
  },
  'line endings': (s, r) => s.replace(/\n/g, () => pick(r, ['\n', '\r\n', '\r', '\n\n', ' '])),
  'long line': (s, r) => {
    const ls = lines(s);
    const from = int(r, ls.length);
    const n = 2 + int(r, 200);
    ls.splice(from, n, ls.slice(from, from + n).join(' '));
    return ls.join('\n');
  },
  'case and diacritics': (s, r) => {
    const from = int(r, s.length + 1);
    const to = from + int(r, 2000);
    const part = s.slice(from, to);
    const changed = r() < 0.5 ? part.toUpperCase() : part.normalize('NFD');
    return s.slice(0, from) + changed + s.slice(to);
  },
};

const HTML_MUTATIONS: Record<string, TextMutation> = {
  'insert markup': (s, r) => {
    let out = s;
    for (let k = 1 + int(r, 8); k > 0; k--) {
      const at = int(r, out.length + 1);
      out = out.slice(0, at) + pick(r, HTML_HOSTILE) + out.slice(at);
    }
    return out;
  },
  'big spans': (s, r) =>
    s.replace(/<t([dh])\b/g, (m, c: string) =>
      r() < 0.1 ? `<t${c} colspan="${1 + int(r, 1000)}" rowspan="${1 + int(r, 65534)}"` : m,
    ),
  'duplicate rows': (s, r) => s.replace(/<tr\b[\s\S]*?<\/tr>/g, (m) => (r() < 0.1 ? m.repeat(1 + int(r, 50)) : m)),
  'deep nesting': (s, r) => {
    const tag = pick(r, ['div', 'table><tr><td', 'ul><li', 'span', 'b', 'p']);
    const close = tag
      .split('><')
      .reverse()
      .map((t) => `</${t.split(' ')[0]}>`)
      .join('');
    const depth = 10 + int(r, 3000);
    const at = int(r, s.length + 1);
    return `${s.slice(0, at)}${`<${tag}>`.repeat(depth)}x${close.repeat(depth)}${s.slice(at)}`;
  },
  'drop closing tags': (s, r) => s.replace(/<\/\w+>/g, (m) => (r() < 0.2 ? '' : m)),
};

function mutateText(s: string, r: Rng, other: string, extra: Record<string, TextMutation> = {}): string {
  const all = { ...TEXT_MUTATIONS, ...extra };
  const names = Object.keys(all);
  let out = s;
  for (let k = 1 + int(r, 3); k > 0; k--) out = (all[pick(r, names)] as TextMutation)(out, r, other);
  return out;
}

/** A random window of lines: real content at a size that keeps hundreds of inputs per second. */
function window(s: string, r: Rng): string {
  if (r() < 0.3) return s;
  const ls = lines(s);
  const from = int(r, ls.length);
  return ls.slice(from, from + 5 + int(r, 150)).join('\n');
}

// ── DOCX ─────────────────────────────────────────────────────────────────────────────────────────

const DOCX_MUTATIONS: Record<string, (es: RawEntry[], r: Rng, other: string) => RawEntry[] | Uint8Array> = {
  'mutate document XML': (es, r, other) =>
    es.map((e) =>
      e.name === 'word/document.xml' || (r() < 0.1 && e.name.endsWith('.xml'))
        ? { ...e, data: Buffer.from(mutateText(e.data.toString('utf8'), r, other, XML_MUTATIONS)) }
        : e,
    ),
  'rename the main part': (es, r) => {
    const to = pick(r, ['word/main.bin', 'word/document2.xml', 'word/doc', 'word/DOCUMENT.XML']);
    const fixRels = r() < 0.7;
    return es.map((e) => {
      if (e.name === 'word/document.xml') return { ...e, name: to };
      if (fixRels && e.name === '_rels/.rels')
        return { ...e, data: Buffer.from(e.data.toString('utf8').replace('word/document.xml', to)) };
      return e;
    });
  },
  'drop an entry': (es, r) => es.filter((_, i) => i !== int(r, es.length)),
  'duplicate an entry': (es, r) => [...es, es[int(r, es.length)] as RawEntry],
  'lie about a size': (es, r) =>
    es.map((e) =>
      r() < 0.3
        ? r() < 0.5
          ? { ...e, declaredSize: int(r, 2 ** 32) }
          : { ...e, localDeclaredSize: int(r, e.data.length + 1) }
        : e,
    ),
  'stored entries': (es) => es.map((e) => ({ ...e, method: 0 as const })),
  'corrupt ZIP bytes': (es, r) => flipBytes(writeZip(es), r, 16),
  'truncate ZIP': (es, r) => truncateBytes(writeZip(es), r),
};

const XML_MUTATIONS: Record<string, TextMutation> = {
  'duplicate table rows': (s, r) =>
    s.replace(/<w:tr\b[\s\S]*?<\/w:tr>/g, (m) => (r() < 0.1 ? m.repeat(1 + int(r, 50)) : m)),
  'big grid spans': (s, r) =>
    s.replace(/<w:tcPr>/g, (m) =>
      r() < 0.1 ? `${m}<w:gridSpan w:val="${1 + int(r, 5000)}"/>${r() < 0.5 ? '<w:vMerge/>' : ''}` : m,
    ),
  'nested tables': (s, r) => {
    const depth = 5 + int(r, 300);
    const open = '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p>';
    const at = s.indexOf('<w:body>');
    if (at < 0) return s;
    const cut = at + '<w:body>'.length;
    return s.slice(0, cut) + open.repeat(depth) + '</w:tc></w:tr></w:tbl>'.repeat(depth) + s.slice(cut);
  },
};

function mutateDocx(b: Uint8Array, r: Rng, other: string): Uint8Array {
  const es = readZip(b);
  if (!es || es.length === 0) return flipBytes(b, r);
  let cur: RawEntry[] | Uint8Array = es;
  for (let k = 1 + int(r, 2); k > 0 && Array.isArray(cur); k--) {
    cur = (DOCX_MUTATIONS[pick(r, Object.keys(DOCX_MUTATIONS))] as (typeof DOCX_MUTATIONS)[string])(cur, r, other);
  }
  return Array.isArray(cur) ? writeZip(cur) : cur;
}

// ── PDF ──────────────────────────────────────────────────────────────────────────────────────────

function mutatePdf(b: Uint8Array, r: Rng): Uint8Array {
  const s = Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');
  const objs = [...s.matchAll(/\d+ \d+ obj\b/g)].map((m) => m.index);
  const choice = int(r, 7);
  if (choice === 0 || objs.length === 0) return flipBytes(b, r, 32);
  if (choice === 1) return truncateBytes(b, r);
  const at = pick(r, objs);
  const end = s.indexOf('endobj', at);
  const stop = end < 0 ? s.length : end + 6;
  const obj = s.slice(at, stop);
  let changed: string;
  if (choice === 2) changed = obj.replace(/\/Length \d+/, `/Length ${int(r, 2 ** 31)}`);
  else if (choice === 3) changed = obj.replace('endobj', '');
  else if (choice === 4) changed = obj.repeat(2 + int(r, 20));
  else if (choice === 5) changed = obj.replace(/\d+/g, (m) => (r() < 0.3 ? String(int(r, 2 ** 31)) : m));
  else changed = s.slice(at, at + int(r, obj.length)); // an object cut short
  return new Uint8Array(Buffer.from(s.slice(0, at) + changed + s.slice(stop), 'latin1'));
}

// ── entry point ──────────────────────────────────────────────────────────────────────────────────

export interface Seed {
  name: string;
  format: FuzzFormat;
  bytes: Uint8Array;
}

/** One mutated input from a seed; `other` is a second seed to splice from. */
export function mutate(seed: Seed, other: Seed, r: Rng): Uint8Array {
  switch (seed.format) {
    case 'text':
      return r() < 0.1
        ? flipBytes(bytesOf(window(dec.decode(seed.bytes), r)), r)
        : bytesOf(mutateText(window(dec.decode(seed.bytes), r), r, dec.decode(other.bytes)));
    case 'html':
      return r() < 0.1
        ? flipBytes(seed.bytes, r)
        : bytesOf(mutateText(dec.decode(seed.bytes), r, dec.decode(other.bytes), HTML_MUTATIONS));
    case 'docx':
      return mutateDocx(seed.bytes, r, dec.decode(other.bytes.subarray(0, 20_000)));
    case 'pdf':
      return mutatePdf(seed.bytes, r);
    case 'image':
      return r() < 0.5
        ? flipBytes(seed.bytes, r, 64)
        : r() < 0.5
          ? truncateBytes(seed.bytes, r)
          : spliceBytes(seed.bytes, other.bytes, r);
  }
}
