package province_test

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"testing"

	"thidua"
	"thidua/demo/province"
	"thidua/rules"
	"thidua/sqldb"
	"thidua/sqldb/sqldbtest"
)

// fingerprint hashes what a seed decides: the people (names, genders,
// dates, units), the histories, the campaigns' titles and states, the
// decisions' numbers and the articles' titles, in id order.
func fingerprint(t *testing.T, db *sqldb.DB) string {
	t.Helper()
	h := sha256.New()
	for _, q := range []string{
		`SELECT u.name || '|' || p.full_name || '|' || p.gender || '|' || COALESCE(p.birth_date, '') || '|' || p.position FROM people p JOIN units u ON u.id = p.unit_id ORDER BY p.id`,
		`SELECT history_json FROM histories ORDER BY subject_key`,
		`SELECT title || '|' || state FROM campaigns ORDER BY id`,
		`SELECT title || '|' || state || '|' || COALESCE(number, 0) FROM decisions ORDER BY id`,
		`SELECT title || '|' || slug FROM articles ORDER BY id`,
	} {
		rows, err := db.SQL().Query(q)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintln(h, s)
		}
		rows.Close()
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

// TestGenerateSmall generates a province at 1/100 on each database: every
// part is made, the second run is refused, and both databases hold the
// same province (the generator depends on the seed only).
func TestGenerateSmall(t *testing.T) {
	prints := map[string]string{}
	sqldbtest.ForEach(t, func(t *testing.T, db *sqldb.DB) {
		ctx := thidua.NewSystemContext(context.Background())
		db.SetJudge(rules.NewService(rules.Default(), "default"))
		n, err := province.Generate(ctx, db, province.Options{Seed: 7, Scale: 0.01})
		if err != nil {
			t.Fatalf("Generate: %v", err)
		}
		if n.Units < 200 || n.People != 500 || n.Campaigns != 5 || n.Registrations == 0 || n.Scores == 0 ||
			n.Proposals != 10 || n.Decisions != 20 || n.Articles != 200 {
			t.Fatalf("counts %+v", n)
		}
		var issued, states, maternity, disciplines int
		db.SQL().QueryRow(`SELECT count(*) FROM decisions WHERE state = 'ISSUED'`).Scan(&issued)
		db.SQL().QueryRow(`SELECT count(DISTINCT state) FROM campaigns`).Scan(&states)
		db.SQL().QueryRow(`SELECT count(*) FROM histories WHERE history_json LIKE '%"maternity_leave":[{%'`).Scan(&maternity)
		db.SQL().QueryRow(`SELECT count(*) FROM histories WHERE history_json LIKE '%"disciplines":[{%'`).Scan(&disciplines)
		if issued == 0 || issued == n.Decisions || states != 5 || maternity == 0 || disciplines == 0 {
			t.Fatalf("issued %d of %d decisions, %d campaign states, %d maternity, %d disciplines", issued, n.Decisions, states, maternity, disciplines)
		}
		// Each award at its level: the Giấy khen in the agencies' registers,
		// the Bằng khen forwarded up and decided in the province's.
		var forwarded, provinceGK, agencyGK, provinceBKCT int
		db.SQL().QueryRow(`SELECT count(*) FROM proposal_ladder`).Scan(&forwarded)
		db.SQL().QueryRow(`SELECT count(*) FROM decisions WHERE issuer = 'UBND' AND title LIKE '%Giấy khen%'`).Scan(&provinceGK)
		db.SQL().QueryRow(`SELECT count(*) FROM decisions WHERE issuer <> 'UBND' AND title LIKE '%Giấy khen%'`).Scan(&agencyGK)
		db.SQL().QueryRow(`SELECT count(*) FROM decisions WHERE issuer = 'UBND' AND title LIKE '%Bằng khen%'`).Scan(&provinceBKCT)
		if n.Forwarded == 0 || forwarded != n.Forwarded || provinceGK != 0 || agencyGK == 0 || provinceBKCT == 0 {
			t.Fatalf("%d forwarded (%d stored), Giấy khen decided %d at the province and %d at agencies, %d Bằng khen at the province",
				n.Forwarded, forwarded, provinceGK, agencyGK, provinceBKCT)
		}
		// The ladder's scope rule holds for the generated accounts: the
		// province's officer sees what was forwarded to it, not the
		// agencies' own proposals; the first agency's officer sees its own.
		sees := func(username string) int {
			u, err := db.FindUserByUsername(ctx, username)
			if err != nil {
				t.Fatalf("%s: %v", username, err)
			}
			_, total, err := db.FindProposals(thidua.NewContextWithUser(context.Background(), u), thidua.ProposalFilter{Limit: 1})
			if err != nil {
				t.Fatalf("proposals of %s: %v", username, err)
			}
			return total
		}
		if got := sees("thiduatinh"); got != n.Forwarded {
			t.Errorf("the province's officer sees %d proposals, want the %d forwarded", got, n.Forwarded)
		}
		if got := sees("thidua01"); got == 0 || got >= n.Proposals+n.Forwarded {
			t.Errorf("the first agency's officer sees %d of %d proposals", got, n.Proposals+n.Forwarded)
		}
		if _, err := province.Generate(ctx, db, province.Options{Seed: 7, Scale: 0.01}); !errors.Is(err, province.ErrNotEmpty) {
			t.Fatalf("second Generate: %v", err)
		}
		prints[db.Dialect().String()] = fingerprint(t, db)
	})
	if len(prints) == 2 {
		var first string
		for d, p := range prints {
			if first != "" && p != first {
				t.Fatalf("the same seed gave different provinces: %v (%s)", prints, d)
			}
			first = p
		}
	}
}
