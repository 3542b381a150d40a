// Package schemas holds the JSON Schemas of jiceng's exchange records
// (数据交换模式): the documents that counties, townships and clinics submit
// to a provincial platform — health education activities (健康教育活动),
// monthly reports (月报), mini-program bindings (小程序绑定), health literacy
// survey responses (健康素养监测) and health cell namings (健康细胞命名).
// They let a platform that does not use Go check submissions as the Go
// validator does, with any JSON Schema validator.
//
// # Files
//
// The schemas are JSON Schema draft 2020-12 files under v1/, embedded in
// the package (see [FS] and [Schema]):
//
//   - v1/<kind>.json, one per kind of record: v1/activity.json,
//     v1/monthlyReport.json, v1/binding.json, v1/literacySurvey.json,
//     v1/healthCell.json, and the grid register's documents (package grid):
//     v1/grid.json, v1/building.json, v1/household.json, v1/resident.json,
//     v1/gridTeam.json, v1/householdVisit.json, v1/campaign.json,
//     v1/loopEvent.json, the rectification ledger's items (package
//     ledger): v1/rectification.json, the register of people (package
//     roster): v1/instructor.json, v1/expert.json, v1/lectureTeam.json,
//     and the lecture requests "à la carte" (package booking):
//     v1/lectureRequest.json. The $id of each is [BaseURL] followed by the
//     file's name.
//   - v1/record.json, the envelope (记录总模式): a record of any kind. It
//     requires schemaVersion "1", a kind among those above and an id, and
//     hands the record to its kind's schema with if/then on kind.
//
// They are generated from the Go types of package healthedu, whose json and
// jsonschema struct tags are the single source of truth, by
//
//	go generate ./schemas
//
// Do not edit them by hand: a test regenerates them and fails when the
// committed files differ. The schemas are strict: no member beyond those
// defined (additionalProperties false), every member without omitempty
// required, enumerations as enum, codes and periods as patterns (division
// codes of 2, 4, 6, 9 or 12 digits following the national scheme, the
// shape of citizen IDs, credit codes, DHIS2 periods), dates and timestamps
// as formats date and date-time, and each description carrying the
// Chinese term. A monthly report's elements are the codes of jiceng's
// default data element catalogue (healthedu.DefaultElements, 数据元目录),
// as an enum, and each value has its element's type, by if/then: a count
// a non-negative integer, a percent a number from 0 to 100. A platform
// whose Validator uses a catalogue of its own (Validator.Elements) gets
// from the schemas the default catalogue's verdicts on elements, not its
// own.
//
// # What a schema cannot check
//
// Some rules are beyond JSON Schema, and only the Go validator
// (healthedu.Validator) checks them: the check characters of citizen IDs
// and credit codes; the province and birth date inside a citizen ID;
// whether a division code exists in the registry; an end before a start,
// times after the moment of validation, an activity outside its
// organizer's area; times and dates outside the years jiceng can
// represent (1900 to 9999 in China Standard Time: a pattern on the year
// could not see that 1900-01-01T00:30:00+09:00 is still 1899 in Beijing,
// and format date-time accepts year 0000) and before the earliest time the
// platform accepts (healthedu.Validator.Earliest, a setting of each
// platform, which formatMinimum, not a standard keyword, could not carry
// anyway); a monthly report's period being a month, its elements
// given once each, a percent's at most 4 decimals (multipleOf would be
// judged in binary floating point, rejecting 96.41), parts not exceeding
// wholes, and the warning for each element expected in every report that
// it leaves out; literacy survey scores against their full marks and the
// literacy verdict; repeated ids in one batch; and a member given twice in
// one object, which JSON parsers silently resolve. Conversely Go's parsers
// read full-width digits (全角) and a byte order mark, which the schemas
// and JSON parsers refuse. The agreement test runs a corpus of valid and
// invalid documents (testdata/agreement) through both and lists these
// rules.
//
// # With ajv (JavaScript)
//
// Register every file, then validate with the envelope. ajv-formats makes
// ajv assert the formats, as jiceng's tests do; schemas/ajv/check.mjs,
// which CI runs, checks the agreement corpus with ajv exactly this way:
//
//	import Ajv2020 from "ajv/dist/2020.js";
//	import addFormats from "ajv-formats";
//	import fs from "node:fs";
//
//	const ajv = new Ajv2020({ allErrors: true });
//	addFormats(ajv);
//	for (const f of fs.readdirSync("schemas/v1")) {
//	  ajv.addSchema(JSON.parse(fs.readFileSync(`schemas/v1/${f}`, "utf8")));
//	}
//	const validate = ajv.getSchema("https://jiceng.github.io/jiceng/schemas/v1/record.json");
//	if (!validate(record)) console.log(validate.errors);
//
// # With Go
//
// A Go platform validates with healthedu.Validator, which checks all the
// rules. To check records against the schemas themselves, as the tests of
// this package do, register each file of [FS] with a validator under its
// $id and compile record.json; with github.com/santhosh-tekuri/jsonschema/v6
// call Compiler.AssertFormat, since under draft 2020-12 formats are
// otherwise only annotations, and read documents with its UnmarshalJSON,
// which keeps numbers exact. See the example of [FS].
package schemas
