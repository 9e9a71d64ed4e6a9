/**
 * Maps every failure to the error envelope with a stable code. Bad input is a
 * 4xx with a translatable code; only genuine faults are 500, logged by id only.
 */
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError } from '../domain/errors';
import { AppError, issueLimits } from '../errors';

/** Domain rule violations that are about the record's state rather than the input (missing_secret: no linkage secret stored yet). */
const CONFLICT_CODES = new Set([
  'privacy_budget_exceeded',
  'case_closed',
  'invalid_transition',
  'consent_already_withdrawn',
  'append_only',
  'invalid_referral_transition',
  'consent_withdrawn',
  'missing_secret',
]);

const FASTIFY_CLIENT_ERRORS: Record<string, { code: string; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'invalid_json', message: 'The request body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'invalid_json', message: 'The request body is empty' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'payload_too_large', message: 'The request body is too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'unsupported_media_type',
    message: 'Send the request body as application/json',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'invalid_content_length',
    message: 'The Content-Length header does not match the body',
  },
};

/**
 * PostgreSQL data exceptions (SQLSTATE class 22) that only bad input causes. The edge refuses such
 * input first (valid-text.ts, Version in schemas.ts); this is the backstop, so a value that slips past
 * is a 400 and never a 500. The database's message is not used: it may quote the value.
 */
const DATA_EXCEPTIONS: Record<string, { code: string; message: string }> = {
  '22021': { code: 'invalid_text', message: 'Text must not contain NUL characters or unpaired surrogates' },
  '22P05': { code: 'invalid_text', message: 'Text must not contain NUL characters or unpaired surrogates' },
  '22003': { code: 'value_out_of_range', message: 'A number in the request is out of range' },
  '22001': { code: 'value_too_long', message: 'A value in the request is too long' },
};

/**
 * Errors Node's HTTP parser raises before Fastify sees a request (headers over the size limit,
 * malformed request lines, timeouts): answered in the error envelope, like every other error.
 */
export function answerClientError(error: { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'headers_too_large', 'The request headers are too large']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'request_timeout', 'The request took too long to arrive']
        : ([400, 'bad_request', 'The request could not be read'] as const);
  const body = JSON.stringify({ error: { code, message } });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\n` +
        `cache-control: no-store\r\nx-content-type-options: nosniff\r\nconnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      return reply
        .code(error.status)
        .send({ error: { code: error.code, message: error.message, details: error.details } });
    }
    if ((error as unknown) instanceof DomainError) {
      const domain = error as unknown as DomainError;
      const status = CONFLICT_CODES.has(domain.code) ? 409 : 400;
      return reply
        .code(status)
        .send({ error: { code: domain.code, message: domain.message, details: domain.details } });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details = error.validation.map((v) => ({
        path: v.instancePath.replace(/^\//, '').split('/').filter(Boolean),
        code: v.keyword,
        message: v.message,
        ...issueLimits(v.params),
      }));
      return reply
        .code(400)
        .send({ error: { code: 'validation_failed', message: 'The request is not valid', details } });
    }
    const known = error.code ? FASTIFY_CLIENT_ERRORS[error.code] : undefined;
    if (known) return reply.code(error.statusCode ?? 400).send({ error: known });
    if (error.statusCode === 429) {
      return reply
        .code(429)
        .send({ error: { code: 'rate_limited', message: 'Too many requests; slow down and try again' } });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply
        .code(error.statusCode)
        .send({ error: { code: 'bad_request', message: 'The request could not be processed' } });
    }
    const dataException = typeof error.code === 'string' ? DATA_EXCEPTIONS[error.code] : undefined;
    if (dataException) return reply.code(400).send({ error: dataException });
    // Never log the error message of database errors verbatim: it may quote values.
    request.log.error({ errCode: error.code ?? 'unknown', errName: error.name, reqId: request.id }, 'unhandled error');
    return reply.code(500).send({ error: { code: 'internal_error', message: 'Something went wrong on our side' } });
  });

  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send({ error: { code: 'not_found', message: 'Not found, or you do not have access' } });
  });
}
