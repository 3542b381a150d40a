package healthedu_test

import (
	"fmt"
	"time"

	"github.com/jiceng/jiceng/healthedu"
)

func ExampleParsePeriod() {
	for _, s := range []string{"2025", "2025S1", "2025Q3", "202509B", "202510", "2025W01", "20251017", "２０２５ｑ４"} {
		p, err := healthedu.ParsePeriod(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%-8s %-9s %s..%s %3d\n", p, p.Type(),
			p.Start().Format(time.DateOnly), p.Last().Format(time.DateOnly), p.Days())
	}

	_, err := healthedu.ParsePeriod("2021W53")
	fmt.Println(err)
	_, err = healthedu.ParsePeriod("20250229")
	fmt.Println(err)
	_, err = healthedu.ParsePeriod("202502B")
	fmt.Println(err)
	// Output:
	// 2025     year      2025-01-01..2025-12-31 365
	// 2025S1   half-year 2025-01-01..2025-06-30 181
	// 2025Q3   quarter   2025-07-01..2025-09-30  92
	// 202509B  bi-month  2025-09-01..2025-10-31  61
	// 202510   month     2025-10-01..2025-10-31  31
	// 2025W1   week      2024-12-30..2025-01-05   7
	// 20251017 day       2025-10-17..2025-10-17   1
	// 2025Q4   quarter   2025-10-01..2025-12-31  92
	// healthedu.ParsePeriod("2021W53"): week 53 out of range: 2021 has 52 ISO weeks (at offset 5)
	// healthedu.ParsePeriod("20250229"): day 29 out of range: February 2025 has 28 days (at offset 6)
	// healthedu.ParsePeriod("202502B"): bi-month starting in month 2 out of range: want an odd month 1, 3, 5, 7, 9 or 11 (at offset 4)
}

func ExamplePeriodOf() {
	// A health lecture recorded at 01:00 on 1 October, Beijing time.
	at := time.Date(2025, 9, 30, 17, 0, 0, 0, time.UTC)
	for _, t := range []healthedu.PeriodType{
		healthedu.PeriodYear, healthedu.PeriodHalfYear, healthedu.PeriodQuarter,
		healthedu.PeriodBiMonth, healthedu.PeriodMonth, healthedu.PeriodWeek, healthedu.PeriodDay,
	} {
		fmt.Println(t, healthedu.PeriodOf(t, at))
	}
	// ISO weeks at New Year.
	fmt.Println(healthedu.PeriodOf(healthedu.PeriodWeek, time.Date(2024, 12, 30, 9, 0, 0, 0, healthedu.ChinaStandardTime)))
	fmt.Println(healthedu.PeriodOf(healthedu.PeriodWeek, time.Date(2021, 1, 3, 9, 0, 0, 0, healthedu.ChinaStandardTime)))
	// Output:
	// year 2025
	// half-year 2025S2
	// quarter 2025Q4
	// bi-month 202509B
	// month 202510
	// week 2025W40
	// day 20251001
	// 2025W1
	// 2020W53
}

func ExamplePeriod_Parent() {
	day := healthedu.MustParsePeriod("20241230")
	for _, t := range []healthedu.PeriodType{healthedu.PeriodWeek, healthedu.PeriodMonth, healthedu.PeriodYear} {
		p, _ := day.Parent(t)
		fmt.Printf("%v of %v: %v\n", t, day, p)
	}

	// A week belongs to the year of its Thursday, and to no month.
	week := healthedu.MustParsePeriod("2025W1")
	year, ok := week.Parent(healthedu.PeriodYear)
	fmt.Println("year of", week, year, ok)
	_, ok = week.Parent(healthedu.PeriodMonth)
	fmt.Println("month of", week, ok)
	// Output:
	// week of 20241230: 2025W1
	// month of 20241230: 202412
	// year of 20241230: 2024
	// year of 2025W1 2025 true
	// month of 2025W1 false
}

func ExampleBiMonthPeriod() {
	// The six bi-months (双月) of 2025, as DHIS2 names them, and where each
	// adds up: into a half-year and the year, but into no quarter.
	for b := 1; b <= 6; b++ {
		p := healthedu.BiMonthPeriod(2025, b)
		half, _ := p.Parent(healthedu.PeriodHalfYear)
		_, inQuarter := p.Parent(healthedu.PeriodQuarter)
		fmt.Println(p, p.Start().Format(time.DateOnly), p.Last().Format(time.DateOnly), half, inQuarter)
	}
	last := healthedu.MustParsePeriod("202511B")
	fmt.Println(last.End().Format(time.RFC3339), last.Next())
	for m := range last.Sub(healthedu.PeriodMonth) {
		fmt.Println(m)
	}
	// Output:
	// 202501B 2025-01-01 2025-02-28 2025S1 false
	// 202503B 2025-03-01 2025-04-30 2025S1 false
	// 202505B 2025-05-01 2025-06-30 2025S1 false
	// 202507B 2025-07-01 2025-08-31 2025S2 false
	// 202509B 2025-09-01 2025-10-31 2025S2 false
	// 202511B 2025-11-01 2025-12-31 2025S2 false
	// 2026-01-01T00:00:00+08:00 202601B
	// 202511
	// 202512
}

func ExamplePeriods() {
	// The months a reporting window overlaps, and their days.
	from := time.Date(2025, 8, 20, 0, 0, 0, 0, healthedu.ChinaStandardTime)
	to := time.Date(2025, 10, 1, 0, 0, 0, 0, healthedu.ChinaStandardTime)
	for p := range healthedu.Periods(healthedu.PeriodMonth, from, to) {
		fmt.Println(p, p.Days())
	}
	// Output:
	// 202508 31
	// 202509 30
}

func ExamplePeriod_Sub() {
	for m := range healthedu.MustParsePeriod("2025Q4").Sub(healthedu.PeriodMonth) {
		fmt.Println(m)
	}
	n := 0
	for range healthedu.MustParsePeriod("2026").Sub(healthedu.PeriodWeek) {
		n++
	}
	fmt.Println("2026 has", n, "weeks")
	// Output:
	// 202510
	// 202511
	// 202512
	// 2026 has 53 weeks
}

func ExamplePeriod_ContainsPeriod() {
	year := healthedu.MustParsePeriod("2025")
	for _, s := range []string{"2025Q4", "20251017", "2025W1", "2024W52", "20241230"} {
		fmt.Println(s, year.ContainsPeriod(healthedu.MustParsePeriod(s)))
	}
	// Output:
	// 2025Q4 true
	// 20251017 true
	// 2025W1 true
	// 2024W52 false
	// 20241230 false
}

func ExamplePeriod_Contains() {
	oct := healthedu.MustParsePeriod("202510")
	fmt.Println(oct.Start(), "to", oct.End(), "(exclusive)")
	fmt.Println(oct.Contains(time.Date(2025, 9, 30, 15, 59, 59, 999999999, time.UTC)))
	fmt.Println(oct.Contains(time.Date(2025, 9, 30, 16, 0, 0, 0, time.UTC)))
	// Output:
	// 2025-10-01 00:00:00 +0800 CST to 2025-11-01 00:00:00 +0800 CST (exclusive)
	// false
	// true
}

func ExamplePeriod_Add() {
	p := healthedu.MustParsePeriod("2020W52")
	fmt.Println(p.Next(), p.Add(2), p.Prev())
	q := healthedu.MustParsePeriod("2025Q4")
	fmt.Println(q.Next(), q.Add(-4))
	// Output:
	// 2020W53 2021W1 2020W51
	// 2026Q1 2024Q4
}
