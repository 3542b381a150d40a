package grid

import (
	"regexp"
	"testing"
)

// TestEnumLabelsComplete checks every enumeration of the package, as
// healthedu's test of the same name checks its own: each value a
// lower-case ASCII identifier, listed once, with a label in every language.
func TestEnumLabelsComplete(t *testing.T) {
	identifier := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	sets := []enumSet{roleEnum, partnerKindEnum, ageBandEnum, conditionEnum, stageEnum, recipientEnum,
		ruleKindEnum, alertSeverityEnum, actionEnum, diseaseEnum, readingKindEnum, notifyReasonEnum}
	for _, set := range sets {
		if len(set.Values()) == 0 {
			t.Errorf("%s has no values", set.Name())
		}
		seen := map[string]bool{}
		for _, l := range set.Entries() {
			value, zhHans, zhHant, en := l[0], l[1], l[2], l[3]
			if zhHans == "" || zhHant == "" || en == "" {
				t.Errorf("%s %q: a label is missing", set.Name(), value)
			}
			if seen[value] {
				t.Errorf("%s %q: listed twice", set.Name(), value)
			}
			seen[value] = true
			if !identifier.MatchString(value) {
				t.Errorf("%s %q: not a lower-case ASCII identifier", set.Name(), value)
			}
		}
	}
}
