import { describe, expect, it } from 'vitest';
import type { ParagraphBlock, TableBlock } from '../../src/doc/types.js';
import { UnreadableDocumentError } from '../../src/errors.js';
import { readDocx } from '../../src/ingest/docx.js';
import { ingest } from '../../src/ingest/index.js';
import { DOCX_LIMITS } from '../../src/ingest/zip.js';
import { readFixture } from '../helpers/fixtures.js';
import { buildDocx, buildZip, CONTENT_TYPES, RELS, wPara } from './zip-builder.js';

async function reason(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(UnreadableDocumentError);
    return (err as UnreadableDocumentError).reason;
  }
  return 'resolved';
}

const tablesOf = (blocks: { type: string }[]) => blocks.filter((b): b is TableBlock => b.type === 'table');
const textOf = (blocks: { type: string }[]) =>
  blocks
    .filter((b): b is ParagraphBlock => b.type === 'paragraph')
    .map((b) => b.text)
    .join('\n');

describe('readDocx on the real corpus', () => {
  it.each([
    ['corpus-B03-docx', 'NÂNG CAO', 2],
    ['corpus-B04-docx', 'chuyển đổi số', 2],
    ['corpus-B05-docx', 'khoáng sản', 3],
  ])('%s: Word tables come out as TableBlocks, text as paragraphs', async (name, phrase, minTables) => {
    const tree = await ingest(readFixture(name));
    expect(tree.format).toBe('docx');
    expect(tree.pages).toBeNull();
    const tables = tablesOf(tree.blocks);
    expect(tables.length).toBeGreaterThanOrEqual(minTables);
    expect(tables.every((t) => t.origin === 'docx' && t.rows.every((r) => r.length === t.rows[0]!.length))).toBe(true);
    const text = textOf(tree.blocks);
    expect(text).toMatch(/KẾ HOẠCH/);
    expect(text.toLowerCase()).toContain(phrase.toLowerCase());
    // The national motto lives in the header layout table, not in the paragraphs.
    expect(tables.some((t) => t.rows.flat().some((c) => c.includes('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')))).toBe(true);
    expect(tree.messages.every((m) => m.code === 'reader-message' && m.severity === 'info')).toBe(true);
  });

  it('B05: the task table keeps its header and numbered rows', async () => {
    const tree = await ingest(readFixture('corpus-B05-docx'));
    const task = tablesOf(tree.blocks).find((t) => t.rows[0]?.[0] === 'TT');
    expect(task?.rows[0]).toContain('Tên nhiệm vụ');
    expect(task!.rows.length).toBeGreaterThan(10);
  });
});

