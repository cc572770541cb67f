import { Command, CommanderError, Option } from 'commander';
import { collectOption } from './collect-option';
import { describeSystemError } from './describe-system-error';
import { exitCodeOf, exitCodes } from './exit-codes';
import type { Io } from './io';
import { redactingIo } from './redacting-io';
import { KENSA_VERSION } from './version';

// Each command's module is imported when that command runs, so `kensa --help` (and every command) loads only
// what it uses: the SDK, SQLite and the benchmark plugins stay unloaded until a command needs them.
function buildProgram(io: Io, setExitCode: (code: number) => void): Command {
  const program = new Command('kensa')
    .description('Evaluate LLMs on Japanese medical benchmarks and build preference data.')
    .version(KENSA_VERSION)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    // Inherited by every command: a missing argument or an unknown flag ends with where to read the usage.
    .showHelpAfterError("(run 'kensa <command> --help' for its arguments and options)");

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
    .option(
      '-T, --benchmark-option <key=value>',
      "an option of the benchmark's factory, repeatable (e.g. -T years=2022); 'kensa list' shows them",
      collectOption,
    )
    .addOption(
      new Option(
        '--accuracy <basis>',
        "which questions accuracy counts: 'all' (the paper's way, the default) or 'scored' (0-point questions left out)",
      ).choices(['all', 'scored']),
    )
    .option('--plugin <module...>', 'load third-party benchmarks: a package name or a path to a module')
    .action(async (benchmark: string, options) => {
      const { scoreCommand } = await import('./commands/score/score-command');
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
      'OpenAI-compatible base URL, e.g. http://localhost:8000/v1 (or OPENAI_BASE_URL); key from OPENAI_API_KEY; repeat for replicas of one model',
      (url: string, previous: string[] | undefined) => [...(previous ?? []), url],
    )
    .addOption(
      new Option('--api <api>', 'chat messages, or one text prompt for base models').choices([
        'chat',
        'completions',
      ]),
    )
    .option('--mode <mode>', 'prompt mode, e.g. 3shot (default), 3shot-explain, 0shot')
    .addOption(
      new Option(
        '--images <mode>',
        'questions with images: vision (send them), blind (text only, default), skip (leave out; lines scaled)',
      ).choices(['vision', 'blind', 'skip']),
    )
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
    .option(
      '--max-reply-size <MB>',
      'largest reply read from the server, in MB; a larger one fails its item unstored (default 16)',
    )
    .option('--out <dir>', 'run folder; an unfinished run there with the same options is resumed')
    .option('--no-cache', 'neither read nor write the response cache (nor the parsed-items cache)')
    .option('--data-dir <dir>', 'read sources from a local mirror of upstream paths (or KENSA_DATA_DIR)')
    .option('--json', 'print one JSON document on stdout')
    .option(
      '-T, --benchmark-option <key=value>',
      "an option of the benchmark's factory, repeatable (e.g. -T years=2022); 'kensa list' shows them",
      collectOption,
    )
    .option('--plugin <module...>', 'load third-party benchmarks: a package name or a path to a module')
    .option(
      '--batch-out <file>',
      'write the pending requests as OpenAI Batch JSONL instead of calling the model',
    )
    .option(
      '--batch-in <file>',
      'take a Batch results file (OpenAI output/error file, vllm run-batch -o) into the run folder; repeatable',
      (file: string, previous: string[] | undefined) => [...(previous ?? []), file],
    )
    .addOption(new Option('--batch <engine>', 'run the requests through a batch API').choices(['openai']))
    .option(
      '--batch-poll-interval <seconds>',
      'first wait between batch status polls (default 10; grows to 5 min)',
    )
    .action(async (benchmarks: string, options) => {
      const { evalCommand } = await import('./commands/eval/eval-command');
      setExitCode(await evalCommand(benchmarks, options, io));
    });

  program
    .command('report')
    .description('Write one self-contained HTML report (tables, charts, every answer) from run folders.')
    .argument('<run-dirs...>', 'run folders written by kensa eval or kensa score --out')
    .option(
      '--html <file>',
      'where to write it (default: <run-dir>/report.html for one run, else kensa-report.html)',
    )
    .option('--json', 'print the report summary as one JSON document on stdout')
    .option('--data-dir <dir>', 'read sources from a local mirror of upstream paths (or KENSA_DATA_DIR)')
    .option('--resamples <n>', 'bootstrap resamples for intervals (default 2000)')
    .option('--seed <n>', 'bootstrap seed (default 0)')
    .option('--plugin <module...>', 'load third-party benchmarks: a package name or a path to a module')
    .action(async (runDirs: string[], options) => {
      const { reportCommand } = await import('./commands/report/report-command');
      setExitCode(await reportCommand(runDirs, options, io));
    });

  program
    .command('compare')
    .description(
      'Compare two runs on the questions both answered: paired bootstrap intervals, McNemar exact test.',
    )
    .argument('<run-a>', 'run folder A')
    .argument('<run-b>', 'run folder B')
    .option('--json', 'print one JSON document on stdout')
    .option('--data-dir <dir>', 'read sources from a local mirror of upstream paths (or KENSA_DATA_DIR)')
    .option('--resamples <n>', 'bootstrap resamples (default 2000)')
    .option('--seed <n>', 'bootstrap seed (default 0)')
    .option('--plugin <module...>', 'load third-party benchmarks: a package name or a path to a module')
    .action(async (runA: string, runB: string, options) => {
      const { compareCommand } = await import('./commands/compare/compare-command');
      setExitCode(await compareCommand(runA, runB, options, io));
    });

  const rpo = program
    .command('rpo')
    .description('RPO training data and loss: preference pairs for TRL, the loss reference, TRL settings.');
  rpo
    .command('build')
    .description(
      'Turn 3shot-explain runs (K samples) into TRL preference pairs: ground truth > chosen > rejected.',
    )
    .argument('<run-dirs...>', "run folders of 'kensa eval … --mode 3shot-explain --samples K'")
    .option('--out <file>', 'the JSONL dataset to write (provenance goes beside it, .provenance.json)')
    .addOption(
      new Option('--format <format>', 'TRL format: standard (strings) or conversational (messages)').choices([
        'standard',
        'conversational',
      ]),
    )
    .option('--allow-eval-overlap', 'export pairs on questions from evaluation exams anyway (loudly)')
    .option('--exclude-eval-overlap', 'leave out questions from evaluation exams and export the rest')
    .option('--eval-exams <list>', 'exams used for evaluation: 112,113 / 2018-2022 / none (default 112-116)')
    .option('--explanations <file>', 'JSONL {"problem_id", "explanation"} for ground-truth responses')
    .option('--no-ground-truth', 'no ground-truth responses, even where explanations exist')
    .addOption(
      new Option(
        '--strategy <strategy>',
        'all: every higher tier vs every lower (default); adjacent',
      ).choices(['all', 'adjacent']),
    )
    .option('--max-pairs-per-question <n>', 'keep at most N pairs per question (seeded pick)')
    .option('--no-ground-truth-vs-chosen', 'drop ground-truth-vs-chosen pairs')
    .option('--seed <n>', 'seed of the capped pick (default 0)')
    .option('--keep-duplicates', 'keep samples whose text repeats another of the same tier')
    .option('--sidecar <file>', 'where to write the provenance JSON')
    .option('--data-dir <dir>', 'read sources from a local mirror of upstream paths (or KENSA_DATA_DIR)')
    .option('--plugin <module...>', 'load third-party benchmarks: a package name or a path to a module')
    .option('--json', 'print the counts as one JSON document')
    .action(async (runDirs: string[], options) => {
      const { rpoBuildCommand } = await import('./commands/rpo-build/rpo-build-command');
      setExitCode(await rpoBuildCommand(runDirs, options, io));
    });
  rpo
    .command('ground-truth')
    .description(
      "Have a teacher model explain each question's key; keep only explanations whose answer line reads as the key.",
    )
    .argument('<benchmark>', 'benchmark id, e.g. older-exam-example (from --plugin)')
    .option('--model <model>', 'the teacher model at --base-url')
    .option('--base-url <url>', 'OpenAI-compatible base URL (or OPENAI_BASE_URL); key from OPENAI_API_KEY')
    .option('--out <file>', 'the explanations JSONL to write, for kensa rpo build --explanations')
    .option(
      '--summary <file>',
      'where to list accepted, rejected and failed questions (default: beside --out, <name>.rejected.json)',
    )
    .option('--limit <n>', 'only the first N questions')
    .option('--concurrency <n>', 'requests in flight at once (default 4)')
    .option('--temperature <t>', 'sampling temperature (default 0)')
    .option('--max-tokens <n>', 'maximum tokens per explanation')
    .option('--timeout <seconds>', 'time allowed for one request (default 120)')
    .option('--retries <n>', 'retries per request after the first attempt (default 3)')
    .option('--no-cache', 'neither read nor write the response cache (earlier replies are asked again)')
    .option('--data-dir <dir>', 'read sources from a local mirror of upstream paths (or KENSA_DATA_DIR)')
    .option(
      '-T, --benchmark-option <key=value>',
      "an option of the benchmark's factory, repeatable (e.g. -T years=2022); 'kensa list' shows them",
      collectOption,
    )
    .option('--plugin <module...>', 'load third-party benchmarks: a package name or a path to a module')
    .option('--json', 'print the outcome as one JSON document')
    .action(async (benchmark: string, options) => {
      const { rpoGroundTruthCommand } = await import('./commands/rpo-ground-truth/rpo-ground-truth-command');
      setExitCode(await rpoGroundTruthCommand(benchmark, options, io));
    });
  rpo
    .command('loss')
    .description('Compute the RPO loss (DPO + α·NLL, as TRL) for cases in the test-vector schema.')
    .option('--input <file>', 'one case, or {"cases": [...]}, with params and inputs')
    .addOption(
      new Option(
        '--form <form>',
        'input form to use: auto (token level when given), token, sequence',
      ).choices(['auto', 'token', 'sequence']),
    )
    .option('--json', 'print {"cases": [...]} with the vectors\' field names')
    .action(async (options) => {
      const { rpoLossCommand } = await import('./commands/rpo-loss/rpo-loss-command');
      setExitCode(rpoLossCommand(options, io));
    });
  rpo
    .command('config')
    .description(
      "Print the TRL DPOConfig settings for RPO on the installed TRL (or --trl-version; default: the seed's α = 10).",
    )
    .option('--alpha <a>', 'weight of the NLL term (default 10)')
    .option('--beta <b>', 'DPO β (default 0.1)')
    .option('--data <file>', 'a dataset from kensa rpo build, to report its longest prompt and completion')
    .option(
      '--trl-version <version>',
      'the TRL to target (default: the installed one, from python3 or KENSA_PYTHON)',
    )
    .option(
      '--max-length <tokens>',
      "max_length to print (default: the dataset's longest row, else TRL's 1024)",
    )
    .option(
      '--tokenizer <name-or-dir>',
      "count the dataset's tokens with this tokenizer (transformers), not an estimate",
    )
    .option('--json', 'print one JSON document')
    .action(async (options) => {
      const { rpoConfigCommand } = await import('./commands/rpo-config/rpo-config-command');
      setExitCode(await rpoConfigCommand(options, io));
    });

  program
    .command('list')
    .description('List the benchmarks this CLI knows.')
    .option('--plugin <module...>', 'also list third-party benchmarks: a package name or a path to a module')
    .action(async (options: { plugin?: string[] }) => {
      const { listCommand } = await import('./commands/list/list-command');
      setExitCode(await listCommand(io, options.plugin));
    });

  return program;
}

/** Runs the CLI on `argv` (without the node and script entries) and returns the exit code. */
export async function main(argv: readonly string[], givenIo: Io): Promise<number> {
  // Everything printed, and (through io.redact) everything written, loses the secrets the command was given.
  const io = await redactingIo(givenIo, argv);
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
    // Loaded here, not at the top, to keep core out of `kensa --help`; a command that threw has loaded it already.
    const { KensaError } = await import('@kensa/core');
    if (KensaError.isInstance(error)) {
      io.stderr(`kensa: ${error.message}\n`);
      return exitCodeOf(error);
    }
    const systemMessage = describeSystemError(error);
    if (systemMessage !== undefined) {
      io.stderr(`kensa: ${systemMessage}\n`);
      return exitCodes.badInput;
    }
    io.stderr(
      `kensa: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n` +
        'kensa: this is a bug in Kensa; please report it with the command you ran and the lines above.\n',
    );
    return exitCodes.failures;
  }
}
