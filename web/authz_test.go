package web_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"thidua"
	"thidua/demo"
	"thidua/web"
)

// This file checks authorization route by route: every route of
// Server.Routes() is called by an anonymous visitor and by each demo role,
// and the outcome must match what Route.Access, Route.Perm and the domain's
// role → permission table (thidua.Role.Allows) say. It also checks the
// organization scope of the pages for a unit head.

// sysCtx acts for the system (no scope limits), to arrange and inspect data.
func sysCtx() context.Context { return thidua.NewSystemContext(context.Background()) }

// demoRoles are the six demo roles in the order of thidua.Roles.
var demoRoles = []thidua.Role{
	thidua.RoleAdmin, thidua.RoleOfficer, thidua.RoleUnitHead,
	thidua.RoleCouncil, thidua.RoleEditor, thidua.RoleStaff,
}

// reqResult is a response with its body read.
type reqResult struct {
	Status int
	Header http.Header
	Body   string
}

// rawDo sends a request with client c (http.DefaultClient when nil) and
// returns the response with its body. body is sent as is; hdr is added.
func (e *testEnv) rawDo(c *http.Client, method, path, body string, hdr http.Header) reqResult {
	e.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, e.HTTP.URL+path, rd)
	if err != nil {
		e.t.Fatal(err)
	}
	for k, vs := range hdr {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	if c == nil {
		c = http.DefaultClient
	}
	resp, err := c.Do(req)
	if err != nil {
		e.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return reqResult{Status: resp.StatusCode, Header: resp.Header, Body: string(b)}
}

// formDo posts form values the way a same-origin browser form does. Go's
// client sends neither Origin nor Sec-Fetch-Site, which
// http.CrossOriginProtection lets through.
func (e *testEnv) formDo(c *http.Client, path string, v url.Values, hdr http.Header) reqResult {
	e.t.Helper()
	h := http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}
	for k, vs := range hdr {
		h[k] = vs
	}
	return e.rawDo(c, http.MethodPost, path, v.Encode(), h)
}

// roleUser returns the stored account of the demo role.
func (e *testEnv) roleUser(role thidua.Role) *thidua.User {
	e.t.Helper()
	u, err := e.DB.FindUserByUsername(sysCtx(), e.Accounts[role].Username)
	if err != nil {
		e.t.Fatalf("find demo account of %s: %v", role, err)
	}
	return u
}

// unitByName returns the demo unit with this exact name.
func (e *testEnv) unitByName(name string) *thidua.Unit {
	e.t.Helper()
	units, _, err := e.DB.FindUnits(sysCtx(), thidua.UnitFilter{})
	if err != nil {
		e.t.Fatal(err)
	}
	for _, u := range units {
		if u.Name == name {
			return u
		}
	}
	e.t.Fatalf("no unit %q", name)
	return nil
}

// personByName returns the person with this exact full name.
func (e *testEnv) personByName(name string) *thidua.Person {
	e.t.Helper()
	people, _, err := e.DB.FindPeople(sysCtx(), thidua.PersonFilter{Query: name})
	if err != nil {
		e.t.Fatal(err)
	}
	for _, p := range people {
		if p.FullName == name {
			return p
		}
	}
	e.t.Fatalf("no person %q", name)
	return nil
}

// countPeople returns the number of people in the database.
func (e *testEnv) countPeople() int {
	e.t.Helper()
	_, n, err := e.DB.FindPeople(sysCtx(), thidua.PersonFilter{Limit: 1})
	if err != nil {
		e.t.Fatal(err)
	}
	return n
}

const victimName = "Người Thử Xóa"

// newVictim stores a throw-away person in unit, for routes that delete.
func (e *testEnv) newVictim(unitID int64) int64 {
	e.t.Helper()
	p := &thidua.Person{FullName: victimName, Gender: thidua.GenderMale, Category: thidua.CategoryCongChuc,
		UnitID: unitID, Status: thidua.PersonActive}
	if err := e.DB.CreatePerson(sysCtx(), p); err != nil {
		e.t.Fatalf("create victim: %v", err)
	}
	return p.ID
}

// newTokenFor stores an API token of u and returns its ID.
func (e *testEnv) newTokenFor(u *thidua.User) int64 {
	e.t.Helper()
	b := make([]byte, 16)
	rand.Read(b)
	tok := &thidua.APIToken{Name: "Khóa thử", TokenHash: hex.EncodeToString(b)}
	if err := e.DB.CreateAPIToken(thidua.NewContextWithUser(sysCtx(), u), tok); err != nil {
		e.t.Fatalf("create token: %v", err)
	}
	return tok.ID
}

var staticRE = regexp.MustCompile(`/static/([0-9a-f]+)/(app\.css)`)

// idKind says which real ID replaces {id} in a route pattern.
type idKind int

const (
	idNone     idKind = iota
	idUnit            // the unit the role is granted on (has people, grants or sub-units: never deleted)
	idPerson          // a person inside the role's scope
	idVictim          // a fresh person inside the role's scope, for deletions
	idUser            // an account (the staff account)
	idToken           // a fresh API token of the caller
	idCampaign        // the demo campaign
	idReg             // a registration of the demo campaign, inside the role's scope when there is one
	idMissing         // an ID that does not exist (no such record in the demo data)
)

// authzRule is the row of one route: what the route is expected to require,
// how to call it, and what a caller who may use it gets back.
type authzRule struct {
	access web.Access
	perm   thidua.Permission
	id     idKind
	body   string // JSON body of API calls
	ok     []int  // statuses acceptable for a caller who may use the route
}

const (
	permView  = thidua.PermViewOrg
	permEdit  = thidua.PermEditOrg
	permUsers = thidua.PermManageUsers
	permAudit = thidua.PermViewAudit
	permSys   = thidua.PermManageSystem

	permCampaigns = thidua.PermManageCampaigns
	permRegister  = thidua.PermRegister
	permReview    = thidua.PermReview
	permRecords   = thidua.PermEditRecords
	permArticles  = thidua.PermWriteArticles
	permPublish   = thidua.PermPublishArticles
	permRules     = thidua.PermManageRules
)

// allPerms lists every permission; TestRolePermissions pins which role
// holds which, and every route's permission must be one of them.
var allPerms = []thidua.Permission{permView, permEdit, permUsers, permAudit, permSys, permCampaigns, permRegister, permReview, permRecords, permArticles, permPublish, permRules}

