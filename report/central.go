package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/signintech/gopdf"
	"github.com/xuri/excelize/v2"

	"thidua"
	"thidua/central"
	"thidua/report/workbook"
)

// Central writes the generated documents of a dossier for the Ministry of
// Home Affairs (central.Renderer).
type Central struct{}

var _ central.Renderer = Central{}

// SubmissionPDF writes the province's tờ trình for awards decided at the
// centre, in the layout of the other documents (Nghị định 30/2020): the
// header, "TỜ TRÌNH" with its summary, to whom, the grounds, the nominees
// by award, the council's result and the public comment, and the
// signature block.
func (Central) SubmissionPDF(w io.Writer, s *central.Submission) error {
	if s == nil || s.Proposal == nil {
		return fmt.Errorf("report: no submission")
	}
	p, err := newPDF()
	if err != nil {
		return err
	}
	pr := s.Proposal
	p.gp.SetInfo(gopdf.PdfInfo{Title: nfc("Tờ trình " + pr.Title), Subject: "Tờ trình đề nghị khen thưởng", Author: agencyLine(s.Agency),
		Creator: "thidua", CreationDate: s.Date.Time()})
	p.newPage()
	symbol := "Số:" + strings.Repeat(" ", 10) + "/TTr"
	if pr.Ref.Number != "" {
		symbol = "Số: " + pr.Ref.String()
	}
	p.docHeaderRows(s.Agency, symbol, DateLine(s.Place, s.Date.Time()), true)
	p.y += 2
	p.centered("TỜ TRÌNH", "B", 14, contentW)
	widest := p.centered(nfc(pr.Title), "B", 14, contentW-20)
	p.centreRule(widest)
	p.y += 4
	to := s.Authority
	if to == "" {
		to = "Thủ tướng Chính phủ"
	}
	to += " (qua Bộ Nội vụ)"
	cc := []string{"Như trên;", "Bộ Nội vụ (Ban Thi đua – Khen thưởng Trung ương);", "Lưu: VT."}
	if s.To != "" { // within the province: to the level above
		to, cc = s.To, []string{"Như trên;", "Lưu: VT."}
	}
	p.centered(nfc("Kính gửi: "+to), "", 14, contentW)
	p.y += 4
	p.para(run{"Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022 và các văn bản hướng dẫn thi hành; căn cứ kết quả bình xét của Hội đồng Thi đua – Khen thưởng, " +
		nfc(pr.UnitName) + " kính trình xem xét khen thưởng cho các tập thể, cá nhân có thành tích năm " + strconv.Itoa(pr.Year) + " như sau:", ""})
	byAward := map[string][]*thidua.Nominee{}
	var order []string
	for _, n := range pr.Nominees {
		if _, ok := byAward[n.Award]; !ok {
			order = append(order, n.Award)
		}
		byAward[n.Award] = append(byAward[n.Award], n)
	}
	for i, code := range order {
		p.section(fmt.Sprintf("%d. %s: %s", i+1, thidua.AwardName(code), countPhrase(countSubjects(byAward[code]))))
		for _, n := range byAward[code] {
			result := ""
			if n.Passed != nil {
				result = " (Hội đồng thống nhất đề nghị)"
				if !*n.Passed {
					result = " (Hội đồng không thống nhất)"
				}
			}
			p.para(run{"– " + nfc(n.Name) + ", " + nfc(n.UnitName) + result + ".", ""})
		}
	}
	if s.PublicComment != "" {
		p.section("Công khai lấy ý kiến")
		p.para(run{nfc(s.PublicComment), ""})
	}
	p.para(run{"Hồ sơ kèm theo: biên bản họp và biên bản kiểm phiếu của Hội đồng, danh sách trích ngang, báo cáo thành tích và các tài liệu liên quan (danh mục trong manifest.json).", ""})
	p.para(run{"Kính trình xem xét, quyết định./.", ""})
	post := signerLines(s.Signer)
	if len(post) == 0 {
		post = []string{"THỦ TRƯỞNG CƠ QUAN"}
	}
	p.signBlock(cc, post, nfc(s.Signer.Name))
	return p.finish(w, "submission")
}

func countSubjects(ns []*thidua.Nominee) (units, persons int) {
	for _, n := range ns {
		if n.Subject == thidua.SubjectUnit {
			units++
		} else {
			persons++
		}
	}
	return units, persons
}

// NomineesXLSX writes the nominee list (danh sách trích ngang): STT, name,
// collective or individual, unit, award, the engine's verdict at
// submission, the council's result.
func (Central) NomineesXLSX(w io.Writer, s *central.Submission) error {
	if s == nil || s.Proposal == nil {
		return fmt.Errorf("report: no submission")
	}
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Danh sách"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return fmt.Errorf("report: xlsx: %w", err)
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Family: "Times New Roman", Size: 12}})
	if err != nil {
		return err
	}
	set := func(cell string, v any) {
		if err == nil {
			err = f.SetCellValue(sheet, cell, v)
		}
	}
	set("A1", nfc("Danh sách đề nghị khen thưởng: "+s.Proposal.Title))
	if s.PublicComment != "" {
		set("A2", nfc(s.PublicComment))
	}
	heads := []string{"STT", "Họ và tên / Tập thể", "Đối tượng", "Đơn vị", "Hình thức, danh hiệu đề nghị", "Kết quả xét điều kiện", "Kết quả Hội đồng"}
	for i, h := range heads {
		c, _ := excelize.CoordinatesToCellName(i+1, 4)
		set(c, h)
	}
	if err == nil {
		err = f.SetCellStyle(sheet, "A4", "G4", bold)
	}
	for i, n := range s.Proposal.Nominees {
		row := 5 + i
		subject := "Cá nhân"
		if n.Subject == thidua.SubjectUnit {
			subject = "Tập thể"
		}
		council := ""
		if n.Passed != nil {
			council = "Thống nhất"
			if !*n.Passed {
				council = "Không thống nhất"
			}
		}
		for j, v := range []any{i + 1, nfc(n.Name), subject, nfc(n.UnitName), thidua.AwardName(n.Award), verdictWords[n.Verdict], council} {
			c, _ := excelize.CoordinatesToCellName(j+1, row)
			set(c, v)
		}
	}
	if err != nil {
		return fmt.Errorf("report: nominees xlsx: %w", err)
	}
	return workbook.WriteFile(w, f)
}
