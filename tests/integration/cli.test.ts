/**
 * The `ariadne` CLI end to end, as an analyst runs it: a fresh file-backed PGlite,
 * fictional demo data, then each scriptable capability with --json parsed as JSON.
 * Commands run in-process through main(argv, io), which returns the exit code instead of
 * exiting; one test spawns the real binary (bin/ariadne.mjs, the compiled dist/ build).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { main } from '../../src/cli/main';

const run = promisify(execFile);
let dataDir: string;

/** The environment a command sees: this test's data directory, never a PostgreSQL server. */
function cliEnv(): NodeJS.ProcessEnv {
  const { DATABASE_URL: _server, ...env } = process.env;
  return { ...env, ARIADNE_DATA_DIR: dataDir, NODE_ENV: 'test', LOG_LEVEL: 'silent' };
}

/** Runs one command in-process; a non-zero exit code rejects with what it wrote to stderr. */
async function ariadne(...args: string[]): Promise<any> {
  const saved = process.env;
  const stdout: string[] = [];
  const stderr: string[] = [];
  process.env = cliEnv();
  let code: number;
  try {
    code = await main(args, {
      stdout: (text) => {
        stdout.push(text);
      },
      stderr: (text) => {
        stderr.push(text);
      },
    });
  } finally {
    process.env = saved;
  }
  if (code !== 0) throw new Error(`ariadne ${args.join(' ')} exited with ${code}: ${stderr.join('')}`);
  const out = stdout.join('');
  return args.includes('--json') ? JSON.parse(out) : out;
}

