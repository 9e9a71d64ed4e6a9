/** Thin handlers for the contact log before cases (issue #18), and a contact chain becoming a case. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CONTACT_KINDS, ContactInputSchema } from '../../../domain/contacts/inputs';
import { ContactToCaseSchema } from '../../../domain/contacts/to-case';
import { isoDate } from '../../../domain/shared/zod';
import { contactToCase } from '../../../services/commands/contact-to-case';
import * as contacts from '../../../services/contacts';
import type { AppContext } from '../../../services/context';
import { validKey } from '../../../services/idempotency';
import { requireSession } from '../../plugins/session';
import {
  ContactCaseSchema,
  ContactChainSchema,
  ContactHistoryItemSchema,
  ContactRecordedSchema,
  ContactViewSchema,
  presentContact,
  presentContactCase,
  presentContactChain,
  presentContactHistoryItem,
  presentContactRecorded,
} from '../../presenters/contact';
import { errorResponses } from '../../schemas';

const Id = z.strictObject({ id: z.string().uuid() });
const Version = z.number().int().min(1);

export const ContactListQuery = z.strictObject({
  from: isoDate.optional().describe('First day (YYYY-MM-DD, UTC) of the period'),
  to: isoDate.optional().describe('Last day (YYYY-MM-DD, UTC) of the period, included'),
  kind: z.enum(CONTACT_KINDS).optional(),
  place: z.string().trim().min(1).max(120).optional().describe('A municipality or outreach route (case-insensitive)'),
  chainId: z.string().uuid().optional(),
  includeVoided: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const ContactListResponse = z.strictObject({
  items: z.array(ContactViewSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});

export const ContactCorrectionBody = z.strictObject({ contact: ContactInputSchema, version: Version });
export const ContactVoidBody = z.strictObject({
  reason: z.string().trim().min(1).max(2000).describe('Why the contact was a mistake (sealed)'),
  version: Version,
});
export const CaseContactsResponse = z.strictObject({ contacts: z.array(ContactHistoryItemSchema) });

export const contactRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['contacts'];
  app.get(
    '/api/contacts',
    {
      schema: {
        tags,
        summary: 'The contact log, newest first: filters by period, kind, place and chain; paged',
        querystring: ContactListQuery,
        response: { 200: ContactListResponse, ...errorResponses },
      },
    },
    async (request) => {
      const r = await contacts.listContacts(ctx, requireSession(request).actor, request.query);
      return { items: r.items.map(presentContact), total: r.total, limit: r.limit, offset: r.offset };
    },
  );

  app.post(
    '/api/contacts',
    {
      schema: {
        tags,
        summary:
          'Record a contact (anonymous unless she gave a nickname); a repeat nickname joins her chain. Honours Idempotency-Key',
        body: ContactInputSchema,
        response: { 201: ContactRecordedSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const header = request.headers['idempotency-key'];
      const recorded = await contacts.recordContact(ctx, requireSession(request).actor, request.body, {
        idempotencyKey: validKey(header) ? header : undefined,
      });
      return reply.code(201).send(presentContactRecorded(recorded));
    },
  );

  app.get(
    '/api/contacts/:id',
    {
      schema: {
        tags,
        summary: 'One contact, with its note',
        params: Id,
        response: { 200: ContactViewSchema, ...errorResponses },
      },
    },
    async (request) => presentContact(await contacts.contactOf(ctx, requireSession(request).actor, request.params.id)),
  );

  app.get(
    '/api/contacts/:id/chain',
    {
      schema: {
        tags,
        summary: "Every contact of this contact's chain (one anonymous person), oldest first, and the case it became",
        params: Id,
        response: { 200: ContactChainSchema, ...errorResponses },
      },
    },
    async (request) =>
      presentContactChain(await contacts.chainOf(ctx, requireSession(request).actor, request.params.id)),
  );

  app.patch(
    '/api/contacts/:id',
    {
      schema: {
        tags,
        summary: 'Correct a contact: the whole contact as it should read, from the version read',
        params: Id,
        body: ContactCorrectionBody,
        response: { 200: ContactViewSchema, ...errorResponses },
      },
    },
    async (request) =>
      presentContact(
        await contacts.correctContact(ctx, requireSession(request).actor, request.params.id, request.body),
      ),
  );

  app.post(
    '/api/contacts/:id/void',
    {
      schema: {
        tags,
        summary: 'Void a contact recorded by mistake, with the reason; it stays in its chain, marked',
        params: Id,
        body: ContactVoidBody,
        response: { 200: ContactViewSchema, ...errorResponses },
      },
    },
    async (request) =>
      presentContact(await contacts.voidContact(ctx, requireSession(request).actor, request.params.id, request.body)),
  );

  app.post(
    '/api/contacts/:id/case',
    {
      schema: {
        tags,
        summary:
          "She agreed: the contact's chain becomes a case, carrying over only what was chosen; 409 when it is a case already",
        params: Id,
        body: ContactToCaseSchema,
        response: { 201: ContactCaseSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          presentContactCase(await contactToCase(ctx, requireSession(request).actor, request.params.id, request.body)),
        ),
  );

  app.get(
    '/api/cases/:id/contacts',
    {
      schema: {
        tags,
        summary:
          'The contact history of a case: the contacts of the chain it came from (dates, kinds, places, what was given)',
        params: Id,
        response: { 200: CaseContactsResponse, ...errorResponses },
      },
    },
    async (request) => ({
      contacts: (await contacts.contactsOfCase(ctx, requireSession(request).actor, request.params.id)).map(
        presentContactHistoryItem,
      ),
    }),
  );
};
