package thidua

import (
	"context"
	"regexp"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"
)

// Role is what an account may do, granted on a unit's subtree.
type Role string

// Roles.
const (
	RoleAdmin    Role = "ADMIN"     // quản trị hệ thống
	RoleOfficer  Role = "OFFICER"   // cán bộ thi đua – khen thưởng
	RoleUnitHead Role = "UNIT_HEAD" // thủ trưởng đơn vị
	RoleCouncil  Role = "COUNCIL"   // thành viên Hội đồng thi đua – khen thưởng
	RoleEditor   Role = "EDITOR"    // biên tập viên
	RoleStaff    Role = "STAFF"     // cá nhân
)

// Roles lists every role with its Vietnamese label.
var Roles = []Option{
	{string(RoleAdmin), "Quản trị hệ thống"},
	{string(RoleOfficer), "Cán bộ thi đua – khen thưởng"},
	{string(RoleUnitHead), "Thủ trưởng đơn vị"},
	{string(RoleCouncil), "Thành viên Hội đồng thi đua – khen thưởng"},
	{string(RoleEditor), "Biên tập viên"},
	{string(RoleStaff), "Cá nhân"},
}

// Label returns the Vietnamese name of the role.
func (r Role) Label() string { return Label(Roles, string(r)) }

// Permission is something a role allows.
type Permission string

// Permissions.
const (
	PermViewOrg     Permission = "org.view"     // see units and people
	PermEditOrg     Permission = "org.edit"     // create, edit, move, delete units and people
	PermManageUsers Permission = "users.manage" // accounts, roles, passwords
	PermViewAudit   Permission = "audit.view"   // browse the audit log
	// PermManageSystem is the system page: backups, job queue, disk.
	PermManageSystem Permission = "system.manage"
	// PermManageCampaigns allows creating and running campaigns launched
	// by a unit in scope, reviewing registrations and assigning reviewers.
	PermManageCampaigns Permission = "campaign.manage"
	// PermRegister allows registering a unit in scope and its people in a
	// campaign, and reporting evidence and self-scores for them.
	PermRegister Permission = "campaign.register"
	// PermReview allows scoring as a reviewer: a unit head for the units in
	// scope, a council member for the campaigns they are assigned to.
	PermReview Permission = "campaign.review"
	// PermEditRecords allows editing the award history of people and units
	// in scope: ratings, titles and forms received, initiatives, disciplines.
	PermEditRecords Permission = "records.edit"
	// PermWriteArticles allows writing portal articles (tin bài): drafting,
	// editing drafts and sending them for approval. Editors, emulation
	// officers (who write the campaign news) and administrators hold it.
	PermWriteArticles Permission = "article.write"
	// PermPublishArticles allows approving, scheduling, unpublishing and
	// correcting published articles, and managing categories: the duty of
	// the editorial board's head (trưởng ban biên tập), which the office
	// gives to its emulation officer; administrators hold it too. Nobody
	// approves an article they wrote or last edited.
	PermPublishArticles Permission = "article.publish"
	// PermManageRules allows reading the legal rule set in force with its
	// parameters and previewing an uploaded rule file or province profile
	// on the stored people: administrators only.
	PermManageRules Permission = "rules.manage"
)

var rolePerms = map[Role][]Permission{
	RoleAdmin:    {PermViewOrg, PermEditOrg, PermManageUsers, PermViewAudit, PermManageSystem, PermManageCampaigns, PermRegister, PermEditRecords, PermWriteArticles, PermPublishArticles, PermManageRules},
	RoleOfficer:  {PermViewOrg, PermEditOrg, PermManageCampaigns, PermRegister, PermEditRecords, PermWriteArticles, PermPublishArticles},
	RoleUnitHead: {PermViewOrg, PermEditOrg, PermRegister, PermReview},
	RoleCouncil:  {PermViewOrg, PermReview},
	RoleEditor:   {PermViewOrg, PermWriteArticles},
	RoleStaff:    {PermViewOrg},
}

// Allows reports whether the role carries permission p.
func (r Role) Allows(p Permission) bool {
	for _, q := range rolePerms[r] {
		if q == p {
			return true
		}
	}
	return false
}

// Grant gives a role on a unit and all the units below it.
type Grant struct {
	Role   Role  `json:"role"`
	UnitID int64 `json:"unit_id"`
	// UnitPath and UnitName are filled on reads.
	UnitPath string `json:"-"`
	UnitName string `json:"unit_name,omitempty"`
}

