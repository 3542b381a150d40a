package dashboard

// The exports of the pivot table: "/pivot.csv" and "/pivot.xlsx" take the
// parameters of "/pivot" and write the same view, a line per cell in the
// order the page shows them (row by row), with the codes and the names of
// its indicator, division and period, and its figures as plain numbers:
// value, numerator, denominator, reporters with data and expected, target.
// A figure that is not there is an empty cell, never 0. The CSV is UTF-8
// with a byte order mark, which Excel on Chinese Windows needs to read
// the names; the XLSX (github.com/xuri/excelize/v2) has numeric cells, a
// header row that stays in view, and its sheet named in the reader's
// language.

import (
	"bytes"
	"cmp"
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/jiceng/jiceng/examples/intake/internal/wire"
)

// pivotExportColumns are the message keys of the export's columns, in
// their order.
var pivotExportColumns = []string{
	"exportIndicatorCode", "exportIndicatorName",
	"exportDivisionCode", "exportDivisionName",
	"exportPeriodCode", "exportPeriodName",
	"exportValue", "exportNumerator", "exportDenominator",
	"exportReporting", "exportExpected",
	"exportDirection", "exportTarget", "exportStatus", "exportReason", "exportFlags",
}

// A pivotLine is one cell of the pivot as the export writes it.
type pivotLine struct {
	Indicator, Division, Period pivotMember
	Cell                        *wire.IndicatorRow // nil when the API gave none
}

// lines returns the cells of t, row by row, each with its three members.
func (t pivotTable) lines() []pivotLine {
	q := t.Query
	var out []pivotLine
	for i, row := range t.Rows {
		for j, col := range t.Cols {
			var m [pivotDimCount]pivotMember
			m[q.Rows], m[q.Cols], m[q.fixed()] = row, col, t.Fixed
			out = append(out, pivotLine{Indicator: m[dimIndicator], Division: m[dimDivision], Period: m[dimPeriod], Cell: t.Cells[i][j]})
		}
	}
	return out
}

// An exportField is one field of a line: text, or a number (an integer, or
// a decimal as the API wrote it), or empty.
type exportField struct {
	Text   string
	Number string // a plain decimal: "85.23", "131"
}

// exportFields returns the fields of line in language l, in the order of
// pivotExportColumns.
func (l uiLang) exportFields(line pivotLine) []exportField {
	c := line.Cell
	f := []exportField{
		{Text: line.Indicator.Key}, {Text: line.Indicator.Name},
		{Text: line.Division.Key}, {Text: line.Division.Name},
		{Text: line.Period.Key}, {Text: line.Period.Name},
	}
	if c == nil {
		f = append(f, make([]exportField, 7)...) // value to target
		return append(f, exportField{}, exportField{Text: l.reasonText("no-data")}, exportField{})
	}
	num := func(p *int64) exportField {
		if p == nil {
			return exportField{}
		}
		return exportField{Number: strconv.FormatInt(*p, 10)}
	}
	f = append(f, exportField{Number: textOf(c.Value)}, num(c.Numerator), num(c.Denominator))
	n, k := int64(c.Coverage.Expected), int64(c.Coverage.Reporting)
	f = append(f, num(&k), num(&n))
	f = append(f, exportField{Text: c.Direction}, exportField{Number: textOf(c.Target)})
	status := ""
	if c.Met != nil {
		status = l.statusText(*c)
	}
	reason := ""
	if c.Value == nil {
		reason = l.reasonText(cmp.Or(c.Reason, "no-data"))
	}
	sep := "；"
	if l == langEn {
		sep = "; "
	}
	return append(f, exportField{Text: status}, exportField{Text: reason}, exportField{Text: strings.Join(flagMessages(c.Flags, c.FlagIssues), sep)})
}

// exportName returns the file name of an export of t, in ASCII:
// pivot-371500000000-202510-division-indicator.csv.
func (t pivotTable) exportName(ext string) string {
	q := t.Query
	return fmt.Sprintf("pivot-%s-%s-%s-%s.%s", q.State.Division, q.State.Period, q.Rows, q.Cols, ext)
}

