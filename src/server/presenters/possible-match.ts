/** Exactly which fields of a possible duplicate leave the server: references and codes, never her name. */
import { z } from 'zod';

export const PossibleMatchSchema = z
  .strictObject({
    personId: z.string().uuid().describe('Reuse her: send as personId when creating the case'),
    caseId: z.string().uuid(),
    reference: z.string(),
    status: z.string(),
    strength: z.enum(['strong', 'likely', 'possible']),
    hasOpenCase: z.boolean().describe('She has an open case: continue it rather than open another'),
  })
  .meta({ id: 'PossibleMatch' });

export function presentPossibleMatch(m: z.infer<typeof PossibleMatchSchema>): z.infer<typeof PossibleMatchSchema> {
  return {
    personId: m.personId,
    caseId: m.caseId,
    reference: m.reference,
    status: m.status,
    strength: m.strength,
    hasOpenCase: m.hasOpenCase,
  };
}
