package reports

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/jiceng/jiceng/compliance"
	"github.com/jiceng/jiceng/healthedu"
)

// complianceResults checks, as of 1 July 2025, a township health centre
// with a board too small, a board named by no record, an unnamed
// printed material and two types; a village clinic with nothing but a
// lecture; and a hospital, which is not judged.
func complianceResults(t *testing.T, norms *compliance.Norms) ([]compliance.Institution, compliance.Options) {
	t.Helper()
	cst := healthedu.ChinaStandardTime
	org := func(code, name string, typ healthedu.OrganizerType) healthedu.Organizer {
		cc, err := healthedu.ParseCreditCode(code)
		if err != nil {
			t.Fatal(err)
		}
		return healthedu.Organizer{CreditCode: cc, Name: name, Type: typ}
	}
	centre := org("12371502MB2854366G", "聊城市东昌府区堂邑镇卫生院", "township-health-center")
	clinic := org("52371502MJ3916022H", "东昌府区堂邑镇前王村卫生室", "village-clinic")
	hospital := org("12371502MB2850000R", "聊城市东昌府区人民医院", "hospital")
	var acts []*healthedu.Activity
	add := func(o healthedu.Organizer, form healthedu.ActivityForm, m time.Month, d int, edit func(*healthedu.Activity)) {
		start := time.Date(2025, m, d, 9, 0, 0, 0, cst)
		a := &healthedu.Activity{Organizer: o, Form: form, Start: start, End: start.Add(time.Hour)}
		if edit != nil {
			edit(a)
		}
		acts = append(acts, a)
	}
	add(centre, healthedu.FormLecture, time.January, 10, nil)
	add(centre, healthedu.FormBulletinBoard, time.February, 1, func(a *healthedu.Activity) {
		a.Board = &healthedu.Board{ID: "B1", AreaDm2: 150}
	})
	add(centre, healthedu.FormBulletinBoard, time.April, 1, nil)
	add(centre, healthedu.FormPrintedMaterials, time.March, 3, nil)
	add(centre, healthedu.FormConsultation, time.January, 3, func(a *healthedu.Activity) {
		a.Organizer.Type = "community-health-center"
	})
	add(clinic, healthedu.FormLecture, time.June, 10, nil)
	add(hospital, healthedu.FormLecture, time.June, 10, nil)
	opts := compliance.Options{
		Year:  healthedu.YearPeriod(2025),
		Now:   time.Date(2025, 7, 1, 1, 0, 0, 0, time.UTC),
		Norms: norms,
	}
	results, err := compliance.Check(slices.Values(acts), opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != 2 {
		t.Fatalf("%d results, want the centre and the clinic", len(results))
	}
	return results, opts
}

// members returns the members of the JSON object data, in order, and
// their values.
func members(t *testing.T, data []byte) ([]string, map[string]json.RawMessage) {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		t.Fatalf("not an object: %s", data)
	}
	var keys []string
	values := make(map[string]json.RawMessage)
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		key := tok.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			t.Fatal(err)
		}
		keys = append(keys, key)
		values[key] = v
	}
	return keys, values
}

