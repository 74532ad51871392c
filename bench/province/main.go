// Command province generates a province and walks every page of thidua on
// it.
//
//	go run ./bench/province generate [-database-url /tmp/thidua-province/thidua.db] [-scale 1] [-seed 2026]
//	go run ./bench/province walk [-database-url …] [-nodes 2]
//
// generate fills an empty database (SQLite file or postgres:// URL) with a
// province (see thidua/demo/province) and prints how long each part took.
// walk starts `thidua serve` on it as a child process and requests every
// GET route of the route table as the province's officer, a department
// head and a staff member, first one client at a time and then four at
// once, printing p50/p95/max per route, the server's peak RSS and the
// client's CPU time; it exits 1 when a goal is missed.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: province generate|walk [flags]")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "generate":
		err = runGenerate(os.Args[2:])
	case "walk":
		err = runWalk(os.Args[2:])
	default:
		fmt.Fprintln(os.Stderr, "usage: province generate|walk [flags]")
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "province:", err)
		os.Exit(1)
	}
}

func isPostgres(url string) bool {
	return strings.HasPrefix(url, "postgres://") || strings.HasPrefix(url, "postgresql://")
}

func dirOf(path string) string { return filepath.Dir(strings.TrimPrefix(path, "sqlite:")) }
