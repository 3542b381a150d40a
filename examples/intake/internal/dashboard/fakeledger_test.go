package dashboard

import (
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/jiceng/jiceng/examples/intake/internal/wire"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/ledger"
	"golang.org/x/text/language"
)

// fakeAsOf is the instant of the fake's ledger.
var fakeAsOf = time.Date(2025, 11, 6, 12, 0, 0, 0, healthedu.ChinaStandardTime)

// fakeStatuses are the statuses of the fake's items, in turn.
var fakeStatuses = []ledger.Status{ledger.StatusOpen, ledger.StatusRectifying, ledger.StatusRectified, ledger.StatusVerified, ledger.StatusReopened}

// fakeItem is the fake's i-th item of division d: its status by turn,
// overdue when open or reopened and i is even.
func fakeItem(d healthedu.DivisionCode, i, lang int) wire.Rectification {
	st := fakeStatuses[i%len(fakeStatuses)]
	opened := time.Date(2025, 9, 11+i, 9, 0, 0, 0, healthedu.ChinaStandardTime)
	deadline := healthedu.DateOf(opened.AddDate(0, 1, 0))
	overdue := (st == ledger.StatusOpen || st == ledger.StatusReopened) && i%2 == 0
	if !overdue {
		deadline = healthedu.DateOf(fakeAsOf.AddDate(0, 1, 0))
	}
	problems := [3]string{"月报未按时报送", "月報未按時報送", "monthly report not sent on time"}
	it := wire.Rectification{
		ID:           "fake-" + d.Short() + "-" + string(rune('a'+i)),
		Division:     d,
		DivisionName: fakeRegistry.Name(d),
		Source:       ledger.Source{Type: ledger.SourceMonthlyNotification, Period: healthedu.MustParsePeriod("202509")},
		SourceName:   ledger.SourceMonthlyNotification.Label(fakeTag(lang)),
		Problem:      problems[lang],
		Owner:        ledger.Owner{Role: ledger.RoleReportingUnit},
		Deadline:     deadline,
		Status:       st,
		StatusName:   st.Label(fakeTag(lang)),
		Overdue:      overdue,
		Opened:       opened,
		Updated:      opened,
		History:      []ledger.Event{{At: opened, Status: ledger.StatusOpen, Actor: ledger.Actor{Division: d.Truncate(healthedu.LevelCounty), ID: "fake"}}},
		Evidence:     []string{},
	}
	if overdue {
		it.DaysOverdue = int(fakeAsOf.Sub(deadline.Start()).Hours() / 24)
	}
	return it
}

// fakeTag is the language of the fake's index.
func fakeTag(lang int) language.Tag {
	return [3]language.Tag{healthedu.ZhHans, healthedu.ZhHant, healthedu.English}[lang]
}

// fakeRectifications answers GET /v1/rectifications: five items for each
// of the first two divisions under under (under itself when it has none),
// filtered by the query's status and overdue.
func fakeRectifications(under healthedu.DivisionCode, q url.Values, lang int) wire.Rectifications {
	divs := fakeRegistry.Children(under)
	if len(divs) == 0 {
		divs = []healthedu.DivisionCode{under}
	}
	a := wire.Rectifications{Under: fakeDivision(under), AsOf: fakeAsOf, Items: []wire.Rectification{}}
	for _, d := range divs[:min(2, len(divs))] {
		for i := range 5 {
			it := fakeItem(d, i, lang)
			a.Summary.Total++
			a.Summary.ByStatus.Add(it.Status)
			if it.Status != ledger.StatusVerified {
				a.Summary.Open++
			}
			if it.Overdue {
				a.Summary.Overdue++
			}
			if v := q.Get("status"); v != "" && !slices.Contains(strings.Split(v, ","), string(it.Status)) {
				continue
			}
			if v := q.Get("overdue"); v != "" && (v == "true") != it.Overdue {
				continue
			}
			a.Items = append(a.Items, it)
		}
	}
	return a
}

// fakeProposed is what the fake's notification of under for month p
// proposes: once due, an item for a missing report of each of the first
// two divisions under it, the first on the ledger already, and an item of
// the compliance check's rule lectures of the first, owned by its centre.
func fakeProposed(under healthedu.DivisionCode, p healthedu.Period, due bool) []wire.ProposedRectification {
	out := []wire.ProposedRectification{}
	if !due {
		return out
	}
	divs := fakeRegistry.Children(under)
	for i, d := range divs[:min(2, len(divs))] {
		it := fakeItem(d, 1, 0)
		it.ID = "auto-" + p.String() + "-" + d.String() + "-m-report-completeness"
		it.Finding = &ledger.Finding{Code: "ledger.reportMissing"}
		rec := &ledger.Rectification{
			Header:   healthedu.Header{SchemaVersion: "1", Kind: ledger.KindRectification, ID: it.ID},
			Division: d, Source: it.Source, Problem: it.Problem, Owner: it.Owner, Deadline: it.Deadline,
			Status: ledger.StatusOpen, History: it.History,
		}
		pr := wire.ProposedRectification{Rectification: it, Record: rec}
		if i == 0 {
			pr.Stored, pr.StoredStatus = true, ledger.StatusRectifying
		}
		out = append(out, pr)
	}
	if len(divs) > 0 {
		d := divs[0]
		it := fakeItem(d, 0, 0)
		it.ID = "auto-" + p.String() + "-12371502MB2854366G-c-lectures"
		it.Source = ledger.Source{Type: ledger.SourceComplianceCheck, Period: p}
		it.Finding = &ledger.Finding{Code: "compliance.lectures"}
		it.SourceName = ledger.SourceComplianceCheck.Label(fakeTag(0))
		it.Problem = "本年度举办健康知识讲座4次，少于规范要求的5次（全年不少于12次，按已过5个月折算）"
		code, err := healthedu.ParseCreditCode("12371502MB2854366G")
		if err != nil {
			panic(err)
		}
		it.Owner = ledger.Owner{CreditCode: code, Name: fakeRegistry.Name(d) + "卫生院"}
		it.Overdue, it.DaysOverdue = false, 0
		rec := &ledger.Rectification{
			Header:   healthedu.Header{SchemaVersion: "1", Kind: ledger.KindRectification, ID: it.ID},
			Division: d, Source: it.Source, Problem: it.Problem, Owner: it.Owner, Deadline: it.Deadline,
			Status: ledger.StatusOpen, History: it.History,
		}
		out = append(out, wire.ProposedRectification{Rectification: it, Record: rec})
	}
	return out
}
