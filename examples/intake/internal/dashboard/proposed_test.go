package dashboard

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/jiceng/jiceng/examples/intake/internal/wire"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/ledger"
)

// proposal returns an item proposed for the division code, from source,
// for the finding code (none when empty), with the id given.
func proposal(id, code string, source ledger.SourceType, finding string, stored bool) wire.ProposedRectification {
	pr := wire.ProposedRectification{Stored: stored}
	pr.ID, pr.Division, pr.Source.Type = id, healthedu.MustParseDivisionCode(code), source
	if finding != "" {
		pr.Finding = &ledger.Finding{Code: finding}
	}
	return pr
}

// TestKindOf checks the kind of an item proposed: its source and what was
// found, in the page's language, one kind for each indicator below its
// target, and "other" for a finding the dashboard does not know.
func TestKindOf(t *testing.T) {
	belowTarget := proposal("b", "371502001", ledger.SourceMonthlyNotification, "ledger.belowTarget", false)
	belowTarget.Indicator, belowTarget.IndicatorName = "report-completeness", "Monthly report completeness"
	tests := []struct {
		name string
		lang uiLang
		pr   wire.ProposedRectification
		want proposedKind
	}{
		{"a missing report", langEn, proposal("a", "371502001", ledger.SourceMonthlyNotification, "ledger.reportMissing", false),
			proposedKind{Key: "monthlyNotification/ledger.reportMissing", Source: "monthlyNotification", SourceName: "Monthly notification", Label: "Monthly reports missing"}},
		{"a missing report, zh-Hant", langZhHant, proposal("a", "371502001", ledger.SourceMonthlyNotification, "ledger.reportMissing", false),
			proposedKind{Key: "monthlyNotification/ledger.reportMissing", Source: "monthlyNotification", SourceName: "月通報", Label: "月報缺報"}},
		{"an indicator below its target", langEn, belowTarget,
			proposedKind{Key: "monthlyNotification/ledger.belowTarget/report-completeness", Source: "monthlyNotification", SourceName: "Monthly notification", Label: "Monthly report completeness below target"}},
		{"a rule of the compliance check", langEn, proposal("c", "371502001", ledger.SourceComplianceCheck, "compliance.lectures", false),
			proposedKind{Key: "complianceCheck/compliance.lectures", Source: "complianceCheck", SourceName: "Compliance check", Label: "Health lectures"}},
		{"a rule of the compliance check, zh-Hans", langZhHans, proposal("c", "371502001", ledger.SourceComplianceCheck, "compliance.lectureGap", false),
			proposedKind{Key: "complianceCheck/compliance.lectureGap", Source: "complianceCheck", SourceName: "合规核查", Label: "健康知识讲座频次"}},
		{"a rule unknown", langEn, proposal("d", "371502001", ledger.SourceComplianceCheck, "compliance.nothing", false),
			proposedKind{Key: "complianceCheck/", Source: "complianceCheck", SourceName: "Compliance check", Label: "Other"}},
		{"no finding", langZhHant, proposal("e", "371502001", ledger.SourceMonthlyNotification, "", false),
			proposedKind{Key: "monthlyNotification/", Source: "monthlyNotification", SourceName: "月通報", Label: "其他"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tt.lang.kindOf(tt.pr)); diff != "" {
				t.Errorf("kindOf (-want +got):\n%s", diff)
			}
		})
	}
}

