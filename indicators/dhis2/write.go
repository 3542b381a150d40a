package dhis2

import (
	"bufio"
	"io"
	"iter"
	"maps"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
)

// WriteDataValueSet writes values as a DHIS2 dataValueSets document (数据值集)
// to w, one data value a line, as the DHIS2 Web API takes it at
// POST /api/dataValueSets:
//
//	{"idScheme":"UID","dataElementIdScheme":"UID","orgUnitIdScheme":"UID","dataValues":[
//	{"dataElement":"fbfJHSPpUQD","period":"202510","orgUnit":"DiszpKrYNg8","value":"4"},
//	{"dataElement":"mxc1T932aWM","period":"202510","orgUnit":"DiszpKrYNg8","categoryOptionCombo":"tzRlNJqR3Fw","value":"2"}
//	]}
//
// The document names the mapping's identifier schemes (see [Schemes]),
// which take precedence over a request's in DHIS2, so that a mapping of
// codes is read as codes. Each value names its own period and organisation
// unit, as in the "bulk" form of the DHIS2 documentation, so that one
// document carries any number of divisions and periods; the category
// option combination is left out for a series mapped to a data element
// alone (DHIS2's default). Values are integers written as strings, as DHIS2
// writes them. A zero of a data element whose zeros are not significant is
// left out, as DHIS2 would not store it. [indicators.Store.Values] gives
// the figures of a store.
//
// A value whose series or division is mapped to "-" is left out silently. A value whose
// series or division the mapping lacks is left out and counted: the
// document is still written whole, and WriteDataValueSet then returns a
// [*UnmappedError] that lists what is missing. Any other error is
// one of w.
func (m *Mapping) WriteDataValueSet(w io.Writer, values iter.Seq[indicators.DataValue]) error {
	bw := bufio.NewWriter(w)
	var u unmapped
	buf := m.appendHeader(nil, "", "", "", time.Time{})
	buf = append(buf, `"dataValues":[`...)
	bw.Write(buf)
	n := 0
	for v := range values {
		mp, ou, ok := m.lookup(v, &u)
		if !ok {
			continue
		}
		buf = buf[:0]
		if n > 0 {
			buf = append(buf, ',')
		}
		buf = appendValue(buf, mp.Operand, v, ou, true)
		bw.Write(buf)
		n++
	}
	if n > 0 {
		bw.WriteByte('\n')
	}
	bw.WriteString("]}\n")
	if err := bw.Flush(); err != nil {
		return err
	}
	return u.err()
}

// WriteDataSet writes values as the dataValueSets document of one DHIS2
// data set (数据集), dataSet, named under the mapping's ID scheme: the
// document of a data entry form. When the values written are of one
// period and one organisation unit, as those of a monthly report are, the
// document names the data set, the period, the organisation unit and, when
// completed is not zero, the date the report was complete (completeDate,
// its day in China Standard Time) at the top, as DHIS2's own format does,
// and DHIS2 then registers the data set complete:
//
//	{"idScheme":"UID","dataElementIdScheme":"UID","orgUnitIdScheme":"UID","dataSet":"pBOMPrpg1QX","completeDate":"2025-11-03","period":"202510","orgUnit":"DiszpKrYNg8","dataValues":[
//	{"dataElement":"f7n9E0hX8qk","value":"12"}
//	]}
//
// Values of several periods or organisation units each name their own, and
// the document has no completeDate: [Mapping.WriteCompleteRegistrations]
// writes the registrations of such a document. Values are mapped and left
// out as by [Mapping.WriteDataValueSet]; WriteDataSet fails before writing
// anything when dataSet is malformed.
func (m *Mapping) WriteDataSet(w io.Writer, dataSet string, values iter.Seq[indicators.DataValue], completed time.Time) error {
	if msg := m.schemes.ID.fault(dataSet); msg != "" {
		return m.idError("", dataSet, m.schemes.ID, errorString("data set "+strconv.Quote(dataSet)+": "+msg))
	}
	type entry struct {
		op indicators.DataValue
		mp Operand
		ou string
	}
	var (
		u       unmapped
		entries []entry
		one     = true
	)
	for v := range values {
		mp, ou, ok := m.lookup(v, &u)
		if !ok {
			continue
		}
		if len(entries) > 0 && (entries[0].ou != ou || entries[0].op.Period != v.Period) {
			one = false
		}
		entries = append(entries, entry{v, mp.Operand, ou})
	}
	var buf []byte
	if one && len(entries) > 0 {
		buf = m.appendHeader(buf, dataSet, entries[0].op.Period.String(), entries[0].ou, completed)
	} else {
		buf = m.appendHeader(buf, dataSet, "", "", time.Time{})
	}
	buf = append(buf, `"dataValues":[`...)
	for i, e := range entries {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = appendValue(buf, e.mp, e.op, e.ou, !one)
	}
	if len(entries) > 0 {
		buf = append(buf, '\n')
	}
	buf = append(buf, "]}\n"...)
	if _, err := w.Write(buf); err != nil {
		return err
	}
	return u.err()
}

