// Command portal benchmarks the public portal on loopback, in one run:
//
//  1. Article page against a static file server. The seed article is
//     served by the real thidua handler (middleware, routing, page
//     cache) and, on another port, the very same bytes by a plain
//     net/http file server. A Go load generator with a fixed number of
//     workers hits each in turn for a bounded time and number of requests
//     and prints requests per second, p50 and p99 latency, and the
//     ratios. Goal: article ≥ 0.5× the static server's requests per
//     second, p99 ≤ 2× its p99.
//
//  2. Search against raw FTS5. 100,000 generated Vietnamese articles are
//     imported into a fresh SQLite database; a set of accent-free queries
//     is run through the portal's search (FTS5 on folded text, the join
//     that hides unpublished articles, the total, reading the rows and
//     cutting highlighted snippets) and as the bare FTS5 query on the same
//     table. It prints the median time of each and the ratio. Goal ≤ 2×.
//
// Run from the repository root:
//
//	go run ./bench/portal                 # both, about a minute on 2 cores
//	go run ./bench/portal -search=false   # the article benchmark only
//
// Everything is bounded: -duration and -requests per measured round,
// -articles and -queries for search. Exit status 1 with -strict when a goal
// is missed.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"thidua"
	"thidua/demo"
	"thidua/news"
	"thidua/sqldb"
	"thidua/sqldb/articles"
	"thidua/web"
)

func main() {
	var (
		duration    = flag.Duration("duration", 3*time.Second, "length of each measured round")
		maxRequests = flag.Int("requests", 300000, "at most this many requests per measured round")
		workers     = flag.Int("c", 8*runtime.GOMAXPROCS(0), "concurrent connections of the load generator")
		rounds      = flag.Int("rounds", 3, "measured rounds per server (alternating; the median is reported)")
		search      = flag.Bool("search", true, "run the search benchmark")
		articles    = flag.Int("articles", 100000, "generated articles for the search benchmark")
		queries     = flag.Int("queries", 300, "search queries timed (each way)")
		strict      = flag.Bool("strict", false, "exit with status 1 when a goal is missed")
		cpuProfile  = flag.String("cpuprofile", "", "write a CPU profile of the run to this file")
	)
	flag.Parse()
	dir, err := os.MkdirTemp("", "thidua-bench-")
	if err != nil {
		fail(err)
	}
	defer os.RemoveAll(dir)
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			fail(err)
		}
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	ok := true
	fmt.Printf("thidua portal benchmark — %s, GOMAXPROCS=%d, %d connections, %d rounds of ≤%s / ≤%d requests\n\n",
		runtime.Version(), runtime.GOMAXPROCS(0), *workers, *rounds, *duration, *maxRequests)
	if !benchArticle(dir, *duration, *maxRequests, *workers, *rounds) {
		ok = false
	}
	if *search {
		fmt.Println()
		if !benchSearch(dir, *articles, *queries) {
			ok = false
		}
	}
	if *strict && !ok {
		pprof.StopCPUProfile()
		os.Exit(1)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "bench:", err)
	os.Exit(2)
}

// ---- 1. article page against a static file server

func benchArticle(dir string, duration time.Duration, maxRequests, workers, rounds int) bool {
	ctx := context.Background()
	db, err := sqldb.Open(ctx, filepath.Join(dir, "portal.db"))
	if err != nil {
		fail(err)
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		fail(err)
	}
	if _, err := demo.Load(thidua.NewSystemContext(ctx), db); err != nil {
		fail(err)
	}
	srv, err := web.New(db, web.Config{Articles: articles.New(db)}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		fail(err)
	}
	appURL := serve(srv.Handler())
	page := appURL + "/tin-tuc/" + demo.SeedArticleSlug

	client := newClient(workers)
	resp, err := client.Get(page)
	if err != nil {
		fail(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		fail(fmt.Errorf("GET %s: %s", page, resp.Status))
	}
	static := filepath.Join(dir, "static")
	os.MkdirAll(static, 0o755)
	if err := os.WriteFile(filepath.Join(static, "article.html"), body, 0o644); err != nil {
		fail(err)
	}
	staticURL := serve(http.FileServer(http.Dir(static))) + "/article.html"
	fmt.Printf("1. Article page (%d bytes, identity encoding, no revalidation) against the same bytes from net/http.FileServer\n", len(body))

	// Warm up both (connections, caches, the CPU's frequency).
	load(client, staticURL, len(body), workers, time.Second, maxRequests)
	load(client, page, len(body), workers, time.Second, maxRequests)
	var st, ar []result
	for range rounds {
		st = append(st, load(client, staticURL, len(body), workers, duration, maxRequests))
		ar = append(ar, load(client, page, len(body), workers, duration, maxRequests))
	}
	s, a := median(st), median(ar)
	for _, r := range []struct {
		name string
		res  result
	}{{"static file server", s}, {"portal article   ", a}} {
		fmt.Printf("   %s  %9.0f req/s   p50 %7s   p99 %7s   (%d requests, %d errors)\n", r.name, r.res.rps,
			ms(r.res.p50), ms(r.res.p99), r.res.n, r.res.errors)
	}
	rpsRatio := a.rps / s.rps
	p99Ratio := float64(a.p99) / float64(s.p99)
	okRPS, okP99 := rpsRatio >= 0.5, p99Ratio <= 2
	fmt.Printf("   ratio article/static: requests/s %.2f (goal ≥ 0.50: %s), p99 %.2f (goal ≤ 2.00: %s)\n",
		rpsRatio, verdict(okRPS), p99Ratio, verdict(okP99))
	return okRPS && okP99 && a.errors == 0 && s.errors == 0
}

func verdict(ok bool) string {
	if ok {
		return "met"
	}
	return "MISSED"
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2fms", float64(d)/1e6) }

// serve listens on a loopback port and returns the base URL.
func serve(h http.Handler) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fail(err)
	}
	go (&http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}).Serve(ln)
	return "http://" + ln.Addr().String()
}

