package dhis2

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jiceng/jiceng/healthedu"
)

// A Format is the format of a dataValueSets document (文档格式).
type Format uint8

// The formats ReadDataValueSet reads.
const (
	// JSON is DHIS2's JSON form (application/json), with or without the
	// document's own period, organisation unit and data set.
	JSON Format = iota + 1
	// CSV is DHIS2's CSV form (application/csv): a header line, then one
	// data value a line with the columns dataelement, period, orgunit,
	// categoryoptioncombo, attributeoptioncombo, value, storedby,
	// lastupdated, comment, followup and deleted, in that order; the
	// first three are required, the others may be left off at the end.
	CSV
)

// The limits of ReadDataValueSet when its options give none.
const (
	// DefaultMaxValues is the most data values a document may hold.
	DefaultMaxValues = 200_000
	// DefaultMaxBytes is the longest a document may be, in bytes.
	DefaultMaxBytes = 64 << 20
)

// ReadOptions are the options of [Mapping.ReadDataValueSet] (读取选项).
type ReadOptions struct {
	// Elements is the catalogue that types the values (数据元目录); nil
	// means healthedu.DefaultElements().
	Elements *healthedu.ElementCatalog
	// IDScheme, DataElementIDScheme, OrgUnitIDScheme and
	// CategoryOptionComboIDScheme are the schemes a request gives as query
	// parameters ("" for none), such as
	// POST /api/dataValueSets?dataElementIdScheme=CODE: as in DHIS2, the
	// document's own take precedence, a specific one over idScheme, and
	// UID is the default. The schemes in effect must be the mapping's.
	IDScheme, DataElementIDScheme, OrgUnitIDScheme, CategoryOptionComboIDScheme string
	// MaxValues is the most data values a document may hold; 0 means
	// DefaultMaxValues.
	MaxValues int
	// MaxBytes is the longest a document may be; 0 means DefaultMaxBytes.
	MaxBytes int64
}

// An Import is what [Mapping.ReadDataValueSet] made of a dataValueSets
// document (导入结果): the monthly reports its data values map to and the
// conflicts (冲突) of the values it could not map. It stores nothing: a
// platform stores the reports, or for a dry run only counts them, as its
// import strategy says.
type Import struct {
	// Reports are the monthly reports (月报), one per division and month,
	// sorted by division and month, each with its values sorted by
	// element. A report's ID is "dhis2-" and its division and month, such
	// as "dhis2-371502001000-202510"; its SubmittedAt is the document's
	// completeDate for the report of the document's own period and
	// organisation unit, and zero for any other: the platform sets the
	// time it received them.
	Reports []*healthedu.MonthlyReport
	// Conflicts are the data values left out, in the order of the
	// document, one per value.
	Conflicts []Conflict
	// Values is the number of data values the document holds; those not
	// in Conflicts are in Reports, but for a value given twice for one
	// element, division and month, of which the last counts, as DHIS2
	// updates the first with it.
	Values int
	// DataSet is the document's dataSet, "" when it has none.
	DataSet string
	// DryRun and ImportStrategy are the document's own dryRun and
	// importStrategy, nil and "" when it has none: in DHIS2 they take
	// precedence over a request's. ImportStrategy is as written, such as
	// "CREATE_AND_UPDATE".
	DryRun         *bool
	ImportStrategy string
}

// A Conflict is a data value that could not be mapped (导入冲突), in the
// shape of a conflict of DHIS2's import summary.
type Conflict struct {
	// Object is the identifier at fault, as the document wrote it, such as
	// a data element's UID (DHIS2's "object").
	Object string
	// Property is the data value's field at fault: dataElement, period,
	// orgUnit, categoryOptionCombo, attributeOptionCombo, value or
	// deleted (DHIS2's "property").
	Property string
	// Value says what is wrong in English, as DHIS2 words it for
	// ErrorCode (DHIS2's "value").
	Value string
	// ErrorCode is DHIS2's error code for the fault (DHIS2's
	// "errorCode"), such as "E7610"; "" for a deleted value, for which
	// DHIS2 has none (it would delete the value).
	ErrorCode string
	// Index is the index of the data value in the document, from 0 (one
	// of DHIS2's "indexes").
	Index int
	// Issue is the fault as jiceng reports it (问题), in three languages,
	// with the path /dataValues/{index}/{property}, also for CSV, whose
	// line it gives too.
	Issue healthedu.Issue
}

