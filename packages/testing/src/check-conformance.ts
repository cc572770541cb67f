import {
  acceptedKeys,
  type Benchmark,
  DatasetParseError,
  type Item,
  itemSchema,
  type SourceContents,
  type SourceFile,
  scoreAccuracy,
  scoreExams,
  scoreItem,
} from '@kensa/core';
import { checkExamSemantics, type OfficialExamFacts } from './check-exam-semantics';
import { revisionProblem } from './pinned-revision';

/** A source replaced by a broken copy, and the line its parse error must name. */
export interface MalformedSource {
  /** The source's `path`, as in `benchmark.sources`. */
  readonly path: string;
  /** The broken file: its full text, or made from the good text (e.g. one line replaced). */
  readonly text: string | ((original: string) => string);
  /** The 1-based line the `DatasetParseError` must name. */
  readonly line: number;
}

export interface ConformanceOptions {
  /** Resolved contents of every source, by path: fixtures in the upstream format, or a local mirror. */
  readonly contents: SourceContents;
  /** Few-shot examples the prompt modes get; by default `benchmark.examples?.(contents)`, else none. */
  readonly examples?: readonly Item[];
  /** At least one broken source: parsing must fail with a `DatasetParseError` naming its file and line. */
  readonly malformed: MalformedSource | readonly MalformedSource[];
  /**
   * Revisions that are not full commit hashes but are known to be fixed (a short hash, a tag), each with the
   * reason it cannot be a full hash. Branch names are refused even here.
   */
  readonly acceptedRevisions?: Readonly<Record<string, string>>;
  /** Items rendered per prompt mode, spread evenly over the benchmark (first and last included); 200. */
  readonly sampleSize?: number;
  /** How many items `parse` must return, when the test knows. */
  readonly itemCount?: number;
  /** Exam benchmarks: official points and totals to check the plugin's against. */
  readonly official?: OfficialExamFacts;
}

/** The checks, in the order they are reported. */
export const conformanceChecks = [
  'contract',
  'parse',
  'items',
  'ids',
  'prompts',
  'likelihood',
  'scoring',
  'exam',
  'sources',
  'parse-errors',
] as const;

export type ConformanceCheck = (typeof conformanceChecks)[number];

/** One way a benchmark falls short of the contract; an empty list of findings means it conforms. */
export interface ConformanceFinding {
  readonly check: ConformanceCheck;
  readonly message: string;
  readonly itemId?: string;
}

/** A check lists at most this many findings, so one systematic fault does not drown the rest. */
const findingLimit = 20;

/** What every check works from: the items parsed once, or why parsing failed. */
export interface ConformanceSubject {
  readonly benchmark: Benchmark;
  readonly options: ConformanceOptions;
  readonly items: readonly Item[] | undefined;
  readonly examples: readonly Item[];
  readonly parseFailure: string | undefined;
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** Parses the benchmark's sources once for all checks. */
export function prepareConformance(benchmark: Benchmark, options: ConformanceOptions): ConformanceSubject {
  try {
    const items = benchmark.parse(options.contents);
    const examples = options.examples ?? benchmark.examples?.(options.contents) ?? [];
    return { benchmark, options, items, examples, parseFailure: undefined };
  } catch (error) {
    return { benchmark, options, items: undefined, examples: [], parseFailure: describeError(error) };
  }
}

/** Evenly spread items, first and last included; all of them when there are no more than `size`. */
export function sampleItems<T>(items: readonly T[], size: number): T[] {
  if (items.length <= size) return [...items];
  if (size <= 1) return items.slice(0, Math.max(size, 0));
  const picked = new Set<number>();
  for (let index = 0; index < size; index++) {
    picked.add(Math.round((index * (items.length - 1)) / (size - 1)));
  }
  return [...picked].map((index) => items[index] as T);
}

class Findings {
  readonly list: ConformanceFinding[] = [];
  private dropped = 0;

  constructor(private readonly check: ConformanceCheck) {}

