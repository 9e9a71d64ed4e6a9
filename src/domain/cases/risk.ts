/**
 * Structured safety risk: a risk level suggested from the answers to the organisation's own list of
 * questions (`risk_questions`), and the current level of a case from its history of assessments.
 * Pure: the lists come in as data (each question's `meta.weight` and optional `meta.atLeast`, each
 * level's optional `meta.minScore`); nothing here knows an organisation, a table or a request.
 *
 * Scoring: a "yes" adds the question's weight, an "unknown" half of it (not knowing is not safe),
 * a "no" nothing. The suggested level is the highest level whose minimum score is reached, raised
 * to the `atLeast` level of any question answered "yes" (a threat from the traffickers is high risk
 * whatever else is answered).
 *
 * @example
 *   suggestRiskLevel([{ question: 'threat_from_traffickers', answer: 'yes' }], questions, levels)
 *   // → { level: 'high', score: 4, raisedBy: ['threat_from_traffickers'] }
 */

export const RISK_ANSWERS = ['yes', 'no', 'unknown'] as const;
export type RiskAnswer = (typeof RISK_ANSWERS)[number];

export interface RiskQuestion {
  code: string;
  meta?: Record<string, unknown>;
}
export interface RiskLevelItem {
  code: string;
  order?: number;
  meta?: Record<string, unknown>;
}
export interface RiskAnswerInput {
  question: string;
  answer: RiskAnswer;
}
export interface RiskSuggestion {
  /** null when the organisation has no risk levels at all. */
  level: string | null;
  score: number;
  /** Questions answered "yes" whose `atLeast` level raised the suggestion above the score's level. */
  raisedBy: string[];
}

/** Minimum scores by position when a level carries no `minScore` (low, medium, high, critical). */
export const DEFAULT_MIN_SCORES = [0, 3, 6, 10];
const DEFAULT_WEIGHT = 1;

const weightOf = (q: RiskQuestion | undefined): number => {
  const w = q?.meta?.weight;
  return typeof w === 'number' && Number.isFinite(w) && w >= 0 ? w : DEFAULT_WEIGHT;
};

/** Levels from least to most severe, each with its minimum score. */
export function orderedLevels(levels: readonly RiskLevelItem[]): { code: string; minScore: number }[] {
  return [...levels]
    .map((l, i) => ({ l, i }))
    .sort((a, b) => (a.l.order ?? a.i) - (b.l.order ?? b.i))
    .map(({ l }, position) => {
      const own = l.meta?.minScore;
      const minScore =
        typeof own === 'number' && Number.isFinite(own)
          ? own
          : (DEFAULT_MIN_SCORES[position] ?? DEFAULT_MIN_SCORES.at(-1)! + 4 * (position - 3));
      return { code: l.code, minScore };
    });
}

/** The level suggested by these answers (see the module header for the rule). */
export function suggestRiskLevel(
  answers: readonly RiskAnswerInput[],
  questions: readonly RiskQuestion[],
  levels: readonly RiskLevelItem[],
): RiskSuggestion {
  const byCode = new Map(questions.map((q) => [q.code, q]));
  let score = 0;
  for (const a of answers) {
    const q = byCode.get(a.question);
    if (a.answer === 'yes') score += weightOf(q);
    else if (a.answer === 'unknown') score += weightOf(q) / 2;
  }
  const ordered = orderedLevels(levels);
  if (ordered.length === 0) return { level: null, score, raisedBy: [] };
  let index = 0;
  ordered.forEach((l, i) => {
    if (score >= l.minScore) index = i;
  });
  const byScore = index;
  const raisedBy: string[] = [];
  for (const a of answers) {
    if (a.answer !== 'yes') continue;
    const atLeast = byCode.get(a.question)?.meta?.atLeast;
    const at = typeof atLeast === 'string' ? ordered.findIndex((l) => l.code === atLeast) : -1;
    if (at > byScore) raisedBy.push(a.question);
    if (at > index) index = at;
  }
  return { level: ordered[index]!.code, score, raisedBy };
}

/** True when `a` is at least as severe as `b` in the organisation's order of levels. */
export function isAtLeast(levels: readonly RiskLevelItem[], a: string | null, b: string): boolean {
  if (!a) return false;
  const ordered = orderedLevels(levels).map((l) => l.code);
  const ia = ordered.indexOf(a);
  const ib = ordered.indexOf(b);
  return ia >= 0 && ib >= 0 && ia >= ib;
}

export interface RiskEntryLike {
  data: Record<string, unknown>;
  recordedAt: Date | string | number;
}

/**
 * The assessment that sets the current level: the latest by assessment date, then by when it was
 * recorded. Old-shaped entries (`{ level, assessedOn, notes }`) count like new ones.
 */
export function latestAssessment<E extends RiskEntryLike>(entries: readonly E[]): E | undefined {
  let best: E | undefined;
  for (const e of entries) {
    if (typeof e.data.level !== 'string') continue;
    if (!best) {
      best = e;
      continue;
    }
    const d = String(e.data.assessedOn ?? '').localeCompare(String(best.data.assessedOn ?? ''));
    if (d > 0 || (d === 0 && new Date(e.recordedAt).getTime() >= new Date(best.recordedAt).getTime())) best = e;
  }
  return best;
}
