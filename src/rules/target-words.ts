// Words that place targets in a plan and date them, as data (Nghị định 30/2020/NĐ-CP layout: the objectives
// sit in a section "MỤC TIÊU", split into a general aim "Mục tiêu chung/tổng quát" and specific targets
// "Mục tiêu cụ thể", often numbered "Chỉ tiêu N:"; other sections may carry a sub-item "Các chỉ tiêu …").
import { z } from 'zod';

const TargetWordsSchema = z.object({
  /** A Roman-numeral section whose title contains one of these holds the plan's objectives. */
  objectiveSection: z.array(z.string().min(1)).min(1),
  /** An item whose text starts with one of these opens a block of targets anywhere in the body. */
  targetHeads: z.array(z.string().min(1)).min(1),
  /** Qualifiers after "Mục tiêu" that mark the general aim: a target only where it states values. */
  generalAim: z.array(z.string().min(1)).min(1),
  /** A line containing one of these and ending with ":" introduces a list of targets. */
  listIntro: z.array(z.string().min(1)).min(1),
  /** Words before "năm 2025" (or a bare "2025") that date a value. */
  yearLead: z.array(z.string().min(1)).min(1),
  /** Words before a full date ("trước ngày 31/12/2023") that make its year a deadline, besides `yearLead`. */
  dateLead: z.array(z.string().min(1)).min(1),
  /** Words before a year phrase that make it the baseline of a change ("tăng 10% so với năm 2020"). */
  baselineLead: z.array(z.string().min(1)).min(1),
  /** Words before a year phrase that keep an earlier value ("duy trì đến năm 2030"): not a new due year. */
  maintain: z.array(z.string().min(1)).min(1),
  /** Phrases that say a value recurs or holds indefinitely: its year is null, and that is stated. */
  recurring: z.array(z.string().min(1)).min(1),
});
export type TargetWords = z.infer<typeof TargetWordsSchema>;

export const TARGET_WORDS: TargetWords = TargetWordsSchema.parse({
  objectiveSection: ['mục tiêu'],
  targetHeads: ['mục tiêu', 'các mục tiêu', 'chỉ tiêu', 'các chỉ tiêu', 'một số chỉ tiêu', 'nhóm chỉ tiêu'],
  generalAim: ['chung', 'tổng quát', 'tổng thể'],
  listIntro: ['chỉ tiêu', 'mục tiêu cụ thể'],
  yearLead: ['vào', 'đến', 'tới', 'trong', 'hết', 'cuối', 'đầu', 'đến hết', 'đến cuối', 'vào cuối', 'tính đến'],
  dateLead: ['trước', 'chậm nhất', 'xong trước', 'hoàn thành trước'],
  baselineLead: ['so với', 'so với cùng kỳ', 'so cùng kỳ', 'so với mức', 'so với kết quả', 'so với thời điểm'],
  maintain: ['duy trì', 'giữ vững', 'tiếp tục duy trì', 'duy trì tỷ lệ này', 'duy trì kết quả'],
  recurring: [
    'hằng năm',
    'hàng năm',
    'mỗi năm',
    'các năm tiếp theo',
    'những năm tiếp theo',
    'năm tiếp theo',
    'các năm sau',
  ],
});
