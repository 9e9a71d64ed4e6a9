import { describe, expect, test } from 'vitest';
import { riskLevels } from '../reference/identification-lists';
import { buildSnapshot } from '../referrals/snapshot';
import { riskQuestions } from '../reference/risk-lists';
import { isAtLeast, latestAssessment, orderedLevels, suggestRiskLevel, type RiskAnswerInput } from './risk';

const questions = riskQuestions.items;
const levels = riskLevels.items;
const yes = (question: string): RiskAnswerInput => ({ question, answer: 'yes' });
const no = (question: string): RiskAnswerInput => ({ question, answer: 'no' });
const unknown = (question: string): RiskAnswerInput => ({ question, answer: 'unknown' });

describe('suggestRiskLevel', () => {
  test.each([
    ['nothing answered', [], 'low', 0],
    ['every answer no', questions.map((q) => no(q.code)), 'low', 0],
    ['one weight-2 yes', [yes('debt_bondage')], 'low', 2],
    ['debt and no documents reach medium', [yes('debt_bondage'), yes('no_documents')], 'medium', 3],
    ['unknown counts half', [unknown('contact_by_exploiters'), unknown('threats_to_family')], 'medium', 3],
    [
      'contact, family threats and unsafe accommodation reach high',
      [yes('contact_by_exploiters'), yes('threats_to_family'), yes('accommodation_unsafe')],
      'high',
      9,
    ],
    [
      'critical from the score',
      [yes('contact_by_exploiters'), yes('threats_to_family'), yes('accommodation_unsafe'), yes('debt_bondage')],
      'critical',
      11,
    ],
  ] as const)('%s', (_name, answers, level, score) => {
    const s = suggestRiskLevel(answers, questions, levels);
    expect(s.level).toBe(level);
    expect(s.score).toBe(score);
  });

  test('a "yes" to a question with atLeast raises the level whatever the score', () => {
    const s = suggestRiskLevel([yes('threat_from_traffickers')], questions, levels);
    expect(s).toEqual({ level: 'high', score: 4, raisedBy: ['threat_from_traffickers'] });
    // "unknown" does not force the level: only the half weight counts.
    expect(suggestRiskLevel([unknown('threat_from_traffickers')], questions, levels).level).toBe('low');
    // The raise never lowers a level the score already reached.
    const both = suggestRiskLevel(
      [yes('self_harm'), yes('contact_by_exploiters'), yes('threats_to_family')],
      questions,
      levels,
    );
    expect(both.level).toBe('critical');
    expect(both.raisedBy).toEqual([]);
  });

  test("the organisation's own weights, thresholds and order decide", () => {
    const own = [
      { code: 'calm', order: 0 },
      { code: 'watch', order: 1, meta: { minScore: 1 } },
      { code: 'urgent', order: 2, meta: { minScore: 2 } },
    ];
    expect(suggestRiskLevel([yes('q')], [{ code: 'q', meta: { weight: 1 } }], own).level).toBe('watch');
    expect(suggestRiskLevel([yes('q')], [{ code: 'q', meta: { weight: 5 } }], own).level).toBe('urgent');
    expect(suggestRiskLevel([yes('q')], [{ code: 'q', meta: { atLeast: 'urgent', weight: 0 } }], own).level).toBe(
      'urgent',
    );
    // A question the list no longer holds weighs 1; no levels at all suggest nothing.
    expect(suggestRiskLevel([yes('gone')], [], own).level).toBe('watch');
    expect(suggestRiskLevel([yes('q')], [], [])).toEqual({ level: null, score: 1, raisedBy: [] });
  });

  test('levels without minScore get the default thresholds by position', () => {
    expect(orderedLevels([{ code: 'a' }, { code: 'b' }, { code: 'c' }, { code: 'd' }]).map((l) => l.minScore)).toEqual([
      0, 3, 6, 10,
    ]);
    expect(isAtLeast(levels, 'critical', 'high')).toBe(true);
    expect(isAtLeast(levels, 'medium', 'high')).toBe(false);
    expect(isAtLeast(levels, null, 'high')).toBe(false);
  });
});

describe('latestAssessment', () => {
  test('the latest assessment date wins, then the latest recorded; old-shaped entries count', () => {
    const old = { data: { level: 'high', assessedOn: '2026-01-05', notes: 'x' }, recordedAt: '2026-01-05T10:00:00Z' };
    const later = {
      data: { level: 'low', assessedOn: '2026-02-01', answers: [] },
      recordedAt: '2026-02-01T10:00:00Z',
    };
    const backdated = { data: { level: 'critical', assessedOn: '2026-01-20' }, recordedAt: '2026-03-01T10:00:00Z' };
    expect(latestAssessment([old, later, backdated])).toBe(later);
    const sameDay = { data: { level: 'medium', assessedOn: '2026-02-01' }, recordedAt: '2026-02-02T10:00:00Z' };
    expect(latestAssessment([later, sameDay])).toBe(sameDay);
    expect(latestAssessment([])).toBeUndefined();
  });
});

describe('the level a referral or transfer shares', () => {
  test('is the current level: the latest by assessment date, not the last recorded', () => {
    const snapshot = buildSnapshot(['risk_level'], {
      chosenTerm: null,
      language: null,
      needs: [],
      requestedService: 'accommodation',
      entries: [
        { kind: 'risk_assessment', data: { level: 'low', assessedOn: '2026-01-02' } },
        { kind: 'risk_assessment', data: { level: 'critical', assessedOn: '2026-02-01' } },
        // Recorded last, but about an earlier day.
        { kind: 'risk_assessment', data: { level: 'medium', assessedOn: '2026-01-15' } },
      ],
    });
    expect(snapshot.riskLevel).toBe('critical');
  });
});
