/**
 * The request bodies of the custom-forms API: one Zod schema validates the request at the edge
 * (and feeds the OpenAPI document), and the service takes its type, so no twin can drift.
 */
import { z } from 'zod';
import { Version } from '../shared/zod';
import { FormDefinitionSchema } from './definition';

/** A new form: its first draft. The code and target come from the definition. */
export const CreateFormBody = z.strictObject({ definition: FormDefinitionSchema });
export type CreateFormInput = z.input<typeof CreateFormBody>;

/** The draft replaced whole, naming the lock version it was read at (a stale one is a 409). */
export const UpdateDraftBody = z.strictObject({ definition: FormDefinitionSchema, lockVersion: Version });
export type UpdateDraftInput = z.input<typeof UpdateDraftBody>;

/** Publishing and retiring name the lock version too, so nobody publishes a draft she has not seen. */
export const FormLockBody = z.strictObject({ lockVersion: Version });
export type FormLockInput = z.infer<typeof FormLockBody>;
