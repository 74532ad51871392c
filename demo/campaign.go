package demo

import (
	"context"
	"fmt"

	"thidua"
)

// The demo campaign is the one the seed article describes: the office's
// peak emulation campaign for the 2021 election of the XVth National
// Assembly and the People's Councils (Kế hoạch số 248/KH-VPUBND ngày
// 20/4/2021). It is walked through the real state machine by the demo
// accounts, so every step is authorized and audited as if done by hand, and
// is left in the evaluating state for officers to carry on.
const (
	CampaignTitle = "Đợt thi đua cao điểm tổ chức thành công Cuộc bầu cử đại biểu Quốc hội khóa XV và đại biểu Hội đồng nhân dân các cấp nhiệm kỳ 2021-2026"
	CampaignPlan  = "248/KH-VPUBND"
)

// Demo accounts that take part in the campaign.
const (
	uOfficer = "thiduakt"      // creates, launches, registers, approves
	uHead    = "truongphonghc" // registers and head-scores Phòng Hành chính – Tổ chức
	uCouncil = "hoidong"       // the council member who scores
	uStaff   = "canhan"        // reports and self-scores his own registration
	uEditor  = "bientap"       // reports and self-scores his own registration
)

// Planned awards (hình thức khen thưởng dự kiến).
const (
	awardGK   = "Giấy khen của Chánh Văn phòng UBND tỉnh"
	awardBKCT = "Bằng khen của Chủ tịch UBND tỉnh"
)

// campaignObjectives is the purpose stated in the first paragraph of the article.
const campaignObjectives = `1. Hưởng ứng mạnh mẽ đợt thi đua cao điểm, tạo không khí thi đua sôi nổi, góp phần tổ chức thành công cuộc bầu cử đại biểu Quốc hội khóa XV và đại biểu Hội đồng nhân dân các cấp nhiệm kỳ 2021-2026.
2. Thông qua phong trào thi đua nâng cao nhận thức về quyền và nghĩa vụ của cán bộ, công chức, viên chức, người lao động tích cực tham gia cuộc bầu cử đại biểu Quốc hội khóa XV và đại biểu Hội đồng nhân dân các cấp nhiệm kỳ 2021-2026.
3. Kịp thời biểu dương, khen thưởng các tập thể, cá nhân có thành tích xuất sắc, tiêu biểu trong tham mưu thực hiện nhiệm vụ công tác bầu cử.`

