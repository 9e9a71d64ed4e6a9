/** Types of scripts/build.mjs, for the TypeScript that imports it (tests, the global setup). */
export declare const STAMP: string;
/** dist/cli/main-mse.cjs: the CLI bundled as one script for `ariadne mse` (run from V8's code cache). */
export declare const MSE_ENTRY: string;
/** True when dist/ is missing or older than a source file, this script or a vendored package. */
export declare function isStale(src?: string, stamp?: string, modules?: string): boolean;
/** Compiles src/ (but the web app and tests) into dist/. */
export declare function buildNode(): Promise<void>;
/** Links node_modules/.bin/ariadne to bin/ariadne.mjs. */
export declare function linkBin(): void;
