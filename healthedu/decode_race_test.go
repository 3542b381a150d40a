//go:build race

package healthedu

// decodeRaceEnabled tells the tests that the race detector, which adds
// allocations, is on.
const decodeRaceEnabled = true
