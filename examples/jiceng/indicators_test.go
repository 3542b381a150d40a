package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
	"github.com/jiceng/jiceng/indicators/dhis2"
	"github.com/jiceng/jiceng/indicators/fhir"
	"golang.org/x/text/language"
	"golang.org/x/text/width"
)

var indicatorsUpdate = flag.Bool("indicators.update", false, "rewrite the fixtures and golden files of the indicators command")

// indicatorsDir holds the fixtures: records of the townships of 东昌府区,
// 聊城市, for January to October 2025, written by indicatorsFixtures.
var indicatorsDir = filepath.Join("testdata", "indicators")

// indicatorsNow is the instant the tests take as now: after the deadline of
// the October reports.
const indicatorsNow = "2025-11-20T12:00:00+08:00"

// indicatorsRecordFiles are the fixtures of records.
var indicatorsRecordFiles = []string{"reports.ndjson", "activities.ndjson", "bindings.ndjson", "surveys.ndjson", "cells.ndjson"}

func indicatorsFiles() []string {
	var fs []string
	for _, f := range indicatorsRecordFiles {
		fs = append(fs, filepath.Join(indicatorsDir, f))
	}
	return fs
}

// indicatorsCommand runs the command in process and returns its output and status.
func indicatorsCommand(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, strings.NewReader(""), &out, &errOut)
	return out.String(), errOut.String(), code
}

// indicatorsRun runs "jiceng indicators" on the fixtures with -now set.
func indicatorsRun(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	all := append([]string{"indicators", "-now", indicatorsNow}, args...)
	return indicatorsCommand(t, append(all, indicatorsFiles()...)...)
}

// TestIndicatorsFixtures checks that the committed fixtures are those
// indicatorsFixtures writes; -indicators.update rewrites them.
func TestIndicatorsFixtures(t *testing.T) {
	files := indicatorsFixtures(t)
	for name, want := range files {
		path := filepath.Join(indicatorsDir, name)
		if *indicatorsUpdate {
			if err := os.MkdirAll(indicatorsDir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test -run TestIndicatorsFixtures -indicators.update)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from what indicatorsFixtures writes (run go test -run TestIndicatorsFixtures -indicators.update)", path)
		}
	}
}

// indicatorsReport is the JSON output, as a client reads it.
type indicatorsJSONReport struct {
	Period  string
	Skipped int
	Rows    []map[string]any
}

func indicatorsDecode(t *testing.T, out string) indicatorsJSONReport {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(out))
	dec.UseNumber()
	dec.DisallowUnknownFields()
	var r indicatorsJSONReport
	if err := dec.Decode(&r); err != nil {
		t.Fatalf("%v in\n%s", err, out)
	}
	return r
}

// indicatorsRow returns the row of an indicator for a division.
func indicatorsRow(t *testing.T, r indicatorsJSONReport, division, indicator string) map[string]any {
	t.Helper()
	for _, row := range r.Rows {
		if row["division"] == division && row["indicator"] == indicator {
			return row
		}
	}
	t.Fatalf("no row for %s %s", division, indicator)
	return nil
}

func TestIndicatorsJSON(t *testing.T) {
	out, errOut, code := indicatorsRun(t, "-divisions", "371502,371502001,371502002", "-period", "2025Q3", "-format", "json")
	if code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, errOut)
	}
	r := indicatorsDecode(t, out)
	cat := indicators.DefaultCatalogue()
	if r.Period != "2025Q3" || len(r.Rows) != 3*len(cat.Indicators()) {
		t.Errorf("period %q, %d rows; want 2025Q3 and %d", r.Period, len(r.Rows), 3*len(cat.Indicators()))
	}
	// The rejected monthly report, activity and binding.
	if r.Skipped != 3 {
		t.Errorf("skipped = %d, want 3; stderr:\n%s", r.Skipped, errOut)
	}

	// The rows come in the order of -divisions, then of the catalogue.
	var order, want []string
	for _, row := range r.Rows {
		order = append(order, fmt.Sprint(row["division"], " ", row["indicator"]))
	}
	for _, d := range []string{"371502000000", "371502001000", "371502002000"} {
		for _, ind := range cat.Indicators() {
			want = append(want, d+" "+ind.Code())
		}
	}
	if diff := cmp.Diff(want, order); diff != "" {
		t.Errorf("order of the rows (-want +got):\n%s", diff)
	}

	// The shape of every row: a 12-digit division, a code, integer counts
	// (null without data), a decimal string value or a reason, coverage,
	// flags, a target and met when one applies.
	decimal := regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)
	for _, row := range r.Rows {
		d, _ := row["division"].(string)
		ind, ok := cat.Indicator(fmt.Sprint(row["indicator"]))
		if len(d) != 12 || !ok {
			t.Fatalf("row %v", row)
		}
		reason, hasReason := row["reason"].(string)
		for _, k := range []string{"numerator", "denominator"} {
			n, isNumber := row[k].(json.Number)
			switch {
			case reason == "no-data" || reason == "overflow":
				if row[k] != nil {
					t.Errorf("%s %s: %s %v with reason %s, want null", d, ind, k, row[k], reason)
				}
			case !isNumber:
				t.Errorf("%s %s: %s %v is not a number", d, ind, k, row[k])
			default:
				if _, err := n.Int64(); err != nil {
					t.Errorf("%s %s: %s %v is not an integer", d, ind, k, row[k])
				}
			}
		}
		v, hasValue := row["value"].(string)
		switch {
		case hasValue == hasReason:
			t.Errorf("%s %s: value %q and reason %q: want exactly one", d, ind, v, reason)
		case !hasValue && row["value"] != nil:
			t.Errorf("%s %s: value %v, want null with reason %s", d, ind, row["value"], reason)
		case hasValue && !decimal.MatchString(v):
			t.Errorf("%s %s: value %q is not a decimal string", d, ind, v)
		case hasValue && ind.Decimals() > 0 && len(v)-strings.IndexByte(v, '.')-1 != ind.Decimals():
			t.Errorf("%s %s: value %q does not have %d decimals", d, ind, v, ind.Decimals())
		}
		cov, _ := row["coverage"].(map[string]any)
		if len(cov) != 2 || !decimal.MatchString(fmt.Sprint(cov["reporting"])) || !decimal.MatchString(fmt.Sprint(cov["expected"])) {
			t.Errorf("%s %s: coverage %v", d, ind, row["coverage"])
		}
		if flags, ok := row["flags"].([]any); !ok || len(flags) != 0 {
			t.Errorf("%s %s: flags %v, want []", d, ind, row["flags"])
		}
		if row["targetProrated"] != false {
			t.Errorf("%s %s: targetProrated %v in a closed quarter", d, ind, row["targetProrated"])
		}
		_, hasMet := row["met"].(bool)
		target, hasTarget := ind.Target()
		if hasTarget && (target.PeriodType == 0 || target.PeriodType == healthedu.PeriodQuarter) {
			if row["target"] != target.Value || hasMet != hasValue {
				t.Errorf("%s %s: target %v, met %v; want %s and met with a value", d, ind, row["target"], row["met"], target.Value)
			}
		} else if row["target"] != nil || hasMet {
			t.Errorf("%s %s: target %v, met %v without a target for the quarter", d, ind, row["target"], row["met"])
		}
	}

	// Figures checked against the fixtures read independently (see
	// indicatorsOracle), and those of 古楼街道 set by hand.
	o := indicatorsOracle(t, "2025Q3")
	type figure struct {
		Numerator, Denominator any
		Value                  any
		Met                    any
		Coverage               string
	}
	get := func(division, indicator string) figure {
		row := indicatorsRow(t, r, division, indicator)
		cov := row["coverage"].(map[string]any)
		return figure{row["numerator"], row["denominator"], row["value"], row["met"], fmt.Sprint(cov["reporting"], "/", cov["expected"])}
	}
	n := func(i int) json.Number { return json.Number(strconv.Itoa(i)) }
	tests := []struct {
		division, indicator string
		want                figure
	}{
		// 古楼街道, September: 3,008 of 3,120 children.
		{"371502001000", "child-health-management-rate", figure{n(3008), n(3120), "96.41", true, "1/1"}},
		// Every township reports children in September, 侯营镇 too.
		{"371502000000", "child-health-management-rate", figure{n(o.childrenManaged), n(o.children), o.ratio(o.childrenManaged, o.children), true, "24/24"}},
		// The 24 townships of the registry are expected for each month,
		// those that miss one too.
		{"371502000000", "report-completeness", figure{n(o.received), n(o.expected), o.ratio(o.received, o.expected), nil, "24/24"}},
		{"371502000000", "report-timeliness", figure{n(o.onTime), n(o.expected), o.ratio(o.onTime, o.expected), nil, "24/24"}},
		// Counts of activities: a township without any counts 0.
		{"371502000000", "activities-held", figure{n(o.activities), n(1), strconv.Itoa(o.activities), nil, "24/24"}},
		{"371502000000", "person-times-reached", figure{n(o.participants), n(1), strconv.Itoa(o.participants), nil, "24/24"}},
		// The binding pilot: 22 of 30 residents in 古楼街道 (24 bound, one of
		// them twice, two unbound in September), 24 of 30 in 柳园街道.
		{"371502001000", "binding-rate", figure{n(22), n(30), "73.33", nil, "1/1"}},
		{"371502002000", "binding-rate", figure{n(24), n(30), "80.00", nil, "1/1"}},
		{"371502000000", "binding-rate", figure{n(46), n(60), "76.67", nil, "2/24"}},
		// Literacy: 6 of 20 respondents in 古楼街道, 5 of 20 in 柳园街道; the
		// other 22 townships surveyed no one.
		{"371502001000", "literacy-level", figure{n(6), n(20), "30.00", true, "1/1"}},
		{"371502002000", "literacy-level", figure{n(5), n(20), "25.00", true, "1/1"}},
		{"371502000000", "literacy-level", figure{n(11), n(40), "27.50", true, "2/24"}},
		// Health cells are named by year: none within a quarter, a true 0.
		{"371502000000", "health-cells", figure{n(0), n(1), "0", nil, "24/24"}},
		// Nobody reports satisfaction surveys: no data, not 0.00.
		{"371502000000", "resident-satisfaction-rate", figure{nil, nil, nil, nil, "0/24"}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, get(tt.division, tt.indicator)); diff != "" {
			t.Errorf("%s %s (-want +got):\n%s", tt.division, tt.indicator, diff)
		}
	}
	if row := indicatorsRow(t, r, "371502000000", "resident-satisfaction-rate"); row["reason"] != "no-data" {
		t.Errorf("resident-satisfaction-rate: reason %v, want no-data", row["reason"])
	}
	if o.expected != 72 || o.expected == o.received || o.received == o.onTime {
		t.Errorf("the fixtures should have 72 reports expected, and missing and late ones: %+v", o)
	}
	indicatorsNoCitizenIDs(t, out, errOut)
}

