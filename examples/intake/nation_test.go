package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/jackc/pgx/v5"

	"github.com/jiceng/jiceng/examples/intake/internal/wire"
	"github.com/jiceng/jiceng/examples/internal/httpapi/httpapitest"
	"github.com/jiceng/jiceng/examples/internal/reports"
	"github.com/jiceng/jiceng/examples/internal/synth"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
)

// The provinces of the federation test, two counties each, generated for
// the fourth quarter of 2025.
var nationProvinces = []struct {
	province string
	counties []string
}{
	{"37", []string{"371524", "371526"}}, // 山东: 东阿县, 高唐县
	{"52", []string{"522324", "522325"}}, // 贵州: 晴隆县, 贞丰县
}

// startIntake runs the intake with args as main does and returns its base
// URL; it stops when the test ends.
func startIntake(t *testing.T, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	var stdout, stderr httpapitest.Buffer
	ready := make(chan string, 1)
	go func() { done <- run(ctx, args, &stdout, &stderr, ready) }()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	select {
	case addr := <-ready:
		return "http://" + addr
	case code := <-done:
		t.Fatalf("run exited with %d: %s", code, stderr.String())
	case <-time.After(60 * time.Second):
		t.Fatal("the server did not start")
	}
	return ""
}

// postgresSchemaURL returns the URL of a PostgreSQL schema of its own for
// the test, dropped after it.
func postgresSchemaURL(t *testing.T) string {
	base := postgresURL(t)
	ctx := context.Background()
	var b [6]byte
	rand.Read(b[:])
	schema := "intake_nation_" + hex.EncodeToString(b[:])
	admin, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatalf("connecting to %s: %v", envPostgres, err)
	}
	if _, err := admin.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		admin.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE")
		admin.Close(ctx)
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// call sends a request and returns the answer's status and body.
func call(t *testing.T, method, u, token, contentType string, body []byte) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, u, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

// exactIndicators are the indicators of the default catalogue whose
// figures at the national platform, fed the provinces' county-level data
// values, must equal those computed from the raw records at once: those
// made of the elements of monthly reports only. The others cannot be:
//
//   - report-completeness and report-timeliness count reports received
//     per reporting unit, a township in a province and a county at the
//     nation, and the nation receives one report per county and month,
//     when the province pushes (its receipts are not exported);
//   - the figures of records that are no elements of monthly reports —
//     activities held, person-times, health cells, literacy, the register
//     of people — are not exported (the lecture requests' are elements,
//     derived as the intake derives them, and compared);
//   - coverage (Result.Coverage) counts counties at the nation and
//     townships in the raw computation.
func exactIndicators(cat *indicators.Catalogue) []*indicators.Indicator {
	elements := healthedu.DefaultElements()
	var out []*indicators.Indicator
	for _, ind := range cat.Indicators() {
		ok := len(ind.Numerator().Terms())+len(ind.Denominator().Terms()) > 0
		for _, term := range append(ind.Numerator().Terms(), ind.Denominator().Terms()...) {
			if _, in := elements.Lookup(term.Element); !in || term.Category != "" {
				ok = false
			}
		}
		if ok {
			out = append(out, ind)
		}
	}
	return out
}

