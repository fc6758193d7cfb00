#!/usr/bin/env node
// roundtrip.mjs - a DMN file exactly as dmn-js and Camunda Modeler save it.
//
// dmn-js imports a file with dmn-moddle's fromXML(xml, 'dmn:Definitions') and saves it with
// saveXML({ format: true }), which is dmn-moddle's toXML(definitions, { format: true }). This script makes
// the same two calls (with the Camunda extension registered, as Camunda Modeler does), so a file it wrote
// comes back byte for byte from the modeler after a save without edits, and a modeler's diff shows only
// what the author changed.
//
//   node roundtrip.mjs --check FILE.dmn...   exit 1, naming each file a save would change
//   node roundtrip.mjs --write FILE.dmn...   rewrite each file as dmn-moddle exports it
//
// Exit status: 0 = nothing to change (or all written), 1 = some file differs or does not import, 2 = usage.

import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { DmnModdle } from 'dmn-moddle';

const require = createRequire(import.meta.url);
const camunda = require('camunda-dmn-moddle/resources/camunda.json');

function usage(msg) {
  if (msg) console.error('roundtrip.mjs: ' + msg);
  console.error('usage: node roundtrip.mjs --check|--write FILE.dmn...');
  process.exit(2);
}

const args = process.argv.slice(2);
const mode = args.shift();
if (mode !== '--check' && mode !== '--write') usage('first argument must be --check or --write');
if (!args.length) usage('no files given');

export async function roundTrip(xml) {
  const moddle = new DmnModdle({ camunda });
  const { rootElement, warnings } = await moddle.fromXML(xml, 'dmn:Definitions');
  const { xml: out } = await moddle.toXML(rootElement, { format: true });
  return { out, warnings };
}

function firstDifference(a, b) {
  const x = a.split('\n');
  const y = b.split('\n');
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if (x[i] !== y[i]) return `line ${i + 1}: ${JSON.stringify((x[i] ?? '<end of file>').trim().slice(0, 80))} `
      + `would be ${JSON.stringify((y[i] ?? '<end of file>').trim().slice(0, 80))}`;
  }
  return 'same lines, different bytes';
}

function lines(text) {
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

let status = 0;
for (const file of args) {
  let xml;
  let result;
  try {
    xml = await readFile(file, 'utf8');
    result = await roundTrip(xml);
  } catch (e) {
    console.log(`ERROR ${file}: ${String(e.message || e).replace(/\s+/g, ' ')}`);
    status = 1;
    continue;
  }
  for (const w of result.warnings) console.log(`WARN  ${file}: ${String(w.message || w).replace(/\s+/g, ' ')}`);
  if (result.out === xml) {
    console.log(`OK    ${file}`);
  } else if (mode === '--write') {
    await writeFile(file, result.out, 'utf8');
    console.log(`WROTE ${file}: ${lines(xml)} -> ${lines(result.out)} lines`);
  } else {
    console.log(`DIFF  ${file}: a save in dmn-js would rewrite it (${firstDifference(xml, result.out)}); `
      + `run node service/dmn/roundtrip/roundtrip.mjs --write ${file}`);
    status = 1;
  }
}
process.exit(status);
