package indicators

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/jiceng/jiceng/healthedu"
)

// TestZeroCoverageOfUnitsWithoutData: of the 1,853 townships of 山东省,
// 古楼街道 alone is on the platform: it sends its October report and holds
// one activity. A count of records (activities held, Missing "zero") for
// the province is made of that one township, and a city of which nothing
// at all is known, 济南市, has no data: a township that never sent
// anything is not a township that did nothing. Counted as complete
// (1853/1853, and 济南 0 of 164/164), a province view that holds one city
// looks as if it held them all.
//
// A township counts as having done nothing only if it reports: 柳园街道
// sends its report and holds no activity, so it counts as 0 activities
// (see [MissingZero]).
func TestZeroCoverageOfUnitsWithoutData(t *testing.T) {
	gl := div("371502001") // 古楼街道, 聊城市
	records := []healthedu.Record{
		report(t, gl, "202510", "2025-11-05 09:00", "children-0-6", "100", "children-0-6-managed", "95"),
		report(t, div("371502002"), "202510", "2025-11-06 09:00", "children-0-6", "50", "children-0-6-managed", "40"),
		&healthedu.Activity{Header: header(healthedu.KindActivity, "a1"), Division: gl, Form: "lecture",
			Start: cst("2025-10-20 09:00"), End: cst("2025-10-20 10:00"), Participants: 40},
	}
	s := NewStore(DefaultCatalogue())
	if err := s.AddRecords(records, RecordOptions{}); err != nil {
		t.Fatal(err)
	}
	n := func(d string) int {
		return len(DivisionsAt(healthedu.DefaultRegistry(), div(d), healthedu.LevelTownship))
	}
	q := Query{
		Indicators: []*Indicator{indicator(t, "child-health-management-rate"), indicator(t, "activities-held")},
		Divisions:  []healthedu.DivisionCode{div("37"), div("3715"), div("3701")},
		Period:     period("202510"), Now: cst("2025-11-11 00:00"),
	}
	want := []figure{
		{"37", 135, 150, "90.00", "", fmt.Sprintf("2/%d", n("37")), "met"},
		{"37", 1, 1, "1", "", fmt.Sprintf("2/%d", n("37")), ""}, // partial, as the rate; 柳园街道's none a 0
		{"3715", 135, 150, "90.00", "", fmt.Sprintf("2/%d", n("3715")), "met"},
		{"3715", 1, 1, "1", "", fmt.Sprintf("2/%d", n("3715")), ""},
		{"3701", 0, 0, "", "no-data", fmt.Sprintf("0/%d", n("3701")), ""},
		{"3701", 0, 0, "", "no-data", fmt.Sprintf("0/%d", n("3701")), ""}, // not 0 of 164/164
	}
	if diff := cmp.Diff(want, figures(computeQuery(t, s, q))); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
