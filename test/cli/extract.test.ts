// The kehoach command as users run it: a real process, real files.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ExtractionSchema } from '../../src/contract/schema.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(path.join(tmpdir(), 'kehoach-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function kehoach(...args: string[]) {
  return spawnSync(process.execPath, ['bin/kehoach.js', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
}

describe('kehoach extract', () => {
  it('writes one JSON per input, named after the input, with a summary line each', () => {
    const inputs = path.join(work, 'in');
    mkdirSync(path.join(inputs, 'nested'), { recursive: true });
    copyFileSync(path.join(ROOT, 'fixtures/seed-000/input.txt'), path.join(inputs, 'ke-hoach-824.txt'));
    copyFileSync(path.join(ROOT, 'fixtures/seed-003-docx/input.docx'), path.join(inputs, 'nested', 'kh-359.docx'));
    writeFileSync(path.join(inputs, 'notes.xyz'), 'not a plan');
    const out = path.join(work, 'out');
    const r = kehoach('extract', '--out', out, inputs);
    expect(r.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['ke-hoach-824.json', 'kh-359.json']);
    const e = ExtractionSchema.parse(JSON.parse(readFileSync(path.join(out, 'ke-hoach-824.json'), 'utf8')));
    expect(e.metadata.documentNumber.value).toBe('824/KH-UBND');
    expect(e.document.fileName).toBe('ke-hoach-824.txt');
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /ke-hoach-824\.txt: 6 sections, 3 targets, 8 responsibilities, \d+ tables, \d+ fields to review/,
    );
  });

  it('reports an unreadable document and goes on (exit 0), writing its reason', () => {
    const dir = path.join(work, 'bad');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'broken.pdf'), '%PDF-1.7\n garbage garbage');
    copyFileSync(path.join(ROOT, 'fixtures/seed-004/input.txt'), path.join(dir, 'good.txt'));
    const out = path.join(work, 'bad-out');
    const r = kehoach('extract', '-o', out, dir);
    expect(r.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['broken.error.json', 'good.json']);
    expect(JSON.parse(readFileSync(path.join(out, 'broken.error.json'), 'utf8')).reason).toBe('corrupt-file');
    expect(r.stdout).toMatch(/broken\.pdf: not extracted \(corrupt-file\)/);
  });

  it('gives distinct names to inputs that share a base name', () => {
    const a = path.join(work, 'a');
    const b = path.join(work, 'b');
    mkdirSync(a, { recursive: true });
    mkdirSync(b, { recursive: true });
    copyFileSync(path.join(ROOT, 'fixtures/seed-002/input.txt'), path.join(a, 'plan.txt'));
    copyFileSync(path.join(ROOT, 'fixtures/seed-004/input.txt'), path.join(b, 'plan.txt'));
    const out = path.join(work, 'same-out');
    expect(kehoach('extract', '--out', out, a, b).status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['plan-2.json', 'plan.json']);
  });

  it('exits 2 on usage errors and 3 on unreadable paths', () => {
    expect(kehoach('extract').status).toBe(2);
    expect(kehoach('extract', '--bogus', 'x').status).toBe(2);
    expect(kehoach('frobnicate').status).toBe(2);
    const r = kehoach('extract', '--out', path.join(work, 'x'), path.join(work, 'does-not-exist.txt'));
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/cannot read .*does-not-exist\.txt: ENOENT/);
  });
});

describe('kehoach schema', () => {
  it('prints the JSON Schema of the contract', () => {
    const r = kehoach('schema');
    expect(r.status).toBe(0);
    const schema = JSON.parse(r.stdout) as {
      $schema: string;
      $defs: { Extraction: { properties: Record<string, unknown> } };
    };
    expect(schema.$schema).toContain('2020-12');
    // Open objects: version 1 may add fields, so clients validating with this schema must accept them.
    expect(r.stdout).not.toContain('"additionalProperties": false');
    expect(Object.keys(schema.$defs.Extraction.properties)).toEqual(
      expect.arrayContaining(['schemaVersion', 'metadata', 'sections', 'targets', 'responsibilities', 'budget']),
    );
  });
});

describe('kehoach extract on the parse pool', () => {
  it('writes compact JSON by default and the same value indented with --pretty, with any --jobs', () => {
    const dir = path.join(work, 'pool-in');
    mkdirSync(dir, { recursive: true });
    for (const c of ['seed-000', 'seed-002', 'seed-004']) {
      copyFileSync(path.join(ROOT, `fixtures/${c}/input.txt`), path.join(dir, `${c}.txt`));
    }
    const compact = path.join(work, 'pool-compact');
    const pretty = path.join(work, 'pool-pretty');
    expect(kehoach('extract', '-q', '--jobs', '2', '-o', compact, dir).status).toBe(0);
    expect(kehoach('extract', '-q', '--jobs', '1', '--pretty', '-o', pretty, dir).status).toBe(0);
    for (const c of ['seed-000', 'seed-002', 'seed-004']) {
      const a = readFileSync(path.join(compact, `${c}.json`), 'utf8');
      const b = readFileSync(path.join(pretty, `${c}.json`), 'utf8');
      expect(a.trimEnd().includes('\n')).toBe(false);
      expect(b).toBe(`${JSON.stringify(JSON.parse(a), null, 2)}\n`);
    }
  });

  it('refuses a --jobs that is not a positive integer', () => {
    const r = kehoach('extract', '--jobs', '0', 'fixtures/seed-000/input.txt');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--jobs must be a positive integer/);
  });
});
