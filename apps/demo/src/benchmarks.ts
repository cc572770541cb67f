import { createRegistry } from '@kensa/core';
import { igakuqa } from '@kensa/igakuqa';

/** The benchmarks the CLI knows by id. */
export const registry = createRegistry([igakuqa]);
