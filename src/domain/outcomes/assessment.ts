/**
 * Assessments of a person's outcome elements on the model's scale. Assessments
 * are never edited in place: a revision is a new version with the same id, so
 * the history of who scored what, and when, is kept.
 */
import { daysBetween } from '../cases/dates';
import type { AutonomyRecord } from './autonomy';
import { OutcomeError } from './errors';
import { isOnScale, elementOf, type OutcomeModel } from './model';

/** Who the score reflects; statements are partial, so record who said what. */
export type ScoreSource = 'own_view' | 'caseworker_observation' | 'document';
/** How the contact came about; self-initiated contact is first-class (001:4312–4318). */
export type AssessmentOrigin = 'intake' | 'scheduled' | 'self_initiated';

export interface ElementScore {
  element: string;
  score: number;
  source: ScoreSource;
  note?: string;
}

export interface Assessment {
  id: string;
  caseId: string;
  date: string;
  assessorId: string;
  version: number;
  scores: ElementScore[];
  autonomy?: AutonomyRecord;
  origin?: AssessmentOrigin;
  revisedBy?: string;
  revisionReason?: string;
}

export type AssessmentChanges = Partial<Pick<Assessment, 'date' | 'scores' | 'autonomy' | 'origin' | 'assessorId'>> & {
  revisedBy: string;
  reason?: string;
};

/**
 * Checks scores against the model's elements and scale and the date against
 * intake; throws a typed OutcomeError on the first problem.
 */
export function validateAssessment(
  assessment: Assessment,
  context: { model: OutcomeModel; intakeDate: string },
): Assessment {
  const { model, intakeDate } = context;
  if (daysBetween(intakeDate, assessment.date) < 0) {
    throw new OutcomeError(
      'assessment_before_intake',
      `The assessment on ${assessment.date} is before intake on ${intakeDate}`,
    );
  }
  const seen = new Set<string>();
  for (const { element, score } of assessment.scores) {
    elementOf(model, element);
    if (seen.has(element)) throw new OutcomeError('duplicate_element_score', `${element} is scored twice`);
    seen.add(element);
    if (!isOnScale(model, score)) {
      throw new OutcomeError(
        'score_out_of_scale',
        `${element}: ${score} is not a level of ${model.scale.min}–${model.scale.max}`,
        { element, score },
      );
    }
  }
  return assessment;
}

/**
 * A revision of the latest version in `history` (all versions of one
 * assessment). Returns the new version and the history with it appended; the
 * earlier versions are untouched. Pass `context` to validate the revision.
 */
export function reviseAssessment(
  history: readonly Assessment[],
  changes: AssessmentChanges,
  context?: { model: OutcomeModel; intakeDate: string },
): { current: Assessment; history: Assessment[] } {
  if (history.length === 0) throw new OutcomeError('empty_assessment_history', 'There is no assessment to revise');
  const latest = [...history].sort((a, b) => b.version - a.version)[0];
  const { revisedBy, reason, ...fields } = changes;
  const current: Assessment = {
    ...structuredClone(latest),
    ...structuredClone(fields),
    version: latest.version + 1,
    revisedBy,
    ...(reason ? { revisionReason: reason } : {}),
  };
  if (reason === undefined) delete current.revisionReason;
  if (context) validateAssessment(current, context);
  return { current, history: [...history, current] };
}

/** The current (highest) version of each assessment, sorted by date then id. */
export function currentVersions(assessments: readonly Assessment[]): Assessment[] {
  const latest = new Map<string, Assessment>();
  for (const a of assessments) {
    const known = latest.get(a.id);
    if (!known || a.version > known.version) latest.set(a.id, a);
  }
  return [...latest.values()].sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
}
