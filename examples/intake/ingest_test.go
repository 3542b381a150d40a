package main

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/internal/fixtures"
)

// redactBodyCases are bodies with and without a citizen ID number, in the
// forms healthedu.RedactCitizenIDs finds, and near misses.
func redactBodyCases() []string {
	id := citizenID("37159919800101007")
	return []string{
		`{"kind":"activity","id":"A-1","division":"371502001000","start":"2025-10-01T09:00:00+08:00"}`,
		`{"title":"` + id + `"}`,
		`{"title":"身份证` + id[:6] + ` ` + id[6:14] + ` ` + id[14:] + `号"}`,
		`{"title":"` + id[:4] + `-` + id[4:8] + `-` + id[8:12] + `-` + id[12:16] + `-` + id[16:] + `"}`,
		`{"title":"３７１５９９１９８００１０１００７` + id[17:] + `"}`,
		`{"title":"` + id[:6] + "\u3000" + id[6:] + `"}`,
		`{"title":"371599800101007"}`,                      // legacy
		`{"title":"12345678901234"}`,                       // 14 digits
		`{"title":"1234567890 1234 5"}`,                    // 15 digits with separators, no ID
		`{"title":"3715**********007X"}`,                   // masked already
		`{"participants":371599198001010076}`,              // a number, not a string
		`{"a":"37159919800101","b":"0076"}`,                // split by JSON
		"{\"title\":\"\xff" + id + "\xfe\"}",               // invalid UTF-8 around
		`{"creditCode":"12371502MB2854374B","n":"xxxxxx"}`, // X and letters
	}
}

// TestRedactBody: redactBody masks as healthedu.RedactCitizenIDs does, and
// returns the body itself when there is nothing to mask.
func TestRedactBody(t *testing.T) {
	for _, body := range redactBodyCases() {
		want := healthedu.RedactCitizenIDs(body)
		got, masked := redactBody([]byte(body))
		if masked != (want != body) {
			t.Errorf("redactBody(%q) reports masked %v", body, masked)
		}
		if diff := cmp.Diff(want, string(got)); diff != "" {
			t.Errorf("redactBody(%q) (-RedactCitizenIDs +got):\n%s", body, diff)
		}
		if want != body && !mayHoldCitizenID([]byte(body)) {
			t.Errorf("mayHoldCitizenID(%q) = false, but RedactCitizenIDs masks it", body)
		}
	}
	if mayHoldCitizenID([]byte(redactBodyCases()[0])) {
		t.Errorf("mayHoldCitizenID of a body of codes and times = true, want false: the filter lets every body through")
	}
}

// FuzzRedactBody: redactBody is healthedu.RedactCitizenIDs, whatever the
// body.
func FuzzRedactBody(f *testing.F) {
	for _, body := range redactBodyCases() {
		f.Add([]byte(body))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		want := healthedu.RedactCitizenIDs(string(body))
		if got, _ := redactBody(body); string(got) != want {
			t.Errorf("redactBody(%q) = %q, RedactCitizenIDs %q", body, got, want)
		}
		if got, want := mayHoldCitizenID(body), mayHoldCitizenIDByteByByte(body); got != want {
			t.Errorf("mayHoldCitizenID(%q) = %v, read byte by byte %v", body, got, want)
		}
	})
}

// mayHoldCitizenIDByteByByte is mayHoldCitizenID without its skips: it
// reads every byte.
func mayHoldCitizenIDByteByByte(b []byte) bool {
	n := 0
	for i := 0; i < len(b); {
		switch idByteClass[b[i]] {
		case idOther:
			n = 0
			i++
		case idDigit:
			if n++; n >= 15 {
				return true
			}
			i++
		case idSep:
			i++
		default:
			r, size := utf8.DecodeRune(b[i:])
			switch {
			case '０' <= r && r <= '９', r == 'Ｘ', r == 'ｘ':
				if n++; n >= 15 {
					return true
				}
			case r == '\u3000', r == '－', r == '．', r == '\u00a0':
			default:
				n = 0
			}
			i += size
		}
	}
	return false
}

// TestMayHoldCitizenIDSkips: mayHoldCitizenID, which skips 15 bytes at a
// time past letters, answers as it does reading every byte, around the
// edges of its skips.
func TestMayHoldCitizenIDSkips(t *testing.T) {
	digits := []string{"123456789012345", "12345678901234", "1234 5678 9012 345", "３７１５９９１９８００１０１００", "3715\u30009919800101"}
	for _, d := range digits {
		for pad := range 40 {
			for _, fill := range []string{"a", "\"", "中", "x-"} {
				body := []byte(strings.Repeat(fill, pad) + d + strings.Repeat(fill, pad%7))
				if got, want := mayHoldCitizenID(body), mayHoldCitizenIDByteByByte(body); got != want {
					t.Errorf("mayHoldCitizenID(%q) = %v, read byte by byte %v", body, got, want)
				}
			}
		}
	}
}

