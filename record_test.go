package thidua_test

import (
	"testing"

	"thidua"
)

func TestRecordValidate(t *testing.T) {
	for _, tc := range []struct {
		name  string
		err   error
		field string // "" when valid
	}{
		{"rating ok", (&thidua.Rating{Year: 2024, Code: thidua.RatingHTXSNV}).Validate(), ""},
		{"rating code", (&thidua.Rating{Year: 2024, Code: "TOT"}).Validate(), "rating"},
		{"rating year", (&thidua.Rating{Year: 24, Code: thidua.RatingHTTNV}).Validate(), "year"},
		{"title ok", (&thidua.TitleRecord{Year: 2024, Code: thidua.TitleCSTDCS, Path: thidua.PathHTXSNV}).Validate(), ""},
		{"title is a form", (&thidua.TitleRecord{Year: 2024, Code: thidua.FormBKCT}).Validate(), "code"},
		{"title path", (&thidua.TitleRecord{Year: 2024, Code: thidua.TitleLDTT, Path: "X"}).Validate(), "path"},
		{"reason without revocation", (&thidua.TitleRecord{Year: 2024, Code: thidua.TitleLDTT, RevokedReason: "x"}).Validate(), "revoked_reason"},
		{"award ok", (&thidua.Award{Code: thidua.FormGK, Date: thidua.NewDate(2024, 5, 1), Type: thidua.AwardDotXuat}).Validate(), ""},
		{"award is a title", (&thidua.Award{Code: thidua.TitleLDTT, Date: thidua.NewDate(2024, 5, 1), Type: thidua.AwardCongTrang}).Validate(), "code"},
		{"award type", (&thidua.Award{Code: thidua.FormGK, Date: thidua.NewDate(2024, 5, 1), Type: "X"}).Validate(), "type"},
		{"award date", (&thidua.Award{Code: thidua.FormGK, Type: thidua.AwardCongTrang}).Validate(), "date"},
		{"initiative ok", (&thidua.Initiative{Year: 2024, Level: thidua.LevelTinh, Kind: thidua.InitiativeDeTai}).Validate(), ""},
		{"initiative level", (&thidua.Initiative{Year: 2024, Level: "HUYEN"}).Validate(), "level"},
		{"initiative kind", (&thidua.Initiative{Year: 2024, Level: thidua.LevelCoSo, Kind: "X"}).Validate(), "kind"},
		{"discipline ok", (&thidua.Discipline{From: thidua.NewDate(2024, 1, 1), Level: thidua.DisciplineCanhCao}).Validate(), ""},
		{"discipline level", (&thidua.Discipline{From: thidua.NewDate(2024, 1, 1), Level: "X"}).Validate(), "level"},
		{"discipline period", (&thidua.Discipline{From: thidua.NewDate(2024, 1, 1), To: thidua.NewDate(2023, 1, 1), Level: thidua.DisciplineCanhCao}).Validate(), "to"},
		{"proceeding kind", (&thidua.PendingProceeding{Kind: "X", From: thidua.NewDate(2024, 1, 1)}).Validate(), "kind"},
		{"maternity needs an end", (&thidua.Period{From: thidua.NewDate(2024, 1, 1)}).Validate(), "to"},
		{"leadership post", (&thidua.LeadershipPost{Post: "X", From: thidua.NewDate(2024, 1, 1)}).Validate(), "post"},
		{"leadership ok", (&thidua.LeadershipPost{Post: thidua.PostGiamDocSo, From: thidua.NewDate(2019, 1, 1)}).Validate(), ""},
	} {
		fields := thidua.ErrorFields(tc.err)
		switch {
		case tc.field == "" && tc.err != nil:
			t.Errorf("%s: unexpected error %v", tc.name, fields)
		case tc.field != "" && fields[tc.field] == "":
			t.Errorf("%s: no message for %q in %v", tc.name, tc.field, fields)
		}
	}
}

func TestRecordHelpers(t *testing.T) {
	if thidua.RatingRank(thidua.RatingHTXSNV) != 4 || thidua.RatingRank(thidua.RatingKHTNV) != 1 || thidua.RatingRank("X") != 0 {
		t.Error("RatingRank")
	}
	if thidua.LevelRank(thidua.LevelToanQuoc) != 3 || thidua.LevelRank("X") != 0 {
		t.Error("LevelRank")
	}
	if thidua.DisciplineRank(thidua.DisciplineCanhCao) <= thidua.DisciplineRank(thidua.DisciplineKhienTrach) {
		t.Error("DisciplineRank order")
	}
	if thidua.PostRank(thidua.PostTongCucTruong) != 4 || thidua.PostRank(thidua.PostOther) != 0 {
		t.Error("PostRank")
	}
	if thidua.CountsForMerit(thidua.AwardDotXuat) || thidua.CountsForMerit(thidua.AwardPhongTrao) || !thidua.CountsForMerit(thidua.AwardCongTrang) {
		t.Error("CountsForMerit")
	}
	for in, want := range map[string]string{"CSTDCS 2024": "CSTDCS", "bkct:15/QĐ-UBND": "BKCT", "": "", "GK": "GK"} {
		if got := (&thidua.Initiative{ConsumedBy: in}).ConsumedByCode(); got != want {
			t.Errorf("ConsumedByCode(%q) = %q, want %q", in, got, want)
		}
	}
	p := thidua.Period{From: thidua.NewDate(2022, 11, 1), To: thidua.NewDate(2023, 4, 30)}
	if !p.OverlapsYear(2022) || !p.OverlapsYear(2023) || p.OverlapsYear(2024) {
		t.Error("OverlapsYear")
	}
	pp := thidua.PendingProceeding{Kind: thidua.ProceedingInspection, From: thidua.NewDate(2025, 1, 1), To: thidua.NewDate(2025, 6, 1)}
	if !pp.OpenOn(thidua.NewDate(2025, 3, 1)) || pp.OpenOn(thidua.NewDate(2025, 7, 1)) || pp.OpenOn(thidua.NewDate(2024, 7, 1)) {
		t.Error("OpenOn")
	}
}
