"""Demo staff for the roles of home.roles: one central editor, one approver and the librarians of
two branches, plus one activity a branch librarian has submitted and that waits for approval."""

import os
import secrets
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Locale

from events.demo import BRANCH_SECTIONS, event_poster
from events.models import EventCategory, EventPage, EventSectionPage
from portal.models import Branch, BranchStaff

from . import roles

# username, name (Chinese order in one field: Django would print first_name before last_name),
# role group, branches run
STAFF = [
    ("zongguan-bianji", "张敏", roles.CENTRAL_EDITORS, []),
    ("shenhe", "刘芳", roles.APPROVERS, []),
    ("dongcheng-guanyuan", "陈静", roles.BRANCH_LIBRARIANS, ["FG01"]),
    ("nanhu-guanyuan", "王磊", roles.BRANCH_LIBRARIANS, ["FG02"]),
]
SUBMITTED = {
    "slug": "picture-book-theatre",
    "title": "少儿绘本剧表演：《猜猜我有多爱你》",
    "summary": "南湖分馆的小读者把绘本演成小话剧，欢迎家长和孩子来看。",
    "branch": "FG02",
    "days": 16,
}


def load(stdout):
    zh = Locale.get_default()
    branches = list(Branch.objects.filter(code__in=BRANCH_SECTIONS, locale=zh))
    roles.setup_roles(branches)
    User = get_user_model()
    password = os.environ.get("DEMO_ADMIN_PASSWORD") or secrets.token_urlsafe(12)
    made = []
    for username, name, role, codes in STAFF:
        if User.objects.filter(username=username).exists():
            continue
        # No e-mail address: the demo would otherwise mail 审核人 about the submitted activity
        # (Wagtail's moderation notices) and print the message into load_demo's summary.
        user = User.objects.create_user(username, "", password, first_name=name)
        user.groups.add(roles.group(role))
        if codes:
            BranchStaff.objects.create(user=user).branches.set([b for b in branches if b.code in codes])
        made.append(username)
    if made:
        shown = (
            "取自 DEMO_ADMIN_PASSWORD" if os.environ.get("DEMO_ADMIN_PASSWORD") else f"密码：{password}（只显示这一次）"
        )
        stdout.write(f"员工账号：{'、'.join(made)}（{shown}）")
    submit_for_approval(zh)


def submit_for_approval(zh):
    """A branch librarian's new activity, submitted to 审核发布 and not yet live."""
    if EventPage.objects.filter(slug=SUBMITTED["slug"]).exists():
        return
    author = get_user_model().objects.get(username="nanhu-guanyuan")
    branch = Branch.objects.get(code=SUBMITTED["branch"], locale=zh)
    section = EventSectionPage.objects.get(branch=branch, locale=zh)
    start = timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=SUBMITTED["days"]), time(10)))
    image, alt = event_poster(SUBMITTED["slug"], SUBMITTED["title"], "", "family", start, branch, english={})
    event = EventPage(
        title=SUBMITTED["title"],
        slug=SUBMITTED["slug"],
        summary=SUBMITTED["summary"],
        start=start,
        end=start + timedelta(hours=1),
        branch=branch,
        audiences=["children", "families"],
        live=False,
        category=EventCategory.objects.filter(slug="family", locale=zh).first(),
        organiser=branch.name,
        owner=author,
        image=image,
        image_alt=alt,
    )
    section.add_child(instance=event)
    event.save_revision(user=author)
    event.get_workflow().start(event, author)
