package healthedu

import (
	"bytes"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/jiceng/jiceng/healthedu/internal/divisiondata"
)

// divisionDataDir is the national table, relative to this package.
const divisionDataDir = "../data/divisions"

// divisionCmp lets cmp compare DivisionCodes, whose field is unexported, with ==.
var divisionCmp = cmpopts.EquateComparable(DivisionCode{})

func TestEmbeddedDivisionTableIsCurrent(t *testing.T) {
	src, err := divisiondata.ReadSource(os.DirFS(divisionDataDir))
	if err != nil {
		t.Fatal(err)
	}
	b, err := divisiondata.Encode(src)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, divisionTableGz) {
		t.Errorf("divisions.gen.gz (%d bytes) differs from the encoding of %s (%d bytes); run go generate ./healthedu",
			len(divisionTableGz), divisionDataDir, len(b))
	}
}

func TestDefaultRegistryHoldsEveryRow(t *testing.T) {
	reg := DefaultRegistry()
	codes := make(map[DivisionCode]bool)
	for _, file := range divisiondata.SourceFiles {
		f, err := os.Open(filepath.Join(divisionDataDir, file))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range rows[1:] {
			c, err := ParseDivisionCode(row[0])
			if err != nil {
				t.Errorf("%s: %v", file, err)
				continue
			}
			if got := reg.Name(c); got != row[1] {
				t.Errorf("%s: Name(%s) = %q; want %q", file, row[0], got, row[1])
			}
			codes[c] = true
		}
	}
	// 44,703 rows, of which four repeat a code: 东莞市 4419/441900, 中山市
	// 4420/442000, 儋州市 4604/460400 and 金门县 350527/350527000.
	if got, want := reg.Len(), len(codes); got != want || got != 44_699 {
		t.Errorf("Len() = %d; want %d distinct codes (44,699)", got, want)
	}
	var prev DivisionCode
	for d := range reg.All() {
		if !d.Code.IsValid() || d.Code.Compare(prev) <= 0 || !codes[d.Code] {
			t.Errorf("All() yields %v after %v", d.Code, prev)
		}
		prev = d.Code
	}
}

func TestDefaultRegistryLookup(t *testing.T) {
	reg := DefaultRegistry()
	tests := []struct {
		code string
		want Division
		ok   bool
	}{
		{"37", Division{Name: "山东省", ShortName: "山东省"}, true},
		{"3715", Division{Name: "聊城市", ShortName: "聊城市"}, true},
		{"371502", Division{Name: "东昌府区", ShortName: "东昌府区"}, true},
		{"371502001", Division{Name: "古楼街道", ShortName: "古楼街道"}, true},
		{"150207", Division{Name: "九原区", ShortName: "九原区"}, true},
		{"5223", Division{Name: "黔西南布依族苗族自治州", ShortName: "黔西南州"}, true},
		{"4228", Division{Name: "恩施土家族苗族自治州", ShortName: "恩施州"}, true},
		{"420528", Division{Name: "长阳土家族自治县", ShortName: "长阳县"}, true},
		{"4419", Division{Name: "东莞市", ShortName: "东莞市"}, true},
		{"441900", Division{Name: "东莞市", ShortName: "东莞市"}, true}, // the same code
		{"441900003", Division{Name: "东城街道", ShortName: "东城街道"}, true},
		{"350527", Division{Name: "金门县", ShortName: "金门县"}, true},
		{"371599", Division{}, false},
		{"371502499", Division{}, false},
		{"371502001001", Division{}, false}, // villages are not in the default
		{"71", Division{}, false},
	}
	for _, tt := range tests {
		c := MustParseDivisionCode(tt.code)
		got, ok := reg.Lookup(c)
		if tt.ok {
			tt.want.Code = c
		}
		if diff := cmp.Diff(tt.want, got, divisionCmp); diff != "" || ok != tt.ok {
			t.Errorf("Lookup(%s) = _, %v (-want +got):\n%s", tt.code, ok, diff)
		}
		if reg.Contains(c) != tt.ok || reg.Name(c) != tt.want.Name {
			t.Errorf("Contains(%s) = %v, Name(%[1]s) = %[3]q", tt.code, reg.Contains(c), reg.Name(c))
		}
	}
	if _, ok := reg.Lookup(DivisionCode{}); ok {
		t.Error("Lookup(zero) succeeds")
	}
}

