// Package benchpeers measures jiceng beside the libraries it is compared
// with (同台对比基准), in a module of its own, so that the library module
// never requires them: its benchmarks run jiceng and a peer on the same
// generated records in one invocation of go test,
//
//	go test -run '^$' -bench 'ValidateActivityStream|DecodeActivityFloor' -benchmem -cpu 1 ./internal/benchpeers
//
// from the repository's root (the workspace, go.work, joins this module
// to the library's).
package benchpeers
