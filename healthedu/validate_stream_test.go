package healthedu

import (
	"bytes"
	"errors"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/jiceng/jiceng/internal/fixtures"
)

// validateStreamActivity is a valid lecture of 古楼街道 as one NDJSON line,
// with id ID.
const validateStreamActivity = `{"schemaVersion":"1","kind":"activity","id":"ID","title":"高血压防治健康知识讲座",` +
	`"organizer":{"creditCode":"12371502MB28543259","name":"聊城市东昌府区古楼街道社区卫生服务中心","type":"community-health-center","division":"371502001"},` +
	`"division":"371502001","venue":{"type":"health-education-point","name":"古楼街道健康宣教点"},"form":"lecture",` +
	`"topics":["hypertension"],"targetGroups":["elderly"],"start":"2025-10-17T09:30:00+08:00","end":"2025-10-17T11:00:00+08:00",` +
	`"participants":86,"evidence":{"photos":["oss://lc/1.jpg"],"signInSheet":"oss://lc/sign.pdf"}}`

// validateStreamLine returns the activity with id, changed by the pairs of
// old and new strings in edits.
func validateStreamLine(id string, edits ...string) string {
	s := strings.Replace(validateStreamActivity, `"id":"ID"`, `"id":"`+id+`"`, 1)
	for i := 0; i+1 < len(edits); i += 2 {
		if !strings.Contains(s, edits[i]) {
			panic("validateStreamLine: no " + edits[i])
		}
		s = strings.Replace(s, edits[i], edits[i+1], 1)
	}
	return s
}

// validateStreamVerdict is what a test compares of a RecordResult.
type validateStreamVerdict struct {
	Index    int
	Line     int
	Kind     Kind
	ID       string
	Accepted bool
	Decoded  bool
	Issues   []string // line, code and path of each issue
}

func validateCollect(t *testing.T, v *Validator, input string, opts StreamOptions) ([]validateStreamVerdict, StreamSummary) {
	t.Helper()
	var got []validateStreamVerdict
	sum, err := v.ValidateStream(strings.NewReader(input), opts, func(r *RecordResult) error {
		vd := validateStreamVerdict{Index: r.Index, Line: r.Line, Kind: r.Kind, ID: r.ID, Accepted: r.Accepted, Decoded: r.Record != nil}
		for _, iss := range r.Issues {
			vd.Issues = append(vd.Issues, strings.Join([]string{strconv.Itoa(iss.Line), iss.Code, iss.Path}, " "))
		}
		got = append(got, vd)
		return nil
	})
	if err != nil {
		t.Fatalf("ValidateStream: %v", err)
	}
	return got, sum
}