// TestGroupProposed checks the grouping of the items a notification
// proposes: by the division below that holds each, in the order of their
// codes, and by kind, each source's kinds together; and the items listed:
// all, in their order, up to the limit, else as many taken in turn from
// each division and kind.
func TestGroupProposed(t *testing.T) {
	const (
		monthly    = ledger.SourceMonthlyNotification
		compliance = ledger.SourceComplianceCheck
		missing    = "ledger.reportMissing"
		lectures   = "compliance.lectures"
	)
	// The kind is the source and the finding's code, as is.
	kindOf := func(pr wire.ProposedRectification) proposedKind {
		code := ""
		if pr.Finding != nil {
			code = pr.Finding.Code
		}
		return proposedKind{Key: string(pr.Source.Type) + "/" + code, Source: string(pr.Source.Type), SourceName: string(pr.Source.Type), Label: code}
	}
	kind := func(source ledger.SourceType, code string) proposedKind {
		return kindOf(proposal("", "37", source, code, false))
	}
	code := healthedu.MustParseDivisionCode
	names := map[healthedu.DivisionCode]string{code("371502"): "东昌府区", code("371521"): "阳谷县"}
	link := func(c healthedu.DivisionCode) string { return "report?division=" + c.String() }
	child := func(division, name string, stored int, counts ...int) proposedChild {
		ch := proposedChild{Division: division, Name: name, Stored: stored, Counts: counts}
		if division != "" {
			ch.URL = "report?division=" + division
		}
		for _, n := range counts {
			ch.Total += n
		}
		return ch
	}
	// 371502 has 5 missing reports; 371521 1 missing report and 2 items of
	// the lectures; 371522 an item of the lectures.
	inTurn := []wire.ProposedRectification{
		proposal("a0", "371502001", monthly, missing, true),
		proposal("b0", "371521001", monthly, missing, false),
		proposal("a1", "371502002", monthly, missing, false),
		proposal("c0", "371522001", compliance, lectures, false),
		proposal("a2", "371502003", monthly, missing, false),
		proposal("b1", "371521001", compliance, lectures, false),
		proposal("a3", "371502004", monthly, missing, false),
		proposal("b2", "371521002", compliance, lectures, true),
		proposal("a4", "371502005", monthly, missing, false),
	}
	inTurnKinds := []proposedKind{kind(monthly, missing), kind(compliance, lectures)}
	inTurnChildren := []proposedChild{
		child("371502000000", "东昌府区", 1, 5, 0),
		child("371521000000", "阳谷县", 1, 1, 2),
		child("371522000000", "371522000000", 0, 0, 1), // no name: the code
	}
	inTurnTotal := child("", "", 2, 6, 3)

	tests := []struct {
		name  string
		items []wire.ProposedRectification
		level healthedu.DivisionLevel
		limit int
		want  proposedGroups
	}{
		{"none", nil, healthedu.LevelCounty, 100, proposedGroups{}},
		{"each source's kinds together, all listed", []wire.ProposedRectification{
			proposal("x", "371521001", compliance, lectures, false),
			proposal("y", "371502001", monthly, missing, true),
			proposal("z", "371502001", monthly, "", false),
			proposal("w", "371502001", compliance, "compliance.lectureGap", false),
		}, healthedu.LevelCounty, 4, proposedGroups{
			Kinds: []proposedKind{kind(compliance, lectures), kind(compliance, "compliance.lectureGap"), kind(monthly, missing), kind(monthly, "")},
			Children: []proposedChild{
				child("371502000000", "东昌府区", 1, 0, 1, 1, 1),
				child("371521000000", "阳谷县", 0, 1, 0, 0, 0),
			},
			Total:  child("", "", 1, 1, 1, 1, 1),
			Listed: []int{0, 1, 2, 3},
		}},
		{"an item of a division above the level counts as its own", func() []wire.ProposedRectification {
			own := proposal("o", "3715", compliance, lectures, false)
			own.DivisionName = "聊城市卫生健康委员会"
			named := proposal("n", "371526", monthly, missing, false)
			named.DivisionName = "高唐县"
			return []wire.ProposedRectification{proposal("t", "371526001", monthly, missing, false), own, named}
		}(), healthedu.LevelCounty, 100, proposedGroups{
			Kinds: []proposedKind{kind(monthly, missing), kind(compliance, lectures)},
			Children: []proposedChild{
				child("371500000000", "聊城市卫生健康委员会", 0, 0, 1),
				child("371526000000", "高唐县", 0, 2, 0), // named by its own item
			},
			Total:  child("", "", 0, 2, 1),
			Listed: []int{0, 1, 2},
		}},
		{"the first of each division and kind", inTurn, healthedu.LevelCounty, 4, proposedGroups{
			Kinds: inTurnKinds, Children: inTurnChildren, Total: inTurnTotal,
			Listed: []int{0, 1, 5, 3}, // a0; b0, b1; c0
		}},
		{"then the second", inTurn, healthedu.LevelCounty, 6, proposedGroups{
			Kinds: inTurnKinds, Children: inTurnChildren, Total: inTurnTotal,
			Listed: []int{0, 2, 1, 5, 7, 3}, // a0, a1; b0, b1, b2; c0
		}},
		{"one short of all", inTurn, healthedu.LevelCounty, 8, proposedGroups{
			Kinds: inTurnKinds, Children: inTurnChildren, Total: inTurnTotal,
			Listed: []int{0, 2, 4, 6, 1, 5, 7, 3}, // all but a4
		}},
		{"by township, under a county", inTurn[:4], healthedu.LevelTownship, 2, proposedGroups{
			Kinds: inTurnKinds,
			Children: []proposedChild{
				child("371502001000", "371502001000", 1, 1, 0),
				child("371502002000", "371502002000", 0, 1, 0),
				child("371521001000", "371521001000", 0, 1, 0),
				child("371522001000", "371522001000", 0, 0, 1),
			},
			Total:  child("", "", 1, 3, 1),
			Listed: []int{0, 2}, // the first two divisions' in round one
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := groupProposed(tt.items, tt.level, kindOf, names, link, tt.limit)
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("groupProposed (-want +got):\n%s", diff)
			}
			if len(got.Listed) != min(tt.limit, len(tt.items)) {
				t.Errorf("%d listed of %d, limit %d", len(got.Listed), len(tt.items), tt.limit)
			}
		})
	}
}

