package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"thidua"
	"thidua/rules"
	"thidua/web/kit"
)

// The eligibility part of the JSON API: the self-contained evaluation
// contract of the rules engine (POST /eligibility/evaluate), the verdicts
// for stored people and units, the forecast, and the stored award
// histories the engine reads.

// badRequest answers err like Error, except that a validation error is a
// 400 problem (same code "invalid", same errors by JSON path) instead of
// 422. The self-contained evaluation contract answers malformed histories
// and unknown codes with 400, as its specification says.
func (s *Handler) badRequest(w http.ResponseWriter, r *http.Request, err error) {
	if thidua.ErrorCode(err) != thidua.EINVALID {
		s.Error(w, r, err)
		return
	}
	p := kit.Problem{Type: "about:blank", Title: kit.StatusTitle[http.StatusBadRequest], Status: http.StatusBadRequest,
		Detail: thidua.ErrorMessage(err), Code: thidua.EINVALID, Errors: thidua.ErrorFields(err)}
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(http.StatusBadRequest)
	json.NewEncoder(w).Encode(p)
}

// Evaluate evaluates a self-contained subject history: no stored
// record is read.
func (s *Handler) Evaluate(w http.ResponseWriter, r *http.Request) {
	v, err := s.Eligibility.EvaluateRequest(http.MaxBytesReader(w, r.Body, 8<<20))
	if err != nil {
		s.badRequest(w, r, err)
		return
	}
	kit.WriteJSON(w, http.StatusOK, v)
}

// EligibilitySubject names the stored person or unit that was evaluated.
type EligibilitySubject struct {
	// Kind is "individual" for a person, "collective" for a unit.
	Kind   string `json:"kind"`
	ID     int64  `json:"id"`
	Name   string `json:"name"`
	UnitID int64  `json:"unit_id"`
	// HistoryVersion is the version of the stored history (0: none yet).
	HistoryVersion int `json:"history_version"`
	// Members is the number of people of a unit's subtree evaluated as
	// its members; absent for a person.
	Members int `json:"members,omitempty"`
}

// Eligibility is the answer of GET /people/{id}/eligibility and
// /units/{id}/eligibility: the verdict for every award of the subject's kind.
type Eligibility struct {
	Subject  EligibilitySubject `json:"subject"`
	Year     int                `json:"year"`
	AsOf     thidua.Date        `json:"as_of"`
	Province string             `json:"province"`
	Verdicts []rules.Verdict    `json:"verdicts"`
}

// eligibilityQuery reads ?year= (default: last year) and ?as_of= (default:
// today) strictly: a malformed value is a 422 naming the parameter.
func (s *Handler) eligibilityQuery(r *http.Request, v *thidua.Validation) (int, thidua.Date) {
	today := thidua.DateOf(s.Now())
	year, asOf := today.Year()-1, today
	q := r.URL.Query()
	if str := q.Get("year"); str != "" {
		y, err := strconv.Atoi(str)
		if err != nil || y < 1945 || y > 2200 {
			v.Add("year", "year phải là năm từ 1945 đến 2200, ví dụ 2025.")
		} else {
			year = y
		}
	}
	if str := q.Get("as_of"); str != "" {
		d, err := thidua.ParseDate(str)
		if err != nil || d.IsZero() {
			v.Add("as_of", "as_of phải là một ngày có thật, dạng yyyy-mm-dd hoặc dd/mm/yyyy.")
		} else {
			asOf = d
		}
	}
	return year, asOf
}

// historySubjectOfAPI returns the subject kind of an API path.
func historySubjectOfAPI(r *http.Request) string {
	if strings.HasPrefix(r.URL.Path, "/api/v1/units/") {
		return thidua.SubjectUnit
	}
	return thidua.SubjectPerson
}

