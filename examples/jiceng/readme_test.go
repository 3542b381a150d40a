package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/jiceng/jiceng/indicators"
)

// TestREADMECommands runs the command lines of README.md's "From the shell"
// example, as written, in a scratch directory, and checks that they work
// and that indicators prints the lines the README shows: a newcomer who
// copies them sees what the README says.
func TestREADMECommands(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	const prefix = "go run ./examples/jiceng "
	_, rest, ok := strings.Cut(string(readme), "From the shell, the same through the command line:\n\n```sh\n")
	if !ok {
		t.Fatal(`README.md has no "From the shell" example`)
	}
	block, rest, _ := strings.Cut(rest, "```\n")
	var commands [][]string
	for _, l := range strings.Split(strings.TrimSpace(block), "\n") {
		if !strings.HasPrefix(l, prefix) {
			t.Fatalf("README.md: %q is not a jiceng command", l)
		}
		commands = append(commands, strings.Fields(strings.TrimPrefix(l, prefix)))
	}
	// The output the README shows, in the next fenced block.
	_, rest, _ = strings.Cut(rest, "```\n")
	shown, _, _ := strings.Cut(rest, "```\n")
	if len(commands) != 3 || commands[0][0] != "generate" || commands[2][0] != "indicators" || shown == "" {
		t.Fatalf("README.md's example: commands %q, output shown %q", commands, shown)
	}

	t.Chdir(t.TempDir())
	outputs := make(map[string]string)
	for _, args := range commands {
		var out, errOut bytes.Buffer
		if code := run(args, strings.NewReader(""), &out, &errOut); code != exitOK {
			t.Fatalf("jiceng %s: exit %d, stderr:\n%s", strings.Join(args, " "), code, errOut.String())
		}
		if errOut.Len() > 0 {
			t.Errorf("jiceng %s: stderr:\n%s", strings.Join(args, " "), errOut.String())
		}
		outputs[args[0]] = out.String()
	}
	if !strings.Contains(outputs["validate"], " 0 rejected") {
		t.Errorf("validate:\n%s", outputs["validate"])
	}
	table := outputs["indicators"]
	for _, l := range strings.Split(strings.TrimSpace(shown), "\n") {
		if !strings.Contains(table, l+"\n") {
			t.Errorf("indicators does not print the README's line\n%s\nbut:\n%s", l, table)
		}
	}
	// Every county has every figure: no row without data, but for the
	// instructors who serve the city (市级指导员), whom no county holds, and
	// whose figure the city has.
	const cityOnly = "residents-bound-per-instructor-city"
	for _, l := range strings.Split(table, "\n") {
		if strings.Contains(l, "无数据") && !strings.Contains(l, " "+cityOnly+" ") {
			t.Errorf("a row without data: %s", l)
		}
	}
	ind := commands[2]
	city := []string{"indicators", "-divisions", "3715", "-indicators", cityOnly}
	for i := 1; i+1 < len(ind); i += 2 {
		if ind[i] == "-period" || ind[i] == "-now" {
			city = append(city, ind[i], ind[i+1])
		}
	}
	var out, errOut bytes.Buffer
	if code := run(append(city, ind[len(ind)-1]), strings.NewReader(""), &out, &errOut); code != exitOK || strings.Contains(out.String(), "无数据") || !strings.Contains(out.String(), cityOnly) {
		t.Errorf("jiceng %s: exit %d, the city's figure:\n%s%s", strings.Join(city, " "), code, out.String(), errOut.String())
	}
	if n, want := strings.Count(table, "\n3715"), 8*len(indicators.DefaultCatalogue().Indicators()); n != want {
		t.Errorf("%d rows, want %d (8 counties × the catalogue)", n, want)
	}
}

// TestREADMEWorkCommands runs the compliance and weekly command lines of
// README.md, as written, from the repository's root, where their files
// are: both work, and both exit 1, as the README says, because the files
// hold an institution short of the norm and items overdue.
func TestREADMEWorkCommands(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	const prefix = "go run ./examples/jiceng "
	_, rest, ok := strings.Cut(string(readme), "The work between the numbers")
	if !ok {
		t.Fatal(`README.md has no "The work between the numbers" paragraph`)
	}
	_, rest, _ = strings.Cut(rest, "```sh\n")
	block, _, _ := strings.Cut(rest, "```\n")
	var names []string
	t.Chdir(filepath.Join("..", ".."))
	for _, l := range strings.Split(strings.TrimSpace(block), "\n") {
		if !strings.HasPrefix(l, prefix) {
			t.Fatalf("README.md: %q is not a jiceng command", l)
		}
		args := strings.Fields(strings.TrimPrefix(l, prefix))
		names = append(names, args[0])
		var out, errOut bytes.Buffer
		want := map[string]int{"compliance": exitNotCompliant, "weekly": exitOverdue}[args[0]]
		if code := run(args, strings.NewReader(""), &out, &errOut); code != want {
			t.Errorf("jiceng %s: exit %d, want %d; stderr:\n%s", strings.Join(args, " "), code, want, errOut.String())
		}
		if out.Len() == 0 {
			t.Errorf("jiceng %s printed nothing", args[0])
		}
	}
	if diff := cmp.Diff([]string{"compliance", "weekly"}, names); diff != "" {
		t.Errorf("README.md's commands (-want +got):\n%s", diff)
	}
}