// campaignCriteria returns the four contents the article lists, in order.
// A new slice each call: SaveCriteria fills in IDs and positions.
func campaignCriteria() []*thidua.Criterion {
	return []*thidua.Criterion{
		{
			Code:  "TC1",
			Title: "Thực hiện tốt công tác lãnh đạo, chỉ đạo, tham mưu ban hành văn bản, xây dựng kế hoạch, phân công nhiệm vụ tổ chức cuộc bầu cử đúng quy định và tiến độ",
			Description: "Thi đua thực hiện tốt công tác lãnh đạo, chỉ đạo, tham mưu cho UBND tỉnh ban hành các văn bản chỉ đạo, " +
				"xây dựng kế hoạch, tổ chức triển khai và phân công nhiệm vụ cho các cơ quan, đơn vị tổ chức thực hiện cuộc bầu cử " +
				"đúng quy định của pháp luật và tiến độ theo chỉ đạo của tỉnh.",
			AppliesTo: thidua.ForBoth, MaxScore: 30, Weight: 1,
			Evidence: "Văn bản, kế hoạch đã tham mưu ban hành (số, ký hiệu, ngày ban hành); báo cáo tiến độ thực hiện nhiệm vụ được phân công.",
		},
		{
			Code:  "TC2",
			Title: "Thông tin tuyên truyền về cuộc bầu cử trên Cổng thông tin điện tử tỉnh, Trang thông tin điện tử Văn phòng; phổ biến, quán triệt Luật Bầu cử",
			Description: "Thi đua tham mưu thực hiện tốt công tác thông tin tuyên truyền cuộc bầu cử đại biểu Quốc hội và Hội đồng nhân dân " +
				"các cấp nhiệm kỳ 2021-2026 trên Cổng thông tin điện tử tỉnh, Trang thông tin điện tử Văn phòng UBND tỉnh.\n" +
				"Tổ chức phổ biến, quán triệt Luật Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân, các văn bản chỉ đạo, " +
				"hướng dẫn về công tác bầu cử đại biểu Quốc hội khóa XV và đại biểu Hội đồng nhân dân các cấp nhiệm kỳ 2021-2026, " +
				"góp phần nâng cao ý thức làm chủ, tinh thần trách nhiệm, tự giác của công chức, viên chức và người lao động " +
				"trong thực hiện công tác bầu cử.",
			AppliesTo: thidua.ForBoth, MaxScore: 30, Weight: 1,
			Evidence: "Số tin, bài đã đăng (kèm đường dẫn); số buổi phổ biến, quán triệt và số lượt người tham dự.",
		},
		{
			Code:  "TC3",
			Title: "Bảo đảm an ninh, chính trị, trật tự an toàn xã hội và y tế, phòng, chống dịch Covid-19 trước, trong và sau cuộc bầu cử",
			Description: "Thi đua tham mưu chỉ đạo thực hiện tốt công tác đảm bảo an ninh, chính trị, trật tự an toàn xã hội và y tế, " +
				"nhất là phòng, chống dịch Covid-19 trong thời gian trước, trong và sau cuộc bầu cử.",
			AppliesTo: thidua.ForBoth, MaxScore: 20, Weight: 1,
			Evidence: "Văn bản tham mưu chỉ đạo, phương án bảo đảm an ninh, trật tự và phòng, chống dịch; báo cáo kết quả thực hiện.",
		},
		{
			Code:  "TC4",
			Title: "Giải quyết kịp thời khiếu nại, tố cáo, kiến nghị, phản ánh của công dân, không để xảy ra “điểm nóng”",
			Description: "Tham mưu giải quyết kịp thời các vụ việc khiếu nại, tố cáo, kiến nghị, phản ánh của công dân, không để xảy ra " +
				"“điểm nóng” về khiếu kiện, ngăn chặn mọi hành vi lợi dụng dân chủ, lợi dụng khiếu nại, tố cáo để vi phạm pháp luật về bầu cử.",
			AppliesTo: thidua.ForBoth, MaxScore: 20, Weight: 1,
			Evidence: "Số vụ việc đã tiếp nhận và đã tham mưu giải quyết, thời hạn giải quyết; xác nhận không để xảy ra “điểm nóng”.",
		},
	}
}

// regSpec is a registration: a collective (unit key) or an individual
// (person's full name), made by the account by and reviewed by the officer.
type regSpec struct {
	by       string
	unit     string
	person   string
	target   string
	commit   map[string]string
	returned string // reason for returning it; "" approves it
}

// participant is the unit key or the person's name.
func (r regSpec) participant() string {
	if r.person != "" {
		return r.person
	}
	return r.unit
}

// Commitments of every collective, with a department's own wording for the
// content it leads on.
func collectiveCommitments(code, lead string) map[string]string {
	m := map[string]string{
		"TC1": "Hoàn thành 100% nhiệm vụ được phân công phục vụ cuộc bầu cử đúng quy định và đúng tiến độ.",
		"TC2": "100% công chức, viên chức, người lao động được phổ biến, quán triệt Luật Bầu cử và đi bầu cử đầy đủ.",
		"TC3": "Chấp hành nghiêm các biện pháp bảo đảm an ninh, trật tự và phòng, chống dịch Covid-19 tại cơ quan.",
		"TC4": "Tham mưu giải quyết kịp thời kiến nghị, phản ánh thuộc lĩnh vực được giao, không để tồn đọng.",
	}
	if code != "" {
		m[code] = lead
	}
	return m
}

