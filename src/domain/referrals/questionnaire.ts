/**
 * The EX-CHANGE network-mapping questionnaire (Annex 2, items A1–C18; there
 * is no B5) as data, with its skip logic, validation and the mapping of its
 * answers to a network record. Labels live in the web translations; here are
 * only item ids, types and option codes.
 *
 * Skip logic: B1 "do you cooperate with external organisations?" No → only the
 * closing questions B7–B9. B2 "do they form a network?" Yes → section C (and
 * not B3–B6); No → B3–B9 and no section C.
 */
import { z } from 'zod';
import { DomainError } from '../errors';

export type ItemType = 'text' | 'yes_no' | 'single' | 'multi';

export interface QuestionnaireItem {
  id: string;
  type: ItemType;
  options?: readonly string[];
  /** The option whose choice asks for a free-text specification. */
  specify?: string;
  required: boolean;
}

const item = (
  id: string,
  type: ItemType,
  options?: readonly string[],
  extra: Partial<QuestionnaireItem> = {},
): QuestionnaireItem => ({
  id,
  type,
  ...(options ? { options } : {}),
  required: extra.required ?? type !== 'text',
  ...extra,
});

export const QUESTIONNAIRE: readonly QuestionnaireItem[] = [
  item('A1', 'text', undefined, { required: true }),
  item('A2', 'text'),
  item(
    'A3',
    'multi',
    [
      'first_contact_identification',
      'social_assistance_reintegration',
      'vocational_training_employment',
      'training_professionals',
      'research_monitoring',
      'awareness_raising',
      'lobbying_advocacy',
      'other',
    ],
    { specify: 'other' },
  ),
  item('B1', 'yes_no'),
  item('B2', 'yes_no'),
  item(
    'B3',
    'multi',
    [
      'ngos',
      'public_administration',
      'municipalities',
      'regional_administration',
      'international_organisations',
      'other',
    ],
    { specify: 'other' },
  ),
  item(
    'B4',
    'multi',
    ['mandatory', 'various_services', 'exchanging_information', 'common_lobbying', 'specific_projects', 'other'],
    { specify: 'other' },
  ),
  item('B6', 'text'),
  item('B7', 'yes_no', undefined, { specify: 'yes' }),
  item('B8', 'yes_no', undefined, { specify: 'yes' }),
  item('B9', 'yes_no'),
  item('C1', 'single', ['informal', 'formalised']),
  item('C2', 'text', undefined, { required: true }),
  item('C3', 'single', ['municipality', 'provincial', 'regional', 'national']),
  item('C4', 'text'),
  item('C5', 'single', ['same_type', 'multi_agency']),
  item('C6', 'single', ['lead_and_partners', 'rotating_leadership', 'no_formal_structure', 'other'], {
    specify: 'other',
  }),
  item('C7', 'multi', [
    'leading_organisation',
    'ngos',
    'public_administration',
    'municipalities',
    'regional_administration',
    'private_organisations',
  ]),
  item('C8', 'text'),
  item(
    'C9',
    'multi',
    ['mandatory', 'various_services', 'exchanging_information', 'common_lobbying', 'specific_projects', 'other'],
    { specify: 'other' },
  ),
  item('C10', 'text'),
  item('C11', 'text'),
  item('C12', 'multi', ['final_beneficiaries', 'policies_legislation', 'organisations_involved']),
  item('C13', 'text'),
  item('C14', 'multi', ['local', 'national', 'international']),
  item('C15', 'text'),
  item('C16', 'text'),
  item('C17', 'text'),
  item('C18', 'text'),
];

export interface Answer {
  value: string | string[] | boolean;
  specify?: string;
}
export type Answers = Record<string, Answer>;

const byId = new Map(QUESTIONNAIRE.map((i) => [i.id, i]));
const section = (id: string) => id[0];

