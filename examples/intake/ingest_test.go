package main

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/jiceng/jiceng/healthedu"
)

// redactBodyCases are bodies with and without a citizen ID number, in the
// forms healthedu.RedactCitizenIDs finds, and near misses.
func redactBodyCases() []string {
	id := citizenID("37159919800101007")
	return []string{
		`{"kind":"activity","id":"A-1","division":"371502001000","start":"2025-10-01T09:00:00+08:00"}`,
		`{"title":"` + id + `"}`,
		`{"title":"身份证` + id[:6] + ` ` + id[6:14] + ` ` + id[14:] + `号"}`,
		`{"title":"` + id[:4] + `-` + id[4:8] + `-` + id[8:12] + `-` + id[12:16] + `-` + id[16:] + `"}`,
		`{"title":"３７１５９９１９８００１０１００７` + id[17:] + `"}`,
		`{"title":"` + id[:6] + "\u3000" + id[6:] + `"}`,
		`{"title":"371599800101007"}`,                      // legacy
		`{"title":"12345678901234"}`,                       // 14 digits
		`{"title":"1234567890 1234 5"}`,                    // 15 digits with separators, no ID
		`{"title":"3715**********007X"}`,                   // masked already
		`{"participants":371599198001010076}`,              // a number, not a string
		`{"a":"37159919800101","b":"0076"}`,                // split by JSON
		"{\"title\":\"\xff" + id + "\xfe\"}",               // invalid UTF-8 around
		`{"creditCode":"12371502MB2854374B","n":"xxxxxx"}`, // X and letters
	}
}

// TestRedactBody: redactBody masks as healthedu.RedactCitizenIDs does, and
// returns the body itself when there is nothing to mask.
func TestRedactBody(t *testing.T) {
	for _, body := range redactBodyCases() {
		want := healthedu.RedactCitizenIDs(body)
		got := redactBody([]byte(body))
		if diff := cmp.Diff(want, string(got)); diff != "" {
			t.Errorf("redactBody(%q) (-RedactCitizenIDs +got):\n%s", body, diff)
		}
		if want != body && !mayHoldCitizenID([]byte(body)) {
			t.Errorf("mayHoldCitizenID(%q) = false, but RedactCitizenIDs masks it", body)
		}
	}
	if mayHoldCitizenID([]byte(redactBodyCases()[0])) {
		t.Errorf("mayHoldCitizenID of a body of codes and times = true, want false: the filter lets every body through")
	}
}

// FuzzRedactBody: redactBody is healthedu.RedactCitizenIDs, whatever the
// body.
func FuzzRedactBody(f *testing.F) {
	for _, body := range redactBodyCases() {
		f.Add([]byte(body))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		want := healthedu.RedactCitizenIDs(string(body))
		if got := redactBody(body); string(got) != want {
			t.Errorf("redactBody(%q) = %q, RedactCitizenIDs %q", body, got, want)
		}
	})
}
