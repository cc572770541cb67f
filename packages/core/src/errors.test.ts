import { describe, expect, it } from 'vitest';
import { DatasetParseError, KensaError, PredictionError, UnknownBenchmarkError } from './errors';

describe('error classes', () => {
  const parse = new DatasetParseError({ file: 'file.jsonl', line: 3, message: 'not valid JSON' });
  const prediction = new PredictionError({ file: 'gpt.jsonl', line: 7, itemId: '116A1', message: 'bad' });
  const unknown = new UnknownBenchmarkError({ id: 'igakua', known: ['igakuqa'], suggestions: ['igakuqa'] });

  it('recognises each class and its base', () => {
    expect(DatasetParseError.isInstance(parse)).toBe(true);
    expect(PredictionError.isInstance(prediction)).toBe(true);
    expect(UnknownBenchmarkError.isInstance(unknown)).toBe(true);
    for (const error of [parse, prediction, unknown]) {
      expect(KensaError.isInstance(error)).toBe(true);
      expect(error).toBeInstanceOf(Error);
    }
  });

  it('tells the classes apart', () => {
    expect(DatasetParseError.isInstance(prediction)).toBe(false);
    expect(PredictionError.isInstance(unknown)).toBe(false);
    expect(UnknownBenchmarkError.isInstance(parse)).toBe(false);
  });

  it('recognises an error from another copy of the package by its Symbol.for marker', () => {
    // What a second installed copy would throw: a different class, the same global symbol.
    const foreign = { [Symbol.for('kensa.error')]: true, code: 'dataset-parse', message: 'x' };
    expect(KensaError.isInstance(foreign)).toBe(true);
    expect(DatasetParseError.isInstance(foreign)).toBe(true);
    expect(PredictionError.isInstance(foreign)).toBe(false);
  });

  it('rejects plain errors and non-objects', () => {
    for (const value of [new Error('x'), { code: 'dataset-parse' }, null, undefined, 'dataset-parse']) {
      expect(KensaError.isInstance(value)).toBe(false);
      expect(DatasetParseError.isInstance(value)).toBe(false);
    }
  });

  it('puts file and line first in a dataset message', () => {
    expect(parse.message).toBe('file.jsonl:3: not valid JSON');
    expect(parse).toMatchObject({
      name: 'DatasetParseError',
      code: 'dataset-parse',
      file: 'file.jsonl',
      line: 3,
    });
    expect(new DatasetParseError({ file: 'file.jsonl', message: 'empty' }).message).toBe('file.jsonl: empty');
  });

  it('keeps the cause', () => {
    const cause = new SyntaxError('Unexpected token');
    expect(new DatasetParseError({ file: 'f', line: 1, message: 'm', cause }).cause).toBe(cause);
  });

  it('puts file and line first in a prediction message when known', () => {
    expect(prediction.message).toBe('gpt.jsonl:7: bad');
    expect(prediction.itemId).toBe('116A1');
    expect(new PredictionError({ file: 'gpt.jsonl', message: 'bad' }).message).toBe('gpt.jsonl: bad');
    expect(new PredictionError({ message: 'bad' }).message).toBe('bad');
  });

  it('names the unknown benchmark and the suggestion', () => {
    expect(unknown.message).toBe("Unknown benchmark 'igakua'. Did you mean 'igakuqa'?");
    expect(new UnknownBenchmarkError({ id: 'x', known: ['igakuqa', 'jmmlu'], suggestions: [] }).message).toBe(
      "Unknown benchmark 'x'. Known benchmarks: igakuqa, jmmlu.",
    );
  });
});
