/**
 * Exactly which fields of the (re)integration outcome model, its factor catalogue, the follow-up interview
 * instrument and the proposed scores leave the server (src/domain/outcomes), named field by field; labels in
 * the languages the server knows.
 */
import { z } from 'zod';
import type { AutonomySummary } from '../../domain/outcomes/autonomy';
import type { Continuum, OutcomeFlag } from '../../domain/outcomes/continuum';
import type { FactorDefinition } from '../../domain/outcomes/factors';
import type { ChartMarker } from '../../domain/outcomes/milestones';
import { ECONOMIC_FACT_KINDS, type EconomicFact } from '../../domain/outcomes/economic';
import type { NextObjectives } from '../../domain/outcomes/priority';
import type { DueAssessment, FollowUpState } from '../../domain/outcomes/schedule';
import type { ProposedScore } from '../../domain/outcomes/instrument';
import type { Instrument, Question } from '../../domain/outcomes/instrument-schema';
import type { Labels, OutcomeModel } from '../../domain/outcomes/model';
import { LOCALES } from '../../domain/roles/catalogue';
import { closedMap, pickKeys } from './closed';

export const OutcomeLabelsSchema = closedMap(LOCALES, z.string())
  .extend({ en: z.string() })
  .meta({ id: 'OutcomeLabels' });
type LabelsView = z.infer<typeof OutcomeLabelsSchema>;
export const labelsOf = (l: Labels): LabelsView => ({ ...pickKeys(l, LOCALES), en: l.en });

const Scale = z.strictObject({ min: z.number().int(), max: z.number().int() });

