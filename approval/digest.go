package approval

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"
	"strings"

	"github.com/jiceng/jiceng/healthedu"
)

// digestPrefix starts every digest: the hash function's name.
const digestPrefix = "sha256:"

// Digest returns the digest of the data of key k (数据摘要): SHA-256 over
// the canonical JSON of the monthly reports among reports for the month
// k.Period whose division is k.Division or lies within it, written
// "sha256:" and 64 lower-case hexadecimal digits. An approval or an
// acceptance records it, so that the approval covers the reports as they
// were: a later change of their figures gives another digest, and the
// approval is [Stale].
//
// The canonical form of a report holds what its figures are and nothing
// of how it travelled: its id, division (12 digits), month, and values
// sorted by element, each value written exactly as a reduced fraction
// (96.410 and 96.41 alike as "9641/100"); the reports are sorted by id,
// then division. Its submission time is left out, so that a report sent
// again unchanged keeps its approval. No report at all has a digest too,
// that of the empty list: a month approved as empty is stale once a
// report arrives. Nil reports are skipped.
func Digest(k Key, reports []*healthedu.MonthlyReport) string {
	type value struct {
		Element string `json:"element"`
		Value   string `json:"value"`
	}
	type report struct {
		ID       string  `json:"id"`
		Division string  `json:"division"`
		Period   string  `json:"period"`
		Values   []value `json:"values"`
	}
	list := []report{}
	for _, r := range reports {
		if r == nil || r.Period != k.Period || !k.Division.Contains(r.Division) {
			continue
		}
		c := report{ID: r.ID, Division: r.Division.String(), Period: r.Period.String(), Values: make([]value, len(r.Values))}
		for i, v := range r.Values {
			c.Values[i] = value{v.Element, v.Value.Rat().RatString()}
		}
		slices.SortFunc(c.Values, func(a, b value) int {
			return cmp.Or(strings.Compare(a.Element, b.Element), strings.Compare(a.Value, b.Value))
		})
		list = append(list, c)
	}
	// By id and division, and reports sharing both by their canonical form.
	slices.SortFunc(list, func(a, b report) int {
		if c := cmp.Or(strings.Compare(a.ID, b.ID), strings.Compare(a.Division, b.Division)); c != 0 {
			return c
		}
		ja, _ := json.Marshal(a)
		jb, _ := json.Marshal(b)
		return strings.Compare(string(ja), string(jb))
	})
	b, _ := json.Marshal(list) // strings and slices only: cannot fail
	sum := sha256.Sum256(b)
	return digestPrefix + hex.EncodeToString(sum[:])
}

// validDigest reports whether s has the form Digest returns.
func validDigest(s string) bool {
	h, ok := strings.CutPrefix(s, digestPrefix)
	if !ok || len(h) != 2*sha256.Size {
		return false
	}
	for i := range len(h) {
		if c := h[i]; !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// Stale reports whether the data of an approved or accepted a changed
// after its approval (审核后数据已变动): whether current, the [Digest] of
// the data as they are now, differs from the digest a recorded. A stale
// approval no longer counts — a later change needs a new approval — and
// [Policy.Apply] refuses to accept it ("approval.stale"): return it and
// approve it again. An approval in another state, or nil, approves
// nothing and is never stale.
func Stale(a *Approval, current string) bool {
	if a == nil || (a.State != StateApproved && a.State != StateAccepted) {
		return false
	}
	return a.Digest != current
}

// Filter returns the months of the units whose data count as approved
// (审核通过的数据), for the Include option of indicators.Query, so that
// figures are computed over approved data only: the function reports
// whether the approval of (unit, month) in data set dataSet is among
// approvals, has reached min (see [State.AtLeast]: [StateApproved] counts
// approved and accepted data, [StateAccepted] accepted data only), and,
// when current is not nil, is not [Stale] against current(key), the
// digest of that key's data as they are now. Submitted data have no
// digest and are not checked for staleness.
//
// The unit is matched exactly: an approval counts for its own division.
// indicators asks about the reporting units (townships by default), so
// keep approvals at that level; a division computed below it, such as a
// village, is its own unit and is included only by an approval of its
// own. Approvals of other data sets, nil ones, and keys given twice (one
// counts when any of them counts) are handled alike. The function keeps
// what it needs of approvals, which may change afterwards.
func Filter(approvals []*Approval, dataSet string, min State, current func(Key) string) func(unit healthedu.DivisionCode, month healthedu.Period) bool {
	type unitMonth struct {
		d healthedu.DivisionCode
		p healthedu.Period
	}
	in := make(map[unitMonth]bool)
	for _, a := range approvals {
		if a == nil || a.DataSet != dataSet || !a.State.AtLeast(min) {
			continue
		}
		if current != nil && Stale(a, current(a.Key)) {
			continue
		}
		in[unitMonth{a.Division, a.Period}] = true
	}
	return func(unit healthedu.DivisionCode, month healthedu.Period) bool {
		return in[unitMonth{unit, month}]
	}
}
