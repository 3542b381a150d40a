package main

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/jiceng/jiceng/examples/internal/httpapi/httpapitest"
	"github.com/jiceng/jiceng/healthedu"
)

// TestNoCitizenIDStoredOrLogged submits records that name residents by
// citizen ID, in the field meant for it, in free text, in a record id and
// in malformed JSON, and checks that no number appears in clear in the
// database, in the logs or in the answers, while the pseudonym links the
// records of one resident.
func TestNoCitizenIDStoredOrLogged(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, open func(testing.TB) store) {
		h := newHarness(t, open(t))
		id1 := citizenID("37150219800101001")
		id2 := citizenID("37150219750615002")
		id3 := citizenID("37150219900303003")
		id15 := "371502800101001" // the legacy form of id1
		withTitle := bytes.Replace(activity("P-3", "371502001", at(2025, 12, 5, 9), ""),
			[]byte(`"title":"健康知识讲座"`), []byte(`"title":"为 `+id3+` 做健康指导"`), 1)
		body := ndjson(
			activity("P-1", "371502001", at(2025, 12, 3, 9), id1),
			activity("P-2", "371502001", at(2025, 12, 4, 9), id15),
			withTitle,
			activity("P-4", "371502001", at(2025, 12, 6, 9), id2),
			activity(id2, "371502001", at(2025, 12, 7, 9), ""),              // a citizen ID as record id
			[]byte(`{"kind":"activity","id":"P-6","title":"`+id1+`",`+"\n"), // malformed, quoting it
		)
		ans := h.submit(tokenGulou, body, "Accept-Language", "en")
		sm := ans.summary(t)
		if sm.Imported != 4 || sm.Rejected != 2 {
			t.Fatalf("summary %+v %+v", countsOf(sm), sm.Issues)
		}
		var personal bool
		for _, is := range sm.Issues {
			if is.Code == codeRecordIDPersonal {
				personal = true
			}
		}
		if !personal {
			t.Errorf("no %s issue: %+v", codeRecordIDPersonal, sm.Issues)
		}
		// And a request whose path holds one.
		h.request("GET", "/v1/divisions/"+id1, tokenGulou, nil)

		clear := []string{id1, id2, id3, id15}
		check := func(where, text string) {
			t.Helper()
			for _, id := range clear {
				if strings.Contains(text, id) {
					t.Errorf("%s holds the citizen ID %s in clear", where, id)
				}
			}
		}
		check("the answer", string(ans.body))
		check("the log", h.logs.String())
		if !strings.Contains(h.logs.String(), `"msg":"submission"`) {
			t.Errorf("no submission logged:\n%s", h.logs.String())
		}

		rows := h.stored()
		pseudonyms := make(map[string]string)
		for _, r := range rows {
			check("stored record "+r.ID, strings.Join([]string{string(r.Kind), r.ID, r.Submitter.String(), r.Division.String(),
				r.Period.String(), r.Hash, r.Pseudonym, string(r.Body)}, "\x00"))
			pseudonyms[r.ID] = r.Pseudonym
		}
		cid1, _ := healthedu.ParseCitizenID(id1)
		cid2, _ := healthedu.ParseCitizenID(id2)
		if pseudonyms["P-1"] != cid1.Pseudonym(testKey).String() || pseudonyms["P-2"] != pseudonyms["P-1"] {
			t.Errorf("pseudonyms of one resident: %q, %q, want %q", pseudonyms["P-1"], pseudonyms["P-2"], cid1.Pseudonym(testKey))
		}
		if pseudonyms["P-4"] != cid2.Pseudonym(testKey).String() || pseudonyms["P-3"] != "" {
			t.Errorf("pseudonyms %v", pseudonyms)
		}
		for _, r := range rows {
			if r.ID == "P-1" && !bytes.Contains(r.Body, []byte(`"citizenId":"`+cid1.Masked()+`"`)) {
				t.Errorf("P-1 stored without the masked citizen ID: %s", r.Body)
			}
			if r.ID == "P-3" && !bytes.Contains(r.Body, []byte(healthedu.RedactCitizenIDs(id3))) {
				t.Errorf("P-3 stored without the masked title: %s", r.Body)
			}
		}

		// The stored records decode for the indicators without any citizen
		// ID: not even the masked form is read back.
		set, err := loadRecords(context.Background(), h.store, healthedu.MustParseDivisionCode("3715"), nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(set.records) != 4 {
			t.Errorf("%d records decoded, want 4", len(set.records))
		}
		for _, rec := range set.records {
			if a := rec.(*healthedu.Activity); a.Resident != nil && a.Resident.CitizenID.IsValid() {
				t.Errorf("%s decoded with a citizen ID", a.ID)
			}
		}
	})
}

