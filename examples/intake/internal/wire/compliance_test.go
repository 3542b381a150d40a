package wire

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/jiceng/jiceng/compliance"
	"github.com/jiceng/jiceng/healthedu"
)

// TestNewCompliance checks the members of a compliance answer, as the
// command writes them too: the top level, an institution's (its issues
// with their messages in place of the library's, whether it is
// compliant), and empty lists written as [].
func TestNewCompliance(t *testing.T) {
	code, err := healthedu.ParseCreditCode("12371502MB2854366G")
	if err != nil {
		t.Fatal(err)
	}
	centre := healthedu.Organizer{CreditCode: code, Name: "堂邑镇卫生院", Type: "township-health-center"}
	start := time.Date(2025, 3, 10, 9, 0, 0, 0, healthedu.ChinaStandardTime)
	acts := []*healthedu.Activity{{Header: healthedu.Header{ID: "L-1"}, Organizer: centre, Form: healthedu.FormLecture, Start: start, End: start.Add(time.Hour)}}
	now := time.Date(2025, 4, 2, 1, 0, 0, 0, time.UTC)
	results, err := compliance.Check(slices.Values(acts), compliance.Options{Year: healthedu.YearPeriod(2025), Now: now})
	if err != nil {
		t.Fatal(err)
	}
	under := healthedu.MustParseDivisionCode("371521")
	a := NewCompliance(healthedu.YearPeriod(2025), now, under, "阳谷县", nil, results, healthedu.English)
	b, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Period       string            `json:"period"`
		AsOf         string            `json:"asOf"`
		Under        map[string]string `json:"under"`
		Norms        map[string]any    `json:"norms"`
		Institutions []map[string]any  `json:"institutions"`
		Summary      map[string]int    `json:"summary"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	var top map[string]json.RawMessage
	json.Unmarshal(b, &top)
	if diff := cmp.Diff([]string{"asOf", "institutions", "norms", "period", "summary", "under"}, sortedKeys(top)); diff != "" {
		t.Errorf("members (-want +got):\n%s", diff)
	}
	if doc.Period != "2025" || doc.AsOf != "2025-04-02T09:00:00+08:00" {
		t.Errorf("period %q, asOf %q", doc.Period, doc.AsOf)
	}
	if diff := cmp.Diff(map[string]string{"division": "371521000000", "name": "阳谷县"}, doc.Under); diff != "" {
		t.Errorf("under (-want +got):\n%s", diff)
	}
	if src, _ := doc.Norms["source"].(map[string]any); src["title"] != "国家基本公共卫生服务规范（第三版）" {
		t.Errorf("norms' source %v", doc.Norms["source"])
	}
	if diff := cmp.Diff(map[string]int{"institutions": 1, "compliant": 0, "notCompliant": 1}, doc.Summary); diff != "" {
		t.Errorf("summary (-want +got):\n%s", diff)
	}
	in := doc.Institutions[0]
	want := []string{"activities", "boards", "class", "compliant", "creditCode", "issues", "measures", "monthsOver", "name", "type", "year"}
	if diff := cmp.Diff(want, sortedKeys(in)); diff != "" {
		t.Errorf("institution members (-want +got):\n%s", diff)
	}
	issues, _ := in["issues"].([]any)
	first, _ := issues[0].(map[string]any)
	if first["code"] != "compliance.printedKinds" || !strings.Contains(first["message"].(string), "kinds of printed materials") {
		t.Errorf("first issue %v", first)
	}
	if boards, ok := in["boards"].([]any); !ok || len(boards) != 0 {
		t.Errorf("boards %v, want []", in["boards"])
	}

	empty, _ := json.Marshal(NewCompliance(healthedu.YearPeriod(2025), now, under, "阳谷县", nil, nil, healthedu.ZhHans))
	if !strings.Contains(string(empty), `"institutions":[]`) {
		t.Errorf("no institutions: %s", empty)
	}
}

func sortedKeys[V any](m map[string]V) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}
