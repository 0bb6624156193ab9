// Legacy Word .doc, legacy Vietnamese encodings, the text-quality gate and honest status (issue 7).
import { readFileSync } from 'node:fs';
import CFB from 'cfb';
import { describe, expect, it } from 'vitest';
import type { Extraction } from '../../src/contract/schema.js';
import type { DocTree } from '../../src/doc/types.js';
import { UnreadableDocumentError } from '../../src/errors.js';
import { readDoc } from '../../src/ingest/doc.js';
import { readDocx } from '../../src/ingest/docx.js';
import { readHtml } from '../../src/ingest/html.js';
import { encodeLegacy, win1252Bytes } from '../../src/ingest/legacy/convert.js';
import { readRtf } from '../../src/ingest/rtf.js';
import { sniffFormat } from '../../src/ingest/sniff.js';
import { readText } from '../../src/ingest/text.js';
import { normalise } from '../../src/normalise/index.js';
import { extract, extractFromDoc } from '../../src/pipeline.js';
import { readFixture } from '../helpers/fixtures.js';

const paragraphs = (t: DocTree) => t.blocks.flatMap((b) => (b.type === 'paragraph' ? [b.text] : b.rows.flat()));
const legacyMessages = (t: DocTree) => t.messages.filter((m) => m.code === 'legacy-encoding');

function highValues(e: Extraction): string[] {
  const out: string[] = [];
  const walk = (n: unknown, p: string) => {
    if (Array.isArray(n)) {
      for (const [i, v] of n.entries()) walk(v, `${p}/${i}`);
    } else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (o.confidence === 'high' && (!('value' in o) || o.value !== null)) out.push(p);
      for (const [k, v] of Object.entries(o)) if (k !== 'source') walk(v, `${p}/${k}`);
    }
  };
  walk(e, '');
  return out;
}

describe('legacy encodings convert back to the exact Unicode text', () => {
  for (const [fixture, seed, enc] of [
    ['seed-000-vni-text', 'seed-000', 'vni'],
    ['seed-004-vni-text', 'seed-004', 'vni'],
    ['seed-000-tcvn3-text', 'seed-000', 'tcvn3'],
  ] as const) {
    it(`${fixture} (plain text, bytes)`, () => {
      const tree = readText(readFixture(fixture));
      expect(paragraphs(tree)).toEqual(paragraphs(readText(readFixture(seed))));
      expect(legacyMessages(tree)[0]?.message).toContain(`(${enc})`);
    });
  }
  for (const [fixture, seed, enc] of [
    ['seed-003-tcvn3-docx', 'seed-003-docx', 'tcvn3'],
    ['seed-004-tcvn3-docx', 'seed-004-docx', 'tcvn3'],
    ['seed-000-vni-docx', 'seed-000-docx', 'vni'],
  ] as const) {
    it(`${fixture} (DOCX mixing Unicode runs with .VnTime/.VnTimeH or VNI-Times runs)`, async () => {
      const tree = await readDocx(readFixture(fixture));
      expect(paragraphs(tree)).toEqual(paragraphs(await readDocx(readFixture(seed))));
      const m = legacyMessages(tree);
      expect(m).toHaveLength(1);
      expect(m[0]?.message).toMatch(new RegExp(`\\(${enc}\\).*from the font of each run`));
    });
  }
  it('sniffs legacy-encoded bytes as text', async () => {
    expect(await sniffFormat(readFixture('seed-000-vni-text'))).toBe('text');
    expect(await sniffFormat(readFixture('seed-000-tcvn3-text'))).toBe('text');
  });
  it('VISCII and Windows-1258 text files, and a VNI web page', () => {
    const line = 'Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện Đề án chăm sóc trẻ em giai đoạn 2021 - 2025';
    for (const enc of ['viscii', 'cp1258'] as const) {
      const bytes = win1252Bytes(encodeLegacy(line, enc));
      expect(paragraphs(readText(bytes))).toEqual([line]);
    }
    const html = `<html><body><p>${encodeLegacy(line, 'vni')}</p><p>MUÏC TIEÂU</p></body></html>`;
    const tree = readHtml(win1252Bytes(html));
    expect(paragraphs(tree)).toEqual([line, 'MỤC TIÊU']);
  });
  it('never converts real Unicode Vietnamese, French or English', () => {
    for (const text of [
      readFileSync(new URL('../../fixtures/seed-003/input.txt', import.meta.url), 'utf8'),
      'Le préfet a été reçu à la mairie où l’on a présenté le rapport sur l’économie régionale.',
      'The committee approved the plan; see the annex for the budget table.',
      'Tên\nSố lượng\nGhi chú\nCộng',
    ]) {
      expect(legacyMessages(readText(Buffer.from(text, 'utf8')))).toEqual([]);
    }
    // Windows-1252 French is still not a Vietnamese legacy encoding: refused as before.
    expect(() => readText(Buffer.from('Le préfet a été reçu à la mairie où présenté', 'latin1'))).toThrow(
      UnreadableDocumentError,
    );
  });
});