  add(message: string, itemId?: string): void {
    if (this.list.length >= findingLimit) {
      this.dropped++;
      return;
    }
    this.list.push({ check: this.check, message, ...(itemId === undefined ? {} : { itemId }) });
  }

  done(): ConformanceFinding[] {
    if (this.dropped > 0) this.list.push({ check: this.check, message: `… and ${this.dropped} more` });
    return this.list;
  }
}

const blank = (value: unknown) => typeof value !== 'string' || value.trim() === '';

function checkContract({ benchmark }: ConformanceSubject, findings: Findings): void {
  if (benchmark.specificationVersion !== 'v1') {
    findings.add(`specificationVersion is '${String(benchmark.specificationVersion)}', expected 'v1'`);
  }
  if (typeof benchmark.id !== 'string' || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(benchmark.id)) {
    findings.add(`id '${String(benchmark.id)}' must be kebab-case (lowercase letters, digits and '-')`);
  }
  for (const field of ['title', 'citation', 'licence', 'version'] as const) {
    if (blank(benchmark[field])) findings.add(`${field} is empty`);
  }
  if (benchmark.prompts.length === 0) findings.add('there are no prompt modes');
  const modeIds = new Set<string>();
  for (const mode of benchmark.prompts) {
    if (blank(mode.id)) findings.add('a prompt mode has an empty id');
    else if (modeIds.has(mode.id)) findings.add(`prompt mode '${mode.id}' is listed twice`);
    modeIds.add(mode.id);
    if (blank(mode.description)) findings.add(`prompt mode '${mode.id}' has no description`);
  }
  const scoring = benchmark.scoring;
  if (scoring.kind === 'exam') {
    if (scoring.rules.length === 0) findings.add("scoring 'exam' has no exam rules");
  } else if (scoring.kind !== 'accuracy') {
    findings.add(`scoring kind '${String((scoring as { kind: unknown }).kind)}' is not 'accuracy' or 'exam'`);
  }
}

function checkParse({ benchmark, options, items, parseFailure }: ConformanceSubject, findings: Findings) {
  for (const file of benchmark.sources) {
    if (!options.contents.has(file.path)) {
      findings.add(
        `options.contents has no text for source '${file.path}'; resolve every source for the test`,
      );
    }
  }
  if (parseFailure !== undefined) {
    findings.add(`parse failed: ${parseFailure}`);
    return;
  }
  if (items === undefined || items.length === 0) findings.add('parse returned no items');
  else if (options.itemCount !== undefined && items.length !== options.itemCount) {
    findings.add(`parse returned ${items.length} items, expected ${options.itemCount}`);
  }
}

/** Runs `body` with the parsed items, or reports once that the check could not run. */
function withItems(subject: ConformanceSubject, findings: Findings, body: (items: readonly Item[]) => void) {
  if (subject.items === undefined) {
    findings.add('not checked: parse failed (see the parse check)');
    return;
  }
  body(subject.items);
}

function checkItems(subject: ConformanceSubject, findings: Findings): void {
  withItems(subject, findings, (items) => {
    const validate = (item: Item, what: string) => {
      const result = itemSchema.safeParse(item);
      if (!result.success) {
        const problems = result.error.issues
          .map((issue) =>
            issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
          )
          .join('; ');
        findings.add(`${what} does not validate with itemSchema: ${problems}`, item.id);
      } else if (item.kind === 'choice' && item.choose > item.choices.length) {
        findings.add(`${what} asks to choose ${item.choose} of ${item.choices.length} choices`, item.id);
      }
    };
    for (const item of items) validate(item, 'item');
    for (const example of subject.examples) validate(example, 'few-shot example');
  });
}

function checkIds(subject: ConformanceSubject, findings: Findings): void {
  withItems(subject, findings, (items) => {
    const seen = new Set<string>();
    for (const item of items) {
      if (seen.has(item.id)) findings.add(`id '${item.id}' is used by more than one item`, item.id);
      seen.add(item.id);
    }
    let again: readonly Item[];
    try {
      again = subject.benchmark.parse(subject.options.contents);
    } catch (error) {
      findings.add(`a second parse of the same contents failed: ${describeError(error)}`);
      return;
    }
    const first = items.map((item) => item.id).join('\n');
    if (again.map((item) => item.id).join('\n') !== first) {
      findings.add('a second parse of the same contents gave other ids or another order; ids must be stable');
    }
  });
}

function sample(subject: ConformanceSubject, items: readonly Item[]): Item[] {
  return sampleItems(items, subject.options.sampleSize ?? 200);
}

function checkPrompts(subject: ConformanceSubject, findings: Findings): void {
  withItems(subject, findings, (items) => {
    const context = { examples: subject.examples };
    for (const mode of subject.benchmark.prompts) {
      for (const item of sample(subject, items)) {
        const where = `prompt mode '${mode.id}'`;
        let rendered: ReturnType<typeof mode.render>;
        try {
          rendered = mode.render(item, context);
        } catch (error) {
          findings.add(`${where} threw: ${describeError(error)}`, item.id);
          continue;
        }
        if (!Array.isArray(rendered.messages) || rendered.messages.length === 0) {
          findings.add(`${where} rendered no messages`, item.id);
          continue;
        }
        rendered.messages.forEach((message, index) => {
          if (!['system', 'user', 'assistant'].includes(message.role)) {
            findings.add(`${where}: message ${index} has role '${message.role}'`, item.id);
          }
          if (blank(message.content)) findings.add(`${where}: message ${index} is empty`, item.id);
        });
        if (rendered.messages.at(-1)?.role !== 'user') {
          findings.add(`${where}: the last message must be the user's question`, item.id);
        }
        if (blank(rendered.template)) findings.add(`${where} names no template`, item.id);
        if (JSON.stringify(mode.render(item, context)) !== JSON.stringify(rendered)) {
          findings.add(
            `${where} rendered the same item differently twice; prompts must be deterministic`,
            item.id,
          );
        }
      }
    }
  });
}

function checkLikelihood(subject: ConformanceSubject, findings: Findings): void {
  const likelihood = subject.benchmark.likelihood;
  if (likelihood === undefined) return;
  withItems(subject, findings, (items) => {
    for (const item of sample(subject, items)) {
      if (item.kind !== 'choice') continue;
      let rendered: ReturnType<typeof likelihood.render>;
      try {
        rendered = likelihood.render(item, { examples: subject.examples });
      } catch (error) {
        findings.add(`likelihood render threw: ${describeError(error)}`, item.id);
        continue;
      }
      if (blank(rendered.prompt)) findings.add('likelihood prompt is empty', item.id);
      if (blank(rendered.template)) findings.add('likelihood render names no template', item.id);
      if (rendered.continuations.length !== item.choices.length) {
        findings.add(
          `likelihood rendered ${rendered.continuations.length} continuations for ${item.choices.length} choices`,
          item.id,
        );
      }
      rendered.continuations.forEach((continuation, index) => {
        if (blank(continuation)) findings.add(`likelihood continuation ${index} is empty`, item.id);
      });
    }
  });
}

/** The key as a model would write it (`答え：A,C`, `答え：0.4`) and bare (`a,c`, `04`). */
export function keyReplies(item: Item): [labelled: string, bare: string] {
  if (item.kind === 'choice') {
    return [`答え：${item.answer.map((letter) => letter.toUpperCase()).join(',')}`, item.answer.join(',')];
  }
  const key = item.answer[0] ?? '';
  return [`答え：${key}`, key];
}

/** An answer that matches neither the key nor any alternative key, or undefined when none can be made. */
export function wrongReply(item: Item): string | undefined {
  if (item.kind === 'choice') {
    const keys = acceptedKeys(item);
    const letters = item.choices.map((_, index) => String.fromCharCode(97 + index));
    return letters.find((letter) => !keys.some((key) => key.length === 1 && key[0] === letter));
  }
  const key = item.answer[0] ?? '';
  const last = key.search(/\d(?!.*\d)/);
  if (last < 0) return undefined;
  return `${key.slice(0, last)}${(Number(key[last]) + 1) % 10}${key.slice(last + 1)}`;
}

function checkScoring(subject: ConformanceSubject, findings: Findings): void {
  withItems(subject, findings, (items) => {
    const answers = new Map<string, string>();
    for (const item of items) {
      const ruling = item.ruling?.kind;
      const [labelled, bare] = keyReplies(item);
      answers.set(item.id, labelled);
      for (const reply of [labelled, bare]) {
        const score = scoreItem(item, reply, 'normalized');
        if (ruling === 'excluded') {
          if (score.verdict !== 'excluded') {
            findings.add(`an excluded item was scored '${score.verdict}' for '${reply}'`, item.id);
          }
        } else if (!score.correct || score.earned !== score.possible) {
          findings.add(`the key '${reply}' was scored '${score.verdict}' (${score.note})`, item.id);
        }
      }
      if (ruling === 'excluded' || ruling === 'correct-for-everyone') continue;
      const wrong = wrongReply(item);
      if (wrong === undefined) continue;
      const score = scoreItem(item, `答え：${wrong}`, 'normalized');
      if (score.correct) findings.add(`the wrong answer '${wrong}' was scored correct`, item.id);
    }

    const scoring = subject.benchmark.scoring;
    if (scoring.kind === 'accuracy') {
      const report = scoreAccuracy({ benchmark: subject.benchmark.id, items, answers, match: 'normalized' });
      if (report.n > 0 && report.correct !== report.n) {
        findings.add(`answering every key scored ${report.correct} of ${report.n}, not full marks`);
      }
    } else if (scoring.kind === 'exam') {
      try {
        const report = scoreExams({
          benchmark: subject.benchmark.id,
          rules: scoring.rules,
          examOf: scoring.examOf,
          items,
          answers,
          match: 'normalized',
        });
        for (const exam of report.exams) {
          if (exam.score !== exam.total) {
            findings.add(`answering every key scored exam ${exam.exam} ${exam.score}/${exam.total}`);
          }
        }
      } catch (error) {
        findings.add(`exam scoring threw: ${describeError(error)}`);
      }
    }
  });
}

function checkSourceFile(file: SourceFile, findings: Findings, subject: ConformanceSubject): void {
  const name = `source '${file.path}'`;
  if (typeof file.source !== 'string' || !/^[a-z0-9][a-z0-9._-]*$/.test(file.source)) {
    findings.add(`${name}: source name '${String(file.source)}' must be a plain lowercase folder name`);
  }
  if (blank(file.repository)) findings.add(`${name}: repository is empty`);
  const segments = file.path.split('/');
  if (
    blank(file.path) ||
    file.path.includes('\\') ||
    segments.some((segment) => segment === '' || segment === '.' || segment === '..')
  ) {
    findings.add(`${name}: the path must be relative, of plain names separated by '/'`);
  }
  const problem = revisionProblem(file.revision, subject.options.acceptedRevisions);
  if (problem !== undefined) findings.add(`${name}: ${problem}`);
  if (!file.url.startsWith('https://')) findings.add(`${name}: url '${file.url}' is not https`);
  if (file.revision !== '' && !file.url.includes(file.revision)) {
    findings.add(`${name}: url '${file.url}' does not contain the revision '${file.revision}'`);
  }
  if (file.sha256 !== undefined && !/^[0-9a-f]{64}$/.test(file.sha256)) {
    findings.add(`${name}: sha256 must be 64 lowercase hex digits`);
  }
}

function checkSources(subject: ConformanceSubject, findings: Findings): void {
  const { benchmark } = subject;
  if (benchmark.sources.length === 0) findings.add('the benchmark lists no sources');
  const paths = new Set<string>();
  for (const file of benchmark.sources) {
    // Resolved contents are keyed by path, so two sources with one path would overwrite each other.
    if (paths.has(file.path)) findings.add(`source path '${file.path}' is listed twice`);
    paths.add(file.path);
    checkSourceFile(file, findings, subject);
  }
  const imagePaths = new Set<string>();
  for (const file of benchmark.imageSources ?? []) {
    if (paths.has(file.path) || imagePaths.has(file.path))
      findings.add(`source path '${file.path}' is listed twice`);
    imagePaths.add(file.path);
    checkSourceFile(file, findings, subject);
    if (file.encoding !== 'base64') findings.add(`image source '${file.path}' must have encoding 'base64'`);
    if (file.sha256 === undefined) findings.add(`image source '${file.path}' has no sha256`);
  }
  for (const item of subject.items ?? []) {
    for (const image of item.images ?? []) {
      if (!imagePaths.has(image.path)) {
        findings.add(`image '${image.path}' is not one of the benchmark's imageSources`, item.id);
      }
    }
  }
  const published = benchmark.predictions?.published;
  for (const name of published?.names ?? []) {
    for (const file of published?.sources(name) ?? []) checkSourceFile(file, findings, subject);
  }
}

function checkParseErrors(subject: ConformanceSubject, findings: Findings): void {
  const { benchmark, options } = subject;
  const cases = Array.isArray(options.malformed)
    ? (options.malformed as readonly MalformedSource[])
    : [options.malformed as MalformedSource];
  if (cases.length === 0) findings.add('options.malformed gives no broken source to check');
  for (const broken of cases) {
    const original = options.contents.get(broken.path);
    if (!benchmark.sources.some((file) => file.path === broken.path) || original === undefined) {
      findings.add(`malformed path '${broken.path}' is not one of the resolved sources`);
      continue;
    }
    const text = typeof broken.text === 'function' ? broken.text(original) : broken.text;
    const contents = new Map(options.contents);
    contents.set(broken.path, text);
    const expected = `${broken.path}:${broken.line}`;
    try {
      benchmark.parse(contents);
      benchmark.examples?.(contents);
    } catch (error) {
      if (!DatasetParseError.isInstance(error)) {
        findings.add(`the broken ${expected} threw ${describeError(error)}, not a DatasetParseError`);
      } else if (error.file !== broken.path || error.line !== broken.line) {
        findings.add(`the broken ${expected} failed naming ${error.file}:${String(error.line)}`);
      } else if (!error.message.includes(expected)) {
        findings.add(`the parse error's message does not start with ${expected}: ${error.message}`);
      }
      continue;
    }
    findings.add(`the broken ${expected} parsed without an error`);
  }
}

const checkers: Record<ConformanceCheck, (subject: ConformanceSubject, findings: Findings) => void> = {
  contract: checkContract,
  parse: checkParse,
  items: checkItems,
  ids: checkIds,
  prompts: checkPrompts,
  likelihood: checkLikelihood,
  scoring: checkScoring,
  exam: (subject, findings) =>
    withItems(subject, findings, (items) =>
      checkExamSemantics(subject.benchmark, items, subject.options.official, (message, itemId) =>
        findings.add(message, itemId),
      ),
    ),
  sources: checkSources,
  'parse-errors': checkParseErrors,
};

/** Runs one check on a prepared subject. */
export function runConformanceCheck(
  check: ConformanceCheck,
  subject: ConformanceSubject,
): ConformanceFinding[] {
  const findings = new Findings(check);
  checkers[check](subject, findings);
  return findings.done();
}

/**
 * Checks a benchmark against the plugin contract without a test framework: items validate, ids are unique and
 * stable, every prompt mode renders, the scorer gives full marks to the key and none to a wrong answer,
 * sources are pinned, and parse errors name file and line. Returns what is wrong; empty when it conforms.
 */
export function checkBenchmarkConformance(
  benchmark: Benchmark,
  options: ConformanceOptions,
): ConformanceFinding[] {
  const subject = prepareConformance(benchmark, options);
  return conformanceChecks.flatMap((check) => runConformanceCheck(check, subject));
}

/** A finding as one line: `[check] item: message`. */
export function formatFinding(finding: ConformanceFinding): string {
  return `[${finding.check}] ${finding.itemId === undefined ? '' : `${finding.itemId}: `}${finding.message}`;
}