// indicatorsOracleFigures are figures of 东昌府区 over a period computed
// from the fixtures without the indicators package.
type indicatorsOracleFigures struct {
	children, childrenManaged  int
	expected, received, onTime int
	activities, participants   int
}

func (indicatorsOracleFigures) ratio(num, den int) string {
	// Half-up at 2 decimals, in integers: (200·num + den) / (2·den) hundredths.
	h := (20000*num + den) / (2 * den)
	return fmt.Sprintf("%d.%02d", h/100, h%100)
}

// indicatorsOracle reads the fixtures with encoding/json and adds up the
// figures of a closed period as the indicators are defined: the latest
// report of each township within the period for stocks; each of the 24
// townships of 东昌府区 in the registry expected each month; on time when
// first received (submitted) by the end of the 10th of the next month. The
// records the validator rejects are known by their faults.
func indicatorsOracle(t *testing.T, period string) indicatorsOracleFigures {
	t.Helper()
	p := healthedu.MustParsePeriod(period)
	type report struct {
		ID          string
		Division    string
		Period      string
		SubmittedAt time.Time
		Values      []struct {
			Element string
			Value   int
		}
	}
	var o indicatorsOracleFigures
	latest := make(map[string]report)      // division → latest month's report within p
	first := make(map[[2]string]time.Time) // division, month → first submission
	indicatorsReadLines(t, "reports.ndjson", func(line []byte) {
		var r report
		if err := json.Unmarshal(line, &r); err != nil {
			t.Fatal(err)
		}
		v := make(map[string]int)
		for _, x := range r.Values {
			v[x.Element] = x.Value
		}
		if v["children-0-6-managed"] > v["children-0-6"] { // rejected: part exceeds whole
			return
		}
		k := [2]string{r.Division, r.Period}
		if f, ok := first[k]; !ok || r.SubmittedAt.Before(f) {
			first[k] = r.SubmittedAt
		}
		m := healthedu.MustParsePeriod(r.Period)
		if p.ContainsPeriod(m) && (latest[r.Division].Period < r.Period || latest[r.Division].Period == r.Period) {
			latest[r.Division] = r
		}
	})
	for _, r := range latest {
		for _, x := range r.Values {
			switch x.Element {
			case "children-0-6":
				o.children += x.Value
			case "children-0-6-managed":
				o.childrenManaged += x.Value
			}
		}
	}
	for _, d := range indicators.DivisionsAt(healthedu.DefaultRegistry(), healthedu.MustParseDivisionCode("371502"), healthedu.LevelTownship) {
		for m := range p.Sub(healthedu.PeriodMonth) {
			o.expected++
			at, ok := first[[2]string{d.Short(), m.String()}]
			if !ok {
				continue
			}
			o.received++
			if at.Before(m.Next().Start().AddDate(0, 0, 10)) {
				o.onTime++
			}
		}
	}
	indicatorsReadLines(t, "activities.ndjson", func(line []byte) {
		var a struct {
			Start, End   time.Time
			Participants int
		}
		if err := json.Unmarshal(line, &a); err != nil {
			t.Fatal(err)
		}
		if a.End.Before(a.Start) || !p.Contains(a.Start) { // rejected, or outside
			return
		}
		o.activities++
		o.participants += a.Participants
	})
	return o
}

func indicatorsReadLines(t *testing.T, name string, each func([]byte)) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(indicatorsDir, name))
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		if len(bytes.TrimSpace(sc.Bytes())) > 0 {
			each(sc.Bytes())
		}
	}
}

// indicatorsNoCitizenIDs fails when an output shows a citizen ID number of
// the fixtures, valid or not.
func indicatorsNoCitizenIDs(t *testing.T, outputs ...string) {
	t.Helper()
	id := regexp.MustCompile(`"citizenId":"([0-9X]{18})"`)
	var ids []string
	for _, f := range indicatorsRecordFiles {
		data, err := os.ReadFile(filepath.Join(indicatorsDir, f))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range id.FindAllSubmatch(data, -1) {
			ids = append(ids, string(m[1]))
		}
	}
	if len(ids) == 0 {
		t.Fatal("no citizen IDs in the fixtures")
	}
	for _, out := range outputs {
		for _, id := range ids {
			if strings.Contains(out, id) || strings.Contains(out, id[:17]) {
				t.Errorf("citizen ID %s…%s in the output", id[:6], id[14:])
			}
		}
	}
}

func TestIndicatorsTable(t *testing.T) {
	args := []string{"-level", "county", "-under", "3715", "-period", "2025Q3",
		"-indicators", "child-health-management-rate,hypertension-standard-management-rate,report-timeliness,literacy-level,family-doctors-per-10k,lectures-per-institution"}
	for _, lang := range []string{"zh-Hans", "zh-Hant", "en"} {
		t.Run(lang, func(t *testing.T) {
			out, errOut, code := indicatorsRun(t, append(args, "-lang", lang)...)
			if code != exitOK {
				t.Fatalf("exit %d, stderr:\n%s", code, errOut)
			}
			golden := filepath.Join(indicatorsDir, "table-"+lang+".golden")
			if *indicatorsUpdate {
				if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), out); diff != "" {
				t.Errorf("table (-want +got):\n%s", diff)
			}
			// The columns line up on screen: on every line of the table,
			// each column aligned to the right (numerator, denominator,
			// value, coverage, target) ends where its header does; the
			// value and the coverage are never empty.
			lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
			table := lines[:1+strings.Count(out, "\n3715")]
			if len(table) != 1+8*6 {
				t.Fatalf("%d lines of table, want %d", len(table), 1+8*6)
			}
			headers := indicatorsWords[indicatorsLang(lang)].headers
			for _, col := range []int{colNumerator, colDenominator, colValue, colCoverage, colTarget} {
				end := indicatorsColumnEnd(lines[0], headers[col])
				for _, l := range table {
					if indicatorsWidth(l) < end {
						continue // an empty cell at the end of the line
					}
					i := indicatorsByteAtWidth(l, end)
					filled := col == colValue || col == colCoverage
					if indicatorsWidth(l[:i]) != end || filled && strings.HasSuffix(l[:i], " ") || i < len(l) && l[i] != ' ' {
						t.Errorf("line %q: column %q does not end at column %d", l, headers[col], end)
					}
				}
			}
			indicatorsNoCitizenIDs(t, out, errOut)
		})
	}
}

