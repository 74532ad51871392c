package api

import (
	"encoding/base64"
	"net/http"
	"reflect"
	"strconv"

	"thidua"
	"thidua/cluster"
	"thidua/web/kit"
)

// The cluster part of the JSON API: the province's emulation clusters and
// blocs (cụm, khối thi đua) with their members, covenant, year's review
// (a campaign: scores go through the campaign routes), ranking, the
// members' vote and the leading unit. The rules live in package cluster and
// the storage; these handlers decode and call it.

func (s *Handler) clusters() (cluster.Service, error) {
	if s.Cfg.Clusters == nil {
		return nil, thidua.Errorf(thidua.ENOTFOUND, "Chức năng cụm, khối thi đua chưa được bật.")
	}
	return s.Cfg.Clusters, nil
}

// ClusterMemberInput is a member of a cluster.
type ClusterMemberInput struct {
	_        struct{} `doc:"Thành viên của cụm, khối." input:"true"`
	UnitID   int64    `json:"unit_id" doc:"Mã đơn vị thành viên (thuộc đơn vị tổ chức)." minimum:"1" required:"true"`
	ScorerID int64    `json:"scorer_id" doc:"Tài khoản chấm điểm chéo các thành viên khác cho đơn vị này: thành viên Hội đồng thi đua – khen thưởng của đơn vị (0: chưa có; cần trước khi chấm điểm)." minimum:"0"`
}

// ClusterInput is the writable part of a cluster.
type ClusterInput struct {
	_            struct{}             `doc:"Cụm, khối thi đua của một năm." input:"true"`
	Year         int                  `json:"year" doc:"Năm (khi sửa: bỏ qua)." minimum:"2000" maximum:"2100" required:"true"`
	Kind         string               `json:"kind" doc:"Cụm hay khối." enum:"clusterKinds" required:"true"`
	Name         string               `json:"name" doc:"Tên cụm, khối." minLength:"1" maxLength:"255" required:"true"`
	UnitID       int64                `json:"unit_id" doc:"Đơn vị tổ chức (UBND tỉnh; khi sửa: bỏ qua)." minimum:"1" required:"true"`
	LeaderUnitID int64                `json:"leader_unit_id" doc:"Trưởng cụm, khối: một thành viên; luân phiên, không trùng năm trước." minimum:"1" required:"true"`
	DeputyUnitID int64                `json:"deputy_unit_id" doc:"Phó trưởng cụm, khối: một thành viên khác; luân phiên." minimum:"1" required:"true"`
	Members      []ClusterMemberInput `json:"members" doc:"Các thành viên theo thứ tự (từ 2 đến 200); một đơn vị chỉ ở một cụm, khối mỗi năm." minItems:"2" maxItems:"200" required:"true"`
	Version      int                  `json:"version"`
}

func (in ClusterInput) cluster(id int64) *cluster.Cluster {
	c := &cluster.Cluster{ID: id, Year: in.Year, Kind: in.Kind, Name: in.Name, UnitID: in.UnitID,
		LeaderUnitID: in.LeaderUnitID, DeputyUnitID: in.DeputyUnitID, Version: in.Version}
	for _, m := range in.Members {
		c.Members = append(c.Members, cluster.Member{UnitID: m.UnitID, ScorerID: m.ScorerID})
	}
	return c
}

func (s *Handler) ListClusters(w http.ResponseWriter, r *http.Request) error {
	cs, err := s.clusters()
	if err != nil {
		return err
	}
	limit, offset, err := listParams(r, 100, 500)
	f := cluster.Filter{Limit: limit, Offset: offset}
	if y := r.URL.Query().Get("year"); err == nil && y != "" {
		if f.Year, err = strconv.Atoi(y); err != nil || f.Year < 2000 || f.Year > 2100 {
			err = kit.FieldErr("year", "year phải là năm từ 2000 đến 2100.")
		}
	}
	if err != nil {
		return err
	}
	out, total, err := cs.FindClusters(r.Context(), f)
	if err != nil {
		return err
	}
	kit.WriteJSON(w, http.StatusOK, newList(out, total, limit, offset))
	return nil
}

