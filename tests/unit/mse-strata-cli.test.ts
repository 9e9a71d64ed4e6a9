/** `ariadne mse --stratify-by`: the readable summary names hidden strata without any of their figures. */
import { describe, expect, test } from 'vitest';
import { formatStrataSummary } from '../../src/cli/commands/mse-strata';
import { loadGlpk } from '../../src/domain/mse/lp';
import { captureStrataFromCsv, estimateStrata, publishStrata } from '../../src/domain/mse/strata';

const CSV = [
  'A,B,C,sex,n',
  '1,0,0,f,60',
  '0,1,0,f,50',
  '0,0,1,f,40',
  '1,1,0,f,15',
  '1,0,1,f,12',
  '0,1,1,f,10',
  '1,1,1,f,3',
  '1,0,0,m,40',
  '0,1,0,m,35',
  '0,0,1,m,30',
  '1,1,0,m,9',
  '1,0,1,m,8',
  '0,1,1,m,6',
  '1,1,1,m,2',
  '1,0,0,x,1',
  '1,1,0,x,1',
  '0,1,1,x,1',
].join('\n');

describe('formatStrataSummary', () => {
  test('hidden strata show their name and reason only; the combined line states its method', async () => {
    const result = estimateStrata(await loadGlpk(), 'sex', captureStrataFromCsv(CSV, 'sex'), { method: 'main' });
    const text = formatStrataSummary(publishStrata(result, 5));
    expect(text).toMatch(/^ {2}x: hidden \(primary\)$/m);
    expect(text).toMatch(/^ {2}m: hidden \(complementary\)$/m);
    expect(text).toMatch(/^ {2}f: 190 observed, estimate \d+ \(95% Wald \d+–\d+\)$/m);
    expect(text).toMatch(/^Combined: 323 observed, estimate \d+ .*stratum Wald variances summed\)$/m);
  });
});