// authzRules has a row for every route. A route added without a row, or a
// row left after its route is gone, fails TestAuthzEveryRoute. Page POSTs
// send empty forms, so the allowed callers get a validation error (422)
// rather than changing anything; deletions get a throw-away victim or a
// unit that cannot be deleted (409 or a redirect with a flash).
var authzRules = map[string]authzRule{
	"GET /{$}":                             {access: web.Public, ok: []int{200}},
	"GET /healthz":                         {access: web.Public, ok: []int{200}},
	"GET /favicon.ico":                     {access: web.Public, ok: []int{200}},
	"GET /metrics":                         {access: web.Public, ok: []int{200}},
	"GET /static/{hash}/{name}":            {access: web.Public, ok: []int{200}},
	"GET /login":                           {access: web.Public, ok: []int{200, 303}},
	"POST /login":                          {access: web.Public, ok: []int{303}},
	"POST /logout":                         {access: web.SignedIn, ok: []int{303}},
	"GET /api/v1/openapi.json":             {access: web.Public, ok: []int{200}},
	"GET /app":                             {access: web.SignedIn, ok: []int{200}},
	"GET /app/account":                     {access: web.SignedIn, ok: []int{200}},
	"POST /app/account/password":           {access: web.SignedIn, ok: []int{422}},
	"POST /app/account/tokens":             {access: web.SignedIn, ok: []int{422}},
	"POST /app/account/tokens/{id}/delete": {access: web.SignedIn, id: idToken, ok: []int{303}},
	"POST /app/account/notifications":      {access: web.SignedIn, ok: []int{303}},
	"GET /app/notifications":               {access: web.SignedIn, ok: []int{200}},
	"POST /app/notifications/read":         {access: web.SignedIn, ok: []int{303}},

	"GET /app/units":              {access: web.SignedIn, perm: permView, ok: []int{200}},
	"GET /app/units/new":          {access: web.SignedIn, perm: permEdit, ok: []int{200}},
	"POST /app/units":             {access: web.SignedIn, perm: permEdit, ok: []int{422}},
	"GET /app/units/{id}":         {access: web.SignedIn, perm: permView, id: idUnit, ok: []int{200}},
	"POST /app/units/{id}":        {access: web.SignedIn, perm: permEdit, id: idUnit, ok: []int{422}},
	"POST /app/units/{id}/delete": {access: web.SignedIn, perm: permEdit, id: idUnit, ok: []int{303}},

	"GET /app/people":              {access: web.SignedIn, perm: permView, ok: []int{200}},
	"GET /app/people/new":          {access: web.SignedIn, perm: permEdit, ok: []int{200}},
	"POST /app/people":             {access: web.SignedIn, perm: permEdit, ok: []int{422}},
	"GET /app/people/{id}":         {access: web.SignedIn, perm: permView, id: idPerson, ok: []int{200}},
	"POST /app/people/{id}":        {access: web.SignedIn, perm: permEdit, id: idPerson, ok: []int{422}},
	"POST /app/people/{id}/delete": {access: web.SignedIn, perm: permEdit, id: idVictim, ok: []int{303}},

	"GET /app/users":                {access: web.SignedIn, perm: permUsers, ok: []int{200}},
	"GET /app/users/new":            {access: web.SignedIn, perm: permUsers, ok: []int{200}},
	"POST /app/users":               {access: web.SignedIn, perm: permUsers, ok: []int{422}},
	"GET /app/users/{id}":           {access: web.SignedIn, perm: permUsers, id: idUser, ok: []int{200}},
	"POST /app/users/{id}":          {access: web.SignedIn, perm: permUsers, id: idUser, ok: []int{422}},
	"POST /app/users/{id}/password": {access: web.SignedIn, perm: permUsers, id: idUser, ok: []int{422}},

	"GET /app/audit": {access: web.SignedIn, perm: permAudit, ok: []int{200}},

	"GET /app/rules":                             {access: web.SignedIn, perm: permRules, ok: []int{200}},
	"POST /app/rules/preview":                    {access: web.SignedIn, perm: permRules, ok: []int{422}},
	"GET /app/system":                            {access: web.SignedIn, perm: permSys, ok: []int{200}},
	"GET /app/signing":                           {access: web.SignedIn, perm: permSys, ok: []int{200}},
	"POST /app/signing/certificates":             {access: web.SignedIn, perm: permSys, ok: []int{422}},
	"POST /app/signing/certificates/{id}/delete": {access: web.SignedIn, perm: permSys, id: idMissing, ok: []int{404}},
	"POST /app/signing/anchors":                  {access: web.SignedIn, perm: permSys, ok: []int{422}},
	"POST /app/signing/anchors/{id}/delete":      {access: web.SignedIn, perm: permSys, id: idMissing, ok: []int{404}},
	"POST /app/system/audit":                     {access: web.SignedIn, perm: permSys, ok: []int{303}},
	"POST /app/system/jobs/{id}/retry":           {access: web.SignedIn, perm: permSys, id: idMissing, ok: []int{404}},

	"GET /api/v1/me":       {access: web.SignedIn, ok: []int{200}},
	"GET /api/v1/me/tasks": {access: web.SignedIn, ok: []int{200}},

	"GET /api/v1/units":         {access: web.SignedIn, perm: permView, ok: []int{200}},
	"POST /api/v1/units":        {access: web.SignedIn, perm: permEdit, body: `{}`, ok: []int{422}},
	"GET /api/v1/units/{id}":    {access: web.SignedIn, perm: permView, id: idUnit, ok: []int{200}},
	"PUT /api/v1/units/{id}":    {access: web.SignedIn, perm: permEdit, id: idUnit, body: `{}`, ok: []int{422}},
	"DELETE /api/v1/units/{id}": {access: web.SignedIn, perm: permEdit, id: idUnit, ok: []int{409}},

	"GET /api/v1/people":         {access: web.SignedIn, perm: permView, ok: []int{200}},
	"POST /api/v1/people":        {access: web.SignedIn, perm: permEdit, body: `{}`, ok: []int{422}},
	"GET /api/v1/people/{id}":    {access: web.SignedIn, perm: permView, id: idPerson, ok: []int{200}},
	"PUT /api/v1/people/{id}":    {access: web.SignedIn, perm: permEdit, id: idPerson, body: `{}`, ok: []int{422}},
	"DELETE /api/v1/people/{id}": {access: web.SignedIn, perm: permEdit, id: idVictim, ok: []int{204}},

	"GET /api/v1/users":               {access: web.SignedIn, perm: permUsers, ok: []int{200}},
	"POST /api/v1/users":              {access: web.SignedIn, perm: permUsers, body: `{}`, ok: []int{422}},
	"GET /api/v1/users/{id}":          {access: web.SignedIn, perm: permUsers, id: idUser, ok: []int{200}},
	"PUT /api/v1/users/{id}":          {access: web.SignedIn, perm: permUsers, id: idUser, body: `{}`, ok: []int{422}},
	"PUT /api/v1/users/{id}/password": {access: web.SignedIn, perm: permUsers, id: idUser, body: `{}`, ok: []int{422}},

	"GET /api/v1/audit": {access: web.SignedIn, perm: permAudit, ok: []int{200}},

	// The campaign API. Empty bodies are refused by validation (422)
	// before anything changes; deleting the demo campaign is refused as it
	// is not a draft (409); copying adds a new draft.
	"GET /api/v1/clusters":                      {access: web.SignedIn, perm: permView, ok: []int{200}},
	"POST /api/v1/clusters":                     {access: web.SignedIn, perm: permCampaigns, body: `{}`, ok: []int{422}},
	"GET /api/v1/clusters/{id}":                 {access: web.SignedIn, perm: permView, id: idMissing, ok: []int{404}},
	"PUT /api/v1/clusters/{id}":                 {access: web.SignedIn, perm: permCampaigns, id: idMissing, body: `{}`, ok: []int{404}},
	"POST /api/v1/clusters/{id}/next-year":      {access: web.SignedIn, perm: permCampaigns, id: idMissing, body: `{}`, ok: []int{404}},
	"GET /api/v1/clusters/{id}/covenant":        {access: web.SignedIn, perm: permView, id: idMissing, ok: []int{404}},
	"PUT /api/v1/clusters/{id}/covenant":        {access: web.SignedIn, perm: permCampaigns, id: idMissing, body: `{}`, ok: []int{404}},
	"POST /api/v1/clusters/{id}/review":         {access: web.SignedIn, perm: permCampaigns, id: idMissing, body: `{}`, ok: []int{404}},
	"GET /api/v1/clusters/{id}/ranking":         {access: web.SignedIn, perm: permView, id: idMissing, ok: []int{404}},
	"GET /api/v1/clusters/{id}/votes":           {access: web.SignedIn, perm: permView, id: idMissing, ok: []int{404}},
	"POST /api/v1/clusters/{id}/votes":          {access: web.SignedIn, perm: permReview, id: idMissing, body: `{}`, ok: []int{404}},
	"POST /api/v1/clusters/{id}/conclude":       {access: web.SignedIn, perm: permCampaigns, id: idMissing, body: `{}`, ok: []int{404}},
	"GET /app/clusters":                         {access: web.SignedIn, perm: permView, ok: []int{200}},
	"POST /app/clusters":                        {access: web.SignedIn, perm: permCampaigns, ok: []int{422}},
	"GET /app/clusters/{id}":                    {access: web.SignedIn, perm: permView, id: idMissing, ok: []int{404}},
	"GET /app/clusters/{id}/covenant/file":      {access: web.SignedIn, perm: permView, id: idMissing, ok: []int{404}},
	"POST /app/clusters/{id}/votes":             {access: web.SignedIn, perm: permReview, id: idMissing, ok: []int{404}},
	"POST /app/clusters/{id}/conclude":          {access: web.SignedIn, perm: permCampaigns, id: idMissing, ok: []int{404}},
	"POST /app/clusters/{id}/next-year":         {access: web.SignedIn, perm: permCampaigns, id: idMissing, ok: []int{404}},
	"GET /app/clusters/{id}/edit":               {access: web.SignedIn, perm: permCampaigns, id: idMissing, ok: []int{404}},
	"POST /app/clusters/{id}":                   {access: web.SignedIn, perm: permCampaigns, id: idMissing, ok: []int{404}},
	"GET /app/clusters/{id}/covenant":           {access: web.SignedIn, perm: permCampaigns, id: idMissing, ok: []int{404}},
	"POST /app/clusters/{id}/covenant":          {access: web.SignedIn, perm: permCampaigns, id: idMissing, ok: []int{404}},
	"GET /app/clusters/{id}/review":             {access: web.SignedIn, perm: permCampaigns, id: idMissing, ok: []int{404}},
	"POST /app/clusters/{id}/review":            {access: web.SignedIn, perm: permCampaigns, id: idMissing, ok: []int{404}},
	"GET /api/v1/campaigns":                     {access: web.SignedIn, perm: permView, ok: []int{200}},
	"POST /api/v1/campaigns":                    {access: web.SignedIn, perm: permCampaigns, body: `{}`, ok: []int{422}},
	"GET /api/v1/campaigns/{id}":                {access: web.SignedIn, perm: permView, id: idCampaign, ok: []int{200}},
	"PUT /api/v1/campaigns/{id}":                {access: web.SignedIn, perm: permCampaigns, id: idCampaign, body: `{}`, ok: []int{422}},
	"DELETE /api/v1/campaigns/{id}":             {access: web.SignedIn, perm: permCampaigns, id: idCampaign, ok: []int{409}},
	"POST /api/v1/campaigns/{id}/transitions":   {access: web.SignedIn, perm: permCampaigns, id: idCampaign, body: `{}`, ok: []int{422}},
	"POST /api/v1/campaigns/{id}/copy":          {access: web.SignedIn, perm: permCampaigns, id: idCampaign, body: `{}`, ok: []int{201}},
	"GET /api/v1/campaigns/{id}/criteria":       {access: web.SignedIn, perm: permView, id: idCampaign, ok: []int{200}},
	"PUT /api/v1/campaigns/{id}/criteria":       {access: web.SignedIn, perm: permCampaigns, id: idCampaign, body: `{}`, ok: []int{422}},
	"GET /api/v1/campaigns/{id}/registrations":  {access: web.SignedIn, perm: permView, id: idCampaign, ok: []int{200}},
	"POST /api/v1/campaigns/{id}/registrations": {access: web.SignedIn, perm: permRegister, id: idCampaign, body: `{}`, ok: []int{422}},
	"GET /api/v1/registrations/{id}":            {access: web.SignedIn, perm: permView, id: idReg, ok: []int{200}},
	"POST /api/v1/registrations/{id}/review":    {access: web.SignedIn, perm: permCampaigns, id: idReg, body: `{}`, ok: []int{422}},
	"GET /api/v1/registrations/{id}/evidence":   {access: web.SignedIn, id: idReg, ok: []int{200}},
	"POST /api/v1/registrations/{id}/evidence":  {access: web.SignedIn, id: idReg, body: `{}`, ok: []int{422}},
	"GET /api/v1/campaigns/{id}/scores":         {access: web.SignedIn, id: idCampaign, ok: []int{200}},
	"PUT /api/v1/registrations/{id}/scores":     {access: web.SignedIn, id: idReg, body: `{}`, ok: []int{422}},
	"GET /api/v1/campaigns/{id}/results":        {access: web.SignedIn, perm: permView, id: idCampaign, ok: []int{200}},
	"GET /api/v1/campaigns/{id}/progress":       {access: web.SignedIn, perm: permView, id: idCampaign, ok: []int{200}},
	"GET /api/v1/campaigns/{id}/reviewers":      {access: web.SignedIn, perm: permView, id: idCampaign, ok: []int{200}},
	"PUT /api/v1/campaigns/{id}/reviewers":      {access: web.SignedIn, perm: permCampaigns, id: idCampaign, body: `{}`, ok: []int{422}},

	// Campaigns. The demo campaign is in the evaluating state, so the empty
	// forms are refused by the state machine (409) or by validation (422);
	// copying adds a new draft. The snapshot check after the walk shows
	// that the demo campaign and its registrations did not change.
	"GET /app/campaigns":                       {access: web.SignedIn, perm: permView, ok: []int{200}},
	"GET /app/campaigns/new":                   {access: web.SignedIn, perm: permCampaigns, ok: []int{200}},
	"POST /app/campaigns":                      {access: web.SignedIn, perm: permCampaigns, ok: []int{422}},
	"GET /app/campaigns/{id}":                  {access: web.SignedIn, perm: permView, id: idCampaign, ok: []int{200}},
	"GET /app/campaigns/{id}/edit":             {access: web.SignedIn, perm: permCampaigns, id: idCampaign, ok: []int{200}},
	"POST /app/campaigns/{id}":                 {access: web.SignedIn, perm: permCampaigns, id: idCampaign, ok: []int{422}},
	"POST /app/campaigns/{id}/transition":      {access: web.SignedIn, perm: permCampaigns, id: idCampaign, ok: []int{409}},
	"POST /app/campaigns/{id}/copy":            {access: web.SignedIn, perm: permCampaigns, id: idCampaign, ok: []int{303}},
	"POST /app/campaigns/{id}/publish-ranking": {access: web.SignedIn, perm: permCampaigns, id: idCampaign, ok: []int{422}},
	"POST /app/campaigns/{id}/delete":          {access: web.SignedIn, perm: permCampaigns, id: idCampaign, ok: []int{409}},
	"GET /app/campaigns/{id}/criteria":         {access: web.SignedIn, perm: permView, id: idCampaign, ok: []int{200}},
	"POST /app/campaigns/{id}/criteria":        {access: web.SignedIn, perm: permCampaigns, id: idCampaign, ok: []int{409}},
	"POST /app/campaigns/{id}/reviewers":       {access: web.SignedIn, perm: permCampaigns, id: idMissing, ok: []int{404}},
	"GET /app/campaigns/{id}/registrations":    {access: web.SignedIn, perm: permView, id: idCampaign, ok: []int{200}},
	"POST /app/campaigns/{id}/registrations":   {access: web.SignedIn, perm: permRegister, id: idCampaign, ok: []int{422}},
	"GET /app/campaigns/{id}/ranking":          {access: web.SignedIn, perm: permView, id: idCampaign, ok: []int{200}},
	"GET /app/campaigns/{id}/report.pdf":       {access: web.SignedIn, perm: permView, id: idCampaign, ok: []int{200}},
	"GET /app/campaigns/{id}/report.xlsx":      {access: web.SignedIn, perm: permView, id: idCampaign, ok: []int{200}},
	"GET /app/people/{id}/history":             {access: web.SignedIn, perm: permView, id: idPerson, ok: []int{200}},
	"POST /app/people/{id}/history/{section}":  {access: web.SignedIn, perm: permRecords, id: idPerson, ok: []int{422}},
	"GET /app/units/{id}/history":              {access: web.SignedIn, perm: permView, id: idUnit, ok: []int{200}},
	"POST /app/units/{id}/history/{section}":   {access: web.SignedIn, perm: permRecords, id: idUnit, ok: []int{422}},
	"GET /app/eligibility":                     {access: web.SignedIn, perm: permView, ok: []int{200}},
	"GET /app/eligibility/forecast":            {access: web.SignedIn, perm: permView, ok: []int{200}},
	"GET /app/eligibility/people/{id}":         {access: web.SignedIn, perm: permView, id: idPerson, ok: []int{422}},
	"GET /app/eligibility.xlsx":                {access: web.SignedIn, perm: permView, ok: []int{200}},
	"GET /app/registrations/{id}":              {access: web.SignedIn, perm: permView, id: idReg, ok: []int{200}},
	"POST /app/registrations/{id}/review":      {access: web.SignedIn, perm: permCampaigns, id: idReg, ok: []int{303}},
	"POST /app/registrations/{id}/evidence":    {access: web.SignedIn, id: idReg, ok: []int{422}},
	"POST /app/registrations/{id}/scores":      {access: web.SignedIn, id: idReg, ok: []int{422}},
	"GET /app/attachments/{id}":                {access: web.SignedIn, id: idMissing, ok: []int{404}},
	"POST /app/registrations/{id}/resubmit":    {access: web.SignedIn, id: idReg, ok: []int{422}},
	"POST /app/registrations/{id}/scores/all":  {access: web.SignedIn, id: idReg, ok: []int{422}},
	"GET /app/campaigns/{id}/scoring":          {access: web.SignedIn, perm: permView, id: idCampaign, ok: []int{200}},
	"POST /app/attachments/{id}/delete":        {access: web.SignedIn, id: idMissing, ok: []int{404}},
	"POST /app/attachments/{id}/replace":       {access: web.SignedIn, id: idMissing, ok: []int{404}},

	// Eligibility and award histories. The self-contained evaluation
	// refuses an empty body with 400, as its contract says; saving a
	// history without its version is refused (422) before anything changes.
	"POST /api/v1/eligibility/evaluate":   {access: web.SignedIn, perm: permView, body: `{}`, ok: []int{400}},
	"GET /api/v1/eligibility/forecast":    {access: web.SignedIn, perm: permView, ok: []int{200}},
	"GET /api/v1/stat-forms":              {access: web.SignedIn, perm: permView, ok: []int{200}},
	"GET /api/v1/eligibility":             {access: web.SignedIn, perm: permView, ok: []int{200}},
	"GET /api/v1/people/{id}/eligibility": {access: web.SignedIn, perm: permView, id: idPerson, ok: []int{200}},
	"GET /api/v1/units/{id}/eligibility":  {access: web.SignedIn, perm: permView, id: idUnit, ok: []int{200}},
	"GET /api/v1/people/{id}/history":     {access: web.SignedIn, perm: permView, id: idPerson, ok: []int{200}},
	"PUT /api/v1/people/{id}/history":     {access: web.SignedIn, perm: permRecords, id: idPerson, body: `{}`, ok: []int{422}},
	"GET /api/v1/units/{id}/history":      {access: web.SignedIn, perm: permView, id: idUnit, ok: []int{200}},
	"PUT /api/v1/units/{id}/history":      {access: web.SignedIn, perm: permRecords, id: idUnit, body: `{}`, ok: []int{422}},

	// The portal: public pages ({slug} is the seed article's, which is no
	// category's), and the editorial side. Unknown IDs give 404; the demo
	// campaign is not closed, so drafting its results article is refused.
	"GET /tin-tuc":                       {access: web.Public, ok: []int{200}},
	"GET /tin-tuc/{slug}":                {access: web.Public, ok: []int{200}},
	"GET /tin-tuc/{slug}/in":             {access: web.Public, ok: []int{200}},
	"GET /chuyen-muc/{slug}":             {access: web.Public, ok: []int{404}},
	"GET /chuyen-muc/{slug}/rss.xml":     {access: web.Public, ok: []int{404}},
	"GET /tim-kiem":                      {access: web.Public, ok: []int{200}},
	"GET /rss.xml":                       {access: web.Public, ok: []int{200}},
	"GET /sitemap.xml":                   {access: web.Public, ok: []int{200}},
	"GET /robots.txt":                    {access: web.Public, ok: []int{200}},
	"GET /anh/{key}":                     {access: web.Public, ok: []int{404}},
	"GET /app/articles":                  {access: web.SignedIn, perm: permArticles, ok: []int{200}},
	"GET /app/articles/new":              {access: web.SignedIn, perm: permArticles, ok: []int{200}},
	"POST /app/articles":                 {access: web.SignedIn, perm: permArticles, ok: []int{422}},
	"GET /app/articles/{id}":             {access: web.SignedIn, perm: permArticles, id: idMissing, ok: []int{404}},
	"GET /app/articles/{id}/edit":        {access: web.SignedIn, perm: permArticles, id: idMissing, ok: []int{404}},
	"POST /app/articles/{id}":            {access: web.SignedIn, perm: permArticles, id: idMissing, ok: []int{404}},
	"POST /app/articles/{id}/transition": {access: web.SignedIn, perm: permArticles, id: idMissing, ok: []int{404}},
	"GET /app/articles/{id}/preview":     {access: web.SignedIn, perm: permArticles, id: idMissing, ok: []int{404}},
	"GET /app/articles/{id}/versions":    {access: web.SignedIn, perm: permArticles, id: idMissing, ok: []int{404}},
	"POST /app/campaigns/{id}/article":   {access: web.SignedIn, perm: permArticles, id: idCampaign, ok: []int{409}},
	"GET /app/article-categories":        {access: web.SignedIn, perm: permPublish, ok: []int{200}},
	"POST /app/article-categories":       {access: web.SignedIn, perm: permPublish, ok: []int{422}},
	"POST /app/article-categories/{id}":  {access: web.SignedIn, perm: permPublish, id: idMissing, ok: []int{404}},

	// Statistics, exports and imports. The empty upload is refused (422);
	// actions on an unknown import give 404; {slug} is no template's.
	"GET /app/stats":                               {access: web.SignedIn, perm: permView, ok: []int{200}},
	"GET /app/stats/report.xlsx":                   {access: web.SignedIn, perm: permView, ok: []int{200}},
	"GET /app/stats/report.pdf":                    {access: web.SignedIn, perm: permView, ok: []int{200}},
	"GET /app/stats/forms":                         {access: web.SignedIn, perm: permView, ok: []int{200}},
	"GET /app/stats/forms/download":                {access: web.SignedIn, perm: permView, ok: []int{422}},
	"GET /app/exports":                             {access: web.SignedIn, perm: permView, ok: []int{200}},
	"GET /app/exports/people.xlsx":                 {access: web.SignedIn, perm: permView, ok: []int{200}},
	"GET /app/exports/units.xlsx":                  {access: web.SignedIn, perm: permView, ok: []int{200}},
	"GET /app/exports/history.xlsx":                {access: web.SignedIn, perm: permView, ok: []int{200}},
	"GET /app/exports/campaigns.xlsx":              {access: web.SignedIn, perm: permView, ok: []int{200}},
	"GET /app/exports/campaigns/{id}/results.xlsx": {access: web.SignedIn, perm: permView, id: idCampaign, ok: []int{200}},
	"GET /app/exports/proposals.xlsx":              {access: web.SignedIn, perm: permView, ok: []int{200}},
	"GET /app/exports/decisions.xlsx":              {access: web.SignedIn, perm: permView, ok: []int{200}},
	"GET /app/imports":                             {access: web.SignedIn, perm: permEdit, ok: []int{200}},
	"POST /app/imports":                            {access: web.SignedIn, perm: permEdit, ok: []int{422}},
	"GET /app/imports/{id}":                        {access: web.SignedIn, perm: permEdit, id: idMissing, ok: []int{404}},
	"GET /app/imports/{id}/progress":               {access: web.SignedIn, perm: permEdit, id: idMissing, ok: []int{404}},
	"POST /app/imports/{id}/confirm":               {access: web.SignedIn, perm: permEdit, id: idMissing, ok: []int{404}},
	"POST /app/imports/{id}/discard":               {access: web.SignedIn, perm: permEdit, id: idMissing, ok: []int{404}},
	"POST /app/imports/{id}/recheck":               {access: web.SignedIn, perm: permEdit, id: idMissing, ok: []int{404}},
	"GET /app/import-templates/{slug}":             {access: web.SignedIn, perm: permEdit, ok: []int{404}},
}

