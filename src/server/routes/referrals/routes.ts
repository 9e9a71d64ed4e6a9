/** Thin handlers for network partners, referrals and transfers. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../services/context';
import * as directory from '../../../services/directory';
import * as referrals from '../../../services/referrals';
import { requireSession } from '../../plugins/session';
import { DirectoryEntryViewSchema, presentDirectoryEntry } from '../../presenters/directory';
import { DirectoryEntryBody } from '../../../domain/referrals/inputs';
import {
  presentReferral,
  presentReferralRow,
  ReferralNoteBodySchema,
  ReferralRowSchema,
  ReferralViewSchema as ReferralView,
} from '../../presenters/referral';
import { code, isoDate } from '../../../domain/shared/zod';
import { REFERRAL_MESSAGE_MAX, URGENCIES } from '../../../domain/referrals/details';
import { errorResponses, Version } from '../../schemas';

const Params = z.strictObject({ id: z.string().uuid() });

/** Organisations, agreements and referral flows: aggregates only, no case or person. */
export const NetworkGraphSchema = z
  .object({
    nodes: z.array(z.object({ id: z.string().uuid(), name: z.string(), lead: z.boolean() })),
    agreements: z.array(z.object({ id: z.string().uuid(), name: z.string(), members: z.array(z.string().uuid()) })),
    flows: z.array(
      z.object({ source: z.string().uuid(), target: z.string().uuid(), kind: z.string(), count: z.number().int() }),
    ),
  })
  .meta({ id: 'NetworkGraph' });

export const CoverageGapsSchema = z
  .object({
    territories: z.array(z.string()),
    cells: z.array(
      z.object({
        service: z.string(),
        territory: z.string(),
        providers: z.number().int(),
        capacityExhausted: z.boolean(),
        gap: z.boolean(),
      }),
    ),
    /** Employers shared with the networks per territory (on-the-job training and job placement): counts only. */
    employersByTerritory: z.array(z.object({ territory: z.string(), employers: z.number().int() })),
  })
  .meta({ id: 'CoverageGaps' });

/** GET /api/network/partners: organisations sharing a network with mine. */
export const NetworkPartnersResponse = z.object({
  partners: z.array(
    z.object({
      id: z.string().uuid(),
      name: z.string(),
      networkId: z.string().uuid(),
      networkName: z.string(),
    }),
  ),
});
/** GET /api/referrals and /api/cases/:id/referrals. */
export const ReferralRowsResponse = z.object({ referrals: z.array(ReferralRowSchema) });
/** GET /api/directory. */
export const DirectoryResponse = z.object({ entries: z.array(DirectoryEntryViewSchema) });

