package workspace

import (
	"net/http"
	"strconv"

	"thidua"
	"thidua/cluster"
	"thidua/web/kit"
)

// The pages of the province's emulation clusters and blocs (cụm, khối thi
// đua): the list (with the form that forms one, for the province's
// officers), and a cluster's page, which every member sees: members,
// leader and deputy, the covenant and its signed document, the year's
// review (scored on the campaign's own pages), the ranking, the members'
// recorded vote and the leading unit.

func (s *Handler) clusterService() (cluster.Service, error) {
	if s.Cfg.Clusters == nil {
		return nil, thidua.Errorf(thidua.ENOTFOUND, "Không tìm thấy trang bạn yêu cầu.")
	}
	return s.Cfg.Clusters, nil
}

type clustersPage struct {
	kit.Page
	Items     []*cluster.Cluster
	Pager     kit.Pager
	Year      int
	CanManage bool
	// The form to form a cluster, for managers.
	Form       *kit.Form
	Organizers []*thidua.Unit
	Agencies   []*thidua.Unit
	Kinds      []thidua.Option
	Members    map[string]bool
}

const clustersPerPage = 50

// HandleClusters lists the clusters the user sees, by year.
func (s *Handler) HandleClusters(w http.ResponseWriter, r *http.Request) error {
	return s.renderClusters(w, r, http.StatusOK, nil, nil)
}

func (s *Handler) renderClusters(w http.ResponseWriter, r *http.Request, status int, f *kit.Form, members map[string]bool) error {
	cs, err := s.clusterService()
	if err != nil {
		return err
	}
	year, _ := strconv.Atoi(r.URL.Query().Get("nam"))
	page, offset := kit.PageOf(r, clustersPerPage)
	items, total, err := cs.FindClusters(r.Context(), cluster.Filter{Year: year, Offset: offset, Limit: clustersPerPage})
	if err != nil {
		return err
	}
	base := "/app/clusters"
	if year != 0 {
		base += "?nam=" + strconv.Itoa(year)
	}
	p := &clustersPage{Page: kit.Page{Title: "Cụm, khối thi đua", Nav: "clusters"}, Items: items,
		Pager: kit.NewPager(page, clustersPerPage, total, base), Year: year, Kinds: cluster.Kinds, Form: f, Members: members}
	if p.Organizers, err = s.ManageableUnits(r); err != nil {
		return err
	}
	if p.CanManage = len(p.Organizers) > 0; p.CanManage {
		units, _, err := s.Store.FindUnits(r.Context(), thidua.UnitFilter{})
		if err != nil {
			return err
		}
		for _, u := range units {
			if u.Kind == thidua.UnitAgency {
				p.Agencies = append(p.Agencies, u)
			}
		}
		if p.Form == nil {
			p.Form = kit.NewForm()
			p.Form.Values["year"] = strconv.Itoa(s.Now().In(thidua.VietnamZone).Year())
		}
	}
	s.Render(w, r, status, "clusters.html", p)
	return nil
}

// HandleClusterCreate forms a cluster from the list page's form; a refused
// form comes back as typed.
func (s *Handler) HandleClusterCreate(w http.ResponseWriter, r *http.Request) error {
	cs, err := s.clusterService()
	if err != nil {
		return err
	}
	f, err := kit.ParseForm(w, r)
	if err != nil {
		return err
	}
	members := map[string]bool{}
	c := &cluster.Cluster{Kind: f.Values["kind"], Name: f.Values["name"]}
	c.Year, _ = strconv.Atoi(f.Values["year"])
	c.UnitID, _ = strconv.ParseInt(f.Values["unit_id"], 10, 64)
	c.LeaderUnitID, _ = strconv.ParseInt(f.Values["leader_unit_id"], 10, 64)
	c.DeputyUnitID, _ = strconv.ParseInt(f.Values["deputy_unit_id"], 10, 64)
	for _, v := range r.PostForm["member"] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			continue
		}
		members[v] = true
		c.Members = append(c.Members, cluster.Member{UnitID: id})
	}
	if len(f.Errors) == 0 {
		err = cs.CreateCluster(r.Context(), c)
	} else {
		err = &thidua.Error{Code: thidua.EINVALID, Message: f.Error, Fields: f.Errors}
	}
	if err != nil {
		if thidua.ErrorCode(err) != thidua.EINVALID && thidua.ErrorCode(err) != thidua.ECONFLICT {
			return err
		}
		f.Error, f.Errors = thidua.ErrorMessage(err), thidua.ErrorFields(err)
		return s.renderClusters(w, r, http.StatusUnprocessableEntity, f, members)
	}
	s.Flash(w, r, "Đã lập "+c.Name+" năm "+strconv.Itoa(c.Year)+".")
	http.Redirect(w, r, "/app/clusters/"+kit.IdStr(c.ID), http.StatusSeeOther)
	return nil
}

type clusterPage struct {
	kit.Page
	C         *cluster.Cluster
	KindLabel string
	Covenant  *cluster.Covenant
	Ranking   *cluster.Ranking
	Votes     []cluster.Vote
	Tally     cluster.Tally
	CanManage bool
	// VoteFor are the members whose vote the user casts.
	VoteFor []cluster.Member
	Form    *kit.Form
}

// HandleCluster shows a cluster to its organizer's staff and its members.
func (s *Handler) HandleCluster(w http.ResponseWriter, r *http.Request) error {
	return s.renderCluster(w, r, http.StatusOK, nil)
}

