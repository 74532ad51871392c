package cluster

import (
	"fmt"
	"strings"
	"time"

	"thidua"
)

// Covenant is a cluster's emulation covenant (giao ước thi đua) for its
// year: the targets the members commit to, signed by each member's head
// on SignedOn, kept as a document (the signed file).
type Covenant struct {
	ClusterID  int64       `json:"cluster_id"`
	Targets    string      `json:"targets"`
	SignedOn   thidua.Date `json:"signed_on"`
	Signatures []Signature `json:"signatures"`
	File       Document    `json:"file"`
	Version    int         `json:"version"`
	UpdatedAt  time.Time   `json:"updated_at"`
}

// Signature is one member's signature of the covenant: its head's name
// and post.
type Signature struct {
	UnitID     int64  `json:"unit_id"`
	Signer     string `json:"signer"`
	SignerPost string `json:"signer_post"`

	// Filled on reads.
	UnitName string `json:"unit_name,omitempty"`
}

// Document is a stored file: its name, type and size; Key names it in the
// file store.
type Document struct {
	Name        string `json:"name"`
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
	Key         string `json:"-"`
}

// Normalize puts the covenant's text into canonical form.
func (cv *Covenant) Normalize() {
	lines := strings.Split(strings.ReplaceAll(cv.Targets, "\r\n", "\n"), "\n")
	for i, l := range lines {
		lines[i] = thidua.NormalizeText(l)
	}
	cv.Targets = strings.TrimSpace(strings.Join(lines, "\n"))
	for i := range cv.Signatures {
		cv.Signatures[i].Signer = thidua.NormalizeText(cv.Signatures[i].Signer)
		cv.Signatures[i].SignerPost = thidua.NormalizeText(cv.Signatures[i].SignerPost)
	}
}

// Validate checks cv against its cluster c: targets, a signing date in the
// cluster's year, the signed document, and one signature by each member's
// head, no other.
func (cv *Covenant) Validate(c *Cluster) error {
	var v thidua.Validation
	checkLen(&v, "targets", "Nội dung giao ước", "nội dung, chỉ tiêu giao ước thi đua", cv.Targets, true, 20000)
	switch {
	case cv.SignedOn.IsZero():
		v.Add("signed_on", "Vui lòng nhập ngày ký giao ước.")
	case cv.SignedOn.Year() != c.Year:
		v.Add("signed_on", fmt.Sprintf("Giao ước thi đua năm %d được ký trong năm %d (đầu năm).", c.Year, c.Year))
	}
	if cv.File.Key == "" || cv.File.Name == "" {
		v.Add("file", "Vui lòng đính kèm văn bản giao ước đã ký.")
	}
	signed := map[int64]bool{}
	for i, s := range cv.Signatures {
		f := fmt.Sprintf("signatures[%d]", i)
		if c.Member(s.UnitID) == nil {
			v.Add(f+".unit_id", fmt.Sprintf("Chữ ký %d: đơn vị không phải thành viên cụm, khối.", i+1))
			continue
		}
		if signed[s.UnitID] {
			v.Add(f+".unit_id", fmt.Sprintf("Chữ ký %d: %s đã ký.", i+1, c.MemberName(s.UnitID)))
		}
		signed[s.UnitID] = true
		who := c.MemberName(s.UnitID)
		checkLen(&v, f+".signer", who+": người ký", "người ký của "+who, s.Signer, true, 100)
		checkLen(&v, f+".signer_post", who+": chức vụ người ký", "chức vụ người ký của "+who, s.SignerPost, true, 100)
	}
	var missing []string
	for _, m := range c.Members {
		if !signed[m.UnitID] {
			missing = append(missing, m.Name)
		}
	}
	if len(missing) > 0 {
		v.Add("signatures", "Thủ trưởng mỗi thành viên ký giao ước; còn thiếu: "+strings.Join(missing, ", ")+".")
	}
	return v.Err()
}
