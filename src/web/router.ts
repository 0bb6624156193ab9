// The review page: static HTML + JS modules (no build step) served at /review. It talks to the API with the
// reviewer's key from sessionStorage, so the page itself is public and holds no data.
import { existsSync } from 'node:fs';
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

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
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
    express.static(staticDir(), { index: 'index.html', fallthrough: false, maxAge: 0, etag: true }),
  );
  return router;
}
