package booking

import (
	"cmp"
	"iter"
	"slices"
	"time"

	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
)

// The data elements that [Figures] derives from lecture requests
// (点餐数据元). They are in jiceng's default element catalogue
// (healthedu.DefaultElements), so that the default indicator catalogue's
// indicators of lecture requests can be computed from them.
const (
	// ElementRequests counts the requests made (点餐宣讲申请数), in the
	// month of their requestedAt; by topic too (category topic=…), a
	// request of two topics counting once under each.
	ElementRequests = "lecture-requests"
	// ElementFulfilled counts the requests fulfilled (点餐宣讲已举办数): the
	// lectures held, in the month of the day held.
	ElementFulfilled = "lecture-requests-fulfilled"
	// ElementDeclined counts the requests declined (点餐宣讲不予安排数), in
	// the month they were declined.
	ElementDeclined = "lecture-requests-declined"
	// ElementCancelled counts the requests their requesters withdrew
	// (点餐宣讲撤销数), in the month withdrawn.
	ElementCancelled = "lecture-requests-cancelled"
	// ElementOverdue counts the requests still open at the end of the
	// month that were made more than the overdue days before it
	// (超期未办结点餐申请数): a stock, whose value for a year or a quarter is
	// that of its last month.
	ElementOverdue = "lecture-requests-overdue"
	// ElementDays sums, over the requests fulfilled in the month, the
	// days from the day of the request to the day held (点餐宣讲兑现天数合计),
	// so that the mean days to fulfil is ElementDays ÷ ElementFulfilled,
	// exact at every level and for every period.
	ElementDays = "lecture-request-days"
)

// The indicators of lecture requests (点餐宣讲指标) in the default indicator
// catalogue (indicators.DefaultCatalogue).
const (
	// IndicatorRequests is the number of requests made (点餐宣讲申请数).
	IndicatorRequests = "lecture-requests"
	// IndicatorFulfilmentRate is the share of the requests settled or
	// overdue that were fulfilled (点餐宣讲兑现率), in percent:
	// fulfilled ÷ (fulfilled + declined + overdue). Requests the
	// requester withdrew are left out, and so are requests still open
	// within the overdue days, which are neither a success nor a failure
	// yet.
	IndicatorFulfilmentRate = "lecture-request-fulfilment-rate"
	// IndicatorDaysToFulfil is the mean days from request to lecture
	// (点餐宣讲平均兑现天数) of the requests fulfilled: Σdays ÷ fulfilled.
	IndicatorDaysToFulfil = "lecture-request-days-to-fulfil"
)

// DefaultOverdueDays is the number of days after which a request still
// open counts as overdue (超期天数) when FigureOptions.OverdueDays is 0:
// 30 (*unconfirmed*: no norm sets it; 聊城's platform answers bookings
// "within the month").
const DefaultOverdueDays = 30

// FigureOptions says how [Figures] reads what requests alone do not say.
type FigureOptions struct {
	// Now is the instant of the figures (统计时点): the stock of overdue
	// requests of the month of Now is judged at the day of Now, and every
	// division's figures run up to the month of Now, zeros included. When
	// zero, they run to the latest month of the requests' days.
	Now time.Time
	// OverdueDays is the number of days after the day of a request after
	// which it counts as overdue while still open (超期天数): with 30, a
	// request of 1 October is overdue from 1 November. 0 means
	// DefaultOverdueDays.
	OverdueDays int
}

// bookingElements are the elements of Figures, in the order of its output.
var bookingElements = [...]string{ElementRequests, ElementFulfilled, ElementDeclined, ElementCancelled, ElementOverdue, ElementDays}

const (
	colRequests = iota
	colFulfilled
	colDeclined
	colCancelled
	colOverdue
	colDays
)

// figureKey is a division and a month.
type figureKey struct {
	division healthedu.DivisionCode
	month    healthedu.Period
}

// figureRow holds the values of one division and month.
type figureRow struct {
	values [len(bookingElements)]int64
	topics map[healthedu.Topic]int64
}

// Figures returns the figures of lecture requests (点餐宣讲数据值) per
// division, where the lectures are wanted, and month, in China Standard
// Time, as [indicators.DataValue]s for the elements of this package:
//
//   - the requests made, in the month of requestedAt (ElementRequests),
//     and by topic (category topic=…, non-zero values only);
//   - the requests fulfilled, in the month of the day held
//     (ElementFulfilled), and the days from the day of the request to that
//     day, summed (ElementDays): a request made on 30 October and held on
//     5 November counts in November, with 6 days;
//   - the requests declined and cancelled, in the month of the change
//     (ElementDeclined, ElementCancelled);
//   - the requests open at the end of the month (at the day of
//     opts.Now in its month), made more than opts.OverdueDays days
//     before (ElementOverdue). A request is open from the day of the
//     request until the day held, declined or cancelled.
//
// Every division with a request has a value of each element for every
// month from that of its first figure to the month of opts.Now (or the
// latest month of the figures), zeros included, so that the stock of
// overdue requests ends where it should. The values are ordered by
// division, month, then as the elements are listed, each element's total
// before its categories.
//
// Requests are taken as a Validator accepts them, their status that of the
// last entry of their history; a request with the ID of a later one is a
// resubmission, and only the last is used. A request without a division,
// a representable requestedAt or a history is skipped, and so is the
// lecture held of a request held without its day.
func Figures(requests []*LectureRequest, opts FigureOptions) []indicators.DataValue {
	return slices.Collect(AllFigures(requests, opts))
}

