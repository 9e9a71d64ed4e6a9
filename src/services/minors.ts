/**
 * What the case view shows about her safety and, for a minor, child protection: the current risk
 * level with its date, and whether the child-protection referral her case's country requires is
 * still to be recorded. Reads the clear part of the records only (codes and dates).
 */
import { childProtectionStatus, treatAsMinor, type AgeAssessmentResult } from '../domain/cases/minors';
import { latestAssessment } from '../domain/cases/risk';
import type { ListIndex } from './reference-lists';

interface EntryLike {
  kind: string;
  data: Record<string, unknown>;
  recordedAt: Date;
}

const latestBy = (entries: EntryLike[], field: string) =>
  [...entries].sort((a, b) => String(a.data[field] ?? '').localeCompare(String(b.data[field] ?? ''))).at(-1);

export function caseSafety(
  lists: ListIndex,
  c: { country: string | null; currentRiskLevel: string | null },
  facts: { personIsMinor: boolean | null; identificationIsMinor: boolean | null },
  entries: EntryLike[],
) {
  const latest = latestAssessment(entries.filter((e) => e.kind === 'risk_assessment'));
  const age = latestBy(
    entries.filter((e) => e.kind === 'age_assessment'),
    'date',
  );
  const minor = treatAsMinor({
    ...facts,
    ageAssessment: (age?.data.result as AgeAssessmentResult | undefined) ?? null,
  });
  const requirements = lists.lists.find((l) => l.key === 'child_protection_requirements')?.items ?? [];
  return {
    risk: {
      // The denormalised level (kept by the database) and the record it comes from agree by construction.
      currentLevel: c.currentRiskLevel ?? (typeof latest?.data.level === 'string' ? latest.data.level : null),
      assessedOn: typeof latest?.data.assessedOn === 'string' ? latest.data.assessedOn : null,
      structured: Array.isArray(latest?.data.answers),
    },
    childProtection: childProtectionStatus(
      minor,
      requirements,
      c.country,
      entries.some((e) => e.kind === 'child_protection_referral'),
    ),
  };
}
