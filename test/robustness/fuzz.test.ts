// Fuzz and stress: damaged and hostile variants of real plans never throw and always give a schema-valid
// extraction. Mutations are drawn from a seeded generator so a failure can be replayed; times are printed
// (speed goals live in benchmarks, not in assertions) and only a generous per-case timeout bounds them.
import { afterAll, describe, expect, it } from 'vitest';
import { ExtractionSchema } from '../../src/contract/schema.js';
import { UnreadableDocumentError } from '../../src/errors.js';
import { run, textCases } from './harness.js';

/** mulberry32: a tiny seeded PRNG, so every mutated input is reproducible from its seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

// Characters that break naive parsers: combining marks, decomposed Vietnamese, bidi controls, surrogate pairs,
// lone surrogates, zero-width characters, fullwidth digits, Unicode line separators. Control characters are
// tested apart: past a few, the reader rightly refuses the file as binary (a typed UnreadableDocumentError).
const HOSTILE = [
  '\u0301',
  'e\u0302\u0301',
  '\u202E',
  '\u200B',
  '\uFEFF',
  '\uD83D\uDE00',
  '\uD800',
  '\uDC00',
  '\u2028',
  '\u2029',
  '１２３',
  '\u00A0',
  '|',
  '\t',
  '%',
  '…',
  '(',
  ')',
  ':',
  '2030.',
  'I.',
  '-',
];

type Mutation = (lines: string[], r: () => number) => string[];

const MUTATIONS: Record<string, Mutation> = {
  'delete lines': (ls, r) => ls.filter(() => r() > 0.15),
  'duplicate lines': (ls, r) => ls.flatMap((l) => (r() < 0.1 ? [l, l] : [l])),
  'shuffle blocks': (ls, r) => {
    const blocks: string[][] = [];
    for (let i = 0; i < ls.length; i += 12) blocks.push(ls.slice(i, i + 12));
    for (let i = blocks.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [blocks[i], blocks[j]] = [blocks[j]!, blocks[i]!];
    }
    return blocks.flat();
  },
  truncate: (ls, r) => {
    const text = ls.join('\n');
    return text.slice(0, Math.floor(r() * text.length)).split('\n');
  },
  'random Unicode': (ls, r) =>
    ls.map((l) => {
      if (r() > 0.2 || l.length === 0) return l;
      const at = Math.floor(r() * l.length);
      return l.slice(0, at) + pick(r, HOSTILE) + l.slice(at);
    }),
  'drop every "|"': (ls) => ls.filter((l) => l.trim() !== '|'),
  'pipes everywhere': (ls, r) => ls.flatMap((l) => (r() < 0.3 ? [l, '|'] : [l])),
};

const cases = textCases().filter((c) => !c.name.includes('-docx') && !c.name.includes('-pdf'));
const timings: { name: string; ms: number; chars: number }[] = [];

async function checked(name: string, text: string): Promise<void> {
  const started = performance.now();
  const x = await run(text);
  timings.push({ name, ms: performance.now() - started, chars: text.length });
  expect(ExtractionSchema.safeParse(x).success).toBe(true);
  // Every span points inside the document.
  for (const t of x.targets) expect(t.source.end).toBeLessThanOrEqual(x.document.chars);
  for (const r of x.responsibilities) expect(r.source.end).toBeLessThanOrEqual(x.document.chars);
}

afterAll(() => {
  const worst = [...timings].sort((a, b) => b.ms - a.ms).slice(0, 5);
  console.log(
    `robustness: ${timings.length} cases; slowest: ${worst
      .map((w) => `${w.name} ${w.ms.toFixed(0)} ms (${(w.chars / 1024).toFixed(0)} KiB)`)
      .join('; ')}`,
  );
});

describe('random mutations of real plans', () => {
  for (const c of cases) {
    for (const [m, mutate] of Object.entries(MUTATIONS)) {
      it(`${c.name}: ${m}`, async () => {
        for (let seed = 1; seed <= 3; seed++) {
          const r = rng(seed * 7919 + c.name.length);
          await checked(`${c.name} ${m} #${seed}`, mutate(c.text.split('\n'), r).join('\n'));
        }
      });
    }
  }
});

describe('stress inputs', () => {
  const seed = cases.find((c) => c.name === 'seed-003') ?? cases[0]!;
  const STRESS: Record<string, () => string> = {
    'only blank lines': () => '\n'.repeat(10_000),
    '1 MB of repeated plan lines': () => {
      const lines = seed.text.split('\n');
      const out: string[] = [];
      let size = 0;
      for (let i = 0; size < 1_000_000; i++) {
        const l = lines[i % lines.length]!;
        out.push(l);
        size += l.length + 1;
      }
      return out.join('\n');
    },
    'one 200k-character line': () => seed.text.replace(/\n/g, ' ').repeat(3).slice(0, 200_000),
    'a 100k-character line of digits and percents': () => `- Phấn đấu ${'1.000,5% '.repeat(11_000)}`,
    'deeply nested items "1.1.1.1.1.1."': () =>
      Array.from({ length: 2_000 }, (_, i) => `${'1.'.repeat(1 + (i % 12))} Nội dung cấp ${i % 12}`).join('\n'),
    '10k pipe lines': () => `${seed.text}\n${'|\n'.repeat(10_000)}`,
    '10k one-word cells': () => Array.from({ length: 10_000 }, (_, i) => `${i}\n|`).join('\n'),
    'thousands of section headings': () =>
      Array.from({ length: 3_000 }, (_, i) => `${['I', 'II', 'III', 'IV', 'V'][i % 5]}. MỤC TIÊU\n- Đạt ${i}%`).join(
        '\n',
      ),
    'thousands of agency lines': () =>
      Array.from({ length: 3_000 }, () => 'Sở Y tế chủ trì, phối hợp với Sở Tài chính, Công an tỉnh,').join('\n'),
    'random printable characters': () => {
      const r = rng(42);
      return Array.from({ length: 50_000 }, () => String.fromCharCode(0x20 + Math.floor(r() * 0x3000))).join('');
    },
    'two stray control characters from a Word copy': () =>
      seed.text.replace('\n', '\u0007\n').replace('KẾ HOẠCH', 'KẾ\u000bHOẠCH\u001f'),
  };
  for (const [name, make] of Object.entries(STRESS)) {
    it(name, async () => checked(name, make()), 120_000);
  }

  // The only failure allowed: a typed refusal of a file that is not a text document at all.
  it.each([
    ['an empty file', ''],
    ['a NUL byte', `${seed.text.slice(0, 500)}\u0000${seed.text.slice(500)}`],
    ['binary noise', String.fromCharCode(...Array.from({ length: 4096 }, (_, i) => (i * 37) % 32))],
  ])('%s is refused with UnreadableDocumentError', async (_, text) => {
    await expect(run(text)).rejects.toBeInstanceOf(UnreadableDocumentError);
  });
});
