/**
 * The request bodies of a first contact and of a person edit: one Zod schema validates the request at
 * the edge (and feeds the OpenAPI document), and the cases service takes its type (z.input), so no
 * hand-written twin can drift from what is validated.
 */
import { z } from 'zod';
import { code, isoDate, Version } from '../shared/zod';
import { CASE_FILE_SECTIONS } from './case-file';

const name = z.string().trim().min(1).max(200);

const PersonFields = {
  givenName: name,
  familyName: name.optional(),
  aliases: z.array(name).max(20).optional(),
  dateOfBirth: isoDate.optional(),
  sex: z.enum(['female', 'male', 'other', 'unknown']).optional(),
  citizenship: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
  languages: z.array(z.string().trim().min(2).max(40)).max(20).optional(),
  contact: z.string().trim().max(500).optional(),
  documents: z.string().trim().max(1000).optional(),
  chosenTerm: code.optional(),
  pronouns: z.string().trim().max(40).optional(),
  preferredLanguage: z.string().trim().max(20).optional(),
};

/**
 * A first contact for a new person (`person`) or for one the organisation already knows
 * (`personId`, e.g. from her closed case): exactly one of the two.
 */
export const CreateCaseBody = z
  .strictObject({
    person: z
      .strictObject(PersonFields)
      .optional()
      .describe('A person not known yet: her identity is recorded (encrypted)'),
    personId: z
      .string()
      .uuid()
      .optional()
      .describe('A person of this organisation: her identity is reused, with a new intake and risk assessment'),
    intake: z.strictObject({
      channel: code,
      contactDate: isoDate,
      municipality: z.string().trim().max(120).optional(),
      language: z.string().trim().max(40).optional(),
      mediatorUsed: z.boolean(),
      immediateNeeds: z.array(code).max(20),
    }),
    risk: z.strictObject({ level: code, notes: z.string().trim().max(10_000).optional() }),
    ownerId: z.string().uuid().optional(),
  })
  .superRefine((body, ctx) => {
    if ((body.person === undefined) === (body.personId === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [body.person ? 'personId' : 'person'],
        message: 'Give either person (someone new) or personId (someone already known), not both and not neither',
      });
    }
  });

export const UpdatePersonBody = z.strictObject(PersonFields).partial().extend({ version: Version });

/** Voiding a record saved by mistake: why, and the version it was read at. */
export const VoidEntryBody = z.strictObject({
  reason: z
    .string()
    .trim()
    .min(1)
    .max(2000)
    .describe('Why the record was a mistake (free text, stored encrypted, shown in its history)'),
  version: Version,
});

/** An intake correction: any of its fields (municipality and language may be cleared), and its version. */
export const UpdateIntakeBody = z.strictObject({
  channel: code.optional(),
  contactDate: isoDate.optional(),
  municipality: z.string().trim().max(120).nullable().optional(),
  language: z.string().trim().max(40).nullable().optional(),
  mediatorUsed: z.boolean().optional(),
  immediateNeeds: z.array(code).max(20).optional(),
  version: Version,
});

/** Printing the case file: the sections chosen, the language and time zone of its labels and dates. */
export const PrintCaseFileBody = z.strictObject({
  sections: z
    .array(z.enum(CASE_FILE_SECTIONS))
    .min(1)
    .max(CASE_FILE_SECTIONS.length * 2)
    .describe('the sections to print; the file keeps its own order'),
  language: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Z]{2})?$/)
    .optional()
    .describe("labels and dates in this language (default: English); codes use the organisation's labels"),
  timeZone: z
    .string()
    .regex(/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+){0,2}$/)
    .max(64)
    .optional()
    .describe('IANA time zone for the print time and record times (default: UTC)'),
});
