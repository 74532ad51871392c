package inbox_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"thidua"
	"thidua/inbox"
	"thidua/news"
)

func raw(v any) json.RawMessage {
	if v == nil {
		return nil
	}
	b, _ := json.Marshal(v)
	return b
}

func TestFromAudit(t *testing.T) {
	for _, tc := range []struct {
		name           string
		entity, action string
		before, after  any
		kind, note     string
		users          []int64
	}{
		{"registration returned", "registration", thidua.ActionUpdate, map[string]string{"state": thidua.RegSubmitted},
			map[string]string{"state": thidua.RegReturned, "return_reason": "Thiếu minh chứng"}, inbox.EventRegistrationReturned, "Thiếu minh chứng", nil},
		{"registration approved", "registration", thidua.ActionUpdate, map[string]string{"state": thidua.RegSubmitted},
			map[string]string{"state": thidua.RegApproved}, "", "", nil},
		{"proposal returned", "proposal", thidua.ActionUpdate, map[string]string{"state": thidua.ProposalSubmitted},
			map[string]string{"state": thidua.ProposalReturned, "note": "Thiếu báo cáo"}, inbox.EventProposalReturned, "Thiếu báo cáo", nil},
		{"proposal received", "proposal", thidua.ActionUpdate, map[string]string{"state": thidua.ProposalSubmitted},
			map[string]string{"state": thidua.ProposalReceived}, "", "", nil},
		{"article returned", "article", thidua.ActionUpdate, map[string]any{"state": news.ArticleSubmitted},
			map[string]any{"state": news.ArticleDraft, "note": "Sửa tít"}, inbox.EventArticleReturned, "Sửa tít", nil},
		{"article saved as draft", "article", thidua.ActionUpdate, map[string]any{"state": news.ArticleDraft},
			map[string]any{"state": news.ArticleDraft, "note": "cũ"}, "", "", nil},
		{"reviewers added", "campaign_reviewers", thidua.ActionUpdate, []int64{4}, []int64{4, 7, 9}, inbox.EventScoreAssigned, "", []int64{7, 9}},
		{"reviewers removed", "campaign_reviewers", thidua.ActionUpdate, []int64{4, 7}, []int64{4}, "", "", nil},
		{"meeting opened", "meeting", thidua.ActionCreate, nil, map[string]any{"state": thidua.MeetingOpen}, inbox.EventMeetingOpened, "", nil},
		{"attendance", "meeting", thidua.ActionUpdate, nil, map[string]any{"present": []int{1}}, "", "", nil},
		{"decision issued", "decision", thidua.ActionUpdate, map[string]string{"state": thidua.DecisionDraft},
			map[string]any{"state": thidua.DecisionIssued, "number": "01/QĐ-VPUBND"}, inbox.EventDecisionIssued, "01/QĐ-VPUBND", nil},
		{"a sign-in", "user", thidua.ActionLogin, nil, nil, "", "", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := &thidua.AuditEntry{ID: 42, Entity: tc.entity, Action: tc.action, EntityID: 5, ActorID: 2, Before: raw(tc.before), After: raw(tc.after)}
			ev := inbox.FromAudit(e)
			if tc.kind == "" {
				if ev != nil {
					t.Fatalf("event %+v, want none", ev)
				}
				return
			}
			if ev == nil || ev.Kind != tc.kind || ev.Note != tc.note || !slices.Equal(ev.Users, tc.users) || ev.ActorID != 2 || ev.EntityID != 5 || ev.Key != "audit:42" {
				t.Fatalf("event %+v, want kind %s note %q users %v", ev, tc.kind, tc.note, tc.users)
			}
		})
	}
}

func d(s string) thidua.Date {
	x, err := thidua.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return x
}

func TestDueSoon(t *testing.T) {
	today := d("2026-12-02")
	for _, tc := range []struct {
		due  string
		want bool
	}{
		{"2026-12-02", true}, {"2026-12-09", true}, {"2026-12-10", false}, {"2026-12-01", false},
	} {
		if got := inbox.DueSoon(d(tc.due), today); got != tc.want {
			t.Errorf("DueSoon(%s) = %v, want %v", tc.due, got, tc.want)
		}
	}
	if inbox.DueSoon(thidua.Date{}, today) {
		t.Error("no deadline is due")
	}
}

