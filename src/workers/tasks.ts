/**
 * The CPU-heavy work that runs in worker threads (see services/workers.ts):
 * MSE fits with their bootstraps, linkage encoding and comparison, and large
 * exports. Pure: plain data in, plain data out, no database, no logging.
 *
 * Errors cross the thread boundary as data, because structured cloning drops
 * an error's class: a domain refusal must still reach the edge as a 4xx.
 */
import type { MessagePort } from 'node:worker_threads';
import { linkageKernelChoice } from '../config/env';
import { DomainError } from '../domain/errors';
import {
  createEncoder,
  DEFAULT_SCHEMA,
  deserialiseEncoding,
  linkNetwork,
  LinkageError,
  serialiseEncoding,
  type IdentityRecord,
  type LinkageOptions,
  type LinkageResult,
  type ReviewDecision,
} from '../domain/linkage';
import { setDiceKernel } from '../domain/linkage/kernel';
import {
  estimatePopulation,
  MseInputError,
  parseCaptureCsv,
  type CaptureTable,
  type MseOptions,
  type MseResult,
} from '../domain/mse';
import { loadGlpk } from '../domain/mse/lp';
import {
  captureStrataFromCsv,
  estimateStrata,
  type StratifiedResult,
  type StratifyOptions,
} from '../domain/mse/strata';
import { captureTableFromXlsx } from '../domain/mse/xlsx';
import { cohortToXlsx, type CohortAggregates, type CohortProvenance } from '../domain/outcomes';
import { htcdsToCsv, reportToXlsx, type PublishedReport } from '../domain/statistics';
import type { HtcdsRecord } from '../domain/statistics/htcds';
import type { CaseFileInput } from '../domain/cases/case-file';
import { formValuesCsv, type FormValuesExport } from '../domain/forms/export';
import { renderCaseFilePdf } from './case-file-pdf';

export interface TaskInputs {
  /** Reads the table (CSV text or base64 .xlsx) and fits it: parsing a 4 MB workbook is heavy too. */
  mse: { csv?: string; xlsx?: string; options: Omit<MseOptions, 'onProgress'> };
  /** A CSV with a stratum column: one fit per stratum and the combined total (domain/mse/strata.ts). */
  'mse.strata': { csv: string; column: string; options: Omit<StratifyOptions, 'onProgress'> };
  /** Bloom-filter encodings of consenting persons, serialised as stored. */
  'linkage.encode': { secret: string; records: IdentityRecord[] };
  /** Validates, blocks, compares and clusters stored encodings. */
  'linkage.link': {
    encodings: unknown[];
    decisions: ReviewDecision[];
    options?: Pick<LinkageOptions, 'targetPrecision' | 'reviewCapPerOrganisation' | 'reviewFloor' | 'previousPersons'>;
  };
  'export.report-xlsx': { report: PublishedReport };
  'export.cohort-xlsx': { cohort: CohortAggregates; provenance: CohortProvenance };
  'export.htcds-csv': { records: HtcdsRecord[] };
  /** The printed case file: decrypted, access-checked data of the chosen sections, and the reader's labels. */
  'export.case-file-pdf': CaseFileInput;
  /** A custom form's recorded clear values, its versions' definitions and list labels. */
  'export.form-values-csv': Parameters<typeof formValuesCsv>[0];
}

export interface TaskOutputs {
  /** The fit, and the table it read (stored with a saved estimate). */
  mse: { result: MseResult; lists: CaptureTable['lists']; histories: CaptureTable['histories'] };
  'mse.strata': StratifiedResult;
  'linkage.encode': string[];
  'linkage.link': LinkageResult;
  'export.report-xlsx': Uint8Array;
  'export.cohort-xlsx': Uint8Array;
  'export.htcds-csv': string;
  'export.case-file-pdf': Uint8Array;
  'export.form-values-csv': FormValuesExport;
}

export type TaskName = keyof TaskInputs;

