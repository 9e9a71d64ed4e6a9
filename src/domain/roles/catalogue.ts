/**
 * The EX-CHANGE catalogue of professional profiles and roles (report 004, §2.3).
 * A profile is a recognised qualification; a role is a field of activity that one
 * or more profiles may fill, described by a 7-field role card. This is the shared
 * taxonomy: every organisation gets an editable, translatable copy, and its local
 * entries keep a `taxonomyCode` so that a network can compare like with like.
 * Role cards are quoted from the report in English; organisations translate them.
 */
import { z } from 'zod';
import { DomainError } from '../errors';

export const LOCALES = ['en', 'fr', 'it', 'sk'] as const;
export type Locale = (typeof LOCALES)[number];

/** The seven fields of an EX-CHANGE role card, in the report's order. */
export const ROLE_CARD_FIELDS = ['area', 'organisation', 'actions', 'tasks', 'skills', 'methods', 'tools'] as const;
export type RoleCardField = (typeof ROLE_CARD_FIELDS)[number];

const code = z.string().regex(/^[a-z0-9][a-z0-9_]{0,63}$/, 'Use lower-case letters, digits and _');
/** Names in any of the four languages; at least one is needed. */
export const LocalisedTextSchema = z.partialRecord(z.enum(LOCALES), z.string().trim().min(1).max(2000))
  .refine((v) => Object.keys(v).length > 0, 'Give the text in at least one language');
export type LocalisedText = z.infer<typeof LocalisedTextSchema>;
export const RoleCardSchema = z.partialRecord(z.enum(ROLE_CARD_FIELDS), z.partialRecord(z.enum(LOCALES), z.string().trim().min(1).max(5000)));
export type RoleCard = z.infer<typeof RoleCardSchema>;

export interface CatalogueProfile { code: string; taxonomyCode: string; labels: LocalisedText; active: boolean }
export interface CatalogueRole { code: string; taxonomyCode: string; labels: LocalisedText; card: RoleCard; profileCodes: string[]; active: boolean }

export const ProfileInputSchema = z.strictObject({ taxonomyCode: code, labels: LocalisedTextSchema, active: z.boolean().default(true) });
export const RoleInputSchema = z.strictObject({
  taxonomyCode: code, labels: LocalisedTextSchema, card: RoleCardSchema.default({}), profileCodes: z.array(code).max(24).default([]), active: z.boolean().default(true),
});
export type ProfileInput = z.infer<typeof ProfileInputSchema>;
export type RoleInput = z.infer<typeof RoleInputSchema>;
export { code as CatalogueCodeSchema };

type Names = [en: string, fr: string, it: string, sk: string];
const names = ([en, fr, it, sk]: Names): LocalisedText => ({ en, fr, it, sk });

