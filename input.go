package thidua

import "strings"

// UnitInput is the writable part of a unit, as the workspace form and the JSON
// API give it: the one conversion of both.
type UnitInput struct {
	ParentID int64  `json:"parent_id"`
	Name     string `json:"name"`
	Abbrev   string `json:"abbrev"`
	Kind     string `json:"kind"`
	Place    string `json:"place"`
	Active   *bool  `json:"active"`
	Version  int    `json:"version"`
}

// Unit builds the unit with the given ID (0 for a new one).
func (in *UnitInput) Unit(id int64) *Unit {
	u := &Unit{ID: id, ParentID: in.ParentID, Name: in.Name, Abbrev: in.Abbrev, Kind: in.Kind, Place: in.Place, Active: true, Version: in.Version}
	if in.Active != nil {
		u.Active = *in.Active
	}
	return u
}

// PersonInput is the writable part of a person, as the workspace form and the JSON
// API give it: the one conversion of both.
type PersonInput struct {
	FullName  string `json:"full_name"`
	Gender    string `json:"gender"`
	BirthDate Date   `json:"birth_date"`
	Position  string `json:"position"`
	Category  string `json:"category"`
	IsLeader  bool   `json:"is_leader"`
	UnitID    int64  `json:"unit_id"`
	StartDate Date   `json:"start_date"`
	Status    string `json:"status"`
	Version   int    `json:"version"`
}

// Person builds the person with the given ID (0 for a new one).
func (in *PersonInput) Person(id int64) *Person {
	return &Person{ID: id, FullName: in.FullName, Gender: in.Gender, BirthDate: in.BirthDate, Position: in.Position,
		Category: in.Category, IsLeader: in.IsLeader, UnitID: in.UnitID, StartDate: in.StartDate, Status: in.Status, Version: in.Version}
}

// UserInput is the writable part of a user, as the workspace form and the JSON
// API give it: the one conversion of both.
type UserInput struct {
	Username    string  `json:"username"`
	DisplayName string  `json:"display_name"`
	Email       string  `json:"email"`
	PersonID    int64   `json:"person_id"`
	Disabled    bool    `json:"disabled"`
	Grants      []Grant `json:"grants"`
	Password    string  `json:"password,omitempty"`
	Version     int     `json:"version"`
}

// User builds the user with the given ID (0 for a new one).
func (in *UserInput) User(id int64) *User {
	return &User{ID: id, Username: in.Username, DisplayName: in.DisplayName, Email: in.Email, PersonID: in.PersonID,
		Disabled: in.Disabled, Grants: in.Grants, Version: in.Version}
}

// ProposalInput is the writable part of a proposal, as the workspace form and the
// JSON API give it: the one conversion of both.
type ProposalInput struct {
	UnitID     int64  `json:"unit_id"`
	CampaignID int64  `json:"campaign_id"`
	Kind       string `json:"kind"`
	Year       int    `json:"year"`
	Title      string `json:"title"`
	// RefText is the tờ trình's number and symbol, e.g. "12/TTr-HCTC".
	RefText string `json:"ref"`
	Version int    `json:"version"`
}

// Proposal builds a proposal with the given ID (0 for a new one).
func (in *ProposalInput) Proposal(id int64) (*Proposal, error) {
	p := &Proposal{ID: id, UnitID: in.UnitID, CampaignID: in.CampaignID, Kind: in.Kind, Year: in.Year, Title: in.Title, Version: in.Version}
	var v Validation
	if strings.TrimSpace(in.RefText) != "" {
		ref, err := ParseDocRef(in.RefText)
		if err != nil {
			v.Add("ref", ErrorMessage(err))
		}
		p.Ref = ref
	}
	p.Normalize()
	for k, m := range ErrorFields(p.Validate()) {
		v.Add(k, m)
	}
	return p, v.Err()
}

// CouncilInput is the writable part of a council, as the workspace form and the
// JSON API give it: the one conversion of both.
type CouncilInput struct {
	UnitID          int64           `json:"unit_id"`
	Name            string          `json:"name"`
	From            Date            `json:"from"`
	To              Date            `json:"to"`
	Members         []CouncilMember `json:"members"`
	MinPresent      float64         `json:"min_present"`
	MinPresentAward float64         `json:"min_present_award"`
	Version         int             `json:"version"`
}

// Council builds a council with the given ID (0 for a new one).
func (in *CouncilInput) Council(id int64) *Council {
	c := &Council{ID: id, UnitID: in.UnitID, Name: in.Name, From: in.From, To: in.To, MinPresent: in.MinPresent,
		MinPresentAward: in.MinPresentAward, Version: in.Version}
	for _, m := range in.Members {
		c.Members = append(c.Members, CouncilMember{UserID: m.UserID, Role: m.Role})
	}
	return c
}

// DecisionInput is the writable part of a decision, as the workspace form and the
// JSON API give it: the one conversion of both.
type DecisionInput struct {
	Issuer    string   `json:"issuer"`
	Year      int      `json:"year"`
	Place     string   `json:"place"`
	Title     string   `json:"title"`
	Authority string   `json:"authority"`
	Bases     []string `json:"bases"`
	Articles  []string `json:"articles"`
	Signer    Signer   `json:"signer"`
	CC        []string `json:"cc"`
	Public    bool     `json:"public"`
	Version   int      `json:"version"`
}

// Decision builds a decision with the given ID (0 for a new one).
func (in *DecisionInput) Decision(id int64) *Decision {
	return &Decision{ID: id, Issuer: strings.ToUpper(strings.TrimSpace(in.Issuer)), Year: in.Year, Place: in.Place, Title: in.Title,
		Authority: in.Authority, Bases: in.Bases, Articles: in.Articles, Signer: in.Signer, CC: in.CC, Public: in.Public, Version: in.Version}
}
