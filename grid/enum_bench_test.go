package grid_test

import (
	"testing"

	"golang.org/x/text/language"

	"github.com/jiceng/jiceng/grid"
	"github.com/jiceng/jiceng/healthedu"
)

// BenchmarkEnumUnmarshalText parses the last value of the longest
// enumeration, the one a linear search reaches last.
func BenchmarkEnumUnmarshalText(b *testing.B) {
	text := []byte("other")
	b.ReportAllocs()
	for b.Loop() {
		var c grid.Condition
		if err := c.UnmarshalText(text); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEnumLabel labels a value in each supported language and in
// zh-TW, which the matcher has to place.
func BenchmarkEnumLabel(b *testing.B) {
	langs := []language.Tag{healthedu.ZhHans, healthedu.ZhHant, healthedu.English, language.MustParse("zh-TW")}
	b.ReportAllocs()
	for b.Loop() {
		for _, l := range langs {
			if grid.RoleFamilyDoctor.Label(l) == "" {
				b.Fatal("no label")
			}
		}
	}
}
