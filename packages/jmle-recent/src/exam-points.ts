/** 必修 (required) blocks; the others make up 一般+臨床 (general + clinical). */
export const requiredBlocks: readonly string[] = ['B', 'E'];

export const allBlocks = ['A', 'B', 'C', 'D', 'E', 'F'] as const;

export function sectionOfBlock(block: string): 'required' | 'general-clinical' {
  return requiredBlocks.includes(block) ? 'required' : 'general-clinical';
}

/**
 * Points of a question since the 117th exam: in the 必修 blocks B and E, questions 26–50 (the clinical ones) are
 * worth 3 points and 1–25 one point; every question of A, C, D and F is worth 1. 50 + 150 per 必修 block.
 */
export function questionPoints(block: string, number: number): number {
  return requiredBlocks.includes(block) && number >= 26 ? 3 : 1;
}
