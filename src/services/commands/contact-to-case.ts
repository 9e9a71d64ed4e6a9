/**
 * From contact to case (issue #18): one command in ONE transaction. She agreed; the worker chose
 * what carries over. In order: the chain is read and refused if it became a case already (409);
 * the case is opened through the case-creation code path (person, case, intake, first risk
 * assessment, event, audit) with the channel from the contact's kind, the first contact's date,
 * and only what was chosen (needs, language); the consent she gave for case work is recorded, one
 * consent record per purpose; the notes she chose become one case note (sealed like every note);
 * every contact of the chain is linked to the case, and the chain stays readable from it.
 */
import crypto from 'node:crypto';
import { toIsoDate } from '../../domain/cases/dates';
import { ENTRY_SCHEMAS } from '../../domain/cases/entries';
import { channelFor, ContactToCaseSchema, type ContactToCaseInput } from '../../domain/contacts/to-case';
import { DomainError } from '../../domain/errors';
import { errors, issueLimits } from '../../errors';
import type { Actor } from '../../policies/policies';
import type { Tx } from '../../storage/database';
import { auditRepo } from '../../storage/repositories/audit';
import { caseEntriesRepo } from '../../storage/repositories/case-entries';
import { casesRepo } from '../../storage/repositories/cases';
import { contactsRepo } from '../../storage/repositories/contacts';
import { requireAccess } from '../authorize';
import { openCaseInTx } from '../cases';
import { inTenant, type AppContext } from '../context';
import { sealEntry } from '../entry-secrets';
import { loadLists } from '../reference-lists';

export interface ContactToCaseResult {
  caseId: string;
  reference: string;
  chainId: string;
  linkedContacts: number;
}

export async function contactToCase(
  ctx: AppContext,
  actor: Actor,
  contactId: string,
  raw: ContactToCaseInput,
): Promise<ContactToCaseResult> {
  const own = { organisationId: actor.organisationId };
  requireAccess(actor, 'contact.convert', own);
  requireAccess(actor, 'case.create', own);
  const parsed = ContactToCaseSchema.safeParse(raw);
  if (!parsed.success)
    throw errors.validation(
      parsed.error.issues.map((i) => ({
        path: i.path.map(String),
        code: i.code,
        message: i.message,
        ...issueLimits(i),
      })),
    );
  const body = parsed.data;
  const org = actor.organisationId;
  return inTenant(ctx, actor, async (tx) => {
    const contact = await contactsRepo.find(tx, org, contactId);
    if (!contact) throw errors.notFound();
    const chain = (await contactsRepo.chain(tx, org, contact.chainId)).filter((c) => !c.voidedAt);
    if (contact.caseId || chain.some((c) => c.caseId))
      throw errors.conflict('contact_already_case', 'These contacts became a case already');
    if (chain.length === 0) throw errors.conflict('contact_voided', 'This contact was voided');
    const lists = await loadLists(tx, org);
    body.consent.purposes.forEach((p, i) => lists.check('consent_purposes', p, `consent.purposes.${i}`));
    const inChain = new Map(chain.map((c) => [c.id, c]));
    body.carry.noteContactIds.forEach((id, i) => {
      if (!inChain.has(id))
        throw new DomainError('unknown_contact', 'That contact is not in this chain', {
          field: `carry.noteContactIds.${i}`,
        });
    });

    const first = chain[0]!;
    // The language of the latest contact that has one: the one she used most recently.
    const language = body.carry.language ? ([...chain].reverse().find((c) => c.language)?.language ?? null) : null;
    // Needs of a retired list item are not carried into a new intake.
    const needs = body.carry.needs
      ? [...new Set(chain.flatMap((c) => c.needs))].filter((n) => lists.has('immediate_needs', n))
      : [];
    const { caseId } = await openCaseInTx(
      ctx,
      tx,
      actor,
      {
        person: { ...body.person, ...(language ? { preferredLanguage: language.slice(0, 20) } : {}) },
        intake: {
          channel: channelFor(contact.kind, (c) => lists.has('channels', c)),
          contactDate: toIsoDate(first.occurredAt),
          ...(language ? { language } : {}),
          mediatorUsed: chain.some((c) => c.interpreterUsed),
          immediateNeeds: needs,
        },
        risk: body.risk,
        ownerId: body.ownerId,
      },
      { openedEvent: { fromContacts: chain.length } },
    );

    const today = toIsoDate(new Date());
    for (const purpose of body.consent.purposes)
      await addRecord(ctx, tx, actor, caseId, 'consent', {
        purpose,
        action: 'granted',
        language: body.consent.language,
        interpreterUsed: body.consent.interpreterUsed,
        recordedOn: today,
      });
    const notes: string[] = [];
    for (const id of body.carry.noteContactIds) {
      const c = inChain.get(id)!;
      if (c.noteEnc) notes.push(`${toIsoDate(c.occurredAt)} · ${await ctx.keyRing.decrypt(org, c.noteEnc)}`);
    }
    if (notes.length > 0)
      await addRecord(ctx, tx, actor, caseId, 'note', {
        date: today,
        kind: 'other',
        interpreterUsed: false,
        text: notes.join('\n\n').slice(0, 10_000),
      });

    const linkedContacts = await contactsRepo.linkChainToCase(tx, org, contact.chainId, caseId);
    await auditRepo.append(tx, {
      organisationId: org,
      actorUserId: actor.userId,
      action: 'contact.convert',
      entityType: 'contact',
      entityId: contact.chainId,
      fields: [
        'case_id',
        ...(body.carry.needs ? ['needs'] : []),
        ...(language ? ['language'] : []),
        ...(notes.length > 0 ? ['note'] : []),
      ],
    });
    const created = await casesRepo.find(tx, org, caseId);
    return { caseId, reference: created!.reference, chainId: contact.chainId, linkedContacts };
  });
}

/** A record of the new case, validated by its schema and sealed like every record, with its event and audit. */
async function addRecord(
  ctx: AppContext,
  tx: Tx,
  actor: Actor,
  caseId: string,
  kind: 'consent' | 'note',
  raw: Record<string, unknown>,
) {
  const data = ENTRY_SCHEMAS[kind].parse(raw) as Record<string, unknown>;
  const { clear, secretEnc } = await sealEntry(ctx, actor.organisationId, kind, data);
  await caseEntriesRepo.insert(tx, {
    organisationId: actor.organisationId,
    id: crypto.randomUUID(),
    version: 1,
    caseId,
    kind,
    data: clear,
    secretEnc,
    recordedBy: actor.userId,
  });
  await casesRepo.addEvent(tx, {
    id: crypto.randomUUID(),
    organisationId: actor.organisationId,
    caseId,
    actorUserId: actor.userId,
    kind: `entry.${kind}`,
    data: kind === 'consent' ? { purpose: data.purpose, action: data.action } : { date: data.date },
  });
  await auditRepo.append(tx, {
    organisationId: actor.organisationId,
    actorUserId: actor.userId,
    action: `case.entry.${kind}.create`,
    entityType: 'case',
    entityId: caseId,
    fields: Object.keys(data),
  });
}
