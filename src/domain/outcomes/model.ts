/**
 * The configurable (re)integration outcome model (001:3270–3297, 6268–6311):
 * dimensions, their elements and an ordinal scale with anchored levels. The
 * seed lives in default-model.ts; organisations may edit, extend and translate it,
 * so everything is validated with a Zod schema rather than fixed in enums.
 */
import { z } from 'zod';
import { modelCode as codeSchema } from '../shared/zod';
import { OutcomeError } from './errors';
import { DEFAULT_OUTCOME_MODEL_INPUT } from './default-model';

export const LOCALES = ['en', 'fr', 'it', 'sk'] as const;
export type Locale = (typeof LOCALES)[number];

/** The four shipped languages, plus any other language of locales/ that translates the text. */
export const labelsSchema = z
  .object({ en: z.string().min(1), fr: z.string().min(1), it: z.string().min(1), sk: z.string().min(1) })
  .catchall(z.string().min(1));
export type Labels = z.infer<typeof labelsSchema>;

/** Social recovery is judged from her own view; social (re)integration from others' acceptance (001:3284–3292). */
export const judgedFromSchema = z.enum(['own_view', 'others_acceptance']);
export type JudgedFrom = z.infer<typeof judgedFromSchema>;

export const anchorSchema = z.object({ score: z.number().int(), label: labelsSchema, description: labelsSchema });

export const dimensionSchema = z.object({
  code: codeSchema,
  label: labelsSchema,
  /** One anchor per scale level, written for this dimension. */
  anchors: z.array(anchorSchema),
});

export const elementSchema = z.object({
  code: codeSchema,
  dimension: codeSchema,
  subdimension: codeSchema.nullable(),
  label: labelsSchema,
  judgedFrom: judgedFromSchema.optional(),
  /** Lower comes first: physical and psychological recovery take priority (001:3326). */
  priority: z.number().int().min(1),
});

export const outcomeModelSchema = z
  .object({
    version: z.string().min(1),
    scale: z.object({ min: z.number().int(), max: z.number().int() }),
    dimensions: z.array(dimensionSchema).min(1),
    elements: z.array(elementSchema).min(1),
  })
  .superRefine((model, ctx) => {
    const issue = (message: string, path: (string | number)[]) => ctx.addIssue({ code: 'custom', message, path });
    if (model.scale.max <= model.scale.min) issue('the scale needs at least two levels', ['scale']);
    const dimensionCodes = new Set<string>();
    model.dimensions.forEach((dimension, i) => {
      if (dimensionCodes.has(dimension.code)) issue(`duplicate dimension ${dimension.code}`, ['dimensions', i, 'code']);
      dimensionCodes.add(dimension.code);
      const scores = dimension.anchors.map((a) => a.score).sort((a, b) => a - b);
      const expected = Array.from({ length: model.scale.max - model.scale.min + 1 }, (_, k) => model.scale.min + k);
      if (scores.join() !== expected.join())
        issue(`anchors must cover each level ${expected.join(',')} once`, ['dimensions', i, 'anchors']);
    });
    const elementCodes = new Set<string>();
    model.elements.forEach((element, i) => {
      if (elementCodes.has(element.code)) issue(`duplicate element ${element.code}`, ['elements', i, 'code']);
      elementCodes.add(element.code);
      if (!dimensionCodes.has(element.dimension))
        issue(`unknown dimension ${element.dimension}`, ['elements', i, 'dimension']);
    });
  });

export type OutcomeModel = z.infer<typeof outcomeModelSchema>;
export type OutcomeElement = z.infer<typeof elementSchema>;
export type OutcomeDimension = z.infer<typeof dimensionSchema>;
export type ScaleAnchor = z.infer<typeof anchorSchema>;

/** Parses an organisation's model; throws `invalid_outcome_model` with the Zod issues. */
export function parseOutcomeModel(input: unknown): OutcomeModel {
  const parsed = outcomeModelSchema.safeParse(input);
  if (!parsed.success)
    throw new OutcomeError('invalid_outcome_model', 'The outcome model is not valid', parsed.error.issues);
  return parsed.data;
}

/** The seed model shipped with Ariadne (validated once at load). */
export const DEFAULT_OUTCOME_MODEL: OutcomeModel = parseOutcomeModel(DEFAULT_OUTCOME_MODEL_INPUT);

/** The element with this code; throws `unknown_outcome_element` otherwise. */
export function elementOf(model: OutcomeModel, code: string): OutcomeElement {
  const element = model.elements.find((e) => e.code === code);
  if (!element) throw new OutcomeError('unknown_outcome_element', `No outcome element ${code}`);
  return element;
}

/** Elements of one dimension, in priority order. */
export function elementsOf(model: OutcomeModel, dimension: string): OutcomeElement[] {
  return model.elements.filter((e) => e.dimension === dimension).sort((a, b) => a.priority - b.priority);
}

/** The anchored description of a level on a dimension's scale. */
export function anchorFor(model: OutcomeModel, dimension: string, score: number): ScaleAnchor | undefined {
  return model.dimensions.find((d) => d.code === dimension)?.anchors.find((a) => a.score === score);
}

/** True when the score is an integer level of the model's scale. */
export function isOnScale(model: OutcomeModel, score: number): boolean {
  return Number.isInteger(score) && score >= model.scale.min && score <= model.scale.max;
}
