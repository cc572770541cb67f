export {
  type ScriptedAnswer,
  type ServeDirectoryOptions,
  type ServedDirectory,
  serveDirectory,
} from './serve-directory';
export { readSha256Sums, repoRoot, sharedDataDir, sharedDir } from './shared-dir';
export { readSharedSources } from './shared-sources';
export { temporaryDir } from './temporary-dir';
