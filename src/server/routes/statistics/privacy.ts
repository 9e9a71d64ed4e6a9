/** Thin handlers for differentially private network releases and the per-network privacy budget ledger. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { PublishedReport } from '../../../domain/statistics';
import type { AppContext } from '../../../services/context';
import { getRelease, privacyLedger, releasePrivateReport, setPrivacyBudget } from '../../../services/privacy-releases';
import { exportReport } from '../../../services/statistics';
import { heavyRateLimit } from '../../plugins/heavy';
import { requireSession } from '../../plugins/session';
import {
  presentLedger,
  presentRelease,
  PrivateReportSchema,
  ReleaseQuerySchema,
} from '../../presenters/private-release';
import { errorResponses } from '../../schemas';
import { ReleaseBody } from '../../../domain/statistics/inputs';

const Budget = z.strictObject({ total: z.number(), spent: z.number(), remaining: z.number() });
export const PrivateReleaseSchema = z
  .strictObject({
    releaseKey: z.string(),
    epsilon: z.number(),
    mechanism: z.string(),
    query: ReleaseQuerySchema,
    report: PrivateReportSchema,
    requestedBy: z.string(),
    createdAt: z.string(),
    network: z.strictObject({ id: z.string().uuid(), name: z.string() }),
    reused: z.boolean(),
    budget: Budget,
  })
  .meta({ id: 'PrivateRelease' });
export const PrivacyLedgerSchema = z
  .strictObject({
    network: z.strictObject({ id: z.string().uuid(), name: z.string() }),
    budget: Budget,
    canSetBudget: z.boolean(),
    releases: z.array(
      z.strictObject({
        releaseKey: z.string(),
        epsilon: z.number(),
        mechanism: z.string(),
        query: ReleaseQuerySchema,
        requestedBy: z.string(),
        createdAt: z.string(),
      }),
    ),
  })
  .meta({ id: 'PrivacyLedger' });
const NetworkParam = z.strictObject({ networkId: z.string().uuid() });

export const privacyRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['statistics'];
  app.post(
    '/api/statistics/releases',
    {
      schema: {
        tags,
        summary:
          "A differentially private report over one network's members: 201 when it spends budget, 200 when the same release is served again from storage at no cost; 409 when the budget would be exceeded",
        body: ReleaseBody,
        response: { 200: PrivateReleaseSchema, 201: PrivateReleaseSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const release = await releasePrivateReport(ctx, requireSession(request).actor, request.body);
      return reply.code(release.reused ? 200 : 201).send(presentRelease(release));
    },
  );

  app.get(
    '/api/statistics/releases/:networkId',
    {
      schema: {
        tags,
        summary: "The network's privacy budget and every release charged to it",
        params: NetworkParam,
        response: { 200: PrivacyLedgerSchema, ...errorResponses },
      },
    },
    async (request) => presentLedger(await privacyLedger(ctx, requireSession(request).actor, request.params.networkId)),
  );

  app.get(
    '/api/statistics/releases/:networkId/:releaseKey',
    {
      config: { rateLimit: heavyRateLimit(ctx) },
      schema: {
        tags,
        summary: 'A stored release with its noisy numbers (JSON, or CSV / CTDC-like JSON with format=)',
        params: z.strictObject({ networkId: z.string().uuid(), releaseKey: z.string().regex(/^rk_[0-9a-f]{64}$/) }),
        querystring: z.strictObject({ format: z.enum(['json', 'csv', 'ctdc']).default('json') }),
        response: { 200: PrivateReleaseSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const release = await getRelease(
        ctx,
        requireSession(request).actor,
        request.params.networkId,
        request.params.releaseKey,
      );
      if (request.query.format === 'json') return presentRelease(release);
      const file = await exportReport(release.report as unknown as PublishedReport, request.query.format, {
        ctx,
        organisationId: request.session!.actor.organisationId,
      });
      return reply
        .header('content-type', file.contentType)
        .header(
          'content-disposition',
          `attachment; filename="ariadne-release-${release.releaseKey.slice(3, 15)}.${file.extension}"`,
        )
        .send(file.body as never);
    },
  );

  app.put(
    '/api/statistics/releases/:networkId/budget',
    {
      schema: {
        tags,
        summary: "The lead organisation sets the network's total epsilon (never below what is spent)",
        params: NetworkParam,
        body: z.strictObject({ totalEpsilon: z.number().min(0.01).max(100) }),
        response: { 200: PrivacyLedgerSchema, ...errorResponses },
      },
    },
    async (request) =>
      presentLedger(
        await setPrivacyBudget(ctx, requireSession(request).actor, request.params.networkId, request.body.totalEpsilon),
      ),
  );
};