// TestAddProposed checks the section of a province's notification that
// proposes more items than it lists: the counts, the table by city and
// kind, the items listed and what it says of the others, in the three
// languages; and that of a township, which has no table.
func TestAddProposed(t *testing.T) {
	period := healthedu.MustParsePeriod("202510")
	var items []wire.ProposedRectification
	// 120 missing reports in 聊城, 30 in 济南, and 3 items of the lectures
	// in 济南, one on the ledger.
	for i := range 120 {
		items = append(items, proposal(fmt.Sprint("lc", i), fmt.Sprintf("371502%03d", i+1), ledger.SourceMonthlyNotification, "ledger.reportMissing", false))
	}
	for i := range 30 {
		items = append(items, proposal(fmt.Sprint("jn", i), fmt.Sprintf("370102%03d", i+1), ledger.SourceMonthlyNotification, "ledger.reportMissing", false))
	}
	for i := range 3 {
		items = append(items, proposal(fmt.Sprint("jl", i), fmt.Sprintf("370102%03d", i+1), ledger.SourceComplianceCheck, "compliance.lectures", i == 0))
	}
	code := healthedu.MustParseDivisionCode
	m := &wire.Monthly{Period: period, Due: true, Proposed: items,
		Divisions: []wire.MonthlyDivision{{Division: code("3701"), Name: "济南市"}, {Division: code("3715"), Name: "聊城市"}}}

	type section struct {
		Count, Stored           int
		CountText, Caption      string
		Sources                 []proposedSource
		Rows                    []proposedRow
		Total                   proposedRow
		Listed                  int
		ListedText, MoreText    string
		More                    int
		API                     string
		FirstListed, LastListed string
	}
	cells := func(n ...string) []proposedCell {
		return []proposedCell{{Kind: "monthlyNotification/ledger.reportMissing", N: n[0]}, {Kind: "complianceCheck/compliance.lectures", N: n[1]}}
	}
	rows := func(lang string) []proposedRow {
		return []proposedRow{
			{Division: "370100000000", Name: "济南市", URL: "report?division=370100000000&lang=" + lang + "&period=202510#proposed-h", Cells: cells("30", "3"), Total: "33", Stored: "1"},
			{Division: "371500000000", Name: "聊城市", URL: "report?division=371500000000&lang=" + lang + "&period=202510#proposed-h", Cells: cells("120", ""), Total: "120", Stored: "0"},
		}
	}
	const api = "v1/reports/monthly?period=202510&under=370000000000"
	tests := []struct {
		lang uiLang
		want section
	}{
		{langZhHans, section{Count: 153, Stored: 1,
			CountText: "本月共建议立项153项，其中已立项1项。", Caption: "各地级区划建议立项事项",
			Sources: []proposedSource{{Name: "月通报", Span: 1}, {Name: "合规核查", Span: 1}},
			Rows:    rows("zh-Hans"), Total: proposedRow{Name: "合计", Cells: cells("150", "3"), Total: "153", Stored: "1"},
			Listed: 100, ListedText: "以下列出其中100项，由各区划、各类问题依次选取。",
			More: 53, MoreText: "另有53项未列出：各区划的事项见其月通报（上表区划名称的链接），全部153项见数据接口：", API: api,
			// 济南's 30 missing reports and 3 lectures, then 聊城's first 67.
			FirstListed: "jn0", LastListed: "lc66"}},
		{langZhHant, section{Count: 153, Stored: 1,
			CountText: "本月共建議立項153項，其中已立項1項。", Caption: "各地級區劃建議立項事項",
			Sources: []proposedSource{{Name: "月通報", Span: 1}, {Name: "合規核查", Span: 1}},
			Rows:    rows("zh-Hant"), Total: proposedRow{Name: "合計", Cells: cells("150", "3"), Total: "153", Stored: "1"},
			Listed: 100, ListedText: "以下列出其中100項，由各區劃、各類問題依次選取。",
			More: 53, MoreText: "另有53項未列出：各區劃的事項見其月通報（上表區劃名稱的連結），全部153項見資料介面：", API: api,
			FirstListed: "jn0", LastListed: "lc66"}},
		{langEn, section{Count: 153, Stored: 1,
			CountText: "153 items proposed this month, 1 of them on the ledger already.", Caption: "Items proposed by prefecture division",
			Sources: []proposedSource{{Name: "Monthly notification", Span: 1}, {Name: "Compliance check", Span: 1}},
			Rows:    rows("en"), Total: proposedRow{Name: "Total", Cells: cells("150", "3"), Total: "153", Stored: "1"},
			Listed: 100, ListedText: "100 of them are listed below, taken in turn from each division and kind.",
			More: 53, MoreText: "53 more are not listed: each division's notification (linked from its name in the table above) lists its own, and the API all 153 of them:", API: api,
			FirstListed: "jn0", LastListed: "lc66"}},
	}
	for _, tt := range tests {
		t.Run(tt.lang.String(), func(t *testing.T) {
			p := &reportPage{Under: wire.Division{Code: code("37"), Name: "山东省"}}
			p.State = pageState{Division: code("37"), Period: period, Lang: tt.lang}
			p.addProposed(tt.lang, m)
			got := section{Count: p.ProposedCount, Stored: p.ProposedStored, CountText: p.ProposedCountText,
				Listed: len(p.Proposed), ListedText: p.ProposedListed, More: p.ProposedMore, MoreText: p.ProposedMoreText, API: p.ProposedAPI}
			if p.ProposedTable != nil {
				got.Caption, got.Sources, got.Rows, got.Total = p.ProposedTable.Caption, p.ProposedTable.Sources, p.ProposedTable.Rows, p.ProposedTable.Total
			}
			if len(p.Proposed) > 0 {
				got.FirstListed, got.LastListed = p.Proposed[0].ID, p.Proposed[len(p.Proposed)-1].ID
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("section (-want +got):\n%s", diff)
			}
		})
	}

	// A township lists its items, without a table.
	p := &reportPage{Under: wire.Division{Code: code("371502001"), Name: "古楼街道"}}
	p.State = pageState{Division: code("371502001"), Period: period, Lang: langZhHans}
	p.addProposed(langZhHans, &wire.Monthly{Period: period, Due: true, Proposed: items[:1]})
	if p.ProposedTable != nil || len(p.Proposed) != 1 || p.ProposedMore != 0 || p.ProposedCountText != "本月共建议立项1项，其中已立项0项。" {
		t.Errorf("the township's section: table %v, %d listed, %d more, %q", p.ProposedTable, len(p.Proposed), p.ProposedMore, p.ProposedCountText)
	}
	// Before the deadline, nothing is counted.
	p = &reportPage{Under: wire.Division{Code: code("37")}}
	p.addProposed(langEn, &wire.Monthly{Period: period})
	if p.ProposedCountText != "" || p.ProposedTable != nil || !strings.Contains(p.ProposedNote, "after the deadline") {
		t.Errorf("not due: %q, table %v, note %q", p.ProposedCountText, p.ProposedTable, p.ProposedNote)
	}
}

