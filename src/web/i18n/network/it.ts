/** Invii e rete, italiano. */
import type { NetMessages } from './en';

export const netIt: NetMessages = {
  territory: 'Territorio', targetGroup: 'Destinatari',
  targetGroups: { women: 'Donne', men: 'Uomini', transgender: 'Persone transgender', minors: 'Minori', sexual: 'Sfruttamento sessuale', forced_labour: 'Lavoro forzato', begging: 'Accattonaggio forzato', illegal_activities: 'Attività criminali forzate', mail_order_bride: 'Matrimonio forzato o fittizio', illegal_adoption: 'Adozione illegale', organs: 'Prelievo di organi' },
  referralsTitle: 'Invii', incoming: 'Ricevuti', outgoing: 'Inviati', none: 'Nessuno.', date: 'Data', organisation: 'Organizzazione', kind: 'Tipo',
  kinds: { referral: 'Invio', transfer: 'Trasferimento' },
  statuses: { pending: 'In attesa', accepted: 'Accettato', declined: 'Rifiutato', completed: 'Concluso', consent_withdrawn: 'Consenso revocato' },
  shared: 'Cosa è stato condiviso', sectionNames: { chosen_term: 'termine scelto', language: 'lingua', needs: 'bisogni', requested_service: 'servizio richiesto', identity: 'identità', identification: 'identificazione', legal: 'eventi legali', risk_level: 'livello di rischio' },
  declinedBecause: 'Rifiutato: {{reason}}', openNewCase: 'Apri il nuovo caso', openOwnCase: 'Apri il nostro caso', answer: 'Rispondi', accept: 'Accetta', declineReason: 'Motivo del rifiuto', decline: 'Rifiuta',
  consentWithdrawnIncoming: 'Ha revocato il consenso alla condivisione con la vostra organizzazione. Quanto condiviso non è più visibile qui e questo invio non può più essere accettato.',
  consentWithdrawnOutgoing: 'Ha revocato il consenso alla condivisione con questo partner. Il partner non vede più quanto condiviso ed è stato informato. Se acconsente di nuovo, inviate un nuovo invio.',
  withdrawnOn: 'Revocato il {{date}}', confirmAcceptTransfer: 'Accettare questo trasferimento? La vostra organizzazione diventa titolare di un nuovo caso e l’organizzazione di provenienza chiude il suo.', confirmAcceptYes: 'Sì, accetta il trasferimento', cancel: 'Annulla',
  recordService: 'Registra un servizio erogato', complete: 'Segna come concluso', ourNotes: 'Le nostre registrazioni su questo invio (mai visibili all’altra parte)',
  title: 'Rete', graphTitle: 'Organizzazioni, accordi e flussi di invio', from: 'Dal', to: 'Al', flowSummary: '{{from}} → {{to}}: {{count}}', noFlows: 'Nessun invio in questo periodo.',
  gapsTitle: 'Lacune di copertura', gapsLegend: 'Numero di erogatori per servizio e territorio. "Nessun erogatore" indica una lacuna; "pieno" significa posti esauriti.',
  noProvider: 'Nessun erogatore', full: 'pieno ({{count}})', directory: 'Elenco', placesFree: '{{count}} posti liberi',
};
