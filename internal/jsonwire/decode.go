package jsonwire

import (
	"bytes"
	"encoding"
	"encoding/json"
	"math"
	"reflect"
	"regexp"
	"regexp/syntax"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"
)

// This file decodes one value into its Go type, strictly. The rules come
// from the struct tags, read the way github.com/invopop/jsonschema reads
// them to write the schemas, so that the decoder and a JSON Schema
// validator judge alike:
//
//   - `json:"name"` names a member; a member is required unless the tag
//     has omitempty or omitzero (or the jsonschema tag says required);
//     embedded structs without a name are inlined, as encoding/json does.
//   - `jsonschema:"…"` adds minLength, maxLength, pattern and enum for
//     strings; minimum and maximum for numbers; minItems, maxItems and
//     uniqueItems for arrays, whose other keywords apply to their items.
//
// Each Go type is compiled once into a codec, cached; decoding then
// walks the JSON with the codec, without encoding/json.

// op is what a codec does with a JSON value.
type op uint8

const (
	opString  op = iota + 1 // a string kind
	opBool                  // a bool
	opInt                   // a signed integer kind
	opUint                  // an unsigned integer kind
	opFloat                 // float32 or float64
	opStruct                // a struct, from an object
	opPointer               // a pointer, to what elem decodes
	opSlice                 // a slice, from an array
	opMap                   // a map with string keys, from an object
	opTime                  // time.Time, from an RFC 3339 string
	opJSON                  // a json.Unmarshaler, from a number
	opText                  // an encoding.TextUnmarshaler, from a string
)

// Codec decodes JSON values into one Go type (编解码规则), with the rules of one
// struct field's tags.
type Codec struct {
	op       op
	typ      reflect.Type
	expected string // JSON type, the "expected" of json.type
	elem     *Codec // for pointers, slices and maps
	fields   *Fields

	// Strings (and the text of TextUnmarshalers).
	minLength, maxLength int // -1 when not set
	pattern              *pattern
	enum                 []string

	// Numbers: the tag's bounds within the Go type's.
	min, max   int64
	umax       uint64
	fmin, fmax float64

	// Arrays.
	minItems, maxItems int // -1 when not set
	unique             bool
}

// Fields is the members of a struct type (成员表), embedded structs
// inlined, each with the rules of its tags.
type Fields struct {
	list []field
}

// field is one member of a struct's JSON object.
type field struct {
	name     string
	quoted   []byte // the name as a JSON string, nil when it needs escapes
	token    []byte // "/name", escaped: the name's JSON Pointer token
	index    []int  // for reflect.Value.Field, through embedded structs
	codec    *Codec
	required bool
}

// find returns the index of the member named key, or -1. Members usually
// come in the order of the struct, so the search starts at hint, the one
// after the last found.
func (fs *Fields) find(key []byte, hint int) int {
	for i := hint; i < len(fs.list); i++ {
		if fs.list[i].name == string(key) {
			return i
		}
	}
	for i := 0; i < hint && i < len(fs.list); i++ {
		if fs.list[i].name == string(key) {
			return i
		}
	}
	return -1
}

