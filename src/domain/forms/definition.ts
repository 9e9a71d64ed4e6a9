/**
 * Custom forms: the fields and sections an administrator adds to the case record (target `case`)
 * or to a kind of case record (target = that entry kind, e.g. `service`). A definition is data,
 * versioned: each published version is stored whole and never changed, and every recorded value
 * names the version it was recorded under, so editing a form never reinterprets what was recorded.
 *
 * Expressions (`relevant`, `constraint`, `calculation`) are XLSForm's XPath subset, parsed and
 * evaluated by src/domain/forms/expression.ts, the same module in the browser and on the server.
 *
 * Values are stored as a record of the case (entry kind `custom_form`, or `custom` inside another
 * kind's record): text, long text, attachment references and fields marked `sensitive` are sealed
 * under the organisation's key like identity fields; numbers, dates, yes/no and codes stay clear.
 */
import { z } from 'zod';
import { LabelsSchema } from '../reference/types';
import { code } from '../shared/zod';

/** The types of a custom field, in the order the form builder offers them. */
export const FIELD_TYPES = [
  'text',
  'long_text',
  'number',
  'date',
  'yes_no',
  'select_one',
  'select_multiple',
  'attachment',
  /** Computed from `calculation`, shown read-only; the server recomputes it, never trusts the client's. */
  'calculated',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** Types whose values are free text or point at a file: always sealed, `sensitive` or not. */
export const ALWAYS_SEALED_TYPES: readonly FieldType[] = ['text', 'long_text', 'attachment'];

/** A field or section name: XLSForm's `name` column (a letter or underscore, then letters, digits, `_`, `-`, `.`). */
export const FieldName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/, 'Use letters, digits, _ - . (64 at most)');

/** An expression in the XPath subset (`${age} >= 18 and selected(${needs}, 'shelter')`); parsed on save. */
export const Expression = z.string().trim().min(1).max(2000);

/**
 * The definition's schemas over a labels schema: the domain's (any language an organisation writes)
 * and the API's closed map of the shipped languages (src/server/presenters/custom-form.ts).
 */
export function definitionSchemas<L extends z.ZodType>(labels: L) {
  const Choice = z.strictObject({ code, label: labels });
  /** A choice field's options: the organisation's reference list (`list`), or the form's own (`options`). */
  const Choices = z.union([
    z.strictObject({ list: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/) }),
    z.strictObject({ options: z.array(Choice).min(1).max(500) }),
  ]);
  const Field = z.strictObject({
    name: FieldName,
    type: z.enum(FIELD_TYPES),
    label: labels,
    hint: labels.optional(),
    required: z.boolean().default(false),
    /** Relevant when this holds ("skip logic"); an irrelevant field is neither asked, required nor stored. */
    relevant: Expression.optional(),
    /** Must hold for a given value; `.` is the value itself (`. >= 0 and . <= 120`). */
    constraint: Expression.optional(),
    constraintMessage: labels.optional(),
    /** For `calculated` fields only. */
    calculation: Expression.optional(),
    /** For `select_one` and `select_multiple` only. */
    choices: Choices.optional(),
    /** Sealed like identity fields even when the type would stay clear (a nationality, a date of birth). */
    sensitive: z.boolean().default(false),
    /** Kept so that values recorded under it stay readable; not offered for new records. */
    retired: z.boolean().default(false),
  });
  const Section = z.strictObject({
    name: FieldName,
    label: labels,
    relevant: Expression.optional(),
    fields: z.array(Field).min(1).max(200),
  });
  const Definition = z.strictObject({
    code,
    title: labels,
    description: labels.optional(),
    target: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/),
    referralSection: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,63}$/)
      .nullable()
      .default(null),
    sections: z.array(Section).min(1).max(50),
  });
  return { Choice, Choices, Field, Section, Definition };
}

const stored = definitionSchemas(LabelsSchema);

export const ChoiceSchema = stored.Choice;
export type Choice = z.infer<typeof ChoiceSchema>;
export const ChoicesSchema = stored.Choices;
export type Choices = z.infer<typeof ChoicesSchema>;
export const FieldSchema = stored.Field;
export type FieldDefinition = z.infer<typeof FieldSchema>;
export const SectionSchema = stored.Section;
export type SectionDefinition = z.infer<typeof SectionSchema>;

/**
 * Where a form's values go: `case` (a section of the case record) or an entry kind whose records
 * carry the extra fields. The referral section decides whether a referral may carry the values:
 * only when she agreed to share that section; `null` means the values never leave the organisation.
 */
export const FormDefinitionSchema = stored.Definition.superRefine((form, ctx) => {
  const seen = new Set<string>();
  form.sections.forEach((section, s) =>
    section.fields.forEach((field, f) => {
      const path = ['sections', s, 'fields', f];
      if (seen.has(field.name))
        ctx.addIssue({ code: 'custom', path: [...path, 'name'], message: `"${field.name}" is used twice` });
      seen.add(field.name);
      const isChoice = field.type === 'select_one' || field.type === 'select_multiple';
      if (isChoice && !field.choices)
        ctx.addIssue({ code: 'custom', path: [...path, 'choices'], message: 'A choice field needs its choices' });
      if (!isChoice && field.choices)
        ctx.addIssue({ code: 'custom', path: [...path, 'choices'], message: 'Only choice fields have choices' });
      if ((field.type === 'calculated') !== (field.calculation !== undefined))
        ctx.addIssue({
          code: 'custom',
          path: [...path, 'calculation'],
          message: 'A calculated field, and only a calculated field, has a calculation',
        });
    }),
  );
});
export type FormDefinition = z.infer<typeof FormDefinitionSchema>;
export type FormDefinitionInput = z.input<typeof FormDefinitionSchema>;

/** The value a field may hold once validated: text, a number, a date string, yes/no, code(s), a file id. */
export type FieldValue = string | number | boolean | string[];
export type FormValues = Record<string, FieldValue>;

/** True when a field's value is sealed under the organisation's key. */
export const isSealed = (field: Pick<FieldDefinition, 'type' | 'sensitive'>): boolean =>
  field.sensitive || ALWAYS_SEALED_TYPES.includes(field.type);

/** Every field of a definition, in form order, with its section. */
export function fieldsOf(
  form: Pick<FormDefinition, 'sections'>,
): { section: SectionDefinition; field: FieldDefinition }[] {
  return form.sections.flatMap((section) => section.fields.map((field) => ({ section, field })));
}