func newClient(workers int) *http.Client {
	return &http.Client{Transport: &http.Transport{
		MaxIdleConns: workers * 2, MaxIdleConnsPerHost: workers * 2, MaxConnsPerHost: workers,
		DisableCompression: true, // the same bytes from both servers
		IdleConnTimeout:    time.Minute,
	}, Timeout: 10 * time.Second}
}

type result struct {
	n, errors int
	rps       float64
	p50, p99  time.Duration
}

// load runs workers that request url until duration has passed or max
// requests were sent, and measures every request.
func load(c *http.Client, url string, size, workers int, duration time.Duration, max int) result {
	var sent, errs atomic.Int64
	lat := make([][]time.Duration, workers)
	var wg sync.WaitGroup
	start := time.Now()
	deadline := start.Add(duration)
	for w := range workers {
		wg.Go(func() {
			buf := make([]byte, 64<<10)
			for time.Now().Before(deadline) && sent.Add(1) <= int64(max) {
				t0 := time.Now()
				resp, err := c.Get(url)
				if err != nil {
					errs.Add(1)
					continue
				}
				n := 0
				for {
					k, err := resp.Body.Read(buf)
					n += k
					if err != nil {
						if !errors.Is(err, io.EOF) {
							errs.Add(1)
						}
						break
					}
				}
				resp.Body.Close()
				if resp.StatusCode != 200 || n != size {
					errs.Add(1)
				}
				lat[w] = append(lat[w], time.Since(t0))
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	var all []time.Duration
	for _, l := range lat {
		all = append(all, l...)
	}
	slices.Sort(all)
	r := result{n: len(all), errors: int(errs.Load())}
	if len(all) > 0 {
		r.rps = float64(len(all)) / elapsed.Seconds()
		r.p50, r.p99 = all[len(all)/2], all[len(all)*99/100]
	}
	return r
}

// median returns the round with the median requests per second, with the
// median p50 and p99 of the rounds.
func median(rs []result) result {
	by := func(f func(result) float64) float64 {
		xs := make([]float64, len(rs))
		for i, r := range rs {
			xs[i] = f(r)
		}
		slices.Sort(xs)
		return xs[len(xs)/2]
	}
	out := result{rps: by(func(r result) float64 { return r.rps }),
		p50: time.Duration(by(func(r result) float64 { return float64(r.p50) })),
		p99: time.Duration(by(func(r result) float64 { return float64(r.p99) }))}
	for _, r := range rs {
		out.n += r.n
		out.errors += r.errors
	}
	return out
}

// ---- 2. search against raw FTS5

// words is a vocabulary of the office's news, for generated articles.
var words = strings.Fields(`thi đua khen thưởng phong trào đợt cao điểm tổng kết sơ kết
	Văn phòng UBND tỉnh Sở Nội vụ Ban Thi đua Khen thưởng Hội đồng nhân dân Quốc hội đại biểu bầu cử
	cử tri nhiệm kỳ khóa kế hoạch quyết định tờ trình công văn chỉ thị nghị quyết Đảng bộ chi bộ
	đảng viên cán bộ công chức viên chức người lao động phòng ban đơn vị tập thể cá nhân tiêu biểu
	xuất sắc hoàn thành nhiệm vụ chiến sĩ thi đua cơ sở lao động tiên tiến bằng khen giấy khen
	Chủ tịch Phó Chủ tịch Chánh Văn phòng Trưởng phòng chuyên viên hội nghị triển khai tập huấn
	nghiệp vụ tuyên truyền phổ biến pháp luật cổng thông tin điện tử cải cách hành chính chuyển đổi số
	dịch vụ công trực tuyến một cửa liên thông hồ sơ thủ tục giải quyết khiếu nại tố cáo kiến nghị
	phản ánh an ninh trật tự an toàn xã hội phòng chống dịch Covid-19 y tế giáo dục văn hóa du lịch
	nông thôn mới giảm nghèo bền vững doanh nghiệp đầu tư kinh tế xã hội tăng trưởng ngân sách
	năm tháng ngày tuần quý kết quả đánh giá chấm điểm xếp loại minh chứng sáng kiến kinh nghiệm
	học tập làm theo tư tưởng đạo đức phong cách Hồ Chí Minh dân vận khéo gương người tốt việc tốt
	biểu dương tôn vinh trao tặng đón nhận huân chương lao động hạng nhì ba cờ thi đua
	đồng chí lãnh đạo phát biểu chỉ đạo đề nghị yêu cầu các địa phương sở ngành huyện thị xã thành phố`)

var testQueries = []string{
	"bau cu quoc hoi", "thi dua khen thuong", "dang", "hoi dong nhan dan", "phong chong dich covid",
	"chien si thi dua", "cai cach hanh chinh", "chuyen doi so", "nong thon moi", "dan van kheo",
	"bang khen chu tich", "sang kien kinh nghiem", "giai quyet khieu nai", "Văn phòng UBND tỉnh", "tập huấn nghiệp vụ",
	"huan chuong lao dong hang nhi", "guong nguoi tot viec tot", "du lich", "ngan sach", "ho chi minh",
}

func sentence(r *rand.Rand, n int) string {
	w := make([]string, n)
	for i := range w {
		w[i] = words[r.IntN(len(words))]
	}
	s := strings.Join(w, " ")
	return strings.ToUpper(s[:1]) + s[1:]
}

func benchSearch(dir string, n, queries int) bool {
	ctx := context.Background()
	sys := thidua.NewSystemContext(ctx)
	db, err := sqldb.Open(ctx, filepath.Join(dir, "search.db"))
	if err != nil {
		fail(err)
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		fail(err)
	}
	cat := &news.Category{Name: "Tin tức"}
	if err := articles.New(db).CreateCategory(sys, cat); err != nil {
		fail(err)
	}
	r := rand.New(rand.NewPCG(2022, 10))
	t0 := time.Now()
	published := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	const batch = 10000
	for done := 0; done < n; done += batch {
		var list []*news.Article
		for i := done; i < min(done+batch, n); i++ {
			var body strings.Builder
			for p := range 4 {
				if p > 0 {
					body.WriteString("\n\n")
				}
				body.WriteString(sentence(r, 25+r.IntN(15)) + ".")
			}
			list = append(list, &news.Article{Title: sentence(r, 8+r.IntN(6)), Summary: sentence(r, 20) + ".",
				Body: body.String(), CategoryID: cat.ID, Signature: "BBT",
				PublishedAt: published.Add(time.Duration(i) * 47 * time.Minute)})
		}
		if err := articles.New(db).ImportArticles(sys, list); err != nil {
			fail(err)
		}
	}
	fmt.Printf("2. Search over %d generated articles (imported and indexed in %s)\n", n, time.Since(t0).Round(time.Millisecond))

	raw, err := db.SQL().PrepareContext(ctx, `SELECT rowid FROM article_fts WHERE article_fts MATCH $1 ORDER BY rank LIMIT 10`)
	if err != nil {
		fail(err)
	}
	defer raw.Close()
	rawQuery := func(q string) (int, error) {
		terms := news.SearchTerms(q)
		quoted := make([]string, len(terms))
		for i, t := range terms {
			quoted[i] = `"` + t + `"`
		}
		rows, err := raw.QueryContext(ctx, strings.Join(quoted, " "))
		if err != nil {
			return 0, err
		}
		defer rows.Close()
		k := 0
		for rows.Next() {
			var id int64
			rows.Scan(&id)
			k++
		}
		return k, rows.Err()
	}
	portal := func(q string) (int, error) {
		hits, _, err := articles.New(db).SearchArticles(ctx, q, 0, 10)
		return len(hits), err
	}
	// Warm up, and check that both find the same number of results.
	for _, q := range testQueries {
		a, err1 := portal(q)
		b, err2 := rawQuery(q)
		if err1 != nil || err2 != nil {
			fail(errors.Join(err1, err2))
		}
		if a != b {
			fmt.Printf("   note: %q gives %d results through the portal, %d raw\n", q, a, b)
		}
	}
	var tp, tr []time.Duration
	for i := range queries {
		q := testQueries[i%len(testQueries)]
		t := time.Now()
		if _, err := portal(q); err != nil {
			fail(err)
		}
		tp = append(tp, time.Since(t))
		t = time.Now()
		if _, err := rawQuery(q); err != nil {
			fail(err)
		}
		tr = append(tr, time.Since(t))
	}
	slices.Sort(tp)
	slices.Sort(tr)
	mp, mr := tp[len(tp)/2], tr[len(tr)/2]
	fmt.Printf("   raw FTS5 (MATCH … ORDER BY rank LIMIT 10)            median %7s   p90 %7s\n", ms(mr), ms(tr[len(tr)*9/10]))
	fmt.Printf("   portal search (visibility, total, rows, snippets)    median %7s   p90 %7s\n", ms(mp), ms(tp[len(tp)*9/10]))
	ratio := float64(mp) / float64(mr)
	fmt.Printf("   ratio portal/raw: %.2f (goal ≤ 2.00: %s) over %d queries each\n", ratio, verdict(ratio <= 2), queries)
	return ratio <= 2
}
