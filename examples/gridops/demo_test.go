package main

import "testing"

// TestDemoCitizenIDs pins the demo's first citizen ID numbers: a restart,
// or a new version, on a demo database must find the same pseudonyms.
func TestDemoCitizenIDs(t *testing.T) {
	people := demoPeople()
	for i, want := range []string{"371599195002020010", "371599194203030026", "37159919580404003X"} {
		if got := demoCitizenID(people[i].age, i+1).Unmasked(); got != want {
			t.Errorf("demoCitizenID(%d, %d) = %s, want %s", people[i].age, i+1, got, want)
		}
	}
}
