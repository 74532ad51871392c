package api

import (
	"net/http"
	"reflect"

	"thidua"
	"thidua/inbox"
	"thidua/web/kit"
)

// Task is one item of the caller's inbox ("Việc cần làm").
type Task struct {
	Kind       string      `json:"kind"`
	Label      string      `json:"label"`
	Title      string      `json:"title"`
	URL        string      `json:"url"`
	Due        thidua.Date `json:"due,omitzero"`
	CampaignID int64       `json:"campaign_id,omitempty"`
	RefID      int64       `json:"ref_id"`
	Note       string      `json:"note,omitempty"`
}

// MeTasks lists what waits for the caller, scoped as the pages are.
func (s *Handler) MeTasks(w http.ResponseWriter, r *http.Request) error {
	limit, offset, err := listParams(r, 50, 200)
	if err != nil {
		return err
	}
	if s.Cfg.Inbox == nil {
		return thidua.Errorf(thidua.ENOTFOUND, "Chức năng việc cần làm chưa được bật.")
	}
	tasks, total, err := s.Cfg.Inbox.FindTasks(r.Context(), offset, limit)
	if err != nil {
		return err
	}
	out := make([]Task, len(tasks))
	for i, t := range tasks {
		out[i] = Task{Kind: t.Kind, Label: t.Label(), Title: t.Title, URL: t.URL, Due: t.Due, CampaignID: t.CampaignID, RefID: t.RefID, Note: t.Note}
	}
	kit.WriteJSON(w, http.StatusOK, newList(out, total, limit, offset))
	return nil
}

// inboxOps documents the inbox's operations.
var inboxOps = map[string]apiOp{
	"GET /api/v1/me/tasks": {ID: "listMyTasks", Tag: oaTagSystem, Summary: "Việc cần làm của tài khoản đang gọi API",
		Desc: "Những việc đang chờ chính người gọi, theo vai trò và phạm vi đơn vị như trên các trang: đăng ký bị trả lại, " +
			"thiếu minh chứng hoặc tự chấm điểm, đăng ký được phân công chấm, phiên họp chờ bỏ phiếu, đăng ký chờ duyệt, " +
			"tờ trình chờ tiếp nhận, thẩm định hoặc bị trả lại, phiên họp chờ kết thúc, quyết định chờ ban hành, tin bài chờ duyệt " +
			"hoặc bị trả lại. Mỗi mục có `url` tới trang xử lý; xử lý xong thì mục không còn.",
		Params: []string{"task_limit", "offset"}, Status: http.StatusOK, Result: List[Task]{}, Errors: []int{422}},
}

var inboxParams = map[string]apiParam{
	"task_limit": {"limit", "Số mục tối đa trả về, từ 1 đến 200 (mặc định 50).", 0, `minimum:"1" maximum:"200" default:"50"`},
}

var inboxTypeDocs = map[reflect.Type]typeDoc{
	reflect.TypeFor[Task](): {
		"kind":        `doc:"Loại việc." enum:"taskKinds"`,
		"label":       `doc:"Tên loại việc."`,
		"title":       `doc:"Việc gì, về đối tượng nào."`,
		"url":         `doc:"Trang xử lý việc (đường dẫn trong /app)."`,
		"due":         `doc:"Hạn xử lý, nếu có."`,
		"campaign_id": `doc:"Đợt thi đua liên quan, nếu có."`,
		"ref_id":      `doc:"Mã đối tượng (đăng ký, tờ trình, phiên họp, quyết định hoặc tin bài)."`,
		"note":        `doc:"Lý do khi đối tượng bị trả lại."`,
	},
	reflect.TypeFor[List[Task]](): {"": `schema:"TaskList"`, "items": `doc:"Các việc, việc bị trả lại trước, rồi theo hạn."`},
}

func inboxEnums(m map[string][]thidua.Option) { m["taskKinds"] = inbox.Kinds }
