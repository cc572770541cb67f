import { existsSync } from 'node:fs';
import { describe } from 'vitest';
import { howToRunSharedDataTests } from './shared-data-exclude';
import { sharedDir } from './shared-dir';

/** Whether the shared folder is there. */
export function hasSharedData(): boolean {
  return existsSync(sharedDir());
}

/** `describe`, skipped (saying why and how to run it) when the shared folder is missing. */
export function describeWithSharedData(name: string, body: () => void): void {
  if (hasSharedData()) describe(name, body);
  else describe.skip(`${name} (skipped: ${howToRunSharedDataTests})`, body);
}
