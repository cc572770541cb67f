/**
 * The nine medical subjects of JMMLU (1,271 questions), the set JMedBench calls `jmmlu_medical`: the five
 * medical MMLU subjects plus college and high-school biology, nutrition and virology.
 */
export const jmmluMedicalSubjects = [
  'anatomy',
  'clinical_knowledge',
  'college_biology',
  'college_medicine',
  'high_school_biology',
  'medical_genetics',
  'nutrition',
  'professional_medicine',
  'virology',
] as const;

export type JMMLUMedicalSubject = (typeof jmmluMedicalSubjects)[number];
