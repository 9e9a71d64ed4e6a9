/**
 * `ariadne referrals list`: an organisation's referrals (or one case's) as a named staff member sees them,
 * with urgency, needed-by date and her own case reference; never the message (free text) nor the snapshot.
 */
import type { Command } from 'commander';
import { URGENCIES } from '../../domain/referrals/details';
import type { Actor } from '../../policies/policies';
import type { AppContext } from '../../services/context';
import { output, withContext } from '../context';
import { lazy } from '../lazy';

const referrals = () => import('../../services/referrals');
const listReferrals = lazy(referrals, 'listReferrals');
const listCaseReferrals = lazy(referrals, 'listCaseReferrals');
const caseIdByReference = lazy(() => import('../../services/case-file'), 'caseIdByReference');

/** The staff member who reads: an active member of the organisation, with her roles there. */
async function staffActor(ctx: AppContext, slug: string, email: string): Promise<Actor> {
  const [{ organisationsRepo }, { usersRepo }] = await Promise.all([
    import('../../storage/repositories/organisations'),
    import('../../storage/repositories/users'),
  ]);
  const org = await organisationsRepo.findBySlug(ctx.db.system, slug);
  if (!org) throw new Error(`No organisation with slug ${slug}`);
  const user = await usersRepo.findForLogin(ctx.db.system, email);
  const member = user ? await usersRepo.findMember(ctx.db.system, org.id, user.id) : undefined;
  if (!user || !member || !member.active) throw new Error(`${email} is not an active member of ${slug}`);
  return { userId: user.id, organisationId: org.id, roles: member.roles as Actor['roles'] };
}

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
