package healthedu

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// TestParseErrorRedacts checks that the text of a *ParseError holds no
// citizen ID number in clear, whichever parser reports it and however
// the error is wrapped.
func TestParseErrorRedacts(t *testing.T) {
	inputs := []string{
		redactID, "x" + redactID, "371599 19800101 0076", "371599\t19800101\t0076",
		redactFullWidth(redactID), "编号" + redactIDX, redactLegacy,
	}
	parsers := map[string]func(string) error{
		"ParseDivisionCode": func(s string) error { _, err := ParseDivisionCode(s); return err },
		"ParseCreditCode":   func(s string) error { _, err := ParseCreditCode(s); return err },
		"ParsePeriod":       func(s string) error { _, err := ParsePeriod(s); return err },
		"ParseDate":         func(s string) error { _, err := ParseDate(s); return err },
		"ParseMobile":       func(s string) error { _, err := ParseMobile(s); return err },
		"ParseCitizenID":    func(s string) error { _, err := ParseCitizenID(s + "0"); return err },
		"ParsePseudonym":    func(s string) error { _, err := ParsePseudonym(s); return err },
	}
	for name, parse := range parsers {
		for _, in := range inputs {
			err := parse(in)
			if err == nil {
				t.Errorf("%s(%q) succeeded", name, in)
				continue
			}
			if _, ok := errors.AsType[*ParseError](err); !ok {
				t.Errorf("%s(%q): error %T, want *ParseError", name, in, err)
			}
			wrapped := fmt.Errorf("line 3: %w", err)
			for _, text := range []string{err.Error(), wrapped.Error(), fmt.Sprintf("%v", wrapped), fmt.Sprintf("%+v", err)} {
				if strings.Contains(redactFold(text), redactFold(redactID)) || strings.Contains(redactFold(text), redactFold(redactIDX)) ||
					strings.Contains(redactFold(text), redactLegacy) {
					t.Errorf("%s(%q): error text holds the number in clear: %s", name, in, text)
				}
			}
		}
	}
}
