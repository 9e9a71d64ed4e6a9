/**
 * Builds the Fastify application: edge validation with Zod (which also produces
 * the OpenAPI document), sessions and CSRF, thin route modules, and the SPA.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { AppContext } from '../services/context';
import { linkageIdle } from '../services/linkage-runs';
import { startJobs, stopJobs } from '../services/jobs';
import { closeWorkers } from '../services/workers';
import { answerClientError, installErrorHandler } from './errors-handler';
import { sessionPlugin } from './plugins/session';
import { idempotencyPlugin } from './plugins/idempotency';
import { installTextGuard } from './plugins/valid-text';
import { docsContentSecurityPolicy, helmetOptions } from './plugins/security-headers';
import { errors } from '../errors';
import { attachmentRoutes } from './routes/attachments/routes';
import { auditRoutes } from './routes/audit/routes';
import { preferenceRoutes } from './routes/account/preferences';
import { startAuditSealer } from '../services/audit';
import { referenceRoutes } from './routes/cases/reference';
import { legalTrackRoutes } from './routes/legal-tracks/routes';
import { syncRoutes } from './routes/sync/routes';
import { handoffRoutes } from './routes/handoffs/routes';
import { contactRoutes } from './routes/contacts/routes';
import { employerRoutes } from './routes/employers/routes';
import { referenceListRoutes } from './routes/reference-lists/routes';
import { caseRoutes } from './routes/cases/routes';
import { dashboardRoutes } from './routes/dashboard/routes';
import { caseSearchRoutes } from './routes/cases/search';
import { printRoutes } from './routes/cases/print';
import { correctionRoutes } from './routes/cases/corrections';
import { directoryRoutes, referralRoutes } from './routes/referrals/routes';
import { statisticsRoutes } from './routes/statistics/routes';
import { mseJobRoutes } from './routes/statistics/mse-jobs';
import { authRoutes } from './routes/auth/routes';
import { healthRoutes } from './routes/health/routes';
import { linkageRoutes } from './routes/linkage/routes';
import { notificationRoutes } from './routes/notifications/routes';
import { networkRoutes } from './routes/networks/routes';
import { catalogueRoutes } from './routes/catalogue/routes';
import { htcdsRoutes } from './routes/statistics/htcds';
import { labourStatisticsRoutes } from './routes/statistics/labour';
import { privacyRoutes } from './routes/statistics/privacy';
import { userRoutes } from './routes/users/routes';
import { customFormRoutes } from './routes/forms/routes';
import { formExportRoutes } from './routes/forms/export';
import { xlsFormRoutes } from './routes/forms/xlsform';

export interface ServerOptions {
  /** Where log lines go (tests capture them); defaults to stdout. */
  logStream?: Writable;
  /** The built SPA; served when present. */
  webDir?: string;
}

export const API_BODY_LIMIT = 256 * 1024;

export async function buildServer(ctx: AppContext, options: ServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    bodyLimit: API_BODY_LIMIT,
    logController: new LogController({ disableRequestLogging: true }),
    // X-Forwarded-For is believed only from configured proxies (ARIADNE_TRUSTED_PROXIES); otherwise
    // anyone could rotate it and escape the per-address login limit.
    trustProxy: ctx.config.trustedProxies?.length ? ctx.config.trustedProxies : false,
    // Malformed or over-long URLs: answer in our envelope, without echoing the URL (it may hold personal data).
    frameworkErrors: (error, _request, reply) => {
      const status = (error as { statusCode?: number }).statusCode ?? 400;
      // The generic reply type is unresolved here, so go through the raw reply API.
      (reply as unknown as { code(n: number): { send(body: unknown): void } }).code(status).send({
        error: { code: status === 414 ? 'url_too_long' : 'bad_url', message: 'The request URL is not valid' },
      });
    },
    // Header overflow (431), malformed requests (400) and timeouts (408) answer in the envelope too.
    clientErrorHandler: answerClientError,
    logger:
      ctx.config.logLevel === 'silent'
        ? false
        : {
            level: ctx.config.logLevel,
            stream: options.logStream,
            // Request logs carry ids and route patterns only: URLs and bodies may hold personal data.
            serializers: {
              req: () => ({}),
              res: () => ({}),
              err: (e: { name: string }) => ({ type: e.name, message: '', stack: '' }),
            },
          },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  installTextGuard(app);

  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
        actor: request.session?.actor.userId,
      },
      'request',
    );
  });
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    return payload;
  });

  // Content-Security-Policy, HSTS (production), nosniff, frame and referrer policies on every response.
  await app.register(helmet, helmetOptions(ctx.config));
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Ariadne API',
        version: '0.1.0',
        description: 'Case management, referral networks, (re)integration outcomes and honest statistics.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'ariadne_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
      security: [{ session: [], csrf: [] }],
    },
    transform: jsonSchemaTransform,
    // The schemas registered with .meta({ id }) go to components.schemas, which the $refs point to.
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(sessionPlugin, { ctx });
  // After the session: an Idempotency-Key belongs to the authenticated user.
  await app.register(idempotencyPlugin, { ctx });
  // After the session plugin, so the documentation's hooks see the session: in production only staff read it.
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: docsContentSecurityPolicy(ctx.config),
    uiHooks: {
      preHandler: async (request) => {
        if (ctx.config.env === 'production' && !request.session) throw errors.unauthenticated();
      },
    },
  });
  // A background linkage run finishes before the database closes.
  // Then the worker threads of heavy computations end (after the run, which uses them).
  // The job queue stops after it (a job in hand finishes, or goes back to the queue for another server).
  app.addHook('onClose', async () => {
    await linkageIdle(ctx);
    await stopJobs(ctx);
    await closeWorkers(ctx);
  });
  // Background jobs (ARIADNE_JOBS): with `on`, every queue and the schedules; under NODE_ENV=test nothing until a request queues work.
  await startJobs(ctx, { onError: (message) => app.log.error({ job: 'queue' }, message) });
  // Pending audit entries become signed leaves within a second; a run in progress ends before the database closes.
  const auditSealer = startAuditSealer(ctx, {
    intervalMs: ctx.config.auditSealIntervalMs ?? 1000,
    onError: (message) => app.log.error({ job: 'audit.seal' }, message),
  });
  app.addHook('onClose', () => auditSealer.stop());

  for (const routes of [
    healthRoutes,
    authRoutes,
    userRoutes,
    auditRoutes,
    preferenceRoutes,
    referenceRoutes,
    legalTrackRoutes,
    syncRoutes,
    employerRoutes,
    referenceListRoutes,
    caseSearchRoutes,
    caseRoutes,
    dashboardRoutes,
    attachmentRoutes,
    printRoutes,
    correctionRoutes,
    statisticsRoutes,
    mseJobRoutes,
    referralRoutes,
    directoryRoutes,
    linkageRoutes,
    notificationRoutes,
    networkRoutes,
    catalogueRoutes,
    privacyRoutes,
    htcdsRoutes,
    labourStatisticsRoutes,
    customFormRoutes,
    formExportRoutes,
    xlsFormRoutes,
    handoffRoutes,
    contactRoutes,
  ])
    await app.register(routes, { ctx });

  const webDir = options.webDir;
  if (webDir && fs.existsSync(path.join(webDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: webDir, wildcard: false });
    // Client-side routes fall back to the SPA; unknown API paths stay JSON 404s.
    app.get('/*', { schema: { hide: true } }, (request, reply) => {
      if (request.url.startsWith('/api/'))
        return reply.code(404).send({ error: { code: 'not_found', message: 'Not found, or you do not have access' } });
      return reply.sendFile('index.html');
    });
  }
  return app;
}
