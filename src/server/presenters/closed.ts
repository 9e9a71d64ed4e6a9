/**
 * A map whose keys are a closed enumeration (languages, questionnaire items, taxonomy codes), as an object
 * that names every key it may have: OpenAPI 3.0 cannot say `propertyNames`, so a z.partialRecord would
 * document an open object. Every key is optional; no other key is admitted.
 */
import { z } from 'zod';
import { LOCALES } from '../../domain/roles/catalogue';

export function closedMap<K extends string, V extends z.ZodType>(keys: readonly K[], value: V) {
  return z.strictObject(Object.fromEntries(keys.map((k) => [k, value.optional()])) as { [P in K]: z.ZodOptional<V> });
}

/** Only the listed keys of a map, copied. */
export function pickKeys<V>(
  map: Partial<Record<string, V>> | undefined,
  keys: readonly string[],
  copy: (v: V) => V = (v) => v,
): Partial<Record<string, V>> {
  const out: Partial<Record<string, V>> = {};
  for (const k of keys) {
    const v = map?.[k];
    if (v !== undefined) out[k] = copy(v);
  }
  return out;
}

/** Labels as they leave the server: the languages it ships (locales/), English always. */
export const LabelsOutSchema = closedMap(LOCALES, z.string()).extend({ en: z.string() });

/** A stored label map (any language an organisation wrote) cut to the shipped languages. */
export const labelsOut = <L extends { en: string }>(labels: L): L =>
  ({ ...pickKeys(labels as Partial<Record<string, string>>, LOCALES), en: labels.en }) as unknown as L;
