package healthedu_test

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/jiceng/jiceng/healthedu"
)

func ExampleParseCitizenID() {
	// The example number of GB 11643-1999, not a real person's.
	id, err := healthedu.ParseCitizenID("11010519491231002X")
	if err != nil {
		fmt.Println(err)
		return
	}
	year, month, day := id.BirthDate()
	fmt.Println(id)
	fmt.Println(year, month, day, id.Sex(), id.AreaCode())

	// The legacy 15-digit form of the same number is the same CitizenID.
	legacy, _ := healthedu.ParseCitizenID("110105491231002")
	fmt.Println(legacy == id)

	// Errors show the input masked.
	_, err = healthedu.ParseCitizenID("110105194912310021")
	fmt.Println(err)
	_, err = healthedu.ParseCitizenID("110105194902310026")
	fmt.Println(err)
	// Output:
	// 1101**********002X
	// 1949 December 31 female 110105
	// true
	// healthedu.ParseCitizenID("1101**********0021"): check character '1' does not match the number (at offset 17)
	// healthedu.ParseCitizenID("1101**********0026"): birth day does not exist in its month (at offset 12)
}

func ExampleParseCitizenIDAsOf() {
	// A record dated 17 October 2025 cannot name someone born the next day.
	asOf := time.Date(2025, 10, 17, 9, 30, 0, 0, time.FixedZone("CST", 8*60*60))
	_, err := healthedu.ParseCitizenIDAsOf("371502202510180022", asOf)
	fmt.Println(err)
	// Output:
	// healthedu.ParseCitizenIDAsOf("3715**********0022"): birth date is after 2025-10-17 (at offset 6)
}

func ExampleCitizenID_Masked() {
	id, _ := healthedu.ParseCitizenID("11010519491231002X")

	// Every way of printing a CitizenID gives the masked form.
	fmt.Println(id.Masked())
	fmt.Printf("%v %s %q %d\n", id, id, id, id)
	type resident struct {
		ID   healthedu.CitizenID `json:"id"`
		Name string              `json:"name"`
	}
	r := resident{ID: id, Name: "张三"}
	fmt.Printf("%+v\n", r)
	b, _ := json.Marshal(r)
	fmt.Println(string(b))
	logger := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey {
				return slog.Attr{} // for a stable output
			}
			return a
		},
	}))
	logger.Info("visit", "resident", id)

	// Only Unmasked shows the number.
	fmt.Println(id.Unmasked())
	// Output:
	// 1101**********002X
	// 1101**********002X 1101**********002X "1101**********002X" 1101**********002X
	// {ID:1101**********002X Name:张三}
	// {"id":"1101**********002X","name":"张三"}
	// level=INFO msg=visit resident=1101**********002X
	// 11010519491231002X
}

func ExampleCitizenID_Pseudonym() {
	// In production the key is at least 32 random bytes, kept secret.
	key := []byte("example key, not for production!")

	id, _ := healthedu.ParseCitizenID("11010519491231002X")
	legacy, _ := healthedu.ParseCitizenID("110105491231002")
	p := id.Pseudonym(key)
	fmt.Println(p)
	fmt.Println(legacy.Pseudonym(key) == p)
	fmt.Println(id.Pseudonym([]byte("another key, another pseudonym!!")) == p)
	// Output:
	// e941106940cbd9b6507ee878067b7402934114a40da0db24dffcc882ae13fa85
	// true
	// false
}

// Synthetic data needs citizen ID numbers that a validator accepts and no
// real person holds: county 99 of 聊城 (371599) was never assigned.
func ExampleCitizenIDFrom() {
	birth, _ := healthedu.ParseDate("1980-01-01")
	for seq := 7; seq <= 8; seq++ {
		id, err := healthedu.CitizenIDFrom("371599", birth, seq)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(id, id.Sex())
	}
	// Output:
	// 3715**********0076 male
	// 3715**********0084 female
}
