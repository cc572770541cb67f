import type { SourceFile } from '@kensa/core';

export const repository = 'github:nlp-waseda/JMMLU';

/** The JMMLU commit the files are read at (repository HEAD on 2025-10-07; the medical files date from 2024). */
export const revision = '762cbf192c9e4588b574d718f95afd64c96fcbf4';

/** SHA-256 of each medical subject's file at that commit, so that downloads and mirrors are verified. */
export const upstreamSha256: Readonly<Record<string, string>> = {
  'JMMLU/anatomy.csv': '55b6d3f04a0bfcbb8673477be004b3bb48fe4c23493f8a0d6a2d64df79f37722',
  'JMMLU/clinical_knowledge.csv': '340ee3cf3a025c41925f0e570950faec7fe2a8f34e7877583ee2d61c9509f1cd',
  'JMMLU/college_biology.csv': 'b256cd94b9ddde78cbb683ab08fc0ae437e25cf9d1a9fef284aa8bce0e269ecf',
  'JMMLU/college_medicine.csv': '404232dc8187a548188903a3c28073ce1b629e13b9637bec167279f9c70ca2ab',
  'JMMLU/high_school_biology.csv': '522dd23b3a6cfadbf31ead2bd7b27a029ce8d31a5b18724c3086ea1424cf15dc',
  'JMMLU/medical_genetics.csv': '16de20d455995243123c37914b75a452d060b49ba79d5008b1a6d9097d75f537',
  'JMMLU/nutrition.csv': '1ca3181b83d348becc17f833edf86f23ab2ac920abd967cbe47a19260b39576f',
  'JMMLU/professional_medicine.csv': 'd00f9ba70cbc51b895db743a260162bc04618471e7c53a41c8804ddcbb035554',
  'JMMLU/virology.csv': 'e4568515e1a8d2e566d747adaab43db63f51de70533db939eb925d28b452c38f',
};

/** The path of a subject's file in the repository. */
export function subjectPath(subject: string): string {
  return `JMMLU/${subject}.csv`;
}

/** A subject's file at the pinned commit, with its download address and checksum. */
export function subjectFile(subject: string): SourceFile {
  const path = subjectPath(subject);
  const sha256 = upstreamSha256[path];
  return {
    source: 'jmmlu',
    repository,
    revision,
    path,
    url: `https://raw.githubusercontent.com/nlp-waseda/JMMLU/${revision}/${path}`,
    ...(sha256 === undefined ? {} : { sha256 }),
  };
}
