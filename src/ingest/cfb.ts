// OLE2 / Compound File Binary containers (legacy Office): which one is it? Read with SheetJS's `cfb` (the
// directory only, no stream is inflated) so a .xls, .ppt, .msg or a password-protected file gets a refusal
// that names it, and a truncated container is reported as damaged instead of reaching the Word reader.
import CFB from 'cfb';
import type { UnreadableReason } from '../errors.js';

export type CfbVerdict = { kind: 'word' } | { kind: 'refused'; reason: UnreadableReason; message: string };

/** FIB flag fEncrypted (bit 8 of the 16-bit word at offset 0x0A of the WordDocument stream). */
const FIB_ENCRYPTED = 0x0100;

export function inspectCfb(bytes: Uint8Array, fileName?: string | null): CfbVerdict {
  const name = fileName ? `"${fileName}"` : 'The file';
  let container: CFB.CFB$Container;
  try {
    container = CFB.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { type: 'buffer' });
  } catch (err) {
    return {
      kind: 'refused',
      reason: 'corrupt-file',
      message: `${name} is a damaged or truncated OLE2 (legacy Office) file: ${(err as Error).message}.`,
    };
  }
  const streams = new Set(container.FullPaths.map((p) => p.replace(/^Root Entry\//, '').replace(/\/$/, '')));
  const has = (s: string) => streams.has(s);
  if (has('WordDocument')) {
    const word = CFB.find(container, 'WordDocument');
    const fib = word?.content;
    if (!fib || fib.length < 12) {
      return {
        kind: 'refused',
        reason: 'corrupt-file',
        message: `${name} has an empty or truncated WordDocument stream.`,
      };
    }
    const flags = (fib[0x0a] ?? 0) | ((fib[0x0b] ?? 0) << 8);
    if (flags & FIB_ENCRYPTED) {
      return {
        kind: 'refused',
        reason: 'encrypted',
        message: `${name} is a password-protected Word 97-2003 document; remove the password and upload again.`,
      };
    }
    return { kind: 'word' };
  }
  const what =
    has('Workbook') || has('Book')
      ? 'an Excel 97-2003 workbook (.xls)'
      : has('PowerPoint Document')
        ? 'a PowerPoint 97-2003 presentation (.ppt)'
        : [...streams].some((s) => s.startsWith('__substg1.0_'))
          ? 'an Outlook message (.msg)'
          : has('EncryptedPackage')
            ? 'a password-protected Office document'
            : 'an OLE2 compound file with no Word document in it';
  return {
    kind: 'refused',
    reason: has('EncryptedPackage') ? 'encrypted' : 'unsupported-format',
    message: `${name} is ${what}; only Word (.doc, .docx), PDF, HTML and text are supported.`,
  };
}