// servePivotExport serves "/pivot.csv" and "/pivot.xlsx".
func (d *dashboard) servePivotExport(ctx context.Context, w http.ResponseWriter, r *http.Request, lang uiLang, ext string) {
	t, _, ok := d.pivot(ctx, w, r, lang)
	if !ok {
		return
	}
	var b bytes.Buffer
	var err error
	contentType := "text/csv; charset=utf-8"
	if ext == "xlsx" {
		contentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
		err = lang.writePivotXLSX(&b, t)
	} else {
		err = lang.writePivotCSV(&b, t)
	}
	if err != nil {
		d.opts.Logger.ErrorContext(r.Context(), "dashboard: export failed", "ext", ext, "err", err)
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Disposition", `attachment; filename="`+t.exportName(ext)+`"`)
	h.Set("Content-Length", strconv.Itoa(b.Len()))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(b.Bytes())
	}
}

// writePivotCSV writes t as CSV in language l: a byte order mark, the
// header, a line per cell.
func (l uiLang) writePivotCSV(b *bytes.Buffer, t pivotTable) error {
	b.WriteString("\uFEFF")
	cw := csv.NewWriter(b)
	cw.UseCRLF = true // as Excel writes it
	header := make([]string, len(pivotExportColumns))
	for i, k := range pivotExportColumns {
		header[i] = l.T()[k]
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, line := range t.lines() {
		fields := l.exportFields(line)
		rec := make([]string, len(fields))
		for i, f := range fields {
			rec[i] = f.Text + f.Number
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// writePivotXLSX writes t as an XLSX workbook in language l: one sheet,
// named in l, with a bold header row frozen in view, the codes as text,
// the figures as numbers shown with the decimals the API gave them, and
// columns as wide as their contents.
func (l uiLang) writePivotXLSX(b *bytes.Buffer, t pivotTable) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	sheet := l.T()["exportSheet"]
	if err := f.SetSheetName(f.GetSheetName(0), sheet); err != nil {
		return err
	}
	headStyle, err := f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F6F8FA"}},
		Border:    []excelize.Border{{Type: "bottom", Color: "1F2328", Style: 2}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
	})
	if err != nil {
		return err
	}
	textStyle, err := f.NewStyle(&excelize.Style{NumFmt: 49}) // "@": text, so that codes stay as they are
	if err != nil {
		return err
	}
	numStyles := map[int]int{} // decimals → style
	numStyle := func(decimals int) (int, error) {
		if s, ok := numStyles[decimals]; ok {
			return s, nil
		}
		format := "#,##0"
		if decimals > 0 {
			format += "." + strings.Repeat("0", decimals)
		}
		s, err := f.NewStyle(&excelize.Style{CustomNumFmt: &format})
		numStyles[decimals] = s
		return s, err
	}

	widths := make([]int, len(pivotExportColumns))
	set := func(col, row int, v exportField) error {
		cell, err := excelize.CoordinatesToCellName(col+1, row)
		if err != nil {
			return err
		}
		widths[col] = max(widths[col], displayWidth(v.Text+v.Number))
		switch {
		case v.Number != "":
			x, err := strconv.ParseFloat(v.Number, 64)
			if err != nil {
				return fmt.Errorf("dashboard: %q is not a number: %w", v.Number, err)
			}
			decimals := 0
			if _, frac, ok := strings.Cut(v.Number, "."); ok {
				decimals = len(frac)
			}
			if err := f.SetCellFloat(sheet, cell, x, -1, 64); err != nil {
				return err
			}
			s, err := numStyle(decimals)
			if err != nil {
				return err
			}
			return f.SetCellStyle(sheet, cell, cell, s)
		case v.Text != "":
			if err := f.SetCellStr(sheet, cell, v.Text); err != nil {
				return err
			}
			if col%2 == 0 && col < 6 { // the codes
				return f.SetCellStyle(sheet, cell, cell, textStyle)
			}
		}
		return nil
	}
	for i, k := range pivotExportColumns {
		if err := set(i, 1, exportField{Text: l.T()[k]}); err != nil {
			return err
		}
	}
	if err := f.SetRowStyle(sheet, 1, 1, headStyle); err != nil {
		return err
	}
	for r, line := range t.lines() {
		for i, v := range l.exportFields(line) {
			if err := set(i, r+2, v); err != nil {
				return err
			}
		}
	}
	for i, w := range widths {
		name, err := excelize.ColumnNumberToName(i + 1)
		if err != nil {
			return err
		}
		if err := f.SetColWidth(sheet, name, name, float64(min(max(w, 6), 60))+2); err != nil {
			return err
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	return f.Write(b)
}

// displayWidth returns the width of s in the columns of a monospaced
// font: two for a CJK character or another wide one, one for the rest.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x1100 && utf8.RuneLen(r) >= 3 {
			n += 2
		} else {
			n++
		}
	}
	return n
}
