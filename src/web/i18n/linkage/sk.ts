/** Kontrola možných duplicít v sieti, slovensky. */
export const linkageSk = {
  title: 'Možné duplicity v sieti',
  intro: 'Každá dvojica spája jeden náš záznam a jeden záznam partnera, ktorých kódovania sú podobné, no nie dosť na automatické rozhodnutie. Vidíte len podobnosť a hrubé atribúty, nikdy mená. Rozhodnutia platia od ďalšieho prepojenia.',
  pending: 'Na rozhodnutie ({{count}})', nothingPending: 'Nie je čo rozhodnúť.', pair: 'Dvojica {{n}}', similarity: 'Podobnosť', ours: 'náš',
  same: 'Tá istá osoba', different: 'Rôzne osoby', decided: 'Rozhodnuté', appliesNextRun: 'Rozhodnutia sa uplatnia pri ďalšom prepojení.',
  statuses: { match: 'tá istá osoba', non_match: 'rôzne osoby' },
  attributes: { firstContactYear: 'Rok prvého kontaktu', ageBandAtContact: 'Veková skupina pri prvom kontakte' },
};