// rawValue is a data value as a document wrote it.
type rawValue struct {
	dataElement, period, orgUnit, combo, attrCombo, value string
	hasValue, deleted                                     bool
	line                                                  int // of CSV, 0 for JSON
}

// docHeader is what a JSON document says at the top.
type docHeader struct {
	schemes                                [4]*string // idScheme, dataElementIdScheme, orgUnitIdScheme, categoryOptionComboIdScheme
	dataSet, completeDate, period, orgUnit string
	attrCombo                              string
	dryRun                                 *bool
	strategy                               string
}

// ReadDataValueSet reads a DHIS2 dataValueSets document (读取数据值集) in
// format f — as DHIS2 writes one, and as its Web API takes one at
// POST /api/dataValueSets — and maps its data values back through m into
// monthly reports, one per organisation unit and month, each value typed
// by its element's [healthedu.ValueType]. A value of the document's
// default category option combination and attribute option combination
// (empty, or the mapping's [Mapping.DefaultCombo]) maps to the series of
// its data element alone; jiceng's monthly reports carry totals, so a
// disaggregated series is not taken.
//
// What it cannot map is a [Conflict] with DHIS2's error code:
//
//	E7610  data element not mapped, or mapped to an element not in the catalogue
//	E7611  period not valid
//	E7632  period not a month: monthly reports take months
//	E7612  organisation unit not mapped
//	E7613  category option combination not mapped, or of a disaggregated series
//	E7634  category option combination mapped, but not with this data element
//	E7630  no category option combination where the data element has no default
//	E7615  attribute option combination other than the default
//	E7618  no value
//	E7619  value not of the element's type (a count not a whole number ≥ 0, …)
//	(none) a deleted value, which DHIS2 would delete
//
// Comments, storedBy, created, lastUpdated and followup are read and left
// aside.
//
// The document is read strictly, as a stream: an unknown field, a key
// given twice, a value of the wrong type, a CSV header other than DHIS2's,
// a scheme other than the mapping's or more than the options' limits of
// bytes and values is an error, a [*healthedu.IssuesError] holding the
// issue, and nothing is read; so is a syntax error. An error of r is
// returned as it is. ReadDataValueSet never panics.
func (m *Mapping) ReadDataValueSet(r io.Reader, f Format, opts ReadOptions) (*Import, error) {
	maxBytes := opts.MaxBytes
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	maxValues := opts.MaxValues
	if maxValues <= 0 {
		maxValues = DefaultMaxValues
	}
	lr := &io.LimitedReader{R: r, N: maxBytes + 1}
	var (
		hdr    docHeader
		values []rawValue
		err    error
	)
	switch f {
	case JSON:
		p := jsonParser{dec: json.NewDecoder(lr), max: maxValues}
		p.dec.UseNumber()
		hdr, values, err = p.document()
	case CSV:
		values, err = readCSV(lr, maxValues)
	default:
		return nil, errors.New("dhis2: ReadDataValueSet: unknown format " + strconv.Itoa(int(f)))
	}
	if lr.N <= 0 {
		return nil, docError(healthedu.NewIssue("dhis2.tooLarge", "", map[string]any{"max": maxBytes}))
	}
	if err != nil {
		return nil, err
	}
	if err := m.checkSchemes(&hdr, opts); err != nil {
		return nil, err
	}
	cat := opts.Elements
	if cat == nil {
		cat = healthedu.DefaultElements()
	}
	return m.mapValues(&hdr, values, cat)
}

// docError returns an error of the document made of issue.
func docError(issue healthedu.Issue) error {
	return &healthedu.IssuesError{Op: "dhis2: dataValueSet", Issues: []healthedu.Issue{issue}}
}

