/**
 * De-identified case records in the layout of IOM's Human Trafficking Case Data
 * Standard (HTCDS v2.0, CC BY 4.0; no IOM endorsement implied). Only
 * non-identifying fields are exported: no names, dates of birth, contacts,
 * addresses, free text, staff or exact dates. Quasi-identifiers are then
 * k-anonymised: small groups are generalised field by field, and records still
 * in a group smaller than k are withheld, so no combination points to fewer than k persons.
 */
import { toCsv } from './csv';
import { ageBandOf, type AgeBand } from './facts';

export const HTCDS_SOURCE =
  'IOM Human Trafficking Case Data Standard (HTCDS) v2.0, CC BY 4.0; no IOM endorsement implied';
export const WITHHELD = 'Withheld';

/** What the export never contains, whatever HTCDS allows: the fields that identify a person or her helpers. */
export const EXCLUDED_FIELDS = [
  'prs_Salutation',
  'prs_FirstName',
  'prs_MiddleName',
  'prs_SecondName',
  'prs_Birthdate',
  'prs_IdentityNumber',
  'prs_Title',
  'prs_Email',
  'prs_HomePhone',
  'prs_MobilePhone',
  'prs_MailingStreet',
  'prs_MailingCity',
  'prs_MailingState',
  'prs_MailingPostalCode',
  'prs_MailingLongitude',
  'prs_MailingLatitude',
  'cas_CaseOwner',
  'cas_ReferringPrimaryCaseWorker',
  'cas_ReferredPrimaryCaseWorker',
  'cas_ReasonForCaseClosure',
  'cas_IncomingReferralDetails',
  'cas_OutgoingReferralDetails',
  'cco_CaseComment',
  'hte_Street',
  'hte_City',
  'hte_PostalCode',
  'hte_Longitude',
  'hte_Latitude',
  'hte_Description',
  'spl_Objectives',
  'spl_ActionPlan',
] as const;

/** One person as an organisation recorded her, before mapping: codes from Ariadne's (seeded, adaptable) lists. */
export interface HtcdsSourceRecord {
  sex: string;
  ageAtFirstContact: number | null;
  citizenship: string | null;
  firstContactYear: number;
  channel: string | null;
  caseStatus: string;
  formsOfExploitation: readonly string[];
  methodsOfControl: readonly string[];
  recruiterRelationship: string | null;
  determinationByOrganisation: 'determined' | 'not_determined' | 'pending' | null;
  determinationByAuthority: 'determined' | 'not_determined' | 'pending' | null;
}

export interface HtcdsRecord {
  ariadne_RecordNumber: number;
  org_Type: string;
  org_ShippingCountry: string;
  prs_Gender: string;
  prs_Citizenship: string;
  ariadne_AgeBandAtFirstContact: AgeBand | typeof WITHHELD;
  ariadne_FirstContactYear: number | typeof WITHHELD;
  ariadne_IdentificationChannel: string;
  vic_TraffickingStatus: string;
  vic_TraffickingStatusDecisionMakingOrg: string;
  vic_RelationshipToTrafficker: string;
  vic_TypeOfExploitation: string[];
  vic_MethodsOfControl: string[];
  cas_Status: string;
  con_Consent: true;
}

