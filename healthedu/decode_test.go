package healthedu

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/jiceng/jiceng/internal/jsonwire"
)

// decodeTestFile returns a fixture from testdata/decode.
func decodeTestFile(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile("testdata/decode/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// decodeTestActivity returns the activity fixture on one line, without
// its newline, with each pair of old, new replaced once.
func decodeTestActivity(t testing.TB, oldnew ...string) string {
	t.Helper()
	s := strings.TrimSuffix(decodeTestFile(t, "activity.ndjson"), "\n")
	for i := 0; i < len(oldnew); i += 2 {
		if !strings.Contains(s, oldnew[i]) {
			t.Fatalf("activity fixture has no %q", oldnew[i])
		}
		s = strings.Replace(s, oldnew[i], oldnew[i+1], 1)
	}
	return s
}

// decodeSummary decodes in and describes each Decoded on a line ("#index
// Lline kind id ok|rejected"), followed by its issues ("  Lline code
// path").
func decodeSummary(in string, opts DecodeOptions) ([]string, error) {
	d := NewDecoder(strings.NewReader(in), opts)
	var out []string
	for d.Next() {
		r := d.Decoded()
		status := "ok"
		if r.Record == nil {
			status = "rejected"
		}
		out = append(out, fmt.Sprintf("#%d L%d %s %s %s", r.Index, r.Line, r.Kind, r.ID, status))
		for _, is := range r.Issues {
			out = append(out, fmt.Sprintf("  L%d %s %q", is.Line, is.Code, is.Path))
		}
	}
	return out, d.Err()
}

func TestDecodeRules(t *testing.T) {
	const ok = "#0 L1 activity LC-2025-10-0042 ok"
	const rejected = "#0 L1 activity LC-2025-10-0042 rejected"
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"valid", decodeTestActivity(t), []string{ok}},
		{
			"unknown field",
			decodeTestActivity(t, `"title":`, `"titel":`),
			[]string{rejected, `  L1 json.unknownField "/titel"`},
		},
		{
			"unknown nested field with escaped pointer",
			decodeTestActivity(t, `"organizer":{`, `"organizer":{"a/b~c":[1,{"x":2}],`),
			[]string{rejected, `  L1 json.unknownField "/organizer/a~1b~0c"`},
		},
		{
			"duplicate key",
			decodeTestActivity(t, `"form":"lecture",`, `"form":"lecture","form":"drill",`),
			[]string{rejected, `  L1 json.duplicateKey "/form"`},
		},
		{
			"duplicate key deep",
			decodeTestActivity(t, `"speakers":[{"name":"王丽",`, `"speakers":[{"name":"王丽","name":"李明",`),
			[]string{rejected, `  L1 json.duplicateKey "/speakers/0/name"`},
		},
		{
			"duplicate key inside an unknown field",
			decodeTestActivity(t, `"form":"lecture",`, `"form":"lecture","extra":{"a~":1,"a~":2},`),
			[]string{rejected, `  L1 json.unknownField "/extra"`, `  L1 json.duplicateKey "/extra/a~0"`},
		},
		{
			"duplicate unknown field",
			decodeTestActivity(t, `"form":"lecture",`, `"form":"lecture","x":1,"x":2,`),
			[]string{rejected, `  L1 json.unknownField "/x"`, `  L1 json.duplicateKey "/x"`},
		},
		{
			"keys are case-sensitive",
			decodeTestActivity(t, `"participants":`, `"Participants":`),
			[]string{rejected, `  L1 json.unknownField "/Participants"`, `  L1 json.required "/participants"`},
		},
		{
			"wrong type",
			decodeTestActivity(t, `"participants":86`, `"participants":"86"`),
			[]string{rejected, `  L1 json.type "/participants"`},
		},
		{
			"null is a wrong type, optional or not",
			decodeTestActivity(t, `"title":"高血压防治健康知识讲座"`, `"title":null`, `"evidence":{`, `"resident":null,"evidence":{`),
			[]string{rejected, `  L1 json.type "/title"`, `  L1 json.type "/resident"`},
		},
		{
			"object for a string",
			decodeTestActivity(t, `"form":"lecture"`, `"form":{"lecture":true}`),
			[]string{rejected, `  L1 json.type "/form"`},
		},
		{
			"missing required",
			decodeTestActivity(t, `"form":"lecture",`, ``, `"name":"王丽",`, ``),
			[]string{rejected, `  L1 json.required "/speakers/0/name"`, `  L1 json.required "/form"`},
		},
		{
			"missing optional",
			decodeTestActivity(t, `"title":"高血压防治健康知识讲座",`, ``, `"materialsDistributed":120,`, ``),
			[]string{ok},
		},
		{"integer written 86.0", decodeTestActivity(t, `"participants":86`, `"participants":86.0`), []string{ok}},
		{"integer written 8.6e1", decodeTestActivity(t, `"participants":86`, `"participants":8.6e1`), []string{ok}},
		{
			"integer with a fraction",
			decodeTestActivity(t, `"participants":86`, `"participants":86.5`),
			[]string{rejected, `  L1 json.range "/participants"`},
		},
		{
			"integer below minimum",
			decodeTestActivity(t, `"participants":86`, `"participants":-1`),
			[]string{rejected, `  L1 json.range "/participants"`},
		},
		{"integer at maximum", decodeTestActivity(t, `"participants":86`, `"participants":100000000`), []string{ok}},
		{
			"integer above maximum",
			decodeTestActivity(t, `"participants":86`, `"participants":100000001`),
			[]string{rejected, `  L1 json.range "/participants"`},
		},
		{
			"integer beyond int64",
			decodeTestActivity(t, `"participants":86`, `"participants":1e400`),
			[]string{rejected, `  L1 json.range "/participants"`},
		},
		{
			"integer as a boolean",
			decodeTestActivity(t, `"participants":86`, `"participants":true`),
			[]string{rejected, `  L1 json.type "/participants"`},
		},
		{
			"maxLength counts characters, not bytes",
			decodeTestActivity(t, `"title":"高血压防治健康知识讲座"`, `"title":"`+strings.Repeat("讲", 200)+`"`),
			[]string{ok},
		},
		{
			"maxLength exceeded",
			decodeTestActivity(t, `"title":"高血压防治健康知识讲座"`, `"title":"`+strings.Repeat("讲", 201)+`"`),
			[]string{rejected, `  L1 json.length "/title"`},
		},
		{
			"maxLength counts an escape as one character",
			decodeTestActivity(t, `"title":"高血压防治健康知识讲座"`, `"title":"`+strings.Repeat(`\u8bb2`, 200)+`"`),
			[]string{ok},
		},
		{
			"minLength",
			decodeTestActivity(t, `"name":"王丽"`, `"name":""`),
			[]string{rejected, `  L1 json.length "/speakers/0/name"`},
		},
		{
			"pattern",
			decodeTestActivity(t, `"id":"LC-2025-10-0042"`, `"id":"-LC/42"`),
			[]string{"#0 L1 activity -LC/42 rejected", `  L1 json.pattern "/id"`},
		},
		{
			"minItems",
			decodeTestActivity(t, `"topics":["hypertension","three-reductions-three-healths"]`, `"topics":[]`),
			[]string{rejected, `  L1 json.items "/topics"`},
		},
		{
			"maxItems",
			decodeTestActivity(t, `"photos":[`, `"photos":[`+strings.Repeat(`"p",`, 50)),
			[]string{rejected, `  L1 json.items "/evidence/photos"`},
		},
		{
			"uniqueItems",
			decodeTestActivity(t, `"targetGroups":["elderly","chronic-patients"]`, `"targetGroups":["elderly","chronic-patients","elderly","\u0065lderly"]`),
			[]string{rejected, `  L1 json.unique "/targetGroups/2"`, `  L1 json.unique "/targetGroups/3"`},
		},
		{
			"enum in the tag",
			decodeTestActivity(t, `"schemaVersion":"1"`, `"schemaVersion":"2"`),
			[]string{rejected, `  L1 json.enum "/schemaVersion"`},
		},
		{
			"enum type",
			decodeTestActivity(t, `"form":"lecture"`, `"form":"Lecture"`),
			[]string{rejected, `  L1 json.enum "/form"`},
		},
		{
			"enum type in an array",
			decodeTestActivity(t, `"three-reductions-three-healths"`, `"3-reductions"`),
			[]string{rejected, `  L1 json.enum "/topics/1"`},
		},
		{
			"parse error of a code",
			decodeTestActivity(t, `"division":"371502001","venue"`, `"division":"3715x2","venue"`),
			[]string{rejected, `  L1 division.syntax "/division"`},
		},
		{
			"full-width digits are left to the code's parser",
			decodeTestActivity(t, `"division":"371502001","venue"`, `"division":"３７１５０２００１","venue"`),
			[]string{ok},
		},
		{
			"timestamp without offset",
			decodeTestActivity(t, `"start":"2025-10-17T09:30:00+08:00"`, `"start":"2025-10-17T09:30:00"`),
			[]string{rejected, `  L1 json.dateTime "/start"`},
		},
		{
			"timestamp with a space",
			decodeTestActivity(t, `"start":"2025-10-17T09:30:00+08:00"`, `"start":"2025-10-17 09:30:00+08:00"`),
			[]string{rejected, `  L1 json.dateTime "/start"`},
		},
		{
			"timestamp on no such day",
			decodeTestActivity(t, `"start":"2025-10-17T09:30:00+08:00"`, `"start":"2025-02-29T09:30:00+08:00"`),
			[]string{rejected, `  L1 json.dateTime "/start"`},
		},
		{
			"timestamp in UTC with a fraction",
			decodeTestActivity(t, `"start":"2025-10-17T09:30:00+08:00"`, `"start":"2025-10-17T01:30:00.123456789Z"`),
			[]string{ok},
		},
		{
			"timestamp as a number",
			decodeTestActivity(t, `"start":"2025-10-17T09:30:00+08:00"`, `"start":1760664600`),
			[]string{rejected, `  L1 json.type "/start"`},
		},
		{
			"invalid UTF-8 in a string",
			decodeTestActivity(t, `"title":"高血压`, "\"title\":\"\xb8\xdf\xd1\xb9"),
			[]string{rejected, `  L1 json.encoding "/title"`},
		},
		{
			"invalid UTF-8 in a key",
			decodeTestActivity(t, `"title":`, "\"t\xffitle\":"),
			[]string{rejected, `  L1 json.encoding "/t` + "\uFFFD" + `itle"`},
		},
		{
			"syntax error",
			decodeTestActivity(t, `"form":"lecture",`, `"form":"lecture"`),
			[]string{rejected, `  L1 json.syntax ""`},
		},
		{
			"full-width colon",
			decodeTestActivity(t, `"form":"lecture"`, `"form"："lecture"`),
			[]string{rejected, `  L1 json.syntax ""`},
		},
		{
			"trailing data on the line",
			decodeTestActivity(t) + ` {}`,
			[]string{rejected, `  L1 json.trailingData ""`},
		},
		{
			"missing kind",
			decodeTestActivity(t, `"kind":"activity",`, ``),
			[]string{"#0 L1  LC-2025-10-0042 rejected", `  L1 json.required "/kind"`},
		},
		{
			"unknown kind",
			decodeTestActivity(t, `"kind":"activity"`, `"kind":"lecture"`),
			[]string{"#0 L1 lecture LC-2025-10-0042 rejected", `  L1 document.kind "/kind"`},
		},
		{
			"unknown kind with a duplicate key",
			`{"kind":"x","a":1,"a":2}`,
			[]string{"#0 L1 x  rejected", `  L1 document.kind "/kind"`, `  L1 json.duplicateKey "/a"`},
		},
		{
			"kind not a string",
			decodeTestActivity(t, `"kind":"activity"`, `"kind":1`),
			[]string{"#0 L1  LC-2025-10-0042 rejected", `  L1 json.type "/kind"`},
		},
		{
			"kind escaped",
			decodeTestActivity(t, `"kind":"activity"`, `"kind":"activit\u0079"`),
			[]string{ok},
		},
		{
			"kind given twice",
			decodeTestActivity(t, `"kind":"activity"`, `"kind":"activity","kind":"binding"`),
			[]string{rejected, `  L1 json.duplicateKey "/kind"`},
		},
		{
			"not an object",
			`["activity"]`,
			[]string{"#0 L1   rejected", `  L1 json.type ""`},
		},
		{
			"several issues in document order",
			decodeTestActivity(t, `"participants":86`, `"participants":-86`, `"form":"lecture"`, `"form":"talk"`, `"title":`, `"Title":`),
			[]string{
				rejected,
				`  L1 json.unknownField "/Title"`,
				`  L1 json.enum "/form"`,
				`  L1 json.range "/participants"`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := decodeSummary(tt.in+"\n", DecodeOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("issues (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDecodeKinds(t *testing.T) {
	report := strings.ReplaceAll(decodeTestFile(t, "monthly_report.json"), "\n", "")
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"monthly report", report, []string{"#0 L1 monthlyReport JY-202510 ok"}},
		{
			"decimal as a string",
			strings.Replace(report, `"value": 96.41`, `"value": "96.41"`, 1),
			[]string{"#0 L1 monthlyReport JY-202510 rejected", `  L1 json.type "/values/1/value"`},
		},
		{
			"decimal out of range",
			strings.Replace(report, `"value": 96.41`, `"value": 1e400`, 1),
			[]string{"#0 L1 monthlyReport JY-202510 rejected", `  L1 decimal.range "/values/1/value"`},
		},
		{
			"pattern with an alternative",
			strings.Replace(report, `"children-0-6-managed"`, `"children--managed"`, 1),
			[]string{"#0 L1 monthlyReport JY-202510 rejected", `  L1 json.pattern "/values/0/element"`},
		},
		{
			"period",
			strings.Replace(report, `"202510"`, `"25"`, 1),
			[]string{"#0 L1 monthlyReport JY-202510 rejected", `  L1 period.syntax "/period"`},
		},
		{
			"binding with an optional timestamp",
			`{"schemaVersion":"1","kind":"binding","id":"B-1","division":"522301","resident":{"citizenId":"37150219800101123X"},` +
				`"instructor":{"id":"I-7","role":"family-doctor","division":"522301"},"boundAt":"2025-10-01T08:00:00+08:00","unboundAt":"2025-10-02T08:00:00+08:00"}`,
			[]string{"#0 L1 binding B-1 ok"},
		},
		{
			"binding with a bad optional timestamp",
			`{"schemaVersion":"1","kind":"binding","id":"B-1","division":"522301","resident":{"citizenId":"37150219800101123X","consent":{"community":true}},` +
				`"instructor":{"id":"I-7","role":"family-doctor","division":"522301"},"boundAt":"2025-10-01T08:00:00+08:00","unboundAt":"yesterday"}`,
			[]string{"#0 L1 binding B-1 rejected", `  L1 json.required "/resident/consent/medical"`, `  L1 json.dateTime "/unboundAt"`},
		},
		{
			"literacy survey",
			`{"schemaVersion":"1","kind":"literacySurvey","id":"S-1","division":"150207","surveyedOn":"2025-06-01","questionnaire":"2024",` +
				`"respondent":{"age":14,"sex":"female","residence":"urban"},"items":[{"item":1,"score":1,"maxScore":1}],"literate":"yes"}`,
			[]string{"#0 L1 literacySurvey S-1 rejected", `  L1 json.range "/respondent/age"`, `  L1 json.type "/literate"`},
		},
		{
			"health cell with an optional date",
			`{"schemaVersion":"1","kind":"healthCell","id":"HC-1","name":"古楼街道健康社区","type":"community","level":"city","year":2024,"division":"371502001","namedOn":"2024-13-01"}`,
			[]string{"#0 L1 healthCell HC-1 rejected", `  L1 date.range "/namedOn"`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := decodeSummary(tt.in, DecodeOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("issues (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDecodeStreams(t *testing.T) {
	act := decodeTestActivity(t)
	pretty := decodeTestFile(t, "activity.json")
	const ok = "activity LC-2025-10-0042 ok"
	tests := []struct {
		name string
		in   string
		opts DecodeOptions
		want []string
	}{
		{"empty", "", DecodeOptions{}, nil},
		{"only whitespace and a BOM", "\uFEFF \n\t\r\n", DecodeOptions{}, nil},
		{"one line without newline", act, DecodeOptions{}, []string{"#0 L1 " + ok}},
		{"BOM", "\uFEFF" + act + "\n" + act + "\n", DecodeOptions{}, []string{"#0 L1 " + ok, "#1 L2 " + ok}},
		{"BOM before a document", "\uFEFF" + pretty, DecodeOptions{}, []string{"#0 L1 " + ok}},
		{
			"NDJSON with a bad middle line",
			act + "\n" + act[:100] + "\n" + act + "\n",
			DecodeOptions{},
			[]string{"#0 L1 " + ok, "#1 L2 activity LC-2025-10-0042 rejected", `  L2 json.unexpectedEnd ""`, "#2 L3 " + ok},
		},
		{
			"NDJSON with a bad first line",
			`{"kind":"activity" "id":"x"}` + "\n" + act + "\n",
			DecodeOptions{},
			[]string{"#0 L1 activity  rejected", `  L1 json.syntax ""`, "#1 L2 " + ok},
		},
		{
			"NDJSON with a line that is not JSON",
			act + "\nhello\n" + act,
			DecodeOptions{},
			[]string{"#0 L1 " + ok, "#1 L2   rejected", `  L2 json.syntax ""`, "#2 L3 " + ok},
		},
		{
			"NDJSON with an invalid UTF-8 line",
			act + "\n" + decodeTestActivity(t, "讲座", "\xbd\xb2\xd7\xf9") + "\n" + act + "\n",
			DecodeOptions{},
			[]string{"#0 L1 " + ok, "#1 L2 activity LC-2025-10-0042 rejected", `  L2 json.encoding "/title"`, "#2 L3 " + ok},
		},
		{
			"blank lines",
			"\n\n" + act + "\n   \n\t\n" + act + "\n\n",
			DecodeOptions{},
			[]string{"#0 L3 " + ok, "#1 L6 " + ok},
		},
		{
			"CRLF line endings",
			act + "\r\n\r\n" + decodeTestActivity(t, `"form":"lecture"`, `"form":"x"`) + "\r\n" + act,
			DecodeOptions{},
			[]string{"#0 L1 " + ok, "#1 L3 activity LC-2025-10-0042 rejected", `  L3 json.enum "/form"`, "#2 L4 " + ok},
		},
		{
			"CRLF in a document",
			strings.ReplaceAll(decodeTestFile(t, "pretty_line7.json"), "\n", "\r\n"),
			DecodeOptions{},
			[]string{"#0 L1 activity LC-2025-10-0042 rejected", `  L7 json.type "/organizer/creditCode"`},
		},
		{
			"pretty-printed document with an error on line 7",
			decodeTestFile(t, "pretty_line7.json"),
			DecodeOptions{},
			[]string{"#0 L1 activity LC-2025-10-0042 rejected", `  L7 json.type "/organizer/creditCode"`},
		},
		{
			"pretty-printed document with a syntax error on line 7",
			strings.Replace(pretty, `"12371502MB28543259",`, `"12371502MB28543259" x,`, 1),
			DecodeOptions{},
			[]string{"#0 L1 activity LC-2025-10-0042 rejected", `  L7 json.syntax ""`},
		},
		{
			"document after blank lines",
			"\n\n" + pretty,
			DecodeOptions{},
			[]string{"#0 L3 " + ok},
		},
		{
			"document with a missing member reports the object's line",
			strings.Replace(pretty, `"type": "community-health-center",`, ``, 1),
			DecodeOptions{},
			[]string{"#0 L1 activity LC-2025-10-0042 rejected", `  L6 json.required "/organizer/type"`},
		},
		{
			"trailing data after a document",
			pretty + "\n\n  x",
			DecodeOptions{},
			[]string{"#0 L1 " + ok, "#1 L26   rejected", `  L26 json.trailingData ""`},
		},
		{
			"two documents",
			pretty + pretty,
			DecodeOptions{},
			[]string{"#0 L1 " + ok, "#1 L24   rejected", `  L24 json.trailingData ""`},
		},
		{
			"unterminated document",
			pretty[:len(pretty)-3],
			DecodeOptions{},
			[]string{"#0 L1 activity LC-2025-10-0042 rejected", `  L22 json.unexpectedEnd ""`},
		},
		{
			"array",
			"[\n" + act + ",\n" + pretty + ",\n" + act + "\n]\n",
			DecodeOptions{},
			[]string{"#0 L2 " + ok, "#1 L3 " + ok, "#2 L27 " + ok},
		},
		{"empty array", " [ ] ", DecodeOptions{}, nil},
		{
			"array with an element of the wrong type",
			"[" + act + ", 42, " + act + "]",
			DecodeOptions{},
			[]string{"#0 L1 " + ok, "#1 L1   rejected", `  L1 json.type ""`, "#2 L1 " + ok},
		},
		{
			"array with an element in error goes on",
			"[" + act + ",\n" + decodeTestActivity(t, `"form":"lecture"`, `"form":"x"`) + ",\n" + act + "]",
			DecodeOptions{},
			[]string{"#0 L1 " + ok, "#1 L2 activity LC-2025-10-0042 rejected", `  L2 json.enum "/form"`, "#2 L3 " + ok},
		},
		{
			"array with a syntax error in an element ends",
			"[" + act + ",\n" + decodeTestActivity(t, `"form":"lecture",`, `"form":"lecture"`) + ",\n" + act + "]",
			DecodeOptions{},
			[]string{"#0 L1 " + ok, "#1 L2 activity LC-2025-10-0042 rejected", `  L2 json.syntax ""`},
		},
		{
			"array with a missing comma ends",
			"[" + act + "\n" + act + "]",
			DecodeOptions{},
			[]string{"#0 L1 " + ok, "#1 L2   rejected", `  L2 json.syntax ""`},
		},
		{
			"array with a trailing comma",
			"[" + act + ",\n]",
			DecodeOptions{},
			[]string{"#0 L1 " + ok, "#1 L2   rejected", `  L2 json.syntax ""`},
		},
		{
			"array with a leading comma",
			"[," + act + "]",
			DecodeOptions{},
			[]string{"#0 L1   rejected", `  L1 json.syntax ""`},
		},
		{
			"array not closed",
			"[" + act + ",\n" + act + "\n\n",
			DecodeOptions{},
			[]string{"#0 L1 " + ok, "#1 L2 " + ok, "#2 L4   rejected", `  L4 json.unexpectedEnd ""`},
		},
		{
			"array with an unterminated element",
			"[" + act + ",\n" + act[:200],
			DecodeOptions{},
			[]string{"#0 L1 " + ok, "#1 L2 activity LC-2025-10-0042 rejected", `  L2 json.unexpectedEnd ""`},
		},
		{
			"trailing data after an array",
			"[" + act + "]\n]",
			DecodeOptions{},
			[]string{"#0 L1 " + ok, "#1 L2   rejected", `  L2 json.trailingData ""`},
		},
		{
			"over-long line skipped",
			act + "\n" + decodeTestActivity(t, `"title":"高血压防治健康知识讲座"`, `"title":"`+strings.Repeat("x", 5000)+`"`) + "\n" + act + "\n",
			DecodeOptions{MaxRecordBytes: 1000},
			[]string{"#0 L1 " + ok, "#1 L2   rejected", `  L2 json.tooLarge ""`, "#2 L3 " + ok},
		},
		{
			"line just over the limit",
			act + "\n" + act + " \n" + act,
			DecodeOptions{MaxRecordBytes: len(act)},
			[]string{"#0 L1 " + ok, "#1 L2   rejected", `  L2 json.tooLarge ""`, "#2 L3 " + ok},
		},
		{
			"line at the limit, with CRLF",
			act + "\r\n" + act,
			DecodeOptions{MaxRecordBytes: len(act)},
			[]string{"#0 L1 " + ok, "#1 L2 " + ok},
		},
		{
			"over-long last line",
			act + "\n" + strings.Repeat(" x", 5000),
			DecodeOptions{MaxRecordBytes: 1000},
			[]string{"#0 L1 " + ok, "#1 L2   rejected", `  L2 json.tooLarge ""`},
		},
		{
			"over-long first line",
			`{"a":"` + strings.Repeat("x", 5000) + "\"}\n" + act,
			DecodeOptions{MaxRecordBytes: 1000},
			[]string{"#0 L1   rejected", `  L1 json.tooLarge ""`, "#1 L2 " + ok},
		},
		{
			"over-long element skipped",
			"[" + act + ",\n" + strings.Replace(pretty, "高血压", strings.Repeat("\\\"[{", 2000), 1) + ",\n" + act + "]",
			DecodeOptions{MaxRecordBytes: 1000},
			[]string{"#0 L1 " + ok, "#1 L2   rejected", `  L2 json.tooLarge ""`, "#2 L26 " + ok},
		},
		{
			"over-long document",
			pretty,
			DecodeOptions{MaxRecordBytes: 500},
			[]string{"#0 L1   rejected", `  L1 json.tooLarge ""`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := decodeSummary(tt.in, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("records (-want +got):\n%s", diff)
			}
		})
	}
}

// decodeTestText returns a value of the text type T read from s.
func decodeTestText[T any, PT interface {
	*T
	UnmarshalText([]byte) error
}](t *testing.T, s string) T {
	t.Helper()
	var v T
	if err := PT(&v).UnmarshalText([]byte(s)); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestDecodeRecord(t *testing.T) {
	d := NewDecoder(strings.NewReader(decodeTestFile(t, "activity.json")), DecodeOptions{})
	if !d.Next() {
		t.Fatalf("no record: %v", d.Err())
	}
	r := d.Decoded()
	cst := time.FixedZone("", 8*3600)
	want := &Activity{
		Header: Header{SchemaVersion: "1", Kind: KindActivity, ID: "LC-2025-10-0042"},
		Title:  "高血压防治健康知识讲座",
		Organizer: Organizer{
			CreditCode: decodeTestText[CreditCode](t, "12371502MB28543259"),
			Name:       "聊城市东昌府区古楼街道社区卫生服务中心",
			Type:       "community-health-center",
			Division:   decodeTestText[DivisionCode](t, "371502001"),
		},
		Division:             decodeTestText[DivisionCode](t, "371502001"),
		Venue:                Venue{Type: "health-education-point", Name: "古楼街道健康宣教点"},
		Form:                 FormLecture,
		Topics:               []Topic{"hypertension", "three-reductions-three-healths"},
		TargetGroups:         []TargetGroup{"elderly", "chronic-patients"},
		Start:                time.Date(2025, 10, 17, 9, 30, 0, 0, cst),
		End:                  time.Date(2025, 10, 17, 11, 0, 0, 0, cst),
		Participants:         86,
		MaterialsDistributed: 120,
		Speakers:             []Speaker{{Name: "王丽", Role: "family-doctor"}},
		Evidence: &Evidence{
			Photos:      []string{"oss://lc/2025/10/0042-1.jpg", "oss://lc/2025/10/0042-2.jpg"},
			SignInSheet: "oss://lc/2025/10/0042-sign.pdf",
		},
	}
	if diff := cmp.Diff(Record(want), r.Record, cmp.Exporter(func(reflect.Type) bool { return true })); diff != "" {
		t.Errorf("record (-want +got):\n%s", diff)
	}
	if r.Kind != KindActivity || r.ID != "LC-2025-10-0042" || r.Line != 1 || r.Index != 0 || r.Issues != nil {
		t.Errorf("Decoded = %+v", r)
	}
	if !bytes.Equal(r.Raw, []byte(strings.TrimSpace(decodeTestFile(t, "activity.json")))) {
		t.Errorf("Raw = %q", r.Raw)
	}
	if d.Next() {
		t.Errorf("second record: %+v", d.Decoded())
	}
	if got, want := d.Offset(), int64(len(decodeTestFile(t, "activity.json"))); got != want {
		t.Errorf("Offset = %d, want %d", got, want)
	}
}

func TestDecodeFullWidthUntouched(t *testing.T) {
	const title = "（第３期）ＡＢＣ　健康讲座１２３"
	in := decodeTestActivity(t, "高血压防治健康知识讲座", title)
	d := NewDecoder(strings.NewReader(in), DecodeOptions{})
	if !d.Next() || d.Decoded().Record == nil {
		t.Fatalf("not decoded: %+v", d.Decoded())
	}
	if got := d.Decoded().Record.(*Activity).Title; got != title {
		t.Errorf("Title = %q, want %q", got, title)
	}
}

func TestDecodeGB18030(t *testing.T) {
	utf := decodeTestFile(t, "activity.json")
	gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(utf))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(gb, []byte(utf)) {
		t.Fatal("the fixture has no Chinese text")
	}
	for _, bom := range []string{"", "\x84\x31\x95\x33"} { // GB18030's own byte order mark
		d := NewDecoder(io.MultiReader(strings.NewReader(bom), bytes.NewReader(gb)), DecodeOptions{Encoding: GB18030})
		if !d.Next() {
			t.Fatalf("no record: %v", d.Err())
		}
		r := d.Decoded()
		if r.Record == nil {
			t.Fatalf("record rejected: %v", r.Issues)
		}
		if got := r.Record.(*Activity).Organizer.Name; got != "聊城市东昌府区古楼街道社区卫生服务中心" {
			t.Errorf("Organizer.Name = %q", got)
		}
		if !utf8.Valid(r.Raw) {
			t.Errorf("Raw is not UTF-8")
		}
		if d.Next() || d.Err() != nil {
			t.Errorf("after the record: %v %v", d.Decoded(), d.Err())
		}
		if got, want := d.Offset(), int64(len(bom)+len(gb)); got != want {
			t.Errorf("Offset = %d, want %d", got, want)
		}
	}

	// The same bytes read as UTF-8 are reported, not garbled.
	got, err := decodeSummary(string(gb), DecodeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"#0 L1 activity LC-2025-10-0042 rejected",
		`  L5 json.encoding "/title"`,
		`  L8 json.encoding "/organizer/name"`,
		`  L13 json.encoding "/venue/name"`,
		`  L21 json.encoding "/speakers/0/name"`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("GB18030 read as UTF-8 (-want +got):\n%s", diff)
	}
}

func TestDecodeParams(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Issue
	}{
		{
			"json.type",
			decodeTestActivity(t, `"participants":86`, `"participants":"86"`),
			Issue{SeverityError, "json.type", "/participants", map[string]any{"expected": "integer", "actual": "string"}, 1},
		},
		{
			"json.type of null",
			decodeTestActivity(t, `"evidence":{`, `"resident":null,"evidence":{`),
			Issue{SeverityError, "json.type", "/resident", map[string]any{"expected": "object", "actual": "null"}, 1},
		},
		{
			"json.required",
			decodeTestActivity(t, `"form":"lecture",`, ``),
			Issue{SeverityError, "json.required", "/form", map[string]any{"field": "form"}, 1},
		},
		{
			"json.range",
			decodeTestActivity(t, `"participants":86`, `"participants":1.5e8`),
			Issue{SeverityError, "json.range", "/participants", map[string]any{"value": json.Number("1.5e8"), "min": int64(0), "max": int64(100000000)}, 1},
		},
		{
			"json.length",
			decodeTestActivity(t, `"name":"王丽"`, `"name":"`+strings.Repeat("王", 51)+`"`),
			Issue{SeverityError, "json.length", "/speakers/0/name", map[string]any{"length": 51, "min": 1, "max": 50}, 1},
		},
		{
			"json.pattern",
			decodeTestActivity(t, `"id":"LC-2025-10-0042"`, `"id":"LC 42"`),
			Issue{SeverityError, "json.pattern", "/id", map[string]any{"value": "LC 42", "pattern": "^[0-9A-Za-z][0-9A-Za-z._:-]*$"}, 1},
		},
		{
			"json.pattern masks digits",
			decodeTestActivity(t, `"id":"LC-2025-10-0042"`, `"id":"37150219800101123X/1"`),
			Issue{SeverityError, "json.pattern", "/id", map[string]any{"value": "3715*************X/1", "pattern": "^[0-9A-Za-z][0-9A-Za-z._:-]*$"}, 1},
		},
		{
			"json.items",
			decodeTestActivity(t, `"targetGroups":["elderly","chronic-patients"]`, `"targetGroups":[]`),
			Issue{SeverityError, "json.items", "/targetGroups", map[string]any{"count": 0, "min": 1, "max": 20}, 1},
		},
		{
			"json.unique",
			decodeTestActivity(t, `"targetGroups":["elderly","chronic-patients"]`, `"targetGroups":["elderly","chronic-patients","elderly"]`),
			Issue{SeverityError, "json.unique", "/targetGroups/2", map[string]any{"duplicateOf": "/targetGroups/0"}, 1},
		},
		{
			"json.enum of a type",
			decodeTestActivity(t, `"role":"family-doctor"`, `"role":"doctor"`),
			Issue{SeverityError, "json.enum", "/speakers/0/role", map[string]any{"value": "doctor", "allowed": speakerRoles.valuesCopy()}, 1},
		},
		{
			"json.enum of a tag",
			decodeTestActivity(t, `"schemaVersion":"1"`, `"schemaVersion":"1.0"`),
			Issue{SeverityError, "json.enum", "/schemaVersion", map[string]any{"value": "1.0", "allowed": []string{"1"}}, 1},
		},
		{
			"json.dateTime",
			decodeTestActivity(t, `"end":"2025-10-17T11:00:00+08:00"`, `"end":"2025-10-17T11:00:00+0800"`),
			Issue{SeverityError, "json.dateTime", "/end", map[string]any{"value": "2025-10-17T11:00:00+0800"}, 1},
		},
		{
			"json.syntax",
			decodeTestActivity(t, `"participants":86`, `"participants":86 87`),
			Issue{SeverityError, "json.syntax", "", map[string]any{"column": 512, "near": `cipants":86 87,"material`}, 1},
		},
		{
			"json.unexpectedEnd",
			`{"kind":"binding","id":"B-1","resident":{"citizenId":"3715`,
			Issue{SeverityError, "json.unexpectedEnd", "", map[string]any{"column": 59, "near": `zenId":"3715`}, 1},
		},
		{
			"json.unexpectedEnd masks digits",
			`{"kind":"binding","resident":{"citizenId":"37150219800101123`,
			Issue{SeverityError, "json.unexpectedEnd", "", map[string]any{"column": 61, "near": `************`}, 1},
		},
		{
			"json.syntax masks digits",
			`{"kind":"binding","resident":{"citizenId":37150219800101123X}}`,
			Issue{SeverityError, "json.syntax", "", map[string]any{"column": 60, "near": `************X}}`}, 1},
		},
		{
			"json.tooLarge",
			`{"kind":"` + strings.Repeat("x", 100) + `"}`,
			Issue{SeverityError, "json.tooLarge", "", map[string]any{"limit": 50}, 1},
		},
		{
			"document.kind",
			`{"kind":"activities"}`,
			Issue{SeverityError, "document.kind", "/kind", map[string]any{"value": "activities", "allowed": decodeTestKinds()}, 1},
		},
		{
			"division.syntax",
			decodeTestActivity(t, `"division":"371502001","venue"`, `"division":"3715x","venue"`),
			IssueFromError(&ParseError{Code: "division.syntax", Input: "3715x"}, "/division"),
		},
	}
	tests[len(tests)-1].want.Line = 1
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var opts DecodeOptions
			if tt.want.Code == "json.tooLarge" {
				opts.MaxRecordBytes = 50
			}
			d := NewDecoder(strings.NewReader(tt.in), opts)
			if !d.Next() {
				t.Fatalf("no record: %v", d.Err())
			}
			issues := d.Decoded().Issues
			if len(issues) != 1 {
				t.Fatalf("issues = %v, want one", issues)
			}
			if diff := cmp.Diff(tt.want, issues[0]); diff != "" {
				t.Errorf("issue (-want +got):\n%s", diff)
			}
		})
	}
}

// decodeTestKinds returns the names of the exchange kinds, which a
// Decoder takes by default, sorted.
func decodeTestKinds() []string {
	return []string{"activity", "binding", "healthCell", "literacySurvey", "monthlyReport"}
}

// decodeTestCode is a text type whose errors are neither a ParseError nor
// an EnumError.
type decodeTestCode string

func (c *decodeTestCode) UnmarshalText(b []byte) error {
	if len(b) == 0 || b[0] != 'C' {
		return errors.New("want C…")
	}
	*c = decodeTestCode(b)
	return nil
}

// decodeTestWarned is a text type whose error has a severity of warning.
type decodeTestWarned struct{ s string }

func (w *decodeTestWarned) UnmarshalText(b []byte) error {
	w.s = string(b)
	if w.s == "old" {
		decodeTestWarningOnce.Do(func() {
			RegisterCodes(CodeDef{
				Code:     "decodeTest.warning",
				Severity: SeverityWarning,
				Params:   []string{"value"},
				Meaning:  "A value that the decoder's tests warn about.",
				ZhHans:   "测试警告“%[1]v”",
				ZhHant:   "測試警告「%[1]v」",
				En:       "Test warning \"%[1]v\"",
			})
		})
		return &ParseError{Code: "decodeTest.warning", Input: w.s, At: -1}
	}
	return nil
}

var decodeTestWarningOnce sync.Once

type decodeTestInner struct {
	N int8 `json:"n,omitempty"`
}

type decodeTestEmbedded struct {
	Shadowed string `json:"shadowed,omitempty"`
	Inner    string `json:"inner,omitempty"`
}

type decodeTestStruct struct {
	decodeTestEmbedded
	decodeTestInner
	Shadowed string             `json:"shadowed,omitempty"`
	Code     decodeTestCode     `json:"code,omitempty"`
	Warned   decodeTestWarned   `json:"warned,omitempty"`
	U8       uint8              `json:"u8,omitempty"`
	F        float64            `json:"f,omitempty" jsonschema:"minimum=0.5,maximum=2.5"`
	Map      map[string]string  `json:"map,omitempty"`
	Counts   map[string][]int16 `json:"counts,omitempty"`
	Comma    string             `json:"comma,omitempty" jsonschema:"pattern=^a\\,b$"`
	Plain    string             `json:"-"`
	Skipped  chan int           `json:"skipped,omitempty"`
	Required *bool              `json:"required,omitempty" jsonschema:"required"`
	Ptrs     []*decodeTestInner `json:"ptrs,omitempty" jsonschema:"uniqueItems=true"`
	Nums     []float64          `json:"nums,omitempty" jsonschema:"uniqueItems=true,minimum=0"`
}

// decodeTestValue decodes data, an object, into a new T, and returns it
// with the issues found.
func decodeTestValue[T any](data string) (*T, []string) {
	st := jsonwire.Reader{Hooks: &decodeHooks}
	st.Reset([]byte(data), 1, nil)
	v := new(T)
	st.DecodeObject(jsonwire.FieldsOf(reflect.TypeFor[T]()), reflect.ValueOf(v).Elem())
	var out []string
	for _, f := range st.Faults() {
		is := NewIssue(f.Code, f.Pointer, f.Params)
		out = append(out, fmt.Sprintf("L%d %s %q %d", f.Line, is.Code, is.Path, is.Severity))
	}
	return v, out
}

func TestDecodeGoTypes(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"required by the jsonschema tag", `{}`, []string{`L1 json.required "/required" 1`}},
		{"embedded struct inlined", `{"required":true,"inner":"i","n":-128}`, nil},
		{"embedded struct's rules", `{"required":true,"n":128}`, []string{`L1 json.range "/n" 1`}},
		{"plain is not a member", `{"required":true,"Plain":"x"}`, []string{`L1 json.unknownField "/Plain" 1`}},
		{"channels are not members", `{"required":true,"skipped":1}`, []string{`L1 json.unknownField "/skipped" 1`}},
		{"other errors are json.format", `{"required":true,"code":"X1"}`, []string{`L1 json.format "/code" 1`}},
		{"a warning keeps the record", `{"required":true,"warned":"old"}`, []string{`L1 decodeTest.warning "/warned" 2`}},
		{"unsigned", `{"required":true,"u8":255}`, nil},
		{"unsigned negative", `{"required":true,"u8":-1}`, []string{`L1 json.range "/u8" 1`}},
		{"unsigned too large", `{"required":true,"u8":256}`, []string{`L1 json.range "/u8" 1`}},
		{"unsigned -0", `{"required":true,"u8":-0}`, nil},
		{"float", `{"required":true,"f":2.5}`, nil},
		{"float below minimum", `{"required":true,"f":0.25}`, []string{`L1 json.range "/f" 1`}},
		{"map", `{"required":true,"map":{"a":"x","b/c":"y"}}`, nil},
		{"map with a duplicate key", `{"required":true,"map":{"a":"x","a":"y"}}`, []string{`L1 json.duplicateKey "/map/a" 1`}},
		{"map with a wrong value", `{"required":true,"map":{"a~b":1}}`, []string{`L1 json.type "/map/a~0b" 1`}},
		{"map of arrays", `{"required":true,"counts":{"a":[1,2],"b":[]}}`, nil},
		{"map of arrays out of range", `{"required":true,"counts":{"a":[1,99999]}}`, []string{`L1 json.range "/counts/a/1" 1`}},
		{"pattern with a comma", `{"required":true,"comma":"a,b"}`, nil},
		{"pattern with a comma, unmatched", `{"required":true,"comma":"a"}`, []string{`L1 json.pattern "/comma" 1`}},
		{"unique objects", `{"required":true,"ptrs":[{"n":1},{"n":2},{"n":1}]}`, []string{`L1 json.unique "/ptrs/2" 1`}},
		{"unique numbers by value", `{"required":true,"nums":[1,1.0,10e-1,2]}`, []string{`L1 json.unique "/nums/1" 1`, `L1 json.unique "/nums/2" 1`}},
		{"items' rules", `{"required":true,"nums":[-1]}`, []string{`L1 json.range "/nums/0" 1`}},
		{
			"multi-line",
			"{\n\"required\": true,\n\"u8\": 300,\n\"ptrs\": [\n{\"n\": 1},\n{\"n\": \"1\"}]}",
			[]string{`L3 json.range "/u8" 1`, `L6 json.type "/ptrs/1/n" 1`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got := decodeTestValue[decodeTestStruct](tt.in)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("issues (-want +got):\n%s", diff)
			}
		})
	}

	v, _ := decodeTestValue[decodeTestStruct](`{"required":false,"shadowed":"outer","inner":"i","n":7,"map":{"k":"v"},"nums":[]}`)
	if v.Shadowed != "outer" || v.decodeTestEmbedded.Shadowed != "" || v.Inner != "i" || v.N != 7 ||
		v.Map["k"] != "v" || v.Nums == nil || len(v.Nums) != 0 || v.Required == nil || *v.Required {
		t.Errorf("decoded %+v", v)
	}
}

// decodeTestPointerEmbedded embeds a pointer to a struct, which decoding
// allocates.
type decodeTestPointerEmbedded struct {
	*Consent
	Note string `json:"note,omitempty"`
}

func TestDecodeEmbeddedPointer(t *testing.T) {
	v, issues := decodeTestValue[decodeTestPointerEmbedded](`{"community":true,"medical":false,"note":"n"}`)
	if issues != nil || v.Consent == nil || !v.Community || v.Medical || v.Note != "n" {
		t.Errorf("decoded %+v, %v", v, issues)
	}
	_, issues = decodeTestValue[decodeTestPointerEmbedded](`{"note":"n"}`)
	want := []string{`L1 json.required "/community" 1`, `L1 json.required "/medical" 1`}
	if diff := cmp.Diff(want, issues); diff != "" {
		t.Errorf("issues (-want +got):\n%s", diff)
	}
}

func TestDecodeErr(t *testing.T) {
	errRead := errors.New("disk on fire")
	act := decodeTestActivity(t)
	d := NewDecoder(io.MultiReader(strings.NewReader(act+"\n"), iotestErrReader{errRead}), DecodeOptions{})
	n := 0
	for d.Next() {
		n++
	}
	if !errors.Is(d.Err(), errRead) {
		t.Errorf("Err = %v, want %v", d.Err(), errRead)
	}
	if n > 1 {
		t.Errorf("%d records before the error", n)
	}

	d = NewDecoder(strings.NewReader(act), DecodeOptions{Encoding: 7})
	if d.Next() || d.Err() == nil {
		t.Errorf("unsupported encoding: Next = true or Err = nil")
	}
	if got := Encoding(7).String(); got != "Encoding(7)" {
		t.Errorf("String = %q", got)
	}
	if GB18030.String() != "GB18030" || UTF8.String() != "UTF-8" {
		t.Errorf("String = %q, %q", GB18030, UTF8)
	}
}

type iotestErrReader struct{ err error }

func (r iotestErrReader) Read([]byte) (int, error) { return 0, r.err }

// decodeLinesReader generates NDJSON lines up to size bytes, every
// tenth with an issue, without holding them.
type decodeLinesReader struct {
	good, bad []byte
	size, n   int
	line      int
	pending   []byte
}

func (r *decodeLinesReader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if len(r.pending) == 0 {
			if r.n >= r.size {
				break
			}
			r.pending = r.good
			if r.line%10 == 9 {
				r.pending = r.bad
			}
			r.line++
		}
		c := copy(p[n:], r.pending)
		r.pending = r.pending[c:]
		n += c
		r.n += c
	}
	if n == 0 {
		return 0, io.EOF
	}
	return n, nil
}

func TestDecodeConstantMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("50 MB stream")
	}
	good := []byte(decodeTestActivity(t) + "\n")
	bad := []byte(decodeTestActivity(t, `"form":"lecture"`, `"form":"talk"`) + "\n")
	const size = 50 << 20
	check := func(name string, r io.Reader, wantRecords int) {
		runtime.GC()
		d := NewDecoder(r, DecodeOptions{})
		var kept []Record // keep some records, as a caller would
		n, rejected := 0, 0
		var peak uint64
		var ms runtime.MemStats
		for d.Next() {
			r := d.Decoded()
			if r.Record == nil {
				rejected++
			} else if n%1000 == 0 {
				kept = append(kept, r.Record)
			}
			n++
			if n%5000 == 0 {
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapInuse)
			}
		}
		if d.Err() != nil {
			t.Fatal(d.Err())
		}
		if n < wantRecords || rejected != n/10 {
			t.Errorf("%s: %d records, %d rejected", name, n, rejected)
		}
		if peak > 64<<20 {
			t.Errorf("%s: heap in use peaked at %d MB", name, peak>>20)
		}
		t.Logf("%s: %d records, heap in use peaked at %.1f MB, kept %d", name, n, float64(peak)/(1<<20), len(kept))
	}
	check("NDJSON", &decodeLinesReader{good: good, bad: bad, size: size}, size/len(good))

	// The same as one array.
	good[len(good)-1], bad[len(bad)-1] = ',', ','
	arr := io.MultiReader(strings.NewReader("["), &decodeLinesReader{good: good, bad: bad, size: size}, strings.NewReader(string(good[:len(good)-1])+"]"))
	check("array", arr, size/len(good))
}

