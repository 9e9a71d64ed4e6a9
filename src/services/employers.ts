/**
 * The employer directory (issue #19): employers that take part in labour-market insertion, their
 * company tutors and the agreements signed, per organisation and shareable in its networks. Read by
 * staff of the owner and, when shared, of its network partners (`employer.read` with the owner as a
 * party); written by the owner only (`employer.manage`). Company data only: nothing here reads or
 * returns a person placed. The owner's notes are sealed under its key and returned to the owner only.
 */
import crypto from 'node:crypto';
import type { z } from 'zod';
import {
  AgreementBody,
  EmployerBody,
  EmployerShareBody,
  EmployerUpdateBody,
  InternshipRuleBody,
  TutorBody,
  type AgreementInput,
  type EmployerInput,
  type EmployerUpdateInput,
  type InternshipRuleInput,
  type TutorInput,
} from '../domain/labour/employers';
import { DEFAULT_INTERNSHIP_BOUNDS, type InternshipBounds } from '../domain/labour/rules';
import { DomainError } from '../domain/errors';
import { errors, parseOrRefuse } from '../errors';
import type { Actor } from '../policies/policies';
import type { Tx } from '../storage/database';
import { auditRepo } from '../storage/repositories/audit';
import { employersRepo, type AgreementRow, type EmployerRow, type TutorRow } from '../storage/repositories/employers';
import { requireAccess } from './authorize';
import { inTenant, READS_ONLY, type AppContext } from './context';
import { loadLists } from './reference-lists';

export interface EmployerView extends EmployerRow {
  /** Whether the reader's organisation owns it (and so may edit it and read its notes). */
  own: boolean;
  notes?: string;
  tutors: TutorRow[];
  agreements: AgreementRow[];
}

const own = (actor: Actor) => ({ organisationId: actor.organisationId });
/** The employer as a resource: its owner, and the reader as a party when the owner shares it with her network. */
const resourceOf = (actor: Actor, row: EmployerRow) => ({
  organisationId: row.organisationId,
  parties: row.sharedWithNetworks ? [actor.organisationId] : [],
});

const parse = parseOrRefuse;

async function audit(tx: Tx, actor: Actor, action: string, id: string, fields?: string[]) {
  await auditRepo.append(tx, {
    organisationId: actor.organisationId,
    actorUserId: actor.userId,
    action,
    entityType: 'employer',
    entityId: id,
    ...(fields ? { fields } : {}),
  });
}

async function withParts(ctx: AppContext, actor: Actor, tx: Tx, rows: EmployerRow[]): Promise<EmployerView[]> {
  const ids = rows.map((r) => r.id);
  const [tutors, agreements] = await Promise.all([
    employersRepo.tutorsOf(tx, ids),
    employersRepo.agreementsOf(tx, ids),
  ]);
  return Promise.all(
    rows.map(async (r) => {
      const mine = r.organisationId === actor.organisationId;
      const sealed = mine ? await employersRepo.notesOf(tx, actor.organisationId, r.id) : null;
      return {
        ...r,
        own: mine,
        ...(sealed ? { notes: await ctx.keyRing.decrypt(actor.organisationId, sealed) } : {}),
        tutors: tutors.filter((t) => t.employerId === r.id),
        agreements: agreements.filter((a) => a.employerId === r.id),
      };
    }),
  );
}

/** An employer the organisation may read (own, or shared by a network partner), else not found. */
export async function readableEmployer(tx: Tx, actor: Actor, id: string): Promise<EmployerRow> {
  const row = await employersRepo.find(tx, id);
  if (!row) throw errors.notFound();
  requireAccess(actor, 'employer.read', resourceOf(actor, row));
  return row;
}

export async function listEmployers(
  ctx: AppContext,
  actor: Actor,
  opts: { includeRetired?: boolean } = {},
): Promise<EmployerView[]> {
  requireAccess(actor, 'employer.read', own(actor));
  return inTenant(
    ctx,
    actor,
    async (tx) => {
      const rows = (await employersRepo.list(tx, opts)).filter(
        (r) => r.organisationId === actor.organisationId || r.sharedWithNetworks,
      );
      return withParts(ctx, actor, tx, rows);
    },
    READS_ONLY,
  );
}

