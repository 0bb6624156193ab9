// `kehoach export` against a real embedded server: the export of a batch opens with exceljs (one sheet per kind,
// Vietnamese text intact, numbers as numbers) and with a CSV parser (UTF-8 BOM), and a reviewer's correction made
// through the API is what the export shows.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, ROOT, kehoach as run, serveEmbedded } from '../helpers/cli.js';
import { waitFor } from '../server/harness.js';

describe('kehoach export', () => {
  const work = mkdtempSync(join(tmpdir(), 'kehoach-export-'));
  let serve: ChildProcess;
  let server: string;
  let key: string;
  let batchId: string;
  let seed003: string;

  beforeAll(async () => {
    ({ child: serve, url: server, adminKey: key } = await serveEmbedded(work));
    const batch = (await (
      await fetch(`${server}/v1/batches`, {
        method: 'POST',
        headers: { ...auth(), 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'xuất' }),
      })
    ).json()) as { id: string };
    batchId = batch.id;
    const body = new FormData();
    for (const name of ['seed-003', 'seed-000']) {
      body.append('file', new Blob([readFileSync(join(ROOT, `fixtures/${name}/input.txt`))]), `${name}.txt`);
    }
    const up = (await (
      await fetch(`${server}/v1/batches/${batchId}/documents`, { method: 'POST', headers: auth(), body })
    ).json()) as { documents: { id: string }[] };
    seed003 = up.documents[0]!.id;
    await waitFor(async () => {
      const b = (await (await fetch(`${server}/v1/batches/${batchId}`, { headers: auth() })).json()) as {
        done: number;
        total: number;
      };
      return b.done === b.total ? true : undefined;
    }, 60_000);
  }, 120_000);

  afterAll(() => {
    if (serve.exitCode === null) serve.kill('SIGKILL');
    rmSync(work, { recursive: true, force: true });
  });

  const auth = () => ({ authorization: `Bearer ${key}` });

  it("exports XLSX and CSV that open right and carry a reviewer's correction", async () => {
    // A reviewer settles seed 003's Chỉ tiêu 5 (narrative 98% vs table 97%) in favour of the table.
    const eff = (await (await fetch(`${server}/v1/documents/${seed003}/effective`, { headers: auth() })).json()) as {
      revision: string;
      extraction: { targets: { label: string | null }[] };
    };
    const index = eff.extraction.targets.findIndex((t) => t.label === 'Chỉ tiêu 5');
    expect(index).toBeGreaterThanOrEqual(0);
    const corrected = await fetch(`${server}/v1/documents/${seed003}/corrections`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/json' },
      body: JSON.stringify({
        patch: [{ op: 'replace', path: `/targets/${index}/values/0/value`, value: 97 }],
        expectedRevision: eff.revision,
      }),
    });
    expect(corrected.status).toBe(201);

    const env = { KEHOACH_API_KEY: key };
    const xlsx = join(work, 'batch.xlsx');
    const csv = join(work, 'targets.csv');
    const a = await collect(run(['export', '--server', server, '--batch', batchId, '--out', xlsx], env));
    expect(a.code, a.out).toBe(0);
    const b = await collect(
      run(['export', '--server', server, '--batch', batchId, '--kind', 'targets', '--out', csv], env),
    );
    expect(b.code, b.out).toBe(0);

    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx);
    expect(book.worksheets.map((s) => s.name)).toEqual(['Chỉ tiêu', 'Phân công', 'Kinh phí', 'Ô bảng kinh phí']);
    const sheet = book.getWorksheet('Chỉ tiêu')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toContain('Nội dung chỉ tiêu');
    const col = (label: string) => header.indexOf(label) + 1;
    const rows: ExcelJS.Row[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1 && row.getCell(col('Nhãn')).value === 'Chỉ tiêu 5') rows.push(row);
    });
    expect(rows.length).toBeGreaterThanOrEqual(2);
    const first = rows[0]!;
    expect(first.getCell(col('Giá trị')).value).toBe(97); // the correction, as a number
    expect(first.getCell(col('Năm đạt')).value).toBe(2025);
    expect(first.getCell(col('Độ tin cậy')).value).toBe('high');
    expect(String(first.getCell(col('Cờ')).value)).toContain('corrected');
    expect(String(first.getCell(col('Nội dung chỉ tiêu')).value)).toMatch(/^Chỉ tiêu 5: Tỷ lệ trẻ em dưới 1 tuổi/);
    expect(first.getCell(col('Số kế hoạch')).value).toBe('359/KH-UBND');
    // The budget of seed 000 (2.104.470.000 đồng, checked by eye against its words and table).
    const budgets = book.getWorksheet('Kinh phí')!;
    const bh = (budgets.getRow(1).values as unknown[]).slice(1);
    const amounts: unknown[] = [];
    budgets.eachRow((row, n) => {
      if (n > 1) amounts.push(row.getCell(bh.indexOf('Tổng kinh phí (đồng)') + 1).value);
    });
    expect(amounts).toContain(2_104_470_000);

    const raw = readFileSync(csv);
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parse(raw, { bom: true, columns: true }) as Record<string, string>[];
    const t5 = records.filter((r) => r['Nhãn'] === 'Chỉ tiêu 5');
    expect(t5[0]!['Giá trị']).toBe('97');
    expect(Number(t5[0]!['Giá trị'])).toBe(97);
    expect(t5[0]!['Tỉnh/thành phố']).toBe('Bắc Ninh');
    expect(t5[1]!['Giá trị']).toBe('98'); // the other values keep the machine reading
  }, 120_000);
});
