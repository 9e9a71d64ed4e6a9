/** Typed errors of the outcomes model: a closed set of codes the edge maps to a 4xx. */
import { DomainError } from '../errors';

export type OutcomeErrorCode =
  | 'invalid_outcome_model'
  | 'unknown_outcome_element'
  | 'score_out_of_scale'
  | 'duplicate_element_score'
  | 'assessment_before_intake'
  | 'assessment_case_mismatch'
  | 'empty_assessment_history'
  | 'duration_not_a_factor'
  | 'unknown_factor'
  | 'event_before_intake'
  | 'stated_reasons_required'
  | 'follow_up_opted_out'
  | 'follow_up_consent_required'
  | 'invalid_instrument'
  | 'unknown_question'
  | 'invalid_interview_answers'
  | 'unknown_interview';

/** A DomainError whose code is one of the outcome codes, so callers can switch on it exhaustively. */
export class OutcomeError extends DomainError {
  declare readonly code: OutcomeErrorCode;
  constructor(code: OutcomeErrorCode, message: string, details?: unknown) {
    super(code, message, details);
    this.name = 'OutcomeError';
  }
}
