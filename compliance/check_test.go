package compliance

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"golang.org/x/text/language"

	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/internal/checkchar"
)

// testCode returns a valid credit code with the 17 characters body and
// their check character.
func testCode(t testing.TB, body string) healthedu.CreditCode {
	t.Helper()
	ch, ok := checkchar.CreditCode(body)
	if !ok {
		t.Fatalf("credit code body %q", body)
	}
	c, err := healthedu.ParseCreditCode(body + string(ch))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

const (
	centreBody  = "12371502MB2854325" // 古楼街道社区卫生服务中心
	stationBody = "52371502MJ3916022" // 前王村卫生室
	otherBody   = "12371502MB2854331"
)

// act is a compact description of an activity for the tables.
type act struct {
	body  string // credit code body; centreBody when ""
	typ   healthedu.OrganizerType
	form  healthedu.ActivityForm
	start string // "2025-03-01" (09:00 CST) or an RFC 3339 time
	mat   string // material id, "-" for none
	board string // board id, "-" for none
	area  int64
	name  string
	id    string // the record's id; a new one each time when ""
}

// recordIDs numbers the records of the tests, so that no two share an id
// unless a test says so.
var recordIDs atomic.Int64

// recordID returns a's id, or a new one.
func (a act) recordID() string {
	if a.id != "" {
		return a.id
	}
	return "T-" + strconv.FormatInt(recordIDs.Add(1), 10)
}

func (a act) activity(t testing.TB) *healthedu.Activity {
	t.Helper()
	body, typ, name := a.body, a.typ, a.name
	if body == "" {
		body = centreBody
	}
	if typ == "" {
		typ = "community-health-center"
	}
	if name == "" {
		name = "古楼街道社区卫生服务中心"
	}
	var start time.Time
	var err error
	if len(a.start) == len("2025-03-01") {
		start, err = time.ParseInLocation("2006-01-02 15:04", a.start+" 09:00", healthedu.ChinaStandardTime)
	} else {
		start, err = time.Parse(time.RFC3339, a.start)
	}
	if err != nil {
		t.Fatal(err)
	}
	out := &healthedu.Activity{
		Header:    healthedu.Header{SchemaVersion: "1", Kind: healthedu.KindActivity, ID: a.recordID()},
		Organizer: healthedu.Organizer{CreditCode: testCode(t, body), Name: name, Type: typ},
		Form:      a.form,
		Start:     start,
		End:       start.Add(time.Hour),
	}
	switch a.form {
	case healthedu.FormPrintedMaterials, healthedu.FormAudioVisual:
		if a.mat != "-" {
			out.Material = &healthedu.Material{ID: a.mat}
		}
	case healthedu.FormBulletinBoard:
		if a.board != "-" {
			out.Board = &healthedu.Board{ID: a.board, AreaDm2: a.area}
		}
	}
	return out
}

// monthly returns one activity of form on the given day of each month
// from..to of 2025.
func monthly(form healthedu.ActivityForm, day int, from, to time.Month) []act {
	var out []act
	for m := from; m <= to; m++ {
		out = append(out, act{form: form, start: time.Date(2025, m, day, 0, 0, 0, 0, time.UTC).Format("2006-01-02")})
	}
	return out
}

// kinds returns n activities of form naming materials prefix1…prefixn.
func kinds(form healthedu.ActivityForm, prefix string, n int) []act {
	var out []act
	for i := range n {
		out = append(out, act{form: form, start: "2025-02-10", mat: prefix + strings.Repeat("x", i)})
	}
	return out
}

// boardEvery returns changes of board id on the given dates.
func boardOn(id string, dates ...string) []act {
	var out []act
	for _, d := range dates {
		out = append(out, act{form: healthedu.FormBulletinBoard, start: d, board: id})
	}
	return out
}

// compliantCentre is a year of a centre that meets every rule.
func compliantCentre() []act {
	var as []act
	as = append(as, monthly(healthedu.FormLecture, 15, time.January, time.December)...)
	as = append(as, monthly(healthedu.FormConsultation, 20, time.January, time.September)...)
	as = append(as, kinds(healthedu.FormPrintedMaterials, "P", 12)...)
	as = append(as, kinds(healthedu.FormAudioVisual, "V", 6)...)
	six := []string{"2025-02-01", "2025-04-01", "2025-06-01", "2025-08-01", "2025-10-01", "2025-12-01"}
	as = append(as, boardOn("B1", six...)...)
	as = append(as, boardOn("B2", six...)...)
	return as
}

var (
	year2025 = healthedu.YearPeriod(2025)
	cst      = healthedu.ChinaStandardTime
)

// run checks the activities as of now (zero: the year over) with norms.
func run(t testing.TB, as []act, now time.Time, norms *Norms) []Institution {
	t.Helper()
	c, err := NewChecker(Options{Year: year2025, Now: now, Norms: norms})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range as {
		c.Add(a.activity(t))
	}
	return c.Results()
}

// summary is what the tables compare: the measures and the issues'
// codes, paths and params.
type summary struct {
	Measures []string
	Issues   []string
}

func summarize(in Institution) summary {
	var s summary
	for _, m := range in.Measures {
		s.Measures = append(s.Measures, m.String())
	}
	for _, is := range in.Issues {
		b, _ := json.Marshal(is.Params)
		s.Issues = append(s.Issues, is.Severity.String()+" "+is.Code+" "+is.Path+" "+string(b))
	}
	return s
}

// only returns the measure of rule and the issues whose code starts with
// prefix.
func only(s summary, rule Rule, prefix string) summary {
	var out summary
	for _, m := range s.Measures {
		if strings.HasPrefix(m, string(rule)+" ") {
			out.Measures = append(out.Measures, m)
		}
	}
	for _, is := range s.Issues {
		if strings.Contains(is, " "+prefix) {
			out.Issues = append(out.Issues, is)
		}
	}
	return out
}

func TestCompliantCentre(t *testing.T) {
	got := run(t, compliantCentre(), time.Time{}, nil)
	if len(got) != 1 {
		t.Fatalf("%d institutions", len(got))
	}
	want := summary{Measures: []string{
		"printedKinds 12/12 kind met",
		"audioVisualKinds 6/6 kind met",
		"boards 2/2 board met",
		"boardArea 2/2 board met",
		"boardChangeGap 2/2 board met",
		"lectures 12/12 lecture met",
		"lectureGap 12/12 period met",
		"consultations 9/9 event met",
	}}
	if diff := cmp.Diff(want, summarize(got[0])); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if !got[0].Compliant() {
		t.Error("not compliant")
	}
	wantBoards := []BoardResult{
		{ID: "B1", Changes: 6, LongestGapDays: 61, OnTime: true},
		{ID: "B2", Changes: 6, LongestGapDays: 61, OnTime: true},
	}
	if diff := cmp.Diff(wantBoards, got[0].Boards); diff != "" {
		t.Errorf("boards (-want +got):\n%s", diff)
	}
}

// TestRules holds each rule at its boundary, for a year over.
func TestRules(t *testing.T) {
	station := func(as []act) []act {
		for i := range as {
			as[i].body, as[i].typ = stationBody, "village-clinic"
		}
		return as
	}
	without := func(as []act, drop func(act) bool) []act {
		return slices.DeleteFunc(as, drop)
	}
	form := func(f healthedu.ActivityForm) func(act) bool { return func(a act) bool { return a.form == f } }
	tests := []struct {
		name string
		as   []act
		rule Rule
		code string
		want summary
	}{
		{
			name: "12 lectures, one a month",
			as:   compliantCentre(), rule: RuleLectures, code: "compliance.lectures",
			want: summary{Measures: []string{"lectures 12/12 lecture met"}},
		},
		{
			name: "11 lectures",
			as:   without(compliantCentre(), func(a act) bool { return a.form == healthedu.FormLecture && a.start == "2025-07-15" }),
			rule: RuleLectures, code: "compliance.lecture",
			want: summary{
				Measures: []string{"lectures 11/12 lecture not met"},
				Issues: []string{
					`warning compliance.lectures /measures/5 {"months":12,"norm":12,"required":12,"value":11}`,
					`warning compliance.lectureGap /measures/6 {"count":1,"months":1,"periods":["202507"]}`,
				},
			},
		},
		{
			name: "12 lectures, two in June and none in July",
			as: append(without(compliantCentre(), func(a act) bool { return a.form == healthedu.FormLecture && a.start == "2025-07-15" }),
				act{form: healthedu.FormLecture, start: "2025-06-30"}),
			rule: RuleLectureGap, code: "compliance.lecture",
			want: summary{
				Measures: []string{"lectureGap 11/12 period not met"},
				Issues:   []string{`warning compliance.lectureGap /measures/6 {"count":1,"months":1,"periods":["202507"]}`},
			},
		},
		{
			name: "station: no lecture",
			as:   station(boardOn("B1", "2025-02-01", "2025-04-01", "2025-06-01", "2025-08-01", "2025-10-01", "2025-12-01")),
			rule: RuleLectures, code: "compliance.lecture",
			want: summary{Measures: []string{"lectures 0/6 lecture not met"}, Issues: []string{
				`warning compliance.lectures /measures/5 {"months":12,"norm":6,"required":6,"value":0}`,
				`warning compliance.lectureGap /measures/6 {"count":6,"months":2,"periods":["202501B","202502B","202503B","202504B","202505B","202506B"]}`,
			}},
		},
		{
			name: "station: 6 lectures in Feb, Mar, Jun, Jul, Oct, Dec",
			as: station([]act{
				{form: healthedu.FormLecture, start: "2025-02-28"}, {form: healthedu.FormLecture, start: "2025-03-01"},
				{form: healthedu.FormLecture, start: "2025-06-10"}, {form: healthedu.FormLecture, start: "2025-07-10"},
				{form: healthedu.FormLecture, start: "2025-10-10"}, {form: healthedu.FormLecture, start: "2025-12-31"},
			}),
			rule: RuleLectures, code: "compliance.lecture",
			want: summary{Measures: []string{"lectures 6/6 lecture met"}},
		},
		{
			name: "station: 5 lectures, none in September–October",
			as: station([]act{
				{form: healthedu.FormLecture, start: "2025-02-28"}, {form: healthedu.FormLecture, start: "2025-03-01"},
				{form: healthedu.FormLecture, start: "2025-06-10"}, {form: healthedu.FormLecture, start: "2025-07-10"},
				{form: healthedu.FormLecture, start: "2025-12-31"},
			}),
			rule: RuleLectures, code: "compliance.lecture",
			want: summary{
				Measures: []string{"lectures 5/6 lecture not met"},
				Issues: []string{
					`warning compliance.lectures /measures/5 {"months":12,"norm":6,"required":6,"value":5}`,
					`warning compliance.lectureGap /measures/6 {"count":1,"months":2,"periods":["202505B"]}`,
				},
			},
		},
		{
			name: "station: lectureGap met by two-month periods",
			as: station([]act{
				{form: healthedu.FormLecture, start: "2025-02-28"}, {form: healthedu.FormLecture, start: "2025-03-01"},
				{form: healthedu.FormLecture, start: "2025-06-10"}, {form: healthedu.FormLecture, start: "2025-07-10"},
				{form: healthedu.FormLecture, start: "2025-10-10"}, {form: healthedu.FormLecture, start: "2025-12-31"},
			}),
			rule: RuleLectureGap, code: "compliance.lectureGap",
			want: summary{Measures: []string{"lectureGap 6/6 period met"}},
		},
		{
			name: "centre: 1 board of 2",
			as:   without(compliantCentre(), func(a act) bool { return a.board == "B2" }),
			rule: RuleBoards, code: "compliance.boards",
			want: summary{
				Measures: []string{"boards 1/2 board not met"},
				Issues:   []string{`warning compliance.boards /measures/2 {"required":2,"value":1}`},
			},
		},
		{
			name: "station: 1 board is enough",
			as:   station(without(compliantCentre(), func(a act) bool { return a.board == "B2" })),
			rule: RuleBoards, code: "compliance.boards",
			want: summary{Measures: []string{"boards 1/1 board met"}},
		},
		{
			name: "centre: 2 boards, one of 1.99 m²",
			as: append(compliantCentre(),
				act{form: healthedu.FormBulletinBoard, start: "2025-12-01", board: "B2", area: 199},
				act{form: healthedu.FormBulletinBoard, start: "2025-06-01", board: "B1", area: 150}, // older than B1's next
				act{form: healthedu.FormBulletinBoard, start: "2025-08-01", board: "B1", area: 200}),
			rule: RuleBoards, code: "compliance.board",
			want: summary{
				Measures: []string{"boards 1/2 board not met"},
				Issues: []string{
					`warning compliance.boards /measures/2 {"required":2,"value":1}`,
					`warning compliance.boardArea /boards/1 {"area":"1.99","board":"B2","minimum":"2"}`,
				},
			},
		},
		{
			name: "printed materials: 12 kinds, counted distinct",
			as:   append(compliantCentre(), kinds(healthedu.FormPrintedMaterials, "P", 12)...),
			rule: RulePrintedKinds, code: "compliance.printed",
			want: summary{Measures: []string{"printedKinds 12/12 kind met"}},
		},
		{
			name: "printed materials: 11 kinds, an audio-visual P12 not counted",
			as: append(without(compliantCentre(), form(healthedu.FormPrintedMaterials)),
				append(kinds(healthedu.FormPrintedMaterials, "P", 11),
					act{form: healthedu.FormAudioVisual, start: "2025-05-05", mat: "P" + strings.Repeat("x", 11)},
					act{form: healthedu.FormPrintedMaterials, start: "2025-05-05", mat: "P"})...),
			rule: RulePrintedKinds, code: "compliance.printed",
			want: summary{
				Measures: []string{"printedKinds 11/12 kind not met"},
				Issues:   []string{`warning compliance.printedKinds /measures/0 {"months":12,"norm":12,"required":12,"value":11}`},
			},
		},
		{
			name: "printed materials: 11 kinds and 3 unnamed, counted as one more",
			as: append(without(compliantCentre(), form(healthedu.FormPrintedMaterials)),
				append(kinds(healthedu.FormPrintedMaterials, "P", 11),
					act{form: healthedu.FormPrintedMaterials, start: "2025-05-05", mat: "-"},
					act{form: healthedu.FormPrintedMaterials, start: "2025-06-05", mat: "-"},
					act{form: healthedu.FormPrintedMaterials, start: "2025-07-05", mat: "-"})...),
			rule: RulePrintedKinds, code: "compliance.",
			want: summary{
				Measures: []string{"printedKinds 12/12 kind met"},
				Issues:   []string{`information compliance.unnamedMaterial /measures/0 {"count":3,"form":"printed-materials"}`},
			},
		},
		{
			name: "audio-visual: 5 kinds",
			as:   append(without(compliantCentre(), form(healthedu.FormAudioVisual)), kinds(healthedu.FormAudioVisual, "V", 5)...),
			rule: RuleAudioVisualKinds, code: "compliance.audioVisual",
			want: summary{
				Measures: []string{"audioVisualKinds 5/6 kind not met"},
				Issues:   []string{`warning compliance.audioVisualKinds /measures/1 {"months":12,"norm":6,"required":6,"value":5}`},
			},
		},
		{
			name: "consultations: 8 of 9",
			as:   without(compliantCentre(), func(a act) bool { return a.form == healthedu.FormConsultation && a.start == "2025-09-20" }),
			rule: RuleConsultations, code: "compliance.consultations",
			want: summary{
				Measures: []string{"consultations 8/9 event not met"},
				Issues:   []string{`warning compliance.consultations /measures/7 {"months":12,"norm":9,"required":9,"value":8}`},
			},
		},
		{
			name: "station: no consultation minimum",
			as:   station(without(compliantCentre(), form(healthedu.FormConsultation))),
			rule: RuleConsultations, code: "compliance.consultations",
			want: summary{Measures: []string{"consultations 0/0 event met"}},
		},
		{
			name: "unnamed board changes count as one board",
			as: append(without(compliantCentre(), form(healthedu.FormBulletinBoard)),
				boardOn("-", "2025-03-01", "2025-05-01", "2025-07-01", "2025-09-01", "2025-11-01")...),
			rule: RuleBoards, code: "compliance.",
			want: summary{
				Measures: []string{"boards 1/2 board not met"},
				Issues: []string{
					`warning compliance.boards /measures/2 {"required":2,"value":1}`,
					`information compliance.unnamedBoard /boards/0 {"count":5}`,
				},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := run(t, tt.as, time.Time{}, nil)
			if len(got) != 1 {
				t.Fatalf("%d institutions", len(got))
			}
			if diff := cmp.Diff(tt.want, only(summarize(got[0]), tt.rule, tt.code), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestBoardChangeGap holds the calendar rule at its boundary: the next
// change is due on the same day two months later, or the month's last day.
func TestBoardChangeGap(t *testing.T) {
	tests := []struct {
		name  string
		dates []string // changes of board B1, besides those that keep the rest of the year in time
		now   string   // "" for the year over
		want  BoardResult
		issue string
	}{
		{
			name:  "61 days, 2025-03-01 to 2025-05-01: in time",
			dates: []string{"2025-03-01", "2025-05-01", "2025-07-01", "2025-09-01", "2025-11-01"},
			want:  BoardResult{ID: "B1", Changes: 5, LongestGapDays: 62, OnTime: true},
		},
		{
			name:  "61 days, 2025-01-01 to 2025-03-03: late",
			dates: []string{"2025-01-01", "2025-03-03", "2025-05-01", "2025-07-01", "2025-09-01", "2025-11-01"},
			want:  BoardResult{ID: "B1", Changes: 6, LongestGapDays: 62},
			issue: `warning compliance.boardChangeGap /boards/0 {"board":"B1","days":61,"from":"2025-01-01","months":2,"to":"2025-03-03"}`,
		},
		{
			name:  "60 days from 1 January to 2025-03-02: late",
			dates: []string{"2025-03-02", "2025-05-01", "2025-07-01", "2025-09-01", "2025-11-01"},
			want:  BoardResult{ID: "B1", Changes: 5, LongestGapDays: 62},
			issue: `warning compliance.boardChangeGap /boards/0 {"board":"B1","days":60,"from":"2025-01-01","months":2,"to":"2025-03-02"}`,
		},
		{
			name:  "59 days from 1 January to 2025-03-01: in time",
			dates: []string{"2025-03-01", "2025-05-01", "2025-07-01", "2025-09-01", "2025-11-01"},
			want:  BoardResult{ID: "B1", Changes: 5, LongestGapDays: 62, OnTime: true},
		},
		{
			name:  "31 August, 31 October, 31 December: each in time on the same day",
			dates: []string{"2025-03-01", "2025-05-01", "2025-07-01", "2025-08-31", "2025-10-31", "2025-12-31"},
			want:  BoardResult{ID: "B1", Changes: 6, LongestGapDays: 61, OnTime: true},
		},
		{
			name:  "last change 2025-10-31, none by 31 December: late at the year's end",
			dates: []string{"2025-03-01", "2025-05-01", "2025-07-01", "2025-08-31", "2025-10-31"},
			want:  BoardResult{ID: "B1", Changes: 5, LongestGapDays: 62},
			issue: `warning compliance.boardChangeGap /boards/0 {"board":"B1","days":62,"from":"2025-10-31","months":2,"to":"2026-01-01"}`,
		},
		{
			name:  "year in progress: 1 January to 1 March without a change is still in time",
			dates: nil,
			now:   "2025-03-01T23:59:59+08:00",
			want:  BoardResult{ID: "B1", Changes: 0, LongestGapDays: 59, OnTime: true},
		},
		{
			name:  "year in progress: late on 2 March",
			dates: nil,
			now:   "2025-03-02T00:00:00+08:00",
			want:  BoardResult{ID: "B1", Changes: 0, LongestGapDays: 60},
			issue: `warning compliance.boardChangeGap /boards/0 {"board":"B1","days":60,"from":"2025-01-01","months":2,"to":"2025-03-02"}`,
		},
		{
			name:  "62 days, 2025-07-01 to 2025-09-01: in time",
			dates: []string{"2025-03-01", "2025-05-01", "2025-07-01", "2025-09-01", "2025-11-01"},
			want:  BoardResult{ID: "B1", Changes: 5, LongestGapDays: 62, OnTime: true},
		},
		{
			name:  "a change in the evening of 1 May in UTC falls on 2 May in China: late",
			dates: []string{"2025-03-01", "2025-05-01T16:30:00Z", "2025-07-01", "2025-09-01", "2025-11-01"},
			want:  BoardResult{ID: "B1", Changes: 5, LongestGapDays: 62},
			issue: `warning compliance.boardChangeGap /boards/0 {"board":"B1","days":62,"from":"2025-03-01","months":2,"to":"2025-05-02"}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			as := boardOn("B1", tt.dates...)
			var now time.Time
			if tt.now != "" {
				var err error
				if now, err = time.Parse(time.RFC3339, tt.now); err != nil {
					t.Fatal(err)
				}
				// The board is seen by a change at the very start of the
				// year, which leaves the intervals as they were.
				as = append(as, act{form: healthedu.FormBulletinBoard, start: "2025-01-01T00:00:00+08:00", board: "B1"})
			}
			got := run(t, as, now, nil)
			if len(got) != 1 || len(got[0].Boards) != 1 {
				t.Fatalf("results %v", got)
			}
			b := got[0].Boards[0]
			if tt.now != "" {
				b.Changes-- // the change on 1 January that makes the board seen
			}
			if diff := cmp.Diff(tt.want, b); diff != "" {
				t.Errorf("board (-want +got):\n%s", diff)
			}
			issues := only(summarize(got[0]), RuleBoardChangeGap, "compliance.boardChangeGap").Issues
			var want []string
			if tt.issue != "" {
				want = []string{tt.issue}
			}
			if diff := cmp.Diff(want, issues); diff != "" {
				t.Errorf("issues (-want +got):\n%s", diff)
			}
		})
	}
}

func cstTime(t testing.TB, s string) time.Time {
	t.Helper()
	at, err := time.ParseInLocation("2006-01-02 15:04", s, cst)
	if err != nil {
		t.Fatal(err)
	}
	return at
}

// TestProrated: in a year in progress, the yearly minimums are pro-rated
// to the months over, and only periods over are judged.
func TestProrated(t *testing.T) {
	station := func(as []act) []act {
		for i := range as {
			as[i].body, as[i].typ = stationBody, "village-clinic"
		}
		return as
	}
	tests := []struct {
		name string
		as   []act
		now  string
		want summary
	}{
		{
			name: "centre, end of May: 12 a year expects 5 lectures, 5 held",
			as:   monthly(healthedu.FormLecture, 15, time.January, time.May),
			now:  "2025-06-01 00:00",
			want: summary{Measures: []string{
				"printedKinds 0/5 kind not met", "audioVisualKinds 0/2 kind not met", "boards 0/2 board not met",
				"boardArea 0/0 board met", "boardChangeGap 0/0 board met",
				"lectures 5/5 lecture met", "lectureGap 5/5 period met", "consultations 0/3 event not met",
			}, Issues: []string{
				`warning compliance.printedKinds /measures/0 {"months":5,"norm":12,"required":5,"value":0}`,
				`warning compliance.audioVisualKinds /measures/1 {"months":5,"norm":6,"required":2,"value":0}`,
				`warning compliance.boards /measures/2 {"required":2,"value":0}`,
				`warning compliance.consultations /measures/7 {"months":5,"norm":9,"required":3,"value":0}`,
			}},
		},
		{
			name: "centre, end of May: 4 lectures, none in March",
			as:   slices.Delete(monthly(healthedu.FormLecture, 15, time.January, time.May), 2, 3),
			now:  "2025-06-01 00:00",
			want: summary{Measures: []string{
				"printedKinds 0/5 kind not met", "audioVisualKinds 0/2 kind not met", "boards 0/2 board not met",
				"boardArea 0/0 board met", "boardChangeGap 0/0 board met",
				"lectures 4/5 lecture not met", "lectureGap 4/5 period not met", "consultations 0/3 event not met",
			}, Issues: []string{
				`warning compliance.printedKinds /measures/0 {"months":5,"norm":12,"required":5,"value":0}`,
				`warning compliance.audioVisualKinds /measures/1 {"months":5,"norm":6,"required":2,"value":0}`,
				`warning compliance.boards /measures/2 {"required":2,"value":0}`,
				`warning compliance.lectures /measures/5 {"months":5,"norm":12,"required":5,"value":4}`,
				`warning compliance.lectureGap /measures/6 {"count":1,"months":1,"periods":["202503"]}`,
				`warning compliance.consultations /measures/7 {"months":5,"norm":9,"required":3,"value":0}`,
			}},
		},
		{
			name: "centre, 31 May: May not over, 4 months",
			as:   monthly(healthedu.FormLecture, 15, time.January, time.April),
			now:  "2025-05-31 23:00",
			want: summary{Measures: []string{
				"printedKinds 0/4 kind not met", "audioVisualKinds 0/2 kind not met", "boards 0/2 board not met",
				"boardArea 0/0 board met", "boardChangeGap 0/0 board met",
				"lectures 4/4 lecture met", "lectureGap 4/4 period met", "consultations 0/3 event not met",
			}, Issues: []string{
				`warning compliance.printedKinds /measures/0 {"months":4,"norm":12,"required":4,"value":0}`,
				`warning compliance.audioVisualKinds /measures/1 {"months":4,"norm":6,"required":2,"value":0}`,
				`warning compliance.boards /measures/2 {"required":2,"value":0}`,
				`warning compliance.consultations /measures/7 {"months":4,"norm":9,"required":3,"value":0}`,
			}},
		},
		{
			name: "centre, 15 February: nothing due but January's lecture",
			as:   []act{{form: healthedu.FormConsultation, start: "2025-02-10"}},
			now:  "2025-02-15 12:00",
			want: summary{Measures: []string{
				"printedKinds 0/1 kind not met", "audioVisualKinds 0/0 kind met", "boards 0/0 board met",
				"boardArea 0/0 board met", "boardChangeGap 0/0 board met",
				"lectures 0/1 lecture not met", "lectureGap 0/1 period not met", "consultations 1/0 event met",
			}, Issues: []string{
				`warning compliance.printedKinds /measures/0 {"months":1,"norm":12,"required":1,"value":0}`,
				`warning compliance.lectures /measures/5 {"months":1,"norm":12,"required":1,"value":0}`,
				`warning compliance.lectureGap /measures/6 {"count":1,"months":1,"periods":["202501"]}`,
			}},
		},
		{
			name: "a lecture after now does not count",
			as:   []act{{form: healthedu.FormLecture, start: "2025-01-10"}, {form: healthedu.FormLecture, start: "2025-02-20"}},
			now:  "2025-02-15 12:00",
			want: summary{Measures: []string{
				"printedKinds 0/1 kind not met", "audioVisualKinds 0/0 kind met", "boards 0/0 board met",
				"boardArea 0/0 board met", "boardChangeGap 0/0 board met",
				"lectures 1/1 lecture met", "lectureGap 1/1 period met", "consultations 0/0 event met",
			}, Issues: []string{
				`warning compliance.printedKinds /measures/0 {"months":1,"norm":12,"required":1,"value":0}`,
			}},
		},
		{
			name: "station, end of May: 6 a year expects 2 lectures, two periods over",
			as:   station([]act{{form: healthedu.FormLecture, start: "2025-02-10"}, {form: healthedu.FormLecture, start: "2025-04-10"}}),
			now:  "2025-06-01 00:00",
			want: summary{Measures: []string{
				"printedKinds 0/5 kind not met", "audioVisualKinds 0/2 kind not met", "boards 0/1 board not met",
				"boardArea 0/0 board met", "boardChangeGap 0/0 board met",
				"lectures 2/2 lecture met", "lectureGap 2/2 period met", "consultations 0/0 event met",
			}, Issues: []string{
				`warning compliance.printedKinds /measures/0 {"months":5,"norm":12,"required":5,"value":0}`,
				`warning compliance.audioVisualKinds /measures/1 {"months":5,"norm":6,"required":2,"value":0}`,
				`warning compliance.boards /measures/2 {"required":1,"value":0}`,
			}},
		},
		{
			name: "station, end of May: both lectures in March–April",
			as:   station([]act{{form: healthedu.FormLecture, start: "2025-03-10"}, {form: healthedu.FormLecture, start: "2025-04-10"}}),
			now:  "2025-06-01 00:00",
			want: summary{Measures: []string{
				"printedKinds 0/5 kind not met", "audioVisualKinds 0/2 kind not met", "boards 0/1 board not met",
				"boardArea 0/0 board met", "boardChangeGap 0/0 board met",
				"lectures 2/2 lecture met", "lectureGap 1/2 period not met", "consultations 0/0 event met",
			}, Issues: []string{
				`warning compliance.printedKinds /measures/0 {"months":5,"norm":12,"required":5,"value":0}`,
				`warning compliance.audioVisualKinds /measures/1 {"months":5,"norm":6,"required":2,"value":0}`,
				`warning compliance.boards /measures/2 {"required":1,"value":0}`,
				`warning compliance.lectureGap /measures/6 {"count":1,"months":2,"periods":["202501B"]}`,
			}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := run(t, tt.as, cstTime(t, tt.now), nil)
			if len(got) != 1 {
				t.Fatalf("%d institutions", len(got))
			}
			if diff := cmp.Diff(tt.want, summarize(got[0]), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestYearNotBegun: before the year, nothing counts and nothing is due.
func TestYearNotBegun(t *testing.T) {
	now := cstTime(t, "2024-12-20 12:00")
	c, err := NewChecker(Options{Year: year2025, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if c.Add(act{form: healthedu.FormLecture, start: "2024-12-10"}.activity(t)) {
		t.Error("an activity of 2024 counted for 2025")
	}
	if got := c.Results(); len(got) != 0 {
		t.Errorf("results %v", got)
	}
	c.Expect(healthedu.Organizer{CreditCode: testCode(t, centreBody), Name: "古楼街道社区卫生服务中心", Type: "community-health-center"})
	got := c.Results()
	if len(got) != 1 {
		t.Fatalf("%d institutions", len(got))
	}
	want := summary{Measures: []string{
		"printedKinds 0/0 kind met", "audioVisualKinds 0/0 kind met", "boards 0/0 board met",
		"boardArea 0/0 board met", "boardChangeGap 0/0 board met",
		"lectures 0/0 lecture met", "lectureGap 0/0 period met", "consultations 0/0 event met",
	}}
	if diff := cmp.Diff(want, summarize(got[0])); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestWindow: only activities that started within the year, in China
// Standard Time, count, in the month they started there.
func TestWindow(t *testing.T) {
	c, err := NewChecker(Options{Year: year2025})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		start string
		want  bool
	}{
		{"2024-12-31T15:59:59Z", false}, // 2024-12-31 23:59:59 in China
		{"2024-12-31T16:00:00Z", true},  // 2025-01-01 00:00
		{"2025-01-31T17:00:00Z", true},  // 1 February in China
		{"2025-12-31T15:59:59Z", true},  // 2025-12-31 23:59:59
		{"2025-12-31T16:00:00Z", false}, // 2026-01-01 00:00
	} {
		if got := c.Add(act{form: healthedu.FormLecture, start: tt.start}.activity(t)); got != tt.want {
			t.Errorf("Add(lecture at %s) = %v, want %v", tt.start, got, tt.want)
		}
	}
	if c.Add(nil) {
		t.Error("Add(nil) counted")
	}
	a := act{form: healthedu.FormLecture, start: "2025-03-03"}.activity(t)
	a.Organizer.CreditCode = healthedu.CreditCode{}
	if c.Add(a) {
		t.Error("an activity without a credit code counted")
	}
	got := c.Results()
	if len(got) != 1 {
		t.Fatalf("%d institutions", len(got))
	}
	// January (from 2024-12-31T16:00Z), February (from 2025-01-31T17:00Z)
	// and December hold a lecture.
	want := summary{
		Measures: []string{"lectures 3/12 lecture not met", "lectureGap 3/12 period not met"},
		Issues: []string{
			`warning compliance.lectures /measures/5 {"months":12,"norm":12,"required":12,"value":3}`,
			`warning compliance.lectureGap /measures/6 {"count":9,"months":1,"periods":["202503","202504","202505","202506","202507","202508","202509","202510","202511"]}`,
		},
	}
	s := summarize(got[0])
	gotS := only(s, RuleLectures, "compliance.lecture")
	gotS.Measures = append(gotS.Measures, only(s, RuleLectureGap, "-").Measures...)
	if diff := cmp.Diff(want, gotS, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("lectures (-want +got):\n%s", diff)
	}
}

// TestInstitutions: names and types come from the latest record whatever
// the order; a type conflict is noted; institutions outside the classes
// are left out; results are ordered by credit code.
func TestInstitutions(t *testing.T) {
	as := []act{
		{body: stationBody, typ: "village-clinic", name: "前王村卫生室", form: healthedu.FormLecture, start: "2025-05-01"},
		{body: stationBody, typ: "community-health-station", name: "前王村社区卫生服务站", form: healthedu.FormLecture, start: "2025-07-01"},
		{body: stationBody, typ: "village-clinic", name: "前王村卫生室", form: healthedu.FormLecture, start: "2025-03-01"},
		{body: otherBody, typ: "hospital", name: "聊城市人民医院", form: healthedu.FormLecture, start: "2025-03-01"},
		{form: healthedu.FormLecture, start: "2025-03-01"},
	}
	type who struct {
		Code, Name string
		Type       healthedu.OrganizerType
		Class      Class
		Activities int
		Conflict   []string
	}
	var first []who
	for round := range 3 {
		order := slices.Clone(as)
		if round == 1 {
			slices.Reverse(order)
		}
		if round == 2 {
			order[0], order[2] = order[2], order[0]
		}
		var got []who
		for _, in := range run(t, order, time.Time{}, nil) {
			w := who{in.CreditCode.String(), in.Name, in.Type, in.Class, in.Activities, nil}
			for _, is := range in.Issues {
				if is.Code == "compliance.typeConflict" {
					w.Conflict = append(w.Conflict, is.Path, is.Params["value"].(string), strings.Join(is.Params["types"].([]string), " "))
				}
			}
			got = append(got, w)
		}
		if round == 0 {
			first = got
			want := []who{
				{testCode(t, centreBody).String(), "古楼街道社区卫生服务中心", "community-health-center", ClassCentre, 1, nil},
				{testCode(t, stationBody).String(), "前王村社区卫生服务站", "community-health-station", ClassStation, 3,
					[]string{"/type", "community-health-station", "community-health-station village-clinic"}},
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			continue
		}
		if diff := cmp.Diff(first, got); diff != "" {
			t.Errorf("round %d differs (-first +got):\n%s", round, diff)
		}
	}
}

// TestNormsConfigurable: the unconfirmed consultation figures are
// parameters.
func TestNormsConfigurable(t *testing.T) {
	f := DefaultNorms().File()
	for i, n := range f.Norms {
		if n.Rule == RuleConsultations {
			f.Norms[i].Value = map[Class]int{ClassCentre: 6, ClassStation: 4}[n.Class]
		}
	}
	norms, err := NewNorms(f)
	if err != nil {
		t.Fatal(err)
	}
	as := []act{
		{form: healthedu.FormConsultation, start: "2025-03-01"},
		{form: healthedu.FormConsultation, start: "2025-04-01"},
		{form: healthedu.FormConsultation, start: "2025-05-01"},
		{form: healthedu.FormConsultation, start: "2025-06-01"},
		{form: healthedu.FormConsultation, start: "2025-07-01"},
		{form: healthedu.FormConsultation, start: "2025-08-01"},
	}
	for i := range 3 {
		a := as[i]
		a.body, a.typ = stationBody, "village-clinic"
		as = append(as, a)
	}
	got := run(t, as, time.Time{}, norms)
	if len(got) != 2 {
		t.Fatalf("%d institutions", len(got))
	}
	var gotS []summary
	for _, in := range got {
		gotS = append(gotS, only(summarize(in), RuleConsultations, "compliance.consultations"))
	}
	want := []summary{
		{Measures: []string{"consultations 6/6 event met"}},
		{Measures: []string{"consultations 3/4 event not met"}, Issues: []string{
			`warning compliance.consultations /measures/7 {"months":12,"norm":4,"required":4,"value":3}`,
		}},
	}
	if diff := cmp.Diff(want, gotS, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if m := got[0].Measures[7]; !m.Unconfirmed || m.Norm != 6 {
		t.Errorf("measure %+v: want unconfirmed norm 6", m)
	}
	// A table without the consultation rule checks none.
	f.Norms = slices.DeleteFunc(f.Norms, func(n Norm) bool { return n.Rule == RuleConsultations })
	norms, err = NewNorms(f)
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range run(t, as, time.Time{}, norms) {
		for _, m := range in.Measures {
			if m.Rule == RuleConsultations {
				t.Errorf("%s: consultations measured without a norm", in.CreditCode)
			}
		}
	}
}

func TestNewCheckerYear(t *testing.T) {
	for _, p := range []healthedu.Period{{}, healthedu.MonthPeriod(2025, time.March), healthedu.QuarterPeriod(2025, 1)} {
		if _, err := NewChecker(Options{Year: p}); err == nil {
			t.Errorf("NewChecker(Year %q): no error", p)
		}
	}
}

// TestJSON fixes the JSON shape of a result, which servers render.
func TestJSON(t *testing.T) {
	as := append(without2(compliantCentre(), healthedu.FormLecture),
		act{form: healthedu.FormLecture, start: "2025-01-10"})
	as = append(as, act{form: healthedu.FormBulletinBoard, start: "2025-02-01", board: "B2", area: 240})
	got := run(t, as, cstTime(t, "2025-03-01 08:00"), nil)
	b, err := json.MarshalIndent(got[0], "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	want := `{
  "creditCode": "` + testCode(t, centreBody).String() + `",
  "name": "古楼街道社区卫生服务中心",
  "type": "community-health-center",
  "class": "centre",
  "year": "2025",
  "monthsOver": 2,
  "activities": 24,
  "measures": [
    {
      "rule": "printedKinds",
      "value": 12,
      "required": 2,
      "unit": "kind",
      "norm": 12,
      "normUnit": "kind",
      "met": true
    },
    {
      "rule": "audioVisualKinds",
      "value": 6,
      "required": 1,
      "unit": "kind",
      "norm": 6,
      "normUnit": "kind",
      "met": true
    },
    {
      "rule": "boards",
      "value": 2,
      "required": 0,
      "unit": "board",
      "norm": 2,
      "normUnit": "board",
      "met": true
    },
    {
      "rule": "boardArea",
      "value": 2,
      "required": 2,
      "unit": "board",
      "norm": 200,
      "normUnit": "dm2",
      "met": true
    },
    {
      "rule": "boardChangeGap",
      "value": 2,
      "required": 2,
      "unit": "board",
      "norm": 2,
      "normUnit": "month",
      "met": true
    },
    {
      "rule": "lectures",
      "value": 1,
      "required": 2,
      "unit": "lecture",
      "norm": 12,
      "normUnit": "lecture",
      "met": false
    },
    {
      "rule": "lectureGap",
      "value": 1,
      "required": 2,
      "unit": "period",
      "norm": 1,
      "normUnit": "month",
      "met": false
    },
    {
      "rule": "consultations",
      "value": 2,
      "required": 1,
      "unit": "event",
      "norm": 9,
      "normUnit": "event",
      "unconfirmed": true,
      "met": true
    }
  ],
  "boards": [
    {
      "id": "B1",
      "changes": 1,
      "longestGapDays": 31,
      "onTime": true
    },
    {
      "id": "B2",
      "areaDm2": 240,
      "changes": 1,
      "longestGapDays": 31,
      "onTime": true
    }
  ],
  "issues": [
    {
      "severity": "warning",
      "code": "compliance.lectures",
      "path": "/measures/5",
      "params": {
        "months": 2,
        "norm": 12,
        "required": 2,
        "value": 1
      }
    },
    {
      "severity": "warning",
      "code": "compliance.lectureGap",
      "path": "/measures/6",
      "params": {
        "count": 1,
        "months": 1,
        "periods": [
          "202502"
        ]
      }
    }
  ]
}`
	if diff := cmp.Diff(want, string(b)); diff != "" {
		t.Errorf("JSON (-want +got):\n%s", diff)
	}
}

func without2(as []act, f healthedu.ActivityForm) []act {
	return slices.DeleteFunc(as, func(a act) bool { return a.form == f })
}

// TestMessages renders every code of the package in the three languages,
// with every param given.
func TestMessages(t *testing.T) {
	for _, d := range codeDefs {
		params := map[string]any{}
		for _, p := range d.Params {
			params[p] = "X"
		}
		is := healthedu.NewIssue(d.Code, "", params)
		if is.Code != d.Code {
			t.Errorf("%s: not registered", d.Code)
			continue
		}
		for _, lang := range []language.Tag{healthedu.ZhHans, healthedu.ZhHant, healthedu.English} {
			msg := is.Message(lang)
			if strings.Contains(msg, "{") || strings.Contains(msg, "%!") {
				t.Errorf("%s %s: %q", d.Code, lang, msg)
			}
		}
	}
	is := healthedu.NewIssue("compliance.lectureGap", "/measures/6", map[string]any{"count": 2, "periods": []string{"202502B", "202505B"}, "months": 2})
	if got, want := is.Message(healthedu.ZhHans), "2个考核时段没有举办健康知识讲座：202502B、202505B（规范要求每2个月至少1次）"; got != want {
		t.Errorf("message %q, want %q", got, want)
	}
}

// TestExpect: an institution of the register without records is judged,
// and a record's type prevails over the register's, noted as a conflict.
func TestExpect(t *testing.T) {
	c, err := NewChecker(Options{Year: year2025})
	if err != nil {
		t.Fatal(err)
	}
	c.Expect(healthedu.Organizer{CreditCode: testCode(t, otherBody), Name: "柳园街道社区卫生服务中心", Type: "community-health-center"})
	c.Expect(healthedu.Organizer{CreditCode: testCode(t, stationBody), Name: "前王村卫生室（名录）", Type: "community-health-station"})
	c.Expect(healthedu.Organizer{Name: "无代码"})
	c.Add(act{body: stationBody, typ: "village-clinic", name: "前王村卫生室", form: healthedu.FormLecture, start: "2025-04-01"}.activity(t))
	got := c.Results()
	if len(got) != 2 {
		t.Fatalf("%d institutions", len(got))
	}
	type who struct {
		Name   string
		Type   healthedu.OrganizerType
		Failed int
		Codes  []string
	}
	var gotW []who
	for _, in := range got {
		w := who{Name: in.Name, Type: in.Type}
		for _, m := range in.Measures {
			if !m.Met {
				w.Failed++
			}
		}
		for _, is := range in.Issues {
			w.Codes = append(w.Codes, is.Code)
		}
		gotW = append(gotW, w)
	}
	want := []who{
		{"柳园街道社区卫生服务中心", "community-health-center", 6, []string{
			"compliance.printedKinds", "compliance.audioVisualKinds", "compliance.boards",
			"compliance.lectures", "compliance.lectureGap", "compliance.consultations",
		}},
		{"前王村卫生室", "village-clinic", 5, []string{
			"compliance.typeConflict", "compliance.printedKinds", "compliance.audioVisualKinds", "compliance.boards",
			"compliance.lectures", "compliance.lectureGap",
		}},
	}
	// Sorted by credit code: 12… before 52….
	if diff := cmp.Diff(want, gotW); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestRecordCountsOnce: a record and its resubmission (the same id) count
// once; another record of the same content counts again.
func TestRecordCountsOnce(t *testing.T) {
	c, err := NewChecker(Options{Year: year2025})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		a    act
		want bool
	}{
		{act{form: healthedu.FormLecture, start: "2025-03-03", id: "L-1"}, true},
		{act{form: healthedu.FormLecture, start: "2025-03-03", id: "L-1"}, false},
		{act{form: healthedu.FormLecture, start: "2025-04-03", id: "L-1"}, false},
		{act{form: healthedu.FormLecture, start: "2025-03-03", id: "L-2"}, true},
		{act{form: healthedu.FormLecture, start: "2024-03-03", id: "L-3"}, false}, // another year
		{act{form: healthedu.FormLecture, start: "2025-05-03", id: "L-3"}, true},  // its id was not used
	} {
		if got := c.Add(tt.a.activity(t)); got != tt.want {
			t.Errorf("Add(%s at %s) = %v, want %v", tt.a.id, tt.a.start, got, tt.want)
		}
	}
	got := c.Results()
	if len(got) != 1 {
		t.Fatalf("%d institutions", len(got))
	}
	if got[0].Activities != 3 {
		t.Errorf("%d activities counted, want 3", got[0].Activities)
	}
}
