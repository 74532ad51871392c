package thidua

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"time"
)

// Audit actions.
const (
	ActionCreate = "create"
	ActionUpdate = "update"
	ActionDelete = "delete"
	ActionLogin  = "login"
)

// AuditActions lists the actions with their labels.
var AuditActions = []Option{
	{ActionCreate, "Tạo mới"},
	{ActionUpdate, "Cập nhật"},
	{ActionDelete, "Xóa"},
	{ActionLogin, "Đăng nhập"},
}

// AuditEntities lists the audited entity names with their labels.
var AuditEntities = []Option{
	{"unit", "Đơn vị"},
	{"person", "Cá nhân"},
	{"user", "Tài khoản"},
	{"api_token", "Khóa API"},
	{"campaign", "Đợt thi đua"},
	{"campaign_criteria", "Tiêu chí thi đua"},
	{"campaign_reviewers", "Phân công chấm điểm"},
	{"registration", "Đăng ký thi đua"},
	{"evidence", "Minh chứng"},
	{"score", "Điểm"},
	{"history", "Lịch sử khen thưởng"},
	{"import", "Nhập dữ liệu từ Excel"},
	{"job", "Công việc nền"},
	{"proposal_file", "Tài liệu hồ sơ đề nghị"},
	{"article", "Tin bài"},
	{"article_category", "Chuyên mục tin bài"},
	{"proposal", "Tờ trình đề nghị khen thưởng"},
	{"proposal_nominees", "Danh sách đề nghị khen thưởng"},
	{"nominee", "Thẩm định đối tượng đề nghị"},
	{"council", "Hội đồng thi đua, khen thưởng"},
	{"meeting", "Phiên họp Hội đồng"},
	{"meeting_vote", "Bỏ phiếu (không ghi nội dung phiếu)"},
	{"decision", "Quyết định khen thưởng"},
	{"notification", "Thông báo"},
	{"inbox_prefs", "Tùy chọn thư thông báo"},
	{"cluster", "Cụm, khối thi đua"},
	{"cluster_covenant", "Giao ước thi đua"},
	{"cluster_vote", "Phiếu suy tôn đơn vị dẫn đầu cụm, khối"},
	{"meeting_key", "Khóa bỏ phiếu của phiên họp (không ghi khóa)"},
	{"proposal_forward", "Trình cấp trên"},
	{"level_office", "Sổ quyết định và người ký"},
	{"comment_window", "Công khai lấy ý kiến"},
	{"public_comment", "Ý kiến nhân dân"},
	{"central_decision", "Quyết định khen thưởng cấp Trung ương"},
	{"signing_certificate", "Chứng thư số của cơ quan"},
	{"trust_anchor", "Chứng thư gốc tin cậy"},
	{"decision_signature", "Chữ ký số quyết định"},
	{"file_signature", "Kiểm tra chữ ký số tệp"},
}

// AuditEntry records one change: who, when, what, before and after. Entries
// form a hash chain: each Hash covers the entry and the previous entry's Hash.
type AuditEntry struct {
	ID        int64           `json:"id"`
	At        time.Time       `json:"at"`
	ActorID   int64           `json:"actor_id,omitempty"`
	ActorName string          `json:"actor_name"`
	IP        string          `json:"ip,omitempty"`
	Action    string          `json:"action"`
	Entity    string          `json:"entity"`
	EntityID  int64           `json:"entity_id"`
	Before    json.RawMessage `json:"before,omitempty"`
	After     json.RawMessage `json:"after,omitempty"`
	PrevHash  string          `json:"prev_hash"`
	Hash      string          `json:"hash"`
}

// ComputeHash returns the chain hash of e given the previous entry's hash.
func (e *AuditEntry) ComputeHash(prev string) string {
	h := sha256.New()
	for _, s := range []string{
		prev,
		strconv.FormatInt(e.ID, 10),
		e.At.UTC().Format(time.RFC3339Nano),
		strconv.FormatInt(e.ActorID, 10),
		e.ActorName,
		e.IP,
		e.Action,
		e.Entity,
		strconv.FormatInt(e.EntityID, 10),
		string(e.Before),
		string(e.After),
	} {
		h.Write([]byte(strconv.Itoa(len(s))))
		h.Write([]byte{':'})
		h.Write([]byte(s))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// AuditFilter selects audit entries, newest first.
type AuditFilter struct {
	Entity   string
	EntityID int64
	ActorID  int64
	Action   string
	From, To Date
	Offset   int
	Limit    int
	// BeforeID continues the list (newest first) below this entry: keyset
	// pagination, as cheap at any depth; Offset then counts from there.
	BeforeID int64
	// AfterID lists the page just above this entry, in the list's order
	// (the link back from a keyset page).
	AfterID int64
}

// AuditService reads the audit log. Entries are written by the other
// services in the same transaction as the change they record.
type AuditService interface {
	// FindAuditEntries returns EFORBIDDEN unless the user may view the log.
	FindAuditEntries(ctx context.Context, f AuditFilter) ([]*AuditEntry, int, error)
	// VerifyAuditChain recomputes the hash chain and returns the ID of the
	// first entry that does not match, or 0 when the chain is intact.
	VerifyAuditChain(ctx context.Context) (badID int64, err error)
}
