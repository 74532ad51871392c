package importer_test

import (
	"context"
	"strings"
	"testing"

	"thidua"
	"thidua/importer"
)

// memSource is a thidua.ImportSource over data in memory: planning needs
// no database.
type memSource struct {
	units     []*thidua.Unit
	hidden    map[int64]bool
	people    []thidua.FoldedPerson
	histories map[thidua.HistoryRef]thidua.StoredHistory
	asked     [][]int64 // the unit IDs of each ImportPeople call
}

func (s *memSource) ImportUnits(ctx context.Context) ([]*thidua.Unit, map[int64]bool, error) {
	return s.units, s.hidden, nil
}

func (s *memSource) ImportPeople(ctx context.Context, unitIDs []int64) ([]thidua.FoldedPerson, error) {
	s.asked = append(s.asked, unitIDs)
	var out []thidua.FoldedPerson
	for _, p := range s.people {
		for _, id := range unitIDs {
			if p.Person.UnitID == id {
				out = append(out, p)
			}
		}
	}
	return out, nil
}

func (s *memSource) ImportHistories(ctx context.Context, refs []thidua.HistoryRef) (map[thidua.HistoryRef]thidua.StoredHistory, error) {
	out := map[thidua.HistoryRef]thidua.StoredHistory{}
	for _, r := range refs {
		if h, ok := s.histories[r]; ok {
			out[r] = h
		}
	}
	return out, nil
}

func newMemSource() *memSource {
	an := &thidua.Person{ID: 10, FullName: "Nguyễn Văn An", BirthDate: thidua.NewDate(1985, 3, 12), UnitID: 2,
		Gender: thidua.GenderMale, Category: thidua.CategoryCongChuc, Status: thidua.PersonActive, Version: 1}
	return &memSource{
		units: []*thidua.Unit{
			{ID: 1, Name: "UBND tỉnh", Kind: thidua.UnitProvince, Active: true, Path: "/1/", Version: 1},
			{ID: 2, ParentID: 1, Name: "Văn phòng UBND tỉnh", Kind: thidua.UnitDepartment, Active: true, Path: "/1/2/", Depth: 1, Version: 1},
		},
		people: []thidua.FoldedPerson{{Person: an, NameFold: thidua.Fold(an.FullName)}},
		histories: map[thidua.HistoryRef]thidua.StoredHistory{
			{Subject: thidua.SubjectPerson, ID: 10}: {Version: 3, History: thidua.History{Ratings: []thidua.Rating{{Year: 2024, Code: thidua.RatingHTTNV}}}},
		},
	}
}

var office = []string{"UBND tỉnh", "Văn phòng UBND tỉnh"}

