package healthedu_test

import (
	"fmt"

	"github.com/jiceng/jiceng/healthedu"
)

func ExampleParseMobile() {
	for _, s := range []string{"13800138000", "+86 138-0013-8000", "＋８６１３８００１３８０００"} {
		m, err := healthedu.ParseMobile(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(m, m.E164(), m.Masked())
	}
	_, err := healthedu.ParseMobile("12800138000")
	fmt.Println(err)
	// Output:
	// 13800138000 +8613800138000 138****8000
	// 13800138000 +8613800138000 138****8000
	// 13800138000 +8613800138000 138****8000
	// healthedu.ParseMobile("128****8000"): mainland mobile numbers begin with 13 to 19 (at offset 0)
}
