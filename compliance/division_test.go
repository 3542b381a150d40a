package compliance

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/jiceng/jiceng/healthedu"
)

// TestInstitutionDivision checks where an institution's division comes
// from: the organizer's service area of its latest record that gives one,
// else the smallest division holding its activities' places, whatever
// the order of the records.
func TestInstitutionDivision(t *testing.T) {
	d := healthedu.MustParseDivisionCode
	type rec struct {
		start     string
		organizer string // the organizer's division, "" for none
		place     string // the activity's division, "" for none
	}
	tests := []struct {
		name     string
		expected string // the register's division (Expect), "" for no Expect
		recs     []rec
		want     healthedu.DivisionCode
	}{
		{"no division anywhere", "", []rec{{"2025-03-01", "", ""}}, healthedu.DivisionCode{}},
		{"the organizer's", "", []rec{{"2025-03-01", "371502001", "371502001003"}}, d("371502001")},
		{"the latest organizer's", "", []rec{
			{"2025-05-01", "371502002", ""}, {"2025-03-01", "371502001", ""}, {"2025-04-01", "", "371502003001"},
		}, d("371502002")},
		{"same start: the greater", "", []rec{{"2025-03-01", "371502002", ""}, {"2025-03-01", "371502001", ""}}, d("371502002")},
		{"one place", "", []rec{{"2025-03-01", "", "371502001003"}}, d("371502001003")},
		{"places of one township", "", []rec{
			{"2025-03-01", "", "371502001003"}, {"2025-04-01", "", "371502001005"}, {"2025-05-01", "", "371502001003"},
		}, d("371502001")},
		{"places of two counties", "", []rec{{"2025-03-01", "", "371502001003"}, {"2025-04-01", "", "371521100001"}}, d("3715")},
		{"places of two provinces", "", []rec{{"2025-03-01", "", "371502001003"}, {"2025-04-01", "", "520000000000"}}, healthedu.DivisionCode{}},
		{"the register's", "371502001", []rec{{"2025-03-01", "", "371502001003"}}, d("371502001")},
		{"a record's over the register's", "371502001", []rec{{"2025-03-01", "371502002", ""}}, d("371502002")},
	}
	for _, tt := range tests {
		for _, reverse := range []bool{false, true} {
			c, err := NewChecker(Options{Year: year2025})
			if err != nil {
				t.Fatal(err)
			}
			code := testCode(t, centreBody)
			if tt.expected != "" {
				c.Expect(healthedu.Organizer{CreditCode: code, Name: "古楼街道社区卫生服务中心", Type: "community-health-center", Division: d(tt.expected)})
			}
			recs := tt.recs
			for i := range recs {
				r := recs[i]
				if reverse {
					r = recs[len(recs)-1-i]
				}
				a := act{form: healthedu.FormLecture, start: r.start}.activity(t)
				if r.organizer != "" {
					a.Organizer.Division = d(r.organizer)
				}
				if r.place != "" {
					a.Division = d(r.place)
				}
				c.Add(a)
			}
			got := c.Results()
			if len(got) != 1 {
				t.Fatalf("%s: %d results", tt.name, len(got))
			}
			if diff := cmp.Diff(tt.want.String(), got[0].Division.String()); diff != "" {
				t.Errorf("%s (reverse %v): division (-want +got):\n%s", tt.name, reverse, diff)
			}
		}
	}
}
