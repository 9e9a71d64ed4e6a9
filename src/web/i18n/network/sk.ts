/** Odovzdania a sieť, slovenčina. */
import type { NetMessages } from './en';

export const netSk: NetMessages = {
  territory: 'Územie', targetGroup: 'Cieľová skupina',
  targetGroups: { women: 'Ženy', men: 'Muži', transgender: 'Transrodové osoby', minors: 'Maloletí', sexual: 'Sexuálne vykorisťovanie', forced_labour: 'Nútená práca', begging: 'Nútené žobranie', illegal_activities: 'Nútená trestná činnosť', mail_order_bride: 'Nútené alebo fiktívne manželstvo', illegal_adoption: 'Nezákonná adopcia', organs: 'Odoberanie orgánov' },
  referralsTitle: 'Odovzdania', incoming: 'Prijaté', outgoing: 'Odoslané', none: 'Žiadne.', date: 'Dátum', organisation: 'Organizácia', kind: 'Druh',
  kinds: { referral: 'Odovzdanie', transfer: 'Presun' },
  statuses: { pending: 'Čaká sa', accepted: 'Prijaté', declined: 'Odmietnuté', completed: 'Dokončené', consent_withdrawn: 'Súhlas odvolaný' },
  shared: 'Čo bolo zdieľané', sectionNames: { chosen_term: 'zvolené označenie', language: 'jazyk', needs: 'potreby', requested_service: 'požadovaná služba', identity: 'totožnosť', identification: 'identifikácia', legal: 'právne udalosti', risk_level: 'úroveň rizika' },
  declinedBecause: 'Odmietnuté: {{reason}}', openNewCase: 'Otvoriť nový prípad', openOwnCase: 'Otvoriť náš prípad', answer: 'Odpovedať', accept: 'Prijať', declineReason: 'Dôvod odmietnutia', decline: 'Odmietnuť',
  consentWithdrawnIncoming: 'Odvolala súhlas so zdieľaním s vašou organizáciou. Zdieľané údaje tu už nie sú viditeľné a toto odovzdanie už nemožno prijať.',
  consentWithdrawnOutgoing: 'Odvolala súhlas so zdieľaním s týmto partnerom. Partner už nevidí zdieľané údaje a bol o tom informovaný. Ak znova súhlasí, pošlite nové odovzdanie.',
  withdrawnOn: 'Odvolané {{date}}', confirmAcceptTransfer: 'Prijať tento presun? Vaša organizácia sa stane vlastníkom nového prípadu a odosielajúca organizácia svoj prípad uzavrie.', confirmAcceptYes: 'Áno, prijať presun', cancel: 'Zrušiť',
  recordService: 'Zaznamenať poskytnutú službu', complete: 'Označiť ako dokončené', ourNotes: 'Naše záznamy k tomuto odovzdaniu (druhá strana ich nikdy nevidí)',
  title: 'Sieť', graphTitle: 'Organizácie, dohody a toky odovzdaní', from: 'Od', to: 'Do', flowSummary: '{{from}} → {{to}}: {{count}}', noFlows: 'V tomto období žiadne odovzdania.',
  gapsTitle: 'Medzery v pokrytí', gapsLegend: 'Počet poskytovateľov podľa služby a územia. „Žiadny poskytovateľ“ znamená medzeru; „plné“ znamená vyčerpanú kapacitu ubytovania.',
  noProvider: 'Žiadny poskytovateľ', full: 'plné ({{count}})', directory: 'Adresár', placesFree: 'Voľné miesta: {{count}}',
};
