// Rich Text Format: a small linear tokenizer, no library (the npm RTF readers are either unmaintained or
// render to HTML/DOM). Only the body text is kept: \'xx bytes are read in the document's code page
// (\ansicpgN), \uN as Unicode (skipping its \ucN fallback characters), and destinations that are not body
// text (font and style tables, pictures, headers, \* groups) are skipped. \cell/\row produce the same
// tab-marked layout word-extractor gives for .doc, so tables come back as tables (doc.ts bodyToBlocks).
// Bytes typed in a .VnTime/VNI font come out as their Windows-1252 reading; the legacy-encoding detection
// converts them like any other text.
import type { DocTree } from '../doc/types.js';
import { UnreadableDocumentError } from '../errors.js';
import { bodyToBlocks } from './doc.js';
import { decodeLegacy, type LegacyEncoding, win1252 } from './legacy/convert.js';
import { convertLegacyTree, legacyDiagnostic } from './legacy/detect.js';
import { type FontEncoding, fontEncoding } from './legacy/fonts.js';

const SKIP = new Set([
  'fonttbl',
  'colortbl',
  'stylesheet',
  'info',
  'pict',
  'object',
  'header',
  'headerl',
  'headerr',
  'headerf',
  'footer',
  'footerl',
  'footerr',
  'footerf',
  'themedata',
  'colorschememapping',
  'datastore',
  'listtable',
  'listoverridetable',
  'rsidtbl',
  'generator',
  'xmlnstbl',
  'latentstyles',
  'mmathPr',
  'fldinst',
  'filetbl',
  'revtbl',
  'pgdsctbl',
  'listtext',
  'pntext',
  'pntxta',
  'pntxtb',
  'bkmkstart',
  'bkmkend',
  'shppict',
  'nonshppict',
]);
/** Deeper nesting than this is an attack or a broken file, never a plan. */
const MAX_DEPTH = 500;

interface Group {
  skip: boolean;
  uc: number;
  /** Current font number (\fN); in the font table, the entry being read. */
  font: number;
  fontTable: boolean;
}

interface Segment {
  enc: FontEncoding | null;
  text: string;
}

