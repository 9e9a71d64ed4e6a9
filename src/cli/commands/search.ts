/**
 * `ariadne cases search` and `ariadne cases possible-matches`: the case list's search (partial and
 * misspelt names, references) and the intake's duplicate check, as a named staff member, audited
 * like the same search in the web.
 */
import type { Command } from 'commander';
import { output, staffActor, withContext } from '../context';
import { lazy } from '../lazy';

const listCases = lazy(() => import('../../services/cases'), 'listCases');
const possibleMatches = lazy(() => import('../../services/name-search'), 'possibleMatches');

const SORTS = ['relevance', 'updated', 'reference', 'contactDate', 'name'] as const;

export function registerSearchCommands(program: Command): void {
  const cases = program.command('cases').description('Find cases: by name (partial, misspelt) or reference');
  cases
    .command('search')
    .description('Cases whose person matches a partial or misspelt name, or whose reference starts so (audited)')
    .requiredOption('--org <slug>', 'organisation')
    .requiredOption('--q <text>', 'part of a name, how it sounds, or a case reference or its start')
    .requiredOption('--as <email>', 'the staff member who searches (named in the audit log)')
    .option('--status <status>', 'only cases in this status')
    .option('--mine', "only the staff member's own cases")
    .option('--sort <order>', SORTS.join(', '))
    .option('--limit <n>', 'at most this many', '20')
    .option('--offset <n>', 'skip this many', '0')
    .option('--json')
    .action((opts) =>
      withContext(async (ctx) => {
        const actor = await staffActor(ctx, opts.org, opts.as);
        if (opts.sort && !(SORTS as readonly string[]).includes(opts.sort))
          throw new Error(`Unknown sort "${opts.sort}"; use one of: ${SORTS.join(', ')}`);
        const result = await listCases(ctx, actor, {
          q: String(opts.q),
          status: opts.status,
          mine: Boolean(opts.mine),
          sort: opts.sort as (typeof SORTS)[number] | undefined,
          limit: Math.max(1, Math.min(200, Number(opts.limit) || 20)),
          offset: Math.max(0, Number(opts.offset) || 0),
        });
        const list = result.cases.map((c) => ({
          id: c.id,
          reference: c.reference,
          status: c.status,
          personName: c.personName,
          owner: c.ownerName,
        }));
        output(
          Boolean(opts.json),
          { cases: list, total: result.total, totalCapped: result.totalCapped },
          () =>
            list.map((c) => `${c.reference}\t${c.status}\t${c.personName}\t${c.owner}`).join('\n') ||
            'No case matches.',
        );
      }),
    );
  cases
    .command('possible-matches')
    .description('Persons of the organisation who may be the one about to be recorded (audited as a search)')
    .requiredOption('--org <slug>', 'organisation')
    .requiredOption('--as <email>', 'the staff member who records the intake')
    .requiredOption('--given <name>', 'given name')
    .option('--family <name>', 'family name')
    .option('--dob <date>', 'date of birth (YYYY-MM-DD)')
    .option('--json')
    .action((opts) =>
      withContext(async (ctx) => {
        const actor = await staffActor(ctx, opts.org, opts.as);
        const matches = await possibleMatches(ctx, actor, { given: opts.given, family: opts.family, dob: opts.dob });
        output(
          Boolean(opts.json),
          { matches },
          () =>
            matches
              .map((m) => `${m.reference}\t${m.status}\t${m.strength}${m.hasOpenCase ? '\topen' : ''}`)
              .join('\n') || 'No possible match.',
        );
      }),
    );
}
