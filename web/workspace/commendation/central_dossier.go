package commendation

import (
	"io"
	"mime"
	"net/http"
	"slices"

	"thidua"
	"thidua/central"
	"thidua/web/kit"
)

// HandleCentralDossier streams the dossier for the Ministry of Home
// Affairs as one ZIP: the tờ trình (PDF), the minutes and vote count of
// each closed council meeting that voted on the proposal's nominees, the
// nominee list (XLSX), every stored report and evidence file, the
// public-comment summary, and manifest.json last (each file's name, kind,
// size and SHA-256, with the proposal's identity). It is scoped like the
// proposal: who cannot see it gets 404. One file at a time is held.
func (s *Handler) HandleCentralDossier(w http.ResponseWriter, r *http.Request) error {
	svc, err := s.centralService()
	if err != nil {
		return err
	}
	ctx := r.Context()
	p, err := kit.FindByID(r, s.Store.FindProposalByID)
	if err != nil {
		return err
	}
	files, err := s.Store.FindProposalFiles(ctx, p.ID)
	if err != nil {
		return err
	}
	summary := ""
	if win, err := svc.FindWindow(ctx, p.ID); err == nil {
		summary = win.Summary()
	} else if thidua.ErrorCode(err) != thidua.ENOTFOUND {
		return err
	}
	meetings, err := s.proposalMeetings(r, p)
	if err != nil {
		return err
	}
	now := s.Now()
	sub := &central.Submission{Agency: s.agencyOf(r, p.UnitID), Place: s.PlaceOf(r, p.UnitID), Date: thidua.DateOf(now), Proposal: p, PublicComment: summary}
	for _, n := range p.Nominees {
		if a, ok := central.AuthorityOf(n.Award); ok {
			sub.Authority = a.Label
			break
		}
	}
	name := "ho-so-trinh-trung-uong-" + kit.IdStr(p.ID) + ".zip"
	w.Header().Set("Content-Type", "application/zip")
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	w.Header().Set("Cache-Control", "private, no-store")
	d := central.NewDossierWriter(w, p, now)
	d.SetPublicComment(summary)
	fail := func(err error) error {
		// The answer has begun: the archive is cut short, which the
		// receiver sees (no manifest); the log says why.
		s.Log.Error("central dossier", "proposal", p.ID, "err", err)
		return nil
	}
	if docs := s.Cfg.CentralDocs; docs != nil {
		if err := d.Add("to-trinh.pdf", central.FileSubmission, func(w io.Writer) error { return docs.SubmissionPDF(w, sub) }); err != nil {
			return fail(err)
		}
		if err := d.Add("danh-sach-de-nghi.xlsx", central.FileNominees, func(w io.Writer) error { return docs.NomineesXLSX(w, sub) }); err != nil {
			return fail(err)
		}
	}
	if s.Cfg.Decisions != nil {
		for _, id := range meetings {
			rec, err := s.meetingRecord(r, id)
			if err != nil {
				return fail(err)
			}
			if err := d.Add("bien-ban-hop-hoi-dong-"+kit.IdStr(id)+".pdf", central.FileMinutes, func(w io.Writer) error {
				return s.Cfg.Decisions.MinutesPDF(w, rec)
			}); err != nil {
				return fail(err)
			}
			if err := d.Add("bien-ban-kiem-phieu-"+kit.IdStr(id)+".pdf", central.FileTally, func(w io.Writer) error {
				return s.Cfg.Decisions.VoteCountPDF(w, rec)
			}); err != nil {
				return fail(err)
			}
		}
	}
	for _, n := range p.Nominees {
		text := central.ReportText(n)
		if text == "" {
			continue
		}
		if err := d.Add("bao-cao-thanh-tich-"+kit.IdStr(n.ID)+".txt", central.FileReport, func(w io.Writer) error {
			_, err := io.WriteString(w, text)
			return err
		}); err != nil {
			return fail(err)
		}
	}
	for _, f := range files {
		data, err := s.Cfg.Files.Get(ctx, f.Key)
		if err != nil {
			return fail(err)
		}
		if err := d.Add("ho-so-"+f.Name, central.FileEvidence, func(w io.Writer) error { _, err := w.Write(data); return err }); err != nil {
			return fail(err)
		}
	}
	if summary != "" {
		if err := d.Add("cong-khai-lay-y-kien.txt", central.FileComment, func(w io.Writer) error {
			_, err := io.WriteString(w, summary+"\n")
			return err
		}); err != nil {
			return fail(err)
		}
	}
	if err := d.Close(); err != nil {
		return fail(err)
	}
	return nil
}

// proposalMeetings returns the closed council meetings whose agenda holds
// one of the proposal's nominees.
func (s *Handler) proposalMeetings(r *http.Request, p *thidua.Proposal) ([]int64, error) {
	councils, err := s.Store.FindCouncils(r.Context())
	if err != nil {
		return nil, err
	}
	var out []int64
	for _, c := range councils {
		ms, err := s.Store.FindMeetings(r.Context(), c.ID)
		if err != nil {
			return nil, err
		}
		for _, m := range ms {
			if m.State != thidua.MeetingClosed {
				continue
			}
			for _, n := range p.Nominees {
				if slices.Contains(m.Agenda, n.ID) {
					out = append(out, m.ID)
					break
				}
			}
		}
	}
	return out, nil
}
