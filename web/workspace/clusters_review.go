package workspace

import (
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"thidua"
	"thidua/cluster"
	"thidua/web/kit"
)

// The form that starts a cluster's year-end review: each member's scorer
// (a council member of that unit, cluster.CheckScorer) and the criteria
// the members are scored on, drawn from the covenant's targets. Scorers
// that changed are saved first (cluster.Service.UpdateCluster, as
// PUT /api/v1/clusters/{id}), then the review starts
// (cluster.Service.StartReview, as POST …/review). Every rule of both is
// checked before either writes (cluster.CheckStartReview and
// thidua.CheckCriteria on copies), so a refused form changes nothing.

// reviewSpareRows is how many empty criterion rows the form offers.
const reviewSpareRows = 2

// criterionInput is one row of the form's criteria, as typed.
type criterionInput struct {
	Code, Title, Max, Weight string
	Errs                     map[string]string
}

// Err returns the error of the row's field.
func (c *criterionInput) Err(field string) string { return c.Errs[field] }

type reviewPage struct {
	kit.Page
	C        *cluster.Cluster
	Covenant *cluster.Covenant
	// Scorers are the accounts that may score for each member, by unit.
	Scorers map[int64][]cluster.Scorer
	Rows    []*criterionInput
	Form    *kit.Form
}

// targetNumber is the numbering of a covenant's target line: "1.", "2)".
var targetNumber = regexp.MustCompile(`^\s*\d+\s*[.)]\s*`)

// covenantRows returns a criterion row for each of the covenant's target
// lines (its numbering left out), then the spare rows.
func covenantRows(cv *cluster.Covenant) []*criterionInput {
	var rows []*criterionInput
	if cv != nil {
		for _, l := range strings.Split(cv.Targets, "\n") {
			title := strings.TrimSpace(targetNumber.ReplaceAllString(l, ""))
			if title == "" || len(rows) >= 100 {
				continue
			}
			if r := []rune(title); len(r) > 255 {
				title = string(r[:255])
			}
			rows = append(rows, &criterionInput{Code: "TC" + strconv.Itoa(len(rows)+1), Title: title})
		}
	}
	for range reviewSpareRows {
		rows = append(rows, &criterionInput{})
	}
	return rows
}

