/**
 * The typed error of the linkage module. Callers branch on `code`, never on
 * the message, which is written for the person operating the network. A
 * DomainError, so one that reaches the edge answers 4xx in the error envelope
 * (missing_secret 409: the organisation's state, not the request; the rest 400).
 */
import { DomainError } from '../errors';

export type LinkageErrorCode =
  | 'missing_secret'
  | 'weak_secret'
  | 'invalid_schema'
  | 'schema_mismatch'
  | 'wrong_length'
  | 'malformed_encoding'
  | 'no_consent'
  | 'invalid_options';

/** Raised for every refusal of the linkage module (bad secret, schema mismatch, missing consent...). */
export class LinkageError extends DomainError {
  declare readonly code: LinkageErrorCode;

  constructor(code: LinkageErrorCode, message: string, details?: unknown) {
    super(code, message, details);
    this.name = 'LinkageError';
  }
}
