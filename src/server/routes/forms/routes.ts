/**
 * Thin handlers for custom forms (issue #17): staff read the published forms and any published
 * version (/api/forms); administrators build, publish and retire them (/api/configuration/forms).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CreateFormBody, FormLockBody, UpdateDraftBody } from '../../../domain/forms/inputs';
import { code, INT4_MAX } from '../../../domain/shared/zod';
import type { AppContext } from '../../../services/context';
import * as forms from '../../../services/custom-forms';
import { requireSession } from '../../plugins/session';
import {
  CustomFormSchema,
  CustomFormVersionSchema,
  presentForm,
  presentFormVersion,
} from '../../presenters/custom-form';
import { errorResponses } from '../../schemas';

/** GET /api/forms and GET /api/configuration/forms. */
export const CustomFormsResponse = z.strictObject({ forms: z.array(CustomFormSchema) });
/** Every change answers with the form as it now is. */
export const CustomFormResponse = z.strictObject({ form: CustomFormSchema });
export const CustomFormVersionResponse = z.strictObject({ version: CustomFormVersionSchema });

const FormParams = z.strictObject({ code });
const VersionParams = z.strictObject({ code, version: z.coerce.number().int().min(1).max(INT4_MAX) });
const Target = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/);

export const customFormRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['forms'];
  const answer = { 200: CustomFormResponse, ...errorResponses };

  app.get(
    '/api/forms',
    {
      schema: {
        tags,
        summary:
          'The published custom forms (optionally of one target: case, or an entry kind) with their current version',
        querystring: z.strictObject({ target: Target.optional() }),
        response: { 200: CustomFormsResponse, ...errorResponses },
      },
    },
    async (request) => ({
      forms: (await forms.listPublishedForms(ctx, requireSession(request).actor, request.query.target)).map(
        presentForm,
      ),
    }),
  );

  app.get(
    '/api/forms/:code/versions/:version',
    {
      schema: {
        tags,
        summary: 'A published version of a form, as it was published: records made under it are read with it',
        params: VersionParams,
        response: { 200: CustomFormVersionResponse, ...errorResponses },
      },
    },
    async (request) => ({
      version: presentFormVersion(
        await forms.formVersion(ctx, requireSession(request).actor, request.params.code, request.params.version),
      ),
    }),
  );

  app.get(
    '/api/configuration/forms',
    {
      schema: {
        tags,
        summary: 'Every custom form of the organisation, drafts and retired ones included (administrators)',
        response: { 200: CustomFormsResponse, ...errorResponses },
      },
    },
    async (request) => ({ forms: (await forms.listForms(ctx, requireSession(request).actor)).map(presentForm) }),
  );

  app.post(
    '/api/configuration/forms',
    {
      schema: {
        tags,
        summary: 'Create a form as a draft from a definition (its code is unique in the organisation)',
        body: CreateFormBody,
        response: { 201: CustomFormResponse, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send({ form: presentForm(await forms.createForm(ctx, requireSession(request).actor, request.body)) }),
  );

  app.get(
    '/api/configuration/forms/:code',
    {
      schema: {
        tags,
        summary: 'One form with its draft and its current version',
        params: FormParams,
        response: answer,
      },
    },
    async (request) => ({
      form: presentForm(await forms.getForm(ctx, requireSession(request).actor, request.params.code)),
    }),
  );

  app.put(
    '/api/configuration/forms/:code/draft',
    {
      schema: {
        tags,
        summary: 'Replace the draft (naming the lock version read; a stale one is 409 version_conflict)',
        params: FormParams,
        body: UpdateDraftBody,
        response: answer,
      },
    },
    async (request) => ({
      form: presentForm(await forms.updateDraft(ctx, requireSession(request).actor, request.params.code, request.body)),
    }),
  );

  app.post(
    '/api/configuration/forms/:code/publish',
    {
      schema: {
        tags,
        summary: 'Publish the draft as the next version (expressions, lists and target checked); earlier versions stay',
        params: FormParams,
        body: FormLockBody,
        response: answer,
      },
    },
    async (request) => ({
      form: presentForm(await forms.publishForm(ctx, requireSession(request).actor, request.params.code, request.body)),
    }),
  );

  app.post(
    '/api/configuration/forms/:code/retire',
    {
      schema: {
        tags,
        summary: 'Retire a form: no new records; those recorded under it stay readable with their version',
        params: FormParams,
        body: FormLockBody,
        response: answer,
      },
    },
    async (request) => ({
      form: presentForm(await forms.retireForm(ctx, requireSession(request).actor, request.params.code, request.body)),
    }),
  );
};