// checkSchemes checks that the schemes in effect are the mapping's.
func (m *Mapping) checkSchemes(h *docHeader, opts ReadOptions) error {
	names := [4]string{"idScheme", "dataElementIdScheme", "orgUnitIdScheme", "categoryOptionComboIdScheme"}
	request := [4]string{opts.IDScheme, opts.DataElementIDScheme, opts.OrgUnitIDScheme, opts.CategoryOptionComboIDScheme}
	var given [4]string
	var from [4]string // "" for the request, else a JSON Pointer into the document
	for i := range given {
		if h.schemes[i] != nil {
			given[i], from[i] = *h.schemes[i], healthedu.Pointer(names[i])
		} else {
			given[i] = request[i]
		}
	}
	for i := range given {
		if given[i] == "" {
			continue
		}
		if _, ok := ParseIDScheme(given[i]); !ok {
			return docError(healthedu.NewIssue("dhis2.idScheme", from[i], map[string]any{"name": names[i], "value": given[i], "want": "UID, CODE, ATTRIBUTE:…"}))
		}
	}
	effective := func(i int) (IDScheme, string) {
		for _, j := range []int{i, 0} {
			if given[j] != "" {
				s, _ := ParseIDScheme(given[j])
				return s, from[j]
			}
		}
		return UID, ""
	}
	for i, want := range [4]IDScheme{m.schemes.ID, m.schemes.DataElement, m.schemes.OrgUnit, m.schemes.ID} {
		if i == 0 {
			continue // idScheme counts through the others
		}
		if got, at := effective(i); got != want {
			return docError(healthedu.NewIssue("dhis2.idScheme", at, map[string]any{"name": names[i], "value": got.String(), "want": want.String()}))
		}
	}
	return nil
}

// DHIS2's messages for its error codes (ErrorCode.java).
var dhis2Messages = map[string]string{
	"E7610": "Data element not found or not accessible: `%s`",
	"E7611": "Period not valid: `%s`",
	"E7612": "Organisation unit not found or not accessible: `%s`",
	"E7613": "Category option combo not found or not accessible for writing data: `%s`",
	"E7615": "Attribute option combo not found or not accessible for writing data: `%s`",
	"E7618": "Data value or comment not specified for data element: `%s`",
	"E7619": "Value must match data element's `%s` type constraints: %s",
	"E7630": "Category option combo is required but is not specified",
	"E7632": "Period type of period: `%s` not valid for data element: `%s`",
	"E7634": "Category option combo: `%s` must be part of category combo of data element: `%s`",
	"":      "Deleted data value not imported: `%s`",
}