func TestRedactingHandler(t *testing.T) {
	var b httpapitest.Buffer
	id := citizenID("11010119900307001")
	log := slog.New(healthedu.NewRedactingHandler(slog.NewJSONHandler(&b, nil)))
	log.Info("message "+id, "s", id, "err", errString(id), "any", []string{id}, "bytes", []byte(id), "group", slog.GroupValue(slog.String("in", id)))
	log.With("with", id).WithGroup("g").Info("grouped", "inner", id)
	if strings.Contains(b.String(), id) {
		t.Errorf("log holds %s in clear:\n%s", id, b.String())
	}
	if strings.Count(b.String(), "1101**********") != 8 {
		t.Errorf("log lacks the masked forms:\n%s", b.String())
	}
}

type errString string

func (e errString) Error() string { return string(e) }

// fullWidth returns s with its ASCII digits and X written full-width
// (全角), as Chinese input methods type them.
func fullWidth(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' || r == 'X' {
			return r - '0' + '０'
		}
		return r
	}, s)
}

// citizenIDSeparators are what people put between the groups of a citizen
// ID number, as clearCitizenIDs removes them.
var citizenIDSeparators = strings.NewReplacer(" ", "", "\t", "", "-", "", ".", "", "\u3000", "", "\u00a0", "",
	"－", "", "．", "", "　", "", "\u2010", "", "\u2011", "", "\u2012", "", "\u2013", "", "\u2014", "")

// clearCitizenIDs returns the citizen ID numbers of area 371599 — the
// area of the tests' numbers, which no real number has — that text holds
// in clear, however dressed: after its full-width digits are folded and
// the separators people put between groups removed. A number masked
// (3715**********0076) is not one.
func clearCitizenIDs(text string) []string {
	folded := strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return r - '０' + '0'
		case r == 'Ｘ' || r == 'ｘ' || r == 'x':
			return 'X'
		}
		return r
	}, text)
	folded = citizenIDSeparators.Replace(folded)
	var found []string
	for _, m := range regexp.MustCompile(`371599[0-9]{11}[0-9X]`).FindAllString(folded, -1) {
		if _, err := healthedu.ParseCitizenID(m); err == nil {
			found = append(found, m)
		}
	}
	return found
}

