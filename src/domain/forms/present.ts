/**
 * A custom record as people read it away from the form: on paper (the case file) and in a
 * partner's referral view. Labels come from the definition of the version the values were recorded
 * under (never the current one), in the reader's language with English filled in; choice codes
 * become their labels, yes/no its words, dates the locale's format. Empty fields are left out (an
 * irrelevant field is never stored); retired fields still print, because values recorded under them
 * stay part of her record. Pure: no keys, no I/O.
 *
 * @example presentRecord(definition, { age: 17, needs: ['shelter'] }, { locale: 'fr', yes: 'Oui', no: 'Non' })
 */
import type { Labels } from '../reference/types';
import type { Choices, FieldDefinition, FieldValue, FormValues } from './definition';

/** What presenting needs of a field: a stored definition's, or the self-describing copy a referral carries. */
export type PresentableField = Pick<FieldDefinition, 'name' | 'type' | 'label' | 'retired'> & { choices?: Choices };
export interface PresentableForm {
  sections: readonly { name: string; label: Labels; fields: readonly PresentableField[] }[];
}

export interface PresentOptions {
  /** BCP 47 language of the reader (`fr`, `it-IT`); its primary subtag picks the labels. */
  locale: string;
  yes: string;
  no: string;
  /** Reference-list labels in the reader's language, keyed `<list>.<code>` (for choices from a list). */
  codes?: Readonly<Record<string, string>>;
}

export interface PresentedField {
  name: string;
  label: string;
  value: string;
  retired: boolean;
}

export interface PresentedSection {
  name: string;
  label: string;
  fields: PresentedField[];
}

/** The label of a language, else English. */
export function labelIn(labels: Labels | undefined, locale: string): string {
  if (!labels) return '';
  const language = locale.split('-')[0];
  return labels[locale] ?? labels[language] ?? labels.en;
}

/** A calendar date in the locale's medium format; the day never shifts with the time zone. */
function formatDate(value: string, locale: string): string {
  const [y, m, d] = value.slice(0, 10).split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

/** The label of one choice: the form's own options, else the organisation's list, else the code itself. */
export function choiceLabel(field: PresentableField, value: string, options: PresentOptions): string {
  const choices = field.choices;
  if (choices && 'options' in choices) {
    const option = choices.options.find((o) => o.code === value);
    if (option) return labelIn(option.label, options.locale);
  }
  if (choices && 'list' in choices) {
    const listed = options.codes?.[`${choices.list}.${value}`];
    if (listed) return listed;
  }
  return value;
}

const isEmpty = (value: FieldValue | undefined | null) =>
  value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

/** One value in words. */
export function formatValue(field: PresentableField, value: FieldValue, options: PresentOptions): string {
  if (typeof value === 'boolean') return value ? options.yes : options.no;
  if (Array.isArray(value)) return value.map((v) => choiceLabel(field, v, options)).join(', ');
  if (field.type === 'select_one') return choiceLabel(field, String(value), options);
  if (field.type === 'yes_no') return value === 'yes' ? options.yes : value === 'no' ? options.no : String(value);
  if (field.type === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value))
    return formatDate(value, options.locale);
  if (typeof value === 'number') return new Intl.NumberFormat(options.locale).format(value);
  return String(value);
}

/**
 * The recorded fields of one record, by section, in form order; sections with nothing recorded are
 * left out. Values named by no field of the definition (there are none when the service validated
 * them) are not printed: only what the version defines has a label to print under.
 */
export function presentRecord(
  definition: PresentableForm,
  values: FormValues,
  options: PresentOptions,
): PresentedSection[] {
  const sections: PresentedSection[] = [];
  for (const section of definition.sections)
    for (const field of section.fields) {
      const value = values[field.name];
      if (isEmpty(value)) continue;
      let target = sections.at(-1);
      if (target?.name !== section.name) {
        target = { name: section.name, label: labelIn(section.label, options.locale), fields: [] };
        sections.push(target);
      }
      target.fields.push({
        name: field.name,
        label: labelIn(field.label, options.locale),
        value: formatValue(field, value, options),
        retired: field.retired,
      });
    }
  return sections;
}
