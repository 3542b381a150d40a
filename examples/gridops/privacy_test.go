package main

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jiceng/jiceng/healthedu"
)

// wrappedNumber returns the forms in which a submitter may dress the
// citizen ID number n: as it is, in full-width digits, grouped by spaces
// or hyphens, glued to letters or CJK, and, for a JSON string, with its
// characters escaped. json says whether the form is only for JSON.
func wrappedNumbers(n string) []struct {
	name, text string
	json       bool
} {
	full := strings.Map(func(r rune) rune {
		switch {
		case r >= '0' && r <= '9':
			return '０' + (r - '0')
		case r == 'X':
			return 'Ｘ'
		}
		return r
	}, n)
	var esc strings.Builder
	for _, r := range n {
		fmt.Fprintf(&esc, `\u%04x`, r)
	}
	return []struct {
		name, text string
		json       bool
	}{
		{"plain", n, false},
		{"full-width", full, false},
		{"spaced", n[:6] + " " + n[6:14] + " " + n[14:], false},
		{"hyphens", n[:6] + "-" + n[6:10] + "-" + n[10:14] + "-" + n[14:], false},
		{"ideographic space", n[:6] + "\u3000" + n[6:14] + "\u3000" + n[14:], false},
		{"glued before", "x" + n, false},
		{"glued in Chinese", "编号X" + n, false},
		{"glued after", n + "x", false},
		{"escaped", esc.String(), true},
		{"escaped, spaced", strings.Replace(esc.String(), `\u0031\u0039`, `\u0020\u0031\u0039`, 1), true},
	}
}

// digitCitizenID returns a synthetic citizen ID number whose check
// character is a digit, so that it may be written as a JSON number too.
func digitCitizenID(t *testing.T) string {
	for seq := 70; seq < 99; seq++ {
		if n := demoCitizenID(44, seq).Unmasked(); n[17] != 'X' {
			return n
		}
	}
	t.Fatal("no number with a digit check character")
	return ""
}

