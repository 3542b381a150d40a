package healthedu_test

import (
	"errors"
	"fmt"
	"strings"

	"github.com/jiceng/jiceng/healthedu"
)

func ExampleParseDivisionCode() {
	for _, s := range []string{"3715", "371502001", "３７１５０２", "370002", "3715x9"} {
		c, err := healthedu.ParseDivisionCode(s)
		if err != nil {
			var pe *healthedu.ParseError
			errors.As(err, &pe)
			fmt.Printf("%-8s %s\n", pe.Code, err)
			continue
		}
		fmt.Printf("%s %-8v %s\n", c, c.Level(), c.Short())
	}
	// Output:
	// 371500000000 city     3715
	// 371502001000 township 371502001
	// 371502000000 county   371502
	// division.structure healthedu.ParseDivisionCode("370002"): county 02 under city 00 (at offset 4)
	// division.syntax healthedu.ParseDivisionCode("3715x9"): unexpected character 'x' (at offset 4)
}

func ExampleDivisionCode_Parent() {
	reg := healthedu.DefaultRegistry()
	// 东莞市 has no counties: its townships' parent is the city.
	for _, s := range []string{"371502001", "441900003"} {
		var chain []string
		for c, ok := healthedu.MustParseDivisionCode(s), true; ok; c, ok = c.Parent() {
			chain = append(chain, c.Short()+" "+reg.Name(c))
		}
		fmt.Println(strings.Join(chain, " → "))
	}
	// Output:
	// 371502001 古楼街道 → 371502 东昌府区 → 3715 聊城市 → 37 山东省
	// 441900003 东城街道 → 4419 东莞市 → 44 广东省
}

func ExampleDivisionCode_Ancestors() {
	c := healthedu.MustParseDivisionCode("371502001")
	reg := healthedu.DefaultRegistry()
	for a := range c.Ancestors() {
		fmt.Print(reg.Name(a), " › ")
	}
	fmt.Println(reg.Name(c))
	// Output:
	// 山东省 › 聊城市 › 东昌府区 › 古楼街道
}

func ExampleDivisionCode_Contains() {
	liaocheng := healthedu.MustParseDivisionCode("3715")
	for _, s := range []string{"371502001", "150207"} {
		fmt.Println(s, liaocheng.Contains(healthedu.MustParseDivisionCode(s)))
	}
	// Output:
	// 371502001 true
	// 150207 false
}

func ExampleDivisionCode_Common() {
	reg := healthedu.DefaultRegistry()
	// The smallest division that holds the places of some activities.
	places := []string{"371502001003", "371502001005", "371502002001"}
	area := healthedu.MustParseDivisionCode(places[0])
	for _, s := range places[1:] {
		area, _ = area.Common(healthedu.MustParseDivisionCode(s))
	}
	fmt.Println(area.Short(), reg.Name(area))
	_, ok := area.Common(healthedu.MustParseDivisionCode("520000000000"))
	fmt.Println(ok)
	// Output:
	// 371502 东昌府区
	// false
}
