package main

import (
	"bytes"
	"io"
)

// writeColumns writes rows to w as a table for the terminal, a line a
// row: its columns two spaces apart, each as wide as its widest cell in
// terminal columns (see indicatorsWidth: 聊 takes two), a cell of a column
// that right marks aligned to the right and any other to the left, and no
// space at the end of a line. Rows may have fewer cells than others: the
// missing ones are empty.
func writeColumns(w io.Writer, rows [][]string, right []bool) {
	var widths []int
	for _, row := range rows {
		for i, cell := range row {
			if i == len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], indicatorsWidth(cell))
		}
	}
	var b []byte
	for _, row := range rows {
		b = b[:0]
		for i, cell := range row {
			pad := widths[i] - indicatorsWidth(cell)
			if i > 0 {
				b = append(b, "  "...)
			}
			r := i < len(right) && right[i]
			if r {
				b = indicatorsPad(b, pad)
			}
			b = append(b, cell...)
			if !r {
				b = indicatorsPad(b, pad)
			}
		}
		b = append(bytes.TrimRight(b, " "), '\n')
		w.Write(b)
	}
}
