/** Catalogue des rôles et profils professionnels, français. */
export const rolesFr = {
  title: 'Rôles et profils',
  intro: "Un profil est une qualification ; un rôle est un champ d'activité qu'un ou plusieurs profils peuvent occuper (EX-CHANGE). Nos intitulés sont les nôtres ; chacun correspond à la taxonomie commune pour que les partenaires comparent ce qui est comparable.",
  roles: 'Rôles', profiles: 'Profils', staff: 'Le personnel et ses rôles', coverage: 'Rôles couverts dans nos réseaux',
  mapsTo: 'Rôle commun : {{name}}', mapsToProfile: 'Profil commun : {{name}}', inactive: 'retiré', notTranslated: 'pas encore traduit',
  filledBy: 'Occupé par', noProfileNeeded: 'Aucun profil requis', noCard: 'Pas encore de fiche de rôle.',
  card: { area: "Domaine d'intervention", organisation: "Nature et type d'organisation", actions: "Type d'actions", tasks: 'Tâches concrètes', skills: 'Capacités et compétences', methods: "Méthodes d'intervention", tools: 'Outils et moyens' },
  edit: 'Modifier', editRole: 'Modifier le rôle « {{name}} »', newRole: 'Ajouter un rôle local', newProfile: 'Ajouter un profil local', editProfile: 'Modifier le profil « {{name}} »',
  code: 'Code (minuscules, chiffres et _)', sharedRole: 'Rôle commun correspondant', sharedProfile: 'Profil commun correspondant',
  nameIn: 'Intitulé en {{language}}', cardLanguage: 'Langue du texte de la fiche', active: 'En usage', save: 'Enregistrer', cancel: 'Annuler', saved: 'Enregistré.',
  person: 'Membre du personnel', accessRoles: "Droits d'accès", noneHeld: 'aucun', editStaff: 'Rôles et profils de {{name}}',
  organisation: 'Organisation', staffCount: 'Personnel', noCoverage: "Aucun partenaire n'a encore associé son personnel à des rôles.",
  coverageIntro: "Effectifs par rôle commun ; l'identité des personnes reste dans chaque organisation.",
};
