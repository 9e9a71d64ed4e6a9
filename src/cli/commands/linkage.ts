/** `ariadne link`: privacy-preserving record linkage across the network, with a progress bar and a JSON summary. */
import fs from 'node:fs';
import type { Command } from 'commander';
import { operatorOf } from './statistics';
import { output, withContext, withProgress } from '../context';
import { lazy } from '../lazy';
import type { LinkageRunModel } from '../../services/linkage';

// Services and the database load when a command runs, not for --help (see ../lazy.ts).
const linkage = () => import('../../services/linkage');
const listReviews = lazy(linkage, 'listReviews');
const runNetworkLinkage = lazy(linkage, 'runNetworkLinkage');
const setLinkageSecret = lazy(linkage, 'setLinkageSecret');
const linkageSecretFingerprint = lazy(linkage, 'linkageSecretFingerprint');
const exportEncodings = lazy(linkage, 'exportEncodings');
const linkageStatus = lazy(() => import('../../services/linkage-runs'), 'linkageStatus');

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The estimated parameters of a run as text: thresholds, expected quality, and m/u/weight per field and level. */
function modelLines(model: LinkageRunModel | null): string[] {
  if (!model) return ['  decided by the fixed Dice thresholds (too few candidate pairs to estimate weights from)'];
  return [
    `  estimated weights (EM, ${model.iterations} iterations${model.converged ? '' : ', not converged'}), λ ${model.lambda}`,
    `  auto-link at match probability ≥ ${model.autoLinkThreshold}: expected precision ${pct(model.expectedPrecision)} (target ${pct(model.targetPrecision)}), recall ${pct(model.expectedRecall)}`,
    `  review band: ${model.reviewBand} pairs offered of ${model.reviewCandidates} between probability ${model.reviewFloor} and the threshold`,
    ...model.fields.map(
      (f) => `  ${f.field.padEnd(14)} ${f.levels.map((l) => `${l.level} m ${l.m} u ${l.u} w ${l.weight}`).join('; ')}`,
    ),
  ];
}

