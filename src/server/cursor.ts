// Opaque list cursors: base64url of a versioned position, refused with 400 when not one this API returned.
import { HttpProblem } from './problem.js';

const CURSOR_PREFIX = 'v1:';
export function encodeCursor(seq: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${seq}`).toString('base64url');
}
export function decodeCursor(cursor: string): number {
  const raw = Buffer.from(cursor, 'base64url').toString('utf8');
  const seq = raw.startsWith(CURSOR_PREFIX) ? Number(raw.slice(CURSOR_PREFIX.length)) : Number.NaN;
  if (!Number.isSafeInteger(seq) || seq < 0) {
    throw new HttpProblem('invalid-query', 'Invalid query: cursor is not one this API returned.');
  }
  return seq;
}

const KEY_PREFIX = 'k1:';

/** A cursor over a (text key, seq) order, such as search results sorted by date. */
export function encodeKeyCursor(key: string, seq: number): string {
  return Buffer.from(`${KEY_PREFIX}${seq}:${key}`).toString('base64url');
}
export function decodeKeyCursor(cursor: string): { key: string; seq: number } {
  const raw = Buffer.from(cursor, 'base64url').toString('utf8');
  const m = raw.startsWith(KEY_PREFIX) ? /^(\d+):(.{0,40})$/s.exec(raw.slice(KEY_PREFIX.length)) : null;
  const seq = m ? Number(m[1]) : Number.NaN;
  if (!m || !Number.isSafeInteger(seq)) {
    throw new HttpProblem('invalid-query', 'Invalid query: cursor is not one this API returned.');
  }
  return { key: m[2]!, seq };
}
