package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
	"github.com/jiceng/jiceng/indicators/fhir"
)

// writeFHIROut writes the FHIR document of an answer into $JICENG_FHIR_OUT,
// for indicators/fhir/testdata/r4check to validate against the official
// R4 JSON schema (CI sets it); unset, it writes nothing.
func writeFHIROut(t testing.TB, data []byte) {
	t.Helper()
	dir := os.Getenv("JICENG_FHIR_OUT")
	if dir == "" {
		return
	}
	sum := sha256.Sum256(data)
	if err := os.WriteFile(filepath.Join(dir, "intake-"+hex.EncodeToString(sum[:8])+".json"), data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// fhirGet gets path and checks that the answer is FHIR JSON of status, and
// writes it out; it returns the answer.
func (h *harness) fhirGet(path, token string, status int, headers ...string) answer {
	h.t.Helper()
	a := h.request("GET", path, token, nil, headers...)
	if a.status != status {
		h.t.Errorf("GET %s: %d, want %d: %s", path, a.status, status, a.body)
	}
	if ct := a.header.Get("Content-Type"); ct != "application/fhir+json; charset=utf-8" {
		h.t.Errorf("GET %s: Content-Type %q", path, ct)
	}
	writeFHIROut(h.t, a.body)
	return a
}

// seedFHIR submits 古楼街道's and 柳园街道's monthly reports of October to
// December 2025.
func seedFHIR(h *harness) {
	h.t.Helper()
	for i, m := range []string{"202510", "202511", "202512"} {
		when := at(2026, 1, 3, 9+i)
		h.submitAt(tokenGulou, when, monthlyReportOf("371502001", m, when, "children-0-6", 3000, "children-0-6-managed", 2700+10*i))
		h.submitAt(tokenLiuyuan, when, monthlyReportOf("371502002", m, when, "children-0-6", 1000, "children-0-6-managed", 800))
	}
	h.clock.Set(at(2026, 2, 1, 0))
}

func TestFHIRMetadata(t *testing.T) {
	h := newHarness(t, openTestSQLite(t))
	a := h.fhirGet("/fhir/metadata", "", 200)
	var cs struct {
		ResourceType, FhirVersion, Kind string
		Rest                            []struct {
			Resource []struct {
				Type        string
				Interaction []struct{ Code string }
				SearchParam []struct{ Name string }
				Operation   []struct{ Name, Definition string }
			}
		}
	}
	a.json(t, &cs)
	r := cs.Rest[0].Resource[0]
	got := []string{cs.ResourceType, cs.FhirVersion, cs.Kind, r.Type, r.Interaction[0].Code, r.Interaction[1].Code, r.SearchParam[0].Name, r.Operation[0].Name, r.Operation[0].Definition}
	want := []string{"CapabilityStatement", "4.0.0", "instance", "Measure", "read", "search-type", "url", "evaluate-measure", "http://hl7.org/fhir/OperationDefinition/Measure-evaluate-measure"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestFHIRMeasures(t *testing.T) {
	h := newHarness(t, openTestSQLite(t))
	cat := indicators.DefaultCatalogue()
	type bundle struct {
		ResourceType, Type string
		Total              int
		Link               []struct{ Relation, URL string }
		Entry              []struct {
			FullURL  string          `json:"fullUrl"`
			Resource json.RawMessage `json:"resource"`
			Search   struct{ Mode string }
		}
	}
	var all bundle
	h.fhirGet("/fhir/Measure", tokenReader, 200).json(t, &all)
	if all.ResourceType != "Bundle" || all.Type != "searchset" || all.Total != len(cat.Indicators()) || len(all.Entry) != all.Total {
		t.Fatalf("bundle %s %s, total %d, %d entries; %d indicators", all.ResourceType, all.Type, all.Total, len(all.Entry), len(cat.Indicators()))
	}
	for i, e := range all.Entry {
		ind := cat.Indicators()[i]
		want, _ := fhir.MarshalMeasure(ind, fhir.Options{})
		if string(e.Resource) != string(want) {
			t.Errorf("entry %d is not MarshalMeasure of %s", i, ind.Code())
		}
		if e.FullURL != h.ts.URL+"/fhir/Measure/"+ind.Code() || e.Search.Mode != "match" {
			t.Errorf("entry %d: fullUrl %s, mode %s", i, e.FullURL, e.Search.Mode)
		}
	}

	canonical := fhir.MeasureURL("literacy-level", fhir.Options{})
	tests := []struct {
		query string
		want  []string // fullUrls
	}{
		{"?url=" + url.QueryEscape(canonical), []string{h.ts.URL + "/fhir/Measure/literacy-level"}},
		{"?url=https://example.org/Measure/literacy-level", nil},
		{"?url=" + url.QueryEscape(canonical) + "&url=" + url.QueryEscape(fhir.MeasureURL("binding-rate", fhir.Options{})),
			[]string{h.ts.URL + "/fhir/Measure/literacy-level", h.ts.URL + "/fhir/Measure/binding-rate"}},
	}
	for _, tc := range tests {
		var b bundle
		h.fhirGet("/fhir/Measure"+tc.query, tokenReader, 200).json(t, &b)
		var got []string
		for _, e := range b.Entry {
			got = append(got, e.FullURL)
		}
		if diff := cmp.Diff(tc.want, got); diff != "" || b.Total != len(tc.want) || b.Link[0].URL != h.ts.URL+"/fhir/Measure"+tc.query {
			t.Errorf("%s: total %d, self %s, (-want +got):\n%s", tc.query, b.Total, b.Link[0].URL, diff)
		}
	}

	a := h.fhirGet("/fhir/Measure/child-health-management-rate", tokenReader, 200)
	ind, _ := cat.Indicator("child-health-management-rate")
	want, _ := fhir.MarshalMeasure(ind, fhir.Options{})
	if strings.TrimSpace(string(a.body)) != string(want) {
		t.Errorf("GET /fhir/Measure/child-health-management-rate:\n%s\nwant\n%s", a.body, want)
	}
}

// TestFHIREvaluateMeasure checks that $evaluate-measure gives the figures
// of /v1/indicators, with the same id whenever the same figure is asked,
// for each way of naming the subject and the period.
func TestFHIREvaluateMeasure(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, open func(testing.TB) store) {
		h := newHarness(t, open(t))
		seedFHIR(h)
		tests := []struct {
			query, token string
			under        string // the division and period of /v1/indicators
			period       string
		}{
			{"periodStart=2025-10-01&periodEnd=2025-10-31&subject=371502001", tokenReader, "371502001", "202510"},
			{"periodStart=2025-10&periodEnd=2025-12&subject=Location/371502", tokenReader, "371502", "2025Q4"},
			{"periodStart=2025-10-01&periodEnd=2025-12-31&subject=371502000000", tokenReader, "371502", "2025Q4"},
			{"periodStart=2025-07-01&periodEnd=2025-12-31&subject=3715", tokenReader, "3715", "2025S2"},
			{"periodStart=2025&periodEnd=2025", tokenGulou, "371502001", "2025"}, // the token's division
		}
		for _, tc := range tests {
			t.Run(tc.query, func(t *testing.T) {
				var mr struct {
					ResourceType, ID, Measure string
					Subject                   struct{ Identifier struct{ Value string } }
					Period                    struct{ Start, End string }
					Group                     []struct {
						Population []struct {
							Count *int64
						}
						MeasureScore struct{ Value json.Number }
					}
				}
				h.fhirGet("/fhir/Measure/child-health-management-rate/$evaluate-measure?"+tc.query, tc.token, 200).json(t, &mr)
				var rows struct{ Rows []indicatorRowJSON }
				h.request("GET", "/v1/indicators?under="+tc.under+"&period="+tc.period+"&indicators=child-health-management-rate", tc.token, nil).json(t, &rows)
				row := rows.Rows[0]
				d, p := healthedu.MustParseDivisionCode(tc.under), healthedu.MustParsePeriod(tc.period)
				measure := fhir.MeasureURL("child-health-management-rate", fhir.Options{})
				got := []any{mr.ResourceType, mr.ID, mr.Measure, mr.Subject.Identifier.Value, *mr.Group[0].Population[0].Count, *mr.Group[0].Population[1].Count, string(mr.Group[0].MeasureScore.Value)}
				want := []any{"MeasureReport", fhir.MeasureReportID(measure, d, p), measure, d.String(), *row.Numerator, *row.Denominator, *row.Value}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("(-want +got):\n%s", diff)
				}
			})
		}
	})
}

// TestFHIRErrors sends requests that fail in each way and checks the
// OperationOutcome: its FHIR issue type, its issue code, and its text in
// the language asked for.
func TestFHIRErrors(t *testing.T) {
	h := newHarness(t, openTestSQLite(t))
	const ev = "/fhir/Measure/child-health-management-rate/$evaluate-measure"
	tests := []struct {
		method, path, token string
		status              int
		typ, code           string
		hans, en            string // held by the text
	}{
		{"GET", ev + "?periodEnd=2025-10-31", tokenCity, 400, "invalid", codeFHIRParamRequired, "缺少参数 periodStart", "Parameter periodStart is missing"},
		{"GET", ev + "?periodStart=2025-10-01", tokenCity, 400, "invalid", codeFHIRParamRequired, "缺少参数 periodEnd", "Parameter periodEnd is missing"},
		{"GET", ev + "?periodStart=2025-10-01&periodEnd=2025-10-31", "", 401, "login", codeUnauthorized, "", ""},
		{"GET", ev + "?periodStart=2025-10-01T00:00:00Z&periodEnd=2025-10-31", tokenCity, 400, "invalid", codeFHIRDate, "参数 periodStart 的值“2025-10-01T00:00:00Z”不是日期", "Parameter periodStart, 2025-10-01T00:00:00Z, is not a date"},
		{"GET", ev + "?periodStart=2025-10-01&periodEnd=2025-02-30", tokenCity, 400, "invalid", codeFHIRDate, "参数 periodEnd 的值“2025-02-30”不是日期", "Parameter periodEnd, 2025-02-30, is not a date"},
		{"GET", ev + "?periodStart=2025-10-01&periodEnd=2025-10-15", tokenCity, 400, "invalid", codeFHIRPeriod, "不恰好是一个自然月、季度、半年或年", "is not exactly one calendar month, quarter, half-year or year"},
		{"GET", ev + "?periodStart=2025-10-02&periodEnd=2025-11-01", tokenCity, 400, "invalid", codeFHIRPeriod, "periodStart 2025-10-02 至 periodEnd 2025-11-01", "periodStart 2025-10-02 to periodEnd 2025-11-01"},
		{"GET", ev + "?periodStart=2025-10&periodEnd=2025-11", tokenCity, 400, "invalid", codeFHIRPeriod, "", ""},
		{"GET", ev + "?periodStart=2025-10-01&periodEnd=2025-10-31&subject=Location/37x", tokenCity, 400, "invalid", codeParam, "参数 subject 有误", "Parameter subject is not valid"},
		{"GET", ev + "?periodStart=2025-10-01&periodEnd=2025-10-31&subject=371502002", tokenGulou, 403, "forbidden", codeForbidden, "", ""},
		{"GET", ev + "?periodStart=2025-10-01&periodEnd=2025-10-31&subject=371599", tokenCity, 404, "not-found", "division.unknown", "", ""},
		{"GET", "/fhir/Measure/no-such/$evaluate-measure?periodStart=2025&periodEnd=2025", tokenCity, 404, "not-found", codeMeasureNotFound, "指标目录中没有代码为“no-such”的指标", "The catalogue has no indicator (Measure) with code no-such"},
		{"GET", "/fhir/Measure/no-such", tokenCity, 404, "not-found", codeMeasureNotFound, "", ""},
		{"GET", "/fhir/Measure", "", 401, "login", codeUnauthorized, "", ""},
		{"GET", "/fhir/Patient", tokenCity, 404, "not-found", codeNotFound, "", ""},
		{"POST", "/fhir/Measure", tokenCity, 405, "not-supported", codeMethod, "", ""},
		{"DELETE", "/fhir/metadata", "", 405, "not-supported", codeMethod, "", ""},
	}
	for _, tc := range tests {
		for _, lang := range []string{"zh-Hans", "en"} {
			t.Run(tc.method+" "+tc.path+" "+lang, func(t *testing.T) {
				a := h.request(tc.method, tc.path, tc.token, nil, "Accept-Language", lang)
				if a.status != tc.status {
					t.Errorf("status %d, want %d: %s", a.status, tc.status, a.body)
				}
				if ct := a.header.Get("Content-Type"); ct != "application/fhir+json; charset=utf-8" {
					t.Errorf("Content-Type %q", ct)
				}
				writeFHIROut(t, a.body)
				var oo struct {
					ResourceType string
					Issue        []struct {
						Severity, Code string
						Details        struct {
							Coding []struct{ System, Code string }
							Text   string
						}
					}
				}
				a.json(t, &oo)
				is := oo.Issue[0]
				got := []string{oo.ResourceType, is.Severity, is.Code, is.Details.Coding[0].System, is.Details.Coding[0].Code, a.header.Get("Content-Language")}
				want := []string{"OperationOutcome", "error", tc.typ, "https://jiceng.github.io/jiceng/problems", tc.code, lang}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("(-want +got):\n%s", diff)
				}
				text := map[string]string{"zh-Hans": tc.hans, "en": tc.en}[lang]
				if !strings.Contains(is.Details.Text, text) || is.Details.Text == "" {
					t.Errorf("text %q, want it to hold %q", is.Details.Text, text)
				}
				if lang == "zh-Hans" {
					if bad := englishIn(is.Details.Text, tc.path); len(bad) > 0 {
						t.Errorf("a zh-Hans text holds English %q: %q", bad, is.Details.Text)
					}
				}
				if a.status == http.StatusMethodNotAllowed && a.header.Get("Allow") == "" {
					t.Error("405 without Allow")
				}
			})
		}
	}
}

