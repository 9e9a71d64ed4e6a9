/** Everything the outcome functions read about one case, gathered by the caller. */
import type { Assessment } from './assessment';
import type { Circumstance } from './circumstances';
import type { RecordedFactor } from './factors';
import type { CaseEvent } from './milestones';
import type { AdHocFollowUp, FollowUpEvent } from './schedule';

export interface CaseFacts {
  caseId: string;
  intakeDate: string;
  /** All versions; functions use the current version of each. */
  assessments: Assessment[];
  events: CaseEvent[];
  circumstances: Circumstance[];
  factors?: RecordedFactor[];
  followUp?: FollowUpEvent[];
  /** Ad-hoc follow-ups scheduled by the caseworker (see scheduleFollowUp). */
  scheduledFollowUps?: AdHocFollowUp[];
}
