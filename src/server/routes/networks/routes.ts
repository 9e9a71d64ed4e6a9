/** Thin handlers for network agreements and the EX-CHANGE network-mapping questionnaire. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NetworkBody } from '../../../domain/referrals/inputs';
import { answersSchema } from '../../../domain/referrals/questionnaire';
import { isoDate } from '../../../domain/shared/zod';
import type { AppContext } from '../../../services/context';
import * as networks from '../../../services/networks';
import { requireSession } from '../../plugins/session';
import { presentQuestionnaire, QuestionnaireViewSchema } from '../../presenters/network';
import { errorResponses } from '../../schemas';

export const NetworkView = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    formal: z.boolean(),
    level: z.string(),
    structure: z.string(),
    multiAgency: z.boolean(),
    objectives: z.string().nullable(),
    composition: z.array(z.string()),
    agreement: z.object({
      title: z.string().nullable(),
      document: z.string().nullable(),
      from: z.string().nullable(),
      to: z.string().nullable(),
    }),
    myStatus: z.enum(['invited', 'active']),
    activeMembers: z.number().int(),
    members: z.array(
      z.object({
        id: z.string().uuid(),
        name: z.string(),
        lead: z.boolean(),
        status: z.enum(['invited', 'active', 'declined']),
      }),
    ),
  })
  .meta({ id: 'Network' });
const QuestionnaireView = QuestionnaireViewSchema;

/** GET /api/networks. */
export const NetworksResponse = z.object({ networks: z.array(NetworkView) });
/** POST /api/networks: the proposed network's id. */
export const ProposedNetworkResponse = z.object({ id: z.string().uuid() });
/** GET /api/network/candidates: names only. */
export const NetworkCandidatesResponse = z.object({
  organisations: z.array(z.object({ id: z.string().uuid(), name: z.string() })),
});

export const networkRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['networks'];
  app.get(
    '/api/networks',
    {
      schema: {
        tags,
        summary: 'Networks my organisation belongs to or is invited to, with their members',
        response: { 200: NetworksResponse, ...errorResponses },
      },
    },
    async (request) => ({
      networks: (await networks.listNetworks(ctx, requireSession(request).actor)) as z.infer<typeof NetworkView>[],
    }),
  );

  app.post(
    '/api/networks',
    {
      schema: {
        tags,
        summary:
          'Propose a network of at least three organisations (two form a partnership, not a network); the others are invited and must accept',
        body: NetworkBody,
        response: { 201: ProposedNetworkResponse, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send({ id: await networks.proposeNetwork(ctx, requireSession(request).actor, request.body) }),
  );

  app.post(
    '/api/networks/:id/:answer',
    {
      schema: {
        tags,
        summary: 'Accept or decline an invitation to a network',
        params: z.strictObject({ id: z.string().uuid(), answer: z.enum(['accept', 'decline']) }),
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await networks.answerInvitation(ctx, requireSession(request).actor, request.params.id, request.params.answer);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/network/candidates',
    {
      schema: {
        tags,
        summary: 'Organisations that can be invited to a network (names only)',
        response: {
          200: NetworkCandidatesResponse,
          ...errorResponses,
        },
      },
    },
    async (request) => ({ organisations: await networks.networkCandidates(ctx, requireSession(request).actor) }),
  );

  app.get(
    '/api/questionnaire',
    {
      schema: {
        tags,
        summary:
          "My organisation's latest answers to the EX-CHANGE network-mapping questionnaire (A1–C18), the items its skip logic shows, and the network section C describes",
        response: { 200: QuestionnaireView, ...errorResponses },
      },
    },
    async (request) => presentQuestionnaire(await networks.getQuestionnaire(ctx, requireSession(request).actor)),
  );

  app.put(
    '/api/questionnaire',
    {
      schema: {
        tags,
        summary: 'Submit answers (a new version); answers to items the skip logic leaves out are refused',
        body: z.strictObject({ answers: answersSchema }),
        response: { 200: QuestionnaireView, ...errorResponses },
      },
    },
    async (request) =>
      presentQuestionnaire(
        await networks.submitQuestionnaire(ctx, requireSession(request).actor, request.body.answers),
      ),
  );
};
