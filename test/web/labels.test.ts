// Every flag and diagnostic code has Vietnamese wording in the review page.
import { describe, expect, it } from 'vitest';
import { CODES } from '../../src/contract/codes.js';
// @ts-expect-error: a plain browser module without types
import { FLAGS } from '../../src/web/static/labels.js';

describe('review page labels', () => {
  it('has Vietnamese text for every code of the catalogue', () => {
    const missing = Object.keys(CODES).filter((c) => !(c in (FLAGS as Record<string, string>)));
    expect(missing).toEqual([]);
  });
});
