export {
  createMMMLUMed,
  MMMLU_MED_VERSION,
  type MMMLUMed,
  type MMMLUMedOptions,
} from './create-mmmlu-med';
export { type MmluSubject, medicalSubjects, mmluSubjects } from './subjects';

import { createMMMLUMed } from './create-mmmlu-med';

/** MMMLU-med: the five medical subjects of `test/mmlu_JA-JP.csv` at the pinned revision. */
export const mmmluMed = createMMMLUMed();

export const VERSION = '0.1.0';
