package healthedu

//go:generate go run ./internal/divisiongen

import (
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"iter"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/jiceng/jiceng/healthedu/internal/divisiondata"
)

// A Division is one entry of a division table (区划代码表): a code and its
// names.
type Division struct {
	Code DivisionCode

	// Name is the official name (名称), e.g. 黔西南布依族苗族自治州.
	Name string

	// ShortName is the name in common use (简称). For an autonomous
	// prefecture, county or banner (自治州、自治县、自治旗) it is the place
	// name with the ethnic groups and 自治 dropped: 黔西南州, 恩施州, 长阳县,
	// 鄂伦春旗. For every other division it equals Name.
	ShortName string
}

// A Registry is a table of statistical division codes (区划代码表): which
// codes exist and what they are called. [DefaultRegistry] is the national
// table down to the townships; [LoadRegistryCSV] reads a platform's own, and
// [Registry.Merge] combines the two.
//
// A Registry does not change once built and is safe for concurrent use. The
// zero Registry is empty.
type Registry struct {
	table divisiondata.Table // codes ascending, with their names
	codes divisionIndex      // code → position in table
	short map[int32]string   // position → ShortName, where it differs from the name

	// names indexes the names and short names, built on first use: for a
	// position i, i+1 stands for its name and (i+1)|divisionShortBit for its
	// short name.
	names     divisionIndex
	namesOnce sync.Once
	nameSeed  maphash.Seed
}

const divisionShortBit = 1 << 31

func newDivisionRegistry(t *divisiondata.Table) *Registry {
	r := &Registry{table: *t, codes: newDivisionIndex(len(t.Codes))}
	for i, c := range t.Codes {
		r.codes.insert(divisionHashCode(c), uint32(i+1))
		if s := divisionShortName(t.Name(i)); s != "" {
			if r.short == nil {
				r.short = make(map[int32]string)
			}
			r.short[int32(i)] = s
		}
	}
	return r
}

// A divisionIndex is a hash table of positions in a Registry's table, with
// open addressing and linear probing. It is sized for a load of at most one
// half and never grows.
type divisionIndex struct {
	slots []uint32 // a non-zero entry given to insert; 0 for an empty slot
	shift uint8    // 64 − log₂ len(slots): a hash's top bits choose its first slot
}

func newDivisionIndex(n int) divisionIndex {
	bits := uint8(1)
	for 1<<bits < 2*n {
		bits++
	}
	return divisionIndex{slots: make([]uint32, 1<<bits), shift: 64 - bits}
}

func (x *divisionIndex) insert(h uint64, entry uint32) {
	mask := uint64(len(x.slots) - 1)
	i := h >> x.shift
	for x.slots[i] != 0 {
		i = (i + 1) & mask
	}
	x.slots[i] = entry
}

// probe returns an iterator over the entries that may have been inserted with
// hash h, until it returns false or none are left.
func (x *divisionIndex) probe(h uint64) iter.Seq[uint32] {
	return func(yield func(uint32) bool) {
		if len(x.slots) == 0 {
			return
		}
		mask := uint64(len(x.slots) - 1)
		for i := h >> x.shift; x.slots[i] != 0; i = (i + 1) & mask {
			if !yield(x.slots[i]) {
				return
			}
		}
	}
}

// divisionHashCode spreads the bits of a code over its hash (Fibonacci
// hashing: the top bits of the product depend on all of the code).
func divisionHashCode(code uint64) uint64 { return code * 0x9E3779B97F4A7C15 }

// division returns the i-th division of r.
func (r *Registry) division(i int) Division {
	d := Division{Code: DivisionCode{r.table.Codes[i]}, Name: r.table.Name(i)}
	d.ShortName = d.Name
	if s, ok := r.short[int32(i)]; ok {
		d.ShortName = s
	}
	return d
}

// Lookup returns the division with the given code and true, or the zero
// Division and false when r does not hold the code.
func (r *Registry) Lookup(code DivisionCode) (Division, bool) {
	for e := range r.codes.probe(divisionHashCode(code.n)) {
		if i := int(e - 1); r.table.Codes[i] == code.n {
			return r.division(i), true
		}
	}
	return Division{}, false
}

// Name returns the official name of the division with the given code, or ""
// when r does not hold the code.
func (r *Registry) Name(code DivisionCode) string {
	d, _ := r.Lookup(code)
	return d.Name
}

// Contains reports whether r holds the code. (Whether one division lies
// within another is [DivisionCode.Contains].)
func (r *Registry) Contains(code DivisionCode) bool {
	_, ok := r.Lookup(code)
	return ok
}

// Len returns the number of divisions in r.
func (r *Registry) Len() int { return len(r.table.Codes) }

// All returns an iterator over the divisions of r in code order.
func (r *Registry) All() iter.Seq[Division] {
	return func(yield func(Division) bool) {
		for i := range r.table.Codes {
			if !yield(r.division(i)) {
				return
			}
		}
	}
}

