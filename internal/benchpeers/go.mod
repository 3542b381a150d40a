module github.com/jiceng/jiceng/internal/benchpeers

go 1.26.0

require (
	github.com/go-json-experiment/json v0.0.0-20260213210345-44df1a37e875
	github.com/jiceng/jiceng v0.0.0
)

require golang.org/x/text v0.44.0 // indirect

replace github.com/jiceng/jiceng => ../..
