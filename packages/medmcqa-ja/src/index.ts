export {
  createMedMCQAJa,
  MEDMCQA_JA_VERSION,
  type MedMCQAJa,
  type MedMCQAJaOptions,
} from './create-medmcqa-ja';

import { createMedMCQAJa } from './create-medmcqa-ja';

/** MedMCQA-ja: JMedBench `medmcqa_jp` at the pinned revision. */
export const medmcqaJa = createMedMCQAJa();

export const VERSION = '0.1.0';
