package demo

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"thidua"
	"thidua/cluster"
	"thidua/sqldb"
	"thidua/sqldb/clusters"
)

// ClusterName is the demo year's bloc: every agency directly under UBND
// tỉnh at load time.
const ClusterName = "Khối các cơ quan tổng hợp"

// ClusterYear is the year of the demo bloc, the demo's assessment year.
const ClusterYear = 2025

// clusterTargets are the demo covenant's targets (giao ước thi đua).
const clusterTargets = `1. Hoàn thành 100% nhiệm vụ được Ủy ban nhân dân tỉnh giao trong năm, đúng tiến độ và chất lượng.
2. Giải quyết thủ tục hành chính đúng hạn trên 98%; không để hồ sơ quá hạn do lỗi chủ quan.
3. Thực hành tiết kiệm, chống lãng phí; không có cán bộ, công chức vi phạm kỷ luật.
4. Đẩy mạnh chuyển đổi số: 100% văn bản đi, đến (trừ văn bản mật) xử lý trên môi trường mạng.`

// loadCluster forms the demo bloc of ClusterYear with its signed covenant:
// the members are every unit of kind agency directly under the root unit
// when the demo loads (in the order they were created), the first leads, the
// second is its deputy; the Office's council member scores for the Office.
// It runs last in load, inside the same transaction, when the store is the
// database; the covenant's document is kept in the database's file store.
func loadCluster(ctx context.Context, s Store) error {
	db, ok := s.(*sqldb.DB)
	if !ok {
		return nil
	}
	units, _, err := s.FindUnits(ctx, thidua.UnitFilter{})
	if err != nil {
		return fmt.Errorf("demo: cluster units: %w", err)
	}
	// In the order they were created: the Office first.
	slices.SortFunc(units, func(a, b *thidua.Unit) int { return cmp.Compare(a.ID, b.ID) })
	var root *thidua.Unit
	for _, u := range units {
		if u.ParentID == 0 {
			root = u
			break
		}
	}
	if root == nil {
		return nil
	}
	c := &cluster.Cluster{Year: ClusterYear, Kind: cluster.KindBloc, Name: ClusterName, UnitID: root.ID}
	for _, u := range units {
		if u.ParentID == root.ID && u.Kind == thidua.UnitAgency {
			c.Members = append(c.Members, cluster.Member{UnitID: u.ID})
		}
	}
	if len(c.Members) < 2 {
		return nil
	}
	c.LeaderUnitID, c.DeputyUnitID = c.Members[0].UnitID, c.Members[1].UnitID
	if u, err := s.FindUserByUsername(ctx, "hoidong"); err == nil {
		for i, m := range c.Members {
			for _, g := range u.Grants {
				if g.Role == thidua.RoleCouncil && g.UnitID == m.UnitID {
					c.Members[i].ScorerID = u.ID
				}
			}
		}
	}
	cs := clusters.New(db)
	if err := cs.CreateCluster(ctx, c); err != nil {
		return fmt.Errorf("demo: create cluster: %w", err)
	}
	cv := &cluster.Covenant{ClusterID: c.ID, Targets: clusterTargets, SignedOn: thidua.NewDate(ClusterYear, time.January, 20)}
	for _, m := range c.Members {
		signer, post := "Thủ trưởng "+m.Name, "Thủ trưởng cơ quan"
		people, _, err := s.FindPeople(ctx, thidua.PersonFilter{UnitID: m.UnitID, Limit: 50})
		if err != nil {
			return fmt.Errorf("demo: cluster signers: %w", err)
		}
		found := false
		for _, p := range people { // the head, not a deputy (Phó …)
			if p.IsLeader && p.UnitID == m.UnitID && (!found || !strings.HasPrefix(p.Position, "Phó")) {
				signer, post, found = p.FullName, p.Position, true
				if !strings.HasPrefix(p.Position, "Phó") {
					break
				}
			}
		}
		cv.Signatures = append(cv.Signatures, cluster.Signature{UnitID: m.UnitID, Signer: signer, SignerPost: post})
	}
	doc := []byte(covenantPDF(c, cv))
	key := fmt.Sprintf("demo-covenant-%d", c.ID)
	if err := db.Files().Put(ctx, key, doc); err != nil {
		return fmt.Errorf("demo: covenant file: %w", err)
	}
	cv.File = cluster.Document{Name: "giao-uoc-thi-dua-2025.pdf", ContentType: "application/pdf", Size: int64(len(doc)), Key: key}
	if _, err := cs.SaveCovenant(ctx, cv); err != nil {
		return fmt.Errorf("demo: covenant: %w", err)
	}
	return nil
}

// covenantPDF is a one-page PDF standing for the signed covenant (ASCII
// text: the scan of a signed paper is what a real cluster stores).
func covenantPDF(c *cluster.Cluster, cv *cluster.Covenant) string {
	text := fmt.Sprintf("Giao uoc thi dua %d - %d thanh vien - ky ngay %s", c.Year, len(c.Members), cv.SignedOn.String())
	stream := "BT /F1 14 Tf 72 760 Td (" + text + ") Tj ET"
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(stream), stream),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	out := "%PDF-1.4\n"
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = len(out)
		out += fmt.Sprintf("%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := len(out)
	out += fmt.Sprintf("xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		out += fmt.Sprintf("%010d 00000 n \n", off)
	}
	return out + fmt.Sprintf("trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
}
