/** Thin handlers for the manual review of possible duplicates across the network (scores and coarse attributes only). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../services/context';
import { decideReview, listReviews } from '../../../services/linkage';
import { requireSession } from '../../plugins/session';
import { errorResponses } from '../../schemas';

const ReviewSchema = z.object({
  id: z.string().uuid(), score: z.number(), status: z.enum(['pending', 'match', 'non_match']), version: z.number().int(), decidedAt: z.string().nullable(),
  records: z.array(z.object({ organisation: z.object({ id: z.string().uuid(), name: z.string() }), own: z.boolean(), attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])) })),
}).meta({ id: 'LinkageReview' });

export const linkageRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['linkage'];
  app.get('/api/linkage/reviews', {
    schema: { tags, summary: 'Pairs of records (one of them ours) whose similarity is in the review band: score and non-identifying attributes, never names', response: { 200: z.object({ reviews: z.array(ReviewSchema) }), ...errorResponses } },
  }, async (request) => ({ reviews: await listReviews(ctx, requireSession(request).actor) }));

  app.post('/api/linkage/reviews/:id', {
    schema: { tags, summary: 'Decide whether a pair is the same person; applies from the next linkage run (optimistic locking)',
      params: z.strictObject({ id: z.string().uuid() }), body: z.strictObject({ decision: z.enum(['match', 'non_match']), version: z.number().int().min(1) }),
      response: { 200: ReviewSchema, ...errorResponses } },
  }, async (request) => decideReview(ctx, requireSession(request).actor, request.params.id, request.body));
};
