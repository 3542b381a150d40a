package wire

import (
	"encoding/json"
	"os"
	"reflect"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/jiceng/jiceng/examples/internal/reports"
	"github.com/jiceng/jiceng/ledger"
)

// TestWeeklyMembersAsOpenAPI checks the members of the weekly dispatch's
// types against their schemas in openapi.json, as TestMembersAsOpenAPI
// does for the others: the same members, and each required one always
// written.
func TestWeeklyMembersAsOpenAPI(t *testing.T) {
	b, err := os.ReadFile("../../openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Components struct {
			Schemas map[string]any `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		v      any
		schema string
	}{
		{Weekly{}, "WeeklyReport"},
		{reports.Weekly{}, "WeeklyReport"},
		{Result{}, "Result"},
		{ledger.OverdueReport{}, "WeeklyReport/overdueReports/items"},
		{ledger.ItemLine{}, "WeeklyItem"},
		{ledger.Source{}, "WeeklyItem/source"},
		{ledger.Finding{}, "WeeklyItem/finding"},
		{ledger.Owner{}, "WeeklyItem/owner"},
		{ledger.ActivitySummary{}, "WeeklyReport/activities"},
		{ledger.FormCount{}, "WeeklyReport/activities/byForm/items"},
		{reports.WeeklyNames{}, "WeeklyReport/names"},
	}
	for _, tc := range tests {
		typ := reflect.TypeOf(tc.v)
		t.Run(typ.String(), func(t *testing.T) {
			sch := schemaAt(t, doc.Components.Schemas, tc.schema)
			var props []string
			for name := range sch["properties"].(map[string]any) {
				props = append(props, name)
			}
			members := jsonMembers(typ)
			var names []string
			for name := range members {
				names = append(names, name)
			}
			slices.Sort(props)
			slices.Sort(names)
			if diff := cmp.Diff(props, names); diff != "" {
				t.Errorf("members (-openapi.json +Go):\n%s", diff)
			}
			req, _ := sch["required"].([]any)
			for _, r := range req {
				if omitted, ok := members[r.(string)]; ok && omitted {
					t.Errorf("member %s is required, and the Go type may leave it out", r)
				}
			}
		})
	}
}
