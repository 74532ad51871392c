package commendation

import (
	"bytes"
	"fmt"
	"io"
	"mime"
	"net/http"
	"time"

	"thidua"
	"thidua/central"
	"thidua/web/kit"
)

// HandleCentralDossier streams the dossier for the Ministry of Home
// Affairs as one ZIP: the tờ trình (PDF), the minutes and vote count of
// each closed council meeting that voted on the proposal's nominees — the
// lower levels' councils first, for a proposal forwarded up the ladder —
// the nominee list (XLSX), every stored report and evidence file, the
// public-comment summary, and manifest.json last (each file's name, kind,
// size and SHA-256, with the proposal's identity). It is scoped like the
// proposal: who cannot see it gets 404. One file at a time is held.
//
// Everything that can be read or checked before the first byte is: the
// proposal, its files' list, the meetings' records and the tờ trình (the
// first entry, rendered in memory), so that such a failure is an ordinary
// error answer. A failure once the archive has begun (a stored file that
// cannot be read, a document that cannot be rendered) is logged and the
// connection aborted: the client sees a broken download, never a 200
// that looks whole.
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
	var records []*thidua.MeetingRecord
	if s.Cfg.Decisions != nil {
		lower, err := svc.LowerMeetings(ctx, p.ID)
		if err != nil {
			return err
		}
		for _, rec := range lower {
			rec.Agency, rec.Place = s.agencyOf(r, rec.Council.UnitID), s.PlaceOf(r, rec.Council.UnitID)
		}
		records = lower
		meetings, err := svc.ProposalMeetings(ctx, p)
		if err != nil {
			return err
		}
		for _, id := range meetings {
			rec, err := s.meetingRecord(r, id)
			if err != nil {
				return err
			}
			records = append(records, rec)
		}
	}
	now := s.Now()
	sub, err := s.submission(r, p, now, summary)
	if err != nil {
		return err
	}
	var first bytes.Buffer
	docs := s.Cfg.CentralDocs
	if docs != nil {
		if err := docs.SubmissionPDF(&first, sub); err != nil {
			return err
		}
	}

	name := "ho-so-trinh-trung-uong-" + kit.IdStr(p.ID) + ".zip"
	w.Header().Set("Content-Type", "application/zip")
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	w.Header().Set("Cache-Control", "private, no-store")
	d := central.NewDossierWriter(w, p, now)
	d.SetPublicComment(summary)
	fail := func(err error) error {
		// The answer has begun: abort the connection so that the archive
		// cannot pass for whole (it has no manifest, the transfer breaks).
		s.Log.Error("central dossier cut short", "proposal", p.ID, "err", err)
		panic(http.ErrAbortHandler)
	}
	if docs != nil {
		if err := d.Add("to-trinh.pdf", central.FileSubmission, func(w io.Writer) error { _, err := w.Write(first.Bytes()); return err }); err != nil {
			return fail(err)
		}
		first = bytes.Buffer{}
		if err := d.Add("danh-sach-de-nghi.xlsx", central.FileNominees, func(w io.Writer) error { return docs.NomineesXLSX(w, sub) }); err != nil {
			return fail(err)
		}
	}
	for _, rec := range records {
		id := kit.IdStr(rec.Meeting.ID)
		if err := d.Add("bien-ban-hop-hoi-dong-"+id+".pdf", central.FileMinutes, func(w io.Writer) error {
			return s.Cfg.Decisions.MinutesPDF(w, rec)
		}); err != nil {
			return fail(err)
		}
		if err := d.Add("bien-ban-kiem-phieu-"+id+".pdf", central.FileTally, func(w io.Writer) error {
			return s.Cfg.Decisions.VoteCountPDF(w, rec)
		}); err != nil {
			return fail(err)
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
			return fail(fmt.Errorf("file %d (%s): %w", f.ID, f.Name, err))
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

// submission says what the tờ trình says and who signs it. A proposal
// with nominees for the centre is the receiving level's (the province's)
// tờ trình to the Prime Minister or the President through the Ministry;
// another one is the proposing level's tờ trình to the level it is
// addressed to (an agency's to UBND tỉnh). The signer is that level's
// (the ladder's office settings: the stored signer, else its head).
func (s *Handler) submission(r *http.Request, p *thidua.Proposal, now time.Time, summary string) (*central.Submission, error) {
	from := p.UnitID
	sub := &central.Submission{Date: thidua.DateOf(now), Proposal: p, PublicComment: summary}
	for _, n := range p.Nominees {
		if a, ok := central.AuthorityOf(n.Award); ok {
			sub.Authority = a.Label
			break
		}
	}
	switch {
	case sub.Authority != "" && p.ToUnitID != 0:
		from = p.ToUnitID
	case sub.Authority == "" && p.ToUnitID != 0:
		sub.To = p.ToUnitName
	}
	sub.Agency, sub.Place = s.agencyOf(r, from), s.PlaceOf(r, from)
	if s.Cfg.Ladder != nil {
		o, err := s.Cfg.Ladder.FindOffice(r.Context(), from)
		switch {
		case err == nil:
			sub.Signer = o.Signer
		case thidua.ErrorCode(err) != thidua.EINVALID && thidua.ErrorCode(err) != thidua.ENOTFOUND:
			return nil, err
		}
	}
	return sub, nil
}
