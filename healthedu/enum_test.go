package healthedu

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// enumTypes lists every enumeration of the wire format, for tests that
// must cover them all.
var enumTypes = []interface {
	Enum
}{
	OrganizerType(""), VenueType(""), ActivityForm(""), Topic(""), TargetGroup(""),
	SpeakerRole(""), InstructorRole(""), BindingVia(""), HealthCellType(""), NamingLevel(""), Residence(""), Sex(0),
}

func TestEnumLabelsComplete(t *testing.T) {
	for _, set := range []enumSet{organizerTypes, venueTypes, activityForms, topics, targetGroups,
		speakerRoles, instructorRoles, bindingVias, healthCellTypes, namingLevels, residences, sexes} {
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
			if !elementCodePattern.MatchString(value) {
				t.Errorf("%s %q: not a lower-case ASCII identifier", set.Name(), value)
			}
		}
	}
	if len(enumTypes) != 12 {
		t.Errorf("enumTypes has %d entries", len(enumTypes))
	}
}

func TestEnumUnmarshalAndLabel(t *testing.T) {
	var f ActivityForm
	if err := f.UnmarshalText([]byte("free-clinic")); err != nil || f != FormFreeClinic {
		t.Fatalf("UnmarshalText(free-clinic) = %q, %v", f, err)
	}
	got := []string{f.Label(ZhHans), f.Label(ZhHant), f.Label(English), f.Label(MatchLanguage("fr"))}
	if diff := cmp.Diff([]string{"义诊", "義診", "free clinic", "义诊"}, got); diff != "" {
		t.Errorf("labels (-want +got):\n%s", diff)
	}
	err := f.UnmarshalText([]byte("Lecture"))
	var ee *EnumError
	if !errors.As(err, &ee) || ee.Value != "Lecture" || ee.Type != "ActivityForm" || len(ee.Allowed) != 16 {
		t.Errorf("UnmarshalText(Lecture) error = %#v", err)
	}
	// The values returned are a copy: changing them changes nothing.
	vals := f.EnumValues()
	vals[0] = "x"
	if f.EnumValues()[0] != "lecture" {
		t.Error("EnumValues exposes the set")
	}
}
