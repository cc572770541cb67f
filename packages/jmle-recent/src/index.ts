export {
  createIgakuQA119,
  IGAKUQA119_VERSION,
  type IgakuQA119,
  type IgakuQA119Options,
} from './create-igakuqa119';
export { createJmle2026, JMLE2026_VERSION, type Jmle2026, type Jmle2026Options } from './create-jmle2026';
export { type IgakuQA119Repair, igakuqa119Repairs } from './igakuqa119-repairs';
export { igakuqa119Rules, jmle2026Rules } from './pass-lines';

import { createIgakuQA119 } from './create-igakuqa119';
import { createJmle2026 } from './create-jmle2026';

/** The 119th exam (2025), all blocks, with the ministry's rulings and pass lines. */
export const igakuqa119 = createIgakuQA119();

/** The 120th exam (2026), all blocks; pass lines provisional, key annotated by the dataset's author. */
export const jmle2026 = createJmle2026();

export const VERSION = '0.1.0';
