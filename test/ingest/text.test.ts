import { describe, expect, it } from 'vitest';
import { UnreadableDocumentError } from '../../src/errors.js';
import { readText } from '../../src/ingest/text.js';

const texts = (bytes: Uint8Array) => readText(bytes).blocks.map((b) => (b.type === 'paragraph' ? b.text : '#table'));
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('readText', () => {
  it('one paragraph per raw line, whatever the line ending', () => {
    expect(texts(utf8('a\r\nb\rc\nd'))).toEqual(['a', 'b', 'c', 'd']);
  });

  it('keeps blank lines and pipe-only lines (the normaliser needs them)', () => {
    expect(texts(utf8('STT\n|\nNội dung\n|\n\nđoạn'))).toEqual(['STT', '|', 'Nội dung', '|', '', 'đoạn']);
  });

  it('strips a BOM and does not add an empty line for the final newline', () => {
    expect(texts(utf8('\uFEFFKẾ HOẠCH\n'))).toEqual(['KẾ HOẠCH']);
  });

  it('decodes UTF-16 with BOM', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Số: 5/KH-UBND\r\nHà Nội', 'utf16le')]);
    expect(texts(new Uint8Array(bytes))).toEqual(['Số: 5/KH-UBND', 'Hà Nội']);
  });

  it('keeps tabs (header blocks are tab-indented) and sets no page', () => {
    const tree = readText(utf8('\tỦY BAN NHÂN DÂN\tCỘNG HÒA'));
    expect(tree.blocks[0]).toEqual({ type: 'paragraph', text: '\tỦY BAN NHÂN DÂN\tCỘNG HÒA' });
    expect(tree.pages).toBeNull();
  });

  it('refuses invalid UTF-8 instead of producing mojibake', () => {
    expect(() => readText(new Uint8Array([0x4b, 0xd5, 0x20]))).toThrow(UnreadableDocumentError);
  });

  it('is linear on a long single line', () => {
    const t0 = performance.now();
    expect(texts(utf8('x'.repeat(200_000)))).toHaveLength(1);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});
