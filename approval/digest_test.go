package approval_test

import (
	"regexp"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/jiceng/jiceng/approval"
	"github.com/jiceng/jiceng/healthedu"
)

// monthly returns a monthly report of division for month p with values
// given as element, value pairs.
func monthly(id, division, p string, values ...string) *healthedu.MonthlyReport {
	r := &healthedu.MonthlyReport{
		Header:   healthedu.Header{SchemaVersion: "1", Kind: healthedu.KindMonthlyReport, ID: id},
		Division: div(division), Period: period(p), SubmittedAt: t0,
	}
	for i := 0; i+1 < len(values); i += 2 {
		d, err := healthedu.ParseDecimal(values[i+1])
		if err != nil {
			panic(err)
		}
		r.Values = append(r.Values, healthedu.DataValue{Element: values[i], Value: d})
	}
	return r
}

// TestDigest: the digest covers the figures of the key's reports, not how
// they travelled or their order, nor other months' or divisions' reports.
func TestDigest(t *testing.T) {
	base := []*healthedu.MonthlyReport{
		monthly("gl-10", "371502001", "202510", "lectures", "3", "pushes", "120"),
		monthly("gl-10-v1", "371502001001", "202510", "lectures", "1"),
	}
	want := approval.Digest(key, base)
	if !regexp.MustCompile(`^sha256:[0-9a-f]{64}$`).MatchString(want) {
		t.Fatalf("Digest = %q", want)
	}
	resent := monthly("gl-10", "371502001", "202510", "pushes", "120.0", "lectures", "3")
	resent.SubmittedAt = t0.Add(48 * time.Hour)
	tests := []struct {
		name    string
		reports []*healthedu.MonthlyReport
		same    bool
	}{
		{"reordered, resent, with others' reports and nil", []*healthedu.MonthlyReport{
			nil,
			monthly("gl-11", "371502001", "202511", "lectures", "9"), // another month
			monthly("ly-10", "371502002", "202510", "lectures", "9"), // another township
			monthly("dcf-10", "371502", "202510", "lectures", "9"),   // the county's own
			base[1], resent,
		}, true},
		{"a value changed", []*healthedu.MonthlyReport{monthly("gl-10", "371502001", "202510", "lectures", "4", "pushes", "120"), base[1]}, false},
		{"a village's report changed", []*healthedu.MonthlyReport{base[0], monthly("gl-10-v1", "371502001001", "202510", "lectures", "2")}, false},
		{"a report added", append([]*healthedu.MonthlyReport{monthly("gl-10b", "371502001", "202510", "lectures", "0")}, base...), false},
		{"a report removed", base[:1], false},
		{"an id changed", []*healthedu.MonthlyReport{monthly("gl-10x", "371502001", "202510", "lectures", "3", "pushes", "120"), base[1]}, false},
		{"none", nil, false},
	}
	for _, tt := range tests {
		if got := approval.Digest(key, tt.reports); (got == want) != tt.same {
			t.Errorf("%s: digest %s, base %s, want same %v", tt.name, got, want, tt.same)
		}
	}
	if a, b := approval.Digest(key, nil), approval.Digest(key, []*healthedu.MonthlyReport{}); a != b {
		t.Errorf("nil and empty: %s, %s", a, b)
	}
	// Two reports with the same id and division in either order.
	x, y := monthly("dup", "371502001", "202510", "lectures", "1"), monthly("dup", "371502001", "202510", "lectures", "2")
	if a, b := approval.Digest(key, []*healthedu.MonthlyReport{x, y}), approval.Digest(key, []*healthedu.MonthlyReport{y, x}); a != b {
		t.Errorf("order of duplicates: %s, %s", a, b)
	}
}

func TestStale(t *testing.T) {
	tests := []struct {
		state   approval.State
		current string
		want    bool
	}{
		{"", digest2, false},
		{"submitted", digest2, false},
		{"approved", digest1, false},
		{"approved", digest2, true},
		{"accepted", digest1, false},
		{"accepted", digest2, true},
		{"returned", digest2, false},
	}
	for _, tt := range tests {
		if got := approval.Stale(in(t, tt.state), tt.current); got != tt.want {
			t.Errorf("Stale(%q, %s) = %v", tt.state, tt.current, got)
		}
	}
	if approval.Stale(nil, digest1) {
		t.Error("Stale(nil)")
	}
}

// TestFilter: which months of which units count, by state, data set and
// staleness.
func TestFilter(t *testing.T) {
	at := func(s approval.State, d string) *approval.Approval {
		a := in(t, s)
		a.Division = div(d)
		return a
	}
	other := in(t, approval.StateAccepted)
	other.DataSet = "literacySurvey"
	approvals := []*approval.Approval{
		at("submitted", "371502001"),
		at("approved", "371502002"),
		at("accepted", "371502003"),
		at("returned", "371502004"),
		at("", "371502005"),
		at("approved", "371502006"), // stale below
		nil,
		other,
	}
	stale := func(k approval.Key) string {
		if k.Division == div("371502006") {
			return digest2
		}
		return digest1
	}
	units := []string{"371502001", "371502002", "371502003", "371502004", "371502005", "371502006", "371502", "371502001001"}
	tests := []struct {
		name    string
		min     approval.State
		current func(approval.Key) string
		want    []string
	}{
		{"approved", approval.StateApproved, nil, []string{"371502002", "371502003", "371502006"}},
		{"approved, not stale", approval.StateApproved, stale, []string{"371502002", "371502003"}},
		{"accepted", approval.StateAccepted, stale, []string{"371502003"}},
		{"submitted", approval.StateSubmitted, stale, []string{"371502001", "371502002", "371502003"}},
		{"any min", "", nil, []string{"371502001", "371502002", "371502003", "371502006"}},
	}
	for _, tt := range tests {
		include := approval.Filter(approvals, approval.DataSetMonthlyReport, tt.min, tt.current)
		var got []string
		for _, u := range units {
			if include(div(u), period("202510")) {
				got = append(got, u)
			}
			if include(div(u), period("202511")) {
				t.Errorf("%s: %s included in November", tt.name, u)
			}
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
	// The filter keeps what it needs: later changes of the approvals do
	// not move it.
	include := approval.Filter(approvals, approval.DataSetMonthlyReport, approval.StateApproved, nil)
	approvals[1].State = approval.StateReturned
	if !include(div("371502002"), period("202510")) {
		t.Error("the filter follows a later change")
	}
}
