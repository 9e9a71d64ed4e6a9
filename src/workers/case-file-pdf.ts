/**
 * Renders the case file's document definition (src/domain/cases/case-file.ts) to PDF bytes with
 * pdfmake and its bundled Roboto fonts (they carry č, š, ž, é, à and the rest of Latin Extended).
 * Runs in a worker thread: laying out a long file is CPU work. The renderer may read only the font
 * files and never fetches a URL, so no content in a record can make it read or send anything.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import pdfmake from 'pdfmake';
import { buildCaseFile, type CaseFileInput } from '../domain/cases/case-file';

const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');

let ready = false;
function setUp() {
  if (ready) return;
  pdfmake.setFonts({
    Roboto: {
      normal: path.join(FONT_DIR, 'Roboto-Regular.ttf'),
      bold: path.join(FONT_DIR, 'Roboto-Medium.ttf'),
      italics: path.join(FONT_DIR, 'Roboto-Italic.ttf'),
      bolditalics: path.join(FONT_DIR, 'Roboto-MediumItalic.ttf'),
    },
  });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((file) => path.resolve(file).startsWith(FONT_DIR + path.sep));
  ready = true;
}

/** The PDF of a case file. */
export async function renderCaseFilePdf(input: CaseFileInput): Promise<Uint8Array> {
  setUp();
  const definition = buildCaseFile(input);
  // A fixed creation date keeps the bytes a function of the input (and says nothing extra about the reader).
  definition.info = { ...definition.info, creationDate: new Date(input.printedAt) };
  const buffer = await pdfmake.createPdf(definition).getBuffer();
  return new Uint8Array(buffer);
}
