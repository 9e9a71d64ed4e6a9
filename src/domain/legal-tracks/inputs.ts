/**
 * The body of a legal track an administrator adds or edits (POST/PUT /api/legal-tracks, the CLI,
 * the settings page). Each rule that spans fields is an issue at the field it concerns, so the
 * form puts the message there.
 */
import { z } from 'zod';
import { LEGAL_EVENT_TYPES } from '../cases/vocabulary';
import { code, Version } from '../shared/zod';
import { DURATION_UNITS, STEP_EVENT, STEP_KINDS, type LegalTrack } from './model';

const text = z.string().trim().min(1).max(200);
const Labels = z.object({ en: text, fr: text.optional(), it: text.optional(), sk: text.optional() }).strict();
const count = z.number().int().min(1).max(3650);
const eventTypes = z.array(z.enum(LEGAL_EVENT_TYPES)).max(LEGAL_EVENT_TYPES.length);
const source = z.string().trim().max(200).default('');

const Duration = z.strictObject({
  unit: z.enum(DURATION_UNITS),
  fixed: count.optional(),
  min: count.optional(),
  max: count.optional(),
});

const Extension = z.strictObject({
  amount: count.optional(),
  unit: z.enum(DURATION_UNITS).optional(),
  maxCount: z.number().int().min(1).max(100).nullable(),
  requiresAnyOf: eventTypes.optional(),
  refusedAfter: eventTypes.optional(),
  decideDaysBefore: z.number().int().min(0).max(365).default(14),
  source,
});

const Step = z.strictObject({
  code,
  label: Labels,
  kind: z.enum(STEP_KINDS),
  startedBy: eventTypes.min(1).optional(),
  permitType: code.optional(),
  duration: Duration.optional(),
  endInclusive: z.boolean().default(true),
  extension: Extension.optional(),
  requiresAnyOf: eventTypes.optional(),
  paths: z
    .array(
      z.strictObject({ code: z.enum(['judicial', 'social']), requiresStatementBy: z.boolean().optional(), source }),
    )
    .max(2)
    .optional(),
  leadsTo: z.array(code).max(20).optional(),
  source,
});

export const LegalTrackInputSchema = z
  .strictObject({
    country: z.string().regex(/^[A-Z]{2}$/),
    label: Labels,
    steps: z.array(Step).min(1).max(20),
  })
  .superRefine((track, ctx) => {
    const codes = track.steps.map((s) => s.code);
    track.steps.forEach((step, i) => {
      const at = (...path: (string | number)[]) => ['steps', i, ...path];
      if (codes.indexOf(step.code) !== i)
        ctx.addIssue({
          code: 'custom',
          path: at('code'),
          message: 'Each step has its own code',
          params: { code: 'duplicate_step' },
        });
      const d = step.duration;
      if (d) {
        if (d.fixed === undefined && d.min === undefined && d.max === undefined)
          ctx.addIssue({
            code: 'custom',
            path: at('duration', 'fixed'),
            message: 'Give a fixed length, a minimum or a maximum',
          });
        if (d.fixed !== undefined && (d.min !== undefined || d.max !== undefined))
          ctx.addIssue({
            code: 'custom',
            path: at('duration', 'fixed'),
            message: 'A fixed length has no minimum or maximum',
          });
        if (d.min !== undefined && d.max !== undefined && d.min > d.max)
          ctx.addIssue({ code: 'custom', path: at('duration', 'max'), message: 'The maximum is at least the minimum' });
      }
      const ext = step.extension;
      if (ext && (ext.amount === undefined) !== (ext.unit === undefined))
        ctx.addIssue({
          code: 'custom',
          path: at('extension', 'unit'),
          message: 'An extension length has an amount and a unit',
        });
      if (step.kind === 'permit' && !step.permitType)
        ctx.addIssue({ code: 'custom', path: at('permitType'), message: 'A permit step names its permit code' });
      for (const next of step.leadsTo ?? [])
        if (!codes.includes(next))
          ctx.addIssue({ code: 'custom', path: at('leadsTo'), message: `No step "${next}" in this track` });
    });
  });
export type LegalTrackInput = z.input<typeof LegalTrackInputSchema>;

/** PUT /api/legal-tracks/:country: the new definition and the version it replaces. */
export const LegalTrackUpdateSchema = z.strictObject({ track: LegalTrackInputSchema, version: Version });

/** The stored definition of a parsed input: the default starting event of each step's kind made explicit. */
export function trackFromInput(input: z.infer<typeof LegalTrackInputSchema>): LegalTrack {
  return {
    country: input.country,
    label: input.label as LegalTrack['label'],
    steps: input.steps.map((s) => ({
      ...s,
      label: s.label as LegalTrack['label'],
      startedBy: s.startedBy ?? [STEP_EVENT[s.kind]],
      source: s.source || 'organisation',
      extension: s.extension ? { ...s.extension, source: s.extension.source || 'organisation' } : undefined,
      paths: s.paths?.map((p) => ({ ...p, source: p.source || 'organisation' })),
    })),
  };
}
