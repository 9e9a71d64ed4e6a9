/** Statistics, estimates and MSE, English (source). */
export const statsEn = {
  title: 'Statistics', population: 'Who is counted', neverSummed: 'One population per report. Trafficking figures are never added to irregular migration, smuggling or sex work.',
  populations: { potential_victims: 'Potential victims (not determined)', determined_victims_org: 'Determined by a specialised organisation', determined_victims_authority: 'Determined by an authority', determined_victims: 'Determined victims (organisation or authority)', assisted_persons: 'Persons assisted', irregular_migration: 'Irregular migration', smuggling: 'Smuggling', sex_work: 'Sex work' },
  rows: 'Rows', columns: 'Columns',
  dimensions: { year: 'Year', sex: 'Sex', ageBand: 'Age band', citizenship: 'Citizenship', formOfExploitation: 'Form of exploitation', identificationChannel: 'Identification channel', programmeType: 'Programme', outcome: 'Outcome', all: 'Persons (no split)' },
  from: 'From year', to: 'To year', threshold: 'Smallest count shown', computing: 'Computing…', run: 'Show report',
  whatIsCounted: 'What this counts', personsNotCases: 'Persons, not cases', notTrafficking: 'not a trafficking figure', period: 'Period', scope: 'Scope', source: 'Source', generated: 'Generated',
  chartTotalsOnly: 'Every cell is hidden at this level of detail, so the chart shows the row totals that can be published.', nothingToChart: 'Every count in this table is hidden, so there is nothing to chart. A longer period or fewer categories give larger counts.',
  chartLabel: 'Bar chart of persons by {{rows}}; total {{total}}. Suppressed cells are not drawn.', legend: '"{{mark}}" marks a suppressed count: small, or hidden so that small counts cannot be recovered from totals.',
  suppressedMark: 'suppressed', table: 'Report table', persons: 'Persons', total: 'Total',
  export: { csv: 'Download CSV', xlsx: 'Download XLSX', ctdc: 'Download CTDC-style JSON' },
  estimatesTitle: 'Registry of estimates', estimatesIntro: 'Every published figure with what it counts, where it comes from, and who cited it since.', onlyRecast: 'Only figures recast along their citation chain',
  method: 'Method', methods: { shelter_counts: 'shelter counts', police_data: 'police data', survey: 'survey', mse: 'multiple systems estimation', capture_recapture: 'capture–recapture', extrapolation: 'extrapolation', administrative: 'administrative data', unknown: 'unknown' },
  flags: { not_trafficking_figure: 'not a trafficking figure', permits_not_persons: 'permits, not persons', contacts_not_persons: 'contacts, not persons', cases_not_victims: 'cases, not victims', detected_not_prevalence: 'detected, not prevalence', no_method_stated: 'no method stated', recast_attribution: 'attribution recast' },
  recastWarning: 'This figure was recast: a later source attributes it to someone other than its original author.', citationChain: 'Citation chain', original: 'Original', citing: 'Cited by',
  recastLink: 'recast: credited to {{credited}}',
  mseTitle: 'Multiple systems estimation', mseIntro: 'Estimates how many people there are in total, including those on no list, from how often they appear on several lists. It assumes a closed population over the period.',
  ownLists: "Build from our network's records", ownListsIntro: 'Each list is one organisation of your networks, or one identification channel; each person counts once through record linkage, and only with her consent to anonymous statistics.', listsBy: 'Lists', listsByOrganisation: 'One list per organisation', listsByChannel: 'One list per identification channel', buildTable: 'Build the table', tableBuilt: '{{persons}} persons on {{lists}} lists.', xlsxChosen: 'Workbook {{name}}: its first sheet will be used.',
  mseFile: 'Capture-history file (CSV or XLSX)', mseTable: 'Capture-history table', mseFormat: 'One column per list (1 = on that list), the last column is the number of persons; one row per combination.',
  bootstrap: 'Bootstrap replicates', fitting: 'Fitting models and bootstrapping…', estimate: 'Estimate',
  mseResult: 'Estimated total: {{estimate}} persons', observedHidden: '{{observed}} observed on at least one list; {{hidden}} estimated on no list.',
  intervals: { wald: '95% interval (normal)', profile: '95% interval (profile likelihood)', bootstrap: '95% interval (bootstrap)' },
  mseChart: 'Intervals around the estimate of {{estimate}} persons', model: 'Model', terms: 'Interactions', mainEffectsOnly: 'none (main effects only)',
  fit: 'Goodness of fit: deviance {{deviance}} on {{df}} degrees of freedom, AIC {{aic}}.', saveToRegistry: 'Save to the registry', saveLabel: 'Label', geography: 'Geography', save: 'Save', saved: 'Saved to the registry of estimates.',
};
type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };
export type StatsMessages = DeepStrings<typeof statsEn>;
