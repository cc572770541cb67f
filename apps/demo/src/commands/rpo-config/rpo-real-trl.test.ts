import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { temporaryDir } from '@kensa/test-support';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The real-TRL check: TRL from `python3 -m pip install trl` in a throw-away virtualenv (cached under the temp dir,
 * or $KENSA_TRL_VENV_DIR, keyed by the Python version and the requirement, so reruns skip the install), Kensa's
 * exported JSONL loaded with `datasets`, the config `kensa rpo config --json` prints passed to `DPOConfig` as is,
 * one `DPOTrainer` step on a tiny randomly initialised Llama (`test-fixtures/trl_one_step.py`, no downloads), and
 * the step's loss compared with `kensa rpo loss` on the log-probs of the exact batch the trainer used.
 * Skipped, with one line saying why, where Python, venv or the TRL wheels cannot be had.
 */
const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const cli = path.resolve(here, '../../../dist/cli.js');
const script = path.join(here, 'test-fixtures/trl_one_step.py');
const exported = path.join(here, '../rpo-build/test-fixtures/rpo-older-exam.standard.jsonl');
const requirement = process.env.KENSA_TRL_REQUIREMENT ?? 'trl';
const packages = [requirement, 'torch', 'transformers', 'datasets', 'accelerate'];

let python: string | undefined;
let skipReason: string | undefined;

async function prepareVenv(): Promise<void> {
  if (process.env.KENSA_SKIP_TRL === '1') {
    skipReason = 'KENSA_SKIP_TRL=1';
    return;
  }
  const system = process.env.KENSA_TEST_PYTHON ?? 'python3';
  let version: string;
  try {
    version = (await run(system, ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'])).stdout.trim();
  } catch {
    skipReason = `no ${system} on this machine`;
    return;
  }
  const key = `kensa-trl-venv-py${version}-${requirement.replace(/[^A-Za-z0-9.=_-]/g, '_')}`;
  const venv = path.join(process.env.KENSA_TRL_VENV_DIR ?? path.join(tmpdir(), 'kensa-cache'), key);
  const venvPython = path.join(venv, 'bin', 'python');
  const ready = path.join(venv, '.kensa-ready');
  if (!existsSync(ready)) {
    const started = Date.now();
    try {
      await mkdir(path.dirname(venv), { recursive: true });
      await run(system, ['-m', 'venv', '--clear', venv]);
      await run(venvPython, ['-m', 'pip', 'install', '--quiet', '--retries', '1', ...packages], {
        maxBuffer: 64 * 1024 * 1024,
      });
    } catch (error) {
      const stderr = String((error as { stderr?: string }).stderr ?? (error as Error).message);
      skipReason = `cannot install ${packages.join(' ')} into a virtualenv: ${stderr.trim().split('\n').pop()}`;
      return;
    }
    await writeFile(ready, `installed in ${Math.round((Date.now() - started) / 1000)} s\n`);
  }
  python = venvPython;
}

async function kensa(args: readonly string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [cli, ...args], {
    env: { ...process.env, KENSA_PYTHON: python },
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}

describe('a real TRL DPOTrainer step with the config kensa rpo config prints', () => {
  beforeAll(async () => {
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run 'npm run build' before this test.`);
    await prepareVenv();
    if (skipReason !== undefined) console.log(`rpo-real-trl: skipped — ${skipReason}`);
  }, 3_600_000);

  it('constructs on the installed TRL, trains one step, and its loss equals kensa rpo loss', async (context) => {
    if (python === undefined) return context.skip(skipReason);
    const directory = await temporaryDir();
    // Two rows of Kensa's own export (standard format), to keep the CPU step short.
    const rows = (await readFile(exported, 'utf8')).trim().split('\n').slice(0, 2);
    const data = path.join(directory, 'pairs.jsonl');
    await writeFile(data, `${rows.join('\n')}\n`);

    const installed = (await run(python, ['-c', 'import trl; print(trl.__version__)'])).stdout.trim();
    const printed = JSON.parse(await kensa(['rpo', 'config', '--json', '--data', data]));
    expect(printed.trlVersion).toBe(installed);
    expect(printed.trlVersionSource).toMatch(/^installed/);
    const configFile = path.join(directory, 'config.json');
    await writeFile(configFile, JSON.stringify(printed));

    const outFile = path.join(directory, 'step.json');
    await run(python, [script, configFile, data, outFile], {
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, HF_HUB_OFFLINE: '1', HF_DATASETS_OFFLINE: '1', TOKENIZERS_PARALLELISM: 'false' },
    });
    const step = JSON.parse(await readFile(outFile, 'utf8'));
    expect(step.trl_version).toBe(installed);
    // The printed max_length keeps every row: TRL dropped none.
    expect(step.train_rows_after_filtering).toBe(2);

    const caseFile = path.join(directory, 'case.json');
    await writeFile(caseFile, JSON.stringify(step.case));
    const computed = JSON.parse(await kensa(['rpo', 'loss', '--input', caseFile, '--json'])).cases[0];
    // The log-probs are those of the trainer's batch: their means are what TRL logged for the step.
    const sequence = step.case.inputs.sequence_level;
    const meanOf = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    expect(meanOf(sequence.policy_chosen_logps)).toBeCloseTo(step.logged['logps/chosen'], 2);
    expect(meanOf(sequence.policy_rejected_logps)).toBeCloseTo(step.logged['logps/rejected'], 2);
    // TRL computes in float32; Kensa in float64 from the same log-probs.
    expect(Math.abs(computed.loss - step.trainer_loss)).toBeLessThanOrEqual(
      1e-5 * Math.abs(step.trainer_loss),
    );
    expect(computed.loss).toBeGreaterThan(computed.dpo_loss);
  }, 1_800_000);
});