// Commitments of every individual.
func individualCommitments() map[string]string {
	return map[string]string{
		"TC1": "Hoàn thành đúng hạn, có chất lượng các nhiệm vụ được giao phục vụ cuộc bầu cử.",
		"TC2": "Gương mẫu chấp hành Luật Bầu cử; vận động gia đình, người thân đi bầu cử đầy đủ, đúng giờ.",
		"TC3": "Chấp hành nghiêm quy định về an ninh, trật tự và phòng, chống dịch Covid-19.",
		"TC4": "Phối hợp tiếp nhận, xử lý kịp thời kiến nghị, phản ánh của công dân thuộc lĩnh vực theo dõi.",
	}
}

// campaignRegistrations: the unit head registers his department and its
// people; the officer, who covers the whole office, registers the others.
var campaignRegistrations = []regSpec{
	{by: uHead, unit: kHCTC, target: awardBKCT, commit: collectiveCommitments("TC3",
		"Bố trí trực bảo vệ 24/24 giờ, bảo đảm an ninh, trật tự, y tế và phòng, chống dịch tại trụ sở trong thời gian bầu cử.")},
	{by: uHead, person: "Võ Thanh Tùng", target: awardBKCT},
	{by: uHead, person: "Đặng Thị Thu Hà", target: awardGK},
	{by: uHead, person: "Nguyễn Ngọc Ánh", target: awardBKCT},
	{by: uHead, person: "Bùi Văn Đạt", target: awardGK},
	{by: uHead, person: "Trần Thị Thư", target: awardGK},

	{by: uOfficer, unit: kTH, target: awardBKCT, commit: collectiveCommitments("TC1",
		"Tham mưu 100% văn bản chỉ đạo, kế hoạch về công tác bầu cử trình UBND tỉnh đúng thời hạn.")},
	{by: uOfficer, unit: kKT, target: awardGK, commit: collectiveCommitments("", "")},
	{by: uOfficer, unit: kKGVX, target: awardGK, commit: collectiveCommitments("TC3",
		"Tham mưu kịp thời các biện pháp y tế, phòng, chống dịch Covid-19 tại các khu vực bỏ phiếu.")},
	{by: uOfficer, unit: kNC, target: awardBKCT, commit: collectiveCommitments("TC4",
		"Tham mưu giải quyết 100% đơn khiếu nại, tố cáo liên quan đến bầu cử đúng thời hạn, không để xảy ra “điểm nóng”.")},
	{by: uOfficer, unit: kTTCB, target: awardGK, commit: collectiveCommitments("TC2",
		"Mở chuyên mục về bầu cử trên Cổng thông tin điện tử tỉnh, cập nhật tin, bài hằng ngày.")},
	{by: uOfficer, person: "Hoàng Thị Bích Ngọc", target: awardBKCT},
	{by: uOfficer, person: "Phan Tuấn Anh", target: awardGK},
	{by: uOfficer, person: "Đặng Quốc Bảo", target: awardGK},
	{by: uOfficer, person: "Bùi Đức Huy", target: awardGK, returned: "Thiếu bản đăng ký có chữ ký của thủ trưởng đơn vị"},
	{by: uOfficer, person: "Lý Thị Vân", target: awardGK},
	{by: uOfficer, person: "Nguyễn Đình Quân", target: awardGK},
	{by: uOfficer, person: "Huỳnh Thị Thu Trang", target: awardGK},
	{by: uOfficer, person: "Đỗ Hoàng Nam", target: awardGK},
}

// evidenceSpec is a progress report for one criterion of a registration
// (participant: a unit key or a person's name), made by the account by.
type evidenceSpec struct {
	by, participant, criterion string
	text                       string
	figure                     float64 // 0: none
	date                       string
	link                       string
}

const newsURL = "https://vpubnd.example.gov.vn/tin-tuc/"

