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

// The forms that run a cluster's year in the pages, beside the list and
// the cluster's page (clusters.go): editing the cluster (this file), the
// signed covenant (clusters_covenant.go) and the start of the year's
// review with the members' scorers (clusters_review.go). Each calls the
// same cluster.Service method as the API, which checks the organizer's
// scope and writes the audit log; a refused form comes back as typed.

// managedCluster returns the cluster of the path that the user manages:
// ENOTFOUND when the user does not see it, EFORBIDDEN when they see it
// (a member's staff) but do not manage it.
func (s *Handler) managedCluster(r *http.Request) (cluster.Service, *cluster.Cluster, error) {
	cs, err := s.clusterService()
	if err != nil {
		return nil, nil, err
	}
	c, err := kit.FindByID(r, cs.FindClusterByID)
	if err != nil {
		return nil, nil, err
	}
	if err := cluster.CheckManage(thidua.UserFromContext(r.Context()), c); err != nil {
		return nil, nil, err
	}
	return cs, c, nil
}

// memberField matches the fields the domain names after a member or a
// signature by its place in the list: "members[2].scorer_id".
var memberField = regexp.MustCompile(`^(members|signatures)\[(\d+)\]\.(\w+)$`)

// renameMemberFields returns err with the fields that name the i-th entry
// of a list renamed after its unit as the form names its control
// (names["scorer_id"] = "scorer_%d" gives "scorer_12"): the error summary's
// links then reach the control, and each message shows beside its row.
// units[i] is the unit of the i-th entry; a field with no name in names
// becomes the list's own field (list). Any other error is returned as is.
func renameMemberFields(err error, list string, units []int64, names map[string]string) error {
	fields := thidua.ErrorFields(err)
	if thidua.ErrorCode(err) != thidua.EINVALID || len(fields) == 0 {
		return err
	}
	out := make(map[string]string, len(fields))
	for k, msg := range fields {
		if m := memberField.FindStringSubmatch(k); m != nil {
			i, _ := strconv.Atoi(m[2])
			k = list
			if format, ok := names[m[3]]; ok && i < len(units) {
				k = fmt.Sprintf(format, units[i])
			}
			if prev, ok := out[k]; ok && prev != msg {
				msg = prev + " " + msg
			}
		}
		out[k] = msg
	}
	return &thidua.Error{Code: thidua.EINVALID, Message: thidua.ErrorMessage(err), Fields: out}
}

// mergeErrs returns the validation errors of errs as one, every field's
// message kept (the first of a field wins), or the first error that is
// not a validation error; nil when all are nil.
func mergeErrs(errs ...error) error {
	var v thidua.Validation
	var first error
	for _, err := range errs {
		if err == nil {
			continue
		}
		if thidua.ErrorCode(err) != thidua.EINVALID {
			return err
		}
		if first == nil {
			first = err
		}
		fields := thidua.ErrorFields(err)
		if len(fields) == 0 {
			v.Add("", thidua.ErrorMessage(err))
		}
		for k, msg := range fields {
			v.Add(k, msg)
		}
	}
	if first == nil {
		return nil
	}
	merged := v.Err().(*thidua.Error)
	if msg, ok := merged.Fields[""]; ok {
		// A message of no field leads the summary.
		merged.Message = msg
		delete(merged.Fields, "")
	} else if len(merged.Fields) == 1 {
		merged.Message = thidua.ErrorMessage(first)
	}
	return merged
}

type clusterEditPage struct {
	kit.Page
	C        *cluster.Cluster
	Form     *kit.Form
	Kinds    []thidua.Option
	Agencies []*thidua.Unit
	// Members are the units checked as members, by ID.
	Members map[string]bool
}

// agenciesUnder returns the agencies of the organizer's subtree, the units a
// cluster's members are chosen from.
func (s *Handler) agenciesUnder(r *http.Request, c *cluster.Cluster) ([]*thidua.Unit, error) {
	units, _, err := s.Store.FindUnits(r.Context(), thidua.UnitFilter{})
	if err != nil {
		return nil, err
	}
	var out []*thidua.Unit
	for _, u := range units {
		if u.Kind == thidua.UnitAgency && u.Path != c.UnitPath && strings.HasPrefix(u.Path, c.UnitPath) {
			out = append(out, u)
		}
	}
	return out, nil
}

