export { createJMMLUMed, JMMLU_MED_VERSION, type JMMLUMed, type JMMLUMedOptions } from './create-jmmlu-med';
export { type JMMLUMedicalSubject, jmmluMedicalSubjects } from './subjects';

import { createJMMLUMed } from './create-jmmlu-med';

/** JMMLU-med: all nine medical subjects at the pinned commit. */
export const jmmluMed = createJMMLUMed();

export const VERSION = '0.1.0';
