/**
 * `ariadne lists`: the organisation's reference lists as an administrator administers them in the web
 * (issue #17): show, add, label, retire, restore, reorder, and the release proposals to accept or
 * dismiss. The same access, audit and optimistic locking: `--version` is the list version you read
 * (`lists show`); without it the command takes the list's current version.
 *
 * @example ariadne lists add --org north --as admin@north.demo.test --list services --code dental_care --label en="Dental care" --label fr="Soins dentaires" --json
 */
import type { Command } from 'commander';
import type { AppContext } from '../../services/context';
import type { Actor } from '../../policies/policies';
import { output, staffActor, withContext } from '../context';
import { lazy } from '../lazy';

const reference = () => import('../../services/reference-lists');
const admin = () => import('../../services/reference-admin');
const referenceLists = lazy(reference, 'referenceLists');
const addItem = lazy(admin, 'addItem');
const editItem = lazy(admin, 'editItem');
const setItemActive = lazy(admin, 'setItemActive');
const reorderList = lazy(admin, 'reorderList');
const listProposals = lazy(admin, 'listProposals');
const decideProposal = lazy(admin, 'decideProposal');

type ListView = Awaited<ReturnType<typeof referenceLists>>[number];

/** `--label en=Text` repeated: one label per language. */
const collectLabel = (value: string, previous: Record<string, string> = {}) => {
  const at = value.indexOf('=');
  if (at < 1) throw new Error(`--label takes language=text, e.g. fr="Soins dentaires" (got ${value})`);
  return { ...previous, [value.slice(0, at).trim()]: value.slice(at + 1) };
};

const describeList = (l: ListView) =>
  [
    `${l.key} (version ${l.version})`,
    ...l.items.map(
      (i) =>
        `  ${i.code}\t${i.label.en}${i.active ? '' : '\t(retired)'}${i.meta.palermoMeans === true ? '\t(Palermo means)' : ''}`,
    ),
  ].join('\n');

const asJson = (l: ListView) => ({
  key: l.key,
  version: l.version,
  items: l.items.map((i) => ({ code: i.code, label: i.label, order: i.order, active: i.active, meta: i.meta })),
});

async function versionOf(ctx: AppContext, actor: Actor, key: string, given: unknown): Promise<number> {
  if (given !== undefined) return Number(given);
  const found = (await referenceLists(ctx, actor)).find((l) => l.key === key);
  if (!found) throw new Error(`No list ${key}`);
  return found.version;
}

/** Parsed by the same schema as the API body (loaded only when the command runs). */
async function parse<K extends 'AddItemInputSchema' | 'EditItemInputSchema' | 'ReorderInputSchema'>(
  schema: K,
  value: unknown,
) {
  const schemas = await import('../../domain/reference/admin');
  return schemas[schema].parse(value) as ReturnType<(typeof schemas)[K]['parse']>;
}

