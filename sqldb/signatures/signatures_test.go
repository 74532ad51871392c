package signatures_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"thidua"
	"thidua/demo/demotest"
	"thidua/ops"
	"thidua/pades"
	"thidua/pades/padestest"
	"thidua/report"
	"thidua/signing"
	"thidua/sqldb"
	"thidua/sqldb/signatures"
)

func TestMain(m *testing.M) { demotest.Main(m) }

func as(t *testing.T, db *sqldb.DB, username string) context.Context {
	t.Helper()
	u, err := db.FindUserByUsername(thidua.NewSystemContext(context.Background()), username)
	if err != nil {
		t.Fatalf("user %s: %v", username, err)
	}
	return thidua.NewContextWithUser(context.Background(), u)
}

func newKey(t *testing.T) (*signing.Sealer, string) {
	t.Helper()
	b := make([]byte, 32)
	rand.Read(b)
	key := base64.StdEncoding.EncodeToString(b)
	s, err := signing.ParseKey(key)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(s) != "<redacted>" || fmt.Sprintf("%#v", s) != "<redacted>" {
		t.Fatal("the sealer prints its key")
	}
	return s, key
}

// issued stores an issued decision of the Văn phòng (unit 2 in the demo
// tree order) and returns it as the decision service finds it.
func issued(t *testing.T, db *sqldb.DB, ctx context.Context) *thidua.Decision {
	t.Helper()
	units, _, err := db.FindUnits(ctx, thidua.UnitFilter{Query: "Văn phòng UBND tỉnh"})
	if err != nil || len(units) == 0 {
		t.Fatalf("unit: %v", err)
	}
	body := `{"authority":"CHÁNH VĂN PHÒNG","signer":{"name":"Nguyễn Văn An","post":"CHÁNH VĂN PHÒNG"},"recipients":[{"subject":"PERSON","subject_id":1,"name":"Trần Thị Bình","unit_name":"Phòng Tổng hợp","award":"GK","award_type":"CONG_TRANG","money_vnd":300000}]}`
	var id int64
	if err := db.SQL().QueryRowContext(ctx, `INSERT INTO decisions (unit_id, issuer, year, number, place, date, title, title_fold, body_json, state, created_at, issued_at)
		VALUES ($1, 'VPUBND', 2025, 90 + (SELECT COUNT(*) FROM decisions), 'Hà Tĩnh', '2025-12-25', 'Về việc khen thưởng', 've viec khen thuong', $2, 'ISSUED', $3, $3) RETURNING id`,
		units[0].ID, body, time.Now().UTC()).Scan(&id); err != nil {
		t.Fatal(err)
	}
	d, err := db.FindDecisionByID(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func maker(d *thidua.Decision) signing.Maker {
	return func() ([]byte, *thidua.SignSpot, error) {
		var buf bytes.Buffer
		spot := new(thidua.SignSpot)
		err := report.DecisionPDF(&buf, d, report.DecisionOptions{Spot: spot})
		return buf.Bytes(), spot, err
	}
}

// TestSignDecisionBothWays stores the agency's certificate (refused
// without the secret key), signs an issued decision in thidua, takes a
// second signature made outside, refuses a tampered upload without
// changing anything, and has pdfsig accept the file downloaded.
func TestSignDecisionBothWays(t *testing.T) {
	ca := padestest.NewCA(t, "Thidua Test Root CA")
	reader := padestest.NewReader(t, ca)
	p12 := ca.PKCS12(t, ca.Signer, "mat-khau")
	demotest.ForEach(t, func(t *testing.T, o *demotest.Office) {
		admin, officer, staff := as(t, o.DB, "admin"), as(t, o.DB, "thiduakt"), as(t, o.DB, "canhan")
		d := issued(t, o.DB, admin)

		noKey := signatures.New(o.DB, pades.Engine{}, nil, "")
		if _, err := noKey.AddCertificate(admin, d.UnitID, p12, "mat-khau"); err != signing.ErrNoKey {
			t.Fatalf("without a key: %v, want ErrNoKey", err)
		}
		sealer, key := newKey(t)
		s := signatures.New(o.DB, pades.Engine{TSAURL: ca.TSAServer(t)}, sealer, "")
		if _, err := s.SignInside(officer, d, signing.KindDecision, maker(d)); thidua.ErrorCode(err) != thidua.EINVALID {
			t.Fatalf("sign without a certificate: %v", err)
		}
		if _, err := s.AddCertificate(admin, d.UnitID, p12, "sai"); thidua.ErrorCode(err) != thidua.EINVALID {
			t.Fatalf("wrong password: %v", err)
		}
		if _, err := s.AddCertificate(staff, d.UnitID, p12, "mat-khau"); err == nil {
			t.Fatal("staff stored a certificate")
		}
		cert, err := s.AddCertificate(admin, d.UnitID, p12, "mat-khau")
		if err != nil {
			t.Fatal(err)
		}
		if cs, err := s.Certificates(admin); err != nil || len(cs) != 1 || cs[0].Name != "Nguyễn Văn An" {
			t.Fatalf("Certificates: %v %v", cs, err)
		}
		var sealed []byte
		if err := o.DB.SQL().QueryRow(`SELECT sealed FROM signing_certificates WHERE id = $1`, cert.ID).Scan(&sealed); err != nil || bytes.Contains(sealed, []byte("mat-khau")) || bytes.Contains(sealed, p12[:64]) {
			t.Fatalf("certificate not sealed: %v", err)
		}

		// Not trusted until the anchor is there.
		if _, err := s.SignInside(officer, d, signing.KindDecision, maker(d)); thidua.ErrorCode(err) != thidua.EINVALID {
			t.Fatalf("sign without anchors: %v", err)
		}
		if _, err := s.AddAnchor(officer, ca.RootPEM()); err == nil {
			t.Fatal("officer added a trust anchor")
		}
		if _, err := s.AddAnchor(admin, ca.RootPEM()); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddAnchor(admin, ca.RootPEM()); thidua.ErrorCode(err) != thidua.ECONFLICT {
			t.Fatalf("same anchor twice: %v", err)
		}
		if _, err := s.SignInside(staff, d, signing.KindDecision, maker(d)); err == nil {
			t.Fatal("staff signed")
		}
		doc, err := s.SignInside(officer, d, signing.KindDecision, maker(d))
		if err != nil {
			t.Fatal(err)
		}
		if !doc.IsSigned() || doc.Method != signing.MethodInside || len(doc.Signatures) != 1 || !doc.Signatures[0].Timestamped {
			t.Fatalf("signed document: %+v", doc.Signatures)
		}
		reader.RequireValid(t, doc.File())
		if st, err := s.DocumentState(staff, d, signing.KindDecision); err != nil || !st.IsSigned() || st.SignedSize != int64(len(doc.Signed)) ||
			st.Signed != nil || st.Method != signing.MethodInside || len(st.Signatures) != 1 || st.SignedAt.IsZero() {
			t.Fatalf("state after signing: %+v %v", st, err)
		}
		if file, err := s.DocumentFile(staff, d, signing.KindDecision); err != nil || !bytes.Equal(file, doc.Signed) {
			t.Fatalf("file after signing: %v", err)
		}

		// Downloaded again: the signed file.
		again, err := s.Document(staff, d, signing.KindDecision, maker(d))
		if err != nil || !bytes.Equal(again.File(), doc.File()) {
			t.Fatalf("download after signing: %v", err)
		}

		if _, err := s.SignInside(officer, d, signing.KindDecision, maker(d)); thidua.ErrorCode(err) != thidua.EINVALID {
			t.Fatalf("signing twice in thidua: %v", err)
		}

		// Outside: the issued PDF of another decision is downloaded,
		// signed with the signer's own certificate and uploaded back.
		d2 := issued(t, o.DB, admin)
		plain, err := s.Document(staff, d2, signing.KindDecision, maker(d2))
		if err != nil || plain.IsSigned() {
			t.Fatalf("unsigned download: %v", err)
		}
		other := ca.Issue(t, "Lê Thị Cúc", "Văn phòng UBND tỉnh", false)
		outside, err := pades.Sign(plain.File(), other, pades.Options{Name: "Lê Thị Cúc", Time: time.Now()})
		if err != nil {
			t.Fatal(err)
		}
		bad := padestest.Tamper(outside, len(plain.Issued)/2)
		if _, err := s.AcceptSigned(officer, d2, signing.KindDecision, maker(d2), bad); thidua.ErrorCode(err) != thidua.EINVALID {
			t.Fatalf("tampered upload: %v", err)
		}
		if _, err := s.AcceptSigned(officer, d2, signing.KindDecision, maker(d2), plain.Issued); thidua.ErrorCode(err) != thidua.EINVALID {
			t.Fatalf("unsigned upload: %v", err)
		}
		if _, err := s.AcceptSigned(officer, d2, signing.KindDecision, maker(d2), doc.File()); thidua.ErrorCode(err) != thidua.EINVALID {
			t.Fatalf("another decision's signed file: %v", err)
		}
		if _, err := s.AcceptSigned(staff, d2, signing.KindDecision, maker(d2), outside); err == nil {
			t.Fatal("staff uploaded a signed decision")
		}
		if cur, _ := s.Document(staff, d2, signing.KindDecision, maker(d2)); cur.IsSigned() {
			t.Fatal("a refused upload changed the document")
		}
		got, err := s.AcceptSigned(officer, d2, signing.KindDecision, maker(d2), outside)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Signatures) != 1 || got.Method != signing.MethodOutside || got.Signatures[0].Name != "Lê Thị Cúc" || got.Signatures[0].Serial == "" {
			t.Fatalf("after outside signing: %+v", got.Signatures)
		}
		reader.RequireValid(t, got.File())

		// Arrival checks.
		v, err := s.CheckFile(staff, "k-signed", got.File())
		if err != nil || v.Status != signing.Valid {
			t.Fatalf("CheckFile: %+v %v", v, err)
		}
		if _, err := s.CheckFile(staff, "k-bad", bad); err != nil {
			t.Fatal(err)
		}
		if _, err := s.CheckFile(staff, "k-plain", doc.Issued); err != nil {
			t.Fatal(err)
		}
		vs, err := s.FileVerdicts(staff, []string{"k-signed", "k-bad", "k-plain", "k-none"})
		if err != nil {
			t.Fatal(err)
		}
		if vs["k-signed"].Status != signing.Valid || vs["k-bad"].Status != signing.Modified || vs["k-plain"].Status != signing.None || len(vs) != 3 {
			t.Fatalf("FileVerdicts: %+v", vs)
		}

		// An export of everything holds neither the key nor the
		// certificate's password or file in the clear.
		dir := t.TempDir()
		if _, err := ops.ExportAll(admin, o.DB, "", "test", dir); err != nil {
			t.Fatal(err)
		}
		raw, _ := base64.StdEncoding.DecodeString(key)
		filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return err
			}
			b, _ := os.ReadFile(p)
			for _, secret := range [][]byte{[]byte(key), raw, []byte("mat-khau"), p12[:48], []byte(base64.StdEncoding.EncodeToString(p12[:48]))} {
				if bytes.Contains(b, secret) {
					t.Errorf("export file %s holds a secret", p)
				}
			}
			return nil
		})

		// Every change is in the audit log.
		var n int
		if err := o.DB.SQL().QueryRow(`SELECT COUNT(*) FROM audit_log WHERE entity IN ('signing_certificate', 'trust_anchor', 'decision_signature', 'file_signature')`).Scan(&n); err != nil || n != 7 {
			t.Fatalf("audit entries: %d %v, want 7", n, err)
		}
	})
}

