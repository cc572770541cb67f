import OpenAI from 'openai';

const flagOf: Readonly<Record<string, string>> = {
  temperature: '--temperature',
  max_tokens: '--max-tokens',
  max_completion_tokens: '--max-tokens',
  seed: '--seed',
  top_p: '--top-p',
};

/**
 * A 4xx that every request of the run would get again, with the fix: a parameter the model does not take
 * (OpenAI `code: "unsupported_parameter"` / `"unsupported_value"`, e.g. a temperature other than 1 on o3 or
 * gpt-5), or an account without quota (429 `insufficient_quota`, which is not a rate limit: waiting does not
 * help). Undefined for anything else.
 */
export function runWideRejection(error: unknown): string | undefined {
  if (!(error instanceof OpenAI.APIError) || error.status === undefined) return undefined;
  const code = typeof error.code === 'string' ? error.code : undefined;
  const type = typeof error.type === 'string' ? error.type : undefined;
  const said = error.message.replace(/^\d{3}\s*/, '');
  if (code === 'insufficient_quota' || type === 'insufficient_quota') {
    return `the server answered ${error.status} insufficient_quota: ${said} Add credit or raise the limit of this API account (or use another key); retrying does not help.`;
  }
  if (code === 'unsupported_parameter' || code === 'unsupported_value') {
    const param = typeof error.param === 'string' ? error.param : undefined;
    const flag = param === undefined ? undefined : flagOf[param];
    const fix =
      flag === undefined
        ? 'Remove the option that sets it.'
        : param === 'temperature'
          ? `Run without ${flag} (this model takes only its default temperature).`
          : `Run without ${flag}, or with a value the model accepts.`;
    return `the server rejects ${param === undefined ? 'a parameter' : `'${param}'`} for this model (${code}): ${said} ${fix}`;
  }
  return undefined;
}
