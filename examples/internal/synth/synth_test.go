package synth

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/jiceng/jiceng/booking"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/roster"
)

// liaocheng is what most tests generate: 聊城 for the twelve months
// ending in October 2025.
var liaocheng = Options{Under: healthedu.MustParseDivisionCode("3715"), Months: 12, End: healthedu.MustParsePeriod("202510"), Seed: 1}

// generateAll returns the records of opts.
func generateAll(t testing.TB, opts Options) []healthedu.Record {
	t.Helper()
	var records []healthedu.Record
	if err := Generate(opts, func(r healthedu.Record) error {
		records = append(records, r)
		return nil
	}); err != nil {
		t.Fatalf("Generate: %v", err)
	}
	return records
}

// validationTime is the instant at which every record of opts must be
// accepted: the end of the month after the last.
func validationTime(opts Options) time.Time {
	end := opts.End
	if !end.IsValid() {
		end = DefaultEnd
	}
	return end.End().AddDate(0, 1, 0)
}

func TestGenerateValidates(t *testing.T) {
	for _, opts := range []Options{
		liaocheng,
		{Under: healthedu.MustParseDivisionCode("150207"), Months: 3, End: healthedu.MustParsePeriod("202412"), Seed: 7}, // 九原区
		{Under: healthedu.MustParseDivisionCode("5223"), Months: 2, Seed: 3},                                             // 黔西南州
		{Under: healthedu.MustParseDivisionCode("4419"), Months: 1, Seed: 4},                                             // 东莞市, townships under the city
		{Under: healthedu.MustParseDivisionCode("371502001"), Months: 24, Seed: 5},                                       // 古楼街道
	} {
		t.Run(opts.Under.Short(), func(t *testing.T) {
			v := &healthedu.Validator{Now: validationTime(opts)}
			type key struct {
				kind healthedu.Kind
				id   string
			}
			seen := make(map[key]bool)
			var failures int
			for _, r := range generateAll(t, opts) {
				h := r.RecordHeader()
				if seen[key{h.Kind, h.ID}] {
					t.Errorf("%s %s generated twice", h.Kind, h.ID)
				}
				seen[key{h.Kind, h.ID}] = true
				if issues := v.Validate(r); len(issues) > 0 && failures < 10 {
					failures++
					t.Errorf("%s %s: %v", h.Kind, h.ID, issues)
				}
				if d := r.RecordDivision(); !opts.Under.Contains(d) {
					t.Errorf("%s %s is in %s, outside %s", h.Kind, h.ID, d.Short(), opts.Under.Short())
				}
			}
		})
	}
}

// recordsEqual compares records field by field, with the code types by ==
// and times by the instant.
var recordsEqual = cmp.Options{
	cmpopts.EquateComparable(healthedu.DivisionCode{}, healthedu.CreditCode{}, healthedu.CitizenID{},
		healthedu.Period{}, healthedu.Date{}, healthedu.Decimal{}, healthedu.Mobile{}),
}

func TestWriteNDJSONDecodes(t *testing.T) {
	want := generateAll(t, liaocheng)
	var buf bytes.Buffer
	if err := WriteNDJSON(&buf, liaocheng); err != nil {
		t.Fatalf("WriteNDJSON: %v", err)
	}
	dec := healthedu.NewDecoder(&buf, healthedu.DecodeOptions{Kinds: append(healthedu.ExchangeKinds(), append(roster.Kinds(), booking.Kinds()...)...)})
	var got []healthedu.Record
	for dec.Next() {
		d := dec.Decoded()
		if len(d.Issues) > 0 {
			t.Fatalf("line %d (%s %s): %v", d.Line, d.Kind, d.ID, d.Issues)
		}
		got = append(got, d.Record)
	}
	if err := dec.Err(); err != nil {
		t.Fatalf("Decoder: %v", err)
	}
	if diff := cmp.Diff(want, got, recordsEqual); diff != "" {
		t.Errorf("decoded records differ from the generated ones (-generated +decoded):\n%s", diff)
	}
}