/** The 24 EX-CHANGE profiles. */
export const TAXONOMY_PROFILES: readonly { code: string; labels: LocalisedText }[] = ([
  ['lawyer', ['Legal advisor / lawyer', 'Conseiller juridique / avocat', 'Consulente legale / avvocato', 'Právny poradca / advokát']],
  ['physician', ['Physician', 'Médecin', 'Medico', 'Lekár']],
  ['psychiatrist', ['Psychiatrist', 'Psychiatre', 'Psichiatra', 'Psychiater']],
  ['psychologist', ['Psychologist', 'Psychologue', 'Psicologo', 'Psychológ']],
  ['ethnopsychologist', ['Ethnopsychologist', 'Ethnopsychologue', 'Etnopsicologo', 'Etnopsychológ']],
  ['psychotherapist', ['Psychotherapist', 'Psychothérapeute', 'Psicoterapeuta', 'Psychoterapeut']],
  ['educational_therapist', ['Educational therapist', 'Thérapeute éducatif', 'Terapista educativo', 'Liečebný pedagóg']],
  ['art_therapist', ['Art therapist', 'Art-thérapeute', 'Arteterapeuta', 'Arteterapeut']],
  ['intercultural_mediator', ['(Inter)cultural mediator', 'Médiateur (inter)culturel', 'Mediatore (inter)culturale', '(Inter)kultúrny mediátor']],
  ['family_mediator', ['Family mediator', 'Médiateur familial', 'Mediatore familiare', 'Rodinný mediátor']],
  ['philosopher', ['Philosopher', 'Philosophe', 'Filosofo', 'Filozof']],
  ['artist', ['Artist', 'Artiste', 'Artista', 'Umelec']],
  ['social_worker', ['Social worker', 'Assistant social', 'Assistente sociale', 'Sociálny pracovník']],
  ['welfare_case_worker', ['Welfare / case worker', "Travailleur social d'accompagnement", 'Operatore sociale', 'Pracovník sociálnej starostlivosti']],
  ['special_needs_educator', ['Special needs educator', 'Éducateur spécialisé', 'Educatore specializzato', 'Špeciálny pedagóg']],
  ['professional_educator', ['Professional educator', 'Éducateur professionnel', 'Educatore professionale', 'Profesionálny vychovávateľ']],
  ['family_economics_advisor', ['Family economics advisor', "Conseiller en économie sociale et familiale", 'Consulente di economia familiare', 'Poradca pre rodinnú ekonomiku']],
  ['nurse', ['Nurse', 'Infirmier', 'Infermiere', 'Zdravotná sestra']],
  ['labour_market_insertion_advisor', ['Labour market insertion advisor', "Conseiller en insertion professionnelle", 'Consulente per l’inserimento lavorativo', 'Poradca pre začlenenie na trh práce']],
  ['guidance_counsellor', ['Guidance counsellor', "Conseiller d'orientation", 'Orientatore', 'Kariérny poradca']],
  ['trainer_teacher', ['Trainer / teacher', 'Formateur / enseignant', 'Formatore / insegnante', 'Lektor / učiteľ']],
  ['secretary', ['Secretary', 'Secrétaire', 'Segretario', 'Sekretár']],
  ['manager', ['Manager', 'Responsable / directeur', 'Responsabile / direttore', 'Manažér']],
  ['interpreter', ['Interpreter', 'Interprète', 'Interprete', 'Tlmočník']],
] as [string, Names][]).map(([c, n]) => ({ code: c, labels: names(n) }));

interface TaxonomyRole { code: string; labels: LocalisedText; profileCodes: string[]; card: RoleCard }
const en = (text: string) => ({ en: text });
const card = (fields: Record<RoleCardField, string>): RoleCard =>
  Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, en(v)])) as RoleCard;
const role = (c: string, n: Names, profileCodes: string[], roleCard: RoleCard = {}): TaxonomyRole => ({ code: c, labels: names(n), profileCodes, card: roleCard });

