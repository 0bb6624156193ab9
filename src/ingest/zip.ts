// ZIP inspection done before any library that trusts the archive (mammoth has no decompression limit: a
// 138 KB DOCX bomb took 530 MB in it, and a 39 MB document.xml drove it past 4 GB).
//
// What is checked, and the answer:
// - the central directory is read with yauzl (nothing inflated); an unreadable one is `corrupt-file`;
// - every local header must agree with its central-directory entry (name, method, sizes, CRC): a header that
//   lies is `corrupt-file` — the file is malformed, whatever the intent — and entries whose data overlap
//   (the overlapping-entry bomb) are `zip-bomb`;
// - the parts mammoth will read are found the way mammoth finds them, from the package relationships
//   (`_rels/.rels` → main document part, its rels → styles, numbering, footnotes, headers …), plus every
//   `.xml`/`.rels` entry, whatever their names; they are inflated with a hard stop at the XML budget
//   (`zip-bomb` when it is crossed) and their elements counted (`resource-limit` past the element budget:
//   mammoth's memory grows with elements, ~1.5 KB each);
// - an inflated entry whose size or CRC differs from its header, or whose deflate stream is broken, is
//   `corrupt-file`: corrupt is not a bomb, only real expansion past a budget is.
import { crc32, inflateRawSync } from 'node:zlib';
import yauzl from 'yauzl';
import { UnreadableDocumentError } from '../errors.js';

export interface ZipEntryInfo {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
}

export interface ZipLimits {
  maxEntries: number;
  /** Sum of the inflated sizes of the parts mammoth parses (found by relationship or by name). */
  maxXmlUncompressed: number;
  /** XML elements (counted as "<") across those parts. */
  maxXmlElements: number;
}

export const DOCX_LIMITS: ZipLimits = {
  maxEntries: 5_000,
  // The largest real plan in the corpus has a 430 KB document.xml with 15,000 elements.
  maxXmlUncompressed: 24 * 1024 * 1024,
  maxXmlElements: 400_000,
};

interface CentralEntry {
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
  encrypted: boolean;
}

const corrupt = (message: string, cause?: unknown) =>
  new UnreadableDocumentError('corrupt-file', message, cause === undefined ? undefined : { cause });

function openZip(bytes: Uint8Array): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      { lazyEntries: true, validateEntrySizes: false, strictFileNames: false, decodeStrings: true },
      (err, zip) => {
        if (err || !zip) reject(corrupt(`Not a readable ZIP archive: ${err?.message ?? 'unknown error'}`, err));
        else resolve(zip);
      },
    );
  });
}

/** Reads the central directory (nothing is inflated). More than `maxEntries` readable entries is a bomb. */
async function readCentral(bytes: Uint8Array, maxEntries: number): Promise<CentralEntry[]> {
  const zip = await openZip(bytes);
  return new Promise((resolve, reject) => {
    const entries: CentralEntry[] = [];
    let done = false;
    const finish = (fn: () => void) => {
      if (done) return;
      done = true;
      zip.close();
      fn();
    };
    zip.on('entry', (e: yauzl.Entry) => {
      entries.push({
        name: e.fileName,
        flags: e.generalPurposeBitFlag,
        method: e.compressionMethod,
        crc: e.crc32,
        compressedSize: e.compressedSize,
        uncompressedSize: e.uncompressedSize,
        localOffset: e.relativeOffsetOfLocalHeader,
        encrypted: e.isEncrypted(),
      });
      // The count in the end record can be a corrupt number: only entries actually read are held against it.
      if (entries.length > maxEntries) {
        finish(() =>
          reject(
            new UnreadableDocumentError(
              'zip-bomb',
              `The archive holds more than ${maxEntries} entries (limit ${maxEntries} entries).`,
            ),
          ),
        );
        return;
      }
      zip.readEntry();
    });
    zip.on('end', () => finish(() => resolve(entries)));
    zip.on('error', (err: Error) => finish(() => reject(corrupt(`Corrupt ZIP archive: ${err.message}`, err))));
    zip.readEntry();
  });
}

