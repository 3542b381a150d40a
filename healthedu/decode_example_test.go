package healthedu_test

import (
	"fmt"
	"log"
	"strings"

	"github.com/jiceng/jiceng/healthedu"
)

func ExampleNewDecoder() {
	// Two health cells, one a line (NDJSON), as a county uploads them. The
	// second names a level that does not exist.
	const submission = `{"schemaVersion":"1","kind":"healthCell","id":"HC-2024-001","name":"古楼街道健康社区","type":"community","level":"city","year":2024,"division":"371502001"}
{"schemaVersion":"1","kind":"healthCell","id":"HC-2024-002","name":"东关健康村","type":"village","level":"county","year":2024,"division":"371502"}
`
	d := healthedu.NewDecoder(strings.NewReader(submission), healthedu.DecodeOptions{})
	for d.Next() {
		r := d.Decoded()
		if r.Record != nil {
			cell := r.Record.(*healthedu.HealthCell)
			fmt.Printf("line %d: %s %s accepted: %s\n", r.Line, r.Kind, r.ID, cell.Name)
			continue
		}
		fmt.Printf("line %d: %s %s rejected\n", r.Line, r.Kind, r.ID)
		for _, is := range r.Issues {
			fmt.Printf("  %s at %s: %s\n", is.Code, is.Path, is.Message(healthedu.English))
			fmt.Printf("  %s\n", is.Message(healthedu.ZhHans))
		}
	}
	if err := d.Err(); err != nil {
		log.Fatal(err) // the input could not be read
	}
	// Output:
	// line 1: healthCell HC-2024-001 accepted: 古楼街道健康社区
	// line 2: healthCell HC-2024-002 rejected
	//   json.enum at /level: Value "county" is not allowed; want one of city, province, national
	//   “county”不是允许的取值，应为以下之一：city、province、national
}