func (s *Handler) renderCluster(w http.ResponseWriter, r *http.Request, status int, f *kit.Form) error {
	cs, err := s.clusterService()
	if err != nil {
		return err
	}
	c, err := kit.FindByID(r, cs.FindClusterByID)
	if err != nil {
		return err
	}
	ctx := r.Context()
	me := thidua.UserFromContext(ctx)
	p := &clusterPage{Page: kit.Page{Title: c.Name + " năm " + strconv.Itoa(c.Year), Nav: "clusters"}, C: c,
		KindLabel: thidua.Label(cluster.Kinds, c.Kind), CanManage: cluster.CheckManage(me, c) == nil, Form: f}
	if p.Form == nil {
		p.Form = kit.NewForm()
		p.Form.Values["decided_on"] = thidua.DateOf(s.Now().In(thidua.VietnamZone)).String()
	}
	if cv, err := cs.FindCovenant(ctx, c.ID); err == nil {
		p.Covenant = cv
	} else if thidua.ErrorCode(err) != thidua.ENOTFOUND {
		return err
	}
	if c.Started() {
		if p.Ranking, err = cs.FindRanking(ctx, c.ID); err != nil {
			return err
		}
		if p.Votes, err = cs.FindVotes(ctx, c.ID); err != nil {
			return err
		}
		p.Tally = cluster.TallyVotes(c, p.Votes)
		if c.LeadingUnitID == 0 && p.Ranking.Campaign.State == thidua.CampaignClosed {
			for _, m := range c.Members {
				if m.ScorerID == me.ID || me.HeadCovers(m.Path) {
					p.VoteFor = append(p.VoteFor, m)
				}
			}
		}
	}
	s.Render(w, r, status, "cluster.html", p)
	return nil
}

// HandleClusterVote casts a member's vote from the cluster's page.
func (s *Handler) HandleClusterVote(w http.ResponseWriter, r *http.Request) error {
	cs, err := s.clusterService()
	if err != nil {
		return err
	}
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	f, err := kit.ParseForm(w, r)
	if err != nil {
		return err
	}
	voter, _ := strconv.ParseInt(f.Values["voter_unit_id"], 10, 64)
	candidate, _ := strconv.ParseInt(f.Values["candidate_unit_id"], 10, 64)
	if err := cs.CastVote(r.Context(), id, voter, candidate); err != nil {
		if thidua.ErrorCode(err) != thidua.EINVALID {
			return err
		}
		f.Error, f.Errors = thidua.ErrorMessage(err), thidua.ErrorFields(err)
		return s.renderCluster(w, r, http.StatusUnprocessableEntity, f)
	}
	s.Flash(w, r, "Đã ghi phiếu suy tôn.")
	http.Redirect(w, r, "/app/clusters/"+kit.IdStr(id), http.StatusSeeOther)
	return nil
}

// HandleClusterConclude names the leading unit from the vote.
func (s *Handler) HandleClusterConclude(w http.ResponseWriter, r *http.Request) error {
	cs, err := s.clusterService()
	if err != nil {
		return err
	}
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	f, err := kit.ParseForm(w, r)
	if err != nil {
		return err
	}
	version, _ := strconv.Atoi(f.Values["version"])
	on, derr := thidua.ParseDate(f.Values["decided_on"])
	if derr != nil {
		err = &thidua.Error{Code: thidua.EINVALID, Message: "Ngày họp suy tôn không hợp lệ; viết dd/mm/yyyy.",
			Fields: map[string]string{"decided_on": "Ngày không hợp lệ; viết dd/mm/yyyy."}}
	} else {
		_, err = cs.Conclude(r.Context(), id, version, on)
	}
	if err != nil {
		if c := thidua.ErrorCode(err); c != thidua.EINVALID && c != thidua.ECONFLICT {
			return err
		}
		f.Error, f.Errors = thidua.ErrorMessage(err), thidua.ErrorFields(err)
		return s.renderCluster(w, r, http.StatusUnprocessableEntity, f)
	}
	s.Flash(w, r, "Đã kết luận đơn vị dẫn đầu.")
	http.Redirect(w, r, "/app/clusters/"+kit.IdStr(id), http.StatusSeeOther)
	return nil
}

// HandleClusterNextYear forms the cluster's next year, rotated.
func (s *Handler) HandleClusterNextYear(w http.ResponseWriter, r *http.Request) error {
	cs, err := s.clusterService()
	if err != nil {
		return err
	}
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	if _, err := kit.ParseForm(w, r); err != nil {
		return err
	}
	n, err := cs.CreateNextYear(r.Context(), id)
	if err != nil {
		if c := thidua.ErrorCode(err); c != thidua.EINVALID && c != thidua.ECONFLICT {
			return err
		}
		s.Flash(w, r, thidua.ErrorMessage(err))
		http.Redirect(w, r, "/app/clusters/"+kit.IdStr(id), http.StatusSeeOther)
		return nil
	}
	s.Flash(w, r, "Đã lập "+n.Name+" năm "+strconv.Itoa(n.Year)+", luân phiên trưởng, phó.")
	http.Redirect(w, r, "/app/clusters/"+kit.IdStr(n.ID), http.StatusSeeOther)
	return nil
}

// HandleClusterCovenantFile sends the signed covenant to whoever sees the
// cluster (FindCovenant checks the scope).
func (s *Handler) HandleClusterCovenantFile(w http.ResponseWriter, r *http.Request) error {
	cs, err := s.clusterService()
	if err != nil {
		return err
	}
	cv, err := kit.FindByID(r, cs.FindCovenant)
	if err != nil {
		return err
	}
	data, err := s.Cfg.Files.Get(r.Context(), cv.File.Key)
	if thidua.ErrorCode(err) == thidua.ENOTFOUND {
		// The demo's covenant is kept in the database's file store
		// whatever store the server was given.
		data, err = s.Store.Files().Get(r.Context(), cv.File.Key)
	}
	if err != nil {
		return err
	}
	kit.SendDocument(w, cv.File.ContentType, cv.File.Name, data)
	return nil
}