/** Roles: Emergendo (Italy) plus the roles other countries add. */
export const TAXONOMY_ROLES: readonly TaxonomyRole[] = [
  role('lawyer', ['Lawyer', 'Avocat', 'Avvocato', 'Advokát'], ['lawyer']),
  role('legal_advisor', ['Legal advisor (including outreach)', 'Conseiller juridique (y compris en maraude)', 'Consulente legale (anche su strada)', 'Právny poradca (aj v teréne)'], ['lawyer']),
  role('psychologist', ['Psychologist', 'Psychologue', 'Psicologo', 'Psychológ'], ['psychologist', 'ethnopsychologist']),
  role('psychotherapist', ['Psychotherapist', 'Psychothérapeute', 'Psicoterapeuta', 'Psychoterapeut'], ['psychotherapist', 'psychologist', 'psychiatrist']),
  role('psychiatrist', ['Psychiatrist', 'Psychiatre', 'Psichiatra', 'Psychiater'], ['psychiatrist']),
  role('mobile_unit_social_operator', ['Mobile unit social operator', "Opérateur social d'unité mobile", 'Operatore sociale di unità di strada', 'Sociálny pracovník mobilnej jednotky'], ['social_worker', 'welfare_case_worker', 'professional_educator'], card({
    area: 'Local work in the field of human trafficking for sexual exploitation.',
    organisation: 'Non-profit organisations.',
    actions: 'Interventions in sites of prostitution (streets, apartments, other locations); people are contacted by professional operators and volunteers with cultural mediators and peer educators through mobile units.',
    tasks: 'Observation and mapping of the phenomenon; contact, listening and analysis of needs; information on preventive health and rights; support towards health and social services; offer of assistance on request (leaving prostitution, fleeing violence and exploitation); awareness raising and conflict management in local communities; informational materials in the main languages of the people met.',
    skills: 'An attitude free of judgment; immediate communication and relational skills; knowledge of legislation, health and social services and of the territory; cultural mediation; promptness in understanding situations; detachment and empathy; discretion.',
    methods: 'A non-judgmental approach to understand needs and offer answers that build awareness of rights and the ability to exercise them independently; network work with health and anti-trafficking services; regular team meetings and external supervision.',
    tools: 'Multilingual brochures on health, services and rights; condoms and lubricants; data collection tools for mapping and contacts; a van for street contact; mobile telephones.',
  })),
  role('cultural_mediator', ['Cultural mediator', 'Médiateur culturel', 'Mediatore culturale', 'Kultúrny mediátor'], ['intercultural_mediator', 'interpreter']),
  role('family_mediator', ['Family mediator', 'Médiateur familial', 'Mediatore familiare', 'Rodinný mediátor'], ['family_mediator']),
  role('peer_educator', ['Peer educator', 'Pair-éducateur', 'Educatore alla pari (peer educator)', 'Rovesnícky edukátor'], []),
  role('toll_free_social_operator', ['Toll-free number social operator', "Opérateur social du numéro vert", 'Operatore sociale del numero verde', 'Sociálny pracovník bezplatnej linky'], ['social_worker', 'welfare_case_worker', 'psychologist'], card({
    area: 'A toll-free number for victims of trafficking for sexual exploitation and any other type of violence.',
    organisation: 'Local posts co-financed by regions, provinces and municipalities, mostly run by accredited non-profit organisations.',
    actions: 'Reception, information and telephone advice; dispatching and liaising with the services of the territory, in particular those dedicated to trafficking; network work with public and private social services, health services, police and judicial authorities; promotion of the service.',
    tasks: 'Phone reception so that a professional can be reached 24 hours a day; answering calls with active listening; health and legal information and advice on rights and services; referring people to services and liaising with them; keeping the mapping of services up to date; awareness initiatives; collecting and processing data.',
    skills: 'Listening on the telephone; relational and telephone communication skills; knowledge of legislation, health and social services; knowledge of the territory and its services; team and network work.',
    methods: 'A telephone listening space that builds trust; targeted, understandable information, with intercultural mediation and legal advice; individual interviews; group monitoring; case discussion with the organisations of the territory.',
    tools: 'Data collection sheets; a shared notebook between operators; systematic team meetings; multilingual information and promotional materials; telephone; internet.',
  })),
  role('drop_in_operator', ['Drop-in / help-desk social operator', "Opérateur social d'accueil de jour", 'Operatore sociale di drop-in / sportello', 'Sociálny pracovník kontaktného centra'], ['social_worker', 'welfare_case_worker', 'professional_educator']),
  role('programme_delegate', ['Social operator, programme delegate', 'Opérateur social référent du programme', 'Operatore sociale delegato al programma', 'Sociálny pracovník – garant programu'], ['social_worker', 'welfare_case_worker', 'professional_educator']),
  role('residential_shelter_operator', ['Residential shelter social operator', "Opérateur social d'hébergement", 'Operatore sociale di struttura residenziale', 'Sociálny pracovník v útulku'], ['social_worker', 'welfare_case_worker', 'professional_educator', 'special_needs_educator']),
  role('local_responsible_operator', ['Local responsible social operator', 'Opérateur social responsable local', 'Operatore sociale responsabile locale', 'Miestny zodpovedný sociálny pracovník'], ['social_worker', 'manager']),
  role('vocational_advisor', ['Vocational advisor', 'Conseiller professionnel', 'Orientatore professionale', 'Poradca pre povolanie'], ['guidance_counsellor', 'labour_market_insertion_advisor']),
  role('work_insertion_mediator', ['Tutor / work-insertion mediator', "Tuteur / médiateur d'insertion professionnelle", 'Tutor / mediatore per l’inserimento lavorativo', 'Tútor / mediátor pracovného začlenenia'], ['labour_market_insertion_advisor', 'guidance_counsellor'], card({
    area: 'Supports the person in defining and carrying out a personalised labour-market insertion plan within the assistance and social inclusion programme, mediating between the person, the guidance counsellor, training offices and local businesses.',
    organisation: 'Private organisations, public institutions, employer organisations.',
    actions: 'Defining the professional plan with the beneficiary and the guidance counsellor; mapping and contacting training offices and businesses; preparing and supporting on-the-job training and direct insertion; mediating between the business and the person during training.',
    tasks: 'Contacting businesses and proposing the plan; defining the insertion plan; support within the business; help with the administrative procedures for the insertion; monitoring training through the company tutor; practical problem solving and conflict mediation; calling in other operators when needed.',
    skills: 'Communication; knowledge of the business world, the labour market and labour law; mediation; speed in finding resources; discretion.',
    methods: 'Meetings with the programme delegate and the guidance counsellor; meetings with employers and company tutors; listening to the requests and problems the person expresses.',
    tools: 'A database of businesses; information and sharing sheets; periodic follow-up reports; an on-the-job training register; model training agreements.',
  })),
  role('company_tutor', ['Company tutor', "Tuteur en entreprise", 'Tutor aziendale', 'Firemný tútor'], [], card({
    area: 'A worker in the business where the person is placed, acting as trainer for the duties assigned to her.',
    organisation: 'Profit-based and non-profit private businesses.',
    actions: 'On-the-job training.',
    tasks: 'Establishing what the person must learn; reception; training for the assigned duties; support in understanding work standards and rules; periodic reports with the guidance counsellor and the work-insertion mediator; assessing what has been learnt.',
    skills: 'Communication; explaining the work in a language (verbal or not) that takes account of linguistic and cultural barriers; patience and availability for conflict mediation.',
    methods: 'Training through work; periodic meetings with the guidance counsellor, the work-insertion mediator and the training tutor.',
    tools: 'Tools specific to the work; reports.',
  })),
  role('teacher_trainer', ['Teacher / trainer', 'Enseignant / formateur', 'Insegnante / formatore', 'Učiteľ / lektor'], ['trainer_teacher']),
  role('threshold_operator', ['Threshold operator (receptionist)', "Opérateur d'accueil", 'Operatore di accoglienza (soglia)', 'Pracovník prvého kontaktu (recepcia)'], ['secretary', 'social_worker', 'welfare_case_worker'], card({
    area: 'Victims of human trafficking for sexual or other exploitation.',
    organisation: 'Non-profit structure, funded by public authorities and/or private funds.',
    actions: 'Work with victims of trafficking on the premises, or in the field for sexually exploited victims.',
    tasks: 'Discreet reception of victims; telephone reception and directing calls to the appropriate services; relaying information to victims and colleagues; an information sheet at reception.',
    skills: 'Listening and quick understanding to inform and guide; using the computer tools to store data and share it with colleagues and partners; opening a dialogue and reassuring; responding to needs.',
    methods: 'No judgment; each situation is handled by the appropriate person in complete discretion; reception is individual.',
    tools: 'Offices for reception, telephone/fax, computer and printer.',
  })),
  role('counsellor', ['Counsellor', 'Conseiller', 'Counselor', 'Poradca'], ['psychologist', 'social_worker'], card({
    area: 'Assistance for victims.',
    organisation: 'Non-governmental organisation.',
    actions: 'Counselling.',
    tasks: 'Responding to emergency requests by telephone; advice in emergencies; information and individual assistance to victims; building plans with the victims.',
    skills: 'Counselling; strong relational, communication, reasoning and negotiation skills; working in a team and with many services; flexibility.',
    methods: 'Psychological, legal, social assistance and practical knowledge for victims of crime and violence; direct interventions on violence against children and family violence.',
    tools: 'Mobile phones, fax, computers; network tools.',
  })),
  role('referral_agent', ['Referral agent (local integration plan)', 'Référent PLIE', 'Referente per l’inserimento (piano locale)', 'Referent pre miestny plán integrácie'], ['labour_market_insertion_advisor', 'guidance_counsellor'], card({
    area: 'Support and monitoring in services that facilitate insertion into the labour market (training, jobs).',
    organisation: 'Multi-year local plans for integration and employment, run by local and inter-municipal institutions.',
    actions: 'Insertion work; reception of people referred by local prescribers.',
    tasks: 'A socio-professional diagnosis with the person; defining the steps of the programme with her; regular individual follow-up proposing actions (workshops, training).',
    skills: 'Listening, analysing the request, summarising abilities, negotiating with partners (employment agency, training organisations), knowledge of assisted contracts and of the employment pool.',
    methods: 'Regular individual interviews, guidance.',
    tools: 'Monitoring schedules and assessments; documentation on professions and sectors; lists of training organisations; job-search websites and techniques.',
  })),
  role('monitoring_guidance_operator', ['Monitoring and guidance social operator', "Opérateur social de suivi et d'orientation", 'Operatore sociale di monitoraggio e orientamento', 'Sociálny pracovník pre monitorovanie a poradenstvo'], ['psychologist', 'ethnopsychologist', 'social_worker'], card({
    area: 'Reception desks, second- and third-phase housing, assistance and social inclusion services.',
    organisation: 'Public services, private organisations, independent professions.',
    actions: 'Therapeutic support and expertise (skills assessment, tests); clinical support to teams.',
    tasks: 'Scheduling meetings with the person; support or therapeutic interviews; regular interviews with the case reference operator; periodic reports on each case; team meetings; conflict mediation in housing.',
    skills: 'Understanding needs and requests; building trust; listening without judgment; empathy; discretion; emotional balance; communication; ethno-psychological and anthropological skills.',
    methods: 'Individual and group interviews, some with the cultural mediator or the reference operator; psychological tests; debriefing with the team.',
    tools: 'Conversation; psychological tests; a personal data schedule; a room reserved for interviews; telephone.',
  })),
  role('daily_life_management_advisor', ['Daily-life management advisor', 'Conseiller en gestion de la vie quotidienne', 'Consulente per la gestione della vita quotidiana', 'Poradca pre každodenný život'], ['family_economics_advisor', 'professional_educator'], card({
    area: 'The domestic sphere.',
    organisation: 'Non-profit organisation.',
    actions: 'Social and educational support.',
    tasks: 'Encouraging the person to run errands, do the laundry and keep a notebook of purchases and expenses; managing the household budget, expenses and receipts.',
    skills: 'At least the four arithmetic operations.',
    methods: 'Direct support; the person is a partner in each activity.',
    tools: 'Money, bank card or cheque book, ways of ordering purchases.',
  })),
  role('programme_insertion_advisor', ['Programme insertion advisor', "Conseiller en insertion", 'Consulente per l’inserimento nei programmi', 'Poradca pre začlenenie do programov'], ['social_worker', 'welfare_case_worker'], card({
    area: 'Prostitution and trafficking for sexual exploitation.',
    organisation: 'Non-profit organisation.',
    actions: 'Support in using existing programmes to plan and carry out housing, accommodation, job search and similar plans.',
    tasks: 'Interviews, assessments, contacts through the networks, progress reports.',
    skills: 'Interviewing with several methods; validating a plan; listening and reasoning; knowledge of networks; socialisation practices that rebuild self-esteem.',
    methods: 'Reception in small groups without prerequisites; developing and supporting a plan; cultural trips and discussions.',
    tools: 'Assessment tools, planning and monitoring sheets, telephone, computer.',
  })),
];

