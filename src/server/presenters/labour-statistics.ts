/**
 * Exactly which fields of the labour-market statistics leave the server (src/domain/statistics/labour.ts):
 * counts of persons, each shown or hidden, shares, quartiles and costs only with their count, and the
 * provenance from a closed list of fields.
 */
import { z } from 'zod';
import type { Cell } from '../../domain/outcomes/cohort';
import { LABOUR_STAGES } from '../../domain/statistics/labour';
import type { LabourStatisticsResult } from '../../services/labour-statistics';

const CellSchema = z
  .union([z.strictObject({ value: z.number() }), z.strictObject({ suppressed: z.literal(true) })])
  .meta({ id: 'LabourCell' });

export const LabourStatisticsSchema = z
  .strictObject({
    threshold: z.number().int(),
    asOf: z.string(),
    scope: z.enum(['organisation', 'network']),
    organisations: z.array(z.string().uuid()),
    personsWithoutConsent: z.boolean(),
    persons: CellSchema,
    stages: z.array(z.strictObject({ stage: z.enum(LABOUR_STAGES), persons: CellSchema })),
    retention: z.array(
      z.strictObject({
        months: z.union([z.literal(6), z.literal(12)]),
        persons: CellSchema,
        inWork: CellSchema,
        share: CellSchema,
      }),
    ),
    timeFromIntake: z.array(
      z.strictObject({
        to: z.enum(['first_internship', 'placement']),
        persons: CellSchema,
        quartiles: z.union([
          z.strictObject({ q1: z.number(), median: z.number(), q3: z.number() }),
          z.strictObject({ suppressed: z.literal(true) }),
        ]),
      }),
    ),
    employersByTerritory: z.array(z.strictObject({ territory: z.string(), employers: CellSchema })),
    internshipCost: z.strictObject({
      persons: CellSchema,
      internships: z.number().int().nullable(),
      total: z.number().nullable(),
      perInternship: z.number().nullable(),
    }),
    provenance: z.strictObject({
      counts: z.literal('persons'),
      generatedAt: z.string(),
      asOf: z.string(),
      scope: z.string(),
      source: z.string(),
      deduplication: z.string(),
      personsCounted: z.number().int().optional(),
      disclosureControl: z.array(z.string()),
    }),
  })
  .meta({ id: 'LabourStatistics' });
type LabourStatisticsView = z.infer<typeof LabourStatisticsSchema>;

const cell = (c: Cell): Cell => ('suppressed' in c ? { suppressed: true } : { value: c.value });

export function presentLabourStatistics(s: LabourStatisticsResult): LabourStatisticsView {
  const p = s.provenance;
  return {
    threshold: s.threshold,
    asOf: s.asOf,
    scope: s.scope,
    organisations: [...s.organisations],
    personsWithoutConsent: s.personsWithoutConsent,
    persons: cell(s.persons),
    stages: s.stages.map((x) => ({ stage: x.stage, persons: cell(x.persons) })),
    retention: s.retention.map((r) => ({
      months: r.months,
      persons: cell(r.persons),
      inWork: cell(r.inWork),
      share: cell(r.share),
    })),
    timeFromIntake: s.timeFromIntake.map((t) => ({
      to: t.to,
      persons: cell(t.persons),
      quartiles:
        'suppressed' in t.quartiles
          ? { suppressed: true }
          : { q1: t.quartiles.q1, median: t.quartiles.median, q3: t.quartiles.q3 },
    })),
    employersByTerritory: s.employersByTerritory.map((e) => ({ territory: e.territory, employers: cell(e.employers) })),
    internshipCost: {
      persons: cell(s.internshipCost.persons),
      internships: s.internshipCost.internships,
      total: s.internshipCost.total,
      perInternship: s.internshipCost.perInternship,
    },
    provenance: {
      counts: p.counts,
      generatedAt: p.generatedAt,
      asOf: p.asOf,
      scope: p.scope,
      source: p.source,
      deduplication: p.deduplication,
      ...(p.personsCounted === undefined ? {} : { personsCounted: p.personsCounted }),
      disclosureControl: [...p.disclosureControl],
    },
  };
}
