package roster_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/roster"
)

// An instructor's binding code is signed with the current key and
// verified, without a database, by a verifier that holds the current key
// and the one it replaced.
func ExampleSigner_Sign() {
	old := roster.Key{ID: "2024", Secret: bytes.Repeat([]byte{0x24}, 32)}
	cur := roster.Key{ID: "2025a", Secret: bytes.Repeat([]byte{0x25}, 32)}
	signer, _ := roster.NewSigner("https://platform.example/b", cur)
	verifier, _ := roster.NewVerifier("https://platform.example/b", cur, old)

	code, _ := signer.Sign("QXN-HI-0412")
	fmt.Println(code)
	id, err := verifier.Verify(code)
	fmt.Println(id, err)

	_, err = verifier.Verify(strings.Replace(code, "0412", "0413", 1))
	fmt.Println(err.(*roster.CodeError).Issue("/code").Message(healthedu.ZhHans))
	// Output:
	// https://platform.example/b?i=QXN-HI-0412&k=2025a&s=AGfgTPZetZ2GoJTh0-BHRw
	// QXN-HI-0412 <nil>
	// 绑定码签名校验失败，二维码可能被伪造或篡改
}

// A resident scans an instructor's QR code; the platform verifies the code
// and makes the binding, which names the instructor as registered.
func ExampleBindingFromCode() {
	key := roster.Key{ID: "2025a", Secret: bytes.Repeat([]byte{0x25}, 32)}
	signer, _ := roster.NewSigner("https://platform.example/b", key)
	verifier, _ := roster.NewVerifier("https://platform.example/b", key)
	reg := roster.NewRegister([]healthedu.Record{&roster.Instructor{
		Header: healthedu.Header{SchemaVersion: "1", Kind: roster.KindInstructor, ID: "QXN-HI-0412"},
		Name:   "李梅", Level: roster.LevelTownship, Division: healthedu.MustParseDivisionCode("522301001"),
		Roles: []healthedu.InstructorRole{healthedu.RoleHealthInstructor},
	}})

	code, _ := signer.Sign("QXN-HI-0412") // GET /v1/instructors/QXN-HI-0412/binding-code
	id, _ := healthedu.ParseCitizenID("522301198501010120")
	b, issues := roster.BindingFromCode(roster.BindingRequest{ // POST /v1/bindings
		ID: "BD-522301-000318366", Code: code,
		Division: healthedu.MustParseDivisionCode("522301001001"),
		Resident: healthedu.BoundResident{CitizenID: id},
		BoundAt:  time.Date(2025, 10, 12, 15, 20, 0, 0, healthedu.ChinaStandardTime),
	}, verifier, reg.Instructor)
	fmt.Println(b.Instructor.ID, b.Instructor.Name, b.Instructor.Role, b.Instructor.Division, b.Via, issues)
	// Output:
	// QXN-HI-0412 李梅 health-instructor 522301001000 binding-code []
}

// An instructor's citizen ID number is checked, then replaced by its keyed
// pseudonym before the record is stored.
func ExampleInstructor_Pseudonymise() {
	dec := healthedu.NewDecoder(strings.NewReader(`{"schemaVersion":"1","kind":"instructor","id":"QXN-FHI-0086",
		"name":"杨帆","level":"village","division":"522301001001","institution":{"name":"某村卫生室"},
		"roles":["family-health-instructor"],"citizenId":"522301198501010120"}`),
		healthedu.DecodeOptions{Kinds: roster.Kinds()})
	dec.Next()
	in := dec.Decoded().Record.(*roster.Instructor)
	fmt.Println(len((&healthedu.Validator{}).Validate(in)), "issues")

	_ = in.Pseudonymise(bytes.Repeat([]byte{7}, roster.MinKeyLen))
	b, _ := json.Marshal(in)
	fmt.Println(string(b))
	// Output:
	// 0 issues
	// {"schemaVersion":"1","kind":"instructor","id":"QXN-FHI-0086","name":"杨帆","level":"village","division":"522301001001","institution":{"name":"某村卫生室"},"roles":["family-health-instructor"],"pseudonym":"42187706fd99d2c3bded3aa467a78768b8f117e7a399530386f7ae0d91808ab7"}
}

// The register's figures for a month, as data values for the indicators.
func ExampleRegister_DataValues() {
	reg := roster.NewRegister([]healthedu.Record{
		&roster.Instructor{Header: healthedu.Header{ID: "QXN-HI-0412"}, Level: roster.LevelTownship,
			Division: healthedu.MustParseDivisionCode("522301001"), Roles: []healthedu.InstructorRole{healthedu.RoleHealthInstructor}},
		&roster.Expert{Header: healthedu.Header{ID: "LC-EX-0896"}, Division: healthedu.MustParseDivisionCode("3715"),
			Specialties: []healthedu.Topic{"hypertension"}},
	})
	bindings := []healthedu.Record{&healthedu.Binding{Header: healthedu.Header{ID: "BD-1"},
		Instructor: healthedu.Instructor{ID: "QXN-HI-0412"}, BoundAt: time.Date(2025, 10, 12, 15, 20, 0, 0, healthedu.ChinaStandardTime)}}
	values, _ := reg.DataValues(bindings, roster.FigureOptions{Period: healthedu.MustParsePeriod("202510")})
	for _, v := range values {
		fmt.Println(v)
	}
	// Output:
	// roster-instructors 522301001000 202510 1
	// roster-instructors[level=township] 522301001000 202510 1
	// roster-instructors[role=health-instructor] 522301001000 202510 1
	// roster-residents-bound 522301001000 202510 1
	// roster-residents-bound[level=township] 522301001000 202510 1
	// roster-experts 371500000000 202510 1
	// roster-experts[specialty=hypertension] 371500000000 202510 1
	// roster-expert-lectures 371500000000 202510 0
}
