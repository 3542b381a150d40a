package grid

import (
	"errors"
	"sync"

	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
)

// The indicators of the grid service (网格健康服务指标) that
// IndicatorCatalogue adds to the default catalogue.
const (
	// IndicatorVisitRate is the share of signed households visited by
	// their family doctor in the period (签约家庭随访率), in percent.
	IndicatorVisitRate = "grid-visit-rate"
	// IndicatorImprovementRate is the share of households tracked in the
	// service loop that improved (效果跟踪改善率), in percent.
	IndicatorImprovementRate = "grid-improvement-rate"
)

var indicatorCatalogue = sync.OnceValues(func() (*indicators.Catalogue, error) {
	f := indicators.DefaultCatalogue().File()
	f.Elements = append(f.Elements, Elements()...)
	f.Indicators = append(f.Indicators,
		indicators.Definition{
			Code: IndicatorVisitRate,
			Names: healthedu.LocalizedText{
				ZhHans: "签约家庭随访率", ZhHant: "簽約家庭隨訪率", En: "signed households visited by their family doctor",
			},
			Numerator:   ElementVisited,
			Denominator: ElementSigned,
			Factor:      100,
			Decimals:    2,
		},
		indicators.Definition{
			Code: IndicatorImprovementRate,
			Names: healthedu.LocalizedText{
				ZhHans: "效果跟踪改善率", ZhHant: "效果追蹤改善率", En: "households improved at effect tracking",
			},
			Numerator:   ElementImproved,
			Denominator: ElementTracked,
			Factor:      100,
			Decimals:    2,
		},
	)
	return indicators.NewCatalogue(f, healthedu.DefaultElements())
})

// IndicatorCatalogue returns the default indicator catalogue
// (indicators.DefaultCatalogue) with the grid figures' data elements (see
// Elements) and the grid service's indicators IndicatorVisitRate and
// IndicatorImprovementRate added, so that grid figures can be computed and
// rolled up the division tree like any other.
func IndicatorCatalogue() (*indicators.Catalogue, error) { return indicatorCatalogue() }

// AddFigures adds grid figures (from Register.Figures and Engine.Figures)
// to s, a store on IndicatorCatalogue, as data values (数据值). It adds
// every value it can and returns the errors of the others joined.
func AddFigures(s *indicators.Store, values []indicators.DataValue) error {
	var errs []error
	for _, v := range values {
		if err := s.Add(v); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
