/**
 * Annex 2 question bank, part 2 (001:7020–7180): her current economic
 * situation (perceived need versus current status), social state of being,
 * physical and mental state, beliefs/agency/coping, and the future.
 * Status answers (e.g. unemployed) are never scored: only whether the
 * situation meets her own perceived need is. Disclosure of her past is
 * recorded but never scored — it is her decision alone.
 */
import type { Labels } from './model';
import { L, opt, q, section, type Question, type Section } from './instrument-schema';

type Area = 'employment' | 'accommodation' | 'finances';

function economicArea(area: Area, label: Labels, statuses: [string, Labels][], informs: string[]): Question[] {
  return [
    q(`${area}_perceived_need`, 'text', L(`${label.en}: what would be ideal for you?`, `${label.fr} : quelle serait la situation idéale ?`, `${label.it}: quale sarebbe la situazione ideale?`, `${label.sk}: aká by bola ideálna situácia?`), { pair: { area, role: 'perceived_need' } }),
    q(`${area}_current_status`, 'choice', L(`${label.en}: current situation`, `${label.fr} : situation actuelle`, `${label.it}: situazione attuale`, `${label.sk}: súčasná situácia`), {
      pair: { area, role: 'current_status' },
      options: statuses.map(([code, l]) => opt(code, l)),
    }),
    q(`${area}_need_met`, 'scale', L(`${label.en}: how far does it meet your need? (0–4)`, `${label.fr} : dans quelle mesure cela répond-il à votre besoin ? (0–4)`, `${label.it}: quanto risponde al tuo bisogno? (0–4)`, `${label.sk}: nakoľko to zodpovedá vašej potrebe? (0–4)`), {
      required: true,
      informs,
      pair: { area, role: 'need_met' },
    }),
  ];
}

export const ECONOMIC_SITUATION: Section = section('economic_situation', L('Economic situation', 'Situation économique', 'Situazione economica', 'Ekonomická situácia'), [
  ...economicArea('employment', L('Employment', 'Emploi', 'Lavoro', 'Zamestnanie'), [
    ['employed', L('Employed', 'En emploi', 'Occupata', 'Zamestnaná')], ['studying', L('Studying or training', 'En études ou formation', 'Studia o in formazione', 'Študuje alebo sa školí')],
    ['not_employed', L('Not employed', 'Sans emploi', 'Non occupata', 'Nezamestnaná')], ['caring', L('Caring for family', 'S’occupe de sa famille', 'Si prende cura della famiglia', 'Stará sa o rodinu')],
  ], ['financial_stability']),
  ...economicArea('accommodation', L('Accommodation', 'Logement', 'Alloggio', 'Bývanie'), [
    ['shelter', L('Shelter', 'Foyer', 'Struttura protetta', 'Útulok')], ['own', L('Own or rented home', 'Logement propre ou loué', 'Casa propria o in affitto', 'Vlastné alebo prenajaté bývanie')],
    ['with_family_or_partner', L('With family or partner', 'Chez sa famille ou son partenaire', 'Con famiglia o partner', 'S rodinou alebo partnerom')], ['institution', L('Care institution', 'Établissement de soins', 'Struttura di cura', 'Zariadenie starostlivosti')],
    ['no_stable_place', L('No stable place', 'Sans lieu stable', 'Nessun luogo stabile', 'Bez stáleho miesta')],
  ], ['place_to_live']),
  ...economicArea('finances', L('Finances', 'Finances', 'Finanze', 'Financie'), [
    ['own_income', L('Own income', 'Revenu propre', 'Reddito proprio', 'Vlastný príjem')], ['supported_by_family_or_partner', L('Supported by family or partner', 'Soutenue par sa famille ou son partenaire', 'Sostenuta da famiglia o partner', 'Podporovaná rodinou alebo partnerom')],
    ['benefits', L('Benefits or programme support', 'Aides ou soutien du programme', 'Sussidi o sostegno del programma', 'Dávky alebo podpora programu')], ['no_income', L('No income', 'Sans revenu', 'Nessun reddito', 'Bez príjmu')],
  ], ['financial_stability']),
  q('economic_stability_meaning', 'text', L('What does being economically stable mean to you?', 'Que signifie pour vous être stable économiquement ?', 'Cosa significa per te essere stabile economicamente?', 'Čo pre vás znamená byť ekonomicky stabilná?')),
]);