export const referralRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['referrals'];
  app.get(
    '/api/network/partners',
    {
      schema: {
        tags,
        summary: 'Organisations sharing a network with mine (the only possible referral destinations)',
        response: {
          200: NetworkPartnersResponse,
          ...errorResponses,
        },
      },
    },
    async (request) => ({ partners: await referrals.networkPartners(ctx, requireSession(request).actor) }),
  );

  app.post(
    '/api/cases/:id/referrals',
    {
      schema: {
        tags,
        summary:
          'Refer (service only) or transfer (ownership moves) a case to a partner; needs her sharing consent for that partner; minimum data by default',
        params: Params,
        body: z.strictObject({
          toOrganisationId: z.string().uuid(),
          kind: z.enum(['referral', 'transfer']),
          requestedService: code,
          sections: z.array(z.string().max(40)).max(10).default([]),
          message: z.string().trim().max(REFERRAL_MESSAGE_MAX).nullable().optional(),
          urgency: z.enum(URGENCIES).default('routine'),
          requestedBy: isoDate.nullable().optional(),
        }),
        response: { 201: ReferralView, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          presentReferral(
            await referrals.createReferral(ctx, requireSession(request).actor, request.params.id, request.body),
          ),
        ),
  );

  app.get(
    '/api/cases/:id/referrals',
    {
      schema: {
        tags,
        summary:
          'Referrals and transfers sent from one of my cases, with their status (a withdrawal of her consent included)',
        params: Params,
        response: { 200: ReferralRowsResponse, ...errorResponses },
      },
    },
    async (request) => ({
      referrals: (await referrals.listCaseReferrals(ctx, requireSession(request).actor, request.params.id)).map(
        presentReferralRow,
      ),
    }),
  );

  app.get(
    '/api/referrals',
    {
      schema: {
        tags,
        summary: 'Incoming and outgoing referrals of my organisation',
        response: { 200: ReferralRowsResponse, ...errorResponses },
      },
    },
    async (request) => ({
      referrals: (await referrals.listReferrals(ctx, requireSession(request).actor)).map(presentReferralRow),
    }),
  );

  app.get(
    '/api/referrals/:id',
    {
      schema: {
        tags,
        summary: 'One referral: the receiver sees the shared snapshot; each side sees only its own notes',
        params: Params,
        response: { 200: ReferralView, ...errorResponses },
      },
    },
    async (request) =>
      presentReferral(await referrals.getReferral(ctx, requireSession(request).actor, request.params.id)),
  );

  for (const action of ['accept', 'decline', 'complete'] as const) {
    app.post(
      `/api/referrals/:id/${action}`,
      {
        schema: {
          tags,
          summary: `The receiving organisation ${action}s the referral`,
          params: Params,
          body: z.strictObject({ reason: z.string().trim().max(500).optional(), version: Version }),
          response: { 200: ReferralView, ...errorResponses },
        },
      },
      async (request) =>
        presentReferral(
          await referrals.respondToReferral(
            ctx,
            requireSession(request).actor,
            request.params.id,
            action,
            request.body,
          ),
        ),
    );
  }

  app.post(
    '/api/referrals/:id/notes',
    {
      schema: {
        tags,
        summary: 'Add a note or a delivered service; visible to my organisation only',
        params: Params,
        body: ReferralNoteBodySchema,
        response: { 201: ReferralView, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          presentReferral(
            await referrals.addReferralNote(ctx, requireSession(request).actor, request.params.id, request.body),
          ),
        ),
  );
};

export const directoryRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['network'];
  app.get(
    '/api/directory',
    {
      schema: {
        tags,
        summary: 'Search the directory of my networks by service, territory, language and target group',
        querystring: z.strictObject({
          service: code.optional(),
          territory: z.string().max(120).optional(),
          language: z.string().max(20).optional(),
          targetGroup: z.string().max(40).optional(),
        }),
        response: { 200: DirectoryResponse, ...errorResponses },
      },
    },
    async (request) => ({
      entries: (await directory.searchDirectory(ctx, requireSession(request).actor, request.query)).map(
        presentDirectoryEntry,
      ),
    }),
  );

  app.put(
    '/api/directory/me',
    {
      schema: {
        tags,
        summary: "Publish or update my organisation's directory entry (capacity included)",
        body: DirectoryEntryBody,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await directory.updateOwnEntry(ctx, requireSession(request).actor, request.body);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/network/graph',
    {
      schema: {
        tags,
        summary: 'Organisations, agreements and referral flows over a period (aggregates only)',
        querystring: z.strictObject({
          from: isoDate.default('2000-01-01'),
          to: isoDate.default('2100-01-01'),
          service: code.optional(),
          territory: z.string().max(120).optional(),
        }),
        response: {
          200: NetworkGraphSchema,
          ...errorResponses,
        },
      },
    },
    async (request) => directory.networkGraph(ctx, requireSession(request).actor, request.query),
  );

  app.get(
    '/api/network/gaps',
    {
      schema: {
        tags,
        summary: 'Coverage gap report: service × territory, services with no provider and exhausted capacity',
        response: {
          200: CoverageGapsSchema,
          ...errorResponses,
        },
      },
    },
    async (request) => directory.coverageGaps(ctx, requireSession(request).actor),
  );
};
