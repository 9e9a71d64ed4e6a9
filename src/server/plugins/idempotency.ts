/**
 * Honours the Idempotency-Key header on POST, PUT and PATCH for an authenticated user (see
 * src/services/idempotency.ts): the first request runs, its answer is stored encrypted; a
 * repeat, concurrent or later, gets that answer replayed with `Idempotent-Replayed: true`.
 * Registered after the session plugin, so its preHandler runs once the session and the
 * CSRF token are checked and the body is validated (a 400 from validation claims nothing).
 */
import fp from 'fastify-plugin';
import type { AppContext } from '../../services/context';
import {
  beginIdempotent,
  finishIdempotent,
  releaseIdempotent,
  validKey,
  type IdempotencyKeyId,
} from '../../services/idempotency';
import { errors } from '../../errors';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set when this request is the first with its key: its answer is stored in onSend. */
    idempotency?: IdempotencyKeyId;
  }
}

const GUARDED = new Set(['POST', 'PUT', 'PATCH']);
export const REPLAYED_HEADER = 'idempotent-replayed';

export const idempotencyPlugin = fp<{ ctx: AppContext; waitMs?: number }>(async (app, { ctx, waitMs }) => {
  app.decorateRequest('idempotency', undefined);
  app.addHook('preHandler', async (request, reply) => {
    if (!GUARDED.has(request.method) || !request.url.startsWith('/api/')) return;
    const header = request.headers['idempotency-key'];
    if (header === undefined) return;
    // Login and other public routes have no user to hold the key: it is ignored there.
    if (!request.session) return;
    if (!validKey(header)) throw errors.idempotencyKeyInvalid();
    const id = {
      organisationId: request.session.actor.organisationId,
      userId: request.session.actor.userId,
      key: header,
    };
    const begun = await beginIdempotent(
      ctx,
      id,
      {
        method: request.method,
        route: request.routeOptions.url ?? request.url.split('?')[0]!,
        url: request.url,
        body: request.body,
      },
      { waitMs },
    );
    if (begun.kind === 'first') {
      request.idempotency = id;
      return;
    }
    return reply
      .code(begun.statusCode)
      .header('content-type', begun.contentType)
      .header(REPLAYED_HEADER, 'true')
      .send(begun.body);
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const id = request.idempotency;
    if (!id) return payload;
    request.idempotency = undefined;
    try {
      if (typeof payload === 'string' || Buffer.isBuffer(payload) || payload === null || payload === undefined)
        await finishIdempotent(ctx, id, {
          statusCode: reply.statusCode,
          contentType: String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8'),
          body: payload === null || payload === undefined ? '' : payload.toString(),
        });
      // A stream (a file download) is not kept: the key is released, the request may run again.
      else await releaseIdempotent(ctx, id);
    } catch (error) {
      // The record exists; the key stays "in progress" (repeats are told to retry, never run twice)
      // until it expires. Only the error's name: a message could quote data.
      request.log.error({ idempotency: 'store_failed', type: (error as Error).name }, 'idempotency');
    }
    return payload;
  });
});
