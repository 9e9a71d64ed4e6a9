/** Account: password, blocchi, inviti. */
import type { accountsEn } from './en';

export const accountsIt: typeof accountsEn = {
  passwordTitle: 'Password', currentPassword: 'Password attuale', newPassword: 'Nuova password',
  newPasswordHint: 'Almeno 12 caratteri. Alcune parole senza legame tra loro formano una password robusta.',
  changePassword: 'Cambia password', passwordChanged: 'La password è stata cambiata. Le altre sessioni sono state chiuse.',
  mustChangeTitle: 'Scegli una nuova password', mustChangeIntro: 'Un amministratore ti ha assegnato una password temporanea. Scegli la tua per continuare.',
  totpCode: 'Codice dell’app di autenticazione',
  invitationsTitle: 'Inviti', invitationText: '{{organisation}} ti invita a unirti come: {{roles}}',
  accept: 'Accetta', decline: 'Rifiuta', accepted: 'Ora sei membro. Cambia organizzazione per lavorarci.', declined: 'Invito rifiutato.',
  confirmAccept: 'Unirti a {{organisation}}? I suoi amministratori vedranno il tuo nome e la tua email.',
  locked: 'Bloccato', mustChange: 'deve cambiare password', unlock: 'Sblocca', unlocked: 'L’account è sbloccato.',
  confirmUnlock: 'Sbloccare l’account di {{name}}? I tentativi falliti ripartono da zero.',
  temporaryTitle: 'Password temporanea', temporaryPassword: 'Password temporanea',
  temporaryHint: 'Dovrà cambiarla al prossimo accesso. Tutte le sue sessioni terminano ora.',
  setTemporary: 'Imposta password temporanea', temporarySet: 'Password temporanea impostata. Comunicala tramite un canale sicuro.',
  confirmTemporary: 'Impostare una password temporanea per {{name}}? Verrà disconnessa ovunque.',
  fieldErrors: {
    password_too_short: 'Usa almeno 12 caratteri.', weak_password: 'Questa password è troppo facile da indovinare.',
    wrong_password: 'Non è la tua password attuale.', unchanged: 'Scegli una password diversa da quella attuale.',
  },
  feedback: {
    straightRow: 'Le file di tasti sono facili da indovinare.', keyPattern: 'Gli schemi brevi sulla tastiera sono facili da indovinare.',
    simpleRepeat: 'I caratteri ripetuti come "aaa" sono facili da indovinare.', extendedRepeat: 'Gli schemi ripetuti come "abcabc" sono facili da indovinare.',
    sequences: 'Le sequenze come "abc" o "123" sono facili da indovinare.', recentYears: 'Gli anni recenti sono facili da indovinare.', dates: 'Le date sono facili da indovinare.',
    topTen: 'È una delle password più usate.', topHundred: 'È una password usata molto spesso.', common: 'È una password comune.',
    similarToCommon: 'Somiglia a una password comune.', wordByItself: 'Una parola da sola è facile da indovinare.',
    namesByThemselves: 'Un nome o un cognome da solo è facile da indovinare.', commonNames: 'Nomi e cognomi comuni sono facili da indovinare.',
    userInputs: 'Non usare il tuo nome, la tua email o la tua organizzazione.', pwned: 'Questa password è comparsa in una violazione di dati.',
    l33t: 'Evita sostituzioni prevedibili come "@" al posto di "a".', reverseWords: 'Evita parole comuni scritte al contrario.',
    allUppercase: 'Usa le maiuscole per alcune lettere, non per tutte.', capitalization: 'Usa le maiuscole non solo per la prima lettera.',
    associatedYears: 'Evita gli anni legati a te.', repeated: 'Evita parole e caratteri ripetuti.',
    longerKeyboardPattern: 'Usa schemi di tastiera più lunghi e cambia direzione.', anotherWord: 'Aggiungi parole meno comuni.',
    useWords: 'Usa più parole, ma evita le frasi comuni.', noNeed: 'Una password robusta non ha bisogno di simboli, cifre o maiuscole.',
  },
};
