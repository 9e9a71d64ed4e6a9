/** Custom forms as they leave the server: the explicit fields of a form, a version and a definition. */
import { z } from 'zod';
import { definitionSchemas, FormDefinitionSchema, type FormDefinition } from '../../domain/forms/definition';
import type { FormVersionView, FormView } from '../../services/custom-forms';
import { LabelsOutSchema, labelsOut } from './closed';
import type { LabelsSchema } from '../../domain/reference/types';

const iso = (d: Date | string) => new Date(d).toISOString();

/** The definition as it leaves: every field named, labels in the shipped languages (a closed map). */
// Typed as the domain's labels (a present key holds a string): the web reads both through one Labels type.
export const FormDefinitionOutSchema = definitionSchemas(
  LabelsOutSchema as unknown as typeof LabelsSchema,
).Definition.meta({
  id: 'CustomFormDefinition',
});
type DefinitionOut = z.infer<typeof FormDefinitionOutSchema>;

export const CustomFormSchema = z
  .strictObject({
    id: z.string().uuid(),
    code: z.string(),
    target: z.string(),
    status: z.enum(['draft', 'published', 'retired']),
    currentVersion: z.number().int(),
    lockVersion: z.number().int(),
    updatedAt: z.string(),
    draft: FormDefinitionOutSchema.nullable(),
    published: FormDefinitionOutSchema.nullable(),
  })
  .meta({ id: 'CustomForm' });

export const CustomFormVersionSchema = z
  .strictObject({
    code: z.string(),
    version: z.number().int(),
    definition: FormDefinitionOutSchema,
    publishedAt: z.string(),
    publishedBy: z.strictObject({ id: z.string().uuid(), displayName: z.string() }).nullable(),
  })
  .meta({ id: 'CustomFormVersion' });

/** A stored definition re-read through its schema (only the fields it names), its labels cut to the shipped languages. */
export function definitionOut(stored: FormDefinition): DefinitionOut {
  const d = FormDefinitionSchema.parse(stored);
  const optional = (l: FormDefinition['description']) => (l ? labelsOut(l) : undefined);
  return {
    ...d,
    title: labelsOut(d.title),
    description: optional(d.description),
    sections: d.sections.map((section) => ({
      ...section,
      label: labelsOut(section.label),
      fields: section.fields.map((field) => ({
        ...field,
        label: labelsOut(field.label),
        hint: optional(field.hint),
        constraintMessage: optional(field.constraintMessage),
        choices:
          field.choices && 'options' in field.choices
            ? { options: field.choices.options.map((o) => ({ code: o.code, label: labelsOut(o.label) })) }
            : field.choices,
      })),
    })),
  };
}
const nullableDefinition = (d: FormDefinition | null) => (d ? definitionOut(d) : null);

export function presentForm(form: FormView): z.infer<typeof CustomFormSchema> {
  return {
    id: form.id,
    code: form.code,
    target: form.target,
    status: form.status,
    currentVersion: form.currentVersion,
    lockVersion: form.lockVersion,
    updatedAt: iso(form.updatedAt),
    draft: nullableDefinition(form.draft),
    published: nullableDefinition(form.published),
  };
}

export function presentFormVersion(v: FormVersionView): z.infer<typeof CustomFormVersionSchema> {
  return {
    code: v.code,
    version: v.version,
    definition: definitionOut(v.definition),
    publishedAt: iso(v.publishedAt),
    publishedBy: v.publishedBy ? { id: v.publishedBy.id, displayName: v.publishedBy.displayName } : null,
  };
}
