/** Administration commands: migrate, organisations, users, demo data, audit, keys, start. */
import fs from 'node:fs';
import type { Command } from 'commander';
import { parseMasterKey } from '../../security/field-encryption';
import { loadMasterKey } from '../../security/master-key';
import { parseCheckpointFile } from '../../domain/audit/checkpoint';
import { newUserPassword } from '../../config/cli-inputs';
import { isRole, type Role } from '../../policies/roles';
import { output, withContext, withProgress } from '../context';
import { phasedProgress } from '../progress';
import { lazy } from '../lazy';

// Services, the server and the database load when a command runs, not for --help (see ../lazy.ts).
const auditService = () => import('../../services/audit');
const latestCheckpoints = lazy(auditService, 'latestCheckpoints');
const proveEntry = lazy(auditService, 'proveEntry');
const verifyAllChains = lazy(auditService, 'verifyAllChains');
const backfillFreeText = lazy(() => import('../../services/backfill-free-text'), 'backfillFreeText');
const seedDemo = lazy(() => import('../../services/demo-seed'), 'seedDemo');
const keyService = () => import('../../services/keys');
const rewrapAllKeys = lazy(keyService, 'rewrapAllKeys');
const rotateOrganisationDataKey = lazy(keyService, 'rotateOrganisationDataKey');
const organisations = () => import('../../services/organisations');
const createOrganisation = lazy(organisations, 'createOrganisation');
const createUserInOrganisation = lazy(organisations, 'createUserInOrganisation');
const startAriadne = lazy(() => import('../../server/start'), 'startAriadne');
const openDatabase = lazy(() => import('../../storage/database'), 'openDatabase');
const migrate = lazy(() => import('../../storage/migrate'), 'migrate');
const findOrganisationBySlug: typeof import('../../storage/repositories/organisations').organisationsRepo.findBySlug =
  async (...args) => (await import('../../storage/repositories/organisations')).organisationsRepo.findBySlug(...args);
const loadConfig = async () => (await import('../../config/env')).loadConfig();
const auditPublicKey = async (...args: Parameters<typeof import('../../services/audit').auditPublicKey>) =>
  (await auditService()).auditPublicKey(...args);

function printCredentials(seeded: Awaited<ReturnType<typeof seedDemo>>): string {
  if (!seeded) return 'Demo data already present.';
  const lines = seeded.users.map((u) => `  ${u.email.padEnd(34)} ${u.roles.join(',').padEnd(14)} ${u.organisation}`);
  return [
    'Fictional demo users (password for all: ' + seeded.password + '):',
    ...lines,
    `${seeded.cases} fictional demo cases ("Demo Kavito Resuma 001"...).`,
  ].join('\n');
}

/** The banner's suggestion: a caseworker who sees cases when the demo data is there, else the first administrator. */
async function loginHint(ctx: import('../../services/context').AppContext): Promise<string> {
  const demo = await findOrganisationBySlug(ctx.db.system, 'north');
  if (!demo)
    return 'Create an organisation and its first administrator: see `ariadne create-org --help` and `ariadne create-user --help`.';
  return [
    'Log in as caseworker@north.demo.test / ariadne-demo-2026 to work with cases (dashboard, agenda, case files).',
    'Other demo users: <role>@<north|south|east>.demo.test, same password (e.g. admin@north.demo.test manages users).',
  ].join('\n');
}

