package dashboard

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/jiceng/jiceng/healthedu"
)

// TestByChild checks where byChild places divisions: under their holder
// at the level asked, themselves when at or above it, 东莞's townships
// under the city that has no counties, the holders in the order of their
// codes and a division not known last.
func TestByChild(t *testing.T) {
	code := healthedu.MustParseDivisionCode
	tests := []struct {
		name      string
		divisions []healthedu.DivisionCode
		level     healthedu.DivisionLevel
		holders   []string
		of        []int
	}{
		{"none", nil, healthedu.LevelCity, nil, []int{}},
		{"a province's cities", []healthedu.DivisionCode{code("371502001"), {}, code("370102001003"), code("3715"), code("37"), code("371521")},
			healthedu.LevelCity, []string{"370000000000", "370100000000", "371500000000", "invalid DivisionCode"}, []int{2, 3, 1, 2, 0, 2}},
		{"a city's counties", []healthedu.DivisionCode{code("371521100"), code("371502001"), code("371502")},
			healthedu.LevelCounty, []string{"371502000000", "371521000000"}, []int{1, 0, 0}},
		{"a city without counties", []healthedu.DivisionCode{code("441900003"), code("441900004001")},
			healthedu.LevelCounty, []string{"441900000000"}, []int{0, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			holders, of := byChild(tt.divisions, tt.level)
			var got []string
			for _, h := range holders {
				got = append(got, h.String())
			}
			if diff := cmp.Diff(tt.holders, got); diff != "" {
				t.Errorf("holders (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.of, of); diff != "" {
				t.Errorf("of (-want +got):\n%s", diff)
			}
		})
	}
}
