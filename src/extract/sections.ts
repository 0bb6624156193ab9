// The contract's Section[] view of the outline. A section whose numbering is irregular (repeated numeral,
// skipped numeral or skipped items) is kept but marked medium: its boundaries may be wrong or text missing.
// A heading read by OCR has its title words matched to the heading phrases of the rule table up to OCR noise
// (src/rules/fuzzy.ts: a wrong, dropped or doubled diacritic or a look-alike costs half a letter, within half an
// error per 4 letters): "MỤC TIỂU" is given as "MỤC TIÊU", flagged `fuzzy-match` and never high.
import type { Item, Section } from '../contract/schema.js';
import type { Doc, Outline, OutlineItem } from '../doc/types.js';
import { fuzzyEquals } from '../rules/fuzzy.js';
import { foldName } from '../rules/provinces.js';
import { HEADING_WORDS, SECTION_ALIASES } from '../rules/sections.js';

function toItem(item: OutlineItem): Item {
  return { label: item.label, text: item.text, source: item.span, items: item.items.map(toItem) };
}

const PHRASES = [...SECTION_ALIASES.flatMap((a) => a.phrases), ...HEADING_WORDS]
  .map((p) => ({ phrase: p, words: p.split(' '), folded: foldName(p) }))
  // Longest first, so "tổ chức thực hiện" is tried before "phân công".
  .sort((a, b) => b.words.length - a.words.length);

const TRAILING_PUNCT_RE = /[,.;:]+$/u;

/** The phrase written in the case of the words it replaces (upper-case headings stay upper case). */
function inCaseOf(phrase: string, written: string): string {
  const letters = written.replace(/[^\p{L}]/gu, '');
  if (letters !== '' && letters === letters.toUpperCase()) return phrase.toUpperCase();
  return /^\p{Lu}/u.test(written) ? phrase.charAt(0).toUpperCase() + phrase.slice(1) : phrase;
}

/** The title with OCR-misread heading phrases restored, or null when nothing was repaired. */
function repairHeading(title: string): string | null {
  const words = title.split(' ');
  const fixed = new Array<boolean>(words.length).fill(false);
  let repaired = false;
  for (const p of PHRASES) {
    for (let i = 0; i + p.words.length <= words.length; i++) {
      const span = words.slice(i, i + p.words.length);
      if (span.some((_, k) => fixed[i + k])) continue;
      const tail = TRAILING_PUNCT_RE.exec(span.at(-1) ?? '')?.[0] ?? '';
      const window = span.join(' ').slice(0, span.join(' ').length - tail.length);
      if (foldName(window) === p.folded) {
        for (let k = 0; k < span.length; k++) fixed[i + k] = true;
        continue;
      }
      if (!fuzzyEquals(window, p.phrase)) continue;
      const replacement = `${inCaseOf(p.phrase, window)}${tail}`.split(' ');
      words.splice(i, span.length, ...replacement);
      fixed.splice(i, span.length, ...replacement.map(() => true));
      repaired = true;
    }
  }
  return repaired ? words.join(' ') : null;
}

export function extractSections(doc: Doc, outline: Outline): Section[] {
  return outline.sections.map((s) => {
    const flags = [...s.flags];
    let title = s.title;
    if (doc.lines[s.headLine]?.geo?.ocr) {
      const repaired = repairHeading(title);
      if (repaired !== null) {
        title = repaired;
        flags.push('fuzzy-match');
      }
    }
    return {
      numeral: s.numeral,
      number: s.number,
      title,
      confidence: flags.length > 0 ? 'medium' : 'high',
      flags,
      source: s.span,
      items: s.items.map(toItem),
    };
  });
}
