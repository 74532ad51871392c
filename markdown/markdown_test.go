package markdown_test

import (
	"regexp"
	"strings"
	"testing"

	"thidua/markdown"
)

// hostile is a corpus of inputs that try to get script into a page:
// script and style tags, event attributes, javascript:/vbscript:/data:
// URLs (plain, mixed case, entity-encoded, split by control characters),
// SVG and MathML with scripts, frames, objects, forms, meta refresh, base
// and link tags, CSS expressions, and Markdown's own link and image forms.
var hostile = []string{
	`<script>alert(1)</script>`,
	`<SCRIPT SRC=//xss.example/x.js></SCRIPT>`,
	`<scr<script>ipt>alert(1)</scr</script>ipt>`,
	`<img src=x onerror=alert(1)>`,
	`<img src="x" ONERROR="alert(1)">`,
	`<body onload=alert(1)>`,
	`<div onmouseover="alert(1)">chuột</div>`,
	`<a href="javascript:alert(1)">bấm</a>`,
	`<a href="JaVaScRiPt:alert(1)">bấm</a>`,
	`<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">bấm</a>`,
	`<a href="java	script:alert(1)">tab</a>`,
	`<a href="vbscript:msgbox(1)">vb</a>`,
	`<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>`,
	`[bấm vào đây](javascript:alert(1))`,
	`[bấm](JAVASCRIPT:alert(1))`,
	`[bấm](javascript&#58;alert(1))`,
	`[bấm](<javascript:alert(1)>)`,
	`[bấm](vbscript:msgbox)`,
	`[bấm](data:text/html,<script>alert(1)</script>)`,
	`![ảnh](javascript:alert(1))`,
	`![ảnh](x" onerror="alert(1))`,
	`<javascript:alert(1)>`,
	`[a]: javascript:alert(1)` + "\n\n[bấm][a]",
	`<svg onload=alert(1)><script>alert(1)</script></svg>`,
	`<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>`,
	`<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>`,
	`<iframe src="https://evil.example"></iframe>`,
	`<iframe srcdoc="<script>alert(1)</script>"></iframe>`,
	`<object data="x.swf"></object><embed src="x.swf">`,
	`<form action="https://evil.example"><input name=p><button>Gửi</button></form>`,
	`<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`,
	`<base href="https://evil.example/">`,
	`<link rel=stylesheet href=https://evil.example/x.css>`,
	`<style>body{background:url("javascript:alert(1)")}</style>`,
	`<p style="background:url(javascript:alert(1))">kiểu</p>`,
	`<div style="width: expression(alert(1))">ie</div>`,
	`<details open ontoggle=alert(1)>`,
	`<video><source onerror="alert(1)"></video>`,
	`<audio src=x onerror=alert(1)>`,
	`<marquee onstart=alert(1)>`,
	`<isindex type=image src=1 onerror=alert(1)>`,
	`<input autofocus onfocus=alert(1)>`,
	`<template><script>alert(1)</script></template>`,
	`<noscript><p title="</noscript><img src=x onerror=alert(1)>">`,
	"```html\n<script>alert(1)</script>\n```",
	"    <script>alert(1)</script>",
	`<a href="https://example.vn" onclick="alert(1)">hợp lệ</a>`,
	`<<script>script>alert(1)<</script>/script>`,
	`<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">`,
	`<a href=" javascript:alert(1)">khoảng trắng</a>`,
	"<a href=\"\x01javascript:alert(1)\">điều khiển</a>",
	`<a href="https://example.vn" target="_self" formaction="javascript:alert(1)">x</a>`,
	`<table><tr><td background="javascript:alert(1)">ô</td></tr></table>`,
	`| a | b |` + "\n" + `|---|---|` + "\n" + `| <script>alert(1)</script> | [x](javascript:alert(1)) |`,
}

// forbiddenElements must not appear anywhere (text is escaped, so a raw
// "<" only ever opens a real tag); forbiddenInTags must not appear inside
// a tag (in text they are harmless words).
var (
	forbiddenElements = regexp.MustCompile(`(?i)<\s*/?\s*(script|svg|math|iframe|object|embed|form|input|button|meta|base|link|style|template|video|audio|source|marquee|details|isindex|noscript)\b`)
	forbiddenInTags   = []*regexp.Regexp{
		regexp.MustCompile(`(?i)\son[a-z]+\s*=`),
		regexp.MustCompile(`(?i)(javascript|vbscript|data)\s*:`),
		regexp.MustCompile(`(?i)&#`), // an entity-encoded character in an attribute
		regexp.MustCompile(`(?i)\sstyle\s*=`),
		regexp.MustCompile(`(?i)\s(srcdoc|formaction|background|xlink:href)\s*=`),
	}
	tagRE = regexp.MustCompile(`<[^>]*>`)
)

func TestHostileInputIsNeutralized(t *testing.T) {
	for _, src := range hostile {
		for _, in := range []string{src, "Đoạn mở đầu.\n\n" + src + "\n\nĐoạn kết."} {
			out := markdown.HTML(in)
			if m := forbiddenElements.FindString(out); m != "" {
				t.Errorf("input %q\nleaves %q in\n%s", in, m, out)
			}
			for _, tag := range tagRE.FindAllString(out, -1) {
				for _, re := range forbiddenInTags {
					if m := re.FindString(tag); m != "" {
						t.Errorf("input %q\nleaves %q in tag %s", in, m, tag)
					}
				}
			}
		}
	}
}

func TestRendering(t *testing.T) {
	cases := []struct{ in, want string }{
		{"# Tiêu đề mục", "<h2"},
		{"## Mục nhỏ", "<h3"},
		{"**đậm** và *nghiêng*", "<strong>đậm</strong> và <em>nghiêng</em>"},
		{"[Cổng thông tin](https://example.vn/tin)", `<a href="https://example.vn/tin" rel="nofollow noopener" target="_blank">Cổng thông tin</a>`},
		{"[trong trang](/tin-tuc/bai-viet)", `<a href="/tin-tuc/bai-viet" rel="nofollow">trong trang</a>`},
		{"| Hạng | Tập thể |\n|---:|---|\n| 1 | Phòng Tổng hợp |", `<td align="right">1</td>`},
		{"~~bỏ~~", "<del>bỏ</del>"},
		{"- một\n- hai", "<li>một</li>"},
		{"Xem https://example.vn nhé", `<a href="https://example.vn"`},
		{"Đoạn có <b>thẻ HTML</b> thô", "Đoạn có thẻ HTML thô"},
		{"![Ảnh hội nghị](/anh/abc)", `<img src="/anh/abc" alt="Ảnh hội nghị">`},
	}
	for _, tc := range cases {
		if got := markdown.HTML(tc.in); !strings.Contains(got, tc.want) {
			t.Errorf("HTML(%q) = %q, want it to contain %q", tc.in, got, tc.want)
		}
	}
}
