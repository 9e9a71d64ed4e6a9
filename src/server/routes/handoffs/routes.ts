/** Thin handlers for hotline routing, warm hand-offs between two posts of a network, and contact statistics (issue #18). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../services/context';
import { contactStatisticsReport } from '../../../services/contact-statistics';
import * as handoffs from '../../../services/handoffs';
import { requireSession } from '../../plugins/session';
import {
  ContactStatisticsSchema,
  HandoffListSchema,
  HandoffViewSchema,
  RouteSuggestionsSchema,
  presentContactStatistics,
  presentHandoff,
  presentRoute,
} from '../../presenters/handoff';
import { errorResponses } from '../../schemas';

const Id = z.strictObject({ id: z.string().uuid() });
const Version = z.strictObject({ version: z.number().int().min(1) });
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'A month as YYYY-MM');

export const handoffRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['handoffs'];
  app.get(
    '/api/contacts/:id/route',
    {
      schema: {
        tags,
        summary: "The network's local posts ranked for this contact: territory fit, then language, with reasons",
        params: Id,
        querystring: handoffs.RouteQuery,
        response: { 200: RouteSuggestionsSchema, ...errorResponses },
      },
    },
    async (request) =>
      presentRoute(await handoffs.routeContact(ctx, requireSession(request).actor, request.params.id, request.query)),
  );

  app.get(
    '/api/handoffs',
    {
      schema: {
        tags,
        summary: 'Incoming and outgoing hand-offs of the organisation, newest first',
        querystring: z.strictObject({ status: z.enum(['pending', 'accepted', 'declined']).optional() }),
        response: { 200: HandoffListSchema, ...errorResponses },
      },
    },
    async (request) => {
      const list = await handoffs.listHandoffs(ctx, requireSession(request).actor, request.query);
      return { incoming: list.incoming.map(presentHandoff), outgoing: list.outgoing.map(presentHandoff) };
    },
  );

  app.post(
    '/api/handoffs',
    {
      schema: {
        tags,
        summary:
          'Hand a contact to a local post of a shared network: no nickname or note unless she agreed (identityShared)',
        body: handoffs.HandoffCreateBody,
        response: { 201: HandoffViewSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(presentHandoff(await handoffs.createHandoff(ctx, requireSession(request).actor, request.body))),
  );

  app.get(
    '/api/handoffs/:id',
    {
      schema: { tags, summary: 'One hand-off', params: Id, response: { 200: HandoffViewSchema, ...errorResponses } },
    },
    async (request) => presentHandoff(await handoffs.getHandoff(ctx, requireSession(request).actor, request.params.id)),
  );

  app.post(
    '/api/handoffs/:id/accept',
    {
      schema: {
        tags,
        summary: 'The receiving post accepts: the contact is recorded in its own log, linked to the hand-off',
        params: Id,
        body: Version,
        response: { 200: HandoffViewSchema, ...errorResponses },
      },
    },
    async (request) =>
      presentHandoff(
        await handoffs.answerHandoff(ctx, requireSession(request).actor, request.params.id, {
          action: 'accept',
          version: request.body.version,
        }),
      ),
  );

  app.post(
    '/api/handoffs/:id/decline',
    {
      schema: {
        tags,
        summary: 'The receiving post declines, with a reason code',
        params: Id,
        body: Version.extend({ reason: z.enum(handoffs.DECLINE_REASONS) }),
        response: { 200: HandoffViewSchema, ...errorResponses },
      },
    },
    async (request) =>
      presentHandoff(
        await handoffs.answerHandoff(ctx, requireSession(request).actor, request.params.id, {
          action: 'decline',
          version: request.body.version,
          reason: request.body.reason,
        }),
      ),
  );

  app.post(
    '/api/handoffs/:id/withdraw-identity',
    {
      schema: {
        tags,
        summary: 'She withdrew her agreement before the post accepted: her nickname and note are erased at once',
        params: Id,
        body: Version,
        response: { 200: HandoffViewSchema, ...errorResponses },
      },
    },
    async (request) =>
      presentHandoff(
        await handoffs.withdrawIdentity(ctx, requireSession(request).actor, request.params.id, request.body.version),
      ),
  );

  app.get(
    '/api/statistics/contacts',
    {
      schema: {
        tags: ['statistics'],
        summary:
          'Contacts per month by channel and by territory, and persons (distinct chains) apart; small counts suppressed',
        querystring: z
          .strictObject({
            from: month,
            to: month,
            scope: z.enum(['organisation', 'network']).default('organisation'),
            threshold: z.coerce.number().int().min(2).max(20).optional(),
          })
          .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['from'] }),
        response: { 200: ContactStatisticsSchema, ...errorResponses },
      },
    },
    async (request) =>
      presentContactStatistics(await contactStatisticsReport(ctx, requireSession(request).actor, request.query)),
  );
};
