/**
 * Annex 2 question bank, part 1 (001:6870–7020): general information, life
 * before trafficking, the trafficking experience (never required, may be
 * answered by the caseworker), identification, the period after trafficking,
 * and participation in programmes. Past-focused questions inform no scores.
 */
import { L, YES_PARTLY_NO, opt, q, section, type Section } from './instrument-schema';

const cw = { caseworkerMayAnswer: true };

export const GENERAL_INFORMATION: Section = section('general_information', L('General information', 'Informations générales', 'Informazioni generali', 'Všeobecné informácie'), [
  q('age', 'text', L('Age', 'Âge', 'Età', 'Vek'), cw),
  q('residence', 'text', L('Current place of residence', 'Lieu de résidence actuel', 'Luogo di residenza attuale', 'Súčasné miesto pobytu')),
  q('education_profession', 'text', L('Education, profession, previous training', 'Formation, profession, formations antérieures', 'Istruzione, professione, formazione precedente', 'Vzdelanie, povolanie, predchádzajúce školenia')),
  q('children_partner', 'text', L('Children? Married or living together?', 'Enfants ? Mariée ou en couple ?', 'Figli? Sposata o convivente?', 'Deti? Vydatá alebo žije s partnerom?')),
  q('time_since_services', 'text', L('Time since the end of trafficking, of the shelter stay, of services', 'Temps écoulé depuis la fin de la traite, du foyer, des services', 'Tempo trascorso dalla fine della tratta, della struttura, dei servizi', 'Čas od konca obchodovania, pobytu v útulku, služieb'), cw),
]);

export const BEFORE_TRAFFICKING: Section = section('before_trafficking', L('Before trafficking', 'Avant la traite', 'Prima della tratta', 'Pred obchodovaním'), [
  q('before_accommodation', 'text', L('Where did you live?', 'Où viviez-vous ?', 'Dove vivevi?', 'Kde ste bývali?')),
  q('before_employment', 'text', L('Were you working or studying?', 'Travailliez-vous ou étudiiez-vous ?', 'Lavoravi o studiavi?', 'Pracovali ste alebo študovali?')),
  q('before_family', 'text', L('Your relationship with your family', 'Votre relation avec votre famille', 'Il rapporto con la tua famiglia', 'Váš vzťah s rodinou')),
  q('before_friends', 'text', L('Your relationship with friends', 'Votre relation avec vos amis', 'Il rapporto con gli amici', 'Váš vzťah s priateľmi')),
  q('before_community', 'text', L('Contact with community members', 'Contacts avec la communauté', 'Contatti con la comunità', 'Kontakty s komunitou')),
  q('before_religion', 'boolean', L('Was religion part of your life?', 'La religion faisait-elle partie de votre vie ?', 'La religione faceva parte della tua vita?', 'Bolo náboženstvo súčasťou vášho života?')),
  q('before_abuse', 'boolean', L('Prior physical, sexual or mental abuse', 'Violences physiques, sexuelles ou psychologiques antérieures', 'Abusi fisici, sessuali o psicologici precedenti', 'Predchádzajúce fyzické, sexuálne alebo psychické týranie'), cw),
  q('before_physical_health', 'boolean', L('Physically healthy at that time', 'En bonne santé physique à l’époque', 'In buona salute fisica allora', 'V tom čase telesne zdravá'), cw),
  q('before_mental_health', 'boolean', L('Mentally healthy at that time', 'En bonne santé mentale à l’époque', 'In buona salute mentale allora', 'V tom čase duševne zdravá'), cw),
]);