func (s *Handler) SubjectEligibility(w http.ResponseWriter, r *http.Request) {
	id, err := kit.PathID(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	var v thidua.Validation
	year, asOf := s.eligibilityQuery(r, &v)
	if err := v.Err(); err != nil {
		s.Error(w, r, err)
		return
	}
	h, err := s.Store.FindHistory(r.Context(), historySubjectOfAPI(r), id)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	sub, err := s.Eligibility.Subject(r.Context(), s.Store, h, asOf)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	vs, err := s.Eligibility.EvaluateAll(sub, year, asOf)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	out := Eligibility{Subject: EligibilitySubject{Kind: sub.Kind, ID: h.SubjectID, Name: h.Name, UnitID: h.UnitID,
		HistoryVersion: h.Version, Members: len(sub.Members)}, Year: year, AsOf: asOf, Province: s.Eligibility.Province(), Verdicts: vs}
	kit.WriteJSON(w, http.StatusOK, out)
}

// Forecast is the answer of GET /eligibility/forecast.
type Forecast struct {
	UnitID  int64                `json:"unit_id"`
	Subject string               `json:"subject"`
	Year    int                  `json:"year"`
	AsOf    thidua.Date          `json:"as_of"`
	Items   []rules.ForecastItem `json:"items"`
	Total   int                  `json:"total"`
}

// forecastSubjects are the subject kinds a forecast lists.
var forecastSubjects = []thidua.Option{
	{Code: thidua.SubjectPerson, Label: "Cá nhân"},
	{Code: thidua.SubjectUnit, Label: "Tập thể (đơn vị)"},
}

func (s *Handler) Forecast(w http.ResponseWriter, r *http.Request) {
	var v thidua.Validation
	year, asOf := s.eligibilityQuery(r, &v)
	unitID := queryInt(r, "unit_id", &v)
	subject := r.URL.Query().Get("subject")
	if subject == "" {
		subject = thidua.SubjectPerson
	} else if !kit.ValidCode(forecastSubjects, subject) {
		v.Add("subject", "subject phải là một trong: "+kit.CodeList(forecastSubjects)+".")
	}
	if err := v.Err(); err != nil {
		s.Error(w, r, err)
		return
	}
	if unitID != 0 {
		// An unknown unit, or one outside the caller's scope, is a 404
		// rather than an empty list.
		if _, err := s.Store.FindUnitByID(r.Context(), unitID); err != nil {
			s.Error(w, r, err)
			return
		}
	}
	hs, err := s.Store.FindHistories(r.Context(), thidua.HistoryFilter{Subject: subject, UnitID: unitID})
	if err != nil {
		s.Error(w, r, err)
		return
	}
	subs := make([]rules.Subject, 0, len(hs))
	for _, h := range hs {
		sub, err := s.Eligibility.Subject(r.Context(), s.Store, h, asOf)
		if err != nil {
			s.Error(w, r, err)
			return
		}
		subs = append(subs, sub)
	}
	items, err := s.Eligibility.Forecast(subs, year)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if items == nil {
		items = []rules.ForecastItem{}
	}
	kit.WriteJSON(w, http.StatusOK, Forecast{UnitID: unitID, Subject: subject, Year: year, AsOf: asOf, Items: items, Total: len(items)})
}

// ---- stored histories

func (s *Handler) GetHistory(w http.ResponseWriter, r *http.Request) {
	id, err := kit.PathID(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	h, err := s.Store.FindHistory(r.Context(), historySubjectOfAPI(r), id)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	kit.WriteJSON(w, http.StatusOK, h)
}

// HistoryInput is the body of PUT /people/{id}/history and
// /units/{id}/history: the whole history document (the lists of
// thidua.History, each replaced as sent; a list left out is emptied) and
// the version read.
type HistoryInput struct {
	Version        int                        `json:"version"`
	Ratings        []thidua.Rating            `json:"ratings"`
	Titles         []thidua.TitleRecord       `json:"titles"`
	Awards         []thidua.Award             `json:"awards"`
	Initiatives    []thidua.Initiative        `json:"initiatives"`
	Disciplines    []thidua.Discipline        `json:"disciplines"`
	Proceedings    []thidua.PendingProceeding `json:"proceedings"`
	MaternityLeave []thidua.Period            `json:"maternity_leave"`
	Leadership     []thidua.LeadershipPost    `json:"leadership"`
}

func (in *HistoryInput) history() thidua.History {
	return thidua.History{Ratings: in.Ratings, Titles: in.Titles, Awards: in.Awards, Initiatives: in.Initiatives,
		Disciplines: in.Disciplines, Proceedings: in.Proceedings, MaternityLeave: in.MaternityLeave, Leadership: in.Leadership}
}

// historyLists are the list fields of HistoryInput, in order.
var historyLists = []string{"ratings", "titles", "awards", "initiatives", "disciplines", "proceedings", "maternity_leave", "leadership"}

// decodeHistoryInput reads a HistoryInput strictly, reporting each bad
// field by its JSON path ("ratings[2].year", "awards[0].date").
func decodeHistoryInput(w http.ResponseWriter, r *http.Request) (HistoryInput, error) {
	var in HistoryInput
	r.Body = http.MaxBytesReader(w, r.Body, 4<<20)
	body, err := io.ReadAll(r.Body)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return in, thidua.Errorf(thidua.EINVALID, "Dữ liệu gửi lên quá lớn (tối đa 4 MB).")
		}
		return in, thidua.Errorf(thidua.EINVALID, "Không đọc được nội dung yêu cầu.")
	}
	var raw map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(&raw); err != nil {
		return in, jsonError(err, body, &raw)
	}
	if dec.More() {
		return in, thidua.Errorf(thidua.EINVALID, "Chỉ được gửi một đối tượng JSON.")
	}
	if raw == nil {
		return in, thidua.Errorf(thidua.EINVALID, "JSON không hợp lệ: nội dung phải là một đối tượng JSON.")
	}
	var v thidua.Validation
	for k := range raw {
		if k != "version" && !kit.ValidCode(historyListOptions, k) {
			v.Add(k, "Trường không được hỗ trợ; các trường hợp lệ: version, "+strings.Join(historyLists, ", ")+".")
		}
	}
	if x, ok := raw["version"]; !ok || string(x) == "null" {
		v.Add("version", "Trường bắt buộc: phiên bản lịch sử đã đọc (0 khi chưa có).")
	} else if err := json.Unmarshal(x, &in.Version); err != nil || in.Version < 0 {
		v.Add("version", "Phải là số nguyên không âm.")
	}
	in.Ratings = decodeItems[thidua.Rating](&v, raw, "ratings")
	in.Titles = decodeItems[thidua.TitleRecord](&v, raw, "titles")
	in.Awards = decodeItems[thidua.Award](&v, raw, "awards")
	in.Initiatives = decodeItems[thidua.Initiative](&v, raw, "initiatives")
	in.Disciplines = decodeItems[thidua.Discipline](&v, raw, "disciplines")
	in.Proceedings = decodeItems[thidua.PendingProceeding](&v, raw, "proceedings")
	in.MaternityLeave = decodeItems[thidua.Period](&v, raw, "maternity_leave")
	in.Leadership = decodeItems[thidua.LeadershipPost](&v, raw, "leadership")
	return in, v.Err()
}

