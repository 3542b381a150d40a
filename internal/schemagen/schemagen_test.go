package schemagen

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/invopop/jsonschema"
)

func TestAddComments(t *testing.T) {
	root, err := FindModuleRoot(".")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ReadModulePath(filepath.Join(root, "go.mod")); err != nil {
		t.Fatal(err)
	}
	r := &jsonschema.Reflector{}
	if err := AddComments(r, root, "github.com/jiceng/jiceng/healthedu"); err != nil {
		t.Fatal(err)
	}
	got := r.CommentMap["github.com/jiceng/jiceng/healthedu.Activity.Division"]
	if !strings.Contains(got, "活动地点区划代码") || strings.Contains(got, "\n") {
		t.Errorf("comment of Activity.Division = %q, want one line with its Chinese term", got)
	}
	if err := AddComments(r, root, "example.com/other"); err == nil {
		t.Error("AddComments accepted a package outside the module")
	}
}
