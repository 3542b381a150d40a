package main

import _ "embed"

// openAPIDocument is the OpenAPI 3.1 description of the API, written by
// hand; a test checks that it describes every route.
//
//go:embed openapi.json
var openAPIDocument []byte
