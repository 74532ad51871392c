package pades_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"thidua"
	"thidua/pades"
	"thidua/pades/padestest"
)

// TestSignTSAUnanswered: a timestamp authority that never answers, or
// answers with an error, makes the signing fail with a Vietnamese conflict
// (nothing signed) instead of holding the request forever.
func TestSignTSAUnanswered(t *testing.T) {
	ca := padestest.NewCA(t, "Thidua Test Root CA")
	hang := make(chan struct{})
	silent := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-hang:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(silent.Close)
	t.Cleanup(func() { close(hang) })
	broken := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
	}))
	t.Cleanup(broken.Close)
	unsigned, spot := decisionPDF(t)
	for _, tc := range []struct{ name, url string }{{"silent", silent.URL}, {"broken", broken.URL}, {"refused", "http://127.0.0.1:1/"}} {
		t.Run(tc.name, func(t *testing.T) {
			done := make(chan error, 1)
			go func() {
				_, err := pades.Sign(unsigned, ca.Signer, pades.Options{Name: "Nguyễn Văn An", Time: time.Now(),
					TSAURL: tc.url, TSATimeout: 200 * time.Millisecond, Spot: pades.SpotOnA4(spot)})
				done <- err
			}()
			var err error
			select {
			case err = <-done:
			case <-time.After(time.Minute):
				t.Fatal("Sign still waits for the timestamp authority after a minute")
			}
			if thidua.ErrorCode(err) != thidua.ECONFLICT || !strings.Contains(thidua.ErrorMessage(err), "dấu thời gian") || !pades.IsTSAError(err) {
				t.Fatalf("err=%v (code %q, message %q), want the TSA conflict", err, thidua.ErrorCode(err), thidua.ErrorMessage(err))
			}
		})
	}
	// The relay passes a good authority's reply through unchanged.
	if _, err := pades.Sign(unsigned, ca.Signer, pades.Options{Name: "Nguyễn Văn An", Time: time.Now(), TSAURL: ca.TSAServer(t), TSATimeout: 10 * time.Second}); err != nil {
		t.Fatalf("good TSA: %v", err)
	}
}