export function registerListCommands(program: Command): void {
  const lists = program
    .command('lists')
    .description("The organisation's reference lists: items, labels, order, retiring, release proposals");
  const common = (c: Command) =>
    c
      .requiredOption('--org <slug>', 'organisation')
      .requiredOption('--as <email>', 'the administrator who acts (her access and audit apply)')
      .option('--json');
  const changed = (json: boolean, l: ListView) => output(json, { list: asJson(l) }, () => describeList(l));
  const act =
    (fn: (ctx: AppContext, actor: Actor, opts: Record<string, unknown>) => Promise<void>) =>
    (opts: Record<string, unknown>) =>
      withContext(async (ctx) => fn(ctx, await staffActor(ctx, String(opts.org), String(opts.as)), opts));

  common(lists.command('show').description('Every list, or one, with retired items flagged and the list version'))
    .option('--list <key>', 'only this list')
    .action(
      act(async (ctx, actor, opts) => {
        const all = (await referenceLists(ctx, actor)).filter((l) => !opts.list || l.key === opts.list);
        output(Boolean(opts.json), { lists: all.map(asJson) }, () => all.map(describeList).join('\n'));
      }),
    );

  common(lists.command('add').description('Add an item: a code unique in the list and its labels (English always)'))
    .requiredOption('--list <key>', 'the list')
    .requiredOption('--code <code>', 'lower-case letters, digits and _')
    .requiredOption('--label <language=text>', 'a label; repeat for each language', collectLabel)
    .option('--palermo-means', 'on palermo_means: the item counts as a means of Art. 3(a)')
    .option('--version <n>', 'the list version you read')
    .action(
      act(async (ctx, actor, opts) => {
        const key = String(opts.list);
        const input = await parse('AddItemInputSchema', {
          code: opts.code,
          labels: opts.label,
          ...(opts.palermoMeans ? { palermoMeans: true } : {}),
          version: await versionOf(ctx, actor, key, opts.version),
        });
        changed(Boolean(opts.json), await addItem(ctx, actor, key, input));
      }),
    );

  common(lists.command('label').description("Set an item's labels (every language given replaces the set)"))
    .requiredOption('--list <key>', 'the list')
    .requiredOption('--code <code>', 'the item')
    .option('--label <language=text>', 'a label; repeat for each language', collectLabel)
    .option('--palermo-means <yes|no>', 'on palermo_means: whether the item counts as a means')
    .option('--version <n>', 'the list version you read')
    .action(
      act(async (ctx, actor, opts) => {
        const key = String(opts.list);
        const input = await parse('EditItemInputSchema', {
          ...(opts.label ? { labels: opts.label } : {}),
          ...(opts.palermoMeans !== undefined ? { palermoMeans: opts.palermoMeans === 'yes' } : {}),
          version: await versionOf(ctx, actor, key, opts.version),
        });
        changed(Boolean(opts.json), await editItem(ctx, actor, key, String(opts.code), input));
      }),
    );

  for (const [name, active, text] of [
    ['retire', false, 'Retire an item: refused for new records, still labelled on old ones (never deleted)'],
    ['restore', true, 'Restore a retired item'],
  ] as const)
    common(lists.command(name).description(text))
      .requiredOption('--list <key>', 'the list')
      .requiredOption('--code <code>', 'the item')
      .option('--version <n>', 'the list version you read')
      .action(
        act(async (ctx, actor, opts) => {
          const key = String(opts.list);
          const version = await versionOf(ctx, actor, key, opts.version);
          changed(Boolean(opts.json), await setItemActive(ctx, actor, key, String(opts.code), active, { version }));
        }),
      );

  common(lists.command('reorder').description('Put the items in this order (every item once, retired ones too)'))
    .requiredOption('--list <key>', 'the list')
    .requiredOption('--codes <a,b,c>', 'the codes in the new order, comma-separated')
    .option('--version <n>', 'the list version you read')
    .action(
      act(async (ctx, actor, opts) => {
        const key = String(opts.list);
        const input = await parse('ReorderInputSchema', {
          codes: String(opts.codes)
            .split(',')
            .map((c) => c.trim())
            .filter(Boolean),
          version: await versionOf(ctx, actor, key, opts.version),
        });
        changed(Boolean(opts.json), await reorderList(ctx, actor, key, input));
      }),
    );

  common(
    lists.command('proposals').description('Items a release added to lists the organisation has, not yet decided'),
  ).action(
    act(async (ctx, actor, opts) => {
      const proposals = await listProposals(ctx, actor);
      output(
        Boolean(opts.json),
        {
          proposals: proposals.map((p) => ({
            listKey: p.listKey,
            code: p.code,
            label: p.label,
            proposedAt: p.proposedAt.toISOString(),
          })),
        },
        () => proposals.map((p) => `${p.listKey}\t${p.code}\t${p.label.en}`).join('\n') || 'Nothing is waiting.',
      );
    }),
  );

  for (const [name, text] of [
    ['accept', 'Accept a proposed item: it is added at the end of the list'],
    ['dismiss', 'Dismiss a proposed item: it is never proposed again'],
  ] as const)
    common(lists.command(name).description(text))
      .requiredOption('--list <key>', 'the list')
      .requiredOption('--code <code>', 'the proposed item')
      .action(
        act(async (ctx, actor, opts) => {
          changed(Boolean(opts.json), await decideProposal(ctx, actor, String(opts.list), String(opts.code), name));
        }),
      );
}
