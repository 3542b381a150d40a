package booking_test

import (
	"bytes"
	"os"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/jiceng/jiceng/booking"
	"github.com/jiceng/jiceng/healthedu"
)

// decodeRequest decodes one lecture request through healthedu's decoder,
// as a platform receives it, and validates it with validator; nil when it
// is rejected.
func decodeRequest(b []byte) *booking.LectureRequest {
	d := healthedu.NewDecoder(bytes.NewReader(b), healthedu.DecodeOptions{Kinds: booking.Kinds()})
	if !d.Next() {
		return nil
	}
	r, ok := d.Decoded().Record.(*booking.LectureRequest)
	if !ok || d.Decoded().Issues != nil && hasError(d.Decoded().Issues) {
		return nil
	}
	if hasError(validator.Validate(r)) {
		return nil
	}
	return r
}

func hasError(issues []healthedu.Issue) bool {
	for _, is := range issues {
		if is.Severity == healthedu.SeverityError {
			return true
		}
	}
	return false
}

// FuzzApply decodes a request from JSON and applies to it a change to a
// status after some minutes: Apply never panics, refuses without changing
// the request or applies and leaves a valid request whose status is the
// last event's, and Figures never panics on it.
func FuzzApply(f *testing.F) {
	b, err := os.ReadFile("testdata/requests.ndjson")
	if err != nil {
		f.Fatal(err)
	}
	for _, l := range bytes.Split(bytes.TrimSpace(b), []byte("\n")) {
		for _, s := range []string{"scheduled", "held", "declined", "cancelled", "requested", ""} {
			f.Add(l, s, int64(60))
		}
	}
	f.Fuzz(func(t *testing.T, doc []byte, status string, minutes int64) {
		r := decodeRequest(doc)
		if r == nil {
			return
		}
		_ = booking.Figures([]*booking.LectureRequest{r}, booking.FigureOptions{Now: validator.Now})
		last := r.History[len(r.History)-1].At
		nov5, _ := healthedu.NewDate(2025, 11, 5)
		u := booking.Update{
			At: last.Add(time.Duration(minutes%(60*24*30)) * time.Minute), Status: booking.Status(status),
			Actor: r.History[0].Actor,
		}
		switch u.Status {
		case booking.StatusScheduled:
			u.Schedule = &booking.Schedule{Expert: "e1", Activity: "a1", Date: nov5}
		case booking.StatusHeld:
			u.Held = &booking.Held{Activity: "a1", Date: healthedu.DateOf(u.At)}
		case booking.StatusDeclined:
			u.Reason = "x"
		}
		before := r.Clone()
		if issues := r.Apply(validator, u); hasError(issues) {
			if !cmp.Equal(before, r, cmpOpts) {
				t.Fatalf("a refused update changed the request: %v", codesOf(issues))
			}
			return
		}
		if r.Status != u.Status || r.History[len(r.History)-1].Status != u.Status {
			t.Fatalf("status %s after applying %s", r.Status, u.Status)
		}
		if issues := validator.Validate(r); hasError(issues) {
			t.Fatalf("Apply accepted %s and left errors: %v", u.Status, codesOf(issues))
		}
	})
}
