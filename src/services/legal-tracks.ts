/**
 * The organisation's legal tracks (issue #17): read by every member (the legal tab offers a track's
 * steps), added and edited by an administrator, and applied to legal events as they are recorded.
 *
 * Versions: a change to a track is a new version; it never rewrites an older one. A recorded event
 * keeps the dates computed under the version it names (`trackVersion`) and its extensions follow
 * that same version, because a deadline she and the authorities were told must not move because an
 * administrator later edited the rule. A revision of the event is a deliberate, audited act with a
 * reason, and is computed under the current version, which the caseworker then sees.
 */
import { DomainError } from '../domain/errors';
import { checkBasis, checkPath, decisionDue, extend, resolveEnd } from '../domain/legal-tracks/deadlines';
import { LegalTrackInputSchema, LegalTrackUpdateSchema, trackFromInput } from '../domain/legal-tracks/inputs';
import { endFieldOf, stepFor, type LegalTrack } from '../domain/legal-tracks/model';
import { normaliseLegalEvent } from '../domain/legal-tracks/normalise';
import { DEFAULT_TRACKS } from '../domain/legal-tracks/seeds';
import { errors, parseOrRefuse } from '../errors';
import type { Actor } from '../policies/policies';
import type { Tx } from '../storage/database';
import { auditRepo } from '../storage/repositories/audit';
import { caseEntriesRepo } from '../storage/repositories/case-entries';
import { legalTracksRepo, type LegalTrackRow } from '../storage/repositories/legal-tracks';
import { requireAccess } from './authorize';
import { inTenant, type AppContext } from './context';
import type { z } from 'zod';

/** The current track of each country; a shipped country the organisation lacks is seeded first (never overwriting hers). */
export async function loadTracks(tx: Tx, organisationId: string): Promise<Map<string, LegalTrackRow>> {
  let rows = await legalTracksRepo.listCurrent(tx, organisationId);
  const present = new Set(rows.map((r) => r.track.country));
  const missing = DEFAULT_TRACKS.filter((t) => !present.has(t.country));
  if (missing.length > 0) {
    for (const track of missing)
      await legalTracksRepo.insert(tx, organisationId, { version: 1, track, createdBy: null });
    rows = await legalTracksRepo.listCurrent(tx, organisationId);
  }
  return new Map(rows.map((r) => [r.track.country, r]));
}

const own = (actor: Actor) => ({ organisationId: actor.organisationId });

export async function listTracks(ctx: AppContext, actor: Actor): Promise<LegalTrackRow[]> {
  requireAccess(actor, 'reference.read', own(actor));
  return inTenant(ctx, actor, async (tx) => [...(await loadTracks(tx, actor.organisationId)).values()]);
}

/** One country's track: its current version and every earlier one, newest first. */
export async function trackOf(ctx: AppContext, actor: Actor, country: string): Promise<LegalTrackRow[]> {
  requireAccess(actor, 'reference.read', own(actor));
  return inTenant(ctx, actor, async (tx) => {
    await loadTracks(tx, actor.organisationId);
    const versions = await legalTracksRepo.versions(tx, actor.organisationId, country);
    if (versions.length === 0) throw errors.notFound();
    return versions;
  });
}

const parse = parseOrRefuse;

/** An administrator adds a country's track (version 1); a country that has one is edited instead. */
export async function addTrack(
  ctx: AppContext,
  actor: Actor,
  raw: z.input<typeof LegalTrackInputSchema>,
): Promise<LegalTrackRow> {
  requireAccess(actor, 'configuration.manage', own(actor));
  const track = trackFromInput(parse(LegalTrackInputSchema, raw));
  return inTenant(ctx, actor, async (tx) => {
    const tracks = await loadTracks(tx, actor.organisationId);
    if (
      tracks.has(track.country) ||
      !(await legalTracksRepo.insert(tx, actor.organisationId, { version: 1, track, createdBy: actor.userId }))
    )
      throw errors.conflict('legal_track_exists', 'This country has a track already; edit it instead');
    await audit(tx, actor, 'legal_track.create', track.country);
    return (await legalTracksRepo.findVersion(tx, actor.organisationId, track.country, 1))!;
  });
}

/** An administrator changes a country's track: a new version, from the one she read. */
export async function updateTrack(
  ctx: AppContext,
  actor: Actor,
  country: string,
  raw: z.input<typeof LegalTrackUpdateSchema>,
): Promise<LegalTrackRow> {
  requireAccess(actor, 'configuration.manage', own(actor));
  const body = parse(LegalTrackUpdateSchema, raw);
  const track = trackFromInput(body.track);
  if (track.country !== country)
    throw new DomainError('legal_track_country', 'A track keeps its country', { field: 'track.country' });
  return inTenant(ctx, actor, async (tx) => {
    const current = (await loadTracks(tx, actor.organisationId)).get(country);
    if (!current) throw errors.notFound();
    const version = body.version + 1;
    if (
      current.version !== body.version ||
      !(await legalTracksRepo.insert(tx, actor.organisationId, { version, track, createdBy: actor.userId }))
    )
      throw errors.versionConflict();
    await audit(tx, actor, 'legal_track.update', country);
    return (await legalTracksRepo.findVersion(tx, actor.organisationId, country, version))!;
  });
}

async function audit(tx: Tx, actor: Actor, action: string, country: string) {
  await auditRepo.append(tx, {
    organisationId: actor.organisationId,
    actorUserId: actor.userId,
    action,
    entityType: 'legal_track',
    entityId: country,
    fields: ['definition'],
  });
}

