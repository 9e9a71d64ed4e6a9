/** Custom forms as they leave the server: the explicit fields of a form, a version and a definition. */
import { z } from 'zod';
import { FormDefinitionSchema, type FormDefinition } from '../../domain/forms/definition';
import type { FormVersionView, FormView } from '../../services/custom-forms';

const iso = (d: Date | string) => new Date(d).toISOString();

export const FormDefinitionOutSchema = FormDefinitionSchema.meta({ id: 'CustomFormDefinition' });

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

/** A stored definition re-read through its schema, so only the fields it names leave. */
const definitionOut = (d: FormDefinition | null) => (d ? FormDefinitionSchema.parse(d) : null);

export function presentForm(form: FormView): z.infer<typeof CustomFormSchema> {
  return {
    id: form.id,
    code: form.code,
    target: form.target,
    status: form.status,
    currentVersion: form.currentVersion,
    lockVersion: form.lockVersion,
    updatedAt: iso(form.updatedAt),
    draft: definitionOut(form.draft),
    published: definitionOut(form.published),
  };
}

export function presentFormVersion(v: FormVersionView): z.infer<typeof CustomFormVersionSchema> {
  return {
    code: v.code,
    version: v.version,
    definition: FormDefinitionSchema.parse(v.definition),
    publishedAt: iso(v.publishedAt),
    publishedBy: v.publishedBy ? { id: v.publishedBy.id, displayName: v.publishedBy.displayName } : null,
  };
}