// Seed codes → HTCDS picklist values. Codes an organisation adds itself map to "Other".
const GENDER: Record<string, string> = {
  female: 'Feminine',
  male: 'Masculine',
  other: 'NonConforming',
  unknown: 'NonSpecifiedUnknown',
};
const EXPLOITATION: Record<string, string> = {
  sexual: 'SexualExploitation',
  forced_labour: 'ForcedLabour',
  begging: 'ForcedBegging',
  mail_order_bride: 'ForcedMarriage',
  illegal_adoption: 'ForcedAdoption',
  organs: 'OrganRemoval',
  illegal_activities: 'Other',
};
const CONTROL: Record<string, string> = {
  debt_bondage: 'DebtBondage',
  takes_earnings: 'TakesEarnings',
  threats: 'PhysicalThreats',
  physical_abuse: 'PhysicalAbuse',
  sexual_abuse: 'SexualAbuse',
  psychological_abuse: 'PsychologicalAbuse',
  withholds_documents: 'WithholdsDocuments',
  threats_to_family: 'ThreatensChildrenFamily',
  substances: 'PsychoactiveSubstance',
  false_promises: 'FalsePromises',
};
const RELATIONSHIP: Record<string, string> = {
  family: 'Familial',
  intimate_partner: 'Acquainted',
  friend: 'Acquainted',
  acquaintance: 'Acquainted',
  employer: 'Acquainted',
  stranger: 'Unaquainted',
};
const ORGANISATION_TYPE: Record<string, string> = {
  ngo: 'NGO',
  religious_institution: 'NGO',
  womens_group: 'NGO',
  social_cooperative: 'NGO',
  advocacy_group: 'NGO',
  international_organisation: 'NGO',
  public_institution: 'CentralGovernmentOrganisation',
  municipality: 'LocalGovernmentOrganisation',
  regional_administration: 'LocalGovernmentOrganisation',
  health_service: 'HealthServiceOrganisation',
  law_enforcement: 'LawEnforcement',
  judiciary: 'LegalService',
  employer: 'CorporateBusiness',
  training_centre: 'SchoolOrCollege',
};
const DECIDER_OF_TYPE: Record<string, string> = {
  NGO: 'NGO',
  LawEnforcement: 'Police',
  LegalService: 'CourtOrProsecution',
  CentralGovernmentOrganisation: 'NonPoliceGovernmentalOrganization',
  LocalGovernmentOrganisation: 'NonPoliceGovernmentalOrganization',
  HealthServiceOrganisation: 'NonPoliceGovernmentalOrganization',
};
const CASE_STATUS: Record<string, string> = {
  contact: 'Active',
  identification: 'Active',
  reflection: 'Active',
  programme: 'Active',
  paused: 'Active',
  follow_up: 'FollowUp',
  closed: 'Closed',
};

const mapAll = (codes: readonly string[], table: Record<string, string>) =>
  [...new Set(codes.map((c) => table[c] ?? 'Other'))].sort();

function traffickingStatus(r: HtcdsSourceRecord): string {
  if (r.determinationByOrganisation === 'determined' || r.determinationByAuthority === 'determined')
    return 'ActualVictimOfTrafficking';
  const decided = [r.determinationByOrganisation, r.determinationByAuthority].filter((d) => d !== null);
  if (decided.length > 0 && decided.every((d) => d === 'not_determined')) return 'NotAVictimOfTrafficking';
  return 'PossibleVictimOfTrafficking';
}

/** The authority's name is free text in Ariadne, so its HTCDS category is not guessed: "Other". */
function decider(r: HtcdsSourceRecord, orgType: string): string {
  if (r.determinationByAuthority === 'determined') return 'Other';
  if (r.determinationByOrganisation === 'determined') return DECIDER_OF_TYPE[orgType] ?? 'Other';
  return '';
}

export function toHtcdsRecords(
  records: readonly HtcdsSourceRecord[],
  organisation: { type: string | null; country: string | null },
): HtcdsRecord[] {
  const orgType = (organisation.type && ORGANISATION_TYPE[organisation.type]) ?? '';
  return records.map((r, i) => ({
    ariadne_RecordNumber: i + 1,
    org_Type: orgType,
    org_ShippingCountry: organisation.country ?? '',
    prs_Gender: GENDER[r.sex] ?? 'NonSpecifiedUnknown',
    prs_Citizenship: r.citizenship ?? '',
    ariadne_AgeBandAtFirstContact: ageBandOf(r.ageAtFirstContact),
    ariadne_FirstContactYear: r.firstContactYear,
    ariadne_IdentificationChannel: r.channel ?? '',
    vic_TraffickingStatus: traffickingStatus(r),
    vic_TraffickingStatusDecisionMakingOrg: decider(r, orgType),
    vic_RelationshipToTrafficker: r.recruiterRelationship ? (RELATIONSHIP[r.recruiterRelationship] ?? '') : '',
    vic_TypeOfExploitation: mapAll(r.formsOfExploitation, EXPLOITATION),
    vic_MethodsOfControl: mapAll(r.methodsOfControl, CONTROL),
    cas_Status: CASE_STATUS[r.caseStatus] ?? 'Active',
    con_Consent: true,
  }));
}