func TestProposalDue(t *testing.T) {
	for _, tc := range []struct {
		name   string
		kind   string
		awards []string
		want   string
	}{
		{"annual (R-HS-06)", thidua.AwardCongTrang, nil, "2025-12-10"},
		{"annual with CSTĐTQ: the earlier window", thidua.AwardCongTrang, []string{thidua.TitleCSTDTQ}, "2025-12-10"},
		{"CSTĐTQ alone (R-HS-05)", thidua.AwardDotXuat, []string{thidua.TitleCSTDTQ}, "2026-12-31"},
		{"Cờ thi đua CP (R-HS-05)", thidua.AwardDotXuat, []string{thidua.TitleCTCP, thidua.TitleCSTDTQ}, "2026-06-30"},
		{"đột xuất: no window", thidua.AwardDotXuat, nil, ""},
	} {
		got := inbox.ProposalDue(tc.kind, 2025, tc.awards)
		if tc.want == "" {
			if !got.IsZero() {
				t.Errorf("%s: %s, want none", tc.name, got.ISO())
			}
			continue
		}
		if got.ISO() != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got.ISO(), tc.want)
		}
	}
}

func TestMailBackoff(t *testing.T) {
	want := []time.Duration{time.Minute, 2 * time.Minute, 4 * time.Minute, 8 * time.Minute, 16 * time.Minute, 32 * time.Minute, time.Hour, time.Hour}
	for i, w := range want {
		if got := inbox.MailBackoff(i + 1); got != w {
			t.Errorf("MailBackoff(%d) = %v, want %v", i+1, got, w)
		}
	}
}

func TestParticipantTasks(t *testing.T) {
	for _, tc := range []struct {
		reg, camp string
		ev, self  bool
		want      []string
	}{
		{thidua.RegReturned, thidua.CampaignInProgress, false, false, []string{inbox.KindRegistrationReturned}},
		{thidua.RegSubmitted, thidua.CampaignLaunched, false, false, []string{inbox.KindEvidenceMissing}},
		{thidua.RegApproved, thidua.CampaignInProgress, false, false, []string{inbox.KindEvidenceMissing, inbox.KindSelfScoreMissing}},
		{thidua.RegApproved, thidua.CampaignInProgress, true, true, nil},
		{thidua.RegApproved, thidua.CampaignEvaluating, false, false, []string{inbox.KindSelfScoreMissing}},
		{thidua.RegApproved, thidua.CampaignClosed, false, false, nil},
		{thidua.RegSubmitted, thidua.CampaignEvaluating, false, false, nil},
	} {
		if got := inbox.ParticipantTasks(tc.reg, tc.camp, tc.ev, tc.self); !slices.Equal(got, tc.want) {
			t.Errorf("ParticipantTasks(%s, %s, %v, %v) = %v, want %v", tc.reg, tc.camp, tc.ev, tc.self, got, tc.want)
		}
	}
}

func TestTaskURLsAndLabels(t *testing.T) {
	for _, k := range inbox.Kinds {
		u := inbox.TaskURL(k.Code, 7)
		if u == "/app" || !strings.HasPrefix(u, "/app/") || !strings.Contains(u, "/7") {
			t.Errorf("TaskURL(%s) = %s", k.Code, u)
		}
		if k.Label == "" || k.Label == k.Code {
			t.Errorf("kind %s has no Vietnamese label", k.Code)
		}
	}
	if got := inbox.TaskURL(inbox.KindMeetingVote, 3); got != "/app/meetings/3/vote" {
		t.Errorf("meeting_vote URL = %s", got)
	}
	for _, k := range inbox.EventKinds {
		title, body := inbox.EventText(k.Code, "Phòng Hành chính – Tổ chức", "Đợt thi đua 2026", "Lý do cụ thể")
		if !strings.HasPrefix(title, k.Label+": ") || body == "" || !strings.Contains(body, "Lý do cụ thể") {
			t.Errorf("EventText(%s) = %q, %q", k.Code, title, body)
		}
	}
	n := &inbox.Notification{Title: "Đăng ký thi đua bị trả lại: A", Body: "Lý do: B", URL: "/app/registrations/7"}
	subj, body := inbox.MailText(n, "Nguyễn Văn Đức", "https://thidua.example.gov.vn")
	if !strings.Contains(subj, n.Title) || !strings.Contains(body, "Kính gửi Nguyễn Văn Đức") || !strings.Contains(body, "https://thidua.example.gov.vn/app/registrations/7") {
		t.Errorf("MailText = %q, %q", subj, body)
	}
}