/** What a worker posts on the progress port of a task. */
export interface TaskProgress {
  phase: string;
  done: number;
  total: number;
}

/** A refusal carried back as data; the pool turns it back into the same error class. */
export interface TaskRefusal {
  refused: { kind: 'mse' | 'linkage' | 'domain'; code: string; message: string; details?: unknown };
}

export interface TaskJob<K extends TaskName = TaskName> {
  task: K;
  input: TaskInputs[K];
  progress?: MessagePort;
}

// The Dice kernel of 'linkage.link' (WebAssembly unless ARIADNE_LINKAGE_KERNEL says otherwise), once per thread.
setDiceKernel(linkageKernelChoice());

/** Bootstrap progress, posted at most once a percent (a message per replicate would flood the port). */
const bootstrapProgress = (progress: (p: TaskProgress) => void) => (done: number, total: number) => {
  if (done === total || done % Math.max(1, Math.floor(total / 100)) === 0)
    progress({ phase: 'bootstrap', done, total });
};

const handlers: {
  [K in TaskName]: (
    input: TaskInputs[K],
    progress: (p: TaskProgress) => void,
  ) => Promise<TaskOutputs[K]> | TaskOutputs[K];
} = {
  mse: async ({ csv, xlsx, options }, progress) => {
    const table = xlsx ? await captureTableFromXlsx(Buffer.from(xlsx, 'base64')) : parseCaptureCsv(csv ?? '');
    const onProgress = bootstrapProgress(progress);
    return {
      result: await estimatePopulation(table, { ...options, onProgress }),
      lists: table.lists,
      histories: table.histories,
    };
  },
  'mse.strata': async ({ csv, column, options }, progress) =>
    estimateStrata(await loadGlpk(), column, captureStrataFromCsv(csv, column), {
      ...options,
      onProgress: bootstrapProgress(progress),
    }),
  'linkage.encode': ({ secret, records }) => {
    const encoder = createEncoder(secret, DEFAULT_SCHEMA);
    return records.map((record) => JSON.stringify(serialiseEncoding(encoder.encode(record))));
  },
  'linkage.link': ({ encodings, decisions, options }, progress) =>
    linkNetwork(
      encodings.map((e) => deserialiseEncoding(e as never, DEFAULT_SCHEMA)),
      { ...options, schema: DEFAULT_SCHEMA, decisions },
      (phase, done, total) => progress({ phase, done, total }),
    ),
  'export.report-xlsx': async ({ report }) => new Uint8Array(await reportToXlsx(report)),
  'export.cohort-xlsx': async ({ cohort, provenance }) => new Uint8Array(await cohortToXlsx(cohort, provenance)),
  'export.htcds-csv': ({ records }) => htcdsToCsv(records),
  'export.case-file-pdf': (input) => renderCaseFilePdf(input),
  'export.form-values-csv': (input) => formValuesCsv(input),
};

/** Runs one job; the default export of the worker entry (worker.mjs). */
export async function runTask(job: TaskJob): Promise<unknown> {
  const post = (p: TaskProgress) => job.progress?.postMessage(p);
  try {
    return await (handlers[job.task] as (input: unknown, progress: (p: TaskProgress) => void) => unknown)(
      job.input,
      post,
    );
  } catch (error) {
    if (error instanceof MseInputError) return refusal('mse', error);
    if (error instanceof LinkageError) return refusal('linkage', error);
    if (error instanceof DomainError) return refusal('domain', error);
    // Anything else is a fault: only its class name crosses, never a message that could quote input.
    throw new Error(`worker task ${job.task} failed (${error instanceof Error ? error.name : typeof error})`);
  } finally {
    job.progress?.close();
  }
}

function refusal(
  kind: TaskRefusal['refused']['kind'],
  error: { code: string; message: string; details?: unknown },
): TaskRefusal {
  return {
    refused: {
      kind,
      code: error.code,
      message: error.message,
      ...(error.details === undefined ? {} : { details: error.details }),
    },
  };
}
