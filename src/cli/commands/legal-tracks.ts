/**
 * `ariadne legal-tracks list|show|add`: the organisation's legal track of each country (rules and
 * labels, no personal data), and an administrator adding a country's track from a JSON file shaped
 * like POST /api/legal-tracks. The deadlines they produce are in `ariadne agenda`.
 */
import fs from 'node:fs';
import type { Command } from 'commander';
import { output, staffActor, withContext } from '../context';
import { lazy } from '../lazy';

const listTracks = lazy(() => import('../../services/legal-tracks'), 'listTracks');
const trackOf = lazy(() => import('../../services/legal-tracks'), 'trackOf');
const addTrack = lazy(() => import('../../services/legal-tracks'), 'addTrack');

type Row = {
  version: number;
  track: { country: string; label: { en: string }; steps: { code: string; kind: string; duration?: unknown }[] };
};
const view = (r: Row) => ({ country: r.track.country, version: r.version, label: r.track.label, steps: r.track.steps });
const line = (r: Row) =>
  `${r.track.country}\tv${r.version}\t${r.track.label.en}\t${r.track.steps.map((s) => s.code).join(', ')}`;

export function registerLegalTrackCommands(program: Command): void {
  const tracks = program.command('legal-tracks').description("The organisation's legal tracks per country");
  tracks
    .command('list')
    .description('The current track of each country')
    .requiredOption('--org <slug>', 'organisation')
    .requiredOption('--as <email>', 'a staff member')
    .option('--json')
    .action((opts) =>
      withContext(async (ctx) => {
        const rows = (await listTracks(ctx, await staffActor(ctx, opts.org, opts.as))) as Row[];
        output(Boolean(opts.json), { tracks: rows.map(view) }, () => rows.map(line).join('\n'));
      }),
    );
  tracks
    .command('show <country>')
    .description("One country's track and its earlier versions, newest first")
    .requiredOption('--org <slug>', 'organisation')
    .requiredOption('--as <email>', 'a staff member')
    .option('--json')
    .action((country: string, opts) =>
      withContext(async (ctx) => {
        const rows = (await trackOf(ctx, await staffActor(ctx, opts.org, opts.as), country.toUpperCase())) as Row[];
        output(Boolean(opts.json), { track: view(rows[0]!), versions: rows.map(view) }, () =>
          [
            line(rows[0]!),
            ...rows[0]!.track.steps.map((s) => `  ${s.code}\t${s.kind}\t${JSON.stringify(s.duration ?? {})}`),
          ].join('\n'),
        );
      }),
    );
  tracks
    .command('add')
    .description("Add a country's track (administrators) from a JSON file like the body of POST /api/legal-tracks")
    .requiredOption('--org <slug>', 'organisation')
    .requiredOption('--as <email>', 'an administrator')
    .requiredOption('--file <path>', 'the track as JSON')
    .option('--json')
    .action((opts) =>
      withContext(async (ctx) => {
        const body = JSON.parse(fs.readFileSync(opts.file, 'utf8')) as Parameters<typeof addTrack>[2];
        const row = (await addTrack(ctx, await staffActor(ctx, opts.org, opts.as), body)) as Row;
        output(Boolean(opts.json), view(row), () => line(row));
      }),
    );
}
