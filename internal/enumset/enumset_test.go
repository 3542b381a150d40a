package enumset

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/language"
)

var testSet = New("Form", []Entry{
	{"lecture", "健康知识讲座", "健康知識講座", "health lecture"},
	{"free-clinic", "义诊", "義診", "free clinic"},
})

func TestSet(t *testing.T) {
	if testSet.Name() != "Form" {
		t.Errorf("Name() = %q", testSet.Name())
	}
	if diff := cmp.Diff([]string{"lecture", "free-clinic"}, testSet.Values()); diff != "" {
		t.Errorf("Values() (-want +got):\n%s", diff)
	}
	want := []Entry{
		{"lecture", "健康知识讲座", "健康知識講座", "health lecture"},
		{"free-clinic", "义诊", "義診", "free clinic"},
	}
	if diff := cmp.Diff(want, testSet.Entries()); diff != "" {
		t.Errorf("Entries() (-want +got):\n%s", diff)
	}
	// What Values and Entries return are copies: changing them changes
	// nothing.
	testSet.Values()[0] = "x"
	testSet.Entries()[0][0] = "x"
	if testSet.Values()[0] != "lecture" || testSet.Index("lecture") != 0 {
		t.Error("Values or Entries exposes the set")
	}
	for v, want := range map[string]int{"lecture": 0, "free-clinic": 1, "Lecture": -1, "": -1} {
		if got := testSet.Index(v); got != want {
			t.Errorf("Index(%q) = %d, want %d", v, got, want)
		}
	}
}

func TestSetParse(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want string
		ok   bool
	}{
		{"free-clinic", "free-clinic", true},
		{"lecture", "lecture", true},
		{"Lecture", "", false},
		{"lecture ", "", false},
		{"", "", false},
	} {
		if got, ok := testSet.Parse([]byte(tt.in)); got != tt.want || ok != tt.ok {
			t.Errorf("Parse(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
	b := []byte("free-clinic")
	if n := testing.AllocsPerRun(100, func() { testSet.Parse(b) }); n != 0 {
		t.Errorf("Parse allocates %v times", n)
	}
}

func TestSetLabel(t *testing.T) {
	for _, tt := range []struct {
		v, lang, want string
	}{
		{"free-clinic", "zh-Hans", "义诊"},
		{"free-clinic", "zh-Hant", "義診"},
		{"free-clinic", "en", "free clinic"},
		{"free-clinic", "zh-TW", "義診"},
		{"free-clinic", "zh-HK", "義診"},
		{"free-clinic", "zh-CN", "义诊"},
		{"free-clinic", "en-GB", "free clinic"},
		{"free-clinic", "fr", "义诊"},
		{"free-clinic", "und", "义诊"},
		{"nope", "en", "nope"},
	} {
		if got := testSet.Label(tt.v, language.MustParse(tt.lang)); got != tt.want {
			t.Errorf("Label(%q, %s) = %q, want %q", tt.v, tt.lang, got, tt.want)
		}
	}
}

func TestLanguageIndex(t *testing.T) {
	tag := language.MustParse
	for _, tt := range []struct {
		tags []language.Tag
		want int
		ok   bool
	}{
		{[]language.Tag{tag("zh-Hans")}, 0, true},
		{[]language.Tag{tag("zh-Hant")}, 1, true},
		{[]language.Tag{tag("en")}, 2, true},
		{[]language.Tag{tag("zh")}, 0, true},
		{[]language.Tag{tag("zh-TW")}, 1, true},
		{[]language.Tag{tag("zh-HK")}, 1, true},
		{[]language.Tag{tag("zh-MO")}, 1, true},
		{[]language.Tag{tag("en-US-u-rg-gbzzzz")}, 2, true},
		{[]language.Tag{tag("fr")}, 0, false},
		{[]language.Tag{tag("fr"), tag("en")}, 2, true},
		{[]language.Tag{tag("en"), tag("zh-TW")}, 2, true},
		{[]language.Tag{tag("und")}, 0, false},
		{nil, 0, false},
	} {
		if got, ok := LanguageIndex(tt.tags...); got != tt.want || ok != tt.ok {
			t.Errorf("LanguageIndex(%v) = %d, %v; want %d, %v", tt.tags, got, ok, tt.want, tt.ok)
		}
	}
}
