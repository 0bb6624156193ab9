// Vietnamese number words: "Hai tỷ một trăm lẻ bốn triệu bốn trăm bảy mươi ngàn đồng" → 2104470000.
/** Parses an amount spelled out in Vietnamese words; null when the text is not a well-formed amount. */
export function parseVnNumberWords(_text: string): number | null {
  return null;
}
