/** Thin handlers for MSE fits run as jobs: POST queues (202 with the job), GET shows progress, then the result. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MseJobBody } from '../../../domain/mse/job-inputs';
import type { AppContext } from '../../../services/context';
import { mseJob, startMseJob } from '../../../services/mse-jobs';
import { requestLanguage } from '../../../services/preferences';
import { translateNote } from '../../../services/server-text';
import { heavyRateLimit } from '../../plugins/heavy';
import { requireSession } from '../../plugins/session';
import { MseJobSchema, presentMseJob } from '../../presenters/mse-jobs';
import { errorResponses } from '../../schemas';

export { MseJobSchema };

export const mseJobRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.post(
    '/api/mse/jobs',
    {
      config: { rateLimit: heavyRateLimit(ctx) },
      schema: {
        tags: ['statistics'],
        summary:
          'Queue a multiple systems estimation (long bootstraps, strata) in the background; follow it with GET /api/mse/jobs/{id}',
        body: MseJobBody,
        response: { 202: MseJobSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const job = await startMseJob(ctx, requireSession(request).actor, request.body);
      return reply.code(202).send(presentMseJob(job, (m) => m));
    },
  );

  app.get(
    '/api/mse/jobs/:id',
    {
      schema: {
        tags: ['statistics'],
        summary: "Progress of one of your organisation's MSE jobs, then its result (any server answers)",
        params: z.strictObject({ id: z.string().uuid() }),
        response: { 200: MseJobSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireSession(request).actor;
      const job = await mseJob(ctx, actor, request.params.id);
      const language = await requestLanguage(ctx, actor, request.headers['accept-language']);
      return presentMseJob(job, (message) => translateNote(message, language));
    },
  );
};
