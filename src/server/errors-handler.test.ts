/**
 * The error handler answers every typed domain error in the error envelope with
 * a 4xx: LinkageError, MseInputError and OutcomeError are DomainErrors, so one
 * that escapes a service is never a 500.
 */
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DomainError } from '../domain/errors';
import { LinkageError } from '../domain/linkage';
import { MseInputError } from '../domain/mse/errors';
import { OutcomeError } from '../domain/outcomes/errors';
import { installErrorHandler } from './errors-handler';

const app = Fastify();
const thrown: Record<string, () => Error> = {
  'linkage-options': () => new LinkageError('invalid_options', 'The threshold must be between 0 and 1'),
  'linkage-schema': () => new LinkageError('schema_mismatch', 'The encodings were made with another schema'),
  'linkage-secret': () => new LinkageError('missing_secret', 'This organisation has no network linkage secret'),
  mse: () => new MseInputError('too_few_lists', 'MSE needs at least two lists'),
  outcome: () => new OutcomeError('score_out_of_scale', 'The score is outside the scale'),
  domain: () => new DomainError('case_closed', 'The case is closed'),
};

beforeAll(async () => {
  installErrorHandler(app);
  for (const [path, error] of Object.entries(thrown))
    app.get(`/${path}`, async () => {
      throw error();
    });
  await app.ready();
});
afterAll(() => app.close());

describe('typed domain errors at the edge', () => {
  test.each([
    ['linkage-options', 400, 'invalid_options'],
    ['linkage-schema', 400, 'schema_mismatch'],
    ['linkage-secret', 409, 'missing_secret'],
    ['mse', 400, 'too_few_lists'],
    ['outcome', 400, 'score_out_of_scale'],
    ['domain', 409, 'case_closed'],
  ])('%s answers %i %s in the envelope', async (path, status, code) => {
    const res = await app.inject({ method: 'GET', url: `/${path}` });
    expect(res.statusCode).toBe(status);
    expect(JSON.parse(res.body)).toEqual({ error: { code, message: expect.any(String) } });
  });

  test('a LinkageError is a DomainError and keeps its name and code', () => {
    const error = new LinkageError('no_consent', 'She has not consented to linkage');
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ name: 'LinkageError', code: 'no_consent' });
  });
});
