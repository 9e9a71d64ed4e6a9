/**
 * (Re)integration outcomes of a case: facts gathered from its records, then
 * the continuum against her own baseline, the only hard failures (recorded
 * events), chart markers, follow-ups due and the recovery-first hint.
 */
import type { EntryKind } from '../domain/cases/entries';
import {
  chartMarkers,
  cohortAggregates,
  continuum,
  DEFAULT_FACTOR_CATALOGUE,
  DEFAULT_INSTRUMENT,
  DEFAULT_OUTCOME_MODEL,
  dueAssessments,
  flagsFor,
  followUpFromConsents,
  followUpRecordsOf,
  followUpState,
  isCircumstanceKind,
  isMilestoneKind,
  OutcomeError,
  recordEvent,
  recordFactor,
  scheduleFollowUp,
  scoresFromAnswers,
  suggestNextObjectives,
  summariseAutonomy,
  validateAnswers,
  validateAssessment,
  type Answer,
  type Assessment,
  type CaseFacts,
  type CaseEvent,
  type Circumstance,
  type FollowUpEvent,
  type KeyDecision,
  type RecordedFactor,
} from '../domain/outcomes';
import { toIsoDate } from '../domain/cases/dates';
import type { Actor } from '../policies/policies';
import type { Tx } from '../storage/database';
import { auditRepo } from '../storage/repositories/audit';
import { caseEntriesRepo, type EntryRow } from '../storage/repositories/case-entries';
import { casesRepo } from '../storage/repositories/cases';
import { effectiveThreshold } from '../domain/statistics/threshold';
import { reportFloor } from './disclosure-floors';
import { requireAccess } from './authorize';
import { requireCase } from './cases';
import { inTenant, type AppContext } from './context';
import { openEntries } from './entry-secrets';
import { asMember, networkMembers, networkPersonIds } from './network-scope';
import { consentEventsFromRecords } from '../domain/cases/consent';
import { earliestHistory, mergeCaseFacts } from '../domain/outcomes/person-facts';
import { countPersons, type PersonPart } from '../domain/statistics/persons';
import { economicFacts, labourRecordsFrom } from '../domain/outcomes/economic';

const OUTCOME_KINDS = new Set([
  'outcome_assessment',
  'outcome_event',
  'exploitation_return',
  'circumstance',
  'factor',
  'follow_up',
  'follow_up_appointment',
  'interview',
  'autonomy',
]);

/** Builds the outcome facts of one case from its current records. */
export function factsFrom(caseId: string, intakeDate: string, entries: EntryRow[]): CaseFacts {
  const assessments: Assessment[] = entries
    .filter((e) => e.kind === 'outcome_assessment')
    .map((e) => ({
      id: e.id,
      caseId,
      date: String(e.data.date),
      assessorId: e.recordedBy ?? '',
      version: e.version,
      scores: e.data.scores as Assessment['scores'],
      ...(e.data.origin ? { origin: e.data.origin as Assessment['origin'] } : {}),
    }));
  const events: CaseEvent[] = [
    // An organisation's own kinds are recorded and listed, but carry no built-in meaning: no marker, no failure.
    ...entries
      .filter((e) => e.kind === 'outcome_event' && isMilestoneKind(String(e.data.kind)))
      .map((e) => ({
        kind: e.data.kind as CaseEvent['kind'],
        date: String(e.data.date),
        ...(e.data.statedReasons !== undefined ? { statedReasons: e.data.statedReasons as string | null } : {}),
      })),
    // A recorded return to exploitation, with her stated reasons: never inferred.
    // Readers of codes and dates (agenda, cohort) pass sealed rows: the reasons are then simply absent.
    ...entries
      .filter((e) => e.kind === 'exploitation_return')
      .map((e) => ({
        kind: 'return_to_exploitation' as const,
        date: String(e.data.date),
        ...(e.data.statedReasons !== undefined ? { statedReasons: String(e.data.statedReasons) } : {}),
      })),
  ];
  return {
    caseId,
    intakeDate,
    assessments,
    events,
    circumstances: entries
      .filter((e) => e.kind === 'circumstance' && isCircumstanceKind(String(e.data.kind)))
      .map((e) => e.data as unknown as Circumstance),
    factors: entries.filter((e) => e.kind === 'factor').map((e) => e.data as unknown as RecordedFactor),
    followUp: [
      ...followUpRecordsOf(entries),
      ...followUpFromConsents(consentEventsFromRecords(entries.filter((e) => e.kind === 'consent'))),
    ],
    scheduledFollowUps: entries
      .filter((e) => e.kind === 'follow_up_appointment')
      .map((e) => ({ dueDate: String(e.data.dueDate), scheduledOn: toIsoDate(new Date(e.recordedAt)) })),
  };
}

