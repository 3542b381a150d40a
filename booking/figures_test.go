package booking_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/jiceng/jiceng/booking"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
)

// figureFixture returns the requests of the figures' tests:
//
//   - A, 古楼: made 30 Oct, scheduled 31 Oct, held 5 Nov (6 days), after an
//     earlier submission of itself still requested, which it replaces;
//   - B, 古楼: made 1 Nov 01:30 in Beijing (31 Oct in UTC), declined 20 Nov;
//   - C, 古楼: made 5 Oct, scheduled and never held: open 26 days at the
//     end of October, overdue at the end of November and on 10 December;
//   - D, 柳园: made 2 Nov, cancelled by its requester on 3 Nov.
func figureFixture() []*booking.LectureRequest {
	ev := func(t time.Time, s booking.Status, a booking.Actor) booking.Event {
		return booking.Event{At: t, Status: s, Actor: a}
	}
	req := func(id string, d healthedu.DivisionCode, t time.Time, topics ...healthedu.Topic) *booking.LectureRequest {
		a := requester
		a.Division = d
		return &booking.LectureRequest{
			Header:      healthedu.Header{SchemaVersion: "1", Kind: booking.KindLectureRequest, ID: id},
			Division:    d,
			Requester:   booking.Requester{Type: booking.RequesterCommunity, Name: "社区居委会"},
			Topics:      topics,
			RequestedAt: t,
			Status:      booking.StatusRequested,
			History:     []booking.Event{ev(t, booking.StatusRequested, a)},
		}
	}
	early := req("A", township, at(2025, 10, 30, 9, 15), "hypertension", "falls")
	a := early.Clone()
	a.History = append(a.History, ev(at(2025, 10, 31, 10, 0), booking.StatusScheduled, staff), ev(at(2025, 11, 5, 18, 0), booking.StatusHeld, staff))
	a.Status, a.Schedule, a.Held = booking.StatusHeld, plan, held

	b := req("B", township, time.Date(2025, 10, 31, 17, 30, 0, 0, time.UTC), "first-aid")
	b.History = append(b.History, ev(at(2025, 11, 20, 9, 0), booking.StatusDeclined, countyHC))
	b.Status, b.DeclineReason = booking.StatusDeclined, "暂无可派专家"

	c := req("C", township, at(2025, 10, 5, 10, 0), "nutrition")
	c.History = append(c.History, ev(at(2025, 10, 8, 10, 0), booking.StatusScheduled, staff))
	c.Status, c.Schedule = booking.StatusScheduled, &booking.Schedule{Expert: "e7", Activity: "a7", Date: date(2025, 10, 20)}

	d := req("D", sibling, at(2025, 11, 2, 8, 0), "hypertension")
	d.History = append(d.History, ev(at(2025, 11, 3, 8, 0), booking.StatusCancelled, booking.Actor{Division: sibling, ID: "ly-req"}))
	d.Status = booking.StatusCancelled

	return []*booking.LectureRequest{early, b, nil, c, a, d}
}

// values returns the data values of one division and month: requests,
// fulfilled, declined, cancelled, overdue, days, and the categories of
// requests by topic after the total.
func values(d healthedu.DivisionCode, month string, n [6]int64, topics ...string) []indicators.DataValue {
	p := healthedu.MustParsePeriod(month)
	elements := []string{booking.ElementRequests, booking.ElementFulfilled, booking.ElementDeclined,
		booking.ElementCancelled, booking.ElementOverdue, booking.ElementDays}
	var out []indicators.DataValue
	for i, e := range elements {
		out = append(out, indicators.DataValue{Element: e, Division: d, Period: p, Value: n[i]})
		if i == 0 {
			for _, t := range topics {
				out = append(out, indicators.DataValue{Element: e, Category: "topic=" + t, Division: d, Period: p, Value: 1})
			}
		}
	}
	return out
}

func TestFigures(t *testing.T) {
	var want []indicators.DataValue
	for _, part := range [][]indicators.DataValue{
		values(township, "202510", [6]int64{2, 0, 0, 0, 0, 0}, "hypertension", "falls", "nutrition"),
		values(township, "202511", [6]int64{1, 1, 1, 0, 1, 6}, "first-aid"),
		values(township, "202512", [6]int64{0, 0, 0, 0, 1, 0}),
		values(sibling, "202511", [6]int64{1, 0, 0, 1, 0, 0}, "hypertension"),
		values(sibling, "202512", [6]int64{}),
	} {
		want = append(want, part...)
	}
	got := booking.Figures(figureFixture(), booking.FigureOptions{Now: at(2025, 12, 10, 12, 0)})
	if diff := cmp.Diff(want, got, cmpOpts); diff != "" {
		t.Errorf("Figures (-want +got):\n%s", diff)
	}
}

