// The line cleaning the extractors share: markdown emphasis a reader left ("**", "*", "__") dropped and runs of
// whitespace made one space. Every stage cleans the same lines again: remembered per line (src/text/memo.ts).
import { needsCleaning } from './chars.js';
import { memoise } from './memo.js';

/** Line text without leading/trailing blanks, "*" markers and whitespace runs. */
export const cleanText = memoise((text: string): string =>
  // Most lines hold no markers and only single spaces: trimming is all the replacements would do.
  needsCleaning(text, false) ? text.replace(/\*+/g, '').replace(/\s+/g, ' ').trim() : text.trim(),
);

/** cleanText, dropping "_" as well. */
export const cleanMarkup = memoise((text: string): string =>
  needsCleaning(text, true) ? text.replace(/[*_]+/g, '').replace(/\s+/g, ' ').trim() : text.trim(),
);