var historyListOptions = func() []thidua.Option {
	opts := make([]thidua.Option, len(historyLists))
	for i, k := range historyLists {
		opts[i] = thidua.Option{Code: k}
	}
	return opts
}()

// decodeItems decodes the list raw[key] item by item, so that an error
// names the item: key[i].field.
func decodeItems[T any](v *thidua.Validation, raw map[string]json.RawMessage, key string) []T {
	x, ok := raw[key]
	if !ok || string(x) == "null" {
		return []T{}
	}
	var items []json.RawMessage
	if err := json.Unmarshal(x, &items); err != nil {
		v.Add(key, "Phải là một mảng JSON ([…]).")
		return []T{}
	}
	out := make([]T, 0, len(items))
	for i, item := range items {
		var t T
		dec := json.NewDecoder(bytes.NewReader(item))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&t); err != nil {
			at := fmt.Sprintf("%s[%d]", key, i)
			jerr := jsonError(err, item, &t)
			fields := thidua.ErrorFields(jerr)
			if len(fields) == 0 {
				v.Add(at, thidua.ErrorMessage(jerr))
			}
			for k, msg := range fields {
				v.Add(at+"."+k, msg)
			}
		}
		out = append(out, t)
	}
	return out
}

func (s *Handler) SaveHistory(w http.ResponseWriter, r *http.Request) {
	id, err := kit.PathID(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	in, err := decodeHistoryInput(w, r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	h := &thidua.SubjectHistory{Subject: historySubjectOfAPI(r), SubjectID: id, History: in.history(), Version: in.Version}
	// Validate in the order sent, so that "ratings[2]" is the third rating
	// of the request; saving sorts the lists by time.
	if err := h.History.Validate(); err != nil {
		s.Error(w, r, err)
		return
	}
	if err := s.Store.SaveHistory(r.Context(), h); err != nil {
		s.Error(w, r, err)
		return
	}
	kit.WriteJSON(w, http.StatusOK, h)
}