// Children returns, in code order, the codes that r holds whose parent (see
// [DivisionCode.Parent]) is code: the cities of a province, the counties of a
// city, the townships of a county, the villages of a township. A city without
// counties, such as 东莞市 4419, has its townships as children. Children does
// not require r to hold code itself; it returns nil for a village and for the
// zero DivisionCode.
func (r *Registry) Children(code DivisionCode) []DivisionCode {
	l := code.Level()
	if !l.valid() || l == LevelVillage {
		return nil
	}
	codes := r.table.Codes
	end := code.n + l.span() // the codes under code lie in (code, end)
	i, _ := slices.BinarySearch(codes, code.n+1)
	var children []DivisionCode
	for i < len(codes) && codes[i] < end {
		c := DivisionCode{codes[i]}
		if p, _ := c.Parent(); p == code {
			children = append(children, c)
		}
		// Skip what lies under c: no child of code is there.
		j, _ := slices.BinarySearch(codes[i+1:], c.n+c.Level().span())
		i += 1 + j
	}
	return children
}

// ByName returns, in code order, the divisions whose official name or
// common short name (see [Division]) is name: ByName("黔西南州") and
// ByName("黔西南布依族苗族自治州") both find 5223. Names repeat across the
// country (there are many 城关镇), so there may be several; nil when there is
// none. The first call builds an index of the names.
func (r *Registry) ByName(name string) []Division {
	r.namesOnce.Do(r.indexNames)
	var ds []Division
	for e := range r.names.probe(maphash.String(r.nameSeed, name)) {
		d := r.division(int(e&^divisionShortBit) - 1)
		got := d.Name
		if e&divisionShortBit != 0 {
			got = d.ShortName
		}
		if got == name {
			ds = append(ds, d)
		}
	}
	slices.SortFunc(ds, func(a, b Division) int { return a.Code.Compare(b.Code) })
	return ds
}

// indexNames builds the index of r's names and short names.
func (r *Registry) indexNames() {
	r.nameSeed = maphash.MakeSeed()
	r.names = newDivisionIndex(len(r.table.Codes) + len(r.short))
	for i := range r.table.Codes {
		r.names.insert(maphash.String(r.nameSeed, r.table.Name(i)), uint32(i+1))
	}
	for i, s := range r.short {
		r.names.insert(maphash.String(r.nameSeed, s), uint32(i+1)|divisionShortBit)
	}
}

// Merge returns a new Registry that holds the divisions of r and of other.
// Where both hold a code, other's name wins. Neither r nor other changes.
//
// Merge is how a platform extends the national table with its own rows,
// typically the villages (村级) that the default lacks:
//
//	own, err := healthedu.LoadRegistryCSV(f) // e.g. the villages of one county
//	…
//	reg := healthedu.DefaultRegistry().Merge(own)
func (r *Registry) Merge(other *Registry) *Registry {
	a, b := r.table.Codes, other.table.Codes
	var t divisiondata.Builder
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || i < len(a) && a[i] < b[j]:
			t.Add(a[i], r.table.Name(i))
			i++
		default:
			if i < len(a) && a[i] == b[j] {
				i++
			}
			t.Add(b[j], other.table.Name(j))
			j++
		}
	}
	return newDivisionRegistry(t.Table())
}

// LoadRegistryCSV reads a division table (区划代码表) from CSV: a header
// line whose first two columns are code and name, then one division per
// line. Further columns are ignored, so the national files in data/divisions
// load as they are; a UTF-8 byte order mark, as spreadsheet programs write
// it, is skipped. Codes may take any form that [ParseDivisionCode] accepts,
// village codes of 12 digits included; each code may appear once (a 4-digit
// and a 6-digit code that pad to the same 12 digits are the same code).
// Names must not be empty.
//
// The error names the line at fault; where a code fails to parse it wraps
// the *[ParseError].
func LoadRegistryCSV(r io.Reader) (*Registry, error) {
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err == io.EOF {
		return nil, errors.New("healthedu.LoadRegistryCSV: empty input; want a header line code,name")
	}
	if err != nil {
		return nil, fmt.Errorf("healthedu.LoadRegistryCSV: %w", err)
	}
	if len(header) < 2 || strings.TrimPrefix(header[0], "\uFEFF") != "code" || header[1] != "name" {
		return nil, fmt.Errorf("healthedu.LoadRegistryCSV: line 1: header %q does not start with code,name", header)
	}

	type row struct {
		code DivisionCode
		name string
		line int
	}
	var rows []row
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("healthedu.LoadRegistryCSV: %w", err)
		}
		line, _ := cr.FieldPos(0)
		code, err := ParseDivisionCode(rec[0])
		if err != nil {
			return nil, fmt.Errorf("healthedu.LoadRegistryCSV: line %d: %w", line, err)
		}
		if rec[1] == "" {
			return nil, fmt.Errorf("healthedu.LoadRegistryCSV: line %d: empty name for %s", line, code.Short())
		}
		rows = append(rows, row{code, rec[1], line})
	}

	// Sorted stably, a repeated code follows its first line.
	slices.SortStableFunc(rows, func(a, b row) int { return a.code.Compare(b.code) })
	var t divisiondata.Builder
	for k, cur := range rows {
		if k > 0 && cur.code == rows[k-1].code {
			return nil, fmt.Errorf("healthedu.LoadRegistryCSV: line %d: code %s already on line %d", cur.line, cur.code.Short(), rows[k-1].line)
		}
		t.Add(cur.code.n, cur.name)
	}
	return newDivisionRegistry(t.Table()), nil
}

