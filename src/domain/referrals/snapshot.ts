/**
 * The snapshot a referral or transfer carries: built from the sender's records for
 * exactly the sections shared, and turned into the receiver's first records on a
 * transfer. Never locations, never free text (notes, her own account), only codes,
 * dates and, when shared, who she is.
 */
import { z } from 'zod';
import { DomainError } from '../errors';
import { code, isoDate } from '../shared/zod';
import type { SharedSection } from './workflow';
import { latestAssessment } from '../cases/risk';
import { sharedFormRecords, SharedFormRecordSchema, type CustomRecordSource, type ListLabels } from '../forms/referral';

export const IdentitySnapshot = z.strictObject({
  givenName: z.string(),
  familyName: z.string().optional(),
  aliases: z.array(z.string()).optional(),
  dateOfBirth: z.string().optional(),
  citizenship: z.string().optional(),
  languages: z.array(z.string()).optional(),
  contact: z.string().optional(),
  documents: z.string().optional(),
  sex: z.string(),
  /** Whether she is a minor when the referral is sent (from her date of birth, else as recorded). */
  minor: z.boolean().optional(),
});

export const IdentificationSnapshot = z.strictObject({
  acts: z.array(code),
  means: z.array(code),
  purposes: z.array(code),
  formsOfExploitation: z.array(code),
  methodsOfControl: z.array(code),
  assessedOn: isoDate.optional(),
  // Her age at the time of the acts is what counts: the date of the acts and the explicit answer.
  actsDate: isoDate.optional(),
  minorAtActs: z.enum(['yes', 'no', 'unknown']).optional(),
});

export const LegalEventSnapshot = z.strictObject({
  type: code,
  date: isoDate,
  country: z.string().optional(),
  endDate: isoDate.optional(),
  validUntil: isoDate.optional(),
});

/**
 * Her labour-market insertion records (issue #19), when she agreed to share the `employment` section:
 * codes, dates, numbers and states only. Her own words, roles, goals, reviews and the employers' ids
 * (the sender's directory) stay with the sender.
 */
export const EmploymentSnapshot = z.strictObject({
  schoolingLevels: z.array(code),
  languages: z.array(
    z.strictObject({ language: code, level: z.enum(['basic', 'independent', 'proficient', 'native']) }),
  ),
  trainings: z.array(
    z.strictObject({
      type: z.enum(['vocational', 'language', 'other']),
      status: z.enum(['enrolled', 'attending', 'completed', 'left']),
      startOn: isoDate,
      endOn: isoDate.optional(),
      completedOn: isoDate.optional(),
    }),
  ),
  internships: z.array(
    z.strictObject({
      startOn: isoDate,
      endOn: isoDate,
      hoursPerWeek: z.number(),
      status: z.enum(['planned', 'ongoing', 'completed', 'ended_early']),
    }),
  ),
  placements: z.array(
    z.strictObject({
      contractType: code,
      sector: code.optional(),
      startOn: isoDate,
      hoursPerWeek: z.number().optional(),
      endedOn: isoDate.optional(),
    }),
  ),
});

/** The closed shape of every snapshot; the API schema and the decrypting service both use it. */
export const SnapshotSchema = z.strictObject({
  chosenTerm: z.string().nullable(),
  language: z.string().nullable(),
  needs: z.array(z.string()),
  requestedService: z.string(),
  riskLevel: code.optional(),
  identity: IdentitySnapshot.optional(),
  identification: IdentificationSnapshot.optional(),
  legal: z.array(LegalEventSnapshot).optional(),
  /** Custom records of forms whose referral section was shared (src/domain/forms/referral.ts). */
  forms: z.array(SharedFormRecordSchema).optional(),
  employment: EmploymentSnapshot.optional(),
});
export type Snapshot = z.infer<typeof SnapshotSchema>;

