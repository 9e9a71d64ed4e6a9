/** Slovenčina. */
import { caseUiSk } from '../cases/sk';
import { netSk } from '../network/sk';
import { statsSk } from '../statistics/sk';
import { outcomesSk } from '../outcomes/sk';
import { linkageSk } from '../linkage/sk';
import { networksSk } from '../networks/sk';
import { rolesSk } from '../roles/sk';
import { privacySk } from '../privacy/sk';
import { accountsSk } from '../accounts/sk';
import type { Messages } from './en';

export const sk: Messages = {
  app: { name: 'Ariadne', tagline: 'Správa prípadov a sietí odovzdávania pre pomoc obetiam obchodovania s ľuďmi' },
  common: { loading: 'Načítava sa…', yes: 'Áno', no: 'Nie', retry: 'Skúsiť znova', cancel: 'Zrušiť', save: 'Uložiť', saving: 'Ukladá sa…', close: 'Zavrieť', never: 'Nikdy' },
  nav: { main: 'Hlavná navigácia', networks: 'Siete', roles: 'Roly', privateReleases: 'Súkromné zverejnenia', questionnaire: 'Dotazník', linkageReview: 'Prepájanie záznamov', statistics: 'Štatistiky', cohort: 'Výsledky', estimates: 'Odhady', mse: 'MSE', referrals: 'Odovzdania', network: 'Sieť', cases: 'Prípady', dashboard: 'Prehľad', users: 'Používatelia', audit: 'Auditný záznam', account: 'Môj účet', skipToContent: 'Preskočiť na obsah', menu: 'Ponuka' },
  shell: {
    organisation: 'Organizácia', switchOrganisation: 'Prepnúť organizáciu', language: 'Jazyk',
    logout: 'Odhlásiť sa', signedInAs: 'Prihlásený/á ako {{name}}',
  },
  login: {
    title: 'Prihlásenie do Ariadne', email: 'E-mail', password: 'Heslo', totpCode: 'Overovací kód',
    totpHint: 'Zadajte 6-miestny kód z overovacej aplikácie.', submit: 'Prihlásiť sa', submitting: 'Prihlasuje sa…',
    privacyNote: 'Všetko, čo tu robíte, sa zaznamenáva do auditného záznamu vašej organizácie.',
  },
  dashboard: {
    title: 'Prehľad', welcome: 'Vitajte, {{name}}', organisation: 'Organizácia', roles: 'Vaše roly',
    emptyTitle: 'Zatiaľ nič nevyžaduje vašu pozornosť', emptyBody: 'Agenda, prípady a údaje siete sa tu zobrazia, keď vaša organizácia začne Ariadne používať.',
    quickLinks: 'Rýchle odkazy',
  },
  notifications: {
    title: 'Upozornenia (nové: {{count}})', none: 'Žiadne upozornenia.', new: 'Nové', open: 'Otvoriť odovzdanie', markAllRead: 'Označiť všetko ako prečítané',
    kinds: { 'referral.received': '{{partner}} poslal(a) odovzdanie: {{service}}', 'transfer.received': '{{partner}} navrhuje presun: {{service}}', 'referral.accepted': '{{partner}} prijal(a) vaše odovzdanie: {{service}}', 'referral.declined': '{{partner}} odmietol(a) vaše odovzdanie: {{service}}', 'referral.completed': '{{partner}} dokončil(a) vaše odovzdanie: {{service}}', 'referral.consent_withdrawn': 'Súhlas odvolaný: odovzdanie od {{partner}} ({{service}}) sa skončilo' },
  },
  users: {
    onDuty: 'Zaradiť do služby pre odovzdania', offDuty: 'Vyradiť zo služby', dutyBadge: 'v službe',
    title: 'Používatelia', intro: 'Účty zamestnancov organizácie {{organisation}}. Vidíte a spravujete iba vlastnú organizáciu.',
    add: 'Pridať používateľa', email: 'E-mail', displayName: 'Meno', password: 'Úvodné heslo', passwordHint: 'Aspoň 12 znakov. Požiadajte osobu, aby si ho zmenila.',
    roles: 'Roly', status: 'Stav', active: 'Aktívny', inactive: 'Deaktivovaný', totp: 'Dvojfaktorové overenie', lastLogin: 'Posledné prihlásenie',
    edit: 'Upraviť', editing: 'Upraviť: {{name}}', deactivate: 'Deaktivovať', activate: 'Znovu aktivovať', create: 'Vytvoriť používateľa',
    created: 'Používateľ bol vytvorený.', saved: 'Zmeny boli uložené.', none: 'Zatiaľ žiadni používatelia.', actions: 'Akcie', rolesRequired: 'Vyberte aspoň jednu rolu.',
  },
  roles: {
    admin: 'Správca', case_owner: 'Zodpovedný pracovník prípadu', caseworker: 'Sociálny pracovník', legal_advisor: 'Právny poradca',
    mediator: 'Mediátor', coordinator: 'Koordinátor siete', auditor: 'Audítor',
  },
  audit: {
    title: 'Auditný záznam', intro: 'Kto čo urobil a kedy. Iba názvy polí: hodnoty sa tu nikdy nezaznamenávajú.',
    seq: 'Č.', at: 'Kedy', actor: 'Kto', action: 'Akcia', entity: 'Záznam', fields: 'Polia', empty: 'Zatiaľ žiadne záznamy.',
  },
  account: {
    title: 'Môj účet', totpTitle: 'Dvojfaktorové overenie', totpOn: 'Dvojfaktorové overenie je zapnuté.',
    totpOff: 'Dvojfaktorové overenie je vypnuté. Zapnite ho, aby ste chránili ľudí, ktorých záznamy vidíte.',
    setup: 'Nastaviť overovaciu aplikáciu', setupHint: 'Pridajte tento kľúč do overovacej aplikácie a zadajte kód, ktorý zobrazí.',
    secret: 'Kľúč', code: 'Kód', enable: 'Zapnúť', enabled: 'Dvojfaktorové overenie je teraz zapnuté.',
    disable: 'Vypnúť', disablePassword: 'Vaše heslo', disabled: 'Dvojfaktorové overenie je teraz vypnuté.',
    sessionsTitle: 'Relácie', sessionsHint: 'Stratený telefón alebo zdieľaný počítač? Ukončite všetky relácie na všetkých zariadeniach.',
    logoutEverywhere: 'Odhlásiť sa všade',
  },
  caseUi: caseUiSk,
  net: netSk,
  stats: statsSk,
  outcomesUi: outcomesSk,
  linkageUi: linkageSk,
  networksUi: networksSk,
  rolesUi: rolesSk,
  privacyUi: privacySk,
  accountsUi: accountsSk,
  notFound: { title: 'Stránka sa nenašla', back: 'Späť na prehľad' },
  errors: {
    invalid_file: 'Súbor nie je čitateľná tabuľka.',
    too_few_lists: "MSE potrebuje aspoň tri zoznamy.",
    invalid_count: "Počty musia byť celé čísla nula alebo viac.",
    no_overlaps: "Zoznamy sa neprekrývajú, MSE nemôže nič odhadnúť.",
    no_finite_estimate: "Tieto počty nedávajú konečný odhad: niektorý zoznam je obsiahnutý v ostatných alebo je prekryvov príliš málo.",
    missing_header: "Tabuľka potrebuje hlavičku so stĺpcom pre každý zoznam a stĺpcom počtu.",
    consent_not_granted: "Nesúhlasila so zdieľaním s touto organizáciou.",
    unknown_list_value: "Hodnota nie je v nastavenom zozname.",
    case_closed: "Prípad je uzavretý: najprv ho znovu otvorte.",
    invalid_transition: "Táto zmena stavu tu nie je možná.",
    reason_required: "Uveďte dôvod.",
    future_date: "Dátum je v budúcnosti.",
    invalid_date_range: "Dátum konca je pred dátumom začiatku.",
    identity_required: "Presun vyžaduje časť totožnosť.",
    invalid_referral_transition: "Na toto odovzdanie už nemožno takto odpovedať.",
    score_out_of_scale: "Skóre je mimo stupnice.",
    assessment_before_intake: "Posúdenie je pred prvým kontaktom.",
    open_case_exists: "Už má otvorený prípad: pokračujte v ňom alebo ho znovu otvorte namiesto otvorenia ďalšieho.",
    generic: 'Niečo sa pokazilo. Skúste to znova.', network_error: 'Server je nedostupný.',
    validation_failed: 'Niektoré polia nie sú platné. Skontrolujte ich a skúste znova.', invalid_json: 'Požiadavka je chybne formátovaná.',
    payload_too_large: 'Požiadavka je príliš veľká.', unauthenticated: 'Prihláste sa, prosím.',
    invalid_credentials: 'E-mail alebo heslo nie je správne.', totp_required: 'Zadajte kód z overovacej aplikácie.',
    invalid_totp: 'Overovací kód nie je správny.', csrf_failed: 'Požiadavku sa nepodarilo overiť. Obnovte stránku a skúste znova.',
    forbidden: 'Na túto akciu nemáte oprávnenie.', not_found: 'Nenašlo sa, alebo k tomu nemáte prístup.',
    version_conflict: 'Niekto iný medzitým zmenil tento záznam. Načítajte ho znova a zopakujte zmenu.',
    locked_out: 'Príliš veľa neúspešných pokusov. Skúste to o niekoľko minút.', rate_limited: 'Príliš veľa požiadaviek. Spomaľte a skúste znova.',
    email_taken: 'Používateľ s týmto e-mailom už existuje.', password_too_short: 'Heslo je príliš krátke (aspoň 12 znakov).',
    cannot_demote_self: 'Nemôžete si odobrať rolu správcu ani sa deaktivovať.',
    totp_not_started: 'Najprv spustite nastavenie aplikácie.', totp_already_enabled: 'Dvojfaktorové overenie je už zapnuté.',
    linkage_running: 'Prepájanie už prebieha. Počkajte, kým skončí.',
    weak_secret: 'Tajomstvo na prepájanie je príliš krátke.',
    weak_password: 'Heslo sa dá príliš ľahko uhádnuť.', wrong_password: 'Heslo nie je správne.', password_change_required: 'Najprv si zvoľte nové heslo.', totp_not_enabled: 'Dvojfaktorové overenie nie je zapnuté.',
    internal_error: 'Niečo sa pokazilo na našej strane.',
  },
};