func TestRegistryChildren(t *testing.T) {
	reg := DefaultRegistry()
	shorts := func(codes []DivisionCode) []string {
		var s []string
		for _, c := range codes {
			s = append(s, c.Short())
		}
		return s
	}
	tests := []struct {
		code string
		want []string
	}{
		{"37", []string{"3701", "3702", "3703", "3704", "3705", "3706", "3707", "3708", "3709", "3710", "3711", "3713", "3714", "3715", "3716", "3717"}},
		{"3715", []string{"371502", "371503", "371521", "371522", "371524", "371525", "371526", "371581"}},
		{"150207", []string{"150207001", "150207002", "150207003", "150207004", "150207103", "150207105", "150207110", "150207202"}},
		{"371502001", nil}, // a township: its villages are not in the default
		{"371599", nil},    // no such county
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, shorts(reg.Children(MustParseDivisionCode(tt.code)))); diff != "" {
			t.Errorf("Children(%s) (-want +got):\n%s", tt.code, diff)
		}
	}
	// 中山市 has no counties: its townships are its children.
	zs := reg.Children(MustParseDivisionCode("4420"))
	if len(zs) != 23 || zs[0].Short() != "442000001" {
		t.Errorf("Children(4420) = %v; want the 23 townships of 中山市", shorts(zs))
	}
	if got := reg.Children(DivisionCode{}); got != nil {
		t.Errorf("Children(zero) = %v", got)
	}
	// Every division is among the children of its parent.
	for d := range reg.All() {
		if p, ok := d.Code.Parent(); ok && !slices.Contains(reg.Children(p), d.Code) {
			t.Fatalf("%v (%s) is not among the children of %v", d.Code, d.Name, p)
		}
	}
}

