/**
 * Record linkage across the network. Each organisation encodes its own
 * consenting persons locally with the shared secret; the linkage run sees only
 * encodings and returns to each organisation which partners know the same person.
 */
import crypto from 'node:crypto';
import { consentEventsFromRecords, hasConsent } from '../domain/cases/consent';
import {
  captureHistories,
  createEncoder,
  DEFAULT_SCHEMA,
  dedupedPersonCount,
  checkLinkageSecret,
  LinkageError,
  secretFingerprint,
  pairKey,
  type EncodingFile,
  type IdentityRecord,
  type SerialisedEncoding,
  type LinkageOptions,
  type LinkageResult,
  type LinkagePhase,
  type CaptureHistoryTable,
  type ReviewItem,
  reviewCapsOf,
} from '../domain/linkage';
import { ageOn } from '../domain/cases/person';
import { ageBandOf } from '../domain/statistics';
import { errors } from '../errors';
import type { Tx } from '../storage/database';
import type { Actor } from '../policies/policies';
import { withSystem } from '../storage/database';
import { auditRepo } from '../storage/repositories/audit';
import { caseEntriesRepo } from '../storage/repositories/case-entries';
import { linkageRepo } from '../storage/repositories/linkage';
import { linkageIncrementalRepo } from '../storage/repositories/linkage-incremental';
import { linkageLinksRepo } from '../storage/repositories/linkage-links';
import { organisationsRepo } from '../storage/repositories/organisations';
import { requireAccess } from './authorize';
import { requireCase } from './cases';
import { inTenant, type AppContext } from './context';
import { openIdentity } from './person-identity';
import {
  networkFingerprint,
  reusableModel,
  runIncremental,
  storeLinkedState,
  type LinkageMode,
} from './linkage-incremental';
import { runInWorker } from './workers';

/** The organisation's own system actor for scheduled or CLI linkage work (audited without a user). */
const systemActor = (organisationId: string): Actor => ({
  userId: '00000000-0000-0000-0000-000000000000',
  organisationId,
  roles: [],
});

export async function setLinkageSecret(
  ctx: AppContext,
  organisationId: string,
  secret: string,
  actorUserId: string | null = null,
): Promise<void> {
  // Long enough and hard enough to guess (zxcvbn and character entropy, ≥ 48 bits): a field error otherwise.
  checkLinkageSecret(secret);
  const secretEnc = await ctx.keyRing.encrypt(organisationId, secret);
  await inTenant(ctx, { organisationId, userId: actorUserId ?? undefined }, async (tx) => {
    await linkageRepo.saveSecret(tx, organisationId, secretEnc, DEFAULT_SCHEMA.version);
    await auditRepo.append(tx, {
      organisationId,
      actorUserId,
      action: 'linkage.secret.set',
      entityType: 'organisation',
      entityId: organisationId,
      fields: ['secret'],
    });
  });
}

/**
 * The keyed fingerprint of the organisation's linkage secret (secretFingerprint), or null without
 * one: organisations compare it to confirm they hold the same secret without showing it.
 */
export async function linkageSecretFingerprint(ctx: AppContext, organisationId: string): Promise<string | null> {
  const secretEnc = await inTenant(ctx, systemActor(organisationId), (tx) => linkageRepo.secretOf(tx, organisationId));
  return secretEnc ? secretFingerprint(await ctx.keyRing.decrypt(organisationId, secretEnc)) : null;
}

/**
 * The organisation's stored encodings as an encoding file, for a linkage service that holds no
 * identities and no secret (`ariadne link-export`, then `ariadne link-file` elsewhere).
 */
export async function exportEncodings(ctx: AppContext, organisationId: string): Promise<EncodingFile> {
  const rows = await inTenant(ctx, systemActor(organisationId), (tx) => linkageRepo.encodingsOf(tx, [organisationId]));
  return {
    schemaVersion: DEFAULT_SCHEMA.version,
    encodings: rows.map(
      (r) => (typeof r.encoding === 'string' ? JSON.parse(r.encoding) : r.encoding) as SerialisedEncoding,
    ),
  };
}

/**
 * (Re-)encodes the organisation's persons who currently consent to network
 * deduplication, and removes encodings of those who withdrew. Refuses without a secret.
 */
