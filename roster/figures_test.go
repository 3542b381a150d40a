package roster_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
	"github.com/jiceng/jiceng/roster"
)

// figureRecords are bindings and activities for the fixture register, for
// October 2025.
func figureRecords() []healthedu.Record {
	bind := func(id, resident, instructor, boundAt, unboundAt string) *healthedu.Binding {
		b := &healthedu.Binding{Header: healthedu.Header{SchemaVersion: "1", Kind: healthedu.KindBinding, ID: id},
			Division: div("522301001001"), Instructor: healthedu.Instructor{ID: instructor}, BoundAt: at(boundAt)}
		if resident != "" {
			b.Resident.CitizenID = citizen(resident)
		}
		if unboundAt != "" {
			u := at(unboundAt)
			b.UnboundAt = &u
		}
		return b
	}
	const a, b, c, d, e = "522301198501010120", "371502197806150216", "522301198706052463", "371502195803121234", "522301198501012345"
	lecture := func(id, division, start string, form healthedu.ActivityForm, experts ...string) *healthedu.Activity {
		act := &healthedu.Activity{Header: healthedu.Header{SchemaVersion: "1", Kind: healthedu.KindActivity, ID: id},
			Division: div(division), Form: form, Start: at(start)}
		for _, x := range experts {
			act.Speakers = append(act.Speakers, healthedu.Speaker{Name: "专家", Role: "expert", Expert: x})
		}
		return act
	}
	return []healthedu.Record{
		bind("BD-1", a, "QXN-HI-0412", "2025-09-12T15:20:00+08:00", ""),
		bind("BD-2", b, "QXN-HI-0412", "2025-10-01T08:00:00+08:00", ""),
		bind("BD-3", a, "QXN-HI-0412", "2025-10-05T08:00:00+08:00", ""),                          // the same resident again: once
		bind("BD-4", c, "QXN-FHI-0086", "2025-10-31T23:00:00+08:00", ""),                         // bound on the last evening: counts
		bind("BD-5", d, "QXN-FHI-0086", "2025-10-31T16:00:00Z", ""),                              // 1 November in Beijing: not yet
		bind("BD-6", e, "QXN-HI-9999", "2025-10-01T08:00:00+08:00", ""),                          // not in the register
		bind("BD-7", "", "QXN-PA-0007", "2025-10-01T08:00:00+08:00", ""),                         // no citizen ID: a resident of its own
		bind("BD-2", b, "QXN-HI-0412", "2025-10-01T08:00:00+08:00", "2025-10-20T08:00:00+08:00"), // BD-2 resubmitted, unbound
		lecture("A-1", "371502001000", "2025-10-17T09:00:00+08:00", healthedu.FormLecture, "LC-EX-0896", "LC-EX-0017", "LC-EX-0896"),
		lecture("A-2", "371502002000", "2025-10-20T09:00:00+08:00", healthedu.FormLecture, "LC-EX-0896", "LC-EX-0999"),
		lecture("A-3", "371502002000", "2025-10-21T09:00:00+08:00", healthedu.FormConsultation, "LC-EX-0017"),
		lecture("A-4", "371502002000", "2025-11-02T09:00:00+08:00", healthedu.FormLecture, "LC-EX-0017"),
		lecture("A-5", "371502002000", "2025-10-22T09:00:00+08:00", healthedu.FormLecture),
	}
}

type value struct {
	Element, Category, Division string
	Value                       int64
}

func TestDataValues(t *testing.T) {
	p := healthedu.MustParsePeriod("202510")
	values, err := fixtureRegister(t).DataValues(figureRecords(), roster.FigureOptions{Period: p})
	if err != nil {
		t.Fatal(err)
	}
	var got []value
	for _, v := range values {
		if v.Period != p {
			t.Errorf("%v: period %v, want %v", v, v.Period, p)
		}
		got = append(got, value{v.Element, v.Category, v.Division.Short(), v.Value})
	}
	want := []value{
		{"roster-instructors", "", "5223", 1},
		{"roster-instructors", "", "522301", 1},
		{"roster-instructors", "", "522301001", 1},
		{"roster-instructors", "", "522301001001", 1},
		{"roster-instructors", "level=city", "5223", 1},
		{"roster-instructors", "level=county", "522301", 1},
		{"roster-instructors", "level=township", "522301001", 1},
		{"roster-instructors", "level=village", "522301001001", 1},
		{"roster-instructors", "role=family-health-instructor", "522301001001", 1},
		{"roster-instructors", "role=health-instructor", "5223", 1},
		{"roster-instructors", "role=health-instructor", "522301", 1},
		{"roster-instructors", "role=health-instructor", "522301001", 1},
		{"roster-instructors", "role=project-administrator", "5223", 1},
		{"roster-residents-bound", "", "5223", 1},
		{"roster-residents-bound", "", "522301", 0},
		{"roster-residents-bound", "", "522301001", 1},
		{"roster-residents-bound", "", "522301001001", 1},
		{"roster-residents-bound", "level=city", "5223", 1},
		{"roster-residents-bound", "level=county", "522301", 0},
		{"roster-residents-bound", "level=township", "522301001", 1},
		{"roster-residents-bound", "level=village", "522301001001", 1},
		{"roster-experts", "", "3715", 1},
		{"roster-experts", "", "371502", 1},
		{"roster-experts", "specialty=first-aid", "371502", 1},
		{"roster-experts", "specialty=hypertension", "3715", 1},
		{"roster-experts", "specialty=hypertension", "371502", 1},
		{"roster-experts", "specialty=nutrition", "3715", 1},
		{"roster-expert-lectures", "", "3715", 2},
		{"roster-expert-lectures", "", "371502", 1},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}

	if _, err := fixtureRegister(t).DataValues(nil, roster.FigureOptions{}); err == nil {
		t.Error("no period: no error")
	}
}

