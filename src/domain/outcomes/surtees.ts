/** Surtees' (2010) 14 impact indicators of (re)integration (001:3458–3470), translated. */
import type { Labels } from './model';

const L = (en: string, fr: string, it: string, sk: string): Labels => ({ en, fr, it, sk });

export const SURTEES_INDICATORS = [
  { number: 1, code: 'accommodation', label: L('Safe and affordable accommodation', 'Logement sûr et abordable', 'Alloggio sicuro e accessibile', 'Bezpečné a dostupné bývanie') },
  { number: 2, code: 'legal_status', label: L('Legal status', 'Statut juridique', 'Status giuridico', 'Právne postavenie') },
  { number: 3, code: 'employment', label: L('Professional and employment opportunities', 'Perspectives professionnelles et d’emploi', 'Opportunità professionali e di lavoro', 'Profesijné a pracovné príležitosti') },
  { number: 4, code: 'education', label: L('Education and training opportunities', 'Possibilités d’éducation et de formation', 'Opportunità di istruzione e formazione', 'Príležitosti na vzdelávanie a odbornú prípravu') },
  { number: 5, code: 'security', label: L('Security and safety', 'Sécurité et sûreté', 'Sicurezza e protezione', 'Bezpečnosť a ochrana') },
  { number: 6, code: 'social_environment', label: L('Healthy social environment', 'Environnement social sain', 'Ambiente sociale sano', 'Zdravé sociálne prostredie') },
  { number: 7, code: 'social_wellbeing', label: L('Social well-being and positive interpersonal relations', 'Bien-être social et relations interpersonnelles positives', 'Benessere sociale e relazioni interpersonali positive', 'Sociálna pohoda a pozitívne medziľudské vzťahy') },
  { number: 8, code: 'economic_situation', label: L('Economic situation', 'Situation économique', 'Situazione economica', 'Ekonomická situácia') },
  { number: 9, code: 'physical_wellbeing', label: L('Physical well-being', 'Bien-être physique', 'Benessere fisico', 'Telesná pohoda') },
  { number: 10, code: 'mental_wellbeing', label: L('Mental well-being', 'Bien-être mental', 'Benessere mentale', 'Duševná pohoda') },
  { number: 11, code: 'access_to_services', label: L('Access to services and opportunities', 'Accès aux services et aux opportunités', 'Accesso ai servizi e alle opportunità', 'Prístup k službám a príležitostiam') },
  { number: 12, code: 'motivation', label: L('Motivation and commitment to the (re)integration process', 'Motivation et engagement dans le processus de (ré)intégration', 'Motivazione e impegno nel processo di (re)integrazione', 'Motivácia a odhodlanie pre proces (re)integrácie') },
  { number: 13, code: 'legal_proceedings', label: L('Legal issues and court proceedings', 'Questions juridiques et procédures judiciaires', 'Questioni legali e procedimenti giudiziari', 'Právne otázky a súdne konania') },
  { number: 14, code: 'secondary_beneficiaries', label: L('Assistance to secondary beneficiaries (family members)', 'Aide aux bénéficiaires secondaires (membres de la famille)', 'Assistenza ai beneficiari secondari (familiari)', 'Pomoc sekundárnym príjemcom (rodinným príslušníkom)') },
] as const;

export type SurteesIndicatorNumber = (typeof SURTEES_INDICATORS)[number]['number'];
