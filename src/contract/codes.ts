// One catalogue of every flag and diagnostic code: clients get codes, people get text.
// The README's code table is generated from (and tested against) this list.
export interface CodeInfo {
  description: string;
  /** Where the code appears: on a value (flag), on the document (diagnostic), or both. */
  scope: 'flag' | 'diagnostic' | 'both';
}

export const CODES = {
  inferred: {
    scope: 'flag',
    description: 'Value not stated where expected, inferred from elsewhere (e.g. province from the body text).',
  },
  wrapped: { scope: 'flag', description: 'Value reassembled from lines broken mid-phrase.' },
  'ambiguous-number': {
    scope: 'both',
    description: 'A number whose reading is uncertain (e.g. "1.500": 1500 or 1.5).',
  },
  'sum-mismatch': {
    scope: 'both',
    description: 'A table\'s row or column, or a stated total\'s breakdown ("trong đó: …"), does not add up.',
  },
  'words-mismatch': { scope: 'both', description: 'An amount in words disagrees with its digits.' },
  'table-conflict': {
    scope: 'both',
    description: 'A narrative target disagrees with the same target in a summary table.',
  },
  'unknown-agency': { scope: 'flag', description: 'An agency name not in the canonical list.' },
  'numbering-gap': { scope: 'both', description: 'Numbered items skip (e.g. 9 → 12), a sign of missing text.' },
  'irregular-row': { scope: 'both', description: 'A table row whose cell count does not fit the header.' },
  'no-text-layer': {
    scope: 'diagnostic',
    description: 'The PDF has no text layer (a scan); nothing could be read without OCR.',
  },
  'reader-message': {
    scope: 'diagnostic',
    description: "A note from the format reader (e.g. mammoth's unrecognised Word style).",
  },
  'pages-truncated': {
    scope: 'diagnostic',
    description: 'The PDF has more pages than the reader accepts; only the first were read.',
  },
  'partial-text-layer': {
    scope: 'diagnostic',
    description: 'Some PDF pages have no text layer (scanned pages); their content is missing.',
  },
  'repeated-numeral': {
    scope: 'both',
    description: 'A section numeral is used twice (e.g. two "III."); sections kept in order.',
  },
  'part-skipped': {
    scope: 'diagnostic',
    description: 'A document part (PHẦN) reviewing past results; its headings are not plan sections.',
  },
  'no-sections': { scope: 'diagnostic', description: 'No Roman-numeral sections were found in the body.' },
  missing: {
    scope: 'flag',
    description: 'A value every issued plan states (number, date, issuer, signer, …) was not found.',
  },
  draft: {
    scope: 'flag',
    description: 'The document is an unissued draft: number or date left blank ("Số: …/KH-UBND").',
  },
  'unknown-province': { scope: 'flag', description: 'A province or city name not in the provinces table.' },
  'date-invalid': { scope: 'flag', description: 'A date that does not exist or lies outside the plausible range.' },
  corrected: { scope: 'flag', description: 'Value corrected by a reviewer (confidence set to high).' },
  accepted: { scope: 'flag', description: 'Value checked and accepted as extracted by a reviewer.' },
  'correction-stale': {
    scope: 'both',
    description: 'A reviewer correction no longer fits the new extraction; kept, not applied, sent back to review.',
  },
  'agency-typo': { scope: 'flag', description: 'An agency name with a typo, resolved to the nearest canonical name.' },
  'agency-head': { scope: 'flag', description: 'The head of a body is named instead of the body ("Giám đốc các Sở").' },
  'no-duties': { scope: 'flag', description: 'A body named as responsible with no duty text under it.' },
  'year-missing': {
    scope: 'flag',
    description: 'A target value whose due year neither its line, a heading above nor the plan states.',
  },
  'budget-table-mismatch': {
    scope: 'both',
    description: "The plan's stated budget total disagrees with its budget table's total.",
  },
  'budget-several-amounts': {
    scope: 'flag',
    description: 'Several amounts could be the budget total; the likeliest was chosen.',
  },
  'type-mismatch': { scope: 'flag', description: 'The document type line disagrees with the type code of its number.' },
  'number-set-aside': {
    scope: 'flag',
    description:
      'A count on a target line was read as describing what a value measures, but may be a target of its own.',
  },
  'spelled-out': {
    scope: 'flag',
    description: 'A count spelled out in words after a verb ("xây dựng hai mô hình"): read, not stated as a bound.',
  },
  'run-in': {
    scope: 'flag',
    description: 'Value read from a line the reader ran together with its neighbours (layout lost).',
  },
  'split-row': { scope: 'both', description: 'A table row broken by a page break; its two parts were joined.' },
  'header-uncertain': {
    scope: 'both',
    description: "A table's multi-level header was rebuilt with contradictory spans; its column names may be off.",
  },
  'misaligned-rows': {
    scope: 'both',
    description: "A table's rows were rebuilt out of line (its numbering runs down a data column); figures unreliable.",
  },
  'from-sentence': {
    scope: 'flag',
    description:
      'Bodies read from a sentence assigning duties ("Cơ quan thực hiện: Sở X chủ trì …"); others it names may be missed.',
  },
  approximate: {
    scope: 'flag',
    description: 'An amount stated as approximate ("khoảng 3,5 tỷ đồng", "ước tính", "trên").',
  },
  'per-year': {
    scope: 'flag',
    description:
      'The budget found is a yearly figure ("2,5 tỷ đồng/năm", "năm 2024 là …"), not the whole period\'s total.',
  },
  'legacy-encoding': {
    scope: 'diagnostic',
    description:
      'Text in a legacy Vietnamese encoding (TCVN3/ABC, VNI, VISCII, Windows-1258) was converted to Unicode; the message names it.',
  },
  'garbled-text': {
    scope: 'both',
    description:
      'The text (of the document or of this value) does not read as Vietnamese (mojibake, bad OCR); never high confidence.',
  },
  'no-readable-text': {
    scope: 'diagnostic',
    description:
      'Nothing readable was found (empty, a scan without text, or garbage); the document goes to review as one item.',
  },
  ocr: {
    scope: 'both',
    description:
      'Read by OCR from a scan or image (Tesseract, Vietnamese model); on the document, the pages read, the engine and the mean word confidence.',
  },
  'ocr-low-confidence': {
    scope: 'flag',
    description:
      'OCR was unsure of a word of the value (word confidence below 90/100): check it against the page image.',
  },
  'ocr-truncated': {
    scope: 'diagnostic',
    description:
      'Not every scanned page was read: the OCR page cap or time budget was reached; the pages left out are named.',
  },
  'ocr-page-failed': {
    scope: 'diagnostic',
    description: 'A scanned page could not be rendered or read by OCR; the other pages were read.',
  },
  'ocr-rotated': {
    scope: 'diagnostic',
    description: 'A page was scanned sideways or upside down and was turned upright before OCR.',
  },
  'numeral-repaired': {
    scope: 'both',
    description:
      'A section numeral misread by OCR ("II" for "III", "Il" for "II") was corrected from the numbering sequence; check it on the page image.',
  },
  illegible: {
    scope: 'flag',
    description:
      'Filled in (by hand, by stamp) but not readable by OCR, e.g. a handwritten day in a scanned header: not a draft; the value is read from what is legible and the e-signature time, never high.',
  },
  'fuzzy-match': {
    scope: 'flag',
    description:
      'Read up to OCR noise: the text matched a rule-table phrase (a heading, an agency name) within the distance limit and was taken as that phrase; never high.',
  },
  'not-a-plan': {
    scope: 'flag',
    description:
      'The document is not a plan (a decision, letter, report, web page …): its target, duty or budget is kept but not trusted.',
  },
  'uncertain-kind': {
    scope: 'flag',
    description: 'The document was taken for a plan without a type line or number saying so; its values need a look.',
  },
  'no-header': {
    scope: 'flag',
    description: 'The document has no header (type line, number) saying what it is: its kind is a guess.',
  },
} as const satisfies Record<string, CodeInfo>;

export type Code = keyof typeof CODES;
