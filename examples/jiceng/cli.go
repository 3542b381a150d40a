package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/jiceng/jiceng/healthedu"
	"golang.org/x/text/language"
)

// langUsage is the help of the -lang flag every command has.
const langUsage = "the language of the messages: zh-Hans, zh-Hant or en (default: that of the locale, LC_ALL, LC_MESSAGES or LANG, and zh-Hans when it is none of the three)"

// envLanguage returns the language of messages the locale asks for: that
// of the first of LC_ALL, LC_MESSAGES and LANG that is set and not empty,
// as POSIX orders them, read by localeLanguage; ZhHans when none is set.
func envLanguage(getenv func(string) string) language.Tag {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(name); v != "" {
			return localeLanguage(v)
		}
	}
	return healthedu.ZhHans
}

// localeLanguage returns the supported language that serves a POSIX
// locale name, language[_territory][.codeset][@modifier]: zh_CN.UTF-8 and
// zh_SG give ZhHans, zh_TW, zh_HK and zh_MO ZhHant, en_US.UTF-8 English.
// C, POSIX and a language none of the three serves, such as fr_FR, give
// ZhHans, the default.
func localeLanguage(locale string) language.Tag {
	if i := strings.IndexAny(locale, ".@"); i >= 0 {
		locale = locale[:i]
	}
	if locale == "" || locale == "C" || locale == "POSIX" {
		return healthedu.ZhHans
	}
	t, err := healthedu.ParseLanguage(locale)
	if err != nil {
		return healthedu.ZhHans
	}
	return t
}

// langInArgs returns the value of the last -lang flag among args, written
// -lang L, -lang=L, --lang L or --lang=L, wherever it stands, and whether
// there is one. It serves to choose the language of an error found before
// the flags could be parsed, such as an unknown command.
func langInArgs(args []string) (string, bool) {
	var v string
	var ok bool
	for i, a := range args {
		a = strings.TrimPrefix(a, "-")
		switch {
		case a == "-lang" || a == "lang":
			if i+1 < len(args) {
				v, ok = args[i+1], true
			}
		case strings.HasPrefix(a, "lang=") || strings.HasPrefix(a, "-lang="):
			_, v, _ = strings.Cut(a, "=")
			ok = true
		}
	}
	return v, ok
}

// commandLine is the command line of one command: its flags, among them
// the -lang every command has, and its help. Errors in it are reported
// for people, in the reader's language; the flag package reports nothing.
type commandLine struct {
	name  string // "jiceng validate"
	usage string // the help, before the flags
	fs    *flag.FlagSet
	lang  *string
}

func newCommandLine(name, usage string) *commandLine {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return &commandLine{name: name, usage: usage, fs: fs, lang: fs.String("lang", "", langUsage)}
}

// parse parses the flags at the start of args and returns the arguments
// after them and the language of messages: that of -lang when it is
// given, else that of the locale (see envLanguage). It stops at the first
// argument that is not a flag, or after "--".
//
// The error is a *commandError, or flag.ErrHelp for -h or -help. Even
// then, lang is the language to report it in: parse reads every flag it
// can after a faulty one, so that -lang counts wherever it stands.
func (c *commandLine) parse(args []string) (rest []string, lang language.Tag, err error) {
	rest, err = c.parseFlags(args)
	lang = envLanguage(os.Getenv)
	value, set := *c.lang, c.isSet("lang")
	if !set && err != nil {
		value, set = langInArgs(args)
	}
	if set {
		t, lerr := healthedu.ParseLanguage(value)
		switch {
		case lerr == nil:
			lang = t
		case err == nil && c.isSet("lang"):
			err = newError(codeFlagValue, "-lang", parseFault{lerr})
		}
	}
	return rest, lang, err
}

// isSet reports whether the flag name was given.
func (c *commandLine) isSet(name string) bool {
	set := false
	c.fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// parseFlags sets the flags at the start of args as package flag would,
// and returns the arguments after them and the first error, for people.
// After an error it goes on reading flags, taking a flag it does not know
// to have no value.
func (c *commandLine) parseFlags(args []string) ([]string, error) {
	var first error
	fail := func(err error) {
		if first == nil {
			first = err
		}
	}
	for len(args) > 0 {
		s := args[0]
		if len(s) < 2 || s[0] != '-' {
			break // "-" is standard input, not a flag
		}
		args = args[1:]
		name := s[1:]
		if name[0] == '-' {
			if len(name) == 1 {
				break // "--" ends the flags
			}
			name = name[1:]
		}
		if name == "" || name[0] == '-' || name[0] == '=' {
			fail(newError(codeFlagSyntax, s))
			continue
		}
		value, hasValue := "", false
		if i := strings.IndexByte(name, '='); i >= 0 {
			name, value, hasValue = name[:i], name[i+1:], true
		}
		fl := c.fs.Lookup(name)
		if fl == nil {
			if name == "h" || name == "help" {
				fail(flag.ErrHelp)
			} else {
				fail(newError(codeFlagUnknown, c.name, "-"+name))
			}
			continue
		}
		if b, ok := fl.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
			if !hasValue {
				value = "true"
			}
		} else if !hasValue {
			if len(args) == 0 {
				fail(newError(codeFlagValueMissing, "-"+name))
				break
			}
			value, args = args[0], args[1:]
		}
		// The commands' flags are strings and integers: only an integer
		// can refuse a value.
		if err := c.fs.Set(name, value); err != nil {
			fail(newError(codeFlagInteger, "-"+name, value))
		}
	}
	return args, first
}

// help writes the help of the command, its usage and its flags, to w.
func (c *commandLine) help(w io.Writer) {
	fmt.Fprint(w, c.usage)
	c.fs.SetOutput(w)
	c.fs.PrintDefaults()
	c.fs.SetOutput(io.Discard)
}

// exit reports err and returns the exit status: for flag.ErrHelp the help
// on stdout and exitOK, for any other error its message in lang on stderr,
// after the command's name, and exitUsage.
func (c *commandLine) exit(stdout, stderr io.Writer, lang language.Tag, err error) int {
	if errors.Is(err, flag.ErrHelp) {
		c.help(stdout)
		return exitOK
	}
	printError(stderr, c.name, lang, err)
	return exitUsage
}

// printError writes err for people on w, in lang, after the command's
// name: "jiceng validate: message".
func printError(w io.Writer, name string, lang language.Tag, err error) {
	fmt.Fprintf(w, "%s: %s\n", name, errorText(err, lang))
}
