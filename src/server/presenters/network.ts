/** Exactly which fields of the network-mapping questionnaire and the network role coverage leave the server. */
import { z } from 'zod';
import { QUESTIONNAIRE, type Answers, type NetworkFromAnswers } from '../../domain/referrals/questionnaire';
import { TAXONOMY_ROLES } from '../../domain/roles/catalogue';
import { closedMap, pickKeys } from './closed';

const ITEM_IDS = QUESTIONNAIRE.map((i) => i.id) as [string, ...string[]];
const AnswerViewSchema = z.strictObject({
  value: z.union([z.string(), z.array(z.string()), z.boolean()]),
  specify: z.string().optional(),
});

export const QuestionnaireViewSchema = z
  .strictObject({
    /** Keyed by questionnaire item (A1–C18): only items of the questionnaire. */
    answers: closedMap(ITEM_IDS, AnswerViewSchema),
    version: z.number().int(),
    submittedAt: z.string().nullable(),
    visible: z.array(z.string()),
    network: z
      .strictObject({
        name: z.string(),
        formal: z.boolean(),
        level: z.enum(['municipal', 'provincial', 'regional', 'national']),
        multiAgency: z.boolean(),
        structure: z.enum(['lead_and_partners', 'rotating_leadership', 'no_formal_structure', 'other']),
        composition: z.array(z.string()),
        objectives: z.string().nullable(),
      })
      .nullable(),
  })
  .meta({ id: 'QuestionnaireView' });
export type QuestionnaireView = z.infer<typeof QuestionnaireViewSchema>;

export function presentQuestionnaire(q: {
  answers: Answers;
  version: number;
  submittedAt: string | null;
  visible: string[];
  network: NetworkFromAnswers | null;
}): QuestionnaireView {
  const answers = pickKeys(q.answers, ITEM_IDS, (a) => ({
    value: Array.isArray(a.value) ? [...a.value] : a.value,
    ...(a.specify !== undefined ? { specify: a.specify } : {}),
  }));
  const n = q.network;
  return {
    answers,
    version: q.version,
    submittedAt: q.submittedAt,
    visible: [...q.visible],
    network: n
      ? {
          name: n.name,
          formal: n.formal,
          level: n.level,
          multiAgency: n.multiAgency,
          structure: n.structure,
          composition: [...n.composition],
          objectives: n.objectives,
        }
      : null,
  };
}

const TAXONOMY_ROLE_CODES = TAXONOMY_ROLES.map((r) => r.code) as [string, ...string[]];

export const NetworkRoleCoverageSchema = z
  .strictObject({
    organisationId: z.string().uuid(),
    name: z.string(),
    /** Staff counts per role of the shared taxonomy (never names). */
    roles: closedMap(TAXONOMY_ROLE_CODES, z.number().int()),
  })
  .meta({ id: 'NetworkRoleCoverage' });

export function presentNetworkRoleCoverage(o: {
  organisationId: string;
  name: string;
  roles: Record<string, number>;
}): z.infer<typeof NetworkRoleCoverageSchema> {
  return { organisationId: o.organisationId, name: o.name, roles: pickKeys(o.roles, TAXONOMY_ROLE_CODES, Number) };
}
