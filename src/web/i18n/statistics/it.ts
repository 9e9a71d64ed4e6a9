/** Statistiche, stime e MSE, italiano. */
import type { StatsMessages } from './en';

export const statsIt: StatsMessages = {
  title: 'Statistiche', population: 'Chi viene contato', neverSummed: 'Una popolazione per rapporto. I dati sulla tratta non vengono mai sommati a migrazione irregolare, traffico di migranti o lavoro sessuale.',
  populations: { potential_victims: 'Potenziali vittime (non riconosciute)', determined_victims_org: 'Riconosciute da un’organizzazione specializzata', determined_victims_authority: 'Riconosciute da un’autorità', determined_victims: 'Vittime riconosciute (organizzazione o autorità)', assisted_persons: 'Persone assistite', irregular_migration: 'Migrazione irregolare', smuggling: 'Traffico di migranti', sex_work: 'Lavoro sessuale' },
  rows: 'Righe', columns: 'Colonne',
  dimensions: { year: 'Anno', sex: 'Sesso', ageBand: 'Fascia d’età', citizenship: 'Cittadinanza', formOfExploitation: 'Forma di sfruttamento', identificationChannel: 'Canale di identificazione', programmeType: 'Programma', outcome: 'Esito', all: 'Persone (senza suddivisione)' },
  from: 'Dall’anno', to: 'All’anno', threshold: 'Conteggio minimo mostrato', computing: 'Calcolo…', run: 'Mostra il rapporto',
  whatIsCounted: 'Cosa viene contato', personsNotCases: 'Persone, non casi', notTrafficking: 'non è un dato sulla tratta', period: 'Periodo', scope: 'Ambito', source: 'Fonte', generated: 'Generato il',
  chartTotalsOnly: 'Tutte le celle sono nascoste a questo livello di dettaglio: il grafico mostra i totali di riga pubblicabili.', nothingToChart: 'Tutti i conteggi di questa tabella sono nascosti: non c’è nulla da rappresentare. Un periodo più lungo o meno categorie danno conteggi più grandi.',
  chartLabel: 'Grafico a barre delle persone per {{rows}}; totale {{total}}. Le celle oscurate non sono disegnate.', legend: '"{{mark}}" indica un conteggio oscurato: piccolo, o nascosto perché i piccoli conteggi non siano ricavabili dai totali.',
  suppressedMark: 'oscurato', table: 'Tabella del rapporto', persons: 'Persone', total: 'Totale',
  export: { csv: 'Scarica CSV', xlsx: 'Scarica XLSX', ctdc: 'Scarica JSON (formato CTDC)' },
  estimatesTitle: 'Registro delle stime', estimatesIntro: 'Ogni dato pubblicato con ciò che conta, la sua provenienza e chi lo ha citato in seguito.', onlyRecast: 'Solo i dati riattribuiti lungo la catena di citazioni',
  method: 'Metodo', methods: { shelter_counts: 'conteggi delle strutture', police_data: 'dati di polizia', survey: 'indagine', mse: 'stima a sistemi multipli', capture_recapture: 'cattura–ricattura', extrapolation: 'estrapolazione', administrative: 'dati amministrativi', unknown: 'sconosciuto' },
  flags: { not_trafficking_figure: 'non è un dato sulla tratta', permits_not_persons: 'permessi, non persone', contacts_not_persons: 'contatti, non persone', cases_not_victims: 'procedimenti, non vittime', detected_not_prevalence: 'rilevati, non prevalenza', no_method_stated: 'metodo non indicato', recast_attribution: 'attribuzione modificata' },
  recastWarning: 'Questo dato è stato riattribuito: una fonte successiva lo attribuisce a qualcuno diverso dall’autore originale.', citationChain: 'Catena di citazioni', original: 'Originale', citing: 'Citato da',
  recastLink: 'riattribuito a {{credited}}',
  mseTitle: 'Stima a sistemi multipli', mseIntro: 'Stima quante persone ci sono in totale, comprese quelle assenti da ogni lista, da quanto spesso compaiono su più liste. Presuppone una popolazione chiusa nel periodo.',
  ownLists: 'Costruisci dai dati della nostra rete', ownListsIntro: 'Ogni lista è un’organizzazione delle tue reti, o un canale di identificazione; ogni persona conta una volta grazie al collegamento dei record, e solo con il suo consenso alle statistiche anonime.', listsBy: 'Liste', listsByOrganisation: 'Una lista per organizzazione', listsByChannel: 'Una lista per canale di identificazione', buildTable: 'Costruisci la tabella', tableBuilt: '{{persons}} persone su {{lists}} liste.', xlsxChosen: 'Cartella {{name}}: sarà usato il primo foglio.',
  mseFile: 'File delle storie di cattura (CSV o XLSX)', mseTable: 'Tabella delle storie di cattura', mseFormat: 'Una colonna per lista (1 = presente nella lista), l’ultima colonna è il numero di persone; una riga per combinazione.',
  bootstrap: 'Repliche bootstrap', fitting: 'Stima dei modelli e bootstrap…', estimate: 'Stima',
  mseResult: 'Totale stimato: {{estimate}} persone', observedHidden: '{{observed}} osservate in almeno una lista; {{hidden}} stimate in nessuna lista.',
  intervals: { wald: 'Intervallo al 95% (normale)', profile: 'Intervallo al 95% (verosimiglianza profilo)', bootstrap: 'Intervallo al 95% (bootstrap)' },
  mseChart: 'Intervalli attorno alla stima di {{estimate}} persone', model: 'Modello', terms: 'Interazioni', mainEffectsOnly: 'nessuna (solo effetti principali)',
  fit: 'Bontà di adattamento: devianza {{deviance}} con {{df}} gradi di libertà, AIC {{aic}}.', saveToRegistry: 'Salva nel registro', saveLabel: 'Etichetta', geography: 'Area geografica', save: 'Salva', saved: 'Salvato nel registro delle stime.',
};
