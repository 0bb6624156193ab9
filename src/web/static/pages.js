// The original page beside the values: the stored PDF rendered with pdf.js (served from the package's own files,
// never a CDN), or the uploaded image, with the selected value's box drawn where the extraction has geometry.
import { getBlob } from './api.js';
import { h } from './dom.js';

const cache = { id: null, kind: null, pdf: null, url: null, ready: null };

/** The document's original, read once: a second call while it is still loading waits for the same read. */
function load(id, format) {
  if (cache.id !== id) {
    if (cache.url) URL.revokeObjectURL(cache.url);
    Object.assign(cache, { id, kind: null, pdf: null, url: null });
    cache.ready = read(id, format).then(
      (got) => {
        // A read that finishes after another document was asked for leaves that one's entry alone.
        if (cache.id === id) Object.assign(cache, got);
        else if (got.url) URL.revokeObjectURL(got.url);
        return cache;
      },
      (err) => {
        if (cache.id === id) cache.id = null;
        throw err;
      },
    );
  }
  return cache.ready;
}

async function read(id, format) {
  const blob = await getBlob(`/v1/documents/${encodeURIComponent(id)}/original`);
  if (format === 'pdf') {
    const pdfjs = await import('./vendor/pdfjs/pdf.min.mjs');
    pdfjs.GlobalWorkerOptions.workerSrc = new URL('./vendor/pdfjs/pdf.worker.min.mjs', import.meta.url).href;
    const pdf = await pdfjs.getDocument({
      data: new Uint8Array(await blob.arrayBuffer()),
      isEvalSupported: false,
      wasmUrl: new URL('./vendor/pdfjs/wasm/', import.meta.url).href,
    }).promise;
    return { kind: 'pdf', pdf, url: null };
  }
  if (blob.type.startsWith('image/') && !/tiff/.test(blob.type)) {
    return { kind: 'image', pdf: null, url: URL.createObjectURL(blob) };
  }
  return { kind: 'none', pdf: null, url: null };
}

let latest = 0;

/** Draws page `source.page` (1 when unknown) of the document into `host`, with `source.box` outlined. */
export async function renderPage(host, id, format, source) {
  // Only the newest call draws: an older one (another document or field, still loading) gives way.
  const call = ++latest;
  const doc = await load(id, format);
  if (call !== latest) return;
  const pageNo = source?.page ?? 1;
  const box = source?.box ?? null;
  const frame = h('div', { class: 'page-frame' });
  if (doc.kind === 'pdf') {
    const n = Math.min(Math.max(1, pageNo), doc.pdf.numPages);
    const page = await doc.pdf.getPage(n);
    const width = Math.max(320, host.clientWidth - 24);
    const base = page.getViewport({ scale: 1 });
    const viewport = page.getViewport({ scale: (width / base.width) * (window.devicePixelRatio || 1) });
    const canvas = h('canvas', { class: 'page-image', width: viewport.width, height: viewport.height });
    await page.render({ canvas, canvasContext: canvas.getContext('2d'), viewport }).promise;
    if (call !== latest) return;
    frame.append(canvas);
    host.replaceChildren(h('p', { class: 'muted' }, `Trang ${n}/${doc.pdf.numPages}`), frame);
  } else if (doc.kind === 'image') {
    frame.append(h('img', { class: 'page-image', src: doc.url, alt: 'Ảnh gốc của văn bản' }));
    host.replaceChildren(frame);
  } else {
    host.replaceChildren(h('p', { class: 'muted' }, 'Không có ảnh trang cho định dạng này; xem văn bản ở thẻ bên.'));
    return;
  }
  if (box) {
    // Positioned through the CSSOM: the page's CSP allows no inline style attributes.
    const mark = h('div', { class: 'page-box' });
    Object.assign(mark.style, {
      left: `${box.x * 100}%`,
      top: `${box.y * 100}%`,
      width: `${box.width * 100}%`,
      height: `${box.height * 100}%`,
    });
    frame.append(mark);
    mark.scrollIntoView({ block: 'center', behavior: 'instant' });
  } else {
    host.prepend(h('p', { class: 'muted' }, 'Giá trị này chưa có vị trí trên trang.'));
  }
}
