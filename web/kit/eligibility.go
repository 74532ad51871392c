package kit

import (
	"context"
	"io"

	"thidua"
	"thidua/rules"
)

// Eligibility is the eligibility service the web is given (rules.Service):
// it builds the engine's subjects from stored histories and judges them
// under the configured province profile.
type Eligibility interface {
	// Province is the profile verdicts are given under.
	Province() string
	// Provinces lists the rule set's province profiles.
	Provinces() []thidua.Option
	// Subject builds the engine's subject from a stored history (a
	// collective with the people of its subtree, read through hs).
	Subject(ctx context.Context, hs thidua.HistoryReader, h *thidua.SubjectHistory, asOf thidua.Date) (rules.Subject, error)
	// SubjectForYear is Subject for judging one year: a collective's
	// members streamed and cut to that year's records.
	SubjectForYear(ctx context.Context, hs thidua.HistoryReader, h *thidua.SubjectHistory, year int, asOf thidua.Date) (rules.Subject, error)
	// EvaluateAll judges a subject for every award of its kind.
	EvaluateAll(sub rules.Subject, year int, asOf thidua.Date) ([]rules.Verdict, error)
	// Forecast says which subjects may reach which awards next year.
	Forecast(subs []rules.Subject, year int) ([]rules.ForecastItem, error)
	// NewForecaster computes a forecast one subject at a time (the
	// stored forecast's source: rules.ForecastSource).
	NewForecaster(year int) (*rules.Forecaster, error)
	// EvaluateRequest judges a self-contained request body; EINVALID when
	// it is malformed.
	EvaluateRequest(body io.Reader) (rules.Verdict, error)
	// CheckNominees judges a proposal's nominees as of today: the checks
	// storage keeps, and the same for display.
	CheckNominees(ctx context.Context, hs thidua.HistoryReader, p *thidua.Proposal, today thidua.Date) (map[int64]thidua.NomineeCheck, []rules.NomineeResult, error)
	// RulesKey and NewCoder give the stored eligibility table its codes
	// (rules.TableSource).
	RulesKey() string
	NewCoder() (*rules.Coder, error)
	// InForce describes the rule set in force on a date.
	InForce(date thidua.Date) (rules.InForce, error)
	// Preview counts by award the verdicts of subjects that uploaded rule
	// files would change, and names the profile it judged under.
	Preview(files map[string][]byte, subjects []rules.Subject, year int, asOf thidua.Date) ([]rules.AwardDiff, string, error)
}

var _ Eligibility = (*rules.Service)(nil)
