/**
 * The follow-up interview (001 Annex 2) as a structured form: validation of
 * answers, and proposed element scores with a trace from each answer to the
 * score it informed. Proposals are for the caseworker and her to confirm; they
 * are never saved as scores on their own.
 */
import type { ScoreSource } from './assessment';
import { OutcomeError } from './errors';
import {
  AFTER_TRAFFICKING,
  BEFORE_TRAFFICKING,
  GENERAL_INFORMATION,
  IDENTIFICATION,
  PROGRAMMES,
  TRAFFICKING_EXPERIENCE,
} from './instrument-questions';
import { BELIEFS_AGENCY, ECONOMIC_SITUATION, FUTURE, PHYSICAL_MENTAL, SOCIAL_STATE } from './instrument-current';
import { instrumentSchema, type Instrument, type Question, type Section } from './instrument-schema';

export { instrumentSchema, type Instrument, type Question, type Section } from './instrument-schema';

/** Parses an organisation's instrument; throws `invalid_instrument` with the Zod issues. */
export function parseInstrument(input: unknown): Instrument {
  const parsed = instrumentSchema.safeParse(input);
  if (!parsed.success)
    throw new OutcomeError('invalid_instrument', 'The interview instrument is not valid', parsed.error.issues);
  return parsed.data;
}

export const DEFAULT_INSTRUMENT: Instrument = parseInstrument({
  version: '2025-001',
  scale: { min: 0, max: 4 },
  sections: [
    GENERAL_INFORMATION,
    BEFORE_TRAFFICKING,
    TRAFFICKING_EXPERIENCE,
    IDENTIFICATION,
    AFTER_TRAFFICKING,
    PROGRAMMES,
    ECONOMIC_SITUATION,
    SOCIAL_STATE,
    PHYSICAL_MENTAL,
    BELIEFS_AGENCY,
    FUTURE,
  ],
});

export type AnsweredBy = 'person' | 'caseworker';

/** `value: null` records that she declined or it does not apply: the question was asked. */
export interface Answer {
  question: string;
  value: number | string | boolean | null;
  answeredBy?: AnsweredBy;
}

export type AnswerIssueCode =
  'missing_required' | 'unknown_question' | 'invalid_value' | 'caseworker_not_allowed' | 'duplicate_answer';
export interface AnswerIssue {
  question: string;
  code: AnswerIssueCode;
}

interface Located {
  question: Question;
  section: Section;
}

function index(instrument: Instrument): Map<string, Located> {
  return new Map(
    instrument.sections.flatMap((section) =>
      section.questions.map((question) => [question.code, { question, section }] as const),
    ),
  );
}

/** True when the question must be answered: not optional and not in a never-required section. */
export const isRequired = ({ question, section }: Located) => !question.optional && !section.neverRequired;

function validValue(question: Question, value: Answer['value'], instrument: Instrument): boolean {
  if (value === null) return true;
  switch (question.type) {
    case 'scale':
      return (
        typeof value === 'number' &&
        Number.isInteger(value) &&
        value >= instrument.scale.min &&
        value <= instrument.scale.max
      );
    case 'choice':
      return typeof value === 'string' && (question.options ?? []).some((o) => o.code === value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'text':
      return typeof value === 'string';
  }
}

/** Every problem with a set of answers; empty when the form can be saved. */
export function validateAnswers(
  answers: readonly Answer[],
  instrument: Instrument = DEFAULT_INSTRUMENT,
): AnswerIssue[] {
  const questions = index(instrument);
  const issues: AnswerIssue[] = [];
  const seen = new Set<string>();
  for (const answer of answers) {
    const located = questions.get(answer.question);
    if (!located) {
      issues.push({ question: answer.question, code: 'unknown_question' });
      continue;
    }
    if (seen.has(answer.question)) issues.push({ question: answer.question, code: 'duplicate_answer' });
    seen.add(answer.question);
    if (!validValue(located.question, answer.value, instrument))
      issues.push({ question: answer.question, code: 'invalid_value' });
    if (answer.answeredBy === 'caseworker' && !located.question.caseworkerMayAnswer)
      issues.push({ question: answer.question, code: 'caseworker_not_allowed' });
  }
  for (const [code, located] of questions)
    if (isRequired(located) && !seen.has(code)) issues.push({ question: code, code: 'missing_required' });
  return issues;
}

export interface ScoreTrace {
  question: string;
  value: Answer['value'];
  answeredBy: AnsweredBy;
  element: string;
  /** The score this answer contributed, or null when it informs without scoring (text, declined). */
  contribution: number | null;
}

export interface ProposedScore {
  element: string;
  score: number;
  source: ScoreSource;
  trace: ScoreTrace[];
}

function contributionOf(question: Question, value: Answer['value'], instrument: Instrument): number | null {
  if (value === null) return null;
  if (question.type === 'scale' && typeof value === 'number')
    return question.inverse ? instrument.scale.max + instrument.scale.min - value : value;
  if (question.type === 'choice') return question.options?.find((o) => o.code === value)?.score ?? null;
  if (question.type === 'boolean') return (value ? question.scoreIfTrue : question.scoreIfFalse) ?? null;
  return null;
}

/**
 * Proposes a score per informed element: the rounded mean of the answers that
 * score it. Every informing answer appears in the trace, scored or not. The
 * source is her own view unless a caseworker answer contributed.
 */
export function scoresFromAnswers(
  answers: readonly Answer[],
  instrument: Instrument = DEFAULT_INSTRUMENT,
): ProposedScore[] {
  const questions = index(instrument);
  const traces = new Map<string, ScoreTrace[]>();
  for (const answer of answers) {
    const located = questions.get(answer.question);
    if (!located) throw new OutcomeError('unknown_question', `No question ${answer.question} in the instrument`);
    const contribution = contributionOf(located.question, answer.value, instrument);
    for (const element of located.question.informs) {
      const trace: ScoreTrace = {
        question: answer.question,
        value: answer.value,
        answeredBy: answer.answeredBy ?? 'person',
        element,
        contribution,
      };
      traces.set(element, [...(traces.get(element) ?? []), trace]);
    }
  }
  const proposals: ProposedScore[] = [];
  for (const [element, trace] of traces) {
    const scored = trace.filter((t) => t.contribution !== null);
    if (scored.length === 0) continue;
    const mean = scored.reduce((sum, t) => sum + t.contribution!, 0) / scored.length;
    const score = Math.min(instrument.scale.max, Math.max(instrument.scale.min, Math.round(mean)));
    const source: ScoreSource = scored.some((t) => t.answeredBy === 'caseworker')
      ? 'caseworker_observation'
      : 'own_view';
    proposals.push({ element, score, source, trace });
  }
  return proposals.sort((a, b) => a.element.localeCompare(b.element));
}
