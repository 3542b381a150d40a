// Package modulecheck holds the tests of what the library module carries
// (模块依赖): an importer of jiceng inherits golang.org/x/text and the
// libraries of the module's own tests and generators, and no server,
// database or browser library, which live in the examples module.
package modulecheck