// TestReportProposed checks the section on the notification of 聊城 for
// October 2025 on the fake API, whose three items are all listed: the
// counts, and the table by county and kind, each county linking to its
// own notification (the fake names divisions in Simplified Chinese).
func TestReportProposed(t *testing.T) {
	h, _ := newTestDashboard(t)
	status, body, _ := get(t, h, "/report?division=3715&period=202510&lang=zh-Hant")
	if status != 200 {
		t.Fatalf("status %d", status)
	}
	i := strings.Index(body, `id="proposed-h"`)
	if i < 0 {
		t.Fatal("no section of the items proposed")
	}
	section := body[i:]
	for _, want := range []string{
		`<p id="proposed-count" data-count="3" data-stored="1">本月共建議立項3項，其中已立項1項。</p>`,
		`<caption id="proposed-groups-caption">各縣級區劃建議立項事項</caption>`,
		`<th scope="colgroup" colspan="1" class="source">月通報</th>
<th scope="colgroup" colspan="1" class="source">合規核查</th>`,
		`<th scope="col" class="n" data-kind="monthlyNotification/ledger.reportMissing">月報缺報</th>
<th scope="col" class="n" data-kind="complianceCheck/compliance.lectures">健康知識講座次數</th>`,
		`<tr data-division="371502000000">
<th scope="row"><a href="report?division=371502000000&amp;lang=zh-Hant&amp;period=202510#proposed-h">东昌府区</a></th>
<td class="n" data-kind="monthlyNotification/ledger.reportMissing">1</td>
<td class="n" data-kind="complianceCheck/compliance.lectures">1</td>
<td class="n total">2</td>
<td class="n stored">1</td>`,
		`<td class="n" data-kind="complianceCheck/compliance.lectures"></td>
<td class="n total">1</td>
<td class="n stored">0</td>`,
		`<th scope="row">合計</th>
<td class="n" data-kind="monthlyNotification/ledger.reportMissing">2</td>
<td class="n" data-kind="complianceCheck/compliance.lectures">1</td>
<td class="n total">3</td>
<td class="n stored">1</td>`,
	} {
		if !strings.Contains(section, want) {
			t.Errorf("the section lacks %s", want)
		}
	}
	if n := strings.Count(section, `<tr data-id="auto-202510-`); n != 3 {
		t.Errorf("%d items listed, want 3", n)
	}
	for _, absent := range []string{`id="proposed-more"`, `id="proposed-listed"`} {
		if strings.Contains(section, absent) {
			t.Errorf("all items are listed, yet the section has %s", absent)
		}
	}
}