export function readRtf(bytes: Uint8Array): DocTree {
  const src = win1252(bytes);
  if (!src.trimStart().startsWith('{\\rtf')) {
    throw new UnreadableDocumentError('corrupt-file', 'The file does not start like Rich Text Format ("{\\rtf").');
  }
  let decoder: (b: Uint8Array) => string = win1252;
  const stack: Group[] = [];
  let g: Group = { skip: false, uc: 1, font: -1, fontTable: false };
  // Output in segments by font encoding: runs in a .VnTime/VNI font are converted by their font, like DOCX runs.
  const fonts = new Map<number, FontEncoding | null>();
  let fontName = '';
  const segments: Segment[] = [{ enc: null, text: '' }];
  let pending: number[] = [];
  let skipChars = 0;
  const append = (s: string) => {
    const enc = fonts.get(g.font) ?? null;
    let last = segments[segments.length - 1] as Segment;
    if (last.enc !== enc) {
      last = { enc, text: '' };
      segments.push(last);
    }
    last.text += s;
  };
  const flush = () => {
    if (pending.length > 0) append(decoder(Uint8Array.from(pending)));
    pending = [];
  };
  const emit = (s: string) => {
    if (g.skip) return;
    flush();
    append(s);
  };
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src[i] as string;
    if (c === '{') {
      if (stack.length >= MAX_DEPTH) throw new UnreadableDocumentError('corrupt-file', 'The RTF is nested too deeply.');
      stack.push(g);
      g = { ...g };
      i++;
      // "{\*\dest …}": an optional destination this reader does not know — skip it.
      if (src.startsWith('\\*', i)) {
        g.skip = true;
        g.fontTable = false;
      }
      continue;
    }
    if (c === '}') {
      flush();
      g = stack.pop() ?? g;
      i++;
      continue;
    }
    if (c === '\r' || c === '\n') {
      i++;
      continue;
    }
    if (c !== '\\') {
      if (g.fontTable) {
        if (c === ';') {
          fonts.set(g.font, fontEncoding(fontName.trim()));
          fontName = '';
        } else fontName += c;
      } else if (skipChars > 0) skipChars--;
      else if (!g.skip) {
        flush();
        append(c);
      }
      i++;
      continue;
    }
    // A control symbol or word.
    const next = src[i + 1] ?? '';
    if (next === "'") {
      const hex = Number.parseInt(src.slice(i + 2, i + 4), 16);
      i += 4;
      if (skipChars > 0) skipChars--;
      else if (!g.skip && Number.isFinite(hex)) pending.push(hex);
      continue;
    }
    if (!/[a-zA-Z]/.test(next)) {
      if (next === '\\' || next === '{' || next === '}') emit(next);
      else if (next === '~') emit('\u00a0');
      else if (next === '_') emit('-');
      // The optional hyphen is U+00AD, which TCVN3 uses for "ư": keep it only inside a legacy-font run.
      else if (next === '-' && fonts.get(g.font)) emit('\u00ad');
      i += 2;
      continue;
    }
    const m = /^([a-zA-Z]{1,32})(-?\d{1,10})? ?/.exec(src.slice(i + 1, i + 46));
    if (!m) {
      i++;
      continue;
    }
    i += 1 + m[0].length;
    const word = m[1] as string;
    const arg = m[2] === undefined ? null : Number(m[2]);
    if (word === 'fonttbl') {
      g.skip = true;
      g.fontTable = true;
    } else if (word === 'f' && arg !== null) {
      flush();
      g.font = arg;
      if (g.fontTable) fontName = '';
    } else if (SKIP.has(word)) {
      g.skip = true;
      g.fontTable = false;
    } else if (word === 'ansicpg' && arg !== null) decoder = codePage(arg);
    else if (word === 'uc' && arg !== null) g.uc = Math.max(0, arg);
    else if (word === 'u' && arg !== null) {
      emit(String.fromCharCode(arg < 0 ? arg + 65536 : arg));
      skipChars = g.uc;
    } else if (word === 'par' || word === 'line' || word === 'sect' || word === 'page') emit('\n');
    else if (word === 'tab') emit(' ');
    else if (word === 'cell' || word === 'nestcell') emit('\t');
    else if (word === 'row' || word === 'nestrow') emit('\n');
    else if (word === 'emdash') emit('—');
    else if (word === 'endash') emit('–');
    else if (word === 'lquote') emit('‘');
    else if (word === 'rquote') emit('’');
    else if (word === 'ldblquote') emit('“');
    else if (word === 'rdblquote') emit('”');
    else if (word === 'bullet') emit('•');
  }
  flush();
  const converted = new Map<LegacyEncoding, number>();
  const out = segments
    .map((seg) => {
      if (!seg.enc) return seg.text;
      const text = decodeLegacy(seg.text, seg.enc.encoding, { upper: seg.enc.upper, abcOnly: true });
      if (text !== seg.text) converted.set(seg.enc.encoding, (converted.get(seg.enc.encoding) ?? 0) + 1);
      return text;
    })
    .join('');
  const messages = [...converted].map(([enc, runs]) => legacyDiagnostic(enc, 'from the font of each run', runs, 'run'));
  // A cell's last paragraph mark comes before \cell: "text\par\cell" is one paragraph, not two.
  const body = out.replace(/\n\t/g, '\t');
  return convertLegacyTree({ format: 'rtf', blocks: bodyToBlocks(body), pages: null, messages });
}

function codePage(cp: number): (b: Uint8Array) => string {
  if (cp === 1252) return win1252;
  try {
    const d = new TextDecoder(`windows-${cp}`);
    return (b) => d.decode(b);
  } catch {
    return win1252;
  }
}
