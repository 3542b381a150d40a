// Package dhis2 exchanges jiceng's figures with DHIS2 (District Health
// Information Software 2), which many health information platforms run,
// both ways: a [Mapping] (映射表) from jiceng's series and divisions to one
// DHIS2 instance's data elements, category option combinations and
// organisation units, under the identifier schemes the instance is read
// with (UID or CODE, see [Schemes]); the dataValueSets document (数据值集)
// that the DHIS2 Web API imports at POST /api/dataValueSets, in bulk
// ([Mapping.WriteDataValueSet]) or as one data set's form
// ([Mapping.WriteDataSet]); the complete data set registrations
// (数据集完成登记) that make DHIS2's reporting rates count what jiceng's
// report completeness counts ([Mapping.WriteCompleteRegistrations]); and,
// the other way, a dataValueSets document that a DHIS2 instance wrote,
// JSON or CSV, read back into monthly reports with DHIS2's conflicts for
// what cannot be mapped ([Mapping.ReadDataValueSet]).
//
// Periods need no mapping: jiceng writes and reads them as DHIS2 does
// (202510, 202511B, 2025Q4, 2025). The figures sent come from an
// [indicators.Store] ([indicators.Store.Values]), as recorded, not as
// computed: DHIS2 computes its own indicators from them, and a county's
// figures from two platforms add up exactly. What comes in is the monthly
// reports of townships (月报): a platform validates and stores them as any
// other, and answers the sender with DHIS2's import summary.
package dhis2

import (
	"strconv"
	"strings"

	"github.com/jiceng/jiceng/healthedu"
)

// A UnmappedError reports the data values that
// [Mapping.WriteDataValueSet] left out because the mapping has no
// data element for their series or no organisation unit for their
// division (未映射的数据值).
type UnmappedError struct {
	// Values is the number of data values left out.
	Values int
	// Series are the series without a data element, "element" or
	// "element[category]", sorted.
	Series []string
	// Divisions are the divisions without an organisation unit, sorted.
	Divisions []healthedu.DivisionCode
}

// Error implements the error interface, naming the first few series and
// divisions.
func (e *UnmappedError) Error() string {
	var b strings.Builder
	b.WriteString("dhis2: ")
	b.WriteString(strconv.Itoa(e.Values))
	b.WriteString(" data values not mapped to DHIS2")
	list := func(what string, items []string) {
		if len(items) == 0 {
			return
		}
		b.WriteString("; " + what + " ")
		const most = 5
		b.WriteString(strings.Join(items[:min(len(items), most)], ", "))
		if n := len(items) - most; n > 0 {
			b.WriteString(" and " + strconv.Itoa(n) + " more")
		}
	}
	list("no data element for", e.Series)
	divs := make([]string, len(e.Divisions))
	for i, d := range e.Divisions {
		divs[i] = d.String()
	}
	list("no organisation unit for", divs)
	return b.String()
}
