package healthedu

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
)

func TestRedactingHandler(t *testing.T) {
	const clear = "11010519491231002X"
	var buf bytes.Buffer
	log := slog.New(NewRedactingHandler(slog.NewJSONHandler(&buf, nil))).With("recordId", "R-"+clear)
	log.WithGroup("req").Info("submission of "+clear,
		"path", "/v1/records/"+clear,
		"err", errors.New("bad value "+clear),
		"body", []byte(`{"citizenId":"`+clear+`"}`),
		slog.Group("resident", "id", clear, "n", 3),
		"list", []string{clear},
	)
	out := buf.String()
	if strings.Contains(out, clear) || strings.Contains(out, "19491231") {
		t.Errorf("log holds the number in clear:\n%s", out)
	}
	if n := strings.Count(out, "1101**********002X"); n != 7 {
		t.Errorf("log holds %d masked numbers, want 7:\n%s", n, out)
	}
	if !strings.Contains(out, `"n":3`) {
		t.Errorf("log lost a number attribute:\n%s", out)
	}
}

// TestRedactingHandlerForms logs a synthetic number of 371599 in each of
// the forms RedactCitizenIDs finds, in each place a log record holds
// text, and checks that its digits never reach the log in clear.
func TestRedactingHandlerForms(t *testing.T) {
	forms := map[string]string{
		"plain":         redactID,
		"letter before": "x" + redactID,
		"CJK before":    "编号X" + redactID,
		"digit before":  "9" + redactID,
		"full-width":    redactFullWidth(redactID),
		"spaced":        "371599 19800101 0076",
		"hyphens":       "371599-1980-0101-0076",
		"tabs":          "371599\t19800101\t0076",
		"legacy":        "旧号" + redactLegacy,
	}
	for name, form := range forms {
		var buf bytes.Buffer
		log := slog.New(NewRedactingHandler(slog.NewJSONHandler(&buf, nil)))
		log.With("id", form).WithGroup("g"+form).Info("msg "+form,
			form, "as a key",
			"err", fmt.Errorf("wrapped: %w", errors.New(form)),
			"parse", func() error { _, err := ParseDivisionCode(form); return err }(),
			"bytes", []byte(form),
			"list", []string{form},
		)
		out := buf.String()
		// JSON escapes a tab as \t: undo it, and fold, before searching.
		if folded := redactFold(strings.ReplaceAll(out, `\t`, " ")); strings.Contains(folded, redactID) || strings.Contains(folded, redactLegacy) {
			t.Errorf("%s: log holds the number in clear:\n%s", name, out)
		}
		if n := strings.Count(out, redactMasked); n < 7 {
			t.Errorf("%s: log holds %d masked numbers, want at least 7:\n%s", name, n, out)
		}
	}
}

func TestRedactingHandlerNumbers(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(NewRedactingHandler(slog.NewJSONHandler(&buf, nil)))
	log.Info("numbers",
		"int", int64(371599198001010076),
		"uint", uint64(371599198001010076),
		"legacy", int64(371599800101007),
		"float", float64(371599800101007),
		"count", 3,
		"big", int64(1234567890123456789),
	)
	got := buf.String()
	for _, want := range []string{
		`"int":"` + redactMasked + `"`, `"uint":"` + redactMasked + `"`,
		`"legacy":"` + redactMasked + `"`, `"float":"` + redactMasked + `"`,
		`"count":3`, `"big":1234567890123456789`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("log lacks %s:\n%s", want, got)
		}
	}
}
