package pades

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
	"time"

	"thidua"
)

// DefaultTSATimeout bounds one request to the timestamp authority when
// Options.TSATimeout is zero.
const DefaultTSATimeout = 20 * time.Second

// Bounds of what is relayed: an RFC 3161 request is a hash and a few
// fields, a reply a token of some kilobytes with the TSA's certificates.
const (
	maxTSARequest = 64 << 10
	maxTSAReply   = 1 << 20
)

// tsaRelay stands between pdfsign and the timestamp authority. pdfsign
// asks the authority with an http.Client of its own that has no timeout, so
// a TSA that accepts the connection and never answers would hold the
// signing request (and its database work) forever. The relay listens on
// loopback for one signing, forwards the request with a deadline and
// remembers why it failed, so Sign can say so in Vietnamese.
type tsaRelay struct {
	target string
	client *http.Client
	srv    *http.Server
	url    string

	mu     sync.Mutex
	failed error
}

func startTSARelay(target string, timeout time.Duration) (*tsaRelay, error) {
	if timeout <= 0 {
		timeout = DefaultTSATimeout
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("pades: tsa relay: %w", err)
	}
	r := &tsaRelay{target: target, client: &http.Client{Timeout: timeout}, url: "http://" + ln.Addr().String() + "/"}
	r.srv = &http.Server{Handler: r, ReadHeaderTimeout: timeout}
	go r.srv.Serve(ln)
	return r, nil
}

func (r *tsaRelay) fail(err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.failed == nil {
		r.failed = err
	}
}

// err is why the authority gave no timestamp, nil when it did.
func (r *tsaRelay) err() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.failed
}

func (r *tsaRelay) close() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	r.srv.Shutdown(ctx)
}

func (r *tsaRelay) ServeHTTP(w http.ResponseWriter, in *http.Request) {
	body, err := io.ReadAll(io.LimitReader(in.Body, maxTSARequest))
	if err != nil {
		r.fail(err)
		http.Error(w, "relay", http.StatusBadGateway)
		return
	}
	out, err := http.NewRequestWithContext(in.Context(), http.MethodPost, r.target, bytes.NewReader(body))
	if err != nil {
		r.fail(err)
		http.Error(w, "relay", http.StatusBadGateway)
		return
	}
	out.Header.Set("Content-Type", "application/timestamp-query")
	if a := in.Header.Get("Authorization"); a != "" {
		out.Header.Set("Authorization", a)
	}
	resp, err := r.client.Do(out)
	if err != nil {
		r.fail(err)
		http.Error(w, "relay", http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	reply, err := io.ReadAll(io.LimitReader(resp.Body, maxTSAReply+1))
	if err == nil && len(reply) > maxTSAReply {
		err = fmt.Errorf("reply over %d bytes", maxTSAReply)
	}
	if err == nil && (resp.StatusCode < 200 || resp.StatusCode > 299) {
		err = fmt.Errorf("HTTP %d", resp.StatusCode)
	}
	if err != nil {
		r.fail(err)
		http.Error(w, "relay", http.StatusBadGateway)
		return
	}
	w.Header().Set("Content-Type", resp.Header.Get("Content-Type"))
	w.Write(reply)
}

// tsaError is a signing refused for want of a timestamp: to the user, a
// Vietnamese conflict (try again later; nothing was signed); in the log,
// the cause.
type tsaError struct {
	user  *thidua.Error
	cause error
}

func newTSAError(cause error) error {
	return &tsaError{
		user:  thidua.Errorf(thidua.ECONFLICT, "Máy chủ cấp dấu thời gian (TSA) không trả lời được nên văn bản chưa được ký số. Hãy thử lại sau; nếu vẫn không được, quản trị viên kiểm tra địa chỉ TSA (THIDUA_TSA_URL)."),
		cause: cause,
	}
}

func (e *tsaError) Error() string   { return "pades: timestamp authority: " + e.cause.Error() }
func (e *tsaError) Unwrap() []error { return []error{e.user, e.cause} }

// IsTSAError reports whether err is a signing refused because the
// timestamp authority did not answer.
func IsTSAError(err error) bool {
	var e *tsaError
	return errors.As(err, &e)
}
