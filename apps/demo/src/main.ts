import { KensaError } from '@kensa/core';
import { Command, CommanderError, Option } from 'commander';
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
    .action(async (benchmark: string, options) => {
      setExitCode(await scoreCommand(benchmark, options, io));
    });

  program
    .command('list')
    .description('List the benchmarks this CLI knows.')
    .action(() => {
      setExitCode(listCommand(io));
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
