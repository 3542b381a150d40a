// Package dhis2 exchanges jiceng's figures with DHIS2 (District Health
// Information Software 2), which many health information platforms run:
// a [Mapping] (映射表) from jiceng's series and divisions to one DHIS2
// instance's data elements and organisation units, and the dataValueSets
// document (数据值集) that the DHIS2 Web API imports at
// POST /api/dataValueSets ([Mapping.WriteDataValueSet]).
//
// Periods need no mapping: jiceng writes them as DHIS2 does (202510,
// 202511B, 2025Q4, 2025). The figures come from an [indicators.Store]
// ([indicators.Store.Values]), as recorded, not as computed: DHIS2 computes
// its own indicators from them.
package dhis2

import (
	"bufio"
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"iter"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
)

// seriesKey is an element and a category, "" for its total: a series of data
// values (see [indicators.DataValue]).
type seriesKey struct{ element, category string }

// A Mapping maps jiceng's codes to the identifiers of one DHIS2
// instance (DHIS2 映射表), so that data values can be sent to a platform
// that runs DHIS2 (see [Mapping.WriteDataValueSet]):
//
//   - each series — an element, or an element under a category, written as
//     in an expression: "lectures", "activities[form=lecture]" — to a DHIS2
//     data element and, for a disaggregated one, a category option
//     combination, written as DHIS2 writes a data element operand:
//     "fbfJHSPpUQD" or "fbfJHSPpUQD.pq2XI5kz2BY"; or to nothing, "-", for a
//     series the platform does not take;
//   - each division to an organisation unit, or to "-" for a division the
//     platform does not take.
//
// Periods need no mapping: jiceng writes them as DHIS2 does (202510,
// 202511B, 2025Q4, 2025).
//
// Identifiers are DHIS2 uids (11 letters and digits) or, for an instance
// that imports with idScheme=code, codes: 1 to 50 printable ASCII
// characters other than space, '"', '\' and '.', the full stop separating
// a data element from its category option combination.
//
// A series' total (an element without a category) and its categories are
// separate figures (see [indicators.DataValue]): map them to different data elements,
// as DHIS2 makes a data element's total from its disaggregations itself.
//
// The zero Mapping maps nothing and is ready to use. A Mapping
// must not be modified while in use; used so, it is safe for concurrent use.
type Mapping struct {
	series    map[seriesKey]dataOperand
	divisions map[healthedu.DivisionCode]string
}

// A dataOperand is where a series goes: a data element and a category
// option combination ("" for the default), or nowhere when skip is set.
type dataOperand struct {
	dataElement, categoryOptionCombo string
	skip                             bool
}

// skipID is the operand of a series the platform does not take.
const skipID = "-"

// maxID is the longest identifier a mapping accepts: the longest a
// DHIS2 code may be.
const maxID = 50

// MapElement maps a series (数据元映射), "element" or "element[key=value]",
// to a DHIS2 data element operand, "dataElement" or
// "dataElement.categoryOptionCombo", or to "-" to leave its values out of
// exports without reporting them. It fails when the series or the operand
// is malformed and when the series is mapped already.
func (m *Mapping) MapElement(series, operand string) error {
	if err := m.mapElement(series, operand); err != nil {
		return &mappingError{err: err}
	}
	return nil
}

func (m *Mapping) mapElement(series, operand string) error {
	key, err := parseSeries(series)
	if err != nil {
		return fmt.Errorf("series %q: %w", series, err)
	}
	op, err := parseOperand(operand)
	if err != nil {
		return fmt.Errorf("series %s: %w", series, err)
	}
	if _, dup := m.series[key]; dup {
		return fmt.Errorf("series %s mapped twice", series)
	}
	if m.series == nil {
		m.series = make(map[seriesKey]dataOperand)
	}
	m.series[key] = op
	return nil
}

// MapDivision maps a division to a DHIS2 organisation unit (组织机构映射),
// or to "-" to leave its values out of exports without reporting them. It
// fails when d is not a valid division, when orgUnit is malformed and when
// d is mapped already.
func (m *Mapping) MapDivision(d healthedu.DivisionCode, orgUnit string) error {
	if err := m.mapDivision(d, orgUnit); err != nil {
		return &mappingError{err: err}
	}
	return nil
}

func (m *Mapping) mapDivision(d healthedu.DivisionCode, orgUnit string) error {
	if !d.IsValid() {
		return errors.New("no division")
	}
	if msg := idFault(orgUnit); msg != "" {
		return fmt.Errorf("division %s: organisation unit %q: %s", d, orgUnit, msg)
	}
	if _, dup := m.divisions[d]; dup {
		return fmt.Errorf("division %s mapped twice", d)
	}
	if m.divisions == nil {
		m.divisions = make(map[healthedu.DivisionCode]string)
	}
	m.divisions[d] = orgUnit
	return nil
}