// outcome is the class of answer a caller gets from a route.
type outcome int

const (
	outAllowed   outcome = iota // handled: anything but 401/403
	outSignIn                   // anonymous: redirect to /login (page GET) or 401
	outForbidden                // signed in without the permission: 403
)

func (o outcome) String() string {
	return [...]string{"allowed", "must sign in", "forbidden"}[o]
}

// expectedOutcome derives what role ("" = anonymous) gets from rt, from
// the route's access level and the domain's role → permission table.
func expectedOutcome(rt web.Route, role thidua.Role) outcome {
	switch {
	case rt.Access == web.Public:
		return outAllowed
	case role == "":
		return outSignIn
	case rt.Perm == "" || role.Allows(rt.Perm):
		return outAllowed
	default:
		return outForbidden
	}
}

// authzCaller is an anonymous visitor or a signed-in demo role.
type authzCaller struct {
	role   thidua.Role // "" = anonymous
	client *http.Client
	user   *thidua.User // nil for anonymous
	unitID int64        // the unit the role is granted on
	person int64        // a person in the role's scope
	reg    int64        // a registration of the demo campaign in the role's scope
}

func (c *authzCaller) name() string {
	if c.role == "" {
		return "anonymous"
	}
	return string(c.role)
}

// authzWorld is a test server with one signed-in client per role.
type authzWorld struct {
	e        *testEnv
	callers  []*authzCaller
	byRole   map[thidua.Role]*authzCaller
	hash     string // content hash of app.css
	staffID  int64
	campaign int64 // the demo campaign
}

