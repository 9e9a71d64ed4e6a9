/**
 * `ariadne sync conflicts list|resolve` and `ariadne sync devices list|revoke`: her offline conflict
 * queue (values shown as JSON, as the API gives them) and her devices registered for offline work.
 */
import type { Command } from 'commander';
import { output, staffActor, withContext } from '../context';
import { lazy } from '../lazy';

const listConflicts = lazy(() => import('../../services/sync'), 'listConflicts');
const resolveConflict = lazy(() => import('../../services/sync'), 'resolveConflict');
const listDevices = lazy(() => import('../../services/sync'), 'listDevices');
const revokeDevice = lazy(() => import('../../services/sync'), 'revokeDevice');
const presenters = () => import('../../server/presenters/sync');

type Presenters = Awaited<ReturnType<typeof presenters>>;
type Conflict = ReturnType<Presenters['presentConflict']>;
type Device = ReturnType<Presenters['presentDevice']>;
const conflictLine = (c: Conflict) =>
  `${c.id}\t${c.caseReference}\t${c.kind ?? 'case'}\t${c.fields.map((f) => (f.protected ? `${f.field}*` : f.field)).join(', ')}`;
const deviceLine = (d: Device) =>
  `${d.deviceId}\t${d.label ?? ''}\t${d.lastSyncAt ?? 'never synced'}\t${d.revokedAt ? `revoked ${d.revokedAt}` : 'active'}`;

/** `--take text=mine --take level=theirs --set note='"a value"'` into the API's choices. */
function choicesOf(take: string[], set: string[]) {
  return [
    ...take.map((t) => {
      const [field, side] = t.split('=');
      if (!field || (side !== 'mine' && side !== 'theirs')) throw new Error(`--take expects field=mine|theirs: ${t}`);
      return { field, take: side } as const;
    }),
    ...set.map((s) => {
      const at = s.indexOf('=');
      if (at < 1) throw new Error(`--set expects field=<JSON value>: ${s}`);
      return { field: s.slice(0, at), take: 'edited' as const, value: JSON.parse(s.slice(at + 1)) as unknown };
    }),
  ];
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerSyncCommands(program: Command): void {
  const sync = program.command('sync').description('Offline sync: the conflict queue and the devices');
  const conflicts = sync.command('conflicts').description('Offline changes waiting for a person to choose');
  conflicts
    .command('list')
    .description('Open conflicts she raised or on the cases she owns (* marks a protected field)')
    .requiredOption('--org <slug>', 'organisation')
    .requiredOption('--as <email>', 'a staff member')
    .option('--json')
    .action((opts) =>
      withContext(async (ctx) => {
        const { presentConflict } = await presenters();
        const rows = (await listConflicts(ctx, await staffActor(ctx, opts.org, opts.as))).map(presentConflict);
        output(Boolean(opts.json), { conflicts: rows }, () => rows.map(conflictLine).join('\n') || 'No conflicts');
      }),
    );
  conflicts
    .command('resolve <id>')
    .description('Resolve every field: --take field=mine|theirs, or --set field=<JSON value>')
    .requiredOption('--org <slug>', 'organisation')
    .requiredOption('--as <email>', 'a staff member')
    .option('--take <field=side>', 'take her offline value (mine) or the server value (theirs)', collect, [])
    .option('--set <field=json>', 'write this value', collect, [])
    .option('--json')
    .action((id: string, opts: { org: string; as: string; take: string[]; set: string[]; json?: boolean }) =>
      withContext(async (ctx) => {
        const { presentConflict } = await presenters();
        const view = presentConflict(
          await resolveConflict(ctx, await staffActor(ctx, opts.org, opts.as), id, choicesOf(opts.take, opts.set)),
        );
        output(Boolean(opts.json), view, () => `Resolved ${conflictLine(view)}`);
      }),
    );
  const devices = sync.command('devices').description('Her devices registered for offline work');
  devices
    .command('list')
    .requiredOption('--org <slug>', 'organisation')
    .requiredOption('--as <email>', 'a staff member')
    .option('--json')
    .action((opts) =>
      withContext(async (ctx) => {
        const { presentDevice } = await presenters();
        const rows = (await listDevices(ctx, await staffActor(ctx, opts.org, opts.as))).map(presentDevice);
        output(Boolean(opts.json), { devices: rows }, () => rows.map(deviceLine).join('\n') || 'No devices');
      }),
    );
  devices
    .command('revoke <deviceId>')
    .description('Revoke a device: its key is refused from now on, so it wipes its store')
    .requiredOption('--org <slug>', 'organisation')
    .requiredOption('--as <email>', 'a staff member')
    .option('--json')
    .action((deviceId: string, opts) =>
      withContext(async (ctx) => {
        const { presentDevice } = await presenters();
        const d = presentDevice(await revokeDevice(ctx, await staffActor(ctx, opts.org, opts.as), deviceId));
        output(Boolean(opts.json), d, () => `Revoked ${deviceLine(d)}`);
      }),
    );
}
