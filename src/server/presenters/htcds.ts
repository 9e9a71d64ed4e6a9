/** Exactly which fields of the de-identified HTCDS export leave the server: the HTCDS columns Ariadne fills, and its provenance. */
import { z } from 'zod';
import { HTCDS_COLUMNS, type HtcdsRecord } from '../../domain/statistics/htcds';

export const HtcdsRecordSchema = z
  .strictObject({
    ariadne_RecordNumber: z.number().int(),
    org_Type: z.string(),
    org_ShippingCountry: z.string(),
    prs_Gender: z.string(),
    prs_Citizenship: z.string(),
    ariadne_AgeBandAtFirstContact: z.string(),
    ariadne_FirstContactYear: z.union([z.number().int(), z.string()]).describe('a year, or "Withheld"'),
    ariadne_IdentificationChannel: z.string(),
    vic_TraffickingStatus: z.string(),
    vic_TraffickingStatusDecisionMakingOrg: z.string(),
    vic_RelationshipToTrafficker: z.string(),
    vic_TypeOfExploitation: z.array(z.string()),
    vic_MethodsOfControl: z.array(z.string()),
    cas_Status: z.string(),
    con_Consent: z.literal(true),
  })
  .meta({ id: 'HtcdsRecord' });

export const HtcdsExportSchema = z
  .strictObject({
    provenance: z.strictObject({
      standard: z.string(),
      organisation: z.string(),
      generatedAt: z.string(),
      counts: z.string(),
      personsWithConsent: z.number().int(),
      personsWithoutConsent: z.number().int(),
      k: z.number().int(),
      /** How many records had each quasi-identifier generalised to "Withheld". */
      generalised: z.strictObject({
        prs_Citizenship: z.number().int(),
        ariadne_AgeBandAtFirstContact: z.number().int(),
        ariadne_FirstContactYear: z.number().int(),
      }),
      withheldRecords: z.number().int(),
      excludedFields: z.array(z.string()),
    }),
    records: z.array(HtcdsRecordSchema),
  })
  .meta({ id: 'HtcdsExport' });
type HtcdsExportView = z.infer<typeof HtcdsExportSchema>;

export function presentHtcdsRecord(r: HtcdsRecord): HtcdsExportView['records'][number] {
  const out = Object.fromEntries(HTCDS_COLUMNS.map((c) => [c, Array.isArray(r[c]) ? [...(r[c] as string[])] : r[c]]));
  return out as HtcdsExportView['records'][number];
}

export function presentHtcdsExport(e: {
  provenance: Omit<HtcdsExportView['provenance'], 'excludedFields'> & { excludedFields: readonly string[] };
  records: HtcdsRecord[];
}): HtcdsExportView {
  const p = e.provenance;
  return {
    provenance: {
      standard: p.standard,
      organisation: p.organisation,
      generatedAt: p.generatedAt,
      counts: p.counts,
      personsWithConsent: p.personsWithConsent,
      personsWithoutConsent: p.personsWithoutConsent,
      k: p.k,
      generalised: {
        prs_Citizenship: p.generalised.prs_Citizenship,
        ariadne_AgeBandAtFirstContact: p.generalised.ariadne_AgeBandAtFirstContact,
        ariadne_FirstContactYear: p.generalised.ariadne_FirstContactYear,
      },
      withheldRecords: p.withheldRecords,
      excludedFields: [...p.excludedFields],
    },
    records: e.records.map(presentHtcdsRecord),
  };
}
