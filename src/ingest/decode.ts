// Text decoding shared by the sniffer and the text/HTML readers. Only encodings that announce or
// prove themselves are accepted: UTF-16 with a BOM, UTF-8 (BOM optional, must be valid). Guessing
// legacy Vietnamese code pages (TCVN3, VNI) would silently produce mojibake.
import { isUtf8 } from 'node:buffer';

export interface TextEncodingInfo {
  label: 'utf-8' | 'utf-16le' | 'utf-16be';
  /** The decoded text, BOM stripped: detection had to decode it all anyway. */
  text: string;
}

/** Control characters that never occur in a real text document (tab, LF, VT, FF, CR are fine). */
const BINARY_CONTROL = /[\u0000-\u0008\u000e-\u001a\u001c-\u001f]/g;
/** A few stray control characters survive copy-paste from Word; more than this share is binary. */
const MAX_CONTROL_SHARE = 0.001;

function looksBinary(text: string): boolean {
  if (text.includes('\u0000')) return true;
  const controls = text.match(BINARY_CONTROL)?.length ?? 0;
  return controls > Math.max(2, text.length * MAX_CONTROL_SHARE);
}

function tryDecode(bytes: Uint8Array, label: TextEncodingInfo['label']): string | null {
  if (label === 'utf-8') {
    // What a fatal UTF-8 TextDecoder does (valid or nothing, one leading BOM dropped), by Node's validator and
    // Buffer decoding: several times faster on the whole file, which every text document needs.
    if (!isUtf8(bytes)) return null;
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

export function detectTextEncoding(bytes: Uint8Array): TextEncodingInfo | null {
  let label: TextEncodingInfo['label'] = 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) label = 'utf-16le';
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) label = 'utf-16be';
  const text = tryDecode(bytes, label);
  if (text === null || looksBinary(text)) return null;
  return { label, text };
}
