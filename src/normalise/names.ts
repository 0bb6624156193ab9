// Proper names broken across lines: "… Mặt trận Tổ quốc" / "Việt Nam tỉnh, …". The next line starts with a
// capital, which alone would open a paragraph; the words around the break inside a known name say it is one
// phrase. Built from the agency table (canonical names and written variants) and a short list of proper names.
import { AGENCY_TABLE } from '../rules/agencies.js';
import { SPLIT_NAMES } from '../rules/normalise.js';

const SPACE_RE = /\s+/u;
const UPPER_START_RE = /^\p{Lu}/u;
const TRAILING_PUNCT_RE = /[,.;:)]+$/u;

/**
 * "words before the break|first word after", for every break inside a name where the word after is
 * capitalised. Agency names keep two words before the break: their single words ("Sở", "Nam", "Y tế") end
 * other phrases too. Proper names are distinctive from their first word ("Việt" / "Nam").
 */
function nameBreaks(): Set<string> {
  const keys = new Set<string>();
  const add = (name: string, minLeft: number) => {
    const words = name.split(SPACE_RE).filter((w) => w !== '');
    for (let k = minLeft; k < words.length; k++) {
      const right = words[k]!;
      if (UPPER_START_RE.test(right)) keys.add(`${words.slice(k - minLeft, k).join(' ')}|${right}`);
    }
  };
  for (const entry of AGENCY_TABLE.entries) for (const name of [entry.canonical, ...entry.variants]) add(name, 2);
  for (const name of SPLIT_NAMES) add(name, 1);
  return keys;
}

const NAME_BREAKS = nameBreaks();

/** Does the break between `a` and `b` fall inside a known name ("Tổ quốc" / "Việt Nam", "Việt" / "Nam")? */
export function breaksInsideName(a: string, b: string): boolean {
  const left = a.trimEnd().split(SPACE_RE);
  const right = b.trimStart().split(SPACE_RE, 1)[0]?.replace(TRAILING_PUNCT_RE, '');
  if (!right) return false;
  const one = left.slice(-1).join(' ');
  const two = left.length >= 2 ? left.slice(-2).join(' ') : '';
  return NAME_BREAKS.has(`${one}|${right}`) || (two !== '' && NAME_BREAKS.has(`${two}|${right}`));
}
