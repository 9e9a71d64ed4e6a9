import { describe, expect, it } from 'vitest';
import { FormDefinitionSchema, type FormDefinitionInput } from './definition';
import { formValuesCsv } from './export';
import { presentRecord } from './present';
import { sharedFormRecords, sharedValues } from './referral';

const input: FormDefinitionInput = {
  code: 'health',
  title: { en: 'Health', fr: 'Santé' },
  target: 'case',
  referralSection: 'health',
  sections: [
    {
      name: 'general',
      label: { en: 'General', fr: 'Général' },
      fields: [
        { name: 'pregnant', type: 'yes_no', label: { en: 'Pregnant', fr: 'Enceinte' } },
        { name: 'weeks', type: 'number', label: { en: 'Weeks', fr: 'Semaines' }, relevant: '${pregnant} = true()' },
        { name: 'seen_on', type: 'date', label: { en: 'Seen on', fr: 'Vue le' } },
        {
          name: 'needs',
          type: 'select_multiple',
          label: { en: 'Needs', fr: 'Besoins' },
          choices: {
            options: [
              { code: 'dental', label: { en: 'Dental', fr: 'Dentaire' } },
              { code: 'eyes', label: { en: 'Eyes', fr: 'Yeux' } },
            ],
          },
        },
        { name: 'service', type: 'select_one', label: { en: 'Service' }, choices: { list: 'services' } },
        { name: 'old_code', type: 'number', label: { en: 'Old code' }, retired: true },
        { name: 'remarks', type: 'long_text', label: { en: 'Remarks' } },
        {
          name: 'nationality',
          type: 'select_one',
          label: { en: 'Nationality' },
          sensitive: true,
          choices: { list: 'countries' },
        },
        { name: 'scan', type: 'attachment', label: { en: 'Scan' } },
      ],
    },
  ],
};
const v1 = FormDefinitionSchema.parse(input);
const v2 = FormDefinitionSchema.parse({
  ...input,
  sections: [
    {
      ...input.sections[0],
      fields: [
        ...input.sections[0].fields.filter((f) => f.name !== 'seen_on'),
        { name: 'smoker', type: 'yes_no', label: { en: 'Smoker' } },
      ],
    },
  ],
});
const fr = { locale: 'fr', yes: 'Oui', no: 'Non', codes: { 'services.shelter': 'Hébergement' } };

describe('presentRecord', () => {
  it('prints labels of the reader language, choice labels, yes/no words and local dates; empty fields omitted', () => {
    const [section] = presentRecord(
      v1,
      { pregnant: false, seen_on: '2026-03-04', needs: ['dental', 'eyes'], service: 'shelter', old_code: 7 },
      fr,
    );
    expect(section.label).toBe('Général');
    expect(section.fields.map((f) => [f.label, f.value])).toEqual([
      ['Enceinte', 'Non'],
      ['Vue le', '4 mars 2026'],
      ['Besoins', 'Dentaire, Yeux'],
      ['Service', 'Hébergement'],
      ['Old code', '7'],
    ]);
    expect(section.fields.find((f) => f.name === 'old_code')?.retired).toBe(true);
  });
  it('leaves a record with nothing recorded without sections', () => {
    expect(presentRecord(v1, { weeks: '' as never }, fr)).toEqual([]);
  });
});

describe('formValuesCsv', () => {
  const out = formValuesCsv({
    versions: [
      { version: 1, definition: v1 },
      { version: 2, definition: v2 },
    ],
    records: [
      {
        caseReference: 'NOR-1',
        recordedAt: '2026-01-02T10:00:00Z',
        version: 1,
        values: { pregnant: true, weeks: 12, seen_on: '2026-01-01', needs: ['dental'] },
      },
      {
        caseReference: 'NOR-2',
        recordedAt: '2026-02-03T10:00:00Z',
        version: 2,
        values: { smoker: false, service: '=HYPERLINK("x")' },
      },
    ],
    locale: 'en',
    codes: { 'services.shelter': 'Shelter' },
  });
  it('has one column per field over every version and withholds every sealed field', () => {
    expect(out.columns).toEqual([
      'case_reference',
      'recorded_on',
      'form_version',
      'pregnant (Pregnant)',
      'weeks (Weeks)',
      'needs (Needs)',
      'service (Service)',
      'old_code (Old code)',
      'smoker (Smoker)',
      'seen_on (Seen on)',
    ]);
    expect(out.withheld).toEqual(['remarks', 'nationality', 'scan']);
    expect(out.rows).toBe(2);
  });
  it('writes codes with labels and neutralises formulas', () => {
    const lines = out.csv.split('\r\n');
    expect(lines[1]).toBe('NOR-1,2026-01-02,1,yes,12,dental (Dental),,,,2026-01-01');
    expect(lines[2]).toBe(`NOR-2,2026-02-03,2,,,,"'=HYPERLINK(""x"")",,no,`);
  });
});

describe('sharedFormRecords', () => {
  const record = {
    definition: v1,
    version: 1,
    recordedAt: '2026-01-02T10:00:00.000Z',
    values: { pregnant: true, service: 'shelter', remarks: 'seen by Dr X', scan: 'file-1' },
  };
  const lists = { services: { shelter: { en: 'Shelter', fr: 'Hébergement' }, legal: { en: 'Legal' } } };
  it('crosses only within its chosen section, without attachments, labels of its version carried', () => {
    expect(sharedFormRecords(['needs'], [record], lists)).toEqual([]);
    const [shared] = sharedFormRecords(['needs', 'health'], [record], lists);
    expect(sharedValues(shared)).toEqual({ pregnant: true, service: 'shelter', remarks: 'seen by Dr X' });
    const service = shared.sections[0].fields.find((f) => f.name === 'service');
    expect(service?.choices).toEqual({ options: [{ code: 'shelter', label: { en: 'Shelter', fr: 'Hébergement' } }] });
    expect(presentRecord(shared, sharedValues(shared), fr)[0].fields.map((f) => f.value)).toEqual([
      'Oui',
      'Hébergement',
      'seen by Dr X',
    ]);
  });
  it('never crosses with referralSection null', () => {
    const closed = { ...record, definition: { ...v1, referralSection: null } };
    expect(sharedFormRecords(['health', 'identity', 'legal'], [closed], lists)).toEqual([]);
  });
});
