/** Exactly which fields of a case, its person and its records leave the server. */
import { z } from 'zod';
import type { CaseDetailModel } from '../../services/cases';
import { ENTRY_KINDS, ENTRY_SCHEMAS, type EntryKind } from '../../domain/cases/entries';
import type { EntryView } from '../../services/case-entries';
import { FieldValueSchema, type CustomValues } from '../../domain/forms/record';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export const CaseSummarySchema = z
  .object({
    id: z.string().uuid(),
    reference: z.string(),
    status: z.string(),
    personName: z.string(),
    chosenTerm: z.string().nullable(),
    isMinor: z.boolean().nullable(),
    owner: z.object({ id: z.string().uuid(), displayName: z.string() }),
    programmeType: z.string().nullable(),
    riskLevel: z.string().nullable().describe('The current risk level'),
    openedAt: z.string(),
    updatedAt: z.string(),
    contactDate: z.string().nullable().describe('First contact (intake) date'),
  })
  .meta({ id: 'CaseSummary' });

export function presentCaseSummary(row: {
  id: string;
  reference: string;
  status: string;
  personName: string;
  chosenTerm: string | null;
  isMinor: boolean | null;
  ownerUserId: string;
  ownerName: string;
  programmeType: string | null;
  currentRiskLevel: string | null;
  openedAt: Date;
  updatedAt: Date;
  contactDate?: string | null;
}): z.infer<typeof CaseSummarySchema> {
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    personName: row.personName,
    chosenTerm: row.chosenTerm,
    isMinor: row.isMinor,
    owner: { id: row.ownerUserId, displayName: row.ownerName },
    programmeType: row.programmeType,
    riskLevel: row.currentRiskLevel,
    openedAt: iso(row.openedAt)!,
    updatedAt: iso(row.updatedAt)!,
    contactDate: row.contactDate ?? null,
  };
}

const DerivationSchema = z.object({
  definitionMet: z.union([z.boolean(), z.literal('undetermined')]),
  consentIrrelevant: z.boolean(),
  resultKey: z.string(),
  steps: z.array(
    z.object({
      rule: z.string(),
      satisfied: z.boolean(),
      explanationKey: z.string(),
      params: z.strictObject({ count: z.number().int().optional() }).optional(),
    }),
  ),
});

