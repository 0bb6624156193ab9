// The hostile inputs of issue 12, each generated here (nothing large is committed) and run through extract()
// with the readers' own limits, with the answer it must get: a typed refusal naming the limit, or a
// schema-valid extraction. Corrupt is never reported as a bomb.

import CFB from 'cfb';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { ExtractionSchema } from '../../src/contract/schema.js';
import { UnreadableDocumentError } from '../../src/errors.js';
import { flipBytes } from '../../src/fuzz/mutate.js';
import { rng } from '../../src/fuzz/rng.js';
import { readZip, writeZip } from '../../src/fuzz/zip.js';
import { MAX_TABLE_CELLS } from '../../src/ingest/html.js';
import { DOCX_LIMITS } from '../../src/ingest/zip.js';
import { extract } from '../../src/pipeline.js';
import { readFixture } from '../helpers/fixtures.js';
import { buildDocx, buildZip, wPara } from '../ingest/zip-builder.js';

type Answer = { reason: string; message: string } | 'extracted';

async function answer(bytes: Uint8Array, fileName?: string): Promise<Answer> {
  try {
    const { extraction } = await extract({ bytes, fileName: fileName ?? null });
    expect(ExtractionSchema.safeParse(extraction).success).toBe(true);
    return 'extracted';
  } catch (err) {
    if (!(err instanceof UnreadableDocumentError)) throw err;
    return { reason: err.reason, message: err.message };
  }
}

const reasonOf = (a: Answer) => (a === 'extracted' ? a : a.reason);
const utf8 = (s: string) => new TextEncoder().encode(s);

const RELS_TO = (target: string) => `<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="${target}"/>
</Relationships>`;
const TYPES_FOR = (part: string) => `<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/${part}" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>`;
const documentXml = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`;

/** A DOCX whose main part has another name; mammoth finds it through _rels/.rels. */
function renamedMainDocx(part: string, body: string, decoy = false): Uint8Array {
  return buildZip([
    { name: '[Content_Types].xml', data: TYPES_FOR(part) },
    { name: '_rels/.rels', data: RELS_TO(part) },
    { name: part, data: documentXml(body) },
    ...(decoy ? [{ name: 'word/document.xml', data: documentXml(wPara('decoy')) }] : []),
  ]);
}

describe('poison documents inside the byte limits (issue 12)', () => {
  it('a 1.6 MB HTML table whose colspan/rowspan grow hundreds of millions of cells: resource-limit', async () => {
    const row = `<tr>${'<td colspan="100" rowspan="65534">x</td>'.repeat(40)}</tr>`;
    const html = `<!DOCTYPE html><html><body><table>${row.repeat(Math.floor(1_600_000 / row.length))}</table></body></html>`;
    expect(html.length).toBeGreaterThan(1_500_000);
    const a = await answer(utf8(html), 'grid.html');
    expect(reasonOf(a)).toBe('resource-limit');
    expect(a !== 'extracted' && a.message).toContain(`${MAX_TABLE_CELLS.toLocaleString('en')} cells`);
  }, 120_000);

  it('a table of one wide row and many short rows (padding is growth too): resource-limit', async () => {
    const wide = `<tr>${'<td colspan="100">w</td>'.repeat(100)}</tr>`;
    const html = `<html><body><table>${wide}${'<tr><td>x</td></tr>'.repeat(30_000)}</table></body></html>`;
    expect(reasonOf(await answer(utf8(html)))).toBe('resource-limit');
  }, 120_000);

  it('an ordinary merged-cell table is still read', async () => {
    const html =
      '<html><body><p>KẾ HOẠCH</p><table><tr><td rowspan="2">STT</td><td colspan="2">Kinh phí</td></tr><tr><td>2025</td><td>2026</td></tr></table></body></html>';
    expect(await answer(utf8(html))).toBe('extracted');
  });

  it('a small DOCX whose word/document.xml inflates to 39 MB: zip-bomb, before mammoth', async () => {
    const para = wPara('Nội dung kế hoạch lặp lại nhiều lần để phình to tài liệu. ');
    const docx = buildDocx(para.repeat(Math.ceil((39 * 1024 * 1024) / para.length)));
    expect(docx.length).toBeLessThan(1_000_000);
    const a = await answer(docx, 'bomb.docx');
    expect(reasonOf(a)).toBe('zip-bomb');
    expect(a !== 'extracted' && a.message).toMatch(/24\.0 MB/);
  }, 120_000);

  it('a DOCX whose 39 MB main part is renamed (found through _rels/.rels) is counted all the same: zip-bomb', async () => {
    const para = wPara('x'.repeat(200));
    const docx = renamedMainDocx('word/main.bin', para.repeat(Math.ceil((39 * 1024 * 1024) / para.length)), true);
    expect(reasonOf(await answer(docx, 'renamed.docx'))).toBe('zip-bomb');
  }, 120_000);

  it('a DOCX whose renamed main part is small is read from that part (not from a decoy)', async () => {
    const docx = renamedMainDocx('word/document2.xml', wPara('KẾ HOẠCH Phát triển kinh tế số'));
    const { extraction, text } = await extract({ bytes: docx });
    expect(extraction.document.format).toBe('docx');
    expect(text).toContain('KẾ HOẠCH');
  });

  it('a DOCX of 450,000 tiny elements (small in bytes): resource-limit naming the element budget', async () => {
    const docx = buildDocx('<w:p/>'.repeat(450_000));
    const a = await answer(docx);
    expect(reasonOf(a)).toBe('resource-limit');
    expect(a !== 'extracted' && a.message).toContain(DOCX_LIMITS.maxXmlElements.toLocaleString('en'));
  }, 120_000);

  it('a header part reached only through the document relationships is counted: zip-bomb', async () => {
    const rels = `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="h1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="media/h.dat"/></Relationships>`;
    const docx = buildDocx(wPara('x'), [
      { name: 'word/_rels/document.xml.rels', data: rels },
      { name: 'word/media/h.dat', data: Buffer.alloc(30 * 1024 * 1024, 0x3c) },
    ]);
    expect(reasonOf(await answer(docx))).toBe('zip-bomb');
  }, 120_000);
});

