/** Names that always point at whatever was pushed last, so they never pin a source. */
export const movingRevisionNames: readonly string[] = [
  'main',
  'master',
  'head',
  'latest',
  'trunk',
  'develop',
  'dev',
  'default',
  'tip',
];

const fullCommitHash = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/**
 * Why a source revision does not pin its content, or undefined when it does. The rule:
 *
 * 1. A full commit hash (40 lowercase hex digits, or 64 for SHA-256 repositories) is pinned.
 * 2. Anything else (a short hash, a tag) is pinned only when the plugin's conformance test accepts that exact
 *    revision in `acceptedRevisions`, with the reason it cannot be a full hash.
 * 3. A branch name (`main`, `master`, `HEAD`, `refs/heads/…`) is never pinned, whatever the test accepts:
 *    what it names moves with every push.
 */
export function revisionProblem(
  revision: string,
  acceptedRevisions: Readonly<Record<string, string>> = {},
): string | undefined {
  if (revision.trim() === '') return 'the revision is empty';
  const lower = revision.toLowerCase();
  if (movingRevisionNames.includes(lower) || lower.startsWith('refs/heads/')) {
    return `revision '${revision}' is a branch name, which moves; pin a full commit hash`;
  }
  if (fullCommitHash.test(revision)) return undefined;
  if (fullCommitHash.test(lower)) return `revision '${revision}' must be written in lowercase`;
  const reason = acceptedRevisions[revision];
  if (reason !== undefined && reason.trim() !== '') return undefined;
  return (
    `revision '${revision}' is not a full commit hash; pin one, or accept this revision in the ` +
    "conformance test's acceptedRevisions with the reason it cannot be a full hash"
  );
}
