import { describe, expect, it } from 'vitest';
import type { Block, TableBlock } from '../../src/doc/types.js';
import { UnreadableDocumentError } from '../../src/errors.js';
import { MAX_HTML_BYTES, readHtml } from '../../src/ingest/html.js';

const read = (html: string) => readHtml(new TextEncoder().encode(html)).blocks;
const paras = (blocks: Block[]) => blocks.flatMap((b) => (b.type === 'paragraph' ? [b.text] : []));
const tables = (blocks: Block[]) => blocks.filter((b): b is TableBlock => b.type === 'table');

describe('readHtml', () => {
  it('block elements become paragraphs; <br> splits; inline markup joins; whitespace collapses', () => {
    const blocks = read(
      '<html><body><p>KẾ   HOẠCH<br>Số: 12/KH-UBND</p><div>Thực <b>hiện</b>\n   <i>Quyết định</i></div><p>&nbsp;</p></body></html>',
    );
    expect(paras(blocks)).toEqual(['KẾ HOẠCH', 'Số: 12/KH-UBND', 'Thực hiện Quyết định']);
  });

  it('h1–h6 carry the heading hint; other blocks do not', () => {
    const blocks = read('<h2>I. MỤC ĐÍCH</h2><p>1. Mục đích</p>');
    expect(blocks).toEqual([
      { type: 'paragraph', text: 'I. MỤC ĐÍCH', heading: true },
      { type: 'paragraph', text: '1. Mục đích' },
    ]);
  });

  it('drops script, style and head content; decodes entities', () => {
    const blocks = read(
      '<head><title>t</title><style>p{}</style></head><body><script>alert("x")</script><p>Sở&nbsp;Tài&#32;chính &amp; Sở KH&ĐT &lt;b&gt;</p></body>',
    );
    expect(paras(blocks)).toEqual(['Sở Tài chính & Sở KH&ĐT <b>']);
  });

  it('restores list labels that Word numbering leaves out of the text', () => {
    const blocks = read(
      '<ol><li><p>Mục tiêu</p></li><li>Nhiệm vụ</li></ol><ul><li>Sở Y tế</li></ul><ol type="a"><li>x</li></ol>',
    );
    expect(paras(blocks)).toEqual(['1. Mục tiêu', '2. Nhiệm vụ', '- Sở Y tế', 'a) x']);
  });

  it('keeps the lines of <pre>', () => {
    expect(paras(read('<pre>\tỦY BAN\nSTT\n|\n</pre>'))).toEqual(['\tỦY BAN', 'STT', '|']);
  });

  it('passes blank lines on as blank paragraphs, as plain text does (empty <p>, "&nbsp;", <br><br>, <pre>)', () => {
    const blocks = read(
      '<p>&nbsp;</p><p>I. MỤC ĐÍCH</p><p>&nbsp;</p><p>1. Mục đích</p><p></p><p>Nâng cao<br><br>chất lượng<br>&nbsp;<br>trẻ em</p>' +
        '<div><p>a</p><p>b</p></div><pre>STT\n\nTên\n  \n|\n</pre><p><br></p>',
    );
    expect(paras(blocks)).toEqual([
      'I. MỤC ĐÍCH',
      '',
      '1. Mục đích',
      '',
      'Nâng cao',
      '',
      'chất lượng',
      '',
      'trẻ em',
      // Nested blocks and a single <br> are no blank lines; nor is the end of a <pre> or of the document.
      'a',
      'b',
      'STT',
      '',
      'Tên',
      '',
      '|',
    ]);
    // A blank line inside a table cell is not a paragraph break of the document.
    const [t] = tables(read('<table><tr><td>a<br><br>b</td></tr></table>'));
    expect(t?.rows).toEqual([['a\nb']]);
  });

  it('tables: cells with line breaks, colspan and rowspan repeated into the positions they cover', () => {
    const [t] = tables(
      read(`<table>
        <tr><th rowspan="2">STT</th><th colspan="2">Kinh phí (triệu đồng)</th></tr>
        <tr><th>2024</th><th>2025</th></tr>
        <tr><td>1</td><td>100</td><td rowspan="2">50<br>(dự kiến)</td></tr>
        <tr><td>2</td><td>200</td></tr>
      </table>`),
    );
    expect(t?.origin).toBe('html');
    expect(t?.rows).toEqual([
      ['STT', 'Kinh phí (triệu đồng)', 'Kinh phí (triệu đồng)'],
      ['STT', '2024', '2025'],
      ['1', '100', '50\n(dự kiến)'],
      ['2', '200', '50\n(dự kiến)'],
    ]);
  });

  it('pads ragged rows, drops empty rows, flattens a nested table into its cell, clamps huge spans', () => {
    const [t, ...rest] = tables(
      read(`<table><tr><td>a</td></tr><tr><td></td><td></td></tr><tr><td>b</td><td>c</td><td>d</td></tr>
        <tr><td><table><tr><td>x</td><td>y</td></tr></table></td><td colspan="100000">z</td></tr></table>`),
    );
    expect(rest).toHaveLength(0);
    expect(t?.rows[0]).toEqual(['a', ...Array(t!.rows[0]!.length - 1).fill('')]);
    expect(t?.rows[1]?.slice(0, 3)).toEqual(['b', 'c', 'd']);
    expect(t?.rows[2]?.[0]).toBe('x y');
    expect(t!.rows[2]!.length).toBeLessThanOrEqual(101);
  });

  it('text around a table keeps its order', () => {
    const blocks = read('<p>trước</p><table><tr><td>1</td><td>2</td></tr></table><p>sau</p>');
    expect(blocks.map((b) => b.type)).toEqual(['paragraph', 'table', 'paragraph']);
  });

  it('honours a declared charset', () => {
    const bytes = Buffer.concat([
      Buffer.from('<html><head><meta charset="windows-1252"></head><body><p>caf'),
      Buffer.from([0xe9]),
      Buffer.from('</p></body></html>'),
    ]);
    expect(paras(readHtml(new Uint8Array(bytes)).blocks)).toEqual(['café']);
  });

  it('refuses HTML over the size limit', () => {
    const big = new Uint8Array(MAX_HTML_BYTES + 1).fill(0x61);
    expect(() => readHtml(big)).toThrow(UnreadableDocumentError);
  });

  it('survives nested and unclosed markup', () => {
    const deep = `${'<div>'.repeat(500)}sâu${'</div>'.repeat(10)}<p>tiếp<table><tr><td>x`;
    expect(paras(read(deep))).toContain('sâu');
  });

  it('refuses pathological nesting with a typed error instead of a stack overflow', () => {
    expect(() => read(`${'<div>'.repeat(100_000)}x`)).toThrow(UnreadableDocumentError);
  });
});
