/** Public option and result shapes of the MSE module. */
import type { BootstrapMethod, ModelSelectionFrequency, ResampleSet } from './bootstrap';
import type { Histogram, MseDiagnostics } from './diagnostics';
import type { ChaoBound } from './chao';
import type { LcmcrOptions, LcmcrResult } from './lcmcr';
import type { LinkageErrorSummary } from './linkage-error';
import type { SensitivitySummary } from './sensitivity';
import type { AllModelsCheck } from './workbench';

export type { BootstrapMethod } from './bootstrap';

/**
 * How the deviance was judged: the chi-square approximation, a parametric bootstrap, not at all (no df left),
 * or not judged because the caller asked for no simulation (`goodnessOfFit: false`) on a table too sparse
 * for the chi-square one.
 */
export type GoodnessOfFitTest = 'chi_square' | 'parametric_bootstrap' | 'none' | 'not_run';

/** "fixed": the terms the user names; "two_list": Lincoln-Petersen and Chapman, chosen by the table itself. */
export type MseMethod = 'stepwise' | 'main' | 'fixed' | 'two_list';

/** Why a list was left out before fitting (SparseMSE's removenoninformativelists). */
export interface RemovedList {
  readonly list: string;
  readonly reason: 'empty' | 'contains_everyone' | 'duplicate';
  /** For a duplicate: the list it repeats. */
  readonly duplicateOf?: string;
}

/** An assumption the estimate rests on that the data cannot test, stated with the result. */
export interface MseCaveat {
  readonly code: 'two_list_independence' | 'closed_population' | 'lincoln_petersen_undefined';
  readonly message: string;
}

