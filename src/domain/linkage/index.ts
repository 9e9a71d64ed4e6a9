/**
 * Privacy-preserving record linkage: count each person once across the
 * organisations of a network without sharing identities. Public API.
 */
export { LinkageError, type LinkageErrorCode } from './errors';
export {
  DEFAULT_HARDENING,
  DEFAULT_LSH,
  DEFAULT_SCHEMA,
  type HardeningSpec,
  validateSchema,
  type FieldNormaliser,
  type LinkageFieldSpec,
  type LinkageSchema,
  type LshSpec,
} from './schema';
export { normaliseName, normaliseSex, normaliseCountry, parseBirthDate, qgrams, fieldTokens } from './normalise';
export { transliterate } from './transliterate';
export { popcount, popcount32, dice, bitsToBase64, bitsFromBase64 } from './bits';
export {
  createEncoder,
  encodeRecord,
  MIN_SECRET_BYTES,
  type Encoder,
  type EncodedRecord,
  type IdentityRecord,
  type NonIdentifyingAttributes,
} from './encode';
export { checkLinkageSecret, secretFingerprint, secretStrengthBits, MIN_SECRET_BITS } from './secret';
export {
  serialiseEncoding,
  deserialiseEncoding,
  parseEncodingFile,
  type EncodingFile,
  type SerialisedEncoding,
} from './serialise';
export {
  linkNetwork,
  checkEncodings,
  pairKey,
  type ReviewDecision,
  DEFAULT_MATCH_THRESHOLD,
  DEFAULT_REVIEW_THRESHOLD,
  type LinkageOptions,
  type LinkagePhase,
  type LinkageResult,
  type LinkageStats,
  type LinkedPair,
  type ReviewItem,
} from './pipeline';
export { type PersonCluster, type RecordRef } from './cluster';
export { blockingBitsFor, type BlockingBits } from './blocking';
export { blockingKeysOf, storedBlockingKey, type FrozenModel } from './frozen';
export {
  capReview,
  linkIncremental,
  reviewCapsOf,
  type ReviewCaps,
  type ExistingRecords,
  type ExistingRequest,
  type IncrementalOptions,
  type IncrementalResult,
} from './incremental';
export {
  dedupedPersonCount,
  captureHistories,
  possibleDuplicatesFor,
  type CaptureHistoryRow,
  type CaptureHistoryTable,
  type PossibleDuplicate,
} from './outputs';
export { pairwiseQuality, clusterQuality, truthOf, type Quality, type Truth } from './evaluate';
export { generateSynthetic, type SyntheticOptions, type SyntheticRecord } from './synthetic/generator';