describe('ariadne CLI', () => {
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'ariadne-cli-'));
    const seeded = await ariadne('seed-demo', '--cases', '30', '--json');
    expect(seeded.cases).toBe(30);
  }, 600_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  test('the real binary: bin/ariadne.mjs runs the compiled CLI (built first if dist/ is missing or stale) on the same data', async () => {
    const help = await run(process.execPath, ['bin/ariadne.mjs', '--help'], { env: cliEnv() });
    expect(help.stdout).toMatch(/Usage: ariadne/);
    // From the command list the build wrote (dist/cli/commands.json), every command with its usage.
    expect(help.stdout).toMatch(/^ {2}mse \[options\] <file> +Estimate the total population/m);
    const { stdout } = await run(process.execPath, ['bin/ariadne.mjs', 'networks', '--org', 'south', '--json'], {
      env: cliEnv(),
    });
    expect(JSON.parse(stdout).networks[0]).toMatchObject({ name: 'Demo Anti-Trafficking Network', activeMembers: 3 });
    // A refusal exits non-zero with its message, not a stack trace.
    const refused = await run(process.execPath, ['bin/ariadne.mjs', 'networks', '--org', 'nowhere', '--json'], {
      env: cliEnv(),
    }).catch((error) => error);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^ariadne: No organisation with slug nowhere/m);
  }, 120_000);

  test('main(argv, io) answers help and usage errors with an exit code, never by exiting', async () => {
    const out: string[] = [];
    expect(
      await main(['--help'], {
        stdout: (t) => {
          out.push(t);
        },
        stderr: (t) => {
          out.push(t);
        },
      }),
    ).toBe(0);
    expect(out.join('')).toMatch(/Usage: ariadne/);
    expect(await main(['report'], { stdout: () => {}, stderr: () => {} })).toBe(1);
    await expect(ariadne('mse', 'no-such-file.csv')).rejects.toThrow(
      /exited with 2: ariadne mse: cannot read no-such-file.csv/,
    );
  });

  test('roles: the catalogue mapped to the shared taxonomy, staff per role, and network coverage without names', async () => {
    const out = await ariadne('roles', '--org', 'north', '--json');
    expect(out.profiles).toBe(24);
    expect(out.roles.find((r: { code: string }) => r.code === 'programme_delegate')).toMatchObject({
      taxonomyCode: 'programme_delegate',
      staff: 1,
    });
    expect(out.networkCoverage.map((o: { name: string }) => o.name).sort()).toEqual([
      'Demo Legal Aid East',
      'Demo Outreach South',
      'Demo Shelter North',
    ]);
    expect(JSON.stringify(out)).not.toMatch(/Demo Case Owner|@/);
  }, 60_000);

  test('networks, graph and coverage gaps', async () => {
    const { networks } = await ariadne('networks', '--org', 'south', '--json');
    expect(networks).toHaveLength(1);
    expect(networks[0]).toMatchObject({ name: 'Demo Anti-Trafficking Network', activeMembers: 3, myStatus: 'active' });
    const graph = await ariadne('network-graph', '--org', 'north', '--from', '2000-01-01', '--json');
    expect(graph.nodes).toHaveLength(3);
    const gaps = await ariadne('coverage-gaps', '--org', 'north', '--json');
    expect(JSON.stringify(gaps)).toMatch(/accommodation/);
  }, 60_000);

  test('report counts persons with provenance; MSE reproduces a fixture; the audit chain verifies', async () => {
    const report = await ariadne(
      'report',
      '--org',
      'north',
      '--population',
      'assisted_persons',
      '--from',
      '2000',
      '--json',
    );
    expect(report.counts).toMatch(/persons/i);
    expect(report.population).toBe('assisted_persons');
    // The same closed presenter as the API, and the organisation's floor (5 by default) as the threshold.
    expect(report.threshold).toBe(5);
    expect(report.table).not.toHaveProperty('audit');
    expect(report.provenance).not.toHaveProperty('factsConsidered');
    if (typeof report.table.grandTotal === 'number')
      expect(report.provenance.personsCounted).toBe(report.table.grandTotal);
    else expect(report.provenance).not.toHaveProperty('personsCounted');
    await expect(
      ariadne('report', '--org', 'north', '--population', 'assisted_persons', '--threshold', '2', '--json'),
    ).rejects.toThrow(/cannot be below 5/);
    const mse = await ariadne('mse', 'src/domain/mse/fixtures/western.csv', '--json');
    expect(mse.estimate).toBeGreaterThan(0);
    const release = [
      'release',
      '--org',
      'north',
      '--network',
      'Demo Anti-Trafficking Network',
      '--population',
      'assisted_persons',
      '--rows',
      'sex',
      '--from',
      '2000',
      '--epsilon',
      '0.5',
      '--json',
    ];
    const first = await ariadne(...release);
    expect(first).toMatchObject({ reused: false, budget: { spent: 0.5 } });
    const again = await ariadne(...release);
    expect([again.reused, again.report.table]).toEqual([true, first.report.table]);
    const ledger = await ariadne(
      'privacy-ledger',
      '--org',
      'east',
      '--network',
      'Demo Anti-Trafficking Network',
      '--json',
    );
    expect(ledger.releases).toHaveLength(1);
    const audit = await ariadne('audit', 'verify', '--json');
    expect(audit.ok).toBe(true);
    expect(audit.organisations).toHaveLength(3);
  }, 60_000);

  test('link counts each person once across organisations, with capture histories; link-status shows counts only', async () => {
    const before = await ariadne('link-status', '--org', 'north', '--json');
    expect(before).toMatchObject({ secret: { set: true }, participatingOrganisations: 3 });
    const summary = await ariadne('link', '--json');
    expect(summary.organisations).toHaveLength(3);
    const encoded = summary.organisations.reduce((sum: number, o: { encoded: number }) => sum + o.encoded, 0);
    expect(summary.stats.records).toBe(encoded);
    // Every match merges two encodings at most into one person; invented demo names do not collide wholesale.
    expect(summary.personsDeduplicated).toBeLessThanOrEqual(encoded);
    expect(summary.personsDeduplicated).toBeGreaterThanOrEqual(encoded - summary.stats.matches);
    expect(summary.stats.matches).toBeLessThanOrEqual(2);
    expect(summary.captureHistories.lists).toEqual(['east', 'north', 'south']);
    const after = await ariadne('link-status', '--org', 'north', '--json');
    expect(after.lastRun.id).toBe(summary.runId);
    expect(after.encodings).toBe(summary.organisations.find((o: { slug: string }) => o.slug === 'north').encoded);
    expect(JSON.stringify(after)).not.toMatch(/Demo [A-Z][a-z]+ [A-Z][a-z]+ \d{3}|secret-not-for-production/);
  }, 120_000);

  test('link --incremental compares only new or changed records (none here); --full compares them all again', async () => {
    const incremental = await ariadne('link', '--incremental', '--json');
    expect(incremental.mode).toBe('incremental');
    expect(incremental.stats.comparedRecords).toBe(0);
    const full = await ariadne('link', '--full', '--json');
    expect(full.mode).toBe('full');
    expect(full.personsDeduplicated).toBe(incremental.personsDeduplicated);
  }, 300_000);

  test('export htcds: de-identified, k-anonymous records with provenance, or CSV', async () => {
    const out = await ariadne('export', 'htcds', '--org', 'north', '--json');
    expect(out.provenance).toMatchObject({ k: 5, organisation: 'Demo Shelter North' });
    expect(out.records.length + out.provenance.withheldRecords).toBe(out.provenance.personsWithConsent);
    expect(JSON.stringify(out.records)).not.toMatch(/Demo [A-Z][a-z]+ [A-Z][a-z]+ \d{3}|\d{4}-\d{2}-\d{2}/);
    const csv: string = await ariadne('export', 'htcds', '--org', 'north', '--format', 'csv');
    expect(csv.split(/\r?\n/)[0]).toMatch(/^ariadne_RecordNumber,org_Type,/);
    expect(csv.trim().split(/\r?\n/)).toHaveLength(out.records.length + 1);
  }, 60_000);

  test('case list and case print: a caseworker writes the PDF of a case she may read, audited; another organisation cannot', async () => {
    const listed = await ariadne('case', 'list', '--org', 'north', '--as', 'caseworker@north.demo.test', '--json');
    expect(listed.cases.length).toBeGreaterThan(0);
    const { reference, personName } = listed.cases[0];
    const out = path.join(dataDir, 'case-file.pdf');
    const printed = await ariadne(
      'case',
      'print',
      '--org',
      'north',
      '--as',
      'caseworker@north.demo.test',
      '--case',
      reference,
      '--sections',
      'person,consent',
      '--out',
      out,
      '--json',
    );
    expect(printed).toMatchObject({ ok: true, reference, sections: ['person', 'consent'] });
    const { readFileSync } = await import('node:fs');
    const { extractText, getDocumentProxy } = await import('unpdf');
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(readFileSync(out))), { mergePages: true });
    expect(text).toContain(personName);
    expect(text).toContain('Printed by Demo Caseworker North');
    await expect(
      ariadne(
        'case',
        'print',
        '--org',
        'south',
        '--as',
        'caseworker@south.demo.test',
        '--case',
        reference,
        '--out',
        out,
      ),
    ).rejects.toThrow(/not found/i);
  }, 60_000);

  test('attachments list and notes list: the metadata and notes of a case, for its own organisation only', async () => {
    const { reference } = (
      await ariadne('case', 'list', '--org', 'north', '--as', 'caseworker@north.demo.test', '--json')
    ).cases[0];
    const as = ['--org', 'north', '--as', 'caseworker@north.demo.test', '--case', reference, '--json'];
    const attachments = await ariadne('attachments', 'list', ...as);
    expect(attachments).toEqual({ case: reference, attachments: expect.any(Array) });
    const notes = await ariadne('notes', 'list', ...as, '--search', 'zzz-no-such-word');
    expect(notes).toEqual({ case: reference, notes: [] });
    await expect(
      ariadne('attachments', 'list', '--org', 'south', '--as', 'caseworker@south.demo.test', '--case', reference),
    ).rejects.toThrow(/not found/i);
  }, 60_000);

  test('risk high and risk cases: the count of open high-risk cases and the cases at one level', async () => {
    const as = ['--org', 'north', '--as', 'caseworker@north.demo.test', '--json'];
    const { highRisk } = await ariadne('risk', 'high', ...as);
    expect(highRisk).toBeGreaterThan(0);
    const mine = await ariadne('risk', 'high', ...as, '--mine');
    expect(mine.highRisk).toBeLessThanOrEqual(highRisk);
    const high = await ariadne('risk', 'cases', ...as, '--level', 'high', '--limit', '200');
    const critical = await ariadne('risk', 'cases', ...as, '--level', 'critical', '--limit', '200');
    for (const c of [...high.cases, ...critical.cases]) expect(['high', 'critical']).toContain(c.riskLevel);
    const open = [...high.cases, ...critical.cases].filter((c: { status: string }) => c.status !== 'closed');
    expect(open).toHaveLength(highRisk);
  }, 60_000);

  test('keys encrypt-free-text: the demo data holds no free text in clear, so a full run seals nothing', async () => {
    expect(await ariadne('keys', 'encrypt-free-text', '--json')).toEqual({
      skipped: false,
      entries: 0,
      intakes: 0,
      events: 0,
      declineReasons: 0,
    });
  }, 60_000);

  test("referrals list: a staff member sees her organisation's referrals with urgency; an unknown urgency is refused", async () => {
    const listed = await ariadne('referrals', 'list', '--org', 'north', '--as', 'caseworker@north.demo.test', '--json');
    expect(Array.isArray(listed.referrals)).toBe(true);
    for (const r of listed.referrals) {
      expect(['routine', 'urgent', 'emergency']).toContain(r.urgency);
      expect(r).not.toHaveProperty('message');
    }
    await expect(
      ariadne('referrals', 'list', '--org', 'north', '--as', 'caseworker@north.demo.test', '--urgency', 'whenever'),
    ).rejects.toThrow(/Unknown urgency "whenever"/);
    await expect(
      ariadne('referrals', 'list', '--org', 'north', '--as', 'nobody@north.demo.test', '--json'),
    ).rejects.toThrow(/not an active member/);
  }, 60_000);

  test('dashboard and agenda: the count tiles and a page of deadlines agree; idempotency purge runs', async () => {
    const as = ['--org', 'north', '--as', 'case_owner@north.demo.test', '--json'];
    const tiles = await ariadne('dashboard', ...as);
    expect(Object.keys(tiles).sort()).toEqual(
      ['dueThisWeek', 'highRisk', 'openCases', 'overdue', 'referralsWaiting', 'weekDays'].sort(),
    );
    const page = await ariadne('agenda', ...as, '--limit', '5');
    expect(page.items.length).toBeLessThanOrEqual(5);
    expect([page.counts.overdue, page.counts.this_week]).toEqual([tiles.overdue, tiles.dueThisWeek]);
    for (const item of page.items)
      expect(Object.keys(item).sort()).toEqual(
        ['caseId', 'caseReference', 'daysLeft', 'dueDate', 'kind', 'overdue'].sort(),
      );
    await expect(ariadne('agenda', ...as, '--bucket', 'someday')).rejects.toThrow(/Unknown bucket "someday"/);
    expect((await ariadne('idempotency', 'purge', '--json')).purged).toBeGreaterThanOrEqual(0);
  }, 60_000);
});
