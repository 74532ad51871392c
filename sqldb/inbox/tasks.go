// Package inbox is the storage of "Việc cần làm" and of notifications
// (the domain is thidua/inbox): the task queries over the objects' states,
// scoped as the pages are; the notifications and each user's e-mail
// choice; the events read from the audit log in order; the reminders; and
// the e-mail outbox the job runner works through with retries.
package inbox

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"thidua"
	"thidua/inbox"
	"thidua/news"
	"thidua/sqldb"
)

// Store implements inbox.Service over a sqldb.DB.
type Store struct {
	db *sqldb.DB
}

var _ inbox.Service = (*Store)(nil)

// New returns the inbox store of db.
func New(db *sqldb.DB) *Store { return &Store{db: db} }

// query builds one statement with $n placeholders.
type query struct{ args []any }

func (q *query) arg(v any) string {
	q.args = append(q.args, v)
	return "$" + strconv.Itoa(len(q.args))
}

// under is the condition that the unit path in col lies within one of
// paths (all: everywhere); no path means nothing. It is the SQL of
// thidua.User.Covers.
func (q *query) under(col string, all bool, paths []string) string {
	if all {
		return "TRUE"
	}
	var ors []string
	for _, p := range paths {
		if p != "" {
			ors = append(ors, col+" LIKE "+q.arg(p+"%"))
		}
	}
	if len(ors) == 0 {
		return "FALSE"
	}
	return "(" + strings.Join(ors, " OR ") + ")"
}

func (q *query) in(col string, vals []string) string {
	ps := make([]string, len(vals))
	for i, v := range vals {
		ps[i] = q.arg(v)
	}
	return col + " IN (" + strings.Join(ps, ", ") + ")"
}

// headPaths are the unit paths where u holds the unit-head role
// (thidua.User.HeadCovers).
func headPaths(u *thidua.User) []string {
	var out []string
	for _, g := range u.Grants {
		if g.Role == thidua.RoleUnitHead && g.UnitPath != "" {
			out = append(out, g.UnitPath)
		}
	}
	return out
}

