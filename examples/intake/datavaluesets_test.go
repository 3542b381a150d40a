package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators/dhis2"
)

// dvsPath is the path of DHIS2's import.
const dvsPath = "/api/dataValueSets"

// dvsJSON returns a dataValueSets document under the identity mapping
// (scheme CODE) of the values, given as orgUnit, period, dataElement,
// value quadruples.
func dvsJSON(values ...string) []byte {
	type dv struct {
		DataElement string `json:"dataElement"`
		Period      string `json:"period"`
		OrgUnit     string `json:"orgUnit"`
		Value       string `json:"value"`
	}
	doc := struct {
		IDScheme   string `json:"idScheme"`
		DataValues []dv   `json:"dataValues"`
	}{IDScheme: "CODE", DataValues: []dv{}}
	for i := 0; i+3 < len(values); i += 4 {
		doc.DataValues = append(doc.DataValues, dv{values[i+2], values[i+1], values[i], values[i+3]})
	}
	b, _ := json.Marshal(doc)
	return b
}

// dvsAnswer is the part of the answer of an import that the tests check.
type dvsAnswer struct {
	HTTPStatusCode int    `json:"httpStatusCode"`
	Status         string `json:"status"`
	Response       struct {
		ResponseType  string         `json:"responseType"`
		Status        string         `json:"status"`
		ImportCount   dvsImportCount `json:"importCount"`
		ImportOptions struct {
			DryRun         bool   `json:"dryRun"`
			ImportStrategy string `json:"importStrategy"`
		} `json:"importOptions"`
		Conflicts []dvsConflict `json:"conflicts"`
	} `json:"response"`
}

// postDVS posts body to path with token and returns the answer decoded,
// checking that it is the WebMessage its status says, and valid against
// openapi.json.
func (h *harness) postDVS(path, token string, body []byte, contentType string, headers ...string) (answer, dvsAnswer) {
	h.t.Helper()
	ans := h.request("POST", path, token, body, append([]string{"Content-Type", contentType}, headers...)...)
	var a dvsAnswer
	if strings.HasPrefix(ans.header.Get("Content-Type"), "application/json") {
		ans.json(h.t, &a)
		if a.HTTPStatusCode != ans.status {
			h.t.Errorf("httpStatusCode %d in an answer %d", a.HTTPStatusCode, ans.status)
		}
		checkSchema(h.t.(*testing.T), "DVSImportSummary", ans.body)
	}
	return ans, a
}

// storedValues returns the values of the stored monthly report of id, as
// element=value, or nil when there is none.
func (h *harness) storedValues(id string) []string {
	h.t.Helper()
	for _, sr := range h.stored() {
		if sr.Kind != healthedu.KindMonthlyReport || sr.ID != id {
			continue
		}
		rec, err := decodeStored(&sr)
		if err != nil {
			h.t.Fatal(err)
		}
		var out []string
		for _, v := range rec.(*healthedu.MonthlyReport).Values {
			out = append(out, v.Element+"="+v.Value.String())
		}
		return out
	}
	return nil
}

const gulouReport = "dhis2-371502001000-202511"

