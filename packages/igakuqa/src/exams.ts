/** The five sittings in IgakuQA: the 112th–116th national medical licensing exams (医師国家試験). */
export const exams = [
  { exam: '112', year: 2018 },
  { exam: '113', year: 2019 },
  { exam: '114', year: 2020 },
  { exam: '115', year: 2021 },
  { exam: '116', year: 2022 },
] as const;

/** Each sitting has six blocks (問題冊子) A–F. */
export const blocks = ['A', 'B', 'C', 'D', 'E', 'F'] as const;

export type Block = (typeof blocks)[number];

/** 必修 (required) blocks; the others make up 一般+臨床 (general + clinical). */
export const requiredBlocks: readonly Block[] = ['B', 'E'];

export function sectionOfBlock(block: string): 'required' | 'general-clinical' {
  return (requiredBlocks as readonly string[]).includes(block) ? 'required' : 'general-clinical';
}

/** Question file path of one block, e.g. `data/2018/112-A.jsonl`. */
export function questionPath(year: number, exam: string, block: string): string {
  return `data/${year}/${exam}-${block}.jsonl`;
}

export function metadataPath(year: number, exam: string, block: string): string {
  return `data/${year}/${exam}-${block}_metadata.jsonl`;
}

export function predictionPath(year: number, exam: string, block: string, name: string): string {
  return `baseline_results/${year}/${exam}-${block}_${name}.jsonl`;
}

export const fewShotPath = 'scripts/prompts/prompt.jsonl';
