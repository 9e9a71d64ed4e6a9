/**
 * A contact of the threshold phase (issue #18): a hotline call, an outreach contact, a drop-in visit
 * or a message, before any case exists. Anonymous by default. What is recorded is coarse on purpose:
 * the place is a municipality or an outreach route, never a position; the nickname is one she chose,
 * so that her repeat contacts can be linked without knowing who she is.
 *
 * One schema for the API edge, the offline outbox on the device and the sync replay.
 */
import { z } from 'zod';
import { code } from '../shared/zod';

export const CONTACT_KINDS = ['hotline_call', 'outreach', 'drop_in', 'message'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

/** Coarse places only: a municipality, or an outreach route the organisation names. */
export const PLACE_LEVELS = ['municipality', 'outreach_route'] as const;

export const ContactInputSchema = z.strictObject({
  /** When the contact happened (ISO 8601 with offset); offline contacts are replayed later with their own time. */
  occurredAt: z.string().datetime({ offset: true }),
  kind: z.enum(CONTACT_KINDS),
  place: z.strictObject({ level: z.enum(PLACE_LEVELS), name: z.string().trim().min(1).max(120) }),
  /** The language the contact was held in (e.g. `ro`, `en`, `tw`). */
  language: z.string().trim().min(2).max(20).optional(),
  interpreterUsed: z.boolean().default(false),
  /** The organisation's list `immediate_needs`. */
  needs: z.array(code).max(20).default([]),
  /** What was given: the organisation's list `contact_provisions` (information, condoms, referral, accompaniment…). */
  provided: z.array(code).max(20).default([]),
  /** A nickname she chose (sealed; a blind index links her repeat contacts). Never her name. */
  nickname: z.string().trim().min(1).max(60).optional(),
  /** An earlier contact of the same person, when the worker knows it is her without a nickname. */
  follows: z.string().uuid().optional(),
  /** Free text (sealed): what she chose to tell. */
  note: z.string().trim().max(5000).optional(),
});
export type ContactInput = z.input<typeof ContactInputSchema>;
export type Contact = z.output<typeof ContactInputSchema>;
