package indicators_test

import (
	"fmt"
	"time"

	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
)

// A platform that reads records from a stream feeds them to the store one
// at a time; a resubmitted record replaces the one before it.
func ExampleRecordFeed() {
	store := indicators.NewStore(indicators.DefaultCatalogue())
	feed := store.NewRecordFeed(indicators.RecordOptions{})
	gulou := healthedu.MustParseDivisionCode("371502001")
	start := time.Date(2025, 10, 8, 9, 0, 0, 0, healthedu.ChinaStandardTime)
	for _, participants := range []int64{120, 135} { // the second resubmits the first
		feed.Add(&healthedu.Activity{
			Header:   healthedu.Header{SchemaVersion: "1", Kind: healthedu.KindActivity, ID: "act-371502001-202510-01"},
			Division: gulou, Form: healthedu.FormLecture, Start: start, End: start.Add(time.Hour), Participants: participants,
		})
	}
	if err := feed.Close(); err != nil {
		fmt.Println(err)
	}
	for v := range store.Values() {
		if v.Category == "" {
			fmt.Println(v)
		}
	}
	// Output:
	// activities 371502001000 202510 1
	// activity-participants 371502001000 202510 135
}