/** Domain checks for outcome records before they are stored (scale, dates, stated reasons, factors). */
export async function validateOutcomeEntry(
  tx: Tx,
  organisationId: string,
  caseId: string,
  kind: EntryKind,
  data: Record<string, unknown>,
): Promise<void> {
  if (!OUTCOME_KINDS.has(kind)) return;
  const intake = await casesRepo.findIntake(tx, organisationId, caseId);
  const intakeDate = intake?.contactDate ?? '1900-01-01';
  if (kind === 'outcome_assessment') {
    validateAssessment(
      {
        id: 'new',
        caseId,
        date: String(data.date),
        assessorId: 'new',
        version: 1,
        scores: data.scores as Assessment['scores'],
      },
      { model: DEFAULT_OUTCOME_MODEL, intakeDate },
    );
  }
  if (kind === 'outcome_event' && isMilestoneKind(String(data.kind)))
    recordEvent(
      {
        kind: data.kind as CaseEvent['kind'],
        date: String(data.date),
        ...(data.statedReasons !== undefined ? { statedReasons: data.statedReasons as string | null } : {}),
      },
      { intakeDate },
    );
  if (kind === 'factor') recordFactor(data as Parameters<typeof recordFactor>[0]);
  if (kind === 'interview') {
    const issues = validateAnswers(data.answers as Answer[]);
    if (issues.length)
      throw new OutcomeError(
        'invalid_interview_answers',
        'Some answers are missing or not valid; questions about the trafficking experience are never required',
        issues,
      );
  }
  if (kind === 'outcome_assessment' && data.interviewEntryId) {
    const interview = await caseEntriesRepo.findCurrent(tx, organisationId, caseId, String(data.interviewEntryId));
    if (interview?.kind !== 'interview')
      throw new OutcomeError(
        'unknown_interview',
        'The interview this assessment refers to is not a record of this case',
      );
  }
  if (kind === 'follow_up_appointment') {
    const entries = await caseEntriesRepo.listCurrent(tx, organisationId, [caseId]);
    scheduleFollowUp(factsFrom(caseId, intakeDate, entries), String(data.dueDate), toIsoDate(new Date()));
  }
}

/** Proposed element scores from interview answers, each with its trace; nothing is stored. */
export function proposeScores(answers: Answer[]) {
  const issues = validateAnswers(answers).filter((i) => i.code !== 'missing_required');
  if (issues.length) throw new OutcomeError('invalid_interview_answers', 'Some answers are not valid', issues);
  return scoresFromAnswers(answers);
}

export const outcomeInstrument = () => DEFAULT_INSTRUMENT;
export const outcomeModel = () => ({ model: DEFAULT_OUTCOME_MODEL, factorCatalogue: DEFAULT_FACTOR_CATALOGUE });

export async function caseOutcomes(ctx: AppContext, actor: Actor, caseId: string) {
  requireAccess(actor, 'case.read', { organisationId: actor.organisationId });
  return inTenant(ctx, actor, async (tx) => {
    await requireCase(tx, actor, caseId);
    const intake = await casesRepo.findIntake(tx, actor.organisationId, caseId);
    // Opened: the flags carry her stated reasons, and the follow-up history its notes.
    const entries = await openEntries(
      ctx,
      actor.organisationId,
      await caseEntriesRepo.listCurrent(tx, actor.organisationId, [caseId]),
    );
    const facts = factsFrom(caseId, intake?.contactDate ?? new Date().toISOString().slice(0, 10), entries);
    await auditRepo.append(tx, {
      organisationId: actor.organisationId,
      actorUserId: actor.userId,
      action: 'case.read',
      entityType: 'case',
      entityId: caseId,
      fields: ['outcomes'],
    });
    const latest = [...facts.assessments].sort((a, b) => a.date.localeCompare(b.date)).at(-1);
    const decisions = entries.filter((e) => e.kind === 'autonomy').map((e) => e.data as unknown as KeyDecision);
    const herContinuum = facts.assessments.length
      ? continuum(DEFAULT_OUTCOME_MODEL, { assessments: facts.assessments, circumstances: facts.circumstances })
      : null;
    return {
      model: DEFAULT_OUTCOME_MODEL,
      factorCatalogue: DEFAULT_FACTOR_CATALOGUE,
      followUp: followUpState(facts.followUp),
      autonomy: summariseAutonomy({ decisions }),
      continuum: herContinuum,
      // Economic facts beside her continuum, against her baseline: they never enter a score or a flag.
      economicFacts: economicFacts(labourRecordsFrom(entries), herContinuum?.baseline?.date ?? null),
      flags: flagsFor(facts),
      markers: chartMarkers(facts.events),
      due: dueAssessments(facts, new Date().toISOString().slice(0, 10)),
      next: suggestNextObjectives(DEFAULT_OUTCOME_MODEL, latest),
    };
  });
}

