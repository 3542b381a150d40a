package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/jiceng/jiceng/examples/intake/internal/wire"
	"github.com/jiceng/jiceng/examples/internal/httpapi"
	"github.com/jiceng/jiceng/examples/internal/reports"
	"github.com/jiceng/jiceng/examples/internal/synth"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
)

// indicatorRowJSON is a row of /v1/indicators as a client reads it: the
// JSON of an indicators.Result, with the names and flag messages the
// server adds.
type indicatorRowJSON struct {
	Indicator      string                     `json:"indicator"`
	Division       string                     `json:"division"`
	Period         string                     `json:"period"`
	Numerator      *int64                     `json:"numerator"`
	Denominator    *int64                     `json:"denominator"`
	Value          *string                    `json:"value"`
	Reason         string                     `json:"reason"`
	Coverage       indicators.Coverage        `json:"coverage"`
	Flags          []string                   `json:"flags"`
	Target         *string                    `json:"target"`
	TargetProrated bool                       `json:"targetProrated"`
	Direction      string                     `json:"direction"`
	Met            *bool                      `json:"met"`
	Gap            string                     `json:"gap"`
	DivisionName   string                     `json:"divisionName"`
	IndicatorName  string                     `json:"indicatorName"`
	FlagIssues     []healthedu.LocalizedIssue `json:"flagIssues"`
}

