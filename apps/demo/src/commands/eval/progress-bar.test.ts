import { describe, expect, it } from 'vitest';
import { captureIo } from '../../test-io';
import { createProgressBar, formatDuration } from './progress-bar';

describe('formatDuration', () => {
  it('rounds once, so minutes never show 60 seconds', () => {
    expect(formatDuration(3539.6)).toBe('59m00s');
    expect(formatDuration(3599.5)).toBe('1h00m');
    expect(formatDuration(59.4)).toBe('59s');
    expect(formatDuration(187)).toBe('3m07s');
    expect(formatDuration(-3)).toBe('0s');
  });
});

describe('the progress bar', () => {
  it('shows no ETA before the first answer, then one from the rate', () => {
    const io = captureIo();
    const bar = createProgressBar(io, 'igakuqa');
    bar.onEvent({ type: 'start', total: 10, alreadyDone: 0 });
    expect(io.err()).toContain('ETA –');
    expect(io.err()).not.toContain('ETA 0s');
    bar.stop();
  });

  it('redraws at most every 50 ms, yet its last line has the final count of a run that stopped early', () => {
    const io = captureIo();
    const bar = createProgressBar(io, 'igakuqa');
    bar.onEvent({ type: 'start', total: 10, alreadyDone: 0 });
    const record = { itemId: 'q', sample: 0, status: 'ok' } as never;
    for (let done = 0; done < 7; done++) bar.onEvent({ type: 'record', record });
    bar.stop();
    const lines = io.err().trim().split('\n');
    expect(lines.at(-1)).toContain('7/10');
  });
});