// WriteCompleteRegistrations writes the complete data set registrations
// (数据集完成登记) of data set dataSet that match jiceng's completeness, as
// the DHIS2 Web API takes them at POST /api/completeDataSetRegistrations:
// one for each receipt, its reporting unit's organisation unit and month,
// with the day it was received in China Standard Time as its date:
//
//	{"idScheme":"UID","orgUnitIdScheme":"UID","completeDataSetRegistrations":[
//	{"dataSet":"pBOMPrpg1QX","period":"202510","organisationUnit":"DiszpKrYNg8","date":"2025-11-03","completed":true}
//	]}
//
// so that DHIS2's reporting rates count what jiceng's report completeness
// (reports-received) counts, and its timeliness what reports-on-time
// counts. [indicators.Store.ReportsReceived] gives the receipts of a
// store. A receipt at an unknown time has no date. Receipts of divisions
// mapped to "-" are left out silently, those of divisions the mapping
// lacks are left out and reported in an [*UnmappedError]; WriteCompleteRegistrations fails
// before writing anything when dataSet is malformed.
func (m *Mapping) WriteCompleteRegistrations(w io.Writer, dataSet string, receipts []indicators.Receipt) error {
	if msg := m.schemes.ID.fault(dataSet); msg != "" {
		return m.idError("", dataSet, m.schemes.ID, errorString("data set "+strconv.Quote(dataSet)+": "+msg))
	}
	var u unmapped
	buf := []byte(`{"idScheme":`)
	buf = appendJSONString(buf, m.schemes.ID.String())
	buf = append(buf, `,"orgUnitIdScheme":`...)
	buf = appendJSONString(buf, m.schemes.OrgUnit.String())
	buf = append(buf, `,"completeDataSetRegistrations":[`...)
	n := 0
	for _, r := range receipts {
		ou, ok := m.divisions[r.Unit]
		if !ok {
			u.values++
			u.divisions = addDivision(u.divisions, r.Unit)
			continue
		}
		if ou == skipID {
			continue
		}
		if n > 0 {
			buf = append(buf, ',')
		}
		n++
		buf = append(buf, "\n"+`{"dataSet":`...)
		buf = appendJSONString(buf, dataSet)
		buf = append(buf, `,"period":"`...)
		buf = r.Month.AppendTo(buf)
		buf = append(buf, `","organisationUnit":`...)
		buf = appendJSONString(buf, ou)
		if !r.At.IsZero() {
			buf = append(buf, `,"date":"`...)
			buf = healthedu.DateOf(r.At).AppendTo(buf)
			buf = append(buf, '"')
		}
		buf = append(buf, `,"completed":true}`...)
	}
	if n > 0 {
		buf = append(buf, '\n')
	}
	buf = append(buf, "]}\n"...)
	if _, err := w.Write(buf); err != nil {
		return err
	}
	return u.err()
}