// mapValues maps the values read into reports and conflicts.
func (m *Mapping) mapValues(h *docHeader, values []rawValue, cat *healthedu.ElementCatalog) (*Import, error) {
	imp := &Import{Values: len(values), DataSet: h.dataSet, DryRun: h.dryRun, ImportStrategy: h.strategy}
	type slot struct {
		div    healthedu.DivisionCode
		period healthedu.Period
	}
	reports := make(map[slot]map[string]healthedu.Decimal)
	for i := range values {
		v := &values[i]
		if v.period == "" {
			v.period = h.period
		}
		if v.orgUnit == "" {
			v.orgUnit = h.orgUnit
		}
		if v.attrCombo == "" {
			v.attrCombo = h.attrCombo
		}
		conflict := func(property, object, errorCode, code string, params map[string]any, args ...any) {
			path := "/dataValues/" + strconv.Itoa(i) + "/" + property
			is := healthedu.NewIssue(code, path, params)
			is.Line = v.line
			imp.Conflicts = append(imp.Conflicts, Conflict{
				Object: object, Property: property, Value: fmt.Sprintf(dhis2Messages[errorCode], args...),
				ErrorCode: errorCode, Index: i, Issue: is,
			})
		}
		if _, known := m.elements[v.dataElement]; !known {
			conflict("dataElement", v.dataElement, "E7610", "dhis2.dataElement", map[string]any{"value": v.dataElement}, v.dataElement)
			continue
		}
		p, err := healthedu.ParsePeriod(v.period)
		if err != nil {
			conflict("period", v.period, "E7611", "dhis2.period", map[string]any{"value": v.period}, v.period)
			continue
		}
		if p.Type() != healthedu.PeriodMonth {
			conflict("period", v.period, "E7632", "dhis2.periodType", map[string]any{"value": v.period}, v.period, v.dataElement)
			continue
		}
		d, ok := m.orgUnits[v.orgUnit]
		if !ok {
			conflict("orgUnit", v.orgUnit, "E7612", "dhis2.orgUnit", map[string]any{"value": v.orgUnit}, v.orgUnit)
			continue
		}
		combo := v.combo
		if combo == m.defaultCombo {
			combo = ""
		}
		key, ok := m.operands[operandKey{v.dataElement, combo}]
		switch {
		case ok && key.category != "":
			conflict("categoryOptionCombo", v.combo, "E7613", "dhis2.disaggregated", map[string]any{"value": v.combo, "series": key.String()}, v.combo)
			continue
		case ok:
		case combo == "":
			conflict("categoryOptionCombo", "", "E7630", "dhis2.comboRequired", map[string]any{"value": v.dataElement})
			continue
		case m.combos[combo]:
			conflict("categoryOptionCombo", v.combo, "E7634", "dhis2.comboOfElement", map[string]any{"value": v.combo, "dataElement": v.dataElement}, v.combo, v.dataElement)
			continue
		default:
			conflict("categoryOptionCombo", v.combo, "E7613", "dhis2.categoryOptionCombo", map[string]any{"value": v.combo}, v.combo)
			continue
		}
		if v.attrCombo != "" && v.attrCombo != m.defaultCombo {
			conflict("attributeOptionCombo", v.attrCombo, "E7615", "dhis2.attributeOptionCombo", map[string]any{"value": v.attrCombo}, v.attrCombo)
			continue
		}
		if v.deleted {
			conflict("deleted", v.dataElement, "", "dhis2.deleted", map[string]any{"value": v.dataElement}, v.dataElement)
			continue
		}
		el, ok := cat.Lookup(key.element)
		if !ok {
			conflict("dataElement", v.dataElement, "E7610", "dhis2.element", map[string]any{"value": v.dataElement, "element": key.element}, v.dataElement)
			continue
		}
		if !v.hasValue || v.value == "" {
			conflict("value", v.dataElement, "E7618", "dhis2.valueMissing", map[string]any{"value": v.dataElement}, v.dataElement)
			continue
		}
		x, err := healthedu.ParseDecimal(v.value)
		if err != nil || !el.ValueType.Accepts(x) {
			conflict("value", v.value, "E7619", "dhis2.value", map[string]any{"value": v.value, "element": key.element},
				v.dataElement, strings.ToUpper(string(el.ValueType)))
			continue
		}
		s := slot{d, p}
		if reports[s] == nil {
			reports[s] = make(map[string]healthedu.Decimal)
		}
		reports[s][key.element] = x
	}
	var submitted time.Time
	var top slot
	if h.completeDate != "" && h.period != "" && h.orgUnit != "" {
		date, err := healthedu.ParseDate(h.completeDate[:min(len(h.completeDate), 10)])
		if err != nil || len(h.completeDate) > 10 && h.completeDate[10] != 'T' {
			return nil, docError(healthedu.NewIssue("dhis2.completeDate", "/completeDate", map[string]any{"value": h.completeDate}))
		}
		p, perr := healthedu.ParsePeriod(h.period)
		if d, ok := m.orgUnits[h.orgUnit]; ok && perr == nil {
			submitted, top = date.Start(), slot{d, p}
		}
	}
	keys := slices.SortedFunc(maps.Keys(reports), func(a, b slot) int {
		if c := a.div.Compare(b.div); c != 0 {
			return c
		}
		return a.period.Compare(b.period)
	})
	for _, k := range keys {
		r := &healthedu.MonthlyReport{
			Header:   healthedu.Header{SchemaVersion: "1", Kind: healthedu.KindMonthlyReport, ID: "dhis2-" + k.div.String() + "-" + k.period.String()},
			Division: k.div,
			Period:   k.period,
		}
		if k == top {
			r.SubmittedAt = submitted
		}
		for _, e := range slices.Sorted(maps.Keys(reports[k])) {
			r.Values = append(r.Values, healthedu.DataValue{Element: e, Value: reports[k][e]})
		}
		imp.Reports = append(imp.Reports, r)
	}
	return imp, nil
}

// jsonParser reads a JSON dataValueSets document token by token.
type jsonParser struct {
	dec *json.Decoder
	max int
}

// syntax returns err as an error of the document's syntax, when it is one.
func (p *jsonParser) syntax(err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) || errors.Is(err, io.ErrUnexpectedEOF) || err == io.EOF {
		return docError(healthedu.NewIssue("dhis2.syntax", "", map[string]any{"offset": p.dec.InputOffset()}))
	}
	return err
}