func TestDecodeNoAllocsBeyondRecord(t *testing.T) {
	// A record's decoding allocates the record, its strings (once), its
	// slices and pointers, and nothing else.
	if decodeRaceEnabled {
		t.Skip("the race detector allocates")
	}
	line := decodeTestActivity(t)
	d := NewDecoder(&decodeRepeatReader{data: []byte(line + "\n")}, DecodeOptions{})
	d.Next()
	allocs := testing.AllocsPerRun(1000, func() {
		if !d.Next() || d.Decoded().Record == nil {
			t.Fatal("not decoded")
		}
	})
	// Activity, its strings, Topics, TargetGroups, Speakers, Evidence and
	// Evidence.Photos; and what the UnmarshalText methods of its two
	// division codes and its credit code allocate, if anything.
	want := 7 + 2*decodeTextAllocs[DivisionCode](t, "371502001") + decodeTextAllocs[CreditCode](t, "12371502MB28543259")
	if allocs > want {
		t.Errorf("%v allocations per record, want at most %v", allocs, want)
	}
}

// decodeTextAllocs returns how many times the UnmarshalText method of T
// allocates to read s.
func decodeTextAllocs[T any, PT interface {
	*T
	UnmarshalText([]byte) error
}](t *testing.T, s string) float64 {
	var v T
	b := []byte(s)
	return testing.AllocsPerRun(100, func() {
		if err := PT(&v).UnmarshalText(b); err != nil {
			t.Fatal(err)
		}
	})
}