/** The fields that, together, could single a person out; generalised in this order (least useful first). */
export const QUASI_IDENTIFIERS = [
  'prs_Citizenship',
  'ariadne_AgeBandAtFirstContact',
  'ariadne_FirstContactYear',
  'prs_Gender',
] as const;
const GENERALISED_IN_ORDER = ['prs_Citizenship', 'ariadne_AgeBandAtFirstContact', 'ariadne_FirstContactYear'] as const;

export interface KAnonymityResult {
  records: HtcdsRecord[];
  k: number;
  /** How many records had each field generalised to "Withheld". */
  generalised: Record<(typeof GENERALISED_IN_ORDER)[number], number>;
  /** Records left out because even fully generalised they would stand in a group smaller than k. */
  withheldRecords: number;
}

const groupKey = (r: HtcdsRecord) => QUASI_IDENTIFIERS.map((f) => String(r[f])).join('\u0000');

function groupSizes(records: readonly HtcdsRecord[]): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const r of records) sizes.set(groupKey(r), (sizes.get(groupKey(r)) ?? 0) + 1);
  return sizes;
}

/** Local recoding: only records in groups smaller than k lose detail, one field at a time. */
export function kAnonymise(input: readonly HtcdsRecord[], k: number): KAnonymityResult {
  if (!Number.isInteger(k) || k < 2) throw new RangeError('k must be a whole number of at least 2');
  let records = input.map((r) => ({ ...r }));
  const generalised = { prs_Citizenship: 0, ariadne_AgeBandAtFirstContact: 0, ariadne_FirstContactYear: 0 };
  for (const field of GENERALISED_IN_ORDER) {
    const sizes = groupSizes(records);
    records = records.map((r) => {
      if ((sizes.get(groupKey(r)) ?? 0) >= k || r[field] === WITHHELD) return r;
      generalised[field] += 1;
      return { ...r, [field]: WITHHELD };
    });
  }
  const sizes = groupSizes(records);
  const kept = records.filter((r) => (sizes.get(groupKey(r)) ?? 0) >= k);
  return {
    records: kept.map((r, i) => ({ ...r, ariadne_RecordNumber: i + 1 })),
    k,
    generalised,
    withheldRecords: records.length - kept.length,
  };
}

export const HTCDS_COLUMNS: readonly (keyof HtcdsRecord)[] = [
  'ariadne_RecordNumber',
  'org_Type',
  'org_ShippingCountry',
  'prs_Gender',
  'prs_Citizenship',
  'ariadne_AgeBandAtFirstContact',
  'ariadne_FirstContactYear',
  'ariadne_IdentificationChannel',
  'vic_TraffickingStatus',
  'vic_TraffickingStatusDecisionMakingOrg',
  'vic_RelationshipToTrafficker',
  'vic_TypeOfExploitation',
  'vic_MethodsOfControl',
  'cas_Status',
  'con_Consent',
];

/** CSV with HTCDS field names as headers; multiselect values joined by ";". */
export function htcdsToCsv(records: readonly HtcdsRecord[]): string {
  return toCsv(
    HTCDS_COLUMNS,
    records.map((r) =>
      HTCDS_COLUMNS.map((c) => {
        const v = r[c];
        return Array.isArray(v) ? v.join(';') : v;
      }),
    ),
  );
}
