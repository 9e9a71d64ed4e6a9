/** Seed lists for first contact and identification (domain reference §1, §2; HTCDS control methods). */
import { list } from './types';

export const channels = list('channels', [
  ['outreach_unit', 'Outreach unit', 'Unité de rue', 'Unità di strada', 'Terénna jednotka'],
  ['drop_in_centre', 'Drop-in centre', "Centre d'accueil de jour", 'Centro di ascolto (drop-in)', 'Nízkoprahové centrum'],
  ['hotline', 'Hotline', "Ligne d'écoute", 'Numero verde', 'Linka pomoci'],
  ['law_enforcement', 'Law enforcement', 'Forces de l’ordre', 'Forze dell’ordine', 'Polícia'],
  ['judiciary', 'Judiciary', 'Autorité judiciaire', 'Autorità giudiziaria', 'Justícia'],
  ['client', 'Client', 'Client', 'Cliente', 'Klient'],
  ['partner', 'Partner organisation', 'Organisation partenaire', 'Organizzazione partner', 'Partnerská organizácia'],
  ['friend_acquaintance', 'Friend or acquaintance', 'Ami·e ou connaissance', 'Amico o conoscente', 'Priateľ alebo známy'],
  ['self_referral', 'Self-referral', 'Démarche personnelle', 'Accesso spontaneo', 'Sama sa obrátila'],
  ['health_service', 'Health service', 'Service de santé', 'Servizio sanitario', 'Zdravotnícke zariadenie'],
  ['other', 'Other', 'Autre', 'Altro', 'Iné'],
]);

export const immediateNeeds = list('immediate_needs', [
  ['food', 'Food', 'Nourriture', 'Cibo', 'Jedlo'],
  ['clothing', 'Clothing', 'Vêtements', 'Vestiario', 'Oblečenie'],
  ['medical', 'Medical assistance', 'Assistance médicale', 'Assistenza medica', 'Zdravotná pomoc'],
  ['legal', 'Legal assistance', 'Assistance juridique', 'Assistenza legale', 'Právna pomoc'],
  ['shelter', 'Shelter', 'Hébergement', 'Accoglienza', 'Ubytovanie'],
]);

export const palermoActs = list('palermo_acts', [
  ['recruitment', 'Recruitment', 'Recrutement', 'Reclutamento', 'Nábor'],
  ['transportation', 'Transportation', 'Transport', 'Trasporto', 'Preprava'],
  ['transfer', 'Transfer', 'Transfert', 'Trasferimento', 'Odovzdanie'],
  ['harbouring', 'Harbouring', 'Hébergement', 'Alloggio', 'Ukrývanie'],
  ['receipt', 'Receipt of persons', 'Accueil de personnes', 'Accoglienza di persone', 'Prevzatie osôb'],
]);

export const palermoMeans = list('palermo_means', [
  ['threat_or_force', 'Threat or use of force', 'Menace ou recours à la force', 'Minaccia o uso della forza', 'Hrozba alebo použitie sily'],
  ['coercion', 'Other forms of coercion', 'Autres formes de contrainte', 'Altre forme di coercizione', 'Iné formy donútenia'],
  ['abduction', 'Abduction', 'Enlèvement', 'Rapimento', 'Únos'],
  ['fraud', 'Fraud', 'Fraude', 'Frode', 'Podvod'],
  ['deception', 'Deception', 'Tromperie', 'Inganno', 'Klam'],
  ['abuse_of_power', 'Abuse of power', 'Abus d’autorité', 'Abuso di potere', 'Zneužitie moci'],
  ['abuse_of_vulnerability', 'Abuse of a position of vulnerability', 'Abus d’une situation de vulnérabilité', 'Abuso di una situazione di vulnerabilità', 'Zneužitie zraniteľnosti'],
  ['payments_or_benefits', 'Giving or receiving payments or benefits', 'Offre ou acceptation de paiements ou d’avantages', 'Offerta o accettazione di somme o vantaggi', 'Poskytnutie alebo prijatie platby či výhody'],
]);

export const palermoPurposes = list('palermo_purposes', [
  ['sexual_exploitation', 'Exploitation of the prostitution of others or other sexual exploitation', 'Exploitation de la prostitution d’autrui ou autre exploitation sexuelle', 'Sfruttamento della prostituzione altrui o altro sfruttamento sessuale', 'Zneužívanie prostitúcie iných alebo iné sexuálne vykorisťovanie'],
  ['forced_labour', 'Forced labour or services', 'Travail ou services forcés', 'Lavoro o servizi forzati', 'Nútená práca alebo služby'],
  ['slavery', 'Slavery or practices similar to slavery', 'Esclavage ou pratiques analogues', 'Schiavitù o pratiche analoghe', 'Otroctvo alebo praktiky podobné otroctvu'],
  ['servitude', 'Servitude', 'Servitude', 'Servitù', 'Nevoľníctvo'],
  ['organ_removal', 'Removal of organs', 'Prélèvement d’organes', 'Prelievo di organi', 'Odobratie orgánov'],
]);

