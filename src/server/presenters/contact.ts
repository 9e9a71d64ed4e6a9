/**
 * Exactly which fields of a contact leave the server. The nickname and the note are her
 * organisation's staff's only (the service opens them for members with contact.read); the log
 * carries the nickname and whether there is a note, one contact and its chain the note itself.
 * Nothing here is ever exported or counted: statistics read codes only.
 */
import { z } from 'zod';
import { CONTACT_KINDS, PLACE_LEVELS } from '../../domain/contacts/inputs';
import type { ContactView } from '../../services/contacts';
import type { ContactToCaseResult } from '../../services/commands/contact-to-case';

export const ContactViewSchema = z
  .strictObject({
    id: z.string().uuid(),
    occurredAt: z.string().datetime({ offset: true }),
    kind: z.enum(CONTACT_KINDS),
    place: z.strictObject({ level: z.enum(PLACE_LEVELS), name: z.string() }),
    language: z.string().nullable(),
    interpreterUsed: z.boolean(),
    needs: z.array(z.string()),
    provided: z.array(z.string()),
    nickname: z.string().nullable(),
    hasNote: z.boolean(),
    note: z.string().nullable(),
    chainId: z.string().uuid(),
    caseId: z.string().uuid().nullable(),
    recordedBy: z.string().uuid().nullable(),
    createdAt: z.string().datetime({ offset: true }),
    version: z.number().int(),
    voided: z.strictObject({ at: z.string().datetime({ offset: true }), reason: z.string().nullable() }).nullable(),
  })
  .meta({ id: 'Contact' });
export type ContactViewDto = z.infer<typeof ContactViewSchema>;

/** A contact of a case's history: when, how, where, what she needed and what was given; no nickname, no note. */
export const ContactHistoryItemSchema = z
  .strictObject({
    id: z.string().uuid(),
    occurredAt: z.string().datetime({ offset: true }),
    kind: z.enum(CONTACT_KINDS),
    place: z.strictObject({ level: z.enum(PLACE_LEVELS), name: z.string() }),
    language: z.string().nullable(),
    interpreterUsed: z.boolean(),
    needs: z.array(z.string()),
    provided: z.array(z.string()),
  })
  .meta({ id: 'ContactHistoryItem' });
export type ContactHistoryItem = z.infer<typeof ContactHistoryItemSchema>;

export const ContactRecordedSchema = z
  .strictObject({ id: z.string().uuid(), version: z.number().int(), chainId: z.string().uuid() })
  .meta({ id: 'ContactRecorded' });

export const ContactChainSchema = z
  .strictObject({
    chainId: z.string().uuid(),
    caseId: z.string().uuid().nullable(),
    caseReference: z.string().nullable(),
    contacts: z.array(ContactViewSchema),
  })
  .meta({ id: 'ContactChain' });
export type ContactChainDto = z.infer<typeof ContactChainSchema>;

export const ContactCaseSchema = z
  .strictObject({
    caseId: z.string().uuid(),
    reference: z.string(),
    chainId: z.string().uuid(),
    linkedContacts: z.number().int(),
  })
  .meta({ id: 'ContactCase' });
export type ContactCaseDto = z.infer<typeof ContactCaseSchema>;

const kind = (k: string) => k as (typeof CONTACT_KINDS)[number];
const place = (p: ContactView['place']) => ({ level: p.level as (typeof PLACE_LEVELS)[number], name: p.name });

export function presentContact(c: ContactView): ContactViewDto {
  return {
    id: c.id,
    occurredAt: c.occurredAt.toISOString(),
    kind: kind(c.kind),
    place: place(c.place),
    language: c.language,
    interpreterUsed: c.interpreterUsed,
    needs: [...c.needs],
    provided: [...c.provided],
    nickname: c.nickname,
    hasNote: c.hasNote,
    note: c.note,
    chainId: c.chainId,
    caseId: c.caseId,
    recordedBy: c.recordedBy,
    createdAt: c.createdAt.toISOString(),
    version: c.version,
    voided: c.voided ? { at: c.voided.at.toISOString(), reason: c.voided.reason } : null,
  };
}

export function presentContactHistoryItem(c: ContactView): ContactHistoryItem {
  return {
    id: c.id,
    occurredAt: c.occurredAt.toISOString(),
    kind: kind(c.kind),
    place: place(c.place),
    language: c.language,
    interpreterUsed: c.interpreterUsed,
    needs: [...c.needs],
    provided: [...c.provided],
  };
}

export const presentContactRecorded = (r: { id: string; version: number; chainId: string }) => ({
  id: r.id,
  version: r.version,
  chainId: r.chainId,
});

export function presentContactChain(c: {
  chainId: string;
  caseId: string | null;
  caseReference: string | null;
  contacts: ContactView[];
}): ContactChainDto {
  return {
    chainId: c.chainId,
    caseId: c.caseId,
    caseReference: c.caseReference,
    contacts: c.contacts.map(presentContact),
  };
}

export const presentContactCase = (r: ContactToCaseResult): ContactCaseDto => ({
  caseId: r.caseId,
  reference: r.reference,
  chainId: r.chainId,
  linkedContacts: r.linkedContacts,
});
