package main

import (
	"encoding/json"
	"io"
	"time"

	"github.com/jiceng/jiceng/healthedu"
)

// This file holds what the commands that report on a division over a
// period from activity records share (compliance, and weekly after it):
// the flags -under and -period as a year, reading the activities of the
// files, and writing JSON.

// parseUnderFlag parses an -under flag: the division whose records a
// command reads, "" for all (the zero DivisionCode). A division above the
// villages must be in reg; a village, which reg does not list, must lie in
// a township of reg.
func parseUnderFlag(s string, reg *healthedu.Registry) (healthedu.DivisionCode, error) {
	if s == "" {
		return healthedu.DivisionCode{}, nil
	}
	d, err := healthedu.ParseDivisionCode(s)
	if err != nil {
		return d, newError(codeDivision, "-under", parseFault{err})
	}
	known := d
	if d.Level() == healthedu.LevelVillage {
		known = d.Truncate(healthedu.LevelTownship)
	}
	if !reg.Contains(known) {
		unknown := healthedu.NewIssue("division.unknown", "", map[string]any{"value": d.Short()})
		return d, newError(codeFlagValue, "-under", unknown)
	}
	return d, nil
}

// parseYearFlag parses a -period flag that must name a year, such as
// 2025, and checks that the year had begun at now.
func parseYearFlag(s string, now time.Time) (healthedu.Period, error) {
	if s == "" {
		return healthedu.Period{}, newError(codePeriodYearMissing)
	}
	p, err := healthedu.ParsePeriod(s)
	if err != nil || p.Type() != healthedu.PeriodYear {
		return p, newError(codePeriodYear, maskIDShaped(s))
	}
	if now.Before(p.Start()) {
		return p, newError(codePeriodNotBegun, p.String(), formatInstant(now))
	}
	return p, nil
}

// formatInstant writes t for people: its day and minute in China
// Standard Time, as 2025-07-01 09:00.
func formatInstant(t time.Time) string {
	return t.In(healthedu.ChinaStandardTime).Format("2006-01-02 15:04")
}

// activityInput counts the records a command read for its activities.
type activityInput struct {
	records    int // read, of any kind
	rejected   int // rejected by the validator: skipped, each listed
	others     int // accepted, of another kind than activity: skipped
	activities int // accepted activities
	outside    int // accepted activities outside the division of -under
}

// readActivities reads the records of files as "jiceng validate" does,
// with f's encoding and clock, lists on stderr each record the validator
// rejects, after the command's name, and calls each with every accepted
// activity that took place within under (all when under is zero), in
// order. It returns the counts of what it read, and an error for people
// when a file could not be read, the files hold no record
// (jiceng.noRecords) or no accepted activity (jiceng.noActivities).
func readActivities(files []string, f validateFlags, under healthedu.DivisionCode, stdin io.Reader, stderr io.Writer, name string, each func(*healthedu.Activity)) (activityInput, error) {
	var in activityInput
	var err error
	in.records, in.rejected, err = eachAccepted(files, f, stdin, stderr, func(r healthedu.Record) {
		a, ok := r.(*healthedu.Activity)
		switch {
		case !ok:
			in.others++
			return
		case under.IsValid() && !under.Contains(a.Division):
			in.outside++
		default:
			each(a)
		}
		in.activities++
	}, func(file string, res *healthedu.RecordResult) {
		printError(stderr, name, f.lang, rejectedNotice(file, res))
	})
	switch {
	case err != nil:
		return in, err
	case in.records == 0:
		return in, newError(codeNoRecords)
	case in.activities == 0:
		return in, newError(codeNoActivities, in.records)
	}
	return in, nil
}

// writeJSON writes v to w as indented JSON, with <, > and & as they are.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