export const CaseDetailSchema = z
  .object({
    id: z.string().uuid(),
    reference: z.string(),
    status: z.string(),
    pausedFrom: z.string().nullable(),
    version: z.number().int(),
    openedAt: z.string(),
    closedAt: z.string().nullable(),
    closureReason: z.string().nullable(),
    programmeType: z.string().nullable(),
    country: z.string().nullable(),
    cooperationWithAuthorities: z.string(),
    owner: z.object({ id: z.string().uuid(), displayName: z.string() }),
    person: z.object({
      id: z.string().uuid(),
      givenName: z.string(),
      familyName: z.string().nullable(),
      aliases: z.array(z.string()),
      dateOfBirth: z.string().nullable(),
      sex: z.string(),
      citizenship: z.string().nullable(),
      languages: z.array(z.string()),
      contact: z.string().nullable(),
      documents: z.string().nullable(),
      chosenTerm: z.string().nullable(),
      pronouns: z.string().nullable(),
      preferredLanguage: z.string().nullable(),
      isMinor: z.boolean().nullable(),
      version: z.number().int(),
    }),
    intake: z
      .object({
        channel: z.string(),
        contactDate: z.string(),
        municipality: z.string().nullable(),
        language: z.string().nullable(),
        mediatorUsed: z.boolean(),
        immediateNeeds: z.array(z.string()),
        version: z.number().int().describe('For optimistic locking of intake edits'),
      })
      .nullable(),
    identification: z
      .object({
        entryId: z.string().uuid(),
        acts: z.array(z.string()),
        means: z.array(z.string()),
        purposes: z.array(z.string()),
        actsDate: z.string().nullable(),
        minorAtActs: z.enum(['yes', 'no', 'unknown']).nullable(),
        isMinor: z
          .boolean()
          .nullable()
          .describe('Under 18 at the time of the acts (not at intake, not today); null when undetermined'),
        minorBasis: z.enum(['explicit', 'date_of_birth']).nullable(),
        derivation: DerivationSchema,
      })
      .nullable(),
    consents: z.array(
      z.object({
        purpose: z.string(),
        granted: z.boolean(),
        at: z.string(),
        partnerOrganisationId: z.string().optional(),
      }),
    ),
    risk: z
      .strictObject({
        currentLevel: z.string().nullable(),
        assessedOn: z.string().nullable(),
        structured: z.boolean().describe('The latest assessment answered the questions'),
      })
      .describe('The level of the latest assessment that is not voided'),
    childProtection: z
      .strictObject({
        minor: z.boolean(),
        requirement: z.string().nullable().describe('An item of child_protection_requirements'),
        referralRecorded: z.boolean(),
        prompt: z.boolean().describe('A minor with no child-protection referral recorded yet'),
      })
      .describe('For a minor: the child-protection referral her case country requires'),
    otherCases: z
      .array(
        z.object({
          id: z.string().uuid(),
          reference: z.string(),
          status: z.string(),
          openedAt: z.string(),
          closedAt: z.string().nullable(),
        }),
      )
      .describe('Her other cases in this organisation, oldest first'),
    allowedTransitions: z.array(z.string()),
    permissions: z.object({
      update: z.boolean(),
      changeOwner: z.boolean(),
      readAudit: z.boolean(),
      openNewCase: z.boolean(),
    }),
  })
  .meta({ id: 'CaseDetail' });

export function presentCase(model: CaseDetailModel): z.infer<typeof CaseDetailSchema> {
  const { row, person, intake, identification } = model;
  const id = person.identity;
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    pausedFrom: row.pausedFrom,
    version: row.version,
    openedAt: iso(row.openedAt)!,
    closedAt: iso(row.closedAt),
    closureReason: row.closureReason,
    programmeType: row.programmeType,
    country: row.country,
    cooperationWithAuthorities: row.cooperation,
    owner: { id: row.ownerUserId, displayName: row.ownerName },
    person: {
      id: person.id,
      givenName: id.givenName,
      familyName: id.familyName ?? null,
      aliases: id.aliases ?? [],
      dateOfBirth: id.dateOfBirth ?? null,
      sex: person.sex,
      citizenship: id.citizenship ?? null,
      languages: id.languages ?? [],
      contact: id.contact ?? null,
      documents: id.documents ?? null,
      chosenTerm: person.chosenTerm,
      pronouns: person.pronouns,
      preferredLanguage: person.preferredLanguage,
      isMinor: person.isMinor,
      version: person.version,
    },
    intake: intake
      ? {
          channel: intake.channel,
          contactDate: intake.contactDate,
          municipality: intake.municipality ?? null,
          language: intake.language ?? null,
          mediatorUsed: intake.mediatorUsed,
          immediateNeeds: intake.immediateNeeds,
          version: intake.version,
        }
      : null,
    identification: identification
      ? {
          entryId: identification.entryId,
          acts: identification.acts,
          means: identification.means,
          purposes: identification.purposes,
          actsDate: identification.actsDate,
          minorAtActs: identification.minorAtActs as 'yes' | 'no' | 'unknown' | null,
          isMinor: identification.isMinor,
          minorBasis: identification.minorBasis,
          derivation: identification.derivation,
        }
      : null,
    consents: model.consents.map((c) => ({
      purpose: c.purpose,
      granted: c.granted,
      at: c.at,
      ...(c.partnerOrganisationId ? { partnerOrganisationId: c.partnerOrganisationId } : {}),
    })),
    risk: {
      currentLevel: model.risk.currentLevel,
      assessedOn: model.risk.assessedOn,
      structured: model.risk.structured,
    },
    childProtection: {
      minor: model.childProtection.minor,
      requirement: model.childProtection.requirement,
      referralRecorded: model.childProtection.referralRecorded,
      prompt: model.childProtection.prompt,
    },
    otherCases: model.otherCases.map((c) => ({
      id: c.id,
      reference: c.reference,
      status: c.status,
      openedAt: iso(c.openedAt)!,
      closedAt: iso(c.closedAt),
    })),
    allowedTransitions: model.allowedTransitions,
    permissions: {
      update: model.permissions.update,
      changeOwner: model.permissions.changeOwner,
      readAudit: model.permissions.readAudit,
      openNewCase: model.permissions.openNewCase,
    },
  };
}

