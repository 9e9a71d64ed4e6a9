/** Edge schemas for cases; the same shapes feed the OpenAPI document. */
import { z } from 'zod';
import { ENTRY_KINDS } from '../../../domain/cases/entries';
import { STATUSES } from '../../../domain/cases/lifecycle';
import { COOPERATION_VALUES } from '../../../domain/cases/vocabulary';
import { code, isoDate } from '../../../domain/shared/zod';
import { Version } from '../../schemas';

// The first contact and the person edit: the domain's schemas, shared with the cases service.
export { CreateCaseBody, UpdatePersonBody } from '../../../domain/cases/inputs';

export const UpdateCaseBody = z.strictObject({
  programmeType: code.nullable().optional(),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .nullable()
    .optional(),
  cooperationWithAuthorities: z.enum(COOPERATION_VALUES).optional(),
  version: Version,
});

export const TransitionBody = z.strictObject({
  to: z.enum([...STATUSES, 'reopened']),
  reason: code.optional(),
  note: z.string().trim().max(2000).optional(),
  version: Version,
});

export const ChangeOwnerBody = z.strictObject({
  ownerId: z.string().uuid(),
  reason: z.string().trim().min(1).max(500),
  version: Version,
});

export const CaseListQuery = z.strictObject({
  q: z.string().trim().min(1).max(200).optional(),
  dob: isoDate.optional(),
  status: z.enum(STATUSES).optional(),
  ownerId: z.string().uuid().optional(),
  programme: code.optional(),
  mine: z.enum(['true', 'false']).optional().describe("Only the signed-in user's own cases"),
  match: z
    .enum(['partial', 'exact'])
    .optional()
    .describe('partial (default): partial and misspelt names; exact: the whole name'),
  sort: z
    .enum(['relevance', 'updated', 'reference', 'contactDate', 'name'])
    .optional()
    .describe('relevance is the default for a name search, updated otherwise; name orders the returned page only'),
  risk: code.optional().describe('The current risk level'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const CaseParams = z.strictObject({ id: z.string().uuid() });
export const EntryParams = z.strictObject({ id: z.string().uuid(), entryId: z.string().uuid() });
export const EntryKind = z.enum(ENTRY_KINDS as [string, ...string[]]);
export const NewEntryBody = z.strictObject({ kind: EntryKind, data: z.record(z.string(), z.unknown()) });
export const ReviseEntryBody = z.strictObject({
  data: z.record(z.string(), z.unknown()),
  version: Version,
  reason: z
    .string()
    .trim()
    .min(1)
    .max(2000)
    .describe('Why the record is corrected (free text, stored encrypted with the new version, shown in its history)'),
});
