export const VERSION = '0.1.0';
export {
  type ConformanceCheck,
  type ConformanceFinding,
  type ConformanceOptions,
  checkBenchmarkConformance,
  conformanceChecks,
  formatFinding,
  type MalformedSource,
} from './check-conformance';
export type { OfficialExamFacts } from './check-exam-semantics';
export type { Fault, FaultKind, FaultRule } from './fault';
export { faultKinds } from './fault';
export type { Latency } from './latency';
export type {
  MockBatch,
  MockBatchEnding,
  MockBatchServer,
  MockBatchServerOptions,
} from './mock-batch-server';
export { createMockBatchServer } from './mock-batch-server';
export type {
  ChatRequestBody,
  CompletionRequestBody,
  FinishReason,
  MockReply,
  ReplyPolicy,
  ReplyRequest,
  RequestMessage,
} from './mock-reply';
export { defaultReply } from './mock-reply';
export type { MockServer, MockServerOptions } from './mock-server';
export { createMockServer } from './mock-server';
export { MockServerOptionError } from './mock-server-option-error';
export { movingRevisionNames, revisionProblem } from './pinned-revision';
export type { Vocabulary, VocabularyName } from './profile-vocabulary';
export { loadVocabulary } from './profile-vocabulary';
export { readSourceFiles } from './read-source-files';
export type { EndpointKind, RecordedRequest, RequestFilter } from './recorded-request';
export type { ProfileAnswer, ServerProfileName, ServerProfileOptions } from './server-profile';
export { serverProfileNames } from './server-profile';
export type { TokenIdLogprobPolicy } from './token-id-logprob';
export { defaultTokenIdLogprob } from './token-id-logprob';
export type { LogprobPolicy } from './token-logprobs';
export { defaultLogprob, mockTokenLength, tokenLogprobs } from './token-logprobs';
