// A third-party-style Kensa benchmark plugin: a fictitious "100th exam" block in the IgakuQA file format
// (questions `data/100-A.jsonl`, metadata `data/100-A_metadata.jsonl`, worked examples with explanations in
// `data/examples.jsonl`). Every question was written for this example; none is exam text. The 100th exam is not
// one Kensa evaluates on, so `kensa rpo build` accepts pairs built on it.
//
//   kensa eval older-exam-example --plugin ./examples/older-exam-plugin/index.mjs --mode 3shot-explain …
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  chooseCountFromStem,
  defineBenchmark,
  examPromptModes,
  parseJsonl,
  renderExamPrompt,
} from '@kensa/core';

const dataDir = fileURLToPath(new URL('./data/', import.meta.url));

function readJsonl(name) {
  const file = `${dataDir}${name}`;
  return parseJsonl(readFileSync(file, 'utf8'), file);
}

/** One IgakuQA question record (and its metadata record, if any) as a Kensa item. */
function toItem(record, metadata, exam) {
  const item = {
    id: record.problem_id,
    kind: 'choice',
    question: record.problem_text,
    choices: record.choices,
    choose: chooseCountFromStem(record.problem_text),
    answer: record.answer,
    points: Number(record.points ?? '1'),
    exam,
  };
  if (exam !== undefined) item.year = 1906 + Number(exam);
  if (metadata !== undefined) {
    item.category = metadata.category;
    item.kinki = metadata.kinki;
    item.humanAccuracy = Number(metadata.human_accuracy);
    item.breakdown = metadata.breakdown.map(Number);
  }
  if (record.explanation !== undefined) item.explanation = record.explanation;
  return item;
}

function loadBlock(exam, block) {
  const metadata = new Map(
    readJsonl(`${exam}-${block}_metadata.jsonl`).map(({ value }) => [value.problem_id, value]),
  );
  return readJsonl(`${exam}-${block}.jsonl`).map(({ value }) =>
    toItem(value, metadata.get(value.problem_id), exam),
  );
}

export default defineBenchmark({
  specificationVersion: 'v1',
  id: 'older-exam-example',
  title: 'Older exam (fictitious 100th exam, self-written example questions)',
  citation: 'Written for the Kensa examples; not exam text.',
  licence: 'Apache-2.0',
  version: '1',
  sources: [],
  parse: () => loadBlock('100', 'A'),
  examples: () => readJsonl('examples.jsonl').map(({ value }) => toItem(value, undefined, undefined)),
  prompts: examPromptModes.map((mode) => ({
    id: mode,
    description: `IgakuQA exam prompt, ${mode}`,
    render: (item, context) => renderExamPrompt(item, mode, mode === '0shot' ? [] : context.examples),
  })),
  scoring: { kind: 'accuracy' },
});
