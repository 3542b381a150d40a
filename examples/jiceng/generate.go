package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/jiceng/jiceng/examples/internal/synth"
	"github.com/jiceng/jiceng/healthedu"
)

// The usage of "jiceng generate", with its exit statuses.
const generateUsage = `usage: jiceng generate [-under CODE] [-months N] [-end YYYYMM] [-seed S] [-o FILE]

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

Exit status: 0 when the records were written, 2 when the command line is
wrong or the output could not be written.

Flags:
`

// generateFlags are the flags of "jiceng generate".
type generateFlags struct {
	opts synth.Options
	out  string // "" or "-": standard output
}

func parseGenerateFlags(args []string, stderr io.Writer) (generateFlags, error) {
	fs := flag.NewFlagSet("jiceng generate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	under := fs.String("under", synth.DefaultUnder.Short(), "the division whose townships are generated: a province, city, county or township code")
	months := fs.Int("months", synth.DefaultMonths, "the number of months generated, 1 to 120")
	end := fs.String("end", synth.DefaultEnd.String(), "the last month generated, YYYYMM")
	seed := fs.Int64("seed", 1, "the seed of the random draw")
	out := fs.String("o", "", "write to this file instead of standard output")
	fs.Usage = func() {
		fmt.Fprint(stderr, generateUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return generateFlags{}, err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return generateFlags{}, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	f := generateFlags{out: *out}
	var err error
	if f.opts.Under, err = healthedu.ParseDivisionCode(*under); err != nil {
		return f, fmt.Errorf("-under: %v", err)
	}
	if f.opts.End, err = healthedu.ParsePeriod(*end); err != nil {
		return f, fmt.Errorf("-end: %v", err)
	}
	if *months < 1 {
		return f, fmt.Errorf("-months: want 1 or more, not %d", *months)
	}
	f.opts.Months = *months
	f.opts.Seed = *seed
	return f, nil
}

func runGenerate(args []string, stdout, stderr io.Writer) int {
	f, err := parseGenerateFlags(args, stderr)
	if err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(stderr, "jiceng generate:", err)
		}
		return exitUsage
	}
	if err := generateTo(f, stdout); err != nil {
		fmt.Fprintln(stderr, "jiceng generate:", err)
		return exitUsage
	}
	return exitOK
}

// generateTo writes the records to f.out, or to stdout. A file is written
// whole or removed.
func generateTo(f generateFlags, stdout io.Writer) error {
	if f.out == "" || f.out == "-" {
		return synth.WriteNDJSON(stdout, f.opts)
	}
	file, err := os.Create(f.out)
	if err != nil {
		return err
	}
	err = synth.WriteNDJSON(file, f.opts)
	if cerr := file.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.out)
	}
	return err
}
