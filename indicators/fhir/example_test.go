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
	//   "id": "92bc06dc-2a13-5bfe-aecc-916a262c3e71",
	//   "identifier": [
	//     {
	//       "system": "urn:ietf:rfc:3986",
	//       "value": "urn:uuid:92bc06dc-2a13-5bfe-aecc-916a262c3e71"
	//     }
	//   ],
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

// The catalogue as FHIR: the Measure of the 0–6 child health management
// rate, whose canonical URL the MeasureReports of its results name.
func ExampleMarshalMeasure() {
	ind, _ := indicators.DefaultCatalogue().Indicator("child-health-management-rate")
	b, err := fhir.MarshalMeasure(ind, fhir.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	var m struct {
		URL     string `json:"url"`
		Title   string `json:"title"`
		Scoring struct {
			Coding []struct{ Code string } `json:"coding"`
		} `json:"scoring"`
		Group []struct {
			Population []struct {
				Criteria struct {
					Expression string `json:"expression"`
				} `json:"criteria"`
			} `json:"population"`
		} `json:"group"`
	}
	json.Unmarshal(b, &m)
	fmt.Println(m.URL)
	fmt.Println(m.Title, m.Scoring.Coding[0].Code)
	for _, p := range m.Group[0].Population {
		fmt.Println(p.Criteria.Expression)
	}
	// Output:
	// https://jiceng.github.io/fhir/Measure/child-health-management-rate
	// 0～6岁儿童健康管理率 proportion
	// "children-0-6-managed"
	// "children-0-6"
}

// The whole catalogue as a Bundle of Measures, each entry's fullUrl its
// canonical URL.
func ExampleWriteMeasureBundle() {
	cat := indicators.DefaultCatalogue()
	var b bytes.Buffer
	if err := fhir.WriteMeasureBundle(&b, cat.Indicators()[:2], fhir.Options{}); err != nil {
		fmt.Println(err)
		return
	}
	var bundle struct {
		Type  string `json:"type"`
		Entry []struct {
			FullURL string `json:"fullUrl"`
		} `json:"entry"`
	}
	json.Unmarshal(b.Bytes(), &bundle)
	fmt.Println(bundle.Type)
	for _, e := range bundle.Entry {
		fmt.Println(e.FullURL)
	}
	// Output:
	// collection
	// https://jiceng.github.io/fhir/Measure/child-health-management-rate
	// https://jiceng.github.io/fhir/Measure/hypertension-standard-management-rate
}

// The id of 九原区's 2024 figure of the 0–6 child health management rate:
// the same whenever it is computed, whatever its value.
func ExampleMeasureReportID() {
	measure := fhir.MeasureURL("child-health-management-rate", fhir.Options{})
	fmt.Println(fhir.MeasureReportID(measure, healthedu.MustParseDivisionCode("150207"), healthedu.MustParsePeriod("2024")))
	fmt.Println(fhir.MeasureReportID(measure, healthedu.MustParseDivisionCode("150207"), healthedu.MustParsePeriod("2024Q4")))
	// Output:
	// 92bc06dc-2a13-5bfe-aecc-916a262c3e71
	// c373a530-c1c3-5196-9e7a-23ee74cedf88
}