func TestDataValueSetsStrategies(t *testing.T) {
	h := newHarness(t, openTestSQLite(t))
	const gulou = "371502001000"
	// A first import creates the report.
	_, a := h.postDVS(dvsPath, tokenGulou, dvsJSON(gulou, "202511", "lectures", "4", gulou, "202511", "children-0-6", "100"), "application/json")
	if a.Response.Status != "SUCCESS" || a.Response.ImportCount != (dvsImportCount{Imported: 2}) {
		t.Fatalf("first import: %+v", a)
	}
	steps := []struct {
		name, query string
		body        []byte
		want        dvsImportCount
		values      []string
	}{
		{"the same again", "", dvsJSON(gulou, "202511", "lectures", "4"), dvsImportCount{Ignored: 1}, []string{"children-0-6=100", "lectures=4"}},
		{"CREATE leaves the stored alone", "?importStrategy=CREATE",
			dvsJSON(gulou, "202511", "lectures", "9", gulou, "202511", "pushes", "3"), dvsImportCount{Imported: 1, Ignored: 1},
			[]string{"children-0-6=100", "lectures=4", "pushes=3"}},
		{"UPDATE creates nothing", "?importStrategy=update",
			dvsJSON(gulou, "202511", "lectures", "5", gulou, "202511", "consultations", "2"), dvsImportCount{Updated: 1, Ignored: 1},
			[]string{"children-0-6=100", "lectures=5", "pushes=3"}},
		{"CREATE_AND_UPDATE", "?importStrategy=CREATE_AND_UPDATE",
			dvsJSON(gulou, "202511", "lectures", "6", gulou, "202511", "consultations", "2"), dvsImportCount{Imported: 1, Updated: 1},
			[]string{"children-0-6=100", "consultations=2", "lectures=6", "pushes=3"}},
		{"DELETE some", "?importStrategy=DELETE",
			dvsJSON(gulou, "202511", "lectures", "0", gulou, "202511", "population", "1"), dvsImportCount{Deleted: 1, Ignored: 1},
			[]string{"children-0-6=100", "consultations=2", "pushes=3"}},
		{"DELETE the rest deletes the report", "?importStrategy=DELETE",
			dvsJSON(gulou, "202511", "children-0-6", "1", gulou, "202511", "consultations", "2", gulou, "202511", "pushes", "3"), dvsImportCount{Deleted: 3},
			nil},
		{"UPDATE of no report", "?importStrategy=UPDATE", dvsJSON(gulou, "202511", "lectures", "1"), dvsImportCount{Ignored: 1}, nil},
	}
	for _, s := range steps {
		ans, a := h.postDVS(dvsPath+s.query, tokenGulou, s.body, "application/json")
		if ans.status != 200 {
			t.Fatalf("%s: %d %s", s.name, ans.status, ans.body)
		}
		if diff := cmp.Diff(s.want, a.Response.ImportCount); diff != "" {
			t.Errorf("%s: counts (-want +got):\n%s", s.name, diff)
		}
		if diff := cmp.Diff(s.values, h.storedValues(gulouReport)); diff != "" {
			t.Errorf("%s: stored values (-want +got):\n%s", s.name, diff)
		}
	}
}

func TestDataValueSetsCSVAndDryRun(t *testing.T) {
	h := newHarness(t, openTestSQLite(t))
	csv := "dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value\n" +
		"lectures,202511,371502001000,,,4\n" +
		"children-0-6,202511,371502001000,,,100\n"
	for _, ct := range []string{"application/csv", "text/csv; charset=utf-8"} {
		ans, a := h.postDVS(dvsPath+"?dryRun=true&idScheme=CODE", tokenGulou, []byte(csv), ct)
		if ans.status != 200 || a.Response.ImportCount != (dvsImportCount{Imported: 2}) || !a.Response.ImportOptions.DryRun {
			t.Fatalf("%s dry run: %d %s", ct, ans.status, ans.body)
		}
		if n := h.count(); n != 0 {
			t.Fatalf("a dry run stored %d records", n)
		}
	}
	// The document's own dryRun takes precedence over the request's.
	doc := strings.Replace(string(dvsJSON("371502001000", "202511", "lectures", "4")), `{`, `{"dryRun":true,`, 1)
	if _, a := h.postDVS(dvsPath+"?dryRun=false", tokenGulou, []byte(doc), "application/json"); !a.Response.ImportOptions.DryRun || h.count() != 0 {
		t.Fatalf("the document's dryRun was not taken: %+v, %d stored", a, h.count())
	}
	ans, a := h.postDVS(dvsPath+"?idScheme=CODE", tokenGulou, []byte(csv), "application/csv")
	if ans.status != 200 || a.Response.ImportCount != (dvsImportCount{Imported: 2}) {
		t.Fatalf("CSV: %d %s", ans.status, ans.body)
	}
	if diff := cmp.Diff([]string{"children-0-6=100", "lectures=4"}, h.storedValues(gulouReport)); diff != "" {
		t.Errorf("stored (-want +got):\n%s", diff)
	}
}

