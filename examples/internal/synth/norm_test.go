package synth

import (
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/jiceng/jiceng/compliance"
	"github.com/jiceng/jiceng/healthedu"
)

// TestNorm judges 聊城's year so far with package compliance, as a
// platform would a week after the last month generated: most centres and
// stations meet the norm, and the few that do not fall short in the ways
// the generator means them to — a centre without a lecture in some month,
// a station whose board went stale, an institution with too few kinds of
// printed materials — and in no other way, but that a centre without a
// lecture in some month may have too few lectures in all.
func TestNorm(t *testing.T) {
	for _, seed := range []int64{1, 2} {
		opts := liaocheng
		opts.Seed = seed
		var acts []*healthedu.Activity
		for _, r := range generateAll(t, opts) {
			if a, ok := r.(*healthedu.Activity); ok {
				acts = append(acts, a)
			}
		}
		now := time.Date(2025, 11, 7, 12, 0, 0, 0, healthedu.ChinaStandardTime)
		results, err := compliance.Check(slices.Values(acts), compliance.Options{Year: healthedu.YearPeriod(2025), Now: now})
		if err != nil {
			t.Fatal(err)
		}
		classes := map[compliance.Class]int{}
		compliant := 0
		failing := map[string]map[compliance.Class]int{} // rule codes not met, by class
		for _, in := range results {
			classes[in.Class]++
			if in.Compliant() {
				compliant++
			}
			for _, is := range in.Issues {
				if is.Severity != healthedu.SeverityWarning {
					t.Errorf("seed %d: %s: %s %s", seed, in.Name, is.Code, is.Message(healthedu.English))
					continue
				}
				if failing[is.Code] == nil {
					failing[is.Code] = map[compliance.Class]int{}
				}
				failing[is.Code][in.Class]++
			}
		}
		t.Logf("seed %d: %d institutions %v, %d compliant; rules not met: %v", seed, len(results), classes, compliant, failing)
		if want := map[compliance.Class]int{compliance.ClassCentre: 136, compliance.ClassStation: 136}; !maps.Equal(classes, want) {
			t.Errorf("seed %d: institutions by class %v, want %v", seed, classes, want)
		}
		if share := float64(compliant) / float64(len(results)); share < 0.6 || share > 0.9 {
			t.Errorf("seed %d: %d of %d institutions compliant, want most but not all", seed, compliant, len(results))
		}
		// A centre that missed a month may have too few lectures too.
		codes := slices.Sorted(maps.Keys(failing))
		codes = slices.DeleteFunc(codes, func(c string) bool { return c == "compliance.lectures" })
		if diff := cmp.Diff([]string{"compliance.boardChangeGap", "compliance.lectureGap", "compliance.printedKinds"}, codes); diff != "" {
			t.Errorf("seed %d: rules not met (-want +got):\n%s", seed, diff)
		}
		if failing["compliance.lectureGap"][compliance.ClassStation] > 0 || failing["compliance.boardChangeGap"][compliance.ClassCentre] > 0 {
			t.Errorf("seed %d: a station missed a lecture or a centre's board went stale: %v", seed, failing)
		}
	}
}
