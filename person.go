package thidua

import (
	"context"
	"strings"
	"time"
)

// Genders.
const (
	GenderMale   = "NAM"
	GenderFemale = "NU"
)

// Genders lists the genders with their labels.
var Genders = []Option{{GenderMale, "Nam"}, {GenderFemale, "Nữ"}}

// Staff categories (đối tượng).
const (
	CategoryCanBo    = "CAN_BO"
	CategoryCongChuc = "CONG_CHUC"
	CategoryVienChuc = "VIEN_CHUC"
	CategoryNguoiLD  = "NGUOI_LAO_DONG"
)

// Categories lists the staff categories with their labels.
var Categories = []Option{
	{CategoryCanBo, "Cán bộ"},
	{CategoryCongChuc, "Công chức"},
	{CategoryVienChuc, "Viên chức"},
	{CategoryNguoiLD, "Người lao động"},
}

// Person statuses.
const (
	PersonActive  = "ACTIVE"
	PersonRetired = "RETIRED"
)

// PersonStatuses lists the person statuses with their labels.
var PersonStatuses = []Option{{PersonActive, "Đang công tác"}, {PersonRetired, "Đã nghỉ hưu, nghỉ việc"}}

// Person is an individual (cá nhân) who works in a unit.
type Person struct {
	ID        int64  `json:"id"`
	FullName  string `json:"full_name"`
	Gender    string `json:"gender"`
	BirthDate Date   `json:"birth_date"`
	Position  string `json:"position"` // chức vụ
	Category  string `json:"category"`
	// IsLeader is true for a leadership or management post (lãnh đạo, quản lý).
	IsLeader  bool   `json:"is_leader"`
	UnitID    int64  `json:"unit_id"`
	StartDate Date   `json:"start_date"`
	Status    string `json:"status"`
	Version   int    `json:"version"`

	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`

	// UnitName is filled on reads for display.
	UnitName string `json:"unit_name,omitempty"`
}

// GivenName returns the person's given name (tên).
func (p *Person) GivenName() string {
	g, _ := GivenName(p.FullName)
	return g
}

// Normalize puts the text fields into canonical form.
func (p *Person) Normalize() {
	p.FullName = NormalizeText(p.FullName)
	p.Position = NormalizeText(p.Position)
	if p.Status == "" {
		p.Status = PersonActive
	}
}

// Validate checks the fields of p against today's date.
func (p *Person) Validate(today Date) error {
	var v Validation
	checkLen(&v, "full_name", "Họ và tên", p.FullName, true, 100)
	if p.FullName != "" && len(strings.Fields(p.FullName)) < 2 {
		v.Add("full_name", "Vui lòng nhập đủ họ và tên (ít nhất hai từ).")
	}
	checkLen(&v, "position", "Chức vụ", p.Position, false, 255)
	if !validOption(Genders, p.Gender) {
		v.Add("gender", "Vui lòng chọn giới tính.")
	}
	if !validOption(Categories, p.Category) {
		v.Add("category", "Vui lòng chọn đối tượng (cán bộ, công chức, viên chức, người lao động).")
	}
	if !validOption(PersonStatuses, p.Status) {
		v.Add("status", "Trạng thái không hợp lệ.")
	}
	if p.UnitID <= 0 {
		v.Add("unit_id", "Vui lòng chọn đơn vị.")
	}
	if !p.BirthDate.IsZero() {
		if !p.BirthDate.Before(today) {
			v.Add("birth_date", "Ngày sinh phải trước ngày hôm nay.")
		} else if today.Year()-p.BirthDate.Year() > 100 {
			v.Add("birth_date", "Ngày sinh không hợp lệ.")
		}
	}
	if !p.StartDate.IsZero() && !p.BirthDate.IsZero() && p.StartDate.Before(p.BirthDate) {
		v.Add("start_date", "Ngày vào công tác phải sau ngày sinh.")
	}
	return v.Err()
}

// PersonFilter selects people. Zero fields do not filter.
type PersonFilter struct {
	ID     int64
	UnitID int64
	// Subtree includes the people of the sub-units of UnitID too.
	Subtree bool
	// Query matches the full name without regard to accents or case.
	Query    string
	Status   string
	Category string
	Offset   int
	Limit    int
	// AfterID continues the list after this person (keyset pagination:
	// the next page costs the same however deep it is); Offset then
	// counts from there.
	AfterID int64
	// BeforeID lists the page ending just before this person, in the
	// list's order (the link back from a keyset page).
	BeforeID int64
	// NoTotal skips counting the matches (the total returned is then only
	// the page's): for walking a whole list page by page.
	NoTotal bool
}

// PersonService manages people, limited to the units the user in ctx covers.
type PersonService interface {
	// FindPersonByID returns ENOTFOUND if the person does not exist or is out of scope.
	FindPersonByID(ctx context.Context, id int64) (*Person, error)
	// FindPeople returns people sorted by given name, then family and middle
	// names (Vietnamese collation), and the total count.
	FindPeople(ctx context.Context, f PersonFilter) ([]*Person, int, error)
	// CreatePerson returns EINVALID or EFORBIDDEN.
	CreatePerson(ctx context.Context, p *Person) error
	// UpdatePerson returns EINVALID, EFORBIDDEN, ENOTFOUND or ECONFLICT (stale version).
	UpdatePerson(ctx context.Context, p *Person) error
	// DeletePerson returns ENOTFOUND or EFORBIDDEN.
	DeletePerson(ctx context.Context, id int64) error
}
