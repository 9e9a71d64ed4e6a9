/**
 * Exactly which fields of a hotline hand-off, a routing suggestion and the contact statistics leave the
 * server. A hand-off carries coarse facts (channel, time, place, language, needs, what was given); her
 * nickname and note only to the receiving post, only while she agrees. Statistics: published counts or
 * suppression markers, never a true hidden count.
 */
import { z } from 'zod';
import { LANGUAGE_FITS, ROUTING_REASONS, TERRITORY_FITS, type RoutedPost } from '../../domain/contacts/routing';
import type { ContactSeries, ContactStatistics } from '../../domain/statistics/contacts';
import type { PublishedCount } from '../../domain/statistics/protect';
import type { HandoffModel } from '../../services/handoffs';

export const HandoffViewSchema = z
  .strictObject({
    id: z.string().uuid(),
    direction: z.enum(['incoming', 'outgoing']),
    networkId: z.string().uuid(),
    from: z.strictObject({ id: z.string().uuid(), name: z.string() }),
    to: z.strictObject({ id: z.string().uuid(), name: z.string() }),
    /** The sender's contact (outgoing only). */
    contactId: z.string().uuid().nullable(),
    occurredAt: z.string().datetime({ offset: true }),
    kind: z.enum(['hotline_call', 'outreach', 'drop_in', 'message']),
    place: z.strictObject({ level: z.enum(['municipality', 'outreach_route']), name: z.string() }),
    language: z.string().nullable(),
    interpreterUsed: z.boolean(),
    needs: z.array(z.string()),
    provided: z.array(z.string()),
    identityShared: z.boolean(),
    identityWithdrawn: z.boolean(),
    /** Her nickname and what she told: to the receiver only, only with her agreement. */
    identity: z.strictObject({ nickname: z.string().nullable(), note: z.string().nullable() }).nullable(),
    status: z.enum(['pending', 'accepted', 'declined']),
    answeredAt: z.string().datetime({ offset: true }).nullable(),
    declineReason: z.string().nullable(),
    /** The receiver's contact in its own log (incoming, once accepted). */
    receivedContactId: z.string().uuid().nullable(),
    createdAt: z.string().datetime({ offset: true }),
    version: z.number().int(),
  })
  .meta({ id: 'Handoff' });
export type HandoffView = z.infer<typeof HandoffViewSchema>;

export const HandoffListSchema = z.strictObject({
  incoming: z.array(HandoffViewSchema),
  outgoing: z.array(HandoffViewSchema),
});

export function presentHandoff(m: HandoffModel): HandoffView {
  const r = m.row;
  const outgoing = m.direction === 'outgoing';
  return {
    id: r.id,
    direction: m.direction,
    networkId: r.networkId,
    from: { id: r.fromOrganisationId, name: r.fromName },
    to: { id: r.toOrganisationId, name: r.toName },
    contactId: outgoing ? r.contactId : null,
    occurredAt: r.occurredAt.toISOString(),
    kind: r.kind as HandoffView['kind'],
    place: { level: r.placeLevel as HandoffView['place']['level'], name: r.place },
    language: r.language,
    interpreterUsed: r.interpreterUsed,
    needs: [...r.needs],
    provided: [...r.provided],
    identityShared: r.identityShared,
    identityWithdrawn: r.identityWithdrawnAt !== null,
    identity: m.identity ? { nickname: m.identity.nickname, note: m.identity.note } : null,
    status: r.status,
    answeredAt: r.answeredAt ? r.answeredAt.toISOString() : null,
    declineReason: r.declineReason,
    receivedContactId: outgoing ? null : r.toContactId,
    createdAt: r.createdAt.toISOString(),
    version: r.version,
  };
}

export const RoutedPostSchema = z
  .strictObject({
    organisationId: z.string().uuid(),
    name: z.string(),
    territoryFit: z.enum(TERRITORY_FITS),
    languageFit: z.enum(LANGUAGE_FITS),
    reasons: z.array(z.enum(ROUTING_REASONS)),
  })
  .meta({ id: 'RoutedPost' });
export const RouteSuggestionsSchema = z.strictObject({
  contactId: z.string().uuid(),
  posts: z.array(RoutedPostSchema),
});

export function presentRoute(r: { contactId: string; posts: RoutedPost[] }): z.infer<typeof RouteSuggestionsSchema> {
  return {
    contactId: r.contactId,
    posts: r.posts.map((p) => ({
      organisationId: p.organisationId,
      name: p.name,
      territoryFit: p.territoryFit,
      languageFit: p.languageFit,
      reasons: [...p.reasons],
    })),
  };
}

const Count = z.union([
  z.number().int(),
  z.strictObject({ suppressed: z.literal(true), reason: z.enum(['primary', 'complementary']) }),
]);
const SeriesSchema = z.strictObject({
  counts: z.enum(['contacts', 'persons']),
  rows: z.array(z.string()),
  cols: z.array(z.string()),
  cells: z.array(z.array(Count)),
  rowTotals: z.array(Count),
  colTotals: z.array(Count),
  grandTotal: Count,
  rowsAddUp: z.boolean(),
  colsAddUp: z.boolean(),
});
export const ContactStatisticsSchema = z
  .strictObject({
    period: z.strictObject({ from: z.string(), to: z.string() }),
    scope: z.strictObject({ description: z.string(), organisationIds: z.array(z.string().uuid()) }),
    contactsByChannel: SeriesSchema,
    contactsByTerritory: SeriesSchema,
    personsByChannel: SeriesSchema,
    provenance: z.strictObject({
      generatedAt: z.string(),
      source: z.string(),
      contactsCounted: z.number().int().optional(),
      personsCounted: z.number().int().optional(),
      disclosureControl: z.array(z.string()),
    }),
    notes: z.array(z.string()),
  })
  .meta({ id: 'ContactStatistics' });

const count = (v: PublishedCount): z.infer<typeof Count> =>
  typeof v === 'number' ? v : { suppressed: true, reason: v.reason };
const series = (s: ContactSeries): z.infer<typeof SeriesSchema> => ({
  counts: s.counts,
  rows: [...s.rows],
  cols: [...s.cols],
  cells: s.cells.map((row) => row.map(count)),
  rowTotals: s.rowTotals.map(count),
  colTotals: s.colTotals.map(count),
  grandTotal: count(s.grandTotal),
  rowsAddUp: s.rowsAddUp,
  colsAddUp: s.colsAddUp,
});

export function presentContactStatistics(s: ContactStatistics): z.infer<typeof ContactStatisticsSchema> {
  return {
    period: { from: s.period.from, to: s.period.to },
    scope: { description: s.scope.description, organisationIds: [...s.scope.organisationIds] },
    contactsByChannel: series(s.contactsByChannel),
    contactsByTerritory: series(s.contactsByTerritory),
    personsByChannel: series(s.personsByChannel),
    provenance: {
      generatedAt: s.provenance.generatedAt,
      source: s.provenance.source,
      ...(s.provenance.contactsCounted === undefined ? {} : { contactsCounted: s.provenance.contactsCounted }),
      ...(s.provenance.personsCounted === undefined ? {} : { personsCounted: s.provenance.personsCounted }),
      disclosureControl: [...s.provenance.disclosureControl],
    },
    notes: [...s.notes],
  };
}
