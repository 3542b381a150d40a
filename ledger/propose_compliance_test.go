package ledger_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/jiceng/jiceng/compliance"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/ledger"
)

// The institutions of the compliance tests: a village clinic of 古楼街道
// that gives no service area (its division comes from its activities'
// places), and the township's community health service centre, which
// gives one.
var (
	clinicCode = mustCreditCode("52371502MJ3916022H")
	clinic     = healthedu.Organizer{CreditCode: clinicCode, Name: "古楼街道前王村卫生室", Type: "village-clinic"}
)

func mustCreditCode(s string) healthedu.CreditCode {
	c, err := healthedu.ParseCreditCode(s)
	if err != nil {
		panic(err)
	}
	return c
}

// clinicYear returns the clinic's activities of the first half of 2025:
// three lectures, none in March–April; one bulletin board, changed on
// 20 February, 20 April and late on 25 June; four kinds of printed
// materials and a printed material that names none (an information
// issue, not a problem).
func clinicYear() []*healthedu.Activity {
	var out []*healthedu.Activity
	n := 0
	add := func(form healthedu.ActivityForm, m time.Month, d int, edit func(*healthedu.Activity)) {
		n++
		start := at(2025, m, d, 9, 0)
		a := &healthedu.Activity{
			Header:    healthedu.Header{SchemaVersion: "1", Kind: healthedu.KindActivity, ID: "qw-" + string(rune('a'+n))},
			Organizer: clinic, Division: village, Form: form, Start: start, End: start.Add(time.Hour),
		}
		if edit != nil {
			edit(a)
		}
		out = append(out, a)
	}
	for _, m := range []time.Month{time.February, time.May, time.June} {
		add(healthedu.FormLecture, m, 12, nil)
	}
	for _, d := range [][2]int{{2, 20}, {4, 20}, {6, 25}} {
		add(healthedu.FormBulletinBoard, time.Month(d[0]), d[1], func(a *healthedu.Activity) {
			a.Board = &healthedu.Board{ID: "村委会东墙", AreaDm2: 240}
		})
	}
	for _, id := range []string{"高血压", "糖尿病", "老年人防跌倒"} {
		add(healthedu.FormPrintedMaterials, time.March, 3, func(a *healthedu.Activity) {
			a.Material = &healthedu.Material{ID: id}
		})
	}
	add(healthedu.FormPrintedMaterials, time.March, 4, nil)
	return out
}

