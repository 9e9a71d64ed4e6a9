/**
 * The printed case file: a pdfmake document definition built from data already decrypted and
 * checked by the service, the labels of the reader's language and her chosen sections. Pure: no
 * HTTP, no SQL, no keys. The PDF is rendered from it in a worker thread (src/workers/tasks.ts).
 *
 * Only the chosen sections are written; a section with nothing recorded says so. Every page carries
 * a footer naming who printed the file and when, and "page x of y".
 *
 * @example buildCaseFile({ ...data, sections: ['person', 'consent'], locale: 'fr', labels }).content
 */
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { Labels } from '../reference/types';
import type { FormValues } from '../forms/definition';
import { labelIn, presentRecord, type PresentableForm } from '../forms/present';
import { CODED_FIELDS } from './entries';

import { CASE_FILE_SECTIONS, type CaseFileSection } from './vocabulary';

export { CASE_FILE_SECTIONS, type CaseFileSection };

/** Which section prints each record kind; a kind not named here (a newer one) prints under "other". */
const SECTION_OF_KIND: Record<string, CaseFileSection> = {
  risk_assessment: 'intake',
  identification: 'identification',
  determination_organisation: 'identification',
  determination_authority: 'identification',
  migration_status: 'identification',
  sex_work: 'identification',
  smuggling: 'identification',
  own_account: 'identification',
  consent: 'consent',
  objective: 'plan',
  review: 'plan',
  service: 'services',
  placement: 'accommodation',
  legal_event: 'legal',
  exploitation_return: 'outcomes',
  outcome_assessment: 'outcomes',
  interview: 'outcomes',
  autonomy: 'outcomes',
  follow_up_appointment: 'outcomes',
  outcome_event: 'outcomes',
  circumstance: 'outcomes',
  factor: 'outcomes',
  follow_up: 'outcomes',
  guardian: 'minor',
  best_interests_determination: 'minor',
  age_assessment: 'minor',
  child_protection_referral: 'minor',
  note: 'notes',
  contact_note: 'notes',
  custom_form: 'forms',
  work_biography: 'employment',
  guidance_session: 'employment',
  training: 'employment',
  internship: 'employment',
  employer_mediation: 'employment',
  job_placement: 'employment',
  job_follow_up: 'employment',
};

export const sectionOfKind = (kind: string): CaseFileSection => SECTION_OF_KIND[kind] ?? 'other';

/** A custom record as printed: the definition of the version it was recorded under, and its values decrypted. */
export interface CaseFileForm {
  code: string;
  title: Labels;
  version: number;
  definition: PresentableForm;
  values: FormValues;
  recordedAt: string;
  recordedBy: string | null;
}

export interface CaseFileEntry {
  kind: string;
  data: Record<string, unknown>;
  recordedAt: string;
  recordedBy: string | null;
  /** Custom fields the record carries (`data.custom`), printed with it under their labels. */
  custom?: Omit<CaseFileForm, 'recordedAt' | 'recordedBy'>;
}

export interface CaseFileReferral {
  partner: string;
  status: string;
  requestedService: string;
  createdAt: string;
}

/** Everything the file may show, decrypted; the builder prints only the chosen sections of it. */
export interface CaseFileData {
  reference: string;
  status: string;
  openedAt: string;
  ownerName: string | null;
  organisationName: string;
  person: {
    name: string;
    aliases?: string[];
    dateOfBirth?: string | null;
    sex?: string | null;
    pronouns?: string | null;
    chosenTerm?: string | null;
    citizenship?: string | null;
    languages?: string[];
    preferredLanguage?: string | null;
    isMinor?: boolean;
    contact?: string | null;
    documents?: string | null;
  };
  intake: {
    channel: string;
    contactDate: string;
    municipality?: string | null;
    language?: string | null;
    mediatorUsed: boolean;
    immediateNeeds: string[];
  } | null;
  entries: CaseFileEntry[];
  referrals: CaseFileReferral[];
  /** Records of custom forms (kind `custom_form`), for the `forms` section. */
  forms?: CaseFileForm[];
}

