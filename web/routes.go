package web

import (
	"net/http"
	"thidua"
	"thidua/web/kit"
)

// routeSpec is one row of the route table.
type routeSpec struct {
	method, pattern string
	access          kit.Access
	perm            thidua.Permission
	handler         kit.HandlerFunc
}

// plain adapts an http.Handler that answers every request itself.
func plain(h http.Handler) kit.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		h.ServeHTTP(w, r)
		return nil
	}
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
		{"GET", "/{$}", kit.Public, "", s.portal.HandleHome},
		{"GET", "/healthz", kit.Public, "", s.handleHealth},
		{"GET", "/favicon.ico", kit.Public, "", s.handleFavicon},
		{"GET", "/metrics", kit.Public, "", plain(s.met.handler())},
		{"GET", "/static/{hash}/{name}", kit.Public, "", s.handleStatic},
		{"GET", "/login", kit.Public, "", s.handleLoginForm},
		{"POST", "/login", kit.Public, "", s.handleLogin},
		{"POST", "/logout", kit.SignedIn, "", s.handleLogout},

		{"GET", "/app", kit.SignedIn, "", s.ws.HandleDashboard},
		{"GET", "/app/account", kit.SignedIn, "", s.ws.HandleAccount},
		{"POST", "/app/account/password", kit.SignedIn, "", s.ws.HandleAccountPassword},
		{"POST", "/app/account/tokens", kit.SignedIn, "", s.ws.HandleTokenCreate},
		{"POST", "/app/account/tokens/{id}/delete", kit.SignedIn, "", s.ws.HandleTokenDelete},
		// The inbox answers for the signed-in user only.
		{"POST", "/app/account/notifications", kit.SignedIn, "", s.ws.HandleAccountNotifications},
		{"GET", "/app/notifications", kit.SignedIn, "", s.ws.HandleNotifications},
		{"POST", "/app/notifications/read", kit.SignedIn, "", s.ws.HandleNotificationRead},

		{"GET", "/app/units", kit.SignedIn, thidua.PermViewOrg, s.ws.HandleUnits},
		{"GET", "/app/units/new", kit.SignedIn, thidua.PermEditOrg, s.ws.HandleUnitNew},
		{"POST", "/app/units", kit.SignedIn, thidua.PermEditOrg, s.ws.HandleUnitCreate},
		{"GET", "/app/units/{id}", kit.SignedIn, thidua.PermViewOrg, s.ws.HandleUnit},
		{"POST", "/app/units/{id}", kit.SignedIn, thidua.PermEditOrg, s.ws.HandleUnitUpdate},
		{"POST", "/app/units/{id}/delete", kit.SignedIn, thidua.PermEditOrg, s.ws.HandleUnitDelete},

		{"GET", "/app/people", kit.SignedIn, thidua.PermViewOrg, s.ws.HandlePeople},
		{"GET", "/app/people/new", kit.SignedIn, thidua.PermEditOrg, s.ws.HandlePersonNew},
		{"POST", "/app/people", kit.SignedIn, thidua.PermEditOrg, s.ws.HandlePersonCreate},
		{"GET", "/app/people/{id}", kit.SignedIn, thidua.PermViewOrg, s.ws.HandlePerson},
		{"POST", "/app/people/{id}", kit.SignedIn, thidua.PermEditOrg, s.ws.HandlePersonUpdate},
		{"POST", "/app/people/{id}/delete", kit.SignedIn, thidua.PermEditOrg, s.ws.HandlePersonDelete},

		{"GET", "/app/users", kit.SignedIn, thidua.PermManageUsers, s.ws.HandleUsers},
		{"GET", "/app/users/new", kit.SignedIn, thidua.PermManageUsers, s.ws.HandleUserNew},
		{"POST", "/app/users", kit.SignedIn, thidua.PermManageUsers, s.ws.HandleUserCreate},
		{"GET", "/app/users/{id}", kit.SignedIn, thidua.PermManageUsers, s.ws.HandleUser},
		{"POST", "/app/users/{id}", kit.SignedIn, thidua.PermManageUsers, s.ws.HandleUserUpdate},
		{"POST", "/app/users/{id}/password", kit.SignedIn, thidua.PermManageUsers, s.ws.HandleUserPassword},

		{"GET", "/app/audit", kit.SignedIn, thidua.PermViewAudit, s.ws.HandleAudit},
		{"GET", "/app/rules", kit.SignedIn, thidua.PermManageRules, s.ws.HandleRules},
		{"POST", "/app/rules/preview", kit.SignedIn, thidua.PermManageRules, s.ws.HandleRulesPreview},
		{"GET", "/app/system", kit.SignedIn, thidua.PermManageSystem, s.ws.HandleSystem},
		{"GET", "/app/signing", kit.SignedIn, thidua.PermManageSystem, s.ws.HandleSigning},
		{"POST", "/app/signing/certificates", kit.SignedIn, thidua.PermManageSystem, s.ws.HandleCertificateUpload},
		{"POST", "/app/signing/certificates/{id}/delete", kit.SignedIn, thidua.PermManageSystem, s.ws.HandleCertificateDelete},
		{"POST", "/app/signing/anchors", kit.SignedIn, thidua.PermManageSystem, s.ws.HandleAnchorUpload},
		{"POST", "/app/signing/anchors/{id}/delete", kit.SignedIn, thidua.PermManageSystem, s.ws.HandleAnchorDelete},
		{"POST", "/app/system/audit", kit.SignedIn, thidua.PermManageSystem, s.ws.HandleSystemAudit},
		{"POST", "/app/system/jobs/{id}/retry", kit.SignedIn, thidua.PermManageSystem, s.ws.HandleJobRetry},

		{"GET", "/app/campaigns", kit.SignedIn, thidua.PermViewOrg, s.campaigns.HandleCampaigns},
		{"GET", "/app/campaigns/new", kit.SignedIn, thidua.PermManageCampaigns, s.campaigns.HandleCampaignNew},
		{"POST", "/app/campaigns", kit.SignedIn, thidua.PermManageCampaigns, s.campaigns.HandleCampaignCreate},
		{"GET", "/app/campaigns/{id}", kit.SignedIn, thidua.PermViewOrg, s.campaigns.HandleCampaign},
		{"GET", "/app/campaigns/{id}/edit", kit.SignedIn, thidua.PermManageCampaigns, s.campaigns.HandleCampaignEdit},
		{"POST", "/app/campaigns/{id}", kit.SignedIn, thidua.PermManageCampaigns, s.campaigns.HandleCampaignUpdate},
		{"POST", "/app/campaigns/{id}/transition", kit.SignedIn, thidua.PermManageCampaigns, s.campaigns.HandleCampaignTransition},
		{"POST", "/app/campaigns/{id}/copy", kit.SignedIn, thidua.PermManageCampaigns, s.campaigns.HandleCampaignCopy},
		{"POST", "/app/campaigns/{id}/publish-ranking", kit.SignedIn, thidua.PermManageCampaigns, s.campaigns.HandleCampaignPublishRanking},
		{"POST", "/app/campaigns/{id}/delete", kit.SignedIn, thidua.PermManageCampaigns, s.campaigns.HandleCampaignDelete},
		{"GET", "/app/campaigns/{id}/criteria", kit.SignedIn, thidua.PermViewOrg, s.campaigns.HandleCriteria},
		{"POST", "/app/campaigns/{id}/criteria", kit.SignedIn, thidua.PermManageCampaigns, s.campaigns.HandleCriteriaSave},
		{"POST", "/app/campaigns/{id}/reviewers", kit.SignedIn, thidua.PermManageCampaigns, s.campaigns.HandleReviewersSave},
		{"GET", "/app/campaigns/{id}/registrations", kit.SignedIn, thidua.PermViewOrg, s.campaigns.HandleRegistrations},
		{"POST", "/app/campaigns/{id}/registrations", kit.SignedIn, thidua.PermRegister, s.campaigns.HandleRegister},
		{"GET", "/app/campaigns/{id}/ranking", kit.SignedIn, thidua.PermViewOrg, s.campaigns.HandleRanking},
		{"GET", "/app/campaigns/{id}/report.pdf", kit.SignedIn, thidua.PermViewOrg, s.campaigns.HandleCampaignReport},
		{"GET", "/app/campaigns/{id}/report.xlsx", kit.SignedIn, thidua.PermViewOrg, s.campaigns.HandleCampaignReport},
		{"GET", "/app/registrations/{id}", kit.SignedIn, thidua.PermViewOrg, s.campaigns.HandleRegistration},
		{"POST", "/app/registrations/{id}/review", kit.SignedIn, thidua.PermManageCampaigns, s.campaigns.HandleRegistrationReview},
		{"POST", "/app/registrations/{id}/evidence", kit.SignedIn, "", s.campaigns.HandleEvidenceAdd},
		{"POST", "/app/registrations/{id}/scores", kit.SignedIn, "", s.campaigns.HandleScoreSave},
		{"GET", "/app/attachments/{id}", kit.SignedIn, "", s.campaigns.HandleAttachment},
		{"POST", "/app/registrations/{id}/resubmit", kit.SignedIn, "", s.campaigns.HandleResubmit},
		{"POST", "/app/registrations/{id}/scores/all", kit.SignedIn, "", s.campaigns.HandleScoresSaveAll},
		{"GET", "/app/campaigns/{id}/scoring", kit.SignedIn, thidua.PermViewOrg, s.campaigns.HandleScoring},
		{"POST", "/app/attachments/{id}/delete", kit.SignedIn, "", s.campaigns.HandleAttachmentDelete},
		{"POST", "/app/attachments/{id}/replace", kit.SignedIn, "", s.campaigns.HandleAttachmentReplace},

		// The templates are embedded: a parse error is a programming error
		// that every test run catches.
		{"GET", "/tin-tuc", kit.Public, "", s.portal.HandleHome},
		{"GET", "/tin-tuc/{slug}", kit.Public, "", s.portal.HandleArticle},
		{"GET", "/tin-tuc/{slug}/in", kit.Public, "", s.portal.HandlePrint},
		{"GET", "/chuyen-muc/{slug}", kit.Public, "", s.portal.HandleCategory},
		{"GET", "/chuyen-muc/{slug}/rss.xml", kit.Public, "", s.portal.HandleCategoryFeed},
		{"GET", "/tim-kiem", kit.Public, "", s.portal.HandleSearch},
		{"GET", "/rss.xml", kit.Public, "", s.portal.HandleFeed},
		{"GET", "/sitemap.xml", kit.Public, "", s.portal.HandleSitemap},
		{"GET", "/robots.txt", kit.Public, "", s.portal.HandleRobots},
		{"GET", "/anh/{key}", kit.Public, "", s.portal.HandleCover},
		{"GET", "/app/articles", kit.SignedIn, thidua.PermWriteArticles, s.articles.HandleArticles},
		{"GET", "/app/articles/new", kit.SignedIn, thidua.PermWriteArticles, s.articles.HandleArticleNew},
		{"POST", "/app/articles", kit.SignedIn, thidua.PermWriteArticles, s.articles.HandleArticleCreate},
		{"GET", "/app/articles/{id}", kit.SignedIn, thidua.PermWriteArticles, s.articles.HandleArticleView},
		{"GET", "/app/articles/{id}/edit", kit.SignedIn, thidua.PermWriteArticles, s.articles.HandleArticleEdit},
		{"POST", "/app/articles/{id}", kit.SignedIn, thidua.PermWriteArticles, s.articles.HandleArticleUpdate},
		{"POST", "/app/articles/{id}/transition", kit.SignedIn, thidua.PermWriteArticles, s.articles.HandleArticleTransition},
		{"GET", "/app/articles/{id}/preview", kit.SignedIn, thidua.PermWriteArticles, s.portal.HandleArticlePreview},
		{"GET", "/app/articles/{id}/versions", kit.SignedIn, thidua.PermWriteArticles, s.articles.HandleArticleVersions},
		{"POST", "/app/campaigns/{id}/article", kit.SignedIn, thidua.PermWriteArticles, s.articles.HandleArticleFromCampaign},
		{"GET", "/app/article-categories", kit.SignedIn, thidua.PermPublishArticles, s.articles.HandleCategories},
		{"POST", "/app/article-categories", kit.SignedIn, thidua.PermPublishArticles, s.articles.HandleCategoryCreate},
		{"POST", "/app/article-categories/{id}", kit.SignedIn, thidua.PermPublishArticles, s.articles.HandleCategoryUpdate},

		{"GET", "/app/people/{id}/history", kit.SignedIn, thidua.PermViewOrg, s.ws.HandleHistory},
		{"POST", "/app/people/{id}/history/{section}", kit.SignedIn, thidua.PermEditRecords, s.ws.HandleHistorySave},
		{"GET", "/app/units/{id}/history", kit.SignedIn, thidua.PermViewOrg, s.ws.HandleHistory},
		{"POST", "/app/units/{id}/history/{section}", kit.SignedIn, thidua.PermEditRecords, s.ws.HandleHistorySave},
		{"GET", "/app/eligibility", kit.SignedIn, thidua.PermViewOrg, s.ws.HandleEligibilityTable},
		{"GET", "/app/eligibility/forecast", kit.SignedIn, thidua.PermViewOrg, s.ws.HandleForecast},
		{"GET", "/app/eligibility/people/{id}", kit.SignedIn, thidua.PermViewOrg, s.ws.HandleEligibilityCell},
		{"GET", "/app/eligibility.xlsx", kit.SignedIn, thidua.PermViewOrg, s.ws.HandleEligibilityExport},

		{"POST", "/app/proposals/{id}/files", kit.SignedIn, thidua.PermRegister, s.commendation.HandleDossierUpload},
		{"GET", "/app/proposal-files/{id}", kit.SignedIn, thidua.PermViewOrg, s.commendation.HandleDossierDownload},
		{"POST", "/app/proposal-files/{id}/delete", kit.SignedIn, thidua.PermRegister, s.commendation.HandleDossierDelete},

		{"GET", "/app/proposals", kit.SignedIn, thidua.PermViewOrg, s.commendation.HandleProposals},
		{"GET", "/app/proposals/new", kit.SignedIn, thidua.PermRegister, s.commendation.HandleProposalNew},
		{"POST", "/app/proposals", kit.SignedIn, thidua.PermRegister, s.commendation.HandleProposalCreate},
		{"GET", "/app/proposals/{id}", kit.SignedIn, thidua.PermViewOrg, s.commendation.HandleProposal},
		{"POST", "/app/proposals/{id}", kit.SignedIn, thidua.PermRegister, s.commendation.HandleProposalUpdate},
		{"GET", "/app/proposals/{id}/nominees", kit.SignedIn, thidua.PermRegister, s.commendation.HandleNominees},
		{"POST", "/app/proposals/{id}/nominees", kit.SignedIn, thidua.PermRegister, s.commendation.HandleNomineesSave},
		{"POST", "/app/proposals/{id}/shortlist", kit.SignedIn, thidua.PermRegister, s.commendation.HandleShortlistPull},
		{"POST", "/app/proposals/{id}/submit", kit.SignedIn, thidua.PermRegister, s.commendation.HandleProposalSubmit},
		{"POST", "/app/proposals/{id}/transition", kit.SignedIn, thidua.PermManageCampaigns, s.commendation.HandleProposalTransition},
		{"GET", "/app/proposals/{id}/ladder", kit.SignedIn, thidua.PermViewOrg, s.commendation.HandleProposalLadder},
		{"POST", "/app/proposals/{id}/forward", kit.SignedIn, thidua.PermManageCampaigns, s.commendation.HandleProposalForward},
		{"GET", "/app/units/{id}/office", kit.SignedIn, thidua.PermViewOrg, s.commendation.HandleOffice},
		{"POST", "/app/units/{id}/office", kit.SignedIn, thidua.PermManageCampaigns, s.commendation.HandleOfficeSave},
		{"POST", "/app/nominees/{id}/confirm", kit.SignedIn, thidua.PermManageCampaigns, s.commendation.HandleNomineeConfirm},
		{"GET", "/app/proposals/{id}/central", kit.SignedIn, thidua.PermViewOrg, s.commendation.HandleCentral},
		{"GET", "/app/proposals/{id}/central-dossier.zip", kit.SignedIn, thidua.PermViewOrg, s.commendation.HandleCentralDossier},
		{"POST", "/app/proposals/{id}/public-comment", kit.SignedIn, thidua.PermManageCampaigns, s.commendation.HandleWindowSave},
		{"POST", "/app/public-comments/{id}/moderate", kit.SignedIn, thidua.PermManageCampaigns, s.commendation.HandleCommentModerate},
		{"POST", "/app/proposals/{id}/central-decisions", kit.SignedIn, thidua.PermManageCampaigns, s.commendation.HandleCentralDecision},

		{"GET", "/app/councils", kit.SignedIn, thidua.PermViewOrg, s.commendation.HandleCouncils},
		{"GET", "/app/councils/new", kit.SignedIn, thidua.PermManageCampaigns, s.commendation.HandleCouncilNew},
		{"POST", "/app/councils", kit.SignedIn, thidua.PermManageCampaigns, s.commendation.HandleCouncilCreate},
		// A council's members may not see its unit: the storage layer lets
		// them see the council and its meetings.
		{"GET", "/app/councils/{id}", kit.SignedIn, "", s.commendation.HandleCouncil},
		{"GET", "/app/councils/{id}/edit", kit.SignedIn, thidua.PermManageCampaigns, s.commendation.HandleCouncilEdit},
		{"POST", "/app/councils/{id}", kit.SignedIn, thidua.PermManageCampaigns, s.commendation.HandleCouncilUpdate},
		{"GET", "/app/councils/{id}/meetings/new", kit.SignedIn, thidua.PermManageCampaigns, s.commendation.HandleMeetingNew},
		{"POST", "/app/councils/{id}/meetings", kit.SignedIn, thidua.PermManageCampaigns, s.commendation.HandleMeetingCreate},
		// The secretary (a council member) records attendance, enters written
		// votes and closes the meeting; members vote. The storage layer checks
		// who may do what.
		{"GET", "/app/meetings/{id}", kit.SignedIn, "", s.commendation.HandleMeeting},
		{"POST", "/app/meetings/{id}/attendance", kit.SignedIn, "", s.commendation.HandleAttendance},
		{"GET", "/app/meetings/{id}/vote", kit.SignedIn, "", s.commendation.HandleBallot},
		{"POST", "/app/meetings/{id}/vote", kit.SignedIn, "", s.commendation.HandleVote},
		{"POST", "/app/meetings/{id}/written", kit.SignedIn, "", s.commendation.HandleWrittenVote},
		{"POST", "/app/meetings/{id}/receipt", kit.SignedIn, "", s.commendation.HandleReceiptCheck},
		{"POST", "/app/meetings/{id}/close", kit.SignedIn, "", s.commendation.HandleMeetingClose},
		{"POST", "/app/meetings/{id}/key", kit.SignedIn, "", s.commendation.HandleRekey},
		{"POST", "/app/meetings/{id}/share", kit.SignedIn, "", s.commendation.HandleShareDownload},
		{"GET", "/app/meetings/{id}/record.json", kit.SignedIn, "", s.commendation.HandleRecordDownload},
		{"POST", "/app/meetings/{id}/partial", kit.SignedIn, "", s.commendation.HandlePartialUpload},
		{"GET", "/app/meetings/{id}/minutes.pdf", kit.SignedIn, "", s.commendation.HandleMeetingDoc},
		{"GET", "/app/meetings/{id}/vote-count.pdf", kit.SignedIn, "", s.commendation.HandleMeetingDoc},

		{"GET", "/app/decisions", kit.SignedIn, thidua.PermViewOrg, s.commendation.HandleDecisions},
		{"GET", "/app/meetings/{id}/decision/new", kit.SignedIn, thidua.PermManageCampaigns, s.commendation.HandleDecisionNew},
		{"POST", "/app/meetings/{id}/decision", kit.SignedIn, thidua.PermManageCampaigns, s.commendation.HandleDecisionDraft},
		{"GET", "/app/decisions/{id}", kit.SignedIn, thidua.PermViewOrg, s.commendation.HandleDecision},
		{"POST", "/app/decisions/{id}", kit.SignedIn, thidua.PermManageCampaigns, s.commendation.HandleDecisionUpdate},
		{"POST", "/app/decisions/{id}/issue", kit.SignedIn, thidua.PermManageCampaigns, s.commendation.HandleDecisionIssue},
		{"GET", "/app/decisions/{id}/decision.pdf", kit.SignedIn, thidua.PermViewOrg, s.commendation.HandleDecisionDoc},
		{"GET", "/app/decisions/{id}/decision.xlsx", kit.SignedIn, thidua.PermViewOrg, s.commendation.HandleDecisionDoc},
		{"GET", "/app/decisions/{id}/certificates.pdf", kit.SignedIn, thidua.PermViewOrg, s.commendation.HandleDecisionDoc},
		{"POST", "/app/decisions/{id}/sign", kit.SignedIn, thidua.PermManageCampaigns, s.commendation.HandleDecisionSign},
		{"POST", "/app/decisions/{id}/signed", kit.SignedIn, thidua.PermManageCampaigns, s.commendation.HandleDecisionSigned},
		{"GET", "/vinh-danh", kit.Public, "", s.portal.HandleHonourRoll},
		// Public comment on nominees: never cached (each form carries its own
		// signed time); the date closes the page.
		{"GET", "/y-kien", kit.Public, "", s.portal.HandleCommentWindows},
		{"GET", "/y-kien/{id}", kit.Public, "", s.portal.HandleCommentPage},
		{"POST", "/y-kien/{id}", kit.Public, "", s.portal.HandleCommentPost},

		{"GET", "/api/v1/proposals", kit.SignedIn, thidua.PermViewOrg, s.api.ListProposals},
		{"POST", "/api/v1/proposals", kit.SignedIn, thidua.PermRegister, s.api.CreateProposal},
		{"GET", "/api/v1/proposals/{id}", kit.SignedIn, thidua.PermViewOrg, s.api.GetProposal},
		{"PUT", "/api/v1/proposals/{id}", kit.SignedIn, thidua.PermRegister, s.api.UpdateProposal},
		{"PUT", "/api/v1/proposals/{id}/nominees", kit.SignedIn, thidua.PermRegister, s.api.SetNominees},
		{"POST", "/api/v1/proposals/{id}/shortlist", kit.SignedIn, thidua.PermRegister, s.api.AddShortlist},
		{"POST", "/api/v1/proposals/{id}/submit", kit.SignedIn, thidua.PermRegister, s.api.SubmitProposal},
		{"POST", "/api/v1/proposals/{id}/transitions", kit.SignedIn, thidua.PermManageCampaigns, s.api.TransitionProposal},
		{"GET", "/api/v1/proposals/{id}/timeline", kit.SignedIn, thidua.PermViewOrg, s.api.ProposalTimeline},
		{"GET", "/api/v1/proposals/{id}/ladder", kit.SignedIn, thidua.PermViewOrg, s.api.GetProposalLadder},
		{"POST", "/api/v1/proposals/{id}/forward", kit.SignedIn, thidua.PermManageCampaigns, s.api.ForwardProposal},
		{"GET", "/api/v1/authorities", kit.SignedIn, thidua.PermViewOrg, s.api.ListAuthorities},
		{"GET", "/api/v1/units/{id}/office", kit.SignedIn, thidua.PermViewOrg, s.api.GetOffice},
		{"PUT", "/api/v1/units/{id}/office", kit.SignedIn, thidua.PermManageCampaigns, s.api.SetOffice},
		{"POST", "/api/v1/nominees/{id}/confirm", kit.SignedIn, thidua.PermManageCampaigns, s.api.ConfirmNominee},
		// Public comment and central decisions (package central): the storage
		// layer checks the proposal's scope.
		{"GET", "/api/v1/proposals/{id}/public-comment", kit.SignedIn, thidua.PermViewOrg, s.api.GetCommentWindow},
		{"PUT", "/api/v1/proposals/{id}/public-comment", kit.SignedIn, thidua.PermManageCampaigns, s.api.SetCommentWindow},
		{"GET", "/api/v1/proposals/{id}/public-comments", kit.SignedIn, thidua.PermManageCampaigns, s.api.ListPublicComments},
		{"POST", "/api/v1/public-comments/{id}/moderation", kit.SignedIn, thidua.PermManageCampaigns, s.api.ModerateComment},
		{"GET", "/api/v1/proposals/{id}/central-decisions", kit.SignedIn, thidua.PermViewOrg, s.api.ListCentralDecisions},
		// The dossier is the same stream as the page's download.
		{"GET", "/api/v1/proposals/{id}/central-dossier", kit.SignedIn, thidua.PermViewOrg, s.commendation.HandleCentralDossier},
		{"POST", "/api/v1/proposals/{id}/central-decisions", kit.SignedIn, thidua.PermManageCampaigns, s.api.RecordCentralDecision},

		{"GET", "/api/v1/councils", kit.SignedIn, thidua.PermViewOrg, s.api.ListCouncils},
		{"POST", "/api/v1/councils", kit.SignedIn, thidua.PermManageCampaigns, s.api.CreateCouncil},
		{"GET", "/api/v1/councils/{id}", kit.SignedIn, "", s.api.GetCouncil},
		{"PUT", "/api/v1/councils/{id}", kit.SignedIn, thidua.PermManageCampaigns, s.api.UpdateCouncil},
		{"GET", "/api/v1/councils/{id}/meetings", kit.SignedIn, "", s.api.ListMeetings},
		{"POST", "/api/v1/councils/{id}/meetings", kit.SignedIn, thidua.PermManageCampaigns, s.api.CreateMeeting},
		{"GET", "/api/v1/meetings/{id}", kit.SignedIn, "", s.api.GetMeeting},
		{"PUT", "/api/v1/meetings/{id}/attendance", kit.SignedIn, "", s.api.SetAttendance},
		{"POST", "/api/v1/meetings/{id}/votes", kit.SignedIn, "", s.api.CastVote},
		{"POST", "/api/v1/meetings/{id}/receipt", kit.SignedIn, "", s.api.CheckReceipt},
		{"POST", "/api/v1/meetings/{id}/close", kit.SignedIn, "", s.api.CloseMeeting},
		{"POST", "/api/v1/meetings/{id}/key", kit.SignedIn, "", s.api.RekeyMeeting},
		{"POST", "/api/v1/meetings/{id}/share", kit.SignedIn, "", s.api.DownloadShare},
		{"GET", "/api/v1/meetings/{id}/record", kit.SignedIn, "", s.api.MeetingRecord},
		{"POST", "/api/v1/meetings/{id}/partials", kit.SignedIn, "", s.api.AddPartial},
		{"GET", "/api/v1/meetings/{id}/tally", kit.SignedIn, "", s.api.Tally},

		{"GET", "/api/v1/decisions", kit.SignedIn, thidua.PermViewOrg, s.api.ListDecisions},
		{"POST", "/api/v1/meetings/{id}/decision", kit.SignedIn, thidua.PermManageCampaigns, s.api.DraftDecision},
		{"GET", "/api/v1/decisions/{id}", kit.SignedIn, thidua.PermViewOrg, s.api.GetDecision},
		{"PUT", "/api/v1/decisions/{id}", kit.SignedIn, thidua.PermManageCampaigns, s.api.UpdateDecision},
		{"POST", "/api/v1/decisions/{id}/issue", kit.SignedIn, thidua.PermManageCampaigns, s.api.IssueDecision},
		{"GET", "/api/v1/decisions/{id}/signatures", kit.SignedIn, thidua.PermViewOrg, s.api.GetDecisionSignatures},
		{"POST", "/api/v1/decisions/{id}/sign", kit.SignedIn, thidua.PermManageCampaigns, s.api.SignDecision},
		{"PUT", "/api/v1/decisions/{id}/signed", kit.SignedIn, thidua.PermManageCampaigns, s.api.UploadSignedDecision},

		{"GET", "/api/v1/openapi.json", kit.Public, "", s.api.HandleOpenAPI},
		{"GET", "/api/v1/stat-forms", kit.SignedIn, thidua.PermViewOrg, s.api.GetStatForm},
		{"GET", "/api/v1/me", kit.SignedIn, "", s.api.Me},
		{"GET", "/api/v1/me/tasks", kit.SignedIn, "", s.api.MeTasks},

		{"GET", "/api/v1/units", kit.SignedIn, thidua.PermViewOrg, s.api.ListUnits},
		{"POST", "/api/v1/units", kit.SignedIn, thidua.PermEditOrg, s.api.CreateUnit},
		{"GET", "/api/v1/units/{id}", kit.SignedIn, thidua.PermViewOrg, s.api.GetUnit},
		{"PUT", "/api/v1/units/{id}", kit.SignedIn, thidua.PermEditOrg, s.api.UpdateUnit},
		{"DELETE", "/api/v1/units/{id}", kit.SignedIn, thidua.PermEditOrg, s.api.DeleteUnit},

		{"GET", "/api/v1/people", kit.SignedIn, thidua.PermViewOrg, s.api.ListPeople},
		{"POST", "/api/v1/people", kit.SignedIn, thidua.PermEditOrg, s.api.CreatePerson},
		{"GET", "/api/v1/people/{id}", kit.SignedIn, thidua.PermViewOrg, s.api.GetPerson},
		{"PUT", "/api/v1/people/{id}", kit.SignedIn, thidua.PermEditOrg, s.api.UpdatePerson},
		{"DELETE", "/api/v1/people/{id}", kit.SignedIn, thidua.PermEditOrg, s.api.DeletePerson},

		{"GET", "/api/v1/users", kit.SignedIn, thidua.PermManageUsers, s.api.ListUsers},
		{"POST", "/api/v1/users", kit.SignedIn, thidua.PermManageUsers, s.api.CreateUser},
		{"GET", "/api/v1/users/{id}", kit.SignedIn, thidua.PermManageUsers, s.api.GetUser},
		{"PUT", "/api/v1/users/{id}", kit.SignedIn, thidua.PermManageUsers, s.api.UpdateUser},
		{"PUT", "/api/v1/users/{id}/password", kit.SignedIn, thidua.PermManageUsers, s.api.SetPassword},

		{"GET", "/api/v1/audit", kit.SignedIn, thidua.PermViewAudit, s.api.ListAudit},

		{"GET", "/api/v1/campaigns", kit.SignedIn, thidua.PermViewOrg, s.api.ListCampaigns},
		{"POST", "/api/v1/campaigns", kit.SignedIn, thidua.PermManageCampaigns, s.api.CreateCampaign},
		{"GET", "/api/v1/campaigns/{id}", kit.SignedIn, thidua.PermViewOrg, s.api.GetCampaign},
		{"PUT", "/api/v1/campaigns/{id}", kit.SignedIn, thidua.PermManageCampaigns, s.api.UpdateCampaign},
		{"DELETE", "/api/v1/campaigns/{id}", kit.SignedIn, thidua.PermManageCampaigns, s.api.DeleteCampaign},
		{"POST", "/api/v1/campaigns/{id}/transitions", kit.SignedIn, thidua.PermManageCampaigns, s.api.TransitionCampaign},
		{"POST", "/api/v1/campaigns/{id}/copy", kit.SignedIn, thidua.PermManageCampaigns, s.api.CopyCampaign},

		{"GET", "/api/v1/campaigns/{id}/criteria", kit.SignedIn, thidua.PermViewOrg, s.api.GetCriteria},
		{"PUT", "/api/v1/campaigns/{id}/criteria", kit.SignedIn, thidua.PermManageCampaigns, s.api.SaveCriteria},

		{"GET", "/api/v1/campaigns/{id}/registrations", kit.SignedIn, thidua.PermViewOrg, s.api.ListRegistrations},
		{"POST", "/api/v1/campaigns/{id}/registrations", kit.SignedIn, thidua.PermRegister, s.api.CreateRegistrations},
		{"GET", "/api/v1/registrations/{id}", kit.SignedIn, thidua.PermViewOrg, s.api.GetRegistration},
		{"POST", "/api/v1/registrations/{id}/review", kit.SignedIn, thidua.PermManageCampaigns, s.api.ReviewRegistration},

		// Evidence and scores: any signed-in user; the storage layer decides
		// who may report or score what, and when.
		{"GET", "/api/v1/registrations/{id}/evidence", kit.SignedIn, "", s.api.ListEvidence},
		{"POST", "/api/v1/registrations/{id}/evidence", kit.SignedIn, "", s.api.AddEvidence},
		{"GET", "/api/v1/campaigns/{id}/scores", kit.SignedIn, "", s.api.ListScores},
		{"PUT", "/api/v1/registrations/{id}/scores", kit.SignedIn, "", s.api.SaveScore},

		{"GET", "/api/v1/campaigns/{id}/results", kit.SignedIn, thidua.PermViewOrg, s.api.GetCampaignResults},
		{"GET", "/api/v1/campaigns/{id}/progress", kit.SignedIn, thidua.PermViewOrg, s.api.CampaignProgress},
		{"GET", "/api/v1/campaigns/{id}/reviewers", kit.SignedIn, thidua.PermViewOrg, s.api.GetReviewers},
		{"PUT", "/api/v1/campaigns/{id}/reviewers", kit.SignedIn, thidua.PermManageCampaigns, s.api.SetReviewers},

		{"POST", "/api/v1/eligibility/evaluate", kit.SignedIn, thidua.PermViewOrg, s.api.Evaluate},
		{"GET", "/api/v1/eligibility/forecast", kit.SignedIn, thidua.PermViewOrg, s.api.Forecast},
		{"GET", "/api/v1/eligibility", kit.SignedIn, thidua.PermViewOrg, s.api.EligibilityTable},
		{"GET", "/api/v1/people/{id}/eligibility", kit.SignedIn, thidua.PermViewOrg, s.api.SubjectEligibility},
		{"GET", "/api/v1/units/{id}/eligibility", kit.SignedIn, thidua.PermViewOrg, s.api.SubjectEligibility},
		{"GET", "/api/v1/people/{id}/history", kit.SignedIn, thidua.PermViewOrg, s.api.GetHistory},
		{"PUT", "/api/v1/people/{id}/history", kit.SignedIn, thidua.PermEditRecords, s.api.SaveHistory},
		{"GET", "/api/v1/units/{id}/history", kit.SignedIn, thidua.PermViewOrg, s.api.GetHistory},
		{"PUT", "/api/v1/units/{id}/history", kit.SignedIn, thidua.PermEditRecords, s.api.SaveHistory},

		// Clusters and blocs: the storage checks the organizer's and the
		// members' scope for every cluster; votes are cast by a member's
		// head or scorer.
		{"GET", "/api/v1/clusters", kit.SignedIn, thidua.PermViewOrg, s.api.ListClusters},
		{"POST", "/api/v1/clusters", kit.SignedIn, thidua.PermManageCampaigns, s.api.CreateCluster},
		{"GET", "/api/v1/clusters/{id}", kit.SignedIn, thidua.PermViewOrg, s.api.GetCluster},
		{"PUT", "/api/v1/clusters/{id}", kit.SignedIn, thidua.PermManageCampaigns, s.api.UpdateCluster},
		{"POST", "/api/v1/clusters/{id}/next-year", kit.SignedIn, thidua.PermManageCampaigns, s.api.NextYearCluster},
		{"GET", "/api/v1/clusters/{id}/covenant", kit.SignedIn, thidua.PermViewOrg, s.api.GetCovenant},
		{"PUT", "/api/v1/clusters/{id}/covenant", kit.SignedIn, thidua.PermManageCampaigns, s.api.SaveCovenant},
		{"POST", "/api/v1/clusters/{id}/review", kit.SignedIn, thidua.PermManageCampaigns, s.api.StartClusterReview},
		{"GET", "/api/v1/clusters/{id}/ranking", kit.SignedIn, thidua.PermViewOrg, s.api.ClusterRanking},
		{"GET", "/api/v1/clusters/{id}/votes", kit.SignedIn, thidua.PermViewOrg, s.api.ListClusterVotes},
		{"POST", "/api/v1/clusters/{id}/votes", kit.SignedIn, thidua.PermReview, s.api.CastClusterVote},
		{"POST", "/api/v1/clusters/{id}/conclude", kit.SignedIn, thidua.PermManageCampaigns, s.api.ConcludeCluster},

		{"GET", "/app/clusters", kit.SignedIn, thidua.PermViewOrg, s.ws.HandleClusters},
		{"POST", "/app/clusters", kit.SignedIn, thidua.PermManageCampaigns, s.ws.HandleClusterCreate},
		{"GET", "/app/clusters/{id}", kit.SignedIn, thidua.PermViewOrg, s.ws.HandleCluster},
		{"GET", "/app/clusters/{id}/covenant/file", kit.SignedIn, thidua.PermViewOrg, s.ws.HandleClusterCovenantFile},
		{"GET", "/app/clusters/{id}/edit", kit.SignedIn, thidua.PermManageCampaigns, s.ws.HandleClusterEdit},
		{"POST", "/app/clusters/{id}", kit.SignedIn, thidua.PermManageCampaigns, s.ws.HandleClusterUpdate},
		{"GET", "/app/clusters/{id}/covenant", kit.SignedIn, thidua.PermManageCampaigns, s.ws.HandleClusterCovenant},
		{"POST", "/app/clusters/{id}/covenant", kit.SignedIn, thidua.PermManageCampaigns, s.ws.HandleClusterCovenantSave},
		{"GET", "/app/clusters/{id}/review", kit.SignedIn, thidua.PermManageCampaigns, s.ws.HandleClusterReview},
		{"POST", "/app/clusters/{id}/review", kit.SignedIn, thidua.PermManageCampaigns, s.ws.HandleClusterReviewStart},
		{"POST", "/app/clusters/{id}/votes", kit.SignedIn, thidua.PermReview, s.ws.HandleClusterVote},
		{"POST", "/app/clusters/{id}/conclude", kit.SignedIn, thidua.PermManageCampaigns, s.ws.HandleClusterConclude},
		{"POST", "/app/clusters/{id}/next-year", kit.SignedIn, thidua.PermManageCampaigns, s.ws.HandleClusterNextYear},

		{"GET", "/app/stats", kit.SignedIn, thidua.PermViewOrg, s.ws.HandleStats},
		{"GET", "/app/stats/report.xlsx", kit.SignedIn, thidua.PermViewOrg, s.ws.HandleStatsReport},
		{"GET", "/app/stats/report.pdf", kit.SignedIn, thidua.PermViewOrg, s.ws.HandleStatsReport},
		{"GET", "/app/stats/forms", kit.SignedIn, thidua.PermViewOrg, s.ws.HandleStatForms},
		{"GET", "/app/stats/forms/download", kit.SignedIn, thidua.PermViewOrg, s.ws.HandleStatFormDownload},
		{"GET", "/app/imports", kit.SignedIn, thidua.PermEditOrg, s.ws.HandleImports},
		{"POST", "/app/imports", kit.SignedIn, thidua.PermEditOrg, s.ws.HandleImportUpload},
		{"GET", "/app/imports/{id}", kit.SignedIn, thidua.PermEditOrg, s.ws.HandleImport},
		{"GET", "/app/imports/{id}/progress", kit.SignedIn, thidua.PermEditOrg, s.ws.HandleImportProgress},
		{"POST", "/app/imports/{id}/confirm", kit.SignedIn, thidua.PermEditOrg, s.ws.HandleImportConfirm},
		{"POST", "/app/imports/{id}/discard", kit.SignedIn, thidua.PermEditOrg, s.ws.HandleImportDiscard},
		{"POST", "/app/imports/{id}/recheck", kit.SignedIn, thidua.PermEditOrg, s.ws.HandleImportRecheck},
		{"GET", "/app/import-templates/{slug}", kit.SignedIn, thidua.PermEditOrg, s.ws.HandleImportTemplate},

		{"GET", "/app/exports", kit.SignedIn, thidua.PermViewOrg, s.ws.HandleExports},
		{"GET", "/app/exports/people.xlsx", kit.SignedIn, thidua.PermViewOrg, s.ws.HandleExportPeople},
		{"GET", "/app/exports/units.xlsx", kit.SignedIn, thidua.PermViewOrg, s.ws.HandleExportUnits},
		{"GET", "/app/exports/history.xlsx", kit.SignedIn, thidua.PermViewOrg, s.ws.HandleExportHistory},
		{"GET", "/app/exports/campaigns.xlsx", kit.SignedIn, thidua.PermViewOrg, s.ws.HandleExportCampaigns},
		{"GET", "/app/exports/campaigns/{id}/results.xlsx", kit.SignedIn, thidua.PermViewOrg, s.ws.HandleExportResults},
		{"GET", "/app/exports/proposals.xlsx", kit.SignedIn, thidua.PermViewOrg, s.ws.HandleExportProposals},
		{"GET", "/app/exports/decisions.xlsx", kit.SignedIn, thidua.PermViewOrg, s.ws.HandleExportDecisions},
	}
}
