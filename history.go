package thidua

import (
	"context"
	"fmt"
	"sort"
	"time"
)

// Subjects of a history: a person (cá nhân) or a unit (tập thể).
const (
	SubjectPerson = "PERSON"
	SubjectUnit   = "UNIT"
)

// History is everything the eligibility engine reads about one subject:
// ratings, titles and commendations received, initiatives, disciplines,
// pending proceedings, maternity leave and leadership posts. A person's
// history follows them across units and transfers.
type History struct {
	Ratings        []Rating            `json:"ratings"`
	Titles         []TitleRecord       `json:"titles"`
	Awards         []Award             `json:"awards"`
	Initiatives    []Initiative        `json:"initiatives"`
	Disciplines    []Discipline        `json:"disciplines"`
	Proceedings    []PendingProceeding `json:"proceedings"`
	MaternityLeave []Period            `json:"maternity_leave"`
	Leadership     []LeadershipPost    `json:"leadership"`
}

// Normalize fills nil lists and sorts records by time, newest last.
func (h *History) Normalize() {
	if h.Ratings == nil {
		h.Ratings = []Rating{}
	}
	if h.Titles == nil {
		h.Titles = []TitleRecord{}
	}
	if h.Awards == nil {
		h.Awards = []Award{}
	}
	if h.Initiatives == nil {
		h.Initiatives = []Initiative{}
	}
	if h.Disciplines == nil {
		h.Disciplines = []Discipline{}
	}
	if h.Proceedings == nil {
		h.Proceedings = []PendingProceeding{}
	}
	if h.MaternityLeave == nil {
		h.MaternityLeave = []Period{}
	}
	if h.Leadership == nil {
		h.Leadership = []LeadershipPost{}
	}
	sort.SliceStable(h.Ratings, func(i, j int) bool { return h.Ratings[i].Year < h.Ratings[j].Year })
	sort.SliceStable(h.Titles, func(i, j int) bool { return h.Titles[i].Year < h.Titles[j].Year })
	sort.SliceStable(h.Awards, func(i, j int) bool { return h.Awards[i].Date.Before(h.Awards[j].Date) })
	sort.SliceStable(h.Initiatives, func(i, j int) bool { return h.Initiatives[i].Year < h.Initiatives[j].Year })
	sort.SliceStable(h.Disciplines, func(i, j int) bool { return h.Disciplines[i].From.Before(h.Disciplines[j].From) })
}

// Validate checks every record; field keys name the list and the index,
// e.g. "ratings[2].rating".
func (h *History) Validate() error {
	var v Validation
	add := func(list string, i int, err error) {
		for k, msg := range ErrorFields(err) {
			v.Add(fmt.Sprintf("%s[%d].%s", list, i, k), msg)
		}
	}
	years := map[int]bool{}
	for i := range h.Ratings {
		add("ratings", i, h.Ratings[i].Validate())
		if years[h.Ratings[i].Year] {
			v.Add(fmt.Sprintf("ratings[%d].year", i), fmt.Sprintf("Năm %d đã có xếp loại.", h.Ratings[i].Year))
		}
		years[h.Ratings[i].Year] = true
	}
	titles := map[string]bool{}
	for i := range h.Titles {
		add("titles", i, h.Titles[i].Validate())
		key := fmt.Sprintf("%d/%s", h.Titles[i].Year, h.Titles[i].Code)
		if titles[key] {
			v.Add(fmt.Sprintf("titles[%d].code", i), fmt.Sprintf("Danh hiệu %s năm %d bị nhập trùng.", h.Titles[i].Code, h.Titles[i].Year))
		}
		titles[key] = true
	}
	for i := range h.Awards {
		add("awards", i, h.Awards[i].Validate())
	}
	for i := range h.Initiatives {
		add("initiatives", i, h.Initiatives[i].Validate())
	}
	for i := range h.Disciplines {
		add("disciplines", i, h.Disciplines[i].Validate())
	}
	for i := range h.Proceedings {
		add("proceedings", i, h.Proceedings[i].Validate())
	}
	for i := range h.MaternityLeave {
		add("maternity_leave", i, h.MaternityLeave[i].Validate())
	}
	for i := range h.Leadership {
		add("leadership", i, h.Leadership[i].Validate())
	}
	if len(h.Ratings)+len(h.Titles)+len(h.Awards)+len(h.Initiatives)+len(h.Disciplines)+len(h.Proceedings)+len(h.MaternityLeave)+len(h.Leadership) > 2000 {
		v.Add("history", "Quá nhiều bản ghi cho một đối tượng (tối đa 2000).")
	}
	return v.Err()
}

// PendingOn reports whether a proceeding is open on day d (R-GEN-06).
func (h *History) PendingOn(d Date) bool {
	for i := range h.Proceedings {
		if h.Proceedings[i].OpenOn(d) {
			return true
		}
	}
	return false
}

// SubjectHistory is the stored history of one person or unit.
type SubjectHistory struct {
	Subject   string    `json:"subject"` // PERSON or UNIT
	SubjectID int64     `json:"subject_id"`
	Name      string    `json:"name"`
	UnitID    int64     `json:"unit_id"`
	Gender    string    `json:"gender,omitempty"`
	History   History   `json:"history"`
	Version   int       `json:"version"` // 0 when nothing is stored yet
	UpdatedAt time.Time `json:"updated_at,omitzero"`

	UnitPath string `json:"-"`
	// ClusterLeads, filled on reads of a unit, are the years it led its
	// emulation cluster or bloc (cụm, khối thi đua, package cluster):
	// derived from the clusters' results, never edited as history.
	ClusterLeads []ClusterLead `json:"-"`
}

// ClusterLead records that a unit led its cluster or bloc in a year
// (R-CAMP-06, R-CTT-01).
type ClusterLead struct {
	Year      int
	ClusterID int64
	Cluster   string // the cluster's name
}

// HistoryFilter selects histories: the people (or units) of a unit's subtree.
type HistoryFilter struct {
	Subject string
	UnitID  int64 // subtree root; 0 for everything in scope
}

// HistoryService stores histories. Reading needs org.view on the subject's
// unit; saving needs records.edit there.
type HistoryService interface {
	// FindHistory returns the history of a subject (empty, version 0, when none is stored).
	FindHistory(ctx context.Context, subject string, id int64) (*SubjectHistory, error)
	// SaveHistory replaces a subject's history (version 0 creates); ECONFLICT when stale.
	SaveHistory(ctx context.Context, h *SubjectHistory) error
	// FindHistories lists the histories of the subjects in a subtree,
	// including subjects with nothing stored yet.
	FindHistories(ctx context.Context, f HistoryFilter) ([]*SubjectHistory, error)
}