func (p *jsonParser) token() (json.Token, error) {
	t, err := p.dec.Token()
	if err != nil {
		return nil, p.syntax(err)
	}
	return t, nil
}

func (p *jsonParser) typeError(path string) error {
	return docError(healthedu.NewIssue("dhis2.type", path, nil))
}

// object reads the members of an object whose '{' is read, calling field
// for each key; field reads the member's value.
func (p *jsonParser) object(path string, field func(key, path string) error) error {
	seen := make(map[string]bool)
	for p.dec.More() {
		t, err := p.token()
		if err != nil {
			return err
		}
		key, _ := t.(string)
		at := path + healthedu.Pointer(key)
		if seen[key] {
			return docError(healthedu.NewIssue("dhis2.duplicateKey", at, map[string]any{"value": key}))
		}
		seen[key] = true
		if err := field(key, at); err != nil {
			return err
		}
	}
	_, err := p.token() // '}'
	return err
}

// str reads a string, or null as "".
func (p *jsonParser) str(path string) (string, error) {
	t, err := p.token()
	if err != nil {
		return "", err
	}
	switch t := t.(type) {
	case string:
		return t, nil
	case nil:
		return "", nil
	case json.Delim:
		return "", p.typeError(path)
	}
	return "", p.typeError(path)
}

// boolean reads true, false or null.
func (p *jsonParser) boolean(path string) (*bool, error) {
	t, err := p.token()
	if err != nil {
		return nil, err
	}
	switch t := t.(type) {
	case bool:
		return &t, nil
	case nil:
		return nil, nil
	}
	return nil, p.typeError(path)
}

// document reads the whole document: its header and its data values.
func (p *jsonParser) document() (docHeader, []rawValue, error) {
	var h docHeader
	var values []rawValue
	t, err := p.token()
	if err != nil {
		return h, nil, err
	}
	if t != json.Delim('{') {
		return h, nil, p.typeError("")
	}
	err = p.object("", func(key, path string) error {
		var err error
		set := func(dst *string) { *dst, err = p.str(path) }
		scheme := func(i int) {
			var s string
			if s, err = p.str(path); err == nil && s != "" {
				h.schemes[i] = &s
			}
		}
		switch key {
		case "idScheme":
			scheme(0)
		case "dataElementIdScheme":
			scheme(1)
		case "orgUnitIdScheme":
			scheme(2)
		case "categoryOptionComboIdScheme":
			scheme(3)
		case "dataSetIdScheme":
			var s string
			if s, err = p.str(path); err == nil && s != "" {
				if _, ok := ParseIDScheme(s); !ok {
					err = docError(healthedu.NewIssue("dhis2.idScheme", path, map[string]any{"name": key, "value": s, "want": "UID, CODE, ATTRIBUTE:…"}))
				}
			}
		case "dataSet":
			set(&h.dataSet)
		case "completeDate":
			set(&h.completeDate)
		case "period":
			set(&h.period)
		case "orgUnit":
			set(&h.orgUnit)
		case "attributeOptionCombo":
			set(&h.attrCombo)
		case "importStrategy":
			set(&h.strategy)
		case "dryRun":
			h.dryRun, err = p.boolean(path)
		case "dataValues":
			values, err = p.values(path)
		default:
			err = docError(healthedu.NewIssue("dhis2.field", path, map[string]any{"value": key}))
		}
		return err
	})
	if err != nil {
		return h, nil, err
	}
	if _, err := p.dec.Token(); err != io.EOF {
		return h, nil, docError(healthedu.NewIssue("dhis2.syntax", "", map[string]any{"offset": p.dec.InputOffset()}))
	}
	return h, values, nil
}

