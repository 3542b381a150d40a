package indicators

import (
	"math/rand/v2"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/jiceng/jiceng/healthedu"
)

// feedPool returns records of every kind AddRecords reads, some of them
// unusable, some sharing a kind and id with different contents, so that
// a sequence drawn from them has resubmissions and replacements.
func feedPool(t *testing.T) []healthedu.Record {
	const t1, t2 = "371502001", "371502002"
	a, b := citizenID(t, "1980-01-01", 1), citizenID(t, "1985-12-31", 2)
	activity := func(id, division, start, form string, participants int64, topics ...healthedu.Topic) *healthedu.Activity {
		return &healthedu.Activity{
			Header: header(healthedu.KindActivity, id), Division: div(division), Form: healthedu.ActivityForm(form),
			Topics: topics, TargetGroups: []healthedu.TargetGroup{"elderly"},
			Start: at(start), End: at(start).Add(time.Hour), Participants: participants,
		}
	}
	binding := func(id, division string, who healthedu.CitizenID, bound, unbound string) *healthedu.Binding {
		bd := &healthedu.Binding{Header: header(healthedu.KindBinding, id), Division: div(division), BoundAt: at(bound)}
		bd.Resident.CitizenID = who
		if unbound != "" {
			u := at(unbound)
			bd.UnboundAt = &u
		}
		return bd
	}
	survey := func(id, division, day string, residence healthedu.Residence, score int) *healthedu.LiteracySurvey {
		return &healthedu.LiteracySurvey{Header: header(healthedu.KindLiteracySurvey, id), Division: div(division), SurveyedOn: mustDate(t, day),
			Respondent: healthedu.Respondent{Age: 40, Residence: residence}, Items: []healthedu.ItemScore{{Item: 1, Score: score, MaxScore: 10}}}
	}
	return []healthedu.Record{
		activity("a1", t1, "2025-10-08T09:00:00+08:00", "lecture", 120, "hypertension", "diabetes"),
		activity("a1", t2, "2025-09-08T09:00:00+08:00", "free-clinic", 7, "falls"),
		activity("a2", t1, "2025-09-30T17:00:00Z", "free-clinic", 80, "hypertension"),
		activity("a3", t2, "2025-11-02T09:00:00+08:00", "lecture", 60),
		&healthedu.Activity{Header: header(healthedu.KindActivity, "a3"), Division: div(t2), Form: "lecture", Participants: 3}, // no start
		nil,
		binding("b1", t1, a, "2025-01-10T10:00:00+08:00", ""),
		binding("b1", t1, a, "2025-01-10T10:00:00+08:00", "2025-04-01T10:00:00+08:00"),
		binding("b2", t1, b, "2025-02-03T10:00:00+08:00", "2025-03-15T10:00:00+08:00"),
		binding("b3", t2, a, "2025-02-20T10:00:00+08:00", ""),
		binding("b4", t2, healthedu.CitizenID{}, "2025-03-31T20:00:00+08:00", ""),
		&healthedu.Binding{Header: header(healthedu.KindBinding, "b4"), Division: div(t2)}, // no time
		survey("l1", t1, "2025-08-01", "urban", 8),
		survey("l1", t1, "2025-08-01", "rural", 7),
		survey("l2", t2, "2025-09-30", "", 10),
		&healthedu.LiteracySurvey{Header: header(healthedu.KindLiteracySurvey, "l3"), Division: div(t1)}, // no date
		&healthedu.HealthCell{Header: header(healthedu.KindHealthCell, "h1"), Type: "community", Level: "city", Year: 2024, Division: div(t1)},
		&healthedu.HealthCell{Header: header(healthedu.KindHealthCell, "h1"), Type: "canteen", Level: "county", Year: 2025, Division: div(t2)},
		&healthedu.HealthCell{Header: header(healthedu.KindHealthCell, "h2"), Type: "community", Level: "city", Division: div(t1)}, // no year
		monthlyReport(t, "m1", t1, "202510", "2025-11-03T09:00:00+08:00", "children-0-6", "6200", "children-0-6-managed", "6020", "children-0-6-management-rate", "97.10"),
		monthlyReport(t, "m1", t1, "202510", "2025-11-12T09:00:00+08:00", "children-0-6", "6210", "residents-bound", "40"),
		monthlyReport(t, "m2", t1, "202510", "2025-11-05T09:00:00+08:00", "children-0-6", "6300"),
		monthlyReport(t, "m3", t2, "202509", "2025-10-03T09:00:00+08:00", "lectures", "3", "consultations", "2"),
		monthlyReport(t, "m4", t2, "202510", "2025-11-03T09:00:00+08:00", "lectures", "3", "no-such-element", "1"),
		monthlyReport(t, "m5", t2, "2025Q4", "2026-01-03T09:00:00+08:00", "lectures", "3"),
		monthlyReport(t, "m6", t2, "202511", "2025-12-03T09:00:00+08:00", "lectures", "-3"),
	}
}

