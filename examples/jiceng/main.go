// Command jiceng is the command line of the jiceng library: it validates
// the records a provincial platform receives, computes the indicators they
// feed, and makes the synthetic data and schemas platforms test with.
//
// Usage:
//
//	jiceng validate [-lang zh-Hans|zh-Hant|en] [-format text|json] [-encoding utf-8|gb18030] [-now RFC3339] FILE...
//	jiceng indicators [-divisions CODE,...|-level LEVEL [-under CODE]] -period ID [-lang ...] [-format table|csv|json|dhis2|fhir]
//	                  [-now RFC3339] [-deadline-day N] [-reporting-level LEVEL | -reporters FILE] FILE...
//	jiceng generate [-under CODE] [-months N] [-end YYYYMM] [-seed S] [-o FILE]
//	jiceng schemas -out DIR
//
// FILE may be "-" for standard input. Each file holds one JSON record, a
// JSON array of records, or NDJSON (one record a line).
//
// validate prints one line per issue (file:line: severity code path:
// message) and a summary, or with -format json an object with records,
// accepted, rejected, warnings, errors and the issues. Its exit status is 0
// when every record was accepted (warnings allowed), 1 when a record was
// rejected, and 2 when the input could not be read or the command line is
// wrong.
//
// indicators reads records as validate does, skips and counts the rejected
// ones, and prints one row per division and indicator as of -now, with the
// coverage of the divisions expected to report. Its exit status is
// 0 when the output is complete, 1 when -format dhis2 had to leave values
// out for lack of a mapping, and 2 as for validate.
//
// generate writes a synthetic province as NDJSON (the data of the intake
// server's -demo), the same bytes for the same flags; schemas writes the
// JSON Schemas embedded in package schemas. Both exit 2 on failure.
//
// Citizen ID numbers never appear in clear in the output of validate and
// indicators: values quoted in issues are masked, and so are record
// identifiers that hold one. The NDJSON of generate holds invented but
// valid numbers in clear, as a submission must.
package main

import (
	"fmt"
	"io"
	"os"
)

// Exit statuses.
const (
	exitOK       = 0 // every record accepted
	exitRejected = 1 // at least one record rejected
	exitUsage    = 2 // bad command line, or input that could not be read
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is main without the process: it returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	switch args[0] {
	case "validate":
		return runValidate(args[1:], stdin, stdout, stderr)
	case "indicators":
		return runIndicators(args[1:], stdin, stdout, stderr)
	case "generate":
		return runGenerate(args[1:], stdout, stderr)
	case "schemas":
		return runSchemas(args[1:], stdout, stderr)
	case "help", "-h", "-help", "--help":
		usage(stdout)
		return exitOK
	default:
		fmt.Fprintf(stderr, "jiceng: unknown command %q\n", args[0])
		usage(stderr)
		return exitUsage
	}
}

func usage(w io.Writer) {
	fmt.Fprint(w, `usage: jiceng <command> [flags] [FILE...]

commands:
  validate    check records against the exchange format and its rules
  indicators  compute the indicators of divisions over a period from records
  generate    write the synthetic records of a division's townships as NDJSON
  schemas     write the JSON Schemas of the exchange format into a directory

Run "jiceng <command> -h" for a command's flags.
`)
}
