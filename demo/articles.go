package demo

import (
	"context"
	"fmt"
	"thidua/news"
	"thidua/sqldb"
	"thidua/sqldb/articles"
	"time"

	"thidua"
)

// The demo portal: three categories and a handful of articles of the
// Văn phòng UBND tỉnh, first of all the seed article itself (published on
// Wednesday 5/10/2022 under "Thi đua – Khen thưởng", signed "BBT", linked
// to the seed campaign). Articles are written by the editor (bientap) and
// approved by the emulation officer (thiduakt), as in the real workflow;
// their publication dates lie in the past, which only the system may set.

// articleStore is what loading the portal needs: the database's article
// store (sqldb/articles), or a store that keeps articles itself.
type articleStore interface {
	news.ArticleService
}

// SeedArticleTitle is the title of the seed article.
const SeedArticleTitle = "Văn phòng UBND thi đua cao điểm tổ chức thành công Cuộc bầu cử đại biểu QH và HĐND các cấp"

// SeedArticleSlug is the seed article's address on the portal: /tin-tuc/SeedArticleSlug.
const SeedArticleSlug = "van-phong-ubnd-thi-dua-cao-diem-to-chuc-thanh-cong-cuoc-bau-cu-dai-bieu-qh-va"

// seedArticleBody is the seed article's text as published (../shared/seed).
const seedArticleBody = `Nhằm hưởng ứng mạnh mẽ đợt thi đua cao điểm, tạo không khí thi đua sôi nổi, góp phần tổ chức thành công cuộc bầu cử đại biểu Quốc hội khóa XV và đại biểu Hội đồng nhân dân các cấp nhiệm kỳ 2021-2026. Thông qua phong trào thi đua nhằm nâng cao nhận thức về quyền và nghĩa vụ của cán bộ, công chức, viên chức, người lao động tích cực tham gia cuộc bầu cử đại biểu Quốc hội khóa XV và đại biểu Hội đồng nhân dân các cấp nhiệm kỳ 2021-2026. Kịp thời biểu dương, khen thưởng các tập thể, cá nhân có thành tích xuất sắc, tiêu biểu trong tham mưu thực hiện nhiệm vụ công tác bầu cử. Ngày 20/4, Văn phòng UBND tỉnh đã ban hành Kế hoạch số 248/KH-VPUBND Tổ chức thực hiện đợt thi đua cao điểm tổ chức thành công Cuộc bầu cử đại biểu Quốc hội khóa XV và đại biểu Hội đồng nhân dân các cấp nhiệm kỳ 2021-2026.

Trong đó, cán bộ công chức, viên chức, người lao động sẽ thi đua ở các nội dung: Thi đua thực hiện tốt công tác lãnh đạo, chỉ đạo, tham mưu cho UBND tỉnh ban hành các văn bản chỉ đạo, xây dựng kế hoạch, tổ chức triển khai và phân công nhiệm vụ cho các cơ quan, đơn vị tổ chức thực hiện cuộc bầu cử đúng quy định của pháp luật và tiến độ theo chi đạo của tỉnh.

Thi đua tham mưu thực hiện tốt công tác thông tin tuyên truyền cuộc bầu cử đại biểu Quốc hội và Hội đồng nhân dân các cấp nhiệm kỳ 2021-2026 trên Cổng thông tin điện tử tỉnh, Trang thông tin điện tử Văn phòng UBND tỉnh. Tổ chức phổ biến, quán triệt Luật Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân, các văn bản chỉ đạo, hướng dẫn về công tác bầu cử đại biểu Quốc hội khóa XV và đại biểu Hội đồng nhân dân các cấp nhiệm kỳ 2021-2026, góp phần nâng cao ý thức làm chủ, tinh thần trách nhiệm, tự giác của công chức, viên chức và người lao động trong thực hiện công tác bầu cử.

Thi đua tham mưu chỉ đạo thực hiện tốt công tác đảm bảo an ninh, chính trị, trật tự an toàn xã hội và y tế, nhất là phòng, chống dịch Covid-19 trong thời gian trước, trong và sau cuộc bầu cử; tham mưu giải quyết kịp thời các vụ việc khiếu nại, tố cáo, kiến nghị, phản ảnh của công dân, không để xảy ra “điểm nóng” về khiếu kiện, ngăn chặn mọi hành vi lợi dụng dân chủ, lợi dụng khiếu nại, tố cáo để vi phạm pháp luật về bầu cử.`

const (
	catTDKT   = "thi-dua-khen-thuong"
	catNews   = "tin-hoat-dong"
	catDirect = "chi-dao-dieu-hanh"
)