// TestAllFigures checks that AllFigures yields the values of Figures, in
// order, and stops after any of them when yield returns false.
func TestAllFigures(t *testing.T) {
	opts := booking.FigureOptions{Now: at(2025, 12, 10, 12, 0)}
	want := booking.Figures(figureFixture(), opts)
	if len(want) < 20 {
		t.Fatalf("%d values, want 20 or more to compare", len(want))
	}
	var got []indicators.DataValue
	for v := range booking.AllFigures(figureFixture(), opts) {
		got = append(got, v)
	}
	if diff := cmp.Diff(want, got, cmpOpts); diff != "" {
		t.Errorf("AllFigures (-want +got):\n%s", diff)
	}
	for _, stop := range []int{1, 7, len(want)} {
		got = got[:0]
		for v := range booking.AllFigures(figureFixture(), opts) {
			got = append(got, v)
			if len(got) == stop {
				break
			}
		}
		if diff := cmp.Diff(want[:stop], got, cmpOpts); diff != "" {
			t.Errorf("AllFigures stopped after %d (-want +got):\n%s", stop, diff)
		}
	}
}

// TestFiguresOverdueDays: with 60 overdue days, C (made 5 Oct) is overdue
// only on 10 December (66 days), not at the end of November (56 days);
// without Now the figures end in November, the latest month of a day.
func TestFiguresOverdueDays(t *testing.T) {
	tests := []struct {
		name string
		opts booking.FigureOptions
		want map[string]int64 // overdue of 古楼 by month
	}{
		{"60 days", booking.FigureOptions{Now: at(2025, 12, 10, 12, 0), OverdueDays: 60},
			map[string]int64{"202510": 0, "202511": 0, "202512": 1}},
		{"on 4 December", booking.FigureOptions{Now: at(2025, 12, 4, 12, 0), OverdueDays: 60},
			map[string]int64{"202510": 0, "202511": 0, "202512": 0}},
		{"no now", booking.FigureOptions{},
			map[string]int64{"202510": 0, "202511": 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := make(map[string]int64)
			for _, v := range booking.Figures(figureFixture(), tt.opts) {
				if v.Element == booking.ElementOverdue && v.Division == township {
					got[v.Period.String()] = v.Value
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("overdue (-want +got):\n%s", diff)
			}
		})
	}
}

// TestFiguresIndicators computes the indicators of lecture requests of the
// default catalogue from the figures, for the county and the fourth
// quarter: 4 requests; 1 fulfilled ÷ (1 fulfilled + 1 declined + 1
// overdue at the quarter's end) = 33.33%; 6 days ÷ 1 = 6.0 days.
func TestFiguresIndicators(t *testing.T) {
	cat := indicators.DefaultCatalogue()
	store := indicators.NewStore(cat)
	for _, v := range booking.Figures(figureFixture(), booking.FigureOptions{Now: at(2025, 12, 10, 12, 0)}) {
		if err := store.Add(v); err != nil {
			t.Fatal(err)
		}
	}
	var inds []*indicators.Indicator
	for _, code := range []string{booking.IndicatorRequests, booking.IndicatorFulfilmentRate, booking.IndicatorDaysToFulfil} {
		ind, ok := cat.Indicator(code)
		if !ok {
			t.Fatalf("indicator %s is not in the default catalogue", code)
		}
		inds = append(inds, ind)
	}
	rs, err := store.Compute(indicators.Query{Indicators: inds, Divisions: []healthedu.DivisionCode{county},
		Period: healthedu.MustParsePeriod("2025Q4")})
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		Code       string
		Num, Denom int64
		Text       string
	}
	var got []row
	for _, r := range rs {
		got = append(got, row{r.Indicator.Code(), r.Numerator, r.Denominator, r.Text()})
	}
	want := []row{
		{booking.IndicatorRequests, 4, 1, "4"},
		{booking.IndicatorFulfilmentRate, 1, 3, "33.33"},
		{booking.IndicatorDaysToFulfil, 6, 1, "6.0"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("indicators (-want +got):\n%s", diff)
	}
}

// TestFiguresSkips: nothing usable gives no values.
func TestFiguresSkips(t *testing.T) {
	r := request()
	r.Division = healthedu.DivisionCode{}
	if got := booking.Figures([]*booking.LectureRequest{nil, r, {}}, booking.FigureOptions{}); got != nil {
		t.Errorf("Figures = %v; want nil", got)
	}
}
