/**
 * Refuses text PostgreSQL cannot store, at the edge and for every route: a NUL
 * character (text and jsonb columns reject \u0000) or a lone UTF-16 surrogate
 * (not Unicode; the driver would silently turn it into U+FFFD). Both used to
 * surface as 500s or as silently altered data. Body, query string and path
 * parameters are checked, keys as well as values, before validation runs.
 */
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../errors';

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** True when the string can be stored as sent. */
export function isStorableText(value: string): boolean {
  return !value.includes('\u0000') && !LONE_SURROGATE.test(value);
}

/**
 * The path of the first string in `value` that is not storable, or null.
 * Iterative, so a deeply nested body cannot overflow the stack.
 */
export function findInvalidText(value: unknown): (string | number)[] | null {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  while (stack.length) {
    const { value: v, path } = stack.pop()!;
    if (typeof v === 'string') {
      if (!isStorableText(v)) return path;
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i -= 1) stack.push({ value: v[i], path: [...path, i] });
    } else if (v && typeof v === 'object') {
      for (const [key, child] of Object.entries(v)) {
        if (!isStorableText(key)) return path;
        stack.push({ value: child, path: [...path, key] });
      }
    }
  }
  return null;
}

/** Names where the text is, like validation errors (keys only, never the value; at most a few levels). */
export const invalidText = (where: string, path: (string | number)[]) =>
  new AppError(400, 'invalid_text', 'Text must not contain NUL characters or unpaired surrogates', [
    {
      in: where,
      path: path.slice(0, 8).map((p) => (typeof p === 'string' && !isStorableText(p) ? '?' : p)),
      code: 'invalid_text',
    },
  ]);

export function installTextGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const [where, value] of [
      ['body', request.body],
      ['query', request.query],
      ['params', request.params],
    ] as const) {
      const path = findInvalidText(value);
      if (path) throw invalidText(where, path);
    }
  });
}