/** Lists entries from the central directory, refusing archives with absurd entry counts. */
export async function listZipEntries(bytes: Uint8Array, maxEntries = DOCX_LIMITS.maxEntries): Promise<ZipEntryInfo[]> {
  return (await readCentral(bytes, maxEntries)).map((e) => ({
    name: e.name,
    compressedSize: e.compressedSize,
    uncompressedSize: e.uncompressedSize,
  }));
}

const LOCAL_SIG = 0x04034b50;
const DATA_DESCRIPTOR = 0x08;
const ZIP64 = 0xffffffff;

interface Located extends CentralEntry {
  dataStart: number;
}

/**
 * Local headers against the central directory, before anything is inflated. A ZIP reader may trust either one
 * (mammoth's JSZip reads both), so any disagreement is refused; data ranges that overlap are the
 * overlapping-entry bomb (one compressed stream counted thousands of times).
 */
function checkLocalHeaders(bytes: Uint8Array, entries: readonly CentralEntry[]): Located[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const located: Located[] = [];
  for (const e of entries) {
    if (e.name.endsWith('/')) continue;
    const o = e.localOffset;
    if (o + 30 > buf.length || buf.readUInt32LE(o) !== LOCAL_SIG) {
      throw corrupt(`ZIP entry ${e.name}: no local header where the central directory points (offset ${o}).`);
    }
    const method = buf.readUInt16LE(o + 8);
    const nameLength = buf.readUInt16LE(o + 26);
    const extraLength = buf.readUInt16LE(o + 28);
    const mismatch: string[] = [];
    if (method !== e.method) mismatch.push(`method ${method} ≠ ${e.method}`);
    const localName = buf.subarray(o + 30, o + 30 + nameLength);
    if ((e.flags & 0x800) !== 0 && !localName.equals(Buffer.from(e.name, 'utf8'))) mismatch.push('name');
    if ((e.flags & DATA_DESCRIPTOR) === 0) {
      const crc = buf.readUInt32LE(o + 14);
      const csize = buf.readUInt32LE(o + 18);
      const usize = buf.readUInt32LE(o + 22);
      if (crc !== e.crc) mismatch.push('CRC');
      if (csize !== ZIP64 && csize !== e.compressedSize)
        mismatch.push(`compressed size ${csize} ≠ ${e.compressedSize}`);
      if (usize !== ZIP64 && usize !== e.uncompressedSize) mismatch.push(`size ${usize} ≠ ${e.uncompressedSize}`);
    }
    if (mismatch.length > 0) {
      throw corrupt(
        `ZIP entry ${e.name}: the local header disagrees with the central directory (${mismatch.join(', ')}).`,
      );
    }
    const dataStart = o + 30 + nameLength + extraLength;
    if (dataStart + e.compressedSize > buf.length) {
      throw corrupt(`ZIP entry ${e.name} runs past the end of the file (truncated archive).`);
    }
    located.push({ ...e, dataStart });
  }
  const byOffset = [...located].sort((a, b) => a.localOffset - b.localOffset);
  for (let i = 1; i < byOffset.length; i++) {
    const prev = byOffset[i - 1] as Located;
    const cur = byOffset[i] as Located;
    if (cur.localOffset < prev.dataStart + prev.compressedSize) {
      throw new UnreadableDocumentError(
        'zip-bomb',
        `ZIP entries ${prev.name} and ${cur.name} share their data: refusing an overlapping-entry zip bomb.`,
      );
    }
  }
  return located;
}

