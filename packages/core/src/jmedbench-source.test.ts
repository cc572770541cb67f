import { describe, expect, it } from 'vitest';
import { jmedbenchRevision, jmedbenchTestFile } from './jmedbench-source';

describe('jmedbenchTestFile', () => {
  it('names a subset test file at the pinned commit', () => {
    expect(jmedbenchTestFile('medqa_jp')).toEqual({
      source: 'jmedbench',
      repository: 'huggingface:Coldog2333/JMedBench',
      revision: jmedbenchRevision,
      path: 'medqa_jp/test.jsonl',
      url: `https://huggingface.co/datasets/Coldog2333/JMedBench/resolve/${jmedbenchRevision}/medqa_jp/test.jsonl`,
    });
  });

  it('takes another commit, and refuses a moving branch name', () => {
    expect(jmedbenchTestFile('pubmedqa_jp', 'd710c34de22e25964b5b0c7459a802f70ef412db').url).toContain(
      '/resolve/d710c34',
    );
    expect(() => jmedbenchTestFile('pubmedqa_jp', 'main')).toThrow("revision 'main' is not a commit hash");
  });
});
