package compliance

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/jiceng/jiceng/healthedu"
)

// TestDefaultNorms fixes the figures of DOMAIN.md's table.
func TestDefaultNorms(t *testing.T) {
	n := DefaultNorms()
	type row struct {
		Value       int
		Unit        Unit
		Unconfirmed bool
	}
	got := map[Class]map[Rule]row{}
	for _, c := range []Class{ClassCentre, ClassStation} {
		got[c] = map[Rule]row{}
		for _, r := range Rules() {
			if nm, ok := n.Lookup(c, r); ok {
				got[c][r] = row{nm.Value, nm.Unit, nm.Unconfirmed}
			}
		}
	}
	common := func(boards, lectures, every, consult int) map[Rule]row {
		return map[Rule]row{
			RulePrintedKinds:     {12, UnitKind, false},
			RuleAudioVisualKinds: {6, UnitKind, false},
			RuleBoards:           {boards, UnitBoard, false},
			RuleBoardArea:        {200, UnitDm2, false},
			RuleBoardChangeGap:   {2, UnitMonth, false},
			RuleLectures:         {lectures, UnitLecture, false},
			RuleLectureGap:       {every, UnitMonth, false},
			RuleConsultations:    {consult, UnitEvent, true},
		}
	}
	want := map[Class]map[Rule]row{
		ClassCentre:  common(2, 12, 1, 9),
		ClassStation: common(1, 6, 2, 0),
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if s := n.Source(); s.Title != "国家基本公共卫生服务规范（第三版）" || s.Year != 2017 {
		t.Errorf("source %+v", s)
	}
	for typ, want := range map[healthedu.OrganizerType]Class{
		"township-health-center": ClassCentre, "community-health-center": ClassCentre,
		"village-clinic": ClassStation, "community-health-station": ClassStation,
	} {
		if c, ok := n.ClassOf(typ); !ok || c != want {
			t.Errorf("ClassOf(%s) = %v, %v", typ, c, ok)
		}
	}
	for _, typ := range []healthedu.OrganizerType{"cdc", "hospital", "school", "other", ""} {
		if c, ok := n.ClassOf(typ); ok {
			t.Errorf("ClassOf(%s) = %v", typ, c)
		}
	}
	// File is a copy.
	f := n.File()
	f.Norms[0].Value = 99
	f.Classes[0].OrganizerTypes[0] = "x"
	if nm, _ := n.Lookup(ClassCentre, RulePrintedKinds); nm.Value != 12 || n.File().Classes[0].OrganizerTypes[0] == "x" {
		t.Error("File shares the table")
	}
}

// TestLoadNorms: the faults of a table, each an issue with a path.
func TestLoadNorms(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string // code path, or an error's text for a file that does not read
	}{
		{
			name: "valid",
			in:   `{"source":{"title":"某省细则"},"classes":[{"class":"centre","organizerTypes":["township-health-center"]}],"norms":[{"class":"centre","rule":"lectures","value":24,"unit":"lecture"}]}`,
		},
		{
			name: "faults",
			in: `{"source":{"title":" "},
				"classes":[{"class":"hospital","organizerTypes":["hospital"]},{"class":"centre","organizerTypes":["township-health-center","township-health-center"]},{"class":"station","organizerTypes":["township-health-center"]}],
				"norms":[
					{"class":"centre","rule":"lectures","value":12,"unit":"lecture"},
					{"class":"centre","rule":"lectures","value":10,"unit":"lecture"},
					{"class":"centre","rule":"talks","value":1,"unit":"lecture"},
					{"class":"centre","rule":"lectureGap","value":5,"unit":"month"},
					{"class":"centre","rule":"boardChangeGap","value":0,"unit":"month"},
					{"class":"centre","rule":"printedKinds","value":-1,"unit":"kind"},
					{"class":"centre","rule":"boards","value":2,"unit":"kind"},
					{"class":"village","rule":"boards","value":1,"unit":"board"}
				]}`,
			want: []string{
				"compliance.normsSource /source/title",
				"compliance.normsClass /classes/0/class",
				"compliance.normsOrganizerType /classes/1/organizerTypes/1",
				"compliance.normsOrganizerType /classes/2/organizerTypes/0",
				"compliance.normsDuplicate /norms/1",
				"compliance.normsRule /norms/2/rule",
				"compliance.normsValue /norms/3/value",
				"compliance.normsValue /norms/4/value",
				"compliance.normsValue /norms/5/value",
				"compliance.normsUnit /norms/6/unit",
				"compliance.normsClass /norms/7/class",
			},
		},
		{name: "unknown field", in: `{"source":{"title":"x"},"rules":[]}`, want: []string{`compliance: norms: json: unknown field "rules"`}},
		{name: "trailing data", in: `{"source":{"title":"x"}} {}`, want: []string{"compliance: norms: data after the top-level object"}},
		{name: "wrong type", in: `{"source":{"title":"x"},"norms":[{"value":"12"}]}`, want: []string{"compliance: norms: json: cannot unmarshal string into Go struct field Norm.norms.value of type int"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadNorms(strings.NewReader(tt.in))
			var got []string
			var ie *healthedu.IssuesError
			switch {
			case errors.As(err, &ie):
				for _, is := range ie.Issues {
					got = append(got, is.Code+" "+is.Path)
					if m := is.Message(healthedu.ZhHans); strings.Contains(m, "{") {
						t.Errorf("message %q", m)
					}
				}
			case err != nil:
				got = []string{err.Error()}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestNewNormsOrganizerType: a value that is not an organizer type, which
// LoadNorms's decoding refuses, is a fault of NewNorms too.
func TestNewNormsOrganizerType(t *testing.T) {
	f := DefaultNorms().File()
	f.Classes[1].OrganizerTypes = append(f.Classes[1].OrganizerTypes, "clinic")
	_, err := NewNorms(f)
	var ie *healthedu.IssuesError
	if !errors.As(err, &ie) || len(ie.Issues) != 1 || ie.Issues[0].Code != "compliance.normsOrganizerType" || ie.Issues[0].Path != "/classes/1/organizerTypes/2" {
		t.Errorf("NewNorms: %v", err)
	}
}

// TestNormsFileRoundTrip: the embedded file is what File returns.
func TestNormsFileRoundTrip(t *testing.T) {
	data, err := os.ReadFile("norms.json")
	if err != nil {
		t.Fatal(err)
	}
	n, err := LoadNorms(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(DefaultNorms().File(), n.File()); diff != "" {
		t.Errorf("(-default +file):\n%s", diff)
	}
	if _, err := NewNorms(n.File()); err != nil {
		t.Error(err)
	}
}

// FuzzLoadNorms: a norms table never panics the loader, and a table it
// accepts makes a Checker that judges without panicking.
func FuzzLoadNorms(f *testing.F) {
	// The seeds are the embedded table and testdata/fuzz/FuzzLoadNorms.
	b, err := os.ReadFile("norms.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Fuzz(func(t *testing.T, data []byte) {
		n, err := LoadNorms(bytes.NewReader(data))
		if err != nil {
			return
		}
		c, err := NewChecker(Options{Year: year2025, Norms: n})
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range compliantCentre() {
			c.Add(a.activity(t))
		}
		c.Results()
	})
}
