/**
 * The typed error of the MSE module. Callers branch on `code`; the message is
 * plain English for the person who supplied the table and says why MSE is not possible.
 */
import { DomainError } from '../errors';

export type MseInputErrorCode =
  | 'empty_input'
  | 'invalid_file'
  | 'missing_header'
  | 'duplicate_list'
  | 'too_few_lists'
  | 'too_many_lists'
  | 'wrong_row_width'
  | 'invalid_flag'
  | 'invalid_count'
  | 'duplicate_history'
  | 'observed_on_no_list'
  | 'no_persons'
  | 'empty_list'
  | 'no_overlaps'
  | 'no_finite_estimate'
  | 'not_converged'
  | 'invalid_options';

/** Raised whenever a capture table cannot support a multiple systems estimate. */
export class MseInputError extends DomainError {
  declare readonly code: MseInputErrorCode;

  constructor(code: MseInputErrorCode, message: string, details?: unknown) {
    super(code, message, details);
    this.name = 'MseInputError';
  }
}
