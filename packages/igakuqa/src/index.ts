export {
  createIgakuQA,
  IGAKUQA_VERSION,
  type IgakuQA,
  type IgakuQAOptions,
  publishedPredictionNames,
} from './create-igakuqa';
export { passLines } from './pass-lines';
export { type RulingSet, rulingsFor } from './rulings';

import { createIgakuQA } from './create-igakuqa';

/** IgakuQA with all five exams, all blocks and the paper's rulings. */
export const igakuqa = createIgakuQA();

export const VERSION = '0.1.0';