// User is an account (tài khoản).
type User struct {
	ID           int64   `json:"id"`
	Username     string  `json:"username"`
	DisplayName  string  `json:"display_name"`
	Email        string  `json:"email,omitempty"`
	PersonID     int64   `json:"person_id,omitempty"`
	Disabled     bool    `json:"disabled"`
	Grants       []Grant `json:"grants"`
	PasswordHash string  `json:"-"`
	Version      int     `json:"version"`

	LastLoginAt time.Time `json:"last_login_at,omitzero"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`

	// PersonName is filled on reads.
	PersonName string `json:"person_name,omitempty"`
}

// Can reports whether any grant of u carries permission p.
func (u *User) Can(p Permission) bool {
	if u == nil || u.Disabled {
		return false
	}
	for _, g := range u.Grants {
		if g.Role.Allows(p) {
			return true
		}
	}
	return false
}

// HasRole reports whether u holds role r on some unit.
func (u *User) HasRole(r Role) bool {
	if u == nil {
		return false
	}
	for _, g := range u.Grants {
		if g.Role == r {
			return true
		}
	}
	return false
}

// Scope returns the unit paths under which u holds permission p. all is
// true when u may act everywhere: administrators are system-wide.
func (u *User) Scope(p Permission) (all bool, paths []string) {
	if u == nil || u.Disabled {
		return false, nil
	}
	for _, g := range u.Grants {
		if !g.Role.Allows(p) {
			continue
		}
		if g.Role == RoleAdmin {
			return true, nil
		}
		paths = append(paths, g.UnitPath)
	}
	return false, paths
}

// Covers reports whether u holds permission p on the unit with the given path.
func (u *User) Covers(p Permission, unitPath string) bool {
	all, paths := u.Scope(p)
	if all {
		return true
	}
	for _, q := range paths {
		if q != "" && strings.HasPrefix(unitPath, q) {
			return true
		}
	}
	return false
}

var usernameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]*$`)

// Normalize puts the fields of u into canonical form.
func (u *User) Normalize() {
	u.Username = strings.ToLower(strings.TrimSpace(u.Username))
	u.DisplayName = NormalizeText(u.DisplayName)
	u.Email = strings.TrimSpace(u.Email)
}

// Validate checks the fields of u.
func (u *User) Validate() error {
	var v Validation
	checkLen(&v, "username", "Tên đăng nhập", u.Username, true, 64)
	if u.Username != "" && !usernameRE.MatchString(u.Username) {
		v.Add("username", "Tên đăng nhập chỉ gồm chữ thường không dấu, chữ số và các dấu . _ -")
	}
	checkLen(&v, "display_name", "Họ và tên hiển thị", u.DisplayName, true, 100)
	checkLen(&v, "email", "Thư điện tử", u.Email, false, 255)
	if u.Email != "" && !strings.Contains(u.Email, "@") {
		v.Add("email", "Địa chỉ thư điện tử không hợp lệ.")
	}
	if len(u.Grants) == 0 {
		v.Add("grants", "Tài khoản cần ít nhất một vai trò.")
	}
	for _, g := range u.Grants {
		if !validOption(Roles, string(g.Role)) {
			v.Add("grants", "Vai trò không hợp lệ.")
		}
		if g.UnitID <= 0 {
			v.Add("grants", "Mỗi vai trò phải gắn với một đơn vị.")
		}
	}
	return v.Err()
}

// ValidatePassword checks a new password.
func ValidatePassword(pw string) error {
	var v Validation
	n := len([]rune(norm.NFC.String(pw)))
	switch {
	case n < 8:
		v.Add("password", "Mật khẩu phải có ít nhất 8 ký tự.")
	case n > 128:
		v.Add("password", "Mật khẩu không được dài quá 128 ký tự.")
	}
	return v.Err()
}

// UserFilter selects users.
type UserFilter struct {
	ID       int64
	Username string
	Query    string
	Offset   int
	Limit    int
}

// UserService manages accounts. Only administrators may call the methods
// that list or change other accounts; they return EFORBIDDEN otherwise.
type UserService interface {
	FindUserByID(ctx context.Context, id int64) (*User, error)
	FindUsers(ctx context.Context, f UserFilter) ([]*User, int, error)
	// CreateUser stores u with the (already hashed) password hash; ECONFLICT
	// for a duplicate username.
	CreateUser(ctx context.Context, u *User) error
	// UpdateUser saves name, email, person, disabled flag and grants.
	UpdateUser(ctx context.Context, u *User) error
	// SetPassword replaces the password hash of a user and ends their sessions.
	SetPassword(ctx context.Context, id int64, hash string) error
}
