package healthedu

import (
	"bytes"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/jiceng/jiceng/internal/fixtures"
)

// TestActivityDecoderInUse: the members of Activity and of the structs it
// holds are those the hand-written decoder knows, and a Decoder uses it
// for activities, by default and when the kinds are given, but not when
// asked to decode by reflection.
func TestActivityDecoderInUse(t *testing.T) {
	if activityDecoder == nil {
		t.Fatal("activityDecoder is nil: the members of Activity changed; update activity_decode.go")
	}
	for _, tc := range []struct {
		name       string
		opts       DecodeOptions
		reflective bool
		want       bool
	}{
		{"default", DecodeOptions{}, false, true},
		{"kinds given", DecodeOptions{Kinds: ExchangeKinds()}, false, true},
		{"reflective", DecodeOptions{}, true, false},
	} {
		d := NewDecoder(strings.NewReader(decodeTestActivity(t)), tc.opts)
		d.reflective = tc.reflective
		if !d.Next() || d.Decoded().Record == nil {
			t.Fatalf("%s: %v", tc.name, d.Decoded().Issues)
		}
		if got := d.seen[string(KindActivity)].activity != nil; got != tc.want {
			t.Errorf("%s: hand-written decoder in use = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestActivityDecoderAgrees decodes activities, valid and faulty in every
// way the decoder tells apart, with the hand-written decoder and by
// reflection, and compares what they give: records, partial records,
// issues with their paths, lines and params, kinds and ids.
func TestActivityDecoderAgrees(t *testing.T) {
	for i, in := range activityDecoderInputs(t) {
		if diff := activityDecoderDiff(in); diff != "" {
			t.Errorf("input %d %q: hand-written decoder (-reflective +hand):\n%s", i, in, diff)
		}
	}
}

// FuzzActivityDecoder is the differential fuzz test of the hand-written
// decoder of Activity against the reflective one: any input, the same
// records and issues.
func FuzzActivityDecoder(f *testing.F) {
	for _, in := range activityDecoderInputs(f) {
		f.Add([]byte(in))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if diff := activityDecoderDiff(string(data)); diff != "" {
			t.Fatalf("input %q: hand-written decoder (-reflective +hand):\n%s", data, diff)
		}
	})
}

// activityDecoderInputs are activities to decode both ways: the fixtures
// and each fault the decoder tells apart, in each member.
func activityDecoderInputs(t testing.TB) []string {
	t.Helper()
	base := decodeTestActivity(t)
	var ins []string
	ins = append(ins, base, decodeTestFile(t, "activity.json"), string(fixtures.ActivityNDJSON(40, 7)))
	mutate := func(oldnew ...string) { ins = append(ins, decodeTestActivity(t, oldnew...)) }
	// Nulls, wrong types and missing members, in each member.
	for _, m := range []string{
		`"schemaVersion":"1"`, `"id":"LC-2025-10-0042"`, `"title":"高血压防治健康知识讲座"`,
		`"creditCode":"12371502MB28543259"`, `"name":"聊城市东昌府区古楼街道社区卫生服务中心"`,
		`"type":"community-health-center"`, `"division":"371502001"}`, `"division":"371502001",`,
		`"venue":{"type":"health-education-point","name":"古楼街道健康宣教点"}`, `"form":"lecture"`,
		`"topics":["hypertension","three-reductions-three-healths"]`, `"targetGroups":["elderly","chronic-patients"]`,
		`"start":"2025-10-17T09:30:00+08:00"`, `"participants":86`, `"materialsDistributed":120`,
		`"speakers":[{"name":"王丽","role":"family-doctor"}]`, `"role":"family-doctor"`,
		`"photos":["oss://lc/2025/10/0042-1.jpg","oss://lc/2025/10/0042-2.jpg"]`, `"signInSheet":"oss://lc/2025/10/0042-sign.pdf"`,
	} {
		name, _, _ := strings.Cut(m, ":")
		for _, v := range []string{"null", "1", `"x"`, "true", "[]", "{}", `""`, "-0.5e1", `"\u0000"`} {
			mutate(m, name+":"+v)
		}
		mutate(m, `"x":1`)                        // missing, and unknown
		mutate(m, m+","+m)                        // given twice
		mutate(m, m+`,"x\ud800":[{"a":1,"a":2}]`) // an unknown member with a repeated key
	}
	// Values of the right type, wrong.
	for _, on := range [][2]string{
		{`"1"`, `"2"`},
		{`"LC-2025-10-0042"`, `"-bad id"`},
		{`"LC-2025-10-0042"`, `"` + strings.Repeat("a", 65) + `"`},
		{`"高血压防治健康知识讲座"`, `"` + strings.Repeat("讲", 201) + `"`},
		{`"高血压防治健康知识讲座"`, `"\u9ad8\u8840\u538b\ud83d\ude00\"\\\/\b\f\n\r\t"`},
		{`"12371502MB28543259"`, `"12371502MB28543258"`},
		{`"12371502MB28543259"`, `"１２３７１５０２ＭＢ２８５４３２５９"`},
		{`"12371502MB28543259"`, `"11010519491231002X"`},
		{`"community-health-center"`, `"Community-health-center"`},
		{`"371502001"}`, `"３７１５０２００１"}`},
		{`"371502001"}`, `"371502"}`},
		{`"371502001",`, `"3715020011",`},
		{`"371502001",`, `"371502999",`},
		{`"health-education-point"`, `"hospital"`},
		{`"lecture"`, `"home-visit"`},
		{`"lecture"`, `"le\u0063ture"`},
		{`"hypertension",`, `"three-reductions-three-healths",`},
		{`"hypertension",`, `"three-reductions-three-he\u0061lths",`},
		{`"hypertension",`, `"nope",`},
		{`["hypertension","three-reductions-three-healths"]`, `[` + strings.Repeat(`"hypertension",`, 20) + `"diabetes"]`},
		{`["hypertension","three-reductions-three-healths"]`, `["hypertension","diabetes","tobacco-control","falls","nutrition"]`},
		{`["elderly","chronic-patients"]`, `["elderly","elderly","elderly"]`},
		{`["elderly","chronic-patients"]`, `[ ]`},
		{`"2025-10-17T09:30:00+08:00"`, `"2025-10-17 09:30:00+08:00"`},
		{`"2025-10-17T09:30:00+08:00"`, `"0001-01-01T00:00:00Z"`},
		{`"2025-10-17T09:30:00+08:00"`, `"2025-02-29T09:30:00.123456789123-23:59"`},
		{`"2025-10-17T11:00:00+08:00"`, `"2025-10-17T11:00:00\u002B08:00"`},
		{`86`, `86.0`}, {`86`, `8.6e1`}, {`86`, `-1`}, {`86`, `100000001`}, {`86`, `1e400`}, {`86`, `-0`},
		{`86`, `99999999999999999999`}, {`86`, `012`}, {`86`, `1.`}, {`86`, `86x`},
		{`120`, `1.5`},
		{`[{"name":"王丽","role":"family-doctor"}]`, `[{"name":"王丽","role":"family-doctor","expert":"E-1"},{"name":"","role":"nurse","expert":"-x"},{"name":"张三","role":"nurse","name":"李四"}]`},
		{`[{"name":"王丽","role":"family-doctor"}]`, `[` + strings.Repeat(`{"name":"王丽","role":"nurse"},`, 50) + `{"name":"王丽","role":"nurse"}]`},
		{`[{"name":"王丽","role":"family-doctor"}]`, `[{"name":"王丽","role":"family-doctor"},1,null,[],"x"]`},
		{`"photos":["oss://lc/2025/10/0042-1.jpg","oss://lc/2025/10/0042-2.jpg"]`, `"photos":[` + strings.Repeat(`"p",`, 51) + `"p"]`},
		{`"photos":["oss://lc/2025/10/0042-1.jpg","oss://lc/2025/10/0042-2.jpg"]`, `"photos":[]`},
		{`"photos":["oss://lc/2025/10/0042-1.jpg","oss://lc/2025/10/0042-2.jpg"]`, `"photos":["a",1,null,"\ud83d"]`},
		{`"form":"lecture"`, `"form":"individual-guidance","resident":{"citizenId":"371502195403092365","consent":{"community":true,"medical":false}}`},
		{`"form":"lecture"`, `"form":"home-visit","resident":{"citizenId":"","consent":{"community":1,"medical":null,"x":true}}`},
		{`"form":"lecture"`, `"form":"home-visit","resident":{"citizenId":"37150219540309236X","consent":null}`},
		{`"form":"lecture"`, `"form":"home-visit","resident":{"consent":{}}`},
		{`"form":"lecture"`, `"form":"home-visit","resident":[]`},
		{`"form":"lecture"`, `"form":"printed-materials","material":{"id":"M1","title":"高血压防治手册"},"board":{"id":"B1","areaDm2":200}`},
		{`"form":"lecture"`, `"form":"bulletin-board","material":{"id":"","title":1},"board":{"id":"B1","areaDm2":0,"areaDm2":1}`},
		{`"form":"lecture"`, `"form":"bulletin-board","material":null,"board":{"areaDm2":100001}`},
		{`"form":"lecture"`, `"form":"bulletin-board","material":"M1","board":[1]`},
		{`"evidence":{`, `"evidence":{"photos":null,`},
		{`"evidence":{`, `"evidence":[],"x":{`},
		{`"organizer":{`, `"organizer":{"division":"","x":1,"x":2,`},
		{`"organizer":{`, `"organizer":{"division":"3715","extra\u00e9":1,`},
		{`,"title"`, `,  "title"`},
		{`{"schemaVersion"`, "{\n\t\"schemaVersion\""},
		{`"kind":"activity"`, `"kind":"activity","kind":"activity"`},
		{`"kind":"activity"`, `"kind":"\u0061ctivity"`},
	} {
		mutate(on[0], on[1])
	}
	// Many faults: past json.tooManyIssues.
	many := strings.Repeat(`"x":1,`, 120)
	mutate(`"title"`, many+`"title"`)
	mutate(`"topics":[`, `"topics":[`+strings.Repeat(`"nope",`, 120))
	// Syntax errors and cuts at each place.
	for _, cut := range []int{1, 20, 60, 100, 200, 333, 400, 500, 600, 700, len(base) - 1} {
		if cut < len(base) {
			ins = append(ins, base[:cut])
		}
	}
	for _, on := range [][2]string{
		{`"title":`, `"title"`}, {`,"form"`, `"form"`}, {`]`, `}`}, {`}`, `]`},
		{`"lecture"`, `"lecture`}, {`"lecture"`, "\"lec\x01ture\""}, {`"lecture"`, "\"lec\xffture\""},
		{`"topics":[`, `"topics":[[[[[[[[`}, {`"participants":86`, `"participants":tru`},
		{`"medical"`, `"medical"`},
		{`"evidence":{`, `"evidence":{,`}, {`"speakers":[`, `"speakers":[,`}, {`"speakers":[`, `"speakers":[{"name":"a","role":"nurse"},]`},
	} {
		if strings.Contains(base, on[0]) {
			mutate(on[0], on[1])
		}
	}
	ins = append(ins, "{"+strings.Repeat(`"speakers":[`, 300), `{"kind":"activity"}`, `{"kind":"activity","speakers":[`+strings.Repeat("[", 600)+`]}`)
	// Array and document forms, and a stream of several.
	ins = append(ins, "["+base+",\n"+base+"]", base+"\n\n"+decodeTestActivity(t, `"id":"LC-2025-10-0042"`, `"id":"LC-2"`)+"\r\n")
	return ins
}

// activityDecoderDiff decodes in with the hand-written decoder of
// Activity and by reflection, and returns their differences, or "".
func activityDecoderDiff(in string) string {
	var diffs []string
	for _, opts := range []DecodeOptions{{}, {MaxRecordBytes: 300}} {
		want := activityDecodeAll(in, opts, true)
		got := activityDecodeAll(in, opts, false)
		if diff := cmp.Diff(want, got, cmp.Exporter(func(reflect.Type) bool { return true })); diff != "" {
			diffs = append(diffs, diff)
		}
	}
	return strings.Join(diffs, "\n")
}

// activityDecoded is what a Decoder gives for one record, kept.
type activityDecoded struct {
	Decoded
	Err string
}

// activityDecodeAll decodes in, by reflection or not, and keeps all it
// gives.
func activityDecodeAll(in string, opts DecodeOptions, reflective bool) []activityDecoded {
	d := NewDecoder(strings.NewReader(in), opts)
	d.reflective = reflective
	var out []activityDecoded
	for d.Next() {
		r := *d.Decoded()
		r.Issues = slices.Clone(r.Issues)
		r.Raw = bytes.Clone(r.Raw)
		out = append(out, activityDecoded{Decoded: r})
	}
	if err := d.Err(); err != nil {
		out = append(out, activityDecoded{Err: err.Error()})
	}
	return out
}

// TestActivityDecoderCorpus: the seeds of FuzzActivityDecoder's corpus
// under testdata/fuzz are there, so that go test runs them.
func TestActivityDecoderCorpus(t *testing.T) {
	entries, err := os.ReadDir("testdata/fuzz/FuzzActivityDecoder")
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) < 8 {
		t.Errorf("%d seeds in testdata/fuzz/FuzzActivityDecoder, want at least 8", len(entries))
	}
}
