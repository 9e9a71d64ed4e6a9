/**
 * Shape of the follow-up interview instrument (001 Annex 2, 6862–7180): sections
 * of questions, each mapped to the outcome elements it informs. Configurable,
 * so validated with Zod; small builders keep the question bank readable.
 */
import { z } from 'zod';
import { modelCode as code } from '../shared/zod';
import { labelsSchema, type Labels } from './model';
import { labelsFor } from '../../i18n/resources';

export const QUESTION_TYPES = ['scale', 'choice', 'text', 'boolean'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const optionSchema = z.object({ code, label: labelsSchema, score: z.number().int().nullable().optional() });

export const questionSchema = z.object({
  code,
  type: z.enum(QUESTION_TYPES),
  label: labelsSchema,
  optional: z.boolean(),
  /** Outcome elements this answer informs (may be empty: recorded, not scored). */
  informs: z.array(code),
  options: z.array(optionSchema).optional(),
  /** Scale questions are 0–4; inverse when a higher answer means more difficulty. */
  inverse: z.boolean().optional(),
  scoreIfTrue: z.number().int().nullable().optional(),
  scoreIfFalse: z.number().int().nullable().optional(),
  /** The caseworker may answer from her own knowledge (e.g. trafficking experience, 001:6914). */
  caseworkerMayAnswer: z.boolean().optional(),
  /** Economic areas are asked as perceived need versus current status. */
  pair: z
    .object({
      area: z.enum(['employment', 'accommodation', 'finances']),
      role: z.enum(['perceived_need', 'current_status', 'need_met']),
    })
    .optional(),
});

export const sectionSchema = z.object({
  code,
  label: labelsSchema,
  /** Never required, whatever a question says: she need not retell the trafficking (001:4168). */
  neverRequired: z.boolean().optional(),
  questions: z.array(questionSchema).min(1),
});

export const instrumentSchema = z
  .object({
    version: z.string().min(1),
    scale: z.object({ min: z.number().int(), max: z.number().int() }),
    sections: z.array(sectionSchema).min(1),
  })
  .superRefine((instrument, ctx) => {
    const seen = new Set<string>();
    instrument.sections.forEach((section, s) =>
      section.questions.forEach((question, q) => {
        const path = ['sections', s, 'questions', q];
        if (seen.has(question.code))
          ctx.addIssue({ code: 'custom', message: `duplicate question ${question.code}`, path });
        seen.add(question.code);
        if (section.neverRequired && !question.optional)
          ctx.addIssue({ code: 'custom', message: `${question.code} must be optional in ${section.code}`, path });
        if (question.type === 'choice' && !question.options?.length)
          ctx.addIssue({ code: 'custom', message: `${question.code} needs options`, path });
      }),
    );
  });

export type Question = z.infer<typeof questionSchema>;
export type Section = z.infer<typeof sectionSchema>;
export type Instrument = z.infer<typeof instrumentSchema>;
export type ChoiceOption = z.infer<typeof optionSchema>;

/** A text of locales/<language>/outcomes.json in every language that has it. */
export const T = (key: string): Labels => labelsFor('outcomes', key) as Labels;
/** A text of outcomes.json with each {{name}} replaced by that label in the same language (English if it lacks one). */
export const Tf = (key: string, vars: Record<string, Labels>): Labels =>
  Object.fromEntries(
    Object.entries(T(key)).map(([lng, text]) => [
      lng,
      text.replace(/{{\s*(\w+)\s*}}/g, (_, name: string) => vars[name]?.[lng as keyof Labels] ?? vars[name]?.en ?? ''),
    ]),
  ) as Labels;

type Extra = Partial<Omit<Question, 'code' | 'type' | 'label'>>;

/** A question; optional unless `required` is passed. */
export function q(
  code: string,
  type: QuestionType,
  label: Labels,
  extra: Extra & { required?: boolean } = {},
): Question {
  const { required, ...rest } = extra;
  return { code, type, label, optional: !required, informs: [], ...rest };
}

/** A choice option, optionally carrying the element score it implies. */
export const opt = (code: string, label: Labels, score?: number | null): ChoiceOption => ({
  code,
  label,
  ...(score === undefined ? {} : { score }),
});

export const section = (code: string, label: Labels, questions: Question[], neverRequired = false): Section => ({
  code,
  label,
  questions,
  ...(neverRequired ? { neverRequired } : {}),
});

/** Options shared by several questions. */
export const YES_PARTLY_NO = [
  opt('yes', T('instrument_schema.yes_partly_no.yes.label')),
  opt('partly', T('instrument_schema.yes_partly_no.partly.label')),
  opt('no', T('instrument_schema.yes_partly_no.no.label')),
];