export interface SnapshotSources {
  chosenTerm: string | null;
  language: string | null;
  needs: string[];
  requestedService: string;
  identity?: z.infer<typeof IdentitySnapshot>;
  /** Current records of the sender's case (clear data only; secrets never reach here). */
  entries: readonly { kind: string; data: Record<string, unknown> }[];
  /** Her custom records, decrypted, each with its version's definition; only those of shared sections cross. */
  customRecords?: readonly CustomRecordSource[];
  /** The sender's list labels for choices from a list, in every language. */
  listLabels?: ListLabels;
}

const codes = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
const optionalString = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

/** The snapshot of exactly the shared sections, fields listed one by one. */
export function buildSnapshot(sections: readonly (SharedSection | string)[], s: SnapshotSources): Snapshot {
  const snapshot: Snapshot = {
    chosenTerm: s.chosenTerm,
    language: s.language,
    needs: [...s.needs],
    requestedService: s.requestedService,
  };
  const latest = (kind: string) => s.entries.filter((e) => e.kind === kind).at(-1)?.data;
  if (sections.includes('risk_level')) {
    // The current level: the latest assessment by its date (list order breaks ties), as on the case.
    const assessments = s.entries.filter((e) => e.kind === 'risk_assessment').map((e) => ({ ...e, recordedAt: 0 }));
    const level = optionalString(latestAssessment(assessments)?.data.level);
    if (level) snapshot.riskLevel = level;
  }
  if (sections.includes('identity') && s.identity) snapshot.identity = s.identity;
  const identification = latest('identification');
  if (sections.includes('identification') && identification) {
    snapshot.identification = {
      acts: codes(identification.acts),
      means: codes(identification.means),
      purposes: codes(identification.purposes),
      formsOfExploitation: codes(identification.formsOfExploitation),
      methodsOfControl: codes(identification.methodsOfControl),
      ...(optionalString(identification.assessedOn) ? { assessedOn: String(identification.assessedOn) } : {}),
      ...(optionalString(identification.actsDate) ? { actsDate: String(identification.actsDate) } : {}),
      ...(['yes', 'no', 'unknown'].includes(String(identification.minorAtActs))
        ? { minorAtActs: identification.minorAtActs as 'yes' | 'no' | 'unknown' }
        : {}),
    };
  }
  if (sections.includes('legal')) {
    snapshot.legal = s.entries
      .filter((e) => e.kind === 'legal_event')
      .map(({ data }) => ({
        type: String(data.type),
        date: String(data.date),
        ...(optionalString(data.country) ? { country: String(data.country) } : {}),
        ...(optionalString(data.endDate) ? { endDate: String(data.endDate) } : {}),
        ...(optionalString(data.validUntil) ? { validUntil: String(data.validUntil) } : {}),
      }));
  }
  if (sections.includes('employment')) snapshot.employment = employmentSnapshot(s.entries);
  const forms = sharedFormRecords(sections, s.customRecords ?? [], s.listLabels);
  if (forms.length) snapshot.forms = forms;
  return snapshot;
}

/** Which reference list each shared code must come from on the receiving side. */
const IDENTIFICATION_LISTS = {
  acts: 'palermo_acts',
  means: 'palermo_means',
  purposes: 'palermo_purposes',
  formsOfExploitation: 'forms_of_exploitation',
  methodsOfControl: 'methods_of_control',
} as const;

export interface ReceiverLists {
  has(list: string, code: string): boolean;
  /** The receiver's active risk levels, lowest first. */
  riskLevels: readonly string[];
}

export interface ReceiverRecords {
  chosenTerm: string | null;
  needs: string[];
  riskLevel: string;
  identification: z.infer<typeof IdentificationSnapshot> | null;
  legal: z.infer<typeof LegalEventSnapshot>[];
  /** Shared codes the receiver's lists do not know, by field: kept out, and said so on the new case. */
  omitted: Record<string, string[]>;
  /** Why the risk level is not the one shared, if it is not. */
  riskLevelSource: 'shared' | 'not_shared' | 'unknown_to_receiver';
}

