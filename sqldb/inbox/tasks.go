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
	"thidua/sqldb/levels"
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

// arg adds a parameter; every one added must appear in the statement
// (PostgreSQL cannot type an unused one).
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

// scoped takes a predicate of package levels written over q's arguments.
func (q *query) scoped(where string, args []any) string {
	q.args = args
	return where
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

// taskSQL returns the union of every task query for u, the objects
// scoped by sc as their pages are (package levels: a grant high in the
// tree does not reach a lower agency's proposals, meetings or decisions), each row
// (rank, kind, ref_id, name, context, due, campaign_id, note); with count
// set, rows of one column for counting, without the joins that only name
// things. The conditions on registrations are written as IN over small
// sets (the user's units, campaigns, reviews) so that both databases walk
// registrations by index instead of joining all of them.
func taskSQL(u *thidua.User, sc *levels.Scoper, q *query, count bool) string {
	me := q.arg(u.ID)
	var parts []string
	add := func(kind, cols, from string) {
		if count {
			parts = append(parts, "SELECT 1 AS one "+from)
			return
		}
		parts = append(parts, "SELECT "+strconv.Itoa(inbox.Rank(kind))+" AS rank, '"+kind+"' AS kind, "+cols+" "+from)
	}
	// Registrations: where uses r only (and subqueries); units, when set,
	// drives the query from the unit head's units (SQLite keeps the order
	// of a CROSS JOIN; PostgreSQL plans it as any join).
	addRegFrom := func(kind, note, units, where string) {
		table := `registrations r`
		if units != "" {
			table = `units hu CROSS JOIN registrations r`
			where = `r.unit_id = hu.id AND ` + units + ` AND ` + where
		}
		from := `FROM ` + table + ` WHERE ` + where
		if !count {
			from = `FROM ` + table + ` JOIN campaigns c ON c.id = r.campaign_id JOIN units ru ON ru.id = r.unit_id
				LEFT JOIN people pe ON pe.id = r.person_id WHERE ` + where
		}
		add(kind, `r.id, COALESCE(pe.full_name, ru.name), c.title, c.end_date, c.id, `+note, from)
	}
	addReg := func(kind, note, where string) { addRegFrom(kind, note, "", where) }
	campaignsIn := func(states []string) string {
		return `r.campaign_id IN (SELECT cs.id FROM campaigns cs WHERE ` + q.in("cs.state", states) + `)`
	}
	// The participant side: the unit head over the registration's unit
	// (thidua.User.HeadCovers), or the person registered.
	heads := headPaths(u)
	var headUnits, own string
	if len(heads) > 0 {
		headUnits = q.under("hu.path", false, heads)
	}
	if u.PersonID != 0 {
		own = `r.person_id = ` + q.arg(u.PersonID)
		if headUnits != "" {
			// Not counted twice when the head's units hold it.
			own += ` AND r.unit_id NOT IN (SELECT hu.id FROM units hu WHERE ` + headUnits + `)`
		}
	}
	participantReg := func(kind, note, where string) {
		if headUnits != "" {
			addRegFrom(kind, note, headUnits, where)
		}
		if own != "" {
			addReg(kind, note, own+` AND `+where)
		}
	}

	if all, paths := u.Scope(thidua.PermManageCampaigns); all || len(paths) > 0 {
		managed := "TRUE"
		if !all {
			managed = `r.campaign_id IN (SELECT mc.id FROM campaigns mc JOIN units cu ON cu.id = mc.unit_id WHERE ` + q.under("cu.path", all, paths) + `)`
		}
		addReg(inbox.KindRegistrationReview, `''`, q.in("r.state", inbox.ReviewStates)+` AND `+managed)
		// Received and appraised by the level a proposal is addressed to.
		propCols := `p.id, p.title, u.name, CAST(NULL AS TEXT), COALESCE(p.campaign_id, 0), ''`
		propFrom := proposalsFrom + ` WHERE `
		add(inbox.KindProposalReceive, propCols, propFrom+`p.state = `+q.arg(thidua.ProposalSubmitted)+` AND `+q.scoped(sc.Acting(thidua.PermManageCampaigns, q.args)))
		add(inbox.KindProposalAppraise, propCols, propFrom+`p.state = `+q.arg(thidua.ProposalReceived)+` AND `+q.scoped(sc.Acting(thidua.PermManageCampaigns, q.args)))
		add(inbox.KindDecisionIssue, `d.id, d.title, du.name, CAST(NULL AS TEXT), 0, ''`,
			`FROM decisions d JOIN units du ON du.id = d.unit_id WHERE d.state = `+q.arg(thidua.DecisionDraft)+` AND `+q.scoped(sc.Units(thidua.PermManageCampaigns, "du.path", q.args)))
		add(inbox.KindMeetingClose, `m.id, m.title, co.name, m.date, 0, ''`, `FROM meetings m JOIN councils co ON co.id = m.council_id
			JOIN units mu ON mu.id = co.unit_id
			WHERE m.state = `+q.arg(thidua.MeetingOpen)+` AND (`+q.scoped(sc.Units(thidua.PermManageCampaigns, "mu.path", q.args))+` OR EXISTS (SELECT 1 FROM council_members s
			WHERE s.council_id = m.council_id AND s.user_id = `+me+` AND s.role = 'SECRETARY'))`)
	} else {
		add(inbox.KindMeetingClose, `m.id, m.title, co.name, m.date, 0, ''`, `FROM meetings m JOIN councils co ON co.id = m.council_id
			JOIN council_members s ON s.council_id = m.council_id AND s.user_id = `+me+` AND s.role = 'SECRETARY'
			WHERE m.state = `+q.arg(thidua.MeetingOpen))
	}
	if headUnits != "" || own != "" {
		participantReg(inbox.KindRegistrationReturned, `r.return_reason`, `r.state = `+q.arg(thidua.RegReturned))
		participantReg(inbox.KindEvidenceMissing, `''`, q.in("r.state", inbox.ReportingRegStates)+` AND `+
			campaignsIn(inbox.ReportingCampaignStates)+` AND NOT EXISTS (SELECT 1 FROM evidence e WHERE e.registration_id = r.id)`)
		participantReg(inbox.KindSelfScoreMissing, `''`, `r.state = `+q.arg(thidua.RegApproved)+` AND `+
			campaignsIn(inbox.SelfScoreCampaignStates)+
			` AND NOT EXISTS (SELECT 1 FROM scores s WHERE s.registration_id = r.id AND s.kind = `+q.arg(thidua.ScoreSelf)+`)`)
	}
	if len(heads) > 0 || u.Can(thidua.PermRegister) {
		add(inbox.KindProposalReturned, `p.id, p.title, u.name, CAST(NULL AS TEXT), COALESCE(p.campaign_id, 0), p.reason`,
			proposalsFrom+` WHERE p.state = `+q.arg(thidua.ProposalReturned)+` AND (`+q.under("u.path", false, heads)+` OR p.created_by = `+me+`)
			AND `+q.scoped(sc.Proposals(thidua.PermViewOrg, q.args)))
	}
	if u.Can(thidua.PermReview) {
		addReg(inbox.KindScoreAssigned, `''`, `r.state = `+q.arg(thidua.RegApproved)+`
			AND r.campaign_id IN (SELECT cr.campaign_id FROM campaign_reviewers cr JOIN campaigns rc ON rc.id = cr.campaign_id
				WHERE cr.user_id = `+me+` AND rc.state = `+q.arg(thidua.CampaignEvaluating)+`)
			AND NOT EXISTS (SELECT 1 FROM scores s WHERE s.registration_id = r.id AND s.kind = `+q.arg(thidua.ScoreCouncil)+` AND s.scorer_id = `+me+`)`)
	}
	// Every member votes but the secretary (thidua.Council.Voters); the
	// voters table records that someone voted, never how.
	add(inbox.KindMeetingVote, `m.id, m.title, co.name, m.date, 0, ''`, `FROM meetings m JOIN councils co ON co.id = m.council_id
		JOIN council_members cm ON cm.council_id = m.council_id AND cm.user_id = `+me+` AND cm.role <> 'SECRETARY'
		WHERE m.state = `+q.arg(thidua.MeetingOpen)+`
		AND NOT EXISTS (SELECT 1 FROM meeting_voters mv WHERE mv.meeting_id = m.id AND mv.user_id = `+me+`)`)
	if u.Can(thidua.PermPublishArticles) {
		// Nobody approves an article they wrote or last edited (news).
		add(inbox.KindArticleReview, `a.id, a.title, '', CAST(NULL AS TEXT), COALESCE(a.campaign_id, 0), ''`, `FROM articles a
			WHERE a.state = `+q.arg(news.ArticleSubmitted)+` AND COALESCE(a.author_id, 0) <> `+me+` AND COALESCE(a.editor_id, 0) <> `+me)
	}
	if u.Can(thidua.PermWriteArticles) {
		add(inbox.KindArticleReturned, `a.id, a.title, '', CAST(NULL AS TEXT), COALESCE(a.campaign_id, 0), a.note`, `FROM articles a
			WHERE a.state = `+q.arg(news.ArticleDraft)+` AND a.note <> '' AND (a.author_id = `+me+` OR a.editor_id = `+me+`)`)
	}
	if count {
		// A sum of counts: each part is planned on its own.
		for i, p := range parts {
			parts[i] = "(SELECT COUNT(*) FROM (" + p + ") t" + strconv.Itoa(i) + ")"
		}
		return strings.Join(parts, "\n+ ")
	}
	// The first row names the columns and holds nothing.
	head := `SELECT 0 AS rank, '' AS kind, 0 AS ref_id, '' AS name, '' AS context, CAST(NULL AS TEXT) AS due, 0 AS campaign_id, '' AS note WHERE FALSE`
	return head + "\nUNION ALL\n" + strings.Join(parts, "\nUNION ALL\n")
}

// proposalsFrom joins the columns the proposal scopes of package levels
// are written over.
const proposalsFrom = `FROM proposals p JOIN units u ON u.id = p.unit_id LEFT JOIN proposal_ladder pl ON pl.proposal_id = p.id`

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
	sc, err := levels.For(ctx, s.db.SQL())
	if err != nil {
		return nil, 0, err
	}
	q := &query{}
	union := taskSQL(u, sc, q, false)
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
	sc, err := levels.For(ctx, s.db.SQL())
	if err != nil {
		return c, err
	}
	q := &query{}
	union := taskSQL(u, sc, q, true)
	err = s.db.SQL().QueryRowContext(ctx, `SELECT `+union+`,
		(SELECT COUNT(*) FROM notifications n WHERE n.user_id = `+q.arg(u.ID)+` AND n.read_at IS NULL)`, q.args...).Scan(&c.Tasks, &c.Unread)
	if err != nil {
		return c, fmt.Errorf("sqldb/inbox: count: %w", err)
	}
	return c, nil
}
