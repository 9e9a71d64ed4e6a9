/**
 * No request or response type is written twice (issue #15). The web takes every response type from
 * src/server/api-types.ts (z.infer of the route's schema), so an `api<{ ... }>` generic that spells
 * a response out by hand is a second definition that can drift from what the server sends. The
 * services take their inputs from the body schemas that validate them (z.input / z.infer of the
 * domain's `inputs.ts`), so a hand-written `interface …Input` beside them is a twin too.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = join(__dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** `api<{` with any spacing, even when the generic starts on the next line. */
export const INLINE_RESPONSE = /\bapi<\s*\{/g;

/** An exported hand-written request type in a service: `interface FooInput {` or `type FooInput = {`. */
export const HAND_WRITTEN_INPUT =
  /^export\s+(?:interface\s+\w*(?:Input|Body|Changes|Request)\b[^=]*\{|type\s+\w*(?:Input|Body|Changes|Request)\s*=\s*\{)/gm;

function offenders(dir: string, pattern: RegExp): string[] {
  return sources(join(ROOT, dir)).flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    return [...text.matchAll(pattern)].map((m) => {
      const line = text.slice(0, m.index).split('\n').length;
      return `${relative(ROOT, file)}:${line}`;
    });
  });
}

describe('one definition per request and response type', () => {
  test('the patterns catch what they are meant to catch', () => {
    expect('api<{ partners: { id: string }[] }>(x)'.match(INLINE_RESPONSE)).toHaveLength(1);
    expect('api<\n  {\n entries: Foo[] }>(x)'.match(INLINE_RESPONSE)).toHaveLength(1);
    expect('api<NetworkPartners>(x)'.match(INLINE_RESPONSE)).toBeNull();
    expect('export interface PersonInput extends PersonIdentity {\n'.match(HAND_WRITTEN_INPUT)).toHaveLength(1);
    expect('export type IntakeChanges = {\n'.match(HAND_WRITTEN_INPUT)).toHaveLength(1);
    expect('export type IntakeChanges = z.input<typeof UpdateIntakeBody>;\n'.match(HAND_WRITTEN_INPUT)).toBeNull();
  });

  test('the web writes no response shape in an api<…> generic (it imports the type from server/api-types)', () => {
    expect(offenders('src/web', INLINE_RESPONSE)).toEqual([]);
  });

  test('the services declare no request type by hand beside the schema that validates it', () => {
    // An idempotent request is the stored request's identity (method, route, url, body), not a body schema.
    const allowed = ['src/services/idempotency.ts'];
    expect(
      offenders('src/services', HAND_WRITTEN_INPUT).filter((o) => !allowed.some((a) => o.startsWith(`${a}:`))),
    ).toEqual([]);
  });
});