func newAuthzWorld(t *testing.T) *authzWorld {
	t.Helper()
	e := newSQLiteEnv(t)
	w := &authzWorld{e: e, byRole: map[thidua.Role]*authzCaller{}}
	anon := &authzCaller{client: e.client()}
	admin := e.roleUser(thidua.RoleAdmin)
	anon.unitID = admin.Grants[0].UnitID
	w.callers = append(w.callers, anon)
	w.byRole[""] = anon
	for _, role := range demoRoles {
		u := e.roleUser(role)
		if len(u.Grants) != 1 || u.Grants[0].Role != role {
			t.Fatalf("demo account of %s has grants %+v", role, u.Grants)
		}
		c := &authzCaller{role: role, client: e.login(role), user: u, unitID: u.Grants[0].UnitID}
		w.callers = append(w.callers, c)
		w.byRole[role] = c
	}
	for _, c := range w.callers {
		people, _, err := e.DB.FindPeople(sysCtx(), thidua.PersonFilter{UnitID: c.unitID, Subtree: true, Limit: 1})
		if err != nil || len(people) == 0 {
			t.Fatalf("no person under unit %d: %v", c.unitID, err)
		}
		c.person = people[0].ID
	}
	anon.person = w.byRole[thidua.RoleAdmin].person
	w.findCampaign(t)
	w.staffID = w.byRole[thidua.RoleStaff].user.ID
	code, body := e.get(e.client(), "/login")
	m := staticRE.FindStringSubmatch(body)
	if code != http.StatusOK || m == nil {
		t.Fatalf("GET /login: %d, no static link to app.css", code)
	}
	w.hash = m[1]
	return w
}

