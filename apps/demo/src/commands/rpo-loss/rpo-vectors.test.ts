// @needs-shared-data (skipped without ../shared; see packages/test-support/src/shared-data-exclude.ts)
import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  computeRpoLossCase,
  parseRpoLossFile,
  RpoInputError,
  type RpoLossResult,
  rpoLoss,
  type SequenceLogps,
  type TokenLogps,
  trlRpoConfig,
} from '@kensa/core';
import { sharedDir } from '@kensa/test-support';
import { describe, expect, it } from 'vitest';
import { main } from '../../main';
import { captureIo } from '../../test-io';

/** The shared RPO test vectors, read in place (never copied into the repository). */
const vectorsFile = path.join(sharedDir(), 'fixtures', 'rpo', 'vectors.json');

interface VectorCase {
  id: string;
  params: { beta: number; alpha: number; label_smoothing: number; reference_free: boolean };
  trl_equivalent: Record<string, string>;
  inputs: { token_level: Record<string, number[][]>; sequence_level: Record<string, number[]> };
  expected: Record<string, unknown>;
}

const vectors = JSON.parse(readFileSync(vectorsFile, 'utf8')) as {
  tolerance: { absolute: number; relative: number };
  cases: VectorCase[];
};

/** Every number of `expected`, with its path; compared here by hand rather than with the code under test. */
function leaves(value: unknown, at = ''): [string, number][] {
  if (typeof value === 'number') return [[at, value]];
  if (Array.isArray(value)) return value.flatMap((entry, index) => leaves(entry, `${at}[${index}]`));
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([key, entry]) => leaves(entry, at === '' ? key : `${at}.${key}`));
  return [];
}

