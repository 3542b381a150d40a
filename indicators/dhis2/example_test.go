package dhis2_test

import (
	"fmt"
	"os"
	"strings"
	"time"

	"golang.org/x/text/language"

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
	// {"idScheme":"UID","dataElementIdScheme":"UID","orgUnitIdScheme":"UID","dataValues":[
	// {"dataElement":"Tg9KpLm1NhG","period":"202510","orgUnit":"DiszpKrYNg8","categoryOptionCombo":"Vr2CxWb5QjH","value":"2"},
	// {"dataElement":"Qd4FzHs8JeF","period":"202510","orgUnit":"DiszpKrYNg8","value":"2"}
	// ]}
	// dhis2: 1 data values not mapped to DHIS2; no organisation unit for 371502002000
}

// Reading what a county's DHIS2 sends: a dataValueSets document in DHIS2's
// CSV form, mapped back into monthly reports, with the values that could
// not be mapped as conflicts of an import summary.
func ExampleMapping_ReadDataValueSet() {
	m, err := dhis2.LoadMapping(strings.NewReader(`kind,jiceng,dhis2,categoryOptionCombo,zeroIsSignificant
default,categoryOptionCombo,HllvX50cXC0
element,lectures,Qd4FzHs8JeF
element,consultations,Pa32wQkbmp2,,true
division,371502001,DiszpKrYNg8
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	doc := `dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,lastupdated,comment,followup,deleted
Qd4FzHs8JeF,202510,DiszpKrYNg8,HllvX50cXC0,HllvX50cXC0,2,admin,2025-11-02T10:00:00.000,,false,false
Pa32wQkbmp2,202510,DiszpKrYNg8,HllvX50cXC0,HllvX50cXC0,0,admin,2025-11-02T10:00:00.000,,false,false
Qd4FzHs8JeF,202510,FNnj3jKGS7i,HllvX50cXC0,HllvX50cXC0,1,admin,2025-11-02T10:00:00.000,,false,false
`
	imp, err := m.ReadDataValueSet(strings.NewReader(doc), dhis2.CSV, dhis2.ReadOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range imp.Reports {
		fmt.Println(r.ID, r.Division, r.Period, r.Values)
	}
	for _, c := range imp.Conflicts {
		fmt.Println(c.Index, c.ErrorCode, c.Object, c.Issue.Message(language.SimplifiedChinese))
	}
	// Output:
	// dhis2-371502001000-202510 371502001000 202510 [{consultations 0} {lectures 2}]
	// 2 E7612 FNnj3jKGS7i 组织机构“FNnj3jKGS7i”不在映射表中
}

// Sending a township's monthly report as DHIS2's data entry form would,
// and the registration that makes it count in DHIS2's reporting rates.
func ExampleMapping_WriteDataSet() {
	m := new(dhis2.Mapping)
	m.MapElement("lectures", "Qd4FzHs8JeF")
	m.MapDivision(healthedu.MustParseDivisionCode("371502001"), "DiszpKrYNg8")
	s := indicators.NewStore(indicators.DefaultCatalogue())
	d, oct := healthedu.MustParseDivisionCode("371502001"), healthedu.MustParsePeriod("202510")
	received := time.Date(2025, 11, 3, 16, 20, 0, 0, healthedu.ChinaStandardTime)
	s.Add(indicators.DataValue{Element: "lectures", Division: d, Period: oct, Value: 2})
	s.AddReceipt(d, oct, received)
	if err := m.WriteDataSet(os.Stdout, "pBOMPrpg1QX", s.Values(), received); err != nil {
		fmt.Println(err)
	}
	if err := m.WriteCompleteRegistrations(os.Stdout, "pBOMPrpg1QX", s.ReportsReceived(indicators.Reporters{})); err != nil {
		fmt.Println(err)
	}
	// Output:
	// {"idScheme":"UID","dataElementIdScheme":"UID","orgUnitIdScheme":"UID","dataSet":"pBOMPrpg1QX","completeDate":"2025-11-03","period":"202510","orgUnit":"DiszpKrYNg8","dataValues":[
	// {"dataElement":"Qd4FzHs8JeF","value":"2"}
	// ]}
	// {"idScheme":"UID","orgUnitIdScheme":"UID","completeDataSetRegistrations":[
	// {"dataSet":"pBOMPrpg1QX","period":"202510","organisationUnit":"DiszpKrYNg8","date":"2025-11-03","completed":true}
	// ]}
}

// A mapping by codes, as a provincial DHIS2 configured in Chinese has
// them; a malformed UID is reported with the character at fault.
func ExampleLoadMapping() {
	m, err := dhis2.LoadMapping(strings.NewReader(`kind,jiceng,dhis2,categoryOptionCombo,zeroIsSignificant
scheme,idScheme,CODE
scheme,orgUnitIdScheme,UID
element,lectures,健康知识讲座 次数,,true
division,371502001,DiszpKrYNg8
`))
	fmt.Println(m.Schemes().DataElement, m.Schemes().OrgUnit, err)
	_, err = dhis2.LoadMapping(strings.NewReader("kind,jiceng,dhis2\nelement,lectures,讲座\n"))
	fmt.Println(err)
	// Output:
	// CODE UID <nil>
	// dhis2: mapping: line 2: series lectures: data element "讲座": a UID starts with a letter, not '讲'
}
