/** What to say about an error of the operating system the user can act on (disk full, no permission, …). */
const systemErrors: Readonly<Record<string, (where: string) => string>> = {
  ENOSPC: (where) =>
    `the disk is full${where}. Free some space and run the same command again: finished items are kept and the run resumes.`,
  EDQUOT: (where) =>
    `the disk quota is used up${where}. Free some space and run the same command again: finished items are kept.`,
  EACCES: (where) =>
    `permission denied${where}. Choose a folder you can write (--out DIR), or fix the permissions.`,
  EPERM: (where) =>
    `operation not permitted${where}. Choose another folder (--out DIR), or fix the permissions.`,
  EROFS: (where) => `the file system is read-only${where}. Choose a writable folder (--out DIR).`,
  ENOENT: (where) => `no such file or folder${where}.`,
  ENOTDIR: (where) => `a path component is not a folder${where}.`,
  EISDIR: (where) => `expected a file but found a folder${where}.`,
  EMFILE: (where) => `too many open files${where}; lower --concurrency or raise the limit (ulimit -n).`,
  SQLITE_FULL: (where) => `the disk is full${where}. Free some space and run the same command again.`,
  SQLITE_READONLY: (where) =>
    `the response cache is read-only${where}; pass --no-cache or fix its permissions.`,
};

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * A one-line message for a failure of the system rather than of Kensa (`ENOSPC`, `EACCES`, …), naming the file;
 * undefined for anything else (a real bug, which deserves its stack trace).
 */
export function describeSystemError(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = codeOf(error);
  const describe = code === undefined ? undefined : systemErrors[code];
  if (describe === undefined) return undefined;
  const file = (error as NodeJS.ErrnoException).path;
  const syscall = (error as NodeJS.ErrnoException).syscall;
  const where = file === undefined ? '' : ` (${syscall === undefined ? '' : `${syscall} `}${file})`;
  return `${describe(where)} [${code}]`;
}
