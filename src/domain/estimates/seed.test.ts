import { describe, expect, test } from 'vitest';
import { EstimateSchema } from './schema';
import { citationChain } from './citation-chain';
import { SEED_ROW_COUNT, seedEstimates } from './seed';

const byId = (id: string) => {
  const e = seedEstimates.find((x) => x.id === id);
  if (!e) throw new Error(`missing ${id}`);
  return e;
};

describe('estimates seed', () => {
  test('every row of estimates.md is present', () => {
    const rows = new Set(seedEstimates.map((e) => e.seedRow));
    expect(rows.size).toBe(SEED_ROW_COUNT);
    expect([...rows].sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
  });

  test('ids are unique and every estimate is valid', () => {
    expect(new Set(seedEstimates.map((e) => e.id)).size).toBe(seedEstimates.length);
    for (const e of seedEstimates) expect(EstimateSchema.safeParse(e).success, e.id).toBe(true);
  });

  test.each([
    ['us-tip-2006-international', { low: 600_000, high: 800_000 }, '003:9'],
    ['us-tip-2006-internal', { low: 4_000_000, high: 27_000_000 }, '003:11'],
    ['ec-2001-western-europe', { value: 120_000 }, '003:13'],
    ['ess-2003-balkan-networks', { value: 200_000 }, '003:13'],
    ['iom-2001-through-balkans', { value: 100_000 }, '002:139'],
    ['iom-2001-into-balkans', { value: 70_000 }, '002:139'],
    ['gsn-1990s-eastern-europe', { low: 500_000 }, '003:43'],
    ['rcp-2005-assisted-see', { value: 6_256 }, '002:137'],
    ['rcp-2005-assisted-outside', { value: 477 }, '002:137'],
    ['rcp-2005-assisted-outside-ukrainian', { value: 357 }, '002:137'],
    ['rcp-2005-retrafficking', { low: 0.03, high: 0.5 }, '002:157'],
    ['mirage-raids', { low: 20_000 }, '002:91'],
    ['mirage-interviews', { value: 13_000 }, '002:91'],
    ['mirage-identified', { value: 237 }, '002:91'],
    ['mirage-voluntary-migrants', { value: 2_700 }, '002:91'],
    ['mirage-traffickers', { value: 293 }, '002:91'],
    ['ilo-forced-labour', { value: 20_900_000 }, '001 (ch. 2)'],
    ['unodc-2012-detected', { value: 55_000 }, '001 (ch. 2)'],
    ['italy-art18-permits', { value: 5_653 }, '004 (ch. 1)'],
    ['italy-art18-projects', { value: 490 }, '004'],
    ['acse-protected', { value: 147 }, '004:5119'],
    ['on-the-road-contacts', { value: 23_295 }, '004:5455–5489'],
    ['on-the-road-programmes', { value: 309 }, '004:5455–5489'],
    ['genova-contacts', { value: 3_736 }, '004:5550'],
    ['genova-accompanied', { value: 1_112 }, '004:5550'],
    ['genova-protection', { value: 141 }, '004:5550'],
    ['paris-police-sex-work', { low: 15_000, high: 18_000 }, '004:221'],
    ['slovakia-investigations', { value: 20 }, '004:653'],
    ['slovakia-prosecutions', { value: 32 }, '004:653'],
    ['slovakia-convictions', { value: 18 }, '004:653'],
    ['home-office-2014-mse', { low: 10_000, high: 13_000 }, 'public, not in the seeds'],
  ])('%s keeps its exact figure and locator', (id, figure, locator) => {
    const e = byId(id);
    expect({ value: e.value, low: e.low, high: e.high }).toEqual({
      value: undefined,
      low: undefined,
      high: undefined,
      ...figure,
    });
    expect(e.originalSource.locator).toBe(locator);
  });

  test.each([
    ['paris-police-sex-work', 'not_trafficking_figure'],
    ['mirage-voluntary-migrants', 'not_trafficking_figure'],
    ['italy-art18-permits', 'permits_not_persons'],
    ['on-the-road-contacts', 'contacts_not_persons'],
    ['slovakia-convictions', 'cases_not_victims'],
    ['unodc-2012-detected', 'detected_not_prevalence'],
  ] as const)('%s carries the caveat flag %s', (id, flag) => {
    expect(byId(id).flags).toContain(flag);
  });

  test('the 120,000 figure is flagged as recast to IOM, and only seed figures with a recast are', () => {
    const chain = citationChain(byId('ec-2001-western-europe'));
    expect(chain.recast).toBe(true);
    expect(chain.creditedTo).toEqual(['European Commission', 'IOM']);
    const recast = seedEstimates.filter((e) => citationChain(e).recast).map((e) => e.id);
    expect(recast).toEqual(['ec-2001-western-europe']);
  });
});
