/** Publications différentiellement privées du réseau et registre du budget de confidentialité, français. */
export const privacyFr = {
  title: 'Publications privées du réseau',
  intro: "Nombres de personnes pour tout un réseau, publiés avec confidentialité différentielle. Chaque publication consomme une part du budget de confidentialité du réseau (epsilon) et est conservée : redemander la même publication renvoie les mêmes chiffres sans rien dépenser.",
  network: 'Réseau', budget: 'Budget de confidentialité', budgetText: '{{spent}} dépensé sur {{total}} ; reste {{remaining}}',
  epsilon: 'Epsilon de cette publication', epsilonHint: 'Un epsilon plus petit ajoute plus de bruit, protège davantage et consomme moins de budget.',
  mechanism: 'Bruit', mechanisms: { geometric: 'Géométrique (nombres entiers)', laplace: 'Laplace' },
  release: 'Publier', releasing: 'Calcul…', spentNow: 'Nouvelle publication : epsilon {{epsilon}} prélevé sur le budget du réseau.', reused: 'Servie depuis le stockage : les mêmes chiffres qu’avant ; aucun budget consommé.',
  ledger: 'Publications imputées au budget', when: 'Date', requestedBy: 'Demandée par', what: 'Objet', open: 'Ouvrir', noReleases: 'Aucune publication.',
  setBudget: 'Budget du réseau (organisation cheffe de file)', totalEpsilon: 'Epsilon total', saveBudget: 'Enregistrer le budget',
  noNetwork: "Votre organisation n'est membre actif d'aucun réseau.", chartLabel: 'Epsilon consommé par publication, par rapport au budget du réseau', spentSeries: 'Consommé', remainingSeries: 'Restant',
  exportCsv: 'Télécharger en CSV', exportCtdc: 'Télécharger en JSON de type CTDC',
};