describe('readDocx on built documents', () => {
  it('merged cells (gridSpan, vMerge) are repeated; paragraphs keep their order', async () => {
    const cell = (text: string, props = '') => `<w:tc><w:tcPr>${props}</w:tcPr>${wPara(text)}</w:tc>`;
    const table = `<w:tbl>
      <w:tr>${cell('STT', '<w:vMerge w:val="restart"/>')}${cell('Kinh phí', '<w:gridSpan w:val="2"/>')}</w:tr>
      <w:tr>${cell('', '<w:vMerge/>')}${cell('2024')}${cell('2025')}</w:tr>
    </w:tbl>`;
    const tree = await readDocx(buildDocx(`${wPara('KẾ HOẠCH')}${table}${wPara('Nơi nhận:')}`));
    expect(tree.blocks.map((b) => b.type)).toEqual(['paragraph', 'table', 'paragraph']);
    expect(tablesOf(tree.blocks)[0]?.rows).toEqual([
      ['STT', 'Kinh phí', 'Kinh phí'],
      ['STT', '2024', '2025'],
    ]);
  });

  it('an entry declaring 2 GB that holds 10 bytes is a lying header: corrupt, not a bomb', async () => {
    const liar = buildDocx(wPara('x'), [{ name: 'word/bomb.xml', data: ' '.repeat(10), declaredSize: 2_000_000_000 }]);
    expect(await reason(ingest(liar))).toBe('corrupt-file');
  });

  it('refuses a real high-ratio bomb (60 MB of spaces in a few KB)', async () => {
    const payload = Buffer.alloc(60 * 1024 * 1024, 0x20);
    const bomb = buildDocx(wPara('x'), [{ name: 'word/header1.xml', data: payload }]);
    expect(bomb.length).toBeLessThan(200_000);
    expect(await reason(ingest(bomb))).toBe('zip-bomb');
  });

  it('refuses an entry that lies about its size (declares little, inflates to more): corrupt', async () => {
    const liar = buildDocx(wPara('x'), [{ name: 'word/styles.xml', data: ' '.repeat(3_000_000), declaredSize: 1000 }]);
    expect(await reason(readDocx(liar))).toBe('corrupt-file');
  });

  it('an entry declaring 1 KB that inflates past the XML budget is stopped there as a bomb', async () => {
    const liar = buildDocx(wPara('x'), [
      { name: 'word/styles.xml', data: Buffer.alloc(DOCX_LIMITS.maxXmlUncompressed + 1024, 0x20), declaredSize: 1000 },
    ]);
    expect(await reason(readDocx(liar))).toBe('zip-bomb');
  });

  it('refuses an archive with too many entries', async () => {
    const many = Array.from({ length: 50 }, (_, i) => ({ name: `word/p${i}.xml`, data: '<x/>' }));
    expect(await reason(readDocx(buildDocx(wPara('x'), many), { ...DOCX_LIMITS, maxEntries: 20 }))).toBe('zip-bomb');
  });

  it('a document part cut short (its root never closed) is corrupt, refused before mammoth parses it', async () => {
    // xmldom takes an element whose end tag appears nowhere later as self-closed: the root ended at once and
    // every paragraph after it was appended to the document node with a check of all the ones before
    // (quadratic: a truncated 380 KB part, saved by npm run fuzz, took 13 s of CPU).
    const paragraphs = Array.from({ length: 3000 }, (_, i) => wPara(`Đoạn ${i}`)).join('');
    const cut = buildZip([
      { name: '[Content_Types].xml', data: CONTENT_TYPES },
      { name: '_rels/.rels', data: RELS },
      {
        name: 'word/document.xml',
        data: `<?xml version="1.0" encoding="UTF-8"?>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paragraphs}<w:p><w:r><w:t`,
      },
    ]);
    const err = await readDocx(cut).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnreadableDocumentError);
    expect((err as UnreadableDocumentError).reason).toBe('corrupt-file');
    expect((err as Error).message).toMatch(/word\/document\.xml is not well-formed: its <w:t> tag is cut short/);
  });

  it('a part whose tags do not balance is corrupt: a stray or mismatched end tag, a second root', async () => {
    // xmldom recovers from each by closing elements early, and everything after the root then goes through the
    // same quadratic append (four DOCX saved by npm run fuzz with their body repeated after </w:document>).
    const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
    const body = Array.from({ length: 200 }, (_, i) => wPara(`Đoạn ${i}`)).join('');
    const cases: Array<[string, RegExp]> = [
      [`<w:document ${W}><w:body>${body}</w:r></w:body></w:document>`, /<\/w:r> closes <w:body>/],
      [
        `<w:document ${W}><w:body>${body}</w:body></w:document><w:document ${W}><w:body>${body}</w:body></w:document>`,
        /a second root <w:document>/,
      ],
      [`<w:document ${W}><w:body>${body}</w:body></w:document></w:body>`, /<\/w:body> closes nothing/],
    ];
    for (const [xml, why] of cases) {
      const docx = buildZip([
        { name: '[Content_Types].xml', data: CONTENT_TYPES },
        { name: '_rels/.rels', data: RELS },
        { name: 'word/document.xml', data: `<?xml version="1.0" encoding="UTF-8"?>\n${xml}` },
      ]);
      const err = await readDocx(docx).catch((e: unknown) => e);
      expect((err as UnreadableDocumentError).reason, xml.slice(-60)).toBe('corrupt-file');
      expect((err as Error).message).toMatch(why);
    }
    // Quotes may hold ">" and "/" inside a tag; comments and CDATA may hold anything.
    const fine = `<w:document ${W}><!-- </w:body> --><w:body>${wPara('KẾ HOẠCH')}<w:p w:x="a>/b"/><![CDATA[</x>]]></w:body></w:document>`;
    const tree = await readDocx(
      buildZip([
        { name: '[Content_Types].xml', data: CONTENT_TYPES },
        { name: '_rels/.rels', data: RELS },
        { name: 'word/document.xml', data: fine },
      ]),
    );
    expect(tree.blocks.some((b) => b.type === 'paragraph' && b.text === 'KẾ HOẠCH')).toBe(true);
  });

  it('a part nobody parses may be cut short; the document still reads', async () => {
    const tree = await readDocx(buildDocx(wPara('KẾ HOẠCH'), [{ name: 'customXml/item1.xml', data: '<a><b' }]));
    expect(tree.blocks.some((b) => b.type === 'paragraph' && b.text === 'KẾ HOẠCH')).toBe(true);
  });

  it('a ZIP with word/document.xml that is not XML fails typed', async () => {
    const broken = buildZip([{ name: 'word/document.xml', data: '<<<not xml' }]);
    expect(await reason(ingest(broken))).toBe('corrupt-file');
  });
});