export const OutcomeModelSchema = z
  .strictObject({
    version: z.string(),
    scale: Scale,
    dimensions: z.array(
      z.strictObject({
        code: z.string(),
        label: OutcomeLabelsSchema,
        anchors: z.array(
          z.strictObject({ score: z.number().int(), label: OutcomeLabelsSchema, description: OutcomeLabelsSchema }),
        ),
      }),
    ),
    elements: z.array(
      z.strictObject({
        code: z.string(),
        dimension: z.string(),
        subdimension: z.string().nullable(),
        label: OutcomeLabelsSchema,
        judgedFrom: z.enum(['own_view', 'others_acceptance']).optional(),
        priority: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'OutcomeModel' });

export const FactorDefinitionSchema = z
  .strictObject({
    code: z.string(),
    group: z.string(),
    defaultLevel: z.string(),
    label: OutcomeLabelsSchema,
    surtees: z.array(z.number().int()),
  })
  .meta({ id: 'OutcomeFactorDefinition' });

export function presentOutcomeModel(m: OutcomeModel): z.infer<typeof OutcomeModelSchema> {
  return {
    version: m.version,
    scale: { min: m.scale.min, max: m.scale.max },
    dimensions: m.dimensions.map((d) => ({
      code: d.code,
      label: labelsOf(d.label),
      anchors: d.anchors.map((a) => ({
        score: a.score,
        label: labelsOf(a.label),
        description: labelsOf(a.description),
      })),
    })),
    elements: m.elements.map((e) => ({
      code: e.code,
      dimension: e.dimension,
      subdimension: e.subdimension,
      label: labelsOf(e.label),
      ...(e.judgedFrom ? { judgedFrom: e.judgedFrom } : {}),
      priority: e.priority,
    })),
  };
}

export function presentFactorDefinition(f: FactorDefinition): z.infer<typeof FactorDefinitionSchema> {
  return {
    code: f.code,
    group: f.group,
    defaultLevel: f.defaultLevel,
    label: labelsOf(f.label),
    surtees: [...f.surtees],
  };
}

const QuestionSchema = z
  .strictObject({
    code: z.string(),
    type: z.enum(['scale', 'choice', 'text', 'boolean']),
    label: OutcomeLabelsSchema,
    optional: z.boolean(),
    informs: z.array(z.string()),
    options: z
      .array(
        z.strictObject({ code: z.string(), label: OutcomeLabelsSchema, score: z.number().int().nullable().optional() }),
      )
      .optional(),
    inverse: z.boolean().optional(),
    scoreIfTrue: z.number().int().nullable().optional(),
    scoreIfFalse: z.number().int().nullable().optional(),
    caseworkerMayAnswer: z.boolean().optional(),
    pair: z
      .strictObject({
        area: z.enum(['employment', 'accommodation', 'finances']),
        role: z.enum(['perceived_need', 'current_status', 'need_met']),
      })
      .optional(),
  })
  .meta({ id: 'InstrumentQuestion' });

export const InstrumentSchema = z
  .strictObject({
    version: z.string(),
    scale: Scale,
    sections: z.array(
      z.strictObject({
        code: z.string(),
        label: OutcomeLabelsSchema,
        neverRequired: z.boolean().optional(),
        questions: z.array(QuestionSchema),
      }),
    ),
  })
  .meta({ id: 'OutcomeInstrument' });

function presentQuestion(q: Question): z.infer<typeof QuestionSchema> {
  return {
    code: q.code,
    type: q.type,
    label: labelsOf(q.label),
    optional: q.optional,
    informs: [...q.informs],
    ...(q.options
      ? {
          options: q.options.map((o) => ({
            code: o.code,
            label: labelsOf(o.label),
            ...(o.score !== undefined ? { score: o.score } : {}),
          })),
        }
      : {}),
    ...(q.inverse !== undefined ? { inverse: q.inverse } : {}),
    ...(q.scoreIfTrue !== undefined ? { scoreIfTrue: q.scoreIfTrue } : {}),
    ...(q.scoreIfFalse !== undefined ? { scoreIfFalse: q.scoreIfFalse } : {}),
    ...(q.caseworkerMayAnswer !== undefined ? { caseworkerMayAnswer: q.caseworkerMayAnswer } : {}),
    ...(q.pair ? { pair: { area: q.pair.area, role: q.pair.role } } : {}),
  };
}

export function presentInstrument(i: Instrument): z.infer<typeof InstrumentSchema> {
  return {
    version: i.version,
    scale: { min: i.scale.min, max: i.scale.max },
    sections: i.sections.map((s) => ({
      code: s.code,
      label: labelsOf(s.label),
      ...(s.neverRequired !== undefined ? { neverRequired: s.neverRequired } : {}),
      questions: s.questions.map(presentQuestion),
    })),
  };
}

const AnswerValue = z.union([z.number(), z.string(), z.boolean(), z.null()]);
export const ProposedScoreSchema = z
  .strictObject({
    element: z.string(),
    score: z.number(),
    source: z.string(),
    trace: z.array(
      z.strictObject({
        question: z.string(),
        value: AnswerValue,
        answeredBy: z.string(),
        element: z.string(),
        contribution: z.number().nullable(),
      }),
    ),
  })
  .meta({ id: 'ProposedScore' });

export function presentProposedScore(p: ProposedScore): z.infer<typeof ProposedScoreSchema> {
  return {
    element: p.element,
    score: p.score,
    source: p.source,
    trace: p.trace.map((t) => ({
      question: t.question,
      value: t.value,
      answeredBy: t.answeredBy,
      element: t.element,
      contribution: t.contribution,
    })),
  };
}

// The case outcome view: her change against her own baseline, recorded hard failures, chart markers, follow-ups due.
const Change = z.enum(['progress', 'stable', 'regression', 'not_assessed']);
const ContinuumPointSchema = z
  .strictObject({
    assessmentId: z.string(),
    date: z.string(),
    daysSinceBaseline: z.number(),
    elements: z.array(
      z.strictObject({
        element: z.string(),
        dimension: z.string(),
        baseline: z.number().nullable(),
        current: z.number().nullable(),
        change: Change,
      }),
    ),
    dimensions: z.array(
      z.strictObject({
        dimension: z.string(),
        score: z.number().nullable(),
        baselineMean: z.number().nullable(),
        currentMean: z.number().nullable(),
        comparedElements: z.array(z.string()),
        change: Change,
      }),
    ),
    progressOn: z.array(z.string()),
    regressionOn: z.array(z.string()),
    progressWithheld: z.strictObject({ reasons: z.array(z.string()), dimensions: z.array(z.string()) }).nullable(),
  })
  .meta({ id: 'ContinuumPoint' });
type ContinuumPointView = z.infer<typeof ContinuumPointSchema>;

export const CaseOutcomesSchema = z
  .strictObject({
    model: OutcomeModelSchema,
    factorCatalogue: z.array(FactorDefinitionSchema),
    followUp: z.strictObject({
      optedOut: z.boolean(),
      consented: z.boolean(),
      mode: z.string(),
      selfInitiatedContacts: z.array(z.string()),
    }),
    autonomy: z.strictObject({
      decisions: z.array(
        z.strictObject({
          area: z.string(),
          status: z.string(),
          concerns: z.array(z.string()),
          unknown: z.array(z.string()),
        }),
      ),
      autonomous: z.number().int(),
      concern: z.number().int(),
      unknown: z.number().int(),
    }),
    continuum: z
      .strictObject({
        baseline: z
          .strictObject({
            assessmentId: z.string(),
            date: z.string(),
            dimensions: z.array(z.strictObject({ dimension: z.string(), score: z.number().nullable() })),
          })
          .nullable(),
        points: z.array(ContinuumPointSchema),
      })
      .nullable(),
    flags: z.array(
      z.strictObject({
        kind: z.literal('hard_failure'),
        event: z.string(),
        date: z.string(),
        statedReasons: z.string().nullable(),
      }),
    ),
    markers: z.array(
      z.strictObject({ date: z.string(), kind: z.string(), category: z.string(), label: OutcomeLabelsSchema }),
    ),
    economicFacts: z.array(
      z.strictObject({
        kind: z.enum(ECONOMIC_FACT_KINDS),
        date: z.string(),
        dimension: z.literal('economic'),
        category: z.literal('economic'),
        daysSinceBaseline: z.number().int().nullable(),
      }),
    ),
    due: z.array(
      z.strictObject({
        caseId: z.string(),
        dueDate: z.string(),
        overdue: z.boolean(),
        daysLeft: z.number().int(),
        kind: z.enum(['scheduled', 'ad_hoc']),
        month: z.number().int().nullable(),
        mode: z.string(),
      }),
    ),
    next: z.strictObject({
      suggestions: z.array(
        z.strictObject({
          element: z.string(),
          dimension: z.string(),
          priority: z.number().int(),
          score: z.number().nullable(),
          reason: z.string(),
        }),
      ),
      hint: z.literal('recovery_first').nullable(),
    }),
  })
  .meta({ id: 'CaseOutcomes' });
type CaseOutcomesView = z.infer<typeof CaseOutcomesSchema>;

function presentPoint(p: Continuum['points'][number]): ContinuumPointView {
  return {
    assessmentId: p.assessmentId,
    date: p.date,
    daysSinceBaseline: p.daysSinceBaseline,
    elements: p.elements.map((e) => ({
      element: e.element,
      dimension: e.dimension,
      baseline: e.baseline,
      current: e.current,
      change: e.change,
    })),
    dimensions: p.dimensions.map((d) => ({
      dimension: d.dimension,
      score: d.score,
      baselineMean: d.baselineMean,
      currentMean: d.currentMean,
      comparedElements: [...d.comparedElements],
      change: d.change,
    })),
    progressOn: [...p.progressOn],
    regressionOn: [...p.regressionOn],
    progressWithheld: p.progressWithheld
      ? { reasons: [...p.progressWithheld.reasons], dimensions: [...p.progressWithheld.dimensions] }
      : null,
  };
}

export function presentCaseOutcomes(o: {
  model: OutcomeModel;
  factorCatalogue: readonly FactorDefinition[];
  followUp: FollowUpState;
  autonomy: AutonomySummary;
  continuum: Continuum | null;
  flags: OutcomeFlag[];
  markers: ChartMarker[];
  economicFacts: EconomicFact[];
  due: DueAssessment[];
  next: NextObjectives;
}): CaseOutcomesView {
  return {
    model: presentOutcomeModel(o.model),
    factorCatalogue: o.factorCatalogue.map(presentFactorDefinition),
    followUp: {
      optedOut: o.followUp.optedOut,
      consented: o.followUp.consented,
      mode: o.followUp.mode,
      selfInitiatedContacts: [...o.followUp.selfInitiatedContacts],
    },
    autonomy: {
      decisions: o.autonomy.decisions.map((d) => ({
        area: d.area,
        status: d.status,
        concerns: [...d.concerns],
        unknown: [...d.unknown],
      })),
      autonomous: o.autonomy.autonomous,
      concern: o.autonomy.concern,
      unknown: o.autonomy.unknown,
    },
    continuum: o.continuum
      ? {
          baseline: o.continuum.baseline
            ? {
                assessmentId: o.continuum.baseline.assessmentId,
                date: o.continuum.baseline.date,
                dimensions: o.continuum.baseline.dimensions.map((d) => ({ dimension: d.dimension, score: d.score })),
              }
            : null,
          points: o.continuum.points.map(presentPoint),
        }
      : null,
    flags: o.flags.map((f) => ({ kind: f.kind, event: f.event, date: f.date, statedReasons: f.statedReasons })),
    markers: o.markers.map((m) => ({ date: m.date, kind: m.kind, category: m.category, label: labelsOf(m.label) })),
    economicFacts: o.economicFacts.map((f) => ({
      kind: f.kind,
      date: f.date,
      dimension: f.dimension,
      category: f.category,
      daysSinceBaseline: f.daysSinceBaseline,
    })),
    due: o.due.map((d) => ({
      caseId: d.caseId,
      dueDate: d.dueDate,
      overdue: d.overdue,
      daysLeft: d.daysLeft,
      kind: d.kind,
      month: d.month,
      mode: d.mode,
    })),
    next: {
      suggestions: o.next.suggestions.map((s) => ({
        element: s.element,
        dimension: s.dimension,
        priority: s.priority,
        score: s.score,
        reason: s.reason,
      })),
      hint: o.next.hint,
    },
  };
}
