/**
 * Thin handlers for a case's attachments. Uploads are multipart/form-data: @fastify/multipart is
 * registered inside this plugin only (Fastify encapsulation), so no other route accepts multipart
 * and the JSON body limit elsewhere is unchanged. Downloads are always `attachment` with nosniff.
 */
import multipart from '@fastify/multipart';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { code } from '../../../domain/shared/zod';
import { AppError, errors } from '../../../errors';
import * as attachments from '../../../services/attachments';
import type { AppContext } from '../../../services/context';
import { requireSession } from '../../plugins/session';
import { AttachmentSchema, presentAttachment } from '../../presenters/attachment';
import { ErrorSchema, errorResponses } from '../../schemas';

const CaseParams = z.strictObject({ id: z.string().uuid() });
const AttachmentParams = z.strictObject({ id: z.string().uuid(), attachmentId: z.string().uuid() });
const ReferralParams = z.strictObject({ id: z.string().uuid() });
const ReferralAttachmentParams = z.strictObject({ id: z.string().uuid(), attachmentId: z.string().uuid() });
const VoidBody = z.strictObject({ reason: z.string().trim().min(1).max(500) });
const UploadFields = z.strictObject({
  // A code of the organisation's document_types list, checked by the service.
  category: code,
  consentEntryId: z.string().uuid().optional(),
});
const fileErrors = { ...errorResponses, 413: ErrorSchema, 415: ErrorSchema } as const;

function sendFile(reply: FastifyReply, file: attachments.AttachmentFile) {
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', file.contentDisposition)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('content-length', String(file.bytes.length))
    .send(file.bytes);
}

/** GET /api/cases/:id/attachments and /api/referrals/:id/attachments. */
export const AttachmentsResponse = z.strictObject({ attachments: z.array(AttachmentSchema) });

export const attachmentRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['attachments'];
  const maxBytes = attachments.attachmentMaxBytes(ctx);
  await app.register(multipart, {
    limits: { fileSize: maxBytes, files: 1, fields: 4, fieldSize: 200, parts: 5, headerPairs: 50 },
  });

  app.post(
    '/api/cases/:id/attachments',
    {
      schema: {
        tags,
        summary: 'Attach a file (multipart/form-data: fields category, consentEntryId?, then one file)',
        description:
          'The type is read from the content (PDF, JPEG, PNG, WebP, HEIC or plain text; anything else is 415 ' +
          'unsupported_file_type); larger than ATTACHMENT_MAX_BYTES is 413 file_too_large. Encrypted at rest.',
        consumes: ['multipart/form-data'],
        params: CaseParams,
        response: { 201: AttachmentSchema, ...fileErrors },
      },
    },
    async (request, reply) => {
      const actor = requireSession(request).actor;
      if (!request.isMultipart()) throw new AppError(415, 'multipart_required', 'Send the file as multipart/form-data');
      const fields: Record<string, string> = {};
      let file: { name: string; bytes: Buffer } | undefined;
      try {
        for await (const part of request.parts()) {
          if (part.type === 'file') {
            if (file) throw errors.badRequest('one_file_only', 'Send one file per request');
            file = { name: part.filename ?? '', bytes: await part.toBuffer() };
          } else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
        }
      } catch (error) {
        if (error instanceof AppError) throw error;
        if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw attachments.fileTooLarge(maxBytes);
        // Anything else the parser meets (a torn body, a missing boundary, too many parts) is the request's fault.
        throw errors.badRequest('invalid_multipart', 'The multipart body could not be read');
      }
      const parsed = UploadFields.safeParse(fields);
      if (!parsed.success)
        throw errors.validation(
          parsed.error.issues.map((i) => ({ path: i.path.map(String), code: i.code, message: i.message })),
        );
      if (!file) throw errors.validation([{ path: ['file'], code: 'required', message: 'Choose a file to attach' }]);
      const view = await attachments.addAttachment(ctx, actor, request.params.id, {
        category: parsed.data.category,
        consentEntryId: parsed.data.consentEntryId,
        fileName: file.name,
        bytes: file.bytes,
      });
      return reply.code(201).send(presentAttachment(view));
    },
  );

  app.get(
    '/api/cases/:id/attachments',
    {
      schema: {
        tags,
        summary: "A case's attachments: metadata only (no file is read)",
        params: CaseParams,
        response: { 200: AttachmentsResponse, ...errorResponses },
      },
    },
    async (request) => ({
      attachments: (await attachments.listAttachments(ctx, requireSession(request).actor, request.params.id)).map(
        presentAttachment,
      ),
    }),
  );

  app.get(
    '/api/cases/:id/attachments/:attachmentId',
    {
      schema: {
        tags,
        summary: 'Download one attachment (audited; always as an attachment, never shown inline)',
        params: AttachmentParams,
        response: errorResponses,
      },
    },
    async (request, reply) =>
      sendFile(
        reply,
        await attachments.downloadAttachment(
          ctx,
          requireSession(request).actor,
          request.params.id,
          request.params.attachmentId,
        ),
      ),
  );

  app.post(
    '/api/cases/:id/attachments/:attachmentId/void',
    {
      schema: {
        tags,
        summary: 'Void an attachment added by mistake: kept in the history with the reason, no longer listed',
        params: AttachmentParams,
        body: VoidBody,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await attachments.voidAttachment(
        ctx,
        requireSession(request).actor,
        request.params.id,
        request.params.attachmentId,
        request.body.reason,
      );
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/referrals/:id/attachments',
    {
      schema: {
        tags,
        summary: "The attachments a partner received with a referral (only when 'documents' was shared)",
        params: ReferralParams,
        response: { 200: AttachmentsResponse, ...errorResponses },
      },
    },
    async (request) => ({
      attachments: (
        await attachments.listReferralAttachments(ctx, requireSession(request).actor, request.params.id)
      ).map(presentAttachment),
    }),
  );

  app.get(
    '/api/referrals/:id/attachments/:attachmentId',
    {
      schema: {
        tags,
        summary: 'Download an attachment received with a referral (audited)',
        params: ReferralAttachmentParams,
        response: errorResponses,
      },
    },
    async (request, reply) =>
      sendFile(
        reply,
        await attachments.downloadReferralAttachment(
          ctx,
          requireSession(request).actor,
          request.params.id,
          request.params.attachmentId,
        ),
      ),
  );
};