// taskSQL returns the union of every task query for u, each row
// (rank, kind, ref_id, name, context, due, campaign_id, note), or "" when
// u can have no task.
func taskSQL(u *thidua.User, q *query) string {
	me := q.arg(u.ID)
	var parts []string
	add := func(kind, sql string) {
		parts = append(parts, "SELECT "+strconv.Itoa(inbox.Rank(kind))+" AS rank, '"+kind+"' AS kind, "+sql)
	}
	regName := `COALESCE(pe.full_name, ru.name), c.title, c.end_date, c.id, `
	regFrom := ` FROM registrations r JOIN campaigns c ON c.id = r.campaign_id JOIN units ru ON ru.id = r.unit_id
		LEFT JOIN people pe ON pe.id = r.person_id`
	// The participant side: the unit head over the registration's unit,
	// or the person registered.
	heads := headPaths(u)
	participant := q.under("ru.path", false, heads)
	if u.PersonID != 0 {
		participant = "(" + participant + " OR r.person_id = " + q.arg(u.PersonID) + ")"
	}
	hasParticipant := len(heads) > 0 || u.PersonID != 0

	if all, paths := u.Scope(thidua.PermManageCampaigns); all || len(paths) > 0 {
		cu := q.under("cu.path", all, paths)
		add(inbox.KindRegistrationReview, `r.id, `+regName+`''`+regFrom+` JOIN units cu ON cu.id = c.unit_id
			WHERE `+q.in("r.state", inbox.ReviewStates)+` AND `+cu)
		pu := q.under("pu.path", all, paths)
		propFrom := ` FROM proposals p JOIN units pu ON pu.id = p.unit_id WHERE `
		add(inbox.KindProposalReceive, `p.id, p.title, pu.name, CAST(NULL AS TEXT), COALESCE(p.campaign_id, 0), ''`+
			propFrom+`p.state = `+q.arg(thidua.ProposalSubmitted)+` AND `+pu)
		add(inbox.KindProposalAppraise, `p.id, p.title, pu.name, CAST(NULL AS TEXT), COALESCE(p.campaign_id, 0), ''`+
			propFrom+`p.state = `+q.arg(thidua.ProposalReceived)+` AND `+pu)
		du := q.under("du.path", all, paths)
		add(inbox.KindDecisionIssue, `d.id, d.title, du.name, CAST(NULL AS TEXT), 0, '' FROM decisions d JOIN units du ON du.id = d.unit_id
			WHERE d.state = `+q.arg(thidua.DecisionDraft)+` AND `+du)
		mu := q.under("mu.path", all, paths)
		add(inbox.KindMeetingClose, `m.id, m.title, co.name, m.date, 0, '' FROM meetings m JOIN councils co ON co.id = m.council_id
			JOIN units mu ON mu.id = co.unit_id
			WHERE m.state = `+q.arg(thidua.MeetingOpen)+` AND (`+mu+` OR EXISTS (SELECT 1 FROM council_members s
			WHERE s.council_id = m.council_id AND s.user_id = `+me+` AND s.role = 'SECRETARY'))`)
	} else {
		add(inbox.KindMeetingClose, `m.id, m.title, co.name, m.date, 0, '' FROM meetings m JOIN councils co ON co.id = m.council_id
			JOIN council_members s ON s.council_id = m.council_id AND s.user_id = `+me+` AND s.role = 'SECRETARY'
			WHERE m.state = `+q.arg(thidua.MeetingOpen))
	}
	if hasParticipant {
		add(inbox.KindRegistrationReturned, `r.id, `+regName+`r.return_reason`+regFrom+`
			WHERE r.state = `+q.arg(thidua.RegReturned)+` AND `+participant)
		add(inbox.KindEvidenceMissing, `r.id, `+regName+`''`+regFrom+`
			WHERE `+q.in("r.state", inbox.ReportingRegStates)+` AND `+q.in("c.state", inbox.ReportingCampaignStates)+`
			AND NOT EXISTS (SELECT 1 FROM evidence e WHERE e.registration_id = r.id) AND `+participant)
		add(inbox.KindSelfScoreMissing, `r.id, `+regName+`''`+regFrom+`
			WHERE r.state = `+q.arg(thidua.RegApproved)+` AND `+q.in("c.state", inbox.SelfScoreCampaignStates)+`
			AND NOT EXISTS (SELECT 1 FROM scores s WHERE s.registration_id = r.id AND s.kind = `+q.arg(thidua.ScoreSelf)+`) AND `+participant)
	}
	if len(heads) > 0 || u.Can(thidua.PermRegister) {
		pu := q.under("pu.path", false, heads)
		add(inbox.KindProposalReturned, `p.id, p.title, pu.name, CAST(NULL AS TEXT), COALESCE(p.campaign_id, 0), p.reason
			FROM proposals p JOIN units pu ON pu.id = p.unit_id
			WHERE p.state = `+q.arg(thidua.ProposalReturned)+` AND (`+pu+` OR p.created_by = `+me+`)`)
	}
	if u.Can(thidua.PermReview) {
		add(inbox.KindScoreAssigned, `r.id, `+regName+`''`+regFrom+`
			JOIN campaign_reviewers cr ON cr.campaign_id = c.id AND cr.user_id = `+me+`
			WHERE r.state = `+q.arg(thidua.RegApproved)+` AND c.state = `+q.arg(thidua.CampaignEvaluating)+`
			AND NOT EXISTS (SELECT 1 FROM scores s WHERE s.registration_id = r.id AND s.kind = `+q.arg(thidua.ScoreCouncil)+` AND s.scorer_id = `+me+`)`)
	}
	// Every member votes but the secretary (thidua.Council.Voters); the
	// voters table records that someone voted, never how.
	add(inbox.KindMeetingVote, `m.id, m.title, co.name, m.date, 0, '' FROM meetings m JOIN councils co ON co.id = m.council_id
		JOIN council_members cm ON cm.council_id = m.council_id AND cm.user_id = `+me+` AND cm.role <> 'SECRETARY'
		WHERE m.state = `+q.arg(thidua.MeetingOpen)+`
		AND NOT EXISTS (SELECT 1 FROM meeting_voters mv WHERE mv.meeting_id = m.id AND mv.user_id = `+me+`)`)
	if u.Can(thidua.PermPublishArticles) {
		// Nobody approves an article they wrote or last edited (news).
		add(inbox.KindArticleReview, `a.id, a.title, '', CAST(NULL AS TEXT), COALESCE(a.campaign_id, 0), '' FROM articles a
			WHERE a.state = `+q.arg(news.ArticleSubmitted)+` AND COALESCE(a.author_id, 0) <> `+me+` AND COALESCE(a.editor_id, 0) <> `+me)
	}
	if u.Can(thidua.PermWriteArticles) {
		add(inbox.KindArticleReturned, `a.id, a.title, '', CAST(NULL AS TEXT), COALESCE(a.campaign_id, 0), a.note FROM articles a
			WHERE a.state = `+q.arg(news.ArticleDraft)+` AND a.note <> '' AND (a.author_id = `+me+` OR a.editor_id = `+me+`)`)
	}
	// The first row names the columns and holds nothing.
	head := `SELECT 0 AS rank, '' AS kind, 0 AS ref_id, '' AS name, '' AS context, CAST(NULL AS TEXT) AS due, 0 AS campaign_id, '' AS note WHERE FALSE`
	return head + "\nUNION ALL\n" + strings.Join(parts, "\nUNION ALL\n")
}

