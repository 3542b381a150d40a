package wire

// DivisionSearch is the answer of GET /v1/divisions/search (区划查找): the
// divisions of the registry whose name or code matches the query, best
// first, each with its path, and how many matched in all.
type DivisionSearch struct {
	Query   string          `json:"query"`
	Matches []DivisionMatch `json:"matches"`
	// Total is the number of divisions that match, of which Matches holds
	// the first few; Total > len(Matches) means a narrower query would
	// find the rest.
	Total int `json:"total"`
}

// DivisionMatch is one division found (查找结果): its code, name and level,
// and its path, the divisions that contain it, province first (山东省 ›
// 聊城市 for 东昌府区).
type DivisionMatch struct {
	Division
	Path []Division `json:"path"`
}