func indicatorsLang(s string) language.Tag {
	t, _ := healthedu.ParseLanguage(s)
	return t
}

// indicatorsColumnEnd returns the screen column at which the header cell
// ends.
func indicatorsColumnEnd(header, cell string) int {
	i := strings.Index(header, cell)
	return indicatorsWidth(header[:i+len(cell)])
}

// indicatorsByteAtWidth returns the byte offset in s at which the screen
// column w starts.
func indicatorsByteAtWidth(s string, w int) int {
	for i := range s {
		if indicatorsWidth(s[:i]) >= w {
			return i
		}
	}
	return len(s)
}

func TestIndicatorsTableHeader(t *testing.T) {
	out, errOut, code := indicatorsRun(t, "-divisions", "371502001", "-period", "202509")
	if code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, errOut)
	}
	lines := strings.Split(out, "\n")
	if got, want := strings.Fields(lines[0]), []string{"区划代码", "区划名称", "指标代码", "指标名称", "分子", "分母", "指标值", "覆盖单位", "目标值", "达标", "提示"}; !slices.Equal(got, want) {
		t.Errorf("header %q, want %q", got, want)
	}
	row := func(indicator string) []string {
		for _, l := range lines {
			if f := strings.Fields(l); len(f) > 2 && f[2] == indicator {
				return f
			}
		}
		t.Fatalf("no row of %s in\n%s", indicator, out)
		return nil
	}
	for _, want := range [][]string{
		// Thousands separators; a target and whether it is met.
		{"371502001000", "古楼街道", "child-health-management-rate", "0～6岁儿童健康管理率", "3,008", "3,120", "96.41", "1/1", ">=", "85", "是"},
		// 28,816 of 31,549 residents have a health record: 91.337…%.
		{"371502001000", "古楼街道", "health-record-rate", "电子健康档案建档率", "28,816", "31,549", "91.34", "1/1"},
		// A count has no denominator.
		{"371502001000", "古楼街道", "lectures-per-institution", "机构年均健康知识讲座次数", "1", "1", "1.0", "1/1"},
		// A lecture and a free clinic in September.
		{"371502001000", "古楼街道", "activities-held", "健康教育活动次数", "2", "2", "1/1"},
		// No data is said, never 0.
		{"371502001000", "古楼街道", "resident-satisfaction-rate", "居民健康服务满意度", "无数据", "0/1"},
	} {
		if got := row(want[2]); !slices.Equal(got, want) {
			t.Errorf("row %q,\nwant %q", got, want)
		}
	}
	if !strings.HasSuffix(out, "\n报告期 202509；跳过 3 条记录\n") {
		t.Errorf("no closing line in\n%s", out)
	}
}

func TestIndicatorsCSV(t *testing.T) {
	out, errOut, code := indicatorsRun(t, "-divisions", "371502,371502001,371502002", "-period", "2025Q3", "-format", "csv", "-lang", "en")
	if code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, errOut)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	header := []string{"division", "divisionName", "indicator", "indicatorName", "numerator", "denominator", "value", "reason", "target", "direction", "met",
		"reporting", "expected", "flags", "targetProrated"}
	if diff := cmp.Diff(header, rows[0]); diff != "" {
		t.Errorf("header (-want +got):\n%s", diff)
	}
	if n := len(indicators.DefaultCatalogue().Indicators()); len(rows) != 1+3*n {
		t.Errorf("%d rows, want %d", len(rows), 1+3*n)
	}
	o := indicatorsOracle(t, "2025Q3")
	want := [][]string{
		// No thousands separators.
		{"371502001000", "古楼街道", "child-health-management-rate", "0–6 child health management rate", "3008", "3120", "96.41", "", "85", ">=", "true", "1", "1", "", "false"},
		// A count has no denominator.
		{"371502000000", "东昌府区", "activities-held", "health education activities held", strconv.Itoa(o.activities), "", strconv.Itoa(o.activities), "", "", "", "", "24", "24", "", "false"},
		// Part of the townships.
		{"371502000000", "东昌府区", "literacy-level", "health literacy level", "11", "40", "27.50", "", "25", ">=", "true", "2", "24", "", "false"},
		// No data: empty numerator, denominator and value.
		{"371502002000", "柳园街道", "resident-satisfaction-rate", "resident satisfaction with health services", "", "", "", "no-data", "", "", "", "0", "1", "", "false"},
	}
	for _, w := range want {
		i := slices.IndexFunc(rows, func(r []string) bool { return r[0] == w[0] && r[2] == w[2] })
		if i < 0 {
			t.Errorf("no row %s %s", w[0], w[2])
			continue
		}
		if diff := cmp.Diff(w, rows[i]); diff != "" {
			t.Errorf("row (-want +got):\n%s", diff)
		}
	}
	indicatorsNoCitizenIDs(t, out, errOut)
}

func TestIndicatorsDHIS2(t *testing.T) {
	mapping := filepath.Join(indicatorsDir, "dhis2-mapping.csv")
	out, errOut, code := indicatorsRun(t, "-divisions", "371502001,371502002", "-period", "2025Q3", "-format", "dhis2", "-dhis2-mapping", mapping)
	if code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, errOut)
	}
	var doc struct {
		IDScheme            string              `json:"idScheme"`
		DataElementIDScheme string              `json:"dataElementIdScheme"`
		OrgUnitIDScheme     string              `json:"orgUnitIdScheme"`
		DataValues          []map[string]string `json:"dataValues"`
	}
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("%v in\n%s", err, out)
	}
	// The identifier scheme travels in the payload: the mapping's, UID.
	if got := [3]string{doc.IDScheme, doc.DataElementIDScheme, doc.OrgUnitIDScheme}; got != [3]string{"UID", "UID", "UID"} {
		t.Errorf("id schemes %v, want UID", got)
	}
	m, err := dhis2.LoadMapping(strings.NewReader(indicatorsRead(t, "dhis2-mapping.csv")))
	if err != nil {
		t.Fatal(err)
	}
	var mb bytes.Buffer
	m.WriteCSV(&mb)
	id := func(kind, code string) string {
		for _, l := range strings.Split(mb.String(), "\n") {
			if f := strings.Split(l, ","); len(f) == 5 && f[0] == kind && f[1] == code {
				return f[2]
			}
		}
		t.Fatalf("no %s %s in the mapping", kind, code)
		return ""
	}
	want := map[string]string{"dataElement": id("element", "children-0-6"), "period": "202509", "orgUnit": id("division", "371502001000"), "value": "3120"}
	if !slices.ContainsFunc(doc.DataValues, func(v map[string]string) bool { return cmp.Equal(v, want) }) {
		t.Errorf("no data value %v among %d", want, len(doc.DataValues))
	}
	for _, v := range doc.DataValues {
		if p := healthedu.MustParsePeriod(v["period"]); !healthedu.MustParsePeriod("2025Q3").ContainsPeriod(p) {
			t.Errorf("data value outside the period: %v", v)
		}
		if v["orgUnit"] != id("division", "371502001000") && v["orgUnit"] != id("division", "371502002000") {
			t.Errorf("data value outside the divisions: %v", v)
		}
	}

	// 香江光彩大市场服务中心 is not in the mapping: its values are left out,
	// listed, and the status is 1.
	out, errOut, code = indicatorsRun(t, "-lang", "en", "-divisions", "371502", "-period", "2025Q3", "-format", "dhis2", "-dhis2-mapping", mapping)
	if code != exitUnmapped || !strings.Contains(errOut, "\njiceng indicators: 69 data values not mapped to DHIS2 left out: no organisation unit for 371502400000\n") {
		t.Errorf("exit %d, stderr:\n%s", code, errOut)
	}
	if !json.Valid([]byte(out)) {
		t.Errorf("output is not JSON:\n%s", out)
	}
	indicatorsNoCitizenIDs(t, out, errOut)
}

