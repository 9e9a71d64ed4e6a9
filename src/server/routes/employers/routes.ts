/** Thin handlers for the employer directory (issue #19) and the internship length rules per country. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AgreementBody,
  EmployerBody,
  EmployerShareBody,
  EmployerUpdateBody,
  InternshipRuleBody,
  TutorBody,
} from '../../../domain/labour/employers';
import type { AppContext } from '../../../services/context';
import * as employers from '../../../services/employers';
import { requireSession } from '../../plugins/session';
import {
  EmployerViewSchema,
  InternshipRulesSchema,
  presentEmployer,
  presentInternshipRules,
} from '../../presenters/employer';
import { errorResponses } from '../../schemas';

export const EmployersResponse = z.strictObject({ employers: z.array(EmployerViewSchema) });
const Id = z.strictObject({ id: z.string().uuid() });
const Country = z.strictObject({ country: z.string().regex(/^[A-Z]{2}$/) });

export const employerRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['employers'];
  const actor = (request: Parameters<typeof requireSession>[0]) => requireSession(request).actor;

  app.get(
    '/api/employers',
    {
      schema: {
        tags,
        summary: "The organisation's employers and those its network partners share (company data only)",
        querystring: z.strictObject({ retired: z.enum(['true', 'false']).optional() }),
        response: { 200: EmployersResponse, ...errorResponses },
      },
    },
    async (request) => ({
      employers: (
        await employers.listEmployers(ctx, actor(request), { includeRetired: request.query.retired === 'true' })
      ).map(presentEmployer),
    }),
  );

  app.get(
    '/api/employers/:id',
    {
      schema: {
        tags,
        summary: 'One employer with its tutors and agreements',
        params: Id,
        response: { 200: EmployerViewSchema, ...errorResponses },
      },
    },
    async (request) => presentEmployer(await employers.getEmployer(ctx, actor(request), request.params.id)),
  );

  app.post(
    '/api/employers',
    {
      schema: {
        tags,
        summary: 'Add an employer to the directory',
        body: EmployerBody,
        response: { 201: EmployerViewSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(presentEmployer(await employers.addEmployer(ctx, actor(request), request.body))),
  );

  app.put(
    '/api/employers/:id',
    {
      schema: {
        tags,
        summary: 'Edit an employer (its owner)',
        params: Id,
        body: EmployerUpdateBody,
        response: { 200: EmployerViewSchema, ...errorResponses },
      },
    },
    async (request) =>
      presentEmployer(await employers.updateEmployer(ctx, actor(request), request.params.id, request.body)),
  );

  app.put(
    '/api/employers/:id/sharing',
    {
      schema: {
        tags,
        summary: "Share an employer with the organisation's networks, or stop sharing it",
        params: Id,
        body: EmployerShareBody,
        response: { 200: EmployerViewSchema, ...errorResponses },
      },
    },
    async (request) =>
      presentEmployer(await employers.shareEmployer(ctx, actor(request), request.params.id, request.body)),
  );

  app.post(
    '/api/employers/:id/retire',
    {
      schema: {
        tags,
        summary: 'Retire an employer (kept for the records that name it)',
        params: Id,
        body: z.strictObject({ version: z.number().int().min(1) }),
        response: { 200: EmployerViewSchema, ...errorResponses },
      },
    },
    async (request) =>
      presentEmployer(await employers.retireEmployer(ctx, actor(request), request.params.id, request.body.version)),
  );

  app.post(
    '/api/employers/:id/tutors',
    {
      schema: {
        tags,
        summary: 'Add a company tutor',
        params: Id,
        body: TutorBody,
        response: { 201: EmployerViewSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(presentEmployer(await employers.addTutor(ctx, actor(request), request.params.id, request.body))),
  );

  app.post(
    '/api/employers/:id/agreements',
    {
      schema: {
        tags,
        summary: 'Record an agreement signed with the employer',
        params: Id,
        body: AgreementBody,
        response: { 201: EmployerViewSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(presentEmployer(await employers.addAgreement(ctx, actor(request), request.params.id, request.body))),
  );

  app.get(
    '/api/internship-rules',
    {
      schema: {
        tags,
        summary: 'How long an internship may last per country (default 1–6 months)',
        response: { 200: InternshipRulesSchema, ...errorResponses },
      },
    },
    async (request) => presentInternshipRules(await employers.listInternshipRules(ctx, actor(request))),
  );

  app.put(
    '/api/internship-rules',
    {
      schema: {
        tags,
        summary: "Set a country's internship length (administrators)",
        body: InternshipRuleBody,
        response: { 200: InternshipRulesSchema, ...errorResponses },
      },
    },
    async (request) => presentInternshipRules(await employers.setInternshipRule(ctx, actor(request), request.body)),
  );

  app.delete(
    '/api/internship-rules/:country',
    {
      schema: {
        tags,
        summary: 'Return a country to the default internship length',
        params: Country,
        response: { 200: InternshipRulesSchema, ...errorResponses },
      },
    },
    async (request) =>
      presentInternshipRules(await employers.removeInternshipRule(ctx, actor(request), request.params.country)),
  );
};
