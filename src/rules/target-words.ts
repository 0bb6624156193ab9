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
  /** "Hiện nay tỷ lệ … là 92%, phấn đấu …": the level reached so far, never a target. */
  statusLead: z.array(z.string().min(1)).min(1),
  /** "(giá so sánh năm 2010)": the year prices are measured in, never a due year. */
  priceYearLead: z.array(z.string().min(1)).min(1),
  /** Words before a year phrase that keep an earlier value ("duy trì đến năm 2030"): not a new due year. */
  maintain: z.array(z.string().min(1)).min(1),
  /** Phrases that say a value recurs or holds indefinitely: its year is null, and that is stated. */
  recurring: z.array(z.string().min(1)).min(1),
  /**
   * Words that move a value from a baseline: "giảm từ 3,5% xuống còn 2%", "tăng từ 40% lên 60%", "từ 1.200 người
   * còn 800 người". Written between the two numbers, after "từ A": A is the baseline, the number after is the value.
   */
  changeTo: z.array(z.string().min(1)).min(1),
  /** Words right before a part of a stated total ("…, trong đó có 20 doanh nghiệp"): it shares the total's bound. */
  partOf: z.array(z.string().min(1)).min(1),
  /**
   * Verbs that may count a spelled-out amount ("xây dựng hai mô hình"). A number word after anything else
   * ("ba trụ cột", "một cửa", "có một chuyển biến") is not a value unless a bound word precedes it ("ít nhất một").
   */
  countVerbs: z.array(z.string().min(1)).min(1),
  /** Words after a spelled-out number that make it an idiom, not an amount ("một số", "một cách", "hai bên"). */
  notCountedAfterWord: z.array(z.string().min(1)).min(1),
  /** Heads of blocks that state principles or purposes, never targets ("1. Quan điểm", "Mục đích, yêu cầu"). */
  notTargetHeads: z.array(z.string().min(1)).min(1),
  /** Words in a clause that make its value a yearly rate with "hằng năm"/"%/năm" ("tăng trưởng bình quân …"). */
  averageWords: z.array(z.string().min(1)).min(1),
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
  statusLead: ['hiện nay', 'hiện tại', 'hiện đạt', 'hiện có', 'đến nay', 'tính đến nay', 'tính đến thời điểm hiện tại'],
  priceYearLead: ['giá so sánh', 'theo giá so sánh', 'giá cố định', 'theo giá cố định', 'giá gốc'],
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
  changeTo: [
    'xuống',
    'xuống còn',
    'xuống mức',
    'xuống dưới mức',
    'còn',
    'giảm còn',
    'giảm xuống',
    'giảm xuống còn',
    'lên',
    'lên mức',
    'lên đến',
    'lên tới',
    'tăng lên',
    'tăng lên mức',
    'nâng lên',
    'nâng lên mức',
  ],
  partOf: ['trong đó', 'trong đó có', 'trong số đó', 'trong số đó có', 'trong đó, có'],
  countVerbs: [
    'xây dựng',
    'thành lập',
    'tổ chức',
    'phát triển',
    'hình thành',
    'hoàn thành',
    'nhân rộng',
    'thí điểm',
    'triển khai',
    'duy trì',
    'củng cố',
    'nâng cấp',
    'đầu tư',
    'đầu tư xây dựng',
    'tuyển chọn',
    'công nhận',
    'bố trí',
    'mở',
    'mở thêm',
  ],
  notCountedAfterWord: [
    'số',
    'cách',
    'trong',
    'phần',
    'vài',
    'nửa',
    'chiều',
    'cửa',
    'mặt',
    'bước',
    'khi',
    'lúc',
    'thời',
    'loạt',
    'chút',
    'bên',
    'nhà',
    'không',
    'là',
  ],
  notTargetHeads: ['quan điểm', 'nguyên tắc', 'mục đích', 'yêu cầu', 'căn cứ'],
  averageWords: ['bình quân', 'trung bình'],
});