export async function encodeOrganisation(
  ctx: AppContext,
  organisationId: string,
): Promise<{ encoded: number; removed: number }> {
  return inTenant(ctx, systemActor(organisationId), async (tx) => {
    const secretEnc = await linkageRepo.secretOf(tx, organisationId);
    if (!secretEnc)
      throw new LinkageError(
        'missing_secret',
        'This organisation has no network linkage secret: nothing is encoded, and there is no unkeyed fallback',
      );
    const secret = await ctx.keyRing.decrypt(organisationId, secretEnc);
    // Checked here, before any identity is opened, so a bad secret refuses exactly as it did in-process.
    createEncoder(secret, DEFAULT_SCHEMA);
    const cases = await linkageRepo.casesToEncode(tx, organisationId);
    const consents = await caseEntriesRepo.listCurrent(
      tx,
      organisationId,
      cases.map((c) => c.caseId),
      'consent',
    );
    const eventsOf = (caseId: string) => consentEventsFromRecords(consents.filter((e) => e.caseId === caseId));
    const keep = new Set<string>();
    const records: IdentityRecord[] = [];
    for (const c of cases) {
      if (keep.has(c.personId) || !hasConsent(eventsOf(c.caseId), 'network_deduplication')) continue;
      const identity = await openIdentity(ctx, organisationId, c.identityEnc);
      const contact = new Date(c.contactDate);
      records.push({
        recordId: c.personId,
        orgId: organisationId,
        consentToNetworkDedup: true,
        fields: {
          given_name: identity.givenName,
          surname: identity.familyName,
          date_of_birth: identity.dateOfBirth,
          sex: c.sex === 'unknown' ? null : c.sex,
          citizenship: identity.citizenship,
        },
        // What a reviewer may see of a pair: coarse, never identifying on its own.
        attributes: {
          firstContactYear: contact.getUTCFullYear(),
          ageBandAtContact: ageBandOf(identity.dateOfBirth ? ageOn(identity.dateOfBirth, contact) : null),
        },
      });
      keep.add(c.personId);
    }
    // Persons whose identity is as it was encoded keep their encoding (and stay linked): a keyed hash says so.
    const hashOf = (r: IdentityRecord) =>
      crypto
        .createHmac('sha256', secret)
        .update(JSON.stringify([DEFAULT_SCHEMA.version, r.fields, r.attributes]))
        .digest('hex');
    const stored = await linkageIncrementalRepo.encodingHashes(tx, organisationId);
    const changed = records.filter((r) => stored.get(r.recordId) !== hashOf(r));
    // The keyed Bloom-filter encoding (HMACs per q-gram) runs in a worker thread; the rows are written here.
    const encodings = changed.length
      ? await runInWorker(ctx, 'linkage.encode', { secret, records: changed }, { organisationId: null })
      : [];
    for (const [i, json] of encodings.entries()) {
      await linkageIncrementalRepo.saveChangedEncoding(tx, {
        organisationId,
        personId: changed[i].recordId,
        schemaVersion: DEFAULT_SCHEMA.version,
        encoding: json,
        hash: hashOf(changed[i]),
      });
    }
    const encoded = records.length;
    const stale = (await linkageRepo.encodedPersonIds(tx, organisationId)).filter((personId) => !keep.has(personId));
    await linkageRepo.deleteEncodings(tx, organisationId, stale);
    await auditRepo.append(tx, {
      organisationId,
      actorUserId: null,
      action: 'linkage.encode',
      entityType: 'organisation',
      entityId: organisationId,
      fields: ['encodings'],
    });
    return { encoded, removed: stale.length };
  });
}

/**
 * What the estimated method found, as a run reports it: m and u per field and level, λ, the
 * auto-link threshold and the quality expected at it, the review band. Parameters only, no record.
 */
export interface LinkageRunModel {
  targetPrecision: number;
  lambda: number;
  iterations: number;
  converged: boolean;
  autoLinkThreshold: number;
  expectedPrecision: number;
  expectedRecall: number;
  reviewFloor: number;
  /** Pairs worth a review before the per-organisation cap, and those offered after it. */
  reviewCandidates: number;
  reviewBand: number;
  fields: { field: string; levels: { level: string; m: number; u: number; weight: number }[] }[];
}

const round = (x: number, digits = 4) => (Number.isFinite(x) ? Number(x.toPrecision(digits)) : 0);

