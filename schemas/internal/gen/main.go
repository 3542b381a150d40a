// Command gen writes the JSON Schemas of the exchange records (数据交换模式)
// to schemas/v1: one file per kind of record — healthedu's exchange kinds
// (healthedu.ExchangeKinds), grid's register documents (grid.Kinds),
// ledger's rectification items (ledger.Kinds), roster's register of
// people (roster.Kinds) and booking's lecture requests (booking.Kinds) —
// named after the kind, and
// record.json, the envelope that dispatches on kind.
//
// It is run by go generate in the schemas directory:
//
//	go generate ./schemas
//
// The schemas are reflected from the Go types with
// github.com/invopop/jsonschema (draft 2020-12): the json and jsonschema
// struct tags give names, required members (those without omitempty or
// omitzero), bounds, lengths and patterns; the doc comments give the
// descriptions, with their Chinese terms; healthedu's value types (codes,
// periods, dates, decimals, enumerations) are mapped to strings with
// patterns, formats and enums, or to numbers. A monthly report's values
// follow jiceng's default data element catalogue (healthedu.DefaultElements,
// 数据元目录): the element is one of its codes, and the value has the type
// of its element, by if/then for each value type. Record schemas that no kind
// produces any more are removed; the schemas other packages write to
// schemas/v1, such as indicators' indicator-catalogue.json, are left
// alone. The output depends only on the types and the catalogue: running
// it twice gives the same bytes.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/jiceng/jiceng/internal/schemagen"
)

func main() {
	dir := flag.String("dir", "v1", "directory to write the schemas to")
	flag.Parse()
	if err := run(*dir); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(dir string) error {
	root, err := schemagen.FindModuleRoot(".")
	if err != nil {
		return err
	}
	files, err := generate(root, kinds())
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	old, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return err
	}
	for _, name := range old {
		if _, keep := files[filepath.Base(name)]; keep {
			continue
		}
		content, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		if ownFile(filepath.Base(name), content) {
			if err := os.Remove(name); err != nil { // a kind no longer described
				return err
			}
		}
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if err := os.WriteFile(filepath.Join(dir, name), files[name], 0o644); err != nil {
			return err
		}
	}
	fmt.Printf("gen: wrote %d schemas to %s: %s\n", len(names), dir, strings.Join(names, " "))
	return nil
}
