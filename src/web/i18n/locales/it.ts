/** Italiano. */
import { caseUiIt } from '../cases/it';
import { netIt } from '../network/it';
import { statsIt } from '../statistics/it';
import { outcomesIt } from '../outcomes/it';
import { linkageIt } from '../linkage/it';
import { networksIt } from '../networks/it';
import { rolesIt } from '../roles/it';
import { privacyIt } from '../privacy/it';
import { accountsIt } from '../accounts/it';
import type { Messages } from './en';

export const it: Messages = {
  app: { name: 'Ariadne', tagline: 'Gestione dei casi e reti di invio per il sostegno alle vittime di tratta' },
  common: { loading: 'Caricamento…', yes: 'Sì', no: 'No', retry: 'Riprova', cancel: 'Annulla', save: 'Salva', saving: 'Salvataggio…', close: 'Chiudi', never: 'Mai' },
  nav: { main: 'Navigazione principale', networks: 'Reti', roles: 'Ruoli', privateReleases: 'Pubblicazioni private', questionnaire: 'Questionario', linkageReview: 'Collegamento dei record', statistics: 'Statistiche', cohort: 'Esiti', estimates: 'Stime', mse: 'MSE', referrals: 'Invii', network: 'Rete', cases: 'Casi', dashboard: 'Cruscotto', users: 'Utenti', audit: 'Registro di audit', account: 'Il mio account', skipToContent: 'Vai al contenuto', menu: 'Menu' },
  shell: {
    organisation: 'Organizzazione', switchOrganisation: 'Cambia organizzazione', language: 'Lingua',
    logout: 'Esci', signedInAs: 'Accesso effettuato come {{name}}',
  },
  login: {
    title: 'Accedi ad Ariadne', email: 'Email', password: 'Password', totpCode: 'Codice di autenticazione',
    totpHint: "Inserisci il codice a 6 cifre dell'app di autenticazione.", submit: 'Accedi', submitting: 'Accesso in corso…',
    privacyNote: "Tutto ciò che fai qui viene registrato nel registro di audit della tua organizzazione.",
  },
  dashboard: {
    title: 'Cruscotto', welcome: 'Benvenuta/o, {{name}}', organisation: 'Organizzazione', roles: 'I tuoi ruoli',
    emptyTitle: 'Per ora nulla richiede la tua attenzione', emptyBody: "Agenda, casi e dati di rete compariranno qui quando la tua organizzazione inizierà a usare Ariadne.",
    quickLinks: 'Collegamenti rapidi',
  },
  notifications: {
    title: 'Notifiche ({{count}} nuove)', none: 'Nessuna notifica.', new: 'Nuovo', open: 'Apri l’invio', markAllRead: 'Segna tutte come lette',
    kinds: { 'referral.received': '{{partner}} ha inviato un caso: {{service}}', 'transfer.received': '{{partner}} propone un trasferimento: {{service}}', 'referral.accepted': '{{partner}} ha accettato il tuo invio: {{service}}', 'referral.declined': '{{partner}} ha rifiutato il tuo invio: {{service}}', 'referral.completed': '{{partner}} ha completato il tuo invio: {{service}}', 'referral.consent_withdrawn': 'Consenso revocato: l’invio da {{partner}} ({{service}}) è terminato' },
  },
  users: {
    onDuty: 'Metti di turno per gli invii', offDuty: 'Togli dal turno', dutyBadge: 'di turno',
    title: 'Utenti', intro: 'Account del personale di {{organisation}}. Puoi vedere e gestire solo la tua organizzazione.',
    add: 'Aggiungi un utente', email: 'Email', displayName: 'Nome', password: 'Password iniziale', passwordHint: 'Almeno 12 caratteri. Chiedi alla persona di cambiarla.',
    roles: 'Ruoli', status: 'Stato', active: 'Attivo', inactive: 'Disattivato', totp: 'Doppia autenticazione', lastLogin: 'Ultimo accesso',
    edit: 'Modifica', editing: 'Modifica {{name}}', deactivate: 'Disattiva', activate: 'Riattiva', create: 'Crea utente',
    created: 'Utente creato.', saved: 'Modifiche salvate.', none: 'Ancora nessun utente.', actions: 'Azioni', rolesRequired: 'Scegli almeno un ruolo.',
  },
  roles: {
    admin: 'Amministratore', case_owner: 'Responsabile del caso', caseworker: 'Operatore sociale', legal_advisor: 'Consulente legale',
    mediator: 'Mediatore', coordinator: 'Coordinatore di rete', auditor: 'Revisore',
  },
  audit: {
    title: 'Registro di audit', intro: 'Chi ha fatto cosa e quando. Solo i nomi dei campi: i valori non vengono mai registrati qui.',
    seq: 'N.', at: 'Quando', actor: 'Chi', action: 'Azione', entity: 'Record', fields: 'Campi', empty: 'Ancora nessuna voce.',
  },
  account: {
    title: 'Il mio account', totpTitle: 'Doppia autenticazione', totpOn: 'La doppia autenticazione è attiva.',
    totpOff: 'La doppia autenticazione non è attiva. Attivala per proteggere le persone di cui vedi i dati.',
    setup: "Configura un'app di autenticazione", setupHint: "Aggiungi questo segreto all'app di autenticazione, poi inserisci il codice che mostra.",
    secret: 'Segreto', code: 'Codice', enable: 'Attiva', enabled: 'La doppia autenticazione ora è attiva.',
    disable: 'Disattiva', disablePassword: 'La tua password', disabled: 'La doppia autenticazione ora è disattivata.',
    sessionsTitle: 'Sessioni', sessionsHint: 'Telefono perso o computer condiviso? Chiudi tutte le sessioni su tutti i dispositivi.',
    logoutEverywhere: 'Esci ovunque',
  },
  caseUi: caseUiIt,
  net: netIt,
  stats: statsIt,
  outcomesUi: outcomesIt,
  linkageUi: linkageIt,
  networksUi: networksIt,
  rolesUi: rolesIt,
  privacyUi: privacyIt,
  accountsUi: accountsIt,
  notFound: { title: 'Pagina non trovata', back: 'Torna al cruscotto' },
  errors: {
    invalid_file: 'Il file non è un foglio di calcolo leggibile.',
    too_few_lists: "La MSE richiede almeno tre liste.",
    invalid_count: "I conteggi devono essere interi maggiori o uguali a zero.",
    no_overlaps: "Le liste non si sovrappongono: la MSE non può stimare nulla.",
    no_finite_estimate: "Questi conteggi non danno una stima finita: una lista è contenuta nelle altre o le sovrapposizioni sono troppo scarse.",
    missing_header: "La tabella richiede un’intestazione con una colonna per lista e una colonna di conteggio.",
    consent_not_granted: "Non ha acconsentito alla condivisione con questa organizzazione.",
    unknown_list_value: "Un valore non è nella lista configurata.",
    case_closed: "Il caso è chiuso: riaprilo prima.",
    invalid_transition: "Questo cambio di stato non è possibile da qui.",
    reason_required: "Indica un motivo.",
    future_date: "Una data è nel futuro.",
    invalid_date_range: "La data di fine precede quella di inizio.",
    identity_required: "Un trasferimento richiede la sezione identità.",
    invalid_referral_transition: "Questo invio non può più ricevere questa risposta.",
    score_out_of_scale: "Un punteggio è fuori scala.",
    assessment_before_intake: "La valutazione è precedente al primo contatto.",
    open_case_exists: "Ha già un caso aperto: proseguite o riaprite quello invece di aprirne un altro.",
    generic: 'Qualcosa è andato storto. Riprova.', network_error: 'Impossibile raggiungere il server.',
    validation_failed: 'Alcuni campi non sono validi. Controllali e riprova.', invalid_json: 'La richiesta non è valida.',
    payload_too_large: 'La richiesta è troppo grande.', unauthenticated: 'Effettua l’accesso.',
    invalid_credentials: "L'email o la password non sono corrette.", totp_required: "Inserisci il codice dell'app di autenticazione.",
    invalid_totp: 'Il codice di autenticazione non è corretto.', csrf_failed: 'Impossibile verificare la richiesta. Ricarica la pagina e riprova.',
    forbidden: 'Non hai il permesso di farlo.', not_found: 'Non trovato, o non hai accesso.',
    version_conflict: 'Qualcun altro ha modificato questo record. Ricaricalo e applica di nuovo la modifica.',
    locked_out: 'Troppi tentativi falliti. Riprova tra qualche minuto.', rate_limited: 'Troppe richieste. Rallenta e riprova.',
    email_taken: 'Esiste già un utente con questa email.', password_too_short: 'La password è troppo corta (almeno 12 caratteri).',
    cannot_demote_self: 'Non puoi rimuovere il tuo ruolo di amministratore né disattivarti.',
    totp_not_started: "Avvia prima la configurazione dell'app.", totp_already_enabled: 'La doppia autenticazione è già attiva.',
    linkage_running: 'Un collegamento è già in corso. Attendi che finisca.',
    weak_secret: 'Il segreto di collegamento è troppo corto.',
    weak_password: 'La password è troppo facile da indovinare.', wrong_password: 'La password non è corretta.', password_change_required: 'Scegli prima una nuova password.', totp_not_enabled: 'L’autenticazione a due fattori non è attiva.',
    internal_error: 'Qualcosa è andato storto da parte nostra.',
  },
};
