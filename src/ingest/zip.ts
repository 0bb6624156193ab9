// ZIP inspection with yauzl, done before any library that trusts the archive (mammoth has no
// decompression limit: a 138 KB DOCX bomb took 530 MB in it). yauzl reads the central directory
// without inflating anything, and when we do inflate it checks that each entry's real size matches
// the declared one, so a lying header is caught too.
import yauzl from 'yauzl';
import { UnreadableDocumentError } from '../errors.js';

export interface ZipEntryInfo {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
}

export interface ZipLimits {
  maxEntries: number;
  /** Sum of the declared uncompressed sizes of every entry. */
  maxTotalUncompressed: number;
  /** Sum of the uncompressed sizes of the XML parts (what mammoth actually parses). */
  maxXmlUncompressed: number;
  /** Uncompressed/compressed ratio above which a large entry is a bomb, not a document. */
  maxRatio: number;
  /** Entries smaller than this are never judged by ratio (tiny XML compresses very well). */
  ratioFloor: number;
}

export const DOCX_LIMITS: ZipLimits = {
  maxEntries: 5_000,
  maxTotalUncompressed: 300 * 1024 * 1024,
  maxXmlUncompressed: 40 * 1024 * 1024,
  maxRatio: 200,
  ratioFloor: 1024 * 1024,
};

function openZip(bytes: Uint8Array): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      { lazyEntries: true, validateEntrySizes: true, strictFileNames: false },
      (err, zip) => {
        if (err || !zip)
          reject(
            new UnreadableDocumentError(
              'corrupt-file',
              `Not a readable ZIP archive: ${err?.message ?? 'unknown error'}`,
              { cause: err },
            ),
          );
        else resolve(zip);
      },
    );
  });
}

/** Lists entries from the central directory, refusing archives with absurd entry counts. */
export async function listZipEntries(bytes: Uint8Array, maxEntries = DOCX_LIMITS.maxEntries): Promise<ZipEntryInfo[]> {
  const zip = await openZip(bytes);
  if (zip.entryCount > maxEntries) {
    zip.close();
    throw new UnreadableDocumentError('zip-bomb', `The archive holds ${zip.entryCount} entries (limit ${maxEntries}).`);
  }
  return new Promise((resolve, reject) => {
    const entries: ZipEntryInfo[] = [];
    zip.on('entry', (e: yauzl.Entry) => {
      entries.push({ name: e.fileName, compressedSize: e.compressedSize, uncompressedSize: e.uncompressedSize });
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', (err: Error) =>
      reject(new UnreadableDocumentError('corrupt-file', `Corrupt ZIP archive: ${err.message}`, { cause: err })),
    );
    zip.readEntry();
  });
}

const isXmlPart = (name: string) => /\.(?:xml|rels)$/i.test(name);

/** Checks declared sizes against the limits; throws 'zip-bomb' with the reason. */
export function checkDeclaredSizes(entries: ZipEntryInfo[], limits: ZipLimits = DOCX_LIMITS): void {
  if (entries.length > limits.maxEntries) {
    throw new UnreadableDocumentError(
      'zip-bomb',
      `The archive holds ${entries.length} entries (limit ${limits.maxEntries}).`,
    );
  }
  let total = 0;
  let xml = 0;
  for (const e of entries) {
    total += e.uncompressedSize;
    if (isXmlPart(e.name)) xml += e.uncompressedSize;
    if (e.uncompressedSize > limits.ratioFloor && e.uncompressedSize > e.compressedSize * limits.maxRatio) {
      throw new UnreadableDocumentError(
        'zip-bomb',
        `Entry ${e.name} expands ${Math.round(e.uncompressedSize / Math.max(1, e.compressedSize))}:1 (limit ${limits.maxRatio}:1): refusing a likely zip bomb.`,
      );
    }
  }
  if (total > limits.maxTotalUncompressed) {
    throw new UnreadableDocumentError(
      'zip-bomb',
      `The archive expands to ${mb(total)} (limit ${mb(limits.maxTotalUncompressed)}).`,
    );
  }
  if (xml > limits.maxXmlUncompressed) {
    throw new UnreadableDocumentError(
      'zip-bomb',
      `The document XML expands to ${mb(xml)} (limit ${mb(limits.maxXmlUncompressed)}).`,
    );
  }
}

/**
 * Inflates the XML parts with a running byte budget. Declared sizes can lie; yauzl's
 * validateEntrySizes turns a mismatch into an error, and the budget stops a stream that keeps going.
 */
export async function inflateXmlWithinBudget(bytes: Uint8Array, limits: ZipLimits = DOCX_LIMITS): Promise<void> {
  const zip = await openZip(bytes);
  let budget = limits.maxXmlUncompressed;
  await new Promise<void>((resolve, reject) => {
    const fail = (err: unknown) => {
      zip.close();
      const message = (err as Error)?.message ?? String(err);
      // yauzl's size validation: an entry inflating past its declared size is a crafted bomb.
      const lied = /too many bytes/i.test(message);
      reject(
        err instanceof UnreadableDocumentError
          ? err
          : new UnreadableDocumentError(
              lied ? 'zip-bomb' : 'corrupt-file',
              lied ? `A ZIP entry inflates beyond its declared size: ${message}` : `Corrupt ZIP entry: ${message}`,
              { cause: err },
            ),
      );
    };
    zip.on('entry', (e: yauzl.Entry) => {
      if (!isXmlPart(e.fileName) || e.fileName.endsWith('/')) {
        zip.readEntry();
        return;
      }
      zip.openReadStream(e, (err, stream) => {
        if (err || !stream) return fail(err);
        stream.on('data', (chunk: Buffer) => {
          budget -= chunk.length;
          if (budget < 0) {
            stream.destroy();
            fail(
              new UnreadableDocumentError(
                'zip-bomb',
                `The document XML expands beyond ${mb(limits.maxXmlUncompressed)}.`,
              ),
            );
          }
        });
        stream.on('error', fail);
        stream.on('end', () => zip.readEntry());
      });
    });
    zip.on('end', () => resolve());
    zip.on('error', fail);
    zip.readEntry();
  });
}

function mb(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
