package dashboard

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/jiceng/jiceng/examples/intake/internal/wire"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/ledger"
)

// TestGroupOverdue checks the counts of the reports overdue by the
// division below the dispatch's: reports, the reporting divisions they
// are of (each once), those due in the week, in the order of the codes.
func TestGroupOverdue(t *testing.T) {
	code := healthedu.MustParseDivisionCode
	report := func(d, month string, thisWeek bool) ledger.OverdueReport {
		return ledger.OverdueReport{Division: code(d), Month: healthedu.MustParsePeriod(month), ThisWeek: thisWeek}
	}
	name := func(c healthedu.DivisionCode) string { return "n" + c.String()[:6] }
	link := func(c healthedu.DivisionCode) string { return "weekly?division=" + c.String() }
	child := func(d string, reports, units, thisWeek int) weeklyChild {
		c := weeklyChild{Reports: reports, Units: units, ThisWeek: thisWeek}
		if d != "" {
			c.Division, c.Name, c.URL = d, "n"+d[:6], "weekly?division="+d
		}
		return c
	}
	tests := []struct {
		name    string
		reports []ledger.OverdueReport
		level   healthedu.DivisionLevel
		rows    []weeklyChild
		total   weeklyChild
	}{
		{"none", nil, healthedu.LevelCity, nil, child("", 0, 0, 0)},
		{"a province's cities, out of order", []ledger.OverdueReport{
			report("371502001", "202509", false),
			report("370102001", "202510", true),
			report("371502001", "202510", true), // the same township again
			report("371521100", "202510", false),
			report("3715", "202510", false), // a city reporting for itself
		}, healthedu.LevelCity, []weeklyChild{
			child("370100000000", 1, 1, 1),
			child("371500000000", 4, 3, 1),
		}, child("", 5, 4, 2)},
		{"a city's counties", []ledger.OverdueReport{
			report("371502001", "202509", false),
			report("371502002", "202509", false),
			report("371521100", "202509", true),
		}, healthedu.LevelCounty, []weeklyChild{
			child("371502000000", 2, 2, 0),
			child("371521000000", 1, 1, 1),
		}, child("", 3, 3, 1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, total := groupOverdue(tt.reports, tt.level, name, link)
			if diff := cmp.Diff(tt.rows, rows, cmp.AllowUnexported(weeklyChild{})); diff != "" {
				t.Errorf("rows (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.total, total); diff != "" {
				t.Errorf("total (-want +got):\n%s", diff)
			}
		})
	}
}

// TestWeeklyOverdueListed checks when the dispatch lists the reports
// overdue one by one and when it counts them by the division below: above
// a county past weeklyOverdueMax only, in every language.
func TestWeeklyOverdueListed(t *testing.T) {
	overdue := func(under string, n int) *wire.Weekly {
		wk := &wire.Weekly{Under: healthedu.MustParseDivisionCode(under), Week: healthedu.MustParsePeriod("2025W44")}
		for i := range n {
			// Townships of three counties (of two cities for the
			// province), twelve months each.
			counties := []string{"371502", "371521", "370102"}
			if under == "3715" {
				counties[2] = "371526"
			}
			d := counties[i%3]
			wk.OverdueReports = append(wk.OverdueReports, ledger.OverdueReport{
				Division: healthedu.MustParseDivisionCode(fmt.Sprintf("%s%03d", d, 1+i/36)),
				Month:    healthedu.MustParsePeriod(fmt.Sprintf("2025%02d", 1+i/3%12)),
			})
		}
		return wk
	}
	link := func(c healthedu.DivisionCode) string { return "weekly?division=" + c.String() }
	tests := []struct {
		name       string
		under      string
		n          int
		listed     int // reports listed
		children   int // rows of the table by division below, 0 for none
		omittedSub string
	}{
		{"a province, few", "37", weeklyOverdueMax, weeklyOverdueMax, 0, ""},
		{"a province, many", "37", weeklyOverdueMax + 1, 0, 2, "301"},
		{"a city, many", "3715", weeklyOverdueMax + 1, 0, 3, "301"},
		{"a county lists all", "371502", 3 * weeklyOverdueMax, 3 * weeklyOverdueMax, 0, ""},
	}
	for _, tt := range tests {
		for _, lang := range []uiLang{langZhHans, langZhHant, langEn} {
			t.Run(tt.name+"/"+lang.Tag().String(), func(t *testing.T) {
				wk := overdue(tt.under, tt.n)
				if tt.under == "371502" { // a county's own townships only
					for i := range wk.OverdueReports {
						wk.OverdueReports[i].Division = healthedu.MustParseDivisionCode(fmt.Sprintf("371502%03d", 1+i%40))
					}
				}
				p := newWeeklyPage(lang, wk, link)
				listed := 0
				for _, g := range p.OverdueByArea {
					listed += len(g.Reports)
				}
				children := 0
				if p.OverdueByChild != nil {
					children = len(p.OverdueByChild.Rows)
					if p.OverdueByChild.Total.Reports != tt.n {
						t.Errorf("the table's total is %d reports, want %d", p.OverdueByChild.Total.Reports, tt.n)
					}
				}
				got := fmt.Sprint(listed, children, p.OverdueOmitted != "")
				want := fmt.Sprint(tt.listed, tt.children, tt.omittedSub != "")
				if got != want {
					t.Errorf("listed, rows below, omitted note = %s, want %s", got, want)
				}
				if tt.omittedSub != "" && !strings.Contains(p.OverdueOmitted, tt.omittedSub) {
					t.Errorf("the note %q does not say %s reports", p.OverdueOmitted, tt.omittedSub)
				}
			})
		}
	}
}
