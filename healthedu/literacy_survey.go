package healthedu

// LiteracySurvey is one respondent's answers in health literacy monitoring
// (健康素养监测问卷): item scores, from which the respondent has health
// literacy when the score reaches 80% of the total (具备健康素养).
type LiteracySurvey struct {
	Header
	// Division is the statistical division code of the monitoring point
	// (监测点区划代码).
	Division DivisionCode `json:"division"`
	// SurveyedOn is the day of the interview (调查日期), YYYY-MM-DD.
	SurveyedOn Date `json:"surveyedOn"`
	// Questionnaire names the questionnaire's edition (问卷版本), e.g. "2024".
	Questionnaire string `json:"questionnaire" jsonschema:"minLength=1,maxLength=32"`
	// Respondent describes who answered (调查对象).
	Respondent Respondent `json:"respondent"`
	// Items are the item scores (题目得分).
	Items []ItemScore `json:"items" jsonschema:"minItems=1,maxItems=200"`
	// Literate is the respondent's literacy as the submitter computed it
	// (是否具备健康素养); when present it must agree with the items.
	Literate *bool `json:"literate,omitempty"`
}

// Respondent is a surveyed resident, described without identifying them
// (调查对象).
type Respondent struct {
	// Age is the age in full years (年龄); monitoring covers 15 to 69.
	Age int `json:"age" jsonschema:"minimum=15,maximum=69"`
	// Sex is "male" or "female" (性别).
	Sex Sex `json:"sex"`
	// Residence is urban or rural (城乡).
	Residence Residence `json:"residence"`
}

// ItemScore is one item's score (题目得分).
type ItemScore struct {
	// Item is the item's number in the questionnaire (题号), from 1.
	Item int `json:"item" jsonschema:"minimum=1,maximum=200"`
	// Score is the score obtained (得分).
	Score int `json:"score" jsonschema:"minimum=0,maximum=100"`
	// MaxScore is the item's full score (满分), at least 1.
	MaxScore int `json:"maxScore" jsonschema:"minimum=1,maximum=100"`
}

// Score returns the respondent's score and the questionnaire's total (总分),
// the sums of the items' scores and full scores.
func (s *LiteracySurvey) Score() (score, total int64) {
	for _, it := range s.Items {
		score += int64(it.Score)
		total += int64(it.MaxScore)
	}
	return score, total
}

// HasLiteracy reports whether the respondent has health literacy
// (具备健康素养): a score of at least 80% of the total, computed in integers
// (5·score ≥ 4·total) so that no rounding decides it. The 80% rule is the
// monitoring scheme's as commonly described (*unconfirmed*). A survey
// without items has no literacy.
func (s *LiteracySurvey) HasLiteracy() bool {
	score, total := s.Score()
	return total > 0 && 5*score >= 4*total
}

// RecordDivision returns the division of the monitoring point.
func (s *LiteracySurvey) RecordDivision() DivisionCode { return s.Division }

// RecordPeriod returns the month of the interview and "/surveyedOn".
func (s *LiteracySurvey) RecordPeriod() (Period, string) {
	return MonthPeriod(s.SurveyedOn.Year(), s.SurveyedOn.Month()), "/surveyedOn"
}
