// Line texts, titles and names are asked about again by every stage (cleaned, lower-cased, folded, read for
// values). A pure function of one string, remembered per input string: V8 keeps a string's hash on the string,
// so asking again about the same line costs one map lookup. Bounded: cleared when full.
//
// Two lifetimes. What is remembered about a document's own lines (scope 'document') is forgotten when the next
// document starts (startDocument, called by the pipeline): it only saves the repeats within one document, and a
// batch of copies of the same plan is measured as honestly as a batch of different plans. What is remembered
// about the language (scope 'process': words, phrases, agency names, which every plan shares) stays, as warm
// rule tables do.

const documentScoped: Map<unknown, unknown>[] = [];

/** Forgets everything remembered about the previous document's lines. */
export function startDocument(): void {
  for (const m of documentScoped) m.clear();
}

/** A map emptied whenever a new document starts. */
export function documentMap<K, V>(): Map<K, V> {
  const m = new Map<K, V>();
  documentScoped.push(m as Map<string, unknown>);
  return m;
}

/** `fn` remembered per input string (at most `max` inputs, then forgotten all at once). */
export function memoise<T>(
  fn: (s: string) => T,
  { scope = 'document', max = 20_000 }: { scope?: 'document' | 'process'; max?: number } = {},
): (s: string) => T {
  const memo = new Map<string, T>();
  if (scope === 'document') documentScoped.push(memo as Map<unknown, unknown>);
  return (s) => {
    const known = memo.get(s);
    if (known !== undefined || memo.has(s)) return known as T;
    const v = fn(s);
    if (memo.size >= max) memo.clear();
    memo.set(s, v);
    return v;
  };
}
