"""Where the branch map is, for pages of apps that may not import home (docs/design.md: imports
flow one way): a book's record page links each branch holding a copy to the map.

- ``branch_map_url``: ``fn(locale)`` → the URL of the live branch map page in that locale, or None.
  Registered by home, which owns the map page.
"""

from wagtail import hooks

BRANCH_MAP_URL = "branch_map_url"


def url(locale):
    for branch_map_url in hooks.get_hooks(BRANCH_MAP_URL):
        found = branch_map_url(locale)
        if found:
            return found
    return None
