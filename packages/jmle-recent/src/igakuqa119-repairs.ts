/**
 * Defects of the 119th exam's transcription, repaired explicitly. Each repair names what the upstream record
 * must hold for it to apply (so a changed upstream file fails loudly instead of being repaired wrongly) and
 * what it becomes. Nothing is inferred: every replacement text is in the upstream record already, only split.
 */
export type IgakuQA119Repair =
  /** Two choices merged into one entry, e.g. "d. 全身性強皮症d結節性多発動脈炎" (c's label lost). */
  | {
      readonly kind: 'split-choice';
      readonly id: string;
      readonly entry: string;
      readonly into: readonly string[];
      readonly reason: string;
    }
  /** The choices were transcribed at the end of the stem and `choices` is empty. */
  | {
      readonly kind: 'choices-in-stem';
      readonly id: string;
      readonly stemEnd: string;
      readonly choices: readonly string[];
      readonly reason: string;
    }
  /** The stem is empty upstream: the question is asked from its choices, and the prompt says the stem is missing. */
  | {
      readonly kind: 'missing-stem';
      readonly id: string;
      readonly question: string;
      readonly reason: string;
    };

export const igakuqa119Repairs: readonly IgakuQA119Repair[] = [
  {
    kind: 'split-choice',
    id: '119A22',
    entry: 'd. 全身性強皮症d結節性多発動脈炎',
    into: ['c. 全身性強皮症', 'd. 結節性多発動脈炎'],
    reason: "choices c and d merged into one entry; c's label was lost",
  },
  {
    kind: 'split-choice',
    id: '119C5',
    entry: 'd. 心理的虐待ネグレクト',
    into: ['d. 心理的虐待', 'e. ネグレクト'],
    reason: "choices d and e merged into one entry; e's label was lost",
  },
  {
    kind: 'split-choice',
    id: '119C19',
    entry: 'b. 児童虐待に係る通告0人工妊娠中絶の要件',
    into: ['b. 児童虐待に係る通告', 'c. 人工妊娠中絶の要件'],
    reason: "choices b and c merged into one entry; c's label was read as '0'",
  },
  {
    kind: 'choices-in-stem',
    id: '119E45',
    stemEnd:
      ' a「夜は眠れますか」 b「便秘はありますか」 c「おなかの張りはありますか」 d「手足のしびれはありますか」 e「周りに同じ症状の人はいますか」 ',
    choices: [
      '「夜は眠れますか」',
      '「便秘はありますか」',
      '「おなかの張りはありますか」',
      '「手足のしびれはありますか」',
      '「周りに同じ症状の人はいますか」',
    ],
    reason: 'the five choices were transcribed at the end of the stem',
  },
  {
    kind: 'choices-in-stem',
    id: '119E48',
    stemEnd: ' aアトロピン bジアゼパム Cフロセミド dアドレナリン eグルココルチコイド ',
    choices: ['アトロピン', 'ジアゼパム', 'フロセミド', 'アドレナリン', 'グルココルチコイド'],
    reason: "the five choices were transcribed at the end of the stem (c's label as 'C')",
  },
  {
    kind: 'missing-stem',
    id: '119C18',
    question: '（この問題の問題文は転記データに欠落している。選択肢から最も適切なものを選べ。）',
    reason: 'the stem is empty in the transcription; the question is asked from its choices alone',
  },
];
