/** Exactly which fields of linkage runs and review pairs leave the server: counts and coarse attributes, never encodings or names. */
import { z } from 'zod';
import type { LinkageRunModel } from '../../services/linkage';
import { LINKAGE_PHASES } from '../../services/linkage-runs';

/** The counts of a run; a run stored by an older version may lack some. */
const COUNT_KEYS = [
  'records',
  'sources',
  'possiblePairs',
  'candidatePairs',
  'comparisons',
  'matches',
  'review',
  'clusters',
  'oversizedBuckets',
  'reviewRecords',
  // An incremental run: the new or changed records compared, the linked ones read and the part solved again.
  'comparedRecords',
  'existingRecordsRead',
  'reachedRecords',
] as const;
export const LinkageCountsSchema = z.strictObject(
  Object.fromEntries(COUNT_KEYS.map((k) => [k, z.number().optional()])) as Record<
    (typeof COUNT_KEYS)[number],
    z.ZodOptional<z.ZodNumber>
  >,
);
type Counts = z.infer<typeof LinkageCountsSchema>;

export function presentCounts(stats: Record<string, number>): Counts {
  const out: Counts = {};
  for (const k of COUNT_KEYS) if (typeof stats[k] === 'number') out[k] = stats[k];
  return out;
}

/** The estimated parameters of a run: m and u per field and level, λ, the threshold and the expected quality. */
export const LinkageModelSchema = z
  .strictObject({
    targetPrecision: z.number(),
    lambda: z.number(),
    iterations: z.number().int(),
    converged: z.boolean(),
    autoLinkThreshold: z.number(),
    expectedPrecision: z.number(),
    expectedRecall: z.number(),
    reviewFloor: z.number(),
    reviewCandidates: z.number().int(),
    reviewBand: z.number().int(),
    fields: z.array(
      z.strictObject({
        field: z.string(),
        levels: z.array(z.strictObject({ level: z.string(), m: z.number(), u: z.number(), weight: z.number() })),
      }),
    ),
  })
  .meta({ id: 'LinkageModel' });
export type LinkageModelView = z.infer<typeof LinkageModelSchema>;

export function presentModel(m: LinkageRunModel | null | undefined): LinkageModelView | null {
  if (!m) return null;
  return {
    targetPrecision: m.targetPrecision,
    lambda: m.lambda,
    iterations: m.iterations,
    converged: m.converged,
    autoLinkThreshold: m.autoLinkThreshold,
    expectedPrecision: m.expectedPrecision,
    expectedRecall: m.expectedRecall,
    reviewFloor: m.reviewFloor,
    reviewCandidates: m.reviewCandidates,
    reviewBand: m.reviewBand,
    fields: m.fields.map((f) => ({
      field: f.field,
      levels: f.levels.map((l) => ({ level: l.level, m: l.m, u: l.u, weight: l.weight })),
    })),
  };
}

export const LinkageJobSchema = z
  .strictObject({
    id: z.string().uuid(),
    state: z.enum(['running', 'succeeded', 'failed']),
    phase: z.enum(LINKAGE_PHASES),
    done: z.number().int(),
    total: z.number().int(),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    errorCode: z.string().nullable(),
    summary: z
      .strictObject({
        runId: z.string().uuid(),
        organisations: z.array(
          z.strictObject({ name: z.string(), encoded: z.number().int(), reviewCap: z.number().int().nullable() }),
        ),
        stats: LinkageCountsSchema,
        personsDeduplicated: z.number().int(),
        model: LinkageModelSchema.nullable(),
        /** Every record compared ("full"), or only the new and changed ones ("incremental"). */
        mode: z.enum(['full', 'incremental']),
      })
      .nullable(),
  })
  .meta({ id: 'LinkageJob' });
export type LinkageJobView = z.infer<typeof LinkageJobSchema>;

export function presentJob(j: {
  id: string;
  state: LinkageJobView['state'];
  phase: LinkageJobView['phase'];
  done: number;
  total: number;
  startedAt: string;
  finishedAt: string | null;
  errorCode: string | null;
  summary: {
    runId: string;
    organisations: { name: string; encoded: number; reviewCap?: number | null }[];
    stats: Record<string, number>;
    personsDeduplicated: number;
    model?: LinkageRunModel | null;
    mode?: 'full' | 'incremental';
  } | null;
}): LinkageJobView {
  return {
    id: j.id,
    state: j.state,
    phase: j.phase,
    done: j.done,
    total: j.total,
    startedAt: j.startedAt,
    finishedAt: j.finishedAt,
    errorCode: j.errorCode,
    summary: j.summary
      ? {
          runId: j.summary.runId,
          organisations: j.summary.organisations.map((o) => ({
            name: o.name,
            encoded: o.encoded,
            reviewCap: o.reviewCap ?? null,
          })),
          stats: presentCounts(j.summary.stats),
          personsDeduplicated: j.summary.personsDeduplicated,
          model: presentModel(j.summary.model),
          // Runs stored before incremental linkage were all full.
          mode: j.summary.mode ?? 'full',
        }
      : null,
  };
}

