// A benchmark for the likelihood section of `npm run bench`: IgakuQA's single-answer five-option questions
// (real Japanese stems and options, from the same sources as `igakuqa`), scored by option likelihood with core's
// standard choice prompt. It exists to give the likelihood path realistic payloads; it is not a Kensa benchmark.
import { choiceLikelihood, defineBenchmark } from '@kensa/core';
import { igakuqa } from '@kensa/igakuqa';

export default defineBenchmark({
  specificationVersion: 'v1',
  id: 'igakuqa-likelihood-bench',
  title: 'IgakuQA single-answer questions by option likelihood (benchmark fixture)',
  citation: igakuqa.citation,
  licence: igakuqa.licence,
  version: `${igakuqa.version}-likelihood-bench`,
  sources: igakuqa.sources,
  parse: (contents) =>
    igakuqa
      .parse(contents)
      .filter((item) => item.kind === 'choice' && item.choose === 1 && item.choices.length === 5),
  prompts: igakuqa.prompts,
  likelihood: choiceLikelihood,
  scoring: { kind: 'accuracy' },
});
