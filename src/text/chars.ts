// Character tests written out, for scans that run over every character of a document.

/** JavaScript's `\s` (what /\s/ matches), on one UTF-16 code unit. */
export function isSpace(c: number): boolean {
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/**
 * Whether cleaning `text` (dropping "*" — and "_" when `underscore` — and collapsing whitespace runs to one space)
 * can change more than its ends: a marker, a blank other than the space, or two spaces in a row. The same as
 * /[*]|[^\S ]| {2}/ (or /[*_]|\s\s|[^\S ]/), without a regex's alternation tried at every position.
 */
export function needsCleaning(text: string, underscore: boolean): boolean {
  let prevSpace = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32) {
      if (prevSpace) return true;
      prevSpace = true;
      continue;
    }
    prevSpace = false;
    if (c === 42 || (underscore && c === 95)) return true;
    if (isSpace(c)) return true;
  }
  return false;
}
