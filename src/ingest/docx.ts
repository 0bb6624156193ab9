// DOCX → mammoth HTML → the HTML reader, so Word tables stay tables. The ZIP is checked first
// (see zip.ts): mammoth inflates whatever it is given.
import mammoth from 'mammoth';
import type { Diagnostic } from '../contract/schema.js';
import type { DocTree } from '../doc/types.js';
import { UnreadableDocumentError } from '../errors.js';
import { htmlToTree } from './html.js';
import { convertLegacyTree, legacyDiagnostic } from './legacy/detect.js';
import { legacyFontTransform } from './legacy/fonts.js';
import { DOCX_LIMITS, inspectDocx, type ZipLimits } from './zip.js';

// Images are dropped without being read: mammoth would otherwise inline every picture as base64.
const dropImages = mammoth.images.imgElement(async () => ({ src: '' }));

export async function readDocx(bytes: Uint8Array, limits: ZipLimits = DOCX_LIMITS): Promise<DocTree> {
  // Headers, relationships and the XML budget, by content: every part mammoth will parse is inflated once
  // here with a hard stop, so mammoth never sees a bomb, a renamed main part or a lying header.
  await inspectDocx(bytes, limits);

  let result: Awaited<ReturnType<typeof mammoth.convertToHtml>>;
  const fonts = legacyFontTransform();
  try {
    result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      { convertImage: dropImages, externalFileAccess: false, transformDocument: fonts.transform },
    );
  } catch (err) {
    throw new UnreadableDocumentError('corrupt-file', `The DOCX could not be read: ${(err as Error).message}`, {
      cause: err,
    });
  }
  const messages: Diagnostic[] = dedupe(result.messages.map((m) => m.message)).map((message) => ({
    code: 'reader-message',
    severity: 'info',
    message: `DOCX reader: ${message}`,
    source: null,
  }));
  for (const [encoding, runs] of fonts.converted) {
    messages.push(legacyDiagnostic(encoding, 'from the font of each run', runs, 'run'));
  }
  // Runs whose legacy font is inherited from a style carry no font here: the statistics catch them.
  return convertLegacyTree(htmlToTree(result.value, 'docx', messages));
}

/** Mammoth repeats one message per occurrence (e.g. every paragraph in an unknown style). */
function dedupe(messages: string[]): string[] {
  const counts = new Map<string, number>();
  for (const m of messages) counts.set(m, (counts.get(m) ?? 0) + 1);
  return [...counts].map(([m, n]) => (n > 1 ? `${m} (×${n})` : m));
}