/** The data of each kind of record as it leaves the server: its own schema, and for an identification the assessment recomputed on read. */
/**
 * Custom values as they leave: a list of { name, value }, because the names are the form's own (data,
 * not schema), and a response names every field it may hold. Requests send them keyed by name.
 */
export const CustomValuesOutSchema = z
  .strictObject({
    form: z.string(),
    version: z.number().int(),
    values: z.array(z.strictObject({ name: z.string(), value: FieldValueSchema })),
  })
  .meta({ id: 'CustomValues' });

function customOut(custom: CustomValues): z.infer<typeof CustomValuesOutSchema> {
  return {
    form: custom.form,
    version: custom.version,
    values: Object.entries(custom.values).map(([name, value]) => ({ name, value })),
  };
}

const ENTRY_DATA = {
  ...ENTRY_SCHEMAS,
  custom_form: CustomValuesOutSchema,
  identification: ENTRY_SCHEMAS.identification.extend({
    isMinor: z.boolean().nullable(),
    minorBasis: z.enum(['explicit', 'date_of_birth']).nullable(),
    derivation: DerivationSchema,
  }),
} as const;

const entryBase = {
  id: z.string().uuid(),
  recordedAt: z.string(),
  recordedBy: z.strictObject({ id: z.string().uuid(), displayName: z.string() }).nullable(),
  version: z.number().int(),
};
/**
 * Any kind's record may carry the custom fields of a form that targets the kind (issue #17), as
 * `data.custom`. Typed as the kind's own data so the union stays readable; the web reads `custom`
 * through its CustomValues type.
 */
const withCustom = <S extends z.ZodObject>(schema: S): S =>
  schema.extend({ custom: CustomValuesOutSchema.optional() }) as unknown as S;
const entryOf = <K extends EntryKind>(kind: K) =>
  z.strictObject({ ...entryBase, kind: z.literal(kind), data: withCustom(ENTRY_DATA[kind] as (typeof ENTRY_DATA)[K]) });
type EntryVariant = ReturnType<typeof entryOf<EntryKind>>;

export const EntrySchema = z
  .discriminatedUnion('kind', ENTRY_KINDS.map((k) => entryOf(k)) as [EntryVariant, ...EntryVariant[]])
  .meta({ id: 'CaseEntry' });

/** Only the fields its kind names leave the server (a field a former version stored stays behind). */
export function presentEntry(entry: EntryView): z.infer<typeof EntrySchema> {
  const kind = entry.kind as EntryKind;
  const data: Record<string, unknown> =
    kind === 'custom_form'
      ? customOut(entry.data as CustomValues)
      : Object.fromEntries(
          Object.keys(ENTRY_DATA[kind].shape)
            .filter((k) => entry.data[k] !== undefined)
            .map((k) => [k, entry.data[k]]),
        );
  if (entry.data.custom !== undefined) data.custom = customOut(entry.data.custom as CustomValues);
  return {
    id: entry.id,
    kind,
    data,
    recordedAt: iso(entry.recordedAt)!,
    recordedBy: entry.recordedBy ? { id: entry.recordedBy.id, displayName: entry.recordedBy.displayName } : null,
    version: entry.version,
  } as z.infer<typeof EntrySchema>;
}