// encodingJSON returns the canonical JSON of a as storedForm wrote it
// before appendActivityJSON: encoding/json, without HTML escaping.
func encodingJSON(a *healthedu.Activity) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(a); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// checkActivityJSON fails t unless appendActivityJSON writes a as
// encoding/json does, or declines where encoding/json fails.
func checkActivityJSON(t *testing.T, a *healthedu.Activity) {
	t.Helper()
	want, err := encodingJSON(a)
	got, ok := appendActivityJSON([]byte("prefix"), a)
	switch {
	case err != nil && ok:
		t.Errorf("encoding/json fails (%v), appendActivityJSON writes %s", err, got)
	case err != nil:
		if string(got) != "prefix" {
			t.Errorf("appendActivityJSON declines, but leaves %q", got)
		}
	case !ok:
		t.Errorf("appendActivityJSON declines, encoding/json writes %s", want)
	default:
		if diff := cmp.Diff(string(want), strings.TrimPrefix(string(got), "prefix")); diff != "" {
			t.Errorf("appendActivityJSON (-encoding/json +got):\n%s", diff)
		}
	}
}

// activityCases are activities with every member set and unset, strings
// that need escaping, and times of every form.
func activityCases(t *testing.T) []*healthedu.Activity {
	var base healthedu.Activity
	if err := json.Unmarshal(activity("A-1", "371502001", at(2025, 12, 3, 9), citizenID("37159919800101007")), &base); err != nil {
		t.Fatal(err)
	}
	zone := time.FixedZone("", -(3*3600 + 30*60))
	edit := func(f func(a *healthedu.Activity)) *healthedu.Activity {
		a := base
		a.Resident = &healthedu.Resident{}
		*a.Resident = *base.Resident
		f(&a)
		return &a
	}
	return []*healthedu.Activity{
		&base,
		edit(func(a *healthedu.Activity) {}),
		edit(func(a *healthedu.Activity) {
			a.Title = "引号\" 反斜杠\\ 换行\n\r\t\b\f \x00\x1f\x7f <>& \u2028\u2029 \xff\xfe 健康"
			a.Organizer.Name = "\"\\"
			a.Venue.Name = "</script>"
			a.Topics, a.TargetGroups = nil, []healthedu.TargetGroup{}
			a.Start = a.Start.Add(123456789 * time.Nanosecond).UTC()
			a.End = a.End.In(zone).Add(time.Millisecond)
			a.MaterialsDistributed = 12
			a.Speakers = []healthedu.Speaker{{Name: "张三", Role: "lecturer", Expert: "EX-1"}, {Name: "李四"}}
			a.Evidence = &healthedu.Evidence{}
			a.Resident = &healthedu.Resident{Consent: healthedu.Consent{Community: true}}
			a.Material = &healthedu.Material{ID: "M-1", Title: "手册"}
			a.Board = &healthedu.Board{ID: "B-1", AreaDm2: 40}
			a.Organizer.Division = healthedu.DivisionCode{}
		}),
		edit(func(a *healthedu.Activity) {
			a.Speakers = []healthedu.Speaker{}
			a.Evidence = &healthedu.Evidence{Photos: []string{}, SignInSheet: "s"}
			a.Material = &healthedu.Material{}
			a.Board = &healthedu.Board{}
			a.Division = healthedu.DivisionCode{}
			a.Organizer.CreditCode = healthedu.CreditCode{}
			a.Resident = nil
		}),
		edit(func(a *healthedu.Activity) { a.Evidence = &healthedu.Evidence{Photos: []string{"a", "b"}} }),
		edit(func(a *healthedu.Activity) { a.Start = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC) }),
		edit(func(a *healthedu.Activity) { a.End = time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC) }),
		edit(func(a *healthedu.Activity) { a.End = a.End.In(time.FixedZone("", 24*3600+60)) }),
		edit(func(a *healthedu.Activity) { a.End = a.End.In(time.FixedZone("", 3600+30)) }),
		edit(func(a *healthedu.Activity) { a.Start = time.Time{} }),
	}
}

