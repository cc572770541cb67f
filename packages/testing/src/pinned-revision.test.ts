import { describe, expect, it } from 'vitest';
import { revisionProblem } from './pinned-revision';

describe('revisionProblem', () => {
  it('accepts full commit hashes', () => {
    expect(revisionProblem('762cbf192c9e4588b574d718f95afd64c96fcbf4')).toBeUndefined();
    expect(revisionProblem('a'.repeat(64))).toBeUndefined();
  });

  it('refuses branch names even when accepted', () => {
    for (const name of ['main', 'master', 'HEAD', 'refs/heads/dev']) {
      expect(revisionProblem(name, { [name]: 'trust me' })).toMatch(/branch name/);
    }
  });

  it('accepts a short hash or tag only with a written reason', () => {
    expect(revisionProblem('64d5b3a')).toMatch(/not a full commit hash/);
    expect(revisionProblem('64d5b3a', { '64d5b3a': '' })).toMatch(/not a full commit hash/);
    expect(revisionProblem('64d5b3a', { '64d5b3a': 'the hub shows only the short hash' })).toBeUndefined();
    expect(revisionProblem('762CBF192C9E4588B574D718F95AFD64C96FCBF4')).toMatch(/lowercase/);
    expect(revisionProblem('')).toMatch(/empty/);
  });
});
