// The gold format: what a person read in a fixture's source, field by field, written by hand
// (or, for fixtures whose expected.json was already checked by eye, derived from it by derive-gold.ts).
// Gold is independent of the extractor's output format: only the facts a reviewer would check.
//
// Rules of the format (the eval relies on them):
// - A field that is ABSENT from gold is not evaluated (nobody checked it). A metadata field set to null
//   means "the document states none": any value the extractor gives there is wrong.
// - `targets.values` lists the clearly stated target values; `targets.ambiguous` lists values a person
//   could not settle (left out on purpose, with a note): predictions equal to one of them are ignored,
//   neither right nor wrong.
// - Numbers may be written as JSON numbers or as Vietnamese-formatted strings ("2.104.470.000", "5,5").
// - `agencies` are canonical names (the names of src/rules' agency table where one exists); an entry may be a
//   list of accepted names for one body (its canonical name and its name as printed, e.g.
//   ["Hải quan", "Chi cục Hải quan khu vực XIX"]), so renaming a canonical entry does not read as an error.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseVnNumber } from '../numbers/parse.js';

/** A number as JSON number or as Vietnamese-formatted text; always parsed to a number. */
export const GoldNumberSchema = z.union([z.number(), z.string()]).transform((v, ctx) => {
  if (typeof v === 'number') return v;
  const parsed = parseVnNumber(v.replace(/\s+/g, ''), { notation: 'vn' });
  if (parsed === null) {
    ctx.addIssue({ code: 'custom', message: `not a number: ${JSON.stringify(v)}` });
    return z.NEVER;
  }
  return parsed.value;
});

export const DocumentKindSchema = z.enum(['plan', 'plan-by-decision', 'decision', 'directive', 'letter', 'other']);

export const GoldTargetValueSchema = z.object({
  value: GoldNumberSchema,
  unit: z.string(),
  /** Year the value is due; null when the text gives none. */
  year: z.int().nullable(),
  /** "giảm từ A xuống B": B is the value, A the baseline. */
  baseline: GoldNumberSchema.optional(),
  /** "05 - 06%/năm": both ends of a range. */
  min: GoldNumberSchema.optional(),
  max: GoldNumberSchema.optional(),
  /** Where in the source the value stands (line number or a quote), for the reviewer. */
  where: z.string().optional(),
});
export type GoldTargetValue = z.infer<typeof GoldTargetValueSchema>;

export const GoldSchema = z.object({
  /** Fixture folder name. */
  case: z.string(),
  /**
   * "hand": written by reading the source line by line; "expected.json": derived from a by-eye-checked
   * expected file (derive-gold.ts); "reviewed": derived, then reviewed line by line against the source and
   * corrected by hand. derive-gold.ts never overwrites "hand" or "reviewed".
   */
  origin: z.enum(['hand', 'expected.json', 'reviewed']),
  /** Who/when checked it, and anything left out on purpose with the reason. */
  notes: z.array(z.string()).default([]),
  metadata: z
    .object({
      issuer: z.string().nullable().optional(),
      province: z.string().nullable().optional(),
      documentNumber: z.string().nullable().optional(),
      issuedDate: z.iso.date().nullable().optional(),
      title: z.string().nullable().optional(),
      signerName: z.string().nullable().optional(),
      kind: DocumentKindSchema.optional(),
    })
    .default({}),
  /** Top-level sections: numeral ("I", "II" …) and title as printed. */
  sections: z.array(z.object({ numeral: z.string(), title: z.string() })).optional(),
  targets: z
    .object({
      values: z.array(GoldTargetValueSchema),
      ambiguous: z.array(GoldTargetValueSchema.extend({ why: z.string() })).default([]),
    })
    .optional(),
  /** Canonical names of every body given duties in the implementation part. */
  agencies: z.array(z.union([z.string(), z.array(z.string()).min(1)])).optional(),
  /** Total budget in đồng; null when the plan states no total. */
  budgetTotal: GoldNumberSchema.nullable().optional(),
  /** Grand totals of budget tables, in đồng (already multiplied by the table's unit). */
  tableTotals: z.array(z.object({ label: z.string(), value: GoldNumberSchema })).optional(),
});
export type Gold = z.infer<typeof GoldSchema>;
export type GoldInput = z.input<typeof GoldSchema>;

export function readGold(file: string): Gold {
  return GoldSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}
