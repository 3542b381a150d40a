package main

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"time"

	"github.com/jiceng/jiceng/healthedu"
)

// parseEncodingFlag parses an -encoding flag: utf-8 or gb18030.
func parseEncodingFlag(s string) (healthedu.Encoding, error) {
	switch s {
	case "utf-8", "utf8", "UTF-8":
		return healthedu.UTF8, nil
	case "gb18030", "GB18030":
		return healthedu.GB18030, nil
	}
	return 0, newError(codeEncoding, s)
}

// parseNowFlag parses a -now flag, an instant in RFC 3339; "" is the
// current time.
func parseNowFlag(s string) (time.Time, error) {
	if s == "" {
		return time.Now(), nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return t, newError(codeNow, s)
	}
	return t, nil
}

// checkInputs returns an error for each of files ("-" is standard input)
// that cannot be opened, or is a directory: the commands read none of
// their input when a file is missing.
func checkInputs(files []string) []error {
	var errs []error
	for _, name := range files {
		if name == "-" {
			continue
		}
		st, err := os.Stat(name)
		if err == nil && st.IsDir() {
			errs = append(errs, newError(codeFileIsDirectory, name))
			continue
		}
		if err == nil {
			var f *os.File
			if f, err = os.Open(name); err == nil {
				f.Close()
			}
		}
		if err != nil {
			errs = append(errs, fileError(name, err))
		}
	}
	return errs
}

// fileError returns the error for people of a file that could not be
// opened or read: the operating system's text is not in the reader's
// language, and is left out.
func fileError(name string, err error) *commandError {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return newError(codeFileNotFound, name)
	case errors.Is(err, fs.ErrPermission):
		return newError(codeFilePermission, name)
	}
	return newError(codeFileUnreadable, name)
}

// eachAccepted reads the records of files ("-" is standard input) as
// "jiceng validate" does, with f's encoding and clock, calls accepted with
// each record the validator accepted, in order, and returns the numbers
// of records read and rejected; rejected, if not nil, is called with each
// rejected record. It keeps none of them: a command that counts as it
// reads holds no more of the input than one record. It stops at the first
// file that cannot be read and returns its error, a *commandError naming
// the file.
func eachAccepted(files []string, f validateFlags, stdin io.Reader, stderr io.Writer, accepted func(healthedu.Record), rejected func(file string, res *healthedu.RecordResult)) (read, nrejected int, err error) {
	for _, name := range files {
		sum, err := validateFile(name, f, stdin, stderr, func(file string, res *healthedu.RecordResult) {
			if res.Accepted && res.Record != nil {
				accepted(res.Record)
				return
			}
			nrejected++
			if rejected != nil {
				rejected(file, res)
			}
		})
		read += sum.Records
		if err != nil {
			return read, nrejected, err
		}
	}
	return read, nrejected, nil
}

// rejectedNotice is the notice of a record the validator rejected, read
// from file, that a command skips: its kind, its identifier and its first
// error, with any citizen ID masked.
func rejectedNotice(file string, res *healthedu.RecordResult) error {
	is := healthedu.NewIssue(codeInternal, "", map[string]any{"detail": "rejected without an error"})
	for _, i := range res.Issues {
		if i.Severity == healthedu.SeverityError {
			is = i
			break
		}
	}
	return newError(codeRecordSkipped, file, res.Line, recordName{res.Kind, res.ID}, issueText{is})
}
