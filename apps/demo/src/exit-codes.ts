import type { KensaError } from '@kensa/core';

/** Exit codes of the CLI contract. */
export const exitCodes = {
  success: 0,
  /** The run finished, but some items failed. */
  failures: 1,
  /** Bad usage or bad input. */
  badInput: 2,
} as const;

/**
 * The exit code of an error Kensa raised on purpose: 2 for bad usage or bad input (a file that is not there
 * upstream, 404, is a wrong source), 1 when the command was right but could not finish — the network failed, the
 * server answered 429 or 5xx after every retry, or a file could not be read or written — so a script can retry
 * a 1 and must fix a 2.
 */
export function exitCodeOf(error: KensaError): number {
  const { reason, status } = error as KensaError & { reason?: unknown; status?: unknown };
  if (error.code !== 'source' && error.code !== 'cache') return exitCodes.badInput;
  if (reason === 'network' || reason === 'io') return exitCodes.failures;
  if (reason === 'http' && typeof status === 'number' && (status === 429 || status >= 500))
    return exitCodes.failures;
  return exitCodes.badInput;
}
