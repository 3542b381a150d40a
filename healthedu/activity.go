package healthedu

import "time"

// Activity is one health education activity (健康教育活动): a lecture, a free
// clinic, a first-aid training, a home visit, a bulletin board changed, a
// push sent. It is the record grassroots institutions submit most.
type Activity struct {
	Header
	// Title is the activity's title (活动主题), as on the notice.
	Title string `json:"title,omitempty" jsonschema:"maxLength=200"`
	// Organizer is the institution that organised the activity (组织机构).
	Organizer Organizer `json:"organizer"`
	// Division is the statistical division code of where the activity
	// took place (活动地点区划代码).
	Division DivisionCode `json:"division"`
	// Venue is the place it was held (阵地).
	Venue Venue `json:"venue"`
	// Form is the activity's form (活动形式).
	Form ActivityForm `json:"form"`
	// Topics are its subjects (宣教主题), at least one.
	Topics []Topic `json:"topics" jsonschema:"minItems=1,maxItems=20,uniqueItems=true"`
	// TargetGroups are the groups of residents it addressed (目标人群), at
	// least one.
	TargetGroups []TargetGroup `json:"targetGroups" jsonschema:"minItems=1,maxItems=20,uniqueItems=true"`
	// Start is when the activity began (开始时间), RFC 3339 with offset.
	Start time.Time `json:"start"`
	// End is when it ended (结束时间), after Start.
	End time.Time `json:"end"`
	// Participants is the number of person-times reached (参与人次). For
	// pushes, broadcasts and TV columns it is the audience reached.
	Participants int64 `json:"participants" jsonschema:"minimum=0,maximum=100000000"`
	// MaterialsDistributed is the number of printed materials handed out
	// (发放资料份数).
	MaterialsDistributed int64 `json:"materialsDistributed,omitempty" jsonschema:"minimum=0,maximum=100000000"`
	// Speakers are the people who spoke or demonstrated (主讲人).
	Speakers []Speaker `json:"speakers,omitempty" jsonschema:"maxItems=50"`
	// Evidence is what documents the activity (活动记录): photos and the
	// sign-in sheet, archived by the organiser.
	Evidence *Evidence `json:"evidence,omitempty"`
	// Resident is the resident addressed by individual guidance or a home
	// visit (服务对象); required for those forms and absent otherwise.
	Resident *Resident `json:"resident,omitempty"`
	// Material names the printed or audio-visual material the activity
	// distributed or played (资料), for the printed-materials and
	// audio-visual forms, so that the kinds of material an institution
	// offers in a year can be counted. Optional; on another form it is a
	// warning (activity.materialUnexpected).
	Material *Material `json:"material,omitempty"`
	// Board names the bulletin board whose content the activity changed
	// (宣传栏), for the bulletin-board form, so that an institution's boards
	// and the intervals between their changes can be checked. Optional; on
	// another form it is a warning (activity.boardUnexpected).
	Board *Board `json:"board,omitempty"`
}

// Material is a printed or audio-visual health education material
// (健康教育资料): a leaflet, a handbook, a poster, a video. The institution names
// each kind of material (资料种类) with an identifier of its choosing, the
// same every time the material is distributed or played, so that
// activities concerning the same material count as one kind.
type Material struct {
	// ID is the institution's identifier of the material (资料编号): a
	// catalogue number or the material's title, compared exactly.
	ID string `json:"id" jsonschema:"minLength=1,maxLength=64"`
	// Title is the material's title as printed or shown (资料名称).
	Title string `json:"title,omitempty" jsonschema:"maxLength=200"`
}

// Board is a health education bulletin board (健康教育宣传栏) of an
// institution, named with an identifier of the institution's choosing, the
// same at every change of its content (更换内容).
type Board struct {
	// ID is the institution's identifier of the board (宣传栏编号), such as
	// "门诊楼东侧" or "B1", compared exactly.
	ID string `json:"id" jsonschema:"minLength=1,maxLength=64"`
	// AreaDm2 is the board's area in square decimetres (面积，平方分米):
	// 200 is 2 m², the national norm's least area. An integer, so that it
	// is exact; 0 or absent means not given.
	AreaDm2 int64 `json:"areaDm2,omitempty" jsonschema:"minimum=1,maximum=100000"`
}

// Organizer identifies the institution behind an activity (组织机构).
type Organizer struct {
	// CreditCode is the institution's unified social credit code
	// (统一社会信用代码).
	CreditCode CreditCode `json:"creditCode"`
	// Name is the institution's name (机构名称).
	Name string `json:"name" jsonschema:"minLength=1,maxLength=100"`
	// Type is the kind of institution (机构类型).
	Type OrganizerType `json:"type"`
	// Division is the statistical division code of the institution's
	// service area (服务区域), when known; an activity must then lie inside it.
	Division DivisionCode `json:"division,omitzero"`
}

// Venue is where an activity was held (阵地).
type Venue struct {
	// Type is the kind of place (阵地类型).
	Type VenueType `json:"type"`
	// Name is the place's name (阵地名称).
	Name string `json:"name,omitempty" jsonschema:"maxLength=100"`
}

// Speaker is a person who spoke at or led an activity (主讲人).
type Speaker struct {
	// Name is the speaker's name (姓名).
	Name string `json:"name" jsonschema:"minLength=1,maxLength=50"`
	// Role is the speaker's role (身份).
	Role SpeakerRole `json:"role"`
	// Expert is the identifier of the speaker in the platform's register
	// of experts (专家编号), for a speaker who is a registered expert, so
	// that the lectures each expert gave can be counted (see package
	// roster). Optional.
	Expert string `json:"expert,omitempty" jsonschema:"minLength=1,maxLength=64,pattern=^[0-9A-Za-z][0-9A-Za-z._:-]*$"`
}

// Evidence is what documents an activity (活动记录存档).
type Evidence struct {
	// Photos are references to the archived photos (照片), such as file
	// identifiers or URLs in the platform's store.
	Photos []string `json:"photos,omitempty" jsonschema:"maxItems=50"`
	// SignInSheet is a reference to the archived sign-in sheet (签到表).
	SignInSheet string `json:"signInSheet,omitempty" jsonschema:"maxLength=500"`
}

// Resident is the resident addressed by an individual activity (服务对象).
// The citizen ID is read to check and pseudonymise it, and never printed
// in clear: see CitizenID.
type Resident struct {
	// CitizenID is the resident's citizen ID number (公民身份号码).
	CitizenID CitizenID `json:"citizenId"`
	// Consent is the resident's data authorisation (数据授权).
	Consent Consent `json:"consent"`
}

// Consent is a resident's data authorisation (数据授权): whether their
// health data may be shared with the community and with medical
// institutions.
type Consent struct {
	// Community is consent to share with the community (社区).
	Community bool `json:"community"`
	// Medical is consent to share with medical institutions (医疗机构).
	Medical bool `json:"medical"`
}

// RecordDivision returns the division the activity took place in.
func (a *Activity) RecordDivision() DivisionCode { return a.Division }

// RecordPeriod returns the month the activity started in, in China
// Standard Time, and "/start".
func (a *Activity) RecordPeriod() (Period, string) {
	return PeriodOf(PeriodMonth, a.Start), "/start"
}
