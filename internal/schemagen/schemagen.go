// Package schemagen holds what jiceng's JSON Schema generators share (the
// record schemas' in schemas/internal/gen, the indicator catalogue's in
// indicators/internal/catalogschema): finding the module's root and loading
// a package's doc comments into an invopop/jsonschema Reflector, so that
// the schemas' descriptions carry the Chinese terms of the Go docs.
package schemagen

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/invopop/jsonschema"
)

// FindModuleRoot returns the directory holding go.mod at or above dir.
func FindModuleRoot(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod found above the working directory")
		}
		dir = parent
	}
}

// AddComments loads the doc comments of the package with import path pkg,
// found under the module root root, into r, each folded onto one line (a
// description is one paragraph).
//
// The reflector keys comments by import path, which it makes by joining a
// base with the walked directory relative to the working directory;
// AddComments picks the base so that the keys are right whatever the
// working directory.
func AddComments(r *jsonschema.Reflector, root, pkg string) error {
	modulePath, err := ReadModulePath(filepath.Join(root, "go.mod"))
	if err != nil {
		return err
	}
	rel, ok := strings.CutPrefix(pkg, modulePath+"/")
	if !ok {
		return fmt.Errorf("package %s is not in module %s", pkg, modulePath)
	}
	wd, err := os.Getwd()
	if err != nil {
		return err
	}
	fromWD, err := filepath.Rel(wd, filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		return err
	}
	wdRel, err := filepath.Rel(root, wd)
	if err != nil {
		return err
	}
	base := path.Join(modulePath, filepath.ToSlash(wdRel))
	if path.Join(base, filepath.ToSlash(fromWD)) != pkg {
		return fmt.Errorf("cannot address %s from %s", pkg, wd)
	}
	if err := r.AddGoComments(base, fromWD); err != nil {
		return err
	}
	for k, v := range r.CommentMap {
		r.CommentMap[k] = strings.Join(strings.Fields(v), " ")
	}
	return nil
}

// ReadModulePath returns the module path declared in the go.mod file at
// name.
func ReadModulePath(name string) (string, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return "", err
	}
	for line := range strings.Lines(string(b)) {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(line), "module "); ok {
			return strings.Trim(strings.TrimSpace(rest), `"`), nil
		}
	}
	return "", fmt.Errorf("%s: no module line", name)
}