/** The model of a linkage result as a run stores and reports it (numbers rounded; nothing of a record). */
export function runModelOf(model: LinkageResult['model']): LinkageRunModel | null {
  if (!model) return null;
  return {
    targetPrecision: model.targetPrecision,
    lambda: round(model.lambda),
    iterations: model.iterations,
    converged: model.converged,
    autoLinkThreshold: round(model.autoLinkThreshold, 6),
    expectedPrecision: round(model.expectedPrecision),
    expectedRecall: round(model.expectedRecall),
    reviewFloor: model.reviewFloor,
    reviewCandidates: model.reviewCandidates,
    reviewBand: model.reviewBand,
    fields: model.fields.map((f) => ({
      field: f.field,
      levels: f.levels.map((l) => ({ level: l.level, m: round(l.m), u: round(l.u), weight: round(l.weight, 3) })),
    })),
  };
}

export interface NetworkLinkageSummary {
  runId: string;
  /** reviewCap: the most review pairs involving the organisation in this run (estimated method), else null. */
  organisations: { id: string; slug: string; name: string; encoded: number; reviewCap: number | null }[];
  stats: Record<string, number>;
  /** The estimated parameters, or null when the fixed Dice thresholds decided (too few pairs to estimate from). */
  model: LinkageRunModel | null;
  personsDeduplicated: number;
  captureHistories: CaptureHistoryTable;
  /** How the run linked: every record ("full") or only the new and changed ones ("incremental"). */
  mode: LinkageMode;
}

/** What a network may set for a run of the estimated method (the rest comes from the schema and the data). */
export type NetworkLinkageOptions = Pick<
  LinkageOptions,
  'targetPrecision' | 'reviewCapPerOrganisation' | 'reviewFloor'
> & {
  /**
   * "incremental" (the default when the latest run's model was made with the same schema and secrets):
   * only new or changed records are compared, with that model; "full" compares everything and estimates again.
   */
  mode?: LinkageMode;
};

