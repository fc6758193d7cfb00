// node build.mjs [OUTDIR]: copies the dmn-js viewer as npm ships it (the navigated viewer bundle, its CSS and
// font, its licence) from node_modules/dmn-js into OUTDIR (default static/vendor/dmn-js), which is committed so
// that a plain `pip install` serves it. CI builds into a temporary folder and compares it with the committed one.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.resolve(process.argv[2] || path.join(here, 'static', 'vendor', 'dmn-js'));
const dmnJs = path.join(here, 'node_modules', 'dmn-js');
const { version } = JSON.parse(readFileSync(path.join(dmnJs, 'package.json'), 'utf8'));

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
cpSync(path.join(dmnJs, 'dist', 'dmn-navigated-viewer.production.min.js'),
  path.join(out, 'dmn-navigated-viewer.production.min.js'));
cpSync(path.join(dmnJs, 'dist', 'assets'), path.join(out, 'assets'), { recursive: true });
cpSync(path.join(dmnJs, 'LICENSE'), path.join(out, 'LICENSE'));
writeFileSync(path.join(out, 'VERSION'), `dmn-js ${version}\n`);
console.log(`dmn-js ${version} -> ${path.relative(process.cwd(), out) || '.'}`);
