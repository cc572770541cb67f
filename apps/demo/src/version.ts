import { VERSION } from '@kensa/core';

/** The version recorded in run manifests: the core package's, which every number depends on. */
export const KENSA_VERSION = VERSION;
