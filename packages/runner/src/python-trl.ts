import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { KensaError } from '@kensa/core';

const run = promisify(execFile);

/** The Python interpreter Kensa asks about TRL: `$KENSA_PYTHON`, else `python3`. */
export function pythonCommand(env: NodeJS.ProcessEnv = process.env): string {
  return env.KENSA_PYTHON ?? 'python3';
}

/** The installed TRL version (`trl.__version__`), or undefined when Python or TRL cannot be had. */
export async function detectTrlVersion(python: string): Promise<string | undefined> {
  try {
    const { stdout } = await run(python, ['-c', 'import trl; print(trl.__version__)'], { timeout: 60_000 });
    const version = stdout.trim().split('\n').pop();
    return version === undefined || version === '' ? undefined : version;
  } catch {
    return undefined;
  }
}

/** A row to count, in either TRL preference format. */
export interface TokenCountRow {
  readonly prompt: unknown;
  readonly chosen: unknown;
  readonly rejected: unknown;
}

const countScript = `
import json, sys
from transformers import AutoTokenizer
tokenizer = AutoTokenizer.from_pretrained(sys.argv[1])
rows = json.load(sys.stdin)
def prompt_ids(prompt):
    if isinstance(prompt, str):
        return tokenizer(prompt, add_special_tokens=False)["input_ids"]
    return tokenizer.apply_chat_template(prompt, tokenize=True, add_generation_prompt=True, return_dict=False)
def completion_ids(completion):
    if isinstance(completion, str):
        return tokenizer(completion, add_special_tokens=False)["input_ids"]
    return tokenizer(completion[-1]["content"], add_special_tokens=False)["input_ids"]
out = [[len(prompt_ids(r["prompt"])), len(completion_ids(r["chosen"])) + 1, len(completion_ids(r["rejected"])) + 1] for r in rows]
print(json.dumps(out))
`;

/** Thrown when the tokenizer cannot be loaded or run; the message says what Python printed. */
export class TokenizerUnavailableError extends KensaError {
  constructor(message: string) {
    super('tokenizer-unavailable', message);
    this.name = 'TokenizerUnavailableError';
  }
}

/**
 * Counts each row's tokens with a real tokenizer through `transformers.AutoTokenizer` (a local folder or a hub
 * name): the prompt as TRL tokenizes it (chat template with the generation prompt for message lists), each
 * completion plus the EOS token TRL appends.
 */
export async function countTokensWithTokenizer(
  python: string,
  tokenizer: string,
  rows: readonly TokenCountRow[],
): Promise<{ prompt: number; chosen: number; rejected: number }[]> {
  const child = run(python, ['-c', countScript, tokenizer], {
    timeout: 600_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  child.child.stdin?.end(JSON.stringify(rows));
  try {
    const { stdout } = await child;
    const counts = JSON.parse(stdout.trim().split('\n').pop() ?? '[]') as [number, number, number][];
    return counts.map(([prompt, chosen, rejected]) => ({ prompt, chosen, rejected }));
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? (error as Error).message);
    const last = stderr.trim().split('\n').pop() ?? '';
    throw new TokenizerUnavailableError(`cannot count tokens with '${tokenizer}' (${python}): ${last}`);
  }
}
