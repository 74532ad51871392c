package ops

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"thidua"
	"thidua/sqldb"
)

// ParseSchedule reads a daily time "HH:MM" (Vietnam time), the form of
// THIDUA_BACKUP_SCHEDULE.
func ParseSchedule(s string) (hour, minute int, err error) {
	t, err := time.Parse("15:04", strings.TrimSpace(s))
	if err != nil {
		return 0, 0, fmt.Errorf("want a daily time such as 02:30, not %q", s)
	}
	return t.Hour(), t.Minute(), nil
}

// UntilDaily returns how long from now until the next hour:minute in
// Vietnam time.
func UntilDaily(now time.Time, hour, minute int) time.Duration {
	local := now.In(thidua.VietnamZone)
	next := time.Date(local.Year(), local.Month(), local.Day(), hour, minute, 0, 0, thidua.VietnamZone)
	if !next.After(local) {
		next = next.AddDate(0, 0, 1)
	}
	return next.Sub(now)
}

// Keep is how many backups a folder keeps: the newest of each of the last
// Daily days and of the last Monthly months (THIDUA_BACKUP_KEEP "7d,12m").
type Keep struct{ Daily, Monthly int }

// ParseKeep reads "7d,12m" (either part may be left out; 0 keeps none of it).
func ParseKeep(s string) (Keep, error) {
	var k Keep
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		n, err := strconv.Atoi(part[:len(part)-1])
		if err != nil || n < 0 {
			return k, fmt.Errorf("want counts such as 7d,12m, not %q", s)
		}
		switch part[len(part)-1] {
		case 'd':
			k.Daily = n
		case 'm':
			k.Monthly = n
		default:
			return k, fmt.Errorf("want counts such as 7d,12m, not %q", s)
		}
	}
	return k, nil
}

// backupRE is the name of a backup made on schedule.
var backupRE = regexp.MustCompile(`^thidua-(\d{8}-\d{6})\.tar\.gz$`)

// BackupName is the name of a backup taken at t.
func BackupName(t time.Time) string {
	return "thidua-" + t.In(thidua.VietnamZone).Format("20060102-150405") + ".tar.gz"
}

// BackupInfo is a backup file of a folder.
type BackupInfo struct {
	Path string
	At   time.Time
	Size int64
}

// Backups lists the backups of dir, newest first.
func Backups(dir string) ([]BackupInfo, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		if os.IsNotExist(err) {
			return nil, nil
		}
		return nil, err
	}
	var out []BackupInfo
	for _, e := range entries {
		m := backupRE.FindStringSubmatch(e.Name())
		if m == nil {
			continue
		}
		at, err := time.ParseInLocation("20060102-150405", m[1], thidua.VietnamZone)
		if err != nil {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue
		}
		out = append(out, BackupInfo{Path: filepath.Join(dir, e.Name()), At: at, Size: info.Size()})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].At.After(out[j].At) })
	return out, nil
}

// Prune deletes the backups of dir that k does not keep, and returns them.
func Prune(dir string, k Keep) ([]string, error) {
	all, err := Backups(dir)
	if err != nil {
		return nil, err
	}
	keep := map[string]bool{}
	days, months := map[string]bool{}, map[string]bool{}
	for _, b := range all { // newest first: the first of a day is its newest
		day, month := b.At.Format("2006-01-02"), b.At.Format("2006-01")
		if !days[day] && len(days) < k.Daily {
			days[day] = true
			keep[b.Path] = true
		}
		if !months[month] && len(months) < k.Monthly {
			months[month] = true
			keep[b.Path] = true
		}
	}
	var removed []string
	for _, b := range all {
		if !keep[b.Path] {
			if err := os.Remove(b.Path); err != nil {
				return removed, err
			}
			removed = append(removed, b.Path)
		}
	}
	return removed, nil
}

// ScheduledBackup takes a backup into dir and prunes the folder by k.
func ScheduledBackup(ctx context.Context, db *sqldb.DB, filesDir, version, dir string, k Keep) (BackupInfo, error) {
	now := time.Now()
	path := filepath.Join(dir, BackupName(now))
	_, size, err := BackupFile(ctx, db, filesDir, version, path)
	if err != nil {
		return BackupInfo{}, err
	}
	if _, err := Prune(dir, k); err != nil {
		return BackupInfo{}, err
	}
	return BackupInfo{Path: path, At: now, Size: size}, nil
}