type Group = { code: string; label: Labels; informs: string[] };
const GROUPS: Group[] = [
  { code: 'family_of_origin', label: L('Family of origin', 'Famille d’origine', 'Famiglia d’origine', 'Pôvodná rodina'), informs: ['family_reconciliation'] },
  { code: 'own_family', label: L('Partner and children', 'Partenaire et enfants', 'Partner e figli', 'Partner a deti'), informs: ['new_family', 'safe_attachment'] },
  { code: 'friends', label: L('Friends', 'Amis', 'Amici', 'Priatelia'), informs: ['friends_community', 'safe_attachment'] },
  { code: 'community', label: L('Community', 'Communauté', 'Comunità', 'Komunita'), informs: ['friends_community'] },
  { code: 'religious', label: L('Religious group', 'Groupe religieux', 'Gruppo religioso', 'Náboženská skupina'), informs: ['religious_community'] },
];

const FREQUENCY = [
  opt('daily', L('Daily', 'Tous les jours', 'Ogni giorno', 'Denne')), opt('weekly', L('Weekly', 'Chaque semaine', 'Ogni settimana', 'Týždenne')),
  opt('monthly', L('Monthly', 'Chaque mois', 'Ogni mese', 'Mesačne')), opt('rarely', L('Rarely', 'Rarement', 'Raramente', 'Zriedka')), opt('never', L('Never', 'Jamais', 'Mai', 'Nikdy')),
];
const AWARENESS = [
  opt('all', L('All know', 'Tous savent', 'Tutti sanno', 'Všetci vedia')), opt('some', L('Some know', 'Certains savent', 'Alcuni sanno', 'Niektorí vedia')),
  opt('none', L('Nobody knows', 'Personne ne sait', 'Nessuno sa', 'Nikto nevie')), opt('not_sure', L('Not sure', 'Pas sûre', 'Non sono sicura', 'Nie som si istá')),
];

/** Contact, frequency, whether it meets her needs, awareness of her past, stigma — per group. */
function socialGroup({ code, label, informs }: Group): Question[] {
  const t = (en: string, fr: string, it: string, sk: string) => L(`${label.en}: ${en}`, `${label.fr} : ${fr}`, `${label.it}: ${it}`, `${label.sk}: ${sk}`);
  return [
    q(`${code}_contact`, 'boolean', t('in contact?', 'en contact ?', 'in contatto?', 'v kontakte?')),
    q(`${code}_frequency`, 'choice', t('how often?', 'à quelle fréquence ?', 'quanto spesso?', 'ako často?'), { options: FREQUENCY }),
    q(`${code}_meets_needs`, 'scale', t('does the relationship meet your needs? (0–4)', 'la relation répond-elle à vos besoins ? (0–4)', 'la relazione risponde ai tuoi bisogni? (0–4)', 'zodpovedá vzťah vašim potrebám? (0–4)'), { informs }),
    q(`${code}_aware_of_past`, 'choice', t('aware of your past?', 'au courant de votre passé ?', 'a conoscenza del tuo passato?', 'vedia o vašej minulosti?'), { options: AWARENESS }),
    // Stigma lowers acceptance; its absence alone does not prove acceptance.
    q(`${code}_stigma`, 'boolean', t('any stigma or negative reaction?', 'stigmatisation ou réaction négative ?', 'stigma o reazioni negative?', 'stigmatizácia alebo negatívna reakcia?'), { informs: informs.filter((e) => e !== 'safe_attachment'), scoreIfTrue: 1, scoreIfFalse: null }),
  ];
}

