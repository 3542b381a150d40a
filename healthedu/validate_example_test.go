package healthedu_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/jiceng/jiceng/healthedu"
)

// A home visit recorded by 堂邑镇卫生院 in a village of the neighbouring
// town, with its end before its start and without the resident it served.
func ExampleValidator_Validate() {
	start := time.Date(2025, 10, 17, 9, 30, 0, 0, healthedu.ChinaStandardTime)
	visit := &healthedu.Activity{
		Header: healthedu.Header{SchemaVersion: healthedu.SchemaVersion, Kind: healthedu.KindActivity, ID: "LC-2025-10-0043"},
		Organizer: healthedu.Organizer{
			Name:     "聊城市东昌府区堂邑镇卫生院",
			Type:     "township-health-center",
			Division: healthedu.MustParseDivisionCode("371502102"), // 堂邑镇
		},
		Division:     healthedu.MustParseDivisionCode("371502103201"), // a village of 梁水镇
		Venue:        healthedu.Venue{Type: "other"},
		Form:         healthedu.FormHomeVisit,
		Topics:       []healthedu.Topic{"hypertension"},
		TargetGroups: []healthedu.TargetGroup{"elderly"},
		Start:        start,
		End:          start.Add(-30 * time.Minute),
		Participants: 1,
	}

	v := &healthedu.Validator{Now: time.Date(2025, 11, 20, 10, 0, 0, 0, healthedu.ChinaStandardTime)}
	for _, issue := range v.Validate(visit) {
		fmt.Println(issue)
	}
	// Output:
	// error activity.outsideOrganizerArea /division: The activity's division "371502103201" lies outside its organizer's area "371502102"
	// error activity.endBeforeStart /end: The activity ends at "2025-10-17T09:00:00+08:00", before it starts at "2025-10-17T09:30:00+08:00"
	// error activity.residentMissing /resident: A "home-visit" activity (individual guidance or home visit) must name the resident it served
}

// A batch from 九原区 to a platform whose monthly reports must carry the
// children aged 0–6 and those under health management (月报必报项): a
// monthly report, the same report sent again, and a report for a quarter
// that repeats an element and leaves out the children.
func ExampleValidator_ValidateStream() {
	elements, err := healthedu.LoadElementCatalog(strings.NewReader(`{"elements": [
		{"code": "children-0-6", "names": {"zh-Hans": "辖区内0～6岁儿童数", "zh-Hant": "轄區內0～6歲兒童數", "en": "children aged 0–6 in the area"},
		 "valueType": "count", "aggregation": "last", "expectedInMonthlyReport": true},
		{"code": "children-0-6-managed", "names": {"zh-Hans": "接受健康管理的0～6岁儿童数", "zh-Hant": "接受健康管理的0～6歲兒童數", "en": "children aged 0–6 under health management"},
		 "valueType": "count", "aggregation": "last", "expectedInMonthlyReport": true},
		{"code": "lectures", "names": {"zh-Hans": "健康知识讲座次数", "zh-Hant": "健康知識講座次數", "en": "health lectures held"},
		 "valueType": "count", "aggregation": "sum"}]}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	batch := strings.Join([]string{
		`{"schemaVersion":"1","kind":"monthlyReport","id":"JY-202510","division":"150207","period":"202510","submittedAt":"2025-11-03T16:20:00+08:00","values":[{"element":"children-0-6","value":13932},{"element":"children-0-6-managed","value":13432}]}`,
		`{"schemaVersion": "1", "kind": "monthlyReport", "id": "JY-202510", "division": "150207", "period": "202510", "submittedAt": "2025-11-03T16:20:00+08:00", "values": [{"element": "children-0-6", "value": 13932}, {"element": "children-0-6-managed", "value": 13432}]}`,
		`{"schemaVersion":"1","kind":"monthlyReport","id":"JY-2025Q3","division":"150207","period":"2025Q3","submittedAt":"2025-10-08T09:00:00+08:00","values":[{"element":"lectures","value":4},{"element":"lectures","value":5}]}`,
	}, "\n")

	v := &healthedu.Validator{Elements: elements, Now: time.Date(2025, 11, 20, 10, 0, 0, 0, healthedu.ChinaStandardTime)}
	sum, err := v.ValidateStream(strings.NewReader(batch), healthedu.StreamOptions{}, func(r *healthedu.RecordResult) error {
		for _, issue := range r.Issues {
			fmt.Printf("第%d行 %s %s %s：%s\n", issue.Line, issue.Severity.Label(healthedu.ZhHans), issue.Code, issue.Path, issue.Message(healthedu.ZhHans))
		}
		return nil
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("records %d, accepted %d, rejected %d; errors %d, warnings %d\n", sum.Records, sum.Accepted, sum.Rejected, sum.Errors, sum.Warnings)
	// Output:
	// 第2行 警告 document.duplicateId /id：记录标识“JY-202510”与第1行的记录重复，内容相同，按同一条记录处理
	// 第3行 错误 monthlyReport.periodNotMonth /period：月报的报告期“2025Q3”不是月份，应写成如202510
	// 第3行 警告 monthlyReport.missingElement /values：月报未填报必报数据元“children-0-6”，数据可能不完整
	// 第3行 警告 monthlyReport.missingElement /values：月报未填报必报数据元“children-0-6-managed”，数据可能不完整
	// 第3行 错误 monthlyReport.duplicateElement /values/1/element：数据元“lectures”在同一月报中重复填报
	// records 3, accepted 2, rejected 1; errors 2, warnings 3
}
