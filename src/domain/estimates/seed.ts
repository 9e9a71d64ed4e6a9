/**
 * Seed data for the estimates registry: every row of shared/domain/estimates.md,
 * figures kept exact. Rows that give several figures are split into one estimate
 * per figure sharing a `seedRow`. Locators are seed lines ("003:13").
 */
import type { Citation, Estimate } from './schema';

const SEEDS = {
  '001': 'PhD thesis on long-term (re)integration of women trafficked for sexual exploitation (seed 001)',
  '002': 'Lindstrom 2006 (seed 002)',
  '003': 'Friman & Reich (seed 003)',
  '004': 'EX-CHANGE (EQUAL) report (seed 004)',
} as const;

/** A seed repeating a figure; `attributedTo` only when it credits someone. */
function inSeed(seed: keyof typeof SEEDS, locator: string, attributedTo?: string): Citation {
  return { source: SEEDS[seed], locator, ...(attributedTo ? { attributedTo } : {}) };
}

const SEXUAL_EXPLOITATION = ['sexual_exploitation'];
const ALL_FORMS: string[] = [];

export const seedEstimates: Estimate[] = [
  {
    id: 'us-tip-2006-international',
    seedRow: 1,
    figureText: '600,000–800,000',
    low: 600_000,
    high: 800_000,
    unit: 'persons_per_year',
    unitNote: 'men, women and children trafficked internationally each year',
    scope: { geography: 'worldwide', period: 'per year (as of 2006)', forms: ALL_FORMS },
    method: 'unknown',
    caveat: 'Women and girls "up to 80%" of those trafficked.',
    originalSource: {
      source: 'US Department of State',
      title: 'Trafficking in Persons Report',
      year: 2006,
      locator: '003:9',
    },
    citingSources: [inSeed('003', '003:9', 'US Department of State'), inSeed('001', '001')],
  },
  {
    id: 'us-tip-2006-internal',
    seedRow: 2,
    figureText: '4,000,000–27,000,000',
    low: 4_000_000,
    high: 27_000_000,
    unit: 'stock',
    unitNote: 'persons trafficked internally (not crossing borders)',
    scope: { geography: 'worldwide', period: '2006', forms: ALL_FORMS },
    method: 'unknown',
    caveat: 'Very wide range.',
    originalSource: {
      source: 'US Department of State',
      title: 'Trafficking in Persons Report',
      year: 2006,
      locator: '003:11',
    },
    citingSources: [inSeed('003', '003:11', 'US Department of State')],
  },
  {
    id: 'ec-2001-western-europe',
    seedRow: 3,
    figureText: '120,000',
    value: 120_000,
    unit: 'persons_per_year',
    unitNote: 'women and children trafficked each year into Western Europe, "mostly through the Balkans"',
    scope: { geography: 'Western Europe (mostly through the Balkans)', period: 'per year (2001)', forms: ALL_FORMS },
    method: 'unknown',
    caveat: 'A European Commission estimate, recast in media and UN reports as an IOM claim (003:13).',
    flags: ['recast_attribution'],
    originalSource: { source: 'European Commission', year: 2001, locator: '003:13' },
    citingSources: [
      { source: 'IOM', year: 2001, locator: '003:13', attributedTo: 'European Commission' },
      { source: 'Media and United Nations reports', locator: '003:13', attributedTo: 'IOM' },
      inSeed('003', '003:13', 'European Commission'),
    ],
  },
  {
    id: 'ess-2003-balkan-networks',
    seedRow: 4,
    figureText: '200,000',
    value: 200_000,
    unit: 'stock',
    unitNote: 'women in the worldwide sex trade trafficked by "Balkan criminal networks"',
    scope: { geography: 'worldwide', period: '2003', forms: SEXUAL_EXPLOITATION },
    method: 'unknown',
    caveat: 'No method stated.',
    flags: ['no_method_stated'],
    originalSource: { source: 'European Council', title: 'European Security Strategy', year: 2003, locator: '003:13' },
    citingSources: [inSeed('003', '003:13', 'European Council')],
  },
  {
    id: 'iom-2001-through-balkans',
    seedRow: 5,
    figureText: '100,000',
    value: 100_000,
    unit: 'persons_per_year',
    unitNote: 'women trafficked each year through the Balkans to the EU and further destinations',
    scope: { geography: 'through the Balkans', period: 'per year (2001)', forms: ALL_FORMS },
    method: 'unknown',
    caveat: '',
    originalSource: { source: 'IOM', title: 'IOM headquarters, Geneva', year: 2001, locator: '002:139' },
    citingSources: [inSeed('002', '002:139', 'IOM')],
  },
  {
    id: 'iom-2001-into-balkans',
    seedRow: 6,
    figureText: '70,000',
    value: 70_000,
    unit: 'persons_per_year',
    unitNote: 'women trafficked each year into the Balkan region',
    scope: { geography: 'into the Balkans', period: 'per year (2001)', forms: ALL_FORMS },
    method: 'unknown',
    caveat: '',
    originalSource: { source: 'IOM', title: 'IOM headquarters, Geneva', year: 2001, locator: '002:139' },
    citingSources: [inSeed('002', '002:139', 'IOM')],
  },
  {
    id: 'gsn-1990s-eastern-europe',
    seedRow: 7,
    figureText: '> 500,000',
    low: 500_000,
    unit: 'persons_per_year',
    unitNote:
      'more than (open range): women trafficked each year from Eastern Europe and the former Soviet Union into Western Europe',
    scope: {
      geography: 'Eastern Europe and former Soviet Union to Western Europe',
      period: 'mid-1990s, per year',
      forms: ALL_FORMS,
    },
    method: 'unknown',
    caveat: '',
    originalSource: { source: 'Global Survival Network', locator: '003:43' },
    citingSources: [inSeed('003', '003:43', 'Global Survival Network')],
  },
  {
    id: 'rcp-2005-assisted-see',
    seedRow: 8,
    figureText: '6,256',
    value: 6_256,
    unit: 'other',
    unitNote: 'trafficked persons assisted, cumulative 2000–2004',
    scope: { geography: 'South-Eastern Europe (the Balkans)', period: '2000–2004', forms: ALL_FORMS },
    method: 'shelter_counts',
    caveat:
      'Shelter counts "dramatically underestimate" (002:139); over 75% Albanian, Moldovan or Romanian; 74% sexual exploitation.',
    originalSource: { source: 'IOM Regional Clearing Point', title: 'Surtees 2005', year: 2005, locator: '002:137' },
    citingSources: [inSeed('002', '002:137', 'IOM Regional Clearing Point')],
  },
  {
    id: 'rcp-2005-assisted-outside',
    seedRow: 9,
    figureText: '477',
    value: 477,
    unit: 'other',
    unitNote: 'persons assisted outside the region, cumulative',
    scope: { geography: 'outside South-Eastern Europe', period: '2000–2004', forms: ALL_FORMS },
    method: 'shelter_counts',
    caveat: 'Of whom 357 (75%) Ukrainian.',
    originalSource: { source: 'IOM Regional Clearing Point', title: 'Surtees 2005', year: 2005, locator: '002:137' },
    citingSources: [inSeed('002', '002:137', 'IOM Regional Clearing Point')],
  },
  {
    id: 'rcp-2005-assisted-outside-ukrainian',
    seedRow: 9,
    figureText: '357 (75%)',
    value: 357,
    unit: 'other',
    unitNote: 'Ukrainian persons among the 477 assisted outside the region',
    scope: { geography: 'outside South-Eastern Europe', period: '2000–2004', forms: ALL_FORMS },
    method: 'shelter_counts',
    caveat: 'A subset of the 477, not an addition to it.',
    originalSource: { source: 'IOM Regional Clearing Point', title: 'Surtees 2005', year: 2005, locator: '002:137' },
    citingSources: [inSeed('002', '002:137', 'IOM Regional Clearing Point')],
  },
  {
    id: 'rcp-2005-retrafficking',
    seedRow: 10,
    figureText: '3%–50%',
    low: 0.03,
    high: 0.5,
    unit: 'share',
    unitNote: 'share of women repatriated 2003–05 who were re-trafficked within a year',
    scope: { geography: 'destination to home countries, Balkans', period: '2003–2005', forms: ALL_FORMS },
    method: 'unknown',
    caveat: 'Range across countries.',
    originalSource: { source: 'IOM Regional Clearing Point', title: 'RCP report 2005', year: 2005, locator: '002:157' },
    citingSources: [inSeed('002', '002:157', 'IOM Regional Clearing Point')],
  },
  ...mirage(),
  {
    id: 'ilo-forced-labour',
    seedRow: 12,
    figureText: '20.9 million',
    value: 20_900_000,
    unit: 'stock',
    unitNote: 'persons in forced labour',
    scope: {
      geography: 'worldwide',
      period: 'stock (ILO 2012 global estimate)',
      forms: ['forced_labour', 'sexual_exploitation'],
    },
    method: 'capture_recapture',
    caveat: 'Capture-recapture method, criticised. 55% women and girls; 22% sexual exploitation.',
    originalSource: { source: 'ILO', locator: '001 (ch. 2)' },
    citingSources: [inSeed('001', '001 (ch. 2)', 'ILO')],
  },
  {
    id: 'unodc-2012-detected',
    seedRow: 13,
    figureText: '55,000',
    value: 55_000,
    unit: 'cases',
    unitNote: 'detected cases of trafficking',
    scope: { geography: 'worldwide', period: 'UNODC 2012 reporting period', forms: ALL_FORMS },
    method: 'administrative',
    caveat: 'Detected, not prevalence. 59% women; 58% sexual exploitation.',
    flags: ['detected_not_prevalence'],
    originalSource: { source: 'UNODC', year: 2012, locator: '001 (ch. 2)' },
    citingSources: [inSeed('001', '001 (ch. 2)', 'UNODC')],
  },
  {
    id: 'italy-art18-permits',
    seedRow: 14,
    figureText: '5,653',
    value: 5_653,
    unit: 'permits',
    unitNote: 'Art. 18 residence permits issued',
    scope: { geography: 'Italy', period: '2001–2006', forms: ALL_FORMS },
    method: 'administrative',
    caveat: 'Permits, not persons.',
    flags: ['permits_not_persons'],
    originalSource: { source: 'Italian authorities', locator: '004 (ch. 1)' },
    citingSources: [inSeed('004', '004 (ch. 1)', 'Italian authorities')],
  },
  {
    id: 'italy-art18-projects',
    seedRow: 15,
    figureText: '490',
    value: 490,
    unit: 'projects',
    unitNote: 'Art. 18 projects funded',
    scope: { geography: 'Italy', period: '2000–2007', forms: ALL_FORMS },
    method: 'administrative',
    caveat: 'Projects, not persons.',
    originalSource: { source: 'Department for Rights and Equal Opportunities', locator: '004' },
    citingSources: [inSeed('004', '004', 'Department for Rights and Equal Opportunities')],
  },
  {
    id: 'acse-protected',
    seedRow: 16,
    figureText: '147',
    value: 147,
    unit: 'other',
    unitNote: 'victims protected by the Ac.Sé scheme, cumulative',
    scope: { geography: 'France', period: '2002–2005', forms: ALL_FORMS },
    method: 'administrative',
    caveat: '',
    originalSource: { source: 'Ac.Sé', locator: '004:5119' },
    citingSources: [inSeed('004', '004:5119', 'Ac.Sé')],
  },
  ...onTheRoad(),
  ...genova(),
  {
    id: 'paris-police-sex-work',
    seedRow: 19,
    figureText: '15,000–18,000',
    low: 15_000,
    high: 18_000,
    unit: 'stock',
    unitNote: 'persons in sex work in Paris (the source says "prostitution")',
    scope: { geography: 'Paris, France', period: 'as reported in seed 004', forms: ALL_FORMS },
    method: 'police_data',
    caveat: 'Not a trafficking figure.',
    flags: ['not_trafficking_figure'],
    originalSource: { source: 'Paris police', locator: '004:221' },
    citingSources: [inSeed('004', '004:221', 'Paris police')],
  },
  ...slovakia(),
  {
    id: 'home-office-2014-mse',
    seedRow: 21,
    figureText: '10,000–13,000',
    low: 10_000,
    high: 13_000,
    unit: 'stock',
    unitNote: 'potential victims of modern slavery, including the "dark figure"',
    scope: { geography: 'United Kingdom', period: '2013', forms: ALL_FORMS },
    method: 'mse',
    caveat: 'Multiple systems estimation over 6 lists; method stated and reproducible.',
    originalSource: { source: 'Home Office', title: 'Silverman 2014', year: 2014, locator: 'public, not in the seeds' },
    citingSources: [],
  },
];

