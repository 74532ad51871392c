package sqldbtest

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"

	"thidua"
	"thidua/rules"
	"thidua/rules/bench"
	"thidua/sqldb"
)

// Population is what Populate added.
type Population struct {
	// Root is the top unit; Units lists every unit, top first.
	Root  int64
	Units []int64
	// People are the ids of the people added, in the order of their
	// generated histories (rules/bench.People with the same seed).
	People []int64
}

// Populate adds to db, directly in SQL and without audit entries, a
// province-shaped organization (a top unit, 20 departments of 4 offices of
// 2 teams each) and n people spread over it with the 10-year histories of
// rules/bench.People(n, seed) — ratings, titles, awards, initiatives,
// disciplines, pending proceedings, maternity leave and leadership posts —
// and Vietnamese names. It is a fixture for measuring and checking the
// eligibility table at scale; the same seed gives the same data.
func Populate(tb testing.TB, db *sqldb.DB, n int, seed uint64) *Population {
	tb.Helper()
	pop, err := Generate(context.Background(), db, n, seed)
	if err != nil {
		tb.Fatalf("populate: %v", err)
	}
	return pop
}

// Generate is Populate for a command: it returns its error.
func Generate(ctx context.Context, db *sqldb.DB, n int, seed uint64) (*Population, error) {
	sqlDB := db.SQL()
	now := time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC)
	pop := &Population{}
	addUnit := func(parent int64, parentPath, name string, depth int) (int64, string, error) {
		var id int64
		var p any
		if parent != 0 {
			p = parent
		}
		if err := sqlDB.QueryRowContext(ctx, `INSERT INTO units (parent_id, name, name_fold, abbrev, kind, active, path, depth, version, created_at, updated_at)
			VALUES ($1, $2, $3, '', 'AGENCY', TRUE, '', $4, 1, $5, $5) RETURNING id`, p, name, thidua.Fold(name), depth, now).Scan(&id); err != nil {
			return 0, "", fmt.Errorf("unit: %w", err)
		}
		path := parentPath + strconv.FormatInt(id, 10) + "/"
		if _, err := sqlDB.ExecContext(ctx, `UPDATE units SET path = $1 WHERE id = $2`, path, id); err != nil {
			return 0, "", fmt.Errorf("unit path: %w", err)
		}
		pop.Units = append(pop.Units, id)
		return id, path, nil
	}
	root, rootPath, err := addUnit(0, "", "UBND tỉnh (dữ liệu thử)", 0)
	if err != nil {
		return nil, err
	}
	pop.Root = root
	var leaves []int64
	for d := 1; d <= 20; d++ {
		dep, depPath, err := addUnit(root, rootPath, fmt.Sprintf("Sở thử %02d", d), 1)
		if err != nil {
			return nil, err
		}
		leaves = append(leaves, dep)
		for o := 1; o <= 4; o++ {
			off, offPath, err := addUnit(dep, depPath, fmt.Sprintf("Phòng %d – Sở thử %02d", o, d), 2)
			if err != nil {
				return nil, err
			}
			leaves = append(leaves, off)
			for t := 1; t <= 2; t++ {
				tm, _, err := addUnit(off, offPath, fmt.Sprintf("Tổ %d – Phòng %d – Sở thử %02d", t, o, d), 3)
				if err != nil {
					return nil, err
				}
				leaves = append(leaves, tm)
			}
		}
	}

	subjects := bench.People(n, seed)
	rng := rand.New(rand.NewPCG(seed, 0x7a3))
	const per = 100
	for start := 0; start < n; start += per {
		tx, err := sqlDB.BeginTx(ctx, nil)
		if err != nil {
			return nil, err
		}
		end := min(start+per, n)
		var q strings.Builder
		q.WriteString(`INSERT INTO people (full_name, name_fold, sort_key, gender, category, is_leader, unit_id, status, version, created_at, updated_at) VALUES `)
		var args []any
		for i := start; i < end; i++ {
			s := &subjects[i]
			gender := thidua.GenderMale
			if s.Gender == rules.Female {
				gender = thidua.GenderFemale
			}
			name := vietnameseName(rng, gender)
			if i > start {
				q.WriteString(", ")
			}
			k := len(args)
			fmt.Fprintf(&q, "($%d, $%d, $%d, $%d, 'CONG_CHUC', $%d, $%d, 'ACTIVE', 1, $%d, $%d)", k+1, k+2, k+3, k+4, k+5, k+6, k+7, k+7)
			args = append(args, name, thidua.Fold(name), thidua.NameSortKey(name), gender, len(s.Leadership) > 0, leaves[rng.IntN(len(leaves))], now)
		}
		q.WriteString(" RETURNING id")
		rows, err := tx.QueryContext(ctx, q.String(), args...)
		if err != nil {
			tx.Rollback()
			return nil, fmt.Errorf("people: %w", err)
		}
		ids := make([]int64, 0, end-start)
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				tx.Rollback()
				return nil, err
			}
			ids = append(ids, id)
		}
		rows.Close()
		if len(ids) != end-start {
			tx.Rollback()
			return nil, fmt.Errorf("%d ids for %d people", len(ids), end-start)
		}
		q.Reset()
		args = args[:0]
		q.WriteString(`INSERT INTO histories (subject_key, person_id, history_json, version, updated_at) VALUES `)
		for j, id := range ids {
			doc, err := json.Marshal(HistoryOf(&subjects[start+j]))
			if err != nil {
				tx.Rollback()
				return nil, err
			}
			if j > 0 {
				q.WriteString(", ")
			}
			k := len(args)
			fmt.Fprintf(&q, "($%d, $%d, $%d, 1, $%d)", k+1, k+2, k+3, k+4)
			args = append(args, "P:"+strconv.FormatInt(id, 10), id, string(doc), now)
		}
		if _, err := tx.ExecContext(ctx, q.String(), args...); err != nil {
			tx.Rollback()
			return nil, fmt.Errorf("histories: %w", err)
		}
		if err := tx.Commit(); err != nil {
			return nil, err
		}
		pop.People = append(pop.People, ids...)
	}
	return pop, nil
}