var demoCategories = []news.Category{
	{Slug: catTDKT, Name: "Thi đua – Khen thưởng", Position: 1,
		Description: "Phong trào thi đua, gương điển hình tiên tiến và kết quả khen thưởng của Văn phòng UBND tỉnh."},
	{Slug: catNews, Name: "Tin hoạt động", Position: 2,
		Description: "Hoạt động của Văn phòng UBND tỉnh và các phòng, đơn vị trực thuộc."},
	{Slug: catDirect, Name: "Chỉ đạo, điều hành", Position: 3,
		Description: "Văn bản, ý kiến chỉ đạo, điều hành của lãnh đạo UBND tỉnh."},
}

// articleSpec describes a demo article; at is its publication time in
// Vietnam ("" leaves it submitted, waiting for approval).
type articleSpec struct {
	category, title, summary, body string
	at                             string
	campaign                       bool
}

var demoArticles = []articleSpec{
	{catTDKT, "Văn phòng UBND tỉnh phát động đợt thi đua cao điểm chào mừng cuộc bầu cử đại biểu Quốc hội khóa XV",
		"Ngày 20/4/2021, Văn phòng UBND tỉnh ban hành Kế hoạch số 248/KH-VPUBND phát động đợt thi đua cao điểm tổ chức thành công cuộc bầu cử đại biểu Quốc hội khóa XV và đại biểu Hội đồng nhân dân các cấp nhiệm kỳ 2021-2026.",
		`Đợt thi đua diễn ra từ ngày 20/4/2021 đến ngày 30/6/2021, với sự tham gia của tất cả các phòng, đơn vị thuộc Văn phòng UBND tỉnh.

## Bốn nội dung thi đua

1. Thực hiện tốt công tác lãnh đạo, chỉ đạo, tham mưu ban hành văn bản, xây dựng kế hoạch, phân công nhiệm vụ tổ chức cuộc bầu cử đúng quy định và tiến độ.
2. Thông tin tuyên truyền về cuộc bầu cử trên Cổng thông tin điện tử tỉnh, Trang thông tin điện tử Văn phòng; phổ biến, quán triệt Luật Bầu cử.
3. Bảo đảm an ninh, chính trị, trật tự an toàn xã hội và y tế, phòng, chống dịch Covid-19 trước, trong và sau cuộc bầu cử.
4. Giải quyết kịp thời khiếu nại, tố cáo, kiến nghị, phản ánh của công dân, không để xảy ra “điểm nóng”.

## Khen thưởng

Kết thúc đợt thi đua, Chánh Văn phòng tặng Giấy khen cho các tập thể, cá nhân tiêu biểu và đề nghị Chủ tịch UBND tỉnh tặng Bằng khen cho những trường hợp xuất sắc.

Các phòng, đơn vị đăng ký thi đua trước ngày 30/4/2021 và báo cáo kết quả, minh chứng theo từng nội dung trên phần mềm quản lý thi đua, khen thưởng.`,
		"2021-04-21 09:00", true},
	{catNews, "Trung tâm Thông tin – Công báo đăng tải hơn 120 tin, bài tuyên truyền về cuộc bầu cử",
		"Trong tháng 5/2021, Trang thông tin điện tử Văn phòng UBND tỉnh đã đăng tải hơn 120 tin, bài, ảnh tuyên truyền về cuộc bầu cử đại biểu Quốc hội khóa XV và đại biểu Hội đồng nhân dân các cấp.",
		`Thực hiện nội dung thi đua thứ hai của Kế hoạch số 248/KH-VPUBND, Trung tâm Thông tin – Công báo đã mở chuyên mục riêng về cuộc bầu cử, cập nhật văn bản chỉ đạo của Trung ương và của tỉnh, danh sách người ứng cử, hướng dẫn cử tri đi bầu cử an toàn trong điều kiện phòng, chống dịch Covid-19.

Bên cạnh tin, bài, Trung tâm phối hợp với Phòng Hành chính – Tổ chức in, cấp phát tài liệu hỏi đáp Luật Bầu cử cho công chức, viên chức, người lao động của Văn phòng.

Các tin, bài được dùng làm minh chứng cho tiêu chí tuyên truyền khi chấm điểm thi đua.`,
		"2021-05-20 15:30", true},
	{catDirect, "Bảo đảm an toàn phòng, chống dịch Covid-19 tại các khu vực bỏ phiếu",
		"UBND tỉnh yêu cầu các địa phương bố trí khu vực đo thân nhiệt, sát khuẩn, giữ khoảng cách tại tất cả các khu vực bỏ phiếu trong ngày bầu cử 23/5/2021.",
		`Văn phòng UBND tỉnh đã tham mưu ban hành văn bản chỉ đạo các sở, ngành, UBND các huyện, thị xã, thành phố xây dựng phương án bảo đảm an toàn phòng, chống dịch tại các tổ bầu cử.

Mỗi khu vực bỏ phiếu bố trí lối đi một chiều, nước sát khuẩn và khẩu trang dự phòng; cử tri thuộc diện cách ly được tổ chức bỏ phiếu bằng hòm phiếu phụ theo hướng dẫn của Hội đồng bầu cử quốc gia.`,
		"2021-05-10 10:00", false},
	{catTDKT, "Văn phòng UBND tỉnh triển khai công tác thi đua, khen thưởng năm 2022",
		"Văn phòng UBND tỉnh tổ chức hội nghị triển khai công tác thi đua, khen thưởng năm 2022, phát động phong trào thi đua thực hiện thắng lợi nhiệm vụ năm.",
		`Tại hội nghị, lãnh đạo Văn phòng quán triệt các văn bản hướng dẫn về thi đua, khen thưởng; đề nghị các phòng, đơn vị đăng ký danh hiệu thi đua ngay từ đầu năm và gắn phong trào thi đua với nhiệm vụ chuyên môn.

Năm 2022, Văn phòng tiếp tục áp dụng phần mềm quản lý thi đua, khen thưởng để đăng ký, báo cáo minh chứng và chấm điểm trực tuyến, giảm giấy tờ và rút ngắn thời gian xét khen thưởng.`,
		"2022-02-18 08:30", false},
	{catTDKT, SeedArticleTitle, "", seedArticleBody, "2022-10-05 08:00", true},
	{catTDKT, "Phòng Tổng hợp: điểm sáng trong công tác tham mưu phục vụ bầu cử",
		"Với 29/30 điểm ở nội dung tham mưu, Phòng Tổng hợp là một trong những tập thể dẫn đầu đợt thi đua cao điểm phục vụ bầu cử.",
		`Phòng Tổng hợp đã tham mưu kịp thời các văn bản chỉ đạo của UBND tỉnh về công tác bầu cử, tổng hợp tình hình hằng ngày trong thời gian cao điểm.

*(Bài đang chờ duyệt: biên tập viên bổ sung ảnh và ý kiến lãnh đạo phòng.)*`,
		"", true},
}

