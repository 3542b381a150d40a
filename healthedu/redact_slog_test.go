package healthedu

import (
	"bytes"
	"errors"
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