func TestIndicatorsFHIR(t *testing.T) {
	out, errOut, code := indicatorsRun(t, "-divisions", "371502,371502001", "-period", "2025Q3", "-format", "fhir",
		"-indicators", "child-health-management-rate,report-timeliness")
	if code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, errOut)
	}
	var bundle struct {
		ResourceType, Type, Timestamp string
		Entry                         []struct {
			Resource struct {
				ResourceType, Measure string
				Subject               struct{ Identifier struct{ Value string } }
				Period                struct{ Start, End string }
				Group                 []struct {
					Population   []struct{ Count int64 }
					MeasureScore struct {
						Value json.Number
						Code  string
					}
				}
			}
		}
	}
	dec := json.NewDecoder(strings.NewReader(out))
	dec.UseNumber()
	if err := dec.Decode(&bundle); err != nil {
		t.Fatalf("%v in\n%s", err, out)
	}
	if bundle.ResourceType != "Bundle" || bundle.Type != "collection" || bundle.Timestamp != indicatorsNow || len(bundle.Entry) != 4 {
		t.Fatalf("bundle %s %s %s with %d entries", bundle.ResourceType, bundle.Type, bundle.Timestamp, len(bundle.Entry))
	}
	r := bundle.Entry[2].Resource // 古楼街道's child health management rate
	got := []any{r.ResourceType, r.Measure, r.Subject.Identifier.Value, r.Period.Start, r.Period.End,
		r.Group[0].Population[0].Count, r.Group[0].Population[1].Count, r.Group[0].MeasureScore.Value, r.Group[0].MeasureScore.Code}
	want := []any{"MeasureReport", fhir.MeasureBase + "child-health-management-rate", "371502001000",
		"2025-07-01T00:00:00+08:00", "2025-09-30T23:59:59+08:00", int64(3008), int64(3120), json.Number("96.41"), "%"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("MeasureReport (-want +got):\n%s", diff)
	}
	indicatorsNoCitizenIDs(t, out, errOut)
}

// A year still running, as of 20 November: January to October are due,
// November is not.
func TestIndicatorsYearToDate(t *testing.T) {
	out, errOut, code := indicatorsRun(t, "-divisions", "371502", "-period", "2025", "-format", "json",
		"-indicators", "report-completeness,health-cells,lectures-per-institution")
	if code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, errOut)
	}
	r := indicatorsDecode(t, out)
	// 24 townships × 10 months.
	if got := fmt.Sprint(indicatorsRow(t, r, "371502000000", "report-completeness")["denominator"]); got != "240" {
		t.Errorf("reports expected in 2025 by 20 November: %s, want 240 (10 months × 24 townships)", got)
	}
	if got := indicatorsRow(t, r, "371502000000", "health-cells")["value"]; got != "6" {
		t.Errorf("health cells named in 2025: %v, want 6", got)
	}
	// 12 lectures a year, pro-rated to the 10 months due.
	row := indicatorsRow(t, r, "371502000000", "lectures-per-institution")
	if row["target"] != "10" || row["targetProrated"] != true {
		t.Errorf("lectures per institution for the year to date: target %v, pro-rated %v; want 10, true", row["target"], row["targetProrated"])
	}
}

func TestIndicatorsDeadlineDay(t *testing.T) {
	timeliness := func(day string) string {
		out, errOut, code := indicatorsRun(t, "-divisions", "371502", "-period", "2025Q3", "-format", "json",
			"-indicators", "report-timeliness", "-deadline-day", day)
		if code != exitOK {
			t.Fatalf("exit %d, stderr:\n%s", code, errOut)
		}
		return fmt.Sprint(indicatorsDecode(t, out).Rows[0]["numerator"])
	}
	// Reports come in from the 2nd to the 9th, and late ones to the 14th.
	if early, late := timeliness("1"), timeliness("31"); early != "0" || late == timeliness("10") {
		t.Errorf("reports on time with deadline 1: %s; with 31: %s, 10: %s", early, late, timeliness("10"))
	}
}

