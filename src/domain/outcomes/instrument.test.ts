import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  DEFAULT_INSTRUMENT as I,
  isRequired,
  parseInstrument,
  scoresFromAnswers,
  validateAnswers,
  type Answer,
} from './instrument';
import { DEFAULT_OUTCOME_MODEL as model, LOCALES } from './model';

const all = I.sections.flatMap((section) => section.questions.map((question) => ({ section, question })));
const required = all.filter(isRequired).map((l) => l.question.code);
const requiredAnswers = (value: Answer['value'] = 2): Answer[] =>
  required.map((question) => ({
    question,
    value:
      typeof value === 'number' && all.find((l) => l.question.code === question)!.question.type === 'boolean'
        ? true
        : value,
  }));

describe('default instrument', () => {
  test('has the Annex 2 sections in order', () => {
    expect(I.sections.map((s) => s.code)).toEqual([
      'general_information',
      'before_trafficking',
      'trafficking_experience',
      'identification',
      'after_trafficking',
      'programmes',
      'economic_situation',
      'social_state',
      'physical_mental',
      'beliefs_agency',
      'future',
    ]);
  });

  test('every question is translated and informs only known elements', () => {
    const elements = new Set(model.elements.map((e) => e.code));
    for (const { question } of all) {
      for (const l of LOCALES) expect(question.label[l].length).toBeGreaterThan(0);
      for (const e of question.informs) expect(elements.has(e)).toBe(true);
    }
    expect(new Set(all.flatMap((l) => l.question.informs))).toEqual(elements);
  });

  test('trafficking-experience questions are never required and the caseworker may answer them', () => {
    const trafficking = all.filter((l) => l.section.code === 'trafficking_experience');
    expect(trafficking.length).toBeGreaterThan(0);
    for (const l of trafficking) {
      expect(isRequired(l)).toBe(false);
      expect(l.question.caseworkerMayAnswer).toBe(true);
    }
  });

  test('a section marked never-required refuses a required question', () => {
    const bad = structuredClone(I);
    bad.sections[2].questions[0].optional = false;
    expect(() => parseInstrument(bad)).toThrow(expect.objectContaining({ code: 'invalid_instrument' }));
  });

  test('economic areas are asked as perceived need vs current status', () => {
    for (const area of ['employment', 'accommodation', 'finances']) {
      const roles = all.filter((l) => l.question.pair?.area === area).map((l) => l.question.pair!.role);
      expect(roles).toEqual(['perceived_need', 'current_status', 'need_met']);
    }
  });
});

describe('validateAnswers', () => {
  test('required answers only: valid; declining (null) counts as answered', () => {
    expect(validateAnswers(requiredAnswers())).toEqual([]);
    expect(validateAnswers(requiredAnswers(null))).toEqual([]);
  });

  test('no trafficking-experience answer is ever needed (property)', () => {
    const codes = all.filter((l) => l.section.code === 'trafficking_experience').map((l) => l.question.code);
    fc.assert(
      fc.property(fc.subarray(codes), (answered) => {
        const answers = [
          ...requiredAnswers(),
          ...answered.map((question) => ({ question, value: null, answeredBy: 'caseworker' as const })),
        ];
        expect(validateAnswers(answers)).toEqual([]);
      }),
    );
  });

  test.each([
    ['missing required', requiredAnswers().slice(1), { question: required[0], code: 'missing_required' }],
    [
      'unknown question',
      [...requiredAnswers(), { question: 'favourite_colour', value: 'x' }],
      { question: 'favourite_colour', code: 'unknown_question' },
    ],
    [
      'scale out of range',
      [...requiredAnswers(), { question: 'hope', value: 7 }],
      { question: 'hope', code: 'invalid_value' },
    ],
    [
      'choice not offered',
      [...requiredAnswers(), { question: 'friends_frequency', value: 'hourly' }],
      { question: 'friends_frequency', code: 'invalid_value' },
    ],
    [
      'caseworker answering for her',
      [...requiredAnswers(), { question: 'hope', value: 2, answeredBy: 'caseworker' as const }],
      { question: 'hope', code: 'caseworker_not_allowed' },
    ],
  ])('reports %s', (_, answers, issue) => {
    expect(validateAnswers(answers)).toContainEqual(issue);
  });
});

describe('scoresFromAnswers', () => {
  test('proposes scores with a trace from each answer', () => {
    const proposals = scoresFromAnswers([
      { question: 'anxiety_fear', value: 3 },
      { question: 'ptsd_symptoms', value: 0 },
      { question: 'accommodation_need_met', value: 4 },
      { question: 'accommodation_current_status', value: 'shelter' },
      { question: 'documents_obtained', value: 'some', answeredBy: 'caseworker' },
      { question: 'attitude_changed', value: 'I see it differently now' },
    ]);
    const byElement = Object.fromEntries(proposals.map((p) => [p.element, p]));
    // inverse scales: anxiety 3 → 1, PTSD symptoms 0 → 4; mean 2.5 rounds to 3
    expect(byElement.ptss_recovery.score).toBe(3);
    expect(byElement.ptss_recovery.trace.map((t) => [t.question, t.contribution])).toEqual([
      ['anxiety_fear', 1],
      ['ptsd_symptoms', 4],
    ]);
    expect(byElement.place_to_live).toMatchObject({ score: 4, source: 'own_view' });
    expect(byElement.legal_empowerment).toMatchObject({ score: 2, source: 'caseworker_observation' });
    expect(byElement.meaning_making).toBeUndefined();
  });

  test('status answers (e.g. not employed) and disclosure are never scored', () => {
    const proposals = scoresFromAnswers([
      { question: 'employment_current_status', value: 'not_employed' },
      { question: 'family_of_origin_aware_of_past', value: 'none' },
    ]);
    expect(proposals).toEqual([]);
  });

  test('proposals always fall on the scale (property)', () => {
    const scales = all.filter((l) => l.question.type === 'scale').map((l) => l.question.code);
    fc.assert(
      fc.property(
        fc.array(fc.record({ question: fc.constantFrom(...scales), value: fc.integer({ min: 0, max: 4 }) }), {
          maxLength: 20,
        }),
        (answers) => {
          for (const p of scoresFromAnswers(answers))
            expect(p.score >= 0 && p.score <= 4 && Number.isInteger(p.score)).toBe(true);
        },
      ),
    );
  });

  test('an unknown question is a typed error', () => {
    expect(() => scoresFromAnswers([{ question: 'nope', value: 1 }])).toThrow(
      expect.objectContaining({ code: 'unknown_question' }),
    );
  });
});
