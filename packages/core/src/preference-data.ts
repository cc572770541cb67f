import type { ChatMessage } from './chat-message';
import type { Item } from './item';
import {
  type PairingOptions,
  type PairKind,
  type PreferencePair,
  type PreferenceResponse,
  type PreferenceTier,
  pairKinds,
  pairResponses,
  preferenceTiers,
} from './preference-pairs';
import { type ItemScore, scoreItem, type Verdict } from './score-item';

/** One answered sample of a question, from the caller's run number `run`. */
export interface PreferenceSampleInput {
  readonly run: number;
  readonly sample: number;
  /** The reply text (reasoning kept apart), as logged. */
  readonly text: string;
  /** The verdict the run logged, to compare with the re-scored one. */
  readonly loggedVerdict?: Verdict;
}

/** An explanation to build the ground truth from, and where it came from. */
export interface GroundTruthExplanation {
  readonly text: string;
  /** `item`: the benchmark's own `explanation`; `file`: a user's file of explanations. */
  readonly source: 'item' | 'file';
}

/** A question as the runs answered it. */
export interface PreferenceQuestionInput {
  readonly item: Item;
  /** The rendered prompt the samples answered. */
  readonly prompt: readonly ChatMessage[];
  /** Samples answered without error, in a stable order (by run, then sample). */
  readonly samples: readonly PreferenceSampleInput[];
  /** Samples that failed after every retry (no reply). */
  readonly failedSamples?: number;
  readonly explanation?: GroundTruthExplanation;
}

/** Why a question gave no pair. */
export type NoPairCode =
  | 'ruling'
  | 'no-answers'
  | 'all-correct-no-ground-truth'
  | 'all-wrong-no-ground-truth'
  | 'ground-truth-vs-chosen-dropped'
  | 'excluded';

export interface NoPairReason {
  readonly code: NoPairCode;
  readonly message: string;
}

/** A sample whose logged verdict differs from the re-scored one (the re-scored one is used). */
export interface VerdictDisagreement {
  readonly run: number;
  readonly sample: number;
  readonly logged: Verdict;
  readonly rescored: Verdict;
}

export type TierCounts = Record<PreferenceTier, number>;
export type PairKindCounts = Record<PairKind, number>;
export type VerdictCounts = Partial<Record<Verdict, number>>;

/** What became of one question. */
export interface QuestionOutcome {
  readonly itemId: string;
  /** Responses per tier, before duplicates are dropped (ground truth 0 or 1). */
  readonly tiers: TierCounts;
  /** Verdicts of the samples as re-scored, and as the runs logged them. */
  readonly verdicts: VerdictCounts;
  readonly loggedVerdicts: VerdictCounts;
  readonly failedSamples: number;
  /** Samples whose text repeats an earlier sample of the same tier, left out of the pairs. */
  readonly duplicatesDropped: number;
  /** Where the ground truth came from, if there is one. */
  readonly groundTruth?: 'item' | 'file';
  /** Set when an explanation was given but its text does not re-score as correct (so no ground truth). */
  readonly groundTruthRejected?: string;
  readonly pairs: number;
  readonly pairsByKind: PairKindCounts;
  readonly noPair?: NoPairReason;
  readonly disagreements: readonly VerdictDisagreement[];
}

export interface PreferenceDataOptions extends PairingOptions {
  /** Build ground-truth responses from explanations. Default true. */
  readonly groundTruth?: boolean;
  /** Keep samples whose text repeats another of the same tier (identical pairs). Default false. */
  readonly keepDuplicates?: boolean;
  /** Questions to leave out, with the reason (e.g. their exam is used for evaluation). */
  readonly exclude?: ReadonlyMap<string, string>;
}

export interface PreferenceCounts {
  readonly questions: number;
  readonly questionsWithPairs: number;
  readonly samples: number;
  readonly failedSamples: number;
  readonly tiers: TierCounts;
  readonly verdicts: VerdictCounts;
  readonly loggedVerdicts: VerdictCounts;
  readonly duplicatesDropped: number;
  readonly disagreements: number;
  readonly pairs: number;
  readonly pairsByKind: PairKindCounts;
  readonly noPair: Partial<Record<NoPairCode, number>>;
}

export interface PreferenceData {
  /** Every pair, question by question in the order given. */
  readonly pairs: readonly PreferencePair[];
  readonly questions: readonly QuestionOutcome[];
  readonly counts: PreferenceCounts;
}