// TestNoWrappedCitizenIDAnywhere feeds a citizen ID number, dressed in
// every form people and programs write it, through every path of the
// server that stores or prints an identifier — record IDs, references,
// doors, names, readings' members and member names, alert IDs in paths,
// query parameters, headers, unknown paths — and checks that no record
// holding one is kept, and that no answer, no log line and nothing in
// the database holds a number in clear, in any of its forms.
func TestNoWrappedCitizenIDAnywhere(t *testing.T) {
	e := registered(t)
	n := digitCitizenID(t)
	rec := func(kind, fields string) string {
		return `{"schemaVersion":"1","kind":"` + kind + `",` + fields + "}\n"
	}
	at := t0.Format(time.RFC3339)
	for _, w := range wrappedNumbers(n) {
		t.Run(w.name, func(t *testing.T) {
			v := w.text
			records := []struct {
				path, body string
			}{
				{"/v1/register", rec("household", `"id":"`+v+`","grid":"g1"`)},
				{"/v1/register", rec("household", `"id":"h90","grid":"g1","door":"`+v+`"`)},
				{"/v1/register", rec("household", `"id":"h91","grid":"g1","building":"`+v+`"`)},
				{"/v1/register", rec("building", `"id":"`+v+`","grid":"g1","name":"3号楼"`)},
				{"/v1/register", rec("building", `"id":"b9","grid":"g1","name":"`+v+`"`)},
				{"/v1/register", rec("grid", `"id":"g9","name":"网格`+v+`","division":"371502001001"`)},
				{"/v1/register", rec("resident", `"id":"`+v+`","household":"h05","citizenId":"`+demoCitizenID(30, 5).Unmasked()+`","ageBand":"18-59","authorisation":{"community":true,"medical":true,"at":"`+at+`"}`)},
				{"/v1/register", rec("household", `"id":"h92","grid":"g1","`+v+`":1`)},
				{"/v1/events", rec("householdVisit", `"id":"`+v+`","household":"h01","doctor":"D1","at":"`+at+`"`)},
				{"/v1/events", rec("householdVisit", `"id":"v9","household":"h01","doctor":"`+v+`","at":"`+at+`"`)},
				{"/v1/events", rec("caseReport", `"id":"`+v+`","division":"371502001","disease":"influenza","at":"`+at+`","cases":1`)},
				{"/v1/readings", `[{"resident":"` + v + `","kind":"outing","at":"` + at + `"}]`},
				{"/v1/readings", `[{"resident":"` + pseudonym("r1") + `","kind":"` + v + `","at":"` + at + `"}]`},
				{"/v1/readings", `[{"resident":"` + pseudonym("r1") + `","kind":"outing","at":"` + v + `"}]`},
				{"/v1/readings", `[{"resident":"` + pseudonym("r1") + `","kind":"outing","at":"` + at + `","` + v + `":1}]`},
			}
			if w.name == "plain" {
				records = append(records, struct{ path, body string }{"/v1/readings",
					`[{"resident":"` + pseudonym("r1") + `","kind":"blood-pressure","at":"` + at + `","systolic":` + n + `,"diastolic":80}]`})
			}
			for _, r := range records {
				status, _, b := e.do("POST", r.path, "gateway", r.body)
				if status != 422 {
					t.Errorf("POST %s %s: %d %s", r.path, r.body, status, b)
				}
			}
			if w.json {
				return // the other paths take no JSON
			}
			esc := url.PathEscape(v)
			for _, r := range []struct {
				method, path, who string
				header            []string
			}{
				{"POST", "/v1/alerts/" + esc + "/ack", "D1", nil},
				{"POST", "/v1/alerts/" + esc + "/close", "D1", nil},
				{"GET", "/v1/alerts?status=" + url.QueryEscape(v), "D1", nil},
				{"GET", "/v1/alerts/stream?recipient=" + url.QueryEscape(v), "D1", nil},
				{"GET", "/v1/alerts/stream", "D1", []string{"Last-Event-ID", v + "z"}}, // as digits alone, an event ID
				{"GET", "/v1/" + esc, "D1", nil},
				{"PUT", "/v1/alerts/" + esc + "/ack", "D1", nil},
				{"GET", "/v1/alerts", "", []string{"Authorization", "Bearer " + v}},
				{"GET", "/v1/alerts", "D1", []string{"Accept-Language", v}},
			} {
				if status, _, b := e.do(r.method, r.path, r.who, "", r.header...); status < 400 && r.header == nil {
					t.Errorf("%s %s: %d %s", r.method, r.path, status, b)
				}
			}
		})
	}

	// Nothing holding a number was applied: the register's households and
	// buildings are those of the test register.
	e.srv.mu.Lock()
	_, h90 := e.srv.reg.Household("h90")
	_, g9 := e.srv.reg.Grid("g9")
	e.srv.mu.Unlock()
	if h90 || g9 {
		t.Errorf("a record holding a number was applied: h90 %v, g9 %v", h90, g9)
	}

	check := func(where, text string) {
		t.Helper()
		if masked := healthedu.RedactCitizenIDs(text); masked != text {
			t.Errorf("a citizen ID number in clear in %s: %.300q", where, text)
		}
	}
	e.mu.Lock()
	for _, b := range e.responses {
		check("an answer", b)
		var v any
		if json.Unmarshal([]byte(b), &v) == nil {
			walkJSON(v, func(s string) { check("a string of an answer", s) })
		}
	}
	e.mu.Unlock()
	for _, line := range strings.Split(e.logs.String(), "\n") {
		check("a log line", line)
		var v any
		if json.Unmarshal([]byte(line), &v) == nil {
			walkJSON(v, func(s string) { check("a string of a log line", s) })
		}
	}
	e.stop()
	db, err := sql.Open("sqlite", "file:"+e.dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT body FROM log`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var body []byte
		rows.Scan(&body)
		var v any
		if err := json.Unmarshal(body, &v); err != nil {
			t.Fatalf("log body %q: %v", body, err)
		}
		walkJSON(v, func(s string) { check("the database's log", s) })
	}
	rows.Close()
	for _, suffix := range []string{"", "-wal"} {
		f, err := os.Open(e.dbPath + suffix)
		if err != nil {
			continue
		}
		b, _ := io.ReadAll(f)
		f.Close()
		for _, w := range wrappedNumbers(n) {
			if bytes.Contains(b, []byte(w.text)) {
				t.Errorf("the database file %q holds the number %s", suffix, w.name)
			}
		}
	}
}

// walkJSON calls fn with every string of v, a decoded JSON value: the
// member names and the strings, and numbers as written.
func walkJSON(v any, fn func(string)) {
	switch x := v.(type) {
	case string:
		fn(x)
	case float64:
		fn(fmt.Sprintf("%.0f", x))
	case []any:
		for _, y := range x {
			walkJSON(y, fn)
		}
	case map[string]any:
		for k, y := range x {
			fn(k)
			walkJSON(y, fn)
		}
	}
}
