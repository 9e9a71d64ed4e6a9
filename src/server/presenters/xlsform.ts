/** What an XLSForm import answers: the draft made, and the rows it skipped or whose codes it renamed. */
import { z } from 'zod';
import type { ImportedForm } from '../../services/xlsform';
import { CustomFormSchema, presentForm } from './custom-form';

export const XlsFormImportSchema = z
  .strictObject({
    form: CustomFormSchema,
    skipped: z.array(
      z.strictObject({ sheet: z.literal('survey'), row: z.number().int(), name: z.string(), reason: z.string() }),
    ),
    renamed: z.array(z.strictObject({ list: z.string(), from: z.string(), to: z.string() })),
  })
  .meta({ id: 'XlsFormImport' });

export function presentXlsFormImport(result: ImportedForm): z.infer<typeof XlsFormImportSchema> {
  return {
    form: presentForm(result.form),
    skipped: result.skipped.map(({ sheet, row, name, reason }) => ({ sheet, row, name, reason })),
    renamed: result.renamed.map(({ list, from, to }) => ({ list, from, to })),
  };
}