/**
 * The receiver's first records from a transfer snapshot, validated against the receiver's
 * own lists. A code the receiver does not know is kept out (never mapped by guesswork) and
 * listed in `omitted`, so the new owner sees what did not cross. A risk level that did not
 * cross is taken as the receiver's highest: she is never less protected than assessed.
 */
export function receiverRecords(snapshot: Snapshot, lists: ReceiverLists): ReceiverRecords {
  const omitted: Record<string, string[]> = {};
  const keep = (field: string, list: string, values: readonly string[]) => {
    const unknown = values.filter((v) => !lists.has(list, v));
    if (unknown.length) omitted[field] = unknown;
    return values.filter((v) => lists.has(list, v));
  };
  const chosenTerm =
    snapshot.chosenTerm && keep('chosenTerm', 'chosen_terms', [snapshot.chosenTerm]).length
      ? snapshot.chosenTerm
      : null;
  const needs = keep('needs', 'immediate_needs', snapshot.needs);
  let riskLevel = snapshot.riskLevel;
  let riskLevelSource: ReceiverRecords['riskLevelSource'] = 'shared';
  if (!riskLevel) riskLevelSource = 'not_shared';
  else if (!lists.has('risk_levels', riskLevel)) {
    omitted.riskLevel = [riskLevel];
    riskLevelSource = 'unknown_to_receiver';
    riskLevel = undefined;
  }
  const highest = lists.riskLevels.at(-1);
  if (!riskLevel && !highest)
    throw new DomainError('unknown_list_value', 'The receiving organisation has no risk levels', {
      field: 'risk.level',
      list: 'risk_levels',
    });
  const identification = snapshot.identification
    ? ({
        ...snapshot.identification,
        ...Object.fromEntries(
          Object.entries(IDENTIFICATION_LISTS).map(([field, list]) => [
            field,
            keep(`identification.${field}`, list, snapshot.identification![field as keyof typeof IDENTIFICATION_LISTS]),
          ]),
        ),
      } as z.infer<typeof IdentificationSnapshot>)
    : null;
  return {
    chosenTerm,
    needs,
    riskLevel: riskLevel ?? highest!,
    identification,
    legal: [...(snapshot.legal ?? [])],
    omitted,
    riskLevelSource,
  };
}

const maybe = (key: string, v: unknown) => (typeof v === 'string' && v ? { [key]: v } : {});

/** The `employment` section: each labour record's codes, dates and states, fields listed one by one. */
function employmentSnapshot(entries: SnapshotSources['entries']): z.infer<typeof EmploymentSnapshot> {
  const of = (kind: string) => entries.filter((e) => e.kind === kind).map((e) => e.data);
  const biography = of('work_biography').at(-1);
  const list = (v: unknown) => (Array.isArray(v) ? (v as Record<string, unknown>[]) : []);
  return {
    schoolingLevels: list(biography?.schooling).map((x) => String(x.level)),
    languages: list(biography?.languages).map((x) => ({
      language: String(x.language),
      level: x.level as 'basic' | 'independent' | 'proficient' | 'native',
    })),
    trainings: of('training').map((d) => ({
      type: d.type as 'vocational' | 'language' | 'other',
      status: d.status as 'enrolled' | 'attending' | 'completed' | 'left',
      startOn: String(d.startOn),
      ...maybe('endOn', d.endOn),
      ...maybe('completedOn', d.completedOn),
    })),
    internships: of('internship').map((d) => ({
      startOn: String(d.startOn),
      endOn: String(d.endOn),
      hoursPerWeek: Number(d.hoursPerWeek),
      status: d.status as 'planned' | 'ongoing' | 'completed' | 'ended_early',
    })),
    placements: of('job_placement').map((d) => ({
      contractType: String(d.contractType),
      ...maybe('sector', d.sector),
      startOn: String(d.startOn),
      ...(typeof d.hoursPerWeek === 'number' ? { hoursPerWeek: d.hoursPerWeek } : {}),
      ...maybe('endedOn', d.endedOn),
    })),
  };
}