// AllFigures yields the values that [Figures] returns, in its order,
// without collecting them: a province's requests make hundreds of
// thousands of values, a division's every month.
func AllFigures(requests []*LectureRequest, opts FigureOptions) iter.Seq[indicators.DataValue] {
	return func(yield func(indicators.DataValue) bool) {
		eachFigure(requests, opts, yield)
	}
}

// eachFigure yields the values of Figures until yield returns false.
func eachFigure(requests []*LectureRequest, opts FigureOptions, yield func(indicators.DataValue) bool) {
	overdue := opts.OverdueDays
	if overdue == 0 {
		overdue = DefaultOverdueDays
	}
	last := make(map[string]int, len(requests))
	for i, r := range requests {
		if r != nil {
			last[r.ID] = i
		}
	}
	rows := make(map[figureKey]*figureRow)
	first := make(map[healthedu.DivisionCode]healthedu.Period)
	var end healthedu.Period // the last month of the figures
	row := func(d healthedu.DivisionCode, day healthedu.Date) *figureRow {
		m := monthOf(day)
		if f, ok := first[d]; !ok || m.Compare(f) < 0 {
			first[d] = m
		}
		if !end.IsValid() || m.Compare(end) > 0 {
			end = m
		}
		k := figureKey{d, m}
		rw, ok := rows[k]
		if !ok {
			rw = new(figureRow)
			rows[k] = rw
		}
		return rw
	}
	type open struct {
		division healthedu.DivisionCode
		from     healthedu.Date // the day of the request
		until    healthedu.Date // the day it was settled, or the zero Date
	}
	var opens []open
	for i, r := range requests {
		if r == nil || last[r.ID] != i || !r.Division.IsValid() || len(r.History) == 0 ||
			r.RequestedAt.IsZero() || !healthedu.Representable(r.RequestedAt) {
			continue
		}
		requested := healthedu.DateOf(r.RequestedAt)
		rw := row(r.Division, requested)
		rw.values[colRequests]++
		for _, t := range r.Topics {
			if rw.topics == nil {
				rw.topics = make(map[healthedu.Topic]int64)
			}
			rw.topics[t]++
		}
		var settled healthedu.Date
		lastEvent := r.History[len(r.History)-1]
		switch lastEvent.Status {
		case StatusHeld:
			if r.Held == nil || !r.Held.Date.IsValid() || !r.Held.Date.Representable() {
				break
			}
			settled = r.Held.Date
			rw := row(r.Division, settled)
			rw.values[colFulfilled]++
			rw.values[colDays] += max(0, daysBetween(requested, settled))
		case StatusDeclined, StatusCancelled:
			if !healthedu.Representable(lastEvent.At) {
				break
			}
			settled = healthedu.DateOf(lastEvent.At)
			col := colDeclined
			if lastEvent.Status == StatusCancelled {
				col = colCancelled
			}
			row(r.Division, settled).values[col]++
		}
		opens = append(opens, open{r.Division, requested, settled})
	}
	if len(rows) == 0 {
		return
	}
	var today healthedu.Date
	if !opts.Now.IsZero() && healthedu.Representable(opts.Now) {
		today = healthedu.DateOf(opts.Now)
		if m := monthOf(today); m.Compare(end) > 0 {
			end = m
		}
	}
	// Fill every division's months up to end, and count the overdue
	// requests at the end of each month of their life.
	for d, f := range first {
		for m := f; m.Compare(end) <= 0; m = m.Next() {
			if _, ok := rows[figureKey{d, m}]; !ok {
				rows[figureKey{d, m}] = new(figureRow)
			}
		}
	}
	for _, o := range opens {
		for m := monthOf(o.from); m.Compare(end) <= 0; m = m.Next() {
			day := healthedu.DateOf(m.Last())
			if today.IsValid() && today.Compare(day) < 0 {
				day = today
			}
			if o.until.IsValid() && o.until.Compare(day) <= 0 {
				break // settled by the end of the month
			}
			if o.from.Compare(day) <= 0 && daysBetween(o.from, day) > int64(overdue) {
				rows[figureKey{o.division, m}].values[colOverdue]++
			}
		}
	}

	keys := make([]figureKey, 0, len(rows))
	for k := range rows {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b figureKey) int {
		return cmp.Or(a.division.Compare(b.division), a.month.Compare(b.month))
	})
	topicOrder := healthedu.Topic("").EnumValues()
	for _, k := range keys {
		rw := rows[k]
		for i, e := range bookingElements {
			if !yield(indicators.DataValue{Element: e, Division: k.division, Period: k.month, Value: rw.values[i]}) {
				return
			}
			if i != colRequests {
				continue
			}
			for _, t := range topicOrder {
				if n := rw.topics[healthedu.Topic(t)]; n > 0 {
					if !yield(indicators.DataValue{Element: e, Category: indicators.Category("topic", t),
						Division: k.division, Period: k.month, Value: n}) {
						return
					}
				}
			}
		}
	}
}

// monthOf returns the month of day d.
func monthOf(d healthedu.Date) healthedu.Period { return healthedu.MonthPeriod(d.Year(), d.Month()) }

// daysBetween returns the number of days from a to b, negative when b is
// before a.
func daysBetween(a, b healthedu.Date) int64 { return dayNumber(b) - dayNumber(a) }

// dayNumber returns the number of days from 1970-01-01 to d in the
// proleptic Gregorian calendar (H. Hinnant's days_from_civil), exact for
// every year a Date holds, where time.Duration would overflow.
func dayNumber(d healthedu.Date) int64 {
	y, m, day := int64(d.Year()), int64(d.Month()), int64(d.Day())
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + day - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}