/** A labelled final answer line, as answer extraction reads one. */
const answerLine = /^\s*(?:最終的な|最終)?(?:答え|回答|解答|正解|answer)\s*(?:(?:は|is)\s*[:：]?|[:：])/i;

/**
 * The ground-truth response: the explanation, then a final answer line with the key, in the same shape as the
 * worked examples of the `3shot-explain` prompt (`…\n答え: a,c`). An explanation that already ends with an answer
 * line is kept as it is (and must then re-score as correct to be used).
 */
export function groundTruthText(item: Item, explanation: string): string {
  const text = explanation.trim();
  if (answerLine.test(text.split('\n').at(-1) ?? '')) return text;
  return `${text}\n答え: ${item.answer.join(',')}`;
}

/**
 * Why an item cannot give preference pairs, or undefined when it can. Rulings that take the key out of play —
 * excluded (採点除外), correct for everyone, or counted only if correct — leave nothing to prefer; alternative keys
 * are fine (any accepted key is right).
 */
export function pairingRuledOut(item: Item): string | undefined {
  const ruling = item.ruling;
  if (ruling === undefined || ruling.kind === 'alternative-keys') return undefined;
  return `ruled ${ruling.kind}: ${ruling.reason}`;
}

/** The tier of one sample: chosen when its final answer matches the key under the item's rulings, else rejected. */
export function classifySample(item: Item, text: string): { tier: 'chosen' | 'rejected'; score: ItemScore } {
  const score = scoreItem(item, text, 'normalized');
  return { tier: score.correct ? 'chosen' : 'rejected', score };
}

function emptyTiers(): TierCounts {
  return { 'ground-truth': 0, chosen: 0, rejected: 0 };
}

function emptyKinds(): PairKindCounts {
  return { 'ground-truth>chosen': 0, 'ground-truth>rejected': 0, 'chosen>rejected': 0 };
}

function increment<K extends string>(counts: Partial<Record<K, number>>, key: K, by = 1): void {
  counts[key] = (counts[key] ?? 0) + by;
}

function noPairReason(
  present: ReadonlySet<PreferenceTier>,
  samples: number,
  options: PreferenceDataOptions,
): NoPairReason {
  if (samples === 0) return { code: 'no-answers', message: 'no sample was answered' };
  if (present.has('ground-truth') && present.has('chosen') && !present.has('rejected'))
    return {
      code: 'ground-truth-vs-chosen-dropped',
      message: 'every sample is correct and ground-truth-vs-chosen pairs are dropped',
    };
  if (present.has('chosen') && !present.has('rejected'))
    return {
      code: 'all-correct-no-ground-truth',
      message: 'every sample is correct and there is no ground truth',
    };
  if (present.has('rejected') && !present.has('chosen') && !present.has('ground-truth'))
    return {
      code: 'all-wrong-no-ground-truth',
      message: 'no sample is correct and there is no ground truth',
    };
  // Only reachable through an unusual option mix (adjacent strategy without ground-truth-vs-chosen pairs).
  return {
    code: 'ground-truth-vs-chosen-dropped',
    message: `no pair under strategy '${options.strategy ?? 'all'}' without ground-truth-vs-chosen pairs`,
  };
}

