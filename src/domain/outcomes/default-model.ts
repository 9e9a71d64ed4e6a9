/**
 * Seed data of the outcome model: the four dimensions and fifteen elements of
 * (re)integration (001:3270–3297, 6268–6311; friends, community and religious
 * community added from the interview guide, 001:7080–7130), with per-dimension
 * anchors for the 0–4 scale. Plain data: model.ts validates it.
 */
import type { Labels } from './model';

type Anchor = { score: number; label: Labels; description: Labels };
const L = (en: string, fr: string, it: string, sk: string): Labels => ({ en, fr, it, sk });

const LEVEL_LABELS: Labels[] = [
  L('Severe difficulty', 'Difficulté grave', 'Grave difficoltà', 'Vážne ťažkosti'),
  L('Significant difficulty', 'Difficulté importante', 'Difficoltà rilevante', 'Značné ťažkosti'),
  L('Partly in place', 'Partiellement acquis', 'Parzialmente raggiunto', 'Čiastočne dosiahnuté'),
  L('Mostly in place', 'Largement acquis', 'In gran parte raggiunto', 'Väčšinou dosiahnuté'),
  L('Thriving / fully resolved', 'Épanouie / pleinement résolu', 'Piena realizzazione / risolto', 'Darí sa jej / plne vyriešené'),
];

const anchors = (descriptions: Labels[]): Anchor[] => descriptions.map((description, score) => ({ score, label: LEVEL_LABELS[score], description }));

const RECOVERY = anchors([
  L('Overwhelmed by symptoms or injuries; needs urgent care', 'Submergée par les symptômes ou blessures ; soins urgents nécessaires', 'Sopraffatta da sintomi o lesioni; servono cure urgenti', 'Preťažená príznakmi alebo zraneniami; potrebuje naliehavú starostlivosť'),
  L('Frequent symptoms that disrupt daily life; care under way', 'Symptômes fréquents qui perturbent la vie quotidienne ; soins en cours', 'Sintomi frequenti che disturbano la vita quotidiana; cure in corso', 'Časté príznaky narúšajú bežný život; starostlivosť prebieha'),
  L('Symptoms present but manageable with support', 'Symptômes présents mais gérables avec du soutien', 'Sintomi presenti ma gestibili con sostegno', 'Príznaky sú prítomné, ale s podporou zvládnuteľné'),
  L('Occasional symptoms she manages herself', 'Symptômes occasionnels qu’elle gère elle-même', 'Sintomi occasionali che gestisce da sola', 'Občasné príznaky, ktoré zvláda sama'),
  L('Feels well and in control of her memories and health', 'Se sent bien et maîtresse de ses souvenirs et de sa santé', 'Si sente bene e padrona dei suoi ricordi e della sua salute', 'Cíti sa dobre a má kontrolu nad spomienkami aj zdravím'),
]);

const ECONOMIC = anchors([
  L('No safe place to live or means of subsistence', 'Ni logement sûr ni moyens de subsistance', 'Nessun alloggio sicuro né mezzi di sussistenza', 'Bez bezpečného bývania a prostriedkov na živobytie'),
  L('Depends entirely on emergency support', 'Dépend entièrement d’une aide d’urgence', 'Dipende interamente da un sostegno d’emergenza', 'Úplne odkázaná na núdzovú pomoc'),
  L('Basic needs met, situation fragile', 'Besoins de base couverts, situation fragile', 'Bisogni di base coperti, situazione fragile', 'Základné potreby pokryté, situácia krehká'),
  L('Stable for now, with a plan she chose', 'Stable pour l’instant, avec un projet qu’elle a choisi', 'Stabile per ora, con un progetto scelto da lei', 'Zatiaľ stabilná, s plánom, ktorý si zvolila'),
  L('Sustainable arrangement that meets her needs', 'Situation durable qui répond à ses besoins', 'Situazione sostenibile che risponde ai suoi bisogni', 'Udržateľné riešenie, ktoré zodpovedá jej potrebám'),
]);

const INSTITUTIONAL = anchors([
  L('No documents or access to services; no trusted contact', 'Ni documents ni accès aux services ; aucun contact de confiance', 'Nessun documento né accesso ai servizi; nessun contatto di fiducia', 'Bez dokladov a prístupu k službám; bez dôveryhodného kontaktu'),
  L('Access blocked or services uncoordinated', 'Accès bloqué ou services non coordonnés', 'Accesso bloccato o servizi non coordinati', 'Prístup zablokovaný alebo služby nekoordinované'),
  L('Some access; documents or cooperation still pending', 'Accès partiel ; documents ou coopération encore en attente', 'Accesso parziale; documenti o cooperazione ancora in sospeso', 'Čiastočný prístup; doklady alebo spolupráca ešte chýbajú'),
  L('Documents in hand and a trusted service relationship', 'Documents obtenus et relation de confiance avec un service', 'Documenti ottenuti e rapporto di fiducia con un servizio', 'Má doklady a dôveryhodný vzťah so službou'),
  L('Uses services on her own terms, with full access', 'Utilise les services selon ses choix, avec plein accès', 'Usa i servizi alle sue condizioni, con pieno accesso', 'Využíva služby podľa svojich rozhodnutí, s plným prístupom'),
]);

