/**
 * Thin handlers for XLSForm import and export (issue #17). The upload is multipart/form-data, with
 * @fastify/multipart registered inside this plugin only (as for attachments), one file of at most
 * XLSFORM_MAX_BYTES. A refused import is 400 invalid_xlsform with details.rows naming every row.
 */
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { code, INT4_MAX } from '../../../domain/shared/zod';
import { AppError, errors } from '../../../errors';
import type { AppContext } from '../../../services/context';
import { exportXlsForm, importXlsForm } from '../../../services/xlsform';
import { XLSFORM_MAX_BYTES } from '../../../services/xlsform-workbook';
import { requireSession } from '../../plugins/session';
import { presentXlsFormImport, XlsFormImportSchema } from '../../presenters/xlsform';
import { ErrorSchema, errorResponses } from '../../schemas';

const ImportFields = z.strictObject({
  code: code.optional(),
  target: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,63}$/)
    .optional(),
});
const fileErrors = { ...errorResponses, 413: ErrorSchema, 415: ErrorSchema } as const;

export const xlsFormRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['forms'];
  await app.register(multipart, {
    limits: { fileSize: XLSFORM_MAX_BYTES, files: 1, fields: 2, fieldSize: 100, parts: 3, headerPairs: 50 },
  });

  app.post(
    '/api/forms/import',
    {
      schema: {
        tags,
        summary: 'Import an XLSForm (.xlsx: survey, choices, settings) as a new draft form (administrators)',
        description:
          'multipart/form-data: optional fields code (when the settings give no form_id) and target (case by ' +
          'default), then one .xlsx file. What does not map is refused whole: 400 invalid_xlsform with ' +
          'details.rows = [{ sheet, row, reason }] for every offending row. Metadata rows and notes are skipped ' +
          'and named; choice codes that are not lower_snake_case are renamed and named.',
        consumes: ['multipart/form-data'],
        response: { 201: XlsFormImportSchema, ...fileErrors },
      },
    },
    async (request, reply) => {
      const actor = requireSession(request).actor;
      if (!request.isMultipart()) throw new AppError(415, 'multipart_required', 'Send the file as multipart/form-data');
      const fields: Record<string, string> = {};
      let bytes: Buffer | undefined;
      try {
        for await (const part of request.parts()) {
          if (part.type === 'file') {
            if (bytes) throw errors.badRequest('one_file_only', 'Send one file per request');
            bytes = await part.toBuffer();
          } else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
        }
      } catch (error) {
        if (error instanceof AppError) throw error;
        if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
          throw new AppError(413, 'file_too_large', `An XLSForm is at most ${XLSFORM_MAX_BYTES / 1024 / 1024} MB`);
        throw errors.badRequest('invalid_multipart', 'The multipart body could not be read');
      }
      const parsed = ImportFields.safeParse(fields);
      if (!parsed.success)
        throw errors.validation(
          parsed.error.issues.map((i) => ({ path: i.path.map(String), code: i.code, message: i.message })),
        );
      if (!bytes) throw errors.validation([{ path: ['file'], code: 'required', message: 'Choose an .xlsx file' }]);
      const result = await importXlsForm(ctx, actor, bytes, parsed.data);
      return reply.code(201).send(presentXlsFormImport(result));
    },
  );

  app.get(
    '/api/forms/:code/xlsform',
    {
      schema: {
        tags,
        summary:
          'A form as an XLSForm workbook (.xlsx): its draft, or a published version with ?version=N (administrators)',
        params: z.strictObject({ code }),
        querystring: z.strictObject({ version: z.coerce.number().int().min(1).max(INT4_MAX).optional() }),
        // A binary body: no 200 schema (a string schema would serialize the bytes), as for the case-file PDF.
        response: { ...errorResponses },
      },
    },
    async (request, reply) => {
      const file = await exportXlsForm(ctx, requireSession(request).actor, request.params.code, request.query.version);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-store')
        .send(file.bytes as never);
    },
  );
};
