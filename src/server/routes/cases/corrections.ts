/** Thin handlers for corrections (issue #16): a record's history, voiding a record, the intake, hand-over candidates. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { UpdateIntakeBody, VoidEntryBody } from '../../../domain/cases/inputs';
import * as corrections from '../../../services/corrections';
import type { AppContext } from '../../../services/context';
import { requireSession } from '../../plugins/session';
import { CaseDetailSchema, presentCase } from '../../presenters/case';
import {
  EntryHistorySchema,
  OwnerCandidateSchema,
  presentEntryHistory,
  presentOwnerCandidate,
} from '../../presenters/corrections';
import { errorResponses } from '../../schemas';
import { CaseParams, EntryKind, EntryParams } from './schema';

/** GET /api/cases/:id/voided-entries. */
export const VoidedEntriesResponse = z.strictObject({ entries: z.array(EntryHistorySchema) });
/** GET /api/cases/:id/owner-candidates. */
export const OwnerCandidatesResponse = z.strictObject({ users: z.array(OwnerCandidateSchema) });

export const correctionRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['cases'];

  app.get(
    '/api/cases/:id/entries/:entryId/history',
    {
      schema: {
        tags,
        summary:
          'Every version of a record: who recorded it, when, the reason for a correction or a void, and which fields changed (secret values never shown)',
        params: EntryParams,
        response: { 200: EntryHistorySchema, ...errorResponses },
      },
    },
    async (request) =>
      presentEntryHistory(
        await corrections.entryHistory(ctx, requireSession(request).actor, request.params.id, request.params.entryId),
      ),
  );

  app.get(
    '/api/cases/:id/voided-entries',
    {
      schema: {
        tags,
        summary: 'The voided records of a case (optionally of one kind), each with its history: kept, never deleted',
        params: CaseParams,
        querystring: z.strictObject({ kind: EntryKind.optional() }),
        response: { 200: VoidedEntriesResponse, ...errorResponses },
      },
    },
    async (request) => ({
      entries: (
        await corrections.voidedEntries(ctx, requireSession(request).actor, request.params.id, request.query.kind)
      ).map(presentEntryHistory),
    }),
  );

  app.post(
    '/api/cases/:id/entries/:entryId/void',
    {
      schema: {
        tags,
        summary:
          'Void a record saved by mistake, with a reason: it leaves every current view, agenda and statistic, and stays in its history (never deleted)',
        params: EntryParams,
        body: VoidEntryBody,
        response: { 200: EntryHistorySchema, ...errorResponses },
      },
    },
    async (request) =>
      presentEntryHistory(
        await corrections.voidEntry(
          ctx,
          requireSession(request).actor,
          request.params.id,
          request.params.entryId,
          request.body,
        ),
      ),
  );

  app.patch(
    '/api/cases/:id/intake',
    {
      schema: {
        tags,
        summary:
          "Edit the case's intake (optimistic locking on the intake's version; the municipality stays encrypted)",
        params: CaseParams,
        body: UpdateIntakeBody,
        response: { 200: CaseDetailSchema, ...errorResponses },
      },
    },
    async (request) =>
      presentCase(await corrections.updateIntake(ctx, requireSession(request).actor, request.params.id, request.body)),
  );

  app.get(
    '/api/cases/:id/owner-candidates',
    {
      schema: {
        tags,
        summary: 'Active staff of the organisation who may own this case (for a hand-over)',
        params: CaseParams,
        response: { 200: OwnerCandidatesResponse, ...errorResponses },
      },
    },
    async (request) => ({
      users: (await corrections.ownerCandidates(ctx, requireSession(request).actor, request.params.id)).map(
        presentOwnerCandidate,
      ),
    }),
  );
};
