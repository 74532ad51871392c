// Package central holds what a province does with a proposal for an award
// decided at the centre (Chiến sĩ thi đua toàn quốc, Huân chương, Bằng khen
// của Thủ tướng, Cờ thi đua của Chính phủ; law.md R-AUTH-05, R-HS-04…07):
// the public comment on the nominees before the proposal goes up, with its
// form token and limits; the central decision recorded when it comes back;
// and the dossier for the Ministry of Home Affairs with its manifest. Which
// awards need public comment and who decides each central award are rules
// data (data.json) with their citations.
package central

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"

	"thidua"
)

//go:embed data.json
var dataJSON []byte

// CommentRule names the awards whose nominees are published for public
// comment before the proposal is sent up, from a date, for a province
// profile ("default" applies where a province has none of its own).
type CommentRule struct {
	ID            string   `json:"id"`
	Province      string   `json:"province"`
	Awards        []string `json:"awards"`
	EffectiveFrom string   `json:"effective_from"`
	EffectiveTo   string   `json:"effective_to"`
	// Grade is the rule's confidence (law.md: A, B, C, X); C and X mean
	// the text in force was not checked: the answer needs review.
	Grade    string `json:"grade"`
	Citation string `json:"citation"`
	Text     string `json:"text"`
}

// NeedsReview reports whether the rule's grade makes it a needs_review
// answer rather than a firm one.
func (r CommentRule) NeedsReview() bool { return r.Grade == "C" || r.Grade == "X" }

// Notice is the wording shown with the rule: its citation and, graded C or
// X, that it needs review.
func (r CommentRule) Notice() string {
	s := r.Text + " Căn cứ: " + r.Citation + "."
	if r.NeedsReview() {
		s += " Quy định hiện hành chưa được đối chiếu (độ tin cậy " + r.Grade + "): cần xem xét trước khi áp dụng."
	}
	return s
}

// Authority is who decides a central award (R-AUTH-05).
type Authority struct {
	Code     string   `json:"code"`
	Label    string   `json:"label"`
	Symbol   string   `json:"symbol"` // of the decision's number, e.g. QĐ-TTg
	Awards   []string `json:"awards"`
	Citation string   `json:"citation"`
	Grade    string   `json:"grade"`
}

var data struct {
	PublicComment []CommentRule `json:"public_comment"`
	Authorities   []Authority   `json:"authorities"`
}

func init() {
	dec := json.NewDecoder(bytes.NewReader(dataJSON))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&data); err != nil {
		panic(fmt.Sprintf("central: data.json: %v", err))
	}
}

// CommentRuleFor returns the public-comment rule in force on date for the
// award under a province profile: the province's own rules first, then
// the default profile's.
func CommentRuleFor(award, province string, on thidua.Date) (CommentRule, bool) {
	for _, prov := range []string{province, "default"} {
		for _, r := range data.PublicComment {
			if r.Province != prov || !slices.Contains(r.Awards, award) {
				continue
			}
			if (r.EffectiveFrom == "" || r.EffectiveFrom <= on.ISO()) && (r.EffectiveTo == "" || on.ISO() <= r.EffectiveTo) {
				return r, true
			}
		}
	}
	return CommentRule{}, false
}

// CommentRules lists every public-comment rule of the data.
func CommentRules() []CommentRule { return slices.Clone(data.PublicComment) }

// AuthorityOf returns who decides a central award; false for an award
// decided in the province.
func AuthorityOf(award string) (Authority, bool) {
	for _, a := range data.Authorities {
		if slices.Contains(a.Awards, award) {
			return a, true
		}
	}
	return Authority{}, false
}

// IsCentral reports whether the award is decided at the centre.
func IsCentral(award string) bool {
	_, ok := AuthorityOf(award)
	return ok
}

// Authorities lists the central authorities as options (code, label).
func Authorities() []thidua.Option {
	out := make([]thidua.Option, len(data.Authorities))
	for i, a := range data.Authorities {
		out[i] = thidua.Option{Code: a.Code, Label: a.Label}
	}
	return out
}