func TestDataValueSetsRefusals(t *testing.T) {
	h := newHarness(t, openTestSQLite(t))
	body := dvsJSON("371502001000", "202511", "lectures", "4")
	for _, tc := range []struct {
		name, path, token, contentType string
		body                           []byte
		status                         int
		code                           string
	}{
		{"async", dvsPath + "?async=true", tokenGulou, "application/json", body, 400, codeDVSAsync},
		{"strategy", dvsPath + "?importStrategy=MERGE", tokenGulou, "application/json", body, 400, codeDVSStrategy},
		{"XML", dvsPath, tokenGulou, "application/xml", body, 415, codeContentType},
		{"no token", dvsPath, "", "application/json", body, 401, codeUnauthorized},
		{"a reader", dvsPath, tokenReader, "application/json", body, 403, codeRole},
		// The request's scheme against the mapping's (CODE): the library refuses.
		{"request scheme", dvsPath + "?idScheme=UID&dataElementIdScheme=UID&orgUnitIdScheme=UID", tokenGulou, "application/json",
			[]byte(`{"dataValues":[{"dataElement":"lectures","period":"202511","orgUnit":"371502001000","value":"4"}]}`), 400, ""},
		{"payload scheme", dvsPath + "?idScheme=CODE", tokenGulou, "application/json",
			[]byte(`{"dataElementIdScheme":"UID","dataValues":[]}`), 400, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ans := h.request("POST", tc.path, tc.token, tc.body, "Content-Type", tc.contentType)
			if ans.status != tc.status {
				t.Fatalf("%d, want %d: %s", ans.status, tc.status, ans.body)
			}
			if code := ans.problemCode(t); tc.code != "" && code != tc.code {
				t.Errorf("code %s, want %s", code, tc.code)
			}
		})
	}
	if n := h.count(); n != 0 {
		t.Errorf("%d records stored by refused requests", n)
	}
}

func TestDataValueSetsScopeLocksApproval(t *testing.T) {
	h := withApprovers(newHarness(t, openTestSQLite(t), func(c *config) { c.LockDays = 10 }))
	// 202512 is open (locks on 2026-01-10), 202511 locked on 2025-12-10.
	ans, a := h.postDVS(dvsPath, tokenGulou, dvsJSON(
		"371502001000", "202512", "lectures", "4",
		"371502002000", "202512", "lectures", "5", // 柳园街道, outside 古楼's division
		"371502001000", "202511", "lectures", "6",
		"371502001000", "202512", "unknown-element", "1",
	), "application/json")
	if ans.status != 409 || a.Status != "WARNING" || a.Response.Status != "WARNING" {
		t.Fatalf("%d %s", ans.status, ans.body)
	}
	if diff := cmp.Diff(dvsImportCount{Imported: 1, Ignored: 3}, a.Response.ImportCount); diff != "" {
		t.Errorf("counts (-want +got):\n%s", diff)
	}
	var codes []string
	for _, c := range a.Response.Conflicts {
		codes = append(codes, c.ErrorCode+" "+c.Object)
	}
	slices.Sort(codes)
	want := []string{"E7610 unknown-element", "E7617 371502002000", "E7640 202511"}
	if diff := cmp.Diff(want, codes); diff != "" {
		t.Errorf("conflicts (-want +got):\n%s", diff)
	}

	// Submitted for approval, 古楼's December is locked to 古楼 (approval.locked).
	h.tick()
	if ans := h.request("POST", "/v1/approvals", tokenGulou, []byte(`{"division":"371502001","period":"202512","dataSet":"monthlyReport","action":"submit"}`),
		"Content-Type", "application/json"); ans.status != 200 {
		t.Fatalf("submit: %d %s", ans.status, ans.body)
	}
	ans, a = h.postDVS(dvsPath, tokenGulou, dvsJSON("371502001000", "202512", "lectures", "7"), "application/json")
	if ans.status != 409 || a.Response.Status != "ERROR" || len(a.Response.Conflicts) != 1 || a.Response.Conflicts[0].ErrorCode != "E7642" {
		t.Fatalf("approval-locked: %d %s", ans.status, ans.body)
	}
	if diff := cmp.Diff([]string{"lectures=4"}, h.storedValues("dhis2-371502001000-202512")); diff != "" {
		t.Errorf("stored (-want +got):\n%s", diff)
	}
	// Everything outside the token's division: nothing to store, ERROR.
	ans, a = h.postDVS(dvsPath, tokenGulou, dvsJSON("371502002000", "202512", "lectures", "5"), "application/json")
	if ans.status != 409 || a.Response.Status != "ERROR" || a.Response.ImportCount != (dvsImportCount{Ignored: 1}) {
		t.Fatalf("outside: %d %s", ans.status, ans.body)
	}
}

