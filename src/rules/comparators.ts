// Comparator words of target values, as data. Plans state bounds in words placed before the number
// ("dưới 5%", "tối thiểu 80%", "không thấp hơn 90%") or, for a few, after it ("20 doanh nghiệp trở lên").
// Longer phrases must win over the words they contain ("không thấp hơn" is gte, "thấp hơn" lt, "hơn" gt):
// the matcher tries the longest phrase first, so order here does not matter.
import { z } from 'zod';
import { type Comparator, ComparatorSchema } from '../contract/schema.js';

const ComparatorTableSchema = z.object({
  /** Phrases written immediately before the number. */
  before: z.array(z.object({ phrase: z.string().min(1), comparator: ComparatorSchema })).min(1),
  /** Phrases written immediately after the number and its unit. */
  after: z.array(z.object({ phrase: z.string().min(1), comparator: ComparatorSchema })).min(1),
  /** Words that open a range "từ 20% đến 30%": the first bound is gte, the second (after "đến") lte. */
  rangeOpen: z.array(z.string().min(1)).min(1),
  rangeClose: z.array(z.string().min(1)).min(1),
});
export type ComparatorTable = z.infer<typeof ComparatorTableSchema>;

const entries = (comparator: Comparator, phrases: string[]) => phrases.map((phrase) => ({ phrase, comparator }));

export const COMPARATOR_WORDS: ComparatorTable = ComparatorTableSchema.parse({
  before: [
    ...entries('lt', ['dưới', 'thấp hơn', 'nhỏ hơn', 'ít hơn', 'chưa đến', 'chưa tới', 'không đến', '<']),
    ...entries('gt', ['trên', 'hơn', 'vượt', 'vượt trên', 'cao hơn', 'lớn hơn', 'nhiều hơn', '>']),
    ...entries('gte', [
      'tối thiểu',
      'tối thiểu là',
      'ít nhất',
      'ít nhất là',
      'không thấp hơn',
      'không dưới',
      'không ít hơn',
      'không nhỏ hơn',
      '≥',
      '>=',
    ]),
    ...entries('lte', [
      'tối đa',
      'tối đa là',
      'không quá',
      'không vượt quá',
      'không vượt',
      'không cao hơn',
      'không lớn hơn',
      'không nhiều hơn',
      'nhiều nhất',
      'cao nhất',
      '≤',
      '<=',
    ]),
  ],
  after: [...entries('gte', ['trở lên']), ...entries('lte', ['trở xuống'])],
  rangeOpen: ['từ'],
  rangeClose: ['đến', 'tới', '-', '–'],
});