export interface CaseFileInput extends CaseFileData {
  sections: CaseFileSection[];
  printedBy: string;
  /** ISO timestamp of the print. */
  printedAt: string;
  locale: string;
  /** The reader's IANA time zone for the print time; UTC when unknown. */
  timeZone?: string;
  /** Flat printUi texts (`sections.person`, `fields.dateOfBirth`, …) in the reader's language, English filled in. */
  labels: Record<string, string>;
  /** Reference-list labels in the reader's language, keyed `<list>.<code>`. */
  codes: Record<string, string>;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function safeTimeZone(timeZone: string | undefined): string {
  if (!timeZone) return 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

/** A calendar date (YYYY-MM-DD) in the locale's one date format; the day never shifts with the time zone. */
export function formatIsoDate(value: string, locale: string): string {
  const [y, m, d] = value.slice(0, 10).split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

/** A moment in the locale's one date-and-time format, in the given zone. */
export function formatTimestamp(value: string, locale: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: safeTimeZone(timeZone),
  }).format(new Date(value));
}

/** "fieldName" → "Field name", for a field no label names. */
const humanise = (key: string) => {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1).toLowerCase();
};

function interpolate(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, k: string) => String(values[k] ?? ''));
}

/** The builder's view of one reader: labels, code labels and dates in her language. */
function reader(input: CaseFileInput) {
  const label = (key: string, fallback?: string) => input.labels[key] ?? fallback ?? humanise(key.split('.').at(-1)!);
  const date = (v: string) => formatIsoDate(v, input.locale);
  const codeLabel = (list: string | undefined, code: string) =>
    (list ? input.codes[`${list}.${code}`] : undefined) ?? input.labels[`values.${code}`] ?? humanise(code);

  function value(kind: string, field: string, v: unknown): string {
    if (v === null || v === undefined || v === '') return '—';
    if (typeof v === 'boolean') return label(v ? 'values.yes' : 'values.no');
    if (typeof v === 'number') return new Intl.NumberFormat(input.locale).format(v);
    const list = CODED_FIELDS[kind as keyof typeof CODED_FIELDS]?.[field];
    if (Array.isArray(v)) {
      if (v.every((x) => typeof x === 'string')) return v.map((x) => value(kind, field, x)).join(', ') || '—';
      return v
        .map((x) => (typeof x === 'object' && x ? record(kind, x as Record<string, unknown>) : String(x)))
        .join('\n');
    }
    if (typeof v === 'object') return record(kind, v as Record<string, unknown>);
    const s = String(v);
    if (ISO_DATE.test(s)) return date(s);
    if (ISO_TIMESTAMP.test(s)) return formatTimestamp(s, input.locale, input.timeZone);
    // Codes are shown by their label; free text is printed as written.
    if (list) return codeLabel(list, s);
    return input.labels[`values.${s}`] ?? s;
  }

  /** An element of a list (a micro-objective, a score) on one line. */
  function record(kind: string, r: Record<string, unknown>): string {
    return Object.entries(r)
      .filter(([, x]) => x !== undefined && x !== null && x !== '')
      .map(([k, x]) => `${label(`fields.${k}`)}: ${value(kind, k, x)}`)
      .join('; ');
  }

  return { label, date, codeLabel, value };
}

type Reader = ReturnType<typeof reader>;

const fieldsTable = (rows: [string, string][]): Content => ({
  table: { widths: [150, '*'], body: rows.map(([k, v]) => [{ text: k, style: 'fieldName' }, { text: v }]) },
  layout: 'lightHorizontalLines',
  margin: [0, 0, 0, 8],
});

