// Package apidoc holds a test that every exported name in jiceng's public
// packages has a doc comment, as the project's conventions require.
package apidoc
