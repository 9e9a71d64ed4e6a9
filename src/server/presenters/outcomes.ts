/**
 * Exactly which fields of the (re)integration outcome model, its factor catalogue, the follow-up interview
 * instrument and the proposed scores leave the server (src/domain/outcomes), named field by field; labels in
 * the languages the server knows.
 */
import { z } from 'zod';
import type { FactorDefinition } from '../../domain/outcomes/factors';
import type { ProposedScore } from '../../domain/outcomes/instrument';
import type { Instrument, Question } from '../../domain/outcomes/instrument-schema';
import type { Labels, OutcomeModel } from '../../domain/outcomes/model';
import { LOCALES } from '../../domain/roles/catalogue';
import { closedMap, pickKeys } from './closed';

export const OutcomeLabelsSchema = closedMap(LOCALES, z.string()).extend({ en: z.string() }).meta({ id: 'OutcomeLabels' });
type LabelsView = z.infer<typeof OutcomeLabelsSchema>;
export const labelsOf = (l: Labels): LabelsView => ({ ...pickKeys(l, LOCALES), en: l.en });

const Scale = z.strictObject({ min: z.number().int(), max: z.number().int() });

export const OutcomeModelSchema = z.strictObject({
  version: z.string(), scale: Scale,
  dimensions: z.array(z.strictObject({ code: z.string(), label: OutcomeLabelsSchema, anchors: z.array(z.strictObject({ score: z.number().int(), label: OutcomeLabelsSchema, description: OutcomeLabelsSchema })) })),
  elements: z.array(z.strictObject({ code: z.string(), dimension: z.string(), subdimension: z.string().nullable(), label: OutcomeLabelsSchema, judgedFrom: z.enum(['own_view', 'others_acceptance']).optional(), priority: z.number().int() })),
}).meta({ id: 'OutcomeModel' });

export const FactorDefinitionSchema = z.strictObject({ code: z.string(), group: z.string(), defaultLevel: z.string(), label: OutcomeLabelsSchema, surtees: z.array(z.number().int()) }).meta({ id: 'OutcomeFactorDefinition' });

export function presentOutcomeModel(m: OutcomeModel): z.infer<typeof OutcomeModelSchema> {
  return {
    version: m.version, scale: { min: m.scale.min, max: m.scale.max },
    dimensions: m.dimensions.map((d) => ({ code: d.code, label: labelsOf(d.label), anchors: d.anchors.map((a) => ({ score: a.score, label: labelsOf(a.label), description: labelsOf(a.description) })) })),
    elements: m.elements.map((e) => ({ code: e.code, dimension: e.dimension, subdimension: e.subdimension, label: labelsOf(e.label), ...(e.judgedFrom ? { judgedFrom: e.judgedFrom } : {}), priority: e.priority })),
  };
}

export function presentFactorDefinition(f: FactorDefinition): z.infer<typeof FactorDefinitionSchema> {
  return { code: f.code, group: f.group, defaultLevel: f.defaultLevel, label: labelsOf(f.label), surtees: [...f.surtees] };
}

const QuestionSchema = z.strictObject({
  code: z.string(), type: z.enum(['scale', 'choice', 'text', 'boolean']), label: OutcomeLabelsSchema, optional: z.boolean(), informs: z.array(z.string()),
  options: z.array(z.strictObject({ code: z.string(), label: OutcomeLabelsSchema, score: z.number().int().nullable().optional() })).optional(),
  inverse: z.boolean().optional(), scoreIfTrue: z.number().int().nullable().optional(), scoreIfFalse: z.number().int().nullable().optional(),
  caseworkerMayAnswer: z.boolean().optional(),
  pair: z.strictObject({ area: z.enum(['employment', 'accommodation', 'finances']), role: z.enum(['perceived_need', 'current_status', 'need_met']) }).optional(),
}).meta({ id: 'InstrumentQuestion' });

export const InstrumentSchema = z.strictObject({
  version: z.string(), scale: Scale,
  sections: z.array(z.strictObject({ code: z.string(), label: OutcomeLabelsSchema, neverRequired: z.boolean().optional(), questions: z.array(QuestionSchema) })),
}).meta({ id: 'OutcomeInstrument' });

function presentQuestion(q: Question): z.infer<typeof QuestionSchema> {
  return {
    code: q.code, type: q.type, label: labelsOf(q.label), optional: q.optional, informs: [...q.informs],
    ...(q.options ? { options: q.options.map((o) => ({ code: o.code, label: labelsOf(o.label), ...(o.score !== undefined ? { score: o.score } : {}) })) } : {}),
    ...(q.inverse !== undefined ? { inverse: q.inverse } : {}), ...(q.scoreIfTrue !== undefined ? { scoreIfTrue: q.scoreIfTrue } : {}), ...(q.scoreIfFalse !== undefined ? { scoreIfFalse: q.scoreIfFalse } : {}),
    ...(q.caseworkerMayAnswer !== undefined ? { caseworkerMayAnswer: q.caseworkerMayAnswer } : {}),
    ...(q.pair ? { pair: { area: q.pair.area, role: q.pair.role } } : {}),
  };
}

export function presentInstrument(i: Instrument): z.infer<typeof InstrumentSchema> {
  return {
    version: i.version, scale: { min: i.scale.min, max: i.scale.max },
    sections: i.sections.map((s) => ({ code: s.code, label: labelsOf(s.label), ...(s.neverRequired !== undefined ? { neverRequired: s.neverRequired } : {}), questions: s.questions.map(presentQuestion) })),
  };
}

const AnswerValue = z.union([z.number(), z.string(), z.boolean(), z.null()]);
export const ProposedScoreSchema = z.strictObject({
  element: z.string(), score: z.number(), source: z.string(),
  trace: z.array(z.strictObject({ question: z.string(), value: AnswerValue, answeredBy: z.string(), element: z.string(), contribution: z.number().nullable() })),
}).meta({ id: 'ProposedScore' });

export function presentProposedScore(p: ProposedScore): z.infer<typeof ProposedScoreSchema> {
  return { element: p.element, score: p.score, source: p.source, trace: p.trace.map((t) => ({ question: t.question, value: t.value, answeredBy: t.answeredBy, element: t.element, contribution: t.contribution })) };
}