export interface MseOptions {
  /** "stepwise" (default) selects two-list effects as SparseMSE does; "main" fits main effects only. */
  readonly method?: MseMethod;
  /** The two-list effects of the "fixed" method ("A:B"). */
  readonly terms?: readonly string[];
  /** Leave out lists that are empty, hold everyone observed or repeat another list (default false). */
  readonly removeNonInformativeLists?: boolean;
  /** P-value a two-list effect must beat to enter the stepwise model (default 0.02). */
  readonly pThreshold?: number;
  /** Confidence level of every interval (default 0.95). */
  readonly level?: number;
  /** Bootstrap with model reselection in each replicate, BCa unless `method` says "percentile"; off unless given. */
  readonly bootstrap?: {
    readonly replicates: number;
    readonly seed: number;
    readonly method?: BootstrapMethod;
    /** Resampled tables drawn elsewhere, used instead of drawing (then `replicates` is ignored). */
    readonly resamples?: ResampleSet;
    /** Return the resampled tables (`bootstrap.resamples` of the result). */
    readonly keepResamples?: boolean;
  };
  /** Residuals, influence and overlaps of the fitted model (default true). */
  readonly diagnostics?: boolean;
  /**
   * Simulated tables of the parametric goodness-of-fit test of a sparse table (default 200; seed defaults to the
   * bootstrap's, else 1). false: no simulation; the chi-square test is still given where the table allows it, and
   * elsewhere the fit says `not_run` (a bare point estimate, as SparseMSE's estimatepopulation.0 gives).
   */
  readonly goodnessOfFit?: false | { readonly replicates?: number; readonly seed?: number };
  /** Profile-likelihood interval for the hidden count (default true). */
  readonly profile?: boolean;
  /** The sensitivity summary (threshold curve, lists left out and merged, competing models, averaging); default false. */
  readonly sensitivity?: boolean;
  /** Checks every model of the hierarchy up to two-list effects (SparseMSE's checkallmodels; at most 6 lists). */
  readonly checkAllModels?: boolean;
  /** The latent-class estimator (LCMCR) beside the log-linear fit, with these sampler settings; off unless given. */
  readonly lcmcr?: LcmcrOptions;
  /** Called after each bootstrap replicate. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface MseWarning {
  readonly code:
    | 'term_rejected'
    | 'infinite_effect'
    | 'profile_unbounded'
    | 'bootstrap_failures'
    | 'jackknife_failures'
    | 'lack_of_fit';
  readonly message: string;
}

export interface MseCoefficient {
  readonly term: string;
  readonly estimate: number;
  readonly stdError: number;
}

export interface MseResult {
  readonly lists: readonly string[];
  readonly model: MseMethod;
  /** Persons on at least one list. */
  readonly observed: number;
  /** Estimated persons on no list: exp(intercept). */
  readonly hiddenEstimate: number;
  /** observed + hiddenEstimate. */
  readonly estimate: number;
  /** Intervals for the total population. `wald` is SparseMSE's default: normal on the log hidden count. */
  readonly interval: {
    readonly level: number;
    readonly wald: [number, number];
    readonly profile?: [number, number];
    readonly bootstrap?: [number, number];
  };
  /** Two-list effects with a finite estimate, in the order stepwise added them ("A:E"). */
  readonly terms: readonly string[];
  /** Two-list effects in the model whose lists share nobody: estimated as -infinity. */
  readonly infiniteTerms: readonly string[];
  /** Every stepwise addition (finite or not) with the p-value that admitted it. */
  readonly steps: readonly { readonly term: string; readonly pValue: number }[];
  readonly coefficients: readonly MseCoefficient[];
  readonly fit: {
    readonly deviance: number;
    readonly df: number;
    /** The p-value of `test`; NaN when there is none. Never the chi-square one on a sparse table. */
    readonly pValue: number;
    readonly aic: number;
    readonly test: GoodnessOfFitTest;
    /** Fitted cells, and how many expect fewer than 5 and fewer than 1 persons (the sparseness rule). */
    readonly cells: number;
    readonly expectedBelow5: number;
    readonly expectedBelow1: number;
    /** Parametric bootstrap only: simulated tables used, those whose fit failed, and the seed. */
    readonly replicates?: number;
    readonly failed?: number;
    readonly seed?: number;
  };
  /** How `interval.bootstrap` was computed, with every replicate accounted for. */
  readonly bootstrap?: {
    readonly method: BootstrapMethod;
    readonly replicates: number;
    /** Replicates with no finite estimate: counted as infinite estimates, never dropped. */
    readonly failed: number;
    readonly failedShare: number;
    readonly seed: number;
    /** The generator that drew the resamples from `seed`, or "given" when they came with the request. */
    readonly generator: 'xoshiro128**' | 'given';
    /** Every replicate's estimate in draw order; Infinity for a failure. */
    readonly values: readonly number[];
    /** How often each model was selected across the replicates, most frequent first. */
    readonly selections: readonly ModelSelectionFrequency[];
    readonly histogram: Histogram;
    /** The resampled tables (counts only), when asked for. */
    readonly resamples?: ResampleSet;
    readonly biasCorrection?: number;
    readonly acceleration?: number;
    readonly jackknifeFailed?: number;
  };
  readonly warnings: readonly MseWarning[];
  readonly sensitivity?: SensitivitySummary;
  /** Chao's lower bound, a sanity floor beside every estimate (tables of at most 12 lists). */
  readonly chao?: ChaoBound;
  /** The latent-class (LCMCR) posterior, when asked for. */
  readonly lcmcr?: LcmcrResult;
  /** The table came from Ariadne's own linkage and its interval redraws the links (issue #21). */
  readonly linkageError?: LinkageErrorSummary;
  /** Residuals, influence of cells and lists, and the pairs with small overlaps (log-linear fits). */
  readonly diagnostics?: MseDiagnostics;
  readonly modelCheck?: AllModelsCheck;
  /** Untestable assumptions of this estimate (always the two-list ones with two lists). */
  readonly caveats: readonly MseCaveat[];
  /** Lists left out before fitting, when asked to (removeNonInformativeLists). */
  readonly removedLists?: readonly RemovedList[];
  /** Persons only on removed lists: observed, but on none of the lists fitted. */
  readonly personsOnRemovedListsOnly?: number;
  /** Two lists only: the counts and both classical estimates. */
  readonly twoList?: {
    readonly onFirst: number;
    readonly onSecond: number;
    readonly onBoth: number;
    /** n1 n2 / m: infinite when nobody is on both lists. */
    readonly lincolnPetersen: number;
    /** (n1 + 1)(n2 + 1)/(m + 1) - 1, nearly unbiased; the reported estimate. */
    readonly chapman: number;
    /** Seber's variance of the Chapman estimate. */
    readonly variance: number;
  };
}
