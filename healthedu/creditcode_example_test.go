package healthedu_test

import (
	"fmt"

	"github.com/jiceng/jiceng/healthedu"
)

func ExampleParseCreditCode() {
	c, err := healthedu.ParseCreditCode("91350100m000100y43")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c)
	fmt.Printf("authority %c, category %c, area %s, organisation code %s\n",
		c.Authority(), c.Category(), c.AreaCode(), c.OrganizationCode())

	_, err = healthedu.ParseCreditCode("91370000163059024X")
	fmt.Println(err)
	_, err = healthedu.ParseCreditCode("91350100I000100Y43")
	fmt.Println(err)
	// Output:
	// 91350100M000100Y43
	// authority 9, category 1, area 350100, organisation code M000100Y4
	// healthedu.ParseCreditCode("91370000163059024X"): check character is 'X', want '5' (at offset 17)
	// healthedu.ParseCreditCode("91350100I000100Y43"): letter 'I' is not used in credit codes (at offset 8)
}
