/**
 * `ariadne mse --point`: the bare point estimate SparseMSE's estimatepopulation.0 gives (the model, the
 * estimate, its Wald interval), run in-process through main(argv, io). It skips the simulations and
 * extra intervals a default run computes, says so in its output, and refuses the options it would ignore.
 */
import { describe, expect, test } from 'vitest';
import { main } from '../../src/cli/main';
import { MseResultSchema } from '../../src/server/presenters/mse';

const WESTERN = 'src/domain/mse/fixtures/western.csv';

async function ariadne(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await main(args, {
    stdout: (text) => {
      stdout.push(text);
    },
    stderr: (text) => {
      stderr.push(text);
    },
  });
  return { code, stdout: stdout.join(''), stderr: stderr.join('') };
}

describe('ariadne mse --point', () => {
  test('the estimate, terms and Wald interval of a full run, without the profile, bootstrap, diagnostics or sensitivity', async () => {
    const point = await ariadne('mse', WESTERN, '--point', '--json');
    expect(point.code).toBe(0);
    const bare = JSON.parse(point.stdout);
    const full = JSON.parse((await ariadne('mse', WESTERN, '--json', '--bootstrap', '0', '--no-sensitivity')).stdout);
    expect(bare).toMatchObject({ estimate: full.estimate, terms: full.terms, steps: full.steps });
    expect(bare.interval).toEqual({ level: 0.95, wald: full.interval.wald });
    expect(full.interval.profile).toBeDefined();
    for (const key of ['bootstrap', 'sensitivity', 'diagnostics']) expect(bare).not.toHaveProperty(key);
    expect(full).toHaveProperty('diagnostics');
    // The sparse table's goodness of fit is reported as not run, never as a chi-square p-value.
    expect(bare.fit).toMatchObject({ test: 'not_run', pValue: null });
    expect(full.fit.test).toBe('parametric_bootstrap');
    // Still what the API's closed schema allows.
    expect(MseResultSchema.safeParse(bare).success).toBe(true);
  });

  test('the summary says the fit was not tested, and why', async () => {
    const { code, stdout } = await ariadne('mse', WESTERN, '--point');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Estimated total population: 2,483 /m);
    expect(stdout).toMatch(/not tested \(--point; too sparse for chi-square: \d+ of 31 cells/);
    expect(stdout).not.toMatch(/profile likelihood|bootstrap BCa|Sensitivity:|Diagnostics:/);
  });

  test('options it would ignore are refused', async () => {
    const withBootstrap = await ariadne('mse', WESTERN, '--point', '--bootstrap', '100');
    expect(withBootstrap.code).not.toBe(0);
    expect(withBootstrap.stderr).toMatch(/'--point' cannot be used with option '--bootstrap/);
    const lcmcr = await ariadne('mse', WESTERN, '--point', '--method', 'lcmcr');
    expect(lcmcr.code).toBe(2);
    expect(lcmcr.stderr).toMatch(/--point gives the log-linear point estimate alone/);
  });
});
