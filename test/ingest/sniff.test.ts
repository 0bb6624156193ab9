import { describe, expect, it } from 'vitest';
import { UnreadableDocumentError } from '../../src/errors.js';
import { ingest } from '../../src/ingest/index.js';
import { looksLikeHtml, sniffFormat } from '../../src/ingest/sniff.js';
import { readFixture } from '../helpers/fixtures.js';
import { buildZip } from './zip-builder.js';

const utf8 = (s: string) => new TextEncoder().encode(s);

/** Deterministic pseudo-random bytes (a fixed LCG), so a failure can be reproduced. */
function randomBytes(n: number, seed = 42): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

async function reason(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(UnreadableDocumentError);
    return (err as UnreadableDocumentError).reason;
  }
  return 'resolved';
}

describe('sniffFormat', () => {
  it('reads content, not the name: a PDF named .txt is a PDF, a DOCX named .pdf a DOCX', async () => {
    expect(await sniffFormat(readFixture('corpus-B01-pdf'), 'plan.txt')).toBe('pdf');
    expect(await sniffFormat(readFixture('corpus-B03-docx'), 'plan.pdf')).toBe('docx');
    expect(await sniffFormat(readFixture('seed-000-html'), 'plan.docx')).toBe('html');
    expect(await sniffFormat(readFixture('seed-000'), 'plan.html')).toBe('text');
  });

  it('accepts a PDF header after leading junk within the first KiB', async () => {
    expect(await sniffFormat(utf8(`\r\n\r\n%PDF-1.7\n...`))).toBe('pdf');
  });

  it('recognises HTML by how it starts, not by a tag quoted inside text', () => {
    expect(looksLikeHtml('<!DOCTYPE html><html><body>x</body></html>')).toBe(true);
    expect(looksLikeHtml('\uFEFF  \n<html lang="vi">')).toBe(true);
    expect(looksLikeHtml('<!-- saved --><table><tr><td>1</td></tr></table>')).toBe(true);
    expect(looksLikeHtml('<p>Kế hoạch</p>')).toBe(true);
    expect(looksLikeHtml('KẾ HOẠCH\nmẫu <p> trong văn bản')).toBe(false);
    expect(looksLikeHtml('<<Ghi chú>> không phải HTML')).toBe(false);
    expect(looksLikeHtml('<pre-formatted> is not a tag we sniff')).toBe(false);
  });

  it('accepts UTF-8 with and without BOM, and UTF-16 with BOM', async () => {
    expect(await sniffFormat(utf8('KẾ HOẠCH\r\nSố: 12/KH-UBND'))).toBe('text');
    expect(await sniffFormat(utf8('\uFEFFKẾ HOẠCH'))).toBe('text');
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('KẾ HOẠCH\n', 'utf16le')]);
    expect(await sniffFormat(new Uint8Array(le))).toBe('text');
    const be = Buffer.from('KẾ HOẠCH', 'utf16le').swap16();
    expect(await sniffFormat(new Uint8Array(Buffer.concat([Buffer.from([0xfe, 0xff]), be])))).toBe('text');
  });

  it('refuses empty, binary, NUL-heavy and legacy-encoded files with a typed error', async () => {
    expect(await reason(sniffFormat(new Uint8Array()))).toBe('empty');
    expect(await reason(sniffFormat(randomBytes(4096)))).toBe('not-text');
    expect(await reason(sniffFormat(utf8('abc\u0000def\u0000ghi')))).toBe('not-text');
    // "Kế hoạch" in TCVN3/windows-1258-like single bytes is not valid UTF-8.
    expect(await reason(sniffFormat(new Uint8Array([0x4b, 0xd5, 0x20, 0x68, 0x6f, 0xb9, 0x63, 0x68])))).toBe(
      'not-text',
    );
  });

  it('names what an unsupported file is', async () => {
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, ...randomBytes(64)]);
    await expect(sniffFormat(jpeg, 'scan.jpg')).rejects.toThrow(/image\/jpeg.*OCR/);
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...randomBytes(504)]);
    // OLE2 magic with a garbage directory: a damaged legacy Office file, named as such (not a crash).
    await expect(sniffFormat(ole, 'kh.doc')).rejects.toThrow(/damaged or truncated OLE2/);
    expect(await sniffFormat(utf8('{\\rtf1\\ansi Kế hoạch}'))).toBe('rtf');
    const xlsx = buildZip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'xl/workbook.xml', data: '<w/>' },
    ]);
    await expect(sniffFormat(xlsx)).rejects.toThrow(/Excel/);
    const odt = buildZip([
      { name: 'mimetype', data: 'application/vnd.oasis.opendocument.text' },
      { name: 'content.xml', data: '<c/>' },
    ]);
    await expect(sniffFormat(odt)).rejects.toThrow(/OpenDocument/);
    const plainZip = buildZip([{ name: 'notes.txt', data: 'hello' }]);
    expect(await reason(sniffFormat(plainZip))).toBe('unsupported-format');
  });

  it('a truncated ZIP is a corrupt file, not a crash', async () => {
    const docx = readFixture('corpus-B03-docx');
    expect(await reason(sniffFormat(docx.subarray(0, 2000)))).toBe('corrupt-file');
  });
});

describe('ingest never crashes on hostile input', () => {
  const hostile: [string, Uint8Array][] = [
    ['empty', new Uint8Array()],
    ['random bytes', randomBytes(10_000, 7)],
    ['zip header only', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0])],
    ['pdf header and garbage', utf8('%PDF-1.4\n%garbage\n1 0 obj << /Type /Catalog >>\n')],
    ['truncated docx', new Uint8Array(readFixture('corpus-B04-docx').subarray(0, 20_000))],
  ];
  for (const [name, bytes] of hostile) {
    it(`${name}: typed UnreadableDocumentError`, async () => {
      const r = await reason(ingest(bytes, { fileName: 'x.pdf' }));
      expect(r).not.toBe('resolved');
    });
  }
});
