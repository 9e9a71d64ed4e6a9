/**
 * `ariadne referrals list`: an organisation's referrals (or one case's) as a named staff member sees them,
 * with urgency, needed-by date and her own case reference; never the message (free text) nor the snapshot.
 */
import type { Command } from 'commander';
import { URGENCIES } from '../../domain/referrals/details';
import { output, staffActor, withContext } from '../context';
import { lazy } from '../lazy';

const referrals = () => import('../../services/referrals');
const listReferrals = lazy(referrals, 'listReferrals');
const listCaseReferrals = lazy(referrals, 'listCaseReferrals');
const caseIdByReference = lazy(() => import('../../services/case-file'), 'caseIdByReference');

export function registerReferralCommands(program: Command): void {
  const group = program.command('referrals').description('Referrals and transfers between network partners');
  group
    .command('list')
    .description('Incoming and outgoing referrals (or those of one case): state, partner, urgency and needed-by date')
    .requiredOption('--org <slug>', 'organisation')
    .requiredOption('--as <email>', 'the staff member who reads them')
    .option('--case <reference>', 'only the referrals sent from this case (its reference)')
    .option('--urgency <urgency>', `only this urgency (${URGENCIES.join(', ')})`)
    .option('--json')
    .action((opts) =>
      withContext(async (ctx) => {
        if (opts.urgency && !(URGENCIES as readonly string[]).includes(opts.urgency))
          throw new Error(`Unknown urgency "${opts.urgency}"; use one of: ${URGENCIES.join(', ')}`);
        const actor = await staffActor(ctx, opts.org, opts.as);
        const rows = opts.case
          ? await listCaseReferrals(ctx, actor, await caseIdByReference(ctx, actor, opts.case))
          : await listReferrals(ctx, actor);
        const list = rows
          .filter((r) => !opts.urgency || r.urgency === opts.urgency)
          .map((r) => ({
            id: r.id,
            direction: r.fromId === actor.organisationId ? 'outgoing' : 'incoming',
            partner: r.fromId === actor.organisationId ? r.toName : r.fromName,
            kind: r.kind,
            status: r.status,
            requestedService: r.requestedService,
            urgency: r.urgency,
            requestedBy: r.requestedBy,
            caseReference: r.caseReference,
            createdAt: new Date(r.createdAt).toISOString(),
          }));
        output(
          Boolean(opts.json),
          { referrals: list },
          () =>
            list
              .map(
                (r) =>
                  `${r.createdAt.slice(0, 10)}\t${r.direction}\t${r.partner}\t${r.kind}\t${r.status}\t${r.urgency}\t${r.requestedBy ?? '-'}\t${r.caseReference ?? '-'}`,
              )
              .join('\n') || 'No referrals.',
        );
      }),
    );
}
