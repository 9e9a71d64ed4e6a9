/** Exactly which fields of a referral, its snapshot and its notes leave the server. */
import { z } from 'zod';
import { SnapshotSchema, type Snapshot } from '../../domain/referrals/snapshot';
import { code, isoDate } from '../../domain/shared/zod';
import { URGENCIES, type Urgency } from '../../domain/referrals/details';
import type { ReferralListRow, ReferralModel } from '../../services/referrals';

const asUrgency = (u: string): Urgency => ((URGENCIES as readonly string[]).includes(u) ? (u as Urgency) : 'routine');

export const ReferralSnapshotSchema = SnapshotSchema.meta({ id: 'ReferralSnapshot' });

/**
 * A note's data, per kind (sealed under the writer's organisation and read back by it only): a note is her
 * worker's text; a delivered service is the service code, the day it was delivered and an optional note.
 */
export const ReferralNoteBodySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('note'), data: z.strictObject({ text: z.string().trim().min(1).max(2000) }) }),
  z.strictObject({
    kind: z.literal('service'),
    data: z.strictObject({
      service: code,
      deliveredOn: isoDate.optional(),
      note: z.string().trim().min(1).max(2000).optional(),
    }),
  }),
]);

export const ReferralNoteDataSchema = z
  .strictObject({
    text: z.string().optional(),
    service: z.string().optional(),
    deliveredOn: z.string().optional(),
    note: z.string().optional(),
  })
  .meta({ id: 'ReferralNoteData' });
type ReferralNoteData = z.infer<typeof ReferralNoteDataSchema>;

export const ReferralNoteSchema = z
  .strictObject({ id: z.string().uuid(), kind: z.string(), data: ReferralNoteDataSchema, createdAt: z.string() })
  .meta({ id: 'ReferralNote' });

export const ReferralViewSchema = z
  .strictObject({
    id: z.string().uuid(),
    kind: z.string(),
    status: z.string(),
    direction: z.enum(['incoming', 'outgoing']),
    fromOrganisationId: z.string().uuid(),
    toOrganisationId: z.string().uuid(),
    fromCaseId: z.string().uuid().nullable(),
    toCaseId: z.string().uuid().nullable(),
    requestedService: z.string(),
    /** The sender's message to the partner (both sides read it), its urgency and the day it is needed by. */
    message: z.string().nullable(),
    urgency: z.enum(URGENCIES),
    requestedBy: z.string().nullable(),
    /** The reference of the viewer's own case: the sender's case, or the receiver's once a transfer made one. */
    caseReference: z.string().nullable(),
    sharedSections: z.array(z.string()),
    declineReason: z.string().nullable(),
    version: z.number().int(),
    /** True once her consent for this receiver no longer holds; the snapshot is then withheld. */
    consentWithdrawn: z.boolean(),
    consentWithdrawnAt: z.string().nullable(),
    snapshot: ReferralSnapshotSchema.nullable(),
    notes: z.array(ReferralNoteSchema),
  })
  .meta({ id: 'Referral' });

function presentNoteData(d: Record<string, unknown>): ReferralNoteData {
  const out: ReferralNoteData = {};
  for (const k of ['text', 'service', 'deliveredOn', 'note'] as const)
    if (typeof d[k] === 'string') out[k] = d[k] as string;
  return out;
}

