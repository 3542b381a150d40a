package main

import (
	"fmt"
	"io"
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
	return 0, fmt.Errorf("want utf-8 or gb18030, not %q", s)
}

// parseNowFlag parses a -now flag, an instant in RFC 3339; "" is the
// current time.
func parseNowFlag(s string) (time.Time, error) {
	if s == "" {
		return time.Now(), nil
	}
	return time.Parse(time.RFC3339, s)
}

// readAccepted reads the records of files ("-" is standard input) as
// "jiceng validate" does, with f's encoding and clock, and returns those
// the validator accepted, in order, and the number it rejected; rejected,
// if not nil, is called with each rejected record. It stops at the first
// file that cannot be read and returns its error, naming the file.
func readAccepted(files []string, f validateFlags, stdin io.Reader, stderr io.Writer, rejected func(file string, res *healthedu.RecordResult)) ([]healthedu.Record, int, error) {
	var (
		records []healthedu.Record
		n       int
	)
	for _, name := range files {
		_, err := validateFile(name, f, stdin, stderr, func(file string, res *healthedu.RecordResult) {
			if res.Accepted && res.Record != nil {
				records = append(records, res.Record)
				return
			}
			n++
			if rejected != nil {
				rejected(file, res)
			}
		})
		if err != nil {
			return nil, n, fmt.Errorf("%s: %w", name, err)
		}
	}
	return records, n, nil
}
