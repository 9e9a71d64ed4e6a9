/**
 * Where custom values live in a case record. A `custom_form` record's data is
 * `{ form, version, values }`; another kind's record carries the same under `custom`. Values of
 * sealed fields (isSealed: text, long text, attachments, sensitive) move to the record's top-level
 * `sealedValues` before it is stored, which is a secret path of every kind (SECRET_FIELDS), so they
 * are encrypted with the record's other secrets; reading folds them back into `values`.
 */
import { z } from 'zod';
import { code } from '../shared/zod';
import { fieldsOf, FieldName, isSealed, type FormDefinition, type FormValues } from './definition';

/** The secret path of a record that holds its sealed custom values. */
export const SEALED_VALUES = 'sealedValues';

export const FieldValueSchema = z.union([
  z.string().max(10_000),
  z.number().finite(),
  z.boolean(),
  z.array(z.string().max(200)).max(500),
]);

/** The shape of custom values as they arrive and leave; the form's own rules are checked by the service. */
export const CustomValuesSchema = z.strictObject({
  form: code,
  version: z
    .number()
    .int()
    .min(1)
    .max(2 ** 31 - 1),
  values: z.record(FieldName, FieldValueSchema),
});
export type CustomValues = z.infer<typeof CustomValuesSchema>;

/** The values split into those stored clear and those sealed, by the definition they were recorded under. */
export function splitSealed(
  form: Pick<FormDefinition, 'sections'>,
  values: FormValues,
): { clear: FormValues; sealed: FormValues } {
  const sealedNames = new Set(
    fieldsOf(form)
      .filter(({ field }) => isSealed(field))
      .map(({ field }) => field.name),
  );
  const clear: FormValues = {};
  const sealed: FormValues = {};
  for (const [name, value] of Object.entries(values)) (sealedNames.has(name) ? sealed : clear)[name] = value;
  return { clear, sealed };
}

/**
 * The record as staff read it: sealed values back inside `values` (for a `custom_form` record) or
 * `custom.values` (any other kind), and no `sealedValues` key left.
 */
export function foldSealed(kind: string, data: Record<string, unknown>): Record<string, unknown> {
  if (!(SEALED_VALUES in data)) return data;
  const { [SEALED_VALUES]: sealed, ...rest } = data;
  const extra = (sealed ?? {}) as FormValues;
  if (kind === 'custom_form') return { ...rest, values: { ...((rest.values as FormValues) ?? {}), ...extra } };
  const custom = rest.custom as CustomValues | undefined;
  if (!custom) return rest;
  return { ...rest, custom: { ...custom, values: { ...custom.values, ...extra } } };
}
