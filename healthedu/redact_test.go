package healthedu

import "testing"

func TestRedactCitizenIDs(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"no numbers here", "no numbers here"},
		{"11010519491231002X", "1101**********002X"},
		{"id=11010519491231002x;", "id=1101**********002X;"},
		{"old 110105491231002 form", "old 1101**********002X form"},
		{"two: 11010519491231002X, 11010519491231002X", "two: 1101**********002X, 1101**********002X"},
		{"wrong check 110105194912310021 stays", "wrong check 110105194912310021 stays"},
		{"part of a longer run 911010519491231002X", "part of a longer run 911010519491231002X"},
		{"371502001000", "371502001000"},
		{"活动对象11010519491231002X。", "活动对象1101**********002X。"},
	}
	for _, tt := range tests {
		if got := RedactCitizenIDs(tt.in); got != tt.want {
			t.Errorf("RedactCitizenIDs(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if n := testing.AllocsPerRun(100, func() { RedactCitizenIDs("record-371502001-2025-0042") }); n != 0 {
		t.Errorf("RedactCitizenIDs allocates %v times on text without an ID", n)
	}
}

func FuzzRedactCitizenIDs(f *testing.F) {
	f.Add("11010519491231002X")
	f.Add("a110105491231002b")
	f.Fuzz(func(t *testing.T, s string) {
		got := RedactCitizenIDs(s)
		if RedactCitizenIDs(got) != got {
			t.Fatalf("not idempotent: %q → %q", s, got)
		}
	})
}

// TestIssueFromErrorRedacts checks that a citizen ID typed where another
// code belongs does not reach the issue's params in clear.
func TestIssueFromErrorRedacts(t *testing.T) {
	_, err := ParseDivisionCode("11010519491231002X")
	if err == nil {
		t.Fatal("ParseDivisionCode accepted a citizen ID")
	}
	is := IssueFromError(err, "/division")
	if got := is.Params["value"]; got != "1101**********002X" {
		t.Errorf("value param = %q, want the masked number", got)
	}
}