// TestFHIRPublicReads checks that a platform open to reads (-demo) serves
// the FHIR reads without a token, the subject defaulting to its default
// division.
func TestFHIRPublicReads(t *testing.T) {
	h := newHarness(t, openTestSQLite(t), func(c *config) {
		c.PublicReads = true
		c.DefaultDivision = healthedu.MustParseDivisionCode("3715")
	})
	seedFHIR(h)
	h.fhirGet("/fhir/Measure", "", 200)
	var mr struct {
		Subject struct{ Identifier struct{ Value string } }
	}
	h.fhirGet("/fhir/Measure/child-health-management-rate/$evaluate-measure?periodStart=2025-12&periodEnd=2025-12", "", 200).json(t, &mr)
	if mr.Subject.Identifier.Value != "371500000000" {
		t.Errorf("subject %q, want the default division", mr.Subject.Identifier.Value)
	}
	h.fhirGet("/fhir/Measure/child-health-management-rate/$evaluate-measure?periodStart=2025-12&periodEnd=2025-12&subject=37", "", 200)
}

func TestFHIRPeriod(t *testing.T) {
	tests := []struct {
		start, end string
		want       string
		bad        int
	}{
		{"2025-10-01", "2025-10-31", "202510", 0},
		{"2025-10", "2025-10", "202510", 0},
		{"2024-02-01", "2024-02-29", "202402", 0},
		{"2025-01-01", "2025-03-31", "2025Q1", 0},
		{"2025-07", "2025-12", "2025S2", 0},
		{"2025", "2025", "2025", 0},
		{"2025-01-01", "2025-12-31", "2025", 0},
		{"2025-01", "2025", "2025", 0},
		{"2025-02-01", "2025-02-29", "", 2},
		{"2025-13", "2025-13", "", 1},
		{"25-01-01", "2025-01-31", "", 1},
		{"2025-10-01", "2025-10-30", "", 3},
		{"2025-10-01", "2025-11-30", "", 3}, // two months
		{"2025-11-01", "2026-01-31", "", 3}, // a quarter out of step
		{"2025-01-01", "2026-12-31", "", 3},
		{"1899-01", "1899-01", "", 3},
	}
	for _, tc := range tests {
		p, bad := fhirPeriod(tc.start, tc.end)
		got := ""
		if p.IsValid() {
			got = p.String()
		}
		if got != tc.want || bad != tc.bad {
			t.Errorf("fhirPeriod(%q, %q) = %q, %d; want %q, %d", tc.start, tc.end, got, bad, tc.want, tc.bad)
		}
	}
}

// FuzzFHIRPeriod checks that any pair of dates gives a period that runs
// exactly from the first day of the one to the last day of the other, or
// none, without panicking.
func FuzzFHIRPeriod(f *testing.F) {
	for _, s := range [][2]string{{"2025-10-01", "2025-10-31"}, {"2025", "2025"}, {"2025-07", "2025-12"}, {"2025-02-30", "x"}, {"9999-12", "9999-12-31"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, start, end string) {
		p, bad := fhirPeriod(start, end)
		if bad != 0 {
			if p.IsValid() {
				t.Errorf("a period %s with bad %d", p, bad)
			}
			return
		}
		from, _, ok1 := fhirDay(start)
		_, until, ok2 := fhirDay(end)
		if !ok1 || !ok2 || !p.Start().Equal(from) || !p.End().Equal(until) {
			t.Errorf("fhirPeriod(%q, %q) = %s, which does not run from %v to %v", start, end, p, from, until)
		}
	})
}