// checkClinic judges the clinic's half year as of now.
func checkClinic(t testing.TB, now time.Time) []compliance.Institution {
	t.Helper()
	res, err := compliance.Check(func(yield func(*healthedu.Activity) bool) {
		for _, a := range clinicYear() {
			if !yield(a) {
				return
			}
		}
	}, compliance.Options{Year: healthedu.YearPeriod(2025), Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 1 || res[0].Division != village {
		t.Fatalf("check: %+v", res)
	}
	return res
}

func TestProposeCompliance(t *testing.T) {
	now := at(2025, 7, 3, 9, 0)
	results := checkClinic(t, now)
	got := ledger.ProposeCompliance(results, ledger.ComplianceProposeOptions{})

	var ids []string
	for _, r := range got {
		ids = append(ids, r.ID)
	}
	wantIDs := []string{
		"auto-202506-52371502MJ3916022H-c-printedKinds",
		"auto-202506-52371502MJ3916022H-c-audioVisualKinds",
		"auto-202506-52371502MJ3916022H-c-boardChangeGap-.....-f4f1ae58",
		"auto-202506-52371502MJ3916022H-c-lectureGap",
	}
	if diff := cmp.Diff(wantIDs, ids); diff != "" {
		t.Errorf("IDs (-want +got):\n%s", diff)
	}

	// Every field of one item.
	want := &ledger.Rectification{
		Header:   healthedu.Header{SchemaVersion: "1", Kind: ledger.KindRectification, ID: "auto-202506-52371502MJ3916022H-c-lectureGap"},
		Division: village,
		Source:   ledger.Source{Type: ledger.SourceComplianceCheck, Period: healthedu.MustParsePeriod("202506")},
		Problem:  "1个考核时段没有举办健康知识讲座：202502B（规范要求每2个月至少1次）",
		Finding: &ledger.Finding{Code: "compliance.lectureGap", Params: map[string]string{
			"count": "1", "periods": "202502B", "months": "2",
		}},
		Owner:    ledger.Owner{CreditCode: clinicCode, Name: "古楼街道前王村卫生室"},
		Deadline: mustDate(2025, 8, 10), // July's report
		Status:   ledger.StatusOpen,
		History: []ledger.Event{{At: at(2025, 7, 1, 0, 0), Status: ledger.StatusOpen,
			Actor: ledger.Actor{Division: township, Role: "platform", ID: ledger.ProposeActorID}}},
	}
	if diff := cmp.Diff(want, got[len(got)-1], cmpOpts); diff != "" {
		t.Errorf("lectureGap item (-want +got):\n%s", diff)
	}

	// Each item is a valid record, whose finding renders in the three
	// languages as the check's issue did.
	v := &healthedu.Validator{Now: now}
	warnings := 0
	for _, is := range results[0].Issues {
		if is.Severity == healthedu.SeverityWarning {
			warnings++
		}
	}
	if warnings != len(got) || len(results[0].Issues) != len(got)+1 {
		t.Errorf("%d items of %d warnings, %d issues", len(got), warnings, len(results[0].Issues))
	}
	var warned []healthedu.Issue
	for _, is := range results[0].Issues {
		if is.Severity == healthedu.SeverityWarning {
			warned = append(warned, is)
		}
	}
	for i, r := range got {
		if issues := v.Validate(r); len(issues) > 0 {
			t.Errorf("%s: %v", r.ID, codesOf(issues))
		}
		if len(r.ID) > 64 {
			t.Errorf("%s: longer than 64", r.ID)
		}
		is := warned[i]
		for _, lang := range []string{"zh-Hans", "zh-Hant", "en"} {
			tag := healthedu.MatchLanguage(lang)
			if got, want := r.Finding.Message(tag, nil), is.Message(tag); got != want {
				t.Errorf("%s in %s: %q, the check says %q", r.ID, lang, got, want)
			}
		}
	}
}

// TestProposeComplianceIdempotent: proposing again over the same results
// proposes the same items, and so does a check repeated later in the same
// month over the same records; merging them into the ledger changes
// nothing, even after the owner has acted on one.
func TestProposeComplianceIdempotent(t *testing.T) {
	first := ledger.ProposeCompliance(checkClinic(t, at(2025, 7, 3, 9, 0)), ledger.ComplianceProposeOptions{})
	same := ledger.ProposeCompliance(checkClinic(t, at(2025, 7, 3, 9, 0)), ledger.ComplianceProposeOptions{})
	later := ledger.ProposeCompliance(checkClinic(t, at(2025, 7, 20, 9, 0)), ledger.ComplianceProposeOptions{})
	if diff := cmp.Diff(first, same, cmpOpts); diff != "" {
		t.Errorf("re-proposal differs (-first +again):\n%s", diff)
	}
	if diff := cmp.Diff(first, later, cmpOpts); diff != "" {
		t.Errorf("proposal later in the month differs (-first +later):\n%s", diff)
	}
	stored := map[string]*ledger.Rectification{}
	for _, r := range first {
		stored[r.ID] = r
	}
	acted := stored[first[0].ID].Clone()
	clinicStaff := ledger.Actor{Division: village, Role: "village-doctor", ID: "qw-zhang"}
	if is := acted.Transition(ledger.Event{At: at(2025, 7, 8, 9, 0), Status: ledger.StatusRectifying, Actor: clinicStaff}); len(is) > 0 {
		t.Fatal(codesOf(is))
	}
	stored[acted.ID] = acted
	for _, r := range later {
		merged, ch, issues := ledger.Merge(stored[r.ID], r)
		if ch.Changed() || len(issues) > 0 {
			t.Errorf("%s: merging the re-proposal: %+v %v", r.ID, ch, codesOf(issues))
		}
		if diff := cmp.Diff(stored[r.ID], merged, cmpOpts); diff != "" {
			t.Errorf("%s: (-stored +merged):\n%s", r.ID, diff)
		}
	}
	// A month later the problems still there are proposed anew, as items
	// of the check of July.
	august := ledger.ProposeCompliance(checkClinic(t, at(2025, 8, 2, 9, 0)), ledger.ComplianceProposeOptions{})
	for _, r := range august {
		if stored[r.ID] != nil || !strings.HasPrefix(r.ID, "auto-202507-") || r.Deadline != mustDate(2025, 9, 10) {
			t.Errorf("August: %s by %s", r.ID, r.Deadline)
		}
	}
}

func TestProposeComplianceOptions(t *testing.T) {
	base := checkClinic(t, at(2025, 7, 3, 9, 0))
	inspector := ledger.Actor{Division: city, Role: "city-inspection", ID: "lc-insp-1"}
	deadline := mustDate(2025, 7, 31)
	tests := []struct {
		name    string
		results func() []compliance.Institution
		opts    ledger.ComplianceProposeOptions
		check   func(t *testing.T, got []*ledger.Rectification)
	}{
		{"division, deadline and actor of the options", func() []compliance.Institution { return base },
			ledger.ComplianceProposeOptions{
				Division: func(c healthedu.CreditCode) healthedu.DivisionCode {
					if c == clinicCode {
						return township
					}
					return healthedu.DivisionCode{}
				},
				Deadline: deadline, Actor: inspector,
			},
			func(t *testing.T, got []*ledger.Rectification) {
				for _, r := range got {
					if r.Division != township || r.Deadline != deadline || r.History[0].Actor != inspector {
						t.Errorf("%s: options not applied: %+v", r.ID, r)
					}
				}
			}},
		{"a Division func that does not know the institution", func() []compliance.Institution { return base },
			ledger.ComplianceProposeOptions{Division: func(healthedu.CreditCode) healthedu.DivisionCode { return healthedu.DivisionCode{} }},
			func(t *testing.T, got []*ledger.Rectification) {
				if len(got) != 4 || got[0].Division != village {
					t.Errorf("%d items, division %v", len(got), got[0].Division)
				}
			}},
		{"no division: left out", func() []compliance.Institution {
			res := checkClinic(t, at(2025, 7, 3, 9, 0))
			res[0].Division = healthedu.DivisionCode{}
			return res
		}, ledger.ComplianceProposeOptions{},
			func(t *testing.T, got []*ledger.Rectification) {
				if len(got) != 0 {
					t.Errorf("%d items", len(got))
				}
			}},
		{"the year over", func() []compliance.Institution { return checkClinic(t, time.Time{}) },
			ledger.ComplianceProposeOptions{},
			func(t *testing.T, got []*ledger.Rectification) {
				for _, r := range got {
					if !strings.HasPrefix(r.ID, "auto-202512-") || !r.Opened().Equal(at(2026, 1, 1, 0, 0)) || r.Deadline != mustDate(2026, 2, 10) {
						t.Errorf("%s opened %v by %s", r.ID, r.Opened(), r.Deadline)
					}
				}
			}},
		{"the year over, proposed before its end", func() []compliance.Institution { return checkClinic(t, time.Time{}) },
			ledger.ComplianceProposeOptions{Now: at(2025, 12, 20, 9, 0)},
			func(t *testing.T, got []*ledger.Rectification) {
				if len(got) == 0 || !got[0].Opened().Equal(at(2025, 12, 20, 9, 0)) {
					t.Errorf("opened %v", got[0].Opened())
				}
			}},
		{"no month over: the year", func() []compliance.Institution {
			res := checkClinic(t, at(2025, 7, 3, 9, 0))
			res[0].MonthsOver = 0
			res[0].Issues = res[0].Issues[:2] // unnamedMaterial, printedKinds
			return res
		}, ledger.ComplianceProposeOptions{},
			func(t *testing.T, got []*ledger.Rectification) {
				if len(got) != 1 || got[0].ID != "auto-2025-52371502MJ3916022H-c-printedKinds" ||
					got[0].Source.Period != healthedu.YearPeriod(2025) || !got[0].Opened().Equal(at(2025, 1, 1, 0, 0)) ||
					got[0].Deadline != mustDate(2025, 2, 10) {
					t.Errorf("%+v", got)
				}
			}},
		{"a citizen ID in the name and the board", func() []compliance.Institution {
			res := checkClinic(t, at(2025, 7, 3, 9, 0))
			res[0].Name = "卫生室371599198001010076"
			for i, is := range res[0].Issues {
				if is.Code == "compliance.boardChangeGap" {
					res[0].Issues[i] = healthedu.NewIssue(is.Code, is.Path, map[string]any{
						"board": "371599198001010076", "from": "2025-04-20", "to": "2025-06-25", "days": 66, "months": 2})
				}
			}
			return res
		}, ledger.ComplianceProposeOptions{},
			func(t *testing.T, got []*ledger.Rectification) {
				v := &healthedu.Validator{Now: at(2025, 7, 3, 9, 0)}
				for _, r := range got {
					if strings.Contains(r.ID+r.Owner.Name+r.Problem+r.Finding.Params["board"], "198001010076") {
						t.Errorf("%s: citizen ID in clear: %+v", r.ID, r)
					}
					if issues := v.Validate(r); len(issues) > 0 {
						t.Errorf("%s: %v", r.ID, codesOf(issues))
					}
				}
			}},
		{"a list of periods", func() []compliance.Institution {
			res := checkClinic(t, at(2025, 7, 3, 9, 0))
			res[0].Issues = []healthedu.Issue{healthedu.NewIssue("compliance.lectureGap", "/measures/6", map[string]any{
				"count": 2, "periods": []string{"202502B", "202503B"}, "months": 2})}
			return res
		}, ledger.ComplianceProposeOptions{},
			func(t *testing.T, got []*ledger.Rectification) {
				if len(got) != 1 || got[0].Finding.Params["periods"] != "202502B,202503B" ||
					got[0].Problem != "2个考核时段没有举办健康知识讲座：202502B,202503B（规范要求每2个月至少1次）" ||
					got[0].Finding.Message(healthedu.English, nil) != "Periods without a health lecture (2): 202502B,202503B; the norm asks for at least one in every period of 2 month(s)" {
					t.Errorf("%+v", got[0])
				}
			}},
		{"nothing", func() []compliance.Institution { return nil }, ledger.ComplianceProposeOptions{},
			func(t *testing.T, got []*ledger.Rectification) {
				if len(got) != 0 {
					t.Errorf("%d items", len(got))
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.check(t, ledger.ProposeCompliance(tt.results(), tt.opts))
		})
	}
}