// HistoryOf is the stored history of a generated subject: pending
// proceedings become an inspection open since the start of its last year.
func HistoryOf(s *rules.Subject) thidua.History {
	h := thidua.History{Ratings: s.Ratings, Titles: s.Titles, Awards: s.Awards, Initiatives: s.Initiatives,
		Disciplines: s.Disciplines, MaternityLeave: s.MaternityLeave, Leadership: s.Leadership}
	if s.PendingProceedings {
		h.Proceedings = []thidua.PendingProceeding{{Kind: thidua.ProceedingInspection, From: thidua.NewDate(bench.LastYear, 1, 1)}}
	}
	h.Normalize()
	return h
}

var (
	familyNames = []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"}
	middleMale  = []string{"Văn", "Hữu", "Đức", "Minh", "Quang", "Thanh", "Công"}
	middleFem   = []string{"Thị", "Ngọc", "Thu", "Thanh", "Minh", "Hồng"}
	givenMale   = []string{"An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hùng", "Khánh", "Long", "Nam", "Phong", "Quân", "Sơn", "Thắng", "Toàn", "Tuấn", "Việt"}
	givenFem    = []string{"Anh", "Châu", "Dung", "Giang", "Hà", "Hạnh", "Hoa", "Huyền", "Lan", "Linh", "Mai", "Ngân", "Nhung", "Oanh", "Phương", "Thảo", "Trang", "Yến"}
)

func vietnameseName(rng *rand.Rand, gender string) string {
	mid, given := middleMale, givenMale
	if gender == thidua.GenderFemale {
		mid, given = middleFem, givenFem
	}
	return familyNames[rng.IntN(len(familyNames))] + " " + mid[rng.IntN(len(mid))] + " " + given[rng.IntN(len(given))]
}