/** Inflates one entry with a hard stop at `budget` bytes; null when the budget is crossed. */
function inflateEntry(bytes: Uint8Array, e: Located, budget: number): Buffer | null {
  if (e.encrypted) throw new UnreadableDocumentError('encrypted', `ZIP entry ${e.name} is encrypted.`);
  const packed = Buffer.from(bytes.buffer, bytes.byteOffset + e.dataStart, e.compressedSize);
  let data: Buffer;
  if (e.method === 0) {
    if (packed.length > budget) return null;
    data = packed;
  } else if (e.method === 8) {
    try {
      data = inflateRawSync(packed, { maxOutputLength: Math.max(1, budget + 1) });
    } catch (err) {
      if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) return null;
      throw corrupt(`ZIP entry ${e.name} does not inflate: ${(err as Error).message}`, err);
    }
    if (data.length > budget) return null;
  } else {
    throw corrupt(`ZIP entry ${e.name} uses compression method ${e.method} (only stored and deflate exist in DOCX).`);
  }
  if (data.length !== e.uncompressedSize) {
    throw corrupt(
      `ZIP entry ${e.name} declares ${e.uncompressedSize} bytes but inflates to ${data.length}: the header lies.`,
    );
  }
  if (crc32(data) >>> 0 !== e.crc >>> 0) throw corrupt(`ZIP entry ${e.name} fails its CRC check (damaged data).`);
  return data;
}

// ── package relationships (the way mammoth's docx-reader finds its parts) ─────────────────────────────

const REL_BASE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';
const STRICT_REL_BASE = 'http://purl.oclc.org/ooxml/officeDocument/relationships/';
/** Targets mammoth never parses (images are dropped without being read). */
const UNREAD_TYPES = /\/(?:image|hyperlink|oleObject|package|video|audio|media|attachedTemplate)$/;
const RELATIONSHIP_RE = /<(?:[\w.-]+:)?Relationship\b([^>]*)>/g;
const ATTR_RE = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

interface Relationship {
  type: string;
  target: string;
  external: boolean;
}

function readRelationships(xml: string): Relationship[] {
  const out: Relationship[] = [];
  for (const m of xml.matchAll(RELATIONSHIP_RE)) {
    const attrs = new Map<string, string>();
    for (const a of (m[1] ?? '').matchAll(ATTR_RE)) attrs.set(a[1] ?? '', a[2] ?? a[3] ?? '');
    out.push({
      type: attrs.get('Type') ?? '',
      target: attrs.get('Target') ?? '',
      external: (attrs.get('TargetMode') ?? '').toLowerCase() === 'external',
    });
  }
  return out;
}

const isType = (r: Relationship, name: string) => r.type === REL_BASE + name || r.type === STRICT_REL_BASE + name;

function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/** A relationship target as a package path (mammoth joins and strips "/"; ".." is resolved as ZIP readers do). */
function resolve(base: string, target: string): string {
  const joined = target.startsWith('/') ? target.slice(1) : base ? `${base}/${target}` : target;
  const parts: string[] = [];
  for (const p of joined.split('/')) {
    if (p === '..') parts.pop();
    else if (p !== '.' && p !== '') parts.push(p);
  }
  return parts.join('/');
}

const relsOf = (part: string) => {
  const dir = dirname(part);
  return `${dir ? `${dir}/` : ''}_rels/${part.slice(dir ? dir.length + 1 : 0)}.rels`;
};

const MAMMOTH_PARTS = ['comments', 'endnotes', 'footnotes', 'numbering', 'styles'];

export interface DocxInspection {
  /** The main document part mammoth will read. */
  mainPart: string;
  /** Every part counted in the XML budget. */
  parts: string[];
  xmlBytes: number;
  xmlElements: number;
}

const isXmlName = (name: string) => /\.(?:xml|rels)$/i.test(name);

function countElements(data: Buffer): number {
  let n = 0;
  for (let i = data.indexOf(0x3c); i >= 0; i = data.indexOf(0x3c, i + 1)) n++;
  return n;
}

/**
 * Why a part is not well-formed enough for mammoth, or null. xmldom (mammoth's parser) recovers from broken XML
 * in ways that cost quadratic time: an element whose end tag appears nowhere after it is taken as self-closed,
 * a stray or mismatched end tag closes elements early, and once the root is closed every later node is appended
 * to the document node with a check of all the ones before (a truncated 380 KB document.xml took 13 s of CPU;
 * 24 MB would run for hours). One linear pass over the tags: comments, CDATA, processing instructions and
 * declarations are skipped, quotes inside a tag are honoured, and the element stack must end empty with one root.
 */