func (s *Handler) GetCluster(w http.ResponseWriter, r *http.Request) error {
	cs, err := s.clusters()
	if err != nil {
		return err
	}
	c, err := kit.FindByID(r, cs.FindClusterByID)
	if err != nil {
		return err
	}
	kit.WriteJSON(w, http.StatusOK, c)
	return nil
}

func (s *Handler) CreateCluster(w http.ResponseWriter, r *http.Request) error {
	cs, err := s.clusters()
	if err != nil {
		return err
	}
	var in ClusterInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	c := in.cluster(0)
	if err := cs.CreateCluster(r.Context(), c); err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/clusters/"+kit.IdStr(c.ID))
	kit.WriteJSON(w, http.StatusCreated, c)
	return nil
}

func (s *Handler) UpdateCluster(w http.ResponseWriter, r *http.Request) error {
	cs, err := s.clusters()
	if err != nil {
		return err
	}
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	var in ClusterInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	c := in.cluster(id)
	if err := cs.UpdateCluster(r.Context(), c); err != nil {
		return err
	}
	kit.WriteJSON(w, http.StatusOK, c)
	return nil
}

func (s *Handler) NextYearCluster(w http.ResponseWriter, r *http.Request) error {
	cs, err := s.clusters()
	if err != nil {
		return err
	}
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	var in CopyInput
	if _, err := decodeOptionalJSON(w, r, &in); err != nil {
		return err
	}
	c, err := cs.CreateNextYear(r.Context(), id)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/clusters/"+kit.IdStr(c.ID))
	kit.WriteJSON(w, http.StatusCreated, c)
	return nil
}

// CovenantSignatureInput is one member's signature of the covenant.
type CovenantSignatureInput struct {
	_          struct{} `doc:"Chữ ký giao ước của một thành viên." input:"true"`
	UnitID     int64    `json:"unit_id" doc:"Mã đơn vị thành viên." minimum:"1" required:"true"`
	Signer     string   `json:"signer" doc:"Thủ trưởng đơn vị ký giao ước." minLength:"1" maxLength:"100" required:"true"`
	SignerPost string   `json:"signer_post" doc:"Chức vụ người ký." minLength:"1" maxLength:"100" required:"true"`
}

// FileInput is a file sent inside a JSON body.
type FileInput struct {
	_       struct{} `doc:"Tệp gửi kèm (PDF, DOCX hoặc ảnh), nội dung mã hóa base64; tối đa khoảng 700 KB trong giới hạn 1 MB của yêu cầu (tệp lớn hơn: tải lên qua giao diện)." input:"true"`
	Name    string   `json:"name" doc:"Tên tệp, có phần mở rộng." minLength:"1" maxLength:"255" required:"true"`
	Content string   `json:"content_base64" doc:"Nội dung tệp, base64 chuẩn." minLength:"1" required:"true"`
}

// CovenantInput records or replaces a cluster's covenant.
type CovenantInput struct {
	_          struct{}                 `doc:"Giao ước thi đua của cụm, khối." input:"true"`
	Targets    string                   `json:"targets" doc:"Nội dung, chỉ tiêu giao ước (nhiều dòng)." minLength:"1" maxLength:"20000" required:"true"`
	SignedOn   thidua.Date              `json:"signed_on" doc:"Ngày ký, trong năm của cụm, khối." required:"true"`
	Signatures []CovenantSignatureInput `json:"signatures" doc:"Chữ ký của thủ trưởng từng thành viên, mỗi thành viên một chữ ký." required:"true"`
	File       *FileInput               `json:"file" doc:"Văn bản giao ước đã ký: bắt buộc lần đầu; bỏ trống khi sửa để giữ tệp cũ." null:"true"`
	Version    int                      `json:"version" doc:"Phiên bản giao ước đã đọc (0 khi ghi lần đầu)." minimum:"0"`
}