function read(value: unknown, at: string): unknown {
  return at
    .split(/\.(?![^[]*\])|(?=\[)/)
    .filter((part) => part !== '')
    .reduce<unknown>((current, part) => {
      const index = /^\[(\d+)\]$/.exec(part);
      if (current === undefined || current === null) return undefined;
      return index?.[1] !== undefined
        ? (current as unknown[])[Number(index[1])]
        : (current as Record<string, unknown>)[part];
    }, value);
}

function expectMatches(got: unknown, expected: unknown, label: string): void {
  const { absolute, relative } = vectors.tolerance;
  expect(absolute).toBe(1e-12);
  expect(relative).toBe(1e-12);
  const all = leaves(expected);
  expect(all.length).toBeGreaterThan(15);
  for (const [at, want] of all) {
    const value = read(got, at);
    expect(typeof value, `${label} ${at}`).toBe('number');
    const error = Math.abs((value as number) - want);
    expect(error, `${label} ${at}: got ${value}, expected ${want}`).toBeLessThanOrEqual(
      Math.max(absolute, relative * Math.abs(want)),
    );
  }
}

/** The API's camelCase result under the vectors' snake_case names. */
function asVectorOutput(result: RpoLossResult) {
  return {
    loss: result.loss,
    dpo_loss: result.dpoLoss,
    nll_loss: result.nllLoss,
    nll_loss_sequence_mean: result.nllLossSequenceMean,
    loss_with_sequence_mean_nll: result.lossWithSequenceMeanNll,
    metrics: result.metrics,
    per_example: {
      logits: result.perExample.logits,
      dpo_losses: result.perExample.dpoLosses,
      chosen_rewards: result.perExample.chosenRewards,
      rejected_rewards: result.perExample.rejectedRewards,
      margins: result.perExample.margins,
      accuracies: result.perExample.accuracies,
    },
  };
}

function tokenInputs(testCase: VectorCase): TokenLogps {
  const token = testCase.inputs.token_level;
  return {
    chosenMask: token.chosen_mask as number[][],
    rejectedMask: token.rejected_mask as number[][],
    policyChosenTokenLogps: token.policy_chosen_token_logps as number[][],
    policyRejectedTokenLogps: token.policy_rejected_token_logps as number[][],
    referenceChosenTokenLogps: token.reference_chosen_token_logps as number[][],
    referenceRejectedTokenLogps: token.reference_rejected_token_logps as number[][],
  };
}

function sequenceInputs(testCase: VectorCase): SequenceLogps {
  const sequence = testCase.inputs.sequence_level;
  return {
    policyChosenLogps: sequence.policy_chosen_logps as number[],
    policyRejectedLogps: sequence.policy_rejected_logps as number[],
    referenceChosenLogps: sequence.reference_chosen_logps as number[],
    referenceRejectedLogps: sequence.reference_rejected_logps as number[],
    chosenTokenCounts: sequence.chosen_token_counts as number[],
    rejectedTokenCounts: sequence.rejected_token_counts as number[],
  };
}

describe('the RPO loss against the shared test vectors (to 1e-12)', () => {
  it('has the cases the README describes', () => {
    expect(vectors.cases.length).toBeGreaterThanOrEqual(8);
  });

  for (const testCase of vectors.cases) {
    const parameters = {
      beta: testCase.params.beta,
      alpha: testCase.params.alpha,
      labelSmoothing: testCase.params.label_smoothing,
      referenceFree: testCase.params.reference_free,
    };

    it(`${testCase.id}: rpoLoss from per-token and per-sequence inputs`, () => {
      expectMatches(asVectorOutput(rpoLoss(tokenInputs(testCase), parameters)), testCase.expected, 'token');
      expectMatches(
        asVectorOutput(rpoLoss(sequenceInputs(testCase), parameters)),
        testCase.expected,
        'sequence',
      );
      if (testCase.params.alpha === 0) {
        const result = rpoLoss(sequenceInputs(testCase), parameters);
        expect(result.loss).toBe(result.dpoLoss);
      }
    });

    it(`${testCase.id}: the file schema, both forms`, () => {
      const [parsed] = parseRpoLossFile(testCase, 'vectors.json').cases;
      if (parsed === undefined) throw new Error('no case');
      expectMatches(computeRpoLossCase(parsed, 'token'), testCase.expected, 'token');
      expectMatches(computeRpoLossCase(parsed, 'sequence'), testCase.expected, 'sequence');
    });

    it(`${testCase.id}: the TRL settings it names`, () => {
      const config = trlRpoConfig(parameters);
      expect(config.rpoAlpha).toBe(testCase.trl_equivalent['trl_0.10_to_0.28']);
      expect(config.lossWeightsText).toBe(testCase.trl_equivalent['trl_0.29_and_later']);
    });
  }
});

describe('kensa rpo loss', () => {
  for (const form of ['auto', 'token', 'sequence']) {
    it(`reproduces every vector through the CLI (--form ${form} --json)`, async () => {
      const io = captureIo();
      expect(await main(['rpo', 'loss', '--input', vectorsFile, '--form', form, '--json'], io)).toBe(0);
      const document = JSON.parse(io.out()) as { cases: Record<string, unknown>[] };
      expect(document.cases.map((entry) => entry.id)).toEqual(vectors.cases.map((entry) => entry.id));
      for (const [index, output] of document.cases.entries()) {
        const testCase = vectors.cases[index] as VectorCase;
        expect(Object.keys(output)).toEqual([
          'id',
          'loss',
          'dpo_loss',
          'nll_loss',
          'nll_loss_sequence_mean',
          'loss_with_sequence_mean_nll',
          'metrics',
          'per_example',
        ]);
        expect(Object.keys(output.metrics as object).sort()).toEqual(
          Object.keys(testCase.expected.metrics as object).sort(),
        );
        expect(Object.keys(output.per_example as object).sort()).toEqual(
          Object.keys(testCase.expected.per_example as object).sort(),
        );
        expectMatches(output, testCase.expected, `cli ${form}`);
      }
      expect(io.err()).toBe('');
    });
  }

  it('prints a table that checks each case against its expected values', async () => {
    const io = captureIo();
    expect(await main(['rpo', 'loss', '--input', vectorsFile], io)).toBe(0);
    expect(io.out()).toContain('basic_single');
    expect(io.out()).toContain(
      `${vectors.cases.length}/${vectors.cases.length} case(s) match their expected values`,
    );
  });

  it('takes a file with one case, and exits 1 when its expected values are off', async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'kensa-rpo-loss-'));
    const single = path.join(directory, 'one.json');
    const { id, params, inputs } = vectors.cases[0] as VectorCase;
    await writeFile(
      single,
      JSON.stringify({ id, params, inputs: { sequence_level: inputs.sequence_level } }),
    );
    const io = captureIo({ cwd: directory });
    expect(await main(['rpo', 'loss', '--input', 'one.json', '--json'], io)).toBe(0);
    expect(JSON.parse(io.out()).cases).toHaveLength(1);

    const wrong = path.join(directory, 'wrong.json');
    await writeFile(
      wrong,
      JSON.stringify({ params, inputs, expected: { loss: 1, metrics: { nll_loss: 1 } } }),
    );
    const failed = captureIo();
    expect(await main(['rpo', 'loss', '--input', wrong], failed)).toBe(1);
    expect(failed.out()).toMatch(
      /case 'case-1': 2 value\(s\) differ from expected:\n {2}loss: expected 1, got 2\.06/,
    );
  });

  it('refuses invalid inputs with exit code 2, naming the file, case and field', async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'kensa-rpo-loss-'));
    const testCase = vectors.cases[1] as VectorCase;
    const write = async (name: string, value: unknown) => {
      const file = path.join(directory, name);
      await writeFile(file, typeof value === 'string' ? value : JSON.stringify(value));
      return file;
    };
    const zeroLength = {
      ...testCase,
      inputs: {
        token_level: {
          ...testCase.inputs.token_level,
          rejected_mask: (testCase.inputs.token_level.rejected_mask as number[][]).map((row, index) =>
            index === 2 ? row.map(() => 0) : row,
          ),
        },
      },
    };
    const attempts: [string, RegExp][] = [
      [
        await write('zero.json', zeroLength),
        /zero\.json: case 'batch_varied_lengths_padding': inputs\.token_level\.rejected_mask\[2\]: the completion has no unmasked tokens/,
      ],
      [
        await write('beta.json', { ...testCase, params: { ...testCase.params, beta: 0 } }),
        /params\.beta: must be a finite number > 0/,
      ],
      [
        await write('alpha.json', { ...testCase, params: { ...testCase.params, alpha: -1 } }),
        /params\.alpha/,
      ],
      [
        await write('eps.json', { ...testCase, params: { ...testCase.params, label_smoothing: 0.75 } }),
        /params\.label_smoothing: must be between 0 and 0\.5/,
      ],
      [
        await write('shape.json', {
          ...testCase,
          inputs: { sequence_level: { ...testCase.inputs.sequence_level, chosen_token_counts: [5, 2] } },
        }),
        /inputs\.sequence_level\.chosen_token_counts: has 2 entries but the batch has 3 pairs/,
      ],
      [
        await write('empty.json', {
          ...testCase,
          inputs: {
            sequence_level: Object.fromEntries(
              Object.keys(testCase.inputs.sequence_level).map((key) => [key, []]),
            ),
          },
        }),
        /the batch is empty/,
      ],
      [await write('broken.json', '{"cases": ['), /broken\.json: not valid JSON/],
      [
        await write('typo.json', { ...testCase, params: { ...testCase.params, betta: 1 } }),
        /Unrecognized key: "betta"/,
      ],
    ];
    for (const [file, message] of attempts) {
      const io = captureIo();
      expect(await main(['rpo', 'loss', '--input', file], io), file).toBe(2);
      expect(io.err(), file).toMatch(message);
      expect(io.out()).toBe('');
    }
    expect((await main(['rpo', 'loss'], captureIo())).valueOf()).toBe(2);
  });

  it('throws RpoInputError from the API for non-finite values, never returning NaN', () => {
    const testCase = vectors.cases[0] as VectorCase;
    const inputs = sequenceInputs(testCase);
    expect(() =>
      rpoLoss({ ...inputs, policyChosenLogps: [Number.POSITIVE_INFINITY] }, { beta: 0.1, alpha: 1 }),
    ).toThrow(RpoInputError);
  });
});