describe('lying ZIP headers are detected before inflating; corrupt is not a bomb', () => {
  const base = () => readZip(buildDocx(wPara('KẾ HOẠCH')))!;

  it('local header size ≠ central directory size: corrupt-file naming the mismatch', async () => {
    const es = base().map((e) => (e.name === 'word/document.xml' ? { ...e, localDeclaredSize: 3 } : e));
    const a = await answer(writeZip(es));
    expect(reasonOf(a)).toBe('corrupt-file');
    expect(a !== 'extracted' && a.message).toMatch(/local header disagrees with the central directory/);
  });

  it('both headers declaring 2 GB for 10 bytes: corrupt-file (a lie, not a bomb)', async () => {
    const es = base().map((e) => (e.name === 'word/document.xml' ? { ...e, declaredSize: 2_000_000_000 } : e));
    expect(reasonOf(await answer(writeZip(es)))).toBe('corrupt-file');
  });

  it('entries sharing one compressed stream (the overlapping-entry bomb): zip-bomb', async () => {
    const zip = Buffer.from(writeZip(base()));
    // Point every central entry after the first at the first entry's local header.
    const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    let p = zip.readUInt32LE(eocd + 16);
    const first = zip.readUInt32LE(p + 42);
    const csize = zip.readUInt32LE(p + 20);
    const crc = zip.readUInt32LE(p + 16);
    const usize = zip.readUInt32LE(p + 24);
    const method = zip.readUInt16LE(p + 10);
    for (let i = 0; i < zip.readUInt16LE(eocd + 10); i++) {
      const n = zip.readUInt16LE(p + 28);
      if (i > 0) {
        zip.writeUInt32LE(first, p + 42);
        zip.writeUInt32LE(csize, p + 20);
        zip.writeUInt32LE(crc, p + 16);
        zip.writeUInt32LE(usize, p + 24);
        zip.writeUInt16LE(method, p + 10);
        zip.writeUInt16LE(zip.readUInt16LE(p + 8) & ~0x800, p + 8);
      }
      p += 46 + n + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
    }
    expect(reasonOf(await answer(new Uint8Array(zip), 'overlap.docx'))).toMatch(/zip-bomb|corrupt-file/);
  });

  it('a damaged deflate stream or CRC: corrupt-file', async () => {
    const es = base();
    const zip = Buffer.from(writeZip(es));
    const at = zip.indexOf(Buffer.from('word/document.xml')) + 'word/document.xml'.length + 5;
    zip[at] = (zip[at] ?? 0) ^ 0xff;
    expect(reasonOf(await answer(new Uint8Array(zip)))).toBe('corrupt-file');
  });

  it('real corpus DOCX files with random byte flips are never reported as a zip bomb', async () => {
    const reasons = new Map<string, number>();
    for (const name of ['corpus-B03-docx', 'corpus-B05-docx']) {
      const bytes = readFixture(name);
      for (let seed = 1; seed <= 25; seed++) {
        const r = reasonOf(await answer(flipBytes(bytes, rng(seed), 6)));
        reasons.set(r, (reasons.get(r) ?? 0) + 1);
      }
    }
    expect([...reasons.keys()].filter((r) => r !== 'extracted' && r !== 'corrupt-file')).toEqual([]);
  }, 300_000);
});

