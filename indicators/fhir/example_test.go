package fhir_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
	"github.com/jiceng/jiceng/indicators/fhir"
)

// Reporting an indicator to a FHIR server: 九原区's 0–6 child health
// management rate for 2024, 13,432 of 13,932 children, as a MeasureReport.
func ExampleMarshalMeasureReport() {
	s := indicators.NewStore(indicators.DefaultCatalogue())
	jiuyuan := healthedu.MustParseDivisionCode("150207")
	for _, v := range []indicators.DataValue{
		{Element: "children-0-6-managed", Division: jiuyuan, Period: healthedu.MustParsePeriod("202412"), Value: 13432},
		{Element: "children-0-6", Division: jiuyuan, Period: healthedu.MustParsePeriod("202412"), Value: 13932},
	} {
		if err := s.Add(v); err != nil {
			fmt.Println(err)
			return
		}
	}
	ind, _ := indicators.DefaultCatalogue().Indicator("child-health-management-rate")
	rs, err := s.Compute(indicators.Query{
		Indicators: []*indicators.Indicator{ind},
		Divisions:  []healthedu.DivisionCode{jiuyuan},
		Period:     healthedu.MustParsePeriod("2024"),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	b, err := fhir.MarshalMeasureReport(rs[0], fhir.Options{
		Date:     time.Date(2025, 1, 15, 10, 0, 0, 0, healthedu.ChinaStandardTime),
		Registry: healthedu.DefaultRegistry(),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	var out bytes.Buffer
	json.Indent(&out, b, "", "  ")
	fmt.Println(out.String())
	// Output:
	// {
	//   "resourceType": "MeasureReport",
	//   "status": "complete",
	//   "type": "summary",
	//   "measure": "https://jiceng.github.io/fhir/Measure/child-health-management-rate",
	//   "subject": {
	//     "type": "Location",
	//     "identifier": {
	//       "system": "https://jiceng.github.io/fhir/sid/division-code",
	//       "value": "150207000000"
	//     },
	//     "display": "九原区"
	//   },
	//   "date": "2025-01-15T10:00:00+08:00",
	//   "period": {
	//     "start": "2024-01-01T00:00:00+08:00",
	//     "end": "2024-12-31T23:59:59+08:00"
	//   },
	//   "improvementNotation": {
	//     "coding": [
	//       {
	//         "system": "http://terminology.hl7.org/CodeSystem/measure-improvement-notation",
	//         "code": "increase"
	//       }
	//     ]
	//   },
	//   "group": [
	//     {
	//       "population": [
	//         {
	//           "code": {
	//             "coding": [
	//               {
	//                 "system": "http://terminology.hl7.org/CodeSystem/measure-population",
	//                 "code": "numerator",
	//                 "display": "Numerator"
	//               }
	//             ]
	//           },
	//           "count": 13432
	//         },
	//         {
	//           "code": {
	//             "coding": [
	//               {
	//                 "system": "http://terminology.hl7.org/CodeSystem/measure-population",
	//                 "code": "denominator",
	//                 "display": "Denominator"
	//               }
	//             ]
	//           },
	//           "count": 13932
	//         }
	//       ],
	//       "measureScore": {
	//         "value": 96.41,
	//         "unit": "%",
	//         "system": "http://unitsofmeasure.org",
	//         "code": "%"
	//       }
	//     }
	//   ]
	// }
}