describe('kensa rpo config', () => {
  it("prints both TRL APIs with the seed's α = 10 by default, and the length note", async () => {
    const io = captureIo();
    expect(await main(['rpo', 'config'], io)).toBe(0);
    expect(io.out()).toContain(
      "DPOConfig(loss_type='sigmoid', beta=0.1, rpo_alpha=10.0, label_smoothing=0.0, reference_free=False)",
    );
    expect(io.out()).toContain("DPOConfig(loss_type=['sigmoid', 'sft'], loss_weights=[1.0, 10.0], beta=0.1)");
    expect(io.out()).toMatch(/max_prompt_length/);
    expect(io.out()).toMatch(/max_length/);
  });

  it('takes --alpha and --beta, and prints JSON', async () => {
    const io = captureIo();
    expect(await main(['rpo', 'config', '--alpha', '1', '--beta', '0.25', '--json'], io)).toBe(0);
    expect(JSON.parse(io.out())).toMatchObject({
      alpha: 1,
      beta: 0.25,
      'trl_0.10_to_0.28':
        "DPOConfig(loss_type='sigmoid', beta=0.25, rpo_alpha=1.0, label_smoothing=0.0, reference_free=False)",
      'trl_0.29_and_later': "DPOConfig(loss_type=['sigmoid', 'sft'], loss_weights=[1.0, 1.0], beta=0.25)",
    });
    expect(await main(['rpo', 'config', '--beta', '0'], captureIo())).toBe(2);
    expect(await main(['rpo', 'config', '--alpha', '-1'], captureIo())).toBe(2);
  });

  it('measures a dataset written by kensa rpo build', async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'kensa-rpo-config-'));
    const file = path.join(directory, 'pairs.jsonl');
    await writeFile(
      file,
      `${JSON.stringify({ prompt: [{ role: 'user', content: '問題文'.repeat(100) }], chosen: [{ role: 'assistant', content: 'あ' }], rejected: [{ role: 'assistant', content: 'いい' }] })}\n`,
    );
    const io = captureIo();
    expect(await main(['rpo', 'config', '--data', file], io)).toBe(0);
    expect(io.out()).toMatch(
      /1 pairs \(conversational format\); longest prompt 300 characters, longest completion 2 characters/,
    );
  });

  it('targets the TRL version given, 0.x or 1.x, and prints dpoConfig keyword arguments', async () => {
    const modern = captureIo();
    expect(await main(['rpo', 'config', '--trl-version', '1.13.0', '--json'], modern)).toBe(0);
    expect(JSON.parse(modern.out())).toMatchObject({
      trlVersion: '1.13.0',
      trlVersionSource: '--trl-version',
      dpoConfig: { loss_type: ['sigmoid', 'sft'], loss_weights: [1, 10], beta: 0.1, max_length: 1024 },
    });
    expect(JSON.parse(modern.out()).dpoConfig).not.toHaveProperty('rpo_alpha');
    const old = captureIo();
    expect(await main(['rpo', 'config', '--trl-version', '0.28.0', '--json'], old)).toBe(0);
    expect(JSON.parse(old.out()).dpoConfig).toMatchObject({ rpo_alpha: 10, max_prompt_length: 512 });
    expect(await main(['rpo', 'config', '--trl-version', 'latest'], captureIo())).toBe(2);
    expect(await main(['rpo', 'config', '--trl-version', '0.9.0'], captureIo())).toBe(2);
  });

  it('warns with numbers when rows would be truncated or dropped at the printed max_length', async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'kensa-rpo-config-'));
    const file = path.join(directory, 'pairs.jsonl');
    // Estimate: 1 token per character, +1 EOS per completion. Row 1: prompt 300, completion 11 → 311.
    // Row 2: prompt 50, completion 6 → 56.
    await writeFile(
      file,
      `${JSON.stringify({ prompt: 'あ'.repeat(300), chosen: 'い'.repeat(10), rejected: 'う' })}\n${JSON.stringify({ prompt: 'え'.repeat(50), chosen: 'お'.repeat(5), rejected: 'か' })}\n`,
    );
    const sized = captureIo();
    expect(await main(['rpo', 'config', '--trl-version', '1.13.0', '--data', file, '--json'], sized)).toBe(0);
    expect(JSON.parse(sized.out())).toMatchObject({
      dpoConfig: { max_length: 320 },
      dataset: { tokens: { longestPrompt: 300, longestSequence: 311, truncated: 0, dropped: 0 } },
      warnings: [],
    });
    const tight = captureIo();
    expect(
      await main(['rpo', 'config', '--trl-version', '1.13.0', '--data', file, '--max-length', '300'], tight),
    ).toBe(0);
    expect(tight.out()).toContain(
      '1 of 2 rows would be DROPPED by TRL 1.13.0: their prompt alone fills max_length=300',
    );
    const truncating = captureIo();
    expect(
      await main(
        ['rpo', 'config', '--trl-version', '1.13.0', '--data', file, '--max-length', '305'],
        truncating,
      ),
    ).toBe(0);
    expect(truncating.out()).toContain('1 of 2 rows would be truncated on TRL 1.13.0 at max_length=305');
  });
});
