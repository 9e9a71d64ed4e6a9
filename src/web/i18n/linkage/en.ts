/** Review of possible duplicates across the network, English (source). */
export const linkageEn = {
  title: 'Possible duplicates across the network',
  intro: 'Each pair is one record of ours and one of a partner whose encodings are similar but not similar enough to decide automatically. You see only the similarity and coarse attributes, never names. Decisions apply from the next linkage run.',
  pending: 'To decide ({{count}})', nothingPending: 'Nothing to decide.', pair: 'Pair {{n}}', similarity: 'Similarity', ours: 'ours',
  same: 'The same person', different: 'Different persons', decided: 'Decided', appliesNextRun: 'Decisions take effect at the next linkage run.',
  statuses: { match: 'same person', non_match: 'different persons' },
  attributes: { firstContactYear: 'Year of first contact', ageBandAtContact: 'Age band at first contact' },
};
