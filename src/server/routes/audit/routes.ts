/** The audit trail of the current organisation, for auditors and administrators; a case's access log. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../services/context';
import { auditLog, caseAccessLog, exportAuditCsv, verifyOwnLog } from '../../../services/history';
import { requestLanguage } from '../../../services/preferences';
import { requireSession } from '../../plugins/session';
import {
  AccessLogSchema,
  AuditPageSchema,
  AuditVerifySchema,
  presentAccessLog,
  presentAuditPage,
  presentVerify,
} from '../../presenters/audit';
import { errorResponses } from '../../schemas';

const AuditFilterQuery = {
  actorId: z.string().uuid().optional().describe('entries by this user'),
  action: z
    .string()
    .regex(/^[a-z_]+(\.[a-z_]+)*$/)
    .max(100)
    .optional()
    .describe("an action code, or a prefix of whole words ('case.entry')"),
  caseReference: z.string().trim().min(1).max(64).optional().describe('entries about the case with this reference'),
};

const filterOf = (q: { actorId?: string; action?: string; caseReference?: string }) => ({
  actorUserId: q.actorId,
  action: q.action,
  caseReference: q.caseReference,
});

export const auditRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const language = async (
    request: { headers: Record<string, unknown> },
    actor: Parameters<typeof requestLanguage>[1],
  ) => requestLanguage(ctx, actor, request.headers['accept-language'] as string | undefined);

  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary:
          'The audit log, newest first, paged (limit, offset, total) and filtered by user, action and case reference: names, references and action labels, field names only, never values',
        querystring: z.strictObject({
          limit: z.coerce.number().int().min(1).max(500).default(50),
          offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
          ...AuditFilterQuery,
        }),
        response: { 200: AuditPageSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { actor } = requireSession(request);
      const { limit, offset, ...filter } = request.query;
      return presentAuditPage(
        await auditLog(ctx, actor, filterOf(filter), { limit, offset }, await language(request, actor)),
      );
    },
  );

  app.get(
    '/api/audit/export.csv',
    {
      schema: {
        tags: ['audit'],
        summary: 'The filtered audit log as CSV (what the audit page shows); the export is audited',
        querystring: z.strictObject(AuditFilterQuery),
        produces: ['text/csv'],
        response: { 200: z.string().describe('CSV, RFC 4180'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { actor } = requireSession(request);
      const csv = await exportAuditCsv(ctx, actor, filterOf(request.query), await language(request, actor));
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="ariadne-audit-log.csv"')
        .send(csv);
    },
  );

  app.post(
    '/api/audit/verify',
    {
      schema: {
        tags: ['audit'],
        summary:
          "Verifies the organisation's audit log (every leaf, checkpoint signature and root, and their consistency), as `ariadne audit verify` does",
        response: { 200: AuditVerifySchema, ...errorResponses },
      },
    },
    async (request) => presentVerify(await verifyOwnLog(ctx, requireSession(request).actor)),
  );

  app.get(
    '/api/cases/:id/access-log',
    {
      schema: {
        tags: ['cases'],
        summary:
          'Who read or changed this case: one line per person and visit with a count and first and last time (auditors, administrators and the case owner)',
        params: z.strictObject({ id: z.string().uuid() }),
        response: { 200: AccessLogSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { actor } = requireSession(request);
      return presentAccessLog(await caseAccessLog(ctx, actor, request.params.id, await language(request, actor)));
    },
  );
};
