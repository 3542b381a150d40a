package healthedu_test

import (
	"fmt"
	"log"
	"strings"

	"github.com/jiceng/jiceng/healthedu"
)

func ExampleRegistry_Lookup() {
	reg := healthedu.DefaultRegistry()
	for _, s := range []string{"371502001", "5223", "371599"} {
		d, ok := reg.Lookup(healthedu.MustParseDivisionCode(s))
		if !ok {
			fmt.Println(s, "unknown")
			continue
		}
		fmt.Println(d.Code.Short(), d.Name, d.ShortName)
	}
	// Output:
	// 371502001 古楼街道 古楼街道
	// 5223 黔西南布依族苗族自治州 黔西南州
	// 371599 unknown
}

func ExampleRegistry_ByName() {
	for _, d := range healthedu.DefaultRegistry().ByName("黔西南州") {
		fmt.Println(d.Code.Short(), d.Name)
	}
	// Output:
	// 5223 黔西南布依族苗族自治州
}

func ExampleRegistry_Children() {
	reg := healthedu.DefaultRegistry()
	for _, c := range reg.Children(healthedu.MustParseDivisionCode("3715")) {
		fmt.Println(c.Short(), reg.Name(c))
	}
	// Output:
	// 371502 东昌府区
	// 371503 茌平区
	// 371521 阳谷县
	// 371522 莘县
	// 371524 东阿县
	// 371525 冠县
	// 371526 高唐县
	// 371581 临清市
}

func ExampleLoadRegistryCSV() {
	// A platform's own table: the villages of one township.
	const villages = `code,name
371502001001,运河社区居委会
371502001002,柳园社区居委会
`
	own, err := healthedu.LoadRegistryCSV(strings.NewReader(villages))
	if err != nil {
		log.Fatal(err)
	}
	reg := healthedu.DefaultRegistry().Merge(own)
	township := healthedu.MustParseDivisionCode("371502001")
	fmt.Println(reg.Name(township), reg.Len()-healthedu.DefaultRegistry().Len())
	for _, c := range reg.Children(township) {
		fmt.Println(c, reg.Name(c))
	}

	_, err = healthedu.LoadRegistryCSV(strings.NewReader("code,name\n3715,聊城市\n37150,东昌府区\n"))
	fmt.Println(err)
	// Output:
	// 古楼街道 2
	// 371502001001 运河社区居委会
	// 371502001002 柳园社区居委会
	// healthedu.LoadRegistryCSV: line 3: healthedu.ParseDivisionCode("37150"): 5 digits; want 2, 4, 6, 9 or 12
}
