package web

import (
	"net/http"

	"thidua"
)

// routeSpec is one row of the route table.
type routeSpec struct {
	method, pattern string
	access          Access
	perm            thidua.Permission
	handler         http.HandlerFunc
}

// routeTable lists every route of the product in one place: its method and
// pattern, who may call it (Access and the permission on top of signing in;
// the organization scope is checked by the storage layer for every object),
// and the face that serves it: the server itself (sign-in, health, metrics,
// static files), the workspace under /app (s.ws, s.campaigns,
// s.commendation, s.articles), the JSON API under /api/v1 (s.api) and the
// public portal (s.portal).
func (s *Server) routeTable() []routeSpec {
	return []routeSpec{
		{"GET", "/{$}", Public, "", s.portal.handleHome},
		{"GET", "/healthz", Public, "", s.handleHealth},
		{"GET", "/metrics", Public, "", s.met.handler().ServeHTTP},
		{"GET", "/static/{hash}/{name}", Public, "", s.handleStatic},
		{"GET", "/login", Public, "", s.handleLoginForm},
		{"POST", "/login", Public, "", s.handleLogin},
		{"POST", "/logout", SignedIn, "", s.handleLogout},

		{"GET", "/app", SignedIn, "", s.ws.handleDashboard},
		{"GET", "/app/account", SignedIn, "", s.ws.handleAccount},
		{"POST", "/app/account/password", SignedIn, "", s.ws.handleAccountPassword},
		{"POST", "/app/account/tokens", SignedIn, "", s.ws.handleTokenCreate},
		{"POST", "/app/account/tokens/{id}/delete", SignedIn, "", s.ws.handleTokenDelete},

		{"GET", "/app/units", SignedIn, thidua.PermViewOrg, s.ws.handleUnits},
		{"GET", "/app/units/new", SignedIn, thidua.PermEditOrg, s.ws.handleUnitNew},
		{"POST", "/app/units", SignedIn, thidua.PermEditOrg, s.ws.handleUnitCreate},
		{"GET", "/app/units/{id}", SignedIn, thidua.PermViewOrg, s.ws.handleUnit},
		{"POST", "/app/units/{id}", SignedIn, thidua.PermEditOrg, s.ws.handleUnitUpdate},
		{"POST", "/app/units/{id}/delete", SignedIn, thidua.PermEditOrg, s.ws.handleUnitDelete},

		{"GET", "/app/people", SignedIn, thidua.PermViewOrg, s.ws.handlePeople},
		{"GET", "/app/people/new", SignedIn, thidua.PermEditOrg, s.ws.handlePersonNew},
		{"POST", "/app/people", SignedIn, thidua.PermEditOrg, s.ws.handlePersonCreate},
		{"GET", "/app/people/{id}", SignedIn, thidua.PermViewOrg, s.ws.handlePerson},
		{"POST", "/app/people/{id}", SignedIn, thidua.PermEditOrg, s.ws.handlePersonUpdate},
		{"POST", "/app/people/{id}/delete", SignedIn, thidua.PermEditOrg, s.ws.handlePersonDelete},

		{"GET", "/app/users", SignedIn, thidua.PermManageUsers, s.ws.handleUsers},
		{"GET", "/app/users/new", SignedIn, thidua.PermManageUsers, s.ws.handleUserNew},
		{"POST", "/app/users", SignedIn, thidua.PermManageUsers, s.ws.handleUserCreate},
		{"GET", "/app/users/{id}", SignedIn, thidua.PermManageUsers, s.ws.handleUser},
		{"POST", "/app/users/{id}", SignedIn, thidua.PermManageUsers, s.ws.handleUserUpdate},
		{"POST", "/app/users/{id}/password", SignedIn, thidua.PermManageUsers, s.ws.handleUserPassword},

		{"GET", "/app/audit", SignedIn, thidua.PermViewAudit, s.ws.handleAudit},

		{"GET", "/app/campaigns", SignedIn, thidua.PermViewOrg, s.campaigns.handleCampaigns},
		{"GET", "/app/campaigns/new", SignedIn, thidua.PermManageCampaigns, s.campaigns.handleCampaignNew},
		{"POST", "/app/campaigns", SignedIn, thidua.PermManageCampaigns, s.campaigns.handleCampaignCreate},
		{"GET", "/app/campaigns/{id}", SignedIn, thidua.PermViewOrg, s.campaigns.handleCampaign},
		{"GET", "/app/campaigns/{id}/edit", SignedIn, thidua.PermManageCampaigns, s.campaigns.handleCampaignEdit},
		{"POST", "/app/campaigns/{id}", SignedIn, thidua.PermManageCampaigns, s.campaigns.handleCampaignUpdate},
		{"POST", "/app/campaigns/{id}/transition", SignedIn, thidua.PermManageCampaigns, s.campaigns.handleCampaignTransition},
		{"POST", "/app/campaigns/{id}/copy", SignedIn, thidua.PermManageCampaigns, s.campaigns.handleCampaignCopy},
		{"POST", "/app/campaigns/{id}/delete", SignedIn, thidua.PermManageCampaigns, s.campaigns.handleCampaignDelete},
		{"GET", "/app/campaigns/{id}/criteria", SignedIn, thidua.PermViewOrg, s.campaigns.handleCriteria},
		{"POST", "/app/campaigns/{id}/criteria", SignedIn, thidua.PermManageCampaigns, s.campaigns.handleCriteriaSave},
		{"POST", "/app/campaigns/{id}/reviewers", SignedIn, thidua.PermManageCampaigns, s.campaigns.handleReviewersSave},
		{"GET", "/app/campaigns/{id}/registrations", SignedIn, thidua.PermViewOrg, s.campaigns.handleRegistrations},
		{"POST", "/app/campaigns/{id}/registrations", SignedIn, thidua.PermRegister, s.campaigns.handleRegister},
		{"GET", "/app/campaigns/{id}/ranking", SignedIn, thidua.PermViewOrg, s.campaigns.handleRanking},
		{"GET", "/app/campaigns/{id}/report.pdf", SignedIn, thidua.PermViewOrg, s.campaigns.handleCampaignReport},
		{"GET", "/app/campaigns/{id}/report.xlsx", SignedIn, thidua.PermViewOrg, s.campaigns.handleCampaignReport},
		{"GET", "/app/registrations/{id}", SignedIn, thidua.PermViewOrg, s.campaigns.handleRegistration},
		{"POST", "/app/registrations/{id}/review", SignedIn, thidua.PermManageCampaigns, s.campaigns.handleRegistrationReview},
		{"POST", "/app/registrations/{id}/evidence", SignedIn, "", s.campaigns.handleEvidenceAdd},
		{"POST", "/app/registrations/{id}/scores", SignedIn, "", s.campaigns.handleScoreSave},
		{"GET", "/app/attachments/{id}", SignedIn, "", s.campaigns.handleAttachment},

		// The templates are embedded: a parse error is a programming error
		// that every test run catches.
		{"GET", "/tin-tuc", Public, "", s.portal.handleHome},
		{"GET", "/tin-tuc/{slug}", Public, "", s.portal.handleArticle},
		{"GET", "/tin-tuc/{slug}/in", Public, "", s.portal.handlePrint},
		{"GET", "/chuyen-muc/{slug}", Public, "", s.portal.handleCategory},
		{"GET", "/chuyen-muc/{slug}/rss.xml", Public, "", s.portal.handleCategoryFeed},
		{"GET", "/tim-kiem", Public, "", s.portal.handleSearch},
		{"GET", "/rss.xml", Public, "", s.portal.handleFeed},
		{"GET", "/sitemap.xml", Public, "", s.portal.handleSitemap},
		{"GET", "/anh/{key}", Public, "", s.portal.handleCover},
		{"GET", "/app/articles", SignedIn, thidua.PermWriteArticles, s.articles.handleArticles},
		{"GET", "/app/articles/new", SignedIn, thidua.PermWriteArticles, s.articles.handleArticleNew},
		{"POST", "/app/articles", SignedIn, thidua.PermWriteArticles, s.articles.handleArticleCreate},
		{"GET", "/app/articles/{id}", SignedIn, thidua.PermWriteArticles, s.articles.handleArticleView},
		{"GET", "/app/articles/{id}/edit", SignedIn, thidua.PermWriteArticles, s.articles.handleArticleEdit},
		{"POST", "/app/articles/{id}", SignedIn, thidua.PermWriteArticles, s.articles.handleArticleUpdate},
		{"POST", "/app/articles/{id}/transition", SignedIn, thidua.PermWriteArticles, s.articles.handleArticleTransition},
		{"GET", "/app/articles/{id}/preview", SignedIn, thidua.PermWriteArticles, s.articles.handleArticlePreview},
		{"GET", "/app/articles/{id}/versions", SignedIn, thidua.PermWriteArticles, s.articles.handleArticleVersions},
		{"POST", "/app/campaigns/{id}/article", SignedIn, thidua.PermWriteArticles, s.articles.handleArticleFromCampaign},
		{"GET", "/app/article-categories", SignedIn, thidua.PermPublishArticles, s.articles.handleCategories},
		{"POST", "/app/article-categories", SignedIn, thidua.PermPublishArticles, s.articles.handleCategoryCreate},
		{"POST", "/app/article-categories/{id}", SignedIn, thidua.PermPublishArticles, s.articles.handleCategoryUpdate},

		{"GET", "/app/people/{id}/history", SignedIn, thidua.PermViewOrg, s.ws.handleHistory},
		{"POST", "/app/people/{id}/history/{section}", SignedIn, thidua.PermEditRecords, s.ws.handleHistorySave},
		{"GET", "/app/units/{id}/history", SignedIn, thidua.PermViewOrg, s.ws.handleHistory},
		{"POST", "/app/units/{id}/history/{section}", SignedIn, thidua.PermEditRecords, s.ws.handleHistorySave},
		{"GET", "/app/eligibility", SignedIn, thidua.PermViewOrg, s.ws.handleEligibilityTable},
		{"GET", "/app/eligibility/forecast", SignedIn, thidua.PermViewOrg, s.ws.handleForecast},

		{"POST", "/app/proposals/{id}/files", SignedIn, thidua.PermRegister, s.commendation.handleDossierUpload},
		{"GET", "/app/proposal-files/{id}", SignedIn, thidua.PermViewOrg, s.commendation.handleDossierDownload},
		{"POST", "/app/proposal-files/{id}/delete", SignedIn, thidua.PermRegister, s.commendation.handleDossierDelete},

		{"GET", "/app/proposals", SignedIn, thidua.PermViewOrg, s.commendation.handleProposals},
		{"GET", "/app/proposals/new", SignedIn, thidua.PermRegister, s.commendation.handleProposalNew},
		{"POST", "/app/proposals", SignedIn, thidua.PermRegister, s.commendation.handleProposalCreate},
		{"GET", "/app/proposals/{id}", SignedIn, thidua.PermViewOrg, s.commendation.handleProposal},
		{"POST", "/app/proposals/{id}", SignedIn, thidua.PermRegister, s.commendation.handleProposalUpdate},
		{"GET", "/app/proposals/{id}/nominees", SignedIn, thidua.PermRegister, s.commendation.handleNominees},
		{"POST", "/app/proposals/{id}/nominees", SignedIn, thidua.PermRegister, s.commendation.handleNomineesSave},
		{"POST", "/app/proposals/{id}/shortlist", SignedIn, thidua.PermRegister, s.commendation.handleShortlistPull},
		{"POST", "/app/proposals/{id}/submit", SignedIn, thidua.PermRegister, s.commendation.handleProposalSubmit},
		{"POST", "/app/proposals/{id}/transition", SignedIn, thidua.PermManageCampaigns, s.commendation.handleProposalTransition},
		{"POST", "/app/nominees/{id}/confirm", SignedIn, thidua.PermManageCampaigns, s.commendation.handleNomineeConfirm},

		{"GET", "/app/councils", SignedIn, thidua.PermViewOrg, s.commendation.handleCouncils},
		{"GET", "/app/councils/new", SignedIn, thidua.PermManageCampaigns, s.commendation.handleCouncilNew},
		{"POST", "/app/councils", SignedIn, thidua.PermManageCampaigns, s.commendation.handleCouncilCreate},
		// A council's members may not see its unit: the storage layer lets
		// them see the council and its meetings.
		{"GET", "/app/councils/{id}", SignedIn, "", s.commendation.handleCouncil},
		{"GET", "/app/councils/{id}/edit", SignedIn, thidua.PermManageCampaigns, s.commendation.handleCouncilEdit},
		{"POST", "/app/councils/{id}", SignedIn, thidua.PermManageCampaigns, s.commendation.handleCouncilUpdate},
		{"GET", "/app/councils/{id}/meetings/new", SignedIn, thidua.PermManageCampaigns, s.commendation.handleMeetingNew},
		{"POST", "/app/councils/{id}/meetings", SignedIn, thidua.PermManageCampaigns, s.commendation.handleMeetingCreate},
		// The secretary (a council member) records attendance, enters written
		// votes and closes the meeting; members vote. The storage layer checks
		// who may do what.
		{"GET", "/app/meetings/{id}", SignedIn, "", s.commendation.handleMeeting},
		{"POST", "/app/meetings/{id}/attendance", SignedIn, "", s.commendation.handleAttendance},
		{"GET", "/app/meetings/{id}/vote", SignedIn, "", s.commendation.handleBallot},
		{"POST", "/app/meetings/{id}/vote", SignedIn, "", s.commendation.handleVote},
		{"POST", "/app/meetings/{id}/written", SignedIn, "", s.commendation.handleWrittenVote},
		{"POST", "/app/meetings/{id}/receipt", SignedIn, "", s.commendation.handleReceiptCheck},
		{"POST", "/app/meetings/{id}/close", SignedIn, "", s.commendation.handleMeetingClose},
		{"GET", "/app/meetings/{id}/minutes.pdf", SignedIn, "", s.commendation.handleMeetingDoc},
		{"GET", "/app/meetings/{id}/vote-count.pdf", SignedIn, "", s.commendation.handleMeetingDoc},

		{"GET", "/app/decisions", SignedIn, thidua.PermViewOrg, s.commendation.handleDecisions},
		{"GET", "/app/meetings/{id}/decision/new", SignedIn, thidua.PermManageCampaigns, s.commendation.handleDecisionNew},
		{"POST", "/app/meetings/{id}/decision", SignedIn, thidua.PermManageCampaigns, s.commendation.handleDecisionDraft},
		{"GET", "/app/decisions/{id}", SignedIn, thidua.PermViewOrg, s.commendation.handleDecision},
		{"POST", "/app/decisions/{id}", SignedIn, thidua.PermManageCampaigns, s.commendation.handleDecisionUpdate},
		{"POST", "/app/decisions/{id}/issue", SignedIn, thidua.PermManageCampaigns, s.commendation.handleDecisionIssue},
		{"GET", "/app/decisions/{id}/decision.pdf", SignedIn, thidua.PermViewOrg, s.commendation.handleDecisionDoc},
		{"GET", "/app/decisions/{id}/decision.xlsx", SignedIn, thidua.PermViewOrg, s.commendation.handleDecisionDoc},
		{"GET", "/app/decisions/{id}/certificates.pdf", SignedIn, thidua.PermViewOrg, s.commendation.handleDecisionDoc},
		{"GET", "/vinh-danh", Public, "", s.commendation.handleHonourRoll},

		{"GET", "/api/v1/proposals", SignedIn, thidua.PermViewOrg, s.api.apiListProposals},
		{"POST", "/api/v1/proposals", SignedIn, thidua.PermRegister, s.api.apiCreateProposal},
		{"GET", "/api/v1/proposals/{id}", SignedIn, thidua.PermViewOrg, s.api.apiGetProposal},
		{"PUT", "/api/v1/proposals/{id}", SignedIn, thidua.PermRegister, s.api.apiUpdateProposal},
		{"PUT", "/api/v1/proposals/{id}/nominees", SignedIn, thidua.PermRegister, s.api.apiSetNominees},
		{"POST", "/api/v1/proposals/{id}/shortlist", SignedIn, thidua.PermRegister, s.api.apiPullShortlist},
		{"POST", "/api/v1/proposals/{id}/submit", SignedIn, thidua.PermRegister, s.api.apiSubmitProposal},
		{"POST", "/api/v1/proposals/{id}/transitions", SignedIn, thidua.PermManageCampaigns, s.api.apiTransitionProposal},
		{"GET", "/api/v1/proposals/{id}/timeline", SignedIn, thidua.PermViewOrg, s.api.apiProposalTimeline},
		{"POST", "/api/v1/nominees/{id}/confirm", SignedIn, thidua.PermManageCampaigns, s.api.apiConfirmNominee},

		{"GET", "/api/v1/councils", SignedIn, thidua.PermViewOrg, s.api.apiListCouncils},
		{"POST", "/api/v1/councils", SignedIn, thidua.PermManageCampaigns, s.api.apiCreateCouncil},
		{"GET", "/api/v1/councils/{id}", SignedIn, "", s.api.apiGetCouncil},
		{"PUT", "/api/v1/councils/{id}", SignedIn, thidua.PermManageCampaigns, s.api.apiUpdateCouncil},
		{"GET", "/api/v1/councils/{id}/meetings", SignedIn, "", s.api.apiListMeetings},
		{"POST", "/api/v1/councils/{id}/meetings", SignedIn, thidua.PermManageCampaigns, s.api.apiCreateMeeting},
		{"GET", "/api/v1/meetings/{id}", SignedIn, "", s.api.apiGetMeeting},
		{"PUT", "/api/v1/meetings/{id}/attendance", SignedIn, "", s.api.apiSetAttendance},
		{"POST", "/api/v1/meetings/{id}/votes", SignedIn, "", s.api.apiCastVote},
		{"POST", "/api/v1/meetings/{id}/receipt", SignedIn, "", s.api.apiCheckReceipt},
		{"POST", "/api/v1/meetings/{id}/close", SignedIn, "", s.api.apiCloseMeeting},
		{"GET", "/api/v1/meetings/{id}/tally", SignedIn, "", s.api.apiTally},

		{"GET", "/api/v1/decisions", SignedIn, thidua.PermViewOrg, s.api.apiListDecisions},
		{"POST", "/api/v1/meetings/{id}/decision", SignedIn, thidua.PermManageCampaigns, s.api.apiDraftDecision},
		{"GET", "/api/v1/decisions/{id}", SignedIn, thidua.PermViewOrg, s.api.apiGetDecision},
		{"PUT", "/api/v1/decisions/{id}", SignedIn, thidua.PermManageCampaigns, s.api.apiUpdateDecision},
		{"POST", "/api/v1/decisions/{id}/issue", SignedIn, thidua.PermManageCampaigns, s.api.apiIssueDecision},

		{"GET", "/api/v1/openapi.json", Public, "", s.api.handleOpenAPI},
		{"GET", "/api/v1/me", SignedIn, "", s.api.apiMe},

		{"GET", "/api/v1/units", SignedIn, thidua.PermViewOrg, s.api.apiListUnits},
		{"POST", "/api/v1/units", SignedIn, thidua.PermEditOrg, s.api.apiCreateUnit},
		{"GET", "/api/v1/units/{id}", SignedIn, thidua.PermViewOrg, s.api.apiGetUnit},
		{"PUT", "/api/v1/units/{id}", SignedIn, thidua.PermEditOrg, s.api.apiUpdateUnit},
		{"DELETE", "/api/v1/units/{id}", SignedIn, thidua.PermEditOrg, s.api.apiDeleteUnit},

		{"GET", "/api/v1/people", SignedIn, thidua.PermViewOrg, s.api.apiListPeople},
		{"POST", "/api/v1/people", SignedIn, thidua.PermEditOrg, s.api.apiCreatePerson},
		{"GET", "/api/v1/people/{id}", SignedIn, thidua.PermViewOrg, s.api.apiGetPerson},
		{"PUT", "/api/v1/people/{id}", SignedIn, thidua.PermEditOrg, s.api.apiUpdatePerson},
		{"DELETE", "/api/v1/people/{id}", SignedIn, thidua.PermEditOrg, s.api.apiDeletePerson},

		{"GET", "/api/v1/users", SignedIn, thidua.PermManageUsers, s.api.apiListUsers},
		{"POST", "/api/v1/users", SignedIn, thidua.PermManageUsers, s.api.apiCreateUser},
		{"GET", "/api/v1/users/{id}", SignedIn, thidua.PermManageUsers, s.api.apiGetUser},
		{"PUT", "/api/v1/users/{id}", SignedIn, thidua.PermManageUsers, s.api.apiUpdateUser},
		{"PUT", "/api/v1/users/{id}/password", SignedIn, thidua.PermManageUsers, s.api.apiSetPassword},

		{"GET", "/api/v1/audit", SignedIn, thidua.PermViewAudit, s.api.apiListAudit},

		{"GET", "/api/v1/campaigns", SignedIn, thidua.PermViewOrg, s.api.apiListCampaigns},
		{"POST", "/api/v1/campaigns", SignedIn, thidua.PermManageCampaigns, s.api.apiCreateCampaign},
		{"GET", "/api/v1/campaigns/{id}", SignedIn, thidua.PermViewOrg, s.api.apiGetCampaign},
		{"PUT", "/api/v1/campaigns/{id}", SignedIn, thidua.PermManageCampaigns, s.api.apiUpdateCampaign},
		{"DELETE", "/api/v1/campaigns/{id}", SignedIn, thidua.PermManageCampaigns, s.api.apiDeleteCampaign},
		{"POST", "/api/v1/campaigns/{id}/transitions", SignedIn, thidua.PermManageCampaigns, s.api.apiTransitionCampaign},
		{"POST", "/api/v1/campaigns/{id}/copy", SignedIn, thidua.PermManageCampaigns, s.api.apiCopyCampaign},

		{"GET", "/api/v1/campaigns/{id}/criteria", SignedIn, thidua.PermViewOrg, s.api.apiGetCriteria},
		{"PUT", "/api/v1/campaigns/{id}/criteria", SignedIn, thidua.PermManageCampaigns, s.api.apiSaveCriteria},

		{"GET", "/api/v1/campaigns/{id}/registrations", SignedIn, thidua.PermViewOrg, s.api.apiListRegistrations},
		{"POST", "/api/v1/campaigns/{id}/registrations", SignedIn, thidua.PermRegister, s.api.apiCreateRegistrations},
		{"GET", "/api/v1/registrations/{id}", SignedIn, thidua.PermViewOrg, s.api.apiGetRegistration},
		{"POST", "/api/v1/registrations/{id}/review", SignedIn, thidua.PermManageCampaigns, s.api.apiReviewRegistration},

		// Evidence and scores: any signed-in user; the storage layer decides
		// who may report or score what, and when.
		{"GET", "/api/v1/registrations/{id}/evidence", SignedIn, "", s.api.apiListEvidence},
		{"POST", "/api/v1/registrations/{id}/evidence", SignedIn, "", s.api.apiAddEvidence},
		{"GET", "/api/v1/campaigns/{id}/scores", SignedIn, "", s.api.apiListScores},
		{"PUT", "/api/v1/registrations/{id}/scores", SignedIn, "", s.api.apiSaveScore},

		{"GET", "/api/v1/campaigns/{id}/results", SignedIn, thidua.PermViewOrg, s.api.apiCampaignResults},
		{"GET", "/api/v1/campaigns/{id}/progress", SignedIn, thidua.PermViewOrg, s.api.apiCampaignProgress},
		{"GET", "/api/v1/campaigns/{id}/reviewers", SignedIn, thidua.PermViewOrg, s.api.apiGetReviewers},
		{"PUT", "/api/v1/campaigns/{id}/reviewers", SignedIn, thidua.PermManageCampaigns, s.api.apiSetReviewers},

		{"POST", "/api/v1/eligibility/evaluate", SignedIn, thidua.PermViewOrg, s.api.apiEvaluate},
		{"GET", "/api/v1/eligibility/forecast", SignedIn, thidua.PermViewOrg, s.api.apiForecast},
		{"GET", "/api/v1/people/{id}/eligibility", SignedIn, thidua.PermViewOrg, s.api.apiSubjectEligibility},
		{"GET", "/api/v1/units/{id}/eligibility", SignedIn, thidua.PermViewOrg, s.api.apiSubjectEligibility},
		{"GET", "/api/v1/people/{id}/history", SignedIn, thidua.PermViewOrg, s.api.apiGetHistory},
		{"PUT", "/api/v1/people/{id}/history", SignedIn, thidua.PermEditRecords, s.api.apiSaveHistory},
		{"GET", "/api/v1/units/{id}/history", SignedIn, thidua.PermViewOrg, s.api.apiGetHistory},
		{"PUT", "/api/v1/units/{id}/history", SignedIn, thidua.PermEditRecords, s.api.apiSaveHistory},

		{"GET", "/app/stats", SignedIn, thidua.PermViewOrg, s.ws.handleStats},
		{"GET", "/app/stats/report.xlsx", SignedIn, thidua.PermViewOrg, s.ws.handleStatsReport},
		{"GET", "/app/stats/report.pdf", SignedIn, thidua.PermViewOrg, s.ws.handleStatsReport},
		{"GET", "/app/imports", SignedIn, thidua.PermEditOrg, s.ws.handleImports},
		{"POST", "/app/imports", SignedIn, thidua.PermEditOrg, s.ws.handleImportUpload},
		{"GET", "/app/imports/{id}", SignedIn, thidua.PermEditOrg, s.ws.handleImport},
		{"GET", "/app/imports/{id}/progress", SignedIn, thidua.PermEditOrg, s.ws.handleImportProgress},
		{"POST", "/app/imports/{id}/confirm", SignedIn, thidua.PermEditOrg, s.ws.handleImportConfirm},
		{"POST", "/app/imports/{id}/discard", SignedIn, thidua.PermEditOrg, s.ws.handleImportDiscard},
		{"POST", "/app/imports/{id}/recheck", SignedIn, thidua.PermEditOrg, s.ws.handleImportRecheck},
		{"GET", "/app/import-templates/{slug}", SignedIn, thidua.PermEditOrg, s.ws.handleImportTemplate},

		{"GET", "/app/exports", SignedIn, thidua.PermViewOrg, s.ws.handleExports},
		{"GET", "/app/exports/people.xlsx", SignedIn, thidua.PermViewOrg, s.ws.handleExportPeople},
		{"GET", "/app/exports/units.xlsx", SignedIn, thidua.PermViewOrg, s.ws.handleExportUnits},
		{"GET", "/app/exports/history.xlsx", SignedIn, thidua.PermViewOrg, s.ws.handleExportHistory},
		{"GET", "/app/exports/campaigns.xlsx", SignedIn, thidua.PermViewOrg, s.ws.handleExportCampaigns},
		{"GET", "/app/exports/campaigns/{id}/results.xlsx", SignedIn, thidua.PermViewOrg, s.ws.handleExportResults},
		{"GET", "/app/exports/proposals.xlsx", SignedIn, thidua.PermViewOrg, s.ws.handleExportProposals},
		{"GET", "/app/exports/decisions.xlsx", SignedIn, thidua.PermViewOrg, s.ws.handleExportDecisions},
	}
}