// parseSeries parses "element" or "element[key=value]" in the canonical
// form of an [indicators.Term], without white space or a sign.
func parseSeries(s string) (seriesKey, error) {
	e, err := indicators.ParseExpression(s)
	if err != nil {
		return seriesKey{}, err
	}
	terms := e.Terms()
	if len(terms) != 1 || e.Constant() != 0 || terms[0].Negative || terms[0].String() != s {
		return seriesKey{}, errors.New("want one element code, with a category in brackets if any, as in activities[form=lecture]")
	}
	return seriesKey{terms[0].Element, terms[0].Category}, nil
}

// parseOperand parses "-", "dataElement" or
// "dataElement.categoryOptionCombo".
func parseOperand(s string) (dataOperand, error) {
	if s == skipID {
		return dataOperand{skip: true}, nil
	}
	de, coc, disaggregated := strings.Cut(s, ".")
	if msg := idFault(de); msg != "" {
		return dataOperand{}, fmt.Errorf("data element %q: %s", de, msg)
	}
	if disaggregated {
		if msg := idFault(coc); msg != "" {
			return dataOperand{}, fmt.Errorf("category option combination %q: %s", coc, msg)
		}
	}
	return dataOperand{dataElement: de, categoryOptionCombo: coc}, nil
}

// idFault says what is wrong with a DHIS2 identifier, or "".
func idFault(s string) string {
	if s == "" {
		return "empty identifier"
	}
	if len(s) > maxID {
		return "longer than " + strconv.Itoa(maxID) + " characters"
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c <= ' ' || c >= 0x7f:
			return "unexpected character " + strconv.QuoteRune(rune(c)) + "; want printable ASCII without spaces"
		case c == '"' || c == '\\' || c == '.':
			return "unexpected character " + strconv.QuoteRune(rune(c))
		}
	}
	return ""
}

// LoadMapping reads a mapping table (映射表) from CSV: a header line
// kind,jiceng,dhis2 and then one mapping per line,
//
//	kind,jiceng,dhis2
//	element,children-0-6,fbfJHSPpUQD
//	element,activities[form=lecture],mxc1T932aWM.tzRlNJqR3Fw
//	element,activities[topic=falls],-
//	division,371502001,DiszpKrYNg8
//
// where kind is element or division, jiceng a series (see
// [Mapping.MapElement]) or a division code in any form that
// [healthedu.ParseDivisionCode] accepts, and dhis2 the DHIS2 identifiers.
// Further columns, such as names for the people who keep the table, are
// ignored; white space around a field, a UTF-8 byte order mark and lines
// starting with # are skipped. Each series and division may appear once.
//
// The error names the line at fault; where a code fails to parse it wraps
// the [*healthedu.ParseError]. Its message masks any citizen ID number
// found where a code was expected.
func LoadMapping(r io.Reader) (*Mapping, error) {
	cr := csv.NewReader(r)
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err == io.EOF {
		return nil, errors.New("dhis2: mapping: empty input; want a header line kind,jiceng,dhis2")
	}
	if err != nil {
		return nil, fmt.Errorf("dhis2: mapping: %w", err)
	}
	if len(header) < 3 || strings.TrimSpace(strings.TrimPrefix(header[0], "\uFEFF")) != "kind" ||
		strings.TrimSpace(header[1]) != "jiceng" || strings.TrimSpace(header[2]) != "dhis2" {
		return nil, fmt.Errorf("dhis2: mapping: line 1: header %q does not start with kind,jiceng,dhis2", header)
	}
	m := new(Mapping)
	lines := make(map[string]int) // kind and canonical code → line
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return m, nil
		}
		if err != nil {
			return nil, fmt.Errorf("dhis2: mapping: %w", err)
		}
		line, _ := cr.FieldPos(0)
		if len(rec) < 3 {
			return nil, fmt.Errorf("dhis2: mapping: line %d: %d fields, want kind,jiceng,dhis2", line, len(rec))
		}
		kind, code, id := strings.TrimSpace(rec[0]), strings.TrimSpace(rec[1]), strings.TrimSpace(rec[2])
		switch kind {
		case "element":
			err = m.mapElement(code, id)
		case "division":
			var d healthedu.DivisionCode
			if d, err = healthedu.ParseDivisionCode(code); err == nil {
				code = d.String()
				err = m.mapDivision(d, id)
			}
		default:
			err = fmt.Errorf("unknown kind %q, want element or division", kind)
		}
		if prev, dup := lines[kind+" "+code]; dup {
			err = fmt.Errorf("%s %s already mapped on line %d", kind, code, prev)
		}
		lines[kind+" "+code] = line
		if err != nil {
			return nil, &mappingError{line: line, err: err}
		}
	}
}

