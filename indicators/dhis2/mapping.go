package dhis2

import (
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
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

// operandKey is a DHIS2 data element operand: a data element and a
// category option combination, "" for the default one.
type operandKey struct{ dataElement, combo string }

// Schemes are the identifier schemes of a mapping (标识方案), as a
// dataValueSets document carries them: ID for category option
// combinations and data sets (DHIS2's idScheme), DataElement for data
// elements (dataElementIdScheme) and OrgUnit for organisation units
// (orgUnitIdScheme). The zero Schemes is UID throughout, DHIS2's default.
type Schemes struct {
	ID          IDScheme
	DataElement IDScheme
	OrgUnit     IDScheme
}

// An Operand is where a series goes in DHIS2 (数据元操作数): a data
// element, a category option combination ("" for the default one) and
// whether a zero of the data element is significant, stored and sent, as
// DHIS2's zeroIsSignificant says (DHIS2 leaves out a zero that is not).
type Operand struct {
	DataElement         string
	CategoryOptionCombo string
	ZeroIsSignificant   bool
}

// A Mapping maps jiceng's codes to the identifiers of one DHIS2
// instance (DHIS2 映射表), so that data values can be sent to a platform
// that runs DHIS2 (see [Mapping.WriteDataValueSet]) and read from one
// (see [Mapping.ReadDataValueSet]):
//
//   - each series — an element, or an element under a category, written as
//     in an expression: "lectures", "activities[form=lecture]" — to a DHIS2
//     data element and, for a disaggregated one, a category option
//     combination, with the data element's zero significance (an
//     [Operand]); or to nothing, "-", for a series the platform does not
//     take;
//   - each division to an organisation unit, or to "-" for a division the
//     platform does not take.
//
// Identifiers follow the mapping's [Schemes]: under UID each must be a
// DHIS2 UID (11 letters and digits, a letter first); under CODE each is a
// code, free text of 1 to 50 characters. No two series may go to one
// operand, nor two divisions to one organisation unit, so that a document
// read back maps to one series and one division.
//
// Periods need no mapping: jiceng writes them as DHIS2 does (202510,
// 202511B, 2025Q4, 2025).
//
// A series' total (an element without a category) and its categories are
// separate figures (see [indicators.DataValue]): map them to different data
// elements, as DHIS2 makes a data element's total from its disaggregations
// itself.
//
// The zero Mapping maps nothing under UID and is ready to use. A Mapping
// must not be modified while in use; used so, it is safe for concurrent use.
type Mapping struct {
	schemes      Schemes
	defaultCombo string
	series       map[seriesKey]mapped
	divisions    map[healthedu.DivisionCode]string
	// The reverse maps, for reading documents back.
	operands map[operandKey]seriesKey
	orgUnits map[string]healthedu.DivisionCode
	elements map[string]bool // data element → zero is significant
	combos   map[string]bool // every category option combination mapped
}

// mapped is where a series goes: an operand, or nowhere when skip is set.
type mapped struct {
	Operand
	skip bool
}

// skipID is the identifier of a series or a division the platform does not
// take.
const skipID = "-"

// Schemes returns the identifier schemes of m.
func (m *Mapping) Schemes() Schemes { return m.schemes }

// SetSchemes sets the identifier schemes of m (设置标识方案). It fails once
// anything is mapped, as the identifiers were checked under the schemes
// they were mapped with.
func (m *Mapping) SetSchemes(s Schemes) error {
	if len(m.series) > 0 || len(m.divisions) > 0 || m.defaultCombo != "" {
		return &mappingError{code: "dhis2.mapping.schemeLate", err: errors.New("identifier schemes set after identifiers were mapped")}
	}
	m.schemes = s
	return nil
}

// DefaultCombo returns the identifier of the instance's default category
// option combination, "" when m does not name it (see
// [Mapping.SetDefaultCombo]).
func (m *Mapping) DefaultCombo() string { return m.defaultCombo }

// SetDefaultCombo names the instance's default category option
// combination (默认类别选项组合), under the scheme of m's ID: the one DHIS2
// writes as categoryOptionCombo and attributeOptionCombo of values without
// disaggregation ("HllvX50cXC0" on many instances, code "default"), so
// that documents DHIS2 wrote can be read back. jiceng leaves it out of
// what it writes, as DHIS2 takes it by default.
func (m *Mapping) SetDefaultCombo(id string) error {
	if err := m.setDefaultCombo(id); err != nil {
		return err
	}
	return nil
}

func (m *Mapping) setDefaultCombo(id string) *mappingError {
	if msg := m.schemes.ID.fault(id); msg != "" {
		return m.idError("dhis2", id, m.schemes.ID, fmt.Errorf("default category option combination %q: %s", id, msg))
	}
	if m.combos[id] {
		return &mappingError{column: "dhis2", code: "dhis2.mapping.idTwice", params: map[string]any{"value": id, "line": 0},
			err: fmt.Errorf("category option combination %q is mapped to a series and named the default", id)}
	}
	m.defaultCombo = id
	return nil
}

// MapElement maps a series (数据元映射), "element" or "element[key=value]",
// to a DHIS2 data element, or to "-" to leave its values out of exports
// without reporting them. Under a UID scheme for data elements and
// category option combinations, operand may also name a category option
// combination after a full stop, "dataElement.categoryOptionCombo", as
// DHIS2 writes a data element operand; under CODE a full stop is part of
// the code, and [Mapping.MapOperand] names the combination. The data
// element's zeros are not significant. MapElement fails when the series or
// the operand is malformed and when either is mapped already.
func (m *Mapping) MapElement(series, operand string) error {
	if err := m.mapElement(series, operand, true); err != nil {
		return err
	}
	return nil
}

// MapOperand maps a series (数据元映射), "element" or
// "element[key=value]", to a DHIS2 data element operand; an operand whose
// DataElement is "-" leaves the series' values out of exports without
// reporting them. It fails when the series or the operand is malformed,
// when either is mapped already, and when another series maps the same
// data element with another zero significance.
func (m *Mapping) MapOperand(series string, op Operand) error {
	if err := m.mapOperand(series, op); err != nil {
		return err
	}
	return nil
}

func (m *Mapping) mapElement(series, operand string, split bool) *mappingError {
	op := Operand{DataElement: operand}
	if split && operand != skipID && m.schemes.DataElement.kind == schemeUID && m.schemes.ID.kind == schemeUID {
		op.DataElement, op.CategoryOptionCombo, _ = strings.Cut(operand, ".")
		if strings.HasSuffix(operand, ".") {
			op.CategoryOptionCombo = "." // reported as not a UID
		}
	}
	return m.mapOperand(series, op)
}

func (m *Mapping) mapOperand(series string, op Operand) *mappingError {
	key, err := parseSeries(series)
	if err != nil {
		return &mappingError{column: "jiceng", code: "dhis2.mapping.series", params: map[string]any{"value": series},
			err: fmt.Errorf("series %q: %w", series, err)}
	}
	if _, dup := m.series[key]; dup {
		return &mappingError{column: "jiceng", code: "dhis2.mapping.twice", params: map[string]any{"value": series, "line": 0},
			err: fmt.Errorf("series %s mapped twice", series)}
	}
	if op.DataElement == skipID {
		if op.CategoryOptionCombo != "" {
			return &mappingError{column: "categoryOptionCombo", code: "dhis2.mapping.combo", params: map[string]any{"value": op.CategoryOptionCombo},
				err: fmt.Errorf("series %s: a category option combination for a series not taken", series)}
		}
		m.init()
		m.series[key] = mapped{skip: true}
		return nil
	}
	if msg := m.schemes.DataElement.fault(op.DataElement); msg != "" {
		return m.idError("dhis2", op.DataElement, m.schemes.DataElement, fmt.Errorf("series %s: data element %q: %s", series, op.DataElement, msg))
	}
	if op.CategoryOptionCombo != "" {
		if msg := m.schemes.ID.fault(op.CategoryOptionCombo); msg != "" {
			return m.idError("categoryOptionCombo", op.CategoryOptionCombo, m.schemes.ID,
				fmt.Errorf("series %s: category option combination %q: %s", series, op.CategoryOptionCombo, msg))
		}
		if op.CategoryOptionCombo == m.defaultCombo {
			op.CategoryOptionCombo = "" // the default, which DHIS2 takes when none is given
		}
	}
	ok := operandKey{op.DataElement, op.CategoryOptionCombo}
	if prev, dup := m.operands[ok]; dup {
		return &mappingError{column: "dhis2", code: "dhis2.mapping.idTwice", params: map[string]any{"value": ok.String(), "line": 0},
			err: fmt.Errorf("series %s: data element operand %s already mapped from series %s", series, ok, prev)}
	}
	if zero, seen := m.elements[op.DataElement]; seen && zero != op.ZeroIsSignificant {
		return &mappingError{column: "zeroIsSignificant", code: "dhis2.mapping.zeroDisagree", params: map[string]any{"value": op.DataElement, "line": 0},
			err: fmt.Errorf("series %s: data element %q is zero-significant for one series and not for another", series, op.DataElement)}
	}
	m.init()
	m.series[key] = mapped{Operand: op}
	m.operands[ok] = key
	m.elements[op.DataElement] = op.ZeroIsSignificant
	if op.CategoryOptionCombo != "" {
		m.combos[op.CategoryOptionCombo] = true
	}
	return nil
}

// idError is the error of an identifier that is malformed under scheme s.
func (m *Mapping) idError(column, id string, s IDScheme, err error) *mappingError {
	if s.kind == schemeUID {
		return &mappingError{column: column, code: "dhis2.mapping.uid", params: map[string]any{"value": id}, err: err}
	}
	most := maxCode
	if s.kind == schemeAttribute {
		most = maxAttributeValue
	}
	return &mappingError{column: column, code: "dhis2.mapping.code", params: map[string]any{"value": id, "max": most}, err: err}
}

func (m *Mapping) init() {
	if m.series == nil {
		m.series = make(map[seriesKey]mapped)
		m.divisions = make(map[healthedu.DivisionCode]string)
		m.operands = make(map[operandKey]seriesKey)
		m.orgUnits = make(map[string]healthedu.DivisionCode)
		m.elements = make(map[string]bool)
		m.combos = make(map[string]bool)
	}
}

// String returns the operand as DHIS2 writes one, "dataElement" or
// "dataElement.categoryOptionCombo".
func (k operandKey) String() string {
	if k.combo == "" {
		return k.dataElement
	}
	return k.dataElement + "." + k.combo
}

func (k seriesKey) String() string {
	return indicators.Term{Element: k.element, Category: k.category}.String()
}

// MapDivision maps a division to a DHIS2 organisation unit (组织机构映射),
// or to "-" to leave its values out of exports without reporting them. It
// fails when d is not a valid division, when orgUnit is malformed under
// the mapping's scheme for organisation units and when d or orgUnit is
// mapped already.
func (m *Mapping) MapDivision(d healthedu.DivisionCode, orgUnit string) error {
	if err := m.mapDivision(d, orgUnit); err != nil {
		return err
	}
	return nil
}

func (m *Mapping) mapDivision(d healthedu.DivisionCode, orgUnit string) *mappingError {
	if !d.IsValid() {
		return &mappingError{column: "jiceng", code: "dhis2.mapping.division", err: errors.New("no division")}
	}
	if _, dup := m.divisions[d]; dup {
		return &mappingError{column: "jiceng", code: "dhis2.mapping.twice", params: map[string]any{"value": d.String(), "line": 0},
			err: fmt.Errorf("division %s mapped twice", d)}
	}
	if orgUnit != skipID {
		if msg := m.schemes.OrgUnit.fault(orgUnit); msg != "" {
			return m.idError("dhis2", orgUnit, m.schemes.OrgUnit, fmt.Errorf("division %s: organisation unit %q: %s", d, orgUnit, msg))
		}
		if prev, dup := m.orgUnits[orgUnit]; dup {
			return &mappingError{column: "dhis2", code: "dhis2.mapping.idTwice", params: map[string]any{"value": orgUnit, "line": 0},
				err: fmt.Errorf("division %s: organisation unit %q already mapped from division %s", d, orgUnit, prev)}
		}
	}
	m.init()
	m.divisions[d] = orgUnit
	if orgUnit != skipID {
		m.orgUnits[orgUnit] = d
	}
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

// The columns of a mapping table.
const (
	colKind  = "kind"
	colCode  = "jiceng"
	colID    = "dhis2"
	colCombo = "categoryOptionCombo"
	colZero  = "zeroIsSignificant"
)

// LoadMapping reads a mapping table (映射表) from CSV: a header line that
// names the columns, and then one line per scheme, default combination,
// series or division:
//
//	kind,jiceng,dhis2,categoryOptionCombo,zeroIsSignificant
//	scheme,idScheme,UID
//	scheme,dataElementIdScheme,CODE
//	default,categoryOptionCombo,HllvX50cXC0
//	element,children-0-6,儿童数 0-6岁,,true
//	element,activities[form=lecture],ACTIVITIES,tzRlNJqR3Fw
//	element,activities[topic=falls],-
//	division,371502001,DiszpKrYNg8
//
// The columns kind, jiceng and dhis2 are required, categoryOptionCombo and
// zeroIsSignificant optional; they may come in any order, and further
// columns, such as names for the people who keep the table, are ignored.
// The kinds of line are:
//
//   - scheme: the identifier scheme (see [Schemes]) named in jiceng —
//     idScheme, dataElementIdScheme or orgUnitIdScheme — is dhis2: UID,
//     CODE or ATTRIBUTE:uid, UID when not given. As in DHIS2,
//     dataElementIdScheme and orgUnitIdScheme are idScheme's unless given.
//     Scheme lines come before the identifiers they govern.
//   - default: dhis2 is the instance's default category option combination
//     (see [Mapping.SetDefaultCombo]); jiceng is categoryOptionCombo.
//   - element: the series jiceng (see [Mapping.MapOperand]) goes to the
//     data element dhis2, under the category option combination
//     categoryOptionCombo (empty for the default), and zeroIsSignificant,
//     true or false (empty is false, DHIS2's default), says whether the
//     data element's zeros are sent; dhis2 "-" leaves the series out.
//   - division: the division jiceng, in any form that
//     [healthedu.ParseDivisionCode] accepts, goes to the organisation unit
//     dhis2, or nowhere for "-".
//
// A table written before jiceng named combinations in a column of their
// own — a header without categoryOptionCombo, such as kind,jiceng,dhis2 —
// still loads: under UID its dhis2 may name a combination after a full
// stop, "dataElement.categoryOptionCombo", as DHIS2 writes an operand
// ([Mapping.MapElement]). [Mapping.WriteCSV] writes the table with the
// column.
//
// White space around a field, a UTF-8 byte order mark and lines starting
// with # are skipped. Each series, division and DHIS2 identifier may
// appear once.
//
// The error names the line at fault; where a code fails to parse it wraps
// the [*healthedu.ParseError]. Its message masks any citizen ID number
// found where a code was expected, and it presents itself as an issue
// (see [healthedu.IssueFromError]) with the line and the column at fault
// as its path, such as "/dhis2".
func LoadMapping(r io.Reader) (*Mapping, error) {
	cr := csv.NewReader(r)
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err == io.EOF {
		return nil, &mappingError{code: "dhis2.mapping.header", params: map[string]any{"value": ""}, err: errors.New("empty input; want a header line kind,jiceng,dhis2")}
	}
	if err != nil {
		return nil, &mappingError{code: "dhis2.mapping.csv", err: err}
	}
	col := map[string]int{colCombo: -1, colZero: -1}
	for i, h := range header {
		h = strings.TrimSpace(h)
		if i == 0 {
			h = strings.TrimSpace(strings.TrimPrefix(h, "\uFEFF"))
		}
		switch h {
		case colKind, colCode, colID, colCombo, colZero:
			if _, dup := col[h]; dup && col[h] >= 0 {
				return nil, &mappingError{line: 1, code: "dhis2.mapping.header", params: map[string]any{"value": h},
					err: fmt.Errorf("column %s twice in the header", h)}
			}
			col[h] = i
		}
	}
	for _, h := range []string{colKind, colCode, colID} {
		if _, ok := col[h]; !ok {
			return nil, &mappingError{line: 1, code: "dhis2.mapping.header", params: map[string]any{"value": h},
				err: fmt.Errorf("header %q lacks column %s; want kind,jiceng,dhis2", header, h)}
		}
	}
	legacy := col[colCombo] < 0
	m := new(Mapping)
	var (
		schemes  = map[string]IDScheme{}
		schemeAt = map[string]int{}
		started  bool                   // an identifier was mapped: schemes are fixed
		lines    = make(map[string]int) // kind and canonical code, or DHIS2 identifier → line
	)
	field := func(rec []string, name string) string {
		if i := col[name]; i >= 0 && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	fix := func() {
		if started {
			return
		}
		started = true
		s := Schemes{ID: schemes["idScheme"]}
		s.DataElement, s.OrgUnit = s.ID, s.ID
		if x, ok := schemes["dataElementIdScheme"]; ok {
			s.DataElement = x
		}
		if x, ok := schemes["orgUnitIdScheme"]; ok {
			s.OrgUnit = x
		}
		m.schemes = s
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return m, nil
		}
		if err != nil {
			return nil, &mappingError{code: "dhis2.mapping.csv", err: err}
		}
		line, _ := cr.FieldPos(0)
		if need := max(col[colKind], col[colCode], col[colID]) + 1; len(rec) < need {
			return nil, &mappingError{line: line, code: "dhis2.mapping.fields", params: map[string]any{"count": len(rec), "want": need},
				err: fmt.Errorf("%d fields, want kind,jiceng,dhis2", len(rec))}
		}
		kind, code, id := field(rec, colKind), field(rec, colCode), field(rec, colID)
		combo, zeroText := field(rec, colCombo), field(rec, colZero)
		var merr *mappingError
		dupKey := kind + " " + code
		switch kind {
		case "scheme":
			switch {
			case started:
				merr = &mappingError{column: colKind, code: "dhis2.mapping.schemeLate", err: errors.New("a scheme line after identifiers were mapped; put scheme lines first")}
			case code != "idScheme" && code != "dataElementIdScheme" && code != "orgUnitIdScheme":
				merr = &mappingError{column: colCode, code: "dhis2.mapping.scheme", params: map[string]any{"value": code},
					err: fmt.Errorf("unknown scheme %q, want idScheme, dataElementIdScheme or orgUnitIdScheme", code)}
			default:
				s, ok := ParseIDScheme(id)
				if !ok {
					merr = &mappingError{column: colID, code: "dhis2.mapping.scheme", params: map[string]any{"value": id},
						err: fmt.Errorf("scheme %s: %q is not UID, CODE or ATTRIBUTE: and an attribute UID", code, id)}
				} else {
					schemes[code] = s
					schemeAt[code] = line
				}
			}
		case "default":
			fix()
			switch {
			case code != colCombo:
				merr = &mappingError{column: colCode, code: "dhis2.mapping.kind", params: map[string]any{"value": code},
					err: fmt.Errorf("default %q, want default,categoryOptionCombo", code)}
			case m.defaultCombo != "":
				merr = &mappingError{column: colKind, code: "dhis2.mapping.twice", params: map[string]any{"value": kind + "," + code, "line": lines[dupKey]},
					err: fmt.Errorf("default %s already named on line %d", code, lines[dupKey])}
			default:
				merr = m.setDefaultCombo(id)
			}
		case "element":
			fix()
			zero, ok := false, true
			switch zeroText {
			case "", "false":
			case "true":
				zero = true
			default:
				ok = false
				merr = &mappingError{column: colZero, code: "dhis2.mapping.zero", params: map[string]any{"value": zeroText},
					err: fmt.Errorf("zeroIsSignificant %q, want true, false or nothing", zeroText)}
			}
			if ok {
				if legacy {
					merr = m.mapElement(code, id, true)
					if merr == nil && zero {
						m.setZero(code)
					}
				} else {
					merr = m.mapOperand(code, Operand{DataElement: id, CategoryOptionCombo: combo, ZeroIsSignificant: zero})
				}
			}
		case "division":
			fix()
			if combo != "" {
				merr = &mappingError{column: colCombo, code: "dhis2.mapping.combo", params: map[string]any{"value": combo},
					err: errors.New("a category option combination on a division line")}
				break
			}
			d, err := healthedu.ParseDivisionCode(code)
			if err != nil {
				merr = &mappingError{column: colCode, code: "dhis2.mapping.division", err: err}
				break
			}
			code = d.String()
			dupKey = kind + " " + code
			merr = m.mapDivision(d, id)
		default:
			merr = &mappingError{column: colKind, code: "dhis2.mapping.kind", params: map[string]any{"value": kind},
				err: fmt.Errorf("unknown kind %q, want scheme, default, element or division", kind)}
		}
		if merr != nil {
			merr.line = line
			// A duplicate names the line of the first.
			if merr.code == "dhis2.mapping.twice" || merr.code == "dhis2.mapping.idTwice" || merr.code == "dhis2.mapping.zeroDisagree" {
				prevKey := dupKey
				if merr.code != "dhis2.mapping.twice" {
					prevKey = "id " + fmt.Sprint(merr.params["value"])
				}
				if prev, ok := lines[prevKey]; ok {
					merr.params["line"] = prev
					merr.err = fmt.Errorf("%w (line %d)", merr.err, prev)
				}
			}
			return nil, merr
		}
		lines[dupKey] = line
		if kind == "element" && id != skipID {
			mp := m.series[mustSeries(code)]
			lines["id "+operandKey{mp.DataElement, mp.CategoryOptionCombo}.String()] = line
			if _, seen := lines["id "+mp.DataElement]; !seen {
				lines["id "+mp.DataElement] = line
			}
		}
		if kind == "division" && id != skipID {
			lines["id "+id] = line
		}
	}
}

// mustSeries returns the key of a series already parsed.
func mustSeries(s string) seriesKey {
	k, _ := parseSeries(s)
	return k
}

// setZero marks the data element of series as zero-significant (for a
// legacy table, whose zeroIsSignificant column is read apart).
func (m *Mapping) setZero(series string) {
	k := mustSeries(series)
	mp := m.series[k]
	mp.ZeroIsSignificant = true
	m.series[k] = mp
	m.elements[mp.DataElement] = true
}

// A mappingError is an error of a mapping table, at a line of its CSV when
// line is not 0 and in a column when column is not "". It presents itself
// as an issue with code and params. Its message masks any citizen ID
// number that the input had where a code was expected.
type mappingError struct {
	line   int
	column string
	code   string
	params map[string]any
	err    error
}

func (e *mappingError) Error() string {
	s := "dhis2: mapping: "
	if e.line > 0 {
		s += "line " + strconv.Itoa(e.line) + ": "
	}
	return s + healthedu.RedactCitizenIDs(e.err.Error())
}

func (e *mappingError) Unwrap() error { return e.err }

// Issue returns the error as an issue (问题): its code, the column at fault
// as the path and the line.
func (e *mappingError) Issue() healthedu.Issue {
	path := ""
	if e.column != "" {
		path = healthedu.Pointer(e.column)
	}
	is := healthedu.NewIssue(e.code, path, e.params)
	is.Line = e.line
	return is
}

// WriteCSV writes m as a mapping table (映射表) that LoadMapping reads, with
// the header kind,jiceng,dhis2,categoryOptionCombo,zeroIsSignificant: the
// schemes (idScheme always, the others where they differ from it), the
// default category option combination if named, the series in order of
// element and category, then the divisions in code order, each with its
// 12 digits.
func (m *Mapping) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{colKind, colCode, colID, colCombo, colZero})
	s := m.schemes
	cw.Write([]string{"scheme", "idScheme", s.ID.String(), "", ""})
	if s.DataElement != s.ID {
		cw.Write([]string{"scheme", "dataElementIdScheme", s.DataElement.String(), "", ""})
	}
	if s.OrgUnit != s.ID {
		cw.Write([]string{"scheme", "orgUnitIdScheme", s.OrgUnit.String(), "", ""})
	}
	if m.defaultCombo != "" {
		cw.Write([]string{"default", colCombo, m.defaultCombo, "", ""})
	}
	for _, k := range slices.SortedFunc(maps.Keys(m.series), compareSeries) {
		mp := m.series[k]
		if mp.skip {
			cw.Write([]string{"element", k.String(), skipID, "", ""})
			continue
		}
		cw.Write([]string{"element", k.String(), mp.DataElement, mp.CategoryOptionCombo, strconv.FormatBool(mp.ZeroIsSignificant)})
	}
	for _, d := range slices.SortedFunc(maps.Keys(m.divisions), healthedu.DivisionCode.Compare) {
		cw.Write([]string{"division", d.String(), m.divisions[d], "", ""})
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
