export {
  createPubMedQAJa,
  PUBMEDQA_JA_VERSION,
  type PubMedQAJa,
  type PubMedQAJaOptions,
} from './create-pubmedqa-ja';

import { createPubMedQAJa } from './create-pubmedqa-ja';

/** PubMedQA-ja: JMedBench `pubmedqa_jp` at the pinned revision. */
export const pubmedqaJa = createPubMedQAJa();

export const VERSION = '0.1.0';