// TestComplianceInstitutionIsLibraryJSON checks that a result in the
// document has the members of the library's Institution, in its order and
// with the same values, but that each issue has its message too; then
// the members the document adds.
func TestComplianceInstitutionIsLibraryJSON(t *testing.T) {
	results, _ := complianceResults(t, nil)
	for _, lang := range []string{"zh-Hans", "zh-Hant", "en"} {
		tag, err := healthedu.ParseLanguage(lang)
		if err != nil {
			t.Fatal(err)
		}
		for i := range results {
			in := &results[i]
			lib, err := json.Marshal(in)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := json.Marshal(NewComplianceInstitution(in, tag))
			if err != nil {
				t.Fatal(err)
			}
			libKeys, libMembers := members(t, lib)
			docKeys, docMembers := members(t, doc)
			want := append(slices.Clone(libKeys), "typeName", "className", "shortfalls", "compliant")
			if diff := cmp.Diff(want, docKeys); diff != "" {
				t.Errorf("%s %s: members (-want +got):\n%s", lang, in.CreditCode, diff)
			}
			for _, k := range libKeys {
				if k != "issues" && !bytes.Equal(libMembers[k], docMembers[k]) {
					t.Errorf("%s %s: %s is %s, the library writes %s", lang, in.CreditCode, k, docMembers[k], libMembers[k])
				}
			}
			// Each issue: the library's members, then its message.
			var libIssues []map[string]any
			var docIssues []map[string]any
			if err := json.Unmarshal(libMembers["issues"], &libIssues); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(docMembers["issues"], &docIssues); err != nil {
				t.Fatal(err)
			}
			var wantIssues []map[string]any
			for j, is := range libIssues {
				is["message"] = in.Issues[j].Message(tag)
				wantIssues = append(wantIssues, is)
			}
			if diff := cmp.Diff(wantIssues, docIssues); diff != "" {
				t.Errorf("%s %s: issues (-want +got):\n%s", lang, in.CreditCode, diff)
			}
			for _, is := range docIssues {
				msg, _ := is["message"].(string)
				han := strings.ContainsFunc(msg, func(r rune) bool { return r >= 0x4E00 && r <= 0x9FFF })
				if msg == "" || han != (lang != "en") {
					t.Errorf("%s %s: message %q of %v", lang, in.CreditCode, msg, is["code"])
				}
			}
		}
	}
}

