/**
 * Custom records on a referral: a form crosses only inside the section it declares
 * (`referralSection`), and only when that section was chosen for this referral; a form with
 * `referralSection: null` never leaves the organisation. What crosses describes itself: the
 * receiver has not got the sender's form, so each record carries the labels of the version it was
 * recorded under (fields with a value only, choices from a list resolved to the sender's labels)
 * and the values. Attachment fields stay behind: a file crosses only with the `documents` section.
 * The whole snapshot is sealed under the receiver's key, like identity.
 */
import { z } from 'zod';
import type { Labels } from '../reference/types';
import { code } from '../shared/zod';
import { FIELD_TYPES, FieldName, type FieldValue, type FormDefinition, type FormValues } from './definition';

/** The languages a partner's staff read Ariadne in: labels travel in these (a closed shape, like every response). */
export const SHARED_LANGUAGES = ['en', 'fr', 'it', 'sk'] as const;
const SharedLabelsSchema = z.strictObject({
  en: z.string().min(1),
  fr: z.string().min(1).optional(),
  it: z.string().min(1).optional(),
  sk: z.string().min(1).optional(),
});
type SharedLabels = z.infer<typeof SharedLabelsSchema>;

const sharedLabels = (labels: Labels): SharedLabels =>
  Object.fromEntries(SHARED_LANGUAGES.filter((l) => labels[l]).map((l) => [l, labels[l]])) as SharedLabels;

const SharedValueSchema = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);

const SharedFieldSchema = z.strictObject({
  name: FieldName,
  type: z.enum(FIELD_TYPES),
  label: SharedLabelsSchema,
  choices: z.strictObject({ options: z.array(z.strictObject({ code, label: SharedLabelsSchema })) }).optional(),
  retired: z.boolean(),
});

export const SharedFormRecordSchema = z.strictObject({
  form: code,
  title: SharedLabelsSchema,
  version: z.number().int().min(1),
  recordedAt: z.string(),
  sections: z.array(
    z.strictObject({ name: FieldName, label: SharedLabelsSchema, fields: z.array(SharedFieldSchema).min(1) }),
  ),
  /** One entry per recorded field (a list, not a map: the shape stays closed). */
  values: z.array(z.strictObject({ name: FieldName, value: SharedValueSchema })),
});
export type SharedFormRecord = z.infer<typeof SharedFormRecordSchema>;

/** One recorded custom record of the sender's case, decrypted, with the definition of its version. */
export interface CustomRecordSource {
  definition: Pick<FormDefinition, 'code' | 'title' | 'referralSection' | 'sections'>;
  version: number;
  values: FormValues;
  recordedAt: string;
}

/** Labels of the sender's reference lists in every language: `<list>` → code → labels. */
export type ListLabels = Readonly<Record<string, Readonly<Record<string, Labels>>>>;

const hasValue = (v: FieldValue | undefined) =>
  v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);

/** The records that may cross with these sections, each described by its own version. */
export function sharedFormRecords(
  sections: readonly string[],
  records: readonly CustomRecordSource[],
  lists: ListLabels = {},
): SharedFormRecord[] {
  return records
    .filter((r) => r.definition.referralSection !== null && sections.includes(r.definition.referralSection))
    .map((r) => {
      const values: { name: string; value: FieldValue }[] = [];
      const shared = r.definition.sections
        .map((section) => ({
          name: section.name,
          label: sharedLabels(section.label),
          fields: section.fields
            .filter((f) => f.type !== 'attachment' && hasValue(r.values[f.name]))
            .map((f) => {
              values.push({ name: f.name, value: r.values[f.name] });
              const choices = !f.choices
                ? undefined
                : 'options' in f.choices
                  ? { options: f.choices.options.map((o) => ({ code: o.code, label: sharedLabels(o.label) })) }
                  : {
                      // Only the labels of the codes recorded: the partner needs no more of the sender's lists.
                      options: Object.entries(lists[f.choices.list] ?? {})
                        .filter(([c]) => [r.values[f.name]].flat().includes(c))
                        .map(([c, label]) => ({ code: c, label: sharedLabels(label) })),
                    };
              return {
                name: f.name,
                type: f.type,
                label: sharedLabels(f.label),
                retired: f.retired,
                ...(choices ? { choices } : {}),
              };
            }),
        }))
        .filter((section) => section.fields.length > 0);
      return {
        form: r.definition.code,
        title: sharedLabels(r.definition.title),
        version: r.version,
        recordedAt: r.recordedAt,
        sections: shared,
        values,
      };
    })
    .filter((r) => r.sections.length > 0);
}

/** A shared record's values as a map, for presenting it (src/domain/forms/present.ts). */
export const sharedValues = (record: Pick<SharedFormRecord, 'values'>): FormValues =>
  Object.fromEntries(record.values.map((v) => [v.name, v.value]));