func TestWriteNDJSONDeterministic(t *testing.T) {
	write := func(opts Options) []byte {
		var buf bytes.Buffer
		if err := WriteNDJSON(&buf, opts); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	opts := Options{Under: healthedu.MustParseDivisionCode("371502"), Months: 3, Seed: 42}
	a, b := write(opts), write(opts)
	if !bytes.Equal(a, b) {
		t.Error("two runs with the same options wrote different bytes")
	}
	opts.Seed++
	if c := write(opts); bytes.Equal(a, c) {
		t.Error("seeds 42 and 43 wrote the same bytes")
	}
}

// TestTownshipAlone checks that a township's records do not depend on
// what else is generated: 古楼街道 alone gives what it gives within 聊城.
func TestTownshipAlone(t *testing.T) {
	township := healthedu.MustParseDivisionCode("371502001")
	alone := generateAll(t, Options{Under: township, Months: 2, Seed: 9})
	var within []healthedu.Record
	for _, r := range generateAll(t, Options{Under: healthedu.MustParseDivisionCode("3715"), Months: 2, Seed: 9}) {
		if township.Contains(r.RecordDivision()) {
			within = append(within, r)
		}
	}
	if len(alone) == 0 {
		t.Fatal("no records for the township")
	}
	if diff := cmp.Diff(within, alone, recordsEqual); diff != "" {
		t.Errorf("records of 371502001 (-within 3715 +alone):\n%s", diff)
	}
}

// figures are the totals the generator gives for a division.
type figures struct {
	activities, personTimes                   int64 // those the documents count
	normActivities, normPersonTimes           int64 // those the norm asks for besides (see normActivities)
	reportsExpected, reportsMissing, late     int64
	respondents, literate                     int64
	bindings, cells, homeVisits, liveLectures int64
}

// tallyFigures counts the figures of records generated with opts.
func tallyFigures(t testing.TB, opts Options, records []healthedu.Record) figures {
	var f figures
	reports := make(map[string]bool)
	for _, r := range records {
		switch r := r.(type) {
		case *healthedu.Activity:
			if isNormActivity(r) {
				f.normActivities++
				f.normPersonTimes += r.Participants
				continue
			}
			f.activities++
			f.personTimes += r.Participants
			if r.Form == healthedu.FormHomeVisit {
				f.homeVisits++
			}
			if r.Venue.Type == "online" {
				f.liveLectures++
			}
		case *healthedu.MonthlyReport:
			reports[r.Division.Short()+r.Period.String()] = true
			// Late: submitted after the 10th of the following month.
			if !r.SubmittedAt.Before(r.Period.Next().Start().AddDate(0, 0, 10)) {
				f.late++
			}
		case *healthedu.LiteracySurvey:
			f.respondents++
			if *r.Literate {
				f.literate++
			}
		case *healthedu.Binding:
			f.bindings++
		case *healthedu.HealthCell:
			f.cells++
		}
	}
	g, err := newGenerator(opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, gr := range g.groups {
		f.reportsExpected += int64(len(gr.townships) * max(opts.Months, 1))
	}
	f.reportsMissing = f.reportsExpected - int64(len(reports))
	return f
}

// isNormActivity reports whether a is one of the activities that the norm
// asks for and the documents' figures do not count: materials, boards,
// consultation events, and everything of the village clinics and
// community health stations.
func isNormActivity(a *healthedu.Activity) bool {
	switch a.Form {
	case healthedu.FormPrintedMaterials, healthedu.FormAudioVisual, healthedu.FormBulletinBoard, healthedu.FormConsultation:
		return true
	}
	return a.Organizer.Type == "village-clinic" || a.Organizer.Type == "community-health-station"
}

// TestLiaochengFigures checks that 聊城's year comes near the documents'
// figures, for several seeds.
func TestLiaochengFigures(t *testing.T) {
	for _, seed := range []int64{1, 2, 3} {
		opts := liaocheng
		opts.Seed = seed
		f := tallyFigures(t, opts, generateAll(t, opts))
		share := func(n, d int64) float64 { return 100 * float64(n) / float64(d) }
		t.Logf("seed %d: %d activities for the norm besides, %d person-times", seed, f.normActivities, f.normPersonTimes)
		t.Logf("seed %d: %d activities, %d person-times, %d home visits, %d live lectures; reports expected %d, missing %d (%.1f%%), late %d (%.1f%%); literacy %d/%d = %.2f%%; %d bindings, %d health cells",
			seed, f.activities, f.personTimes, f.homeVisits, f.liveLectures, f.reportsExpected,
			f.reportsMissing, share(f.reportsMissing, f.reportsExpected), f.late, share(f.late, f.reportsExpected),
			f.literate, f.respondents, share(f.literate, f.respondents), f.bindings, f.cells)
		checks := []struct {
			name     string
			got      float64
			low, top float64
		}{
			{"activities", float64(f.activities), 3_000, 3_450},
			{"person-times", float64(f.personTimes), 3.0e6, 3.6e6},
			// Per township and year, a centre's 12 printed, 6 audio-visual,
			// 12 board changes and 12 consultations, a station's 12, 6, 6
			// and 6 lectures: 72, less the changes of the stale boards.
			{"activities for the norm", float64(f.normActivities), 136*72 - 136*3/4, 136 * 72},
			{"their person-times", float64(f.normPersonTimes), 0.2e6, 0.5e6},
			{"reports expected", float64(f.reportsExpected), 136 * 12, 136 * 12},
			{"missing reports %", share(f.reportsMissing, f.reportsExpected), 3, 5},
			{"late reports %", share(f.late, f.reportsExpected), 3, 5},
			{"literacy %", share(f.literate, f.respondents), 28, 36},
			{"health cells", float64(f.cells), 100, 180},
		}
		for _, c := range checks {
			if c.got < c.low || c.got > c.top {
				t.Errorf("seed %d: %s = %v, want %v to %v", seed, c.name, c.got, c.low, c.top)
			}
		}
	}
}

// TestReportRates checks the rates of 聊城's monthly reports against the
// documents: children 0–6 under management about 96.4% (九原 96.41%),
// hypertension and diabetes managed to the norm about 89.3%, 3.8 family
// doctors per 10,000 residents; and that the reported management rate
// agrees with its counts.
func TestReportRates(t *testing.T) {
	sums := make(map[string]int64)
	last := healthedu.MustParsePeriod("202510")
	for _, r := range generateAll(t, liaocheng) {
		m, ok := r.(*healthedu.MonthlyReport)
		if !ok || m.Period != last {
			continue
		}
		vals := make(map[string]healthedu.Decimal)
		for _, v := range m.Values {
			vals[v.Element] = v.Value
			if n, ok := v.Value.Int64(); ok && v.Value.IsInteger() {
				sums[v.Element] += n
			}
		}
		children, _ := vals["children-0-6"].Int64()
		managed, _ := vals["children-0-6-managed"].Int64()
		if got, want := vals["children-0-6-management-rate"], percent(managed, children); got.Cmp(want) != 0 {
			t.Errorf("%s: rate %s, counts %d/%d give %s", m.ID, got, managed, children, want)
		}
	}
	rate := func(num, den string, factor float64) float64 {
		return factor * float64(sums[num]) / float64(sums[den])
	}
	t.Logf("202510: population %d, 0–6 managed %.2f%%, hypertension to the norm %.2f%%, diabetes %.2f%%, family doctors %.2f per 10k, binding %.2f%%, pushes %d",
		sums["population"], rate("children-0-6-managed", "children-0-6", 100),
		rate("hypertension-standard-managed", "hypertension-managed", 100),
		rate("diabetes-standard-managed", "diabetes-managed", 100),
		rate("family-doctors", "population", 10_000), rate("residents-bound", "binding-target", 100), sums["pushes"])
	checks := []struct {
		name     string
		got      float64
		low, top float64
	}{
		{"population", float64(sums["population"]), 5.0e6, 6.8e6},
		{"children 0–6 managed %", rate("children-0-6-managed", "children-0-6", 100), 95.5, 97.5},
		{"hypertension to the norm %", rate("hypertension-standard-managed", "hypertension-managed", 100), 88, 90.5},
		{"diabetes to the norm %", rate("diabetes-standard-managed", "diabetes-managed", 100), 87.5, 90.5},
		{"family doctors per 10k", rate("family-doctors", "population", 10_000), 3.6, 4.0},
	}
	for _, c := range checks {
		if c.got < c.low || c.got > c.top {
			t.Errorf("%s = %v, want %v to %v", c.name, c.got, c.low, c.top)
		}
	}
}

func TestGenerateOptionErrors(t *testing.T) {
	tests := []struct {
		opts Options
		want string
	}{
		{Options{Months: -1}, "synth: Months is -1, want 1 to 120"},
		{Options{Months: 121}, "synth: Months is 121, want 1 to 120"},
		{Options{End: healthedu.MustParsePeriod("2025Q3")}, "synth: End is 2025Q3, want a month such as 202510"},
		{Options{Under: healthedu.MustParseDivisionCode("3799")}, "synth: division 3799 is not in the registry"},
		{Options{End: healthedu.MustParsePeriod("190001"), Months: 2}, "synth: 2 months ending 190001 start before 1900"},
		{Options{Registry: &healthedu.Registry{}}, "synth: division 3715 is not in the registry"},
	}
	for _, tt := range tests {
		emitted := 0
		err := Generate(tt.opts, func(healthedu.Record) error { emitted++; return nil })
		got := ""
		if err != nil {
			got = err.Error()
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Generate(%+v) error (-want +got):\n%s", tt.opts, diff)
		}
		if emitted > 0 {
			t.Errorf("Generate(%+v) emitted %d records before failing", tt.opts, emitted)
		}
	}
}

func TestGenerateStopsOnEmitError(t *testing.T) {
	stop := fmt.Errorf("enough")
	n := 0
	err := Generate(liaocheng, func(healthedu.Record) error {
		n++
		if n == 5 {
			return stop
		}
		return nil
	})
	if err != stop || n != 5 {
		t.Errorf("Generate returned %v after %d records, want %v after 5", err, n, stop)
	}
}

func TestNewCitizenID(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	at := time.Date(2025, 10, 15, 9, 0, 0, 0, healthedu.ChinaStandardTime)
	for range 1000 {
		id, err := newCitizenID(r, "371502", 60, 90, at)
		if err != nil {
			t.Fatal(err)
		}
		again, err := healthedu.ParseCitizenID(id.Unmasked())
		if err != nil || again != id {
			t.Fatalf("%s does not parse back: %v", id, err)
		}
		if got := id.AreaCode(); got != "371599" {
			t.Errorf("%s: area code %s, want 371599 (聊城, a county number never assigned)", id, got)
		}
		if age := id.Age(at); age < 60 || age > 90 {
			t.Errorf("%s: age %d at %v, want 60 to 90", id, age, at)
		}
	}
	if _, err := newCitizenID(r, "991502", 60, 90, at); err == nil {
		t.Error("newCitizenID with the area 991502 succeeded")
	}
}

func TestNewCreditCode(t *testing.T) {
	tests := []struct{ kind, area, name string }{
		{"12", "371502", "古楼街道社区卫生服务中心"},
		{"12", "371521", "阳谷县人民医院"},
		{"13", "371581", "临清市红十字会"},
	}
	for _, tt := range tests {
		c, err := newCreditCode(tt.kind, tt.area, tt.name)
		if err != nil {
			t.Fatal(err)
		}
		again, err := healthedu.ParseCreditCode(c.String())
		if err != nil || again != c {
			t.Errorf("%s does not parse back: %v", c, err)
		}
		if got := c.String()[:2] + c.AreaCode(); got != tt.kind+tt.area {
			t.Errorf("%s: kind and area %s, want %s", c, got, tt.kind+tt.area)
		}
		// The organisation code's own check character (GB 11714).
		org := c.OrganizationCode()
		sum := 0
		for i, w := range orgCodeWeights {
			sum += int(org[i]-'0') * w
		}
		want := "0123456789X0"[11-sum%11]
		if org[8] != want {
			t.Errorf("%s: organisation code %s has check %c, want %c", c, org, org[8], want)
		}
		if same, _ := newCreditCode(tt.kind, tt.area, tt.name); same != c {
			t.Errorf("%s: a second call gave %s", c, same)
		}
	}
}

func TestStem(t *testing.T) {
	tests := map[string]string{
		"沙镇镇": "沙镇", "古楼街道": "古楼", "阳谷县": "阳谷", "聊城市": "聊城", "东昌府区": "东昌府",
		"黔西南州": "黔西南", "贾镇": "贾", "镇": "镇",
	}
	got := make(map[string]string)
	for in := range tests {
		got[in] = stem(in)
	}
	if diff := cmp.Diff(tests, got); diff != "" {
		t.Errorf("stem (-want +got):\n%s", diff)
	}
}

func TestPercent(t *testing.T) {
	tests := []struct {
		part, whole int64
		want        string
	}{
		{13_432, 13_932, "96.41"}, // 九原
		{1, 3, "33.33"},
		{2, 3, "66.67"},
		{1, 8, "12.5"}, // 12.50
		{0, 5, "0"},
		{5, 5, "100"},
	}
	for _, tt := range tests {
		want, err := healthedu.ParseDecimal(tt.want)
		if err != nil {
			t.Fatal(err)
		}
		if got := percent(tt.part, tt.whole); got.Cmp(want) != 0 {
			t.Errorf("percent(%d, %d) = %s, want %s", tt.part, tt.whole, got, tt.want)
		}
	}
}

func BenchmarkGenerate(b *testing.B) {
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		n = 0
		if err := Generate(liaocheng, func(healthedu.Record) error { n++; return nil }); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
}

func BenchmarkWriteNDJSON(b *testing.B) {
	b.ReportAllocs()
	var w countingWriter
	for b.Loop() {
		w = 0
		if err := WriteNDJSON(&w, liaocheng); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(w))
}

type countingWriter int64

func (w *countingWriter) Write(p []byte) (int, error) {
	*w += countingWriter(len(p))
	return len(p), nil
}

// TestCitizenIDsAreNobodys checks that no generated citizen ID carries the
// address code of a county that exists: the county number 99 is not in the
// registry, so no real person can hold one of the numbers.
func TestCitizenIDsAreNobodys(t *testing.T) {
	reg := healthedu.DefaultRegistry()
	n := 0
	err := Generate(Options{Under: healthedu.MustParseDivisionCode("371502"), Months: 3}, func(rec healthedu.Record) error {
		var ids []healthedu.CitizenID
		switch r := rec.(type) {
		case *healthedu.Activity:
			if r.Resident != nil {
				ids = append(ids, r.Resident.CitizenID)
			}
		case *healthedu.Binding:
			ids = append(ids, r.Resident.CitizenID)
		}
		for _, id := range ids {
			n++
			area, err := healthedu.ParseDivisionCode(id.AreaCode())
			if err != nil {
				t.Fatalf("%s: area code: %v", id, err)
			}
			if reg.Contains(area) {
				t.Errorf("%s: address code %s is a real county", id, id.AreaCode())
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("no citizen ID generated: the test proves nothing")
	}
}