export async function getEmployer(ctx: AppContext, actor: Actor, id: string): Promise<EmployerView> {
  requireAccess(actor, 'employer.read', own(actor));
  return inTenant(
    ctx,
    actor,
    async (tx) => (await withParts(ctx, actor, tx, [await readableEmployer(tx, actor, id)]))[0]!,
    READS_ONLY,
  );
}

async function values(ctx: AppContext, tx: Tx, actor: Actor, body: z.infer<typeof EmployerBody>) {
  (await loadLists(tx, actor.organisationId)).check('economic_sectors', body.sector, 'sector');
  return {
    name: body.name,
    sector: body.sector,
    territory_level: body.territoryLevel,
    territory: body.territory,
    contact_person: body.contactPerson || null,
    contact_phone: body.contactPhone || null,
    contact_email: body.contactEmail || null,
    notes_enc: body.notes ? await ctx.keyRing.encrypt(actor.organisationId, body.notes) : null,
  };
}

export async function addEmployer(ctx: AppContext, actor: Actor, raw: EmployerInput): Promise<EmployerView> {
  requireAccess(actor, 'employer.manage', own(actor));
  const body = parse(EmployerBody, raw);
  const id = crypto.randomUUID();
  await inTenant(ctx, actor, async (tx) => {
    await employersRepo.insert(tx, actor.organisationId, id, await values(ctx, tx, actor, body));
    await audit(tx, actor, 'employer.create', id, Object.keys(body));
  });
  return getEmployer(ctx, actor, id);
}

/** The owner's employer for a change; a partner's (even shared) is read-only. */
async function ownEmployer(tx: Tx, actor: Actor, id: string): Promise<EmployerRow> {
  const row = await readableEmployer(tx, actor, id);
  requireAccess(actor, 'employer.manage', { organisationId: row.organisationId, parties: [actor.organisationId] });
  return row;
}

export async function updateEmployer(
  ctx: AppContext,
  actor: Actor,
  id: string,
  raw: EmployerUpdateInput,
): Promise<EmployerView> {
  requireAccess(actor, 'employer.manage', own(actor));
  const { version, ...body } = parse(EmployerUpdateBody, raw);
  await inTenant(ctx, actor, async (tx) => {
    await ownEmployer(tx, actor, id);
    if (!(await employersRepo.update(tx, actor.organisationId, id, version, await values(ctx, tx, actor, body))))
      throw errors.versionConflict();
    await audit(tx, actor, 'employer.update', id, Object.keys(body));
  });
  return getEmployer(ctx, actor, id);
}

/** Shares the employer with the organisation's networks, or stops sharing it (an explicit, audited decision). */
export async function shareEmployer(
  ctx: AppContext,
  actor: Actor,
  id: string,
  raw: z.input<typeof EmployerShareBody>,
): Promise<EmployerView> {
  requireAccess(actor, 'employer.manage', own(actor));
  const body = parse(EmployerShareBody, raw);
  await inTenant(ctx, actor, async (tx) => {
    await ownEmployer(tx, actor, id);
    if (
      !(await employersRepo.update(tx, actor.organisationId, id, body.version, {
        shared_with_networks: body.shared,
      }))
    )
      throw errors.versionConflict();
    await audit(tx, actor, body.shared ? 'employer.share' : 'employer.unshare', id);
  });
  return getEmployer(ctx, actor, id);
}

export async function retireEmployer(ctx: AppContext, actor: Actor, id: string, version: number) {
  requireAccess(actor, 'employer.manage', own(actor));
  await inTenant(ctx, actor, async (tx) => {
    await ownEmployer(tx, actor, id);
    if (!(await employersRepo.update(tx, actor.organisationId, id, version, { retired_at: new Date() })))
      throw errors.versionConflict();
    await audit(tx, actor, 'employer.retire', id);
  });
  return getEmployer(ctx, actor, id);
}

