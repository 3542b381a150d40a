// Package divisiondata holds the table of statistical division codes
// (统计用区划代码) in the three forms it takes on its way into package
// healthedu: the national CSV files under data/divisions, a [Table] in
// memory, and the compact encoding that healthedu embeds.
//
// The compact encoding (version 1) is a gzip stream, without name or
// timestamp, of
//
//	"jiceng divisions v1\n"
//	uvarint n                         the number of divisions
//	n × uvarint                       each code minus the one before it (the first minus 0)
//	n × uvarint                       the byte length of each name
//	the names, UTF-8, concatenated in code order
//
// Codes are the 12-digit statistical codes read as numbers, ascending and
// unique, so the differences are small and positive. [Encode] is
// deterministic: the same table gives the same bytes with the same Go
// toolchain (a later toolchain may compress differently; regenerate then).
package divisiondata

import (
	"bufio"
	"bytes"
	"cmp"
	"compress/gzip"
	"encoding/binary"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"
)

// Table is a division table in code order.
type Table struct {
	Codes []uint64 // the 12-digit codes, as numbers, ascending and unique
	Names string   // the names, concatenated in the order of Codes
	Ends  []uint32 // Ends[i] is where the name of Codes[i] ends in Names; it starts where the previous one ends
}

// Name returns the name of the i-th division.
func (t *Table) Name(i int) string {
	start := uint32(0)
	if i > 0 {
		start = t.Ends[i-1]
	}
	return t.Names[start:t.Ends[i]]
}

// maxCode bounds a 12-digit code.
const maxCode = 999_999_999_999

const magic = "jiceng divisions v1\n"

// Encode returns the compact encoding of t.
func Encode(t *Table) ([]byte, error) {
	if len(t.Codes) != len(t.Ends) || len(t.Ends) > 0 && int(t.Ends[len(t.Ends)-1]) != len(t.Names) {
		return nil, errors.New("divisiondata: inconsistent table")
	}
	var raw []byte
	raw = append(raw, magic...)
	raw = binary.AppendUvarint(raw, uint64(len(t.Codes)))
	var prev uint64
	for i, c := range t.Codes {
		if c > maxCode || i > 0 && c <= prev {
			return nil, fmt.Errorf("divisiondata: code %d out of order or range", c)
		}
		raw = binary.AppendUvarint(raw, c-prev)
		prev = c
	}
	for i := range t.Codes {
		raw = binary.AppendUvarint(raw, uint64(len(t.Name(i))))
	}
	raw = append(raw, t.Names...)

	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(raw); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Decode reads a table in the compact encoding.
func Decode(data []byte) (*Table, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("divisiondata: %w", err)
	}
	br := bufio.NewReader(zr)
	t, err := decode(br)
	if err != nil {
		return nil, fmt.Errorf("divisiondata: %w", err)
	}
	// Reading to the end makes gzip verify its checksum.
	if _, err := br.ReadByte(); err != io.EOF {
		if err == nil {
			err = errors.New("trailing data")
		}
		return nil, fmt.Errorf("divisiondata: %w", err)
	}
	return t, nil
}

func decode(br *bufio.Reader) (*Table, error) {
	var head [len(magic)]byte
	if _, err := io.ReadFull(br, head[:]); err != nil || string(head[:]) != magic {
		return nil, errors.New("not a version 1 division table")
	}
	n, err := binary.ReadUvarint(br)
	if err != nil {
		return nil, unexpectedEOF(err)
	}
	// China has fewer than a million divisions down to the villages; the
	// bound keeps a corrupt count from allocating without limit.
	if n > 1<<24 {
		return nil, fmt.Errorf("implausible count %d", n)
	}
	t := &Table{Codes: make([]uint64, n), Ends: make([]uint32, n)}
	var code uint64
	for i := range t.Codes {
		d, err := binary.ReadUvarint(br)
		if err != nil {
			return nil, unexpectedEOF(err)
		}
		if d == 0 && i > 0 || d > maxCode-code {
			return nil, fmt.Errorf("code %d: bad difference %d", i, d)
		}
		code += d
		t.Codes[i] = code
	}
	var end uint64
	for i := range t.Ends {
		l, err := binary.ReadUvarint(br)
		if err != nil {
			return nil, unexpectedEOF(err)
		}
		end += l
		if end > 1<<30 {
			return nil, errors.New("implausible name length")
		}
		t.Ends[i] = uint32(end)
	}
	var names strings.Builder
	names.Grow(int(end))
	if _, err := io.CopyN(&names, br, int64(end)); err != nil {
		return nil, unexpectedEOF(err)
	}
	t.Names = names.String()
	return t, nil
}