function xmlProblem(data: Buffer): string | null {
  const xml = data.toString('utf8');
  const stack: string[] = [];
  let roots = 0;
  let i = xml.indexOf('<');
  while (i >= 0) {
    let next: number;
    if (xml.startsWith('<!--', i)) next = xml.indexOf('-->', i + 4);
    else if (xml.startsWith('<![CDATA[', i)) next = xml.indexOf(']]>', i + 9);
    else if (xml.startsWith('<?', i)) next = xml.indexOf('?>', i + 2);
    else if (xml.startsWith('<!', i)) next = xml.indexOf('>', i + 2);
    else {
      const closing = xml.charCodeAt(i + 1) === 47; // '/'
      const nameStart = closing ? i + 2 : i + 1;
      let j = nameStart;
      for (let c = xml.charCodeAt(j); j < xml.length && c > 32 && c !== 47 && c !== 62; c = xml.charCodeAt(++j));
      const name = xml.slice(nameStart, j);
      if (name === '') return `a "<" at offset ${i} opens no tag`;
      // The tag's end: the first ">" outside quotes.
      let quote = 0;
      for (; j < xml.length; j++) {
        const c = xml.charCodeAt(j);
        if (quote !== 0) {
          if (c === quote) quote = 0;
        } else if (c === 34 || c === 39) quote = c;
        else if (c === 62) break;
      }
      if (j >= xml.length) return `its <${name}> tag is cut short`;
      if (closing) {
        const open = stack.pop();
        if (open !== name) return open ? `</${name}> closes <${open}>` : `</${name}> closes nothing`;
      } else if (xml.charCodeAt(j - 1) !== 47) {
        if (stack.length === 0 && ++roots > 1) return `a second root <${name}> follows the first`;
        stack.push(name);
      } else if (stack.length === 0 && ++roots > 1) return `a second root <${name}> follows the first`;
      i = xml.indexOf('<', j + 1);
      continue;
    }
    if (next < 0) return `a comment, CDATA section or declaration at offset ${i} is never closed`;
    i = xml.indexOf('<', next + 1);
  }
  return stack.length > 0 ? `its <${stack[stack.length - 1]}> is never closed` : null;
}

