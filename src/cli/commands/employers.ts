/**
 * `ariadne employers list|show|add|share`: the employer directory (issue #19): the organisation's
 * employers and those its network partners share, company data only; adding one from flags, and
 * sharing it with the organisation's networks or withdrawing it. `ariadne employers internship-rules
 * list|set` reads and sets how long an internship may last per country (default 1–6 months).
 */
import type { Command } from 'commander';
import { output, staffActor, withContext } from '../context';
import { lazy } from '../lazy';

const listEmployers = lazy(() => import('../../services/employers'), 'listEmployers');
const getEmployer = lazy(() => import('../../services/employers'), 'getEmployer');
const addEmployer = lazy(() => import('../../services/employers'), 'addEmployer');
const shareEmployer = lazy(() => import('../../services/employers'), 'shareEmployer');
const listInternshipRules = lazy(() => import('../../services/employers'), 'listInternshipRules');
const setInternshipRule = lazy(() => import('../../services/employers'), 'setInternshipRule');

type Row = Awaited<ReturnType<typeof getEmployer>>;
const view = (e: Row) => ({
  id: e.id,
  organisation: e.organisationName,
  own: e.own,
  name: e.name,
  sector: e.sector,
  territoryLevel: e.territoryLevel,
  territory: e.territory,
  contactPerson: e.contactPerson,
  contactPhone: e.contactPhone,
  contactEmail: e.contactEmail,
  sharedWithNetworks: e.sharedWithNetworks,
  version: e.version,
  tutors: e.tutors.map((t) => ({ id: t.id, name: t.name, role: t.role, contact: t.contact })),
  agreements: e.agreements.map((a) => ({
    id: a.id,
    kind: a.kind,
    signedOn: a.signedOn,
    validUntil: a.validUntil,
    reference: a.reference,
  })),
});
const line = (e: Row) =>
  `${e.id}\t${e.name}\t${e.sector}\t${e.territory}\t${e.own ? (e.sharedWithNetworks ? 'shared' : 'own') : e.organisationName}`;

export function registerEmployerCommands(program: Command): void {
  const employers = program.command('employers').description('The employer directory (company data only)');
  employers
    .command('list')
    .description("The organisation's employers and those its network partners share")
    .requiredOption('--org <slug>', 'organisation')
    .requiredOption('--as <email>', 'a staff member')
    .option('--json')
    .action((opts) =>
      withContext(async (ctx) => {
        const rows = await listEmployers(ctx, await staffActor(ctx, opts.org, opts.as));
        output(Boolean(opts.json), { employers: rows.map(view) }, () => rows.map(line).join('\n'));
      }),
    );
  employers
    .command('show <id>')
    .description('One employer with its tutors and agreements')
    .requiredOption('--org <slug>', 'organisation')
    .requiredOption('--as <email>', 'a staff member')
    .option('--json')
    .action((id: string, opts) =>
      withContext(async (ctx) => {
        const e = await getEmployer(ctx, await staffActor(ctx, opts.org, opts.as), id);
        output(Boolean(opts.json), view(e), () =>
          [
            line(e),
            ...e.tutors.map((t) => `  tutor\t${t.name}\t${t.role ?? ''}`),
            ...e.agreements.map((a) => `  agreement\t${a.kind}\t${a.signedOn}\t${a.validUntil ?? ''}`),
          ].join('\n'),
        );
      }),
    );
  employers
    .command('add')
    .description('Add an employer')
    .requiredOption('--org <slug>', 'organisation')
    .requiredOption('--as <email>', 'a staff member')
    .requiredOption('--name <name>', "the company's name")
    .requiredOption('--sector <code>', 'a code of the economic_sectors list')
    .requiredOption('--territory <name>', 'where it is')
    .option('--territory-level <level>', 'municipality, nuts3, nuts2 or national', 'municipality')
    .option('--contact-person <name>', "the company's business contact")
    .option('--contact-phone <phone>')
    .option('--contact-email <email>')
    .option('--json')
    .action((opts) =>
      withContext(async (ctx) => {
        const e = await addEmployer(ctx, await staffActor(ctx, opts.org, opts.as), {
          name: opts.name,
          sector: opts.sector,
          territoryLevel: opts.territoryLevel,
          territory: opts.territory,
          ...(opts.contactPerson ? { contactPerson: opts.contactPerson } : {}),
          ...(opts.contactPhone ? { contactPhone: opts.contactPhone } : {}),
          ...(opts.contactEmail ? { contactEmail: opts.contactEmail } : {}),
        });
        output(Boolean(opts.json), view(e), () => line(e));
      }),
    );
  employers
    .command('share <id>')
    .description("Share an employer with the organisation's networks (--off withdraws it)")
    .requiredOption('--org <slug>', 'organisation')
    .requiredOption('--as <email>', 'a staff member')
    .option('--off', 'stop sharing it')
    .option('--json')
    .action((id: string, opts) =>
      withContext(async (ctx) => {
        const actor = await staffActor(ctx, opts.org, opts.as);
        const current = await getEmployer(ctx, actor, id);
        const e = await shareEmployer(ctx, actor, id, { shared: !opts.off, version: current.version });
        output(Boolean(opts.json), view(e), () => line(e));
      }),
    );
  const rules = employers
    .command('internship-rules')
    .description('How long an internship may last per country (default 1–6 months)');
  type Rules = Awaited<ReturnType<typeof listInternshipRules>>;
  const rulesText = (r: Rules) =>
    [
      `default\t${r.default.minMonths}\t${r.default.maxMonths}`,
      ...r.rules.map((x) => `${x.country}\t${x.minMonths}\t${x.maxMonths}`),
    ].join('\n');
  const rulesView = (r: Rules) => ({
    default: { minMonths: r.default.minMonths, maxMonths: r.default.maxMonths },
    rules: r.rules.map((x) => ({ country: x.country, minMonths: x.minMonths, maxMonths: x.maxMonths })),
  });
  rules
    .command('list')
    .description("Each country's internship length in months (min, max)")
    .requiredOption('--org <slug>', 'organisation')
    .requiredOption('--as <email>', 'a staff member')
    .option('--json')
    .action((opts) =>
      withContext(async (ctx) => {
        const r = await listInternshipRules(ctx, await staffActor(ctx, opts.org, opts.as));
        output(Boolean(opts.json), rulesView(r), () => rulesText(r));
      }),
    );
  rules
    .command('set')
    .description("Set a country's internship length (administrators)")
    .requiredOption('--org <slug>', 'organisation')
    .requiredOption('--as <email>', 'an administrator')
    .requiredOption('--country <code>', 'two letters, e.g. IT')
    .requiredOption('--min <months>', 'the shortest internship, in months')
    .requiredOption('--max <months>', 'the longest internship, in months')
    .option('--json')
    .action((opts) =>
      withContext(async (ctx) => {
        const r = await setInternshipRule(ctx, await staffActor(ctx, opts.org, opts.as), {
          country: String(opts.country).toUpperCase(),
          minMonths: Number(opts.min),
          maxMonths: Number(opts.max),
        });
        output(Boolean(opts.json), rulesView(r), () => rulesText(r));
      }),
    );
}
