package dashboard

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/jiceng/jiceng/indicators"
)

// TestCoverageOf checks the coverage cell of a figure: k/n, partial only
// with a value, and a value of no reporter — recorded at the divisions'
// own level — said in words, never "0/n" beside it.
func TestCoverageOf(t *testing.T) {
	for _, tc := range []struct {
		name     string
		c        indicators.Coverage
		hasValue bool
		want     coverageCell
	}{
		{"complete", indicators.Coverage{Reporting: 136, Expected: 136}, true, coverageCell{Text: "136/136", Title: "136个应报单位中136个有数据"}},
		{"partial", indicators.Coverage{Reporting: 136, Expected: 1853}, true, coverageCell{Text: "136/1,853", Title: "1,853个应报单位中136个有数据", Partial: true}},
		{"no data", indicators.Coverage{Reporting: 0, Expected: 164}, false, coverageCell{Text: "0/164", Title: "164个应报单位中0个有数据"}},
		{"own level", indicators.Coverage{Reporting: 0, Expected: 1853}, true, coverageCell{Text: "本级数据", Title: "数值来自区划自身（县、市级）登记的数据，1,853个应报单位均未参与"}},
	} {
		if diff := cmp.Diff(tc.want, uiLang(0).coverageOf(tc.c, tc.hasValue)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
	}
	if got := uiLang(2).coverageOf(indicators.Coverage{Reporting: 0, Expected: 24}, true).Text; got != "own level" {
		t.Errorf("own level in English: %q", got)
	}
}