/** Operation Mirage (002:91): one operation, five figures; classification decides who counts. */
function mirage(): Estimate[] {
  const base = {
    seedRow: 11,
    scope: { geography: 'South-Eastern Europe (SECI region)', period: 'September 2002', forms: ALL_FORMS },
    method: 'police_data' as const,
    originalSource: { source: 'UNICEF/UNOHCHR/OSCE-ODIHR', year: 2003, locator: '002:91' },
    citingSources: [inSeed('002', '002:91', 'UNICEF/UNOHCHR/OSCE-ODIHR')],
  };
  const shows = 'Operation Mirage shows that classification decides who counts.';
  return [
    {
      ...base,
      id: 'mirage-raids',
      figureText: '20,000+',
      low: 20_000,
      unit: 'other',
      unitNote: 'more than (open range): police raids',
      caveat: `Raids, not persons. ${shows}`,
      flags: ['not_trafficking_figure'],
    },
    {
      ...base,
      id: 'mirage-interviews',
      figureText: '13,000',
      value: 13_000,
      unit: 'other',
      unitNote: 'interviews with women and children',
      caveat: `Interviews, not victims. ${shows}`,
      flags: ['not_trafficking_figure'],
    },
    {
      ...base,
      id: 'mirage-identified',
      figureText: '237',
      value: 237,
      unit: 'other',
      unitNote: 'persons identified as victims of trafficking',
      caveat: `4% of them sheltered. ${shows}`,
    },
    {
      ...base,
      id: 'mirage-voluntary-migrants',
      figureText: '2,700',
      value: 2_700,
      unit: 'other',
      unitNote: 'women and children classified as voluntary migrants and deported',
      caveat: `Not a trafficking figure: a classification as migrants. ${shows}`,
      flags: ['not_trafficking_figure'],
    },
    {
      ...base,
      id: 'mirage-traffickers',
      figureText: '293',
      value: 293,
      unit: 'other',
      unitNote: 'traffickers identified',
      caveat: `Traffickers, not victims. ${shows}`,
      flags: ['not_trafficking_figure'],
    },
  ];
}