export type CohortScope = 'organisation' | 'network';

/**
 * Outcome facts of one organisation's persons, one part per person (her cases
 * merged into one history), with her identity keys for the network count;
 * facts only for persons who may be counted in statistics.
 */
async function cohortFactsOf(tx: Tx, organisationId: string): Promise<PersonPart<CaseFacts>[]> {
  const cases = await casesRepo.casesWithContactDate(tx, organisationId);
  const entries = await caseEntriesRepo.listCurrent(
    tx,
    organisationId,
    cases.map((c) => c.caseId),
  );
  const byCase = new Map<string, EntryRow[]>();
  for (const e of entries)
    if (OUTCOME_KINDS.has(e.kind) || e.kind === 'consent') byCase.set(e.caseId, [...(byCase.get(e.caseId) ?? []), e]);
  const keys = await networkPersonIds(
    tx,
    organisationId,
    cases.map((c) => c.personId),
  );
  return countPersons(
    cases.map((c) => {
      const caseEntries = byCase.get(c.caseId) ?? [];
      return {
        keys: keys.get(c.personId) ?? [`person:${organisationId}:${c.personId}`],
        consents: consentEventsFromRecords(caseEntries.filter((e) => e.kind === 'consent')),
        data: factsFrom(c.caseId, toIsoDate(new Date(c.contactDate)), caseEntries),
      };
    }),
    mergeCaseFacts,
  ).parts;
}

/**
 * The true (unprotected) cohort: one outcome history per person who may be counted.
 * Callers aggregate and protect it before anything leaves the server.
 */
export async function cohortPersons(ctx: AppContext, actor: Actor, scope: CohortScope) {
  const members = scope === 'network' ? await networkMembers(ctx, actor) : [{ id: actor.organisationId, name: '' }];
  const parts: PersonPart<CaseFacts>[] = [];
  for (const member of members)
    parts.push(...(await asMember(ctx, actor, member.id, (tx) => cohortFactsOf(tx, member.id))));
  // One person across members through her identity keys, with the one consent gate; her earliest history counts.
  const { persons, notCounted: withoutConsent } = countPersons(parts, earliestHistory);
  return { members, persons: persons.map((p) => p.data), withoutConsent };
}

/**
 * Cohort aggregates for coordinators: shares and distributions only, small
 * cells hidden. Persons, not cases: her cases in one organisation are one
 * history, and with network scope a person known to several members (transfer,
 * linkage) counts once, with her history from her earliest intake.
 */
export async function outcomeCohort(
  ctx: AppContext,
  actor: Actor,
  options: { scope?: CohortScope; threshold?: number } = {},
) {
  requireAccess(actor, 'network.aggregates.read', { organisationId: actor.organisationId });
  const scope = options.scope ?? 'organisation';
  const { members, persons, withoutConsent } = await cohortPersons(ctx, actor, scope);
  // The same floor as reports: a request may ask for more protection, never less.
  const threshold = effectiveThreshold(
    options.threshold,
    await reportFloor(
      ctx,
      actor,
      scope,
      members.map((m) => m.id),
    ),
  );
  await inTenant(ctx, actor, (tx) =>
    auditRepo.append(tx, {
      organisationId: actor.organisationId,
      actorUserId: actor.userId,
      action: 'statistics.cohort',
      entityType: 'organisation',
      entityId: actor.organisationId,
      fields: [scope],
    }),
  );
  return {
    ...cohortAggregates(DEFAULT_OUTCOME_MODEL, persons, { threshold }),
    scope,
    organisations: members.map((m) => m.id),
    personsWithoutConsent: withoutConsent > 0,
    counts: 'Persons (not cases) with at least one outcome assessment, who consented to anonymous statistics',
    generatedAt: new Date().toISOString(),
  };
}