func TestPlanThroughSource(t *testing.T) {
	ctx := thidua.NewSystemContext(context.Background())
	src := newMemSource()
	p, err := importer.NewPlan(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	an := thidua.ImportSubject{FullName: "Nguyễn Văn An", BirthDate: thidua.NewDate(1985, 3, 12), UnitPath: office}
	b := &thidua.ImportBatch{FileName: "nhap.xlsx",
		Units: []thidua.ImportUnit{{Ref: thidua.ImportRef{Sheet: "Đơn vị", Row: 2}, Path: append(office, "Phòng Hành chính"),
			Kind: thidua.UnitDepartment, Active: true}},
		People: []thidua.ImportPerson{{Ref: thidua.ImportRef{Sheet: "Cá nhân", Row: 2}, UnitPath: append(office, "Phòng Hành chính"),
			Person: thidua.Person{FullName: "Trần Thị Bình", BirthDate: thidua.NewDate(1990, 1, 2), Gender: thidua.GenderFemale,
				Category: thidua.CategoryCongChuc}}},
		Ratings: []thidua.ImportRating{
			{Ref: thidua.ImportRef{Sheet: "Xếp loại", Row: 2}, Subject: an, Rating: thidua.Rating{Year: 2024, Code: thidua.RatingHTTNV}},
			{Ref: thidua.ImportRef{Sheet: "Xếp loại", Row: 3}, Subject: an, Rating: thidua.Rating{Year: 2025, Code: thidua.RatingHTXSNV}},
		},
	}
	if err := p.Add(ctx, b); err != nil {
		t.Fatal(err)
	}
	// People are read for the stored units the rows name, once.
	if len(src.asked) != 1 || len(src.asked[0]) != 1 || src.asked[0][0] != 2 {
		t.Errorf("ImportPeople asked for %v", src.asked)
	}
	units := p.PendingUnits()
	if len(units) != 1 || units[0].Before != nil {
		t.Fatalf("units %+v", units)
	}
	u, parentPath := units[0].New()
	if u.Name != "Phòng Hành chính" || u.ParentID != 2 || u.Depth != 2 || parentPath != "/1/2/" {
		t.Errorf("New() = %+v, %q", u, parentPath)
	}
	people := p.PendingPeople()
	if len(people) != 1 || people[0].Before != nil || people[0].UnitID() != 0 || people[0].NameFold != thidua.Fold("Trần Thị Bình") {
		t.Fatalf("people %+v", people)
	}
	// What the storage adapter does once it wrote the unit.
	u.ID, u.Path = 3, "/1/2/3/"
	units[0].Written(u)
	if got := people[0].UnitID(); got != 3 {
		t.Errorf("UnitID() after the unit is written = %d", got)
	}
	if len(p.PendingUnits()) != 0 || len(p.PendingPeople()) != 0 {
		t.Error("pending twice")
	}
	if err := p.Finish(ctx); err != nil {
		t.Fatal(err)
	}
	if p.ProblemCount() != 0 {
		t.Fatalf("problems %v", p.Problems())
	}
	hs := p.Histories()
	if len(hs) != 1 || hs[0].Subject != thidua.SubjectPerson || hs[0].ID() != 10 || hs[0].Version != 3 ||
		len(hs[0].Before.Ratings) != 1 || len(hs[0].After.Ratings) != 2 {
		t.Fatalf("histories %+v", hs)
	}
	sum := p.Summary()
	want := thidua.ImportSummary{Rows: 4, Units: thidua.ImportCounts{New: 1}, People: thidua.ImportCounts{New: 1},
		Histories: thidua.ImportCounts{Updated: 1}, Records: thidua.ImportCounts{New: 1, Unchanged: 1}}
	if *sum != want {
		t.Errorf("summary %+v, want %+v", *sum, want)
	}
	if p.FileName() != "nhap.xlsx" {
		t.Errorf("FileName() = %q", p.FileName())
	}
}

func TestPlanProblems(t *testing.T) {
	src := newMemSource()
	// A unit head of the office: no rights on the province, which is
	// loaded hidden so that paths from the root resolve.
	src.hidden = map[int64]bool{1: true}
	head := &thidua.User{ID: 5, Grants: []thidua.Grant{{Role: thidua.RoleUnitHead, UnitID: 2, UnitPath: "/1/2/"}}}
	ctx := thidua.NewContextWithUser(context.Background(), head)
	p, err := importer.NewPlan(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	b := &thidua.ImportBatch{
		Units: []thidua.ImportUnit{
			{Ref: thidua.ImportRef{Sheet: "Đơn vị", Row: 2}, Path: []string{"Sở Nội vụ", "Phòng X"}, Kind: thidua.UnitDepartment},
			{Ref: thidua.ImportRef{Sheet: "Đơn vị", Row: 3}, Path: []string{"UBND tỉnh", "Phòng Y"}, Kind: thidua.UnitDepartment},
		},
		Ratings: []thidua.ImportRating{{Ref: thidua.ImportRef{Sheet: "Xếp loại", Row: 2},
			Subject: thidua.ImportSubject{FullName: "Lê Văn Cường", BirthDate: thidua.NewDate(1980, 1, 1), UnitPath: office},
			Rating:  thidua.Rating{Year: 2025, Code: thidua.RatingHTTNV}}},
	}
	if err := p.Add(ctx, b); err != nil {
		t.Fatal(err)
	}
	if err := p.Finish(ctx); err != nil {
		t.Fatal(err)
	}
	if p.ProblemCount() != 3 {
		t.Fatalf("problems %v", p.Problems())
	}
	for i, want := range []string{"Không tìm thấy đơn vị «Sở Nội vụ»", "Đơn vị cấp trên: Đơn vị «UBND tỉnh» nằm ngoài phạm vi bạn được xem.", "Không tìm thấy cá nhân «Lê Văn Cường»"} {
		if got := p.Problems()[i].Message; !strings.Contains(got, want) {
			t.Errorf("problem %d = %q, want %q", i, got, want)
		}
	}
}
