/**
 * (Re)integration outcomes of a case: facts gathered from its records, then
 * the continuum against her own baseline, the only hard failures (recorded
 * events), chart markers, follow-ups due and the recovery-first hint.
 */
import type { EntryKind } from '../domain/cases/entries';
import {
  chartMarkers, cohortAggregates, continuum, DEFAULT_OUTCOME_MODEL, dueAssessments, flagsFor, recordEvent, recordFactor, suggestNextObjectives,
  validateAssessment, type Assessment, type CaseFacts, type CaseEvent, type Circumstance, type FollowUpEvent, type RecordedFactor,
} from '../domain/outcomes';
import type { Actor } from '../policies/policies';
import type { Tx } from '../storage/database';
import { auditRepo } from '../storage/repositories/audit';
import { caseEntriesRepo, type EntryRow } from '../storage/repositories/case-entries';
import { casesRepo } from '../storage/repositories/cases';
import { requireAccess } from './authorize';
import { requireCase } from './cases';
import { inTenant, type AppContext } from './context';

const OUTCOME_KINDS = new Set(['outcome_assessment', 'outcome_event', 'exploitation_return', 'circumstance', 'factor', 'follow_up']);

/** Builds the outcome facts of one case from its current records. */
export function factsFrom(caseId: string, intakeDate: string, entries: EntryRow[]): CaseFacts {
  const assessments: Assessment[] = entries.filter((e) => e.kind === 'outcome_assessment').map((e) => ({
    id: e.id, caseId, date: String(e.data.date), assessorId: e.recordedBy ?? '', version: e.version,
    scores: e.data.scores as Assessment['scores'], ...(e.data.origin ? { origin: e.data.origin as Assessment['origin'] } : {}),
  }));
  const events: CaseEvent[] = [
    ...entries.filter((e) => e.kind === 'outcome_event').map((e) => ({ kind: e.data.kind as CaseEvent['kind'], date: String(e.data.date), ...(e.data.statedReasons !== undefined ? { statedReasons: e.data.statedReasons as string | null } : {}) })),
    // A recorded return to exploitation, with her stated reasons: never inferred.
    ...entries.filter((e) => e.kind === 'exploitation_return').map((e) => ({ kind: 'return_to_exploitation' as const, date: String(e.data.date), statedReasons: String(e.data.statedReasons) })),
  ];
  return {
    caseId, intakeDate, assessments, events,
    circumstances: entries.filter((e) => e.kind === 'circumstance').map((e) => e.data as unknown as Circumstance),
    factors: entries.filter((e) => e.kind === 'factor').map((e) => e.data as unknown as RecordedFactor),
    followUp: entries.filter((e) => e.kind === 'follow_up').map((e) => ({ ...(e.data as object), at: String(e.data.at) }) as FollowUpEvent),
  };
}

/** Domain checks for outcome records before they are stored (scale, dates, stated reasons, factors). */
export async function validateOutcomeEntry(tx: Tx, organisationId: string, caseId: string, kind: EntryKind, data: Record<string, unknown>): Promise<void> {
  if (!OUTCOME_KINDS.has(kind)) return;
  const intake = await casesRepo.findIntake(tx, organisationId, caseId);
  const intakeDate = intake?.contactDate ?? '1900-01-01';
  if (kind === 'outcome_assessment') {
    validateAssessment({ id: 'new', caseId, date: String(data.date), assessorId: 'new', version: 1, scores: data.scores as Assessment['scores'] }, { model: DEFAULT_OUTCOME_MODEL, intakeDate });
  }
  if (kind === 'outcome_event') recordEvent({ kind: data.kind as CaseEvent['kind'], date: String(data.date), ...(data.statedReasons !== undefined ? { statedReasons: data.statedReasons as string | null } : {}) }, { intakeDate });
  if (kind === 'factor') recordFactor(data as Parameters<typeof recordFactor>[0]);
}

export async function caseOutcomes(ctx: AppContext, actor: Actor, caseId: string) {
  requireAccess(actor, 'case.read', { organisationId: actor.organisationId });
  return inTenant(ctx, actor, async (tx) => {
    await requireCase(tx, actor, caseId);
    const intake = await casesRepo.findIntake(tx, actor.organisationId, caseId);
    const entries = await caseEntriesRepo.listCurrent(tx, actor.organisationId, [caseId]);
    const facts = factsFrom(caseId, intake?.contactDate ?? new Date().toISOString().slice(0, 10), entries);
    await auditRepo.append(tx, { organisationId: actor.organisationId, actorUserId: actor.userId, action: 'case.read', entityType: 'case', entityId: caseId, fields: ['outcomes'] });
    const latest = [...facts.assessments].sort((a, b) => a.date.localeCompare(b.date)).at(-1);
    return {
      model: DEFAULT_OUTCOME_MODEL,
      continuum: facts.assessments.length ? continuum(DEFAULT_OUTCOME_MODEL, { assessments: facts.assessments, circumstances: facts.circumstances }) : null,
      flags: flagsFor(facts),
      markers: chartMarkers(facts.events),
      due: dueAssessments(facts, new Date().toISOString().slice(0, 10)),
      next: suggestNextObjectives(DEFAULT_OUTCOME_MODEL, latest),
    };
  });
}

/** Cohort aggregates for coordinators: shares and distributions only, small cells hidden. */
export async function outcomeCohort(ctx: AppContext, actor: Actor) {
  requireAccess(actor, 'network.aggregates.read', { organisationId: actor.organisationId });
  return inTenant(ctx, actor, async (tx) => {
    const cases = await tx.selectFrom('case_intakes').select(['case_id as caseId', 'contact_date as contactDate']).where('organisation_id', '=', actor.organisationId).execute();
    const entries = await caseEntriesRepo.listCurrent(tx, actor.organisationId, cases.map((c) => c.caseId));
    const byCase = new Map<string, EntryRow[]>();
    for (const e of entries) if (OUTCOME_KINDS.has(e.kind)) byCase.set(e.caseId, [...(byCase.get(e.caseId) ?? []), e]);
    const facts = cases.map((c) => factsFrom(c.caseId, new Date(c.contactDate).toISOString().slice(0, 10), byCase.get(c.caseId) ?? []));
    await auditRepo.append(tx, { organisationId: actor.organisationId, actorUserId: actor.userId, action: 'statistics.cohort', entityType: 'organisation', entityId: actor.organisationId });
    return cohortAggregates(DEFAULT_OUTCOME_MODEL, facts);
  });
}
