export {
  type ScriptedAnswer,
  type ServeDirectoryOptions,
  type ServedDirectory,
  serveDirectory,
} from './serve-directory';
export { sharedDataExclude, sharedDataMarker } from './shared-data-exclude';
export { describeWithSharedData, hasSharedData } from './shared-data-tests';
export { readSha256Sums, repoRoot, sharedDataDir, sharedDir } from './shared-dir';
export { readSharedSources } from './shared-sources';
export { temporaryDir } from './temporary-dir';
