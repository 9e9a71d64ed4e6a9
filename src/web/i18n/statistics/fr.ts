/** Statistiques, estimations et ESM, français. */
import type { StatsMessages } from './en';

export const statsFr: StatsMessages = {
  title: 'Statistiques', population: 'Qui est compté', neverSummed: 'Une population par rapport. Les chiffres de la traite ne sont jamais additionnés à la migration irrégulière, au trafic de migrants ou au travail du sexe.',
  populations: { potential_victims: 'Victimes potentielles (non reconnues)', determined_victims_org: 'Reconnues par une organisation spécialisée', determined_victims_authority: 'Reconnues par une autorité', determined_victims: 'Victimes reconnues (organisation ou autorité)', assisted_persons: 'Personnes accompagnées', irregular_migration: 'Migration irrégulière', smuggling: 'Trafic de migrants', sex_work: 'Travail du sexe' },
  rows: 'Lignes', columns: 'Colonnes',
  dimensions: { year: 'Année', sex: 'Sexe', ageBand: 'Tranche d’âge', citizenship: 'Nationalité', formOfExploitation: 'Forme d’exploitation', identificationChannel: 'Canal d’identification', programmeType: 'Programme', outcome: 'Issue', all: 'Personnes (sans ventilation)' },
  from: 'De l’année', to: 'À l’année', threshold: 'Plus petit effectif affiché', computing: 'Calcul…', run: 'Afficher le rapport',
  whatIsCounted: 'Ce qui est compté', personsNotCases: 'Des personnes, pas des dossiers', notTrafficking: 'pas un chiffre de la traite', period: 'Période', scope: 'Périmètre', source: 'Source', generated: 'Produit le',
  chartTotalsOnly: 'Toutes les cellules sont masquées à ce niveau de détail : le graphique montre les totaux de ligne publiables.', nothingToChart: 'Tous les effectifs de ce tableau sont masqués : il n’y a rien à représenter. Une période plus longue ou moins de catégories donnent des effectifs plus grands.',
  chartLabel: 'Diagramme en barres des personnes par {{rows}} ; total {{total}}. Les cases masquées ne sont pas tracées.', legend: '« {{mark}} » indique un effectif masqué : petit, ou caché pour que les petits effectifs ne puissent pas être retrouvés à partir des totaux.',
  suppressedMark: 'masqué', table: 'Tableau du rapport', persons: 'Personnes', total: 'Total',
  export: { csv: 'Télécharger CSV', xlsx: 'Télécharger XLSX', ctdc: 'Télécharger JSON (format CTDC)' },
  estimatesTitle: 'Registre des estimations', estimatesIntro: 'Chaque chiffre publié avec ce qu’il compte, sa provenance et qui l’a cité depuis.', onlyRecast: 'Seulement les chiffres réattribués au fil des citations',
  method: 'Méthode', methods: { shelter_counts: 'comptages des foyers', police_data: 'données de police', survey: 'enquête', mse: 'estimation par systèmes multiples', capture_recapture: 'capture–recapture', extrapolation: 'extrapolation', administrative: 'données administratives', unknown: 'inconnue' },
  flags: { not_trafficking_figure: 'pas un chiffre de la traite', permits_not_persons: 'titres, pas personnes', contacts_not_persons: 'contacts, pas personnes', cases_not_victims: 'affaires, pas victimes', detected_not_prevalence: 'détectés, pas prévalence', no_method_stated: 'méthode non indiquée', recast_attribution: 'attribution modifiée' },
  recastWarning: 'Ce chiffre a été réattribué : une source ultérieure l’attribue à quelqu’un d’autre que son auteur d’origine.', citationChain: 'Chaîne de citations', original: 'Original', citing: 'Cité par',
  recastLink: 'réattribué à {{credited}}',
  mseTitle: 'Estimation par systèmes multiples', mseIntro: 'Estime le nombre total de personnes, y compris celles absentes de toute liste, à partir de leur présence sur plusieurs listes. Suppose une population fermée sur la période.',
  ownLists: 'Construire à partir des dossiers de notre réseau', ownListsIntro: 'Chaque liste est une organisation de vos réseaux, ou un canal d’identification ; chaque personne compte une fois grâce au rapprochement d’enregistrements, et seulement avec son consentement aux statistiques anonymes.', listsBy: 'Listes', listsByOrganisation: 'Une liste par organisation', listsByChannel: 'Une liste par canal d’identification', buildTable: 'Construire le tableau', tableBuilt: '{{persons}} personnes sur {{lists}} listes.', xlsxChosen: 'Classeur {{name}} : sa première feuille sera utilisée.',
  mseFile: 'Fichier d’historiques de capture (CSV ou XLSX)', mseTable: 'Tableau des historiques de capture', mseFormat: 'Une colonne par liste (1 = présente sur cette liste), la dernière colonne est le nombre de personnes ; une ligne par combinaison.',
  bootstrap: 'Réplications bootstrap', fitting: 'Ajustement des modèles et bootstrap…', estimate: 'Estimer',
  mseResult: 'Total estimé : {{estimate}} personnes', observedHidden: '{{observed}} observées sur au moins une liste ; {{hidden}} estimées sur aucune liste.',
  intervals: { wald: 'Intervalle à 95 % (normal)', profile: 'Intervalle à 95 % (vraisemblance profilée)', bootstrap: 'Intervalle à 95 % (bootstrap)' },
  mseChart: 'Intervalles autour de l’estimation de {{estimate}} personnes', model: 'Modèle', terms: 'Interactions', mainEffectsOnly: 'aucune (effets principaux seulement)',
  fit: 'Qualité d’ajustement : déviance {{deviance}} pour {{df}} degrés de liberté, AIC {{aic}}.', saveToRegistry: 'Enregistrer dans le registre', saveLabel: 'Libellé', geography: 'Zone géographique', save: 'Enregistrer', saved: 'Enregistré dans le registre des estimations.',
};
