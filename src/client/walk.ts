// Walks the folders and files given on the command line. Every regular file is sent (the server decides what it
// can read and refuses the rest, file by file) except hidden files and the litter file managers leave behind.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

export interface FoundFile {
  path: string;
  size: number;
  mtimeMs: number;
}

const LITTER = new Set(['thumbs.db', 'desktop.ini', '.ds_store']);

export async function walk(inputs: string[], exclude: Set<string> = new Set()): Promise<FoundFile[]> {
  const out: FoundFile[] = [];
  const visit = async (p: string, top: boolean): Promise<void> => {
    const abs = path.resolve(p);
    if (exclude.has(abs)) return;
    const st = await stat(abs);
    if (st.isDirectory()) {
      const entries = await readdir(abs);
      entries.sort((a, b) => a.localeCompare(b));
      for (const e of entries) {
        if (e.startsWith('.') || LITTER.has(e.toLowerCase())) continue;
        await visit(path.join(abs, e), false);
      }
    } else if (st.isFile() || top) {
      out.push({ path: abs, size: st.size, mtimeMs: st.mtimeMs });
    }
  };
  for (const input of inputs) await visit(input, true);
  return out;
}
