/** `ariadne start` progress (src/cli/progress.ts): phases, and in a log (not a terminal) one line per quarter. */
import { expect, test } from 'vitest';
import { phasedProgress } from '../../src/cli/progress';

test('phases print their label; a counted phase prints a line per quarter when not on a terminal', async () => {
  const lines: string[] = [];
  const stream = { isTTY: false, write: (text: string) => lines.push(text) } as unknown as NodeJS.WriteStream;
  const progress = await phasedProgress(stream);
  progress.phase('Opening the database…');
  progress.phase('Applying database migrations', 8);
  for (let done = 0; done <= 8; done += 1) progress.tick(done);
  progress.phase('Starting the web server…');
  progress.stop();
  expect(lines.join('')).toBe(
    [
      'Opening the database…',
      'Applying database migrations: 0/8',
      'Applying database migrations: 2/8',
      'Applying database migrations: 4/8',
      'Applying database migrations: 6/8',
      'Applying database migrations: 8/8',
      'Starting the web server…',
      '',
    ].join('\n'),
  );
});
