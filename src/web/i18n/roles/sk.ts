/** Katalóg profesijných rolí a profilov, slovenčina. */
export const rolesSk = {
  title: 'Roly a profily',
  intro: 'Profil je kvalifikácia; rola je oblasť činnosti, ktorú môže vykonávať jeden alebo viac profilov (EX-CHANGE). Názvy sú naše; každý zodpovedá spoločnej taxonómii, aby partneri porovnávali porovnateľné.',
  roles: 'Roly', profiles: 'Profily', staff: 'Zamestnanci a ich roly', coverage: 'Roly pokryté v našich sieťach',
  mapsTo: 'Spoločná rola: {{name}}', mapsToProfile: 'Spoločný profil: {{name}}', inactive: 'vyradená', notTranslated: 'zatiaľ nepreložené',
  filledBy: 'Vykonáva', noProfileNeeded: 'Nevyžaduje sa žiadny profil', noCard: 'Zatiaľ bez karty roly.',
  card: { area: 'Oblasť intervencie', organisation: 'Povaha a typ organizácie', actions: 'Typ činností', tasks: 'Konkrétne úlohy', skills: 'Schopnosti a zručnosti', methods: 'Metódy intervencie', tools: 'Nástroje a prostriedky' },
  edit: 'Upraviť', editRole: 'Upraviť rolu „{{name}}“', newRole: 'Pridať miestnu rolu', newProfile: 'Pridať miestny profil', editProfile: 'Upraviť profil „{{name}}“',
  code: 'Kód (malé písmená, číslice a _)', sharedRole: 'Zodpovedajúca spoločná rola', sharedProfile: 'Zodpovedajúci spoločný profil',
  nameIn: 'Názov v jazyku {{language}}', cardLanguage: 'Jazyk textu karty roly', active: 'Používa sa', save: 'Uložiť', cancel: 'Zrušiť', saved: 'Uložené.',
  person: 'Zamestnanec', accessRoles: 'Prístupové práva', noneHeld: 'žiadne', editStaff: 'Roly a profily: {{name}}',
  organisation: 'Organizácia', staffCount: 'Zamestnanci', noCoverage: 'Žiadny partner zatiaľ nepriradil zamestnancov k rolám.',
  coverageIntro: 'Počty zamestnancov podľa spoločnej roly; kto to je, zostáva v každej organizácii.',
};