export async function addTutor(ctx: AppContext, actor: Actor, employerId: string, raw: TutorInput) {
  requireAccess(actor, 'employer.manage', own(actor));
  const body = parse(TutorBody, raw);
  const id = crypto.randomUUID();
  await inTenant(ctx, actor, async (tx) => {
    await ownEmployer(tx, actor, employerId);
    await employersRepo.insertTutor(tx, actor.organisationId, {
      id,
      employerId,
      name: body.name,
      role: body.role || null,
      contact: body.contact || null,
    });
    await audit(tx, actor, 'employer.tutor_add', employerId, Object.keys(body));
  });
  return getEmployer(ctx, actor, employerId);
}

export async function addAgreement(ctx: AppContext, actor: Actor, employerId: string, raw: AgreementInput) {
  requireAccess(actor, 'employer.manage', own(actor));
  const body = parse(AgreementBody, raw);
  if (body.validUntil && body.validUntil < body.signedOn)
    throw new DomainError('invalid_date_range', 'The end date is before the start date', { field: 'validUntil' });
  const id = crypto.randomUUID();
  await inTenant(ctx, actor, async (tx) => {
    await ownEmployer(tx, actor, employerId);
    await employersRepo.insertAgreement(tx, actor.organisationId, {
      id,
      employerId,
      kind: body.kind,
      signedOn: body.signedOn,
      validUntil: body.validUntil ?? null,
      reference: body.reference || null,
    });
    await audit(tx, actor, 'employer.agreement_add', employerId, Object.keys(body));
  });
  return getEmployer(ctx, actor, employerId);
}

/** The internship length of a country: the organisation's rule, else the report's 1–6 months. */
export async function internshipBounds(
  tx: Tx,
  organisationId: string,
  country: string | null,
): Promise<InternshipBounds> {
  if (!country) return DEFAULT_INTERNSHIP_BOUNDS;
  const rule = (await employersRepo.internshipRules(tx, organisationId)).find((r) => r.country === country);
  return rule ? { minMonths: rule.minMonths, maxMonths: rule.maxMonths } : DEFAULT_INTERNSHIP_BOUNDS;
}

export async function listInternshipRules(ctx: AppContext, actor: Actor) {
  requireAccess(actor, 'reference.read', own(actor));
  return inTenant(ctx, actor, async (tx) => ({
    default: DEFAULT_INTERNSHIP_BOUNDS,
    rules: await employersRepo.internshipRules(tx, actor.organisationId),
  }));
}

/** An administrator sets a country's internship length (removing it returns the country to 1–6 months). */
export async function setInternshipRule(ctx: AppContext, actor: Actor, raw: InternshipRuleInput) {
  requireAccess(actor, 'configuration.manage', own(actor));
  const rule = parse(InternshipRuleBody, raw);
  await inTenant(ctx, actor, async (tx) => {
    await employersRepo.upsertInternshipRule(tx, actor.organisationId, rule);
    await auditRepo.append(tx, {
      organisationId: actor.organisationId,
      actorUserId: actor.userId,
      action: 'internship_rule.update',
      entityType: 'organisation',
      entityId: actor.organisationId,
      fields: [rule.country],
    });
  });
  return listInternshipRules(ctx, actor);
}

export async function removeInternshipRule(ctx: AppContext, actor: Actor, country: string) {
  requireAccess(actor, 'configuration.manage', own(actor));
  await inTenant(ctx, actor, async (tx) => {
    await employersRepo.deleteInternshipRule(tx, actor.organisationId, country);
    await auditRepo.append(tx, {
      organisationId: actor.organisationId,
      actorUserId: actor.userId,
      action: 'internship_rule.remove',
      entityType: 'organisation',
      entityId: actor.organisationId,
      fields: [country],
    });
  });
  return listInternshipRules(ctx, actor);
}