func (s *Handler) GetCovenant(w http.ResponseWriter, r *http.Request) error {
	cs, err := s.clusters()
	if err != nil {
		return err
	}
	cv, err := kit.FindByID(r, cs.FindCovenant)
	if err != nil {
		return err
	}
	kit.WriteJSON(w, http.StatusOK, cv)
	return nil
}

func (s *Handler) SaveCovenant(w http.ResponseWriter, r *http.Request) error {
	cs, err := s.clusters()
	if err != nil {
		return err
	}
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	var in CovenantInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	ctx := r.Context()
	cv := &cluster.Covenant{ClusterID: id, Targets: in.Targets, SignedOn: in.SignedOn, Version: in.Version}
	for _, sg := range in.Signatures {
		cv.Signatures = append(cv.Signatures, cluster.Signature{UnitID: sg.UnitID, Signer: sg.Signer, SignerPost: sg.SignerPost})
	}
	var key string
	if in.File != nil {
		data, err := base64.StdEncoding.DecodeString(in.File.Content)
		if err != nil || len(data) == 0 {
			return kit.FieldErr("file.content_base64", "Nội dung tệp phải là base64 chuẩn, không rỗng.")
		}
		ctype, err := kit.CheckUpload(in.File.Name, data)
		if err != nil {
			return withField(err, "file.name")
		}
		key = kit.RandomKey()
		if err := s.Cfg.Files.Put(ctx, key, data); err != nil {
			return err
		}
		cv.File = cluster.Document{Name: in.File.Name, ContentType: ctype, Size: int64(len(data)), Key: key}
	} else if cur, err := cs.FindCovenant(ctx, id); err == nil {
		cv.File = cur.File
	}
	old, err := cs.SaveCovenant(ctx, cv)
	if err != nil {
		if key != "" {
			_ = s.Cfg.Files.Delete(ctx, key)
		}
		return err
	}
	if old != "" {
		_ = s.Cfg.Files.Delete(ctx, old)
	}
	kit.WriteJSON(w, http.StatusOK, cv)
	return nil
}

// withField returns err with its message as the error of field.
func withField(err error, field string) error {
	return kit.FieldErr(field, thidua.ErrorMessage(err))
}

// ClusterReviewInput starts a cluster's year-end review.
type ClusterReviewInput struct {
	_        struct{}         `doc:"Bắt đầu chấm điểm, xếp hạng cuối năm theo giao ước." input:"true"`
	Version  int              `json:"version" doc:"Phiên bản cụm, khối đã đọc." minimum:"1" required:"true"`
	Criteria []CriterionInput `json:"criteria" doc:"Tiêu chí chấm điểm theo giao ước (từ 1 đến 100), áp dụng cho tập thể." minItems:"1" maxItems:"100" required:"true"`
}

func (s *Handler) StartClusterReview(w http.ResponseWriter, r *http.Request) error {
	cs, err := s.clusters()
	if err != nil {
		return err
	}
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	var in ClusterReviewInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	rows := make([]*thidua.Criterion, len(in.Criteria))
	for i, x := range in.Criteria {
		rows[i] = &thidua.Criterion{Code: x.Code, Title: x.Title, Description: x.Description,
			AppliesTo: thidua.ForCollectives, MaxScore: x.MaxScore, Weight: x.Weight, Evidence: x.Evidence}
	}
	c, err := cs.StartReview(r.Context(), id, in.Version, rows)
	if err != nil {
		return err
	}
	kit.WriteJSON(w, http.StatusOK, c)
	return nil
}

func (s *Handler) ClusterRanking(w http.ResponseWriter, r *http.Request) error {
	cs, err := s.clusters()
	if err != nil {
		return err
	}
	rk, err := kit.FindByID(r, cs.FindRanking)
	if err != nil {
		return err
	}
	kit.WriteJSON(w, http.StatusOK, rk)
	return nil
}

