package thidua

import (
	"context"
	"regexp"
	"strings"
	"time"
)

// Unit kinds (loại đơn vị).
const (
	UnitProvince   = "PROVINCE"   // chính quyền cấp tỉnh, e.g. UBND tỉnh
	UnitAgency     = "AGENCY"     // cơ quan, e.g. Văn phòng UBND tỉnh
	UnitDepartment = "DEPARTMENT" // phòng, ban, trung tâm
	UnitTeam       = "TEAM"       // tổ, nhóm
)

// UnitKinds lists the unit kinds with their Vietnamese labels, in display order.
var UnitKinds = []Option{
	{UnitProvince, "Chính quyền cấp tỉnh"},
	{UnitAgency, "Cơ quan"},
	{UnitDepartment, "Phòng, ban, trung tâm"},
	{UnitTeam, "Tổ, nhóm"},
}

// Option is a code with its Vietnamese label, for select boxes and display.
type Option struct {
	Code  string `json:"code"`
	Label string `json:"label"`
}

// Label returns the label of code among opts, or code itself.
func Label(opts []Option, code string) string {
	for _, o := range opts {
		if o.Code == code {
			return o.Label
		}
	}
	return code
}

func validOption(opts []Option, code string) bool {
	for _, o := range opts {
		if o.Code == code {
			return true
		}
	}
	return false
}

// Unit is an organization unit (cơ quan, đơn vị): a node of the unit tree.
type Unit struct {
	ID       int64  `json:"id"`
	ParentID int64  `json:"parent_id,omitempty"` // 0 for a root
	Name     string `json:"name"`
	Abbrev   string `json:"abbrev"` // used in document symbols, e.g. VPUBND
	Kind     string `json:"kind"`
	Active   bool   `json:"active"`
	// Place is the agency's place name (địa danh) on its documents' date
	// lines; empty: the configured default.
	Place string `json:"place"`
	// Path lists the IDs from the root down to this unit, as "/1/4/9/".
	Path      string    `json:"-"`
	Depth     int       `json:"depth"`
	Version   int       `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`

	// ParentName is filled on reads for display.
	ParentName string `json:"parent_name,omitempty"`
	// People counts the people attached to this unit itself (not the subtree).
	People int `json:"people"`
}

var abbrevRE = regexp.MustCompile(`^[A-ZĐ0-9][A-ZĐ0-9&-]*$`)

// Normalize puts the text fields into canonical form (NFC, trimmed; the
// abbreviation in upper case).
func (u *Unit) Normalize() {
	u.Name = NormalizeText(u.Name)
	u.Abbrev = strings.ToUpper(NormalizeText(u.Abbrev))
	u.Place = NormalizeText(u.Place)
}

// Validate checks the fields of u.
func (u *Unit) Validate() error {
	var v Validation
	checkLen(&v, "name", "Tên đơn vị", u.Name, true, 255)
	checkLen(&v, "abbrev", "Tên viết tắt", u.Abbrev, false, 32)
	checkLen(&v, "place", "Địa danh", u.Place, false, 100)
	if u.Abbrev != "" && !abbrevRE.MatchString(u.Abbrev) {
		v.Add("abbrev", "Tên viết tắt chỉ gồm chữ in hoa không dấu (trừ Đ), chữ số và dấu gạch ngang, ví dụ VPUBND.")
	}
	if !validOption(UnitKinds, u.Kind) {
		v.Add("kind", "Vui lòng chọn loại đơn vị.")
	}
	if u.ParentID != 0 && u.ParentID == u.ID {
		v.Add("parent_id", "Đơn vị không thể là cấp trên của chính nó.")
	}
	return v.Err()
}

// UnitFilter selects units. Zero fields do not filter.
type UnitFilter struct {
	ID       int64
	ParentID int64
	// Subtree limits to the unit with this ID and its descendants.
	Subtree int64
	Query   string
	Active  *bool
	Offset  int
	Limit   int
}

// UnitService manages the unit tree. Every method is limited to the units
// that the user in ctx may see or edit.
type UnitService interface {
	// FindUnitByID returns ENOTFOUND if the unit does not exist or is out of scope.
	FindUnitByID(ctx context.Context, id int64) (*Unit, error)
	// FindUnits returns units in tree order (by path) and the total count.
	FindUnits(ctx context.Context, f UnitFilter) ([]*Unit, int, error)
	// CreateUnit returns EINVALID, EFORBIDDEN (parent out of scope) or ECONFLICT.
	CreateUnit(ctx context.Context, u *Unit) error
	// UpdateUnit saves u, moving its subtree when the parent changed. It
	// returns EINVALID (including a unit made its own ancestor), EFORBIDDEN,
	// ENOTFOUND, or ECONFLICT when u.Version is stale.
	UpdateUnit(ctx context.Context, u *Unit) error
	// DeleteUnit returns ECONFLICT if the unit still has sub-units, people or accounts.
	DeleteUnit(ctx context.Context, id int64) error
}
