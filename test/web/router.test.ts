import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webRouter } from '../../src/web/index.js';

describe('webRouter', () => {
  let base: string;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const app = express();
    app.use(webRouter());
    const server = app.listen(0, '127.0.0.1');
    await new Promise<void>((r) => server.once('listening', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise<void>((r) => server.close(() => r()));
  });
  afterAll(() => close());

  it('redirects /review to /review/ so relative assets resolve', async () => {
    const res = await fetch(`${base}/review`, { redirect: 'manual' });
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/review/');
  });

  it('serves the page in Vietnamese with a strict content security policy', async () => {
    const res = await fetch(`${base}/review/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await res.text();
    expect(html).toContain('lang="vi"');
    expect(html).not.toMatch(/<script>(?!<)/); // no inline script: the CSP would block it
    for (const asset of ['app.js', 'api.js', 'doc.js', 'fields.js', 'labels.js', 'dom.js', 'style.css']) {
      const a = await fetch(`${base}/review/${asset}`);
      expect(a.status, asset).toBe(200);
      expect(a.headers.get('content-type'), asset).toMatch(asset.endsWith('.js') ? /javascript/ : /css/);
    }
  });

  it('answers 404 for anything else under /review and leaves other paths alone', async () => {
    expect((await fetch(`${base}/review/nope.js`)).status).toBe(404);
    expect((await fetch(`${base}/review/../package.json`)).status).toBe(404);
    expect((await fetch(`${base}/elsewhere`)).status).toBe(404);
  });
});