// appendHeader appends the start of a dataValueSets document up to its
// dataValues: the schemes, and the data set, complete date, period and
// organisation unit where given.
func (m *Mapping) appendHeader(buf []byte, dataSet, period, orgUnit string, completed time.Time) []byte {
	buf = append(buf, `{"idScheme":`...)
	buf = appendJSONString(buf, m.schemes.ID.String())
	buf = append(buf, `,"dataElementIdScheme":`...)
	buf = appendJSONString(buf, m.schemes.DataElement.String())
	buf = append(buf, `,"orgUnitIdScheme":`...)
	buf = appendJSONString(buf, m.schemes.OrgUnit.String())
	if dataSet != "" {
		buf = append(buf, `,"dataSet":`...)
		buf = appendJSONString(buf, dataSet)
	}
	if period != "" {
		if !completed.IsZero() {
			buf = append(buf, `,"completeDate":"`...)
			buf = healthedu.DateOf(completed).AppendTo(buf)
			buf = append(buf, '"')
		}
		buf = append(buf, `,"period":"`...)
		buf = append(buf, period...)
		buf = append(buf, `","orgUnit":`...)
		buf = appendJSONString(buf, orgUnit)
	}
	return append(buf, ',')
}

// appendValue appends a data value on a line of its own, with its period
// and organisation unit when full is set.
func appendValue(buf []byte, op Operand, v indicators.DataValue, ou string, full bool) []byte {
	buf = append(buf, "\n"+`{"dataElement":`...)
	buf = appendJSONString(buf, op.DataElement)
	if full {
		buf = append(buf, `,"period":"`...)
		buf = v.Period.AppendTo(buf)
		buf = append(buf, `","orgUnit":`...)
		buf = appendJSONString(buf, ou)
	}
	if op.CategoryOptionCombo != "" {
		buf = append(buf, `,"categoryOptionCombo":`...)
		buf = appendJSONString(buf, op.CategoryOptionCombo)
	}
	buf = append(buf, `,"value":"`...)
	buf = strconv.AppendInt(buf, v.Value, 10)
	return append(buf, `"}`...)
}

// lookup returns where v goes, and false when it is left out: mapped to
// "-", a zero of a data element whose zeros are not significant, or not
// mapped, which u counts.
func (m *Mapping) lookup(v indicators.DataValue, u *unmapped) (mapped, string, bool) {
	k := seriesKey{v.Element, v.Category}
	mp, okSeries := m.series[k]
	ou, okDivision := m.divisions[v.Division]
	if okSeries && mp.skip || okDivision && ou == skipID {
		return mapped{}, "", false
	}
	if !okSeries || !okDivision {
		u.values++
		if !okSeries {
			if u.series == nil {
				u.series = make(map[seriesKey]bool)
			}
			u.series[k] = true
		}
		if !okDivision {
			u.divisions = addDivision(u.divisions, v.Division)
		}
		return mapped{}, "", false
	}
	if v.Value == 0 && !mp.ZeroIsSignificant {
		return mapped{}, "", false
	}
	return mp, ou, true
}

// unmapped counts what a writer left out for lack of a mapping.
type unmapped struct {
	values    int
	series    map[seriesKey]bool
	divisions map[healthedu.DivisionCode]bool
}

func addDivision(m map[healthedu.DivisionCode]bool, d healthedu.DivisionCode) map[healthedu.DivisionCode]bool {
	if m == nil {
		m = make(map[healthedu.DivisionCode]bool)
	}
	m[d] = true
	return m
}

// err returns the *UnmappedError of u, or nil when nothing was left out.
func (u *unmapped) err() error {
	if u.values == 0 {
		return nil
	}
	e := &UnmappedError{Values: u.values}
	for _, k := range slices.SortedFunc(maps.Keys(u.series), compareSeries) {
		e.Series = append(e.Series, k.String())
	}
	e.Divisions = slices.SortedFunc(maps.Keys(u.divisions), healthedu.DivisionCode.Compare)
	return e
}

// errorString is an error of a fixed text.
type errorString string

func (e errorString) Error() string { return string(e) }

// appendJSONString appends s as a JSON string: s is valid UTF-8 (the
// mapping refuses any other identifier), and only '"', '\\' and control
// characters need escapes.
func appendJSONString(buf []byte, s string) []byte {
	const hex = "0123456789abcdef"
	buf = append(buf, '"')
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			buf = append(buf, '\\', c)
			i++
		case c < 0x20:
			buf = append(buf, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			i++
		case c < utf8.RuneSelf:
			buf = append(buf, c)
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				buf = append(buf, `\ufffd`...)
			} else {
				buf = append(buf, s[i:i+size]...)
			}
			i += size
		}
	}
	return append(buf, '"')
}
