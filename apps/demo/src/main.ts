import { KensaError } from '@kensa/core';
import { Command, CommanderError, Option } from 'commander';
import { evalCommand } from './eval-command';
import { exitCodes } from './exit-codes';
import type { Io } from './io';
import { listCommand } from './list-command';
import { scoreCommand } from './score-command';
import { KENSA_VERSION } from './version';

function buildProgram(io: Io, setExitCode: (code: number) => void): Command {
  const program = new Command('kensa')
    .description('Evaluate LLMs on Japanese medical benchmarks and build preference data.')
    .version(KENSA_VERSION)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  program
    .command('score')
    .description('Score prediction files (IgakuQA format) exactly as the paper did.')
    .argument('<benchmark>', 'benchmark id, e.g. igakuqa')
    .option('--predictions <paths...>', 'prediction files, or directories searched for *.jsonl')
    .option(
      '--published <name>',
      "the paper's published predictions (gpt4, chatgpt, gpt3, student-majority, …)",
    )
    .option('--data-dir <dir>', 'read sources from a local mirror of upstream paths (or KENSA_DATA_DIR)')
    .option('--out <dir>', 'also write a run folder (manifest, per-item results, summary)')
    .option('--json', 'print one JSON document on stdout')
    .addOption(
      new Option(
        '--match <mode>',
        "how predictions are compared: 'exact' (the paper's rule) or 'normalized'",
      ).choices(['exact', 'normalized']),
    )
    .option('--plugin <module...>', 'load third-party benchmarks: a package name or a path to a module')
    .action(async (benchmark: string, options) => {
      setExitCode(await scoreCommand(benchmark, options, io));
    });

  program
    .command('eval')
    .description('Ask a model (or a built-in baseline) every question and score its answers.')
    .argument('<benchmarks>', 'benchmark id(s), comma-separated')
    .option(
      '--model <model>',
      'model name at --base-url, or baseline:examinee-majority / baseline:random (default without an endpoint: baseline:examinee-majority)',
    )
    .option(
      '--base-url <url>',
      'OpenAI-compatible base URL, e.g. http://localhost:8000/v1 (or OPENAI_BASE_URL); key from OPENAI_API_KEY',
    )
    .addOption(
      new Option('--api <api>', 'chat messages, or one text prompt for base models').choices([
        'chat',
        'completions',
      ]),
    )
    .option('--mode <mode>', 'prompt mode, e.g. 3shot (default), 3shot-explain, 0shot')
    .addOption(
      new Option('--scoring <method>', 'how answers are obtained').choices(['generate', 'likelihood']),
    )
    .option('--concurrency <n>', 'requests in flight at once (default 16)')
    .option('--limit <n>', 'only the first N questions')
    .option('--samples <k>', 'samples per question (default 1)')
    .option('--temperature <t>', 'sampling temperature')
    .option('--max-tokens <n>', 'maximum tokens per reply')
    .option('--seed <n>', 'sampling seed (sent to the server; seeds baseline:random)')
    .option('--timeout <seconds>', 'time allowed for one request (default 120)')
    .option('--retries <n>', 'retries per request after the first attempt (default 5)')
    .option('--out <dir>', 'run folder; an unfinished run there with the same options is resumed')
    .option('--no-cache', 'neither read nor write the response cache')
    .option('--data-dir <dir>', 'read sources from a local mirror of upstream paths (or KENSA_DATA_DIR)')
    .option('--json', 'print one JSON document on stdout')
    .option('--plugin <module...>', 'load third-party benchmarks: a package name or a path to a module')
    .action(async (benchmarks: string, options) => {
      setExitCode(await evalCommand(benchmarks, options, io));
    });

  program
    .command('list')
    .description('List the benchmarks this CLI knows.')
    .option('--plugin <module...>', 'also list third-party benchmarks: a package name or a path to a module')
    .action(async (options: { plugin?: string[] }) => {
      setExitCode(await listCommand(io, options.plugin));
    });

  return program;
}

/** Runs the CLI on `argv` (without the node and script entries) and returns the exit code. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  let exitCode: number = exitCodes.success;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      const helpOrVersion = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(
        error.code,
      );
      return helpOrVersion || error.exitCode === 0 ? exitCodes.success : exitCodes.badInput;
    }
    if (KensaError.isInstance(error)) {
      io.stderr(`kensa: ${error.message}\n`);
      return exitCodes.badInput;
    }
    io.stderr(
      `kensa: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return exitCodes.failures;
  }
}