func TestRegistryByName(t *testing.T) {
	reg := DefaultRegistry()
	tests := []struct {
		name string
		want []string
	}{
		{"黔西南州", []string{"5223"}},
		{"黔西南布依族苗族自治州", []string{"5223"}},
		{"聊城市", []string{"3715"}},
		{"东昌府区", []string{"371502"}},
		{"古楼街道", []string{"371502001", "420704002"}}, // 聊城 and 鄂州
		{"恩施州", []string{"4228"}},
		{"长阳县", []string{"420528"}},
		{"东莞市", []string{"4419"}},
		{"市辖区", []string{"1101", "1201", "3101", "5001"}}, // the districts of the 4 municipalities
		{"聊城", nil},
		{"", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, d := range reg.ByName(tt.name) {
			got = append(got, d.Code.Short())
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("ByName(%q) (-want +got):\n%s", tt.name, diff)
		}
	}
	// A name that repeats comes back in code order.
	byCode := func(a, b Division) int { return a.Code.Compare(b.Code) }
	if same := reg.ByName("城关镇"); len(same) != 88 || !slices.IsSortedFunc(same, byCode) {
		t.Errorf("ByName(城关镇) = %d divisions, sorted %v; want 88, sorted", len(same), slices.IsSortedFunc(same, byCode))
	}
	var zero Registry
	if got := zero.ByName("聊城市"); got != nil {
		t.Errorf("zero Registry ByName = %v", got)
	}
}

func TestDivisionShortName(t *testing.T) {
	tests := []struct{ name, want string }{
		{"黔西南布依族苗族自治州", "黔西南州"},
		{"恩施土家族苗族自治州", "恩施州"},
		{"长阳土家族自治县", "长阳县"},
		{"海西蒙古族藏族自治州", "海西州"},
		{"双江拉祜族佤族布朗族傣族自治县", "双江县"},
		{"积石山保安族东乡族撒拉族自治县", "积石山县"},
		{"三都水族自治县", "三都县"},
		{"互助土族自治县", "互助县"},
		{"大理白族自治州", "大理州"},
		// Group names written without 族.
		{"伊犁哈萨克自治州", "伊犁州"},
		{"巴音郭楞蒙古自治州", "巴音郭楞州"},
		{"克孜勒苏柯尔克孜自治州", "克孜勒苏州"},
		{"察布查尔锡伯自治县", "察布查尔县"},
		{"塔什库尔干塔吉克自治县", "塔什库尔干县"},
		// 各族, "all groups".
		{"隆林各族自治县", "隆林县"},
		// Named after the group.
		{"东乡族自治县", "东乡县"},
		{"鄂伦春自治旗", "鄂伦春旗"},
		{"鄂温克族自治旗", "鄂温克旗"},
		{"莫力达瓦达斡尔族自治旗", "莫力达瓦旗"},
		// Not an autonomous prefecture, county or banner.
		{"广西壮族自治区", ""},
		{"三江水族乡", ""},
		{"东昌府区", ""},
		{"自治县", ""},
	}
	for _, tt := range tests {
		if got := divisionShortName(tt.name); got != tt.want {
			t.Errorf("divisionShortName(%q) = %q; want %q", tt.name, got, tt.want)
		}
	}
}

func TestDivisionShortNamesOfDefault(t *testing.T) {
	n := 0
	for d := range DefaultRegistry().All() {
		unit, auto := strings.CutPrefix(d.Name[max(0, len(d.Name)-len("自治州")):], "自治")
		if !auto || strings.HasSuffix(d.Name, "自治区") {
			if d.ShortName != d.Name {
				t.Errorf("%s: ShortName %q", d.Name, d.ShortName)
			}
			continue
		}
		n++
		if !strings.HasSuffix(d.ShortName, unit) || len(d.ShortName) >= len(d.Name) || strings.Contains(d.ShortName, "族") {
			t.Errorf("%s: ShortName %q", d.Name, d.ShortName)
		}
	}
	if n != 150 {
		t.Errorf("%d autonomous prefectures, counties and banners; want 150", n)
	}
	seen := make(map[string]bool)
	for _, g := range divisionEthnicGroups {
		if !strings.HasSuffix(g, "族") || seen[g] {
			t.Errorf("ethnic group %q", g)
		}
		seen[g] = true
	}
	if len(seen) != 56 {
		t.Errorf("%d ethnic groups; want 56", len(seen))
	}
}

func TestLoadRegistryCSV(t *testing.T) {
	const table = "\uFEFFcode,name,note\n" +
		"371502001,古楼街道,\n" +
		"371502001001,\"运河社区居委会\",\n" +
		"３７１５０２００１２０１,小里村委会,full-width\n" +
		"371502001002,柳园社区居委会,\n" +
		"441900003201,\"东城村, 东莞\",quoted comma\n"
	reg, err := LoadRegistryCSV(strings.NewReader(table))
	if err != nil {
		t.Fatal(err)
	}
	var got []Division
	for d := range reg.All() {
		got = append(got, d)
	}
	div := func(code, name string) Division {
		return Division{MustParseDivisionCode(code), name, name}
	}
	want := []Division{
		div("371502001", "古楼街道"),
		div("371502001001", "运河社区居委会"),
		div("371502001002", "柳园社区居委会"),
		div("371502001201", "小里村委会"),
		div("441900003201", "东城村, 东莞"),
	}
	if diff := cmp.Diff(want, got, divisionCmp); diff != "" {
		t.Errorf("All() (-want +got):\n%s", diff)
	}
	if got := reg.Children(MustParseDivisionCode("371502001")); len(got) != 3 {
		t.Errorf("Children(371502001) = %v; want the 3 villages", got)
	}
	// The village of 东城街道 has its parent in the default registry.
	if got := reg.Children(MustParseDivisionCode("441900003")); len(got) != 1 {
		t.Errorf("Children(441900003) = %v; want 1 village", got)
	}
}

func TestLoadRegistryCSVErrors(t *testing.T) {
	tests := []struct {
		in       string
		want     string
		parseErr string // the Code of the wrapped *ParseError, if any
	}{
		{"", "healthedu.LoadRegistryCSV: empty input; want a header line code,name", ""},
		{"name,code\n3715,聊城市\n", `healthedu.LoadRegistryCSV: line 1: header ["name" "code"] does not start with code,name`, ""},
		{"code\n3715\n", `healthedu.LoadRegistryCSV: line 1: header ["code"] does not start with code,name`, ""},
		{"code,name\n3715,聊城市\n37x5,东昌府区\n", `healthedu.LoadRegistryCSV: line 3: healthedu.ParseDivisionCode("37x5"): unexpected character 'x' (at offset 2)`, "division.syntax"},
		{"code,name\n371,聊城市\n", `healthedu.LoadRegistryCSV: line 2: healthedu.ParseDivisionCode("371"): 3 digits; want 2, 4, 6, 9 or 12`, "division.length"},
		{"code,name\n370002,x\n", `healthedu.LoadRegistryCSV: line 2: healthedu.ParseDivisionCode("370002"): county 02 under city 00 (at offset 4)`, "division.structure"},
		{"code,name\n3715,聊城市\n371502,\n", "healthedu.LoadRegistryCSV: line 3: empty name for 371502", ""},
		{"code,name\n3715,聊城市\n371502\n", "healthedu.LoadRegistryCSV: record on line 3: wrong number of fields", ""},
		{"code,name\n3715,\"聊城市\n", `healthedu.LoadRegistryCSV: parse error on line 2, column 17: extraneous or missing " in quoted-field`, ""},
		{"code,name\n371500,聊城市\n371502,东昌府区\n3715,聊城\n", "healthedu.LoadRegistryCSV: line 4: code 3715 already on line 2", ""},
	}
	for _, tt := range tests {
		reg, err := LoadRegistryCSV(strings.NewReader(tt.in))
		if err == nil {
			t.Errorf("LoadRegistryCSV(%q) = %d divisions, no error", tt.in, reg.Len())
			continue
		}
		if err.Error() != tt.want {
			t.Errorf("LoadRegistryCSV(%q) error:\n got %s\nwant %s", tt.in, err, tt.want)
		}
		var pe *ParseError
		if got := errors.As(err, &pe); got != (tt.parseErr != "") || got && pe.Code != tt.parseErr {
			t.Errorf("LoadRegistryCSV(%q) error %v wraps ParseError %v; want %q", tt.in, err, got, tt.parseErr)
		}
	}
}

func TestRegistryMerge(t *testing.T) {
	def := DefaultRegistry()
	own, err := LoadRegistryCSV(strings.NewReader("code,name\n" +
		"371502001001,运河社区居委会\n" +
		"371502001201,小里村委会\n" +
		"371502001,古楼街道办事处\n" + // renames the default's row
		"370000000000,山东省\n"))
	if err != nil {
		t.Fatal(err)
	}
	merged := def.Merge(own)
	if got, want := merged.Len(), def.Len()+2; got != want {
		t.Errorf("Merge: Len() = %d; want %d", got, want)
	}
	tests := []struct{ code, name string }{
		{"371502001001", "运河社区居委会"},
		{"371502001", "古楼街道办事处"},
		{"371502", "东昌府区"},
		{"37", "山东省"},
		{"5223", "黔西南布依族苗族自治州"},
	}
	for _, tt := range tests {
		if got := merged.Name(MustParseDivisionCode(tt.code)); got != tt.name {
			t.Errorf("merged Name(%s) = %q; want %q", tt.code, got, tt.name)
		}
	}
	if got := merged.ByName("黔西南州"); len(got) != 1 {
		t.Errorf("merged ByName(黔西南州) = %v", got)
	}
	if got := merged.Children(MustParseDivisionCode("371502001")); len(got) != 2 {
		t.Errorf("merged Children(371502001) = %v; want 2 villages", got)
	}
	// Neither input changed.
	if def.Len() != 44_699 || def.Name(MustParseDivisionCode("371502001")) != "古楼街道" || own.Len() != 4 {
		t.Error("Merge changed its inputs")
	}
	var empty Registry
	if got := empty.Merge(&empty); got.Len() != 0 {
		t.Errorf("empty Merge: Len() = %d", got.Len())
	}
}

func TestRegistryConcurrentUse(t *testing.T) {
	reg, err := LoadRegistryCSV(strings.NewReader("code,name\n5223,黔西南布依族苗族自治州\n"))
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if got := reg.ByName("黔西南州"); len(got) != 1 {
				t.Errorf("ByName = %v", got)
			}
			if !DefaultRegistry().Contains(MustParseDivisionCode("3715")) {
				t.Error("DefaultRegistry lacks 3715")
			}
		})
	}
	wg.Wait()
}

func TestRegistryLookupAllocs(t *testing.T) {
	reg := DefaultRegistry()
	c := MustParseDivisionCode("371502001")
	if n := testing.AllocsPerRun(100, func() { reg.Lookup(c) }); n != 0 {
		t.Errorf("Lookup allocates %v times; want 0", n)
	}
}

func BenchmarkRegistryLookup(b *testing.B) {
	reg := DefaultRegistry()
	c := MustParseDivisionCode("371502001")
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := reg.Lookup(c); !ok {
			b.Fatal("not found")
		}
	}
}

func BenchmarkRegistryByName(b *testing.B) {
	reg := DefaultRegistry()
	reg.ByName("") // build the index
	b.ReportAllocs()
	for b.Loop() {
		if len(reg.ByName("黔西南州")) != 1 {
			b.Fatal("not found")
		}
	}
}

func BenchmarkDefaultRegistryLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := divisionDecodeDefault(); err != nil {
			b.Fatal(err)
		}
	}
}
