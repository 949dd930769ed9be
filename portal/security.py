"""The Content-Security-Policy header: settings.CONTENT_SECURITY_POLICY on every page; in the admin
also inline styles and inline scripts, which Wagtail's own screens still use (its inline panels,
date pickers and listings write ``<script>`` and ``style=""`` into the page; Wagtail's work towards
a strict policy is not finished in 8.x). Readers' pages, where an injected script would reach the
public, allow neither."""

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware

ADMIN_PREFIX = "/admin/"


class ContentSecurityPolicy(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path.startswith(ADMIN_PREFIX):
            parts.update = {**(parts.update or {}), "script-src": [UNSAFE_INLINE], "style-src": [UNSAFE_INLINE]}
        return parts