func TestValidateStreamBatch(t *testing.T) {
	lines := []string{
		validateStreamLine("a1"), // 1
		strings.ReplaceAll(validateStreamLine("a1"), `":`, `" : `) + "  ",                    // 2: the same up to white space
		validateStreamLine("a1", `"participants":86`, `"participants":87`),                   // 3: different content
		validateStreamLine("a2", `"title"`, `"titel"`),                                       // 4: not decoded
		validateStreamLine("a2"),                                                             // 5: a2 was not claimed
		validateStreamLine("a3", `"end":"2025-10-17T11:00:00`, `"end":"2025-10-17T08:00:00`), // 6: rejected
		validateStreamLine("a3", `"participants":86`, `"participants":0`),                    // 7: a3 was not claimed; a warning
		`{"schemaVersion":"1","kind":"monthlyReport","id":"a1","division":"150207","period":"202510","submittedAt":"2025-11-03T16:20:00+08:00","values":[{"element":"lectures","value":4}]}`, // 8: another kind
		`{"kind":"activity",`, // 9: not JSON, cut short
		validateStreamLine("a3", `"participants":86`, `"participants":0`),     // 10: the same as 7
		validateStreamLine("a1", `"title":"高血压防治健康知识讲座"`, `"title":"高血压 防治"`), // 11: differs inside a string
	}
	input := strings.Join(lines, "\n") + "\n"
	// The report on line 8 gives one element; none is expected here.
	got, sum := validateCollect(t, &Validator{Now: validateTestNow, Elements: validateExpecting()}, input, StreamOptions{})

	// The decoder's issue on lines 4 and 9 are its own; only their codes
	// are compared.
	for i := range got {
		if !got[i].Decoded {
			for k, s := range got[i].Issues {
				got[i].Issues[k] = s[:strings.LastIndexByte(s, ' ')]
			}
		}
	}
	want := []validateStreamVerdict{
		{Index: 0, Line: 1, Kind: KindActivity, ID: "a1", Accepted: true, Decoded: true},
		{Index: 1, Line: 2, Kind: KindActivity, ID: "a1", Accepted: true, Decoded: true, Issues: []string{"2 document.duplicateId /id"}},
		{Index: 2, Line: 3, Kind: KindActivity, ID: "a1", Decoded: true, Issues: []string{"3 document.conflictingId /id"}},
		{Index: 3, Line: 4, Kind: KindActivity, ID: "a2", Issues: []string{"4 json.unknownField"}},
		{Index: 4, Line: 5, Kind: KindActivity, ID: "a2", Accepted: true, Decoded: true},
		{Index: 5, Line: 6, Kind: KindActivity, ID: "a3", Decoded: true, Issues: []string{"6 activity.endBeforeStart /end"}},
		{Index: 6, Line: 7, Kind: KindActivity, ID: "a3", Accepted: true, Decoded: true, Issues: []string{"7 activity.noParticipants /participants"}},
		{Index: 7, Line: 8, Kind: KindMonthlyReport, ID: "a1", Accepted: true, Decoded: true},
		{Index: 8, Line: 9, Kind: KindActivity, Issues: []string{"9 json.unexpectedEnd"}},
		{Index: 9, Line: 10, Kind: KindActivity, ID: "a3", Accepted: true, Decoded: true, Issues: []string{
			"10 document.duplicateId /id", "10 activity.noParticipants /participants"}},
		{Index: 10, Line: 11, Kind: KindActivity, ID: "a1", Decoded: true, Issues: []string{"11 document.conflictingId /id"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("results mismatch (-want +got):\n%s", diff)
	}
	wantSum := StreamSummary{Records: 11, Accepted: 6, Rejected: 5, Errors: 5, Warnings: 4, Bytes: int64(len(input))}
	if diff := cmp.Diff(wantSum, sum); diff != "" {
		t.Errorf("summary mismatch (-want +got):\n%s", diff)
	}
}

func TestValidateStreamDuplicateParams(t *testing.T) {
	id := "11010519491231002X" // a citizen ID number used as a record id
	input := validateStreamLine(id) + "\n" + validateStreamLine(id) + "\n" + validateStreamLine(id, `"participants":86`, `"participants":1`) + "\n"
	var got []Issue
	_, err := (&Validator{Now: validateTestNow}).ValidateStream(strings.NewReader(input), StreamOptions{}, func(r *RecordResult) error {
		got = append(got, r.Issues...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []Issue{
		{Severity: SeverityWarning, Code: "document.duplicateId", Path: "/id", Line: 2, Params: map[string]any{"value": "1101**********002X", "firstLine": 1}},
		{Severity: SeverityError, Code: "document.conflictingId", Path: "/id", Line: 3, Params: map[string]any{"value": "1101**********002X", "firstLine": 1}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("issues mismatch (-want +got):\n%s", diff)
	}
}

// TestValidateStreamLines checks that validation issues of a
// pretty-printed document take the lines of their fields, and sort with
// the decoder's.
func TestValidateStreamLines(t *testing.T) {
	input := `[
  {
    "schemaVersion": "1",
    "kind": "monthlyReport",
    "id": "JY-202510",
    "division": "150299",
    "period": "202510",
    "submittedAt": "2025-10-30T16:20:00+08:00",
    "values": [
      {"element": "lectures", "value": 4},
      {"element": "pushes", "value": 2},
      {"element": "lectures", "value": 5},
      {"element": "pushes", "value": 3}, {"element": "children-0-6", "value": -1},
      {"element": "children-0-6-managed",
       "value": 7}
    ]
  },
  {"schemaVersion": "1", "kind": "healthCell", "id": "c1", "name": "沙河街道健康社区", "type": "community",
   "level": "city", "year": 2024, "division": "150207", "namedOn": "2025-01-10"}
]
`
	v := &Validator{Now: validateTestNow, Elements: validateExpecting("lectures", "population")}
	got, _ := validateCollect(t, v, input, StreamOptions{})
	want := []validateStreamVerdict{
		{Index: 0, Line: 2, Kind: KindMonthlyReport, ID: "JY-202510", Decoded: true, Issues: []string{
			"6 division.unknown /division",
			"8 monthlyReport.early /submittedAt",
			"9 monthlyReport.missingElement /values",
			"12 monthlyReport.duplicateElement /values/2/element",
			"13 monthlyReport.duplicateElement /values/3/element",
			"13 monthlyReport.valueType /values/4/value",
			"15 monthlyReport.partExceedsWhole /values/5/value",
		}},
		{Index: 1, Line: 18, Kind: KindHealthCell, ID: "c1", Accepted: true, Decoded: true, Issues: []string{
			"19 healthCell.divisionLevel /division",
			"19 healthCell.yearMismatch /namedOn",
		}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("results mismatch (-want +got):\n%s", diff)
	}
}

func TestValidateSafeID(t *testing.T) {
	tests := []struct{ in, want string }{
		{"LC-2025-10-0042", "LC-2025-10-0042"},
		{"11010519491231002X", "1101**********002X"},
		{"11010519491231002x", "1101**********002X"},
		{"110105491231002", "1101**********002X"},    // the legacy form
		{"110105194912310021", "110105194912310021"}, // fails its check digit: not a citizen ID number
		{"123456789012345678", "123456789012345678"},
	}
	for _, tt := range tests {
		if got := validateSafeID(tt.in); got != tt.want {
			t.Errorf("validateSafeID(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestValidateStreamProgress(t *testing.T) {
	data := fixtures.ActivityNDJSON(3000, 7)
	type call struct {
		records int
		bytes   int64
	}
	var calls []call
	const step = 64 << 10
	sum, err := (&Validator{Now: fixtures.Now}).ValidateStream(bytes.NewReader(data), StreamOptions{
		ProgressBytes: step,
		Progress:      func(records int, bytes int64) { calls = append(calls, call{records, bytes}) },
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Records != 3000 || sum.Accepted != 3000 || sum.Warnings != 0 || sum.Bytes != int64(len(data)) {
		t.Errorf("summary %+v, want 3000 records accepted without warnings, %d bytes", sum, len(data))
	}
	if len(calls) == 0 || calls[len(calls)-1] != (call{sum.Records, sum.Bytes}) {
		t.Fatalf("last call of Progress %v, want %v", calls[len(calls)-1:], call{sum.Records, sum.Bytes})
	}
	if min, max := len(data)/step, len(data)/step+2; len(calls) < min || len(calls) > max {
		t.Errorf("Progress called %d times, want %d to %d", len(calls), min, max)
	}
	for i := 1; i < len(calls); i++ {
		if calls[i].records < calls[i-1].records || calls[i].bytes < calls[i-1].bytes {
			t.Errorf("Progress went back: %v then %v", calls[i-1], calls[i])
		}
	}
}

func TestValidateStreamStop(t *testing.T) {
	stop := errors.New("enough")
	data := fixtures.ActivityNDJSON(10, 1)
	n := 0
	sum, err := (&Validator{}).ValidateStream(bytes.NewReader(data), StreamOptions{}, func(r *RecordResult) error {
		n++
		if r.Index == 2 {
			return stop
		}
		return nil
	})
	if err != stop || n != 3 || sum.Records != 3 {
		t.Errorf("ValidateStream = %+v, %v after %d calls; want 3 records, %v", sum, err, n, stop)
	}
}

// validateFailingReader returns its data, then an error.
type validateFailingReader struct {
	data []byte
	err  error
}

func (r *validateFailingReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, r.err
	}
	n := copy(p, r.data)
	r.data = r.data[n:]
	return n, nil
}

func TestValidateStreamReadError(t *testing.T) {
	broken := errors.New("connection reset")
	data := fixtures.ActivityNDJSON(5, 1)
	sum, err := (&Validator{}).ValidateStream(&validateFailingReader{data: data, err: broken}, StreamOptions{}, nil)
	if !errors.Is(err, broken) {
		t.Errorf("ValidateStream error %v, want %v", err, broken)
	}
	if sum.Records > 5 {
		t.Errorf("summary %+v, want at most 5 records", sum)
	}
}

func TestValidateStreamGB18030(t *testing.T) {
	utf8 := fixtures.ActivityNDJSON(50, 3)
	utf8 = append(utf8, fixtures.AppendActivityLine(nil, 3, 0)...) // a repeat
	gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes(utf8)
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	sum, err := (&Validator{Now: fixtures.Now}).ValidateStream(bytes.NewReader(gb), StreamOptions{Decode: DecodeOptions{Encoding: GB18030}},
		func(r *RecordResult) error {
			titles = append(titles, r.Record.(*Activity).Title)
			return nil
		})
	if err != nil {
		t.Fatal(err)
	}
	want := StreamSummary{Records: 51, Accepted: 51, Warnings: 1, Bytes: sum.Bytes}
	if diff := cmp.Diff(want, sum); diff != "" {
		t.Errorf("summary mismatch (-want +got):\n%s", diff)
	}
	if !strings.Contains(string(utf8), titles[0]) {
		t.Errorf("title %q not in the input", titles[0])
	}
}

// validateHeapLimit is the most heap a stream of any length may hold.
const validateHeapLimit = 64 << 20

// validateHeapStream is the size of the stream of the heap test and
// benchmark.
const validateHeapStream = 200 << 20

// validateStreamHeap streams size bytes of NDJSON activity records,
// generated as they are read and never held, through ValidateStream, or
// as much of them as it can in budget when budget is not 0. At every 4 MB
// of input it reads the heap in use, and it fails tb when that reaches
// 64 MB. It returns the peak and the summary.
func validateStreamHeap(tb testing.TB, size int64, budget time.Duration) (uint64, StreamSummary) {
	runtime.GC()
	var (
		peak      uint64
		ms        runtime.MemStats
		start     = time.Now()
		outOfTime = errors.New("out of time")
	)
	sum, err := (&Validator{Now: fixtures.Now}).ValidateStream(fixtures.ActivityReader(size, 42), StreamOptions{
		ProgressBytes: 4 << 20,
		Progress: func(records int, bytes int64) {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
		},
	}, func(r *RecordResult) error {
		if budget > 0 && r.Index%1024 == 0 && time.Since(start) > budget {
			return outOfTime
		}
		return nil
	})
	if err != nil && err != outOfTime {
		tb.Fatal(err)
	}
	if sum.Rejected != 0 || sum.Warnings != 0 || (err == nil && sum.Bytes < size) {
		tb.Errorf("summary %+v, want %d bytes or more, all accepted", sum, size)
	}
	if peak >= validateHeapLimit {
		tb.Errorf("heap in use reached %.1f MB after %d records, want under %d MB", float64(peak)/(1<<20), sum.Records, validateHeapLimit>>20)
	}
	return peak, sum
}

// TestValidateStreamHeap streams up to 200 MB of NDJSON, about 310,000
// activity records, through ValidateStream and checks that the heap in use
// stays under 64 MB, the set of identifiers, which grows with the stream,
// included. It takes about 4 s; the race detector slows the Decoder ten
// times, so the test stops after 15 s, whatever it has read by then:
// BenchmarkValidateStreamHeap always reads the 200 MB.
func TestValidateStreamHeap(t *testing.T) {
	start := time.Now()
	peak, sum := validateStreamHeap(t, validateHeapStream, 15*time.Second)
	t.Logf("%d records, %d MB in %v; peak heap in use %.1f MB",
		sum.Records, sum.Bytes>>20, time.Since(start).Round(time.Millisecond), float64(peak)/(1<<20))
}

// TestValidateStreamEveryFault checks that a record with faults the
// Decoder finds and faults the Validator finds is told all of them, not
// only the first kind: the fields that decoded are validated, and what the
// Validator says of a value the Decoder rejected, or of a value holding it
// or held by it, is left out, so that one fault is not reported twice.
func TestValidateStreamEveryFault(t *testing.T) {
	tests := []struct {
		name  string
		edits []string
		want  []string
	}{
		{
			"a count out of range and an unknown division",
			[]string{`"participants":86`, `"participants":-1`, `"division":"371502001","venue"`, `"division":"371599001","venue"`},
			[]string{"1 division.unknown /division", "1 activity.outsideOrganizerArea /division", "1 json.range /participants"},
		},
		{
			"a start before 1900 and an end before the earliest time",
			[]string{`"start":"2025-10-17T09:30:00+08:00"`, `"start":"1899-12-31T09:30:00+08:00"`,
				`"end":"2025-10-17T11:00:00+08:00"`, `"end":"1999-10-17T11:00:00+08:00"`},
			[]string{"1 time.tooEarly /end", "1 time.outOfRange /start"},
		},
		{
			"a form out of the enumeration and an end before the start",
			[]string{`"form":"lecture"`, `"form":"dance"`, `"end":"2025-10-17T11:00:00+08:00"`, `"end":"2025-10-17T08:00:00+08:00"`},
			[]string{"1 activity.endBeforeStart /end", "1 json.enum /form"},
		},
		{
			"evidence of the wrong type is not also missing evidence",
			[]string{`"evidence":{"photos":["oss://lc/1.jpg"],"signInSheet":"oss://lc/sign.pdf"}`, `"evidence":"oss://lc/1.jpg"`},
			[]string{"1 json.type /evidence"},
		},
		{
			"a citizen ID that fails its check is not also a missing resident",
			[]string{`"form":"lecture"`, `"form":"home-visit"`, `"participants":86`, `"participants":1,"resident":{"citizenId":"371502198001010011","consent":{"community":true,"medical":false}}`},
			[]string{"1 citizenId.checksum /resident/citizenId"},
		},
		{
			"an unknown member and a division outside the organizer's area",
			[]string{`"title":`, `"titel":"x","title":`, `"division":"371502001","venue"`, `"division":"371503001","venue"`},
			[]string{"1 activity.outsideOrganizerArea /division", "1 json.unknownField /titel"},
		},
		{
			"a syntax error ends the record",
			[]string{`"participants":86`, `"participants":86 87`, `"division":"371502001","venue"`, `"division":"371599001","venue"`},
			[]string{"1 json.syntax "},
		},
		{
			"an unknown kind is not validated",
			[]string{`"kind":"activity"`, `"kind":"lesson"`, `"division":"371502001","venue"`, `"division":"371599001","venue"`},
			[]string{"1 document.kind /kind"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, sum := validateCollect(t, &Validator{Now: validateTestNow}, validateStreamLine("E", tt.edits...), StreamOptions{})
			if len(got) != 1 || got[0].Accepted || got[0].Decoded || sum.Rejected != 1 {
				t.Fatalf("results %+v, summary %+v: want one record rejected", got, sum)
			}
			if diff := cmp.Diff(tt.want, got[0].Issues); diff != "" {
				t.Errorf("issues (-want +got):\n%s", diff)
			}
		})
	}
}
