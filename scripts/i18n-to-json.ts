/**
 * One-off migration of the web's TypeScript message modules to i18next JSON resources:
 * reads src/web/i18n/<folder>/<language>.ts and writes locales/<language>/<namespace>.json.
 * Run it again on a namespace whose TypeScript file changed since it was converted.
 *
 *   npx tsx scripts/i18n-to-json.ts accountsUi privacyUi   # some namespaces
 *   npx tsx scripts/i18n-to-json.ts --all                  # every namespace still in TypeScript
 *
 * `translation` is the default namespace (src/web/i18n/locales/<language>.ts without the keys that
 * mounted the other namespaces).
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = path.resolve(import.meta.dirname, '..');
const TS_DIR = path.join(ROOT, 'src/web/i18n');
const OUT_DIR = path.join(ROOT, 'locales');

/** Namespace (the top-level key it was mounted on) → folder of its TypeScript modules. */
export const FOLDERS: Record<string, string> = {
  accountsUi: 'accounts',
  caseUi: 'cases',
  linkageUi: 'linkage',
  net: 'network',
  networksUi: 'networks',
  outcomesUi: 'outcomes',
  privacyUi: 'privacy',
  rolesUi: 'roles',
  stats: 'statistics',
  translation: 'locales',
};

type Tree = { [key: string]: string | Tree };

async function exported(file: string): Promise<Tree> {
  const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  const objects = Object.values(module).filter((v): v is Tree => typeof v === 'object' && v !== null);
  if (objects.length !== 1) throw new Error(`${file}: expected one exported message object, found ${objects.length}`);
  return objects[0];
}

async function convert(namespace: string): Promise<string[]> {
  const folder = FOLDERS[namespace];
  if (!folder) throw new Error(`Unknown namespace ${namespace}; known: ${Object.keys(FOLDERS).join(', ')}`);
  const dir = path.join(TS_DIR, folder);
  if (!fs.existsSync(dir)) return [];
  const written: string[] = [];
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => /^[a-z]{2,3}\.ts$/.test(f))
    .sort()) {
    const language = file.slice(0, -3);
    let tree = await exported(path.join(dir, file));
    if (namespace === 'translation')
      tree = Object.fromEntries(Object.entries(tree).filter(([key]) => !(key in FOLDERS)));
    const out = path.join(OUT_DIR, language, `${namespace}.json`);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, `${JSON.stringify(tree, null, 2)}\n`);
    written.push(path.relative(ROOT, out));
  }
  return written;
}

const args = process.argv.slice(2);
const namespaces = args.includes('--all') ? Object.keys(FOLDERS) : args;
if (namespaces.length === 0) {
  console.error('usage: tsx scripts/i18n-to-json.ts <namespace>... | --all');
  process.exit(2);
}
for (const namespace of namespaces) for (const file of await convert(namespace)) console.log(file);