export const TAXONOMY_ROLE_CODES = new Set(TAXONOMY_ROLES.map((r) => r.code));
export const TAXONOMY_PROFILE_CODES = new Set(TAXONOMY_PROFILES.map((p) => p.code));

/** The seed copy an organisation starts from: each entry maps to itself in the taxonomy. */
export function defaultCatalogue(): { profiles: CatalogueProfile[]; roles: CatalogueRole[] } {
  return {
    profiles: TAXONOMY_PROFILES.map((p) => ({ code: p.code, taxonomyCode: p.code, labels: p.labels, active: true })),
    roles: TAXONOMY_ROLES.map((r) => ({ code: r.code, taxonomyCode: r.code, labels: r.labels, card: r.card, profileCodes: r.profileCodes, active: true })),
  };
}

/** Text in the wanted language, else English, else any; `translated` says whether it was the wanted one. */
export function localise(text: Partial<Record<Locale, string>> | undefined, locale: Locale): { text: string; translated: boolean } | null {
  if (!text) return null;
  if (text[locale]) return { text: text[locale]!, translated: true };
  const fallback = text.en ?? Object.values(text).find(Boolean);
  return fallback ? { text: fallback, translated: false } : null;
}

/** Checks a local role against the shared taxonomy and the organisation's profiles. */
export function checkRole(input: RoleInput, profileCodes: ReadonlySet<string>): void {
  if (!TAXONOMY_ROLE_CODES.has(input.taxonomyCode)) throw new DomainError('unknown_taxonomy_role', `"${input.taxonomyCode}" is not a role of the shared taxonomy; map the local role to one of them`);
  const unknown = input.profileCodes.filter((p) => !profileCodes.has(p));
  if (unknown.length) throw new DomainError('unknown_profile', `Unknown profiles: ${unknown.join(', ')}`);
}

export function checkProfile(input: ProfileInput): void {
  if (!TAXONOMY_PROFILE_CODES.has(input.taxonomyCode)) throw new DomainError('unknown_taxonomy_profile', `"${input.taxonomyCode}" is not a profile of the shared taxonomy`);
}