// ClusterVotes is a cluster's recorded vote and its count.
type ClusterVotes struct {
	Votes []cluster.Vote `json:"votes" doc:"Phiếu của từng thành viên (ai bỏ, cho đơn vị nào)."`
	Tally cluster.Tally  `json:"tally" doc:"Kết quả kiểm phiếu."`
}

func (s *Handler) clusterVotes(r *http.Request, cs cluster.Service, id int64) (*ClusterVotes, error) {
	c, err := cs.FindClusterByID(r.Context(), id)
	if err != nil {
		return nil, err
	}
	votes, err := cs.FindVotes(r.Context(), id)
	if err != nil {
		return nil, err
	}
	if votes == nil {
		votes = []cluster.Vote{}
	}
	return &ClusterVotes{Votes: votes, Tally: cluster.TallyVotes(c, votes)}, nil
}

func (s *Handler) ListClusterVotes(w http.ResponseWriter, r *http.Request) error {
	cs, err := s.clusters()
	if err != nil {
		return err
	}
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	out, err := s.clusterVotes(r, cs, id)
	if err != nil {
		return err
	}
	kit.WriteJSON(w, http.StatusOK, out)
	return nil
}

// ClusterVoteInput is a member's vote for the leading unit.
type ClusterVoteInput struct {
	_               struct{} `doc:"Phiếu suy tôn đơn vị dẫn đầu của một thành viên." input:"true"`
	VoterUnitID     int64    `json:"voter_unit_id" doc:"Thành viên bỏ phiếu (người gọi là thủ trưởng hoặc người chấm điểm chéo của đơn vị này)." minimum:"1" required:"true"`
	CandidateUnitID int64    `json:"candidate_unit_id" doc:"Thành viên được suy tôn dẫn đầu." minimum:"1" required:"true"`
}

func (s *Handler) CastClusterVote(w http.ResponseWriter, r *http.Request) error {
	cs, err := s.clusters()
	if err != nil {
		return err
	}
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	var in ClusterVoteInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if err := cs.CastVote(r.Context(), id, in.VoterUnitID, in.CandidateUnitID); err != nil {
		return err
	}
	out, err := s.clusterVotes(r, cs, id)
	if err != nil {
		return err
	}
	kit.WriteJSON(w, http.StatusOK, out)
	return nil
}

// ConcludeInput names the leading unit from the vote.
type ConcludeInput struct {
	_         struct{}    `doc:"Kết luận đơn vị dẫn đầu theo kết quả suy tôn." input:"true"`
	DecidedOn thidua.Date `json:"decided_on" doc:"Ngày họp suy tôn." required:"true"`
	Version   int         `json:"version" doc:"Phiên bản cụm, khối đã đọc." minimum:"1" required:"true"`
}

func (s *Handler) ConcludeCluster(w http.ResponseWriter, r *http.Request) error {
	cs, err := s.clusters()
	if err != nil {
		return err
	}
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	var in ConcludeInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	c, err := cs.Conclude(r.Context(), id, in.Version, in.DecidedOn)
	if err != nil {
		return err
	}
	kit.WriteJSON(w, http.StatusOK, c)
	return nil
}

const oaClusterNote = " Người gọi chỉ thấy cụm, khối do đơn vị trong phạm vi của mình tổ chức hoặc có thành viên là đơn vị mình (cơ quan thành viên thấy cụm, khối của mình); ngoài phạm vi: 404."

