package province

import "math/rand/v2"

// Vietnamese family names with rough shares of the population (the ten
// commonest cover about nine people in ten).
var familyNames = []struct {
	name   string
	weight int
}{
	{"Nguyễn", 380}, {"Trần", 110}, {"Lê", 95}, {"Phạm", 70}, {"Hoàng", 50}, {"Huỳnh", 30},
	{"Phan", 45}, {"Vũ", 40}, {"Võ", 35}, {"Đặng", 21}, {"Bùi", 20}, {"Đỗ", 14}, {"Hồ", 13},
	{"Ngô", 13}, {"Dương", 10}, {"Lý", 5}, {"Đinh", 8}, {"Trương", 7}, {"Mai", 5}, {"Tạ", 3},
	{"Lương", 4}, {"Đào", 5}, {"Cao", 4}, {"Lâm", 3}, {"Hà", 4}, {"Tô", 2}, {"Kiều", 1},
}

var familyTotal = func() int {
	t := 0
	for _, f := range familyNames {
		t += f.weight
	}
	return t
}()

var (
	middleMale   = []string{"Văn", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Công", "Xuân", "Đình", "Ngọc", "Tuấn", "Quang", "Hoàng", "Trọng", "Mạnh", "Anh", "Bá", "Thế"}
	middleFemale = []string{"Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Minh", "Phương", "Kim", "Thị Thu", "Thị Hồng", "Thị Thanh", "Thị Kim", "Hoài", "Bích", "Diệu", "Mỹ", "Khánh"}
	givenMale    = []string{"Anh", "Bảo", "Bình", "Cường", "Chiến", "Dũng", "Duy", "Đạt", "Đức", "Đông", "Giang", "Hải", "Hào", "Hiếu", "Hoàng", "Hùng", "Huy", "Khang", "Khánh", "Khoa", "Kiên", "Lâm", "Long", "Lực", "Mạnh", "Minh", "Nam", "Nghĩa", "Nguyên", "Phong", "Phúc", "Quân", "Quang", "Sơn", "Tài", "Tâm", "Thắng", "Thành", "Thịnh", "Toàn", "Trung", "Tuấn", "Tùng", "Việt", "Vinh", "Vũ"}
	givenFemale  = []string{"An", "Anh", "Ánh", "Bích", "Châu", "Chi", "Diệp", "Dung", "Duyên", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Hồng", "Huệ", "Hương", "Lan", "Liên", "Linh", "Loan", "Ly", "Mai", "My", "Nga", "Ngân", "Ngọc", "Nhung", "Oanh", "Phương", "Quyên", "Quỳnh", "Tâm", "Thảo", "Thơ", "Thủy", "Trang", "Trâm", "Uyên", "Vân", "Vy", "Xuân", "Yến"}
)

// fullName draws a Vietnamese name: họ, đệm, tên, by gender.
func fullName(r *rand.Rand, female bool) string {
	n := r.IntN(familyTotal)
	family := familyNames[0].name
	for _, f := range familyNames {
		if n < f.weight {
			family = f.name
			break
		}
		n -= f.weight
	}
	if female {
		return family + " " + middleFemale[r.IntN(len(middleFemale))] + " " + givenFemale[r.IntN(len(givenFemale))]
	}
	return family + " " + middleMale[r.IntN(len(middleMale))] + " " + givenMale[r.IntN(len(givenMale))]
}

// Departments of the province (sở, ban, ngành) with their abbreviations.
var departments = []struct{ name, abbrev string }{
	{"Văn phòng UBND tỉnh", "VPUBND"}, {"Sở Nội vụ", "SNV"}, {"Sở Tài chính", "STC"},
	{"Sở Kế hoạch và Đầu tư", "SKHĐT"}, {"Sở Công Thương", "SCT"}, {"Sở Giáo dục và Đào tạo", "SGDĐT"},
	{"Sở Y tế", "SYT"}, {"Sở Xây dựng", "SXD"}, {"Sở Giao thông vận tải", "SGTVT"},
	{"Sở Nông nghiệp và Phát triển nông thôn", "SNNPTNT"}, {"Sở Tài nguyên và Môi trường", "STNMT"},
	{"Sở Tư pháp", "STP"}, {"Sở Lao động – Thương binh và Xã hội", "SLĐTBXH"},
	{"Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL"}, {"Sở Khoa học và Công nghệ", "SKHCN"},
	{"Sở Thông tin và Truyền thông", "STTTT"}, {"Thanh tra tỉnh", "TTT"}, {"Ban Dân tộc", "BDT"},
	{"Sở Ngoại vụ", "SNgV"}, {"Ban Quản lý các khu công nghiệp", "BQLKCN"},
}

// Districts (huyện, thành phố, thị xã).
var districts = []struct{ name, abbrev string }{
	{"UBND thành phố Bắc Giang", "UBNDTP"}, {"UBND thị xã Việt Yên", "UBNDVY"}, {"UBND huyện Lạng Giang", "UBNDLG"},
	{"UBND huyện Yên Thế", "UBNDYT"}, {"UBND huyện Tân Yên", "UBNDTY"}, {"UBND huyện Hiệp Hòa", "UBNDHH"},
	{"UBND huyện Lục Nam", "UBNDLN"}, {"UBND huyện Lục Ngạn", "UBNDLNg"}, {"UBND huyện Sơn Động", "UBNDSĐ"},
}

var (
	departmentOffices = []string{"Văn phòng", "Phòng Tổ chức cán bộ", "Phòng Kế hoạch – Tài chính", "Thanh tra", "Phòng Nghiệp vụ"}
	districtOffices   = []string{"Văn phòng HĐND và UBND", "Phòng Nội vụ", "Phòng Tài chính – Kế hoạch", "Phòng Giáo dục và Đào tạo", "Phòng Y tế", "Phòng Tư pháp"}
	positions         = []string{"Chuyên viên", "Chuyên viên", "Chuyên viên", "Chuyên viên chính", "Cán sự", "Kế toán viên", "Văn thư viên", "Thanh tra viên"}
)

// words is a vocabulary for generated article text.
var words = []string{"thi đua", "khen thưởng", "phong trào", "tỉnh", "cán bộ", "công chức", "viên chức", "người lao động",
	"hội nghị", "tổng kết", "triển khai", "kế hoạch", "nhiệm vụ", "năm", "đơn vị", "xuất sắc", "tiêu biểu", "gương",
	"điển hình", "tiên tiến", "sáng kiến", "chuyển đổi số", "cải cách hành chính", "nông thôn mới", "biểu dương",
	"Ủy ban nhân dân", "Sở Nội vụ", "Ban Thi đua", "hưởng ứng", "lao động", "sản xuất", "học tập", "làm theo",
	"tư tưởng", "đạo đức", "phong cách", "Hồ Chí Minh", "đoàn kết", "sáng tạo", "hoàn thành", "chỉ tiêu", "giao"}
