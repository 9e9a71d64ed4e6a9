/** Revue des doublons possibles dans le réseau, français. */
export const linkageFr = {
  title: 'Doublons possibles dans le réseau',
  intro: 'Chaque paire associe un de nos dossiers et un dossier d’un partenaire dont les encodages se ressemblent sans permettre une décision automatique. Vous ne voyez que la similarité et des attributs grossiers, jamais de noms. Les décisions s’appliquent au prochain rapprochement.',
  pending: 'À décider ({{count}})', nothingPending: 'Rien à décider.', pair: 'Paire {{n}}', similarity: 'Similarité', ours: 'chez nous',
  same: 'La même personne', different: 'Des personnes différentes', decided: 'Décidé', appliesNextRun: 'Les décisions prennent effet au prochain rapprochement.',
  statuses: { match: 'même personne', non_match: 'personnes différentes' },
  attributes: { firstContactYear: 'Année du premier contact', ageBandAtContact: 'Tranche d’âge au premier contact' },
};
