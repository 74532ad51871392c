package statforms_test

import (
	"reflect"
	"testing"

	"thidua"
	"thidua/statforms"
)

// TestStoredFact: the fact built from what the statistics store of an
// award (posts held in its year, leader) is the one AwardFacts yields
// from the history, for each way of holding posts.
func TestStoredFact(t *testing.T) {
	c, err := statforms.MustLoad().InForce(thidua.NewDate(2025, 12, 15))
	if err != nil {
		t.Fatal(err)
	}
	d := thidua.NewDate
	post := func(p string, from, to thidua.Date) thidua.LeadershipPost {
		return thidua.LeadershipPost{Post: p, From: from, To: to}
	}
	for _, tc := range []struct {
		name     string
		posts    []thidua.LeadershipPost
		isLeader bool
		want     string
	}{
		{"no posts, staff", nil, false, statforms.LeadDirect},
		{"no posts, leader now", nil, true, statforms.LeadOther},
		{"director during the year", []thidua.LeadershipPost{post(thidua.PostGiamDocSo, d(2020, 1, 1), thidua.Date{})}, false, statforms.LeadDept},
		{"other post, then director", []thidua.LeadershipPost{post(thidua.PostOther, d(2019, 1, 1), d(2025, 3, 1)), post(thidua.PostGiamDocSo, d(2025, 3, 2), thidua.Date{})}, false, statforms.LeadDept},
		{"other post only", []thidua.LeadershipPost{post(thidua.PostOther, d(2024, 1, 1), d(2026, 1, 1))}, false, statforms.LeadOther},
		{"posts of other years only", []thidua.LeadershipPost{post(thidua.PostGiamDocSo, d(2010, 1, 1), d(2024, 12, 31))}, true, statforms.LeadDirect},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := &thidua.HistoryAwards{Leadership: tc.posts,
				Titles: []thidua.TitleRecord{{Year: 2025, Code: thidua.TitleCSTDT}},
				Awards: []thidua.Award{{Code: thidua.FormBKCT, Date: d(2025, 6, 1), Type: thidua.AwardDotXuat}}}
			var want []statforms.Fact
			c.AwardFacts(h, thidua.SubjectPerson, tc.isLeader, 2025, "1/2/", func(f *statforms.Fact) { want = append(want, *f) })
			if len(want) != 2 || want[0].Lead != tc.want {
				t.Fatalf("AwardFacts = %+v, want two facts of class %s", want, tc.want)
			}
			// leader as the statistics store it (thidua.AwardFact.Leader).
			leader := tc.isLeader
			if len(tc.posts) > 0 {
				leader = len(statforms.PostsHeld(tc.posts, 2025)) > 0
			}
			posts := statforms.SplitPosts(statforms.JoinPosts(statforms.PostsHeld(tc.posts, 2025)))
			got := []statforms.Fact{
				*c.StoredFact(&statforms.StoredAwardFact{Path: "1/2/", Subject: thidua.SubjectPerson, Kind: thidua.FactTitle, Code: thidua.TitleCSTDT, Leader: leader, Posts: posts}),
				*c.StoredFact(&statforms.StoredAwardFact{Path: "1/2/", Subject: thidua.SubjectPerson, Kind: thidua.FactForm, Code: thidua.FormBKCT, Type: thidua.AwardDotXuat, Leader: leader, Posts: posts}),
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("stored facts %+v, want %+v", got, want)
			}
		})
	}
}

// TestAddN: adding a fact n times at once is adding it n times.
func TestAddN(t *testing.T) {
	c, err := statforms.MustLoad().InForce(thidua.NewDate(2025, 12, 15))
	if err != nil {
		t.Fatal(err)
	}
	f, _ := c.Form("0603")
	root := &thidua.Unit{ID: 1, Name: "Tỉnh", Path: "1/"}
	one, many := c.NewReport(f, 2025, root, nil), c.NewReport(f, 2025, root, nil)
	x := c.StoredFact(&statforms.StoredAwardFact{Path: "1/", Subject: thidua.SubjectPerson, Kind: thidua.FactForm, Code: thidua.FormBKCT, Type: thidua.AwardCongTrang})
	for range 3 {
		one.Add(x)
	}
	many.AddN(x, 3)
	if !reflect.DeepEqual(one.Cells, many.Cells) || !reflect.DeepEqual(one.Branches, many.Branches) {
		t.Errorf("AddN(3) = %v, Add three times = %v", many.Cells, one.Cells)
	}
	if one.Cells[0][0] != 3 {
		t.Errorf("Tổng số = %d, want 3", one.Cells[0][0])
	}
}
