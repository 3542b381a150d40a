package main

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"

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
	var b syncBuffer
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