// TestIndicatorsEqualCompute submits three months of a synthetic county
// and checks that every row of /v1/indicators is what indicators.Compute
// gives over the same records, accepted by the same validator, with the
// figures of the register and the lecture requests that
// reports.FigureValues derives.
func TestIndicatorsEqualCompute(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, open func(testing.TB) store) {
		h := newHarness(t, open(t))
		end := healthedu.MustParsePeriod("202510")
		h.clock.Set(end.Next().End()) // every generated record lies before it
		var body bytes.Buffer
		opts := synth.Options{Under: healthedu.MustParseDivisionCode("371524"), Months: 3, End: end, Seed: 7}
		if err := synth.WriteNDJSON(&body, opts); err != nil {
			t.Fatal(err)
		}
		sm := h.submit(tokenDonge, body.Bytes()).summary(t)
		if sm.Imported == 0 || sm.Imported+sm.Rejected != sm.Records {
			t.Fatalf("submission: %+v", countsOf(sm))
		}

		// The same records through the library alone.
		var accepted []healthedu.Record
		v := &healthedu.Validator{Now: h.clock.Now().Add(5 * time.Minute), ReportDueDays: 10}
		if _, err := v.ValidateStream(bytes.NewReader(body.Bytes()), healthedu.StreamOptions{Decode: healthedu.DecodeOptions{Kinds: kindsTaken}}, func(r *healthedu.RecordResult) error {
			if r.Accepted {
				accepted = append(accepted, r.Record)
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if len(accepted) != sm.Imported {
			t.Fatalf("%d records accepted by the validator, %d imported", len(accepted), sm.Imported)
		}
		reg := healthedu.DefaultRegistry()
		under := opts.Under
		for _, period := range []string{"202510", "2025Q3", "2025"} {
			p := healthedu.MustParsePeriod(period)
			for _, level := range []string{"", "township"} {
				st := indicators.NewStore(indicators.DefaultCatalogue())
				// The intake received every report at the clock of the
				// submission.
				st.AddRecords(accepted, indicators.RecordOptions{Now: h.clock.Now(),
					ReceivedAt: func(*healthedu.MonthlyReport) time.Time { return h.clock.Now() }})
				values, err := reports.FigureValues(accepted, reports.FigureOptions{Now: h.clock.Now()})
				if err != nil || len(values) == 0 {
					t.Fatalf("%d figures of the register and the requests, %v", len(values), err)
				}
				for _, v := range values {
					if err := st.Add(v); err != nil {
						t.Fatal(err)
					}
				}
				divisions := []healthedu.DivisionCode{under}
				if level != "" {
					divisions = indicators.DivisionsAt(reg, under, healthedu.LevelTownship)
				}
				results, err := st.Compute(indicators.Query{Indicators: indicators.DefaultCatalogue().Indicators(), Divisions: divisions, Period: p,
					Now: h.clock.Now(), DeadlineDay: 10, Reporters: indicators.Reporters{Level: healthedu.LevelTownship, Registry: reg}})
				if err != nil {
					t.Fatal(err)
				}
				var want []indicatorRowJSON
				for _, r := range results {
					b, _ := json.Marshal(r)
					var row indicatorRowJSON
					json.Unmarshal(b, &row)
					row.DivisionName, row.IndicatorName = reg.Name(r.Division), r.Indicator.Name(healthedu.English)
					row.FlagIssues = flagIssues(r, healthedu.English)
					want = append(want, row)
				}
				path := "/v1/indicators?under=371524&period=" + period
				if level != "" {
					path += "&level=" + level
				}
				var got struct {
					Period string             `json:"period"`
					Rows   []indicatorRowJSON `json:"rows"`
				}
				h.request("GET", path, tokenDonge, nil, "Accept-Language", "en").json(t, &got)
				if got.Period != period {
					t.Errorf("%s: period %q", path, got.Period)
				}
				if diff := cmp.Diff(want, got.Rows); diff != "" {
					t.Errorf("%s (-compute +api):\n%s", path, diff)
				}
				withValue := 0
				for _, r := range got.Rows {
					if r.Value != nil {
						withValue++
					}
				}
				if withValue < len(got.Rows)/2 {
					t.Errorf("%s: only %d of %d rows have a value", path, withValue, len(got.Rows))
				}
			}
		}
	})
}

func mustDate(s string) healthedu.Date {
	d, err := healthedu.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestDivisions(t *testing.T) {
	h := newHarness(t, openTestSQLite(t))
	var a wire.Divisions
	h.request("GET", "/v1/divisions?under=371502", tokenCity, nil).json(t, &a)
	if a.Division.Name != "东昌府区" || a.Division.Level != healthedu.LevelCounty || len(a.Ancestors) != 2 || a.Ancestors[1].Name != "聊城市" {
		t.Errorf("division %+v ancestors %+v", a.Division, a.Ancestors)
	}
	if len(a.Children) < 10 || a.Children[0].Code.String() != "371502001000" || a.Children[0].Name != "古楼街道" || a.Children[0].Level != healthedu.LevelTownship {
		t.Errorf("children %+v", a.Children)
	}
	// Without under: the token's own division.
	h.request("GET", "/v1/divisions", tokenGulou, nil).json(t, &a)
	if a.Division.Code.String() != "371502001000" {
		t.Errorf("default division %+v", a.Division)
	}
	ans := h.request("GET", "/v1/divisions?under=99", tokenAdmin, nil)
	if ans.status != 400 || ans.problemCode(t) != codeParam {
		t.Errorf("bad code: %d %s", ans.status, ans.body)
	}
}

// TestPublicReads checks the reads of a -demo platform: no token needed,
// and the default division when none is named.
func TestPublicReads(t *testing.T) {
	h := newHarness(t, openTestSQLite(t), func(c *config) {
		c.PublicReads = true
		c.DefaultDivision = demoDivision
	})
	var a wire.Divisions
	if ans := h.request("GET", "/v1/divisions", "", nil); ans.status != 200 {
		t.Fatalf("%d %s", ans.status, ans.body)
	} else {
		ans.json(t, &a)
	}
	if a.Division.Name != "聊城市" {
		t.Errorf("division %+v", a.Division)
	}
	if ans := h.request("GET", "/v1/indicators?under=11&period=2025", "", nil); ans.status != 200 {
		t.Errorf("anonymous read elsewhere: %d %s", ans.status, ans.body)
	}
	// A token that is there must still be known; submissions need one.
	if ans := h.request("GET", "/v1/divisions", "bogus-token-bogus", nil); ans.status != 401 {
		t.Errorf("unknown token: %d", ans.status)
	}
	if ans := h.submit("", activity("P-1", "371502001", at(2025, 12, 3, 9), "")); ans.status != 401 {
		t.Errorf("anonymous submission: %d", ans.status)
	}
}

func TestSchemas(t *testing.T) {
	h := newHarness(t, openTestSQLite(t))
	var list struct {
		Envelope string   `json:"envelope"`
		Files    []string `json:"files"`
	}
	h.request("GET", "/v1/schemas", "", nil).json(t, &list)
	if list.Envelope != "record.json" || len(list.Files) < 6 {
		t.Fatalf("schemas: %+v", list)
	}
	for _, f := range list.Files {
		ans := h.request("GET", "/v1/schemas/"+f, "", nil)
		var doc map[string]any
		ans.json(t, &doc)
		if ans.status != 200 || !strings.HasPrefix(ans.header.Get("Content-Type"), "application/schema+json") || doc["$id"] == nil {
			t.Errorf("%s: %d %s", f, ans.status, ans.header.Get("Content-Type"))
		}
	}
	for _, f := range []string{"nothing.json", "..%2Fgo.mod", "record.txt"} {
		if ans := h.request("GET", "/v1/schemas/"+f, "", nil); ans.status != 404 || ans.problemCode(t) != codeNotFound {
			t.Errorf("%s: %d %s", f, ans.status, ans.body)
		}
	}
}

// TestOpenAPI checks that openapi.json is an OpenAPI 3.1 document that
// describes every route, and describes no route the server lacks.
func TestOpenAPI(t *testing.T) {
	h := newHarness(t, openTestSQLite(t))
	ans := h.request("GET", "/openapi.json", "", nil)
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	ans.json(t, &doc)
	if !strings.HasPrefix(doc.OpenAPI, "3.1.") {
		t.Errorf("openapi %q, want 3.1.x", doc.OpenAPI)
	}
	described := make(map[string]bool)
	for path, ops := range doc.Paths {
		for method := range ops {
			if method == "parameters" || method == "summary" || method == "description" {
				continue
			}
			described[strings.ToUpper(method)+" "+path] = true
		}
	}
	for _, rt := range h.srv.routes() {
		key := rt.method + " " + rt.path
		if !described[key] {
			t.Errorf("route %s is not in openapi.json", key)
		}
		delete(described, key)
	}
	for key := range described {
		t.Errorf("openapi.json describes %s, which the server does not serve", key)
	}
}

func TestMetrics(t *testing.T) {
	h := newHarness(t, openTestSQLite(t))
	h.submit(tokenGulou, ndjson(activity("M-1", "371502001", at(2025, 12, 3, 9), ""), []byte("{bad\n")))
	h.submit(tokenGulou, activity("M-1", "371502001", at(2025, 12, 3, 9), ""))
	h.request("GET", "/nothing", "", nil)
	ans := h.request("GET", "/metrics", tokenReader, nil)
	if !strings.HasPrefix(ans.header.Get("Content-Type"), "text/plain; version=0.0.4") {
		t.Errorf("Content-Type %q", ans.header.Get("Content-Type"))
	}
	text := string(ans.body)
	for _, want := range []string{
		`jiceng_intake_http_requests_total{route="POST /v1/submissions",code="200"} 2`,
		`jiceng_intake_http_requests_total{route="unmatched",code="404"} 1`,
		`jiceng_intake_records_total{outcome="imported"} 1`,
		`jiceng_intake_records_total{outcome="ignored"} 1`,
		`jiceng_intake_records_total{outcome="rejected"} 1`,
		`jiceng_intake_submission_duration_seconds_bucket{le="+Inf"} 2`,
		`jiceng_intake_submission_duration_seconds_count 2`,
		"# TYPE jiceng_intake_submission_duration_seconds histogram",
	} {
		if !strings.Contains(text, want+"\n") {
			t.Errorf("metrics lack %q:\n%s", want, text)
		}
	}
}

// TestEveryErrorIsAProblem sends requests that fail in every way a client
// can make one fail and checks that each answer is a problem document with
// a code.
func TestEveryErrorIsAProblem(t *testing.T) {
	h := newHarness(t, openTestSQLite(t))
	for _, tc := range []struct {
		method, path, token string
		body                []byte
		headers             []string
		status              int
	}{
		{"GET", "/nothing", "", nil, nil, 404},
		{"GET", "/v1/nothing", tokenCity, nil, nil, 404},
		{"DELETE", "/v1/submissions", tokenCity, nil, nil, 405},
		{"POST", "/v1/indicators", tokenCity, nil, nil, 405},
		{"PUT", "/openapi.json", "", nil, nil, 405},
		{"POST", "/v1/submissions", "", []byte("{}"), nil, 401},
		{"POST", "/v1/submissions?dryRun=maybe", tokenCity, []byte("{}"), nil, 400},
		{"GET", "/v1/indicators", tokenCity, nil, nil, 400},
		{"GET", "/v1/indicators?period=2025Q5", tokenCity, nil, nil, 400},
		{"GET", "/v1/indicators?period=2025&level=galaxy", tokenCity, nil, nil, 400},
		{"GET", "/v1/indicators?period=2025&level=province", tokenCity, nil, nil, 400},
		{"GET", "/v1/indicators?period=2025&indicators=no-such", tokenCity, nil, nil, 400},
		{"GET", "/v1/indicators?period=2025&under=371599", tokenCity, nil, nil, 404},
		{"GET", "/v1/reports/monthly", tokenCity, nil, nil, 400},
		{"GET", "/v1/locks?period=x", tokenCity, nil, nil, 400},
		{"POST", "/v1/locks/unlock", tokenAdmin, []byte(`{"division":"3715"}`), nil, 400},
		{"POST", "/v1/locks/unlock", tokenAdmin, []byte(`{"division":"3715","period":"202510","extra":1}`), nil, 400},
		{"POST", "/v1/locks/unlock", tokenAdmin, []byte(`{"division":"3715","period":"202510","until":"2020-01-01T00:00:00Z"}`), nil, 400},
		{"POST", "/v1/locks/unlock", tokenAdmin, bytes.Repeat([]byte(" "), 100<<10), nil, 413},
		{"POST", "/v1/submissions", tokenCity, []byte("{bad"), nil, 422},
		{"POST", "/v1/submissions", tokenCity, []byte(""), nil, 400},
		{"POST", "/v1/submissions", tokenCity, []byte("x"), []string{"Content-Encoding", "gzip"}, 400},
		{"POST", "/v1/submissions", tokenCity, []byte("x"), []string{"Idempotency-Key", "ключ"}, 400},
	} {
		name := tc.method + " " + tc.path
		t.Run(name, func(t *testing.T) {
			ans := h.request(tc.method, tc.path, tc.token, tc.body, tc.headers...)
			if ans.status != tc.status {
				t.Errorf("status %d, want %d: %s", ans.status, tc.status, ans.body)
			}
			if code := ans.problemCode(t); !strings.HasPrefix(code, "intake.") && code != "division.unknown" {
				t.Errorf("code %q", code)
			}
			if ans.status == http.StatusMethodNotAllowed && ans.header.Get("Allow") == "" {
				t.Error("405 without Allow")
			}
		})
	}
}

// TestIndicatorsBounded checks that a read of the indicators is bounded:
// an indicator named again and again counts once (indicators= repeated
// 3,000 times gave an 88 MB answer), and a read past the platform's
// limits on the indicators named or on the rows of the answer is 409,
// as DHIS2 answers past its maximum, with the limit in its params.
func TestIndicatorsBounded(t *testing.T) {
	h := newHarness(t, openTestSQLite(t), func(c *config) {
		c.MaxIndicators = 5
		c.MaxRows = 100
	})
	many := strings.Repeat("activities-held,", 2999) + "activities-held"
	repeated := strings.Repeat("&indicators=activities-held", 3000)
	six := "activities-held,lectures-per-institution,report-completeness,report-timeliness,health-cells,binding-rate"
	for _, tc := range []struct {
		name, query string
		status      int
		rows        int    // of a 200
		code        string // of a 409
		params      map[string]any
	}{
		{"one indicator named 3,000 times", "under=3715&period=2025&indicators=" + many, 200, 1, "", nil},
		{"indicators= repeated 3,000 times", "under=3715&period=2025" + repeated, 200, 1, "", nil},
		{"two lists", "under=3715&period=2025&indicators=activities-held,report-timeliness&indicators=report-timeliness", 200, 2, "", nil},
		{"five indicators", "under=3715&period=2025&indicators=" + six[:strings.LastIndex(six, ",")], 200, 5, "", nil},
		{"six indicators", "under=3715&period=2025&indicators=" + six, 409, 0, codeTooManyIndicators,
			map[string]any{"count": float64(6), "limit": float64(5)}},
		{"every township of Shandong", "under=37&level=township&period=2025&indicators=activities-held", 409, 0, codeTooManyRows,
			map[string]any{"rows": float64(len(indicators.DivisionsAt(healthedu.DefaultRegistry(), code("37"), healthedu.LevelTownship))),
				"limit": float64(100), "divisions": float64(len(indicators.DivisionsAt(healthedu.DefaultRegistry(), code("37"), healthedu.LevelTownship))), "indicators": float64(1)}},
		{"the counties of 聊城, five indicators", "under=3715&level=county&period=2025&indicators=" + six[:strings.LastIndex(six, ",")], 200, 5 * len(healthedu.DefaultRegistry().Children(code("3715"))), "", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ans := h.request("GET", "/v1/indicators?"+tc.query, tokenAdmin, nil)
			if ans.status != tc.status {
				t.Fatalf("answer %d (%d bytes), want %d", ans.status, len(ans.body), tc.status)
			}
			if tc.status == 200 {
				var a struct{ Rows []json.RawMessage }
				ans.json(t, &a)
				if len(a.Rows) != tc.rows {
					t.Errorf("%d rows, want %d", len(a.Rows), tc.rows)
				}
				return
			}
			var p httpapi.Problem
			ans.json(t, &p)
			if diff := cmp.Diff(tc.params, p.Params); p.Code != tc.code || diff != "" {
				t.Errorf("problem %s, want %s; params (-want +got):\n%s", p.Code, tc.code, diff)
			}
		})
	}
}

// TestMetricsAccess checks who reads /metrics: anyone with a token the
// platform knows, of whatever role, and nobody else, unless the platform
// opens it (-metrics-open, or -demo, which opens the reads).
func TestMetricsAccess(t *testing.T) {
	for _, tc := range []struct {
		name   string
		cfg    func(*config)
		token  string
		status int
	}{
		{"no token", nil, "", 401},
		{"an unknown token", nil, "bogus-token-bogus", 401},
		{"a reader's token", nil, tokenReader, 200},
		{"a submitter's token", nil, tokenGulou, 200},
		{"an administrator's token", nil, tokenAdmin, 200},
		{"open, no token", func(c *config) { c.MetricsOpen = true }, "", 200},
		{"open, an unknown token", func(c *config) { c.MetricsOpen = true }, "bogus-token-bogus", 401},
		{"demo, no token", func(c *config) { c.PublicReads = true }, "", 200},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var cfg []func(*config)
			if tc.cfg != nil {
				cfg = append(cfg, tc.cfg)
			}
			h := newHarness(t, openTestSQLite(t), cfg...)
			ans := h.request("GET", "/metrics", tc.token, nil)
			if ans.status != tc.status {
				t.Fatalf("answer %d, want %d: %s", ans.status, tc.status, ans.body)
			}
			if tc.status == 401 && ans.problemCode(t) != codeUnauthorized {
				t.Errorf("not %s: %s", codeUnauthorized, ans.body)
			}
			if tc.status == 200 && !strings.Contains(string(ans.body), "jiceng_intake_http_requests_total") {
				t.Errorf("not the metrics: %s", ans.body)
			}
		})
	}
}