/** Encodes every organisation that holds the secret, links all encodings, and writes each organisation's hints. */
export async function runNetworkLinkage(
  ctx: AppContext,
  onProgress?: (phase: LinkagePhase | 'encode', done: number, total: number) => void,
  options: NetworkLinkageOptions = {},
): Promise<NetworkLinkageSummary> {
  const startedAt = new Date();
  const orgs = await linkageRepo.organisationsWithSecret(ctx.db.system);
  const counts = new Map<string, number>();
  for (const [i, org] of orgs.entries()) {
    counts.set(org.id, (await encodeOrganisation(ctx, org.id)).encoded);
    onProgress?.('encode', i + 1, orgs.length);
  }
  const fingerprint = networkFingerprint(
    await Promise.all(orgs.map(async (o) => ({ orgId: o.id, fingerprint: await linkageSecretFingerprint(ctx, o.id) }))),
  );
  return withSystem(ctx.db, async (tx) => {
    // Runs from several servers or the CLI replace the matches one after the other, never interleaved.
    await linkageRepo.lockRun(tx);
    const frozen = options.mode === 'full' ? null : await reusableModel(tx, fingerprint);
    const { mode: _mode, ...linkOptions } = options;
    if (frozen) {
      const runId = crypto.randomUUID();
      const organisationIds = orgs.map((o) => o.id);
      const decisions = (await linkageRepo.decidedReviews(tx)).map((d) => ({
        a: { orgId: d.a_organisation_id, recordId: d.a_person_id },
        b: { orgId: d.b_organisation_id, recordId: d.b_person_id },
        match: d.status === 'match',
      }));
      // Pairs a reviewer decided since the last run are solved again, with the decision.
      const since = (await linkageRepo.latestRun(tx))?.finished_at;
      const touched = since
        ? (await linkageIncrementalRepo.decidedSince(tx, new Date(since))).flatMap((d) => [
            { orgId: d.a_organisation_id, recordId: d.a_person_id },
            { orgId: d.b_organisation_id, recordId: d.b_person_id },
          ])
        : [];
      // The estimated method caps each organisation's review pairs, counting those still pending, as a full run does.
      const caps =
        frozen.method === 'estimated'
          ? reviewCapsOf(
              Object.fromEntries(orgs.map((o) => [o.id, counts.get(o.id) ?? 0])),
              linkOptions.reviewCapPerOrganisation,
            )
          : null;
      const pending = caps
        ? (await linkageRepo.pendingReviews(tx)).map((p) => ({
            a: { orgId: p.a_organisation_id, recordId: p.a_person_id },
            b: { orgId: p.b_organisation_id, recordId: p.b_person_id },
          }))
        : [];
      const run = await runIncremental(ctx, tx, {
        runId,
        organisationIds,
        model: frozen,
        decisions,
        touched,
        review: caps ? { caps, pending } : undefined,
        onProgress,
      });
      await storeReviewItems(tx, runId, run.review, false);
      const last = await linkageRepo.latestRun(tx);
      const lastStats = (typeof last?.stats === 'string' ? JSON.parse(last.stats) : last?.stats) as
        { model?: LinkageRunModel | null } | undefined;
      // The model is the last full run's, reused as it was estimated.
      const model = lastStats?.model ?? null;
      const byId = captureHistories(run.clusters, organisationIds);
      const histories = { lists: orgs.map((o) => o.slug), rows: byId.rows };
      await linkageRepo.insertRun(tx, {
        id: runId,
        started_at: startedAt,
        finished_at: new Date(),
        schema_version: DEFAULT_SCHEMA.version,
        stats: JSON.stringify({ ...run.stats, model }),
        capture_histories: JSON.stringify(histories),
        mode: 'incremental',
        fingerprint,
        frozen_model: JSON.stringify(frozen),
      });
      await auditLinkageRun(tx, orgs);
      return {
        runId,
        organisations: orgs.map((o) => ({ ...o, encoded: counts.get(o.id) ?? 0, reviewCap: caps?.[o.id] ?? null })),
        stats: run.stats,
        model,
        personsDeduplicated: dedupedPersonCount(run.clusters),
        captureHistories: histories,
        mode: 'incremental' as const,
      };
    }
    // The linkage service: encodings only, validated against the network's schema version.
    const rows = await linkageRepo.encodingsOf(
      tx,
      orgs.map((o) => o.id),
    );
    const decided = await linkageRepo.decidedReviews(tx);
    const decisions = decided.map((d) => ({
      a: { orgId: d.a_organisation_id, recordId: d.a_person_id },
      b: { orgId: d.b_organisation_id, recordId: d.b_person_id },
      match: d.status === 'match',
    }));
    // A person keeps her id from one run to the next (reports and referrals may hold it).
    const previousPersons = (await linkageRepo.clusterAssignments(tx)).map((m) => ({
      orgId: m.organisation_id,
      recordId: m.person_id,
      personId: m.cluster_id,
    }));
    // Validation, blocking, comparison and clustering run in a worker thread, off the event loop; progress comes back by message.
    const result = await runInWorker(
      ctx,
      'linkage.link',
      { encodings: rows.map((r) => r.encoding), decisions, options: { ...linkOptions, previousPersons } },
      {
        organisationId: null,
        onProgress: onProgress && ((p) => onProgress(p.phase as LinkagePhase, p.done, p.total)),
      },
    );
    const runId = crypto.randomUUID();
    await storeReviewItems(tx, runId, result.review);
    await linkageRepo.deleteAllMatches(tx);
    for (const cluster of result.clusters) {
      const orgIds = [...new Set(cluster.members.map((m) => m.orgId))];
      if (orgIds.length < 2) continue;
      // One id per cluster, shared by every member, so network reports count her once; stable across runs.
      const clusterId = cluster.personId;
      for (const member of cluster.members) {
        await linkageRepo.insertMatch(tx, {
          organisation_id: member.orgId,
          person_id: member.recordId,
          cluster_id: clusterId,
          partner_organisation_ids: orgIds.filter((o) => o !== member.orgId),
          run_id: runId,
        });
      }
    }
    // The links and their match probabilities, for the MSE's linkage error (issue #21); ids only, no record.
    await linkageLinksRepo.replace(
      tx,
      runId,
      result.matches.map((m) => ({
        aOrganisationId: m.a.orgId,
        aPersonId: m.a.recordId,
        bOrganisationId: m.b.orgId,
        bPersonId: m.b.recordId,
        probability: m.probability === undefined ? null : Math.min(1, Math.max(0, m.probability)),
      })),
    );
    const byId = captureHistories(
      result.clusters,
      orgs.map((o) => o.id),
    );
    const histories = { lists: orgs.map((o) => o.slug), rows: byId.rows };
    const stats = { ...result.stats } as unknown as Record<string, number>;
    const model = runModelOf(result.model);
    const caps = new Map((result.model?.reviewCaps ?? []).map((c) => [c.orgId, c.cap]));
    await linkageRepo.insertRun(tx, {
      id: runId,
      started_at: startedAt,
      finished_at: new Date(),
      schema_version: DEFAULT_SCHEMA.version,
      // The model rides with the counts (parameters only): the latest run's status shows it too.
      stats: JSON.stringify({ ...stats, model }),
      capture_histories: JSON.stringify(histories),
      mode: 'full',
      fingerprint,
      frozen_model: result.frozenModel ? JSON.stringify(result.frozenModel) : null,
    });
    // What the next incremental run reuses: every record's blocking keys under this run's prefix lengths.
    if (result.frozenModel)
      await storeLinkedState(
        tx,
        runId,
        orgs.map((o) => o.id),
        rows.map((r) => r.encoding),
        result.frozenModel,
      );
    await auditLinkageRun(tx, orgs);
    return {
      runId,
      organisations: orgs.map((o) => ({ ...o, encoded: counts.get(o.id) ?? 0, reviewCap: caps.get(o.id) ?? null })),
      stats,
      model,
      personsDeduplicated: dedupedPersonCount(result.clusters),
      captureHistories: histories,
      mode: 'full' as const,
    };
  });
}

