package main

import (
	"io"
	"os"

	"github.com/jiceng/jiceng/healthedu"
)

// Exit statuses.
const (
	exitOK       = 0 // every record accepted; help printed
	exitRejected = 1 // at least one record rejected (validate)
	exitUsage    = 2 // bad command line, input that could not be read or holds no record
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// usage is the help of jiceng itself.
const usage = `usage: jiceng [-lang zh-Hans|zh-Hant|en] <command> [flags] [FILE...]

Validates the records a provincial platform receives, computes the
indicators they feed, judges institutions against the national service
norm, and writes the synthetic data and the JSON Schemas platforms test
with.

commands:
  validate    check records against the exchange format and its rules
  indicators  compute the indicators of divisions over a period from records
  compliance  judge institutions against the national service norm over a year
  weekly      write the weekly dispatch of a division: progress, overdue, items
  generate    write the synthetic records of a division's townships as NDJSON
  schemas     write the JSON Schemas of the exchange format into a directory

Run "jiceng <command> -h" or "jiceng help <command>" for a command's
flags and exit statuses.

Messages come in the language of -lang, given before the command or among
its flags; without it, in that of the locale (LC_ALL, LC_MESSAGES or LANG):
zh_CN.UTF-8 gives zh-Hans, zh_TW or zh_HK zh-Hant, en_US en, and C, POSIX,
an unset locale or another language zh-Hans.

Exit status: 0 for -h and help; 2 when no command or an unknown one is
given; otherwise the command's.

Flags:
`

// run is main without the process: it returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	top := newCommandLine("jiceng", usage)
	rest, lang, err := top.parse(args)
	if err != nil {
		return top.exit(stdout, stderr, lang, err)
	}
	if len(rest) == 0 {
		printError(stderr, top.name, lang, newError(codeCommandMissing))
		return exitUsage
	}
	cmd, cmdArgs := rest[0], rest[1:]
	if top.isSet("lang") {
		// The command's own -lang, later, wins.
		cmdArgs = append([]string{"-lang=" + *top.lang}, cmdArgs...)
	}
	if cmd == "help" {
		if len(rest) == 1 {
			top.help(stdout)
			return exitOK
		}
		cmd, cmdArgs = rest[1], []string{"-h"}
	}
	switch cmd {
	case "validate":
		return runValidate(cmdArgs, stdin, stdout, stderr)
	case "indicators":
		return runIndicators(cmdArgs, stdin, stdout, stderr)
	case "compliance":
		return runCompliance(cmdArgs, stdin, stdout, stderr)
	case "weekly":
		return runWeekly(cmdArgs, stdin, stdout, stderr)
	case "generate":
		return runGenerate(cmdArgs, stdout, stderr)
	case "schemas":
		return runSchemas(cmdArgs, stdout, stderr)
	}
	if !top.isSet("lang") {
		if v, ok := langInArgs(cmdArgs); ok {
			if t, err := healthedu.ParseLanguage(v); err == nil {
				lang = t
			}
		}
	}
	printError(stderr, top.name, lang, newError(codeCommandUnknown, cmd))
	return exitUsage
}
