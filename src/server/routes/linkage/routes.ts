/** Thin handlers for network linkage: runs with progress, the organisation's secret, and the manual review of possible duplicates (scores and coarse attributes only). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../services/context';
import { decideReview, listReviews } from '../../../services/linkage';
import { linkageJob, linkageStatus, startLinkageRun, storeLinkageSecret } from '../../../services/linkage-runs';
import { MIN_SECRET_BYTES } from '../../../domain/linkage';
import { heavyRateLimit } from '../../plugins/heavy';
import { requireSession } from '../../plugins/session';
import {
  LinkageJobSchema,
  LinkageReviewSchema,
  LinkageStatusSchema,
  presentJob,
  presentReview,
  presentStatus,
} from '../../presenters/linkage';
import { errorResponses, Version } from '../../schemas';

const ReviewSchema = LinkageReviewSchema;
const JobSchema = LinkageJobSchema;
const StatusSchema = LinkageStatusSchema;

/** GET /api/linkage/reviews. */
export const LinkageReviewsResponse = z.object({ reviews: z.array(ReviewSchema) });

export const linkageRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['linkage'];
  app.get(
    '/api/linkage/status',
    {
      schema: {
        tags,
        summary:
          "This organisation's linkage set-up (secret present, encodings held), the latest network run and any run in progress: counts only",
        response: { 200: StatusSchema, ...errorResponses },
      },
    },
    async (request) => presentStatus(await linkageStatus(ctx, requireSession(request).actor)),
  );

  app.put(
    '/api/linkage/secret',
    {
      schema: {
        tags,
        summary:
          "Store this organisation's copy of the shared network linkage secret (encrypted at rest, never returned)",
        body: z.strictObject({
          secret: z
            .string()
            .refine((s) => Buffer.byteLength(s) >= MIN_SECRET_BYTES, { message: `At least ${MIN_SECRET_BYTES} bytes` })
            .refine((s) => Buffer.byteLength(s) <= 1024, { message: 'At most 1024 bytes' }),
        }),
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await storeLinkageSecret(ctx, requireSession(request).actor, request.body.secret);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/linkage/runs',
    {
      config: { rateLimit: heavyRateLimit(ctx) },
      schema: {
        tags,
        summary:
          'Start a network linkage run in the background (409 while one is running); follow it with GET /api/linkage/runs/{id}',
        body: z
          .strictObject({
            mode: z
              .enum(['full', 'incremental'])
              .optional()
              .describe(
                'full: compare every record and estimate the model again; incremental (the default once a run exists with the same secrets): only new or changed records, with the last model',
              ),
          })
          .nullish(),
        response: { 202: JobSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(202)
        .send(
          presentJob(
            await startLinkageRun(ctx, requireSession(request).actor, undefined, { mode: request.body?.mode }),
          ),
        ),
  );

  app.get(
    '/api/linkage/runs/:id',
    {
      schema: {
        tags,
        summary: 'Progress of a linkage run, and its summary (counts only) once finished',
        params: z.strictObject({ id: z.string().uuid() }),
        response: { 200: JobSchema, ...errorResponses },
      },
    },
    async (request) => presentJob(await linkageJob(ctx, requireSession(request).actor, request.params.id)),
  );

  app.get(
    '/api/linkage/reviews',
    {
      schema: {
        tags,
        summary:
          'Pairs of records (one of them ours) whose similarity is in the review band: score and non-identifying attributes, never names',
        response: { 200: LinkageReviewsResponse, ...errorResponses },
      },
    },
    async (request) => ({ reviews: (await listReviews(ctx, requireSession(request).actor)).map(presentReview) }),
  );

  app.post(
    '/api/linkage/reviews/:id',
    {
      schema: {
        tags,
        summary: 'Decide whether a pair is the same person; applies from the next linkage run (optimistic locking)',
        params: z.strictObject({ id: z.string().uuid() }),
        body: z.strictObject({ decision: z.enum(['match', 'non_match']), version: Version }),
        response: { 200: ReviewSchema, ...errorResponses },
      },
    },
    async (request) =>
      presentReview(await decideReview(ctx, requireSession(request).actor, request.params.id, request.body)),
  );
};
