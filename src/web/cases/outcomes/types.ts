/** Shapes of /api/cases/:id/outcomes and the interview instrument (see /api/docs). */
export type Labels = Record<string, string>;

export interface OutcomeModel {
  scale: { min: number; max: number };
  dimensions: { code: string; label: Labels; anchors: { score: number; label: Labels; description: Labels }[] }[];
  elements: { code: string; dimension: string; label: Labels; judgedFrom?: string }[];
}

export interface Outcomes {
  model: OutcomeModel;
  factorCatalogue: { code: string; group: string; defaultLevel: string; label: Labels }[];
  followUp: {
    optedOut: boolean;
    consented: boolean;
    mode: 'scheduled' | 'self_initiated';
    selfInitiatedContacts: string[];
  };
  autonomy: { autonomous: number; concern: number; unknown: number; decisions: { area: string; status: string }[] };
  continuum: {
    baseline: { date: string; dimensions: { dimension: string; score: number | null }[] } | null;
    points: {
      date: string;
      dimensions: { dimension: string; score: number | null; change: string }[];
      progressOn: string[];
      regressionOn: string[];
    }[];
  } | null;
  flags: { kind: string; event: string; date: string; statedReasons?: string }[];
  markers: { kind: string; date: string; category: string }[];
  next: { hint: string | null };
  due: { dueDate: string; overdue: boolean; kind: string }[];
}

export interface Question {
  code: string;
  type: 'scale' | 'choice' | 'text' | 'boolean';
  label: Labels;
  optional: boolean;
  informs: string[];
  options?: { code: string; label: Labels }[];
  caseworkerMayAnswer?: boolean;
}
export interface Instrument {
  version: string;
  scale: { min: number; max: number };
  sections: { code: string; label: Labels; neverRequired?: boolean; questions: Question[] }[];
}

export interface Answer {
  question: string;
  value: number | string | boolean | null;
  answeredBy?: 'person' | 'caseworker';
}
export interface Proposal {
  element: string;
  score: number;
  source: string;
  trace: { question: string; contribution: number | null; answeredBy: string }[];
}

/** Scores to start a new assessment from (an interview's proposals), or an assessment being revised. */
export interface AssessmentDraft {
  date: string;
  scores: Record<string, { score: string; source: string; informedBy?: string[] }>;
  interviewEntryId?: string;
  revise?: { entryId: string; version: number };
}

export const pick = (labels: Labels | undefined, lang: string) => (labels ? (labels[lang] ?? labels.en) : '');