/** Pairs in the review band become pending review items; decided ones stay decided; stale pending ones go. */
async function storeReviewItems(tx: Tx, runId: string, items: ReviewItem[], dropStale = true): Promise<void> {
  const current = new Set<string>();
  for (const item of items) {
    const [a, b] = [item.a, item.b].sort((x, y) =>
      `${x.orgId}/${x.recordId}`.localeCompare(`${y.orgId}/${y.recordId}`),
    );
    const [aAttributes, bAttributes] =
      a === item.a ? [item.aAttributes, item.bAttributes] : [item.bAttributes, item.aAttributes];
    current.add(pairKey(a, b));
    await linkageRepo.upsertReview(tx, {
      id: crypto.randomUUID(),
      aOrganisationId: a.orgId,
      aPersonId: a.recordId,
      bOrganisationId: b.orgId,
      bPersonId: b.recordId,
      score: item.score,
      aAttributes: JSON.stringify(aAttributes ?? {}),
      bAttributes: JSON.stringify(bAttributes ?? {}),
      probability: item.probability === undefined ? null : Math.min(1, Math.max(0, item.probability)),
      // Levels and weights only: which fields agreed and how strongly, never the values.
      evidence: JSON.stringify(
        (item.evidence ?? []).map((e) => ({ field: e.field, level: e.level, weight: e.weight })),
      ),
      runId,
    });
  }
  // An incremental run saw only some pairs: the pending ones it did not see stay.
  if (!dropStale) return;
  const pending = await linkageRepo.pendingReviews(tx);
  const stale = pending.filter(
    (p) =>
      !current.has(
        pairKey(
          { orgId: p.a_organisation_id, recordId: p.a_person_id },
          { orgId: p.b_organisation_id, recordId: p.b_person_id },
        ),
      ),
  );
  await linkageRepo.deleteReviews(
    tx,
    stale.map((p) => p.id),
  );
}

/** How one field of a review pair compared: the level reached and the weight it adds (log2 odds), never a value. */
export interface ReviewEvidence {
  field: string;
  level: string;
  weight: number;
}

export interface ReviewView {
  id: string;
  score: number;
  /** Estimated match probability (estimated method), else null. */
  probability: number | null;
  /** Per field, how strongly it agreed; empty for a pair of the Dice method. */
  evidence: ReviewEvidence[];
  status: 'pending' | 'match' | 'non_match';
  version: number;
  decidedAt: string | null;
  records: {
    organisation: { id: string; name: string };
    own: boolean;
    attributes: Record<string, string | number | boolean>;
  }[];
}

