// No input crashes the process: random and hostile requests get a 4xx problem (never a 5xx), and the
// service keeps answering afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { form, type Harness, planText, startHarness, waitFor } from './harness.js';

// Deterministic pseudo-random bytes (xorshift), so a failure can be replayed.
function rng(seed: number) {
  let x = seed || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
}

describe('robustness', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ mode: 'embedded', env: { KEHOACH_MAX_FILE_BYTES: '32768', KEHOACH_MAX_FILES: '4' } });
  });
  afterAll(() => h?.close());

  async function expectRefusedCleanly(res: Response): Promise<void> {
    expect(res.status, await res.clone().text()).toBeLessThan(500);
    if (res.status >= 400) expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  }

  it('answers random multipart bodies with a 4xx problem', async () => {
    const next = rng(42);
    for (let i = 0; i < 60; i++) {
      const len = Math.floor(next() * 4000);
      const bytes = new Uint8Array(len).map(() => Math.floor(next() * 256));
      const prefix = i % 3 === 0 ? '--B\r\nContent-Disposition: form-data; name="file"; filename="f"\r\n\r\n' : '';
      const body = Buffer.concat([Buffer.from(prefix), bytes, Buffer.from(i % 2 ? '\r\n--B--\r\n' : '')]);
      const res = await h.request('/v1/documents', {
        method: 'POST',
        headers: { 'content-type': 'multipart/form-data; boundary=B' },
        body,
      });
      await expectRefusedCleanly(res);
    }
  });

  it('survives hostile names, headers and JSON', async () => {
    const names = ['../../etc/passwd', 'a'.repeat(5000), '\u0000nul.txt', 'тест 😀.txt', '"quoted".txt'];
    for (const [i, name] of names.entries()) {
      const res = await h.request('/v1/documents', {
        method: 'POST',
        body: form([{ name, bytes: planText(900 + i, 'hostile') }]),
      });
      await expectRefusedCleanly(res);
      if (res.status === 202) {
        const id = ((await res.json()) as { documents: { id: string }[] }).documents[0]!.id;
        const orig = await h.request(`/v1/documents/${id}/original`);
        expect(orig.status).toBe(200);
        expect(orig.headers.get('content-disposition')).not.toMatch(/[\r\n]/);
      }
    }
    for (const body of ['[]', 'null', '"x"', '{"name":1}', '{"name":"a","extra":true}', '{'.repeat(10_000)]) {
      await expectRefusedCleanly(
        await h.request('/v1/batches', { method: 'POST', headers: { 'content-type': 'application/json' }, body }),
      );
    }
    await expectRefusedCleanly(await h.request('/v1/documents?q=%E0%A4%A', { method: 'GET' }));
    await expectRefusedCleanly(await h.request('/v1/documents/%E0%A4%A'));
  });

  it('fails unreadable documents as data, never as a crash', async () => {
    const files = [
      { name: 'trunc.pdf', bytes: '%PDF-1.7\n1 0 obj << /Type /Catalog >>\n' },
      { name: 'zip.docx', bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8]) },
      { name: 'binary.txt', bytes: new Uint8Array(2000).map((_, i) => (i * 37) % 256) },
    ];
    for (const f of files) {
      const res = await h.request('/v1/documents', { method: 'POST', body: form([f]) });
      await expectRefusedCleanly(res);
      if (res.status !== 202) continue;
      const id = ((await res.json()) as { documents: { id: string }[] }).documents[0]!.id;
      const doc = await waitFor(async () => {
        const d = await h.runtime.store.getDocument(id);
        return d && (d.status === 'done' || d.status === 'failed') ? d : undefined;
      });
      if (doc.status === 'failed') expect(doc.failure?.reason).toMatch(/^[a-z-]+$/);
    }
    expect((await h.request('/healthz')).status).toBe(200);
  });
});
