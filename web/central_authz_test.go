package web_test

import "thidua/web"

// centralAuthz are the rows of authzRules for public comment and central
// decisions. Unknown IDs answer 404 to whoever may call the route; empty
// forms and bodies are refused (422) before anything is looked up.
var centralAuthz = map[string]authzRule{
	"GET /app/proposals/{id}/central":             {access: web.SignedIn, perm: permView, id: idMissing, ok: []int{404}},
	"POST /app/proposals/{id}/public-comment":     {access: web.SignedIn, perm: permCampaigns, id: idMissing, ok: []int{404, 422}},
	"POST /app/public-comments/{id}/moderate":     {access: web.SignedIn, perm: permCampaigns, id: idMissing, ok: []int{404, 422}},
	"POST /app/proposals/{id}/central-decisions":  {access: web.SignedIn, perm: permCampaigns, id: idMissing, ok: []int{404, 422}},
	"GET /app/proposals/{id}/central-dossier.zip": {access: web.SignedIn, perm: permView, id: idMissing, ok: []int{404}},
	"GET /y-kien":       {access: web.Public, ok: []int{200}},
	"GET /y-kien/{id}":  {access: web.Public, id: idMissing, ok: []int{404}},
	"POST /y-kien/{id}": {access: web.Public, id: idMissing, ok: []int{404}},
	"GET /api/v1/proposals/{id}/public-comment":     {access: web.SignedIn, perm: permView, id: idMissing, ok: []int{404}},
	"PUT /api/v1/proposals/{id}/public-comment":     {access: web.SignedIn, perm: permCampaigns, id: idMissing, body: `{}`, ok: []int{404, 422}},
	"GET /api/v1/proposals/{id}/public-comments":    {access: web.SignedIn, perm: permCampaigns, id: idMissing, ok: []int{404}},
	"POST /api/v1/public-comments/{id}/moderation":  {access: web.SignedIn, perm: permCampaigns, id: idMissing, body: `{}`, ok: []int{404, 422}},
	"GET /api/v1/proposals/{id}/central-dossier":    {access: web.SignedIn, perm: permView, id: idMissing, ok: []int{404}},
	"GET /api/v1/proposals/{id}/central-decisions":  {access: web.SignedIn, perm: permView, id: idMissing, ok: []int{404}},
	"POST /api/v1/proposals/{id}/central-decisions": {access: web.SignedIn, perm: permCampaigns, id: idMissing, body: `{}`, ok: []int{404, 422}},
}

func init() {
	for k, v := range centralAuthz {
		authzRules[k] = v
	}
}
