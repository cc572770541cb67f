import { defineBenchmark, examPromptModes, type Item, renderExamPrompt } from '@kensa/core';

/*
 * A tiny benchmark of "older exam" questions for the RPO tests, written for these tests in the shape of the
 * national exam (not benchmark data): the 110th exam is not one Kensa evaluates on, so pairs built on it pass the
 * contamination guard. Loaded by the tests with `--plugin`, as a third-party benchmark would be.
 */

const choices = (...texts: string[]) => texts;

const items: Item[] = [
  {
    id: '110A1',
    kind: 'choice',
    question: '急性心筋梗塞の患者にまず投与すべき薬剤はどれか。',
    choices: choices('アスピリン', 'ワルファリン', 'ジゴキシン', 'フロセミド', 'インスリン'),
    choose: 1,
    answer: ['a'],
    exam: '110',
    year: 2016,
  },
  {
    id: '110A2',
    kind: 'choice',
    question: '鉄欠乏性貧血でみられるのはどれか。2つ選べ。',
    choices: choices('血清フェリチン高値', '小球性貧血', '網赤血球著増', '総鉄結合能高値', '血清鉄高値'),
    choose: 2,
    answer: ['b', 'd'],
    exam: '110',
    year: 2016,
    explanation: '鉄欠乏では小球性低色素性貧血となり、フェリチンは低下し、総鉄結合能は上昇する。',
  },
  {
    id: '110A3',
    kind: 'choice',
    question: '甲状腺機能亢進症でみられるのはどれか。',
    choices: choices('徐脈', '体重増加', '寒がり', '頻脈', '便秘'),
    choose: 1,
    answer: ['d'],
    exam: '110',
    year: 2016,
  },
  {
    id: '110A4',
    kind: 'choice',
    question: '設問に不備のあった問題である。正しいのはどれか。',
    choices: choices('選択肢ア', '選択肢イ', '選択肢ウ', '選択肢エ', '選択肢オ'),
    choose: 1,
    answer: ['c'],
    exam: '110',
    year: 2016,
    ruling: { kind: 'excluded', reason: '設問が不適切で正解が得られないため採点対象から除外' },
  },
];

const examples: Item[] = [
  {
    id: '109X1',
    kind: 'choice',
    question: '成人の正常な安静時心拍数はどれか。',
    choices: choices('20/分', '40/分', '70/分', '130/分', '180/分'),
    choose: 1,
    answer: ['c'],
    explanation: '成人の安静時心拍数はおよそ60〜100/分であり、70/分が該当する。',
  },
  {
    id: '109X2',
    kind: 'choice',
    question: 'ビタミンB12欠乏でみられるのはどれか。2つ選べ。',
    choices: choices(
      '大球性貧血',
      '小球性貧血',
      '亜急性連合性脊髄変性症',
      '溶血性尿毒症症候群',
      '低カルシウム血症',
    ),
    choose: 2,
    answer: ['a', 'c'],
    explanation: 'ビタミンB12欠乏は巨赤芽球性（大球性）貧血と亜急性連合性脊髄変性症を起こす。',
  },
  {
    id: '109X3',
    kind: 'choice',
    question: 'インスリンを分泌する細胞はどれか。',
    choices: choices('α細胞', 'β細胞', 'δ細胞', '腺房細胞', '導管細胞'),
    choose: 1,
    answer: ['b'],
    explanation: '膵ランゲルハンス島のβ細胞がインスリンを分泌する。',
  },
];

export default defineBenchmark({
  specificationVersion: 'v1',
  id: 'older-exam-fixture',
  title: 'Older exam questions (test fixture)',
  citation: 'Written for the Kensa tests.',
  licence: 'Apache-2.0',
  version: '1',
  sources: [],
  parse: () => items,
  examples: () => examples,
  prompts: examPromptModes.map((mode) => ({
    id: mode,
    description: `exam prompt, ${mode}`,
    render: (item: Item, context: { examples: readonly Item[] }) =>
      renderExamPrompt(item, mode, mode === '0shot' ? [] : context.examples),
  })),
  scoring: { kind: 'accuracy' },
});
