package thidua

// HighlightFold exposes foldWord to the tests.
var HighlightFold = foldWord
