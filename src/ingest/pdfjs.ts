// pdf-parse (pdf.js's legacy build) loaded on first use, never at import time. pdf.js and its worker module
// (run in this same thread: Node has no pdf.js web worker) each bundle core-js polyfills that replace built-ins
// process-wide: Array.prototype.push (V8 fails one corner of core-js's spec check, length beyond 2^32 on
// array-likes) and JSON.parse become JavaScript functions, and every push in the text extractors then costs a
// call through core-js (a quarter of a plan's CPU time). A process that reads only text never loads pdf.js; one
// that does loads both modules here, up front (the worker module registers itself as globalThis.pdfjsWorker,
// which pdf.js uses instead of importing it later), and gets the natives back (pdf.js needs neither corner).
type PdfParseModule = typeof import('pdf-parse');

let loading: Promise<PdfParseModule> | null = null;

export function loadPdfParse(): Promise<PdfParseModule> {
  loading ??= (async () => {
    const natives: [object, PropertyKey, PropertyDescriptor | undefined][] = [
      [Array.prototype, 'push', Object.getOwnPropertyDescriptor(Array.prototype, 'push')],
      [JSON, 'parse', Object.getOwnPropertyDescriptor(JSON, 'parse')],
    ];
    const mod = await import('pdf-parse');
    // @ts-expect-error -- pdf.js ships no types for its worker module; only its side effect is wanted.
    await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    for (const [target, key, descriptor] of natives) if (descriptor) Object.defineProperty(target, key, descriptor);
    return mod;
  })();
  return loading;
}

type PdfjsModule = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

/** pdf.js itself (the module pdf-parse already loaded, so no second copy of its polyfills) and pdf-parse. */
export async function loadPdfjs(): Promise<{ pdfjs: PdfjsModule; pdfParse: PdfParseModule }> {
  const pdfParse = await loadPdfParse();
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  return { pdfjs, pdfParse };
}
