package reports

import (
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/jiceng/jiceng/booking"
	"github.com/jiceng/jiceng/examples/internal/synth"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
	"github.com/jiceng/jiceng/roster"
)

// figureRecords returns the records synth generates for 东昌府区 over the
// twelve months to October 2025, followed by later versions of some of
// them: an instructor moved to another village, an expert moved to the
// city, bindings undone, a lecture turned into a free clinic, a lecture
// request withdrawn.
func figureRecords(t *testing.T) []healthedu.Record {
	t.Helper()
	var records []healthedu.Record
	err := synth.Generate(synth.Options{Under: healthedu.MustParseDivisionCode("371502")}, func(r healthedu.Record) error {
		records = append(records, r)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var later []healthedu.Record
	kinds := map[healthedu.Kind]int{}
	unbound := time.Date(2025, 6, 1, 0, 0, 0, 0, healthedu.ChinaStandardTime)
	for _, r := range records {
		n := kinds[r.RecordHeader().Kind]
		kinds[r.RecordHeader().Kind]++
		if n%7 != 3 {
			continue
		}
		switch r := r.(type) {
		case *roster.Instructor:
			c := *r
			c.Division = healthedu.MustParseDivisionCode("371502001001")
			later = append(later, &c)
		case *roster.Expert:
			c := *r
			c.Division = healthedu.MustParseDivisionCode("3715")
			later = append(later, &c)
		case *healthedu.Binding:
			c := *r
			c.UnboundAt = &unbound
			later = append(later, &c)
		case *healthedu.Activity:
			if r.Form == healthedu.FormLecture {
				c := *r
				c.Form = "free-clinic"
				later = append(later, &c)
			}
		case *booking.LectureRequest:
			later = append(later, r) // the same again
		}
	}
	for _, k := range []healthedu.Kind{roster.KindInstructor, roster.KindExpert, healthedu.KindBinding, healthedu.KindActivity} {
		if kinds[k] < 7 {
			t.Fatalf("%d records of kind %s, want 7 or more", kinds[k], k)
		}
	}
	return append(records, later...)
}

// TestFigureFeedReference checks that the figures of records fed one at
// a time to a FigureFeed, whether collected (Values) or not (Each, and
// Drain, which empties the feed), are those FigureValues gave before it
// fed them so: the same values, in another order.
func TestFigureFeedReference(t *testing.T) {
	records := figureRecords(t)
	now := time.Date(2025, 12, 1, 0, 0, 0, 0, healthedu.ChinaStandardTime)
	tests := []struct {
		name string
		opts FigureOptions
	}{
		{"pseudonyms of the citizen ID", FigureOptions{Now: now}},
		{"resident keys", FigureOptions{Now: now, ResidentKey: func(b *healthedu.Binding) healthedu.Pseudonym {
			var p healthedu.Pseudonym
			if b.Resident.CitizenID.IsValid() && b.Resident.CitizenID.String()[17]%2 == 0 {
				p[0], p[1] = b.Resident.CitizenID.String()[16], 1 // few residents: many share a key
			}
			return p
		}}},
		{"now before the records end", FigureOptions{Now: time.Date(2025, 3, 1, 0, 0, 0, 0, healthedu.ChinaStandardTime)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want, err := figureValuesReference(records, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			f := NewFigureFeed(tt.opts)
			for _, r := range records {
				f.Add(r)
			}
			got, err := f.Values()
			if err != nil {
				t.Fatal(err)
			}
			var each []indicators.DataValue
			if err := f.Each(func(v indicators.DataValue) { each = append(each, v) }); err != nil {
				t.Fatal(err)
			}
			if len(want) < 1000 {
				t.Fatalf("%d values, want more to compare", len(want))
			}
			if diff := cmp.Diff(valueLines(want), valueLines(got)); diff != "" {
				t.Errorf("Values (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(valueLines(want), valueLines(each)); diff != "" {
				t.Errorf("Each (-want +got):\n%s", diff)
			}
			all, err := FigureValues(records, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(valueLines(want), valueLines(all)); diff != "" {
				t.Errorf("FigureValues (-want +got):\n%s", diff)
			}
			var drained []indicators.DataValue
			if err := f.Drain(func(v indicators.DataValue) { drained = append(drained, v) }); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(valueLines(want), valueLines(drained)); diff != "" {
				t.Errorf("Drain (-want +got):\n%s", diff)
			}
			if left, err := f.Values(); err != nil || len(left) != 0 {
				t.Errorf("after Drain: %d values, %v; want none", len(left), err)
			}
			// The feed starts anew: fed again, it gives the same values.
			for _, r := range records {
				f.Add(r)
			}
			again, err := f.Values()
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(valueLines(want), valueLines(again)); diff != "" {
				t.Errorf("fed again after Drain (-want +got):\n%s", diff)
			}
		})
	}
}

// valueLines returns the values as text, sorted.
func valueLines(values []indicators.DataValue) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = v.String()
	}
	slices.Sort(out)
	return out
}

// figureValuesReference is FigureValues as it was before FigureFeed,
// with all the records at hand.
func figureValuesReference(records []healthedu.Record, opts FigureOptions) ([]indicators.DataValue, error) {
	var requests []*booking.LectureRequest
	var people bool
	var first, latest healthedu.Period
	for _, r := range records {
		switch r := r.(type) {
		case *booking.LectureRequest:
			requests = append(requests, r)
			continue
		case *roster.Instructor, *roster.Expert, *roster.LectureTeam:
			people = true
			continue
		}
		p, _ := r.RecordPeriod()
		if !p.IsValid() {
			continue
		}
		m := healthedu.PeriodOf(healthedu.PeriodMonth, p.Start())
		if !first.IsValid() || m.Compare(first) < 0 {
			first = m
		}
		if !latest.IsValid() || m.Compare(latest) > 0 {
			latest = m
		}
	}
	var values []indicators.DataValue
	if people {
		last := healthedu.PeriodOf(healthedu.PeriodMonth, opts.Now)
		if latest.IsValid() && latest.Compare(last) < 0 {
			last = latest
		}
		if !first.IsValid() || first.Compare(last) > 0 {
			first = last
		}
		if earliest := last.Add(1 - MaxFigureMonths); first.Compare(earliest) < 0 {
			first = earliest
		}
		reg := roster.NewRegister(records)
		for m := first; m.Compare(last) <= 0; m = m.Next() {
			vs, err := reg.DataValues(records, roster.FigureOptions{Period: m, ResidentKey: opts.ResidentKey})
			if err != nil {
				return nil, err
			}
			values = append(values, vs...)
		}
	}
	if len(requests) > 0 {
		values = append(values, booking.Figures(requests, booking.FigureOptions{Now: opts.Now})...)
	}
	return values, nil
}
