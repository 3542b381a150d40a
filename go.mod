module github.com/jiceng/jiceng

go 1.26.0