func TestIndicatorsSkipped(t *testing.T) {
	_, errOut, code := indicatorsRun(t, "-divisions", "371502001", "-period", "202509", "-lang", "en")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{
		`reports.ndjson:`, `skipped monthlyReport "MR-371502001-202509": monthlyReport.partExceedsWhole /values/3/value: Data element`,
		`activities.ndjson:`, `skipped activity "ACT-371502001-202508-03": activity.endBeforeStart /end: The activity ends`,
		`bindings.ndjson:`, `skipped binding "BD-371502001-025": citizenId.checksum /resident/citizenId: Citizen ID number "3715**********`,
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	indicatorsNoCitizenIDs(t, errOut)
}

func TestIndicatorsExitCodes(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.ndjson")
	write := func(name, content string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	badLine := write("bad-line.txt", "# 东昌府区\n371502001\n\n37150x\n")
	badLength := write("bad-length.txt", "３７１５０２１\n")
	empty := write("empty.txt", "# nobody\n\n")
	blank := write("blank.ndjson", "\n  \n")
	reporters := rulesFile("reporters.txt")
	tests := []struct {
		name string
		args []string
		code int
		want string // in stderr
	}{
		{"ok", []string{"-divisions", "371502", "-period", "2025Q3", indicatorsFiles()[0]}, exitOK, "跳过 monthlyReport"},
		{"no file", []string{"-divisions", "371502", "-period", "2025Q3"}, exitUsage,
			"jiceng indicators: 未指定输入文件：请在参数之后列出要读取的文件，- 表示标准输入（运行 jiceng indicators -h 查看用法）\n"},
		{"unreadable", []string{"-divisions", "371502", "-period", "2025Q3", missing}, exitUsage, "jiceng indicators: 文件 " + missing + " 不存在\n"},
		{"no period", []string{"-divisions", "371502", indicatorsFiles()[0]}, exitUsage,
			"jiceng indicators: 缺少参数 -period：请给出报告期，写法如 2025（年）、2025S1（半年）、2025Q3（季度）、202509B（双月）、202509（月）、2025W38（周）或 20250915（日）\n"},
		{"bad period", []string{"-divisions", "371502", "-period", "2025Q5", indicatorsFiles()[0]}, exitUsage,
			"jiceng indicators: 参数 -period 有误：报告期“2025Q5”不存在：年份、半年、季度、双月、月份、周次或日期超出范围。报告期写法如 2025（年）"},
		{"bad period syntax", []string{"-divisions", "371502", "-period", "2025-13", indicatorsFiles()[0]}, exitUsage,
			"jiceng indicators: 参数 -period 有误：“2025-13”不是报告期的写法，报告期应写成 2025（年）、2025S1（半年）、2025Q3（季度）、202509B（双月）、202509（月）、2025W38（周）或 20250915（日）\n"},
		{"bad period syntax en", []string{"-lang", "en", "-divisions", "371502", "-period", "2025-13", indicatorsFiles()[0]}, exitUsage,
			"jiceng indicators: -period: \"2025-13\" is not written as a period: write 2025 (year), 2025S1 (half-year), 2025Q3 (quarter), 202509B (bi-month), 202509 (month), 2025W38 (week) or 20250915 (day)\n"},
		{"no divisions", []string{"-period", "2025Q3", indicatorsFiles()[0]}, exitUsage, "jiceng indicators: 缺少参数：请用 -divisions 列出区划代码"},
		{"both", []string{"-divisions", "371502", "-level", "county", "-period", "2025Q3", indicatorsFiles()[0]}, exitUsage, "-divisions 与 -level、-under 不能同时使用"},
		{"bad division", []string{"-divisions", "37150x", "-period", "2025Q3", indicatorsFiles()[0]}, exitUsage,
			"jiceng indicators: 参数 -divisions 有误：区划代码“37150x”只能由数字组成。区划代码写法如 37（省）"},
		{"bad level", []string{"-level", "district", "-period", "2025Q3", indicatorsFiles()[0]}, exitUsage, "参数 -level 有误：层级“district”无效"},
		{"empty level", []string{"-level", "county", "-under", "4419", "-period", "2025Q3", indicatorsFiles()[0]}, exitUsage,
			"jiceng indicators: 区划代码表中 441900000000 之下没有县级（county）区划\n"},
		{"empty level en", []string{"-lang", "en", "-level", "county", "-under", "4419", "-period", "2025Q3", indicatorsFiles()[0]}, exitUsage,
			"jiceng indicators: the division registry holds no division at level county under 441900000000\n"},
		{"under alone", []string{"-under", "3715", "-period", "2025Q3", indicatorsFiles()[0]}, exitUsage, "-under 须与 -level 一起使用"},
		{"bad indicator", []string{"-divisions", "371502", "-period", "2025Q3", "-indicators", "bmi", indicatorsFiles()[0]}, exitUsage,
			"参数 -indicators 有误：指标目录中没有“bmi”，指标代码应为 child-health-management-rate、"},
		{"bad indicator en", []string{"-lang", "en", "-divisions", "371502", "-period", "2025Q3", "-indicators", "bmi", indicatorsFiles()[0]}, exitUsage,
			`-indicators: no indicator "bmi" in the catalogue: want child-health-management-rate, `},
		{"bad format", []string{"-divisions", "371502", "-period", "2025Q3", "-format", "xml", indicatorsFiles()[0]}, exitUsage,
			"jiceng indicators: 参数 -format 有误：没有“xml”这种输出格式，应为 table、csv、json、dhis2 或 fhir\n"},
		{"bad lang", []string{"-divisions", "371502", "-period", "2025Q3", "-lang", "fr", indicatorsFiles()[0]}, exitUsage,
			"jiceng indicators: 参数 -lang 有误：不支持语言“fr”"},
		{"bad deadline", []string{"-divisions", "371502", "-period", "2025Q3", "-deadline-day", "0", indicatorsFiles()[0]}, exitUsage, "参数 -deadline-day 有误：0 不是日期"},
		{"dhis2 without mapping", []string{"-divisions", "371502", "-period", "2025Q3", "-format", "dhis2", indicatorsFiles()[0]}, exitUsage, "-format dhis2 需要用 -dhis2-mapping"},
		{"mapping without dhis2", []string{"-divisions", "371502", "-period", "2025Q3", "-dhis2-mapping", missing, indicatorsFiles()[0]}, exitUsage, "-dhis2-mapping 只用于 -format dhis2"},
		{"bad mapping", []string{"-divisions", "371502", "-period", "2025Q3", "-format", "dhis2", "-dhis2-mapping", indicatorsFiles()[0], indicatorsFiles()[0]}, exitUsage,
			"jiceng indicators: -dhis2-mapping：" + indicatorsFiles()[0] + " 不是有效的映射表"},
		{"missing mapping", []string{"-divisions", "371502", "-period", "2025Q3", "-format", "dhis2", "-dhis2-mapping", missing, indicatorsFiles()[0]}, exitUsage,
			"jiceng indicators: -dhis2-mapping：无法读取映射表文件 " + missing + "\n"},
		{"bad reporting level", []string{"-divisions", "371502", "-period", "2025Q3", "-reporting-level", "district", indicatorsFiles()[0]}, exitUsage,
			"jiceng indicators: -reporting-level：填报层级“district”无效，应为province（省）、city（市）、county（县）、township（乡镇）或village（村）\n"},
		{"bad reporting level en", []string{"-lang", "en", "-divisions", "371502", "-period", "2025Q3", "-reporting-level", "district", indicatorsFiles()[0]}, exitUsage,
			"jiceng indicators: -reporting-level: \"district\" is not a division level: want province, city, county, township or village\n"},
		{"reporters and reporting level", []string{"-lang", "zh-Hant", "-divisions", "371502", "-period", "2025Q3", "-reporters", reporters, "-reporting-level", "township", indicatorsFiles()[0]}, exitUsage,
			"jiceng indicators: -reporters 與 -reporting-level 不能同時使用：名單已列出全部應報單位\n"},
		{"reporters missing", []string{"-divisions", "371502", "-period", "2025Q3", "-reporters", missing, indicatorsFiles()[0]}, exitUsage,
			"jiceng indicators: -reporters：无法读取应报单位名单文件 " + missing + "\n"},
		{"reporters bad line", []string{"-divisions", "371502", "-period", "2025Q3", "-reporters", badLine, indicatorsFiles()[0]}, exitUsage,
			"jiceng indicators: " + badLine + " 第 4 行：区划代码“37150x”只能由数字组成（每行应为一个区划代码，空行和以 # 开头的行除外）\n"},
		{"reporters bad line en", []string{"-lang", "en", "-divisions", "371502", "-period", "2025Q3", "-reporters", badLength, indicatorsFiles()[0]}, exitUsage,
			"jiceng indicators: " + badLength + ", line 1: Division code \"３７１５０２１\" has the wrong number of digits: it must have 2, 4, 6, 9 or 12 (each line holds one division code, but for blank lines and lines starting with #)\n"},
		{"reporters empty", []string{"-lang", "en", "-divisions", "371502", "-period", "2025Q3", "-reporters", empty, indicatorsFiles()[0]}, exitUsage,
			"jiceng indicators: -reporters: the list of expected reporters " + empty + " names no division\n"},
		{"reporters", []string{"-divisions", "371502", "-period", "2025Q3", "-reporters", reporters, indicatorsFiles()[0]}, exitOK, "跳过 monthlyReport"},
		{"bad flag", []string{"-colour", indicatorsFiles()[0]}, exitUsage, "jiceng indicators: jiceng indicators 没有参数 -colour（运行 jiceng indicators -h 查看全部参数）\n"},
		{"bad flag en", []string{"-colour", "-lang", "en", indicatorsFiles()[0]}, exitUsage, "jiceng indicators: jiceng indicators has no flag -colour (run jiceng indicators -h for its flags)\n"},
		{"empty input", []string{"-lang", "en", "-divisions", "371502", "-period", "2025Q3", blank}, exitUsage, "jiceng indicators: no records: the input files hold none\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := indicatorsCommand(t, append([]string{"indicators", "-now", indicatorsNow}, tt.args...)...)
			if code != tt.code || !strings.Contains(errOut, tt.want) {
				t.Errorf("exit %d, want %d; stderr (want %q):\n%s", code, tt.code, tt.want, errOut)
			}
			if code == exitUsage && out != "" {
				t.Errorf("exit %d with output:\n%s", code, out)
			}
		})
	}
	// The command is listed.
	out, _, _ := indicatorsCommand(t, "help")
	if !strings.Contains(out, "indicators") {
		t.Errorf("usage does not list indicators:\n%s", out)
	}
}

func TestIndicatorsHelp(t *testing.T) {
	for _, args := range [][]string{{"indicators", "-h"}, {"indicators", "-help"}, {"indicators", "--help"}, {"help", "indicators"}} {
		out, errOut, code := indicatorsCommand(t, args...)
		if code != exitOK || errOut != "" {
			t.Errorf("%v: exit %d, stderr:\n%s", args, code, errOut)
		}
		for _, want := range []string{"usage: jiceng indicators", "Exit status:", "Who is expected to report", "takes each report's submittedAt", "-reporters string", "-lang string"} {
			if !strings.Contains(out, want) {
				t.Errorf("%v: the help lacks %q:\n%s", args, want, out)
			}
		}
	}
}

func TestIndicatorsWidth(t *testing.T) {
	for s, want := range map[string]int{
		"":                        0,
		"binding-rate":            12,
		"古楼街道":                    8,
		"0～6岁儿童健康管理率":             20, // ～ is full-width
		"0–6 child health rate":   21, // – is ambiguous: one column
		"e\u0301":                 1,  // a combining accent
		"\u200Bzero-width joined": 17,
	} {
		if got := indicatorsWidth(s); got != want {
			t.Errorf("indicatorsWidth(%q) = %d, want %d", s, got, want)
		}
	}
}

func indicatorsRead(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(indicatorsDir, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// indicatorsRand is a xorshift generator: the fixtures must come out the
// same with every version of Go.
type indicatorsRand uint64

func (r *indicatorsRand) intn(n int) int {
	x := uint64(*r)
	x ^= x << 13
	x ^= x >> 7
	x ^= x << 17
	*r = indicatorsRand(x)
	return int(x % uint64(n))
}

// The records of the fixtures, in their wire form.
type (
	fxHeader struct {
		SchemaVersion string `json:"schemaVersion"`
		Kind          string `json:"kind"`
		ID            string `json:"id"`
	}
	fxValue struct {
		Element string `json:"element"`
		Value   int    `json:"value"`
	}
	fxReport struct {
		fxHeader
		Division    string    `json:"division"`
		Period      string    `json:"period"`
		SubmittedAt string    `json:"submittedAt"`
		Values      []fxValue `json:"values"`
	}
	fxOrganizer struct {
		CreditCode string `json:"creditCode"`
		Name       string `json:"name"`
		Type       string `json:"type"`
		Division   string `json:"division"`
	}
	fxActivity struct {
		fxHeader
		Title     string      `json:"title"`
		Organizer fxOrganizer `json:"organizer"`
		Division  string      `json:"division"`
		Venue     struct {
			Type string `json:"type"`
			Name string `json:"name"`
		} `json:"venue"`
		Form         string   `json:"form"`
		Topics       []string `json:"topics"`
		TargetGroups []string `json:"targetGroups"`
		Start        string   `json:"start"`
		End          string   `json:"end"`
		Participants int      `json:"participants"`
		Speakers     []struct {
			Name string `json:"name"`
			Role string `json:"role"`
		} `json:"speakers"`
		Evidence *struct {
			Photos      []string `json:"photos"`
			SignInSheet string   `json:"signInSheet"`
		} `json:"evidence,omitempty"`
	}
	fxBinding struct {
		fxHeader
		Division string `json:"division"`
		Resident struct {
			CitizenID string `json:"citizenId"`
		} `json:"resident"`
		Instructor struct {
			ID       string `json:"id"`
			Name     string `json:"name"`
			Role     string `json:"role"`
			Division string `json:"division"`
		} `json:"instructor"`
		BoundAt   string `json:"boundAt"`
		UnboundAt string `json:"unboundAt,omitempty"`
	}
	fxSurvey struct {
		fxHeader
		Division      string `json:"division"`
		SurveyedOn    string `json:"surveyedOn"`
		Questionnaire string `json:"questionnaire"`
		Respondent    struct {
			Age       int    `json:"age"`
			Sex       string `json:"sex"`
			Residence string `json:"residence"`
		} `json:"respondent"`
		Items []struct {
			Item     int `json:"item"`
			Score    int `json:"score"`
			MaxScore int `json:"maxScore"`
		} `json:"items"`
		Literate bool `json:"literate"`
	}
	fxCell struct {
		fxHeader
		Name     string `json:"name"`
		Type     string `json:"type"`
		Level    string `json:"level"`
		Year     int    `json:"year"`
		Division string `json:"division"`
		NamedOn  string `json:"namedOn"`
	}
)

func fxHead(kind, id string) fxHeader { return fxHeader{"1", kind, id} }

// fxTime writes an instant in China Standard Time.
func fxTime(y int, m time.Month, d, h, min int) string {
	return time.Date(y, m, d, h, min, 0, 0, healthedu.ChinaStandardTime).Format(time.RFC3339)
}

// fxCreditCode returns the valid unified social credit code that starts
// with the 17 characters of body.
func fxCreditCode(t testing.TB, body string) string {
	for _, c := range "0123456789ABCDEFGHJKLMNPQRTUWXY" {
		if _, err := healthedu.ParseCreditCode(body + string(c)); err == nil {
			return body + string(c)
		}
	}
	t.Fatalf("no credit code for %s", body)
	return ""
}

// fxCitizenID returns the valid citizen ID number that starts with the 17
// digits of body (fictitious: made for the fixtures).
func fxCitizenID(t testing.TB, body string) string {
	for _, c := range "0123456789X" {
		if _, err := healthedu.ParseCitizenID(body + string(c)); err == nil {
			return body + string(c)
		}
	}
	t.Fatalf("no citizen ID for %s", body)
	return ""
}

// fxUID returns a DHIS2-like uid made from s: a letter and 10 letters or
// digits.
func fxUID(s string) string {
	const alnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * 1099511628211
	}
	b := []byte{alnum[26+h%26]}
	for range 10 {
		h = h*6364136223846793005 + 1442695040888963407
		b = append(b, alnum[h>>58%62])
	}
	return string(b)
}

// indicatorsFixtures returns the fixtures: a year of grassroots health
// education in the 24 townships of 东昌府区 (聊城市, 山东省) as the
// provincial platform receives it, January to October 2025:
//
//   - reports.ndjson: each township's monthly report, submitted from the
//     2nd to the 9th of the following month, one in twelve late (11th to
//     14th); 香江光彩大市场服务中心 joins the platform in July; 侯营镇
//     misses August; 古楼街道's September report is first submitted with a
//     typing error (30,080 children managed of 3,120: rejected) and
//     corrected under the same id;
//   - activities.ndjson: a lecture a month in each township from July,
//     consultations in August, free clinics in September; one activity
//     with its end before its start (rejected);
//   - bindings.ndjson: the binding pilot of 古楼街道 and 柳园街道 (target 30
//     residents each); in 古楼街道 one resident binds twice and two unbind
//     in September; one binding has a citizen ID with a wrong check digit
//     (rejected);
//   - surveys.ndjson: 20 literacy respondents each in 古楼街道 and 柳园街道
//     in September, 6 and 5 of them literate;
//   - cells.ndjson: health cells named in 2024 and 2025;
//   - dhis2-mapping.csv: a mapping to a fictitious DHIS2 instance, for
//     every series and every township but 香江光彩大市场服务中心.
//
// Citizen ID numbers and credit codes have valid check characters and are
// made up; the citizen IDs have the address code 371599, 聊城's county
// number 99, which was never assigned, so that none can be a real person's.
func indicatorsFixtures(t testing.TB) map[string][]byte {
	reg := healthedu.DefaultRegistry()
	towns := indicators.DivisionsAt(reg, healthedu.MustParseDivisionCode("371502"), healthedu.LevelTownship)
	if len(towns) != 24 {
		t.Fatalf("%d townships in 东昌府区, want 24", len(towns))
	}
	var (
		rnd                                           = indicatorsRand(20251120)
		reports, activities, bindings, surveys, cells bytes.Buffer
		gulou                                         = healthedu.MustParseDivisionCode("371502001")
		liuyuan                                       = healthedu.MustParseDivisionCode("371502002")
		xiangjiang                                    = healthedu.MustParseDivisionCode("371502400")
		houying                                       = healthedu.MustParseDivisionCode("371502100")
	)
	line := func(b *bytes.Buffer, v any) {
		enc := json.NewEncoder(b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(v); err != nil {
			t.Fatal(err)
		}
	}
	short := func(d healthedu.DivisionCode) string { return d.Short() }
	forms := map[string]bool{}
	topicsUsed := map[string]bool{}
	groupsUsed := map[string]bool{}

	// Monthly reports.
	for _, d := range towns {
		pop := 26000 + rnd.intn(60000)
		old := pop * (140 + rnd.intn(50)) / 1000
		kids := pop * (55 + rnd.intn(15)) / 1000
		htn := pop * (80 + rnd.intn(30)) / 1000
		dm := pop * (28 + rnd.intn(12)) / 1000
		docs := pop * (30 + rnd.intn(16)) / 100000
		if d == gulou {
			kids = 3120
		}
		for m := time.January; m <= time.October; m++ {
			if d == xiangjiang && m < time.July || d == houying && m == time.August {
				continue
			}
			managed := kids * (930 + rnd.intn(50)) / 1000
			if d == gulou && m == time.September {
				managed = 3008
			}
			lectures := 1
			if m < time.July {
				switch rnd.intn(6) {
				case 0:
					lectures = 0
				case 1:
					lectures = 2
				}
			}
			values := []fxValue{
				{"population", pop + int(m)*rnd.intn(15)},
				{"population-65plus", old},
				{"children-0-6", kids},
				{"children-0-6-managed", managed},
				{"hypertension-managed", htn},
				{"hypertension-standard-managed", htn * (850 + rnd.intn(80)) / 1000},
				{"hypertension-controlled", htn * (700 + rnd.intn(120)) / 1000},
				{"diabetes-managed", dm},
				{"diabetes-standard-managed", dm * (850 + rnd.intn(80)) / 1000},
				{"diabetes-controlled", dm * (600 + rnd.intn(150)) / 1000},
				{"elderly-managed", old * (60 + int(m)*68 + rnd.intn(20)) / 1000},
				{"family-doctors", docs},
				{"health-centres", 1},
				{"lectures", lectures},
				{"lecture-participants", lectures * (40 + rnd.intn(120))},
				{"consultations", rnd.intn(3)},
				{"pushes", 200 + rnd.intn(1500)},
				{"health-records", pop * (850 + rnd.intn(80)) / 1000},
				{"health-service-users", pop * (280 + int(m)*12 + rnd.intn(30)) / 1000},
			}
			if d == gulou || d == liuyuan {
				values = append(values, fxValue{"binding-target", 30})
			}
			day := 2 + rnd.intn(8)
			if rnd.intn(12) == 0 {
				day = 11 + rnd.intn(4)
			}
			hour, minute := 8+rnd.intn(10), rnd.intn(60)
			p := healthedu.MonthPeriod(2025, m)
			r := fxReport{fxHead("monthlyReport", "MR-"+short(d)+"-"+p.String()), short(d), p.String(), fxTime(2025, m+1, day, hour, minute), values}
			if d == gulou && m == time.September {
				bad := r
				bad.SubmittedAt = fxTime(2025, time.October, 5, 10, 12)
				bad.Values = slices.Clone(values)
				bad.Values[3].Value = 30080 // a zero too many
				line(&reports, bad)
				r.SubmittedAt = fxTime(2025, time.October, 8, 15, 40)
			}
			line(&reports, r)
		}
	}

	// Activities.
	topics := []string{"hypertension", "diabetes", "three-reductions-three-healths", "falls", "nutrition", "mental-health", "vaccination", "tcm"}
	groups := []string{"elderly", "chronic-patients", "general", "young-parents", "students"}
	speakers := []string{"王丽", "李强", "张敏", "刘洋", "陈静", "杨帆", "赵磊", "黄霞"}
	for ti, d := range towns {
		name := reg.Name(d)
		org := fxOrganizer{
			CreditCode: fxCreditCode(t, fmt.Sprintf("12%sMB%07d", d.String()[:6], 2850000+ti*317)),
			Name:       "聊城市东昌府区" + name + "社区卫生服务中心",
			Type:       "community-health-center",
			Division:   short(d),
		}
		if strings.HasSuffix(name, "镇") {
			org.Name, org.Type = "聊城市东昌府区"+name+"卫生院", "township-health-center"
		}
		n, month := 0, time.Month(0)
		add := func(m time.Month, form, title string, participants int) {
			if m != month {
				n, month = 0, m
			}
			n++
			a := fxActivity{fxHeader: fxHead("activity", fmt.Sprintf("ACT-%s-2025%02d-%02d", short(d), m, n)), Title: title, Organizer: org, Division: short(d), Form: form, Participants: participants}
			a.Venue.Type, a.Venue.Name = "health-education-point", name+"健康宣教点"
			if form == "free-clinic" {
				a.Venue.Type, a.Venue.Name = "party-mass-service-center", name+"党群服务中心"
			}
			t1 := topics[rnd.intn(len(topics))]
			t2 := topics[rnd.intn(len(topics))]
			a.Topics = []string{t1}
			if t2 != t1 {
				a.Topics = append(a.Topics, t2)
			}
			a.TargetGroups = []string{groups[rnd.intn(len(groups))]}
			for _, x := range a.Topics {
				topicsUsed[x] = true
			}
			for _, x := range a.TargetGroups {
				groupsUsed[x] = true
			}
			forms[form] = true
			day, hour := 3+rnd.intn(24), 9
			if rnd.intn(2) == 0 {
				hour = 14
			}
			a.Start, a.End = fxTime(2025, m, day, hour, 30), fxTime(2025, m, day, hour+1, 50)
			a.Speakers = append(a.Speakers, struct {
				Name string `json:"name"`
				Role string `json:"role"`
			}{speakers[rnd.intn(len(speakers))], "family-doctor"})
			if form != "consultation" {
				a.Evidence = &struct {
					Photos      []string `json:"photos"`
					SignInSheet string   `json:"signInSheet"`
				}{
					[]string{fmt.Sprintf("oss://lc/2025/%02d/%s-%d-1.jpg", m, short(d), n)},
					fmt.Sprintf("oss://lc/2025/%02d/%s-%d-sign.pdf", m, short(d), n),
				}
			}
			if d == gulou && m == time.August && form == "free-clinic" {
				a.End = fxTime(2025, m, day, hour-1, 0) // typed the wrong hour: rejected
			}
			line(&activities, a)
		}
		for m := time.July; m <= time.October; m++ {
			add(m, "lecture", name+"健康知识讲座", 40+rnd.intn(120))
			if m == time.August && (ti%4 == 0 || d == gulou) {
				add(m, "consultation", name+"公众健康咨询", 30+rnd.intn(80))
			}
			if m == time.August && d == gulou {
				add(m, "free-clinic", "古楼街道义诊", 120)
			}
			if m == time.September && ti%3 == 0 {
				add(m, "free-clinic", name+"义诊活动", 60+rnd.intn(150))
			}
		}
	}

	// Bindings: the pilot of 古楼街道 and 柳园街道.
	bind := func(d healthedu.DivisionCode, no int, id string, instructor, instructorName string, bound time.Time, unbound time.Time) {
		b := fxBinding{fxHeader: fxHead("binding", fmt.Sprintf("BD-%s-%03d", short(d), no)), Division: short(d)}
		b.Resident.CitizenID = id
		b.Instructor.ID, b.Instructor.Name, b.Instructor.Role, b.Instructor.Division = instructor, instructorName, "health-instructor", short(d)
		b.BoundAt = bound.Format(time.RFC3339)
		if !unbound.IsZero() {
			b.UnboundAt = unbound.Format(time.RFC3339)
		}
		line(&bindings, b)
	}
	for _, pilot := range []struct {
		d     healthedu.DivisionCode
		n     int
		start time.Time
	}{
		{gulou, 24, time.Date(2025, 6, 3, 10, 0, 0, 0, healthedu.ChinaStandardTime)},
		{liuyuan, 27, time.Date(2025, 6, 30, 15, 0, 0, 0, healthedu.ChinaStandardTime)},
	} {
		instructor := "JKZD-" + short(pilot.d) + "-01"
		var ids []string
		for k := range pilot.n {
			birth := time.Date(1950+rnd.intn(50), time.Month(1+rnd.intn(12)), 1+rnd.intn(28), 0, 0, 0, 0, time.UTC)
			ids = append(ids, fxCitizenID(t, fmt.Sprintf("371599%s%03d", birth.Format("20060102"), 100+k*7)))
			var unbound time.Time
			if pilot.d == gulou && (k == 4 || k == 10) {
				unbound = time.Date(2025, 9, 20, 11, 0, 0, 0, healthedu.ChinaStandardTime)
			}
			bind(pilot.d, k+1, ids[k], instructor, "王丽", pilot.start.AddDate(0, 0, 4*k), unbound)
		}
		if pilot.d == gulou {
			// A wrong check digit: rejected.
			bad := []byte(fxCitizenID(t, "37159919780412013"))
			bad[17] = "0123456789X"[(strings.IndexByte("0123456789X", bad[17])+1)%11]
			bind(pilot.d, pilot.n+1, string(bad), instructor, "王丽", time.Date(2025, 8, 1, 9, 0, 0, 0, healthedu.ChinaStandardTime), time.Time{})
			// The third resident binds to a second instructor too.
			bind(pilot.d, pilot.n+2, ids[2], "JKZD-"+short(pilot.d)+"-02", "李娜", time.Date(2025, 8, 15, 16, 0, 0, 0, healthedu.ChinaStandardTime), time.Time{})
		}
	}

	// Literacy surveys.
	for _, pt := range []struct {
		d        healthedu.DivisionCode
		literate int
	}{{gulou, 6}, {liuyuan, 5}} {
		for k := range 20 {
			s := fxSurvey{fxHeader: fxHead("literacySurvey", fmt.Sprintf("LS-%s-2025-%02d", short(pt.d), k+1)), Division: short(pt.d), Questionnaire: "2024"}
			s.SurveyedOn = fmt.Sprintf("2025-09-%02d", 8+k/3)
			s.Respondent.Age, s.Respondent.Sex, s.Respondent.Residence = 18+rnd.intn(50), []string{"female", "male"}[k%2], "urban"
			// 8 items of 5 points: literate from 32 points.
			score := 17 + rnd.intn(15) // 17–31
			if k < pt.literate {
				score = 32 + rnd.intn(9) // 32–40
			}
			s.Literate = score >= 32
			for i := range 8 {
				v := min(5, max(0, score-5*i)) // the points fill the items in order
				s.Items = append(s.Items, struct {
					Item     int `json:"item"`
					Score    int `json:"score"`
					MaxScore int `json:"maxScore"`
				}{i + 1, v, 5})
			}
			line(&surveys, s)
		}
	}

	// Health cells.
	for i, c := range []struct {
		d                string
		name, typ, level string
		year             int
		namedOn          string
	}{
		{"371502001", "古楼街道光岳社区", "community", "city", 2024, "2024-11-20"},
		{"371502100", "侯营镇前屯村", "village", "city", 2024, "2024-11-20"},
		{"371502001", "古楼街道东关社区", "community", "city", 2025, "2025-06-18"},
		{"371502002", "聊城市东昌府区柳园中学", "school", "city", 2025, "2025-06-18"},
		{"371502003", "新区街道机关食堂", "canteen", "city", 2025, "2025-06-18"},
		{"371502004", "东昌府区湖西街道办事处", "agency", "city", 2025, "2025-06-18"},
		{"371502102", "堂邑镇路庄村", "village", "city", 2025, "2025-06-18"},
		{"371502008", "聊城市北城街道光明食品有限公司", "enterprise", "province", 2025, "2025-09-26"},
	} {
		line(&cells, fxCell{fxHead("healthCell", fmt.Sprintf("HC-3715-%d-%02d", c.year, i+1)), c.name, c.typ, c.level, c.year, c.d, c.namedOn})
	}

	// The DHIS2 mapping.
	var mapping bytes.Buffer
	mapping.WriteString("# The mapping of the fixtures to a fictitious DHIS2 instance of 聊城市.\n# Topics, target groups and the levels of health cells are not taken.\nkind,jiceng,dhis2\n")
	elements := []string{"population", "population-65plus", "children-0-6", "children-0-6-managed", "hypertension-managed",
		"hypertension-standard-managed", "hypertension-controlled", "diabetes-managed", "diabetes-standard-managed",
		"diabetes-controlled", "elderly-managed", "family-doctors", "health-centres", "lectures", "lecture-participants",
		"consultations", "pushes", "health-records", "health-service-users", "binding-target", "residents-bound", "reports-expected", "reports-received", "reports-on-time",
		"activities", "activity-participants", "literacy-respondents", "literacy-literate", "health-cells"}
	for _, e := range elements {
		fmt.Fprintf(&mapping, "element,%s,%s\n", e, fxUID(e))
	}
	for _, e := range []string{"activities", "activity-participants"} {
		for _, f := range slices.Sorted(maps.Keys(forms)) {
			fmt.Fprintf(&mapping, "element,%s[form=%s],%s.%s\n", e, f, fxUID(e+" by form"), fxUID("form "+f))
		}
		for _, x := range slices.Sorted(maps.Keys(topicsUsed)) {
			fmt.Fprintf(&mapping, "element,%s[topic=%s],-\n", e, x)
		}
		for _, x := range slices.Sorted(maps.Keys(groupsUsed)) {
			fmt.Fprintf(&mapping, "element,%s[group=%s],-\n", e, x)
		}
	}
	for _, e := range []string{"literacy-respondents", "literacy-literate"} {
		for _, r := range []string{"urban", "rural"} {
			fmt.Fprintf(&mapping, "element,%s[residence=%s],%s.%s\n", e, r, fxUID(e), fxUID("residence "+r))
		}
	}
	for _, typ := range []string{"community", "village", "agency", "school", "canteen", "enterprise", "family"} {
		fmt.Fprintf(&mapping, "element,health-cells[type=%s],%s.%s\n", typ, fxUID("health-cells"), fxUID("type "+typ))
	}
	for _, l := range []string{"city", "province", "national"} {
		fmt.Fprintf(&mapping, "element,health-cells[level=%s],-\n", l)
	}
	for _, d := range towns {
		if d != xiangjiang {
			fmt.Fprintf(&mapping, "division,%s,%s,%s\n", d, fxUID(d.String()), reg.Name(d))
		}
	}

	return map[string][]byte{
		"reports.ndjson":    reports.Bytes(),
		"activities.ndjson": activities.Bytes(),
		"bindings.ndjson":   bindings.Bytes(),
		"surveys.ndjson":    surveys.Bytes(),
		"cells.ndjson":      cells.Bytes(),
		"dhis2-mapping.csv": mapping.Bytes(),
	}
}

func TestIndicatorsStdin(t *testing.T) {
	var out, errOut bytes.Buffer
	stdin := strings.NewReader(indicatorsRead(t, "reports.ndjson"))
	code := run([]string{"indicators", "-now", indicatorsNow, "-divisions", "371502001", "-period", "202509", "-format", "json",
		"-indicators", "child-health-management-rate", "-"}, stdin, &out, &errOut)
	if code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, errOut.String())
	}
	r := indicatorsDecode(t, out.String())
	if r.Skipped != 1 || r.Rows[0]["value"] != "96.41" {
		t.Errorf("skipped %d, value %v; want 1 and 96.41", r.Skipped, r.Rows[0]["value"])
	}
	if !strings.Contains(errOut.String(), "jiceng indicators: -:9：跳过 monthlyReport “MR-371502001-202509”：monthlyReport.partExceedsWhole /values/3/value: 数据元") {
		t.Errorf("stderr:\n%s", errOut.String())
	}
}

// A citizen ID number put by mistake in the file of -reporters is masked
// in the error that names its line, valid or mistyped, in ASCII or
// full-width digits (masked in ASCII, as the parser reads them).
func TestIndicatorsReportersCitizenID(t *testing.T) {
	id := fxCitizenID(t, "37159919780412013")
	wrong := id[:17] + "0123456789X"[(strings.IndexByte("0123456789X", id[17])+1)%11:][:1]
	fullWidth := width.Widen.String(id)
	for _, tt := range []struct{ line, masked string }{
		{id, "3715**********" + id[14:]},
		{wrong, "3715**********" + wrong[14:]},
		{fullWidth, "3715**********" + id[14:]}, // masked as read, in ASCII
		{"371599781332013", "3715*******2013"},  // 15 digits, a legacy number with a date that does not exist
	} {
		path := filepath.Join(t.TempDir(), "reporters.txt")
		if err := os.WriteFile(path, []byte("371502001\n"+tt.line+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		_, errOut, code := indicatorsCommand(t, "indicators", "-now", indicatorsNow, "-divisions", "371502", "-period", "2025Q3",
			"-reporters", path, indicatorsFiles()[0])
		if code != exitUsage || !strings.Contains(errOut, " 第 2 行：") || !strings.Contains(errOut, "“"+tt.masked+"”") {
			t.Errorf("%s: exit %d, stderr (want %s):\n%s", tt.line, code, tt.masked, errOut)
		}
		if strings.Contains(errOut, tt.line) {
			t.Errorf("citizen ID in clear:\n%s", errOut)
		}
	}
}

// TestIndicatorsDHIS2DataSet exports the monthly report of one township
// and month as a DHIS2 data set, which names the data set, the period and
// the organisation unit at the top, and the registrations of the reports
// received beside it; and checks the flags that go with it.
func TestIndicatorsDHIS2DataSet(t *testing.T) {
	mapping := filepath.Join(indicatorsDir, "dhis2-mapping.csv")
	regs := filepath.Join(t.TempDir(), "registrations.json")
	out, errOut, code := indicatorsRun(t, "-divisions", "371502001", "-period", "202509", "-format", "dhis2", "-dhis2-mapping", mapping,
		"-dhis2-dataset", "pBOMPrpg1QX", "-dhis2-registrations", regs)
	if code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, errOut)
	}
	var doc struct {
		DataSet    string           `json:"dataSet"`
		Period     string           `json:"period"`
		OrgUnit    string           `json:"orgUnit"`
		DataValues []map[string]any `json:"dataValues"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("%v in\n%s", err, out)
	}
	m, err := dhis2.LoadMapping(strings.NewReader(indicatorsRead(t, "dhis2-mapping.csv")))
	if err != nil {
		t.Fatal(err)
	}
	var mb bytes.Buffer
	m.WriteCSV(&mb)
	orgUnit := ""
	for _, l := range strings.Split(mb.String(), "\n") {
		if f := strings.Split(l, ","); len(f) == 5 && f[0] == "division" && f[1] == "371502001000" {
			orgUnit = f[2]
		}
	}
	if got := [3]string{doc.DataSet, doc.Period, doc.OrgUnit}; got != [3]string{"pBOMPrpg1QX", "202509", orgUnit} || len(doc.DataValues) == 0 {
		t.Errorf("the data set's head %v with %d values, want [pBOMPrpg1QX 202509 %s]", got, len(doc.DataValues), orgUnit)
	}
	b, err := os.ReadFile(regs)
	if err != nil {
		t.Fatal(err)
	}
	var reg struct {
		Registrations []struct {
			DataSet          string `json:"dataSet"`
			Period           string `json:"period"`
			OrganisationUnit string `json:"organisationUnit"`
			Completed        bool   `json:"completed"`
		} `json:"completeDataSetRegistrations"`
	}
	if err := json.Unmarshal(b, &reg); err != nil {
		t.Fatalf("%v in\n%s", err, b)
	}
	if len(reg.Registrations) != 1 || reg.Registrations[0].OrganisationUnit != orgUnit || reg.Registrations[0].Period != "202509" ||
		reg.Registrations[0].DataSet != "pBOMPrpg1QX" || !reg.Registrations[0].Completed {
		t.Errorf("registrations:\n%s", b)
	}

	for _, tc := range []struct {
		name string
		args []string
		code string
	}{
		{"a data set without dhis2", []string{"-format", "json", "-dhis2-dataset", "pBOMPrpg1QX"}, codeDataSetUnneeded},
		{"registrations without a data set", []string{"-format", "dhis2", "-dhis2-mapping", mapping, "-dhis2-registrations", regs}, codeRegistrationsUnneeded},
		{"a data set that is no UID", []string{"-format", "dhis2", "-dhis2-mapping", mapping, "-dhis2-dataset", "月报"}, codeDHIS2Refused},
	} {
		args := append([]string{"-divisions", "371502001", "-period", "202509", "-lang", "en"}, tc.args...)
		_, errOut, code := indicatorsRun(t, args...)
		if want := healthedu.NewIssue(tc.code, "", nil).Message(language.English); code != exitUsage || !strings.Contains(errOut, strings.SplitN(want, "%", 2)[0][:12]) {
			t.Errorf("%s: exit %d, stderr %q", tc.name, code, errOut)
		}
	}
}
