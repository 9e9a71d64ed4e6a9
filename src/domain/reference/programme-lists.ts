/** Seed lists for the programme, services, accommodation, legal track and case lifecycle (domain reference §3–§5). */
import { list } from './types';

export const services = list('services', [
  ['health_checkup', 'General health check-up', 'Bilan de santé', 'Visita medica generale', 'Všeobecná lekárska prehliadka', { category: 'health' }],
  ['gynaecological_checkup', 'Gynaecological check-up', 'Consultation gynécologique', 'Visita ginecologica', 'Gynekologická prehliadka', { category: 'health' }],
  ['sti_tests', 'HIV/STI tests and treatment', 'Dépistage et traitement VIH/IST', 'Test e cure HIV/IST', 'Testy a liečba HIV/PKI', { category: 'health' }],
  ['psychological_counselling', 'Psychological counselling', 'Soutien psychologique', 'Sostegno psicologico', 'Psychologické poradenstvo', { category: 'psychological' }],
  ['long_term_therapy', 'Long-term therapy', 'Thérapie de long terme', 'Terapia a lungo termine', 'Dlhodobá terapia', { category: 'psychological' }],
  ['social_counselling', 'Social counselling', 'Accompagnement social', 'Consulenza sociale', 'Sociálne poradenstvo', { category: 'social' }],
  ['legal_counselling', 'Legal counselling', 'Conseil juridique', 'Consulenza legale', 'Právne poradenstvo', { category: 'legal' }],
  ['accommodation', 'Accommodation', 'Hébergement', 'Accoglienza abitativa', 'Ubytovanie', { category: 'accommodation' }],
  ['education_retraining', 'Education or retraining', 'Formation ou reconversion', 'Istruzione o riqualificazione', 'Vzdelávanie alebo rekvalifikácia', { category: 'education' }],
  ['language_course', 'Language course', 'Cours de langue', 'Corso di lingua', 'Jazykový kurz', { category: 'education' }],
  ['vocational_guidance', 'Vocational guidance', 'Orientation professionnelle', 'Orientamento professionale', 'Profesijné poradenstvo', { category: 'work' }],
  ['on_the_job_training', 'On-the-job training', 'Formation en entreprise', 'Tirocinio in azienda', 'Zaškolenie na pracovisku', { category: 'work' }],
  ['job_placement', 'Job placement', 'Placement en emploi', 'Inserimento lavorativo', 'Sprostredkovanie zamestnania', { category: 'work' }],
  ['financial_grant', 'Financial grant', 'Aide financière', 'Contributo economico', 'Finančný príspevok', { category: 'financial' }],
  ['accompaniment_police_court', 'Accompaniment to police, court or embassy', 'Accompagnement police, tribunal ou ambassade', 'Accompagnamento a polizia, tribunale o ambasciata', 'Sprevádzanie na políciu, súd alebo veľvyslanectvo', { category: 'accompaniment' }],
  ['accompaniment_permit_office', 'Accompaniment to the permit office', 'Accompagnement en préfecture', 'Accompagnamento in questura', 'Sprevádzanie na cudzineckú políciu', { category: 'accompaniment' }],
  ['interpretation_mediation', 'Interpretation or cultural mediation', 'Interprétariat ou médiation culturelle', 'Interpretariato o mediazione culturale', 'Tlmočenie alebo kultúrna mediácia', { category: 'mediation' }],
  ['family_mediation', 'Family mediation', 'Médiation familiale', 'Mediazione familiare', 'Rodinná mediácia', { category: 'mediation' }],
  ['return_assistance', 'Return assistance', 'Aide au retour', 'Assistenza al rimpatrio', 'Pomoc pri návrate', { category: 'return' }],
  ['personal_reconstruction', 'Personal reconstruction activity', 'Activité de reconstruction personnelle', 'Attività di ricostruzione personale', 'Aktivita osobnej obnovy', { category: 'personal_reconstruction' }],
]);