// TestCitizenIDInKeysAndNames sends citizen ID numbers, dressed as people
// dress them, where the platform echoes or keeps what it is sent: an
// Idempotency-Key (stored in clear), a member name (echoed in an issue),
// a record id and a query parameter. None may come back, be stored or be
// logged in clear; a key or an id holding one is refused.
func TestCitizenIDInKeysAndNames(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, open func(testing.TB) store) {
		h := newHarness(t, open(t))
		id := citizenID("37159919800101007")
		dressed := []string{id, "x" + id + "x", id[:6] + " " + id[6:14] + " " + id[14:], id[:6] + "-" + id[6:10] + "-" + id[10:14] + "-" + id[14:],
			id[:7] + "-" + id[7:12] + "-" + id[12:] /* no common grouping */, id[:4] + "." + id[4:]}
		var answers []answer
		for i, d := range dressed {
			rec := activity(fmt.Sprintf("K-%d", i), "371502001", at(2025, 12, 3, 9), "")
			// As an Idempotency-Key: refused, and not kept.
			ans := h.submit(tokenGulou, rec, "Idempotency-Key", "batch-"+d)
			if ans.status != http.StatusBadRequest || ans.problemCode(t) != codeIdempotencyKeyPersonal {
				t.Errorf("key %q: %d %s, want 400 %s", d, ans.status, ans.body, codeIdempotencyKeyPersonal)
			}
			answers = append(answers, ans)
			// As a member name, ASCII and full-width.
			for _, name := range []string{d, fullWidth(d)} {
				named := bytes.Replace(rec, []byte(`"title":`), []byte(`"`+name+`":1,"title":`), 1)
				ans = h.submit(tokenGulou, named)
				if ans.status != http.StatusUnprocessableEntity {
					t.Errorf("member %q: %d %s", name, ans.status, ans.body)
				}
				answers = append(answers, ans)
			}
			// As a record id: refused (intake.recordIdPersonal), or, when
			// not an id at all, rejected by the schema's pattern.
			ans = h.submit(tokenGulou, bytes.Replace(rec, []byte(fmt.Sprintf(`"id":"K-%d"`, i)), []byte(`"id":"A-`+d+`"`), 1))
			answers = append(answers, ans)
			if ans.status == http.StatusOK {
				t.Errorf("record id %q taken: %s", d, ans.body)
			}
			// As a member name of a lock's body, which the problem names.
			ans = h.request("POST", "/v1/locks/unlock", tokenAdmin, []byte(`{"division":"3715","period":"202510","`+d+`":1}`))
			if ans.status != http.StatusBadRequest || ans.problemCode(t) != codeBodyUnknownField {
				t.Errorf("lock body member %q: %d %s", d, ans.status, ans.body)
			}
			answers = append(answers, ans)
			// In a query parameter and in the path.
			answers = append(answers,
				h.request("GET", "/v1/indicators?period=2025&under="+url.QueryEscape(d), tokenCity, nil),
				h.request("GET", "/v1/indicators?period="+url.QueryEscape(d), tokenCity, nil),
				h.request("GET", "/v1/indicators?period=2025&indicators="+url.QueryEscape(d), tokenCity, nil),
				h.request("GET", "/v1/divisions/"+url.PathEscape(d), tokenCity, nil))
		}
		// A key without a number is kept, but only as a keyed hash.
		if ans := h.submit(tokenGulou, activity("K-9", "371502001", at(2025, 12, 3, 9), ""), "Idempotency-Key", "batch-2025-12-03"); ans.status != http.StatusOK {
			t.Fatalf("plain key: %d %s", ans.status, ans.body)
		}
		rows, err := h.store.(*sqlStore).r.QueryContext(context.Background(), `SELECT idem_key FROM answers`)
		if err != nil {
			t.Fatal(err)
		}
		var keys []string
		for rows.Next() {
			var k string
			rows.Scan(&k)
			keys = append(keys, k)
		}
		rows.Close()
		if len(keys) != 1 || strings.Contains(keys[0], "batch") || len(keys[0]) != 64 {
			t.Errorf("saved keys %q, want one keyed hash", keys)
		}

		for _, a := range answers {
			var headers strings.Builder
			a.header.Write(&headers)
			if ids := clearCitizenIDs(string(a.body) + headers.String()); len(ids) > 0 {
				t.Errorf("answer %d holds %q in clear: %s", a.status, ids, a.body)
			}
		}
		if ids := clearCitizenIDs(h.logs.String()); len(ids) > 0 {
			t.Errorf("the log holds %q in clear", ids)
		}
		for _, r := range h.stored() {
			if ids := clearCitizenIDs(r.ID + string(r.Body)); len(ids) > 0 {
				t.Errorf("stored record %q holds %q in clear", r.ID, ids)
			}
		}
	})
}

func TestRedactLoose(t *testing.T) {
	id := citizenID("37159919800101007") // 371599198001010076
	tests := []struct{ in, want string }{
		{"", ""},
		{"报告期 202510 的活动", "报告期 202510 的活动"},
		{"电话 13800138000，区划 371502001", "电话 13800138000，区划 371502001"},
		{id, "3715**********0076"},
		{"A-" + id[:7] + "-" + id[7:12] + "-" + id[12:], "A-3715***-*****-**0076"},
		{"编号 " + id[:3] + " " + id[3:9] + " " + id[9:], "编号 371 5***** *****0076"},
		{fullWidth(id[:9]) + "．" + fullWidth(id[9:]), "３７１５*****．*****００７６"},
		{"“3715**********0076”", "“3715**********0076”"},
		{"编号X" + id[:10] + "-" + id[10:] + "x", "编号X3715**********0076x"}, // a grouping the library knows
		{"19800101 0076 371599", "19800101 0076 371599"},                  // the groups, out of order
		{"MR-371502001-202510", "MR-371502001-202510"},                    // a division and a month, not a legacy number
		{"371502001-20251017-01", "371502001-20251017-01"},
	}
	for _, tt := range tests {
		if got := redactLoose(tt.in); got != tt.want {
			t.Errorf("redactLoose(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if holdsCitizenID(tt.in) != (tt.in != tt.want) {
			t.Errorf("holdsCitizenID(%q) = %v", tt.in, !(tt.in != tt.want))
		}
	}
}