/** Every question optional and answerable by the caseworker: she is not asked to retell it. */
export const TRAFFICKING_EXPERIENCE: Section = section('trafficking_experience', L('Trafficking experience (optional)', 'Expérience de la traite (facultatif)', 'Esperienza di tratta (facoltativo)', 'Skúsenosť s obchodovaním (nepovinné)'), [
  q('trafficking_age', 'text', L('Age when it happened', 'Âge au moment des faits', 'Età al momento dei fatti', 'Vek, keď sa to stalo'), cw),
  q('trafficking_motivation', 'text', L('What led to it (motivation, push factors)', 'Ce qui y a conduit (motivation, facteurs)', 'Cosa vi ha portato (motivazioni, fattori)', 'Čo k tomu viedlo (motivácia, faktory)'), cw),
  q('recruited_by_known_person', 'boolean', L('Were family or friends involved in recruitment?', 'Famille ou amis impliqués dans le recrutement ?', 'Familiari o amici coinvolti nel reclutamento?', 'Boli do náboru zapojení rodina alebo priatelia?'), cw),
  q('severity_type', 'choice', L('Severity (typology 1–3)', 'Gravité (typologie 1–3)', 'Gravità (tipologia 1–3)', 'Závažnosť (typológia 1–3)'), {
    ...cw,
    options: [
      opt('type_1', L('Type 1', 'Type 1', 'Tipo 1', 'Typ 1')), opt('type_2', L('Type 2', 'Type 2', 'Tipo 2', 'Typ 2')),
      opt('type_3', L('Type 3', 'Type 3', 'Tipo 3', 'Typ 3')), opt('unknown', L('Not known', 'Inconnu', 'Non noto', 'Neznáme')),
    ],
  }),
  q('manner_of_exit', 'text', L('How did it come to an end?', 'Comment cela a-t-il pris fin ?', 'Come è finita?', 'Ako sa to skončilo?'), cw),
  q('what_got_her_through', 'text', L('What got you through it?', 'Qu’est-ce qui vous a aidée à tenir ?', 'Cosa ti ha aiutata a resistere?', 'Čo vám pomohlo to prežiť?'), cw),
  q('contact_with_family_during', 'boolean', L('Contact with family or friends during', 'Contact avec famille ou amis pendant', 'Contatti con famiglia o amici durante', 'Kontakt s rodinou alebo priateľmi počas toho'), cw),
  q('danger_of_re_trafficking', 'boolean', L('Danger of being re-trafficked', 'Risque de nouvelle traite', 'Pericolo di nuova tratta', 'Nebezpečenstvo opätovného obchodovania'), cw),
], true);

export const IDENTIFICATION: Section = section('identification', L('Identification', 'Identification', 'Identificazione', 'Identifikácia'), [
  q('how_identified', 'text', L('How were you identified as trafficked?', 'Comment avez-vous été identifiée ?', 'Come sei stata identificata?', 'Ako vás identifikovali?'), cw),
  q('realised_from_start', 'boolean', L('Did you realise from the beginning that you were trafficked?', 'Avez-vous compris dès le début que vous étiez victime de traite ?', 'Hai capito fin dall’inizio di essere vittima di tratta?', 'Uvedomili ste si od začiatku, že ste obeťou obchodovania?')),
  q('term_applies', 'choice', L('Does the term "trafficked" apply to you?', 'Le terme « victime de traite » vous correspond-il ?', 'Il termine "vittima di tratta" ti corrisponde?', 'Vzťahuje sa na vás pojem „obchodovaná“?'), { options: YES_PARTLY_NO }),
]);