function personSection(input: CaseFileInput, r: Reader): Content[] {
  const p = input.person;
  const rows: [string, string][] = [
    [r.label('fields.name'), p.name],
    ...(p.aliases?.length ? [[r.label('fields.aliases'), p.aliases.join(', ')] as [string, string]] : []),
    [r.label('fields.dateOfBirth'), p.dateOfBirth ? r.date(p.dateOfBirth) : '—'],
    [r.label('fields.sex'), p.sex ? r.codeLabel(undefined, p.sex) : '—'],
    [r.label('fields.pronouns'), p.pronouns || '—'],
    [r.label('fields.chosenTerm'), p.chosenTerm ? r.codeLabel('chosen_terms', p.chosenTerm) : '—'],
    [r.label('fields.citizenship'), p.citizenship || '—'],
    [r.label('fields.languages'), p.languages?.join(', ') || '—'],
    [r.label('fields.preferredLanguage'), p.preferredLanguage || '—'],
    [r.label('fields.isMinor'), r.value('', 'isMinor', p.isMinor ?? false)],
  ];
  if (p.contact) rows.push([r.label('fields.contact'), p.contact]);
  if (p.documents) rows.push([r.label('fields.documents'), p.documents]);
  return [fieldsTable(rows)];
}

function intakeSection(input: CaseFileInput, r: Reader): Content[] {
  const i = input.intake;
  if (!i) return [];
  return [
    fieldsTable([
      [r.label('fields.channel'), r.codeLabel('channels', i.channel)],
      [r.label('fields.contactDate'), r.date(i.contactDate)],
      [r.label('fields.municipality'), i.municipality || '—'],
      [r.label('fields.language'), i.language || '—'],
      [r.label('fields.mediatorUsed'), r.value('', 'mediatorUsed', i.mediatorUsed)],
      [
        r.label('fields.immediateNeeds'),
        i.immediateNeeds.map((n) => r.codeLabel('immediate_needs', n)).join(', ') || '—',
      ],
    ]),
  ];
}

function entryBlock(entry: CaseFileEntry, r: Reader, input: CaseFileInput): Content[] {
  const recorded = interpolate(r.label('recorded'), {
    date: formatTimestamp(entry.recordedAt, input.locale, input.timeZone),
    name: entry.recordedBy ?? '—',
  });
  // Internal ids (a partner organisation, an owner, a linked interview) mean nothing on paper.
  const rows = Object.entries(entry.data)
    .filter(([k]) => !/Id$/.test(k) && k !== 'custom')
    .filter(([, v]) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => [r.label(`fields.${k}`), r.value(entry.kind, k, v)] as [string, string]);
  return [
    { text: r.label(`kinds.${entry.kind}`), style: 'entryTitle' },
    { text: recorded, style: 'recorded' },
    ...(rows.length ? [fieldsTable(rows)] : []),
    ...(entry.custom ? customTables(entry.custom, r, input) : []),
  ];
}

/** A custom record's fields, one table per section with something recorded, labelled by its own version. */
function customTables(form: Pick<CaseFileForm, 'definition' | 'values'>, r: Reader, input: CaseFileInput): Content[] {
  const options = { locale: input.locale, yes: r.label('values.yes'), no: r.label('values.no'), codes: input.codes };
  return presentRecord(form.definition, form.values, options).flatMap((section) => [
    { text: section.label, style: 'formSection' },
    fieldsTable(section.fields.map((f) => [f.retired ? `${f.label} ${r.label('forms.retired')}` : f.label, f.value])),
  ]);
}

function formBlock(form: CaseFileForm, r: Reader, input: CaseFileInput): Content[] {
  const recorded = interpolate(r.label('recorded'), {
    date: formatTimestamp(form.recordedAt, input.locale, input.timeZone),
    name: form.recordedBy ?? '—',
  });
  const title = interpolate(r.label('forms.title'), {
    title: labelIn(form.title, input.locale),
    version: form.version,
  });
  return [{ text: title, style: 'entryTitle' }, { text: recorded, style: 'recorded' }, ...customTables(form, r, input)];
}