// TestRecordFeedReference feeds sequences of records, drawn with
// repetition from feedPool, one at a time and checks that the store holds
// what the former Store.AddRecords, which took them all at once, put in
// it: the same values and receipts, and the same error.
func TestRecordFeedReference(t *testing.T) {
	pool := feedPool(t)
	rng := rand.New(rand.NewPCG(17, 4))
	for n := range 300 {
		var records []healthedu.Record
		for range rng.IntN(3 * len(pool)) {
			records = append(records, pool[rng.IntN(len(pool))])
		}
		opts := RecordOptions{}
		if n%2 == 1 {
			opts.Now = at("2025-12-01T00:00:00+08:00")
			opts.ReceivedAt = func(r *healthedu.MonthlyReport) time.Time {
				if r.ID == "m2" {
					return at("2025-11-20T09:00:00+08:00")
				}
				return time.Time{}
			}
		}
		want, got := NewStore(DefaultCatalogue()), NewStore(DefaultCatalogue())
		wantErr := want.refAddRecords(records, opts)
		f := got.NewRecordFeed(opts)
		for _, r := range records {
			f.Add(r)
		}
		gotErr := f.Close()
		if diff := cmp.Diff(errText(wantErr), errText(gotErr)); diff != "" {
			t.Fatalf("sequence %d: error (-want +got):\n%s", n, diff)
		}
		if diff := cmp.Diff(storeLines(want), storeLines(got)); diff != "" {
			t.Fatalf("sequence %d: values (-want +got):\n%s", n, diff)
		}
		if diff := cmp.Diff(want.receipts, got.receipts); diff != "" {
			t.Fatalf("sequence %d: receipts (-want +got):\n%s", n, diff)
		}
		// Once closed, the feed takes nothing more.
		f.Add(pool[0])
		if err := f.Close(); err != nil || got.Len() != want.Len() {
			t.Fatalf("sequence %d: after Close: %v, %d values, want nil and %d", n, err, got.Len(), want.Len())
		}
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func storeLines(s *Store) []string {
	var out []string
	for v := range s.Values() {
		out = append(out, v.String())
	}
	return out
}

// TestRecordFeedManyRecords feeds thousands of records under 300 ids of each kind,
// most of them resubmitted, so that the feed's table grows and its log
// drops the replaced entries, and checks that the store holds what the
// former Store.AddRecords put in it.
func TestRecordFeedManyRecords(t *testing.T) {
	defer func(n int) { feedCompactMin = n }(feedCompactMin)
	feedCompactMin = 1 << 10
	pool := feedPool(t)
	rng := rand.New(rand.NewPCG(3, 9))
	var records []healthedu.Record
	for range 6000 {
		r := pool[rng.IntN(len(pool))]
		if r == nil {
			continue
		}
		// A copy of r under one of 2,000 ids of its kind.
		var c healthedu.Record
		switch r := r.(type) {
		case *healthedu.Activity:
			a := *r
			a.Participants += int64(rng.IntN(50))
			c = &a
		case *healthedu.Binding:
			b := *r
			c = &b
		case *healthedu.LiteracySurvey:
			l := *r
			c = &l
		case *healthedu.HealthCell:
			h := *r
			c = &h
		case *healthedu.MonthlyReport:
			m := *r
			c = &m
		}
		h := c.RecordHeader()
		h.ID = "id-" + strconv.Itoa(rng.IntN(300))
		records = append(records, c)
	}
	want, got := NewStore(DefaultCatalogue()), NewStore(DefaultCatalogue())
	opts := RecordOptions{Now: at("2025-12-01T00:00:00+08:00")}
	wantErr := want.refAddRecords(records, opts)
	f := got.NewRecordFeed(opts)
	for _, r := range records {
		f.Add(r)
	}
	if f.log.compacted == 0 || len(f.table) <= 1024 {
		t.Errorf("log compacted %d times, table of %d slots: want it compacted and grown", f.log.compacted, len(f.table))
	}
	gotErr := f.Close()
	if diff := cmp.Diff(errText(wantErr), errText(gotErr)); diff != "" {
		t.Fatalf("error (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(storeLines(want), storeLines(got)); diff != "" {
		t.Fatalf("values (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want.receipts, got.receipts); diff != "" {
		t.Fatalf("receipts (-want +got):\n%s", diff)
	}
}