export const accommodationTypes = list('accommodation_types', [
  ['emergency', 'Emergency shelter', "Hébergement d'urgence", 'Pronta accoglienza', 'Krízové ubytovanie', { typicalMonths: [0, 1] }],
  ['first_care', 'First-care shelter (2–3 months)', 'Premier accueil (2–3 mois)', 'Prima accoglienza (2–3 mesi)', 'Prvotné ubytovanie (2–3 mesiace)', { typicalMonths: [2, 3] }],
  ['second_care', 'Second-care shelter (2–6 months)', 'Second accueil (2–6 mois)', 'Seconda accoglienza (2–6 mesi)', 'Následné ubytovanie (2–6 mesiacov)', { typicalMonths: [2, 6] }],
  ['autonomous', 'Autonomous accommodation', 'Logement autonome', 'Semi-autonomia / autonomia abitativa', 'Samostatné bývanie'],
  ['family_placement', 'Family placement (minors)', 'Placement familial (mineurs)', 'Affido familiare (minori)', 'Rodinná starostlivosť (maloletí)'],
  ['non_residential', 'Non-residential programme', 'Programme sans hébergement', 'Programma non residenziale', 'Ambulantný program'],
]);

export const programmeTypes = list('programme_types', [
  ['it_art13', 'IT Art. 13 (3 months + 3)', 'IT art. 13 (3 mois + 3)', 'IT art. 13 (3 mesi + 3)', 'IT čl. 13 (3 + 3 mesiace)', { country: 'IT' }],
  ['it_art18', 'IT Art. 18 social programme', 'IT programme social art. 18', 'IT programma art. 18', 'IT sociálny program čl. 18', { country: 'IT' }],
  ['fr_acse', 'FR Ac.Sé placement', 'FR accueil Ac.Sé', 'FR accoglienza Ac.Sé', 'FR umiestnenie Ac.Sé', { country: 'FR' }],
  ['sk_iom_return_reintegration', 'SK IOM Return and Reintegration', 'SK OIM Retour et réintégration', 'SK OIM Rimpatrio e reintegrazione', 'SK IOM Návrat a reintegrácia', { country: 'SK' }],
  ['sk_moi_programme', 'SK Ministry of Interior programme', 'SK programme du ministère de l’Intérieur', 'SK programma del Ministero dell’Interno', 'SK program Ministerstva vnútra', { country: 'SK' }],
  ['nl_b9_reflection', 'NL B9 / reflection', 'NL B9 / délai de réflexion', 'NL B9 / periodo di riflessione', 'NL B9 / obdobie na zotavenie', { country: 'NL' }],
  ['assisted_voluntary_return', 'Assisted voluntary return', 'Retour volontaire assisté', 'Rimpatrio volontario assistito', 'Asistovaný dobrovoľný návrat', { requiresPreDepartureRiskAssessment: true }],
  ['generic', 'Generic programme', 'Programme générique', 'Programma generico', 'Všeobecný program'],
]);

export const closureReasons = list('closure_reasons', [
  ['programme_completed', 'Programme completed', 'Programme terminé', 'Programma concluso', 'Program ukončený'],
  ['moved_to_other_organisation', 'Moved to another organisation', 'Orientée vers une autre organisation', 'Presa in carico da altra organizzazione', 'Prešla do inej organizácie'],
  ['returned_to_country_of_origin', 'Returned to the country of origin', 'Retour au pays d’origine', 'Rientrata nel paese d’origine', 'Návrat do krajiny pôvodu'],
  ['lost_contact', 'Lost contact', 'Contact perdu', 'Contatto perso', 'Stratený kontakt'],
  ['declined_further_support', 'Declined further support', 'A refusé la poursuite de l’accompagnement', 'Ha rifiutato ulteriore supporto', 'Odmietla ďalšiu podporu'],
  ['deceased', 'Deceased', 'Décédée', 'Deceduta', 'Zomrela'],
  ['other', 'Other', 'Autre', 'Altro', 'Iné'],
]);

export const pauseReasons = list('pause_reasons', [
  ['lost_contact', 'Lost contact', 'Contact perdu', 'Contatto perso', 'Stratený kontakt'],
  ['in_hospital', 'In hospital', 'Hospitalisée', 'Ricoverata', 'V nemocnici'],
  ['detained', 'Detained', 'Détenue', 'Detenuta', 'Zadržaná'],
  ['travelling', 'Travelling', 'En déplacement', 'In viaggio', 'Na cestách'],
  ['personal_request', 'At her request', 'À sa demande', 'Su sua richiesta', 'Na jej žiadosť'],
  ['other', 'Other', 'Autre', 'Altro', 'Iné'],
]);