// TestResidentKey: a platform's resident key links bindings that the
// citizen ID alone would not (a resident without one).
func TestResidentKey(t *testing.T) {
	recs := figureRecords()
	key := func(b *healthedu.Binding) healthedu.Pseudonym { return healthedu.Pseudonym{1} } // everyone is one resident
	values, err := fixtureRegister(t).DataValues(recs, roster.FigureOptions{Period: healthedu.MustParsePeriod("202510"), ResidentKey: key})
	if err != nil {
		t.Fatal(err)
	}
	var bound int64
	for _, v := range values {
		if v.Element == roster.ElementResidentsBound && v.Category == "" {
			bound += v.Value
		}
	}
	if bound != 3 { // one resident, bound to three instructors
		t.Errorf("residents bound: %d, want 3", bound)
	}
}

// TestIndicators computes the catalogue's indicators of the register from
// the data values, as a platform does.
func TestIndicators(t *testing.T) {
	p := healthedu.MustParsePeriod("202510")
	values, err := fixtureRegister(t).DataValues(figureRecords(), roster.FigureOptions{Period: p})
	if err != nil {
		t.Fatal(err)
	}
	cat := indicators.DefaultCatalogue()
	s := indicators.NewStore(cat)
	// The population, reported by the townships: 40,000 in all.
	values = append(values, indicators.DataValue{Element: "population", Division: div("522301001"), Period: p, Value: 30000},
		indicators.DataValue{Element: "population", Division: div("522301002"), Period: p, Value: 10000})
	for _, v := range values {
		if err := s.Add(v); err != nil {
			t.Fatal(err)
		}
	}
	codes := []string{"residents-bound-per-instructor", "residents-bound-per-instructor-township", "residents-bound-per-instructor-county",
		"instructors-per-10k", "experts-registered", "experts-hypertension", "experts-tobacco", "expert-lectures", "lectures-per-expert"}
	var inds []*indicators.Indicator
	for _, c := range codes {
		ind, ok := cat.Indicator(c)
		if !ok {
			t.Fatalf("indicator %s not in the default catalogue", c)
		}
		inds = append(inds, ind)
	}
	rs, err := s.Compute(indicators.Query{Indicators: inds, Divisions: []healthedu.DivisionCode{div("5223"), div("3715")}, Period: p,
		Now: time.Date(2025, 11, 15, 0, 0, 0, 0, healthedu.ChinaStandardTime)})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range rs {
		got[r.Division.Short()+" "+r.Indicator.Code()] = r.Text()
	}
	want := map[string]string{
		"5223 residents-bound-per-instructor":          "0.8", // 3 residents bound / 4 instructors
		"5223 residents-bound-per-instructor-township": "1.0",
		"5223 residents-bound-per-instructor-county":   "0.0",
		"5223 instructors-per-10k":                     "1.0", // 4 / 40,000 × 10,000
		// No expert on 5223's register, and no report from its
		// townships: of its experts nothing is known, not 0.
		"5223 experts-registered":                      "",
		"5223 experts-hypertension":                    "",
		"5223 experts-tobacco":                         "",
		"5223 expert-lectures":                         "",
		"5223 lectures-per-expert":                     "",
		"3715 residents-bound-per-instructor":          "",
		"3715 residents-bound-per-instructor-township": "",
		"3715 residents-bound-per-instructor-county":   "",
		"3715 instructors-per-10k":                     "",
		"3715 experts-registered":                      "2",
		"3715 experts-hypertension":                    "2",
		"3715 experts-tobacco":                         "0", // experts on the register, none of tobacco control
		"3715 expert-lectures":                         "3",
		"3715 lectures-per-expert":                     "1.5",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestLecturesByExpert(t *testing.T) {
	got := fixtureRegister(t).LecturesByExpert(figureRecords(), healthedu.MustParsePeriod("202510"))
	want := []roster.ExpertLectures{
		{Expert: "LC-EX-0896", Name: "张海燕", Lectures: 2},
		{Expert: "LC-EX-0017", Name: "刘强", Lectures: 1},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	year := fixtureRegister(t).LecturesByExpert(figureRecords(), healthedu.MustParsePeriod("2025"))
	if year[0].Lectures != 2 || year[1].Lectures != 2 {
		t.Errorf("2025: %v, want 2 each", year)
	}
}