func TestDataValueSetsIdempotency(t *testing.T) {
	h := newHarness(t, openTestSQLite(t))
	body := dvsJSON("371502001000", "202511", "lectures", "4")
	first, _ := h.postDVS(dvsPath, tokenGulou, body, "application/json", "Idempotency-Key", "batch-1")
	again, a := h.postDVS(dvsPath, tokenGulou, body, "application/json", "Idempotency-Key", "batch-1")
	if again.header.Get("Idempotent-Replayed") != "true" || string(again.body) != string(first.body) || a.Response.ImportCount.Imported != 1 {
		t.Fatalf("not replayed: %s / %s", first.body, again.body)
	}
	other := h.request("POST", dvsPath, tokenGulou, dvsJSON("371502001000", "202511", "lectures", "5"), "Content-Type", "application/json", "Idempotency-Key", "batch-1")
	if other.status != 422 || other.problemCode(t) != codeIdempotencyReused {
		t.Fatalf("reused key: %d %s", other.status, other.body)
	}
}

// TestDataValueSetsDocumentedExample posts DHIS2's documented bulk example
// as it is, through the mapping of its demo identifiers.
func TestDataValueSetsDocumentedExample(t *testing.T) {
	f, err := os.Open(filepath.Join("..", "..", "indicators", "dhis2", "testdata", "mapping-demo.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m, err := dhis2.LoadMapping(f)
	if err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, openTestSQLite(t), func(c *config) { c.DHIS2 = m })
	body, err := os.ReadFile(filepath.Join("..", "..", "indicators", "dhis2", "testdata", "datavalueset-bulk.json"))
	if err != nil {
		t.Fatal(err)
	}
	ans, a := h.postDVS(dvsPath, tokenCity, body, "application/json")
	if ans.status != 409 || a.Response.Status != "WARNING" {
		t.Fatalf("%d %s", ans.status, ans.body)
	}
	if diff := cmp.Diff(dvsImportCount{Imported: 3, Ignored: 1}, a.Response.ImportCount); diff != "" {
		t.Errorf("counts (-want +got):\n%s", diff)
	}
	if len(a.Response.Conflicts) != 1 || a.Response.Conflicts[0].ErrorCode != "E7612" || a.Response.Conflicts[0].Object != "Jkhdsf8sdf4" {
		t.Errorf("conflicts: %+v", a.Response.Conflicts)
	}
	if diff := cmp.Diff([]string{"lectures=12"}, h.storedValues("dhis2-371502001000-201401")); diff != "" {
		t.Errorf("stored (-want +got):\n%s", diff)
	}
}

// TestDataValueSetsConcurrentMerge posts imports of different elements
// into one township's month at once: each merges into the stored report,
// and none may start from the report as it was before another, or the
// values it stored would be lost.
func TestDataValueSetsConcurrentMerge(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, open func(testing.TB) store) {
		h := newHarness(t, open(t))
		const gulou = "371502001000"
		elements := []string{"lectures", "pushes", "consultations", "printed-materials", "bulletin-board-updates", "health-instructors"}
		var wg sync.WaitGroup
		statuses := make([]int, len(elements))
		for i, e := range elements {
			wg.Go(func() {
				ans := h.request("POST", dvsPath, tokenGulou, dvsJSON(gulou, "202511", e, strconv.Itoa(i+1)), "Content-Type", "application/json")
				statuses[i] = ans.status
				if ans.status != 200 {
					t.Logf("%s: %s", e, ans.body)
				}
			})
		}
		wg.Wait()
		var want []string
		for i, e := range elements {
			if statuses[i] != 200 {
				t.Errorf("import of %s: %d", e, statuses[i])
			}
			want = append(want, e+"="+strconv.Itoa(i+1))
		}
		slices.Sort(want)
		if diff := cmp.Diff(want, h.storedValues(gulouReport)); diff != "" {
			t.Errorf("stored values (-want +got):\n%s", diff)
		}
	})
}