// HandleClusterEdit shows the form that changes a cluster's name, kind,
// members, leader and deputy (PUT /api/v1/clusters/{id}), to the
// organizer's officers, until the review starts.
func (s *Handler) HandleClusterEdit(w http.ResponseWriter, r *http.Request) error {
	_, c, err := s.managedCluster(r)
	if err != nil {
		return err
	}
	f := kit.NewForm()
	f.Values["version"] = strconv.Itoa(c.Version)
	f.Values["name"], f.Values["kind"] = c.Name, c.Kind
	f.Values["leader_unit_id"], f.Values["deputy_unit_id"] = kit.IdStr(c.LeaderUnitID), kit.IdStr(c.DeputyUnitID)
	members := map[string]bool{}
	for _, m := range c.Members {
		members[kit.IdStr(m.UnitID)] = true
	}
	p, err := s.clusterEditPage(r, c, f, members)
	if err != nil {
		return err
	}
	s.Render(w, r, http.StatusOK, "cluster_edit.html", p)
	return nil
}

func (s *Handler) clusterEditPage(r *http.Request, c *cluster.Cluster, f *kit.Form, members map[string]bool) (*clusterEditPage, error) {
	p := &clusterEditPage{Page: kit.Page{Title: "Sửa " + c.Name + " năm " + strconv.Itoa(c.Year), Nav: "clusters"},
		C: c, Form: f, Kinds: cluster.Kinds, Members: members}
	var err error
	p.Agencies, err = s.agenciesUnder(r, c)
	return p, err
}

// HandleClusterUpdate saves the edit form. The members keep their order
// (the rotation passes the deputy's post to the next member) and their
// scorers; new members follow in the form's order.
func (s *Handler) HandleClusterUpdate(w http.ResponseWriter, r *http.Request) error {
	cs, cur, err := s.managedCluster(r)
	if err != nil {
		return err
	}
	f, err := kit.ParseForm(w, r)
	if err != nil {
		return err
	}
	c := &cluster.Cluster{ID: cur.ID, Year: cur.Year, UnitID: cur.UnitID, Kind: f.Values["kind"], Name: f.Values["name"]}
	c.Version = f.Version(r)
	c.LeaderUnitID = f.Int("leader_unit_id", "Vui lòng chọn trưởng cụm, khối trong danh sách.")
	c.DeputyUnitID = f.Int("deputy_unit_id", "Vui lòng chọn phó trưởng cụm, khối trong danh sách.")
	members := map[string]bool{}
	var picked []int64
	for _, v := range r.PostForm["member"] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 || members[v] {
			continue
		}
		members[v] = true
		picked = append(picked, id)
	}
	for _, m := range cur.Members { // kept members first, in their order
		if members[kit.IdStr(m.UnitID)] {
			c.Members = append(c.Members, cluster.Member{UnitID: m.UnitID, ScorerID: m.ScorerID})
		}
	}
	for _, id := range picked {
		if cur.Member(id) == nil {
			c.Members = append(c.Members, cluster.Member{UnitID: id})
		}
	}
	units := make([]int64, len(c.Members))
	for i, m := range c.Members {
		units[i] = m.UnitID
	}
	if err = f.FieldsErr(); err != nil {
		check := *c
		check.Normalize()
		err = f.MergeErr(check.Validate())
	} else {
		err = cs.UpdateCluster(r.Context(), c)
	}
	if err != nil {
		err = renameMemberFields(err, "members", units, map[string]string{"unit_id": "member_%d", "scorer_id": "member_%d"})
		s.FormFailed(w, r, f, err, "cluster_edit.html", func() (kit.View, error) {
			if fresh, ferr := cs.FindClusterByID(r.Context(), cur.ID); ferr == nil {
				cur = fresh
			}
			return s.clusterEditPage(r, cur, f, members)
		})
		return nil
	}
	s.Flash(w, r, "Đã lưu "+c.Name+" năm "+strconv.Itoa(c.Year)+".")
	http.Redirect(w, r, "/app/clusters/"+kit.IdStr(c.ID), http.StatusSeeOther)
	return nil
}