// TestDocumentStateReadsOnly has DocumentState and DocumentFile read a
// document's state and bytes without ever writing: nothing for a document
// not frozen, the sizes and the stored file once Document froze it, and
// EINVALID for a draft.
func TestDocumentStateReadsOnly(t *testing.T) {
	demotest.ForEach(t, func(t *testing.T, o *demotest.Office) {
		admin, staff := as(t, o.DB, "admin"), as(t, o.DB, "canhan")
		s := signatures.New(o.DB, pades.Engine{}, nil, "")
		d := issued(t, o.DB, admin)
		rows := func() int {
			var n int
			if err := o.DB.SQL().QueryRow(`SELECT COUNT(*) FROM signed_documents`).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		draft := *d
		draft.State = thidua.DecisionDraft
		for _, kind := range []string{signing.KindDecision, signing.KindCertificates} {
			if _, err := s.DocumentState(staff, &draft, kind); thidua.ErrorCode(err) != thidua.EINVALID {
				t.Errorf("%s state of a draft: %v, want EINVALID", kind, err)
			}
			if _, err := s.DocumentFile(staff, &draft, kind); thidua.ErrorCode(err) != thidua.EINVALID {
				t.Errorf("%s file of a draft: %v, want EINVALID", kind, err)
			}
		}
		if _, err := s.DocumentState(staff, d, "other"); thidua.ErrorCode(err) != thidua.EINVALID {
			t.Errorf("unknown kind: %v, want EINVALID", err)
		}
		if _, err := s.DocumentState(context.Background(), d, signing.KindDecision); err == nil {
			t.Error("state read without a user")
		}

		n := rows()
		st, err := s.DocumentState(staff, d, signing.KindDecision)
		if err != nil || st.Kind != signing.KindDecision || st.IsFrozen() || st.IsSigned() || len(st.Signatures) != 0 {
			t.Fatalf("state before freezing: %+v %v", st, err)
		}
		if file, err := s.DocumentFile(staff, d, signing.KindDecision); err != nil || file != nil {
			t.Fatalf("file before freezing: %d bytes, %v", len(file), err)
		}
		if rows() != n {
			t.Fatal("a state read froze the document")
		}

		doc, err := s.Document(admin, d, signing.KindDecision, maker(d))
		if err != nil || rows() != n+1 {
			t.Fatalf("freeze: %v", err)
		}
		st, err = s.DocumentState(staff, d, signing.KindDecision)
		if err != nil || !st.IsFrozen() || st.IsSigned() || st.IssuedSize != int64(len(doc.Issued)) || st.Issued != nil || st.SignedSize != 0 {
			t.Fatalf("state after freezing: %+v %v", st, err)
		}
		if file, err := s.DocumentFile(staff, d, signing.KindDecision); err != nil || !bytes.Equal(file, doc.Issued) {
			t.Fatalf("file after freezing: %d bytes, %v", len(file), err)
		}
		if st, err := s.DocumentState(staff, d, signing.KindCertificates); err != nil || st.IsFrozen() || rows() != n+1 {
			t.Fatalf("the other kind: %+v %v", st, err)
		}
	})
}
