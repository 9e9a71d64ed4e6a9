/**
 * Exactly which fields of a legal track leave the server: the country, its labels in the languages
 * the server knows, and each step's rule (kind, starting events, permit code, duration, inclusive end,
 * extension and its conditions, required events, paths, what it leads to, source line). Rules and
 * labels only: a track holds no personal data.
 */
import { z } from 'zod';
import type { LegalTrack, StepExtension, TrackStep } from '../../domain/legal-tracks/model';
import { LOCALES } from '../../domain/roles/catalogue';
import type { LegalTrackRow } from '../../storage/repositories/legal-tracks';
import { closedMap, pickKeys } from './closed';

const Labels = closedMap(LOCALES, z.string()).extend({ en: z.string() });
const Unit = z.enum(['days', 'months']);

const ExtensionSchema = z.strictObject({
  amount: z.number().int().optional(),
  unit: Unit.optional(),
  maxCount: z.number().int().nullable(),
  requiresAnyOf: z.array(z.string()).optional(),
  refusedAfter: z.array(z.string()).optional(),
  decideDaysBefore: z.number().int(),
  source: z.string(),
});

const StepSchema = z
  .strictObject({
    code: z.string(),
    label: Labels,
    kind: z.enum(['reflection_period', 'programme', 'tolerated_stay', 'permit']),
    startedBy: z.array(z.string()),
    permitType: z.string().optional(),
    duration: z
      .strictObject({
        unit: Unit,
        fixed: z.number().int().optional(),
        min: z.number().int().optional(),
        max: z.number().int().optional(),
      })
      .optional(),
    endInclusive: z.boolean(),
    extension: ExtensionSchema.optional(),
    requiresAnyOf: z.array(z.string()).optional(),
    paths: z
      .array(z.strictObject({ code: z.string(), requiresStatementBy: z.boolean().optional(), source: z.string() }))
      .optional(),
    leadsTo: z.array(z.string()).optional(),
    source: z.string().describe('Where the rule comes from in the domain reference (file:line), or "organisation"'),
  })
  .meta({ id: 'LegalTrackStep' });

export const LegalTrackViewSchema = z
  .strictObject({
    country: z.string(),
    version: z.number().int(),
    label: Labels,
    steps: z.array(StepSchema),
    createdAt: z.string().datetime(),
  })
  .meta({ id: 'LegalTrack' });
export type LegalTrackView = z.infer<typeof LegalTrackViewSchema>;

const labels = (l: LegalTrack['label']) => ({ ...pickKeys(l, LOCALES), en: l.en });
const defined = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

function presentExtension(e: StepExtension): z.infer<typeof ExtensionSchema> {
  return defined({
    amount: e.amount,
    unit: e.unit,
    maxCount: e.maxCount,
    requiresAnyOf: e.requiresAnyOf,
    refusedAfter: e.refusedAfter,
    decideDaysBefore: e.decideDaysBefore,
    source: e.source,
  });
}

function presentStep(s: TrackStep): z.infer<typeof StepSchema> {
  return defined({
    code: s.code,
    label: labels(s.label),
    kind: s.kind,
    startedBy: s.startedBy,
    permitType: s.permitType,
    duration: s.duration
      ? defined({ unit: s.duration.unit, fixed: s.duration.fixed, min: s.duration.min, max: s.duration.max })
      : undefined,
    endInclusive: s.endInclusive,
    extension: s.extension ? presentExtension(s.extension) : undefined,
    requiresAnyOf: s.requiresAnyOf,
    paths: s.paths?.map((p) => defined({ code: p.code, requiresStatementBy: p.requiresStatementBy, source: p.source })),
    leadsTo: s.leadsTo,
    source: s.source,
  });
}

export function presentLegalTrack(row: LegalTrackRow): LegalTrackView {
  return {
    country: row.track.country,
    version: row.version,
    label: labels(row.track.label),
    steps: row.track.steps.map(presentStep),
    createdAt: new Date(row.createdAt).toISOString(),
  };
}
