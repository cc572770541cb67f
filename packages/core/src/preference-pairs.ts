import type { ChatMessage } from './chat-message';
import { seededRandom } from './seeded-random';

/**
 * The seed's hierarchy of responses to one question, best first: the *ground truth* (the key with a verified
 * explanation), then the model's own *chosen* samples (final answer matches the key), then its *rejected* ones
 * (wrong or unreadable). Tier names follow the seed; note that a chosen-tier sample is the rejected side of a pair
 * against the ground truth.
 */
export type PreferenceTier = 'ground-truth' | 'chosen' | 'rejected';

/** Tiers from best to worst. */
export const preferenceTiers: readonly PreferenceTier[] = ['ground-truth', 'chosen', 'rejected'];

/** Which tiers a pair sets against each other, better first. */
export type PairKind = 'ground-truth>chosen' | 'ground-truth>rejected' | 'chosen>rejected';

export const pairKinds: readonly PairKind[] = [
  'ground-truth>chosen',
  'ground-truth>rejected',
  'chosen>rejected',
];

/** Where a response came from: sample `sample` of the caller's run number `run`, or the ground truth. */
export type ResponseOrigin =
  | { readonly kind: 'sample'; readonly run: number; readonly sample: number }
  | { readonly kind: 'ground-truth'; readonly explanation: 'item' | 'file' };

/** One response to a question, in its tier. */
export interface PreferenceResponse {
  readonly tier: PreferenceTier;
  /** The completion as the model wrote it (or the ground truth's text). */
  readonly text: string;
  readonly origin: ResponseOrigin;
}

/** A question with its prompt and its responses in any order. */
export interface PreferenceQuestion {
  readonly itemId: string;
  /** The rendered prompt the samples answered (system, few-shot turns, the question). */
  readonly prompt: readonly ChatMessage[];
  readonly responses: readonly PreferenceResponse[];
}

/** A preference pair: `preferred` ranks above `dispreferred` (TRL's `chosen` and `rejected`). */
export interface PreferencePair {
  readonly itemId: string;
  readonly prompt: readonly ChatMessage[];
  readonly kind: PairKind;
  readonly preferred: PreferenceResponse;
  readonly dispreferred: PreferenceResponse;
}

/**
 * - `all` (default): every response of a higher tier against every response of every lower tier.
 * - `adjacent`: each tier only against the next one down (ground truth > chosen > rejected); the ground truth meets
 *   the rejected samples only when there is no chosen one (so without ground-truth-vs-chosen pairs, a ground truth
 *   beside chosen samples pairs with nothing).
 */
export type PairingStrategy = 'all' | 'adjacent';

export const pairingStrategies: readonly PairingStrategy[] = ['all', 'adjacent'];

export interface PairingOptions {
  readonly strategy?: PairingStrategy;
  /** Keep at most this many pairs per question, picked uniformly at random under `seed`. No cap by default. */
  readonly maxPairsPerQuestion?: number;
  /** Set false to drop ground-truth-vs-chosen pairs (both answers right; only the explanations differ). */
  readonly groundTruthVsChosen?: boolean;
  /** Seeds the capped pick. Default 0. The same seed gives the same pairs, in the same order. */
  readonly seed?: number;
}

/** FNV-1a over the seed and the item id: each question draws from its own stream, whatever else is in the data. */
function questionSeed(seed: number, itemId: string): number {
  let hash = 0x811c9dc5;
  for (const character of `${seed}\u0000${itemId}`) {
    hash ^= character.codePointAt(0) as number;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

function candidateKinds(tiers: ReadonlySet<PreferenceTier>, options: PairingOptions): PairKind[] {
  const groundTruthVsChosen = options.groundTruthVsChosen ?? true;
  const kinds: PairKind[] =
    (options.strategy ?? 'all') === 'all'
      ? [...pairKinds]
      : tiers.has('chosen')
        ? ['ground-truth>chosen', 'chosen>rejected']
        : ['ground-truth>rejected'];
  return kinds.filter((kind) => groundTruthVsChosen || kind !== 'ground-truth>chosen');
}

/**
 * Pairs one question's responses from the hierarchy ground truth > chosen > rejected. Pairs come in a fixed order —
 * by kind (ground truth > chosen, ground truth > rejected, chosen > rejected), then in the order the responses were
 * given — and a cap keeps a seeded uniform pick of them in that same order.
 */
export function pairResponses(question: PreferenceQuestion, options: PairingOptions = {}): PreferencePair[] {
  const cap = options.maxPairsPerQuestion;
  if (cap !== undefined && (!Number.isInteger(cap) || cap < 1)) {
    throw new RangeError(`maxPairsPerQuestion must be a whole number ≥ 1, not ${cap}.`);
  }
  const byTier = new Map<PreferenceTier, PreferenceResponse[]>(preferenceTiers.map((tier) => [tier, []]));
  for (const response of question.responses) byTier.get(response.tier)?.push(response);
  const present = new Set(preferenceTiers.filter((tier) => (byTier.get(tier)?.length ?? 0) > 0));

  const pairs: PreferencePair[] = [];
  for (const kind of candidateKinds(present, options)) {
    const [upper, lower] = kind.split('>') as [PreferenceTier, PreferenceTier];
    for (const preferred of byTier.get(upper) ?? []) {
      for (const dispreferred of byTier.get(lower) ?? []) {
        pairs.push({ itemId: question.itemId, prompt: question.prompt, kind, preferred, dispreferred });
      }
    }
  }
  if (cap === undefined || pairs.length <= cap) return pairs;

  const random = seededRandom(questionSeed(options.seed ?? 0, question.itemId));
  const order = pairs.map((_, index) => index);
  // A partial Fisher–Yates shuffle: the first `cap` positions are a uniform sample without replacement.
  for (let position = 0; position < cap; position++) {
    const pick = position + Math.floor(random() * (order.length - position));
    [order[position], order[pick]] = [order[pick] as number, order[position] as number];
  }
  return order
    .slice(0, cap)
    .sort((a, b) => a - b)
    .map((index) => pairs[index] as PreferencePair);
}
