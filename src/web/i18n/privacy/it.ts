/** Pubblicazioni di rete con privacy differenziale e registro del budget di privacy, italiano. */
export const privacyIt = {
  title: 'Pubblicazioni private della rete',
  intro: "Conteggi di persone per un'intera rete, pubblicati con privacy differenziale. Ogni pubblicazione consuma parte del budget di privacy della rete (epsilon) e viene conservata: richiedere di nuovo la stessa pubblicazione restituisce gli stessi numeri senza consumare nulla.",
  network: 'Rete', budget: 'Budget di privacy', budgetText: 'Consumati {{spent}} su {{total}}; restano {{remaining}}',
  epsilon: 'Epsilon di questa pubblicazione', epsilonHint: 'Un epsilon più piccolo aggiunge più rumore, protegge di più e consuma meno budget.',
  mechanism: 'Rumore', mechanisms: { geometric: 'Geometrico (numeri interi)', laplace: 'Laplace' },
  release: 'Pubblica', releasing: 'Calcolo…', spentNow: 'Nuova pubblicazione: epsilon {{epsilon}} consumato dal budget della rete.', reused: 'Servita dall’archivio: gli stessi numeri di prima; nessun budget consumato.',
  ledger: 'Pubblicazioni imputate al budget', when: 'Quando', requestedBy: 'Richiesta da', what: 'Cosa', open: 'Apri', noReleases: 'Nessuna pubblicazione.',
  setBudget: 'Budget della rete (organizzazione capofila)', totalEpsilon: 'Epsilon totale', saveBudget: 'Salva il budget',
  noNetwork: 'La tua organizzazione non è membro attivo di alcuna rete.', chartLabel: 'Epsilon consumato per pubblicazione, rispetto al budget della rete', spentSeries: 'Consumato', remainingSeries: 'Restante',
  exportCsv: 'Scarica CSV', exportCtdc: 'Scarica JSON tipo CTDC',
};