var campaignEvidence = []evidenceSpec{
	{uHead, kHCTC, "TC1", "Tham mưu Chánh Văn phòng ban hành Kế hoạch số 248/KH-VPUBND ngày 20/4/2021 và 03 văn bản phân công nhiệm vụ cho các phòng, đơn vị phục vụ cuộc bầu cử.",
		4, "2021-04-26", newsURL + "van-phong-ubnd-tinh-phat-dong-thi-dua-cao-diem-bau-cu"},
	{uHead, kHCTC, "TC3", "Bố trí trực bảo vệ 24/24 giờ tại trụ sở từ ngày 21/5 đến ngày 24/5/2021; khử khuẩn, đo thân nhiệt, khai báo y tế cho người ra vào cơ quan.",
		0, "2021-05-24", ""},
	{uOfficer, "Nguyễn Ngọc Ánh", "TC1", "Trực tiếp dự thảo Kế hoạch số 248/KH-VPUBND và hướng dẫn đăng ký thi đua; tổng hợp đăng ký của 6 phòng, đơn vị.",
		6, "2021-04-30", newsURL + "ke-hoach-248-kh-vpubnd-thi-dua-cao-diem"},
	{uOfficer, "Nguyễn Ngọc Ánh", "TC2", "Tổ chức 02 hội nghị phổ biến, quán triệt Luật Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân cho 85 lượt công chức, viên chức, người lao động.",
		85, "2021-05-06", newsURL + "quan-triet-luat-bau-cu-tai-van-phong-ubnd-tinh"},
	{uHead, "Trần Thị Thư", "TC1", "Tiếp nhận, xử lý và phát hành đúng thời hạn 214 văn bản về công tác bầu cử, không để chậm, sót.",
		214, "2021-06-15", ""},
	{uOfficer, kTH, "TC1", "Tham mưu UBND tỉnh ban hành 12 văn bản chỉ đạo, đôn đốc, hướng dẫn công tác bầu cử, đúng tiến độ theo kế hoạch của Ủy ban bầu cử tỉnh.",
		12, "2021-05-20", newsURL + "ubnd-tinh-chi-dao-cong-tac-chuan-bi-bau-cu"},
	{uStaff, "Phan Tuấn Anh", "TC1", "Dự thảo 05 báo cáo tổng hợp tình hình chuẩn bị và kết quả bầu cử trình UBND tỉnh, Ủy ban bầu cử tỉnh.",
		5, "2021-05-28", ""},
	{uOfficer, kTTCB, "TC2", "Mở chuyên mục “Bầu cử đại biểu Quốc hội và đại biểu HĐND các cấp” trên Cổng thông tin điện tử tỉnh; đăng tải 156 tin, bài, ảnh, video về cuộc bầu cử.",
		156, "2021-05-31", newsURL + "chuyen-muc-bau-cu-2021-2026"},
	{uEditor, "Đỗ Hoàng Nam", "TC2", "Biên tập, đăng tải 48 tin, bài về ngày bầu cử 23/5/2021 trên Cổng thông tin điện tử tỉnh và Trang thông tin điện tử Văn phòng.",
		48, "2021-05-23", newsURL + "cu-tri-toan-tinh-nao-nuc-di-bau-cu"},
	{uOfficer, kNC, "TC3", "Tham mưu UBND tỉnh ban hành 03 công văn chỉ đạo bảo đảm an ninh, trật tự và phòng, chống dịch Covid-19 tại các khu vực bỏ phiếu.",
		3, "2021-05-15", newsURL + "bao-dam-an-ninh-trat-tu-phong-chong-dich-trong-bau-cu"},
	{uOfficer, kNC, "TC4", "Tham mưu giải quyết 27/27 đơn khiếu nại, tố cáo, kiến nghị, phản ánh liên quan đến bầu cử đúng thời hạn; không để xảy ra “điểm nóng”.",
		27, "2021-06-10", ""},
	{uOfficer, "Huỳnh Thị Thu Trang", "TC1", "Tham gia Tổ giúp việc Ủy ban bầu cử tỉnh, theo dõi công tác chuẩn bị bầu cử tại 03 huyện.",
		3, "2021-05-10", ""},
}