func unexpectedEOF(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

// SourceFiles are the CSV files of the national table, from the highest
// level to the lowest.
var SourceFiles = []string{"provinces.csv", "cities.csv", "areas.csv", "streets.csv"}

// ReadSource reads the national table from the [SourceFiles] in fsys (the
// directory data/divisions of the repository). Each file is CSV with a
// header whose first two columns are code and name; further columns are
// ignored. Codes of 2, 4, 6 or 9 digits are padded with zeros to 12.
//
// Where rows of different files pad to the same code — 东莞市 4419 among the
// cities and 441900 among the counties, 金门县 350527 among the counties and
// 350527000 among the townships — the row of the higher level is kept; their
// names must agree.
func ReadSource(fsys fs.FS) (*Table, error) {
	type row struct {
		code uint64
		name string
		from string // file:line, for messages
	}
	var rows []row
	for _, file := range SourceFiles {
		f, err := fsys.Open(file)
		if err != nil {
			return nil, err
		}
		err = readCSV(f, func(line int, code uint64, name string) {
			rows = append(rows, row{code, name, fmt.Sprintf("%s:%d", file, line)})
		})
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("divisiondata: %s: %w", file, err)
		}
	}
	slices.SortStableFunc(rows, func(a, b row) int { return cmp.Compare(a.code, b.code) })

	var b Builder
	var kept row
	for _, r := range rows {
		if b.Len() > 0 && r.code == kept.code {
			if r.name != kept.name {
				return nil, fmt.Errorf("divisiondata: %s: %q has the code of %q (%s)", r.from, r.name, kept.name, kept.from)
			}
			continue
		}
		kept = r
		b.Add(r.code, r.name)
	}
	return b.Table(), nil
}

// A Builder builds a [Table] from divisions added in ascending code order.
// The zero Builder is empty and ready to use.
type Builder struct {
	t     Table
	names strings.Builder
}

// Add appends a division; its code must be greater than the last one added.
func (b *Builder) Add(code uint64, name string) {
	b.names.WriteString(name)
	b.t.Codes = append(b.t.Codes, code)
	b.t.Ends = append(b.t.Ends, uint32(b.names.Len()))
}

// Len returns the number of divisions added.
func (b *Builder) Len() int { return len(b.t.Codes) }

// Table returns the table built. The Builder must not be used afterwards.
func (b *Builder) Table() *Table {
	b.t.Names = b.names.String()
	return &b.t
}

// readCSV calls add for every row of one source file.
func readCSV(r io.Reader, add func(line int, code uint64, name string)) error {
	cr := csv.NewReader(r)
	header, err := cr.Read()
	if err != nil {
		return err
	}
	if len(header) < 2 || header[0] != "code" || header[1] != "name" {
		return fmt.Errorf("header %q does not start with code,name", header)
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		line, _ := cr.FieldPos(0)
		code, ok := padCode(rec[0])
		if !ok {
			return fmt.Errorf("line %d: bad code %q", line, rec[0])
		}
		if rec[1] == "" {
			return fmt.Errorf("line %d: empty name", line)
		}
		add(line, code, rec[1])
	}
}

// padCode reads a code of 2, 4, 6, 9 or 12 ASCII digits as a 12-digit
// number. The rules of the national scheme are checked by package
// healthedu, whose tests parse every row.
func padCode(s string) (uint64, bool) {
	switch len(s) {
	case 2, 4, 6, 9, 12:
	default:
		return 0, false
	}
	var n uint64
	for i := 0; i < 12; i++ {
		d := byte('0')
		if i < len(s) {
			d = s[i]
		}
		if d < '0' || d > '9' {
			return 0, false
		}
		n = n*10 + uint64(d-'0')
	}
	return n, true
}