export const AFTER_TRAFFICKING: Section = section('after_trafficking', L('After trafficking', 'Après la traite', 'Dopo la tratta', 'Po obchodovaní'), [
  q('greatest_help', 'text', L('What helped you most in the period right after?', 'Qu’est-ce qui vous a le plus aidée juste après ?', 'Cosa ti ha aiutata di più subito dopo?', 'Čo vám hneď potom najviac pomohlo?')),
  q('greatest_hindrance', 'text', L('What was the greatest hindrance?', 'Quel a été le plus grand obstacle ?', 'Qual è stato l’ostacolo maggiore?', 'Čo bolo najväčšou prekážkou?')),
  q('stigma_after', 'boolean', L('Did you experience stigma or discrimination?', 'Avez-vous subi stigmatisation ou discrimination ?', 'Hai subito stigma o discriminazione?', 'Zažili ste stigmatizáciu alebo diskrimináciu?')),
  q('control_after', 'boolean', L('Did you feel in control of what was happening?', 'Aviez-vous le sentiment de maîtriser ce qui se passait ?', 'Sentivi di avere il controllo di ciò che accadeva?', 'Mali ste pocit, že máte situáciu pod kontrolou?')),
  q('safe_after', 'boolean', L('Did you feel safe?', 'Vous sentiez-vous en sécurité ?', 'Ti sentivi al sicuro?', 'Cítili ste sa v bezpečí?')),
  q('pressed_charges', 'choice', L('Did you press charges?', 'Avez-vous porté plainte ?', 'Hai sporto denuncia?', 'Podali ste trestné oznámenie?'), {
    options: [opt('yes', L('Yes', 'Oui', 'Sì', 'Áno')), opt('no', L('No', 'Non', 'No', 'Nie')), opt('prefers_not_to_say', L('Prefers not to say', 'Préfère ne pas répondre', 'Preferisce non dirlo', 'Nechce odpovedať'))],
  }),
]);

export const PROGRAMMES: Section = section('programmes', L('Participation in programmes', 'Participation aux programmes', 'Partecipazione ai programmi', 'Účasť na programoch'), [
  q('participated', 'boolean', L('Did you take part in a (re)integration programme?', 'Avez-vous participé à un programme de (ré)intégration ?', 'Hai partecipato a un programma di (re)integrazione?', 'Zúčastnili ste sa programu (re)integrácie?')),
  q('programme_conditions', 'text', L('Conditions for taking part', 'Conditions de participation', 'Condizioni di partecipazione', 'Podmienky účasti')),
  q('took_part_in_design', 'scale', L('How much did you shape the help offered to you? (0–4)', 'Dans quelle mesure avez-vous défini l’aide proposée ? (0–4)', 'Quanto hai definito l’aiuto offerto? (0–4)', 'Do akej miery ste ovplyvnili ponúknutú pomoc? (0–4)'), { informs: ['institutional_support'] }),
  q('relationship_with_providers', 'scale', L('Relationship with service providers (0–4)', 'Relation avec les intervenants (0–4)', 'Rapporto con gli operatori (0–4)', 'Vzťah s poskytovateľmi služieb (0–4)'), { informs: ['provider_peer_relationships'] }),
  q('relationship_with_peers', 'scale', L('Relationship with other women in the programme (0–4)', 'Relation avec les autres femmes du programme (0–4)', 'Rapporto con le altre donne del programma (0–4)', 'Vzťah s ostatnými ženami v programe (0–4)'), { informs: ['provider_peer_relationships'] }),
  q('programme_satisfaction', 'scale', L('Overall satisfaction with the support (0–4)', 'Satisfaction globale du soutien (0–4)', 'Soddisfazione complessiva del sostegno (0–4)', 'Celková spokojnosť s podporou (0–4)'), { informs: ['institutional_support'] }),
  q('documents_obtained', 'choice', L('Documents that give access to services', 'Documents donnant accès aux services', 'Documenti per accedere ai servizi', 'Doklady umožňujúce prístup k službám'), {
    ...cw,
    informs: ['legal_empowerment'],
    options: [
      opt('all', L('All she needs', 'Tous ceux nécessaires', 'Tutti quelli necessari', 'Všetky potrebné'), 4), opt('some', L('Some', 'Certains', 'Alcuni', 'Niektoré'), 2),
      opt('none', L('None yet', 'Aucun pour l’instant', 'Nessuno per ora', 'Zatiaľ žiadne'), 0), opt('not_needed', L('None needed', 'Aucun nécessaire', 'Nessuno necessario', 'Žiadne nie sú potrebné'), null),
    ],
  }),
]);