function presentSnapshot(s: Snapshot): Snapshot {
  return {
    chosenTerm: s.chosenTerm,
    language: s.language,
    needs: [...s.needs],
    requestedService: s.requestedService,
    ...(s.riskLevel !== undefined ? { riskLevel: s.riskLevel } : {}),
    ...(s.identity
      ? {
          identity: {
            givenName: s.identity.givenName,
            sex: s.identity.sex,
            ...(s.identity.familyName !== undefined ? { familyName: s.identity.familyName } : {}),
            ...(s.identity.aliases ? { aliases: [...s.identity.aliases] } : {}),
            ...(s.identity.dateOfBirth !== undefined ? { dateOfBirth: s.identity.dateOfBirth } : {}),
            ...(s.identity.citizenship !== undefined ? { citizenship: s.identity.citizenship } : {}),
            ...(s.identity.languages ? { languages: [...s.identity.languages] } : {}),
            ...(s.identity.contact !== undefined ? { contact: s.identity.contact } : {}),
            ...(s.identity.documents !== undefined ? { documents: s.identity.documents } : {}),
            ...(s.identity.minor !== undefined ? { minor: s.identity.minor } : {}),
          },
        }
      : {}),
    ...(s.identification
      ? {
          identification: {
            acts: [...s.identification.acts],
            means: [...s.identification.means],
            purposes: [...s.identification.purposes],
            formsOfExploitation: [...s.identification.formsOfExploitation],
            methodsOfControl: [...s.identification.methodsOfControl],
            ...(s.identification.assessedOn !== undefined ? { assessedOn: s.identification.assessedOn } : {}),
            ...(s.identification.actsDate !== undefined ? { actsDate: s.identification.actsDate } : {}),
            ...(s.identification.minorAtActs !== undefined ? { minorAtActs: s.identification.minorAtActs } : {}),
          },
        }
      : {}),
    ...(s.legal
      ? {
          legal: s.legal.map((l) => ({
            type: l.type,
            date: l.date,
            ...(l.country !== undefined ? { country: l.country } : {}),
            ...(l.endDate !== undefined ? { endDate: l.endDate } : {}),
            ...(l.validUntil !== undefined ? { validUntil: l.validUntil } : {}),
          })),
        }
      : {}),
    // Her labour records when the employment section is shared: codes, dates and states, field by field.
    ...(s.employment
      ? {
          employment: {
            schoolingLevels: [...s.employment.schoolingLevels],
            languages: s.employment.languages.map((l) => ({ language: l.language, level: l.level })),
            trainings: s.employment.trainings.map((x) => ({
              type: x.type,
              status: x.status,
              startOn: x.startOn,
              ...(x.endOn !== undefined ? { endOn: x.endOn } : {}),
              ...(x.completedOn !== undefined ? { completedOn: x.completedOn } : {}),
            })),
            internships: s.employment.internships.map((x) => ({
              startOn: x.startOn,
              endOn: x.endOn,
              hoursPerWeek: x.hoursPerWeek,
              status: x.status,
            })),
            placements: s.employment.placements.map((x) => ({
              contractType: x.contractType,
              startOn: x.startOn,
              ...(x.sector !== undefined ? { sector: x.sector } : {}),
              ...(x.hoursPerWeek !== undefined ? { hoursPerWeek: x.hoursPerWeek } : {}),
              ...(x.endedOn !== undefined ? { endedOn: x.endedOn } : {}),
            })),
          },
        }
      : {}),
    // Custom records of a shared referral section: the form, its version's labels and the values (field list closed).
    ...(s.forms
      ? {
          forms: s.forms.map((f) => ({
            form: f.form,
            title: f.title,
            version: f.version,
            recordedAt: f.recordedAt,
            sections: f.sections.map((section) => ({
              name: section.name,
              label: section.label,
              fields: section.fields.map((field) => ({
                name: field.name,
                type: field.type,
                label: field.label,
                retired: field.retired,
                ...(field.choices
                  ? { choices: { options: field.choices.options.map((o) => ({ code: o.code, label: o.label })) } }
                  : {}),
              })),
            })),
            values: f.values.map((v) => ({ name: v.name, value: v.value })),
          })),
        }
      : {}),
  };
}

export function presentReferral(m: ReferralModel): z.infer<typeof ReferralViewSchema> {
  const { row } = m;
  const incoming = m.direction === 'incoming';
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    direction: m.direction,
    fromOrganisationId: row.fromOrganisationId,
    toOrganisationId: row.toOrganisationId,
    // Each side sees only its own case.
    fromCaseId: incoming ? null : row.fromCaseId,
    toCaseId: incoming ? row.toCaseId : null,
    requestedService: row.requestedService,
    message: m.message,
    urgency: asUrgency(row.urgency),
    requestedBy: row.requestedBy,
    caseReference: m.caseReference,
    sharedSections: [...row.sharedSections],
    declineReason: m.declineReason,
    version: row.version,
    consentWithdrawn: m.consentWithdrawn,
    consentWithdrawnAt: row.consentWithdrawnAt ? new Date(row.consentWithdrawnAt).toISOString() : null,
    snapshot: m.snapshot ? presentSnapshot(m.snapshot) : null,
    notes: m.notes.map((n) => ({
      id: n.id,
      kind: n.kind,
      data: presentNoteData(n.data),
      createdAt: n.createdAt.toISOString(),
    })),
  };
}

export const ReferralRowSchema = z
  .strictObject({
    id: z.string().uuid(),
    kind: z.string(),
    status: z.string(),
    requestedService: z.string(),
    urgency: z.enum(URGENCIES),
    requestedBy: z.string().nullable(),
    /** The viewer's own case, if she has one for this referral (the receiver's once a transfer made it). */
    caseId: z.string().uuid().nullable(),
    caseReference: z.string().nullable(),
    createdAt: z.string(),
    consentWithdrawnAt: z.string().nullable(),
    fromId: z.string().uuid(),
    fromName: z.string(),
    toId: z.string().uuid(),
    toName: z.string(),
  })
  .meta({ id: 'ReferralSummary' });

export function presentReferralRow(r: ReferralListRow): z.infer<typeof ReferralRowSchema> {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    requestedService: r.requestedService,
    urgency: asUrgency(r.urgency),
    requestedBy: r.requestedBy,
    caseId: r.caseId,
    caseReference: r.caseReference,
    createdAt: new Date(r.createdAt).toISOString(),
    consentWithdrawnAt: r.consentWithdrawnAt ? new Date(r.consentWithdrawnAt).toISOString() : null,
    fromId: r.fromId,
    fromName: r.fromName,
    toId: r.toId,
    toName: r.toName,
  };
}
