/**
 * `ariadne forms`: the organisation's custom forms (issue #17) as a named staff member: list them,
 * show one (its draft, or a published version), publish the draft, retire a form. The same access,
 * audit and checks as the web. XLSForm import and export join this group (`forms import|export`).
 *
 * @example ariadne forms list --org north --as admin@north.demo.test --json
 * @example ariadne forms publish arrival --org north --as admin@north.demo.test --json
 */
import type { Command } from 'commander';
import { output, staffActor, withContext } from '../context';
import { lazy } from '../lazy';

const forms = () => import('../../services/custom-forms');
const listForms = lazy(forms, 'listForms');
const listPublishedForms = lazy(forms, 'listPublishedForms');
const getForm = lazy(forms, 'getForm');
const formVersion = lazy(forms, 'formVersion');
const publishForm = lazy(forms, 'publishForm');
const retireForm = lazy(forms, 'retireForm');

type Form = Awaited<ReturnType<typeof getForm>>;

const line = (f: Form) => `${f.code}\t${f.status}\tv${f.currentVersion}\t${f.target}\tlock ${f.lockVersion}`;
const asJson = (f: Form) => ({ ...f, updatedAt: new Date(f.updatedAt).toISOString() });

/** The group, for other command files to add to (import, export). */
export function formsGroup(program: Command): Command {
  return program.commands.find((c) => c.name() === 'forms') ?? registerFormCommands(program);
}

export function registerFormCommands(program: Command): Command {
  const group = program.command('forms').description('Custom forms: list, show, publish, retire');
  const common = (c: Command) =>
    c
      .requiredOption('--org <slug>', 'organisation')
      .requiredOption('--as <email>', 'the staff member who acts (her access and audit apply)')
      .option('--json');

  common(group.command('list').description('Every form (administrators), or the published ones (--published)'))
    .option('--published', 'only published forms, as staff see them')
    .option('--target <target>', 'with --published: only forms of this target (case, or an entry kind)')
    .action((opts) =>
      withContext(async (ctx) => {
        const actor = await staffActor(ctx, opts.org, opts.as);
        const list = opts.published
          ? await listPublishedForms(ctx, actor, opts.target ? String(opts.target) : undefined)
          : await listForms(ctx, actor);
        output(Boolean(opts.json), list.map(asJson), () => list.map(line).join('\n') || '(no forms)');
      }),
    );

  common(group.command('show <code>').description('A form with its draft, or one published version (--form-version)'))
    .option('--form-version <n>', 'a published version')
    .action((code: string, opts) =>
      withContext(async (ctx) => {
        const actor = await staffActor(ctx, opts.org, opts.as);
        if (opts.formVersion) {
          const v = await formVersion(ctx, actor, code, Number(opts.formVersion));
          const json = { ...v, publishedAt: new Date(v.publishedAt).toISOString() };
          output(Boolean(opts.json), json, () => JSON.stringify(json.definition, null, 2));
          return;
        }
        const form = await getForm(ctx, actor, code);
        output(Boolean(opts.json), asJson(form), () => `${line(form)}\n${JSON.stringify(form.draft, null, 2)}`);
      }),
    );

  for (const [name, run, what] of [
    ['publish', publishForm, 'Publish the draft as the next version'],
    ['retire', retireForm, 'Retire the form: no new records, earlier ones stay readable'],
  ] as const)
    common(group.command(`${name} <code>`).description(what))
      .option('--lock <n>', 'the lock version you read (default: the current one)')
      .action((code: string, opts) =>
        withContext(async (ctx) => {
          const actor = await staffActor(ctx, opts.org, opts.as);
          const lockVersion = opts.lock ? Number(opts.lock) : (await getForm(ctx, actor, code)).lockVersion;
          const form = await run(ctx, actor, code, { lockVersion });
          output(Boolean(opts.json), asJson(form), () => line(form));
        }),
      );
  return group;
}
