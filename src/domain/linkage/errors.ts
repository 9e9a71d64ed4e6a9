/**
 * The typed error of the linkage module. Callers branch on `code`, never on
 * the message, which is written for the person operating the network.
 */

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
export class LinkageError extends Error {
  constructor(readonly code: LinkageErrorCode, message: string) {
    super(message);
    this.name = 'LinkageError';
  }
}