// TestAppendActivityJSON: appendActivityJSON writes what encoding/json
// writes, for the activities of internal/fixtures and for activityCases,
// and declines where encoding/json fails.
func TestAppendActivityJSON(t *testing.T) {
	for line := range bytes.Lines(fixtureBatch(fixtures.DefaultSeed, 0, 2000)) {
		var a healthedu.Activity
		if err := json.Unmarshal(line, &a); err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		checkActivityJSON(t, &a)
	}
	for _, a := range activityCases(t) {
		checkActivityJSON(t, a)
	}
}

// FuzzAppendActivityJSON: appendActivityJSON writes what encoding/json
// writes, for any activity that decodes, with any title and any instant.
func FuzzAppendActivityJSON(f *testing.F) {
	f.Add(activity("F-1", "371502001", at(2025, 12, 3, 9), ""), "健康\u2028\"", int64(0), 0)
	f.Add(activity("F-2", "371502001", at(2025, 12, 3, 9), citizenID("37159919800101007")), "\xff\x01", int64(1e9+7), -12600)
	f.Add(fixtures.ActivityLine(7), "", int64(-1<<63), 86460)
	f.Fuzz(func(t *testing.T, line []byte, title string, unixNano int64, offset int) {
		var a healthedu.Activity
		if json.Unmarshal(line, &a) != nil {
			return
		}
		checkActivityJSON(t, &a)
		a.Title = title
		a.End = time.Unix(0, unixNano).In(time.FixedZone("", offset))
		checkActivityJSON(t, &a)
	})
}

// TestActivityFields: appendActivityJSON writes the members of
// healthedu.Activity as they are today; a field added to it, or to a
// struct within it, changes this list and fails the test, until
// appendActivityJSON writes the new field too.
func TestActivityFields(t *testing.T) {
	var fields []string
	var walk func(prefix string, typ reflect.Type)
	walk = func(prefix string, typ reflect.Type) {
		for typ.Kind() == reflect.Pointer || typ.Kind() == reflect.Slice {
			typ = typ.Elem()
		}
		if typ.Kind() != reflect.Struct || typ.PkgPath() == "time" || strings.HasPrefix(typ.Name(), "CitizenID") ||
			typ.Name() == "DivisionCode" || typ.Name() == "CreditCode" {
			return
		}
		for i := range typ.NumField() {
			sf := typ.Field(i)
			if !sf.IsExported() {
				continue
			}
			fields = append(fields, prefix+sf.Name+" "+sf.Type.String()+" "+sf.Tag.Get("json"))
			if !sf.Anonymous {
				walk(prefix+sf.Name+".", sf.Type)
			} else {
				walk(prefix, sf.Type)
			}
		}
	}
	walk("", reflect.TypeFor[healthedu.Activity]())
	want := []string{
		"Header healthedu.Header ",
		"SchemaVersion string schemaVersion",
		"Kind healthedu.Kind kind",
		"ID string id",
		"Title string title,omitempty",
		"Organizer healthedu.Organizer organizer",
		"Organizer.CreditCode healthedu.CreditCode creditCode",
		"Organizer.Name string name",
		"Organizer.Type healthedu.OrganizerType type",
		"Organizer.Division healthedu.DivisionCode division,omitzero",
		"Division healthedu.DivisionCode division",
		"Venue healthedu.Venue venue",
		"Venue.Type healthedu.VenueType type",
		"Venue.Name string name,omitempty",
		"Form healthedu.ActivityForm form",
		"Topics []healthedu.Topic topics",
		"TargetGroups []healthedu.TargetGroup targetGroups",
		"Start time.Time start",
		"End time.Time end",
		"Participants int64 participants",
		"MaterialsDistributed int64 materialsDistributed,omitempty",
		"Speakers []healthedu.Speaker speakers,omitempty",
		"Speakers.Name string name",
		"Speakers.Role healthedu.SpeakerRole role",
		"Speakers.Expert string expert,omitempty",
		"Evidence *healthedu.Evidence evidence,omitempty",
		"Evidence.Photos []string photos,omitempty",
		"Evidence.SignInSheet string signInSheet,omitempty",
		"Resident *healthedu.Resident resident,omitempty",
		"Resident.CitizenID healthedu.CitizenID citizenId",
		"Resident.Consent healthedu.Consent consent",
		"Resident.Consent.Community bool community",
		"Resident.Consent.Medical bool medical",
		"Material *healthedu.Material material,omitempty",
		"Material.ID string id",
		"Material.Title string title,omitempty",
		"Board *healthedu.Board board,omitempty",
		"Board.ID string id",
		"Board.AreaDm2 int64 areaDm2,omitempty",
	}
	if diff := cmp.Diff(want, fields); diff != "" {
		t.Errorf("the fields of healthedu.Activity changed (-appendActivityJSON writes +now): write them in appendActivityJSON, then here\n%s", diff)
	}
}