export const LinkageStatusSchema = z
  .strictObject({
    secret: z.strictObject({
      set: z.boolean(),
      schemaVersion: z.string().nullable(),
      updatedAt: z.string().nullable(),
      /** Keyed fingerprint of the secret (never the secret): equal at every organisation holding the same one. */
      fingerprint: z.string().nullable(),
    }),
    encodings: z.number().int(),
    participatingOrganisations: z.number().int(),
    lastRun: z
      .strictObject({
        id: z.string().uuid(),
        startedAt: z.string(),
        finishedAt: z.string(),
        stats: LinkageCountsSchema,
        model: LinkageModelSchema.nullable(),
      })
      .nullable(),
    job: LinkageJobSchema.nullable(),
  })
  .meta({ id: 'LinkageStatus' });

export function presentStatus(s: {
  secret: { set: boolean; schemaVersion: string | null; updatedAt: string | null; fingerprint: string | null };
  encodings: number;
  participatingOrganisations: number;
  lastRun: {
    id: string;
    startedAt: string;
    finishedAt: string;
    stats: Record<string, number>;
    model?: LinkageRunModel | null;
  } | null;
  job: Parameters<typeof presentJob>[0] | null;
}): z.infer<typeof LinkageStatusSchema> {
  return {
    secret: {
      set: s.secret.set,
      schemaVersion: s.secret.schemaVersion,
      updatedAt: s.secret.updatedAt,
      fingerprint: s.secret.fingerprint,
    },
    encodings: s.encodings,
    participatingOrganisations: s.participatingOrganisations,
    lastRun: s.lastRun
      ? {
          id: s.lastRun.id,
          startedAt: s.lastRun.startedAt,
          finishedAt: s.lastRun.finishedAt,
          stats: presentCounts(s.lastRun.stats),
          model: presentModel(s.lastRun.model),
        }
      : null,
    job: s.job ? presentJob(s.job) : null,
  };
}

/** What a reviewer sees of each record of a pair: coarse, never identifying on its own. */
const ReviewAttributesSchema = z.strictObject({
  firstContactYear: z.number().int().optional(),
  ageBandAtContact: z.string().optional(),
});

/** How strongly one field agreed: the comparison level and its weight, never a value. */
const ReviewEvidenceSchema = z.strictObject({
  field: z.string(),
  level: z.string(),
  weight: z.number(),
});

export const LinkageReviewSchema = z
  .strictObject({
    id: z.string().uuid(),
    score: z.number(),
    probability: z.number().nullable(),
    evidence: z.array(ReviewEvidenceSchema),
    status: z.enum(['pending', 'match', 'non_match']),
    version: z.number().int(),
    decidedAt: z.string().nullable(),
    records: z.array(
      z.strictObject({
        organisation: z.strictObject({ id: z.string().uuid(), name: z.string() }),
        own: z.boolean(),
        attributes: ReviewAttributesSchema,
      }),
    ),
  })
  .meta({ id: 'LinkageReview' });

export function presentReview(r: {
  id: string;
  score: number;
  probability: number | null;
  evidence: { field: string; level: string; weight: number }[];
  status: 'pending' | 'match' | 'non_match';
  version: number;
  decidedAt: string | null;
  records: {
    organisation: { id: string; name: string };
    own: boolean;
    attributes: Record<string, string | number | boolean>;
  }[];
}): z.infer<typeof LinkageReviewSchema> {
  return {
    id: r.id,
    score: r.score,
    probability: r.probability,
    evidence: r.evidence.map((e) => ({ field: e.field, level: e.level, weight: e.weight })),
    status: r.status,
    version: r.version,
    decidedAt: r.decidedAt,
    records: r.records.map((rec) => ({
      organisation: { id: rec.organisation.id, name: rec.organisation.name },
      own: rec.own,
      attributes: {
        ...(typeof rec.attributes.firstContactYear === 'number'
          ? { firstContactYear: rec.attributes.firstContactYear }
          : {}),
        ...(typeof rec.attributes.ageBandAtContact === 'string'
          ? { ageBandAtContact: rec.attributes.ageBandAtContact }
          : {}),
      },
    })),
  };
}
