"""The composition root: settings, URLs, the API router and the WSGI entry point. It is the one
package that may import every app; the apps never import it (docs/design.md)."""
