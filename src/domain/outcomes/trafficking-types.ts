/**
 * Typology of the severity of the trafficking experience (001:3951–4119).
 * Severity shapes which services she needs; the duration of the experience is
 * recorded but is not an influencing factor (001:3926–3930).
 */
import type { Labels } from './model';

const L = (en: string, fr: string, it: string, sk: string): Labels => ({ en, fr, it, sk });

export const TRAFFICKING_TYPES = [
  {
    type: 1,
    label: L('Forced, total control, extreme violence', 'Contrainte, contrôle total, violence extrême', 'Costrizione, controllo totale, violenza estrema', 'Donútenie, úplná kontrola, extrémne násilie'),
    description: L(
      'Misled or forced into sex work (e.g. by a "loverboy" or while migrating for work); documents taken, no pay, no outside contact, daily quotas, extreme physical and mental violence. Needs extensive medical and psychological help.',
      'Trompée ou contrainte au travail du sexe (par ex. par un « loverboy » ou en migrant pour travailler) ; documents confisqués, aucun paiement, aucun contact extérieur, quotas quotidiens, violences physiques et psychologiques extrêmes. Besoin d’une aide médicale et psychologique importante.',
      'Ingannata o costretta al lavoro sessuale (ad es. da un "loverboy" o migrando per lavoro); documenti sottratti, nessun compenso, nessun contatto esterno, quote giornaliere, violenza fisica e psicologica estrema. Necessita di ampio aiuto medico e psicologico.',
      'Oklamaná alebo donútená k sexuálnej práci (napr. „loverboyom“ alebo pri migrácii za prácou); odobraté doklady, žiadna odmena, žiadny kontakt s okolím, denné kvóty, extrémne fyzické a psychické násilie. Potrebuje rozsiahlu zdravotnú a psychologickú pomoc.',
    ),
  },
  {
    type: 2,
    label: L('Knowingly entered sex work, then misled and exploited', 'Entrée sciemment dans le travail du sexe, puis trompée et exploitée', 'Entrata consapevolmente nel lavoro sessuale, poi ingannata e sfruttata', 'Vedome vstúpila do sexuálnej práce, potom oklamaná a vykorisťovaná'),
    description: L(
      'Knew she would do sex work but was misled about conditions, exploited financially and limited in her freedom by threats (often against her family or of exposure). Needs urgent medical attention, counselling, and help with safety and economic concerns.',
      'Savait qu’elle ferait du travail du sexe mais a été trompée sur les conditions, exploitée financièrement et privée de liberté par des menaces (souvent contre sa famille ou de révélation). Besoin de soins médicaux urgents, d’accompagnement psychologique et d’aide pour sa sécurité et sa situation économique.',
      'Sapeva che avrebbe svolto lavoro sessuale ma è stata ingannata sulle condizioni, sfruttata economicamente e limitata nella libertà con minacce (spesso contro la famiglia o di esposizione). Necessita di cure mediche urgenti, counselling e aiuto per sicurezza e situazione economica.',
      'Vedela, že bude vykonávať sexuálnu prácu, ale bola oklamaná o podmienkach, finančne vykorisťovaná a obmedzovaná na slobode vyhrážkami (často voči rodine alebo odhalením). Potrebuje naliehavú zdravotnú starostlivosť, poradenstvo a pomoc s bezpečnosťou a ekonomickou situáciou.',
    ),
  },
  {
    type: 3,
    label: L('Slow to see herself as a victim (shared profits)', 'Tarde à se reconnaître victime (profits partagés)', 'Lenta a riconoscersi vittima (profitti condivisi)', 'Pomaly sa vníma ako obeť (delené zisky)'),
    description: L(
      'Accepted sex work while sharing profits with a pimp and took time to see it as exploitation; legally a victim. Focus on counselling, then compensation, and protection from renewed exploitation.',
      'A accepté le travail du sexe en partageant les gains avec un proxénète et a mis du temps à y voir une exploitation ; victime au sens juridique. Priorité à l’accompagnement, puis à l’indemnisation et à la protection contre une nouvelle exploitation.',
      'Ha accettato il lavoro sessuale dividendo i guadagni con uno sfruttatore e ha impiegato tempo a riconoscerlo come sfruttamento; vittima sul piano giuridico. Priorità al counselling, poi al risarcimento e alla protezione da nuovo sfruttamento.',
      'Prijala sexuálnu prácu a delila sa o zisky s pasákom; trvalo jej, kým to uznala za vykorisťovanie; právne je obeťou. Dôraz na poradenstvo, potom odškodnenie a ochranu pred opätovným vykorisťovaním.',
    ),
  },
] as const;

export type TraffickingType = (typeof TRAFFICKING_TYPES)[number]['type'];

/** The trafficking experience as recorded; `durationDays` is kept for the record only, never as a factor. */
export interface TraffickingExperience {
  type: TraffickingType | null;
  traffickerRelation?: 'family_member' | 'partner' | 'acquaintance' | 'stranger' | 'unknown';
  durationDays?: number | null;
  /** Who supplied this: she need not retell it (001:4168). */
  source: 'own_view' | 'caseworker_observation' | 'document';
}