export const SOCIAL_STATE: Section = section('social_state', L('Social state of being', 'Situation sociale', 'Condizione sociale', 'Sociálna situácia'), [
  ...GROUPS.flatMap(socialGroup),
  q('social_inclusion_meaning', 'text', L('What does being socially included mean to you?', 'Que signifie pour vous être incluse socialement ?', 'Cosa significa per te essere inclusa socialmente?', 'Čo pre vás znamená byť sociálne začlenená?')),
]);

const inverse = (informs: string[]) => ({ informs, inverse: true, required: true });

export const PHYSICAL_MENTAL: Section = section('physical_mental', L('Physical and mental state', 'État physique et mental', 'Stato fisico e mentale', 'Telesný a duševný stav'), [
  q('physical_health', 'scale', L('How physically healthy do you feel today? (0–4)', 'À quel point vous sentez-vous en bonne santé physique ? (0–4)', 'Quanto ti senti in salute fisicamente oggi? (0–4)', 'Ako telesne zdravá sa dnes cítite? (0–4)'), { required: true, informs: ['physical_recovery'] }),
  q('permanent_consequences', 'boolean', L('Permanent physical consequences', 'Séquelles physiques permanentes', 'Conseguenze fisiche permanenti', 'Trvalé telesné následky'), { caseworkerMayAnswer: true }),
  q('anxiety_fear', 'scale', L('Anxiety and fear, e.g. of re-trafficking (0 none – 4 severe)', 'Anxiété et peur, p. ex. d’une nouvelle traite (0 aucune – 4 grave)', 'Ansia e paura, ad es. di nuova tratta (0 nessuna – 4 grave)', 'Úzkosť a strach, napr. z opätovného obchodovania (0 žiadny – 4 silný)'), inverse(['ptss_recovery'])),
  q('depression', 'scale', L('Low mood or depression (0 none – 4 severe)', 'Humeur dépressive (0 aucune – 4 grave)', 'Umore depresso (0 nessuno – 4 grave)', 'Depresívna nálada (0 žiadna – 4 silná)'), inverse(['self_esteem_cohesion'])),
  q('ptsd_symptoms', 'scale', L('Nightmares, flashbacks, being on edge (0 none – 4 severe)', 'Cauchemars, reviviscences, hypervigilance (0 aucun – 4 grave)', 'Incubi, flashback, ipervigilanza (0 nessuno – 4 grave)', 'Nočné mory, vracajúce sa spomienky, napätie (0 žiadne – 4 silné)'), inverse(['ptss_recovery'])),
  q('eating_disorder', 'boolean', L('Eating difficulties', 'Troubles alimentaires', 'Disturbi alimentari', 'Poruchy príjmu potravy'), { informs: ['physical_recovery'], scoreIfTrue: 1, scoreIfFalse: null }),
  q('substance_use', 'choice', L('Substance use (record drug addiction as a circumstance)', 'Consommation de substances (noter une addiction aux drogues comme circonstance)', 'Uso di sostanze (registrare la dipendenza da droghe come circostanza)', 'Užívanie látok (drogovú závislosť zaznamenajte ako okolnosť)'), {
    options: [opt('none', L('None', 'Aucune', 'Nessuno', 'Žiadne')), opt('alcohol', L('Alcohol', 'Alcool', 'Alcol', 'Alkohol')), opt('drugs', L('Drugs', 'Drogues', 'Droghe', 'Drogy')), opt('prefers_not_to_say', L('Prefers not to say', 'Préfère ne pas répondre', 'Preferisce non dirlo', 'Nechce odpovedať'))],
  }),
  q('memories_under_control', 'scale', L('Can you choose when to think about the past and set it aside? (0–4)', 'Pouvez-vous choisir quand penser au passé et le mettre de côté ? (0–4)', 'Riesci a scegliere quando pensare al passato e metterlo da parte? (0–4)', 'Dokážete si zvoliť, kedy myslieť na minulosť, a odložiť ju? (0–4)'), { informs: ['authority_over_remembering'] }),
]);