export function registerLinkageCommands(program: Command): void {
  program
    .command('link')
    .description(
      'Encode consenting persons of every organisation holding the network secret, link the encodings, and report persons counted once',
    )
    .option(
      '--capture-histories <file>',
      'also write the capture-history CSV (one list per organisation) for `ariadne mse`',
    )
    .option('--target-precision <p>', 'expected precision the auto-linked pairs must reach (default 0.98)', Number)
    .option(
      '--review-cap <pairs>',
      'most review pairs involving one organisation (default 1% of its records, ≥ 5)',
      Number,
    )
    .option('--full', 'compare every record and estimate the model again')
    .option(
      '--incremental',
      "compare only new or changed records with the last run's model (the default once a run exists with the same secrets)",
    )
    .option('--json')
    .action((opts) =>
      withContext(async (ctx) => {
        if (opts.full && opts.incremental) throw new Error('Choose --full or --incremental, not both');
        const summary = await withProgress('Linking', 5, Boolean(opts.json), (tick) =>
          runNetworkLinkage(
            ctx,
            (phase) => {
              tick(['encode', 'validate', 'block', 'compare', 'cluster'].indexOf(phase) + 1);
            },
            {
              ...(opts.targetPrecision !== undefined ? { targetPrecision: opts.targetPrecision } : {}),
              ...(opts.reviewCap !== undefined ? { reviewCapPerOrganisation: opts.reviewCap } : {}),
              ...(opts.full ? { mode: 'full' as const } : opts.incremental ? { mode: 'incremental' as const } : {}),
            },
          ),
        );
        if (opts.captureHistories)
          fs.writeFileSync(opts.captureHistories, (await linkage()).captureHistoriesCsv(summary.captureHistories));
        output(Boolean(opts.json), summary, () =>
          [
            `Linkage run ${summary.runId} (${summary.mode}${summary.mode === 'incremental' ? `: ${summary.stats.comparedRecords} new or changed records compared, ${summary.stats.comparisons} comparisons` : ''})`,
            ...summary.organisations.map(
              (o) =>
                `  ${o.slug.padEnd(12)} ${o.encoded} encodings (persons with consent to network deduplication)${o.reviewCap === null ? '' : `, review cap ${o.reviewCap}`}`,
            ),
            `  records ${summary.stats.records}, candidate pairs ${summary.stats.candidatePairs}, matches ${summary.stats.matches}, for review ${summary.stats.review}`,
            `  persons counted once across the network: ${summary.personsDeduplicated}`,
            ...modelLines(summary.model),
          ].join('\n'),
        );
      }),
    );

  program
    .command('link-status')
    .description(
      "An organisation's linkage set-up (secret present, encodings held) and the latest network run: counts only",
    )
    .requiredOption('--org <slug>', 'organisation')
    .option('--json')
    .action((opts) =>
      withContext(async (ctx) => {
        const status = await linkageStatus(ctx, await operatorOf(ctx, opts.org));
        output(Boolean(opts.json), status, () =>
          [
            `Secret: ${status.secret.set ? `stored (schema ${status.secret.schemaVersion}, since ${status.secret.updatedAt})` : 'none: this organisation takes no part in linkage'}`,
            `Encodings held: ${status.encodings}; organisations holding the network secret: ${status.participatingOrganisations}`,
            status.lastRun
              ? `Latest run ${status.lastRun.id}, finished ${status.lastRun.finishedAt}: ${Object.entries(
                  status.lastRun.stats,
                )
                  .map(([k, v]) => `${k} ${v}`)
                  .join(', ')}`
              : 'No linkage run yet.',
            ...modelLines(status.lastRun?.model ?? null),
          ].join('\n'),
        );
      }),
    );

  program
    .command('link-reviews')
    .description(
      'Pairs in the review band that involve an organisation: similarity and coarse attributes only (decide them in the web UI)',
    )
    .requiredOption('--org <slug>', 'organisation')
    .option('--json')
    .action((opts) =>
      withContext(async (ctx) => {
        const reviews = await listReviews(ctx, await operatorOf(ctx, opts.org));
        output(
          Boolean(opts.json),
          { reviews },
          () =>
            reviews
              .map(
                (r) =>
                  `${r.id}  ${r.status.padEnd(9)} ${(r.score * 100).toFixed(1)}%  ${r.records.map((x) => `${x.organisation.name} ${JSON.stringify(x.attributes)}`).join('  |  ')}`,
              )
              .join('\n') || 'Nothing to review.',
        );
      }),
    );

  program
    .command('link-secret')
    .description(
      "Store the network linkage secret for an organisation (read from standard input; encrypted under the organisation's key)",
    )
    .requiredOption('--org <slug>', 'organisation')
    .action((opts) =>
      withContext(async (ctx) => {
        const { organisationsRepo } = await import('../../storage/repositories/organisations');
        const org = await organisationsRepo.findBySlug(ctx.db.system, opts.org);
        if (!org) throw new Error(`No organisation with slug ${opts.org}`);
        await setLinkageSecret(ctx, org.id, fs.readFileSync(0, 'utf8').trim());
        console.log(`Linkage secret stored for ${opts.org}.`);
      }),
    );

  program
    .command('link-fingerprint')
    .description(
      "The keyed fingerprint of an organisation's linkage secret: compare it with partners to confirm you hold the same secret without revealing it",
    )
    .requiredOption('--org <slug>', 'organisation')
    .option('--json')
    .action((opts) =>
      withContext(async (ctx) => {
        const { organisationsRepo } = await import('../../storage/repositories/organisations');
        const org = await organisationsRepo.findBySlug(ctx.db.system, opts.org);
        if (!org) throw new Error(`No organisation with slug ${opts.org}`);
        const fingerprint = await linkageSecretFingerprint(ctx, org.id);
        output(Boolean(opts.json), { organisation: opts.org, fingerprint }, () =>
          fingerprint ? `Secret fingerprint of ${opts.org}: ${fingerprint}` : `${opts.org} holds no linkage secret.`,
        );
      }),
    );

  program
    .command('link-export')
    .description(
      "Write an organisation's stored encodings (no identities, no secret) to an encoding file for a separate linkage service",
    )
    .requiredOption('--org <slug>', 'organisation')
    .requiredOption('--out <file>', 'encoding file to write')
    .option('--json')
    .action((opts) =>
      withContext(async (ctx) => {
        const { organisationsRepo } = await import('../../storage/repositories/organisations');
        const org = await organisationsRepo.findBySlug(ctx.db.system, opts.org);
        if (!org) throw new Error(`No organisation with slug ${opts.org}`);
        const file = await exportEncodings(ctx, org.id);
        fs.writeFileSync(opts.out, JSON.stringify(file));
        output(
          Boolean(opts.json),
          { file: opts.out, encodings: file.encodings.length, schemaVersion: file.schemaVersion },
          () => `${file.encodings.length} encodings (schema ${file.schemaVersion}) written to ${opts.out}.`,
        );
      }),
    );

  program
    .command('link-file')
    .description(
      'Link encoding files without any database: the separate linkage service, which sees encodings only (never identities or secrets)',
    )
    .requiredOption('--encodings <files...>', 'encoding files (from link-export), one or more')
    .option('--json')
    .action(async (opts: { encodings: string[]; json?: boolean }) => {
      const { DEFAULT_SCHEMA, dedupedPersonCount, linkNetwork, parseEncodingFile } =
        await import('../../domain/linkage');
      const encodings = opts.encodings.flatMap((file) =>
        parseEncodingFile(JSON.parse(fs.readFileSync(file, 'utf8')), DEFAULT_SCHEMA),
      );
      const result = linkNetwork(encodings, { schema: DEFAULT_SCHEMA });
      const summary = {
        schemaVersion: DEFAULT_SCHEMA.version,
        stats: result.stats,
        personsDeduplicated: dedupedPersonCount(result.clusters),
        clusters: result.clusters.filter((c) => c.members.length > 1).map((c) => c.members),
        review: result.review.map((r) => ({ a: r.a, b: r.b, score: r.score })),
      };
      output(Boolean(opts.json), summary, () =>
        [
          `${encodings.length} encodings linked: ${summary.personsDeduplicated} persons, ${summary.clusters.length} linked groups, ${summary.review.length} pairs to review.`,
        ].join('\n'),
      );
    });
}
