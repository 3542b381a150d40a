package main

import (
	"context"
	"database/sql"
	"strings"
	"testing"
)

// TestPostgresSearchPathOnEveryConnection holds every connection of a
// test store's pool at once and checks that each works in the test's own
// schema, which the search_path of the URL selects.
func TestPostgresSearchPathOnEveryConnection(t *testing.T) {
	st := openTestPostgres(t).(*sqlStore)
	ctx := context.Background()
	conns := make([]*sql.Conn, 16)
	for i := range conns {
		c, err := st.r.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		conns[i] = c
	}
	for i, c := range conns {
		var schema string
		if err := c.QueryRowContext(ctx, `SELECT current_schema()`).Scan(&schema); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(schema, "intake_test_") {
			t.Errorf("connection %d works in schema %q, not the test's", i, schema)
		}
	}
}
