/** Exit codes of the CLI contract. */
export const exitCodes = {
  success: 0,
  /** The run finished, but some items failed. */
  failures: 1,
  /** Bad usage or bad input. */
  badInput: 2,
} as const;
