// Command jiceng is the command line of the jiceng library: it validates
// the records a provincial platform receives and computes the indicators
// they feed.
//
// Usage:
//
//	jiceng validate [-lang zh-Hans|zh-Hant|en] [-format text|json] [-encoding utf-8|gb18030] FILE...
//
// FILE may be "-" for standard input. Each file holds one JSON record, a
// JSON array of records, or NDJSON (one record a line).
//
// The exit status is 0 when every record was accepted (warnings allowed),
// 1 when a record was rejected, and 2 when the input could not be read or
// the command line is wrong.
//
// Citizen ID numbers never appear in clear in the output: values quoted in
// issues are masked, and so are record identifiers that hold one.
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
