/**
 * `ariadne contacts list|record|show|to-case`: the contact log before cases (issue #18). `record` takes
 * the contact as JSON (a file shaped like POST /api/contacts), `to-case` the conversion body like
 * POST /api/contacts/:id/case. The nickname and note are shown only to her organisation's staff.
 */
import fs from 'node:fs';
import type { Command } from 'commander';
import { output, staffActor, withContext } from '../context';
import { lazy } from '../lazy';

const listContacts = lazy(() => import('../../services/contacts'), 'listContacts');
const recordContact = lazy(() => import('../../services/contacts'), 'recordContact');
const chainOf = lazy(() => import('../../services/contacts'), 'chainOf');
const contactToCase = lazy(() => import('../../services/commands/contact-to-case'), 'contactToCase');

type View = {
  id: string;
  occurredAt: Date;
  kind: string;
  place: { level: string; name: string };
  nickname: string | null;
  provided: string[];
  needs: string[];
  chainId: string;
  caseId: string | null;
  note?: string | null;
};
const json = (c: View) => ({ ...c, occurredAt: c.occurredAt.toISOString() });
const line = (c: View) =>
  `${c.occurredAt.toISOString()}\t${c.kind}\t${c.place.name}\t${c.nickname ?? '-'}\t${c.provided.join(',')}\t${c.id}`;

export function registerContactCommands(program: Command): void {
  const contacts = program.command('contacts').description('The contact log before cases');
  contacts
    .command('list')
    .description('The log, newest first')
    .requiredOption('--org <slug>', 'organisation')
    .requiredOption('--as <email>', 'a staff member')
    .option('--from <date>', 'first day (YYYY-MM-DD)')
    .option('--to <date>', 'last day (YYYY-MM-DD)')
    .option('--kind <kind>', 'hotline_call, outreach, drop_in or message')
    .option('--place <name>', 'a municipality or outreach route')
    .option('--limit <n>', 'page size', '50')
    .option('--offset <n>', 'first row', '0')
    .option('--json')
    .action((opts) =>
      withContext(async (ctx) => {
        const r = (await listContacts(ctx, await staffActor(ctx, opts.org, opts.as), {
          from: opts.from,
          to: opts.to,
          kind: opts.kind,
          place: opts.place,
          limit: Number(opts.limit),
          offset: Number(opts.offset),
        })) as { items: View[]; total: number };
        output(Boolean(opts.json), { items: r.items.map(json), total: r.total }, () => r.items.map(line).join('\n'));
      }),
    );
  contacts
    .command('record')
    .description('Record a contact from a JSON file like the body of POST /api/contacts')
    .requiredOption('--org <slug>', 'organisation')
    .requiredOption('--as <email>', 'a staff member')
    .requiredOption('--file <path>', 'the contact as JSON')
    .option('--key <key>', 'an idempotency key: the same key records once')
    .option('--json')
    .action((opts) =>
      withContext(async (ctx) => {
        const body = JSON.parse(fs.readFileSync(opts.file, 'utf8')) as Parameters<typeof recordContact>[2];
        const r = (await recordContact(ctx, await staffActor(ctx, opts.org, opts.as), body, {
          idempotencyKey: opts.key,
        })) as { id: string; chainId: string; version: number };
        output(Boolean(opts.json), r, () => `${r.id}\tchain ${r.chainId}`);
      }),
    );
  contacts
    .command('show <id>')
    .description("A contact's chain (her contacts), oldest first")
    .requiredOption('--org <slug>', 'organisation')
    .requiredOption('--as <email>', 'a staff member')
    .option('--json')
    .action((id: string, opts) =>
      withContext(async (ctx) => {
        const r = (await chainOf(ctx, await staffActor(ctx, opts.org, opts.as), id)) as {
          chainId: string;
          caseId: string | null;
          caseReference: string | null;
          contacts: View[];
        };
        output(Boolean(opts.json), { ...r, contacts: r.contacts.map(json) }, () =>
          [`chain ${r.chainId}${r.caseReference ? ` → ${r.caseReference}` : ''}`, ...r.contacts.map(line)].join('\n'),
        );
      }),
    );
  contacts
    .command('to-case <id>')
    .description("She agreed: the contact's chain becomes a case (a JSON file like POST /api/contacts/:id/case)")
    .requiredOption('--org <slug>', 'organisation')
    .requiredOption('--as <email>', 'a caseworker')
    .requiredOption('--file <path>', 'what carries over, her person and consent, as JSON')
    .option('--json')
    .action((id: string, opts) =>
      withContext(async (ctx) => {
        const body = JSON.parse(fs.readFileSync(opts.file, 'utf8')) as Parameters<typeof contactToCase>[3];
        const r = (await contactToCase(ctx, await staffActor(ctx, opts.org, opts.as), id, body)) as {
          caseId: string;
          reference: string;
          linkedContacts: number;
        };
        output(Boolean(opts.json), r, () => `${r.reference}\t${r.caseId}\t${r.linkedContacts} contacts linked`);
      }),
    );
}