// divisionTableGz is the national table in the compact form of package
// divisiondata, built by internal/divisiongen from data/divisions.
//
//go:embed divisions.gen.gz
var divisionTableGz []byte

// DefaultRegistry returns the national table of statistical division codes
// (统计用区划代码表), 2023 edition (as of 2023-06-30, published by the National
// Bureau of Statistics on 2023-09-11): the 31 provinces, their cities,
// counties and townships — 44,699 divisions — but no villages (see
// [Registry.Merge]).
//
// The table is embedded in the program in compact form and decoded on the
// first call, which takes a few milliseconds; every call returns the same
// Registry.
func DefaultRegistry() *Registry { return divisionDefault() }

var divisionDefault = sync.OnceValue(func() *Registry {
	r, err := divisionDecodeDefault()
	if err != nil {
		panic("healthedu: corrupt embedded division table: " + err.Error())
	}
	return r
})

func divisionDecodeDefault() (*Registry, error) {
	t, err := divisiondata.Decode(divisionTableGz)
	if err != nil {
		return nil, err
	}
	return newDivisionRegistry(t), nil
}

// divisionEthnicGroups are the names of China's 56 ethnic groups (民族), in
// the order of GB/T 3304.
var divisionEthnicGroups = [...]string{
	"汉族", "蒙古族", "回族", "藏族", "维吾尔族", "苗族", "彝族", "壮族", "布依族", "朝鲜族",
	"满族", "侗族", "瑶族", "白族", "土家族", "哈尼族", "哈萨克族", "傣族", "黎族", "傈僳族",
	"佤族", "畲族", "高山族", "拉祜族", "水族", "东乡族", "纳西族", "景颇族", "柯尔克孜族", "土族",
	"达斡尔族", "仫佬族", "羌族", "布朗族", "撒拉族", "毛南族", "仡佬族", "锡伯族", "阿昌族", "普米族",
	"塔吉克族", "怒族", "乌孜别克族", "俄罗斯族", "鄂温克族", "德昂族", "保安族", "裕固族", "京族", "塔塔尔族",
	"独龙族", "鄂伦春族", "赫哲族", "门巴族", "珞巴族", "基诺族",
}

// divisionShortName returns the name in common use of an autonomous
// prefecture, county or banner (自治州、自治县、自治旗): the place name before
// the ethnic groups, followed by 州, 县 or 旗 — 黔西南布依族苗族自治州 →
// 黔西南州, 伊犁哈萨克自治州 → 伊犁州, 隆林各族自治县 → 隆林县. Where the
// place is named after its group, the group's name serves: 东乡族自治县 →
// 东乡县. For any other name it returns "".
func divisionShortName(name string) string {
	for _, kind := range [...]struct{ suffix, unit string }{{"自治州", "州"}, {"自治县", "县"}, {"自治旗", "旗"}} {
		stem, ok := strings.CutSuffix(name, kind.suffix)
		if !ok {
			continue
		}
		// Drop the groups from the end, one by one: 黔西南布依族苗族 →
		// 黔西南布依族 → 黔西南.
		var first string
		for n := divisionGroupSuffix(stem); n > 0; n = divisionGroupSuffix(stem) {
			first = stem[len(stem)-n:]
			stem = stem[:len(stem)-n]
		}
		if first == "" {
			return ""
		}
		if stem == "" {
			stem = strings.TrimSuffix(first, "族")
		}
		return stem + kind.unit
	}
	return ""
}

// divisionGroupSuffix returns the length of the ethnic-group word that s ends
// with, or 0. The words are the names of the 56 groups ("苗族"), those of two
// or more characters also without 族 as official names write them ("蒙古" in
// 巴音郭楞蒙古自治州), and 各族 ("all groups", 龙胜各族自治县).
func divisionGroupSuffix(s string) int {
	if strings.HasSuffix(s, "各族") {
		return len("各族")
	}
	for _, g := range divisionEthnicGroups {
		if strings.HasSuffix(s, g) {
			return len(g)
		}
		if bare := strings.TrimSuffix(g, "族"); utf8.RuneCountInString(bare) >= 2 && strings.HasSuffix(s, bare) {
			return len(bare)
		}
	}
	return 0
}
