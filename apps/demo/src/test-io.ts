import type { Io } from './io';

/** An `Io` that records what a command prints, for tests. */
export function captureIo(overrides: Partial<Io> = {}): Io & { out: () => string; err: () => string } {
  let stdout = '';
  let stderr = '';
  return {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    env: {},
    cwd: process.cwd(),
    isTty: false,
    ...overrides,
    out: () => stdout,
    err: () => stderr,
  };
}
