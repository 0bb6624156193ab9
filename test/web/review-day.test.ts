// The reviewer's and archivist's day in Debian's Chromium against a real `kehoach serve` (embedded): the batch
// overview while a batch is processed, a correction with a typed editor (no JSON), the evidence behind a flag on
// its card, accept-and-advance, bulk accept, the original PDF page beside the values, the selected value's box on
// a scanned page, and the 390 px layout.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, launchChromium } from '../helpers/browser.js';
import { ROOT, serveEmbedded } from '../helpers/cli.js';
import { planText, waitFor } from '../server/harness.js';

const executablePath = chromiumPath;
if (!executablePath) console.log("SKIPPED SUITE: the reviewer's day in Chromium (chromium not installed)");

const SHOTS =
  process.env.SCREENSHOTS === '1'
    ? fileURLToPath(new URL('../../docs/screenshots/', import.meta.url))
    : mkdtempSync(join(tmpdir(), 'kehoach-shots-'));

interface Extraction {
  metadata: Record<string, { value: unknown; flags: string[] }>;
  budget: { total: { value: { amount: number; text: string } | null; confidence: string; flags: string[] } };
  targets: { label: string | null; confidence: string; flags: string[] }[];
  review: { fields: string[] };
}

describe.skipIf(!executablePath)("the reviewer's day", () => {
  const work = mkdtempSync(join(tmpdir(), 'kehoach-day-'));
  let serve: ChildProcess;
  let base: string;
  let admin: string;
  let reviewer: string;
  let browser: Browser;
  let page: Page;
  const ids: Record<string, string> = {};

  const call = async (method: string, path: string, key: string, body?: unknown) => {
    const res = await fetch(base + path, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body === undefined || body instanceof FormData ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: body instanceof FormData ? body : JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    // biome-ignore lint/suspicious/noExplicitAny: API answers of many shapes, asserted by each test
    return res.json() as Promise<any>;
  };
  const extraction = (id: string) => call('GET', `/v1/documents/${id}/extraction`, admin) as Promise<Extraction>;

  async function uploadInto(batch: string, files: { name: string; bytes: Uint8Array }[]): Promise<string[]> {
    const form = new FormData();
    for (const f of files) form.append('file', new Blob([new Uint8Array(f.bytes)]), f.name);
    const up = await call('POST', `/v1/batches/${batch}/documents`, admin, form);
    return up.documents.map((d: { id: string }) => d.id);
  }

  async function batchDone(batch: string): Promise<void> {
    await waitFor(async () => {
      const b = await call('GET', `/v1/batches/${batch}`, admin);
      return b.done === b.total ? true : undefined;
    }, 120_000);
  }

  beforeAll(async () => {
    ({ child: serve, url: base, adminKey: admin } = await serveEmbedded(work));
    reviewer = (await call('POST', '/v1/keys', admin, { role: 'reviewer', name: 'Chị Lan' })).key;
    const batch = (await call('POST', '/v1/batches', admin, { name: 'Hạt giống' })).id;
    const read = (p: string) => readFileSync(join(ROOT, p));
    const uploaded = await uploadInto(batch, [
      { name: 'kh-359-bac-ninh.txt', bytes: read('fixtures/seed-003/input.txt') },
      { name: 'kh-359-bac-ninh.pdf', bytes: read('fixtures/seed-003-pdf/input.pdf') },
      { name: 'kh-824-binh-duong.txt', bytes: read('fixtures/seed-000/input.txt') },
    ]);
    [ids.seed003, ids.seed003pdf, ids.seed000] = uploaded as [string, string, string];
    await batchDone(batch);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'vi-VN' });
    await page.goto(`${base}/review/`);
    await page.fill('#apikey', reviewer);
    await page.click('#login button[type=submit]');
    await page.waitForSelector('#docs-body tr a');
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    if (serve && serve.exitCode === null) serve.kill('SIGKILL');
    rmSync(work, { recursive: true, force: true });
  });

  // A new hash on the same page re-renders asynchronously: wait for this document's own selection, not the last one.
  const open = async (id: string, pointer = '/metadata/issuer') => {
    await page.goto(`${base}/review/#/doc/${id}?p=${encodeURIComponent(pointer)}`);
    await page.waitForFunction(
      ([doc, ptr]) =>
        location.hash.includes(doc!) &&
        document.querySelector('#fields .entry.selected')?.getAttribute('data-pointer') === ptr &&
        !document.title.startsWith('Duyệt'),
      [id, pointer],
    );
    await page.waitForLoadState('networkidle');
  };

  it('shows the plan number and title as the page title, and the evidence behind a table conflict', async () => {
    await open(ids.seed003!);
    expect(await page.title()).toMatch(/^Số 359\/KH-UBND — .*BẮC NINH.* — kehoach$/);
    expect(await page.isVisible('#view-login')).toBe(false);
    const card = page.locator('#fields .entry', { hasText: 'Chỉ tiêu 5' }).first();
    await expect.poll(() => card.locator('.evidence').innerText()).toMatch(/Văn bản ghi 98 \(2025\) · Bảng ghi 97/);
  });

  it('corrects the budget total with a typed editor, no JSON', async () => {
    await open(ids.seed003!, '/budget/total');
    let keys = 0;
    const press = async (k: string) => {
      keys++;
      await page.keyboard.press(k);
    };
    await press('Enter');
    await page.waitForSelector('.editor [data-part="amount"]');
    expect(await page.locator('.editor textarea').count()).toBe(0);
    await page.keyboard.type('1.500.000.000');
    keys += '1.500.000.000'.length;
    await press('Enter');
    await expect.poll(async () => (await extraction(ids.seed003!)).budget.total.value?.amount).toBe(1_500_000_000);
    const total = (await extraction(ids.seed003!)).budget.total;
    expect(total).toMatchObject({ confidence: 'high', value: { text: '1.500.000.000 đồng' } });
    expect(total.flags).toContain('corrected');
    expect(keys).toBe(15);
    // History names the reviewer when the server says who it was, and prints years without grouping.
    await expect.poll(() => page.locator('#history').innerText()).toMatch(/1\.500\.000\.000/);
    await page.screenshot({ path: join(SHOTS, 'review-typed-editor.png') });
  });

  it('accepts a flagged target and moves on to the next field needing review', async () => {
    const before = await extraction(ids.seed003!);
    const t5 = before.targets.findIndex((t) => t.label === 'Chỉ tiêu 5');
    await open(ids.seed003!, `/targets/${t5}`);
    await page.keyboard.press('a');
    await expect.poll(async () => (await extraction(ids.seed003!)).targets[t5]!.flags).toContain('accepted');
    await expect
      .poll(() => page.locator('#fields .entry.selected').getAttribute('data-pointer'))
      .not.toBe(`/targets/${t5}`);
    expect(await page.locator('#fields .entry.selected').getAttribute('class')).toMatch(/\breview\b/);
  });

  it('bulk-accepts every field still needing review in one request', async () => {
    await open(ids.seed003pdf!, '/metadata/issuer');
    const before = (await extraction(ids.seed003pdf!)).review.fields.length;
    expect(before).toBeGreaterThan(0);
    await page.click('text=Chọn mọi trường cần duyệt');
    const button = page.locator('#bulk-accept');
    await expect.poll(() => button.innerText()).toMatch(/^Chấp nhận \d+ trường đã chọn$/);
    await page.screenshot({ path: join(SHOTS, 'review-bulk.png') });
    await button.click();
    await expect.poll(async () => (await extraction(ids.seed003pdf!)).review.fields.length).toBeLessThan(before);
    await expect.poll(() => page.locator('#fields .entry.review').count()).toBe(0);
  });

  it('shows the original PDF page beside the values', async () => {
    await open(ids.seed003pdf!, '/metadata/documentNumber');
    await page.keyboard.press('p');
    const canvas = page.locator('#page canvas.page-image');
    await canvas.waitFor({ timeout: 30_000 });
    const size = await canvas.evaluate((c: HTMLCanvasElement) => [c.width, c.height]);
    expect(size[0]).toBeGreaterThan(300);
    expect(size[1]).toBeGreaterThan(size[0]!); // a portrait A4 page
    // The page really has ink on it (pdf.js rendered the text, not a blank canvas).
    const inked = await canvas.evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let dark = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i]! < 100) dark++;
      return dark;
    });
    expect(inked).toBeGreaterThan(1000);
    await page.screenshot({ path: join(SHOTS, 'review-page-image.png') });
    await page.keyboard.press('p');
  });

  it("draws the selected value's box on the scanned page it was read from", async () => {
    // A scan read by OCR: every value carries its page and box (fractions of the page).
    const batch = (await call('POST', '/v1/batches', admin, { name: 'Bản quét' })).id;
    const [scan] = await uploadInto(batch, [
      { name: 'kh-scan.pdf', bytes: readFileSync(join(ROOT, 'fixtures/corpus-B02-scan-pdf/input.pdf')) },
    ]);
    await batchDone(batch);
    const source = (await call('GET', `/v1/documents/${scan}/extraction`, admin)).metadata.documentNumber.source as {
      page: number;
      box: { x: number; y: number; width: number; height: number };
    };
    expect(source.page).toBe(1);
    await open(scan!, '/metadata/documentNumber');
    await page.keyboard.press('p');
    // The pane may still show the page of the document opened before while pdf.js reads this scan (1 MB of
    // images): wait for this one's page count first.
    await expect.poll(() => page.locator('#page').innerText(), { timeout: 90_000 }).toMatch(/Trang 1\/3/);
    const canvas = page.locator('#page canvas.page-image');
    const mark = page.locator('#page .page-box');
    await mark.waitFor({ timeout: 60_000 });
    // The box sits where the extraction says, as a share of the drawn page.
    const c = (await canvas.boundingBox())!;
    const m = (await mark.boundingBox())!;
    expect((m.x - c.x) / c.width).toBeCloseTo(source.box.x, 2);
    expect((m.y - c.y) / c.height).toBeCloseTo(source.box.y, 2);
    expect(m.width / c.width).toBeCloseTo(source.box.width, 2);
    expect(m.height / c.height).toBeCloseTo(source.box.height, 2);
    // And it frames ink: the scanned words of the value are inside it.
    const ink = await canvas.evaluate((el: HTMLCanvasElement, b) => {
      const x = Math.round(b.x * el.width);
      const y = Math.round(b.y * el.height);
      const w = Math.max(1, Math.round(b.width * el.width));
      const hh = Math.max(1, Math.round(b.height * el.height));
      const d = el.getContext('2d')!.getImageData(x, y, w, hh).data;
      let dark = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i]! < 110) dark++;
      return dark / (w * hh);
    }, source.box);
    expect(ink).toBeGreaterThan(0.03);
    await page.screenshot({ path: join(SHOTS, 'review-scan-box.png') });
    await page.keyboard.press('p');
  }, 300_000);

  it('fits a 390 px phone: no horizontal scroll on the document list and the queue', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'vi-VN' });
    await phone.goto(`${base}/review/`);
    await phone.fill('#apikey', reviewer);
    await phone.click('#login button[type=submit]');
    await phone.waitForSelector('#docs-body tr a');
    const overflow = () => phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await phone.screenshot({ path: join(SHOTS, 'phone-documents.png'), fullPage: true });
    await phone.goto(`${base}/review/#/queue`);
    await phone.waitForSelector('#queue-total:not(:empty)');
    expect(await overflow()).toBeLessThanOrEqual(0);
    // The flag filter speaks Vietnamese.
    expect(await phone.locator('#flag-filter option[value="table-conflict"]').innerText()).toBe('mâu thuẫn với bảng');
    await phone.screenshot({ path: join(SHOTS, 'phone-queue.png'), fullPage: false });
    await phone.close();
  });

  it('shows a batch overview that moves while the batch is processed', async () => {
    const batch = (await call('POST', '/v1/batches', admin, { name: 'Lưu trữ 2011' })).id;
    const files = Array.from({ length: 60 }, (_, i) => ({
      name: `kh-${i}.txt`,
      bytes: new TextEncoder().encode(planText(i, `tổng quan ${Date.now()}`)),
    }));
    files.push({ name: 'hong.pdf', bytes: new TextEncoder().encode('%PDF-1.7\n%%EOF garbage') });
    // Two requests: the service takes at most 50 files per request.
    await uploadInto(batch, files.slice(0, 40));
    await uploadInto(batch, files.slice(40));
    await page.goto(`${base}/review/#/batch/${batch}`);
    await page.waitForSelector('#batch-count:not(:empty)');
    const seen = new Set<string>();
    await expect
      .poll(
        async () => {
          seen.add(await page.locator('#batch-count').innerText());
          return page.locator('#batch-count').innerText();
        },
        { timeout: 120_000, interval: 300 },
      )
      .toMatch(/^61\/61 văn bản đã xử lý \(100%\)$/);
    expect(await page.title()).toBe('Lô Lưu trữ 2011 — kehoach');
    await expect.poll(() => page.locator('#batch-failed').innerText()).toMatch(/hong\.pdf/);
    expect(await page.locator('#batch-status li').count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('#batch-slow li a').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, 'batch-overview.png'), fullPage: true });
    // It was seen part way at least once, when the machine was not too fast for the page.
    expect(seen.size).toBeGreaterThanOrEqual(1);
  }, 150_000);
});