export const formsOfExploitation = list('forms_of_exploitation', [
  ['sexual', 'Sexual exploitation', 'Exploitation sexuelle', 'Sfruttamento sessuale', 'Sexuálne vykorisťovanie'],
  ['forced_labour', 'Forced labour (including domestic work)', 'Travail forcé (y compris domestique)', 'Lavoro forzato (incluso domestico)', 'Nútená práca (vrátane práce v domácnosti)'],
  ['begging', 'Begging', 'Mendicité', 'Accattonaggio', 'Žobranie'],
  ['illegal_activities', 'Illegal activities (e.g. drug trafficking, theft)', 'Activités illicites (p. ex. trafic de drogue, vol)', 'Attività illecite (es. spaccio, furto)', 'Nezákonná činnosť (napr. drogy, krádeže)'],
  ['mail_order_bride', 'Mail-order bride', 'Mariage par correspondance', 'Sposa per corrispondenza', 'Nevesta na objednávku'],
  ['illegal_adoption', 'Illegal international adoption', 'Adoption internationale illégale', 'Adozione internazionale illegale', 'Nelegálna medzinárodná adopcia'],
  ['organs', 'Trafficking in organs', 'Trafic d’organes', 'Traffico di organi', 'Obchodovanie s orgánmi'],
]);

export const methodsOfControl = list('methods_of_control', [
  ['debt_bondage', 'Debt bondage', 'Servitude pour dettes', 'Servitù per debiti', 'Dlhové otroctvo'],
  ['takes_earnings', 'Takes earnings', 'Confiscation des gains', 'Trattenimento dei guadagni', 'Odoberanie zárobku'],
  ['threats', 'Threats', 'Menaces', 'Minacce', 'Vyhrážky'],
  ['physical_abuse', 'Physical abuse', 'Violences physiques', 'Violenza fisica', 'Fyzické násilie'],
  ['sexual_abuse', 'Sexual abuse', 'Violences sexuelles', 'Violenza sessuale', 'Sexuálne násilie'],
  ['psychological_abuse', 'Psychological abuse', 'Violences psychologiques', 'Violenza psicologica', 'Psychické násilie'],
  ['restricts_movement', 'Restricts movement', 'Restriction de la liberté de mouvement', 'Limitazione della libertà di movimento', 'Obmedzovanie pohybu'],
  ['withholds_documents', 'Withholds documents', 'Confiscation des documents', 'Sequestro dei documenti', 'Zadržiavanie dokladov'],
  ['threats_to_family', 'Threats to family', 'Menaces envers la famille', 'Minacce alla famiglia', 'Vyhrážky rodine'],
  ['substances', 'Forced use of alcohol or drugs', 'Usage forcé d’alcool ou de drogues', 'Uso forzato di alcol o droghe', 'Nútené užívanie alkoholu či drog'],
  ['false_promises', 'False promises', 'Fausses promesses', 'False promesse', 'Falošné sľuby'],
  ['isolation', 'Isolation', 'Isolement', 'Isolamento', 'Izolácia'],
  ['other', 'Other', 'Autre', 'Altro', 'Iné'],
]);

export const recruiterRelationships = list('recruiter_relationships', [
  ['family', 'Family member', 'Membre de la famille', 'Familiare', 'Člen rodiny'],
  ['intimate_partner', 'Intimate partner', 'Partenaire intime', 'Partner', 'Intímny partner'],
  ['friend', 'Friend', 'Ami·e', 'Amico/a', 'Priateľ'],
  ['acquaintance', 'Acquaintance', 'Connaissance', 'Conoscente', 'Známy'],
  ['stranger', 'Stranger', 'Inconnu·e', 'Sconosciuto', 'Cudzí človek'],
  ['employer', 'Employer', 'Employeur', 'Datore di lavoro', 'Zamestnávateľ'],
  ['other', 'Other', 'Autre', 'Altro', 'Iné'],
]);

export const riskLevels = list('risk_levels', [
  ['low', 'Low', 'Faible', 'Basso', 'Nízke'],
  ['medium', 'Medium', 'Moyen', 'Medio', 'Stredné'],
  ['high', 'High', 'Élevé', 'Alto', 'Vysoké'],
  ['critical', 'Critical', 'Critique', 'Critico', 'Kritické'],
]);

export const migrationStatuses = list('migration_statuses', [
  ['national', 'National', 'Ressortissant·e', 'Cittadina/o', 'Štátny občan'],
  ['eu_citizen', 'EU citizen', 'Citoyen·ne de l’UE', 'Cittadina/o UE', 'Občan EÚ'],
  ['regular_permit', 'Regular residence permit', 'Titre de séjour régulier', 'Permesso di soggiorno regolare', 'Platný pobyt'],
  ['asylum_seeker', 'Asylum seeker', 'Demandeur·se d’asile', 'Richiedente asilo', 'Žiadateľ o azyl'],
  ['irregular', 'Irregular stay', 'Séjour irrégulier', 'Soggiorno irregolare', 'Neoprávnený pobyt'],
  ['unknown', 'Unknown', 'Inconnu', 'Sconosciuto', 'Neznámy'],
]);

export const chosenTerms = list('chosen_terms', [
  ['victim', 'victim', 'victime', 'vittima', 'obeť'],
  ['survivor', 'survivor', 'survivante', 'sopravvissuta', 'preživšia'],
  ['beneficiary', 'beneficiary', 'bénéficiaire', 'beneficiaria', 'prijímateľka pomoci'],
  ['trafficked_person', 'trafficked person', 'personne victime de la traite', 'persona trafficata', 'obchodovaná osoba'],
  ['none', 'no term', 'aucun terme', 'nessun termine', 'bez označenia'],
]);
