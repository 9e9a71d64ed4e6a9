/** Thin handlers for cases: validate at the edge, call the service, present. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { EntryKind as Kind } from '../../../domain/cases/entries';
import * as entries from '../../../services/case-entries';
import * as cases from '../../../services/cases';
import { readableTimeline } from '../../../services/history';
import { requestLanguage } from '../../../services/preferences';
import { possibleDuplicates } from '../../../services/linkage';
import { caseOutcomes, outcomeInstrument, outcomeModel, proposeScores } from '../../../services/outcomes';
import type { AppContext } from '../../../services/context';
import { requireSession } from '../../plugins/session';
import { AuditEntryViewSchema, presentAuditEntry } from '../../presenters/audit';
import {
  CaseDetailSchema,
  CaseSummarySchema,
  EntrySchema,
  presentCase,
  presentCaseSummary,
  presentEntry,
} from '../../presenters/case';
import {
  CaseOutcomesSchema,
  FactorDefinitionSchema,
  InstrumentSchema,
  OutcomeModelSchema,
  presentCaseOutcomes,
  presentFactorDefinition,
  presentInstrument,
  presentOutcomeModel,
  presentProposedScore,
  ProposedScoreSchema,
} from '../../presenters/outcomes';
import { presentTimelineEvent, TimelineEventSchema } from '../../presenters/timeline';
import { errorResponses } from '../../schemas';
import {
  CaseListQuery,
  CaseParams,
  ChangeOwnerBody,
  CreateCaseBody,
  EntryKind,
  EntryParams,
  NewEntryBody,
  ReviseEntryBody,
  TransitionBody,
  UpdateCaseBody,
  UpdatePersonBody,
} from './schema';

/** GET /api/cases: a page of summaries and the (possibly capped) number of matches. */
export const CaseListResponse = z.object({
  cases: z.array(CaseSummarySchema),
  total: z.number().int(),
  totalCapped: z.boolean().describe('true when there are more than `total` matches'),
});
/** GET /api/cases/:id/entries. */
export const EntriesResponse = z.object({ entries: z.array(EntrySchema) });
/** GET /api/cases/:id/timeline. */
export const TimelineResponse = z.strictObject({
  caseReference: z.string().nullable(),
  events: z.array(TimelineEventSchema),
});
/** GET /api/cases/:id/possible-duplicates: partner names only. */
export const PossibleDuplicatesResponse = z.object({
  consentToNetworkDeduplication: z.boolean(),
  organisations: z.array(z.object({ id: z.string().uuid(), name: z.string() })),
});
/** GET /api/outcomes/model: the outcome model and the factor catalogue, with their labels. */
export const OutcomeModelResponse = z.strictObject({
  model: OutcomeModelSchema,
  factorCatalogue: z.array(FactorDefinitionSchema),
});
/** POST /api/outcomes/proposals. */
export const ProposalsResponse = z.strictObject({ proposals: z.array(ProposedScoreSchema) });

