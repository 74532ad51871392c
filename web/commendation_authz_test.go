package web_test

import "thidua/web"

// commendationAuthz are the rows of authzRules for the commendation routes
// (proposals, councils and the ballot, decisions, the honour roll). Unknown
// IDs answer 404 to whoever may call the route; empty forms and bodies are
// refused (422) before anything changes.
var commendationAuthz = map[string]authzRule{
	"GET /app/proposals":                   {access: web.SignedIn, perm: permView, ok: []int{200}},
	"GET /app/proposals/new":               {access: web.SignedIn, perm: permRegister, ok: []int{200}},
	"POST /app/proposals":                  {access: web.SignedIn, perm: permRegister, ok: []int{422}},
	"GET /app/proposals/{id}":              {access: web.SignedIn, perm: permView, id: idMissing, ok: []int{404}},
	"POST /app/proposals/{id}":             {access: web.SignedIn, perm: permRegister, id: idMissing, ok: []int{404}},
	"GET /app/proposals/{id}/nominees":     {access: web.SignedIn, perm: permRegister, id: idMissing, ok: []int{404}},
	"POST /app/proposals/{id}/nominees":    {access: web.SignedIn, perm: permRegister, id: idMissing, ok: []int{404}},
	"POST /app/proposals/{id}/shortlist":   {access: web.SignedIn, perm: permRegister, id: idMissing, ok: []int{404}},
	"POST /app/proposals/{id}/submit":      {access: web.SignedIn, perm: permRegister, id: idMissing, ok: []int{404}},
	"POST /app/proposals/{id}/transition":  {access: web.SignedIn, perm: permCampaigns, id: idMissing, ok: []int{404}},
	"POST /app/nominees/{id}/confirm":      {access: web.SignedIn, perm: permCampaigns, id: idMissing, ok: []int{404, 422}},
	"POST /app/proposals/{id}/files":       {access: web.SignedIn, perm: permRegister, id: idMissing, ok: []int{404}},
	"GET /app/proposal-files/{id}":         {access: web.SignedIn, perm: permView, id: idMissing, ok: []int{404}},
	"POST /app/proposal-files/{id}/delete": {access: web.SignedIn, perm: permRegister, id: idMissing, ok: []int{404}},

	"GET /app/councils":                     {access: web.SignedIn, perm: permView, ok: []int{200}},
	"GET /app/councils/new":                 {access: web.SignedIn, perm: permCampaigns, ok: []int{200}},
	"POST /app/councils":                    {access: web.SignedIn, perm: permCampaigns, ok: []int{422}},
	"GET /app/councils/{id}":                {access: web.SignedIn, id: idMissing, ok: []int{404}},
	"GET /app/councils/{id}/edit":           {access: web.SignedIn, perm: permCampaigns, id: idMissing, ok: []int{404}},
	"POST /app/councils/{id}":               {access: web.SignedIn, perm: permCampaigns, id: idMissing, ok: []int{404}},
	"GET /app/councils/{id}/meetings/new":   {access: web.SignedIn, perm: permCampaigns, id: idMissing, ok: []int{404}},
	"POST /app/councils/{id}/meetings":      {access: web.SignedIn, perm: permCampaigns, id: idMissing, ok: []int{404}},
	"GET /app/meetings/{id}":                {access: web.SignedIn, id: idMissing, ok: []int{404}},
	"POST /app/meetings/{id}/attendance":    {access: web.SignedIn, id: idMissing, ok: []int{404}},
	"GET /app/meetings/{id}/vote":           {access: web.SignedIn, id: idMissing, ok: []int{404}},
	"POST /app/meetings/{id}/vote":          {access: web.SignedIn, id: idMissing, ok: []int{404}},
	"POST /app/meetings/{id}/written":       {access: web.SignedIn, id: idMissing, ok: []int{404}},
	"POST /app/meetings/{id}/receipt":       {access: web.SignedIn, id: idMissing, ok: []int{404}},
	"POST /app/meetings/{id}/close":         {access: web.SignedIn, id: idMissing, ok: []int{404}},
	"POST /app/meetings/{id}/key":           {access: web.SignedIn, id: idMissing, ok: []int{404}},
	"POST /app/meetings/{id}/share":         {access: web.SignedIn, id: idMissing, ok: []int{404}},
	"GET /app/meetings/{id}/record.json":    {access: web.SignedIn, id: idMissing, ok: []int{404}},
	"POST /app/meetings/{id}/partial":       {access: web.SignedIn, id: idMissing, ok: []int{404}},
	"GET /app/meetings/{id}/minutes.pdf":    {access: web.SignedIn, id: idMissing, ok: []int{404}},
	"GET /app/meetings/{id}/vote-count.pdf": {access: web.SignedIn, id: idMissing, ok: []int{404}},

	"GET /app/decisions":                       {access: web.SignedIn, perm: permView, ok: []int{200}},
	"GET /app/meetings/{id}/decision/new":      {access: web.SignedIn, perm: permCampaigns, id: idMissing, ok: []int{404}},
	"POST /app/meetings/{id}/decision":         {access: web.SignedIn, perm: permCampaigns, id: idMissing, ok: []int{404}},
	"GET /app/decisions/{id}":                  {access: web.SignedIn, perm: permView, id: idMissing, ok: []int{404}},
	"POST /app/decisions/{id}":                 {access: web.SignedIn, perm: permCampaigns, id: idMissing, ok: []int{404}},
	"POST /app/decisions/{id}/issue":           {access: web.SignedIn, perm: permCampaigns, id: idMissing, ok: []int{404}},
	"GET /app/decisions/{id}/decision.pdf":     {access: web.SignedIn, perm: permView, id: idMissing, ok: []int{404}},
	"GET /app/decisions/{id}/decision.xlsx":    {access: web.SignedIn, perm: permView, id: idMissing, ok: []int{404}},
	"GET /app/decisions/{id}/certificates.pdf": {access: web.SignedIn, perm: permView, id: idMissing, ok: []int{404}},
	"GET /vinh-danh":                           {access: web.Public, ok: []int{200}},

	"GET /api/v1/proposals":                   {access: web.SignedIn, perm: permView, ok: []int{200}},
	"POST /api/v1/proposals":                  {access: web.SignedIn, perm: permRegister, body: `{}`, ok: []int{422}},
	"GET /api/v1/proposals/{id}":              {access: web.SignedIn, perm: permView, id: idMissing, ok: []int{404}},
	"PUT /api/v1/proposals/{id}":              {access: web.SignedIn, perm: permRegister, id: idMissing, body: `{}`, ok: []int{404}},
	"PUT /api/v1/proposals/{id}/nominees":     {access: web.SignedIn, perm: permRegister, id: idMissing, body: `{}`, ok: []int{404}},
	"POST /api/v1/proposals/{id}/shortlist":   {access: web.SignedIn, perm: permRegister, id: idMissing, body: `{}`, ok: []int{404}},
	"POST /api/v1/proposals/{id}/submit":      {access: web.SignedIn, perm: permRegister, id: idMissing, body: `{}`, ok: []int{404}},
	"POST /api/v1/proposals/{id}/transitions": {access: web.SignedIn, perm: permCampaigns, id: idMissing, body: `{}`, ok: []int{422}},
	"GET /api/v1/proposals/{id}/timeline":     {access: web.SignedIn, perm: permView, id: idMissing, ok: []int{404}},
	"POST /api/v1/nominees/{id}/confirm":      {access: web.SignedIn, perm: permCampaigns, id: idMissing, body: `{}`, ok: []int{422}},
	"GET /api/v1/councils":                    {access: web.SignedIn, perm: permView, ok: []int{200}},
	"POST /api/v1/councils":                   {access: web.SignedIn, perm: permCampaigns, body: `{}`, ok: []int{422}},
	"GET /api/v1/councils/{id}":               {access: web.SignedIn, id: idMissing, ok: []int{404}},
	"PUT /api/v1/councils/{id}":               {access: web.SignedIn, perm: permCampaigns, id: idMissing, body: `{}`, ok: []int{404}},
	"GET /api/v1/councils/{id}/meetings":      {access: web.SignedIn, id: idMissing, ok: []int{404}},
	"POST /api/v1/councils/{id}/meetings":     {access: web.SignedIn, perm: permCampaigns, id: idMissing, body: `{}`, ok: []int{404}},
	"GET /api/v1/meetings/{id}":               {access: web.SignedIn, id: idMissing, ok: []int{404}},
	"PUT /api/v1/meetings/{id}/attendance":    {access: web.SignedIn, id: idMissing, body: `{}`, ok: []int{422}},
	"POST /api/v1/meetings/{id}/votes":        {access: web.SignedIn, id: idMissing, body: `{}`, ok: []int{404}},
	"POST /api/v1/meetings/{id}/receipt":      {access: web.SignedIn, id: idMissing, body: `{}`, ok: []int{422}},
	"POST /api/v1/meetings/{id}/close":        {access: web.SignedIn, id: idMissing, body: `{}`, ok: []int{404}},
	"POST /api/v1/meetings/{id}/key":          {access: web.SignedIn, id: idMissing, body: `{}`, ok: []int{404}},
	"POST /api/v1/meetings/{id}/share":        {access: web.SignedIn, id: idMissing, body: `{"confirm": true}`, ok: []int{404}},
	"GET /api/v1/meetings/{id}/record":        {access: web.SignedIn, id: idMissing, ok: []int{404}},
	"POST /api/v1/meetings/{id}/partials":     {access: web.SignedIn, id: idMissing, body: `{}`, ok: []int{404}},
	"GET /api/v1/meetings/{id}/tally":         {access: web.SignedIn, id: idMissing, ok: []int{404}},
	"GET /api/v1/decisions":                   {access: web.SignedIn, perm: permView, ok: []int{200}},
	"POST /api/v1/meetings/{id}/decision":     {access: web.SignedIn, perm: permCampaigns, id: idMissing, body: `{}`, ok: []int{404}},
	"GET /api/v1/decisions/{id}":              {access: web.SignedIn, perm: permView, id: idMissing, ok: []int{404}},
	"PUT /api/v1/decisions/{id}":              {access: web.SignedIn, perm: permCampaigns, id: idMissing, body: `{}`, ok: []int{404}},
	"POST /api/v1/decisions/{id}/issue":       {access: web.SignedIn, perm: permCampaigns, id: idMissing, body: `{}`, ok: []int{422}},
}

func init() {
	for k, v := range commendationAuthz {
		authzRules[k] = v
	}
}
