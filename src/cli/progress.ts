/**
 * Progress of a long start in phases (open and migrate the database, seed the demo data, start
 * the server) on stderr: a bar per phase on a terminal, a line per quarter elsewhere (logs, CI).
 */
import type { SingleBar } from 'cli-progress';

export interface PhasedProgress {
  /** A new phase; with a total, a bar (or quarter lines) follows its ticks. */
  phase(label: string, total?: number): void;
  tick(done: number): void;
  stop(): void;
}

export async function phasedProgress(stream: NodeJS.WriteStream = process.stderr): Promise<PhasedProgress> {
  const { SingleBar: Bar, Presets } = await import('cli-progress');
  let bar: SingleBar | null = null;
  let plain: { label: string; total: number; quarter: number } | null = null;
  const stop = () => {
    bar?.stop();
    bar = null;
    plain = null;
  };
  return {
    phase(label, total) {
      stop();
      if (!total) {
        stream.write(`${label}\n`);
        return;
      }
      if (stream.isTTY) {
        bar = new Bar(
          { format: `${label} [{bar}] {value}/{total}`, stream, hideCursor: true, clearOnComplete: false },
          Presets.shades_classic,
        );
        bar.start(total, 0);
      } else {
        plain = { label, total, quarter: 0 };
        stream.write(`${label}: 0/${total}\n`);
      }
    },
    tick(done) {
      if (bar) bar.update(Math.min(done, bar.getTotal()));
      else if (plain) {
        const quarter = Math.floor((4 * done) / plain.total);
        if (quarter > plain.quarter) {
          plain.quarter = quarter;
          stream.write(`${plain.label}: ${Math.min(done, plain.total)}/${plain.total}\n`);
        }
      }
    },
    stop,
  };
}