// findCampaign finds the demo campaign and, for each caller, one of its
// registrations inside the caller's scope (any one when none is).
func (w *authzWorld) findCampaign(t *testing.T) {
	t.Helper()
	w.campaign = w.e.demoCampaign().ID
	regs, err := w.e.DB.FindRegistrations(sysCtx(), w.campaign)
	if err != nil || len(regs) == 0 {
		t.Fatalf("no registration in the demo campaign: %v", err)
	}
	for _, c := range w.callers {
		c.reg = regs[0].ID
		var home string
		if c.user != nil {
			home = c.user.Grants[0].UnitPath
		}
		for _, r := range regs {
			if home != "" && strings.HasPrefix(r.UnitPath, home) {
				c.reg = r.ID
				break
			}
		}
	}
}

// path fills the wildcards of pattern for caller c.
func (w *authzWorld) path(t *testing.T, pattern string, rule authzRule, c *authzCaller) string {
	t.Helper()
	p := strings.ReplaceAll(pattern, "{$}", "")
	p = strings.ReplaceAll(p, "{hash}", w.hash)
	p = strings.ReplaceAll(p, "{name}", "app.css")
	p = strings.ReplaceAll(p, "{section}", "ratings")
	p = strings.ReplaceAll(p, "{slug}", demo.SeedArticleSlug)
	p = strings.ReplaceAll(p, "{key}", "khong-co-anh-nay")
	if strings.Contains(p, "{id}") {
		var id int64
		switch rule.id {
		case idUnit:
			id = c.unitID
		case idPerson:
			id = c.person
		case idVictim:
			id = w.e.newVictim(c.unitID)
		case idUser:
			id = w.staffID
		case idCampaign:
			id = w.campaign
		case idReg:
			id = c.reg
		case idMissing:
			id = 999999
		case idToken:
			u := c.user
			if u == nil {
				u = w.byRole[thidua.RoleAdmin].user
			}
			id = w.e.newTokenFor(u)
		default:
			t.Fatalf("%s: the rule gives no kind of ID for {id}", pattern)
		}
		p = strings.ReplaceAll(p, "{id}", strconv.FormatInt(id, 10))
	}
	if strings.ContainsAny(p, "{}") {
		t.Fatalf("%s: unknown wildcard left in %s; teach authzWorld.path about it", pattern, p)
	}
	return p
}

// call sends the route's request as caller c: API routes with HTTP Basic
// (apiDo), pages with c's session cookie, POSTs as same-origin forms.
func (w *authzWorld) call(t *testing.T, rt web.Route, rule authzRule, c *authzCaller) (string, reqResult) {
	t.Helper()
	e := w.e
	path := w.path(t, rt.Pattern, rule, c)
	if rt.API {
		code, hdr, body := e.apiDo(c.role, rt.Method, path, rule.body)
		return path, reqResult{Status: code, Header: hdr, Body: body}
	}
	if rt.Method == http.MethodGet {
		return path, e.rawDo(c.client, http.MethodGet, path, "", nil)
	}
	form := url.Values{}
	if rt.Method == http.MethodPost && rt.Pattern == "/login" {
		a := e.Accounts[c.role]
		if c.role == "" {
			a = e.Accounts[thidua.RoleStaff]
			// A sign-in must not turn the shared anonymous client into a signed-in one.
			return path, e.formDo(e.client(), path, url.Values{"username": {a.Username}, "password": {a.Password}}, nil)
		}
		form = url.Values{"username": {a.Username}, "password": {a.Password}}
	}
	if rt.Method != http.MethodPost {
		t.Fatalf("%s %s: page routes are GET or POST; teach authzWorld.call about %s", rt.Method, rt.Pattern, rt.Method)
	}
	return path, e.formDo(c.client, path, form, nil)
}

// gateForbidden is the message of a 403 from the route's permission check.
const gateForbidden = "Bạn không có quyền truy cập chức năng này."

// checkOutcome asserts that res is outcome want for a request to path.
func checkOutcome(t *testing.T, rt web.Route, rule authzRule, path string, res reqResult, want outcome) {
	t.Helper()
	ct := res.Header.Get("Content-Type")
	switch want {
	case outAllowed:
		if res.Status == http.StatusUnauthorized || res.Status == http.StatusForbidden {
			t.Errorf("got %d, want access (body %.300s)", res.Status, res.Body)
		} else if !slices.Contains(rule.ok, res.Status) {
			t.Errorf("got %d, want one of %v (body %.300s)", res.Status, rule.ok, res.Body)
		}
	case outSignIn:
		switch {
		case rt.API:
			if res.Status != http.StatusUnauthorized || !strings.HasPrefix(ct, "application/problem+json") {
				t.Errorf("got %d %s, want 401 problem+json", res.Status, ct)
			}
			if !strings.Contains(res.Header.Get("WWW-Authenticate"), "Basic") {
				t.Errorf("401 without a WWW-Authenticate Basic challenge: %q", res.Header.Get("WWW-Authenticate"))
			}
		case rt.Method == http.MethodGet:
			wantLoc := "/login?next=" + url.QueryEscape(path)
			if res.Status != http.StatusSeeOther || res.Header.Get("Location") != wantLoc {
				t.Errorf("got %d Location %q, want 303 to %q", res.Status, res.Header.Get("Location"), wantLoc)
			}
		default:
			if res.Status != http.StatusUnauthorized || !strings.HasPrefix(ct, "text/html") ||
				!strings.Contains(res.Body, "Vui lòng đăng nhập để tiếp tục.") {
				t.Errorf("got %d %s, want the 401 page (body %.300s)", res.Status, ct, res.Body)
			}
		}
	case outForbidden:
		if res.Status != http.StatusForbidden {
			t.Errorf("got %d, want 403 (body %.300s)", res.Status, res.Body)
			return
		}
		if rt.API {
			var p web.Problem
			if !strings.HasPrefix(ct, "application/problem+json") || json.Unmarshal([]byte(res.Body), &p) != nil ||
				p.Status != 403 || p.Title != "Không có quyền truy cập" || p.Detail == "" || p.Code != thidua.EFORBIDDEN {
				t.Errorf("403 is not a Vietnamese problem+json: %s %s", ct, res.Body)
			}
		} else if !strings.HasPrefix(ct, "text/html") || !strings.Contains(res.Body, `lang="vi"`) ||
			!strings.Contains(res.Body, "Không có quyền truy cập") ||
			!strings.Contains(res.Body, gateForbidden) {
			t.Errorf("403 is not the Vietnamese page: %s %.300s", ct, res.Body)
		}
	}
}

func routeKey(rt web.Route) string { return rt.Method + " " + rt.Pattern }

func TestAuthzEveryRoute(t *testing.T) {
	t.Parallel()
	w := newAuthzWorld(t)
	routes := w.e.Server.Routes()

	// Every route has a row that states its access and permission, and
	// every row still has its route.
	seen := map[string]bool{}
	for _, rt := range routes {
		k := routeKey(rt)
		if seen[k] {
			t.Errorf("route %s registered twice", k)
		}
		seen[k] = true
		rule, ok := authzRules[k]
		if !ok {
			t.Errorf("route %s has no row in authzRules: add one saying who may call it", k)
			continue
		}
		if rule.access != rt.Access || rule.perm != rt.Perm {
			t.Errorf("route %s: registered with access %d perm %q, the table says access %d perm %q",
				k, rt.Access, rt.Perm, rule.access, rule.perm)
		}
		if rt.Perm != "" && !slices.Contains(allPerms, rt.Perm) {
			t.Errorf("route %s needs permission %q, which TestRolePermissions does not pin", k, rt.Perm)
		}
		if rt.API != strings.HasPrefix(rt.Pattern, "/api/") {
			t.Errorf("route %s: API=%v", k, rt.API)
		}
		if rt.Access == web.SignedIn && !rt.API && rt.Method != http.MethodGet && rt.Method != http.MethodPost {
			t.Errorf("page route %s uses %s: HTML forms only send GET and POST", k, rt.Method)
		}
	}
	for k := range authzRules {
		if !seen[k] {
			t.Errorf("authzRules has a row for %s, which is not a route", k)
		}
	}
	if t.Failed() {
		t.FailNow()
	}

	before := w.snapshot(t)
	// Signing out ends the shared session, so it comes last.
	slices.SortStableFunc(routes, func(a, b web.Route) int {
		return boolCmp(routeKey(a) == "POST /logout", routeKey(b) == "POST /logout")
	})
	for _, c := range w.callers {
		t.Run(c.name(), func(t *testing.T) {
			for _, rt := range routes {
				rule := authzRules[routeKey(rt)]
				want := expectedOutcome(rt, c.role)
				path, res := w.call(t, rt, rule, c)
				t.Run(routeKey(rt), func(t *testing.T) {
					t.Logf("%s %s as %s: want %s, got %d", rt.Method, path, c.name(), want, res.Status)
					checkOutcome(t, rt, rule, path, res, want)
				})
			}
			if c.role != "" {
				// The session ended with POST /logout.
				if res := w.e.rawDo(c.client, http.MethodGet, "/app", "", nil); res.Status != http.StatusSeeOther ||
					!strings.HasPrefix(res.Header.Get("Location"), "/login") {
					t.Errorf("after POST /logout, GET /app: %d %q, want a redirect to /login", res.Status, res.Header.Get("Location"))
				}
			}
		})
	}
	// The walk sent empty forms and bodies: nothing of the demo data changed.
	after := w.snapshot(t)
	for k, v := range before {
		if after[k] != v {
			t.Errorf("%s: version %d before the walk, %d after", k, v, after[k])
		}
	}
}