// decodeValidPointer reports whether p is an RFC 6901 JSON Pointer in
// valid UTF-8.
func decodeValidPointer(p string) bool {
	if p != "" && p[0] != '/' || !utf8.ValidString(p) {
		return false
	}
	for i := 0; i < len(p); i++ {
		if p[i] == '~' && (i+1 == len(p) || p[i+1] != '0' && p[i+1] != '1') {
			return false
		}
	}
	return true
}

func FuzzDecode(f *testing.F) {
	for _, name := range []string{"activity.json", "activity.ndjson", "pretty_line7.json", "monthly_report.json"} {
		b, err := os.ReadFile("testdata/decode/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("[" + decodeTestActivity(f) + ",\n42]"))
	f.Add([]byte(decodeTestActivity(f, `"form":"lecture"`, `"form":"x","form":null`) + "\r\n\n" + decodeTestActivity(f)))
	f.Add([]byte(`{"kind":"literacySurvey","items":[{"item":1e2,"score":-0.0}],"respondent":{"age":"15"}}`))
	f.Add([]byte(`{"kind":"binding","resident":{"citizenId":"\ud800x"},"a/b~c":{"":[{"~":1,"~":2}]}}`))
	f.Add([]byte("\uFEFF  [ {\"kind\":\"monthlyReport\",\"values\":[{\"value\":1e999}]} , ]"))
	f.Add([]byte("{\n\"kind\": \"healthCell\", \"year\": 2024.5,\n\"namedOn\": \"2024-02-30\"\n}\n\n x"))

	limits := []DecodeOptions{{}, {MaxRecordBytes: 64}, {Encoding: GB18030}}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, opts := range limits {
			d := NewDecoder(bytes.NewReader(data), opts)
			for i := 0; d.Next(); i++ {
				r := d.Decoded()
				if r.Index != i || r.Line < 1 || i > len(data) {
					t.Fatalf("%v: record %d: Index %d, Line %d", opts, i, r.Index, r.Line)
				}
				if opts.MaxRecordBytes > 0 && len(r.Raw) > opts.MaxRecordBytes {
					t.Fatalf("%v: record %d: %d bytes", opts, i, len(r.Raw))
				}
				errs := 0
				for _, is := range r.Issues {
					if is.Line < r.Line || !decodeValidPointer(is.Path) || is.Code == "issue.unregistered" {
						t.Fatalf("%v: record %d: issue %+v", opts, i, is)
					}
					if is.Severity == SeverityError {
						errs++
					}
					if _, err := json.Marshal(is.Params); err != nil || !decodeValidParams(is.Params) {
						t.Fatalf("%v: record %d: params %#v, %v", opts, i, is.Params, err)
					}
				}
				if (errs > 0) != (r.Record == nil) {
					t.Fatalf("%v: record %d: %d errors, Record %v", opts, i, errs, r.Record)
				}
				if r.Record != nil {
					decodeRoundTrip(t, r)
				}
			}
			if d.Err() != nil {
				t.Fatalf("%v: Err = %v", opts, d.Err())
			}
		}
	})
}

