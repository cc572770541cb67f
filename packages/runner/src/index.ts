export const VERSION = '0.1.0';
export { defaultCacheDir } from './cache-dir';
export type { ErrorVerdict } from './classify-model-error';
export { classifyModelError } from './classify-model-error';
export type { DownloadFileOptions, DownloadOptions, DownloadTarget, RetryEvent } from './download-file';
export { downloadFile } from './download-file';
export type { EvaluateOptions, EvaluationEvent, EvaluationRecord, EvaluationResult } from './evaluate';
export { evaluate } from './evaluate';
export { createExamineeMajorityModel, examineeMajorityAnswer } from './examinee-majority-model';
export type { Model, ModelReply, ModelRequest, ModelTask, SamplingParameters } from './model';
export type { OpenAIModelOptions } from './openai-model';
export { createOpenAIModel, parseOpenAIResponse } from './openai-model';
export {
  countTokensWithTokenizer,
  detectTrlVersion,
  pythonCommand,
  type TokenCountRow,
  TokenizerUnavailableError,
} from './python-trl';
export { createRandomModel, randomAnswer } from './random-model';
export type { RunFolder } from './read-run';
export { readRun } from './read-run';
export type { RequestHashInput } from './request-hash';
export { canonicalJson, redactEndpoint, requestHash } from './request-hash';
export type { ResolveModelOptions } from './resolve-model';
export { baselineNames, resolveModel } from './resolve-model';
export type { ResolveSourcesOptions, SourceOrigin, SourceProgressEvent } from './resolve-sources';
export { resolveSources } from './resolve-sources';
export type { CachedResponse, ResponseCache, ResponseCacheErrorReason } from './response-cache';
export {
  defaultResponseCachePath,
  disabledResponseCache,
  openResponseCache,
  ResponseCacheError,
} from './response-cache';
export {
  logFile,
  manifestFile,
  RunFolderError,
  RunLog,
  readJsonFile,
  summaryFile,
  writeJsonFile,
} from './run-folder';
export type { RunIdentity, RunManifest } from './run-manifest';
export { finishRun } from './run-manifest';
export type { RunManifestBase, RunRecord } from './run-record';
export { sha256Hex } from './sha256';
export type { SourceErrorReason } from './source-error';
export { SourceError } from './source-error';
export { writeFileAtomic } from './write-file-atomic';
export type { WritePreferenceDataOptions } from './write-preference-data';
export { preferenceSidecarPath, writePreferenceData } from './write-preference-data';
export type { ScoreRunManifest } from './write-score-run';
export { writeScoreRun } from './write-score-run';
