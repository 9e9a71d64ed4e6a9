/**
 * Exactly which fields of the outcome cohort aggregates leave the server (src/domain/outcomes/cohort.ts):
 * shares and distributions over persons, each count or share shown or hidden, named field by field.
 */
import { z } from 'zod';
import type { CohortAggregates, Cell } from '../../domain/outcomes/cohort';

const CellSchema = z
  .union([z.strictObject({ value: z.number() }), z.strictObject({ suppressed: z.literal(true) })])
  .meta({ id: 'CohortCell' });
const CountShare = z.strictObject({ count: CellSchema, share: CellSchema });

export const CohortViewSchema = z
  .strictObject({
    threshold: z.number().int(),
    progressByHorizon: z.array(
      z.strictObject({
        horizon: z.string(),
        persons: CellSchema,
        dimensions: z.array(z.strictObject({ dimension: z.string(), withProgress: CellSchema, share: CellSchema })),
      }),
    ),
    timeToMilestone: z.array(
      z.strictObject({
        kind: z.string(),
        persons: CellSchema,
        quartiles: z.union([
          z.strictObject({ q1: z.number(), median: z.number(), q3: z.number() }),
          z.strictObject({ suppressed: z.literal(true) }),
        ]),
      }),
    ),
    groups: z.strictObject({ withProgress: CellSchema, withoutProgress: CellSchema }),
    factorPrevalence: z.array(
      z.strictObject({
        code: z.string(),
        valence: z.enum(['positive', 'negative']),
        withProgress: CountShare,
        withoutProgress: CountShare,
      }),
    ),
    scope: z.enum(['organisation', 'network']),
    organisations: z.array(z.string()),
    personsWithoutConsent: z.boolean(),
    counts: z.string(),
    generatedAt: z.string(),
  })
  .meta({ id: 'OutcomeCohort' });
type CohortView = z.infer<typeof CohortViewSchema>;

const cell = (c: Cell): Cell => ('suppressed' in c ? { suppressed: true } : { value: c.value });
const countShare = (x: { count: Cell; share: Cell }) => ({ count: cell(x.count), share: cell(x.share) });

export function presentCohort(
  c: CohortAggregates & {
    scope: 'organisation' | 'network';
    organisations: string[];
    personsWithoutConsent: boolean;
    counts: string;
    generatedAt: string;
  },
): CohortView {
  return {
    threshold: c.threshold,
    progressByHorizon: c.progressByHorizon.map((h) => ({
      horizon: h.horizon,
      persons: cell(h.persons),
      dimensions: h.dimensions.map((d) => ({
        dimension: d.dimension,
        withProgress: cell(d.withProgress),
        share: cell(d.share),
      })),
    })),
    timeToMilestone: c.timeToMilestone.map((m) => ({
      kind: m.kind,
      persons: cell(m.persons),
      quartiles:
        'suppressed' in m.quartiles
          ? { suppressed: true }
          : { q1: m.quartiles.q1, median: m.quartiles.median, q3: m.quartiles.q3 },
    })),
    groups: { withProgress: cell(c.groups.withProgress), withoutProgress: cell(c.groups.withoutProgress) },
    factorPrevalence: c.factorPrevalence.map((f) => ({
      code: f.code,
      valence: f.valence,
      withProgress: countShare(f.withProgress),
      withoutProgress: countShare(f.withoutProgress),
    })),
    scope: c.scope,
    organisations: [...c.organisations],
    personsWithoutConsent: c.personsWithoutConsent,
    counts: c.counts,
    generatedAt: c.generatedAt,
  };
}