/** The items shown for the answers given so far (the skip logic). */
export function visibleItems(answers: Answers): QuestionnaireItem[] {
  const cooperates = answers.B1?.value;
  const network = answers.B2?.value;
  return QUESTIONNAIRE.filter((i) => {
    if (section(i.id) === 'A' || i.id === 'B1') return true;
    if (cooperates === false) return ['B7', 'B8', 'B9'].includes(i.id);
    if (cooperates !== true) return false;
    if (i.id === 'B2') return true;
    if (network === true) return section(i.id) === 'C';
    if (network === false) return section(i.id) === 'B';
    return false;
  });
}

const answerSchema = z.strictObject({
  value: z.union([z.string().trim().max(5000), z.array(z.string().max(64)).max(20), z.boolean()]),
  specify: z.string().trim().max(1000).optional(),
});
export const answersSchema = z.record(z.string().regex(/^[ABC]\d{1,2}$/), answerSchema);

export interface QuestionnaireIssue {
  item: string;
  code: 'unknown_item' | 'skipped_item_answered' | 'missing_required' | 'invalid_value';
}

/** Every problem with a set of answers; empty when they can be saved. */
export function questionnaireIssues(answers: Answers): QuestionnaireIssue[] {
  const issues: QuestionnaireIssue[] = [];
  const visible = new Set(visibleItems(answers).map((i) => i.id));
  for (const [id, answer] of Object.entries(answers)) {
    const it = byId.get(id);
    if (!it) {
      issues.push({ item: id, code: 'unknown_item' });
      continue;
    }
    if (!visible.has(id)) {
      issues.push({ item: id, code: 'skipped_item_answered' });
      continue;
    }
    const v = answer.value;
    const ok =
      it.type === 'text'
        ? typeof v === 'string'
        : it.type === 'yes_no'
          ? typeof v === 'boolean'
          : it.type === 'single'
            ? typeof v === 'string' && it.options!.includes(v)
            : Array.isArray(v) &&
              v.length > 0 &&
              v.every((x) => it.options!.includes(x)) &&
              new Set(v).size === v.length;
    if (!ok) issues.push({ item: id, code: 'invalid_value' });
  }
  for (const it of visibleItems(answers)) {
    const a = answers[it.id];
    const empty = !a || (typeof a.value === 'string' && a.value.trim() === '');
    if (it.required && empty) issues.push({ item: it.id, code: 'missing_required' });
  }
  return issues;
}

/** Validates answers; throws a DomainError listing the issues. */
export function validateQuestionnaire(input: unknown): Answers {
  const parsed = answersSchema.safeParse(input);
  if (!parsed.success)
    throw new DomainError('invalid_questionnaire', 'The answers are not in the expected shape', parsed.error.issues);
  const issues = questionnaireIssues(parsed.data);
  if (issues.length)
    throw new DomainError(
      'invalid_questionnaire',
      'Some answers are missing, not valid, or answer questions that the skip logic leaves out',
      issues,
    );
  return parsed.data;
}

export interface NetworkFromAnswers {
  name: string;
  formal: boolean;
  level: 'municipal' | 'provincial' | 'regional' | 'national';
  multiAgency: boolean;
  structure: 'lead_and_partners' | 'rotating_leadership' | 'no_formal_structure' | 'other';
  composition: string[];
  objectives: string | null;
}

const LEVELS = {
  municipality: 'municipal',
  provincial: 'provincial',
  regional: 'regional',
  national: 'national',
} as const;

/** The network record described by section C, or null when the organisation is not in a network. */
export function networkFromAnswers(answers: Answers): NetworkFromAnswers | null {
  if (answers.B2?.value !== true) return null;
  const text = (id: string) => (typeof answers[id]?.value === 'string' ? (answers[id]!.value as string) : null);
  return {
    name: text('C2') ?? '',
    formal: text('C1') === 'formalised',
    level: LEVELS[(text('C3') ?? 'regional') as keyof typeof LEVELS] ?? 'regional',
    multiAgency: text('C5') !== 'same_type',
    structure: (text('C6') ?? 'no_formal_structure') as NetworkFromAnswers['structure'],
    composition: Array.isArray(answers.C7?.value) ? (answers.C7!.value as string[]) : [],
    objectives: text('C8'),
  };
}
