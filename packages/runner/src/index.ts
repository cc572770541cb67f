export const VERSION = '0.1.0';
export { createBatchCollector } from './batch-collector';
export type {
  BatchOutcome,
  BatchRequestLine,
  BatchResultLine,
  BatchResults,
  CustomIdParts,
} from './batch-file';
export {
  BatchFileError,
  batchCustomId,
  emptyBatchResults,
  openAIBatchLimits,
  parseCustomId,
  readBatchResults,
  splitBatchLines,
} from './batch-file';
export type { BatchIngestReport } from './batch-ingest';
export { createBatchIngest } from './batch-ingest';
export type {
  BuildPreferenceDatasetOptions,
  EvalOverlapPolicy,
  PreferenceDatasetResult,
} from './build-preference-dataset';
export {
  buildPreferenceDataset,
  evalOverlapCount,
  explainMode,
  readPreferenceRuns,
} from './build-preference-dataset';
export { defaultCacheDir } from './cache-dir';
export type { ErrorVerdict } from './classify-model-error';
export { classifyModelError } from './classify-model-error';
export type { DownloadFileOptions, DownloadOptions, DownloadTarget, RetryEvent } from './download-file';
export { downloadFile } from './download-file';
export type { EvaluateOptions, EvaluationEvent, EvaluationRecord, EvaluationResult } from './evaluate';
export { evaluate } from './evaluate';
export { createExamineeMajorityModel, examineeMajorityAnswer } from './examinee-majority-model';
export type { ExplanationEntry } from './explanation-file';
export { parseExplanationFile, readExplanationFile } from './explanation-file';
export { failSoftCache, openFailSoftCache } from './fail-soft-cache';
export type {
  GenerateGroundTruthOptions,
  GroundTruthExplanationLine,
  GroundTruthRejection,
  GroundTruthResult,
} from './generate-ground-truth';
export { generateGroundTruth } from './generate-ground-truth';
export type { LeanFetch, LeanFetchOptions, LeanPost, LeanPostInit, LeanReply } from './lean-fetch';
export { createLeanFetch } from './lean-fetch';
export { LikelihoodRefusedError, LikelihoodUnsupportedError } from './likelihood-error';
export type { LikelihoodMethod } from './likelihood-session';
export type { SourceOptions } from './load-sources';
export { loadSources, recordedDataDir } from './load-sources';
export type { PreferenceDatasetLengths } from './measure-preference-dataset';
export { contentLength, measurePreferenceDataset } from './measure-preference-dataset';
export type { Model, ModelReply, ModelRequest, ModelTask, SamplingParameters } from './model';
export { NotJsonReplyError } from './not-json-reply-error';
export type { BatchState, OpenAIBatchOutcome, RunOpenAIBatchesOptions } from './openai-batch';
export { BatchApiError, batchStateFile, runOpenAIBatches } from './openai-batch';
export type { OpenAIModelOptions } from './openai-model';
export { createOpenAIModel, parseOpenAIResponse } from './openai-model';
export type { ParsedItems, ParsedItemsCacheOptions } from './parsed-items-cache';
export { parseItemsCached } from './parsed-items-cache';
export { expandPredictionPaths, readPredictionFiles } from './prediction-files';
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
export { withReadableErrorBodies } from './readable-error-body';
export type { Redactor, SecretSources } from './redact-secrets';
export { createRedactor, noRedaction, redactedMark, redactValue } from './redact-secrets';
export type { ReplicaPoolOptions, ReplicaStats } from './replica-pool';
export { createReplicaPool } from './replica-pool';
export { defaultMaxReplyBytes, formatBytes, ReplyTooLargeError } from './reply-size-limit';
export type { ReplySource, ReplySourceOutcome, ReplySourceTask } from './reply-source';
export type { RequestHashInput } from './request-hash';
export { canonicalJson, redactEndpoint, requestHash } from './request-hash';
export type { ResolveModelOptions } from './resolve-model';
export { baselineNames, resolveModel } from './resolve-model';
export type { ResolveSourcesOptions, SourceOrigin, SourceProgressEvent } from './resolve-sources';
export { resolveSources } from './resolve-sources';
export type {
  CachedResponse,
  ResponseCache,
  ResponseCacheErrorReason,
  ResponseCacheOptions,
} from './response-cache';
export {
  defaultResponseCachePath,
  disabledResponseCache,
  openResponseCache,
  ResponseCacheError,
} from './response-cache';
export type { RunLogOptions } from './run-folder';
export {
  logFile,
  manifestFile,
  RunFolderError,
  RunLog,
  readJsonFile,
  summaryFile,
  writeJsonFile,
} from './run-folder';
export type { AcquireRunLockOptions, RunLock, RunLockHolder } from './run-lock';
export { acquireRunLock, lockFile, RunLockError } from './run-lock';
export type { RunIdentity, RunManifest } from './run-manifest';
export { finishRun } from './run-manifest';
export type { RecordedBenchmarkOptions, RunManifestBase, RunRecord } from './run-record';
export type { RunSourceFile, RunSources } from './run-sources';
export { describeRunSources, withRecordedChecksums } from './run-sources';
export { defaultTemperature, isOpenAIReasoningModel, sampleSeeds } from './sampling-defaults';
export type { ServerTokenizerOptions, Tokenize } from './server-tokenizer';
export { createServerTokenizer, TokenizeFailedError, TokenizeUnavailableError } from './server-tokenizer';
export { sha256Hex } from './sha256';
export type { SourceErrorReason } from './source-error';
export { SourceError } from './source-error';
export { writeFileAtomic } from './write-file-atomic';
export type { WritePreferenceDataOptions } from './write-preference-data';
export { preferenceSidecarPath, writePreferenceData } from './write-preference-data';
export type { ScoreRunManifest } from './write-score-run';
export { writeScoreRun } from './write-score-run';
