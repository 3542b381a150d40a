package main

import (
	"flag"
	"slices"

	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
)

// This file holds the checks of the flags that several commands share:
// -format, -encoding and -now (every command that reads records), and
// -deadline-day, -reporting-level and -reporters (the commands that count
// monthly reports: indicators and weekly). Each command defines the flags
// with its own help text and checks them in its own order; the errors
// are the same everywhere.

// parseFormatFlag returns s when it is one of formats, the output formats
// of a command, and else the error jiceng.format that lists them.
func parseFormatFlag(s string, formats []string) (string, error) {
	if !slices.Contains(formats, s) {
		return "", newError(codeFormat, s, wordList{items: formats})
	}
	return s, nil
}

// parseReadFlags sets f's encoding and clock from the flags -encoding and
// -now, in that order: the first error is returned.
func (f *validateFlags) parseReadFlags(enc, now string) error {
	var err error
	if f.encoding, err = parseEncodingFlag(enc); err != nil {
		return err
	}
	f.now, err = parseNowFlag(now)
	return err
}

// reportersFlags are the flags of a command that counts monthly reports:
// -deadline-day, the day of the next month by which a report is due, and
// who is expected to report, every division of the registry at
// -reporting-level or those the file of -reporters lists.
type reportersFlags struct {
	deadlineDay *int
	level       *string
	file        *string
}

// defineReportersFlags defines the flags -deadline-day, -reporting-level
// and -reporters in fs, with the help texts of the first two.
func defineReportersFlags(fs *flag.FlagSet, deadlineUsage, levelUsage string) reportersFlags {
	return reportersFlags{
		deadlineDay: fs.Int("deadline-day", indicators.DefaultDeadlineDay, deadlineUsage),
		level:       fs.String("reporting-level", indicators.DefaultReportingLevel.String(), levelUsage),
		file:        fs.String("reporters", "", "a file listing the divisions expected to report instead, one division code a line (# starts a comment line); excludes -reporting-level"),
	}
}

// parse checks the flags of r once c has parsed them, and returns the
// deadline day and who is expected to report: the divisions of reg at
// the reporting level, or those of the file of -reporters, read in the
// encoding enc.
func (r reportersFlags) parse(c *commandLine, reg *healthedu.Registry, enc healthedu.Encoding) (int, indicators.Reporters, error) {
	var rep indicators.Reporters
	if *r.deadlineDay < 1 {
		return 0, rep, newError(codeDeadlineDay, *r.deadlineDay)
	}
	switch {
	case *r.file != "" && c.isSet("reporting-level"):
		return 0, rep, newError(codeReportersExclusive)
	case *r.file != "":
		var err error
		if rep.List, err = indicatorsLoadReporters(*r.file, enc); err != nil {
			return 0, rep, err
		}
	default:
		rep.Registry = reg
		if err := rep.Level.UnmarshalText([]byte(*r.level)); err != nil {
			return 0, rep, newError(codeReportingLevel, *r.level)
		}
	}
	return *r.deadlineDay, rep, nil
}
