import type { Io } from './io';

/** The values of `--base-url` in `argv` (`--base-url URL` and `--base-url=URL`). */
function baseUrlArguments(argv: readonly string[]): string[] {
  const urls: string[] = [];
  for (const [index, argument] of argv.entries()) {
    if (argument === '--base-url' && argv[index + 1] !== undefined) urls.push(argv[index + 1] as string);
    else if (argument.startsWith('--base-url=')) urls.push(argument.slice('--base-url='.length));
  }
  return urls;
}

/**
 * `io` with one redactor built from every secret the command was given (`OPENAI_API_KEY`, credentials and
 * token query parameters in `--base-url` / `OPENAI_BASE_URL`): what it prints goes through it, and commands
 * pass `io.redact` to whatever they write. With no secret given there is nothing to remove, and the runner
 * (the SDK and all) is not loaded, so `kensa --help` stays light.
 */
export async function redactingIo(io: Io, argv: readonly string[]): Promise<Io> {
  const urls = [io.env.OPENAI_BASE_URL, ...baseUrlArguments(argv)];
  if (!io.env.OPENAI_API_KEY && urls.every((url) => url === undefined)) return io;
  const { createRedactor } = await import('@kensa/runner');
  const redact = createRedactor({ apiKey: io.env.OPENAI_API_KEY, urls });
  return {
    ...io,
    stdout: (text) => io.stdout(redact(text)),
    stderr: (text) => io.stderr(redact(text)),
    redact,
  };
}
