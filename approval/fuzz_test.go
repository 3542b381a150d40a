package approval_test

import (
	"encoding/json"
	"testing"

	"github.com/jiceng/jiceng/approval"
	"github.com/jiceng/jiceng/healthedu"
)

// FuzzParse: ParseAction and ParseState accept exactly their listed
// values, which spell themselves, and refuse the rest with an
// *healthedu.EnumError.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"submit", "approve", "accept", "return", "submitted", "approved", "accepted", "returned", "", "unapprove", "Submit"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := approval.ParseAction(s)
		if (err == nil) != a.IsValid() || err == nil && string(a) != s {
			t.Fatalf("ParseAction(%q) = %q, %v", s, a, err)
		}
		if _, ok := err.(*healthedu.EnumError); err != nil && !ok {
			t.Fatalf("ParseAction(%q): %T", s, err)
		}
		st, err := approval.ParseState(s)
		if (err == nil) != st.IsValid() || err == nil && string(st) != s {
			t.Fatalf("ParseState(%q) = %q, %v", s, st, err)
		}
	})
}

// FuzzApply decodes a stored approval and a step from JSON: Check and
// Apply never panic and report registered codes only; a refused step
// changes nothing; an allowed one appends itself to the history, and the
// approval then still agrees with its history, digest included.
func FuzzApply(f *testing.F) {
	f.Add([]byte(`{"division":"371502001","period":"202510","dataSet":"monthlyReport","state":"submitted","history":[{"at":"2025-11-05T09:00:00+08:00","action":"submit","actor":{"division":"371502001","id":"gl-li"}}]}`),
		[]byte(`{"at":"2025-11-06T09:00:00+08:00","action":"approve","actor":{"division":"371502","id":"dcf-wang"},"digest":"sha256:1111111111111111111111111111111111111111111111111111111111111111"}`))
	f.Add([]byte(`{"division":"371502001","period":"202510","dataSet":"monthlyReport","history":[]}`),
		[]byte(`{"at":"2025-11-05T09:00:00+08:00","action":"submit","actor":{"division":"371502001","id":"gl-li"}}`))
	f.Fuzz(func(t *testing.T, stored, step []byte) {
		var a approval.Approval
		if json.Unmarshal(stored, &a) != nil {
			return
		}
		var e approval.Event
		if json.Unmarshal(step, &e) != nil {
			return
		}
		var p approval.Policy
		registered := func(issues []healthedu.Issue) {
			for _, is := range issues {
				if _, ok := healthedu.LookupCode(is.Code); !ok {
					t.Fatalf("unregistered code %s", is.Code)
				}
			}
		}
		checked := p.Check(&a)
		registered(checked)
		before, _ := json.Marshal(&a)
		issues := p.Apply(&a, e)
		registered(issues)
		after, _ := json.Marshal(&a)
		if len(issues) > 0 {
			if string(before) != string(after) {
				t.Fatalf("refused step changed %s into %s", before, after)
			}
			return
		}
		if len(checked) == 0 {
			if is := p.Check(&a); len(is) > 0 {
				t.Fatalf("after an allowed step: %v", is)
			}
		}
	})
}
