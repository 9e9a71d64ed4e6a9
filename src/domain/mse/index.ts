/** Public surface of the multiple systems estimation (MSE) module. */
export { estimatePopulation, estimatePopulationWith } from './estimate';
export { parseCaptureCsv, captureTableFromRows } from './csv';
export {
  validateCaptureTable,
  MIN_LISTS,
  MAX_LISTS,
  MAX_MAIN_EFFECT_LISTS,
  type CaptureTable,
  type CaptureHistory,
  type CellCounts,
} from './table';
export { MseInputError, type MseInputErrorCode } from './errors';
export { loadGlpk, type Glpk } from './lp';
export type {
  BootstrapMethod,
  GoodnessOfFitTest,
  MseOptions,
  MseResult,
  MseWarning,
  MseCoefficient,
  MseMethod,
  MseCaveat,
  RemovedList,
} from './types';
export type { SensitivitySummary, ModelRow, AlternativeEstimate, Selection } from './sensitivity';
export type { AllModelsCheck } from './workbench';
export type { LcmcrOptions, LcmcrResult, LcmcrDiagnostics, LcmcrWarning } from './lcmcr';
export type { ChaoBound } from './chao';
export { resamplesFromCounts, type ResampleSet, type ModelSelectionFrequency } from './bootstrap';
export type { MseDiagnostics, Histogram, CellDiagnostic, PairOverlap, ListInfluence } from './diagnostics';
