// Vietnamese number notation: "." groups thousands ("2.104.470"), "," is the decimal mark ("99,1").
// Real tables also carry the English "9.5"; such readings are returned with ambiguous = true.
export interface ParsedNumber {
  value: number;
  /** True when the notation admits two readings (e.g. "1.500": 1500 or 1.5). */
  ambiguous: boolean;
}

/** Parses one number written the Vietnamese way; null when `s` is not a number. */
export function parseVnNumber(_s: string): ParsedNumber | null {
  return null;
}
