package roster

import (
	"golang.org/x/text/language"

	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/internal/enumset"
)

// Level is the level at which an instructor serves or a lecture team is
// organised (层级): the level of the division it belongs to. 黔西南's four
// levels 州/县/乡/村 are city, county, township and village: a prefecture
// (州) is a city-level division.
type Level string

// The levels.
const (
	LevelProvince Level = "province" // 省级
	LevelCity     Level = "city"     // 市（州）级
	LevelCounty   Level = "county"   // 县（区）级
	LevelTownship Level = "township" // 乡（镇、街道）级
	LevelVillage  Level = "village"  // 村（社区）级
)

var levelEnum = enumset.New("Level", []enumset.Entry{
	{"province", "省级", "省級", "province"},
	{"city", "市（州）级", "市（州）級", "city or prefecture"},
	{"county", "县（区）级", "縣（區）級", "county or district"},
	{"township", "乡（镇、街道）级", "鄉（鎮、街道）級", "township or subdistrict"},
	{"village", "村（社区）级", "村（社區）級", "village or community"},
})

// EnumValues implements healthedu.Enum: the accepted values, from the
// highest level down.
func (Level) EnumValues() []string { return levelEnum.Values() }

// IsValid reports whether l is one of the listed values.
func (l Level) IsValid() bool { return levelEnum.Index(string(l)) >= 0 }

// Label returns the level's name in the supported language that serves
// lang best, such as "县（区）级" in zh-Hans.
func (l Level) Label(lang language.Tag) string { return levelEnum.Label(string(l), lang) }

// UnmarshalText implements encoding.TextUnmarshaler. It accepts only the
// listed values and reports any other with a *healthedu.EnumError.
func (l *Level) UnmarshalText(text []byte) error {
	if v, ok := levelEnum.Parse(text); ok {
		*l = Level(v)
		return nil
	}
	*l = ""
	return &healthedu.EnumError{Type: levelEnum.Name(), Value: string(text), Allowed: levelEnum.Values()}
}

// DivisionLevel returns the level of division that l stands for
// (区划级别), such as healthedu.LevelCounty for LevelCounty, and the zero
// DivisionLevel for a value not listed.
func (l Level) DivisionLevel() healthedu.DivisionLevel {
	return map[Level]healthedu.DivisionLevel{
		LevelProvince: healthedu.LevelProvince,
		LevelCity:     healthedu.LevelCity,
		LevelCounty:   healthedu.LevelCounty,
		LevelTownship: healthedu.LevelTownship,
		LevelVillage:  healthedu.LevelVillage,
	}[l]
}

// LevelOf returns the Level of a division level (区划级别对应层级), "" for
// the zero DivisionLevel.
func LevelOf(l healthedu.DivisionLevel) Level {
	for _, v := range levelEnum.Values() {
		if Level(v).DivisionLevel() == l {
			return Level(v)
		}
	}
	return ""
}
