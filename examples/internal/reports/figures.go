package reports

import (
	"time"

	"github.com/jiceng/jiceng/booking"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
	"github.com/jiceng/jiceng/roster"
)

// FigureKinds returns the kinds of record whose figures [FigureValues]
// derives besides those indicators.Store.AddRecords reads (花名册与点餐记录类型):
// the register's (roster.Kinds) and the lecture requests (booking.Kinds).
// Each call returns a new list.
func FigureKinds() healthedu.Kinds {
	return append(roster.Kinds(), booking.Kinds()...)
}

// MaxFigureMonths bounds the months [FigureValues] computes the register's
// figures for (花名册统计月数上限): the latest ten years up to the month of now.
const MaxFigureMonths = 120

// FigureOptions says how [FigureValues] reads the records (花名册与点餐统计选项).
type FigureOptions struct {
	// Now is the instant of the figures (统计时点): the register's figures
	// run to its month, the lecture requests' overdue ones are judged at
	// it (booking.FigureOptions.Now).
	Now time.Time
	// ResidentKey tells the residents of bindings apart, as
	// indicators.RecordOptions.ResidentKey does; nil for the pseudonym of
	// the binding's citizen ID (see roster.FigureOptions).
	ResidentKey func(*healthedu.Binding) healthedu.Pseudonym
}

// FigureValues returns the data values of the register of people and of
// the lecture requests among records (花名册与点餐数据值), for an
// indicators.Store on the default catalogue, as both "jiceng indicators"
// and the intake server derive them:
//
//   - the register's figures (roster.Register.DataValues) for each month
//     from the first to the last month of the records that have one, not
//     after the month of opts.Now, at most [MaxFigureMonths] of them (the
//     month of opts.Now alone when no record has one): the stocks of
//     instructors, experts and residents bound at the end of each month,
//     and the lectures experts gave in it; none when records hold no
//     instructor, expert or lecture team. The register's stocks stop with
//     the other records' months, so that an indicator of a stock of the
//     register over a stock of the monthly reports, such as instructors
//     per 10,000 residents, takes both from the same month;
//   - the figures of lecture requests (booking.Figures) as of opts.Now.
//
// Records of other kinds serve as the bindings and the activities the
// register counts. It fails only when the register does, which it does
// not on a month.
func FigureValues(records []healthedu.Record, opts FigureOptions) ([]indicators.DataValue, error) {
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