/** On the Road, Italy (004:5455–5489): contacts are not persons. */
function onTheRoad(): Estimate[] {
  const base = {
    seedRow: 17,
    scope: { geography: 'Italy (On the Road)', period: '2000 to mid-2007', forms: ALL_FORMS },
    method: 'administrative' as const,
    originalSource: { source: 'On the Road', locator: '004:5455–5489' },
    citingSources: [inSeed('004', '004:5455–5489', 'On the Road')],
  };
  return [
    {
      ...base,
      id: 'on-the-road-contacts',
      figureText: '23,295',
      value: 23_295,
      unit: 'contacts',
      unitNote: 'outreach contacts',
      caveat: 'Contacts, not persons.',
      flags: ['contacts_not_persons'],
    },
    {
      ...base,
      id: 'on-the-road-programmes',
      figureText: '309',
      value: 309,
      unit: 'other',
      unitNote: 'persons in programmes',
      caveat: '',
    },
  ];
}

/** Province of Genova network (004:5550). */
function genova(): Estimate[] {
  const base = {
    seedRow: 18,
    scope: { geography: 'Province of Genova, Italy', period: '2000 to June 2006', forms: ALL_FORMS },
    method: 'administrative' as const,
    originalSource: { source: 'Genova network', locator: '004:5550' },
    citingSources: [inSeed('004', '004:5550', 'Genova network')],
  };
  return [
    {
      ...base,
      id: 'genova-contacts',
      figureText: '3,736 (3,041 street, 695 toll-free)',
      value: 3_736,
      unit: 'contacts',
      unitNote: 'contacts: 3,041 street, 695 toll-free',
      caveat: 'The source says contact was made with 3,736 people; whether repeat contacts are excluded is not stated.',
    },
    {
      ...base,
      id: 'genova-accompanied',
      figureText: '1,112',
      value: 1_112,
      unit: 'other',
      unitNote: 'persons accompanied',
      caveat: '',
    },
    {
      ...base,
      id: 'genova-protection',
      figureText: '141',
      value: 141,
      unit: 'other',
      unitNote: 'persons in protection programmes',
      caveat: '',
    },
  ];
}

/** Slovakia 2006 (004:653): case statistics, not victims (004:651). */
function slovakia(): Estimate[] {
  const base = {
    seedRow: 20,
    unit: 'cases' as const,
    scope: { geography: 'Slovakia', period: '2006', forms: ALL_FORMS },
    method: 'police_data' as const,
    caveat: 'Statistics count cases, not victims (004:651).',
    flags: ['cases_not_victims' as const],
    originalSource: { source: 'Slovak authorities', locator: '004:653' },
    citingSources: [inSeed('004', '004:653', 'Slovak authorities')],
  };
  return [
    { ...base, id: 'slovakia-investigations', figureText: '20', value: 20, unitNote: 'investigations' },
    { ...base, id: 'slovakia-prosecutions', figureText: '32', value: 32, unitNote: 'prosecutions' },
    { ...base, id: 'slovakia-convictions', figureText: '18', value: 18, unitNote: 'convictions' },
  ];
}

/** Number of rows in the seed table (estimates.md); a test checks each is present. */
export const SEED_ROW_COUNT = 21;
