package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"thidua/ballot"
)

// runBallot is `thidua ballot decrypt-share RECORD SHARE` (a trustee's
// partial decryption, computed offline; the share never goes back to the
// server) and `thidua ballot verify FILE` (checks a meeting record
// downloaded from the meeting page: keys, every ballot's proofs, the
// sums, every decryption proof and the result).
func runBallot(args []string, stdout, stderr io.Writer) error {
	const use = "usage: thidua ballot decrypt-share RECORD.json SHARE.json > PARTIAL.json | thidua ballot verify RECORD.json"
	if len(args) == 0 {
		return usageError{errors.New(use)}
	}
	switch args[0] {
	case "decrypt-share":
		fs := newFlagSet("ballot decrypt-share", stderr)
		out := fs.String("o", "", "write the partial decryption to this file instead of standard output")
		if err := parseFlags(fs, args[1:]); err != nil {
			return err
		}
		if fs.NArg() != 2 {
			return usageError{errors.New(use)}
		}
		rec, err := os.Open(fs.Arg(0))
		if err != nil {
			return err
		}
		defer rec.Close()
		share, err := os.Open(fs.Arg(1))
		if err != nil {
			return err
		}
		defer share.Close()
		p, err := ballot.DecryptShare(rec, share)
		if err != nil {
			return fmt.Errorf("không tính được phần giải mã: %w", err)
		}
		b, _ := json.MarshalIndent(p, "", "  ")
		b = append(b, '\n')
		if *out != "" {
			if err := os.WriteFile(*out, b, 0o600); err != nil {
				return err
			}
			fmt.Fprintf(stderr, "Đã ghi phần giải mã của thành viên giữ khóa số %d vào %s; gửi tệp này tại trang phiên họp.\n", p.Trustee, *out)
			return nil
		}
		_, err = stdout.Write(b)
		return err
	case "verify":
		fs := newFlagSet("ballot verify", stderr)
		if err := parseFlags(fs, args[1:]); err != nil {
			return err
		}
		if fs.NArg() != 1 {
			return usageError{errors.New(use)}
		}
		f, err := os.Open(fs.Arg(0))
		if err != nil {
			return err
		}
		defer f.Close()
		rec, err := ballot.ReadRecord(f)
		if err == nil {
			err = rec.Verify()
		}
		if err != nil {
			return fmt.Errorf("hòm phiếu KHÔNG hợp lệ: %w", err)
		}
		fmt.Fprintf(stdout, "Hòm phiếu hợp lệ: phiên họp %d, %d phiếu, %d đối tượng, khóa %d/%d.\n",
			rec.Key.MeetingID, len(rec.Ballots), len(rec.Nominees), rec.Key.Threshold, len(rec.Key.VerificationKeys))
		switch {
		case rec.Result != nil:
			for i, id := range rec.Nominees {
				fmt.Fprintf(stdout, "  đối tượng %d: %d đồng ý, %d không đồng ý\n", id, rec.Result[i], len(rec.Ballots)-rec.Result[i])
			}
		case rec.Sums != nil:
			fmt.Fprintf(stdout, "Chưa có kết quả: %d/%d phần giải mã.\n", len(rec.Partials), rec.Key.Threshold)
		}
		return nil
	}
	return usageError{errors.New(use)}
}