func TestNewCompliance(t *testing.T) {
	results, opts := complianceResults(t, nil)
	reg := healthedu.DefaultRegistry()
	under := NewDivision(healthedu.MustParseDivisionCode("371502"), reg)
	doc := NewCompliance(results, opts, &under, healthedu.English)
	data, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Period       string
		AsOf         string
		Under        map[string]any
		Norms        map[string]any
		Summary      map[string]int
		Institutions []struct {
			CreditCode string
			TypeName   string
			ClassName  string
			Shortfalls int
			Compliant  bool
			Issues     []struct{ Code, Path, Message string }
		}
	}
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatalf("%v in %s", err, data)
	}
	keys, values := members(t, data)
	normsKeys, _ := members(t, values["norms"])
	checks := []struct {
		name      string
		got, want any
	}{
		{"members, in order", keys, []string{"period", "asOf", "under", "norms", "summary", "institutions"}},
		{"the norms' members, in order", normsKeys, []string{"source", "default", "classes", "norms"}},
		{"period", got.Period, "2025"},
		{"asOf, in China Standard Time", got.AsOf, "2025-07-01T09:00:00+08:00"},
		{"under", got.Under, map[string]any{"code": "371502000000", "name": "东昌府区", "level": "county"}},
		{"norms", got.Norms["default"], true},
		{"source", got.Norms["source"].(map[string]any)["title"], "国家基本公共卫生服务规范（第三版）"},
		{"the table's classes", got.Norms["classes"], asJSON(t, compliance.DefaultNorms().File().Classes)},
		{"the table's norms", got.Norms["norms"], asJSON(t, compliance.DefaultNorms().File().Norms)},
		{"summary", got.Summary, map[string]int{"institutions": 2, "compliant": 0, "notCompliant": 2}},
		{"order", []string{got.Institutions[0].CreditCode, got.Institutions[1].CreditCode}, []string{"12371502MB2854366G", "52371502MJ3916022H"}},
		{"names", []string{got.Institutions[0].TypeName, got.Institutions[1].ClassName}, []string{"township health centre", "village clinic or community health service station"}},
		{"verdict", got.Institutions[0].Compliant || got.Institutions[1].Compliant, false},
	}
	for _, c := range checks {
		if diff := cmp.Diff(c.want, c.got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", c.name, diff)
		}
	}
	for i, in := range got.Institutions {
		shortfalls := 0
		for _, m := range results[i].Measures {
			if !m.Met {
				shortfalls++
			}
		}
		if in.Shortfalls != shortfalls || shortfalls == 0 {
			t.Errorf("%s: shortfalls %d, want %d", in.CreditCode, in.Shortfalls, shortfalls)
		}
	}
	var codes []string
	for _, is := range got.Institutions[0].Issues {
		codes = append(codes, is.Code+" "+is.Path)
	}
	for _, want := range []string{"compliance.typeConflict /type", "compliance.unnamedMaterial /measures/0", "compliance.boardArea /boards/1", "compliance.unnamedBoard /boards/0"} {
		if !slices.Contains(codes, want) {
			t.Errorf("issues %q lack %q", codes, want)
		}
	}

	// Nothing to list: [] not null; no under, no asOf; a table of one's
	// own, with neither classes nor norms.
	own, err := compliance.NewNorms(compliance.NormsFile{Source: compliance.Source{Title: "某省基本公共卫生服务健康教育考核细则", Year: 2024}})
	if err != nil {
		t.Fatal(err)
	}
	empty := NewCompliance(nil, compliance.Options{Year: healthedu.YearPeriod(2024), Norms: own}, nil, healthedu.ZhHans)
	data, err = json.Marshal(empty)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"period":"2024","norms":{"source":{"title":"某省基本公共卫生服务健康教育考核细则","year":2024},"default":false,"classes":[],"norms":[]},"summary":{"institutions":0,"compliant":0,"notCompliant":0},"institutions":[]}`
	if diff := cmp.Diff(want, string(data)); diff != "" {
		t.Errorf("empty report (-want +got):\n%s", diff)
	}
}

// TestComplianceInstitutionMasks checks that a citizen ID number in the
// free text of a result, a name or a board's identifier, is masked.
func TestComplianceInstitutionMasks(t *testing.T) {
	const id = "371599198001010076" // synthetic: 371599 is no county
	if _, err := healthedu.ParseCitizenID(id); err != nil {
		t.Fatal(err)
	}
	in := compliance.Institution{
		Name:   "卫生室" + id,
		Type:   "village-clinic",
		Class:  compliance.ClassStation,
		Boards: []compliance.BoardResult{{ID: "栏" + id}},
	}
	got := NewComplianceInstitution(&in, healthedu.ZhHans)
	data, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), id) || !strings.Contains(got.Name, "3715**********0076") || !strings.Contains(got.Boards[0].ID, "3715**********0076") {
		t.Errorf("not masked: %s", data)
	}
	if in.Boards[0].ID != "栏"+id {
		t.Errorf("the library's result was modified: %q", in.Boards[0].ID)
	}
	if got.Measures == nil || got.Issues == nil || !got.Compliant {
		t.Errorf("empty lists or verdict: %+v", got)
	}
}

// TestComplianceNormsMasks checks that a citizen ID number in the free
// text of a norms table of one's own, its source or a note, is masked,
// and that the table itself is left as it was.
func TestComplianceNormsMasks(t *testing.T) {
	const id = "371599198001010076" // synthetic: 371599 is no county
	f := compliance.DefaultNorms().File()
	f.Source.Title += id
	f.Source.Issuer = "经办人" + id
	f.Source.Section = "第" + id + "节"
	f.Norms[0].Note = "核实人" + id
	norms, err := compliance.NewNorms(f)
	if err != nil {
		t.Fatal(err)
	}
	doc := NewCompliance(nil, compliance.Options{Year: healthedu.YearPeriod(2025), Norms: norms}, nil, healthedu.ZhHans)
	data, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), id) || strings.Count(string(data), "3715**********0076") != 4 {
		t.Errorf("not masked: %s", data)
	}
	if got := norms.File(); got.Norms[0].Note != "核实人"+id || got.Source.Issuer != "经办人"+id {
		t.Errorf("the table was modified: %+v", got.Source)
	}
}

// asJSON returns v as encoding/json decodes its JSON into an any.
func asJSON(t *testing.T, v any) any {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	return out
}
