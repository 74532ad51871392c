package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"thidua"
	"thidua/demo/province"
	"thidua/rules"
	"thidua/sqldb"
)

// runGenerate fills an empty database with a province.
func runGenerate(args []string) error {
	fs := flag.NewFlagSet("generate", flag.ExitOnError)
	dbURL := fs.String("database-url", "/tmp/thidua-province/thidua.db", "an empty database: a SQLite file path or a postgres:// URL")
	seed := fs.Uint64("seed", 2026, "seed of every name, date and record")
	scale := fs.Float64("scale", 1, "multiplies every count but the units (1: 50,000 people)")
	fs.Parse(args)
	ctx := thidua.NewSystemContext(context.Background())
	db, err := openMigrated(ctx, *dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetJudge(rules.NewService(rules.Default(), "default"))
	fmt.Printf("Tạo dữ liệu tỉnh (hạt giống %d, tỷ lệ %g) vào %s:\n", *seed, *scale, *dbURL)
	t0 := time.Now()
	n, err := province.Generate(ctx, db, province.Options{Seed: *seed, Scale: *scale, Log: os.Stdout})
	if err != nil {
		return err
	}
	fmt.Printf("Xong trong %s: %d đơn vị, %d cá nhân, %d hồ sơ khen thưởng, %d phong trào, %d đăng ký, %d tờ trình, %d phiên họp, %d quyết định, %d tin bài.\n",
		time.Since(t0).Round(time.Second), n.Units, n.People, n.Histories, n.Campaigns, n.Registrations, n.Proposals, n.Meetings, n.Decisions, n.Articles)
	fmt.Println("Tài khoản:")
	for _, a := range province.Accounts {
		fmt.Printf("  %-12s %-22s %s\n", a.Username, a.Password, a.Role)
	}
	fmt.Printf("  Mỗi cơ quan có đề nghị khen thưởng: cán bộ thi đua thiduaNN, Hội đồng hdNN-1…hdNN-3, thư ký tkNN (NN: 01 Văn phòng UBND tỉnh, 02 Sở Nội vụ, …), mật khẩu %s\n", province.AgencyPassword)
	return nil
}

// openMigrated opens url (creating a SQLite file's folder) and migrates it.
func openMigrated(ctx context.Context, url string) (*sqldb.DB, error) {
	if !isPostgres(url) {
		if err := os.MkdirAll(dirOf(url), 0o755); err != nil {
			return nil, err
		}
	}
	db, err := sqldb.Open(ctx, url)
	if err != nil {
		return nil, err
	}
	if _, err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}
