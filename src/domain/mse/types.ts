/** Public option and result shapes of the MSE module. */
import type { BootstrapMethod } from './bootstrap';

export type { BootstrapMethod } from './bootstrap';

/** How the deviance was judged: the chi-square approximation, a parametric bootstrap, or not at all (no df left). */
export type GoodnessOfFitTest = 'chi_square' | 'parametric_bootstrap' | 'none';

export type MseMethod = 'stepwise' | 'main';

export interface MseOptions {
  /** "stepwise" (default) selects two-list effects as SparseMSE does; "main" fits main effects only. */
  readonly method?: MseMethod;
  /** P-value a two-list effect must beat to enter the stepwise model (default 0.02). */
  readonly pThreshold?: number;
  /** Confidence level of every interval (default 0.95). */
  readonly level?: number;
  /** Bootstrap with model reselection in each replicate, BCa unless `method` says "percentile"; off unless given. */
  readonly bootstrap?: { readonly replicates: number; readonly seed: number; readonly method?: BootstrapMethod };
  /** Simulated tables of the parametric goodness-of-fit test of a sparse table (default 200; seed defaults to the bootstrap's, else 1). */
  readonly goodnessOfFit?: { readonly replicates?: number; readonly seed?: number };
  /** Profile-likelihood interval for the hidden count (default true). */
  readonly profile?: boolean;
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
    readonly biasCorrection?: number;
    readonly acceleration?: number;
    readonly jackknifeFailed?: number;
  };
  readonly warnings: readonly MseWarning[];
}
