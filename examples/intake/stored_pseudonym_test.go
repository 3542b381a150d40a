package main

import (
	"testing"

	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/roster"
)

// TestStoredInstructorPseudonymKept stores instructors whose pseudonym —
// 64 hexadecimal digits — holds a run of decimal digits that reads as a
// citizen ID number: the mask of citizen IDs in free text must leave the
// pseudonym whole, else the instructor's stored body no longer decodes
// and the register loses them.
func TestStoredInstructorPseudonymKept(t *testing.T) {
	found := 0
	const tries = 200000
	for i := 0; i < tries && found < 3; i++ {
		seq := i % 1000
		cid, err := healthedu.CitizenIDFrom("371599", healthedu.DateOf(at(1950, 1, 1, 0).AddDate(0, 0, i/1000)), seq)
		if err != nil {
			t.Fatal(err)
		}
		p := cid.Pseudonym(testKey).String()
		if healthedu.RedactCitizenIDs(p) == p {
			continue // nothing in it looks like a number to mask
		}
		found++
		in := &roster.Instructor{
			Header:      healthedu.Header{SchemaVersion: "1", Kind: roster.KindInstructor, ID: "GL-HI-01"},
			Name:        "李梅",
			Level:       roster.LevelTownship,
			Division:    healthedu.MustParseDivisionCode("371502001"),
			Institution: roster.Institution{Name: "街道社区卫生服务中心"},
			Roles:       []healthedu.InstructorRole{"health-instructor"},
			CitizenID:   cid,
		}
		f, is := factsOf(in, testNow)
		if is != nil {
			t.Fatalf("facts: %v", is)
		}
		sr, err := storedForm(in, f, healthedu.MustParseDivisionCode("371502001"), testKey)
		if err != nil {
			t.Fatal(err)
		}
		rec, err := decodeStored(&sr)
		if err != nil {
			t.Fatalf("%s: the stored instructor does not decode: %v\n%s", p, err, sr.Body)
		}
		if got := rec.(*roster.Instructor).Pseudonym.String(); got != p {
			t.Errorf("stored pseudonym %s, want %s", got, p)
		}

		// The same 64 digits written by the submitter as a pseudonym
		// are text like any other: what reads as a citizen ID in them is
		// masked.
		given := *in
		given.CitizenID, given.Pseudonym = healthedu.CitizenID{}, cid.Pseudonym(testKey)
		sr, err = storedForm(&given, f, healthedu.MustParseDivisionCode("371502001"), testKey)
		if err != nil {
			t.Fatal(err)
		}
		if b := string(sr.Body); healthedu.RedactCitizenIDs(b) != b {
			t.Errorf("a pseudonym the submitter wrote is stored with a citizen ID in clear:\n%s", b)
		}
	}
	if found == 0 {
		t.Fatalf("no pseudonym of %d holds a number to mask: the test checks nothing", tries)
	}
}
