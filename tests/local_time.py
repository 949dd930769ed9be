"""The clock readers of the library read: Beijing time. The site's TIME_ZONE says the same, and the
tests write their moments in it so that "a Wednesday at 19:00" means what a reader means."""

from zoneinfo import ZoneInfo

BEIJING = ZoneInfo("Asia/Shanghai")
