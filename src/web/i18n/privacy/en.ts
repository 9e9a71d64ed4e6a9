/** Differentially private network releases and the privacy budget ledger, English (source). */
export const privacyEn = {
  title: 'Private network releases',
  intro: "Counts of persons for a whole network, released under differential privacy. Each release spends part of the network's privacy budget (epsilon) and is stored: asking for the same release again returns the same numbers and spends nothing.",
  network: 'Network', budget: 'Privacy budget', budgetText: 'Spent {{spent}} of {{total}}; {{remaining}} remaining',
  epsilon: 'Epsilon of this release', epsilonHint: 'A smaller epsilon adds more noise, protects more, and spends less of the budget.',
  mechanism: 'Noise', mechanisms: { geometric: 'Geometric (whole numbers)', laplace: 'Laplace' },
  release: 'Release', releasing: 'Computing…', spentNow: 'New release: epsilon {{epsilon}} spent from the network budget.', reused: 'Served from storage: the same numbers as before; no budget spent.',
  ledger: 'Releases charged to the budget', when: 'When', requestedBy: 'Requested by', what: 'What', open: 'Open', noReleases: 'No releases yet.',
  setBudget: 'Network budget (lead organisation)', totalEpsilon: 'Total epsilon', saveBudget: 'Save the budget',
  noNetwork: 'Your organisation is not an active member of any network.', chartLabel: 'Epsilon spent per release, against the network budget', spentSeries: 'Spent', remainingSeries: 'Remaining',
  exportCsv: 'Download CSV', exportCtdc: 'Download CTDC-like JSON',
};