export const BELIEFS_AGENCY: Section = section('beliefs_agency', L('Beliefs, behaviour, agency and coping', 'Croyances, comportement, capacité d’agir et adaptation', 'Convinzioni, comportamento, capacità di agire e coping', 'Presvedčenia, správanie, schopnosť konať a zvládanie'), [
  q('in_control_of_life', 'scale', L('Do you feel in control of your life today? (0–4)', 'Avez-vous le sentiment de maîtriser votre vie ? (0–4)', 'Senti di avere il controllo della tua vita oggi? (0–4)', 'Máte dnes pocit kontroly nad svojím životom? (0–4)'), { required: true, informs: ['self_esteem_cohesion'] }),
  q('happy_with_life', 'scale', L('Are you happy with your life today? (0–4)', 'Êtes-vous heureuse de votre vie ? (0–4)', 'Sei felice della tua vita oggi? (0–4)', 'Ste dnes spokojná so svojím životom? (0–4)'), { informs: ['self_esteem_cohesion'] }),
  q('attitude_changed', 'text', L('How has your view of the experience changed with time?', 'Comment votre regard sur cette expérience a-t-il évolué ?', 'Come è cambiato con il tempo il tuo sguardo sull’esperienza?', 'Ako sa váš pohľad na túto skúsenosť časom zmenil?'), { informs: ['meaning_making'] }),
  q('hope', 'scale', L('What gives you hope — how much hope do you feel? (0–4)', 'Qu’est-ce qui vous donne de l’espoir — combien en ressentez-vous ? (0–4)', 'Cosa ti dà speranza — quanta ne senti? (0–4)', 'Čo vám dáva nádej — koľko nádeje cítite? (0–4)'), { informs: ['meaning_making'] }),
  q('coping_style', 'choice', L('Coping', 'Stratégies d’adaptation', 'Strategie di coping', 'Zvládanie'), {
    caseworkerMayAnswer: true,
    options: [opt('approach', L('Mostly approach', 'Surtout approche', 'Soprattutto approccio', 'Prevažne približovanie')), opt('avoidance', L('Mostly avoidance', 'Surtout évitement', 'Soprattutto evitamento', 'Prevažne vyhýbanie')), opt('mixed', L('Mixed', 'Mixte', 'Misto', 'Zmiešané'))],
  }),
  q('fears', 'text', L('What scares you?', 'Qu’est-ce qui vous fait peur ?', 'Cosa ti spaventa?', 'Čoho sa bojíte?')),
  q('motivation', 'text', L('What motivates you?', 'Qu’est-ce qui vous motive ?', 'Cosa ti motiva?', 'Čo vás motivuje?')),
]);

export const FUTURE: Section = section('future', L('The future', 'L’avenir', 'Il futuro', 'Budúcnosť'), [
  q('thinks_about_future', 'boolean', L('Do you think about the future?', 'Pensez-vous à l’avenir ?', 'Pensi al futuro?', 'Myslíte na budúcnosť?'), { required: true, informs: ['meaning_making'], scoreIfTrue: 3, scoreIfFalse: 1 }),
  q('goals', 'text', L('What are your goals for the future?', 'Quels sont vos objectifs pour l’avenir ?', 'Quali sono i tuoi obiettivi per il futuro?', 'Aké sú vaše ciele do budúcnosti?')),
  q('wellbeing_importance', 'text', L('What matters most for a well-rounded life?', 'Qu’est-ce qui compte le plus pour une vie épanouie ?', 'Cosa conta di più per una vita piena?', 'Čo je najdôležitejšie pre plnohodnotný život?')),
  q('reintegration_meaning', 'text', L('What does (re)integration mean to you?', 'Que signifie pour vous la (ré)intégration ?', 'Cosa significa per te (re)integrazione?', 'Čo pre vás znamená (re)integrácia?')),
  q('questionnaire_feedback', 'text', L('What do you think about this questionnaire?', 'Que pensez-vous de ce questionnaire ?', 'Cosa pensi di questo questionario?', 'Čo si myslíte o tomto dotazníku?')),
]);