// loadArticles creates the demo categories and articles when s keeps articles.
func loadArticles(ctx context.Context, s Store) error {
	var as articleStore
	if db, ok := s.(*sqldb.DB); ok {
		as = articles.New(db)
	} else if as, ok = s.(articleStore); !ok {
		return nil
	}
	editor, err := s.FindUserByUsername(ctx, uEditor)
	if err != nil {
		return fmt.Errorf("demo: articles: account %s: %w", uEditor, err)
	}
	officer, err := s.FindUserByUsername(ctx, uOfficer)
	if err != nil {
		return fmt.Errorf("demo: articles: account %s: %w", uOfficer, err)
	}
	// The system context stays: only it may date a publication in the past.
	asEditor, asOfficer := thidua.NewContextWithUser(ctx, editor), thidua.NewContextWithUser(ctx, officer)

	catID := map[string]int64{}
	for _, c := range demoCategories {
		c := c
		if err := as.CreateCategory(asOfficer, &c); err != nil {
			return fmt.Errorf("demo: category %q: %w", c.Name, err)
		}
		catID[c.Slug] = c.ID
	}
	var campaignID int64
	cs, _, err := s.FindCampaigns(ctx, thidua.CampaignFilter{})
	if err != nil {
		return err
	}
	for _, c := range cs {
		if c.Title == CampaignTitle {
			campaignID = c.ID
		}
	}
	for _, spec := range demoArticles {
		a := &news.Article{Title: spec.title, Summary: spec.summary, Body: spec.body, CategoryID: catID[spec.category], Signature: "BBT"}
		if spec.campaign {
			a.CampaignID = campaignID
		}
		if err := as.CreateArticle(asEditor, a); err != nil {
			return fmt.Errorf("demo: article %q: %w", spec.title, err)
		}
		a, err := as.TransitionArticle(asEditor, a.ID, "submit", a.Version, news.ArticleTransitionOptions{})
		if err != nil {
			return fmt.Errorf("demo: submit article %q: %w", spec.title, err)
		}
		if spec.at == "" {
			continue
		}
		at, err := time.ParseInLocation("2006-01-02 15:04", spec.at, thidua.VietnamZone)
		if err != nil {
			return err
		}
		if _, err := as.TransitionArticle(asOfficer, a.ID, "publish", a.Version, news.ArticleTransitionOptions{PublishAt: at}); err != nil {
			return fmt.Errorf("demo: publish article %q: %w", spec.title, err)
		}
	}
	return nil
}
