package synth

import (
	"math/rand/v2"
	"strings"

	"github.com/jiceng/jiceng/healthedu"
)

// The word lists the generator draws names and titles from. They are
// invented for the purpose: any resemblance to a real person or unit is
// chance.

// surnames are common Chinese surnames, the most frequent first and
// repeated so that drawing uniformly favours them a little.
var surnames = []string{
	"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴",
	"王", "李", "张", "刘", "陈", "杨", "赵", "孙", "马", "朱",
	"徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗",
	"梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧",
	"程", "曹", "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕",
	"苏", "卢", "蒋", "蔡", "贾", "丁", "魏", "薛", "叶", "阎",
	"任", "姜", "崔", "田", "侯", "武", "谭", "聂", "邢", "尹",
}

// givenChars are characters of given names; a given name has one or two.
var givenChars = []string{
	"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋",
	"勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞", "平",
	"刚", "桂", "英", "华", "玉", "兰", "萍", "红", "建", "国",
	"文", "辉", "鹏", "宁", "丹", "凤", "晨", "欣", "悦", "浩",
	"宇", "航", "瑞", "雪", "梅", "琳", "海", "燕", "志", "立",
	"春", "玲", "倩", "婷", "博", "思", "雨", "嘉", "佳", "振",
}

// personName returns a random person's name: a surname and one or two
// characters.
func personName(r *rand.Rand) string {
	var b strings.Builder
	b.WriteString(pick(r, surnames))
	b.WriteString(pick(r, givenChars))
	if r.IntN(10) < 7 {
		b.WriteString(pick(r, givenChars))
	}
	return b.String()
}

// communityWords name communities (社区) in a town's 街道.
var communityWords = []string{
	"幸福", "和平", "光明", "振兴", "花园", "东关", "西关", "南关", "北关", "文化",
	"建设", "育新", "朝阳", "向阳", "新华", "民主", "团结", "兴华", "龙山", "运河",
	"湖滨", "柳园", "站前", "古楼", "东方", "锦绣", "阳光", "安居", "丰收", "长青",
}

// villageSuffixes end village names (村) in the plain of western Shandong.
var villageSuffixes = []string{"庄", "楼", "集", "屯", "寨", "营", "店", "官屯", "家庄", "堂"}

// villageName returns a random village's name without 村: 王庄, 李官屯.
func villageName(r *rand.Rand) string {
	return pick(r, surnames) + pick(r, villageSuffixes)
}

// communityName returns a random community's name without 社区.
func communityName(r *rand.Rand) string { return pick(r, communityWords) }

// enterpriseWords and enterpriseTrades name the enterprises of health
// cells.
var (
	enterpriseWords  = []string{"鑫源", "华泰", "金穗", "鲁西", "恒通", "盛达", "宏远", "瑞丰", "康达", "鼎盛"}
	enterpriseTrades = []string{"食品", "纺织", "机械", "化工", "轴承", "农业科技", "物流", "建材"}
)

// agencyNames are the county agencies that become healthy agencies
// (健康机关); each is prefixed with the county's name.
var agencyNames = []string{
	"卫生健康局", "教育和体育局", "市场监督管理局", "民政局", "人力资源和社会保障局",
	"农业农村局", "司法局", "住房和城乡建设局", "财政局", "统计局",
}

// stem returns a division's name without its level's suffix: 沙镇 for
// 沙镇镇, 古楼 for 古楼街道, 阳谷 for 阳谷县, 聊城 for 聊城市. A name that
// would become empty is returned whole.
func stem(name string) string {
	for _, suffix := range []string{"街道办事处", "街道", "镇", "乡", "区", "县", "市", "旗", "州", "盟"} {
		if s, ok := strings.CutSuffix(name, suffix); ok && s != "" {
			return s
		}
	}
	return name
}

