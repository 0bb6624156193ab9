// Conversion of legacy Vietnamese encodings to NFC Unicode. Every encoding is handled on "legacy
// characters": the Windows-1252 reading of its bytes. That is what a text file's bytes are before
// conversion, and exactly what Word stores in a run typed with a .VnTime or VNI-Times font (and what
// word-extractor returns for such a .doc), so one table serves files, DOCX runs and .doc paragraphs.
import { CP1258, TCVN3, TCVN3_CAPITALS, VISCII, VNI } from '../../rules/encodings/tables.js';

export const LEGACY_ENCODINGS = ['tcvn3', 'vni', 'viscii', 'cp1258'] as const;
export type LegacyEncoding = (typeof LEGACY_ENCODINGS)[number];

export const ENCODING_NAMES: Record<LegacyEncoding, string> = {
  tcvn3: 'TCVN3 (ABC, .Vn fonts)',
  vni: 'VNI-Windows',
  viscii: 'VISCII',
  cp1258: 'Windows-1258',
};

const WIN1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** Bytes → legacy characters (Windows-1252; its five undefined bytes kept as the C1 code points). */
export function win1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    out += String.fromCharCode(...chunk);
  }
  return out.replace(/[\u0080-\u009f]/g, (c) => WIN1252_HIGH[c.charCodeAt(0) - 0x80] ?? c);
}

/** Legacy characters → bytes (the inverse of win1252; fixtures and tests write legacy files with it). */
export function win1252Bytes(legacy: string): Uint8Array {
  return Uint8Array.from([...legacy], (c) => {
    const hi = WIN1252_HIGH.indexOf(c);
    const code = hi >= 0 ? 0x80 + hi : c.charCodeAt(0);
    if (code > 0xff) throw new Error(`not a Windows-1252 character: ${c}`);
    return code;
  });
}

/** Can this string be legacy characters (every character a Windows-1252 one)? */
export function isWin1252(text: string): boolean {
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    if (c > 0xff && !WIN1252_HIGH.includes(ch)) return false;
  }
  return true;
}

interface Decoder {
  /** Legacy sequence (1 or 2 characters) → Unicode. */
  map: Map<string, string>;
  longest: number;
}

function decoder(...tables: Readonly<Record<string, string>>[]): Decoder {
  const map = new Map<string, string>();
  for (const t of tables) for (const [k, v] of Object.entries(t)) map.set(k, v);
  return { map, longest: Math.max(...[...map.keys()].map((k) => k.length)) };
}

const DECODERS: Record<LegacyEncoding, Decoder> = {
  tcvn3: decoder(TCVN3, TCVN3_CAPITALS),
  vni: decoder(VNI),
  viscii: decoder(VISCII),
  cp1258: decoder(CP1258),
};
/** Inside a Word run the font says ABC: the VN1 capitals are not used there (their bytes are quotes). */
const TCVN3_ABC = decoder(TCVN3);

export interface DecodeOptions {
  /** Word runs in a ".VnTimeH"-style font: the font draws every letter as a capital. */
  upper?: boolean;
  /** Word runs: only the ABC subset of TCVN3 (default: the full table, for plain text). */
  abcOnly?: boolean;
}

/** Legacy characters → NFC Unicode. Characters with no mapping are kept (ASCII is shared by all). */
export function decodeLegacy(text: string, encoding: LegacyEncoding, opts: DecodeOptions = {}): string {
  const d = encoding === 'tcvn3' && opts.abcOnly ? TCVN3_ABC : DECODERS[encoding];
  // Some decoders (Node's "windows-1252") leave 0x80-0x9F as C1 controls; the tables use Windows-1252.
  text = text.replace(/[\u0080-\u009f]/g, (c) => WIN1252_HIGH[c.charCodeAt(0) - 0x80] ?? c);
  let out = '';
  let i = 0;
  while (i < text.length) {
    let hit: string | undefined;
    let len = d.longest;
    for (; len > 0; len--) {
      hit = d.map.get(text.slice(i, i + len));
      if (hit !== undefined) break;
    }
    if (hit === undefined || len === 0) {
      out += text[i];
      i++;
    } else {
      out += hit;
      i += len;
    }
  }
  const nfc = out.normalize('NFC');
  return opts.upper ? nfc.toUpperCase() : nfc;
}

/** Unicode → legacy characters (fixture generation and round-trip tests). Throws on a letter it cannot write. */
export function encodeLegacy(text: string, encoding: LegacyEncoding, opts: DecodeOptions = {}): string {
  const table = new Map<string, string>();
  const d = encoding === 'tcvn3' && opts.abcOnly ? TCVN3_ABC : DECODERS[encoding];
  for (const [k, v] of d.map) if (!table.has(v)) table.set(v, k);
  let out = '';
  for (const ch of (opts.upper ? text.toLowerCase() : text).normalize('NFC')) {
    const direct = table.get(ch);
    if (direct !== undefined) {
      out += direct;
      continue;
    }
    if (encoding === 'cp1258' && ch.charCodeAt(0) > 0x7f) {
      // Windows-1258 writes a toned letter as its base (itself maybe in the table: ơ, ư, ă) + a tone mark.
      const [base = '', ...marks] = ch.normalize('NFD');
      const shaped = (base + marks.filter((m) => !/[\u0300\u0301\u0303\u0309\u0323]/.test(m)).join('')).normalize();
      const tone = marks.find((m) => /[\u0300\u0301\u0303\u0309\u0323]/.test(m));
      const b = table.get(shaped) ?? (isWin1252(shaped) && !d.map.has(shaped) ? shaped : undefined);
      const t = tone === undefined ? '' : table.get(tone);
      if (b !== undefined && t !== undefined) {
        out += b + t;
        continue;
      }
    }
    if (encoding !== 'cp1258' && isWin1252(ch) && !d.map.has(ch)) {
      out += ch; // a letter the encoding shares with Windows-1252 (VNI's ì í)
      continue;
    }
    if (ch.charCodeAt(0) > 0x7f && /\p{L}/u.test(ch)) {
      throw new Error(`${encoding} cannot write "${ch}"`);
    }
    out += ch;
  }
  return out;
}
