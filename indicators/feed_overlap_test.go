package indicators

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/jiceng/jiceng/healthedu"
)

// TestDivisionOverlap checks divisionOverlap against Contains taken both
// ways over every division of the set: divisions within, holding, beside
// and equal to those added, a city without counties (东莞市), villages,
// a province, and codes that are not divisions.
func TestDivisionOverlap(t *testing.T) {
	code := healthedu.MustParseDivisionCode
	sets := map[string][]healthedu.DivisionCode{
		"empty":           nil,
		"a township":      {code("371502001")},
		"a county":        {code("371502")},
		"a village":       {code("371502001003")},
		"a province":      {code("37")},
		"dongguan town":   {code("441900003")},
		"several, nested": {code("371502001"), code("3715"), code("371521100001"), code("52")},
		"an invalid code": {{}},
	}
	probes := []healthedu.DivisionCode{
		{}, code("37"), code("3715"), code("371502"), code("371502001"), code("371502001003"), code("371502002"),
		code("371521"), code("371521100"), code("371521100001"), code("371521100002"), code("3701"), code("52"),
		code("520102"), code("44"), code("4419"), code("441900003"), code("441900003001"), code("441900004"), code("15"),
	}
	for name, set := range sets {
		t.Run(name, func(t *testing.T) {
			var o divisionOverlap
			for _, d := range set {
				o.add(d)
			}
			want, got := map[string]bool{}, map[string]bool{}
			for _, d := range probes {
				w := false
				for _, r := range set {
					w = w || r.Contains(d) || d.Contains(r)
				}
				want[d.String()], got[d.String()] = w, o.overlaps(d)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("overlaps (-Contains +got):\n%s", diff)
			}
		})
	}
}

// TestDivisionOverlapRegistry checks divisionOverlap against Contains over
// the divisions of 聊城市 in the registry, the set every tenth of them.
func TestDivisionOverlapRegistry(t *testing.T) {
	city := healthedu.MustParseDivisionCode("3715")
	var all, set []healthedu.DivisionCode
	for d := range healthedu.DefaultRegistry().All() {
		if city.Contains(d.Code) {
			all = append(all, d.Code)
		}
	}
	if len(all) < 100 {
		t.Fatalf("%d divisions of 聊城市 in the registry, want 100 or more", len(all))
	}
	var o divisionOverlap
	for i := 7; i < len(all); i += 10 {
		set = append(set, all[i])
		o.add(all[i])
	}
	for _, d := range append(all, healthedu.MustParseDivisionCode("37"), healthedu.MustParseDivisionCode("3701")) {
		want := false
		for _, r := range set {
			want = want || r.Contains(d) || d.Contains(r)
		}
		if got := o.overlaps(d); got != want {
			t.Errorf("overlaps(%v) = %v, Contains either way says %v", d, got, want)
		}
	}
}
