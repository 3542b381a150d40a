package wire

import (
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/jiceng/jiceng/examples/internal/httpapi"
	"github.com/jiceng/jiceng/examples/internal/synth"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
)

// TestNewIndicatorRowIsResultJSON computes every indicator of the
// catalogue, and of the catalogue with every target of at least raised to
// 99 (so that some are missed), over the synthetic 东阿县 371524, for the
// county, its townships and a county without records, over months,
// quarters, half-years, a year and a month without records, and checks
// that each row's members up to gap are exactly what
// indicators.Result.MarshalJSON writes, followed by the names and the flag
// issues.
func TestNewIndicatorRowIsResultJSON(t *testing.T) {
	under := healthedu.MustParseDivisionCode("371524")
	end := healthedu.MustParsePeriod("202510")
	var records []healthedu.Record
	if err := synth.Generate(synth.Options{Under: under, Months: 3, End: end, Seed: 7}, func(r healthedu.Record) error {
		records = append(records, r)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	now := end.Next().End()
	cat := indicators.DefaultCatalogue()
	f := cat.File()
	for i, def := range f.Indicators {
		if def.Target != nil && def.Target.Direction == indicators.AtLeast && def.Target.PeriodType == 0 {
			target := *def.Target
			target.Value = "99"
			f.Indicators[i].Target = &target
		}
	}
	harder, err := indicators.NewCatalogue(f, healthedu.DefaultElements())
	if err != nil {
		t.Fatal(err)
	}
	reg := healthedu.DefaultRegistry()
	divisions := []healthedu.DivisionCode{under}
	divisions = append(divisions, indicators.DivisionsAt(reg, under, healthedu.LevelTownship)...)
	divisions = append(divisions, healthedu.MustParseDivisionCode("371502")) // without records

	seen := make(map[string]int) // what the rows showed, to check the test saw each case
	for _, cat := range []*indicators.Catalogue{cat, harder} {
		st := indicators.NewStore(cat)
		if err := st.AddRecords(records, indicators.RecordOptions{Now: now}); err != nil {
			t.Fatal(err)
		}
		for _, period := range []string{"202508", "202509", "202510", "2025Q3", "2025S2", "2025", "202601"} {
			results, err := st.Compute(indicators.Query{Indicators: cat.Indicators(), Divisions: divisions,
				Period: healthedu.MustParsePeriod(period), Now: now, DeadlineDay: 10,
				Reporters: indicators.Reporters{Level: healthedu.LevelTownship, Registry: reg}})
			if err != nil {
				t.Fatal(err)
			}
			for _, res := range results {
				lib, err := res.MarshalJSON()
				if err != nil {
					t.Fatal(err)
				}
				issues := []healthedu.LocalizedIssue{}
				for _, code := range res.Flags {
					issues = append(issues, healthedu.LocalizedIssue{Issue: healthedu.NewIssue(code, "", nil), Message: "m"})
				}
				row := NewIndicatorRow(res, "名<&>", "指标", issues)
				got, err := httpapi.Marshal(row)
				if err != nil {
					t.Fatal(err)
				}
				extra, _ := httpapi.Marshal(struct {
					DivisionName  string                     `json:"divisionName"`
					IndicatorName string                     `json:"indicatorName"`
					FlagIssues    []healthedu.LocalizedIssue `json:"flagIssues"`
				}{"名<&>", "指标", issues})
				want := string(bytes.TrimSuffix(lib, []byte("}"))) + "," + string(extra[1:])
				if diff := cmp.Diff(want, string(got)); diff != "" {
					t.Fatalf("%s of %s over %s (-Result.MarshalJSON +NewIndicatorRow):\n%s", res.Indicator.Code(), res.Division, period, diff)
				}
				seen["reason "+row.Reason]++
				seen["value "+strings.Repeat("null", boolInt(row.Value == nil))]++
				seen["target "+strings.Repeat("null", boolInt(row.Target == nil))]++
				if row.Met != nil {
					seen["met "+map[bool]string{true: "true", false: "false"}[*row.Met]]++
				}
				if row.TargetProrated {
					seen["prorated"]++
				}
				if len(row.Flags) > 0 {
					seen["flags"]++
				}
			}
		}
	}
	for _, c := range []string{"reason ", "reason no-data", "value ", "value null", "target ", "target null", "met true", "met false", "prorated"} {
		if seen[c] == 0 {
			t.Errorf("no row of the test shows %q: %v", c, seen)
		}
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestMembersAsOpenAPI checks each type's JSON members against its schema
// in the intake's openapi.json: the same members, and every member the
// schema requires written always (neither omitempty nor omitzero).
func TestMembersAsOpenAPI(t *testing.T) {
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
		schema string   // a schema's name, then the members and "items" down to the type's
		absent []string // members the schema describes and the API never sends
	}{
		{Division{}, "Division", nil},
		{Divisions{}, "Divisions", nil},
		{Indicators{}, "Indicators", nil},
		{IndicatorRow{}, "IndicatorRow", []string{"contributions"}},
		{Monthly{}, "MonthlyReport", nil},
		{MonthlyDivision{}, "MonthlyReport/divisions/items", nil},
		{MonthlyMissing{}, "MonthlyReport/notReported/items", nil},
		{MonthlyCounty{}, "MonthlyReport/notReportedByCounty/items", nil},
		{MonthlyIndicator{}, "MonthlyIndicator", nil},
		{ImportSummary{}, "ImportSummary", nil},
		{SummaryIssue{}, "Issue", nil},
		{httpapi.Problem{}, "Problem", nil},
		{LockState{}, "LockState", nil},
		{Locks{}, "Locks", nil},
		{Unlock{}, "Locks/unlocks/items", nil},
		{indicators.Coverage{}, "Coverage", nil},
		{healthedu.LocalizedIssue{}, "FlagIssue", nil},
		{Rectifications{}, "Rectifications", nil},
		{RectificationSummary{}, "Rectifications/summary", nil},
		{StatusCount{}, "Rectifications/summary/byStatus", nil},
		{Rectification{}, "Rectification", nil},
		{ProposedRectification{}, "ProposedRectification", nil},
	}
	for _, tc := range tests {
		typ := reflect.TypeOf(tc.v)
		t.Run(typ.Name(), func(t *testing.T) {
			sch := schemaAt(t, doc.Components.Schemas, tc.schema)
			var props []string
			for name := range sch["properties"].(map[string]any) {
				if !slices.Contains(tc.absent, name) {
					props = append(props, name)
				}
			}
			members := jsonMembers(typ)
			var names []string
			for name := range members {
				names = append(names, name)
			}
			if typ == reflect.TypeOf(healthedu.LocalizedIssue{}) {
				// An issue's line is never set on a flag.
				names = slices.DeleteFunc(names, func(n string) bool { return n == "line" })
			}
			slices.Sort(props)
			slices.Sort(names)
			if diff := cmp.Diff(props, names); diff != "" {
				t.Errorf("members (-openapi.json +Go):\n%s", diff)
			}
			for _, req := range sch["required"].([]any) {
				if omitted, ok := members[req.(string)]; ok && omitted {
					t.Errorf("member %s is required, and the Go type may leave it out", req)
				}
			}
		})
	}
	// RejectedProblem is a Problem and a required summary.
	rp := jsonMembers(reflect.TypeOf(RejectedProblem{}))
	if omitted, ok := rp["summary"]; !ok || omitted || len(rp) != len(jsonMembers(reflect.TypeOf(httpapi.Problem{})))+1 {
		t.Errorf("RejectedProblem's members: %v", rp)
	}
}

// schemaAt returns the schema at path: a schema's name, then member names
// and "items", following $refs.
func schemaAt(t *testing.T, schemas map[string]any, path string) map[string]any {
	t.Helper()
	parts := strings.Split(path, "/")
	sch := resolve(t, schemas, schemas[parts[0]])
	for _, p := range parts[1:] {
		if p == "items" {
			sch = resolve(t, schemas, sch["items"])
		} else {
			sch = resolve(t, schemas, sch["properties"].(map[string]any)[p])
		}
	}
	return sch
}

func resolve(t *testing.T, schemas map[string]any, v any) map[string]any {
	t.Helper()
	m, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("no schema: %v", v)
	}
	if ref, ok := m["$ref"].(string); ok {
		return resolve(t, schemas, schemas[strings.TrimPrefix(ref, "#/components/schemas/")])
	}
	return m
}

// jsonMembers returns the JSON member names of struct type typ, embedded
// structs' flattened, and whether each may be left out.
func jsonMembers(typ reflect.Type) map[string]bool {
	out := make(map[string]bool)
	for f := range typ.Fields() {
		tag := f.Tag.Get("json")
		if tag == "-" || !f.IsExported() {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
			for k, v := range jsonMembers(f.Type) {
				out[k] = v
			}
			continue
		}
		if name == "" {
			name = f.Name
		}
		out[name] = strings.Contains(opts, "omitempty") || strings.Contains(opts, "omitzero")
	}
	return out
}

// TestRoundTrip encodes a value of each type with every member set,
// decodes it and encodes it again: decoding loses nothing the API wrote.
func TestRoundTrip(t *testing.T) {
	cst := healthedu.ChinaStandardTime
	at := time.Date(2025, 11, 6, 12, 0, 0, 0, cst)
	code := healthedu.MustParseDivisionCode
	flag := healthedu.LocalizedIssue{Issue: healthedu.NewIssue("indicator.aboveMaximum", "", map[string]any{"value": "101.00"}), Message: "超过上限"}
	mi := MonthlyIndicator{
		Division: code("371502"), Name: "东昌府区", Indicator: "literacy-level", IndicatorName: "居民健康素养水平",
		Value: new("21.07"), Reason: "", Target: "25", TargetProrated: true, Direction: ">=", Met: new(false), Gap: "-3.93",
		Previous: new("20.50"), Change: new("0.57"), Coverage: indicators.Coverage{Reporting: 3, Expected: 4},
		Flags: []string{"indicator.aboveMaximum"}, FlagIssues: []healthedu.LocalizedIssue{flag},
	}
	missing := MonthlyMissing{Division: code("371502001"), Name: "古楼街道"}
	tests := []struct {
		name string
		v    any
		new  func() any
	}{
		{"Divisions", Divisions{
			Division:  Division{Code: code("3715"), Name: "聊城市", Level: healthedu.LevelCity},
			Ancestors: []Division{{Code: code("37"), Name: "山东省", Level: healthedu.LevelProvince}},
			Children:  []Division{{Code: code("371502"), Name: "东昌府区", Level: healthedu.LevelCounty}},
		}, func() any { return new(Divisions) }},
		{"Indicators", Indicators{Period: healthedu.MustParsePeriod("2025Q3"), Rows: []IndicatorRow{{
			Result: Result{
				Indicator: "child-health-management-rate", Division: code("150207"), Period: healthedu.MustParsePeriod("2025Q3"),
				Numerator: new(int64(13432)), Denominator: new(int64(13932)), Value: new("96.41"),
				Coverage: indicators.Coverage{Reporting: 2, Expected: 2}, Flags: []string{"indicator.aboveMaximum"},
				Target: new("85"), TargetProrated: true, Direction: ">=", Met: new(true), Gap: "11.41",
			},
			DivisionName: "九原区", IndicatorName: "0～6岁儿童健康管理率", FlagIssues: []healthedu.LocalizedIssue{flag},
		}, {
			Result: Result{
				Indicator: "literacy-level", Division: code("150207"), Period: healthedu.MustParsePeriod("2025Q3"),
				Reason: "no-data", Flags: []string{},
			},
			DivisionName: "九原区", IndicatorName: "居民健康素养水平", FlagIssues: []healthedu.LocalizedIssue{},
		}}}, func() any { return new(Indicators) }},
		{"Monthly due", Monthly{
			Period: healthedu.MustParsePeriod("202510"), Under: Division{Code: code("3715"), Name: "聊城市", Level: healthedu.LevelCity},
			AsOf: at, Deadline: healthedu.DateOf(time.Date(2025, 11, 10, 0, 0, 0, 0, cst)), Due: true,
			ReportingLevel: healthedu.LevelTownship, Reporters: 136, Expected: 136, Received: 131, OnTime: 120,
			Completeness: "96.32", Timeliness: "88.24",
			Divisions: []MonthlyDivision{{Division: code("371502"), Name: "东昌府区", Reporters: 20, Expected: 20, Received: 19, OnTime: 18,
				Completeness: "95.00", Timeliness: "90.00", Rank: 2}},
			NotReported:         []MonthlyMissing{missing},
			NotReportedByCounty: []MonthlyCounty{{County: code("371502"), Name: "东昌府区", Count: 1, Divisions: []MonthlyMissing{missing}}},
			Indicators:          []MonthlyIndicator{mi}, BelowTarget: []MonthlyIndicator{mi}, Flagged: []MonthlyIndicator{mi},
		}, func() any { return new(Monthly) }},
		{"Monthly not due", Monthly{
			Period: healthedu.MustParsePeriod("202511"), Under: Division{Code: code("3715"), Name: "聊城市", Level: healthedu.LevelCity},
			AsOf: at, Deadline: healthedu.DateOf(time.Date(2025, 12, 10, 0, 0, 0, 0, cst)), Reporters: 136, ReceivedEarly: new(int64(40)),
			Divisions:   []MonthlyDivision{{Division: code("371502"), Name: "东昌府区", Reporters: 20, ReceivedEarly: new(int64(7))}},
			NotReported: []MonthlyMissing{}, NotReportedByCounty: []MonthlyCounty{},
			Indicators: []MonthlyIndicator{}, BelowTarget: []MonthlyIndicator{}, Flagged: []MonthlyIndicator{},
		}, func() any { return new(Monthly) }},
		{"ImportSummary", ImportSummary{Status: "warning", DryRun: true, Records: 3, Imported: 1, Updated: 0, Ignored: 1, Rejected: 1,
			RejectedIndexes: []int{2}, Issues: []SummaryIssue{{Line: 3, Index: 2, RecordID: "A3", Severity: healthedu.SeverityError,
				Code: "division.unknown", Path: "/division", Message: "区划代码不存在"}}, IssuesOmitted: 4,
		}, func() any { return new(ImportSummary) }},
		{"RejectedProblem", RejectedProblem{
			Problem: httpapi.Problem{Type: "https://jiceng.github.io/jiceng/problems/intake.rejected", Title: "无法处理", Status: 422,
				Detail: "全部 1 条记录均被拒收", Instance: "/v1/submissions", Code: "intake.rejected", Params: map[string]any{"rejected": 1.0}},
			Summary: &ImportSummary{Status: "error", Records: 1, Rejected: 1, RejectedIndexes: []int{0}, Issues: []SummaryIssue{}},
		}, func() any { return new(RejectedProblem) }},
		{"Locks", Locks{LockDays: 10,
			Lock:    &LockState{Division: code("3715"), Period: healthedu.MustParsePeriod("202510"), LockedAt: new(at), Locked: false, Until: new(at.Add(time.Hour))},
			Unlocks: []Unlock{{Division: code("3715"), Period: healthedu.MustParsePeriod("202510"), Until: at.Add(time.Hour), By: "0123456789abcdef", Created: at}},
		}, func() any { return new(Locks) }},
		{"SchemaList", SchemaList{Envelope: "envelope.json", Files: []string{"activity.json", "envelope.json"}}, func() any { return new(SchemaList) }},
		{"Health", Health{Status: "ok"}, func() any { return new(Health) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			first, err := httpapi.Marshal(tc.v)
			if err != nil {
				t.Fatal(err)
			}
			v := tc.new()
			if err := json.Unmarshal(first, v); err != nil {
				t.Fatal(err)
			}
			again, err := httpapi.Marshal(v)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(first), string(again)); diff != "" {
				t.Errorf("(-encoded +decoded and encoded again):\n%s", diff)
			}
		})
	}
}
