/**
 * The contact log before cases (issue #18): hotline calls, outreach contacts, drop-in visits and
 * messages, recorded by the organisation's staff, anonymous by default.
 *
 * - A nickname she chose is sealed; its blind index (the organisation's index key, case- and
 *   accent-insensitive) links her repeat contacts: the same nickname joins the same chain, and
 *   when a contact names an earlier one (`follows`) and a nickname of another chain, the two chains
 *   meet and merge into the older one (the chain whose first contact came first).
 * - Codes are checked against the organisation's lists: needs against `immediate_needs`, what was
 *   given against `contact_provisions`.
 * - A replay with the same idempotency key (the offline outbox, a double-tapped button) returns the
 *   contact the first one recorded: its id is derived from the organisation, the user and the key.
 * - Every read and write is audited (field names only, never values).
 */
import crypto from 'node:crypto';
import { ContactInputSchema, type ContactInput } from '../domain/contacts/inputs';
import { DomainError } from '../domain/errors';
import { errors, parseOrRefuse } from '../errors';
import type { Actor } from '../policies/policies';
import { blindIndex } from '../security/blind-index';
import type { Tx } from '../storage/database';
import { auditRepo } from '../storage/repositories/audit';
import { casesRepo } from '../storage/repositories/cases';
import { contactsRepo, type ContactFilters, type ContactRow } from '../storage/repositories/contacts';
import { requireAccess } from './authorize';
import { inTenant, READS_ONLY, type AppContext } from './context';
import { loadLists, type ListIndex } from './reference-lists';
import type { z } from 'zod';

/** A contact as her organisation's staff read it. `note` is opened only for one contact or its chain, never in the log. */
export interface ContactView {
  id: string;
  occurredAt: Date;
  kind: string;
  place: { level: string; name: string };
  language: string | null;
  interpreterUsed: boolean;
  needs: string[];
  provided: string[];
  nickname: string | null;
  hasNote: boolean;
  note: string | null;
  chainId: string;
  caseId: string | null;
  recordedBy: string | null;
  createdAt: Date;
  version: number;
  voided: { at: Date; reason: string | null } | null;
}

export interface ContactQuery {
  from?: string;
  to?: string;
  kind?: string;
  place?: string;
  chainId?: string;
  includeVoided?: boolean;
  limit?: number;
  offset?: number;
}

const NICKNAME_FIELD = 'contact.nickname';
const own = (actor: Actor) => ({ organisationId: actor.organisationId });

const parse = parseOrRefuse;

/** Each code against its list, the element named in the error (`needs.1`), so the form marks it. */
export function checkContactCodes(lists: ListIndex, contact: { needs: string[]; provided: string[] }, prefix = '') {
  contact.needs.forEach((c, i) => lists.check('immediate_needs', c, `${prefix}needs.${i}`));
  contact.provided.forEach((c, i) => lists.check('contact_provisions', c, `${prefix}provided.${i}`));
}

