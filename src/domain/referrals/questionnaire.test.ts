import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  networkFromAnswers,
  QUESTIONNAIRE,
  questionnaireIssues,
  validateQuestionnaire,
  visibleItems,
  type Answers,
} from './questionnaire';

const ids = (answers: Answers) => visibleItems(answers).map((i) => i.id);
const base: Answers = { A1: { value: 'Demo Shelter North' }, A3: { value: ['social_assistance_reintegration'] } };

describe('EX-CHANGE network-mapping questionnaire', () => {
  test('has A1–A3, B1–B9 without B5, and C1–C18', () => {
    expect(QUESTIONNAIRE.map((i) => i.id)).toEqual([
      'A1',
      'A2',
      'A3',
      'B1',
      'B2',
      'B3',
      'B4',
      'B6',
      'B7',
      'B8',
      'B9',
      ...Array.from({ length: 18 }, (_, i) => `C${i + 1}`),
    ]);
  });

  test('skip logic: no cooperation → only B7–B9; a network → section C; cooperation without a network → the rest of B', () => {
    expect(ids({ ...base, B1: { value: false } })).toEqual(['A1', 'A2', 'A3', 'B1', 'B7', 'B8', 'B9']);
    expect(ids({ ...base, B1: { value: true }, B2: { value: true } })).toEqual([
      'A1',
      'A2',
      'A3',
      'B1',
      'B2',
      ...Array.from({ length: 18 }, (_, i) => `C${i + 1}`),
    ]);
    expect(ids({ ...base, B1: { value: true }, B2: { value: false } })).toEqual([
      'A1',
      'A2',
      'A3',
      'B1',
      'B2',
      'B3',
      'B4',
      'B6',
      'B7',
      'B8',
      'B9',
    ]);
  });

  test('an answer to a skipped question is refused, as are missing required answers and unknown options', () => {
    expect(questionnaireIssues({ ...base, B1: { value: false }, C2: { value: 'x' } })).toContainEqual({
      item: 'C2',
      code: 'skipped_item_answered',
    });
    expect(questionnaireIssues({ ...base, B1: { value: true }, B2: { value: true } })).toContainEqual({
      item: 'C2',
      code: 'missing_required',
    });
    expect(
      questionnaireIssues({
        ...base,
        A3: { value: ['nonsense'] },
        B1: { value: false },
        B7: { value: true },
        B8: { value: false },
        B9: { value: true },
      }),
    ).toEqual([{ item: 'A3', code: 'invalid_value' }]);
    expect(() => validateQuestionnaire({ ...base, B5: { value: true } })).toThrow(/skip logic/);
  });

  test('section C maps to a network record', () => {
    const answers: Answers = {
      ...base,
      B1: { value: true },
      B2: { value: true },
      C1: { value: 'formalised' },
      C2: { value: 'Demo Network' },
      C3: { value: 'municipality' },
      C5: { value: 'multi_agency' },
      C6: { value: 'rotating_leadership' },
      C7: { value: ['ngos', 'municipalities'] },
      C8: { value: 'Shared objectives' },
      C9: { value: ['various_services'] },
      C12: { value: ['final_beneficiaries'] },
      C14: { value: ['local'] },
    };
    expect(questionnaireIssues(answers)).toEqual([]);
    expect(networkFromAnswers(answers)).toEqual({
      name: 'Demo Network',
      formal: true,
      level: 'municipal',
      multiAgency: true,
      structure: 'rotating_leadership',
      composition: ['ngos', 'municipalities'],
      objectives: 'Shared objectives',
    });
    expect(networkFromAnswers({ ...base, B1: { value: false } })).toBeNull();
  });

  test('whatever B1 and B2 say, every visible item is a real item and hidden items never validate', () => {
    fc.assert(
      fc.property(fc.option(fc.boolean()), fc.option(fc.boolean()), (b1, b2) => {
        const answers: Answers = {
          ...base,
          ...(b1 === null ? {} : { B1: { value: b1 } }),
          ...(b2 === null ? {} : { B2: { value: b2 } }),
        };
        const visible = new Set(ids(answers));
        for (const it of QUESTIONNAIRE) {
          if (visible.has(it.id) || it.id === 'B1' || it.id === 'B2') continue;
          expect(questionnaireIssues({ ...answers, [it.id]: { value: 'x' } })).toContainEqual({
            item: it.id,
            code: 'skipped_item_answered',
          });
        }
      }),
    );
  });
});
