package grid

import (
	"slices"
	"time"

	"github.com/jiceng/jiceng/healthedu"
)

// loopStages are the stages of the service loop in order.
var loopStages = [...]Stage{StageNeedsSurvey, StageContentTailoring, StagePreciseEducation, StageEffectTracking}

// Loop is the service loop (服务闭环) of a [Register]: per grid and target
// group, a [Campaign] moves through needs survey (需求摸排), content
// tailoring (内容定制), precise education (精准宣教) and effect tracking
// (效果跟踪), each stage completed by a [LoopEvent]. The events form a log
// with timestamps; a stage starts when the one before it is completed (the
// needs survey when the campaign opens) and is due a number of days later
// ([StageDays]).
//
// An event that would break the order is an issue, not a panic: a stage
// completed out of turn ("loop.transition"), after the campaign finished
// ("loop.finished"), before its stage began ("loop.timeOrder"), or for a
// campaign that is not there ("loop.campaignUnknown"). A stage completed
// after its due time is accepted with the warning "loop.late", and
// [Loop.Overdue] reports stages still running past their due time.
//
// Records reach the loop through [Register.Add]; a Loop is not safe for
// concurrent use.
type Loop struct {
	reg       *Register
	campaigns map[string]*loopCampaign
	applied   map[string]string // event ID → campaign ID
}

// loopCampaign is a campaign and its log.
type loopCampaign struct {
	c   Campaign
	log []LoopEvent // the events applied, in order; stage i is log[i]
}

func (l *Loop) init(r *Register) {
	l.reg = r
	l.campaigns = make(map[string]*loopCampaign)
	l.applied = make(map[string]string)
}

// since returns when the campaign's current stage began.
func (lc *loopCampaign) since() time.Time {
	if n := len(lc.log); n > 0 {
		return lc.log[n-1].At
	}
	return lc.c.Opened
}

// due returns when stage i, begun at since, is due.
func (lc *loopCampaign) due(i int, since time.Time) time.Time {
	return since.Add(time.Duration(lc.c.StageDays.days(i)) * 24 * time.Hour)
}

// open adds or replaces a campaign. A resubmitted campaign keeps its log.
func (l *Loop) open(c *Campaign) []healthedu.Issue {
	issues := l.reg.check(c)
	if _, ok := l.reg.grids[c.Grid]; c.Grid != "" && !ok {
		issues = append(issues, unknownIssue("grid", c.Grid, "grid"))
	}
	if hasErrors(issues) {
		return issues
	}
	for _, id := range sortedKeys(l.campaigns) {
		o := l.campaigns[id]
		if id != c.ID && o.c.Grid == c.Grid && o.c.TargetGroup == c.TargetGroup && len(o.log) < len(loopStages) {
			issues = append(issues, healthedu.NewIssue("loop.concurrent", healthedu.Pointer("targetGroup"),
				map[string]any{"campaign": id, "targetGroup": string(c.TargetGroup)}))
		}
	}
	lc, ok := l.campaigns[c.ID]
	if !ok {
		lc = new(loopCampaign)
		l.campaigns[c.ID] = lc
	}
	lc.c = *c
	if c.StageDays != nil {
		d := *c.StageDays
		lc.c.StageDays = &d
	}
	return issues
}

// apply applies a loop event to its campaign.
func (l *Loop) apply(e *LoopEvent) []healthedu.Issue {
	issues := l.reg.check(e)
	if hasErrors(issues) {
		return issues
	}
	if c, ok := l.applied[e.ID]; ok {
		return append(issues, healthedu.NewIssue("loop.duplicate", "", map[string]any{"event": e.ID, "campaign": c}))
	}
	lc, ok := l.campaigns[e.Campaign]
	if !ok {
		return append(issues, healthedu.NewIssue("loop.campaignUnknown", healthedu.Pointer("campaign"),
			map[string]any{"value": e.Campaign}))
	}
	i := len(lc.log)
	if i == len(loopStages) {
		return append(issues, healthedu.NewIssue("loop.finished", healthedu.Pointer("stage"),
			map[string]any{"campaign": e.Campaign, "stage": string(e.Stage)}))
	}
	if e.Stage != loopStages[i] {
		return append(issues, healthedu.NewIssue("loop.transition", healthedu.Pointer("stage"),
			map[string]any{"stage": string(e.Stage), "expected": string(loopStages[i])}))
	}
	since := lc.since()
	if e.At.Before(since) {
		return append(issues, healthedu.NewIssue("loop.timeOrder", healthedu.Pointer("at"),
			map[string]any{"at": loopTime(e.At), "since": loopTime(since)}))
	}
	if due := lc.due(i, since); e.At.After(due) {
		issues = append(issues, healthedu.NewIssue("loop.late", healthedu.Pointer("at"),
			map[string]any{"stage": string(e.Stage), "due": loopTime(due), "at": loopTime(e.At)}))
	}
	lc.log = append(lc.log, *e)
	l.applied[e.ID] = e.Campaign
	return issues
}

// loopTime writes t for an issue's params: RFC 3339 in China Standard Time.
func loopTime(t time.Time) string {
	return t.In(healthedu.ChinaStandardTime).Format(time.RFC3339)
}

// Progress is where a campaign stands in the service loop (闭环进度).
type Progress struct {
	Campaign    string                // the campaign record's ID
	Grid        string                // the grid record's ID
	TargetGroup healthedu.TargetGroup // 目标人群
	// Stage is the stage under way, or "" when the campaign is done.
	Stage Stage
	// Done reports whether all four stages are completed (闭环完成).
	Done bool
	// Since is when the current stage began; for a finished campaign, when
	// its effect tracking was completed.
	Since time.Time
	// Due is when the current stage is due; zero for a finished campaign.
	Due time.Time
}

// progress returns the progress of campaign id, held in lc.
func (lc *loopCampaign) progress(id string) Progress {
	p := Progress{Campaign: id, Grid: lc.c.Grid, TargetGroup: lc.c.TargetGroup, Since: lc.since()}
	if i := len(lc.log); i < len(loopStages) {
		p.Stage = loopStages[i]
		p.Due = lc.due(i, p.Since)
	} else {
		p.Done = true
	}
	return p
}

// Progress returns the progress of the campaign with record ID id.
func (l *Loop) Progress(id string) (Progress, bool) {
	lc, ok := l.campaigns[id]
	if !ok {
		return Progress{}, false
	}
	return lc.progress(id), true
}

// Campaigns returns the progress of every campaign, ordered by ID.
func (l *Loop) Campaigns() []Progress {
	out := make([]Progress, 0, len(l.campaigns))
	for _, id := range sortedKeys(l.campaigns) {
		out = append(out, l.campaigns[id].progress(id))
	}
	return out
}

// Events returns the log of campaign id: the events applied to it, in the
// order of its stages.
func (l *Loop) Events(id string) []LoopEvent {
	lc, ok := l.campaigns[id]
	if !ok {
		return nil
	}
	return slices.Clone(lc.log)
}

// Overdue reports, as one warning "loop.overdue" each, the campaigns whose
// current stage was due before now, ordered by campaign ID. now is the
// caller's: the library does not read the clock.
func (l *Loop) Overdue(now time.Time) []healthedu.Issue {
	var issues []healthedu.Issue
	for _, p := range l.Campaigns() {
		if !p.Done && now.After(p.Due) {
			issues = append(issues, healthedu.NewIssue("loop.overdue", "",
				map[string]any{"campaign": p.Campaign, "stage": string(p.Stage), "due": loopTime(p.Due)}))
		}
	}
	return issues
}
