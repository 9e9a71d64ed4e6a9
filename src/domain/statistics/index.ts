/** Honest statistics: public surface (person-based reports, disclosure control, differential privacy, exports). */
export { POPULATIONS, SEPARATE_STATUSES, TRAFFICKING_STATUSES, definePopulation, inPopulation } from './populations';
export type {
  PersonStatus,
  Population,
  SeparatePopulation,
  SeparateStatus,
  StandardPopulationKey,
  TraffickingPopulation,
  TraffickingStatus,
} from './populations';
export { AGE_BANDS, ageBandOf, assertDistinctPersons } from './facts';
export type { AgeBand, PersonFact } from './facts';
export { DIMENSIONS, DIMENSION_KEYS, UNKNOWN, categoriesFor } from './dimensions';
export type { Dimension, DimensionKey } from './dimensions';
export { crossTabulate, tabulate } from './report';
export type { Period, Provenance, Report, Scope, TabulateOptions } from './report';
export { fromGrid, gridLines, toGrid } from './table';
export type { CountTable } from './table';
export {
  complementarySuppression,
  primarySuppression,
  resolveSuppressionOptions,
  singlySuppressedLines,
} from './suppression';
export type { ResolvedSuppressionOptions, SuppressionMask, SuppressionOptions, SuppressionReason } from './suppression';
export { auditSuppression } from './lp-audit';
export type { AuditResult, CellInterval, LpSolver, PublishedRelation } from './lp-audit';
export { loadLpSolver } from './lp-solver';
export { PERSONS_COUNTED_WITHHELD, isSuppressed, protectReport, protectTable } from './protect';
export type { ProtectedTable, PublishedCount, PublishedProvenance, PublishedReport, Suppressed } from './protect';
export { publicationOf } from './publication';
export type { Publication } from './publication';
export {
  DEFAULT_DISCLOSURE_FLOOR,
  MAX_DISCLOSURE_THRESHOLD,
  MIN_DISCLOSURE_FLOOR,
  effectiveThreshold,
  strictestFloor,
} from './threshold';
export { seededPrng } from './prng';
export type { Prng } from './prng';
export { addNoise, noiseBound95, sampleGeometric, sampleLaplace, tableSensitivity } from './noise';
export { privateReport } from './private-report';
export type { NoiseMechanism, NoiseOptions } from './noise';
export { canonicalJson, releaseKey } from './release-key';
export type { CanonicalValue } from './release-key';
export { PrivacyBudgetExceededError, canSpend, planRelease, releaseKeyOf, remaining, spend, spent } from './ledger';
export type { Ledger, LedgerRelease, ReleasePlan, ReleaseSpec } from './ledger';
export { REPORT_CSV_HEADER, csvField, reportCsvRows, reportToCsv, toCsv } from './csv';
export type { CsvValue } from './csv';
export { CTDC_FIELD, toCtdcAggregate } from './ctdc';
export type { CtdcAggregate, CtdcRecord } from './ctdc';
export { SUPPRESSED_MARK, reportToXlsx } from './xlsx';
export {
  EXCLUDED_FIELDS,
  HTCDS_COLUMNS,
  HTCDS_SOURCE,
  QUASI_IDENTIFIERS,
  WITHHELD,
  htcdsToCsv,
  kAnonymise,
  toHtcdsRecords,
} from './htcds';
export type { HtcdsRecord, HtcdsSourceRecord, KAnonymityResult } from './htcds';