// topicTitles are lecture titles by topic (讲座题目).
var topicTitles = map[healthedu.Topic][]string{
	"literacy-66":                    {"健康素养66条解读", "做自己健康的第一责任人", "健康素养知识讲座"},
	"three-reductions-three-healths": {"三减三健 健康生活", "减盐减油减糖 从餐桌做起", "健康口腔 健康体重 健康骨骼"},
	"hypertension":                   {"高血压防治知识讲座", "管住血压 守护心脑健康", "高血压患者自我管理"},
	"diabetes":                       {"糖尿病防治知识讲座", "控好血糖 远离并发症", "糖尿病患者饮食与运动"},
	"chronic-disease":                {"慢性病防治知识讲座", "慢病规范管理与合理用药", "远离慢病 健康生活"},
	"mental-health":                  {"心理健康知识讲座", "阳光成长 心理护航", "老年人心理关爱"},
	"falls":                          {"老年人防跌倒知识讲座", "防跌倒 保平安", "居家适老化与防跌倒"},
	"smart-devices":                  {"老年人智能手机使用培训", "跨越数字鸿沟 智能设备助老", "健康小程序使用指导"},
	"infectious-disease":             {"冬春季呼吸道传染病防控", "传染病防控知识讲座", "科学防疫 健康过冬"},
	"vaccination":                    {"预防接种知识讲座", "疫苗接种 守护健康", "老年人流感疫苗接种宣传"},
	"nutrition":                      {"合理膳食 健康生活", "老年人营养与膳食指导", "儿童营养与健康成长"},
	"maternal-child":                 {"孕产期保健知识讲座", "0～6岁儿童健康管理", "科学育儿 健康成长"},
	"tcm":                            {"中医药养生保健讲座", "四季养生话中医", "中医适宜技术推广"},
	"fitness":                        {"全民健身 科学运动", "健步走与八段锦", "送体育下乡 健身指导"},
	"first-aid":                      {"应急救护知识讲座", "家庭急救常识", "意外伤害的现场处置"},
	"tobacco":                        {"控烟知识讲座", "吸烟有害健康 拒绝二手烟", "无烟家庭 健康生活"},
}

// topicGroups are the target groups a topic addresses (目标人群).
var topicGroups = map[healthedu.Topic][]healthedu.TargetGroup{
	"literacy-66":                    {"general"},
	"three-reductions-three-healths": {"general", "office-workers"},
	"hypertension":                   {"chronic-patients", "elderly"},
	"diabetes":                       {"chronic-patients", "elderly"},
	"chronic-disease":                {"chronic-patients", "elderly", "low-income"},
	"mental-health":                  {"students", "solitary-elderly"},
	"falls":                          {"elderly", "solitary-elderly"},
	"smart-devices":                  {"elderly"},
	"infectious-disease":             {"general", "elderly"},
	"vaccination":                    {"children-0-6", "young-parents", "elderly"},
	"nutrition":                      {"general", "children-0-6", "elderly"},
	"maternal-child":                 {"pregnant-women", "young-parents", "children-0-6"},
	"tcm":                            {"general", "elderly"},
	"fitness":                        {"general", "office-workers"},
	"first-aid":                      {"general", "students"},
	"tobacco":                        {"general", "office-workers"},
}

// lectureTopics are the topics of lectures, weighted by repetition: the
// chronic diseases and the elderly lead, as in 聊城's figures.
var lectureTopics = []healthedu.Topic{
	"hypertension", "hypertension", "diabetes", "diabetes", "chronic-disease",
	"literacy-66", "literacy-66", "three-reductions-three-healths", "three-reductions-three-healths",
	"falls", "falls", "smart-devices", "mental-health", "infectious-disease",
	"vaccination", "nutrition", "maternal-child", "tcm", "fitness", "tobacco",
}

// freeClinicTitles are the titles of free clinics (义诊); %s is replaced
// by the township's name.
var freeClinicTitles = []string{
	"“健康知识进万家”义诊活动", "家庭医生签约服务义诊", "三减三健义诊咨询",
	"“白衣风采”进社区义诊", "慢病筛查义诊", "中医药健康义诊",
}

// firstAidTitles are the titles of first-aid trainings (急救培训).
var firstAidTitles = []string{
	"心肺复苏与AED使用培训", "海姆立克急救法培训", "应急救护知识培训", "“红色挎包”急救技能演示",
}

// pick returns a random element of s, which must not be empty.
func pick[T any](r *rand.Rand, s []T) T { return s[r.IntN(len(s))] }
