export {
  createMedQAJa,
  MEDQA_JA_VERSION,
  type MedQAJa,
  type MedQAJaOptions,
  type MedQAJaSubset,
} from './create-medqa-ja';

import { createMedQAJa } from './create-medqa-ja';

/** MedQA-ja: JMedBench `medqa_jp` (5 options) at the pinned revision. */
export const medqaJa = createMedQAJa();

export const VERSION = '0.1.0';