// decodeHasCitizenID reports whether v holds a citizen ID.
func decodeHasCitizenID(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		return !v.IsNil() && decodeHasCitizenID(v.Elem())
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[CitizenID]() {
			return !v.IsZero()
		}
		for i := range v.NumField() {
			if decodeHasCitizenID(v.Field(i)) {
				return true
			}
		}
	case reflect.Slice:
		for i := range v.Len() {
			if decodeHasCitizenID(v.Index(i)) {
				return true
			}
		}
	}
	return false
}

// decodeValidParams reports whether the strings among params are valid
// UTF-8.
func decodeValidParams(params map[string]any) bool {
	for _, v := range params {
		switch v := v.(type) {
		case string:
			if !utf8.ValidString(v) {
				return false
			}
		case []string:
			for _, s := range v {
				if !utf8.ValidString(s) {
					return false
				}
			}
		}
	}
	return true
}

// decodeRoundTrip checks that a decoded record, written by encoding/json,
// decodes to the same record.
func decodeRoundTrip(t *testing.T, r *Decoded) {
	t.Helper()
	if decodeHasCitizenID(reflect.ValueOf(r.Record)) {
		return // a citizen ID is written masked, never in clear
	}
	b, err := json.Marshal(r.Record)
	if err != nil {
		t.Fatalf("json.Marshal(%+v): %v", r.Record, err)
	}
	d := NewDecoder(bytes.NewReader(b), DecodeOptions{})
	if !d.Next() {
		t.Fatalf("%s: no record", b)
	}
	again := d.Decoded()
	if again.Record == nil || again.Issues != nil || again.Kind != r.Kind || again.ID != r.ID {
		t.Fatalf("%s: decoded again: %+v", b, again)
	}
	if diff := cmp.Diff(r.Record, again.Record, cmp.Exporter(func(reflect.Type) bool { return true }), cmpopts.EquateEmpty()); diff != "" {
		t.Fatalf("%s: decoded again (-first +again):\n%s", b, diff)
	}
}

