/**
 * From contact to case (issue #18): she agreed, and the worker chooses what of her contacts carries
 * over into the new case. Nothing carries over unless chosen: the needs she expressed (into the
 * intake's immediate needs), the language of the contacts (her preferred language and the intake's),
 * and the notes of the contacts she chose (one case note). The channel follows from the kind of
 * the contact; the consent she gave for case work is recorded with the case.
 */
import { z } from 'zod';
import { CreateCaseBody } from '../cases/inputs';
import { code } from '../shared/zod';
import type { ContactKind } from './inputs';

export const ContactToCaseSchema = z.strictObject({
  /** Who she is, as far as she tells now (sealed like every identity). */
  person: CreateCaseBody.shape.person.unwrap(),
  risk: CreateCaseBody.shape.risk,
  ownerId: z.string().uuid().optional(),
  carry: z
    .strictObject({
      needs: z.boolean().default(false),
      language: z.boolean().default(false),
      /** Contacts of the chain whose notes she chose to carry over (into one case note). */
      noteContactIds: z.array(z.string().uuid()).max(200).default([]),
    })
    .default({ needs: false, language: false, noteContactIds: [] }),
  /** The consent she gave for case work (the organisation's list consent_purposes, e.g. assistance, data_storage). */
  consent: z.strictObject({
    purposes: z.array(code).min(1).max(10),
    language: z.string().trim().min(1).max(500),
    interpreterUsed: z.boolean(),
  }),
});
export type ContactToCaseInput = z.input<typeof ContactToCaseSchema>;

/** The intake channel a contact's kind means (the organisation's list `channels`). */
export const CHANNEL_OF_KIND: Record<ContactKind, string> = {
  hotline_call: 'hotline',
  outreach: 'outreach_unit',
  drop_in: 'drop_in_centre',
  message: 'self_referral',
};

/** The channel for a kind, or `other` when the organisation retired the mapped one. */
export function channelFor(kind: string, has: (code: string) => boolean): string {
  const mapped = CHANNEL_OF_KIND[kind as ContactKind];
  return mapped && has(mapped) ? mapped : 'other';
}