var (
	timeType            = reflect.TypeFor[time.Time]()
	jsonUnmarshalerType = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// cache maps a struct type to its *Fields, complete.
var (
	cache     sync.Map
	compileMu sync.Mutex
)

// FieldsOf returns the compiled members of the struct type t.
//
// A pattern in a tag that does not compile is a programming error, like
// a bad regexp.MustCompile, and panics.
func FieldsOf(t reflect.Type) *Fields {
	if fs, ok := cache.Load(t); ok {
		return fs.(*Fields)
	}
	compileMu.Lock()
	defer compileMu.Unlock()
	if fs, ok := cache.Load(t); ok {
		return fs.(*Fields)
	}
	c := compiler{structs: make(map[reflect.Type]*Fields)}
	fs := c.structFields(t)
	// Publish only complete codecs: recursive types refer to fields that
	// were still being filled while they were compiled.
	for t, fs := range c.structs {
		cache.Store(t, fs)
	}
	return fs
}

// compiler compiles the codecs of one type and those it refers to.
type compiler struct {
	structs map[reflect.Type]*Fields
}

// codec returns the codec of t with the rules of tags, the parts of a
// field's jsonschema tag; nil when t cannot be decoded from JSON (channels,
// functions, interfaces, maps with other than string keys), and the field
// is then left out.
func (c *compiler) codec(t reflect.Type, tags []string) *Codec {
	cd := &Codec{typ: t, minLength: -1, maxLength: -1, minItems: -1, maxItems: -1}
	pt := reflect.PointerTo(t)
	switch {
	case t == timeType:
		cd.op, cd.expected = opTime, "string"
		return cd
	case t.Kind() != reflect.Pointer && pt.Implements(textUnmarshalerType):
		cd.op, cd.expected = opText, "string"
		cd.stringRules(tags)
		return cd
	case t.Kind() != reflect.Pointer && pt.Implements(jsonUnmarshalerType):
		cd.op, cd.expected = opJSON, "number"
		return cd
	}
	switch t.Kind() {
	case reflect.String:
		cd.op, cd.expected = opString, "string"
		cd.stringRules(tags)
	case reflect.Bool:
		cd.op, cd.expected = opBool, "boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		cd.op, cd.expected = opInt, "integer"
		bits := t.Bits()
		cd.min, cd.max = -1<<(bits-1), 1<<(bits-1)-1
		cd.intRules(tags)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		cd.op, cd.expected = opUint, "integer"
		cd.umax = 1<<t.Bits() - 1
		cd.intRules(tags)
	case reflect.Float32, reflect.Float64:
		cd.op, cd.expected = opFloat, "number"
		cd.fmin, cd.fmax = -math.MaxFloat64, math.MaxFloat64
		if t.Kind() == reflect.Float32 {
			cd.fmin, cd.fmax = -math.MaxFloat32, math.MaxFloat32
		}
		cd.floatRules(tags)
	case reflect.Struct:
		cd.op, cd.expected = opStruct, "object"
		cd.fields = c.structFields(t)
	case reflect.Pointer:
		elem := c.codec(t.Elem(), tags)
		if elem == nil {
			return nil
		}
		cd.op, cd.expected, cd.elem = opPointer, elem.expected, elem
	case reflect.Slice:
		var rest []string
		for _, tag := range tags {
			name, val, _ := strings.Cut(tag, "=")
			switch name {
			case "minItems":
				cd.minItems = tagInt(val, -1)
			case "maxItems":
				cd.maxItems = tagInt(val, -1)
			case "uniqueItems":
				cd.unique = true // as invopop/jsonschema reads it
			default:
				rest = append(rest, tag)
			}
		}
		elem := c.codec(t.Elem(), rest)
		if elem == nil {
			return nil
		}
		cd.op, cd.expected, cd.elem = opSlice, "array", elem
	case reflect.Map:
		if t.Key().Kind() != reflect.String {
			return nil
		}
		elem := c.codec(t.Elem(), nil)
		if elem == nil {
			return nil
		}
		cd.op, cd.expected, cd.elem = opMap, "object", elem
	default:
		return nil
	}
	return cd
}

// stringRules reads minLength, maxLength, pattern and enum.
func (cd *Codec) stringRules(tags []string) {
	for _, tag := range tags {
		name, val, ok := strings.Cut(tag, "=")
		if !ok {
			continue
		}
		switch name {
		case "minLength":
			cd.minLength = tagInt(val, -1)
		case "maxLength":
			cd.maxLength = tagInt(val, -1)
		case "pattern":
			cd.pattern = compilePattern(val)
		case "enum":
			cd.enum = append(cd.enum, val)
		}
	}
}

// intRules narrows the integer bounds by minimum and maximum.
func (cd *Codec) intRules(tags []string) {
	for _, tag := range tags {
		name, val, ok := strings.Cut(tag, "=")
		if !ok || name != "minimum" && name != "maximum" {
			continue
		}
		f, err := strconv.ParseFloat(val, 64)
		if err != nil {
			continue
		}
		if name == "minimum" {
			f = math.Ceil(f)
			if cd.op == opInt && f > float64(cd.min) {
				cd.min = clampInt(f)
			} else if cd.op == opUint && f > 0 {
				cd.min = clampInt(f)
			}
			continue
		}
		f = math.Floor(f)
		if cd.op == opInt && f < float64(cd.max) {
			cd.max = clampInt(f)
		} else if cd.op == opUint && f < float64(cd.umax) {
			cd.umax = uint64(max(f, 0))
		}
	}
}

func clampInt(f float64) int64 {
	switch {
	case f <= math.MinInt64:
		return math.MinInt64
	case f >= math.MaxInt64:
		return math.MaxInt64
	}
	return int64(f)
}

// floatRules narrows the bounds of a float by minimum and maximum.
func (cd *Codec) floatRules(tags []string) {
	for _, tag := range tags {
		name, val, ok := strings.Cut(tag, "=")
		if !ok {
			continue
		}
		f, err := strconv.ParseFloat(val, 64)
		if err != nil {
			continue
		}
		switch name {
		case "minimum":
			cd.fmin = max(cd.fmin, f)
		case "maximum":
			cd.fmax = min(cd.fmax, f)
		}
	}
}

// tagInt parses a non-negative count from a tag, or returns def.
func tagInt(s string, def int) int {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return def
	}
	return n
}

