/** Liveness and readiness for operators. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../services/context';
import { databaseHealth } from '../../../services/health';

export const healthRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['health'],
        summary: 'Database reachability and engine',
        response: { 200: z.object({ ok: z.boolean(), engine: z.string() }) },
      },
    },
    async () => databaseHealth(ctx),
  );
};