func signedIn(ctx context.Context) (*thidua.User, error) {
	u := thidua.UserFromContext(ctx)
	if u == nil || u.Disabled {
		return nil, thidua.Errorf(thidua.EUNAUTHORIZED, "Vui lòng đăng nhập.")
	}
	return u, nil
}

// FindTasks returns the user's tasks, ordered by kind (inbox.Rank), then
// due date and object, and their total.
func (s *Store) FindTasks(ctx context.Context, offset, limit int) ([]*inbox.Task, int, error) {
	u, err := signedIn(ctx)
	if err != nil {
		return nil, 0, err
	}
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	offset = max(offset, 0)
	q := &query{}
	union := taskSQL(u, q)
	rows, err := s.db.SQL().QueryContext(ctx, `SELECT t.kind, t.ref_id, t.name, t.context, t.due, t.campaign_id, t.note, COUNT(*) OVER ()
		FROM (`+union+`) t
		ORDER BY t.rank, CASE WHEN t.due IS NULL THEN 1 ELSE 0 END, t.due, t.ref_id
		LIMIT `+q.arg(limit)+` OFFSET `+q.arg(offset), q.args...)
	if err != nil {
		return nil, 0, fmt.Errorf("sqldb/inbox: tasks: %w", err)
	}
	defer rows.Close()
	var out []*inbox.Task
	total := 0
	for rows.Next() {
		var t inbox.Task
		var name, context string
		var due *string
		if err := rows.Scan(&t.Kind, &t.RefID, &name, &context, &due, &t.CampaignID, &t.Note, &total); err != nil {
			return nil, 0, fmt.Errorf("sqldb/inbox: tasks: %w", err)
		}
		if due != nil {
			t.Due, _ = thidua.ParseDate(*due)
		}
		t.Title = inbox.TaskTitle(t.Kind, name, context)
		t.URL = inbox.TaskURL(t.Kind, t.RefID)
		out = append(out, &t)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("sqldb/inbox: tasks: %w", err)
	}
	if len(out) == 0 && offset > 0 {
		// Past the end: the total still answers.
		c, err := s.CountInbox(ctx)
		return nil, c.Tasks, err
	}
	return out, total, nil
}

// CountInbox counts the user's tasks and unread notifications in one
// statement.
func (s *Store) CountInbox(ctx context.Context) (inbox.Counts, error) {
	var c inbox.Counts
	u, err := signedIn(ctx)
	if err != nil {
		return c, err
	}
	q := &query{}
	union := taskSQL(u, q)
	err = s.db.SQL().QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM (`+union+`) t),
		(SELECT COUNT(*) FROM notifications n WHERE n.user_id = `+q.arg(u.ID)+` AND n.read_at IS NULL)`, q.args...).Scan(&c.Tasks, &c.Unread)
	if err != nil {
		return c, fmt.Errorf("sqldb/inbox: count: %w", err)
	}
	return c, nil
}