// snapshot returns the version of every unit, person, campaign,
// registration and history, by kind and ID (throw-away victims left out).
func (w *authzWorld) snapshot(t *testing.T) map[string]int {
	t.Helper()
	ctx, db := sysCtx(), w.e.DB
	out := map[string]int{}
	units, _, err := db.FindUnits(ctx, thidua.UnitFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range units {
		out[fmt.Sprintf("unit %d", u.ID)] = u.Version
	}
	people, _, err := db.FindPeople(ctx, thidua.PersonFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range people {
		if p.FullName != victimName {
			out[fmt.Sprintf("person %d", p.ID)] = p.Version
		}
	}
	c, err := db.FindCampaignByID(ctx, w.campaign)
	if err != nil {
		t.Fatal(err)
	}
	out[fmt.Sprintf("campaign %d", c.ID)] = c.Version
	regs, err := db.FindRegistrations(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range regs {
		out[fmt.Sprintf("registration %d", r.ID)] = r.Version
	}
	for _, subject := range []string{thidua.SubjectPerson, thidua.SubjectUnit} {
		hs, err := db.FindHistories(ctx, thidua.HistoryFilter{Subject: subject})
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range hs {
			if h.Name != victimName {
				out[fmt.Sprintf("history %s %d", subject, h.SubjectID)] = h.Version
			}
		}
	}
	return out
}

func boolCmp(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	default:
		return -1
	}
}

// TestAuthzCritical states the outcome of a few critical calls by hand, so
// that a mistake in the role → permission table or in expectedOutcome does
// not silently make TestAuthzEveryRoute expect the wrong thing.
func TestAuthzCritical(t *testing.T) {
	t.Parallel()
	w := newAuthzWorld(t)
	routes := map[string]web.Route{}
	for _, rt := range w.e.Server.Routes() {
		routes[routeKey(rt)] = rt
	}
	cases := []struct {
		role  thidua.Role
		route string
		want  int
	}{
		{thidua.RoleStaff, "GET /app/users", 403},
		{thidua.RoleStaff, "GET /api/v1/users", 403},
		{thidua.RoleStaff, "POST /app/units", 403},
		{thidua.RoleCouncil, "POST /app/people", 403},
		{thidua.RoleCouncil, "PUT /api/v1/people/{id}", 403},
		{thidua.RoleCouncil, "GET /app/audit", 403},
		{thidua.RoleUnitHead, "GET /app/audit", 403},
		{thidua.RoleUnitHead, "GET /app/users", 403},
		{thidua.RoleUnitHead, "POST /app/users/{id}/password", 403},
		{thidua.RoleEditor, "POST /api/v1/units", 403},
		{thidua.RoleEditor, "POST /app/people/{id}/delete", 403},
		{thidua.RoleEditor, "DELETE /api/v1/people/{id}", 403},
		{thidua.RoleOfficer, "GET /app/users", 403},
		{thidua.RoleOfficer, "GET /api/v1/audit", 403},
		{thidua.RoleOfficer, "PUT /api/v1/users/{id}/password", 403},

		{thidua.RoleOfficer, "POST /app/people", 422},
		{thidua.RoleUnitHead, "POST /app/people", 422},
		{thidua.RoleUnitHead, "GET /app/people", 200},
		{thidua.RoleStaff, "GET /app/people", 200},
		{thidua.RoleEditor, "GET /api/v1/units", 200},
		{thidua.RoleCouncil, "GET /app/units", 200},
		{thidua.RoleAdmin, "GET /app/audit", 200},
		{thidua.RoleAdmin, "GET /app/users", 200},
		{thidua.RoleAdmin, "POST /api/v1/users", 422},

		{thidua.RoleCouncil, "POST /app/campaigns", 403},
		{thidua.RoleUnitHead, "GET /app/campaigns/{id}/edit", 403},
		{thidua.RoleStaff, "POST /app/campaigns/{id}/registrations", 403},
		{thidua.RoleEditor, "POST /app/registrations/{id}/review", 403},
		{thidua.RoleUnitHead, "POST /app/campaigns/{id}/registrations", 422},
		{thidua.RoleOfficer, "POST /app/campaigns/{id}/delete", 409},
		{thidua.RoleStaff, "GET /app/campaigns/{id}", 200},

		{"", "GET /app/people", 303},
		{"", "GET /app/users", 303},
		{"", "POST /app/people", 401},
		{"", "GET /api/v1/people", 401},
		{"", "GET /healthz", 200},
	}
	for _, tc := range cases {
		c := w.byRole[tc.role]
		t.Run(c.name()+" "+tc.route, func(t *testing.T) {
			rt, ok := routes[tc.route]
			if !ok {
				t.Fatalf("no route %s", tc.route)
			}
			// The derivation agrees with the hand-written answer.
			var wantClass outcome
			switch tc.want {
			case 403:
				wantClass = outForbidden
			case 401, 303:
				wantClass = outSignIn
			default:
				wantClass = outAllowed
			}
			if got := expectedOutcome(rt, tc.role); got != wantClass {
				t.Errorf("expectedOutcome = %s, the table says %s", got, wantClass)
			}
			_, res := w.call(t, rt, authzRules[tc.route], c)
			if res.Status != tc.want {
				t.Errorf("got %d, want %d (body %.300s)", res.Status, tc.want, res.Body)
			}
		})
	}
}

// TestRolePermissions pins the role → permission table that the route walk
// derives its expectations from.
func TestRolePermissions(t *testing.T) {
	t.Parallel()
	want := map[thidua.Role][]thidua.Permission{
		thidua.RoleAdmin:    {permView, permEdit, permUsers, permAudit, permSys, permCampaigns, permRegister, permRecords, permArticles, permPublish, permRules},
		thidua.RoleOfficer:  {permView, permEdit, permCampaigns, permRegister, permRecords, permArticles, permPublish},
		thidua.RoleUnitHead: {permView, permEdit, permRegister, permReview},
		thidua.RoleCouncil:  {permView, permReview},
		thidua.RoleEditor:   {permView, permArticles},
		thidua.RoleStaff:    {permView},
	}
	for _, role := range demoRoles {
		for _, p := range allPerms {
			if got, w := role.Allows(p), slices.Contains(want[role], p); got != w {
				t.Errorf("%s.Allows(%s) = %v, want %v", role, p, got, w)
			}
		}
	}
	if thidua.Role("NOBODY").Allows(permView) {
		t.Error("an unknown role allows org.view")
	}
	if len(thidua.Roles) != len(demoRoles) {
		t.Errorf("%d roles, the demo covers %d: give the new role a demo account and a row here", len(thidua.Roles), len(demoRoles))
	}
}

// TestAuthzUnitHeadScope checks that the head of Phòng Hành chính – Tổ chức
// sees and edits only that subtree on the pages.
func TestAuthzUnitHeadScope(t *testing.T) {
	t.Parallel()
	e := newSQLiteEnv(t)
	c := e.login(thidua.RoleUnitHead)
	hctc := e.unitByName("Phòng Hành chính – Tổ chức")
	vtlt := e.unitByName("Tổ Văn thư – Lưu trữ")
	th := e.unitByName("Phòng Tổng hợp")
	inside := e.personByName("Trần Thị Thư")       // Tổ Văn thư – Lưu trữ
	outside := e.personByName("Phan Tuấn Anh")     // Phòng Tổng hợp
	farOutside := e.personByName("Đinh Thị Hương") // Sở Nội vụ

	code, body := e.get(c, "/app/units")
	if code != http.StatusOK {
		t.Fatalf("GET /app/units: %d", code)
	}
	for _, name := range []string{"Phòng Hành chính – Tổ chức", "Tổ Văn thư – Lưu trữ"} {
		if !strings.Contains(body, name) {
			t.Errorf("/app/units lacks %q", name)
		}
	}
	for _, name := range []string{"Ủy ban nhân dân tỉnh", "Văn phòng UBND tỉnh", "Phòng Tổng hợp", "Phòng Kinh tế", "Sở Nội vụ", "Ban Thi đua – Khen thưởng"} {
		if strings.Contains(body, name) {
			t.Errorf("/app/units shows %q, outside the unit head's subtree", name)
		}
	}
	if !strings.Contains(body, "<caption>2 đơn vị</caption>") {
		t.Errorf("/app/units does not count 2 units")
	}

	code, body = e.get(c, "/app/people")
	if code != http.StatusOK {
		t.Fatalf("GET /app/people: %d", code)
	}
	for _, name := range []string{"Võ Thanh Tùng", "Đặng Thị Thu Hà", "Trần Thị Thư", "Vũ Thị Lan Anh"} {
		if !strings.Contains(body, name) {
			t.Errorf("/app/people lacks %q", name)
		}
	}
	for _, name := range []string{"Phan Tuấn Anh", "Trần Quốc Bình", "Lê Văn Thành", "Đinh Thị Hương", "Đỗ Hoàng Nam"} {
		if strings.Contains(body, name) {
			t.Errorf("/app/people shows %q, outside the unit head's subtree", name)
		}
	}
	var want int
	for _, u := range []*thidua.Unit{hctc, vtlt} {
		want += u.People
	}
	if !strings.Contains(body, fmt.Sprintf("%d mục", want)) {
		t.Errorf("/app/people does not count %d people", want)
	}
	// Filtering by a unit outside the scope shows nobody.
	if code, body := e.get(c, fmt.Sprintf("/app/people?unit=%d", th.ID)); code != http.StatusOK || strings.Contains(body, "Phan Tuấn Anh") {
		t.Errorf("GET /app/people?unit=<Phòng Tổng hợp>: %d, shows its people", code)
	}

	if code, _ := e.get(c, fmt.Sprintf("/app/people/%d", inside.ID)); code != http.StatusOK {
		t.Errorf("GET a person inside the subtree: %d, want 200", code)
	}
	for _, p := range []*thidua.Person{outside, farOutside} {
		if code, body := e.get(c, fmt.Sprintf("/app/people/%d", p.ID)); code != http.StatusNotFound || strings.Contains(body, p.FullName) {
			t.Errorf("GET /app/people/%d (%s, outside): %d, want 404 without the name", p.ID, p.FullName, code)
		}
	}
	if code, _ := e.get(c, fmt.Sprintf("/app/units/%d", th.ID)); code != http.StatusNotFound {
		t.Errorf("GET /app/units/<Phòng Tổng hợp>: %d, want 404", code)
	}

	// Editing, deleting or moving someone outside the subtree answers 404
	// and changes nothing.
	edit := url.Values{
		"full_name": {"Phan Tuấn Anh Sửa"}, "gender": {thidua.GenderMale}, "birth_date": {"19/09/1989"},
		"position": {"Đã bị sửa"}, "category": {thidua.CategoryCongChuc}, "unit_id": {strconv.FormatInt(hctc.ID, 10)},
		"status": {thidua.PersonActive}, "version": {strconv.Itoa(outside.Version)},
	}
	if res := e.formDo(c, fmt.Sprintf("/app/people/%d", outside.ID), edit, nil); res.Status != http.StatusNotFound {
		t.Errorf("POST edit of a person outside: %d, want 404", res.Status)
	}
	if res := e.formDo(c, fmt.Sprintf("/app/people/%d/delete", outside.ID), url.Values{}, nil); res.Status != http.StatusNotFound {
		t.Errorf("POST delete of a person outside: %d, want 404", res.Status)
	}
	after, err := e.DB.FindPersonByID(sysCtx(), outside.ID)
	if err != nil {
		t.Fatalf("the person outside is gone: %v", err)
	}
	if after.FullName != outside.FullName || after.Position != outside.Position || after.UnitID != outside.UnitID || after.Version != outside.Version {
		t.Errorf("the person outside changed: %+v", after)
	}
	// Nor may a person inside be moved out, or a new one be put outside.
	moveOut := url.Values{
		"full_name": {inside.FullName}, "gender": {inside.Gender}, "birth_date": {inside.BirthDate.String()},
		"position": {inside.Position}, "category": {inside.Category}, "unit_id": {strconv.FormatInt(th.ID, 10)},
		"status": {inside.Status}, "version": {strconv.Itoa(inside.Version)}, "is_leader": {"on"},
	}
	if res := e.formDo(c, fmt.Sprintf("/app/people/%d", inside.ID), moveOut, nil); res.Status != http.StatusForbidden {
		t.Errorf("POST moving a person out of the subtree: %d, want 403", res.Status)
	}
	if p, err := e.DB.FindPersonByID(sysCtx(), inside.ID); err != nil || p.UnitID != vtlt.ID || p.Version != inside.Version {
		t.Errorf("the person was moved out: %+v %v", p, err)
	}
	n := e.countPeople()
	create := url.Values{
		"full_name": {"Nguyễn Văn Ngoài"}, "gender": {thidua.GenderMale}, "category": {thidua.CategoryCongChuc},
		"unit_id": {strconv.FormatInt(th.ID, 10)}, "status": {thidua.PersonActive},
	}
	if res := e.formDo(c, "/app/people", create, nil); res.Status != http.StatusForbidden {
		t.Errorf("POST a new person in a unit outside: %d, want 403", res.Status)
	}
	if got := e.countPeople(); got != n {
		t.Errorf("people: %d, want %d", got, n)
	}
	// The same through the API.
	if code, _, _ := e.apiDo(thidua.RoleUnitHead, "GET", fmt.Sprintf("/api/v1/people/%d", outside.ID), ""); code != http.StatusNotFound {
		t.Errorf("API GET a person outside: %d, want 404", code)
	}
}

// The walk outside the scope: every route with an {id} is called by each
// signed-in role (but the administrator, who has no outside) on an object
// outside the role's scope. A change or a read of one object answers 403
// or 404; a list of the demo campaign (which every role sees) must hold
// nothing of the registrations outside the role's scope.

// outsideUnitName is the unit outside the grants of every demo role but
// the administrator's, where the outside campaign is launched.
const outsideUnitName = "Sở Nội vụ"

// outsideWorld is what lies outside each role's scope.
type outsideWorld struct {
	unit     int64 // a unit outside
	person   int64 // a person outside
	campaign int64 // a campaign launched and run outside, with one registration
	reg      int64 // its registration
}

// newOutsideCampaign launches, as the system, a campaign of the outside
// unit with one registration of a person there.
func (w *authzWorld) newOutsideCampaign(t *testing.T) outsideWorld {
	t.Helper()
	e, ctx := w.e, sysCtx()
	unit := e.unitByName(outsideUnitName)
	people, _, err := e.DB.FindPeople(ctx, thidua.PersonFilter{UnitID: unit.ID, Subtree: true, Limit: 1})
	if err != nil || len(people) == 0 {
		t.Fatalf("no person under %s: %v", outsideUnitName, err)
	}
	c := &thidua.Campaign{Title: "Đợt thi đua của " + outsideUnitName, Form: thidua.FormThematic, Kind: "DOT",
		UnitID: unit.ID, ScopeUnitID: unit.ID, StartDate: thidua.NewDate(2021, 1, 1), EndDate: thidua.NewDate(2021, 12, 31),
		Participants: thidua.ForBoth}
	if err := e.DB.CreateCampaign(ctx, c); err != nil {
		t.Fatalf("create the outside campaign: %v", err)
	}
	crit := []*thidua.Criterion{{Code: "A", Title: "Hoàn thành nhiệm vụ", AppliesTo: thidua.ForBoth, MaxScore: 10, Weight: 1}}
	if err := e.DB.SaveCriteria(ctx, c.ID, c.Version, crit); err != nil {
		t.Fatalf("criteria of the outside campaign: %v", err)
	}
	c, err = e.DB.FindCampaignByID(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.DB.TransitionCampaign(ctx, c.ID, "launch", c.Version); err != nil {
		t.Fatalf("launch the outside campaign: %v", err)
	}
	reg := &thidua.Registration{Kind: thidua.ForIndividuals, PersonID: people[0].ID, TargetTitle: "Giấy khen"}
	if err := e.DB.CreateRegistrations(ctx, c.ID, []*thidua.Registration{reg}); err != nil {
		t.Fatalf("register in the outside campaign: %v", err)
	}
	return outsideWorld{unit: unit.ID, person: people[0].ID, campaign: c.ID, reg: reg.ID}
}

// demoOutside returns the registrations of the demo campaign outside c's
// scope: not of a unit under c's grant, not c's own, and c neither manages
// the campaign (the launching office) nor is assigned to score it.
func (w *authzWorld) demoOutside(t *testing.T, c *authzCaller) map[int64]*thidua.Registration {
	t.Helper()
	ctx := sysCtx()
	camp, err := w.e.DB.FindCampaignByID(ctx, w.campaign)
	if err != nil {
		t.Fatal(err)
	}
	g := c.user.Grants[0]
	if g.Role.Allows(thidua.PermManageCampaigns) && strings.HasPrefix(camp.UnitPath, g.UnitPath) {
		return nil
	}
	reviewers, err := w.e.DB.FindReviewers(ctx, camp.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range reviewers {
		if r.ID == c.user.ID {
			return nil
		}
	}
	regs, err := w.e.DB.FindRegistrations(ctx, camp.ID)
	if err != nil {
		t.Fatal(err)
	}
	out := map[int64]*thidua.Registration{}
	for _, r := range regs {
		if !strings.HasPrefix(r.UnitPath, g.UnitPath) && (r.PersonID == 0 || r.PersonID != c.user.PersonID) {
			out[r.ID] = r
		}
	}
	return out
}

// outsidePath fills the wildcards of pattern with an object outside c's
// scope; ok is false when the route has no {id} that stands for one.
func (w *authzWorld) outsidePath(t *testing.T, pattern string, rule authzRule, c *authzCaller, out outsideWorld, reg int64) (string, bool) {
	t.Helper()
	var id int64
	switch rule.id {
	case idUnit:
		id = out.unit
	case idPerson:
		id = out.person
	case idVictim:
		id = w.e.newVictim(out.unit)
	case idUser:
		id = w.byRole[thidua.RoleAdmin].user.ID
	case idToken:
		other := w.byRole[thidua.RoleAdmin].user
		if c.role == thidua.RoleAdmin {
			other = w.byRole[thidua.RoleStaff].user
		}
		id = w.e.newTokenFor(other)
	case idCampaign:
		id = out.campaign
	case idReg:
		id = reg
	default:
		return "", false
	}
	p := strings.ReplaceAll(pattern, "{id}", strconv.FormatInt(id, 10))
	p = strings.ReplaceAll(p, "{section}", "ratings")
	return p, true
}

// revealed lists what res shows of the registrations in outside: their IDs
// in JSON objects (a registration, or an evidence item or score naming
// it), links to their pages, and the names of their people and units that
// no registration in scope shares, in HTML, XLSX and PDF.
func revealed(t *testing.T, res reqResult, outside map[int64]*thidua.Registration, names map[string]bool) []string {
	t.Helper()
	var found []string
	ct := res.Header.Get("Content-Type")
	switch {
	case strings.HasPrefix(ct, "application/json"):
		var v any
		if err := json.Unmarshal([]byte(res.Body), &v); err != nil {
			t.Fatalf("JSON: %v", err)
		}
		var walk func(any)
		walk = func(v any) {
			switch x := v.(type) {
			case map[string]any:
				id, _ := x["id"].(float64)
				_, isReg := x["commitments"]
				if r := outside[int64(id)]; r != nil && isReg {
					found = append(found, "registration "+r.Name)
				}
				if rid, ok := x["registration_id"].(float64); ok && outside[int64(rid)] != nil {
					found = append(found, fmt.Sprintf("object %v of registration %d", x["id"], int64(rid)))
				}
				for _, y := range x {
					walk(y)
				}
			case []any:
				for _, y := range x {
					walk(y)
				}
			}
		}
		walk(v)
	case strings.HasPrefix(ct, "text/html"):
		for id, r := range outside {
			if strings.Contains(res.Body, fmt.Sprintf(`href="/app/registrations/%d"`, id)) {
				found = append(found, "link to "+r.Name)
			}
		}
		for name := range names {
			if strings.Contains(res.Body, name) {
				found = append(found, name)
			}
		}
	case strings.Contains(ct, "spreadsheetml"):
		if n := countXLSXNames(t, []byte(res.Body), names); n > 0 {
			found = append(found, fmt.Sprintf("%d cells naming participants outside", n))
		}
	case strings.HasPrefix(ct, "application/pdf"):
		tool := needPDFToText(t)
		text := pdfToText(t, tool, []byte(res.Body))
		for name := range names {
			if strings.Contains(text, name) {
				found = append(found, name)
			}
		}
	}
	return found
}

func TestAuthzOutsideScope(t *testing.T) {
	t.Parallel()
	w := newAuthzWorld(t)
	out := w.newOutsideCampaign(t)
	routes := w.e.Server.Routes()
	before := w.snapshot(t)
	tried, refused, lists := 0, 0, 0
	for _, c := range w.callers {
		if c.role == "" || c.role == thidua.RoleAdmin {
			continue
		}
		demoOut := w.demoOutside(t, c)
		reg := out.reg
		for id := range demoOut {
			reg = id // a registration of a campaign the role sees
			break
		}
		var names map[string]bool
		if len(demoOut) > 0 {
			camp, _ := w.e.DB.FindCampaignByID(sysCtx(), w.campaign)
			names = outsideNames(w.e, c.user, camp)
		}
		t.Run(c.name(), func(t *testing.T) {
			for _, rt := range routes {
				rule := authzRules[routeKey(rt)]
				if !strings.Contains(rt.Pattern, "{id}") {
					continue
				}
				path, ok := w.outsidePath(t, rt.Pattern, rule, c, out, reg)
				if !ok {
					continue
				}
				tried++
				res := w.send(t, rt, c, path, rule.body)
				// A body refused before any lookup answers the same for an
				// object that does not exist: it tells nothing either.
				same := false
				if res.Status == http.StatusUnprocessableEntity {
					missing := strings.ReplaceAll(strings.ReplaceAll(rt.Pattern, "{id}", "999999"), "{section}", "ratings")
					m := w.send(t, rt, c, missing, rule.body)
					same = m.Status == res.Status && m.Body == res.Body
				}
				isRefused := res.Status == http.StatusForbidden || res.Status == http.StatusNotFound || same
				t.Run(routeKey(rt), func(t *testing.T) {
					t.Logf("%s %s as %s outside the scope: %d", rt.Method, path, c.name(), res.Status)
					if !isRefused {
						t.Errorf("got %d, want 403 or 404, or the answer for an ID that does not exist (body %.300s)", res.Status, res.Body)
					}
				})
				if isRefused {
					refused++
				}
				// The lists and exports of the demo campaign, which the role
				// sees, hold nothing of the registrations outside its scope.
				if rule.id != idCampaign || rt.Method != http.MethodGet || len(demoOut) == 0 {
					continue
				}
				path = strings.ReplaceAll(rt.Pattern, "{id}", strconv.FormatInt(w.campaign, 10))
				res = w.send(t, rt, c, path, "")
				lists++
				t.Run(routeKey(rt)+" of the demo campaign", func(t *testing.T) {
					if res.Status == http.StatusForbidden || res.Status == http.StatusNotFound {
						return
					}
					if res.Status != http.StatusOK {
						t.Fatalf("got %d (body %.300s)", res.Status, res.Body)
					}
					if found := revealed(t, res, demoOut, names); len(found) > 0 {
						t.Errorf("%s shows %d things of registrations outside the scope: %.600s", path, len(found), strings.Join(found, "; "))
					}
				})
			}
		})
	}
	t.Logf("%d calls on objects outside the scope, %d refused; %d lists of the demo campaign checked", tried, refused, lists)
	after := w.snapshot(t)
	for k, v := range before {
		if after[k] != v {
			t.Errorf("%s: version %d before the walk, %d after", k, v, after[k])
		}
	}
}

// send calls a route as c on path, as authzWorld.call does.
func (w *authzWorld) send(t *testing.T, rt web.Route, c *authzCaller, path, body string) reqResult {
	t.Helper()
	if rt.API {
		code, hdr, b := w.e.apiDo(c.role, rt.Method, path, body)
		return reqResult{Status: code, Header: hdr, Body: b}
	}
	if rt.Method == http.MethodGet {
		return w.e.rawDo(c.client, http.MethodGet, path, "", nil)
	}
	return w.e.formDo(c.client, path, url.Values{}, nil)
}