/** The id a replay with this key gets: the same organisation, user and key always give the same contact. */
export function contactIdFor(organisationId: string, userId: string, key: string): string {
  const h = crypto.createHash('sha256').update(`contact\u0000${organisationId}\u0000${userId}\u0000${key}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

async function nicknameIndexOf(ctx: AppContext, organisationId: string, nickname: string): Promise<string> {
  return blindIndex(await ctx.keyRing.indexKey(organisationId), NICKNAME_FIELD, nickname);
}

function audit(tx: Tx, actor: Actor, action: string, entityId: string | null, fields: string[] = []) {
  return auditRepo.append(tx, {
    organisationId: actor.organisationId,
    actorUserId: actor.userId,
    action,
    entityType: 'contact',
    entityId,
    fields,
  });
}

/**
 * The chain a contact joins: the oldest of the chains it names (the one of `follows`, the ones of
 * its nickname, its own when corrected); the others merge into it. A chain that became a case
 * keeps its case, and a chain merged into it is linked to that case too. Two chains that became
 * two different cases are never merged (that would join two case files): the contact joins the older.
 */
async function resolveChain(
  tx: Tx,
  actor: Actor,
  candidates: string[],
): Promise<{ chainId: string; caseId: string | null; merged: number }> {
  const org = actor.organisationId;
  const summaries: { chainId: string; first: Date; caseId: string | null }[] = [];
  for (const chainId of new Set(candidates)) {
    const s = await contactsRepo.chainSummary(tx, org, chainId);
    if (s) summaries.push({ chainId, ...s });
  }
  if (summaries.length === 0) return { chainId: crypto.randomUUID(), caseId: null, merged: 0 };
  summaries.sort((a, b) => a.first.getTime() - b.first.getTime() || a.chainId.localeCompare(b.chainId));
  const target = summaries.find((s) => s.caseId) ?? summaries[0]!;
  const mergeable = summaries.filter((s) => s.chainId !== target.chainId && (!s.caseId || s.caseId === target.caseId));
  // The older chain wins, unless a newer one became a case: the case's chain stays the case's.
  const into = target;
  const from = mergeable.map((s) => s.chainId);
  let merged = 0;
  if (from.length > 0) {
    merged = await contactsRepo.mergeChains(tx, org, from, into.chainId);
    if (into.caseId) await contactsRepo.linkChainToCase(tx, org, into.chainId, into.caseId);
    await audit(tx, actor, 'contact.chain_merge', into.chainId, ['chain_id']);
  }
  return { chainId: into.chainId, caseId: into.caseId, merged };
}

/**
 * Records a contact. With an idempotency key, a replay (same organisation, user and key) creates
 * nothing and returns the contact the first call recorded.
 */
export async function recordContact(
  ctx: AppContext,
  actor: Actor,
  input: ContactInput,
  options: { idempotencyKey?: string } = {},
): Promise<{ id: string; version: number; chainId: string }> {
  requireAccess(actor, 'contact.record', own(actor));
  const contact = parse(ContactInputSchema, input);
  const org = actor.organisationId;
  const id = options.idempotencyKey ? contactIdFor(org, actor.userId, options.idempotencyKey) : crypto.randomUUID();
  return inTenant(ctx, actor, async (tx) => {
    if (options.idempotencyKey) {
      const existing = await contactsRepo.find(tx, org, id);
      if (existing) return { id, version: existing.version, chainId: existing.chainId };
    }
    checkContactCodes(await loadLists(tx, org), contact);
    const candidates: string[] = [];
    if (contact.follows) {
      const earlier = await contactsRepo.find(tx, org, contact.follows);
      if (!earlier)
        throw new DomainError('unknown_contact', 'The earlier contact is not in this log', { field: 'follows' });
      candidates.push(earlier.chainId);
    }
    const nicknameIndex = contact.nickname ? await nicknameIndexOf(ctx, org, contact.nickname) : null;
    if (nicknameIndex)
      candidates.push(...(await contactsRepo.chainsOfNickname(tx, org, nicknameIndex)).map((c) => c.chainId));
    const chain = await resolveChain(tx, actor, candidates);
    const inserted = await contactsRepo.insert(tx, {
      id,
      organisationId: org,
      occurredAt: new Date(contact.occurredAt),
      kind: contact.kind,
      placeLevel: contact.place.level,
      place: contact.place.name,
      language: contact.language ?? null,
      interpreterUsed: contact.interpreterUsed,
      needs: [...new Set(contact.needs)],
      provided: [...new Set(contact.provided)],
      nicknameEnc: contact.nickname ? await ctx.keyRing.encrypt(org, contact.nickname) : null,
      nicknameIndex,
      noteEnc: contact.note ? await ctx.keyRing.encrypt(org, contact.note) : null,
      chainId: chain.chainId,
      caseId: chain.caseId,
      recordedBy: actor.userId,
    });
    if (!inserted) {
      // A concurrent replay of the same key won the insert.
      const existing = await contactsRepo.find(tx, org, id);
      if (!existing) throw errors.conflict('contact_replay', 'Try again');
      return { id, version: existing.version, chainId: existing.chainId };
    }
    await audit(tx, actor, 'contact.record', id, recordedFields(contact));
    return { id, version: 1, chainId: chain.chainId };
  });
}

const recordedFields = (c: z.output<typeof ContactInputSchema>) =>
  [
    'occurredAt',
    'kind',
    'place',
    ...(c.language ? ['language'] : []),
    'interpreterUsed',
    'needs',
    'provided',
    ...(c.nickname ? ['nickname'] : []),
    ...(c.follows ? ['follows'] : []),
    ...(c.note ? ['note'] : []),
  ] as string[];

async function view(ctx: AppContext, org: string, r: ContactRow, withNote: boolean): Promise<ContactView> {
  return {
    id: r.id,
    occurredAt: r.occurredAt,
    kind: r.kind,
    place: { level: r.placeLevel, name: r.place },
    language: r.language,
    interpreterUsed: r.interpreterUsed,
    needs: r.needs,
    provided: r.provided,
    nickname: r.nicknameEnc ? await ctx.keyRing.decrypt(org, r.nicknameEnc) : null,
    hasNote: r.noteEnc !== null,
    note: withNote && r.noteEnc ? await ctx.keyRing.decrypt(org, r.noteEnc) : null,
    chainId: r.chainId,
    caseId: r.caseId,
    recordedBy: r.recordedBy,
    createdAt: r.createdAt,
    version: r.version,
    voided: r.voidedAt
      ? {
          at: r.voidedAt,
          reason: withNote && r.voidReasonEnc ? await ctx.keyRing.decrypt(org, r.voidReasonEnc) : null,
        }
      : null,
  };
}

const dayStart = (d: string) => new Date(`${d}T00:00:00Z`);
const dayAfter = (d: string) => new Date(dayStart(d).getTime() + 86_400_000);

/** One page of the log, newest first (voided contacts only when asked). */
export async function listContacts(
  ctx: AppContext,
  actor: Actor,
  q: ContactQuery = {},
): Promise<{ items: ContactView[]; total: number; limit: number; offset: number }> {
  requireAccess(actor, 'contact.read', own(actor));
  const org = actor.organisationId;
  const limit = Math.min(Math.max(q.limit ?? 50, 1), 200);
  const offset = Math.max(q.offset ?? 0, 0);
  const filters: ContactFilters = {
    from: q.from ? dayStart(q.from) : undefined,
    to: q.to ? dayAfter(q.to) : undefined,
    kind: q.kind,
    place: q.place,
    chainId: q.chainId,
    includeVoided: q.includeVoided,
  };
  return inTenant(
    ctx,
    actor,
    async (tx) => {
      const { rows, total } = await contactsRepo.list(tx, org, filters, { limit, offset });
      await audit(tx, actor, 'contact.list', null, ['occurredAt', 'kind', 'place', 'needs', 'provided', 'nickname']);
      return { items: await Promise.all(rows.map((r) => view(ctx, org, r, false))), total, limit, offset };
    },
    READS_ONLY,
  );
}

async function requireContact(tx: Tx, actor: Actor, id: string): Promise<ContactRow> {
  const row = await contactsRepo.find(tx, actor.organisationId, id);
  if (!row) throw errors.notFound();
  return row;
}

/** One contact with its note. */
export async function contactOf(ctx: AppContext, actor: Actor, id: string): Promise<ContactView> {
  requireAccess(actor, 'contact.read', own(actor));
  return inTenant(
    ctx,
    actor,
    async (tx) => {
      const row = await requireContact(tx, actor, id);
      await audit(tx, actor, 'contact.read', id, ['nickname', 'note']);
      return view(ctx, actor.organisationId, row, true);
    },
    READS_ONLY,
  );
}

/** Every contact of the chain a contact belongs to, oldest first, with the case it became. */
export async function chainOf(
  ctx: AppContext,
  actor: Actor,
  id: string,
): Promise<{ chainId: string; caseId: string | null; caseReference: string | null; contacts: ContactView[] }> {
  requireAccess(actor, 'contact.read', own(actor));
  const org = actor.organisationId;
  return inTenant(
    ctx,
    actor,
    async (tx) => {
      const row = await requireContact(tx, actor, id);
      const rows = await contactsRepo.chain(tx, org, row.chainId);
      const caseId = rows.find((r) => r.caseId)?.caseId ?? null;
      const linked = caseId ? await casesRepo.find(tx, org, caseId) : undefined;
      await audit(tx, actor, 'contact.chain_read', row.chainId, ['nickname', 'note']);
      return {
        chainId: row.chainId,
        caseId,
        caseReference: linked?.reference ?? null,
        contacts: await Promise.all(rows.map((r) => view(ctx, org, r, true))),
      };
    },
    READS_ONLY,
  );
}

/** The contact history of a case (the chain it came from): dates, kinds, places, needs and what was given. */
export async function contactsOfCase(ctx: AppContext, actor: Actor, caseId: string): Promise<ContactView[]> {
  requireAccess(actor, 'contact.read', own(actor));
  const org = actor.organisationId;
  return inTenant(
    ctx,
    actor,
    async (tx) => {
      const found = await casesRepo.find(tx, org, caseId);
      if (!found) throw errors.notFound();
      const rows = await contactsRepo.ofCase(tx, org, caseId);
      await audit(tx, actor, 'contact.case_history', caseId, ['occurredAt', 'kind', 'place', 'needs', 'provided']);
      // The history shows what happened, not her words: notes stay on the contacts.
      return Promise.all(rows.filter((r) => !r.voidedAt).map((r) => view(ctx, org, r, false)));
    },
    READS_ONLY,
  );
}

/** A correction: the whole contact as it should read, from the version she read. */
export async function correctContact(
  ctx: AppContext,
  actor: Actor,
  id: string,
  raw: { contact: ContactInput; version: number },
): Promise<ContactView> {
  requireAccess(actor, 'contact.record', own(actor));
  const contact = parse(ContactInputSchema, raw.contact, ['contact']);
  const org = actor.organisationId;
  return inTenant(ctx, actor, async (tx) => {
    const row = await requireContact(tx, actor, id);
    if (row.voidedAt) throw errors.conflict('contact_voided', 'This contact was voided; it cannot be corrected');
    if (row.version !== raw.version) throw errors.versionConflict();
    checkContactCodes(await loadLists(tx, org), contact, 'contact.');
    const nicknameIndex = contact.nickname ? await nicknameIndexOf(ctx, org, contact.nickname) : null;
    if (
      !(await contactsRepo.update(tx, org, id, raw.version, {
        occurredAt: new Date(contact.occurredAt),
        kind: contact.kind,
        placeLevel: contact.place.level,
        place: contact.place.name,
        language: contact.language ?? null,
        interpreterUsed: contact.interpreterUsed,
        needs: [...new Set(contact.needs)],
        provided: [...new Set(contact.provided)],
        nicknameEnc: contact.nickname ? await ctx.keyRing.encrypt(org, contact.nickname) : null,
        nicknameIndex,
        noteEnc: contact.note ? await ctx.keyRing.encrypt(org, contact.note) : null,
      }))
    )
      throw errors.versionConflict();
    // A nickname given or changed now may meet her other chain.
    if (nicknameIndex && nicknameIndex !== row.nicknameIndex) {
      const others = (await contactsRepo.chainsOfNickname(tx, org, nicknameIndex)).map((c) => c.chainId);
      await resolveChain(tx, actor, [row.chainId, ...others]);
    }
    await audit(tx, actor, 'contact.correct', id, recordedFields(contact));
    return view(ctx, org, (await contactsRepo.find(tx, org, id))!, true);
  });
}

/** Voids a contact recorded by mistake, with the reason (sealed); it stays in its chain's history, marked. */
export async function voidContact(
  ctx: AppContext,
  actor: Actor,
  id: string,
  raw: { reason: string; version: number },
): Promise<ContactView> {
  requireAccess(actor, 'contact.record', own(actor));
  const reason = raw.reason.trim();
  if (!reason)
    throw errors.validation([{ path: ['reason'], code: 'too_small', message: 'Say why the contact is voided' }]);
  const org = actor.organisationId;
  return inTenant(ctx, actor, async (tx) => {
    const row = await requireContact(tx, actor, id);
    if (row.voidedAt) throw errors.conflict('contact_voided', 'This contact was voided already');
    if (!(await contactsRepo.void(tx, org, id, raw.version, await ctx.keyRing.encrypt(org, reason))))
      throw errors.versionConflict();
    await audit(tx, actor, 'contact.void', id, ['voided_at', 'void_reason']);
    return view(ctx, org, (await contactsRepo.find(tx, org, id))!, true);
  });
}