export const consentPurposes = list('consent_purposes', [
  ['assistance', 'Assistance', 'Accompagnement', 'Assistenza', 'Pomoc'],
  ['data_storage', 'Storing personal data', 'Conservation des données personnelles', 'Conservazione dei dati personali', 'Uchovávanie osobných údajov'],
  ['referral_sharing', 'Sharing with a named partner for referral', 'Partage avec un partenaire nommé pour orientation', 'Condivisione con un partner indicato per l’invio', 'Zdieľanie s menovaným partnerom pri odovzdaní'],
  ['follow_up_contact', 'Follow-up contact', 'Contact de suivi', 'Contatti di follow-up', 'Následný kontakt'],
  ['anonymous_statistics', 'Anonymous statistics', 'Statistiques anonymes', 'Statistiche anonime', 'Anonymná štatistika'],
  ['research', 'Research', 'Recherche', 'Ricerca', 'Výskum'],
  ['network_deduplication', 'Network deduplication (encoded, no names)', 'Dédoublonnage en réseau (codé, sans noms)', 'Deduplicazione di rete (codificata, senza nomi)', 'Deduplikácia v sieti (kódovaná, bez mien)'],
]);

export const testimonyModes = list('testimony_modes', [
  ['in_person', 'In person', 'En personne', 'Di persona', 'Osobne'],
  ['video', 'By video', 'Par vidéo', 'In videoconferenza', 'Cez video'],
  ['written', 'Written', 'Par écrit', 'Per iscritto', 'Písomne'],
  ['separate_room', 'From another room', 'Depuis une autre salle', 'Da un’altra stanza', 'Z inej miestnosti'],
  ['prior_statement_reused', 'Prior statement reused', 'Déclaration antérieure réutilisée', 'Dichiarazione precedente riutilizzata', 'Použitá skoršia výpoveď'],
]);

export const permitTypes = list('permit_types', [
  ['fr_l316_1', 'FR temporary permit L.316-1', 'FR titre de séjour L.316-1', 'FR permesso L.316-1', 'FR povolenie L.316-1', { country: 'FR' }],
  ['it_art18_judicial', 'IT Art. 18 permit, judicial path', 'IT titre art. 18, voie judiciaire', 'IT permesso art. 18, percorso giudiziario', 'IT povolenie čl. 18, súdna cesta', { country: 'IT' }],
  ['it_art18_social', 'IT Art. 18 permit, social path', 'IT titre art. 18, voie sociale', 'IT permesso art. 18, percorso sociale', 'IT povolenie čl. 18, sociálna cesta', { country: 'IT' }],
  ['sk_tolerated_stay', 'SK tolerated stay', 'SK séjour toléré', 'SK soggiorno tollerato', 'SK tolerovaný pobyt', { country: 'SK' }],
  ['nl_b8', 'NL B8 residence permit', 'NL titre de séjour B8', 'NL permesso B8', 'NL povolenie B8', { country: 'NL' }],
  ['other', 'Other', 'Autre', 'Altro', 'Iné'],
]);

export const proceedingStages = list('proceeding_stages', [
  ['investigation', 'Investigation', 'Enquête', 'Indagini', 'Vyšetrovanie'],
  ['prosecution', 'Prosecution', 'Poursuites', 'Azione penale', 'Obžaloba'],
  ['trial', 'Trial', 'Procès', 'Processo', 'Súdne konanie'],
  ['appeal', 'Appeal', 'Appel', 'Appello', 'Odvolanie'],
  ['closed', 'Closed', 'Clôturé', 'Concluso', 'Ukončené'],
]);

/** Reflection period per country (domain reference §4). */
export const reflectionPeriods = list('reflection_periods', [
  ['fr', 'France: 30 days', 'France : 30 jours', 'Francia: 30 giorni', 'Francúzsko: 30 dní', { country: 'FR', days: 30 }],
  ['sk', 'Slovakia: 40 days', 'Slovaquie : 40 jours', 'Slovacchia: 40 giorni', 'Slovensko: 40 dní', { country: 'SK', days: 40 }],
  ['it', 'Italy: 3 months', 'Italie : 3 mois', 'Italia: 3 mesi', 'Taliansko: 3 mesiace', { country: 'IT', months: 3 }],
  ['nl', 'Netherlands: 3 months', 'Pays-Bas : 3 mois', 'Paesi Bassi: 3 mesi', 'Holandsko: 3 mesiace', { country: 'NL', months: 3 }],
]);