describe('adversarial plain text completes with a schema-valid extraction', () => {
  it.each([
    ['a 400 KB line of "Chỉ tiêu: đạt 90% vào năm 2025 và "', 'Chỉ tiêu: đạt 90% vào năm 2025 và ', 400_000],
    ['1 MB of "1. "', '1. ', 1_000_000],
    ['1 MB of "1,5 "', '1,5 ', 1_000_000],
    ['1 MB pipe table', '|\n1\n|\nSở Y tế\n|\n90%\n|\n', 1_000_000],
  ])(
    '%s',
    async (_, unit, size) => {
      const text = unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
      expect(await answer(utf8(text))).toBe('extracted');
    },
    300_000,
  );

  it('HTML nested 100,000 deep: corrupt-file (too deep to read), not a crash', async () => {
    const html = `<html><body>${'<div>'.repeat(100_000)}x</body></html>`;
    expect(reasonOf(await answer(utf8(html)))).toMatch(/extracted|corrupt-file/);
  }, 120_000);

  it('XXE and billion laughs in a DOCX: no entity is expanded, no file read', async () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY x SYSTEM "file:///etc/passwd">]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${wPara('&c;&x;')}</w:body></w:document>`;
    const docx = buildZip([
      { name: '[Content_Types].xml', data: TYPES_FOR('word/document.xml') },
      { name: '_rels/.rels', data: RELS_TO('word/document.xml') },
      { name: 'word/document.xml', data: xxe },
    ]);
    const a = await answer(docx);
    if (a === 'extracted') {
      const { text } = await extract({ bytes: docx });
      expect(text).not.toContain('root:');
    } else expect(a.reason).toBe('corrupt-file');
  });
});

/** An image-only PDF of `pages` pages all showing one JPEG (the header of the seed-004 scan), as a scanner's
 * "scan to PDF" writes them: the image is stored once, so 2,000 pages cost a few hundred kilobytes. */
async function scanPdf(pages: number): Promise<Uint8Array> {
  const { data: jpeg, info } = await sharp(readFixture('seed-004-scan-tiff'), { page: 0 })
    .extract({ left: 0, top: 120, width: 2480, height: 700 })
    .resize({ width: 827 })
    .greyscale()
    .jpeg({ quality: 60 })
    .toBuffer({ resolveWithObject: true });
  const [pw, ph] = [(info.width * 72) / 100, (info.height * 72) / 100].map((n) => n.toFixed(2));
  const content = `q ${pw} 0 0 ${ph} 0 0 cm /Im0 Do Q`;
  const objs: Buffer[] = [
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'),
    Buffer.from(
      `<< /Type /Pages /Kids [${Array.from({ length: pages }, (_, i) => `${i + 5} 0 R`).join(' ')}] /Count ${pages} >>`,
    ),
    Buffer.concat([
      Buffer.from(
        `<< /Type /XObject /Subtype /Image /Width ${info.width} /Height ${info.height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length ${jpeg.length} >>\nstream\n`,
      ),
      jpeg,
      Buffer.from('\nendstream'),
    ]),
    Buffer.from(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`),
    ...Array.from({ length: pages }, () =>
      Buffer.from(
        `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${pw} ${ph}] /Resources << /XObject << /Im0 3 0 R >> >> /Contents 4 0 R >>`,
      ),
    ),
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n')];
  let size = parts[0]?.length ?? 0;
  const offsets: number[] = [];
  for (const [i, o] of objs.entries()) {
    offsets.push(size);
    const obj = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), o, Buffer.from('\nendobj\n')]);
    parts.push(obj);
    size += obj.length;
  }
  const xref = [
    `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`,
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`),
  ];
  parts.push(
    Buffer.from(`${xref.join('')}trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${size}\n%%EOF\n`),
  );
  return new Uint8Array(Buffer.concat(parts));
}

describe('scans and Word files that are not what they claim (issue 7, point 5)', () => {
  // The 30,000 × 30,000 image (too-large, refused from its header) and the corrupt TIFF (corrupt-file) are in
  // test/ingest/ocr.test.ts; the page cap and time budget of OCR itself too.
  it('a 2,000-page scan: the pages beyond the reader cap and the OCR budget are named, within the budget', async () => {
    const pdf = await scanPdf(2000);
    expect(pdf.length).toBeLessThan(1_000_000);
    const t0 = Date.now();
    const { extraction } = await extract({ bytes: pdf, fileName: 'scan.pdf', ocr: { timeBudgetMs: 15_000 } });
    const seconds = (Date.now() - t0) / 1000;
    expect(ExtractionSchema.safeParse(extraction).success).toBe(true);
    const message = (code: string) => extraction.diagnostics.find((d) => d.code === code)?.message ?? '';
    expect(message('pages-truncated')).toMatch(/first 300 of 2000 pages/);
    expect(message('ocr-truncated')).toMatch(
      /of 300 scanned page\(s\) were read by OCR \((?:the OCR time budget of 15 s ran out|at most 50 pages)/,
    );
    // OCR stops at its budget; reading 2,000 page objects and rendering the last page started cost the rest.
    expect(seconds).toBeLessThan(120);
  }, 300_000);

  const cfbWith = (stream: string) => {
    const c = CFB.utils.cfb_new();
    CFB.utils.cfb_add(c, stream, Buffer.alloc(600, 1));
    return new Uint8Array(CFB.write(c, { type: 'buffer' }) as Buffer);
  };
  it.each([
    [
      'a Windows program',
      new Uint8Array([0x4d, 0x5a, 0x90, 0, ...new Array(500).fill(1)]),
      'unsupported-format',
      /application\/x-msdownload/,
    ],
    ['an Excel 97-2003 workbook', cfbWith('Workbook'), 'unsupported-format', /Excel 97-2003 workbook/],
    [
      'an OLE file without a Word stream',
      cfbWith('Something'),
      'corrupt-file|unsupported-format',
      /no Word document in it/,
    ],
    [
      'a damaged ZIP',
      new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new Array(100).fill(0)]),
      'corrupt-file',
      /Not a readable ZIP/,
    ],
    [
      'random bytes',
      new Uint8Array(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 251)),
      'not-text',
      /neither PDF, DOCX/,
    ],
  ])('a .doc that is really %s: %s with a specific message', async (_, bytes, reason, message) => {
    const a = await answer(bytes, 'plan.doc');
    expect(reasonOf(a)).toMatch(new RegExp(`^(?:${reason})$`));
    expect(a !== 'extracted' && a.message).toMatch(message);
  });
});