func (s *Handler) reviewPage(r *http.Request, cs cluster.Service, c *cluster.Cluster, f *kit.Form, rows []*criterionInput) (*reviewPage, error) {
	p := &reviewPage{Page: kit.Page{Title: "Bắt đầu chấm điểm, xếp hạng " + c.Name + " năm " + strconv.Itoa(c.Year), Nav: "clusters"},
		C: c, Form: f, Rows: rows, Scorers: map[int64][]cluster.Scorer{}}
	ctx := r.Context()
	cv, err := cs.FindCovenant(ctx, c.ID)
	switch {
	case err == nil:
		p.Covenant = cv
	case thidua.ErrorCode(err) != thidua.ENOTFOUND:
		return nil, err
	}
	if p.Rows == nil {
		p.Rows = covenantRows(p.Covenant)
	}
	scorers, err := cs.FindScorers(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	for _, sc := range scorers {
		p.Scorers[sc.UnitID] = append(p.Scorers[sc.UnitID], sc)
	}
	return p, nil
}

// HandleClusterReview shows the form that starts the review to the
// organizer's officers.
func (s *Handler) HandleClusterReview(w http.ResponseWriter, r *http.Request) error {
	cs, c, err := s.managedCluster(r)
	if err != nil {
		return err
	}
	if c.Started() {
		s.Flash(w, r, "Đã bắt đầu chấm điểm, xếp hạng cuối năm của cụm, khối này.")
		http.Redirect(w, r, "/app/clusters/"+kit.IdStr(c.ID)+"#cham-diem", http.StatusSeeOther)
		return nil
	}
	f := kit.NewForm()
	f.Values["version"] = strconv.Itoa(c.Version)
	for _, m := range c.Members {
		if m.ScorerID != 0 {
			f.Values["scorer_"+kit.IdStr(m.UnitID)] = kit.IdStr(m.ScorerID)
		}
	}
	p, err := s.reviewPage(r, cs, c, f, nil)
	if err != nil {
		return err
	}
	s.Render(w, r, http.StatusOK, "cluster_review.html", p)
	return nil
}

// HandleClusterReviewStart saves the members' scorers when they changed and
// starts the review, or gives the form back as typed with every error.
func (s *Handler) HandleClusterReviewStart(w http.ResponseWriter, r *http.Request) error {
	cs, c, err := s.managedCluster(r)
	if err != nil {
		return err
	}
	f, err := kit.ParseForm(w, r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	version := f.Version(r)

	// The members with the scorers chosen.
	next := *c
	next.Members = append([]cluster.Member(nil), c.Members...)
	changed := false
	units := make([]int64, len(next.Members))
	for i := range next.Members {
		m := &next.Members[i]
		units[i] = m.UnitID
		field := "scorer_" + kit.IdStr(m.UnitID)
		id := f.Int(field, m.Name+": người chấm điểm chéo không hợp lệ.")
		if id != m.ScorerID {
			m.ScorerID, m.ScorerName, changed = id, "", true
		}
	}

	// The criteria as typed; an empty row is left out.
	pf := r.PostForm
	var typed []*criterionInput
	var criteria []*thidua.Criterion
	var rowOf []int // criteria[i] was typed in row rowOf[i]
	var parsed thidua.Validation
	for i := range pf["title"] {
		in := &criterionInput{Errs: map[string]string{}}
		in.Code, in.Title, in.Max, in.Weight = kit.At(pf["code"], i), kit.At(pf["title"], i), kit.At(pf["max_score"], i), kit.At(pf["weight"], i)
		typed = append(typed, in)
		if strings.TrimSpace(in.Code+in.Title+in.Max+in.Weight) == "" {
			continue
		}
		n := len(criteria)
		cr := &thidua.Criterion{Code: thidua.NormalizeText(in.Code), Title: thidua.NormalizeText(in.Title), AppliesTo: thidua.ForCollectives}
		label := thidua.CriterionLabel(n, cr.Code)
		for _, num := range []struct {
			field, name, text string
			dst               *float64
		}{{"max_score", "Điểm tối đa", in.Max, &cr.MaxScore}, {"weight", "Trọng số", in.Weight, &cr.Weight}} {
			if strings.TrimSpace(num.text) == "" {
				continue
			}
			v, _, err := thidua.ParseNumber(num.text)
			if err != nil {
				parsed.Add(fmt.Sprintf("criteria[%d].%s", i, num.field), label+" – "+num.name+": "+thidua.ErrorMessage(err))
				continue
			}
			*num.dst = v
		}
		criteria = append(criteria, cr)
		rowOf = append(rowOf, i)
	}

	// Every rule of both steps, on copies, before anything is written.
	cv, err := cs.FindCovenant(ctx, c.ID)
	if err != nil && thidua.ErrorCode(err) != thidua.ENOTFOUND {
		return err
	}
	check := make([]*thidua.Criterion, len(criteria))
	for i, cr := range criteria {
		cp := *cr
		check[i] = &cp
	}
	var critErr error
	if len(criteria) > 0 {
		critErr = criteriaFields(thidua.CheckCriteria(check), rowOf)
	}
	err = mergeErrs(f.FieldsErr(), parsed.Err(), cluster.CheckStartReview(&next, cv, len(criteria)), critErr)
	if err == nil && changed {
		next.Version = version
		if err = cs.UpdateCluster(ctx, &next); err == nil {
			// Should the start be refused now, the form goes on from
			// the saved scorers.
			version = next.Version
			f.Values["version"] = strconv.Itoa(version)
		}
	}
	if err == nil {
		if _, err = cs.StartReview(ctx, c.ID, version, criteria); err != nil {
			err = criteriaFields(err, rowOf)
		}
	}
	if err != nil {
		err = renameMemberFields(err, "members", units, map[string]string{"scorer_id": "scorer_%d", "unit_id": "scorer_%d"})
		s.FormFailed(w, r, f, err, "cluster_review.html", func() (kit.View, error) {
			for k, msg := range f.Errors {
				var i int
				var field string
				if n, _ := fmt.Sscanf(strings.NewReplacer("[", " ", "].", " ").Replace(k), "criteria %d %s", &i, &field); n == 2 && i < len(typed) {
					typed[i].Errs[field] = msg
				}
			}
			if len(typed) == 0 {
				typed = nil
			}
			return s.reviewPage(r, cs, c, f, typed)
		})
		return nil
	}
	s.Flash(w, r, "Đã bắt đầu chấm điểm, xếp hạng cuối năm: mỗi thành viên tự chấm, rồi người chấm điểm chéo chấm các thành viên khác.")
	http.Redirect(w, r, "/app/clusters/"+kit.IdStr(c.ID)+"#cham-diem", http.StatusSeeOther)
	return nil
}

// criteriaFields renames the fields of the n-th criterion kept
// ("criteria[n].title") after the row it was typed in (rowOf[n]), the
// form's empty rows being left out of the criteria.
func criteriaFields(err error, rowOf []int) error {
	fields := thidua.ErrorFields(err)
	if thidua.ErrorCode(err) != thidua.EINVALID || len(fields) == 0 {
		return err
	}
	out := make(map[string]string, len(fields))
	for k, msg := range fields {
		var n int
		var field string
		if c, _ := fmt.Sscanf(strings.NewReplacer("[", " ", "].", " ").Replace(k), "criteria %d %s", &n, &field); c == 2 && n < len(rowOf) {
			k = fmt.Sprintf("criteria[%d].%s", rowOf[n], field)
		}
		out[k] = msg
	}
	return &thidua.Error{Code: thidua.EINVALID, Message: thidua.ErrorMessage(err), Fields: out}
}
