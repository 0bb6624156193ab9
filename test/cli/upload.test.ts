// `kehoach upload` against a real embedded server: a folder of 300 files (texts, DOCX, PDF, a scan and one file
// the server refuses) is sent, the upload is killed part way, a second run resumes from the manifest, and in the
// end every good file is stored exactly once, the refused one is reported, and --wait sees the batch finished.
import type { ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kehoach as cli, collect, ROOT, serveEmbedded } from '../helpers/cli.js';
import { planText, waitFor } from '../server/harness.js';

describe('kehoach upload', () => {
  const work = mkdtempSync(join(tmpdir(), 'kehoach-upload-'));
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    rmSync(work, { recursive: true, force: true });
  });

  it('uploads a folder of 300 files, resumes after a kill, stores each good file once', async () => {
    const folder = join(work, 'archive');
    mkdirSync(join(folder, 'nested', 'deeper'), { recursive: true });
    for (let i = 0; i < 296; i++) {
      const dir = i % 3 === 0 ? folder : i % 3 === 1 ? join(folder, 'nested') : join(folder, 'nested', 'deeper');
      writeFileSync(join(dir, `plan-${i}.txt`), planText(i, 'upload'));
    }
    copyFileSync(join(ROOT, 'fixtures/seed-000-docx/input.docx'), join(folder, 'seed-000.docx'));
    copyFileSync(join(ROOT, 'fixtures/seed-003-pdf/input.pdf'), join(folder, 'seed-003.pdf'));
    copyFileSync(join(ROOT, 'fixtures/corpus-B02-scan-pdf/input.pdf'), join(folder, 'nested', 'scan.pdf'));
    // An executable is no document: the server refuses it, and only it.
    writeFileSync(join(folder, 'setup.exe'), Buffer.concat([Buffer.from('MZ\x90\x00'), Buffer.alloc(4000, 7)]));
    writeFileSync(join(folder, '.hidden-notes.txt'), 'not sent');
    writeFileSync(join(folder, 'Thumbs.db'), 'not sent');

    const { child: serve, url: server, adminKey: key } = await serveEmbedded(work);
    children.push(serve);

    const manifest = join(work, 'manifest.jsonl');
    const args = ['upload', folder, '--server', server, '--batch', 'Lưu trữ 2011', '--manifest', manifest];
    const env = { KEHOACH_API_KEY: key };
    // First run: killed once at least 40 files are acknowledged.
    const first = cli([...args, '--concurrency', '2'], env);
    children.push(first);
    const firstDone = collect(first);
    const acked = () =>
      existsSync(manifest)
        ? readFileSync(manifest, 'utf8')
            .split('\n')
            .filter((l) => l.includes('"kind":"file"')).length
        : 0;
    await waitFor(async () => (acked() >= 40 ? true : undefined), 60_000);
    first.kill('SIGKILL');
    await firstDone;
    const acknowledged = acked();
    expect(acknowledged).toBeGreaterThanOrEqual(40);
    expect(acknowledged).toBeLessThan(300);

    // Second run resumes, sends the rest and waits for the batch.
    const second = cli([...args, '--concurrency', '4', '--wait'], env);
    children.push(second);
    const { code, out } = await collect(second);
    expect(out).toMatch(new RegExp(`${acknowledged} acknowledged by an earlier run`));
    expect(out).toMatch(/refused: .*setup\.exe: unsupported-document-type/);
    expect(out).toMatch(/refused 1\b/);
    expect(out).toMatch(/processed: 299\/299/);
    expect(out).not.toMatch(/hidden-notes|Thumbs\.db/);
    expect(code).toBe(1); // one file refused

    const batchId = /batch ([0-9a-f-]{36})/.exec(out)![1]!;
    const auth = { authorization: `Bearer ${key}` };
    const batch = (await (await fetch(`${server}/v1/batches/${batchId}`, { headers: auth })).json()) as {
      name: string;
      total: number;
      counts: Record<string, number>;
    };
    expect(batch.name).toBe('Lưu trữ 2011');
    expect(batch.total).toBe(299);
    const items: { id: string; fileName: string }[] = [];
    for (let cursor: string | null = ''; cursor !== null; ) {
      const page = (await (
        await fetch(`${server}/v1/documents?batch=${batchId}&limit=200${cursor ? `&cursor=${cursor}` : ''}`, {
          headers: auth,
        })
      ).json()) as { items: { id: string; fileName: string }[]; nextCursor: string | null };
      items.push(...page.items);
      cursor = page.nextCursor;
    }
    const list = { items };
    expect(list.items).toHaveLength(299);
    const names = list.items.map((d) => d.fileName).sort();
    expect(new Set(names).size).toBe(299);
    expect(names).toContain('scan.pdf');
    expect(names).not.toContain('setup.exe');

    // A third run finds nothing left to send.
    const third = await collect(cli(args, env));
    expect(third.out).toMatch(/300 acknowledged by an earlier run/);
    expect(third.code).toBe(1); // the refused file stays refused, and is reported again
    serve.kill('SIGTERM');
  }, 240_000);
});
