/** Revisione dei possibili duplicati nella rete, italiano. */
export const linkageIt = {
  title: 'Possibili duplicati nella rete',
  intro: 'Ogni coppia unisce un nostro record e uno di un partner le cui codifiche sono simili ma non abbastanza per decidere in automatico. Vedi solo la somiglianza e attributi generici, mai i nomi. Le decisioni valgono dal prossimo collegamento.',
  pending: 'Da decidere ({{count}})', nothingPending: 'Niente da decidere.', pair: 'Coppia {{n}}', similarity: 'Somiglianza', ours: 'nostro',
  same: 'La stessa persona', different: 'Persone diverse', decided: 'Decise', appliesNextRun: 'Le decisioni hanno effetto dal prossimo collegamento.',
  statuses: { match: 'stessa persona', non_match: 'persone diverse' },
  attributes: { firstContactYear: 'Anno del primo contatto', ageBandAtContact: 'Fascia d’età al primo contatto' },
};