function mb(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Validates a DOCX package and measures what mammoth will parse, by content (see the file comment).
 * Throws UnreadableDocumentError: `corrupt-file`, `encrypted`, `zip-bomb` or `resource-limit`.
 */
export async function inspectDocx(bytes: Uint8Array, limits: ZipLimits = DOCX_LIMITS): Promise<DocxInspection> {
  const central = await readCentral(bytes, limits.maxEntries);
  const entries = checkLocalHeaders(bytes, central);
  const byName = new Map<string, Located[]>();
  for (const e of entries) byName.set(e.name, [...(byName.get(e.name) ?? []), e]);

  let xmlBytes = 0;
  let xmlElements = 0;
  const counted = new Set<string>();
  const texts = new Map<string, string>();
  /** Parts that are not well-formed, and why. */
  const broken = new Map<string, string>();
  /** Inflates (once) every entry of that name within the XML budget; returns the text of the last one. */
  const read = (name: string): string | null => {
    const es = byName.get(name);
    if (!es) return null;
    if (counted.has(name)) return texts.get(name) ?? null;
    counted.add(name);
    let text = '';
    for (const e of es) {
      const data = inflateEntry(bytes, e, limits.maxXmlUncompressed - xmlBytes);
      if (data === null) {
        throw new UnreadableDocumentError(
          'zip-bomb',
          `The document's XML parts expand beyond ${mb(limits.maxXmlUncompressed)} (limit ${mb(limits.maxXmlUncompressed)}; ${e.name} crossed it): refusing a likely zip bomb.`,
        );
      }
      xmlBytes += data.length;
      xmlElements += countElements(data);
      const problem = xmlProblem(data);
      if (problem) broken.set(name, problem);
      if (xmlElements > limits.maxXmlElements) {
        throw new UnreadableDocumentError(
          'resource-limit',
          `The document's XML holds more than ${limits.maxXmlElements.toLocaleString('en')} elements (limit ${limits.maxXmlElements.toLocaleString('en')}; reached in ${e.name}).`,
        );
      }
      text = data.toString('utf8');
    }
    // Only relationship files are kept as text (they are parsed here); everything else is just counted.
    if (name.endsWith('.rels')) texts.set(name, text);
    return text;
  };

  read('[Content_Types].xml');
  const packageRels = readRelationships(read('_rels/.rels') ?? '');
  const mainTarget = packageRels
    .filter((r) => !r.external && isType(r, 'officeDocument'))
    .map((r) => resolve('', r.target))
    .find((p) => byName.has(p));
  const mainPart = mainTarget ?? 'word/document.xml';
  if (!byName.has(mainPart)) throw corrupt('The DOCX package has no main document part (word/document.xml).');

  const toRead = [mainPart];
  const seen = new Set<string>();
  for (let i = 0; i < toRead.length; i++) {
    const part = toRead[i] as string;
    if (seen.has(part) || !byName.has(part)) continue;
    seen.add(part);
    read(part);
    const rels = readRelationships(read(relsOf(part)) ?? '');
    for (const r of rels) {
      if (r.external || UNREAD_TYPES.test(r.type)) continue;
      const target = resolve(dirname(part), r.target);
      if (!seen.has(target)) toRead.push(target);
    }
  }
  // mammoth's fallbacks when a relationship is missing.
  for (const name of MAMMOTH_PARTS) read(`word/${name}.xml`);
  // Only what mammoth parses has to be well-formed (a broken part nobody reads does not matter).
  const parsed = [...seen, ...[...seen].map(relsOf), ...MAMMOTH_PARTS.map((n) => `word/${n}.xml`), '_rels/.rels'];
  for (const name of parsed) {
    const problem = broken.get(name);
    if (problem !== undefined) throw corrupt(`The DOCX's XML part ${name} is not well-formed: ${problem}.`);
  }
  // Anything named like XML is counted too, so the budget holds whichever way a reader looks parts up.
  for (const name of byName.keys()) if (isXmlName(name)) read(name);

  return { mainPart, parts: [...counted].filter((n) => byName.has(n)), xmlBytes, xmlElements };
}

/**
 * The main part of an Office package if it is a Word document, found through `_rels/.rels` and the content
 * types (some generators name it word/document2.xml); null for workbooks, presentations and other ZIPs.
 */
export async function findWordMainPart(bytes: Uint8Array): Promise<string | null> {
  let central: CentralEntry[];
  try {
    central = await readCentral(bytes, DOCX_LIMITS.maxEntries);
  } catch {
    return null;
  }
  const names = new Set(central.map((e) => e.name));
  if (names.has('word/document.xml')) return 'word/document.xml';
  let entries: Located[];
  try {
    entries = checkLocalHeaders(bytes, central);
  } catch {
    return null;
  }
  const small = (name: string) => {
    const e = entries.find((x) => x.name === name);
    if (!e) return '';
    try {
      return inflateEntry(bytes, e, 1024 * 1024)?.toString('utf8') ?? '';
    } catch {
      return '';
    }
  };
  const target = readRelationships(small('_rels/.rels'))
    .filter((r) => !r.external && isType(r, 'officeDocument'))
    .map((r) => resolve('', r.target))
    .find((p) => names.has(p));
  if (!target) return null;
  // The Override element that names the part says what it is (a workbook's main part is an officeDocument too).
  const part = `/${target}`.toLowerCase();
  for (const m of small('[Content_Types].xml').matchAll(/<(?:[\w.-]+:)?Override\b[^>]*>/g)) {
    const attrs = new Map([...m[0].matchAll(ATTR_RE)].map((a) => [a[1] ?? '', a[2] ?? a[3] ?? '']));
    if ((attrs.get('PartName') ?? '').toLowerCase() !== part) continue;
    return /wordprocessingml|ms-word/i.test(attrs.get('ContentType') ?? '') ? target : null;
  }
  return null;
}