// TestNationFromProvinces runs two provincial platforms on SQLite and a
// national one on PostgreSQL whose reporting units are counties; each
// province pushes its county-level data values for 2025Q4 through
// POST /api/dataValueSets, and the national figures of the provinces and
// their counties equal, numerator, denominator and value, those computed
// from both provinces' raw records at once.
func TestNationFromProvinces(t *testing.T) {
	natDB := postgresSchemaURL(t)
	start := time.Now()
	dir := t.TempDir()
	key := hex.EncodeToString(testKey)
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	natTokens := "token,division,role\n"
	type province struct {
		code, url, token, natToken string
		records                    []healthedu.Record
	}
	var provinces []*province
	for _, p := range nationProvinces {
		pr := &province{code: p.province, token: "province-token-" + p.province + "-submit", natToken: "nation-token-" + p.province + "-submitter"}
		natTokens += pr.natToken + "," + p.province + ",submitter\n"
		tokens := write("tokens-"+p.province+".csv", "token,division,role\n"+pr.token+","+p.province+",submitter\n")
		pr.url = startIntake(t, "-addr", "127.0.0.1:0", "-db", filepath.Join(dir, p.province+".db"), "-tokens", tokens, "-key", key, "-lock-days", "0")
		provinces = append(provinces, pr)
	}
	nation := startIntake(t, "-addr", "127.0.0.1:0", "-db", natDB, "-tokens", write("tokens-nation.csv", natTokens),
		"-key", key, "-lock-days", "0", "-reporting-level", "county")
	t.Logf("three platforms started in %v", time.Since(start).Round(time.Millisecond))

	// Submit the raw records to each province, keeping them for the
	// computation at once.
	var all []healthedu.Record
	generated := time.Now()
	nRecords := 0
	for i, pr := range provinces {
		for _, county := range nationProvinces[i].counties {
			opts := synth.Options{Under: healthedu.MustParseDivisionCode(county), Months: 3, End: healthedu.MustParsePeriod("202512"), Seed: 15}
			var body bytes.Buffer
			if err := synth.WriteNDJSON(&body, opts); err != nil {
				t.Fatal(err)
			}
			if err := synth.Generate(opts, func(r healthedu.Record) error { pr.records = append(pr.records, r); return nil }); err != nil {
				t.Fatal(err)
			}
			status, b := call(t, "POST", pr.url+"/v1/submissions", pr.token, ndjsonType, body.Bytes())
			var sm wire.ImportSummary
			json.Unmarshal(b, &sm)
			if status != 200 || sm.Rejected != 0 {
				t.Fatalf("submitting %s: %d, %d rejected: %.2000s", county, status, sm.Rejected, b)
			}
			nRecords += sm.Records
		}
		all = append(all, pr.records...)
	}
	t.Logf("%d raw records submitted to the provinces in %v", nRecords, time.Since(generated).Round(time.Millisecond))

	// Each province pushes its counties' data values to the nation.
	pushed := time.Now()
	nValues := 0
	for _, pr := range provinces {
		status, doc := call(t, "GET", pr.url+"/api/dataValueSets?orgUnit="+pr.code+"&period=2025Q4&children=true", pr.token, "", nil)
		if status != 200 {
			t.Fatalf("export of %s: %d %s", pr.code, status, doc)
		}
		status, b := call(t, "POST", nation+"/api/dataValueSets", pr.natToken, "application/json", doc)
		var a dvsAnswer
		json.Unmarshal(b, &a)
		if status != 200 || a.Response.Status != "SUCCESS" || a.Response.ImportCount.Imported == 0 {
			t.Fatalf("push of %s: %d %.2000s", pr.code, status, b)
		}
		nValues += a.Response.ImportCount.Imported
	}
	t.Logf("%d county-level data values pushed to the nation in %v", nValues, time.Since(pushed).Round(time.Millisecond))

	// The figures at once, from every raw record, townships reporting.
	cat := indicators.DefaultCatalogue()
	inds := exactIndicators(cat)
	now := time.Now()
	raw := indicators.NewStore(cat)
	if err := raw.AddRecords(all, indicators.RecordOptions{Now: now}); err != nil {
		t.Logf("raw records the indicators skip: %v", firstError(err))
	}
	// The register of people and the lecture requests, as the intake and
	// "jiceng indicators" derive them.
	extra, err := reports.FigureValues(all, reports.FigureOptions{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range extra {
		if err := raw.Add(v); err != nil {
			t.Fatal(err)
		}
	}
	var divisions []healthedu.DivisionCode
	for _, p := range nationProvinces {
		divisions = append(divisions, healthedu.MustParseDivisionCode(p.province))
		for _, c := range p.counties {
			divisions = append(divisions, healthedu.MustParseDivisionCode(c))
		}
	}
	results, err := raw.Compute(indicators.Query{Indicators: inds, Divisions: divisions, Period: healthedu.MustParsePeriod("2025Q4"), Now: now, DeadlineDay: indicators.DefaultDeadlineDay})
	if err != nil {
		t.Fatal(err)
	}
	type figure struct {
		Numerator, Denominator *int64
		Value                  *string
	}
	want := make(map[string]figure)
	for _, res := range results {
		r := wire.NewIndicatorRow(res, "", "", nil)
		want[r.Indicator+" "+res.Division.Short()] = figure{r.Numerator, r.Denominator, r.Value}
	}

	got := make(map[string]figure)
	var codes []string
	for _, ind := range inds {
		codes = append(codes, ind.Code())
	}
	for _, pr := range provinces {
		for _, level := range []string{"province", "county"} {
			q := url.Values{"under": {pr.code}, "level": {level}, "period": {"2025Q4"}, "indicators": {strings.Join(codes, ",")}}
			status, b := call(t, "GET", nation+"/v1/indicators?"+q.Encode(), pr.natToken, "", nil)
			if status != 200 {
				t.Fatalf("national figures of %s: %d %s", pr.code, status, b)
			}
			var a wire.Indicators
			if err := json.Unmarshal(b, &a); err != nil {
				t.Fatal(err)
			}
			for _, r := range a.Rows {
				got[r.Indicator+" "+r.Division.Short()] = figure{r.Numerator, r.Denominator, r.Value}
			}
		}
	}
	withValue := 0
	for k, w := range want {
		if w.Value != nil {
			withValue++
		}
		if diff := cmp.Diff(w, got[k]); diff != "" {
			t.Errorf("%s: national figure (-raw +nation):\n%s", k, diff)
		}
	}
	if withValue < len(want)/2 {
		t.Errorf("only %d of %d figures have a value: the test compares too little", withValue, len(want))
	}
	t.Logf("%d figures compared (%d with a value) for %d indicators; whole test %v", len(want), withValue, len(inds), time.Since(start).Round(time.Millisecond))
	for _, k := range []string{"child-health-management-rate 37", "lectures-per-institution 52"} {
		if f := want[k]; f.Value != nil {
			t.Logf("%s: %d / %d = %s", k, *f.Numerator, *f.Denominator, *f.Value)
		}
	}
	// The roll-up is exact where it is not trivially so: some townships
	// sent only part of the quarter's reports (a county's monthly sum of
	// its townships would then differ from the raw figures).
	months := make(map[healthedu.DivisionCode]map[healthedu.Period]bool)
	for _, r := range all {
		if mr, ok := r.(*healthedu.MonthlyReport); ok && healthedu.MustParsePeriod("2025Q4").ContainsPeriod(mr.Period) {
			if months[mr.Division] == nil {
				months[mr.Division] = make(map[healthedu.Period]bool)
			}
			months[mr.Division][mr.Period] = true
		}
	}
	partial := 0
	for _, ms := range months {
		if len(ms) < 3 {
			partial++
		}
	}
	if partial == 0 {
		t.Errorf("every one of the %d townships reported the whole quarter: the test does not exercise the alignment", len(months))
	}
	t.Logf("%d townships, %d of them with part of the quarter's reports", len(months), partial)
}