// values reads the array of data values.
func (p *jsonParser) values(path string) ([]rawValue, error) {
	t, err := p.token()
	if err != nil {
		return nil, err
	}
	if t == nil {
		return nil, nil
	}
	if t != json.Delim('[') {
		return nil, p.typeError(path)
	}
	var out []rawValue
	for p.dec.More() {
		if len(out) == p.max {
			return nil, docError(healthedu.NewIssue("dhis2.tooManyValues", path, map[string]any{"max": p.max}))
		}
		at := path + "/" + strconv.Itoa(len(out))
		t, err := p.token()
		if err != nil {
			return nil, err
		}
		if t != json.Delim('{') {
			return nil, p.typeError(at)
		}
		var v rawValue
		err = p.object(at, func(key, path string) error {
			var err error
			set := func(dst *string) { *dst, err = p.str(path) }
			switch key {
			case "dataElement":
				set(&v.dataElement)
			case "period":
				set(&v.period)
			case "orgUnit":
				set(&v.orgUnit)
			case "categoryOptionCombo":
				set(&v.combo)
			case "attributeOptionCombo":
				set(&v.attrCombo)
			case "value":
				var t json.Token
				if t, err = p.token(); err == nil {
					switch t := t.(type) {
					case string:
						v.value, v.hasValue = t, true
					case json.Number:
						v.value, v.hasValue = string(t), true
					case nil:
					default:
						err = p.typeError(path)
					}
				}
			case "storedBy", "created", "lastUpdated", "comment":
				var ignored string
				set(&ignored)
			case "followup":
				_, err = p.boolean(path)
			case "deleted":
				var b *bool
				if b, err = p.boolean(path); b != nil {
					v.deleted = *b
				}
			default:
				err = docError(healthedu.NewIssue("dhis2.field", path, map[string]any{"value": key}))
			}
			return err
		})
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	_, err = p.token() // ']'
	return out, err
}

// csvColumns are the columns of DHIS2's CSV form, in order, each with the
// names DHIS2 has written it under in its header.
var csvColumns = [][]string{
	{"dataelement"},
	{"period"},
	{"orgunit"},
	{"categoryoptioncombo", "catoptcombo"},
	{"attributeoptioncombo", "attroptcombo"},
	{"value"},
	{"storedby", "strby"},
	{"lastupdated", "lstupd", "timestamp"},
	{"comment", "cmt"},
	{"followup", "flwup"},
	{"deleted"},
}

// readCSV reads DHIS2's CSV form.
func readCSV(r io.Reader, max int) ([]rawValue, error) {
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	csvError := func(err error) error {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			is := healthedu.NewIssue("dhis2.csvSyntax", "", map[string]any{"line": pe.Line})
			is.Line = pe.Line
			return docError(is)
		}
		return err
	}
	header, err := cr.Read()
	if err == io.EOF {
		return nil, docError(healthedu.NewIssue("dhis2.csvHeader", "", map[string]any{"column": 1, "value": "", "want": csvColumns[0][0]}))
	}
	if err != nil {
		return nil, csvError(err)
	}
	if len(header) < 3 || len(header) > len(csvColumns) {
		is := healthedu.NewIssue("dhis2.csvColumns", "", map[string]any{"count": len(header)})
		is.Line = 1
		return nil, docError(is)
	}
	for i, h := range header {
		if i == 0 {
			h = strings.TrimPrefix(h, "\uFEFF")
		}
		if !slices.Contains(csvColumns[i], strings.ToLower(strings.TrimSpace(h))) {
			is := healthedu.NewIssue("dhis2.csvHeader", "", map[string]any{"column": i + 1, "value": h, "want": csvColumns[i][0]})
			is.Line = 1
			return nil, docError(is)
		}
	}
	var out []rawValue
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, csvError(err)
		}
		if len(out) == max {
			return nil, docError(healthedu.NewIssue("dhis2.tooManyValues", "/dataValues", map[string]any{"max": max}))
		}
		line, _ := cr.FieldPos(0)
		v := rawValue{line: line}
		get := func(i int) string {
			if i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		v.dataElement, v.period, v.orgUnit = get(0), get(1), get(2)
		v.combo, v.attrCombo = get(3), get(4)
		v.value, v.hasValue = get(5), len(rec) > 5
		for _, c := range []struct {
			i    int
			dst  *bool
			name string
		}{{9, nil, "followup"}, {10, &v.deleted, "deleted"}} {
			switch s := strings.ToLower(get(c.i)); s {
			case "", "false":
			case "true":
				if c.dst != nil {
					*c.dst = true
				}
			default:
				is := healthedu.NewIssue("dhis2.type", "/dataValues/"+strconv.Itoa(len(out))+"/"+c.name, nil)
				is.Line = line
				return nil, docError(is)
			}
		}
		out = append(out, v)
	}
}
