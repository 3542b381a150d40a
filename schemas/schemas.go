package schemas

import (
	"embed"
	"encoding/json"
	"io/fs"
	"slices"
	"sync"

	"github.com/jiceng/jiceng/healthedu"
)

//go:generate go run ./internal/gen

// BaseURL is the base of the schemas' $id (模式标识前缀): the schema of
// kind k has the $id BaseURL + k + ".json", the envelope BaseURL +
// "record.json". It lies under the GitHub Pages address of the module's
// repository, where the committed files are served, so that every $id can
// resolve to its file; validators never need to fetch it, since all the
// files are registered with them.
const BaseURL = "https://jiceng.github.io/jiceng/schemas/v1/"

// EnvelopeFile is the name of the envelope schema (记录总模式), which
// accepts a record of any kind and checks it against its kind's schema.
const EnvelopeFile = "record.json"

//go:embed v1/*.json
var files embed.FS

// FS returns the schema files (模式文件) under v1/: record.json, one
// <kind>.json for each kind of record, such as activity.json, and the
// schemas of other jiceng documents that their packages write there, such
// as indicator-catalogue.json of package indicators.
func FS() fs.FS { return files }

// FileName returns the name of the schema file of kind k under v1/, such as
// "activity.json" or "monthlyReport.json".
func FileName(k healthedu.Kind) string { return string(k) + ".json" }

// Schema returns the schema of records of kind k (记录模式), and false when
// k is not one of the kinds the envelope, record.json, dispatches on: the
// exchange kinds of healthedu and the kinds of grid, ledger, roster and
// booking.
func Schema(k healthedu.Kind) ([]byte, bool) {
	if !slices.Contains(envelopeKinds(), k) {
		return nil, false
	}
	b, err := files.ReadFile("v1/" + FileName(k))
	if err != nil {
		return nil, false
	}
	return b, true
}

// envelopeKinds returns the kinds the envelope dispatches on, the values
// of its kind member.
var envelopeKinds = sync.OnceValue(func() []healthedu.Kind {
	var s struct {
		Properties struct {
			Kind struct {
				Enum []healthedu.Kind `json:"enum"`
			} `json:"kind"`
		} `json:"properties"`
	}
	if err := json.Unmarshal(Envelope(), &s); err != nil {
		panic("schemas: " + EnvelopeFile + " does not decode: " + err.Error())
	}
	return s.Properties.Kind.Enum
})

// Envelope returns the envelope schema, record.json (记录总模式).
func Envelope() []byte {
	b, err := files.ReadFile("v1/" + EnvelopeFile)
	if err != nil {
		panic("schemas: " + EnvelopeFile + " is not embedded: " + err.Error())
	}
	return b
}
