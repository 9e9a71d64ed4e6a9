/** Catalogo dei ruoli e dei profili professionali, italiano. */
export const rolesIt = {
  title: 'Ruoli e profili',
  intro: "Un profilo è una qualifica; un ruolo è un ambito di attività che uno o più profili possono ricoprire (EX-CHANGE). I nomi sono i nostri; ciascuno corrisponde alla tassonomia comune perché i partner confrontino realtà comparabili.",
  roles: 'Ruoli', profiles: 'Profili', staff: 'Il personale e i suoi ruoli', coverage: 'Ruoli coperti nelle nostre reti',
  mapsTo: 'Ruolo comune: {{name}}', mapsToProfile: 'Profilo comune: {{name}}', inactive: 'dismesso', notTranslated: 'non ancora tradotto',
  filledBy: 'Ricoperto da', noProfileNeeded: 'Nessun profilo richiesto', noCard: 'Nessuna scheda di ruolo.',
  card: { area: 'Area di intervento', organisation: 'Natura e tipo di organizzazione', actions: 'Tipo di azioni', tasks: 'Compiti concreti', skills: 'Capacità e competenze', methods: 'Metodi di intervento', tools: 'Strumenti e mezzi' },
  edit: 'Modifica', editRole: 'Modifica il ruolo «{{name}}»', newRole: 'Aggiungi un ruolo locale', newProfile: 'Aggiungi un profilo locale', editProfile: 'Modifica il profilo «{{name}}»',
  code: 'Codice (minuscole, cifre e _)', sharedRole: 'Ruolo comune corrispondente', sharedProfile: 'Profilo comune corrispondente',
  nameIn: 'Nome in {{language}}', cardLanguage: 'Lingua del testo della scheda', active: 'In uso', save: 'Salva', cancel: 'Annulla', saved: 'Salvato.',
  person: 'Persona dello staff', accessRoles: 'Diritti di accesso', noneHeld: 'nessuno', editStaff: 'Ruoli e profili di {{name}}',
  organisation: 'Organizzazione', staffCount: 'Personale', noCoverage: 'Nessun partner ha ancora associato il personale ai ruoli.',
  coverageIntro: "Numero di persone per ruolo comune; chi sono resta in ciascuna organizzazione.",
};