function buildQuestion(
  question: PreferenceQuestionInput,
  options: PreferenceDataOptions,
): { outcome: QuestionOutcome; pairs: PreferencePair[] } {
  const { item } = question;
  const tiers = emptyTiers();
  const verdicts: VerdictCounts = {};
  const loggedVerdicts: VerdictCounts = {};
  const disagreements: VerdictDisagreement[] = [];
  const responses: PreferenceResponse[] = [];
  const ruledOut = pairingRuledOut(item);
  const seen = new Map<PreferenceTier, Set<string>>(preferenceTiers.map((tier) => [tier, new Set()]));
  let duplicatesDropped = 0;

  for (const sample of question.samples) {
    const { tier, score } = classifySample(item, sample.text);
    increment(verdicts, score.verdict);
    if (sample.loggedVerdict !== undefined) {
      increment(loggedVerdicts, sample.loggedVerdict);
      if (sample.loggedVerdict !== score.verdict)
        disagreements.push({
          run: sample.run,
          sample: sample.sample,
          logged: sample.loggedVerdict,
          rescored: score.verdict,
        });
    }
    if (ruledOut !== undefined) continue;
    tiers[tier]++;
    const key = sample.text.trim();
    const texts = seen.get(tier) as Set<string>;
    if (!options.keepDuplicates && texts.has(key)) {
      duplicatesDropped++;
      continue;
    }
    texts.add(key);
    responses.push({
      tier,
      text: sample.text,
      origin: { kind: 'sample', run: sample.run, sample: sample.sample },
    });
  }

  let groundTruth: 'item' | 'file' | undefined;
  let groundTruthRejected: string | undefined;
  if (ruledOut === undefined && (options.groundTruth ?? true) && question.explanation !== undefined) {
    const text = groundTruthText(item, question.explanation.text);
    const check = scoreItem(item, text, 'normalized');
    if (check.correct) {
      groundTruth = question.explanation.source;
      tiers['ground-truth'] = 1;
      // The ground truth leads its question's responses, so pairs read best-first.
      responses.unshift({
        tier: 'ground-truth',
        text,
        origin: { kind: 'ground-truth', explanation: groundTruth },
      });
    } else {
      groundTruthRejected = `the explanation ends with its own answer line, which re-scores as ${check.verdict} (${check.note})`;
    }
  }

  const excluded = options.exclude?.get(item.id);
  const pairs =
    ruledOut === undefined && excluded === undefined
      ? pairResponses({ itemId: item.id, prompt: question.prompt, responses }, options)
      : [];
  const pairsByKind = emptyKinds();
  for (const pair of pairs) pairsByKind[pair.kind]++;
  const present = new Set(responses.map((response) => response.tier));
  const noPair: NoPairReason | undefined =
    ruledOut !== undefined
      ? { code: 'ruling', message: ruledOut }
      : excluded !== undefined
        ? { code: 'excluded', message: excluded }
        : pairs.length === 0
          ? noPairReason(present, question.samples.length, options)
          : undefined;

  return {
    pairs,
    outcome: {
      itemId: item.id,
      tiers,
      verdicts,
      loggedVerdicts,
      failedSamples: question.failedSamples ?? 0,
      duplicatesDropped,
      ...(groundTruth === undefined ? {} : { groundTruth }),
      ...(groundTruthRejected === undefined ? {} : { groundTruthRejected }),
      pairs: pairs.length,
      pairsByKind,
      ...(noPair === undefined ? {} : { noPair }),
      disagreements,
    },
  };
}

/**
 * Builds preference pairs from a model's own answers: each sample is re-scored with `scoreItem` (normalized, under
 * the item's rulings) — chosen when it matches the key, rejected when wrong or unreadable — the ground truth is the
 * explanation plus the key where one is given, and pairs follow ground truth > chosen > rejected (`pairResponses`).
 * Pure and deterministic: the same inputs and seed give the same pairs in the same order.
 */
export function buildPreferenceData(
  questions: readonly PreferenceQuestionInput[],
  options: PreferenceDataOptions = {},
): PreferenceData {
  const pairs: PreferencePair[] = [];
  const outcomes: QuestionOutcome[] = [];
  const seen = new Set<string>();
  for (const question of questions) {
    if (seen.has(question.item.id)) throw new Error(`Question ${question.item.id} is given twice.`);
    seen.add(question.item.id);
    const built = buildQuestion(question, options);
    pairs.push(...built.pairs);
    outcomes.push(built.outcome);
  }

  const tiers = emptyTiers();
  const pairsByKind = emptyKinds();
  const verdicts: VerdictCounts = {};
  const loggedVerdicts: VerdictCounts = {};
  const noPair: Partial<Record<NoPairCode, number>> = {};
  for (const outcome of outcomes) {
    for (const tier of preferenceTiers) tiers[tier] += outcome.tiers[tier];
    for (const kind of pairKinds) pairsByKind[kind] += outcome.pairsByKind[kind];
    for (const [verdict, count] of Object.entries(outcome.verdicts))
      increment(verdicts, verdict as Verdict, count);
    for (const [verdict, count] of Object.entries(outcome.loggedVerdicts))
      increment(loggedVerdicts, verdict as Verdict, count);
    if (outcome.noPair !== undefined) increment(noPair, outcome.noPair.code);
  }
  const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
  return {
    pairs,
    questions: outcomes,
    counts: {
      questions: outcomes.length,
      questionsWithPairs: outcomes.filter((outcome) => outcome.pairs > 0).length,
      samples: sum(questions.map((question) => question.samples.length)),
      failedSamples: sum(outcomes.map((outcome) => outcome.failedSamples)),
      tiers,
      verdicts,
      loggedVerdicts,
      duplicatesDropped: sum(outcomes.map((outcome) => outcome.duplicatesDropped)),
      disagreements: sum(outcomes.map((outcome) => outcome.disagreements.length)),
      pairs: pairs.length,
      pairsByKind,
      noPair,
    },
  };
}