// scoreRow holds the scores of one registration, criterion by criterion in
// order (TC1…TC4); a shorter list leaves the last criteria unscored.
type scoreRow struct {
	participant string
	selfBy      string // who enters the self-assessment
	self        []float64
	head        []float64 // by the head of Phòng Hành chính – Tổ chức
	council     []float64 // by the council member
	notes       map[string]string
}

// campaignScores: the head scores the people of his department (not
// himself); the council member scores everybody except Nguyễn Đình Quân
// (not reached yet). Huỳnh Thị Thu Trang has no score for TC4 (incomplete).
// Ties: Phòng Hành chính – Tổ chức and Phòng Tổng hợp (89), Đặng Thị Thu
// Hà and Phan Tuấn Anh (85).
var campaignScores = []scoreRow{
	{participant: kHCTC, selfBy: uHead, self: []float64{28, 27, 19, 18}, head: []float64{27, 26, 18, 18}, council: []float64{28, 26, 18, 17}},
	{participant: kTH, selfBy: uOfficer, self: []float64{29, 28, 18, 18}, council: []float64{28, 27, 17, 17},
		notes: map[string]string{"TC1": "Tham mưu đầy đủ, kịp thời các văn bản chỉ đạo của UBND tỉnh."}},
	{participant: kKT, selfBy: uOfficer, self: []float64{27, 25, 18, 17}, council: []float64{26, 24, 17, 17}},
	{participant: kKGVX, selfBy: uOfficer, self: []float64{26, 26, 17, 18}, council: []float64{25, 25, 17, 18}},
	{participant: kNC, selfBy: uOfficer, self: []float64{28, 24, 19, 19}, council: []float64{27, 23, 19, 19},
		notes: map[string]string{"TC4": "Giải quyết 27/27 đơn đúng hạn, không để xảy ra “điểm nóng”."}},
	{participant: kTTCB, selfBy: uOfficer, self: []float64{26, 29, 17, 17}, council: []float64{25, 29, 16, 17},
		notes: map[string]string{"TC2": "Chuyên mục bầu cử trên Cổng thông tin điện tử tỉnh cập nhật thường xuyên, 156 tin, bài."}},

	{participant: "Võ Thanh Tùng", selfBy: uHead, self: []float64{28, 26, 18, 18}, council: []float64{27, 25, 18, 18}},
	{participant: "Đặng Thị Thu Hà", selfBy: uHead, self: []float64{27, 25, 18, 17}, head: []float64{26, 24, 18, 17}, council: []float64{26, 25, 17, 17}},
	{participant: "Nguyễn Ngọc Ánh", selfBy: uOfficer, self: []float64{28, 27, 19, 18}, head: []float64{28, 26, 18, 18}, council: []float64{27, 27, 19, 18}},
	{participant: "Bùi Văn Đạt", selfBy: uHead, self: []float64{26, 25, 18, 17}, head: []float64{25, 24, 17, 17}, council: []float64{26, 24, 17, 16}},
	{participant: "Trần Thị Thư", selfBy: uHead, self: []float64{27, 26, 18, 18}, head: []float64{26, 25, 18, 18}, council: []float64{27, 25, 18, 17}},
	{participant: "Hoàng Thị Bích Ngọc", selfBy: uOfficer, self: []float64{29, 28, 18, 18}, council: []float64{29, 27, 18, 17}},
	{participant: "Phan Tuấn Anh", selfBy: uStaff, self: []float64{27, 26, 18, 17}, council: []float64{26, 25, 17, 17}},
	{participant: "Đặng Quốc Bảo", selfBy: uOfficer, self: []float64{26, 25, 17, 17}, council: []float64{25, 23, 17, 17}},
	{participant: "Lý Thị Vân", selfBy: uOfficer, self: []float64{27, 27, 18, 18}, council: []float64{26, 25, 18, 17}},
	{participant: "Nguyễn Đình Quân", selfBy: uOfficer, self: []float64{26, 24, 17, 17}},
	{participant: "Huỳnh Thị Thu Trang", selfBy: uOfficer, self: []float64{26, 23, 18}, council: []float64{25, 22, 18},
		notes: map[string]string{"TC3": "Chưa có minh chứng nội dung 4, đề nghị bổ sung."}},
	{participant: "Đỗ Hoàng Nam", selfBy: uEditor, self: []float64{26, 29, 17, 17}, council: []float64{26, 28, 17, 18}},
}