func TestDecodeTooManyIssues(t *testing.T) {
	in := decodeTestActivity(t, `"topics":["hypertension",`, `"topics":["hypertension",`+strings.Repeat(`"x",`, 500))
	d := NewDecoder(strings.NewReader(in), DecodeOptions{})
	if !d.Next() {
		t.Fatal(d.Err())
	}
	issues := d.Decoded().Issues
	if len(issues) != jsonwire.MaxFaults+1 {
		t.Fatalf("%d issues, want %d", len(issues), jsonwire.MaxFaults+1)
	}
	want := Issue{SeverityInformation, "json.tooManyIssues", "", map[string]any{"limit": jsonwire.MaxFaults}, 1}
	if diff := cmp.Diff(want, issues[jsonwire.MaxFaults]); diff != "" {
		t.Errorf("last issue (-want +got):\n%s", diff)
	}
	if d.Decoded().Record != nil {
		t.Error("record kept")
	}
}

func TestDecodeOffset(t *testing.T) {
	act := decodeTestActivity(t)
	in := act + "\n\n" + act + "\r\n" + act
	d := NewDecoder(strings.NewReader(in), DecodeOptions{})
	var got []int64
	for d.Next() {
		got = append(got, d.Offset())
	}
	want := []int64{int64(len(act) + 1), int64(2*len(act) + 4), int64(len(in))}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("offsets (-want +got):\n%s", diff)
	}
}

func TestDecodeConcurrent(t *testing.T) {
	// Decoders share the compiled codecs.
	in := decodeTestActivity(t) + "\n" + strings.ReplaceAll(decodeTestFile(t, "monthly_report.json"), "\n", "")
	done := make(chan []string)
	for range 4 {
		go func() {
			got, _ := decodeSummary(in, DecodeOptions{})
			done <- got
		}()
	}
	want := []string{"#0 L1 activity LC-2025-10-0042 ok", "#1 L2 monthlyReport JY-202510 ok"}
	for range 4 {
		if diff := cmp.Diff(want, <-done); diff != "" {
			t.Errorf("records (-want +got):\n%s", diff)
		}
	}
}