export function registerAdminCommands(program: Command): void {
  program
    .command('start')
    .description('Migrate, seed demo data on first run, and serve the app')
    .option('--no-seed', 'do not seed demo data on an empty database')
    .option('--demo-cases <n>', 'fictional cases to seed with the demo data', '200')
    .action(async (opts: { seed: boolean; demoCases: string }) => {
      const demoCases = Number(opts.demoCases);
      const progress = await phasedProgress();
      let migrating = false;
      const app = await startAriadne({
        seedDemo: opts.seed,
        demoCases,
        onPhase: (phase) =>
          phase === 'database'
            ? progress.phase('Opening the database…')
            : phase === 'seed'
              ? progress.phase('Seeding fictional demo data (organisations, staff, cases)', demoCases)
              : progress.phase('Starting the web server…'),
        onMigration: (done, total) => {
          if (!migrating) progress.phase('Applying database migrations', total);
          migrating = true;
          progress.tick(done);
        },
        onSeedProgress: (done) => progress.tick(done),
      }).finally(() => progress.stop());
      if (app.seeded) console.log(printCredentials(app.seeded));
      console.log(`\nAriadne is running on ${app.url.replace('127.0.0.1', 'localhost')} (${app.ctx.db.engine})`);
      console.log(await loginHint(app.ctx));
      const stop = async () => {
        await app.close();
        process.exit(0);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });

  program
    .command('migrate')
    .description('Apply database migrations')
    .option('--json')
    .action(async (opts) => {
      const config = await loadConfig();
      const db = await openDatabase({
        databaseUrl: config.databaseUrl,
        dataDir: config.databaseUrl ? undefined : config.dataDir,
      });
      try {
        const applied = await migrate(db);
        output(opts.json, { engine: db.engine, applied }, () =>
          applied.length ? `Applied: ${applied.join(', ')}` : 'Up to date.',
        );
      } finally {
        await db.close();
      }
    });

  program
    .command('create-org')
    .description('Create an organisation (tenant)')
    .requiredOption('--slug <slug>')
    .requiredOption('--name <name>')
    .option('--country <ISO2>')
    .option('--json')
    .action((opts) =>
      withContext(async (ctx) => {
        const org = await createOrganisation(ctx, { slug: opts.slug, name: opts.name, country: opts.country });
        output(opts.json, org, () => `Created organisation ${org.slug} (${org.id})`);
      }),
    );

  program
    .command('create-user')
    .description('Create a user (or add a membership) in an organisation')
    .requiredOption('--org <slug>')
    .requiredOption('--email <email>')
    .requiredOption('--name <displayName>')
    .requiredOption(
      '--roles <roles>',
      'comma-separated: admin,case_owner,caseworker,legal_advisor,mediator,coordinator,auditor',
    )
    .option('--password-stdin', 'read the password from standard input (otherwise ARIADNE_NEW_PASSWORD)')
    .option('--json')
    .action((opts) =>
      withContext(async (ctx) => {
        const roles = String(opts.roles)
          .split(',')
          .map((r) => r.trim());
        const unknown = roles.filter((r) => !isRole(r));
        if (unknown.length) throw new Error(`Unknown roles: ${unknown.join(', ')}`);
        const password = opts.passwordStdin ? fs.readFileSync(0, 'utf8').trim() : newUserPassword();
        const user = await createUserInOrganisation(ctx, {
          organisationSlug: opts.org,
          email: opts.email,
          displayName: opts.name,
          password,
          roles: roles as Role[],
        });
        output(opts.json, user, () => `Created ${user.email} (${user.id})`);
      }),
    );

  program
    .command('seed-demo')
    .description('Create clearly fictional demo organisations, users and cases (once)')
    .option('--json')
    .option('--cases <n>', 'fictional cases to create', '200')
    .action((opts) =>
      withContext(async (ctx) => {
        const total = Number(opts.cases);
        const seeded = await withProgress('Seeding demo cases', total, opts.json, (tick) =>
          seedDemo(ctx, { cases: total, onProgress: tick }),
        );
        output(opts.json, seeded ?? { alreadyPresent: true }, () => printCredentials(seeded));
      }),
    );

  const audit = program.command('audit').description('Audit trail tools');
  audit
    .command('verify')
    .description(
      "Seal pending entries, then check every leaf, checkpoint signature and consistency proof of every organisation's log",
    )
    .option(
      '--checkpoint <file>',
      'checkpoints kept outside the database (output of `audit checkpoint --json`, or signed notes): detects truncation, deletion and rewriting',
    )
    .option('--json')
    .action((opts) =>
      withContext(async (ctx) => {
        const external = opts.checkpoint ? parseCheckpointFile(fs.readFileSync(opts.checkpoint, 'utf8')) : [];
        const results = await verifyAllChains(ctx, { external });
        const ok = results.every((r) => r.verdict.ok);
        output(opts.json, { ok, organisations: results }, () =>
          results
            .map((r) =>
              r.verdict.ok
                ? `ok      ${r.organisation}: ${r.verdict.entries} entries, ${r.verdict.checkpoints} signed checkpoints`
                : `BROKEN  ${r.organisation}: ${r.verdict.reason}${r.verdict.brokenAtSeq ? ` at seq ${r.verdict.brokenAtSeq}` : ''} — ${r.verdict.detail}`,
            )
            .join('\n'),
        );
        if (!ok) process.exitCode = 1;
      }),
    );
  audit
    .command('checkpoint')
    .description(
      'Print the latest signed checkpoint of each organisation (C2SP signed note), to keep outside the database',
    )
    .option('--org <slug>')
    .option('--json')
    .action((opts) =>
      withContext(async (ctx) => {
        const checkpoints = await latestCheckpoints(ctx, opts.org);
        output(opts.json, { publicKey: await auditPublicKey(ctx), checkpoints }, () =>
          checkpoints.map((c) => c.note).join('\n'),
        );
      }),
    );
  audit
    .command('prove')
    .description('Print the RFC 9162 inclusion proof of one entry in the latest signed checkpoint')
    .requiredOption('--org <slug>')
    .requiredOption('--seq <n>')
    .option('--json')
    .action((opts) =>
      withContext(async (ctx) => {
        const proof = await proveEntry(ctx, opts.org, Number(opts.seq));
        output(
          opts.json,
          proof,
          () =>
            `entry ${proof.seq} of ${proof.treeSize} (${proof.verified ? 'verified' : 'NOT VERIFIED'})\nleaf ${proof.leafHash}\n${proof.proof.join('\n')}\n\n${proof.checkpoint}`,
        );
        if (!proof.verified) process.exitCode = 1;
      }),
    );
  audit
    .command('public-key')
    .description('Print the verifier key of the audit checkpoints (signed-note vkey)')
    .option('--json')
    .action((opts) =>
      withContext(async (ctx) => {
        const vkey = await auditPublicKey(ctx);
        output(opts.json, { publicKey: vkey }, () => vkey);
      }),
    );

  const keys = program.command('keys').description('Encryption key management');
  keys
    .command('rotate-data-key')
    .description("Rotate an organisation's data key and re-encrypt its fields")
    .requiredOption('--org <slug>')
    .option('--json')
    .action((opts) =>
      withContext(async (ctx) => {
        const org = await findOrganisationBySlug(ctx.db.system, opts.org);
        if (!org) throw new Error(`No organisation ${opts.org}`);
        const result = await rotateOrganisationDataKey(ctx, org.id, (n) => {
          if (!opts.json && process.stderr.isTTY) process.stderr.write(`\rre-encrypted ${n}`);
        });
        output(
          opts.json,
          result,
          () => `\nData key is now version ${result.version}; ${result.reencrypted} fields re-encrypted.`,
        );
      }),
    );
  keys
    .command('encrypt-free-text')
    .description(
      'Encrypt free text stored in clear by versions before migration 021 (also run at start-up; idempotent)',
    )
    .option('--json')
    .action((opts) =>
      withContext(async (ctx) => {
        // Forced: the start-up run may have been marked done by a server of an older rule.
        const result = await backfillFreeText(ctx, { force: true });
        output(
          opts.json,
          result,
          () =>
            `Encrypted free text in ${result.entries} records, ${result.intakes} intakes and ${result.events} timeline events.`,
        );
      }),
    );
  keys
    .command('rotate-master')
    .description('Re-wrap every organisation key under a new master key (read from --new-key-file, base64)')
    .requiredOption('--new-key-file <file>')
    .option('--json')
    .action((opts) =>
      withContext(async (ctx) => {
        const config = await loadConfig();
        const oldMaster = loadMasterKey({
          masterKey: config.masterKey,
          dataDir: config.dataDir,
          allowKeyFile: config.env !== 'production',
        });
        const newMaster = parseMasterKey(fs.readFileSync(opts.newKeyFile, 'utf8').trim());
        const count = await rewrapAllKeys(ctx, oldMaster, newMaster);
        output(
          opts.json,
          { rewrapped: count },
          () => `Re-wrapped ${count} keys. Set ARIADNE_MASTER_KEY to the new key before restarting.`,
        );
      }),
    );
}
