/** Zverejnenia siete s diferenciálnym súkromím a register rozpočtu súkromia, slovenčina. */
export const privacySk = {
  title: 'Súkromné zverejnenia siete',
  intro: 'Počty osôb za celú sieť zverejnené s diferenciálnym súkromím. Každé zverejnenie čerpá časť rozpočtu súkromia siete (epsilon) a uloží sa: opätovná žiadosť o rovnaké zverejnenie vráti rovnaké čísla a nič nečerpá.',
  network: 'Sieť', budget: 'Rozpočet súkromia', budgetText: 'Vyčerpané {{spent}} z {{total}}; zostáva {{remaining}}',
  epsilon: 'Epsilon tohto zverejnenia', epsilonHint: 'Menšie epsilon pridá viac šumu, viac chráni a čerpá menej rozpočtu.',
  mechanism: 'Šum', mechanisms: { geometric: 'Geometrický (celé čísla)', laplace: 'Laplaceov' },
  release: 'Zverejniť', releasing: 'Počíta sa…', spentNow: 'Nové zverejnenie: z rozpočtu siete sa vyčerpalo epsilon {{epsilon}}.', reused: 'Z úložiska: rovnaké čísla ako predtým; rozpočet sa nečerpal.',
  ledger: 'Zverejnenia účtované na rozpočet', when: 'Kedy', requestedBy: 'Vyžiadal(a)', what: 'Čo', open: 'Otvoriť', noReleases: 'Zatiaľ žiadne zverejnenia.',
  setBudget: 'Rozpočet siete (vedúca organizácia)', totalEpsilon: 'Celkové epsilon', saveBudget: 'Uložiť rozpočet',
  noNetwork: 'Vaša organizácia nie je aktívnym členom žiadnej siete.', chartLabel: 'Epsilon vyčerpané na zverejnenie v porovnaní s rozpočtom siete', spentSeries: 'Vyčerpané', remainingSeries: 'Zostáva',
  exportCsv: 'Stiahnuť CSV', exportCtdc: 'Stiahnuť JSON v štýle CTDC',
};
