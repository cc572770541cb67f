/**
 * Commander's collector for a repeatable option such as `-T key=value`. Its own module, so that building the
 * command line (and `kensa --help`) loads nothing else.
 */
export function collectOption(value: string, previous: readonly string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
