package dhis2_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
	"github.com/jiceng/jiceng/indicators/dhis2"
)

// Sending figures to a provincial DHIS2: a mapping table from jiceng's codes
// to the instance's identifiers, and the lectures of two townships of
// 东昌府区, one of which the table lacks.
func ExampleMapping_WriteDataValueSet() {
	m, err := dhis2.LoadMapping(strings.NewReader(`kind,jiceng,dhis2
element,lectures,Qd4FzHs8JeF
element,activities[form=lecture],Tg9KpLm1NhG.Vr2CxWb5QjH
division,371502001,DiszpKrYNg8
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	s := indicators.NewStore(indicators.DefaultCatalogue())
	for _, v := range []indicators.DataValue{
		{Element: "lectures", Division: healthedu.MustParseDivisionCode("371502001"), Period: healthedu.MustParsePeriod("202510"), Value: 2},
		{Element: "activities", Category: "form=lecture", Division: healthedu.MustParseDivisionCode("371502001"), Period: healthedu.MustParsePeriod("202510"), Value: 2},
		{Element: "lectures", Division: healthedu.MustParseDivisionCode("371502002"), Period: healthedu.MustParsePeriod("202510"), Value: 1},
	} {
		if err := s.Add(v); err != nil {
			fmt.Println(err)
			return
		}
	}
	if err := m.WriteDataValueSet(os.Stdout, s.Values()); err != nil {
		fmt.Println(err)
	}
	// Output:
	// {"dataValues":[
	// {"dataElement":"Tg9KpLm1NhG","period":"202510","orgUnit":"DiszpKrYNg8","categoryOptionCombo":"Vr2CxWb5QjH","value":"2"},
	// {"dataElement":"Qd4FzHs8JeF","period":"202510","orgUnit":"DiszpKrYNg8","value":"2"}
	// ]}
	// dhis2: 1 data values not mapped to DHIS2; no organisation unit for 371502002000
}