describe('the text-quality gate', () => {
  it('a VNI text read WITHOUT conversion gives no high value, and says why', () => {
    const text = readFileSync(new URL('../../fixtures/seed-000/input.txt', import.meta.url), 'utf8');
    const mojibake = encodeLegacy(text, 'vni').split('\n');
    const tree: DocTree = {
      format: 'text',
      blocks: mojibake.map((t) => ({ type: 'paragraph', text: t })),
      pages: null,
      messages: [],
    };
    const e = extractFromDoc(normalise(tree, { sha256: '0'.repeat(64), fileName: null }));
    expect(highValues(e)).toEqual([]);
    expect(e.diagnostics.map((d) => d.code)).toContain('garbled-text');
  });
  it('a garbled heading in a clean plan is never high', async () => {
    const text = readFileSync(new URL('../../fixtures/seed-000/input.txt', import.meta.url), 'utf8');
    const garbled = text.replace('I. MỤC TIÊU', 'I. MUÏC TIEÂU');
    expect(garbled).not.toBe(text);
    // The garbled line alone is too little for the detector to convert; the gate must catch it.
    const { extraction } = await extract({ bytes: Buffer.from(garbled, 'utf8') });
    const section = extraction.sections.find((s) => s.title.includes('MUÏC'));
    expect(section?.confidence).toBe('low');
    expect(section?.flags).toContain('garbled-text');
  });
});

describe('honest status', () => {
  it('a document with nothing readable is one review item with a reason', async () => {
    const { extraction } = await extract({ bytes: Buffer.from('\n\n   \n', 'utf8') });
    expect(extraction.review.fields).toEqual(['/document']);
    const d = extraction.diagnostics.find((x) => x.code === 'no-readable-text');
    expect(d?.message).toMatch(/no text at all/);
  });
});

describe('legacy Word .doc: bad input', () => {
  const cfbWith = (stream: string, content = Buffer.alloc(600, 1)) => {
    const c = CFB.utils.cfb_new();
    CFB.utils.cfb_add(c, stream, content);
    return new Uint8Array(CFB.write(c, { type: 'buffer' }) as Buffer);
  };
  const reason = async (bytes: Uint8Array, name: string) => {
    try {
      await sniffFormat(bytes, name);
    } catch (err) {
      expect(err).toBeInstanceOf(UnreadableDocumentError);
      return `${(err as UnreadableDocumentError).reason}: ${(err as Error).message}`;
    }
    return 'accepted';
  };
  it('an Excel .xls named .doc', async () => {
    expect(await reason(cfbWith('Workbook'), 'plan.doc')).toMatch(/^unsupported-format: .*Excel 97-2003 workbook/);
  });
  it('an OLE file with no WordDocument stream', async () => {
    expect(await reason(cfbWith('Something'), 'plan.doc')).toMatch(/no Word document in it/);
  });
  it('a truncated .doc', async () => {
    const doc = readFixture('seed-000-doc');
    expect(await sniffFormat(doc)).toBe('doc');
    expect(await reason(doc.subarray(0, 3000), 'plan.doc')).toMatch(/^corrupt-file: .*damaged or truncated/);
    // Truncated after the directory: the container opens, the Word reader fails cleanly.
    await expect(readDoc(doc.subarray(0, Math.floor(doc.length * 0.6)))).rejects.toThrow(UnreadableDocumentError);
  });
  it('a PNG named .doc is read as what its bytes are: a scanned image (OCR), never as Word', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
    expect(await reason(png, 'plan.doc')).toBe('accepted');
    expect(await sniffFormat(png, 'plan.doc')).toBe('image');
  });
});

describe('RTF', () => {
  const rtf = (body: string) => Buffer.from(`{\\rtf1\\ansi\\ansicpg1252\\deff0${body}}`, 'latin1');
  it("reads \\uN with its fallback skipped, \\'xx in the code page, and skips the font table", () => {
    const tree = readRtf(
      rtf("{\\fonttbl{\\f0 Times New Roman;}}{\\*\\generator X;}\\f0 K\\u7871?\\'20ho\\u7841?ch\\par Caf\\'e9\\par"),
    );
    expect(paragraphs(tree)).toEqual(['Kế hoạch', 'Café']);
  });
  it('converts runs by their font (.VnTime, .VnTimeH) and rebuilds tables', () => {
    const tree = readRtf(
      rtf(
        "{\\fonttbl{\\f0 Times New Roman;}{\\f1 .VnTime;}{\\f2 .VnTimeH;}}\\f2 k\\'d5 ho\\'b9ch\\par\\f1 K\\'d5 ho\\'b9ch\\par" +
          '\\f0\\intbl A\\cell B\\cell\\row\\intbl 1\\cell 2\\cell\\row',
      ),
    );
    expect(tree.blocks).toEqual([
      { type: 'paragraph', text: 'KẾ HOẠCH' },
      { type: 'paragraph', text: 'Kế hoạch' },
      {
        type: 'table',
        origin: 'docx',
        rows: [
          ['A', 'B'],
          ['1', '2'],
        ],
      },
    ]);
    expect(legacyMessages(tree)[0]?.message).toContain('(tcvn3)');
  });
  it('refuses deep nesting with a typed error', () => {
    expect(() => readRtf(rtf('{'.repeat(5000)))).toThrow(UnreadableDocumentError);
  });
});
