/** The audit trail of the current organisation, for auditors and administrators. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recentAudit } from '../../../services/audit';
import type { AppContext } from '../../../services/context';
import { requireSession } from '../../plugins/session';
import { AuditEntryViewSchema, presentAuditEntry } from '../../presenters/audit';
import { errorResponses } from '../../schemas';

export const auditRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Recent audit entries (field names only, never values)',
        querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(50) }),
        response: { 200: z.object({ entries: z.array(AuditEntryViewSchema) }), ...errorResponses },
      },
    },
    async (request) => {
      const { actor } = requireSession(request);
      return { entries: (await recentAudit(ctx, actor, request.query.limit)).map(presentAuditEntry) };
    },
  );
};