/**
 * A legal event as the country's track makes it, before it is stored: the step it starts (and the
 * track version), its end computed or, where the rule allows, kept as recorded, its path and the
 * event it requires checked; an extension checked against the step's rule and its conditions.
 * Any other kind of record passes through. `entryId` is the record being revised, if any.
 *
 * France L.316-1 without a linked complaint or testimony is refused (step_requires_event), not
 * flagged: the permit is issued on one (004:281–283), so the link is part of recording it, and the
 * complaint or testimony can be recorded first with its own (past) date. Her assistance never
 * depends on it: only this permit record does.
 */
export async function completeLegalEvent(
  tx: Tx,
  organisationId: string,
  caseId: string,
  kind: string,
  input: Record<string, unknown>,
  caseCountry: string | null,
  entryId?: string,
): Promise<Record<string, unknown>> {
  if (kind !== 'legal_event') return input;
  const data = normaliseLegalEvent(input);
  const type = String(data.type);
  const events = (await caseEntriesRepo.listCurrent(tx, organisationId, [caseId], 'legal_event')).filter(
    (e) => e.id !== entryId,
  );
  const tracks = await loadTracks(tx, organisationId);

  if (type === 'extension') {
    const target = events.find((e) => e.id === data.extends && e.data.type !== 'extension' && e.data.step);
    if (!target)
      throw new DomainError('extension_requires_step', "Choose the step's event that is extended", {
        field: 'extends',
      });
    const started = target.data as Record<string, unknown>;
    const country = String(started.track);
    const version = Number(started.trackVersion);
    const rule = (await legalTracksRepo.findVersion(tx, organisationId, country, version)) ?? tracks.get(country);
    const step = rule?.track.steps.find((s) => s.code === started.step);
    if (!step) throw new DomainError('extension_not_allowed', 'This step cannot be extended', { field: 'extends' });
    const end = started[endFieldOf(String(started.type))];
    if (typeof end !== 'string')
      throw new DomainError('extension_not_allowed', 'This step has no end to extend', { field: 'extends' });
    const prior = events
      .filter((e) => e.data.type === 'extension' && e.data.extends === target.id)
      .map((e) => ({ endDate: String(e.data.endDate) }));
    const history = events
      .filter((e) => e.data.type !== 'extension')
      .map((e) => ({ type: String(e.data.type), date: String(e.data.date) }));
    const result = extend(step, { date: String(started.date), end }, prior, history, {
      date: String(data.date),
      endDate: data.endDate as string | undefined,
    });
    const { extensionDecisionBy: _ignored, ...rest } = data;
    return {
      ...rest,
      track: country,
      step: step.code,
      trackVersion: rule!.version,
      endDate: result.endDate,
      ...(result.extensionDecisionBy ? { extensionDecisionBy: result.extensionDecisionBy } : {}),
    };
  }

  // A permit code belongs to one country's track (it_art18 to Italy's) wherever the case is.
  const byPermit = [...tracks.values()].find((r) =>
    r.track.steps.some(
      (s) => s.permitType !== undefined && s.permitType === data.permitType && s.startedBy.includes(type),
    ),
  )?.track.country;
  const country = (data.track as string | undefined) ?? (data.country as string | undefined) ?? byPermit ?? caseCountry;
  const current = country ? tracks.get(country) : undefined;
  if (data.track && !current)
    throw new DomainError('unknown_track', 'No legal track for this country', { field: 'track' });
  const step = current
    ? stepFor(current.track, data as { type: string; step?: string; permitType?: string })
    : undefined;
  if (data.step && !step) throw new DomainError('unknown_step', 'No such step in this track', { field: 'step' });
  const { extensionDecisionBy: _ignored, trackVersion: _version, ...rest } = data;
  if (!step || !current) {
    if (type === 'reflection_period')
      throw new DomainError('unknown_list_value', 'No reflection period is configured for this country', {
        field: 'country',
      });
    return rest;
  }
  checkStep(current.track, step.code, type, data);
  if (step.requiresAnyOf?.length) {
    const basis = events.find((e) => e.id === data.basedOn);
    checkBasis(step, basis ? { type: String(basis.data.type), date: String(basis.data.date) } : undefined);
  }
  const field = endFieldOf(type);
  const end = resolveEnd(step, String(data.date), data[field] as string | undefined, type);
  const decision = end ? decisionDue(step, end, 0) : undefined;
  return {
    ...rest,
    ...(type === 'reflection_period' ? { country } : {}),
    ...(step.permitType && type === 'permit_decision' ? { permitType: step.permitType } : {}),
    track: current.track.country,
    step: step.code,
    trackVersion: current.version,
    ...(end ? { [field]: end } : {}),
    ...(decision ? { extensionDecisionBy: decision } : {}),
  };
}

/** The event's type starts the step, its permit code is the step's, and its path is the step's. */
function checkStep(track: LegalTrack, code: string, type: string, data: Record<string, unknown>) {
  const step = track.steps.find((s) => s.code === code)!;
  if (!step.startedBy.includes(type))
    throw new DomainError('step_type_mismatch', 'This kind of event does not start this step', {
      field: 'type',
      values: step.startedBy,
    });
  if (type === 'permit_decision' && data.permitType && data.permitType !== step.permitType)
    throw new DomainError('step_permit_mismatch', "The permit code is not this step's", {
      field: 'permitType',
      values: step.permitType ? [step.permitType] : [],
    });
  checkPath(step, data as { path?: string; statementBy?: string });
}