// detached keeps ctx's deadline and cancellation but none of its values, so
// that a demo user's context does not also act for the system.
type detached struct{ context.Context }

func (detached) Value(any) any { return nil }

// loadCampaign creates the seed's campaign and walks it, as the demo
// accounts, from draft to evaluating.
func loadCampaign(ctx context.Context, s Store, unitByKey map[string]*thidua.Unit, personByName map[string]*thidua.Person) error {
	as := map[string]context.Context{}
	ids := map[string]int64{}
	for _, name := range []string{uOfficer, uHead, uCouncil, uStaff, uEditor} {
		u, err := s.FindUserByUsername(ctx, name)
		if err != nil {
			return fmt.Errorf("demo: campaign: account %s: %w", name, err)
		}
		as[name], ids[name] = thidua.NewContextWithUser(detached{ctx}, u), u.ID
	}
	officer := as[uOfficer]

	plan, err := thidua.ParseDocRef(CampaignPlan)
	if err != nil {
		return err
	}
	signer := ""
	for _, p := range people {
		if p.unit == kVP && p.position == "Chánh Văn phòng" {
			signer = p.name
		}
	}
	c := &thidua.Campaign{
		Title:        CampaignTitle,
		Form:         thidua.FormThematic,
		Kind:         "CAO_DIEM",
		UnitID:       unitByKey[kVP].ID,
		Plan:         plan,
		PlanDate:     thidua.NewDate(2021, 4, 20),
		Signer:       signer,
		SignerPost:   "Chánh Văn phòng",
		StartDate:    thidua.NewDate(2021, 4, 20),
		EndDate:      thidua.NewDate(2021, 6, 30),
		Objectives:   campaignObjectives,
		ScopeUnitID:  unitByKey[kVP].ID,
		Participants: thidua.ForBoth,
		Awards: []thidua.PlannedAward{
			{Code: "GK", Label: awardGK, MaxCollectives: 2, MaxIndividuals: 5},
			{Code: "BKCT", Label: awardBKCT, MaxCollectives: 1, MaxIndividuals: 2},
		},
		Aggregation:      thidua.AggMeanReviewers,
		ExcludeConflicts: true,
	}
	if err := s.CreateCampaign(officer, c); err != nil {
		return fmt.Errorf("demo: create campaign: %w", err)
	}
	if err := s.SaveCriteria(officer, c.ID, c.Version, campaignCriteria()); err != nil {
		return fmt.Errorf("demo: campaign criteria: %w", err)
	}
	if c, err = s.FindCampaignByID(officer, c.ID); err != nil {
		return err
	}
	transition := func(action string) error {
		next, err := s.TransitionCampaign(officer, c.ID, action, c.Version)
		if err != nil {
			return fmt.Errorf("demo: campaign %s: %w", action, err)
		}
		c = next
		return nil
	}
	if err := transition("launch"); err != nil {
		return err
	}

	// Registrations, one batch per registering account.
	name := func(participant string) string {
		for _, u := range units {
			if u.key == participant {
				return u.name
			}
		}
		return participant
	}
	for _, by := range []string{uHead, uOfficer} {
		var regs []*thidua.Registration
		for _, spec := range campaignRegistrations {
			if spec.by != by {
				continue
			}
			r := &thidua.Registration{Kind: thidua.ForCollectives, TargetTitle: spec.target, Commitments: spec.commit}
			if spec.person != "" {
				p, ok := personByName[spec.person]
				if !ok {
					return fmt.Errorf("demo: campaign: no person %q", spec.person)
				}
				r.Kind, r.PersonID, r.UnitID, r.Commitments = thidua.ForIndividuals, p.ID, p.UnitID, individualCommitments()
			} else {
				r.UnitID = unitByKey[spec.unit].ID
			}
			regs = append(regs, r)
		}
		if err := s.CreateRegistrations(as[by], c.ID, regs); err != nil {
			return fmt.Errorf("demo: campaign registrations by %s: %w", by, err)
		}
	}
	regs, err := s.FindRegistrations(officer, c.ID)
	if err != nil {
		return err
	}
	regByName := map[string]*thidua.Registration{}
	for _, r := range regs {
		regByName[r.Name] = r
	}
	reg := func(participant string) (*thidua.Registration, error) {
		r, ok := regByName[name(participant)]
		if !ok {
			return nil, fmt.Errorf("demo: campaign: %q is not registered", participant)
		}
		return r, nil
	}
	for _, spec := range campaignRegistrations {
		r, err := reg(spec.participant())
		if err != nil {
			return err
		}
		if err := s.ReviewRegistration(officer, r.ID, spec.returned == "", spec.returned, r.Version); err != nil {
			return fmt.Errorf("demo: review registration of %s: %w", r.Name, err)
		}
	}

	if err := transition("start"); err != nil {
		return err
	}
	criteria, err := s.FindCriteria(officer, c.ID)
	if err != nil {
		return err
	}
	if len(criteria) != 4 {
		return fmt.Errorf("demo: campaign has %d criteria, want 4", len(criteria))
	}
	criterionID := map[string]int64{}
	for _, cr := range criteria {
		criterionID[cr.Code] = cr.ID
	}
	for _, spec := range campaignEvidence {
		r, err := reg(spec.participant)
		if err != nil {
			return err
		}
		date, err := isoDate(spec.date)
		if err != nil {
			return err
		}
		e := &thidua.Evidence{RegistrationID: r.ID, CriterionID: criterionID[spec.criterion], Text: spec.text, Date: date, Link: spec.link}
		if spec.figure != 0 {
			f := spec.figure
			e.Figure = &f
		}
		if err := s.AddEvidence(as[spec.by], e); err != nil {
			return fmt.Errorf("demo: evidence %s of %s by %s: %w", spec.criterion, r.Name, spec.by, err)
		}
	}

	score := func(by, kind string, row scoreRow, values []float64) error {
		r, err := reg(row.participant)
		if err != nil {
			return err
		}
		for i, v := range values {
			sc := &thidua.Score{RegistrationID: r.ID, CriterionID: criteria[i].ID, Kind: kind, Value: v}
			if kind == thidua.ScoreCouncil {
				sc.Comment = row.notes[criteria[i].Code]
			}
			if err := s.SaveScore(as[by], sc); err != nil {
				return fmt.Errorf("demo: %s score %s of %s by %s: %w", kind, criteria[i].Code, r.Name, by, err)
			}
		}
		return nil
	}
	for _, row := range campaignScores {
		if err := score(row.selfBy, thidua.ScoreSelf, row, row.self); err != nil {
			return err
		}
	}

	if err := s.SetReviewers(officer, c.ID, []int64{ids[uCouncil]}); err != nil {
		return fmt.Errorf("demo: campaign reviewers: %w", err)
	}
	if err := transition("evaluate"); err != nil {
		return err
	}
	for _, row := range campaignScores {
		if err := score(uHead, thidua.ScoreHead, row, row.head); err != nil {
			return err
		}
	}
	for _, row := range campaignScores {
		if err := score(uCouncil, thidua.ScoreCouncil, row, row.council); err != nil {
			return err
		}
	}
	return nil
}
