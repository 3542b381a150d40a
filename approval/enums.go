package approval

import (
	"golang.org/x/text/language"

	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/internal/enumset"
)

// State is where the data of a key stand in approval (审核状态). The zero
// State, StateUnsubmitted, is data not yet submitted; it is left out of
// the wire format. The others are stable lower-case ASCII identifiers.
//
//	(unsubmitted) —submit→ submitted —approve→ approved —accept→ accepted
//	submitted, approved, accepted —return→ returned —submit→ submitted
type State string

// The values of State.
const (
	StateUnsubmitted State = ""          // 未提交
	StateSubmitted   State = "submitted" // 已提交（待审核）
	StateApproved    State = "approved"  // 已审核（待确认）
	StateAccepted    State = "accepted"  // 已确认
	StateReturned    State = "returned"  // 已退回
)

var stateEnum = enumset.New("State", []enumset.Entry{
	{"submitted", "已提交", "已提交", "submitted"},
	{"approved", "已审核", "已審核", "approved"},
	{"accepted", "已确认", "已確認", "accepted"},
	{"returned", "已退回", "已退回", "returned"},
})

// ParseState returns the state spelled s, one of the listed values, or a
// *healthedu.EnumError. The empty string, the unsubmitted state, is not
// a value of the wire format and is refused.
func ParseState(s string) (State, error) {
	v, err := parseEnum(stateEnum, []byte(s))
	return State(v), err
}

// EnumValues implements healthedu.Enum: the accepted values, in
// documentation order.
func (State) EnumValues() []string { return stateEnum.Values() }

// IsValid reports whether s is one of the listed values; the zero State,
// not submitted, is not.
func (s State) IsValid() bool { return stateEnum.Index(string(s)) >= 0 }

// Label returns the state's name (状态名称) in the supported language that
// serves lang best, such as "已审核" in zh-Hans; for the zero State,
// "未提交".
func (s State) Label(lang language.Tag) string {
	if s == StateUnsubmitted {
		i, _ := enumset.LanguageIndex(lang)
		return [...]string{"未提交", "未提交", "not submitted"}[i]
	}
	return stateEnum.Label(string(s), lang)
}

// rank orders the states that go up the tree: 0 for unsubmitted and
// returned, then submitted, approved, accepted.
func (s State) rank() int {
	switch s {
	case StateSubmitted:
		return 1
	case StateApproved:
		return 2
	case StateAccepted:
		return 3
	}
	return 0
}

// AtLeast reports whether s has reached min on the way up (审核进度): s
// is submitted, approved or accepted, and not before min in that order.
// An unsubmitted or returned s has reached nothing; a min of the zero
// State or returned asks only that s be submitted or beyond.
func (s State) AtLeast(min State) bool {
	return s.rank() > 0 && s.rank() >= min.rank()
}

// UnmarshalText implements encoding.TextUnmarshaler. It accepts the
// listed values and the empty text, the unsubmitted state, and reports
// any other with a *healthedu.EnumError.
func (s *State) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*s = StateUnsubmitted
		return nil
	}
	v, err := parseEnum(stateEnum, text)
	*s = State(v)
	return err
}

// Action is one step of approval (审核操作).
type Action string

// The values of Action.
const (
	ActionSubmit  Action = "submit"  // 提交: by the division itself
	ActionApprove Action = "approve" // 审核: by the level above
	ActionAccept  Action = "accept"  // 确认: by the level above the approver
	ActionReturn  Action = "return"  // 退回: back to the division, with a reason
)

var actionEnum = enumset.New("Action", []enumset.Entry{
	{"submit", "提交", "提交", "submit"},
	{"approve", "审核", "審核", "approve"},
	{"accept", "确认", "確認", "accept"},
	{"return", "退回", "退回", "return"},
})

// ParseAction returns the action spelled s, one of the listed values, or
// a *healthedu.EnumError.
func ParseAction(s string) (Action, error) {
	v, err := parseEnum(actionEnum, []byte(s))
	return Action(v), err
}

// EnumValues implements healthedu.Enum: the accepted values, in
// documentation order.
func (Action) EnumValues() []string { return actionEnum.Values() }

// IsValid reports whether a is one of the listed values.
func (a Action) IsValid() bool { return actionEnum.Index(string(a)) >= 0 }

// Label returns the action's name (操作名称) in the supported language that
// serves lang best, such as "退回" in zh-Hans.
func (a Action) Label(lang language.Tag) string { return actionEnum.Label(string(a), lang) }

// UnmarshalText implements encoding.TextUnmarshaler. It accepts only the
// listed values and reports any other with a *healthedu.EnumError.
func (a *Action) UnmarshalText(text []byte) error {
	v, err := parseEnum(actionEnum, text)
	*a = Action(v)
	return err
}

// parseEnum returns the value of s spelled by b, the set's own string so
// that parsing a known value does not allocate, or an *healthedu.EnumError.
func parseEnum(s *enumset.Set, b []byte) (string, error) {
	if v, ok := s.Parse(b); ok {
		return v, nil
	}
	return "", &healthedu.EnumError{Type: s.Name(), Value: string(b), Allowed: s.Values()}
}