// splitTag splits a jsonschema tag at commas not escaped by '\', as
// invopop/jsonschema does, so that a pattern may hold a comma.
func splitTag(tag string) []string {
	if tag == "" {
		return nil
	}
	var out []string
	for part := range strings.SplitSeq(tag, ",") {
		if n := len(out); n > 0 && strings.HasSuffix(out[n-1], `\`) {
			out[n-1] = out[n-1][:len(out[n-1])-1] + "," + part
			continue
		}
		out = append(out, part)
	}
	return out
}

// quoted returns name as a JSON string when it needs no escapes,
// or nil.
func quoted(name string) []byte {
	for i := 0; i < len(name); i++ {
		if !stringPlain[name[i]] && name[i] < utf8.RuneSelf {
			return nil
		}
	}
	return append(append([]byte{'"'}, name...), '"')
}

// fieldCandidate is a member found while walking a struct and its
// embedded structs.
type fieldCandidate struct {
	field
	depth  int
	tagged bool
}

// structFields compiles the members of the struct type t, inlining
// embedded structs as encoding/json does: of members with the same name
// the shallowest wins, then the one with a json tag; a tie drops them all.
func (c *compiler) structFields(t reflect.Type) *Fields {
	if fs, ok := c.structs[t]; ok {
		return fs
	}
	if fs, ok := cache.Load(t); ok {
		return fs.(*Fields)
	}
	fs := new(Fields)
	c.structs[t] = fs

	var found []fieldCandidate
	type level struct {
		typ   reflect.Type
		index []int
	}
	current := []level{{typ: t}}
	visited := map[reflect.Type]bool{}
	for depth := 0; len(current) > 0; depth++ {
		var next []level
		for _, lv := range current {
			if visited[lv.typ] {
				continue
			}
			visited[lv.typ] = true
			for i := range lv.typ.NumField() {
				sf := lv.typ.Field(i)
				jsonTag := sf.Tag.Get("json")
				if jsonTag == "-" {
					continue
				}
				schemaTags := splitTag(sf.Tag.Get("jsonschema"))
				if len(schemaTags) > 0 && schemaTags[0] == "-" {
					continue
				}
				name, opts, _ := strings.Cut(jsonTag, ",")
				index := append(append([]int(nil), lv.index...), i)
				if sf.Anonymous && name == "" {
					ft := sf.Type
					ptr := ft.Kind() == reflect.Pointer
					if ptr {
						ft = ft.Elem()
					}
					if ft.Kind() == reflect.Struct {
						// An embedded pointer to an unexported struct type
						// cannot be allocated through reflection.
						if !(ptr && !sf.IsExported()) {
							next = append(next, level{typ: ft, index: index})
						}
						continue
					}
				}
				if !sf.IsExported() {
					continue
				}
				tagged := name != ""
				if !tagged {
					name = sf.Name
				}
				cd := c.codec(sf.Type, schemaTags)
				if cd == nil {
					continue
				}
				required := true
				for opt := range strings.SplitSeq(opts, ",") {
					if opt == "omitempty" || opt == "omitzero" {
						required = false
					}
				}
				for _, st := range schemaTags {
					if st == "required" {
						required = true
					}
				}
				found = append(found, fieldCandidate{
					field: field{
						name:     name,
						quoted:   quoted(name),
						token:    AppendToken(nil, name),
						index:    index,
						codec:    cd,
						required: required,
					},
					depth:  depth,
					tagged: tagged,
				})
			}
		}
		current = next
	}

	// Resolve names given more than once, keeping the order of the struct.
	byName := make(map[string][]int)
	for i, f := range found {
		byName[f.name] = append(byName[f.name], i)
	}
	for i, f := range found {
		rivals := byName[f.name]
		if len(rivals) == 1 {
			fs.list = append(fs.list, f.field)
			continue
		}
		best, tie := -1, false
		for _, j := range rivals {
			switch {
			case best < 0:
				best = j
			case found[j].depth < found[best].depth,
				found[j].depth == found[best].depth && found[j].tagged && !found[best].tagged:
				best, tie = j, false
			case found[j].depth == found[best].depth && found[j].tagged == found[best].tagged:
				tie = true
			}
		}
		if best == i && !tie {
			fs.list = append(fs.list, f.field)
		}
	}
	// Members in the order of the struct, embedded ones in place, as they
	// usually come in the JSON.
	slices.SortFunc(fs.list, func(a, b field) int { return slices.Compare(a.index, b.index) })
	return fs
}

// pendingString is a string member decoded but not yet set: its
// text is arena[start:end].
type pendingString struct {
	v          reflect.Value
	p          *string // instead of v, for the decoders written by hand
	start, end int
}

// setStrings sets the strings of the value, all from one allocation.
func (st *Reader) setStrings() {
	if len(st.pending) == 0 {
		return
	}
	all := string(st.arena)
	for _, p := range st.pending {
		if p.p != nil {
			*p.p = all[p.start:p.end]
		} else {
			p.v.SetString(all[p.start:p.end])
		}
	}
}

// decodeValue decodes the value at data[pos] into v with c.
func (st *Reader) decodeValue(c *Codec, v reflect.Value) {
	if st.full() {
		// Only the value's syntax still matters.
		st.skipValue()
		return
	}
	b := st.peek()
	if st.fatal {
		return
	}
	if b == 'n' { // null is never a value of a member
		pos := st.pos
		if st.scanLiteral("null") {
			st.Report("json.type", pos, map[string]any{"expected": c.expected, "actual": "null"})
		}
		return
	}
	switch c.op {
	case opString:
		if b != '"' {
			st.wrongType(c, b)
			return
		}
		st.decodeString(c, v)
	case opText:
		if b != '"' {
			st.wrongType(c, b)
			return
		}
		st.decodeText(c, v)
	case opTime:
		if b != '"' {
			st.wrongType(c, b)
			return
		}
		st.decodeTime(v)
	case opBool:
		switch b {
		case 't':
			if st.scanLiteral("true") {
				v.SetBool(true)
			}
		case 'f':
			if st.scanLiteral("false") {
				v.SetBool(false)
			}
		default:
			st.wrongType(c, b)
		}
	case opInt, opUint, opFloat, opJSON:
		if b != '-' && (b < '0' || b > '9') {
			st.wrongType(c, b)
			return
		}
		st.decodeNumber(c, v)
	case opStruct:
		if b != '{' {
			st.wrongType(c, b)
			return
		}
		st.decodeObject(c.fields, v)
	case opPointer:
		if v.IsNil() {
			v.Set(reflect.New(c.elem.typ))
		}
		st.decodeValue(c.elem, v.Elem())
	case opSlice:
		if b != '[' {
			st.wrongType(c, b)
			return
		}
		st.decodeSlice(c, v)
	case opMap:
		if b != '{' {
			st.wrongType(c, b)
			return
		}
		st.decodeMap(c, v)
	}
}

// wrongType reports json.type for the value at data[pos], which starts
// with b, and skips it.
func (st *Reader) wrongType(c *Codec, b byte) {
	pos, n := st.pos, len(st.faults)
	st.skipValue()
	if st.fatal {
		return // a value that cannot be read has no type
	}
	st.Report("json.type", pos, map[string]any{"expected": c.expected, "actual": TypeName(b)})
	// Before what was found inside the value.
	last := st.faults[len(st.faults)-1]
	copy(st.faults[n+1:], st.faults[n:len(st.faults)-1])
	st.faults[n] = last
}

// decodeObject decodes the object at data[pos] into the struct v.
func (st *Reader) decodeObject(fs *Fields, v reflect.Value) {
	if !st.enter() {
		return
	}
	open := st.pos
	st.pos++
	var seenBuf [4]uint64
	seen := seenBuf[:]
	if n := (len(fs.list) + 63) / 64; n > len(seen) {
		seen = make([]uint64, n)
	}
	var unknown keySet
	hint := 0
	if st.peek() == '}' {
		st.pos++
	} else {
		for !st.fatal {
			if st.peek() != '"' {
				st.syntaxError(st.pos)
				return
			}
			keyPos := st.pos
			// Members usually come in the struct's order: try the next
			// one's name as is before reading the key.
			i, bad := -1, false
			var key []byte
			if hint < len(fs.list) && fs.list[hint].quoted != nil && bytes.HasPrefix(st.data[st.pos:], fs.list[hint].quoted) {
				i = hint
				st.pos += len(fs.list[hint].quoted)
			} else {
				start, end, escaped, badUTF8, ok := st.scanString()
				if !ok {
					return
				}
				key, bad = st.stringBytes(start, end, escaped), badUTF8
				if !bad {
					i = fs.find(key, hint)
				}
			}
			if st.peek() != ':' {
				st.syntaxError(st.pos)
				return
			}
			st.pos++
			n := len(st.path)
			if i < 0 {
				name := KeyString(key)
				st.path = AppendToken(st.path, name)
				switch {
				case bad:
					st.Report("json.encoding", keyPos, nil)
				case unknown.add(name):
					st.Report("json.duplicateKey", keyPos, map[string]any{"field": name})
				default:
					st.Report("json.unknownField", keyPos, map[string]any{"field": name})
				}
				st.skipValue()
			} else {
				f := &fs.list[i]
				hint = i + 1
				st.path = append(st.path, f.token...)
				if seen[i/64]&(1<<(i%64)) != 0 {
					st.Report("json.duplicateKey", keyPos, map[string]any{"field": f.name})
					st.skipValue()
				} else {
					seen[i/64] |= 1 << (i % 64)
					st.decodeValue(f.codec, decodeFieldValue(v, f.index))
				}
			}
			st.path = st.path[:n]
			if st.fatal {
				return
			}
			switch st.peek() {
			case ',':
				st.pos++
				continue
			case '}':
				st.pos++
			default:
				st.syntaxError(st.pos)
				return
			}
			break
		}
	}
	if st.fatal {
		return
	}
	st.depth--
	for i := range fs.list {
		if f := &fs.list[i]; f.required && seen[i/64]&(1<<(i%64)) == 0 {
			st.ReportAt(f.name, "json.required", open, map[string]any{"field": f.name})
		}
	}
}

// decodeFieldValue returns the field of the struct v at index, allocating
// embedded structs held by pointer.
func decodeFieldValue(v reflect.Value, index []int) reflect.Value {
	if len(index) == 1 {
		return v.Field(index[0])
	}
	for k, i := range index {
		if k > 0 && v.Kind() == reflect.Pointer {
			if v.IsNil() {
				v.Set(reflect.New(v.Type().Elem()))
			}
			v = v.Elem()
		}
		v = v.Field(i)
	}
	return v
}

// decodeMap decodes the object at data[pos] into the map v.
func (st *Reader) decodeMap(c *Codec, v reflect.Value) {
	if !st.enter() {
		return
	}
	st.pos++
	if v.IsNil() {
		v.Set(reflect.MakeMap(c.typ))
	}
	if st.peek() == '}' {
		st.pos++
		st.depth--
		return
	}
	var keys keySet
	st.immedStr++ // map values are copies: their strings must be set now
	defer func() { st.immedStr-- }()
	for !st.fatal {
		keyPos, name, ok := st.readKey()
		if !ok {
			return
		}
		n := len(st.path)
		st.path = AppendToken(st.path, name)
		if keys.add(name) {
			st.Report("json.duplicateKey", keyPos, map[string]any{"field": name})
			st.skipValue()
		} else {
			elem := reflect.New(c.elem.typ).Elem()
			st.decodeValue(c.elem, elem)
			v.SetMapIndex(reflect.ValueOf(name).Convert(c.typ.Key()), elem)
		}
		st.path = st.path[:n]
		switch st.peek() {
		case ',':
			st.pos++
		case '}':
			st.pos++
			st.depth--
			return
		default:
			st.syntaxError(st.pos)
		}
	}
}

// decodeSlice decodes the array at data[pos] into the slice v.
func (st *Reader) decodeSlice(c *Codec, v reflect.Value) {
	if !st.enter() {
		return
	}
	open := st.pos
	// Count the elements first, to allocate the slice once. Beyond
	// maxItems the value is rejected anyway: allocate no more.
	n := countElements(st.data[open:])
	if c.maxItems >= 0 {
		n = min(n, c.maxItems+1)
	}
	// Grow v in place: reflect.MakeSlice would allocate a slice header
	// besides the array.
	v.SetLen(0)
	v.Grow(n)
	v.SetLen(n)
	st.pos++
	var spans []int // element bounds, for uniqueItems
	count := 0
	if st.peek() == ']' {
		st.pos++
	} else {
		for !st.fatal {
			if count == v.Len() {
				v.Grow(1)
				v.SetLen(count + 1)
			}
			p := st.pushIndex(count)
			st.skipSpace()
			start := st.pos
			st.decodeValue(c.elem, v.Index(count))
			if c.unique {
				spans = append(spans, start, st.pos)
			}
			st.path = st.path[:p]
			count++
			if st.fatal {
				return
			}
			switch st.peek() {
			case ',':
				st.pos++
				continue
			case ']':
				st.pos++
			default:
				st.syntaxError(st.pos)
				return
			}
			break
		}
	}
	if st.fatal {
		return
	}
	st.depth--
	v.SetLen(count)
	if count == 0 && v.IsNil() {
		v.Set(reflect.MakeSlice(c.typ, 0, 0)) // [] is an empty slice, not nil
	}
	if c.minItems >= 0 && count < c.minItems || c.maxItems >= 0 && count > c.maxItems {
		st.Report("json.items", open, map[string]any{
			"min":   c.minItems,
			"max":   upperBound(c.maxItems),
			"count": count,
		})
	}
	if c.unique {
		st.checkUnique(spans)
	}
}

// upperBound returns a maxLength or maxItems for a param: the
// largest int when the tag sets none.
func upperBound(n int) int {
	if n < 0 {
		return math.MaxInt
	}
	return n
}

// countElements counts the elements of the array that b starts with,
// loosely (a malformed array gets a count that decoding corrects).
func countElements(b []byte) int {
	depth, n := 0, 0
	empty := true
	for i := 0; i < len(b); i++ {
		switch c := b[i]; c {
		case '"':
			empty = false
			for i++; i < len(b) && b[i] != '"'; i++ {
				if b[i] == '\\' {
					i++
				}
			}
		case '[', '{':
			if depth++; depth > 1 {
				empty = false
			}
		case ']', '}':
			if depth--; depth == 0 {
				if empty {
					return 0
				}
				return n + 1
			}
		case ',':
			if depth == 1 {
				n++
			}
		case ' ', '\t', '\r', '\n':
		default:
			empty = false
		}
	}
	return n + 1
}

// checkUnique reports json.unique for each element of an array equal, as
// a JSON value, to an earlier one. spans holds the elements' bounds.
func (st *Reader) checkUnique(spans []int) {
	n := len(spans) / 2
	elem := func(i int) []byte { return st.data[spans[2*i]:spans[2*i+1]] }
	report := func(i, first int) {
		p := st.pushIndex(first)
		dupOf := string(st.path)
		st.path = st.path[:p]
		p = st.pushIndex(i)
		st.Report("json.unique", spans[2*i], map[string]any{"duplicateOf": dupOf})
		st.path = st.path[:p]
	}
	if n <= 16 {
		for i := 1; i < n && !st.full(); i++ {
			for j := 0; j < i; j++ {
				if sameJSON(elem(j), elem(i)) {
					report(i, j)
					break
				}
			}
		}
		return
	}
	seen := make(map[string]int, n)
	for i := 0; i < n && !st.full(); i++ {
		k := jsonKey(elem(i))
		if j, dup := seen[k]; dup {
			report(i, j)
			continue
		}
		seen[k] = i
	}
}

// sameJSON reports whether two well-formed JSON values are equal:
// strings after escapes are resolved, numbers by value, anything else
// byte for byte.
func sameJSON(a, b []byte) bool {
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	if a[0] == '"' && b[0] == '"' && bytes.IndexByte(a, '\\') < 0 && bytes.IndexByte(b, '\\') < 0 {
		return bytes.Equal(a, b)
	}
	return jsonKey(a) == jsonKey(b)
}

// jsonKey returns a form of a well-formed JSON value that is the same
// for equal values of the kinds sameJSON compares.
func jsonKey(v []byte) string {
	switch c := v[0]; {
	case c == '"':
		return "s" + string(unescape(nil, v[1:len(v)-1]))
	case c == '-' || '0' <= c && c <= '9':
		return "n" + splitNumber(v).canonical()
	}
	return "r" + string(v)
}

// decodeString decodes the string at data[pos] into v, a string kind.
func (st *Reader) decodeString(c *Codec, v reflect.Value) {
	pos := st.pos
	start, end, escaped, bad, ok := st.scanString()
	if !ok {
		return
	}
	if bad {
		st.Report("json.encoding", pos, nil)
		return
	}
	if st.immedStr > 0 {
		s := st.stringBytes(start, end, escaped)
		st.checkString(c, s, pos)
		v.SetString(string(s))
		return
	}
	a := len(st.arena)
	if escaped {
		st.arena = unescape(st.arena, st.data[start:end])
	} else {
		st.arena = append(st.arena, st.data[start:end]...)
	}
	st.checkString(c, st.arena[a:], pos)
	st.pending = append(st.pending, pendingString{v: v, start: a, end: len(st.arena)})
}

// checkString checks s against the string rules of c and reports whether
// it passes.
func (st *Reader) checkString(c *Codec, s []byte, pos int) bool {
	ok := true
	// A string of n bytes has from n/4 to n characters: count them only
	// when that leaves the bounds in doubt.
	if c.minLength >= 0 && (len(s)+3)/4 < c.minLength || c.maxLength >= 0 && len(s) > c.maxLength {
		// The code points of valid UTF-8: the bytes that start one.
		n := 0
		for _, b := range s {
			if b&0xC0 != 0x80 {
				n++
			}
		}
		if n < c.minLength || c.maxLength >= 0 && n > c.maxLength {
			st.Report("json.length", pos, map[string]any{
				"min":    max(c.minLength, 0),
				"max":    upperBound(c.maxLength),
				"length": n,
			})
			ok = false
		}
	}
	if c.pattern != nil && !c.pattern.match(s) {
		st.Report("json.pattern", pos, map[string]any{"value": Mask(s), "pattern": c.pattern.String()})
		ok = false
	}
	if len(c.enum) > 0 {
		found := false
		for _, e := range c.enum {
			if e == string(s) {
				found = true
				break
			}
		}
		if !found {
			st.Report("json.enum", pos, map[string]any{"value": Mask(s), "allowed": c.enum})
			ok = false
		}
	}
	return ok
}

// decodeText decodes the string at data[pos] with v's UnmarshalText.
func (st *Reader) decodeText(c *Codec, v reflect.Value) {
	pos := st.pos
	start, end, escaped, bad, ok := st.scanString()
	if !ok {
		return
	}
	if bad {
		st.Report("json.encoding", pos, nil)
		return
	}
	s := st.stringBytes(start, end, escaped)
	if !st.checkString(c, s, pos) {
		return
	}
	if len(s) == 0 && st.Hooks != nil && st.Hooks.EmptyText != nil {
		if err := st.Hooks.EmptyText(v); err != nil {
			st.valueError(err, pos)
			return
		}
	}
	if err := v.Addr().Interface().(encoding.TextUnmarshaler).UnmarshalText(s); err != nil {
		st.valueError(err, pos)
	}
}

// valueError reports the error of an UnmarshalText or UnmarshalJSON
// method as Hooks.ValueError says, else as json.format (its text is not
// passed on: it is English only and might hold personal data).
func (st *Reader) valueError(err error, pos int) {
	if st.Hooks != nil && st.Hooks.ValueError != nil {
		if code, params := st.Hooks.ValueError(err); code != "" {
			st.Report(code, pos, params)
			return
		}
	}
	st.Report("json.format", pos, nil)
}

// decodeTime decodes the RFC 3339 timestamp at data[pos] into the
// time.Time v.
func (st *Reader) decodeTime(v reflect.Value) {
	pos := st.pos
	start, end, escaped, bad, ok := st.scanString()
	if !ok {
		return
	}
	if bad {
		st.Report("json.encoding", pos, nil)
		return
	}
	s := st.stringBytes(start, end, escaped)
	t, ok := parseTime(s)
	if !ok {
		st.Report("json.dateTime", pos, map[string]any{"value": Mask(s)})
		return
	}
	if st.Hooks != nil && st.Hooks.Time != nil {
		if code, params := st.Hooks.Time(t); code != "" {
			st.Report(code, pos, params)
			return
		}
	}
	*v.Addr().Interface().(*time.Time) = t
}

// decodeNumber decodes the number at data[pos] into v.
func (st *Reader) decodeNumber(c *Codec, v reflect.Value) {
	pos := st.pos
	start, end, ok := st.scanNumber()
	if !ok {
		return
	}
	tok := st.data[start:end]
	switch c.op {
	case opInt:
		n, ok := parseInt(tok)
		if !ok || n < c.min || n > c.max {
			st.Report("json.range", pos, map[string]any{"min": c.min, "max": c.max, "value": json.Number(tok)})
			return
		}
		v.SetInt(n)
	case opUint:
		num := splitNumber(tok)
		u, ok := num.uint64()
		if !ok || num.neg && u != 0 || u < uint64(c.min) || u > c.umax {
			st.Report("json.range", pos, map[string]any{"min": uint64(c.min), "max": c.umax, "value": json.Number(tok)})
			return
		}
		v.SetUint(u)
	case opFloat:
		f, err := strconv.ParseFloat(string(tok), c.typ.Bits())
		if err != nil || f < c.fmin || f > c.fmax {
			st.Report("json.range", pos, map[string]any{"min": c.fmin, "max": c.fmax, "value": json.Number(tok)})
			return
		}
		v.SetFloat(f)
	case opJSON:
		if err := v.Addr().Interface().(json.Unmarshaler).UnmarshalJSON(tok); err != nil {
			st.valueError(err, pos)
		}
	}
}

// parseInt returns the integer value of a number token, and false
// when it is not an integer or does not fit in an int64. 1.0 and 1e3 are
// integers, as in JSON Schema.
func parseInt(tok []byte) (int64, bool) {
	neg := tok[0] == '-'
	digits := tok
	if neg {
		digits = tok[1:]
	}
	if len(digits) <= 18 {
		var n int64
		fast := true
		for _, c := range digits {
			if c < '0' || c > '9' {
				fast = false
				break
			}
			n = n*10 + int64(c-'0')
		}
		if fast {
			if neg {
				n = -n
			}
			return n, true
		}
	}
	num := splitNumber(tok)
	u, ok := num.uint64()
	switch {
	case !ok:
		return 0, false
	case num.neg && u <= 1<<63:
		return int64(-u), true // -1<<63 wraps to itself
	case !num.neg && u <= math.MaxInt64:
		return int64(u), true
	}
	return 0, false
}

// parseTime parses an RFC 3339 timestamp with its offset:
// 2025-10-17T09:30:00+08:00, 2025-10-17T01:30:00.5Z. It does not
// allocate: offsets other than UTC share cached zones.
func parseTime(b []byte) (time.Time, bool) {
	num := func(i, n int) int {
		v := 0
		for k := i; k < i+n; k++ {
			c := b[k]
			if c < '0' || c > '9' {
				return -1
			}
			v = v*10 + int(c-'0')
		}
		return v
	}
	if len(b) < len("2006-01-02T15:04:05Z") || b[4] != '-' || b[7] != '-' ||
		b[10] != 'T' && b[10] != 't' || b[13] != ':' || b[16] != ':' {
		return time.Time{}, false
	}
	year, month, day := num(0, 4), num(5, 2), num(8, 2)
	hour, minute, sec := num(11, 2), num(14, 2), num(17, 2)
	if year < 0 || month < 1 || month > 12 || day < 1 || day > daysIn(year, time.Month(month)) ||
		hour < 0 || hour > 23 || minute < 0 || minute > 59 || sec < 0 || sec > 59 {
		return time.Time{}, false
	}
	i := 19
	nsec := 0
	if b[i] == '.' {
		i++
		digits := 0
		for ; i < len(b) && '0' <= b[i] && b[i] <= '9'; i++ {
			if digits < 9 {
				nsec = nsec*10 + int(b[i]-'0')
			}
			digits++
		}
		if digits == 0 {
			return time.Time{}, false
		}
		for ; digits < 9; digits++ {
			nsec *= 10
		}
	}
	if i >= len(b) {
		return time.Time{}, false
	}
	loc := time.UTC
	switch b[i] {
	case 'Z', 'z':
		if i+1 != len(b) {
			return time.Time{}, false
		}
	case '+', '-':
		if i+6 != len(b) || b[i+3] != ':' {
			return time.Time{}, false
		}
		oh, om := num(i+1, 2), num(i+4, 2)
		if oh < 0 || oh > 23 || om < 0 || om > 59 {
			return time.Time{}, false
		}
		offset := oh*60 + om
		if b[i] == '-' {
			offset = -offset
		}
		loc = zone(offset)
	default:
		return time.Time{}, false
	}
	return time.Date(year, time.Month(month), day, hour, minute, sec, nsec, loc), true
}

// zones caches a fixed zone for each offset in minutes, from −23:59
// to +23:59, so that parsing a timestamp does not allocate one.
var zones [2*24*60 + 1]atomic.Pointer[time.Location]

// zone returns the fixed zone offset minutes east of UTC.
func zone(offset int) *time.Location {
	if offset == 0 {
		return time.UTC
	}
	p := &zones[offset+24*60]
	if loc := p.Load(); loc != nil {
		return loc
	}
	loc := time.FixedZone("", offset*60)
	p.Store(loc)
	return loc
}

// pattern is a compiled pattern keyword. Patterns of a common form,
// anchored sequences of ASCII character classes of which only the last
// may repeat (such as ^[0-9A-Za-z][0-9A-Za-z._:-]*$), are matched with
// byte sets rather than the regexp engine.
type pattern struct {
	re      *regexp.Regexp
	simple  bool
	fixed   []byteSet // one byte each
	tail    *byteSet  // repeated at the end, or nil
	tailMin int       // 0 for *, 1 for +
}

// byteSet is a set of ASCII bytes.
type byteSet [2]uint64

func (s *byteSet) has(c byte) bool { return c < 128 && s[c/64]&(1<<(c%64)) != 0 }

// compilePattern compiles a pattern keyword; it panics when the
// pattern is not a valid regular expression.
func compilePattern(expr string) *pattern {
	p := &pattern{re: regexp.MustCompile(expr)}
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return p
	}
	re = re.Simplify()
	if re.Op != syntax.OpConcat || len(re.Sub) < 3 ||
		re.Sub[0].Op != syntax.OpBeginText || re.Sub[len(re.Sub)-1].Op != syntax.OpEndText {
		return p
	}
	var mid []*syntax.Regexp
	var flatten func(subs []*syntax.Regexp)
	flatten = func(subs []*syntax.Regexp) {
		for _, sub := range subs {
			if sub.Op == syntax.OpConcat {
				flatten(sub.Sub)
			} else {
				mid = append(mid, sub)
			}
		}
	}
	flatten(re.Sub[1 : len(re.Sub)-1])
	for i, sub := range mid {
		last := i == len(mid)-1
		switch {
		case sub.Op == syntax.OpCharClass || sub.Op == syntax.OpLiteral:
			sets, ok := byteSets(sub)
			if !ok {
				return p
			}
			p.fixed = append(p.fixed, sets...)
		case last && (sub.Op == syntax.OpStar || sub.Op == syntax.OpPlus):
			sets, ok := byteSets(sub.Sub[0])
			if !ok || len(sets) != 1 {
				return p
			}
			p.tail = &sets[0]
			if sub.Op == syntax.OpPlus {
				p.tailMin = 1
			}
		default:
			return p
		}
	}
	p.simple = true
	return p
}

// byteSets returns the byte sets of a character class (one) or of a
// literal (one per character), when they are ASCII and case-sensitive.
func byteSets(re *syntax.Regexp) ([]byteSet, bool) {
	if re.Flags&syntax.FoldCase != 0 {
		return nil, false
	}
	switch re.Op {
	case syntax.OpCharClass:
		var s byteSet
		for i := 0; i+1 < len(re.Rune); i += 2 {
			lo, hi := re.Rune[i], re.Rune[i+1]
			if hi >= 128 {
				return nil, false
			}
			for c := lo; c <= hi; c++ {
				s[c/64] |= 1 << (c % 64)
			}
		}
		return []byteSet{s}, true
	case syntax.OpLiteral:
		sets := make([]byteSet, len(re.Rune))
		for i, c := range re.Rune {
			if c >= 128 {
				return nil, false
			}
			sets[i][c/64] |= 1 << (c % 64)
		}
		return sets, true
	}
	return nil, false
}

// match reports whether s matches the pattern.
func (p *pattern) match(s []byte) bool {
	if !p.simple {
		return p.re.Match(s)
	}
	if len(s) < len(p.fixed)+p.tailMin || p.tail == nil && len(s) != len(p.fixed) {
		return false
	}
	for i := range p.fixed {
		if !p.fixed[i].has(s[i]) {
			return false
		}
	}
	for _, c := range s[len(p.fixed):] {
		if !p.tail.has(c) {
			return false
		}
	}
	return true
}

// String returns the pattern as written.
func (p *pattern) String() string { return p.re.String() }

// daysIn returns the number of days of month m of year y.
func daysIn(y int, m time.Month) int {
	switch m {
	case time.April, time.June, time.September, time.November:
		return 30
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	}
	return 31
}
