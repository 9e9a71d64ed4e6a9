/** Public option and result shapes of the MSE module. */

export type MseMethod = 'stepwise' | 'main';

export interface MseOptions {
  /** "stepwise" (default) selects two-list effects as SparseMSE does; "main" fits main effects only. */
  readonly method?: MseMethod;
  /** P-value a two-list effect must beat to enter the stepwise model (default 0.02). */
  readonly pThreshold?: number;
  /** Confidence level of every interval (default 0.95). */
  readonly level?: number;
  /** Percentile bootstrap with model reselection in each replicate; off unless given. */
  readonly bootstrap?: { readonly replicates: number; readonly seed: number };
  /** Profile-likelihood interval for the hidden count (default true). */
  readonly profile?: boolean;
  /** Called after each bootstrap replicate. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface MseWarning {
  readonly code: 'term_rejected' | 'infinite_effect' | 'profile_unbounded' | 'bootstrap_failures' | 'lack_of_fit';
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
  readonly fit: { readonly deviance: number; readonly df: number; readonly pValue: number; readonly aic: number };
  readonly bootstrap?: { readonly replicates: number; readonly failed: number; readonly seed: number };
  readonly warnings: readonly MseWarning[];
}
