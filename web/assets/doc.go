// Package assets embeds the templates and static files of the web faces.
package assets
