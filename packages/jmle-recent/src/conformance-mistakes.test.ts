// @needs-shared-data (skipped without ../shared; see packages/test-support/src/shared-data-exclude.ts)
import type { Benchmark, ExamRules, Item } from '@kensa/core';
import { readSharedSources } from '@kensa/test-support';
import { checkBenchmarkConformance, formatFinding } from '@kensa/testing';
import { describe, expect, it } from 'vitest';
import { igakuqa119, igakuqa119Rules } from './index';

/*
 * The mistakes a plugin author made while adding the 119th exam, each as a deliberately broken copy of the
 * plugin: the conformance kit must name every one.
 */

const contents = readSharedSources(igakuqa119.sources);
const items = igakuqa119.parse(contents);
const official = {
  points: (item: Item) => (/^119[BE](2[6-9]|[34]\d|50)$/.test(item.id) ? 3 : 1),
  totals: { '119': 500 },
};

function broken(change: {
  items?: (item: Item) => Item;
  rules?: (rules: ExamRules) => ExamRules;
}): Benchmark {
  const scoring = igakuqa119.scoring;
  return {
    ...igakuqa119,
    parse: () => items.map(change.items ?? ((item) => item)),
    scoring: { ...scoring, rules: scoring.rules.map(change.rules ?? ((rules) => rules)) },
  };
}

function examFindings(benchmark: Benchmark, withOfficial = true): string[] {
  return checkBenchmarkConformance(benchmark, {
    contents,
    malformed: { path: 'questions/correct_answers.csv', text: '問題番号,解答\n119A1', line: 2 },
    ...(withOfficial ? { official } : {}),
  })
    .filter((finding) => finding.check === 'exam')
    .map(formatFinding);
}

describe('the conformance kit on the 119th exam', () => {
  it('finds nothing wrong with the plugin as shipped', () => {
    expect(examFindings(igakuqa119)).toEqual([]);
  });

  it('catches 3 points on the wrong questions (B/E 1–25 instead of 26–50)', () => {
    const wrong = broken({
      items: (item) => {
        const number = Number(item.id.slice(4));
        return item.section === 'required' ? { ...item, points: number <= 25 ? 3 : 1 } : item;
      },
    });
    const found = examFindings(wrong);
    expect(found).toContain('[exam] 119B1: is worth 3 point(s); officially 1');
    expect(found).toContain('[exam] … and 80 more');
    // The section totals do not move (25 × 3 + 25 × 1 either way): only the official points catch this one.
    expect(found.some((finding) => finding.includes('totals'))).toBe(false);
    // Without the official points the section total still gives it away when the sum moves (all of A at 3).
    const allOfA = broken({ items: (item) => (item.block === 'A' ? { ...item, points: 3 } : item) });
    expect(examFindings(allOfA, false)).toContain(
      "[exam] section 'general-clinical' of exam 119 totals 450 points; the official total is 300",
    );
  });

  it('catches a pass line above the section total', () => {
    const wrong = broken({
      rules: (rules) => ({
        ...rules,
        sections: rules.sections.map((section) =>
          section.id === 'general-clinical' ? { ...section, passLine: 310, total: undefined } : section,
        ),
      }),
    });
    expect(examFindings(wrong)).toEqual(
      expect.arrayContaining([
        "[exam] the pass line 310 of section 'general-clinical' of exam 119 is above its total 300",
        expect.stringMatching(
          /an examinee answering every key fails exam 119 \(sections below their line: general-clinical/,
        ),
      ]),
    );
  });

  it('catches a block in no section', () => {
    const wrong = broken({
      rules: (rules) => ({
        ...rules,
        sections: rules.sections.map((section) =>
          section.id === 'general-clinical' ? { ...section, blocks: ['A', 'C', 'D'] } : section,
        ),
      }),
    });
    expect(examFindings(wrong)).toContain(
      "[exam] 119F1: block 'F' of exam 119 is in no section, so its items count toward no pass line",
    );
  });

  it('catches a block in two sections', () => {
    const wrong = broken({
      rules: (rules) => ({
        ...rules,
        sections: rules.sections.map((section) =>
          section.id === 'required' ? { ...section, blocks: ['B', 'E', 'F'] } : section,
        ),
      }),
    });
    expect(examFindings(wrong)).toContain(
      "[exam] 119F1: block 'F' of exam 119 is in 2 sections (required, general-clinical); an item must be in exactly one",
    );
  });

  it("catches choose not matching the key's size", () => {
    const wrong = broken({ items: (item) => (item.id === '119A1' ? { ...item, choose: 2 } : item) });
    expect(examFindings(wrong)).toContain("[exam] 119A1: asks to choose 2 but the key 'a' has 1");
  });

  it('catches a ruling that never applies (declared under another id spelling)', () => {
    const ruling = igakuqa119Rules.rulings?.['119E28'];
    const wrong = broken({
      items: (item) => (item.id === '119E28' ? { ...item, ruling: undefined } : item),
      rules: (rules) => ({ ...rules, rulings: { '119E-28': ruling as NonNullable<typeof ruling> } }),
    });
    expect(examFindings(wrong)).toContain(
      "[exam] the ruling for '119E-28' of exam 119 never applies: no item has that id",
    );
    const dropped = broken({
      items: (item) => (item.id === '119E28' ? { ...item, ruling: undefined } : item),
    });
    expect(examFindings(dropped)).toContain(
      "[exam] 119E28: the ruling for '119E28' of exam 119 is declared but the item does not carry it",
    );
  });

  it('catches a total that is not the official one', () => {
    const wrong = broken({ items: (item) => (item.id === '119A1' ? { ...item, points: 2 } : item) });
    expect(examFindings(wrong, false)).toEqual([
      "[exam] section 'general-clinical' of exam 119 totals 301 points; the official total is 300",
    ]);
    expect(examFindings(wrong)).toContain('[exam] exam 119 totals 501 points; the official total is 500');
  });
});
