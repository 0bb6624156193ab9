// Proper names broken across lines: "… Mặt trận Tổ quốc" / "Việt Nam tỉnh, …". The next line starts with a
// capital, which alone would open a paragraph; the pair of words around the break inside a known body's name
// says it is one phrase. Built from the agency table (canonical names and written variants).
import { AGENCY_TABLE } from '../rules/agencies.js';

const SPACE_RE = /\s+/u;
const UPPER_START_RE = /^\p{Lu}/u;

/** "two words before the break|first word after", for every break inside a name where the right word is capitalised. */
function nameBreaks(): Set<string> {
  const keys = new Set<string>();
  for (const entry of AGENCY_TABLE.entries) {
    for (const name of [entry.canonical, ...entry.variants]) {
      const words = name.split(SPACE_RE).filter((w) => w !== '');
      for (let k = 2; k < words.length; k++) {
        const right = words[k]!;
        if (UPPER_START_RE.test(right)) keys.add(`${words[k - 2]} ${words[k - 1]}|${right}`);
      }
    }
  }
  return keys;
}

const NAME_BREAKS = nameBreaks();

/** Does the break between `a` and `b` fall inside a known name ("Tổ quốc" / "Việt Nam")? */
export function breaksInsideName(a: string, b: string): boolean {
  const left = a.trimEnd().split(SPACE_RE).slice(-2);
  const right = b.trimStart().split(SPACE_RE, 1)[0];
  if (left.length < 2 || !right) return false;
  return NAME_BREAKS.has(`${left.join(' ')}|${right}`);
}
