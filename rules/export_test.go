package rules

// Internals the external tests check explanations against.
var (
	StatusWords    = statusWords
	LowGradeAdvice = lowGradeAdvice
)
