// Line texts, titles and names are asked about again by every stage (cleaned, lower-cased, folded, read for
// values). A pure function of one string, remembered per input string: V8 keeps a string's hash on the string,
// so asking again about the same line costs one map lookup. Bounded: cleared when full.

/** `fn` remembered per input string (at most `max` inputs, then forgotten all at once). */
export function memoise<T>(fn: (s: string) => T, max = 20_000): (s: string) => T {
  const memo = new Map<string, T>();
  return (s) => {
    const known = memo.get(s);
    if (known !== undefined || memo.has(s)) return known as T;
    const v = fn(s);
    if (memo.size >= max) memo.clear();
    memo.set(s, v);
    return v;
  };
}
