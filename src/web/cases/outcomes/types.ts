/** Shapes of /api/cases/:id/outcomes and the interview instrument (see /api/docs). */
import type { z } from 'zod';
import type { EntryData } from '../../../domain/cases/entries';
import type {
  CaseOutcomesSchema,
  InstrumentSchema,
  OutcomeLabelsSchema,
  OutcomeModelSchema,
  ProposedScoreSchema,
} from '../../../server/presenters/outcomes';

/** Inferred from the server's presenter schemas (and the interview entry's schema), not written again here. */
export type Labels = z.infer<typeof OutcomeLabelsSchema>;
export type OutcomeModel = z.infer<typeof OutcomeModelSchema>;
export type Outcomes = z.infer<typeof CaseOutcomesSchema>;
export type Instrument = z.infer<typeof InstrumentSchema>;
export type Question = Instrument['sections'][number]['questions'][number];
export type Answer = EntryData<'interview'>['answers'][number];
export type Proposal = z.infer<typeof ProposedScoreSchema>;

/** Scores to start a new assessment from (an interview's proposals), or an assessment being revised. */
export interface AssessmentDraft {
  date: string;
  scores: Record<string, { score: string; source: string; informedBy?: string[] }>;
  interviewEntryId?: string;
  revise?: { entryId: string; version: number };
}

export const pick = (labels: Partial<Record<string, string>> | undefined, lang: string): string =>
  labels ? (labels[lang] ?? labels.en ?? '') : '';
