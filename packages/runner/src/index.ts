export const VERSION = '0.1.0';
export { defaultCacheDir } from './cache-dir';
export type { DownloadFileOptions, DownloadOptions, DownloadTarget, RetryEvent } from './download-file';
export { downloadFile } from './download-file';
export type { RequestHashInput } from './request-hash';
export { canonicalJson, redactEndpoint, requestHash } from './request-hash';
export type { ResolveSourcesOptions, SourceOrigin, SourceProgressEvent } from './resolve-sources';
export { resolveSources } from './resolve-sources';
export type { CachedResponse, ResponseCache, ResponseCacheErrorReason } from './response-cache';
export {
  defaultResponseCachePath,
  disabledResponseCache,
  openResponseCache,
  ResponseCacheError,
} from './response-cache';
export type { SourceErrorReason } from './source-error';
export { SourceError } from './source-error';