const SOCIAL = anchors([
  L('Rejected or isolated; relationships unsafe', 'Rejetée ou isolée ; relations dangereuses', 'Rifiutata o isolata; relazioni non sicure', 'Odmietnutá alebo izolovaná; vzťahy nebezpečné'),
  L('Contact strained or marked by stigma', 'Contacts tendus ou marqués par la stigmatisation', 'Contatti tesi o segnati dallo stigma', 'Kontakty napäté alebo poznačené stigmou'),
  L('Some accepting contact, not yet meeting her needs', 'Quelques contacts bienveillants, pas encore suffisants pour elle', 'Qualche contatto accogliente, non ancora sufficiente per lei', 'Niektoré prijímajúce kontakty, zatiaľ nestačia jej potrebám'),
  L('Accepted and supported in most relationships', 'Acceptée et soutenue dans la plupart de ses relations', 'Accettata e sostenuta nella maggior parte delle relazioni', 'Prijatá a podporovaná vo väčšine vzťahov'),
  L('Fully accepted; relationships meet her needs', 'Pleinement acceptée ; ses relations répondent à ses besoins', 'Pienamente accettata; le relazioni rispondono ai suoi bisogni', 'Plne prijatá; vzťahy zodpovedajú jej potrebám'),
]);

const el = (code: string, dimension: string, subdimension: string | null, priority: number, label: Labels, judgedFrom?: 'own_view' | 'others_acceptance') =>
  ({ code, dimension, subdimension, priority, label, ...(judgedFrom ? { judgedFrom } : {}) });

/** Unvalidated input of the default model; parse with `parseOutcomeModel`. */
export const DEFAULT_OUTCOME_MODEL_INPUT = {
  version: '2025-001',
  scale: { min: 0, max: 4 },
  dimensions: [
    { code: 'recovery', label: L('Recovery', 'Rétablissement', 'Recupero', 'Zotavenie'), anchors: RECOVERY },
    { code: 'economic', label: L('Economic', 'Économique', 'Economica', 'Ekonomická'), anchors: ECONOMIC },
    { code: 'institutional', label: L('Institutional', 'Institutionnelle', 'Istituzionale', 'Inštitucionálna'), anchors: INSTITUTIONAL },
    { code: 'social', label: L('Social', 'Sociale', 'Sociale', 'Sociálna'), anchors: SOCIAL },
  ],
  elements: [
    el('authority_over_remembering', 'recovery', 'psychological_individual', 1, L('Authority over the remembering process', 'Maîtrise du processus de remémoration', 'Padronanza del processo del ricordo', 'Kontrola nad procesom spomínania')),
    el('self_esteem_cohesion', 'recovery', 'psychological_individual', 1, L('Self-esteem and self-cohesion', 'Estime de soi et cohésion du soi', 'Autostima e coesione del sé', 'Sebaúcta a súdržnosť osobnosti')),
    el('meaning_making', 'recovery', 'psychological_individual', 1, L('Meaning making', 'Construction de sens', 'Attribuzione di significato', 'Hľadanie zmyslu')),
    el('ptss_recovery', 'recovery', 'psychological_individual', 1, L('Recovery from post-traumatic stress symptoms', 'Rétablissement des symptômes de stress post-traumatique', 'Recupero dai sintomi da stress post-traumatico', 'Zotavenie z príznakov posttraumatického stresu')),
    el('safe_attachment', 'recovery', 'psychological_social', 1, L('Safe attachment', 'Attachement sécurisant', 'Attaccamento sicuro', 'Bezpečná vzťahová väzba'), 'own_view'),
    el('physical_recovery', 'recovery', 'physical', 1, L('Recovery from injuries and health', 'Guérison des blessures et santé', 'Guarigione dalle lesioni e salute', 'Zotavenie zo zranení a zdravie')),
    el('place_to_live', 'economic', null, 2, L('A place to live', 'Un lieu où vivre', 'Un luogo dove vivere', 'Miesto na bývanie')),
    el('financial_stability', 'economic', null, 2, L('Financial stability and sustainability', 'Stabilité et durabilité financières', 'Stabilità e sostenibilità finanziaria', 'Finančná stabilita a udržateľnosť')),
    el('institutional_support', 'institutional', null, 2, L('Institutional functioning, coordination and cooperation in support', 'Fonctionnement, coordination et coopération des institutions', 'Funzionamento, coordinamento e cooperazione delle istituzioni', 'Fungovanie, koordinácia a spolupráca inštitúcií pri podpore')),
    el('provider_peer_relationships', 'institutional', null, 2, L('Relationships with service providers and peers', 'Relations avec les intervenants et les pairs', 'Relazioni con operatori e pari', 'Vzťahy s poskytovateľmi služieb a rovesníčkami')),
    el('legal_empowerment', 'institutional', null, 2, L('Legal empowerment (documents giving access to services)', 'Autonomie juridique (documents donnant accès aux services)', 'Empowerment legale (documenti per accedere ai servizi)', 'Právne posilnenie (doklady umožňujúce prístup k službám)')),
    el('family_reconciliation', 'social', 'family', 2, L('Reconciliation with family of origin or family created before trafficking', 'Réconciliation avec la famille d’origine ou fondée avant la traite', 'Riconciliazione con la famiglia d’origine o creata prima della tratta', 'Zmierenie s pôvodnou rodinou alebo rodinou založenou pred obchodovaním'), 'others_acceptance'),
    el('new_family', 'social', 'family', 2, L('Creating a new family', 'Fonder une nouvelle famille', 'Creare una nuova famiglia', 'Založenie novej rodiny'), 'others_acceptance'),
    el('friends_community', 'social', 'community', 2, L('Friends and community', 'Amis et communauté', 'Amici e comunità', 'Priatelia a komunita'), 'others_acceptance'),
    el('religious_community', 'social', 'community', 2, L('Religious community', 'Communauté religieuse', 'Comunità religiosa', 'Náboženská komunita'), 'others_acceptance'),
  ],
};