// A mappingError is an error of a mapping table, at a line of its CSV when
// line is not 0. Its message masks any citizen ID number that the input
// had where a code was expected.
type mappingError struct {
	line int
	err  error
}

func (e *mappingError) Error() string {
	s := "dhis2: mapping: "
	if e.line > 0 {
		s += "line " + strconv.Itoa(e.line) + ": "
	}
	return s + healthedu.RedactCitizenIDs(e.err.Error())
}

func (e *mappingError) Unwrap() error { return e.err }

// WriteCSV writes m as a mapping table (映射表) that LoadMapping
// reads: the header, the series in order of element and category, then the
// divisions in code order, each with its 12 digits.
func (m *Mapping) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"kind", "jiceng", "dhis2"})
	for _, k := range slices.SortedFunc(maps.Keys(m.series), compareSeries) {
		op := m.series[k]
		id := skipID
		if !op.skip {
			id = op.dataElement
			if op.categoryOptionCombo != "" {
				id += "." + op.categoryOptionCombo
			}
		}
		cw.Write([]string{"element", indicators.Term{Element: k.element, Category: k.category}.String(), id})
	}
	for _, d := range slices.SortedFunc(maps.Keys(m.divisions), healthedu.DivisionCode.Compare) {
		cw.Write([]string{"division", d.String(), m.divisions[d]})
	}
	cw.Flush()
	return cw.Error()
}

func compareSeries(a, b seriesKey) int {
	if c := cmp.Compare(a.element, b.element); c != 0 {
		return c
	}
	return cmp.Compare(a.category, b.category)
}

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

// WriteDataValueSet writes values as a DHIS2 dataValueSets document (数据值集)
// to w, one data value a line, as the DHIS2 Web API takes it at
// POST /api/dataValueSets:
//
//	{"dataValues":[
//	{"dataElement":"fbfJHSPpUQD","period":"202510","orgUnit":"DiszpKrYNg8","value":"4"},
//	{"dataElement":"mxc1T932aWM","period":"202510","orgUnit":"DiszpKrYNg8","categoryOptionCombo":"tzRlNJqR3Fw","value":"2"}
//	]}
//
// Each value names its own period and organisation unit, as in the "bulk"
// form of the DHIS2 documentation, so that one document carries any number
// of divisions and periods; the category option combination is left out
// for a series mapped to a data element alone (DHIS2's default). Values are
// integers written as strings, as DHIS2 writes them. [indicators.Store.Values] gives
// the figures of a store.
//
// A value whose series or division is mapped to "-" is left out silently. A value whose
// series or division the mapping lacks is left out and counted: the
// document is still written whole, and WriteDataValueSet then returns a
// [*UnmappedError] that lists what is missing. Any other error is
// one of w.
func (m *Mapping) WriteDataValueSet(w io.Writer, values iter.Seq[indicators.DataValue]) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(`{"dataValues":[`)
	var (
		buf       []byte
		n         int
		unmapped  int
		series    = make(map[seriesKey]bool)
		divisions = make(map[healthedu.DivisionCode]bool)
	)
	for v := range values {
		op, okSeries := m.series[seriesKey{v.Element, v.Category}]
		ou, okDivision := m.divisions[v.Division]
		if okSeries && op.skip || okDivision && ou == skipID {
			continue
		}
		if !okSeries || !okDivision {
			unmapped++
			if !okSeries {
				series[seriesKey{v.Element, v.Category}] = true
			}
			if !okDivision {
				divisions[v.Division] = true
			}
			continue
		}
		buf = buf[:0]
		if n > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, "\n"+`{"dataElement":"`...)
		buf = append(buf, op.dataElement...)
		buf = append(buf, `","period":"`...)
		buf = v.Period.AppendTo(buf)
		buf = append(buf, `","orgUnit":"`...)
		buf = append(buf, ou...)
		if op.categoryOptionCombo != "" {
			buf = append(buf, `","categoryOptionCombo":"`...)
			buf = append(buf, op.categoryOptionCombo...)
		}
		buf = append(buf, `","value":"`...)
		buf = strconv.AppendInt(buf, v.Value, 10)
		buf = append(buf, `"}`...)
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
	if unmapped == 0 {
		return nil
	}
	e := &UnmappedError{Values: unmapped}
	for _, k := range slices.SortedFunc(maps.Keys(series), compareSeries) {
		e.Series = append(e.Series, indicators.Term{Element: k.element, Category: k.category}.String())
	}
	e.Divisions = slices.SortedFunc(maps.Keys(divisions), healthedu.DivisionCode.Compare)
	return e
}
