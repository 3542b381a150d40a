// Validates every document of ../testdata/agreement with ajv (draft
// 2020-12, formats asserted by ajv-formats) against the envelope
// record.json, and compares each verdict with the "schema" verdict of the
// manifest — the one the Go test gets from santhosh-tekuri/jsonschema.
// Exits 1 on any disagreement. Run: npm install && npm run check.
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import fs from "node:fs";
import path from "node:path";

const here = path.dirname(new URL(import.meta.url).pathname);
const schemaDir = path.join(here, "..", "v1");
const corpus = path.join(here, "..", "testdata", "agreement");

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
for (const f of fs.readdirSync(schemaDir).filter((f) => f.endsWith(".json"))) {
  const s = JSON.parse(fs.readFileSync(path.join(schemaDir, f), "utf8"));
  ajv.addSchema(s);
}
const record = ajv.getSchema(JSON.parse(fs.readFileSync(path.join(schemaDir, "record.json"), "utf8")).$id);

// documents returns the JSON texts of a corpus file: one document, the
// elements of an array of records, or the lines of NDJSON.
function documents(name, text) {
  if (name.endsWith(".ndjson")) return text.split("\n").filter((l) => l.trim() !== "");
  return [text];
}

const manifest = JSON.parse(fs.readFileSync(path.join(corpus, "manifest.json"), "utf8"));
let bad = 0;
for (const entry of manifest) {
  const text = fs.readFileSync(path.join(corpus, entry.file), "utf8");
  let valid = true;
  for (const doc of documents(entry.file, text)) {
    let value;
    try {
      value = JSON.parse(doc);
    } catch {
      valid = false; // a JSON parser refuses it (a BOM, broken syntax)
      continue;
    }
    const records = Array.isArray(value) ? value : [value];
    for (const r of records) if (!record(r)) valid = false;
  }
  const got = valid ? "valid" : "invalid";
  if (got !== entry.schema) {
    bad++;
    console.log(`${entry.file}: ajv says ${got}, the manifest says ${entry.schema} (${entry.rule})`);
  }
}
console.log(`${manifest.length - bad} passed, ${bad} failed`);
process.exit(bad === 0 ? 0 : 1);
