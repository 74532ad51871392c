package news

// HighlightFold exposes foldWord to the tests.
var HighlightFold = foldWord
