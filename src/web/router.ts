// The review page: static HTML + JS modules (no build step) served at /review. It talks to the API with the
// reviewer's key from sessionStorage, so the page itself is public and holds no data.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Router } from 'express';

/** src/web/static next to this file; compiled builds (dist/src/web) fall back to the source copy. */
export function staticDir(): string {
  for (const url of [new URL('./static/', import.meta.url), new URL('../../../src/web/static/', import.meta.url)]) {
    const path = fileURLToPath(url);
    if (existsSync(path)) return path;
  }
  throw new Error('review page assets (src/web/static) not found');
}

/** pdf.js's browser build, served from the package itself so the page works without internet. */
function pdfjsDir(): string {
  return path.join(path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), '');
}

const CSP = [
  "default-src 'none'",
  // pdf.js decodes JPEG 2000 scans with WebAssembly; no other code is evaluated.
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function webRouter(opts: { mountPath?: string } = {}): Router {
  const mount = opts.mountPath ?? '/review';
  const router = express.Router();
  router.get(mount, (req, res, next) => {
    // Relative asset URLs need the trailing slash.
    if (req.path === mount && !req.originalUrl.split('?')[0]!.endsWith('/')) {
      res.redirect(301, `${mount}/`);
      return;
    }
    next();
  });
  router.use(
    mount,
    (_req, res, next) => {
      res.setHeader('Content-Security-Policy', CSP);
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Referrer-Policy', 'no-referrer');
      next();
    },
    express.static(staticDir(), { index: 'index.html', fallthrough: true, maxAge: 0, etag: true }),
  );
  const pdfjs = pdfjsDir();
  for (const sub of ['build', 'wasm']) {
    router.use(
      `${mount}/vendor/pdfjs${sub === 'wasm' ? '/wasm' : ''}`,
      express.static(path.join(pdfjs, sub), { fallthrough: sub === 'build', maxAge: '1d', index: false }),
    );
  }
  return router;
}