// clusterOps documents the operations of this file (openapi.go).
var clusterOps = map[string]apiOp{
	"GET /api/v1/clusters": {ID: "listClusters", Tag: oaTagClusters, Summary: "Danh sách cụm, khối thi đua",
		Desc: "Năm mới trước, theo tên." + oaClusterNote, Params: []string{"limit", "offset", "cluster_year"}, Status: http.StatusOK, Result: List[*cluster.Cluster]{}, Errors: []int{422}},
	"POST /api/v1/clusters": {ID: "createCluster", Tag: oaTagClusters, Summary: "Lập cụm, khối thi đua của một năm",
		Desc: "Chỉ cán bộ thi đua – khen thưởng của đơn vị tổ chức (UBND tỉnh). Trưởng, phó luân phiên: không trùng trưởng, phó của cùng cụm, khối năm trước; một đơn vị chỉ ở một cụm, khối mỗi năm (422).",
		Body: ClusterInput{}, Status: http.StatusCreated, Result: &cluster.Cluster{}, Errors: []int{409, 422}},
	"GET /api/v1/clusters/{id}": {ID: "getCluster", Tag: oaTagClusters, Summary: "Một cụm, khối thi đua",
		Desc: "Thành viên, trưởng, phó, đợt chấm điểm cuối năm và đơn vị dẫn đầu." + oaClusterNote, Status: http.StatusOK, Result: &cluster.Cluster{}, Errors: []int{404}},
	"PUT /api/v1/clusters/{id}": {ID: "updateCluster", Tag: oaTagClusters, Summary: "Sửa cụm, khối thi đua",
		Desc: "Tên, loại, thành viên, người chấm điểm chéo, trưởng, phó; chỉ trước khi bắt đầu chấm điểm cuối năm. Năm và đơn vị tổ chức không đổi.",
		Body: ClusterInput{}, Status: http.StatusOK, Result: &cluster.Cluster{}, Errors: []int{404, 409, 422}},
	"POST /api/v1/clusters/{id}/next-year": {ID: "createClusterNextYear", Tag: oaTagClusters, Summary: "Lập cụm, khối năm sau, luân phiên trưởng, phó",
		Desc: "Cùng tên, thành viên và người chấm điểm chéo; phó trưởng năm nay làm trưởng, thành viên kế tiếp làm phó.",
		Body: CopyInput{}, Status: http.StatusCreated, Result: &cluster.Cluster{}, Errors: []int{404, 409, 422}},
	"GET /api/v1/clusters/{id}/covenant": {ID: "getClusterCovenant", Tag: oaTagClusters, Summary: "Giao ước thi đua của cụm, khối",
		Desc: "Nội dung, ngày ký, chữ ký của từng thành viên và thông tin tệp văn bản đã ký (tải tệp qua giao diện). Chưa có giao ước: 404.", Status: http.StatusOK, Result: &cluster.Covenant{}, Errors: []int{404}},
	"PUT /api/v1/clusters/{id}/covenant": {ID: "saveClusterCovenant", Tag: oaTagClusters, Summary: "Ghi giao ước thi đua đã ký",
		Desc: "Mỗi thành viên một chữ ký của thủ trưởng; ngày ký trong năm; văn bản đã ký bắt buộc lần đầu. Không sửa được sau khi đã bắt đầu chấm điểm.",
		Body: CovenantInput{}, Status: http.StatusOK, Result: &cluster.Covenant{}, Errors: []int{404, 409, 422}},
	"POST /api/v1/clusters/{id}/review": {ID: "startClusterReview", Tag: oaTagClusters, Summary: "Bắt đầu chấm điểm, xếp hạng cuối năm",
		Desc: "Tạo đợt thi đua của cụm, khối (tập thể tham gia là các thành viên, đã duyệt), với tiêu chí theo giao ước, phân công người chấm điểm chéo của các thành viên, chuyển sang đang thực hiện — một giao dịch. " +
			"Sau đó: mỗi thành viên tự chấm (SELF), cán bộ chuyển sang đánh giá, người chấm điểm chéo của thành viên này chấm các thành viên khác (COUNCIL) qua PUT /registrations/{id}/scores, rồi tổng kết đợt.",
		Body: ClusterReviewInput{}, Status: http.StatusOK, Result: &cluster.Cluster{}, Errors: []int{404, 409, 422}},
	"GET /api/v1/clusters/{id}/ranking": {ID: "getClusterRanking", Tag: oaTagClusters, Summary: "Xếp hạng các thành viên theo điểm chấm",
		Desc: "Mỗi thành viên tính điểm tự chấm và điểm chấm chéo của các thành viên khác (điểm của chính mình hoặc của thủ trưởng không tính); trung bình điểm chấm chéo, chưa có thì lấy điểm tự chấm. " +
			"Mọi thành viên xem toàn bộ xếp hạng của cụm, khối. Chưa bắt đầu chấm điểm: 422.", Status: http.StatusOK, Result: &cluster.Ranking{}, Errors: []int{404, 422}},
	"GET /api/v1/clusters/{id}/votes": {ID: "listClusterVotes", Tag: oaTagClusters, Summary: "Phiếu suy tôn đơn vị dẫn đầu",
		Desc: "Biểu quyết công khai của các thành viên (mỗi thành viên một phiếu, ghi rõ ai bỏ cho đơn vị nào), không phải bỏ phiếu kín của Hội đồng.", Status: http.StatusOK, Result: &ClusterVotes{}, Errors: []int{404}},
	"POST /api/v1/clusters/{id}/votes": {ID: "castClusterVote", Tag: oaTagClusters, Summary: "Bỏ phiếu suy tôn đơn vị dẫn đầu",
		Desc: "Sau khi đợt chấm điểm đã tổng kết và trước khi kết luận; phiếu mới thay phiếu cũ của cùng thành viên. Thủ trưởng hoặc người chấm điểm chéo của thành viên bỏ phiếu (403 nếu khác).",
		Body: ClusterVoteInput{}, Status: http.StatusOK, Result: &ClusterVotes{}, Errors: []int{404, 422}},
	"POST /api/v1/clusters/{id}/conclude": {ID: "concludeCluster", Tag: oaTagClusters, Summary: "Kết luận đơn vị dẫn đầu cụm, khối",
		Desc: "Đơn vị được quá nửa tổng số thành viên suy tôn là đơn vị dẫn đầu năm đó: dữ kiện leads_cluster mà điều kiện R-CTT-01 (Cờ thi đua của UBND tỉnh) đọc khi xét tập thể.",
		Body: ConcludeInput{}, Status: http.StatusOK, Result: &cluster.Cluster{}, Errors: []int{404, 409, 422}},
}