function referralsSection(input: CaseFileInput, r: Reader): Content[] {
  if (input.referrals.length === 0) return [];
  return [
    {
      table: {
        headerRows: 1,
        widths: ['*', 'auto', '*', 'auto'],
        body: [
          [
            r.label('fields.partner'),
            r.label('fields.status'),
            r.label('fields.requestedService'),
            r.label('fields.sentOn'),
          ].map((text) => ({ text, style: 'fieldName' })),
          ...input.referrals.map((f) => [
            f.partner,
            r.codeLabel(undefined, f.status),
            r.codeLabel('services', f.requestedService),
            formatTimestamp(f.createdAt, input.locale, input.timeZone),
          ]),
        ],
      },
      layout: 'lightHorizontalLines',
      margin: [0, 0, 0, 8],
    },
  ];
}

function sectionContent(section: CaseFileSection, input: CaseFileInput, r: Reader): Content[] {
  if (section === 'person') return personSection(input, r);
  if (section === 'intake')
    return [
      ...intakeSection(input, r),
      ...input.entries.filter((e) => sectionOfKind(e.kind) === 'intake').flatMap((e) => entryBlock(e, r, input)),
    ];
  if (section === 'referrals') return referralsSection(input, r);
  if (section === 'forms') return (input.forms ?? []).flatMap((f) => formBlock(f, r, input));
  return input.entries.filter((e) => sectionOfKind(e.kind) === section).flatMap((e) => entryBlock(e, r, input));
}

/**
 * The document definition of the case file. Sections come in the file's fixed order, whatever order
 * they were chosen in.
 */
export function buildCaseFile(input: CaseFileInput): TDocumentDefinitions {
  const r = reader(input);
  const chosen = CASE_FILE_SECTIONS.filter((s) => input.sections.includes(s));
  const printed = formatTimestamp(input.printedAt, input.locale, input.timeZone);
  const body: Content[] = chosen.flatMap((section) => {
    const content = sectionContent(section, input, r);
    return [
      { text: r.label(`sections.${section}`), style: 'section' },
      ...(content.length ? content : [{ text: r.label('nothingRecorded'), style: 'empty' }]),
    ];
  });
  return {
    info: { title: `${r.label('title')} ${input.reference}`, creator: 'Ariadne' },
    pageSize: 'A4',
    pageMargins: [40, 50, 40, 60],
    defaultStyle: { font: 'Roboto', fontSize: 10 },
    content: [
      { text: `${r.label('title')} ${input.reference}`, style: 'title' },
      {
        text: interpolate(r.label('subtitle'), {
          organisation: input.organisationName,
          status: r.codeLabel(undefined, input.status),
          opened: formatTimestamp(input.openedAt, input.locale, input.timeZone),
          owner: input.ownerName ?? '—',
        }),
        style: 'recorded',
      },
      { text: r.label('confidential'), style: 'confidential' },
      ...body,
    ],
    footer: (currentPage: number, pageCount: number): Content => ({
      columns: [
        { text: interpolate(r.label('footer.printed'), { name: input.printedBy, date: printed }), width: '*' },
        {
          text: interpolate(r.label('footer.page'), { page: currentPage, pages: pageCount }),
          width: 'auto',
          alignment: 'right',
        },
      ],
      margin: [40, 20, 40, 0],
      fontSize: 8,
    }),
    styles: {
      title: { fontSize: 18, bold: true, margin: [0, 0, 0, 4] },
      section: { fontSize: 14, bold: true, margin: [0, 14, 0, 6] },
      entryTitle: { fontSize: 11, bold: true, margin: [0, 6, 0, 0] },
      recorded: { fontSize: 8, color: '#555555', margin: [0, 0, 0, 4] },
      fieldName: { bold: true },
      formSection: { fontSize: 10, bold: true, italics: true, margin: [0, 4, 0, 2] },
      empty: { italics: true, color: '#555555' },
      confidential: { fontSize: 9, bold: true, color: '#8a1c1c', margin: [0, 0, 0, 8] },
    },
  };
}
