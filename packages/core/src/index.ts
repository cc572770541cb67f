export {
  type AccuracyBasis,
  accuracyBases,
  accuracyBasisLabel,
  accuracyCounts,
} from './accuracy-basis';
export type { Benchmark, BenchmarkScoring, PredictionFormat, PromptContext, PromptMode } from './benchmark';
export { defineBenchmark } from './benchmark';
export {
  type BenchmarkOptionInfo,
  type BenchmarkOptions,
  type BenchmarkOptionsShape,
  benchmarkOption,
  defineBenchmarkOptions,
  parseBenchmarkOptions,
} from './benchmark-options';
export { accuracyBy, type GroupAccuracy } from './breakdown';
export { type ChatMessage, messagesToText, type RenderedPrompt } from './chat-message';
export { choiceLikelihood, choicePromptModes } from './choice-benchmark';
export { choiceLetters, letterIndex } from './choice-letters';
export {
  choiceInstruction,
  choiceTemplateVersion,
  jmedbenchPromptText,
  type LikelihoodPrompt,
  optionLabel,
  renderChoicePrompt,
  renderLikelihoodPrompt,
} from './choice-prompt';
export { chooseCountFromStem } from './choose-count';
export {
  type ContinuationScore,
  continuationLogprob,
  pickByLikelihood,
  type TokenLogprobs,
} from './continuation-logprob';
export { type CsvRecord, parseCsv } from './csv';
export {
  BenchmarkOptionsError,
  DatasetParseError,
  KensaError,
  PredictionError,
  UnknownBenchmarkError,
} from './errors';
export {
  type ExamPromptMode,
  examPromptModes,
  examQuestionText,
  examSystemMessage,
  examTemplateVersion,
  renderExamPrompt,
} from './exam-prompt';
export { type ExamRules, type ExamSection, examRulesSchema, examSectionSchema } from './exam-rules';
export { type ExamSummary, type ImageShare, type SectionResult, summarizeExam } from './exam-summary';
export { type ExclusionRuling, exclusionRulingSchema } from './exclusion-ruling';
export {
  type Extraction,
  extractChoiceAnswer,
  extractNumericAnswer,
  parseChoiceList,
} from './extract-answer';
export { parseSmallCount, toHalfWidth } from './full-width';
export {
  attachImages,
  type ImageMode,
  imageDataUrls,
  imageModes,
  type OpenAIChatMessage,
  toOpenAIMessages,
  withImages,
} from './image-content';
export { acceptedKeys, type Item, itemPoints, itemSchema } from './item';
export { jmedbenchRecordSchema, parseJmedbenchJsonl } from './jmedbench-record';
export {
  checkJmedbenchRevision,
  jmedbenchCitation,
  jmedbenchRepository,
  jmedbenchRevision,
  jmedbenchRevisionOption,
  jmedbenchTestFile,
} from './jmedbench-source';
export { type JsonlRecord, parseJsonl } from './jsonl';
export {
  boxCount,
  fillTemplate,
  type NumericFormat,
  numericFormatFromStem,
  numericKeyValue,
  roundHalfUp,
  sameNumber,
} from './numeric-format';
export { matchPredictions, type Prediction } from './prediction';
export { createRegistry, type Registry, suggestIds } from './registry';
export { scaleRulesToKeptItems } from './scale-exam-rules';
export { type AccuracyReport, type ScoreAccuracyOptions, scoreAccuracy } from './score-accuracy';
export { examScoreInterval, meanExamScoreInterval, type PointsUnit } from './score-bootstrap';
export { type ExamReport, type ScoreExamsOptions, scoreExams } from './score-exams';
export { type ItemScore, type MatchMode, scoreItem, type Verdict } from './score-item';
export { seededRandom } from './seeded-random';
export { skipImageQuestions } from './skip-image-questions';
export { readSource, type SourceContents, type SourceFile } from './source-file';
export { type BootstrapOptions, bootstrapInterval, mean, quantile, wilsonInterval } from './statistics';
export { splitThinking } from './think-block';
export { tokenContinuationLogprob } from './token-continuation';
export { validateRecord } from './validate-record';

export const VERSION = '0.1.0';
export {
  defaultEvalExams,
  type EvalOverlap,
  EvalOverlapError,
  examOfItem,
  findEvalOverlap,
} from './eval-overlap';
export {
  checkGroundTruth,
  type GroundTruthCheck,
  groundTruthTemplateVersion,
  renderGroundTruthPrompt,
} from './ground-truth-prompt';
export {
  mcnemarExact,
  mcnemarExactLog10,
  type PairedBootstrapResult,
  pairedBootstrap,
  type StratifiedBootstrapOptions,
  stratifiedBootstrapInterval,
} from './paired-statistics';
export {
  buildPreferenceData,
  classifySample,
  type GroundTruthExplanation,
  groundTruthText,
  type NoPairCode,
  type NoPairReason,
  type PairKindCounts,
  type PreferenceCounts,
  type PreferenceData,
  type PreferenceDataOptions,
  type PreferenceQuestionInput,
  type PreferenceSampleInput,
  pairingRuledOut,
  type QuestionOutcome,
  type TierCounts,
  type VerdictCounts,
  type VerdictDisagreement,
} from './preference-data';
export { PreferenceInputError } from './preference-input-error';
export {
  type PairingOptions,
  type PairingStrategy,
  type PairKind,
  type PreferencePair,
  type PreferenceQuestion,
  type PreferenceResponse,
  type PreferenceTier,
  pairingStrategies,
  pairKinds,
  pairResponses,
  preferenceTiers,
  type ResponseOrigin,
} from './preference-pairs';
export {
  type CollectPreferenceQuestionsOptions,
  collectPreferenceQuestions,
  type PreferenceRunInput,
  type PreferenceRunRecord,
} from './preference-questions';
export { RpoInputError } from './rpo-input-error';
export {
  logSigmoid,
  type RpoLossInputs,
  type RpoLossParameters,
  type RpoLossResult,
  type RpoMetrics,
  type RpoPerExample,
  rpoLoss,
  type SequenceLogps,
  sequenceLogpsFromTokens,
  type TokenLogps,
} from './rpo-loss';
export {
  compareRpoLossOutput,
  computeRpoLossCase,
  defaultRpoTolerance,
  parseRpoLossFile,
  type RpoInputForm,
  type RpoLossCase,
  type RpoLossCaseOutput,
  type RpoLossFile,
  type RpoMismatch,
  type RpoTolerance,
  withinRpoTolerance,
} from './rpo-loss-case';
export { pythonFloat, type TrlRpoConfig, trlRpoConfig } from './trl-config';
export {
  parseTrlVersion,
  type TrlDpoApi,
  type TrlDpoConfig,
  type TrlDpoConfigOptions,
  type TrlTruncationRule,
  type TrlVersion,
  trlDpoApi,
  trlDpoConfig,
  trlTruncationRule,
} from './trl-dpo-config';
export {
  checkTrlLengths,
  type RowTokens,
  type TrlLengthCheck,
  type TrlLengthLimits,
  tokensPerCharacterEstimate,
} from './trl-length-check';
export {
  type TrlConversationalPreference,
  type TrlMessage,
  type TrlPreferenceFormat,
  type TrlPreferenceRecord,
  type TrlStandardPreference,
  toTrlPreference,
  trlPreferenceFormats,
  trlPreferenceJsonl,
} from './trl-records';