var clusterParams = map[string]apiParam{
	"cluster_year": {"year", "Chỉ các cụm, khối của năm này.", 0, `minimum:"2000" maximum:"2100"`},
}

func clusterEnums(m map[string][]thidua.Option) { m["clusterKinds"] = cluster.Kinds }

// clusterTypeDocs describes the domain's cluster types (openapi_schema.go).
var clusterTypeDocs = map[reflect.Type]typeDoc{
	reflect.TypeFor[cluster.Cluster](): {
		"":                `doc:"Cụm, khối thi đua của một năm (R-CAMP-06)."`,
		"id":              `doc:"Mã cụm, khối."`,
		"year":            `doc:"Năm."`,
		"kind":            `doc:"Cụm hay khối." enum:"clusterKinds"`,
		"name":            `doc:"Tên."`,
		"unit_id":         `doc:"Đơn vị tổ chức."`,
		"leader_unit_id":  `doc:"Trưởng cụm, khối."`,
		"deputy_unit_id":  `doc:"Phó trưởng cụm, khối."`,
		"members":         `doc:"Các thành viên theo thứ tự."`,
		"campaign_id":     `doc:"Đợt thi đua chấm điểm cuối năm, khi đã bắt đầu."`,
		"leading_unit_id": `doc:"Đơn vị dẫn đầu năm đó theo kết quả suy tôn, khi đã kết luận."`,
		"decided_on":      `doc:"Ngày họp suy tôn."`,
		"unit_name":       `doc:"Tên đơn vị tổ chức."`,
		"leader_name":     `doc:"Tên trưởng cụm, khối."`,
		"deputy_name":     `doc:"Tên phó trưởng."`,
		"leading_name":    `doc:"Tên đơn vị dẫn đầu."`,
	},
	reflect.TypeFor[cluster.Member](): {
		"":            `doc:"Thành viên cụm, khối."`,
		"unit_id":     `doc:"Mã đơn vị."`,
		"scorer_id":   `doc:"Tài khoản chấm điểm chéo cho thành viên này."`,
		"name":        `doc:"Tên đơn vị."`,
		"scorer_name": `doc:"Tên người chấm điểm chéo."`,
	},
	reflect.TypeFor[cluster.Covenant](): {
		"":           `doc:"Giao ước thi đua."`,
		"cluster_id": `doc:"Mã cụm, khối."`,
		"targets":    `doc:"Nội dung, chỉ tiêu giao ước."`,
		"signed_on":  `doc:"Ngày ký."`,
		"signatures": `doc:"Chữ ký của thủ trưởng từng thành viên."`,
		"file":       `doc:"Văn bản giao ước đã ký."`,
	},
	reflect.TypeFor[cluster.Signature](): {
		"":            `doc:"Chữ ký giao ước của một thành viên." schema:"CovenantSignature"`,
		"unit_id":     `doc:"Mã đơn vị thành viên."`,
		"signer":      `doc:"Người ký."`,
		"signer_post": `doc:"Chức vụ người ký."`,
		"unit_name":   `doc:"Tên đơn vị thành viên."`,
	},
	reflect.TypeFor[cluster.Document](): {
		"":             `doc:"Tệp văn bản đã lưu." schema:"StoredFile"`,
		"name":         `doc:"Tên tệp."`,
		"content_type": `doc:"Kiểu nội dung."`,
		"size":         `doc:"Kích thước (byte)." minimum:"0"`,
	},
	reflect.TypeFor[cluster.Ranking](): {
		"":         `doc:"Xếp hạng thành viên theo kết quả chấm điểm cuối năm." schema:"ClusterRanking"`,
		"cluster":  `doc:"Cụm, khối."`,
		"campaign": `doc:"Đợt thi đua chấm điểm của cụm, khối."`,
		"criteria": `doc:"Tiêu chí theo giao ước."`,
		"results":  `doc:"Kết quả từng thành viên, hạng 1 trước."`,
	},
	reflect.TypeFor[cluster.Vote](): {
		"":                  `doc:"Phiếu suy tôn của một thành viên." schema:"ClusterVote"`,
		"voter_unit_id":     `doc:"Thành viên bỏ phiếu."`,
		"candidate_unit_id": `doc:"Thành viên được suy tôn."`,
		"cast_by":           `doc:"Tài khoản đã bỏ phiếu."`,
		"cast_at":           `doc:"Thời điểm bỏ phiếu."`,
		"voter_name":        `doc:"Tên thành viên bỏ phiếu."`,
		"candidate_name":    `doc:"Tên thành viên được suy tôn."`,
		"cast_by_name":      `doc:"Tên người bỏ phiếu."`,
	},
	reflect.TypeFor[cluster.Tally](): {
		"":          `doc:"Kết quả kiểm phiếu suy tôn: cần quá nửa tổng số thành viên." schema:"ClusterTally"`,
		"members":   `doc:"Tổng số thành viên." minimum:"0"`,
		"cast":      `doc:"Số phiếu đã bỏ." minimum:"0"`,
		"counts":    `doc:"Số phiếu của từng thành viên, nhiều trước."`,
		"winner_id": `doc:"Thành viên được quá nửa tổng số thành viên suy tôn, nếu có."`,
	},
	reflect.TypeFor[cluster.Count](): {
		"":        `doc:"Số phiếu của một thành viên." schema:"ClusterCount"`,
		"unit_id": `doc:"Mã đơn vị."`,
		"name":    `doc:"Tên đơn vị."`,
		"votes":   `doc:"Số phiếu." minimum:"0"`,
	},
	reflect.TypeFor[List[*cluster.Cluster]](): {"": `schema:"ClusterList"`, "items": `doc:"Các cụm, khối."`},
}
