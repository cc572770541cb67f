import { describe, expect, it } from 'vitest';
import { reportTextLimit, truncateForReport } from './truncate-for-report';

describe('truncateForReport', () => {
  it('keeps a text up to the limit whole', () => {
    const text = 'あ'.repeat(reportTextLimit);
    expect(truncateForReport(text)).toBe(text);
  });

  it('cuts a longer one at the limit, with a note pointing at the log', () => {
    const cut = truncateForReport(`${'a'.repeat(reportTextLimit)}${'b'.repeat(5000)}`);
    expect(cut.startsWith('a'.repeat(reportTextLimit))).toBe(true);
    expect(cut).not.toContain('b');
    expect(cut).toContain('… [5000 more characters not shown; the full text is in the run folder');
  });
});
