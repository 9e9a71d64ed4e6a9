/**
 * Exactly which fields of a case's timeline leave the server. Each event kind carries its own codes
 * (src/services: case.opened, case.<transition>, case.owner_changed, entry.<kind>, referral|transfer.sent,
 * referral.consent_withdrawn, transfer.received, transfer.completed, consent.record_afresh); the data is one
 * closed object naming every code any kind may have. The only text is a hand-over's reason, which is stored
 * sealed and read back by her own organisation.
 */
import { z } from 'zod';
import { closedMap } from './closed';

/** The codes an entry's event keeps (src/services/case-entries.ts, timelineCodes). */
const ENTRY_CODES = [
  'type',
  'purpose',
  'action',
  'service',
  'level',
  'outcome',
  'status',
  'date',
  'startOn',
  'endOn',
  'deliveredOn',
  'reviewedOn',
  'endDate',
] as const;
/** What may not cross on a transfer (src/domain/referrals/snapshot.ts, receiverRecords). */
const OMITTED_FIELDS = [
  'chosenTerm',
  'needs',
  'riskLevel',
  'identification.acts',
  'identification.means',
  'identification.purposes',
  'identification.formsOfExploitation',
  'identification.methodsOfControl',
] as const;

const EntryCode = z.union([z.string(), z.number()]);

export const TimelineEventDataSchema = z
  .strictObject({
    // case.opened
    channel: z.string().optional(),
    ownerId: z.string().optional(),
    knownPerson: z.boolean().optional(),
    // case.<transition>, case.owner_changed (user ids), transfer.received (organisation), referral.sent (organisation)
    from: z.string().optional(),
    to: z.string().optional(),
    reason: z.string().optional(),
    // referral/transfer events
    referralId: z.string().optional(),
    sections: z.array(z.string()).optional(),
    riskLevelSource: z.string().optional(),
    omitted: closedMap(OMITTED_FIELDS, z.array(z.string())).optional(),
    // entry.<kind>
    ...(Object.fromEntries(ENTRY_CODES.map((k) => [k, EntryCode.optional()])) as {
      [K in (typeof ENTRY_CODES)[number]]: z.ZodOptional<typeof EntryCode>;
    }),
  })
  .meta({ id: 'TimelineEventData' });
type TimelineEventData = z.infer<typeof TimelineEventDataSchema>;

export const TimelineEventSchema = z
  .strictObject({
    at: z.string(),
    kind: z.string(),
    data: TimelineEventDataSchema,
    actor: z.strictObject({ id: z.string().uuid(), displayName: z.string() }).nullable(),
    /** The kind in the request's language (historyUi). */
    label: z.string().optional(),
    /** Names of the people (a hand-over) and partner organisations (a referral or transfer) the data's ids refer to. */
    names: z
      .strictObject({ from: z.string().optional(), to: z.string().optional(), owner: z.string().optional() })
      .optional(),
  })
  .meta({ id: 'TimelineEvent' });
type TimelineEventView = z.infer<typeof TimelineEventSchema>;

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

function presentData(d: Record<string, unknown>): TimelineEventData {
  const out: TimelineEventData = {};
  for (const k of ['channel', 'ownerId', 'from', 'to', 'reason', 'referralId', 'riskLevelSource'] as const) {
    const v = str(d[k]);
    if (v !== undefined) out[k] = v;
  }
  if (typeof d.knownPerson === 'boolean') out.knownPerson = d.knownPerson;
  if (Array.isArray(d.sections)) out.sections = d.sections.filter((s): s is string => typeof s === 'string');
  if (d.omitted && typeof d.omitted === 'object') {
    const omitted: NonNullable<TimelineEventData['omitted']> = {};
    for (const f of OMITTED_FIELDS) {
      const v = (d.omitted as Record<string, unknown>)[f];
      if (Array.isArray(v)) omitted[f] = v.filter((s): s is string => typeof s === 'string');
    }
    out.omitted = omitted;
  }
  for (const k of ENTRY_CODES) {
    const v = d[k];
    if (typeof v === 'string' || typeof v === 'number') out[k] = v;
  }
  return out;
}

export function presentTimelineEvent(e: {
  at: Date | string;
  kind: string;
  data: Record<string, unknown>;
  actorId: string | null;
  actorName: string | null;
  label?: string;
  names?: { from?: string; to?: string; owner?: string };
}): TimelineEventView {
  const names = e.names && {
    ...(e.names.from !== undefined ? { from: e.names.from } : {}),
    ...(e.names.to !== undefined ? { to: e.names.to } : {}),
    ...(e.names.owner !== undefined ? { owner: e.names.owner } : {}),
  };
  return {
    at: new Date(e.at).toISOString(),
    kind: e.kind,
    data: presentData(e.data ?? {}),
    actor: e.actorId ? { id: e.actorId, displayName: e.actorName ?? '' } : null,
    ...(e.label !== undefined ? { label: e.label } : {}),
    ...(names ? { names } : {}),
  };
}
