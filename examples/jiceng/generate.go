package main

import (
	"io"
	"os"

	"github.com/jiceng/jiceng/examples/internal/synth"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
	"golang.org/x/text/language"
)

// The usage of "jiceng generate", with its exit statuses.
const generateUsage = `usage: jiceng generate [-lang zh-Hans|zh-Hant|en] [-under CODE] [-months N] [-end YYYYMM] [-seed S] [-o FILE]

Writes the synthetic records of a division's townships as NDJSON, one record
a line: monthly reports (a few late, a few missing), health education
activities, mini-program bindings, health literacy surveys and health cell
namings, month by month for the N months ending with -end, as the grassroots
of the division would submit them. The figures follow the source documents:
聊城 3715 over twelve months gives about 3,210 activities and 3.29 million
person-times. The same flags always give the same bytes.

The records hold invented citizen ID numbers in clear, as a submission must;
they are valid numbers, so treat the output as personal data all the same.
Every record is accepted by "jiceng validate -now T" for any T from the end of
the month after -end on.

Messages come in the language of -lang, or else of the locale (LC_ALL,
LC_MESSAGES, LANG).

Exit status: 0 when the records were written, 2 when the command line is
wrong or the output could not be written (a file of -o is then removed).

Flags:
`

// generateFlags are the flags of "jiceng generate".
type generateFlags struct {
	opts synth.Options
	out  string // "" or "-": standard output
}

// generateMaxMonths is the most months synth generates.
const generateMaxMonths = 120

func parseGenerateFlags(args []string) (generateFlags, *commandLine, language.Tag, error) {
	c := newCommandLine("jiceng generate", generateUsage)
	fs := c.fs
	under := fs.String("under", synth.DefaultUnder.Short(), "the division whose townships are generated: a province, city, county or township code")
	months := fs.Int("months", synth.DefaultMonths, "the number of months generated, 1 to 120")
	end := fs.String("end", synth.DefaultEnd.String(), "the last month generated, YYYYMM")
	seed := fs.Int64("seed", 1, "the seed of the random draw")
	out := fs.String("o", "", "write to this file instead of standard output")
	rest, lang, err := c.parse(args)
	if err != nil {
		return generateFlags{}, c, lang, err
	}
	if len(rest) > 0 {
		return generateFlags{}, c, lang, newError(codeArgumentUnexpected, c.name, rest[0])
	}
	f := generateFlags{out: *out}
	reg := healthedu.DefaultRegistry()
	if f.opts.Under, err = healthedu.ParseDivisionCode(*under); err != nil {
		return f, c, lang, newError(codeDivision, "-under", parseFault{err})
	}
	if f.opts.Under.Level() == healthedu.LevelVillage {
		return f, c, lang, newError(codeUnderVillage, f.opts.Under.Short())
	}
	if !reg.Contains(f.opts.Under) {
		unknown := healthedu.NewIssue("division.unknown", "", map[string]any{"value": f.opts.Under.Short()})
		return f, c, lang, newError(codeFlagValue, "-under", unknown)
	}
	if len(indicators.DivisionsAt(reg, f.opts.Under, healthedu.LevelTownship)) == 0 {
		return f, c, lang, newError(codeUnderNoTownship, f.opts.Under.Short())
	}
	if f.opts.End, err = healthedu.ParsePeriod(*end); err != nil || f.opts.End.Type() != healthedu.PeriodMonth {
		return f, c, lang, newError(codeEnd, maskIDShaped(*end))
	}
	if *months < 1 || *months > generateMaxMonths {
		return f, c, lang, newError(codeMonths, *months, generateMaxMonths)
	}
	if !f.opts.End.Add(1 - *months).IsValid() {
		return f, c, lang, newError(codeGenerateTooEarly, *months, f.opts.End.String())
	}
	f.opts.Months = *months
	f.opts.Seed = *seed
	return f, c, lang, nil
}

func runGenerate(args []string, stdout, stderr io.Writer) int {
	f, c, lang, err := parseGenerateFlags(args)
	if err != nil {
		return c.exit(stdout, stderr, lang, err)
	}
	if err := generateTo(f, stdout); err != nil {
		printError(stderr, c.name, lang, err)
		return exitUsage
	}
	return exitOK
}

// generateTo writes the records to f.out, or to stdout. A file is written
// whole or removed.
//
// The flags were checked as synth checks them, so that an error is the
// output's; one that synth finds all the same is reported as internal.
func generateTo(f generateFlags, stdout io.Writer) error {
	var w io.Writer = stdout
	unwritable := newError(codeOutputFailed)
	var file *os.File
	if f.out != "" && f.out != "-" {
		unwritable = newError(codeFileUnwritable, f.out)
		var err error
		if file, err = os.Create(f.out); err != nil {
			return unwritable
		}
		w = file
	}
	ew := &errWriter{w: w}
	err := synth.WriteNDJSON(ew, f.opts)
	if file != nil {
		if cerr := file.Close(); err == nil && cerr != nil {
			ew.err = cerr
		}
		if err != nil || ew.err != nil {
			os.Remove(f.out)
		}
	}
	switch {
	case ew.err != nil:
		return unwritable
	case err != nil:
		return err // unexpected: jiceng.internal
	}
	return nil
}

// errWriter is w that remembers its first error, to tell the errors of
// writing from those of synth.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	n, err := e.w.Write(p)
	if err != nil && e.err == nil {
		e.err = err
	}
	return n, err
}
