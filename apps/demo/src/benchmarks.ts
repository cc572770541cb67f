import { createRegistry } from '@kensa/core';
import { igakuqa } from '@kensa/igakuqa';
import { igakuqa119, jmle2026 } from '@kensa/jmle-recent';
import { jmmluMed } from '@kensa/jmmlu-med';
import { medmcqaJa } from '@kensa/medmcqa-ja';
import { medqaJa } from '@kensa/medqa-ja';
import { mmmluMed } from '@kensa/mmmlu-med';
import { pubmedqaJa } from '@kensa/pubmedqa-ja';

/** The benchmarks the CLI knows by id. */
export const registry = createRegistry([
  igakuqa,
  igakuqa119,
  jmle2026,
  medqaJa,
  medmcqaJa,
  pubmedqaJa,
  mmmluMed,
  jmmluMed,
]);
