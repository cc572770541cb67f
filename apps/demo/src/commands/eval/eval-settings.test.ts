import { describe, expect, it } from 'vitest';
import { registry } from '../../benchmarks';
import { captureIo } from '../../test-io';
import { parseEvalSettings } from './eval-settings';

const baseline = { model: 'baseline:examinee-majority' };

describe('parseEvalSettings --timeout', () => {
  it('gives whole milliseconds: 1.1 s is 1,100 ms, not 1100.0000000000002 (which the SDK refuses)', () => {
    const settings = parseEvalSettings('igakuqa', { ...baseline, timeout: '1.1' }, registry, captureIo());
    expect(settings.timeoutMs).toBe(1100);
  });

  it('rounds to the millisecond: 0.0016 s is 2 ms', () => {
    const settings = parseEvalSettings('igakuqa', { ...baseline, timeout: '0.0016' }, registry, captureIo());
    expect(settings.timeoutMs).toBe(2);
  });
});
