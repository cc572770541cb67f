/**
 * Decides the log-probability of token `index` of a token-id sequence given the tokens before it, for the
 * server profiles (which score real token ids, not text).
 */
export type TokenIdLogprobPolicy = (context: {
  readonly ids: readonly number[];
  readonly index: number;
}) => number;

/** A deterministic default: a hash of the token and the one before it, mapped into [-8, -0.05]. */
export const defaultTokenIdLogprob: TokenIdLogprobPolicy = ({ ids, index }) => {
  let hash = Math.imul(2166136261 ^ (ids[index - 1] ?? -1), 16777619);
  hash = Math.imul(hash ^ (ids[index] ?? 0), 16777619);
  hash ^= hash >>> 13;
  return -((hash >>> 0) % 796) / 100 - 0.05;
};