export const caseRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['cases'];

  app.get(
    '/api/cases',
    {
      schema: {
        tags,
        summary:
          'List and search cases: by reference (or its start), partial or misspelt name (keyed blind indexes of name terms), exact date of birth',
        querystring: CaseListQuery,
        response: {
          200: CaseListResponse,
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const result = await cases.listCases(ctx, requireSession(request).actor, {
        ...request.query,
        mine: request.query.mine === 'true',
      });
      return { cases: result.cases.map(presentCaseSummary), total: result.total, totalCapped: result.totalCapped };
    },
  );

  app.post(
    '/api/cases',
    {
      schema: {
        tags,
        summary:
          'Record a first contact: the person (new, or one already known by personId), the intake and a safety risk assessment',
        body: CreateCaseBody,
        response: { 201: CaseDetailSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      // The schema guarantees exactly one of person and personId.
      const { person, personId, ...rest } = request.body;
      const input = person ? { ...rest, person } : { ...rest, personId: personId! };
      return reply.code(201).send(presentCase(await cases.createCase(ctx, requireSession(request).actor, input)));
    },
  );

  app.get(
    '/api/cases/:id',
    {
      schema: {
        tags,
        summary: 'A case with its person, intake, identification and consents (audited read)',
        params: CaseParams,
        response: { 200: CaseDetailSchema, ...errorResponses },
      },
    },
    async (request) => presentCase(await cases.getCase(ctx, requireSession(request).actor, request.params.id)),
  );

  app.patch(
    '/api/cases/:id',
    {
      schema: {
        tags,
        summary: 'Change programme, country or cooperation status (optimistic locking)',
        params: CaseParams,
        body: UpdateCaseBody,
        response: { 200: CaseDetailSchema, ...errorResponses },
      },
    },
    async (request) =>
      presentCase(await cases.updateCase(ctx, requireSession(request).actor, request.params.id, request.body)),
  );

  app.patch(
    '/api/cases/:id/person',
    {
      schema: {
        tags,
        summary: "Edit the person's details (encrypted; optimistic locking on the person's version)",
        params: CaseParams,
        body: UpdatePersonBody,
        response: { 200: CaseDetailSchema, ...errorResponses },
      },
    },
    async (request) =>
      presentCase(await cases.updatePerson(ctx, requireSession(request).actor, request.params.id, request.body)),
  );

  app.post(
    '/api/cases/:id/transitions',
    {
      schema: {
        tags,
        summary: 'Move the case through its lifecycle: advance, pause, close or reopen',
        params: CaseParams,
        body: TransitionBody,
        response: { 200: CaseDetailSchema, ...errorResponses },
      },
    },
    async (request) =>
      presentCase(await cases.transitionCase(ctx, requireSession(request).actor, request.params.id, request.body)),
  );

  app.post(
    '/api/cases/:id/owner',
    {
      schema: {
        tags,
        summary: 'Hand the case over to another case owner, with a reason',
        params: CaseParams,
        body: ChangeOwnerBody,
        response: { 200: CaseDetailSchema, ...errorResponses },
      },
    },
    async (request) =>
      presentCase(await cases.changeOwner(ctx, requireSession(request).actor, request.params.id, request.body)),
  );

  app.get(
    '/api/cases/:id/entries',
    {
      schema: {
        tags,
        summary: 'The current version of each record of a case',
        params: CaseParams,
        querystring: z.strictObject({ kind: EntryKind.optional() }),
        response: { 200: EntriesResponse, ...errorResponses },
      },
    },
    async (request) => ({
      entries: (
        await entries.listEntries(ctx, requireSession(request).actor, request.params.id, request.query.kind)
      ).map(presentEntry),
    }),
  );

  app.post(
    '/api/cases/:id/entries',
    {
      schema: {
        tags,
        summary: 'Add a record (identification, consent, objective, service, placement, legal event...)',
        params: CaseParams,
        body: NewEntryBody,
        response: { 201: EntrySchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          presentEntry(
            await entries.addEntry(
              ctx,
              requireSession(request).actor,
              request.params.id,
              request.body.kind as Kind,
              request.body.data,
            ),
          ),
        ),
  );

  app.patch(
    '/api/cases/:id/entries/:entryId',
    {
      schema: {
        tags,
        summary: 'Revise a record: a new version is written and the old one kept',
        params: EntryParams,
        body: ReviseEntryBody,
        response: { 200: EntrySchema, ...errorResponses },
      },
    },
    async (request) =>
      presentEntry(
        await entries.reviseEntry(
          ctx,
          requireSession(request).actor,
          request.params.id,
          request.params.entryId,
          request.body.data,
          request.body.version,
          request.body.reason,
        ),
      ),
  );

  app.get(
    '/api/cases/:id/timeline',
    {
      schema: {
        tags,
        summary: 'What happened to the case, in order (codes only)',
        params: CaseParams,
        response: {
          200: TimelineResponse,
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { actor } = requireSession(request);
      const language = await requestLanguage(ctx, actor, request.headers['accept-language']);
      const timeline = await readableTimeline(ctx, actor, request.params.id, language);
      return { caseReference: timeline.caseReference, events: timeline.events.map(presentTimelineEvent) };
    },
  );

  app.get(
    '/api/cases/:id/audit',
    {
      schema: {
        tags,
        summary: 'Who read or changed this case (auditors and administrators)',
        params: CaseParams,
        response: { 200: z.object({ entries: z.array(AuditEntryViewSchema) }), ...errorResponses },
      },
    },
    async (request) => ({
      entries: (await entries.caseAudit(ctx, requireSession(request).actor, request.params.id)).map(presentAuditEntry),
    }),
  );

  app.get(
    '/api/cases/:id/possible-duplicates',
    {
      schema: {
        tags,
        summary:
          'Partner organisations that may already know this person (from network linkage; needs her consent to network deduplication). Names only: ask through a referral.',
        params: CaseParams,
        response: {
          200: PossibleDuplicatesResponse,
          ...errorResponses,
        },
      },
    },
    async (request) => possibleDuplicates(ctx, requireSession(request).actor, request.params.id),
  );

  app.get(
    '/api/cases/:id/outcomes',
    {
      schema: {
        tags,
        summary:
          '(Re)integration outcomes against her own baseline: per-dimension change, recorded hard failures only, chart markers, follow-ups due, recovery-first hint. No overall score exists.',
        params: CaseParams,
        response: { 200: CaseOutcomesSchema, ...errorResponses },
      },
    },
    async (request) => presentCaseOutcomes(await caseOutcomes(ctx, requireSession(request).actor, request.params.id)),
  );

  app.get(
    '/api/outcomes/model',
    {
      schema: {
        tags,
        summary:
          'The outcome model (dimensions, elements, anchored scale) and the factor catalogue: configuration, no case content',
        response: {
          200: OutcomeModelResponse,
          ...errorResponses,
        },
      },
    },
    async (request) => {
      requireSession(request);
      const { model, factorCatalogue } = outcomeModel();
      return { model: presentOutcomeModel(model), factorCatalogue: factorCatalogue.map(presentFactorDefinition) };
    },
  );

  app.get(
    '/api/outcomes/instrument',
    {
      schema: {
        tags,
        summary:
          'The follow-up interview instrument (thesis Annex 2): sections, questions, which elements each informs; trafficking-experience questions are never required',
        response: { 200: InstrumentSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireSession(request);
      return presentInstrument(outcomeInstrument());
    },
  );

  app.post(
    '/api/outcomes/proposals',
    {
      schema: {
        tags,
        summary:
          'Proposed element scores from interview answers, each with the answers that informed it (nothing is stored)',
        body: z.strictObject({
          answers: z
            .array(
              z.strictObject({
                question: z.string().max(64),
                value: z.union([z.number(), z.string().max(2000), z.boolean(), z.null()]),
                answeredBy: z.enum(['person', 'caseworker']).optional(),
              }),
            )
            .max(200),
        }),
        response: { 200: ProposalsResponse, ...errorResponses },
      },
    },
    async (request) => {
      requireSession(request);
      return { proposals: proposeScores(request.body.answers).map(presentProposedScore) };
    },
  );
};
