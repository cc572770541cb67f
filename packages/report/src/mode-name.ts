const modeNames: Readonly<Record<string, string>> = {
  '3shot': '3-shot',
  '3shot-explain': '3-shot explain',
  '0shot': '0-shot',
  predictions: 'prediction files',
};

/** How a prompt mode is called in tables and legends. */
export function modeName(mode: string): string {
  const [prompt = mode, method] = mode.split('+');
  const name = modeNames[prompt] ?? prompt;
  return method === undefined ? name : `${name} (${method})`;
}