/** Review pairs that involve the caller's organisation: similarity and non-identifying attributes only. */
export async function listReviews(ctx: AppContext, actor: Actor): Promise<ReviewView[]> {
  requireAccess(actor, 'linkage.review', { organisationId: actor.organisationId });
  return inTenant(ctx, actor, async (tx) => {
    const rows = await linkageRepo.listReviews(tx, 500);
    const orgIds = [...new Set(rows.flatMap((r) => [r.a_organisation_id, r.b_organisation_id]))];
    const names = new Map((await organisationsRepo.summariesOf(tx, orgIds)).map((o) => [o.id, o.name]));
    await auditRepo.append(tx, {
      organisationId: actor.organisationId,
      actorUserId: actor.userId,
      action: 'linkage.review.list',
      entityType: 'organisation',
      entityId: actor.organisationId,
    });
    return rows.map((r) => ({
      id: r.id,
      score: Math.round(r.score * 1000) / 1000,
      probability:
        r.probability === null || r.probability === undefined ? null : Math.round(r.probability * 1000) / 1000,
      evidence: (typeof r.evidence === 'string' ? JSON.parse(r.evidence) : (r.evidence ?? [])) as ReviewEvidence[],
      status: r.status,
      version: r.version,
      decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
      records: (
        [
          [r.a_organisation_id, r.a_attributes],
          [r.b_organisation_id, r.b_attributes],
        ] as const
      ).map(([orgId, attributes]) => ({
        organisation: { id: orgId, name: names.get(orgId) ?? '' },
        own: orgId === actor.organisationId,
        attributes: typeof attributes === 'string' ? JSON.parse(attributes) : attributes,
      })),
    }));
  });
}

/** A reviewer's decision on one pair; it applies from the next linkage run. */
export async function decideReview(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { decision: 'match' | 'non_match'; version: number },
): Promise<ReviewView> {
  requireAccess(actor, 'linkage.review', { organisationId: actor.organisationId });
  await inTenant(ctx, actor, async (tx) => {
    const row = await linkageRepo.findReview(tx, id);
    if (!row) throw errors.notFound();
    // The pair decides who may: one of the two organisations it names.
    requireAccess(actor, 'linkage.review', {
      organisationId: row.a_organisation_id,
      parties: [row.a_organisation_id, row.b_organisation_id],
    });
    // Only the version the reviewer saw is decided (then row.version is input.version).
    const decided = await linkageRepo.decideReview(tx, id, input.version, {
      decision: input.decision,
      userId: actor.userId,
      organisationId: actor.organisationId,
    });
    if (!decided) throw errors.versionConflict();
    await auditRepo.append(tx, {
      organisationId: actor.organisationId,
      actorUserId: actor.userId,
      action: `linkage.review.${input.decision}`,
      entityType: 'linkage_review',
      entityId: id,
      fields: ['status'],
    });
  });
  return (await listReviews(ctx, actor)).find((r) => r.id === id)!;
}

/** Capture histories as the CSV that `ariadne mse` and POST /api/mse read. */
export function captureHistoriesCsv(table: CaptureHistoryTable): string {
  return (
    [[...table.lists, 'count'].join(','), ...table.rows.map((r) => [...r.lists, r.count].join(','))].join('\n') + '\n'
  );
}

/** Which partner organisations may already know this person; names only, so staff can ask through a referral. */
export async function possibleDuplicates(ctx: AppContext, actor: Actor, caseId: string) {
  requireAccess(actor, 'case.read', { organisationId: actor.organisationId });
  return inTenant(ctx, actor, async (tx) => {
    const row = await requireCase(tx, actor, caseId);
    const partnerIds = await linkageRepo.partnersOfPerson(tx, actor.organisationId, row.personId);
    const consents = await caseEntriesRepo.listCurrent(tx, actor.organisationId, [caseId], 'consent');
    const consented = hasConsent(consentEventsFromRecords(consents), 'network_deduplication');
    const partners = consented && partnerIds?.length ? await organisationsRepo.summariesByName(tx, partnerIds) : [];
    await auditRepo.append(tx, {
      organisationId: actor.organisationId,
      actorUserId: actor.userId,
      action: 'case.read',
      entityType: 'case',
      entityId: caseId,
      fields: ['possible_duplicates'],
    });
    return { consentToNetworkDeduplication: consented, organisations: partners };
  });
}

/** A run's audit entry in each organisation whose records it linked (full and incremental runs alike). */
async function auditLinkageRun(
  tx: Parameters<typeof auditRepo.append>[0],
  orgs: readonly { id: string }[],
): Promise<void> {
  for (const org of orgs)
    await auditRepo.append(tx, {
      organisationId: org.id,
      actorUserId: null,
      action: 'linkage.run',
      entityType: 'organisation',
      entityId: org.id,
      fields: ['linkage_matches'],
    });
}
