/**
 * The organisation's de-identified case records in the HTCDS layout, for data
 * collaboratives and national rapporteurs: one record per person who consented
 * to anonymous statistics, identifying fields never included, k-anonymised.
 */
import {
  EXCLUDED_FIELDS,
  HTCDS_COLUMNS,
  HTCDS_SOURCE,
  kAnonymise,
  toHtcdsRecords,
  type HtcdsRecord,
  type KAnonymityResult,
} from '../domain/statistics';
import type { Actor } from '../policies/policies';
import { auditRepo } from '../storage/repositories/audit';
import { organisationsRepo } from '../storage/repositories/organisations';
import { requireAccess } from './authorize';
import { inTenant, type AppContext } from './context';
import { personRecords } from './statistics';
import { reportFloor } from './disclosure-floors';
import { effectiveThreshold } from '../domain/statistics/threshold';

export interface HtcdsExport {
  provenance: {
    standard: string;
    organisation: string;
    generatedAt: string;
    counts: string;
    personsWithConsent: number;
    personsWithoutConsent: number;
    k: number;
    generalised: KAnonymityResult['generalised'];
    withheldRecords: number;
    excludedFields: readonly string[];
  };
  records: HtcdsRecord[];
}

/** k is a disclosure threshold too: never below the organisation's floor, and the floor when omitted. */
export async function exportHtcds(ctx: AppContext, actor: Actor, requestedK?: number): Promise<HtcdsExport> {
  requireAccess(actor, 'htcds.export', { organisationId: actor.organisationId });
  const k = effectiveThreshold(requestedK, await reportFloor(ctx, actor, 'organisation', [actor.organisationId]), 'k');
  return inTenant(ctx, actor, async (tx) => {
    const org = await organisationsRepo.exportProfile(tx, actor.organisationId);
    const { records, withoutConsent } = await personRecords(ctx, tx, actor.organisationId);
    // Persons, not cases: a person with several cases here is exported once, as first met.
    const byPerson = new Map<string, (typeof records)[number]>();
    for (const r of [...records].sort((a, b) => a.year - b.year))
      if (!byPerson.has(r.personId)) byPerson.set(r.personId, r);
    const mapped = toHtcdsRecords(
      [...byPerson.values()].map((r) => ({
        sex: r.sex,
        citizenship: r.citizenship,
        firstContactYear: r.year,
        channel: r.channel,
        formsOfExploitation: r.forms,
        ...r.detail,
      })),
      { type: org.type ?? null, country: org.country ?? null },
    );
    const anonymised = kAnonymise(mapped, k);
    await auditRepo.append(tx, {
      organisationId: actor.organisationId,
      actorUserId: actor.userId,
      action: 'export.htcds',
      entityType: 'organisation',
      entityId: actor.organisationId,
      fields: [...HTCDS_COLUMNS],
    });
    return {
      provenance: {
        standard: HTCDS_SOURCE,
        organisation: org.name,
        generatedAt: new Date().toISOString(),
        counts:
          'One de-identified record per person assisted by this organisation who consented to anonymous statistics (persons, not cases)',
        personsWithConsent: byPerson.size,
        personsWithoutConsent: withoutConsent,
        k,
        generalised: anonymised.generalised,
        withheldRecords: anonymised.withheldRecords,
        excludedFields: EXCLUDED_FIELDS,
      },
      records: anonymised.records,
    };
  });
}
