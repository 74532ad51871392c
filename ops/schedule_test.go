package ops_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"thidua"
	"thidua/ops"
)

func TestUntilDaily(t *testing.T) {
	h, m, err := ops.ParseSchedule("02:30")
	if err != nil || h != 2 || m != 30 {
		t.Fatalf("ParseSchedule = %d:%d, %v", h, m, err)
	}
	if _, _, err := ops.ParseSchedule("25:00"); err == nil {
		t.Error("ParseSchedule(25:00) accepted")
	}
	// 19:00 UTC is 02:00 in Vietnam: the next 02:30 is half an hour away.
	now := time.Date(2026, 3, 15, 19, 0, 0, 0, time.UTC)
	if d := ops.UntilDaily(now, 2, 30); d != 30*time.Minute {
		t.Errorf("UntilDaily = %v, want 30m", d)
	}
	if d := ops.UntilDaily(now.Add(time.Hour), 2, 30); d != 23*time.Hour+30*time.Minute {
		t.Errorf("UntilDaily after the time = %v, want 23h30m", d)
	}
}

func TestPrune(t *testing.T) {
	k, err := ops.ParseKeep("3d,2m")
	if err != nil || k != (ops.Keep{Daily: 3, Monthly: 2}) {
		t.Fatalf("ParseKeep = %+v, %v", k, err)
	}
	if _, err := ops.ParseKeep("7x"); err == nil {
		t.Error("ParseKeep(7x) accepted")
	}
	dir := t.TempDir()
	var names []string
	for _, d := range []string{"2026-01-10", "2026-01-31", "2026-02-27", "2026-02-28", "2026-03-01", "2026-03-02", "2026-03-02"} {
		at, _ := time.ParseInLocation("2006-01-02", d, thidua.VietnamZone)
		at = at.Add(time.Duration(len(names)) * time.Hour)
		names = append(names, ops.BackupName(at))
		os.WriteFile(filepath.Join(dir, ops.BackupName(at)), []byte("x"), 0o600)
	}
	os.WriteFile(filepath.Join(dir, "other.tar.gz"), []byte("x"), 0o600)
	if _, err := ops.Prune(dir, k); err != nil {
		t.Fatal(err)
	}
	left, _ := ops.Backups(dir)
	var got []string
	for _, b := range left {
		got = append(got, filepath.Base(b.Path))
	}
	// Days: 03-02 (its newest), 03-01, 02-28; months: March (03-02), February (02-28).
	want := []string{names[6], names[4], names[3]}
	if !slices.Equal(got, want) {
		t.Errorf("kept %q, want %q", got, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "other.tar.gz")); err != nil {
		t.Error("Prune removed a file that is not a backup")
	}
}
