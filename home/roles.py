"""The staff roles of a 总分馆 library as Wagtail groups (``manage.py setup_roles``):

- 总馆编辑 (central editors): all content, publish directly, every branch's registrations and
  their export, purchase suggestions, branches, speakers, categories and site settings;
- 审核人 (approvers): review what others submit, in the 审核发布 workflow, and publish it;
- 分馆馆员 (branch librarians): the admin, pictures and documents to choose from, and the
  registrations of their own branches (seen and checked in, not exported);
- 分馆馆员：<branch> — one per branch: create and edit pages in that branch's section of the
  event list (never publish: they submit for approval) and upload into its collection.

Which branches a person runs is said once, under 设置 → 网点工作人员 (portal.BranchStaff): that
decides whose registrations they see, and saving it puts them in the matching branch groups. A
branch librarian is then also put in 分馆馆员 by the administrator (users → 用户组).
Everything here is idempotent: run the command again after adding branches.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from events.models import EventIndexPage, EventSectionPage

CENTRAL_EDITORS = "总馆编辑"
APPROVERS = "审核人"
BRANCH_LIBRARIANS = "分馆馆员"
BRANCH_GROUP_PREFIX = "分馆馆员："
WORKFLOW = "审核发布"
APPROVAL_TASK = "审核人审核"
# Wagtail's migrations create these; they become ours rather than sit beside them in English.
WAGTAIL_DEFAULTS = {"Editors": CENTRAL_EDITORS, "Moderators": APPROVERS}
WAGTAIL_WORKFLOW = "Moderators approval"

PAGE_EDITING = ["add_page", "change_page", "lock_page", "unlock_page"]
PUBLISHING = ["publish_page", "bulk_delete_page"]
MEDIA_UPLOAD = ["add_image", "change_image", "choose_image", "add_document", "change_document", "choose_document"]
MEDIA_CHOICE = ["choose_image", "choose_document"]

MODEL_PERMISSIONS = {
    CENTRAL_EDITORS: [
        "wagtailadmin.access_admin",
        "events.view_registration",
        "events.change_registration",
        "events.export_registration",
        "events.view_all_branches",
        "events.add_speaker",
        "events.change_speaker",
        "events.add_eventcategory",
        "events.change_eventcategory",
        "portal.add_branch",
        "portal.change_branch",
        "portal.view_branchstaff",
        "portal.change_librarysettings",
        "catalog_search.view_purchasesuggestion",
        "catalog_search.change_purchasesuggestion",
        "wagtail_localize.submit_translation",
    ],
    # Reviewing pages needs no reader's name or phone (PIPL: no more access than the task needs).
    APPROVERS: ["wagtailadmin.access_admin"],
    BRANCH_LIBRARIANS: ["wagtailadmin.access_admin", "events.view_registration", "events.change_registration"],
}


def permissions(names):
    found = []
    for name in names:
        app_label, codename = name.split(".") if "." in name else (None, name)
        query = Permission.objects.filter(codename=codename)
        if app_label:
            query = query.filter(content_type__app_label=app_label)
        found.extend(query)
    return found


def group(name):
    """The group called ``name``, taking over Wagtail's English default it replaces if any."""
    existing = Group.objects.filter(name=name).first()
    if existing:
        return existing
    english = next((old for old, new in WAGTAIL_DEFAULTS.items() if new == name), None)
    renamed = Group.objects.filter(name=english).first() if english else None
    if renamed:
        renamed.name = name
        renamed.save(update_fields=["name"])
        return renamed
    return Group.objects.create(name=name)


def grant_pages(group, page, codenames):
    for permission in permissions(f"wagtailcore.{codename}" for codename in codenames):
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def grant_collection(group, collection, codenames):
    for permission in permissions(codenames):
        GroupCollectionPermission.objects.get_or_create(group=group, collection=collection, permission=permission)


@transaction.atomic
def setup_roles(branches=()):
    """The three roles, the approval workflow, and a section, collection and group for each of
    ``branches`` (default-language Branch objects). Returns the groups by name."""
    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    groups = {}
    for name, model_permissions in MODEL_PERMISSIONS.items():
        groups[name] = group(name)
        groups[name].permissions.add(*permissions(model_permissions))
    grant_pages(groups[CENTRAL_EDITORS], root_page, PAGE_EDITING + PUBLISHING)
    grant_pages(groups[APPROVERS], root_page, ["change_page", "lock_page", "unlock_page", "publish_page"])
    grant_collection(groups[CENTRAL_EDITORS], root_collection, MEDIA_UPLOAD)
    for name in (APPROVERS, BRANCH_LIBRARIANS):
        grant_collection(groups[name], root_collection, MEDIA_CHOICE)
    approval_workflow(root_page, groups[APPROVERS])
    for branch in branches:
        groups[branch_group_name(branch)] = branch_role(branch)
    return groups


def approval_workflow(root_page, approvers):
    """One workflow for the whole site: what branch librarians submit waits for 审核人; editors
    with publishing rights may still publish at once. Wagtail's own default is renamed to it."""
    workflow = Workflow.objects.filter(name__in=[WORKFLOW, WAGTAIL_WORKFLOW]).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW, active=True)
    elif workflow.name != WORKFLOW:
        workflow.name = WORKFLOW
        workflow.save(update_fields=["name"])
    task = GroupApprovalTask.objects.filter(workflow_tasks__workflow=workflow).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=APPROVAL_TASK)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    elif task.name != APPROVAL_TASK:
        task.name = APPROVAL_TASK
        task.save(update_fields=["name"])
    task.groups.add(approvers)  # a library may have added other reviewers: keep them
    if not WorkflowPage.objects.filter(page=root_page).exists():
        WorkflowPage.objects.create(page=root_page, workflow=workflow)
    return workflow


def branch_group_name(branch):
    return f"{BRANCH_GROUP_PREFIX}{branch.name}"


def branch_role(branch):
    """The branch's section in every event list of its language, its collection and its group."""
    branch_group = group(branch_group_name(branch))
    for index in EventIndexPage.objects.filter(locale=branch.locale):
        grant_pages(branch_group, EventSectionPage.for_branch(index, branch), PAGE_EDITING)
    grant_collection(branch_group, branch_collection(branch), MEDIA_UPLOAD)
    return branch_group


def branch_collection(branch):
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=branch.name).first()
    return collection or root.add_child(name=branch.name)


def branch_groups_of(branches):
    """The branch groups of these branches (any language), by the sections they may edit."""
    keys = [branch.translation_key for branch in branches]
    sections = EventSectionPage.objects.filter(branch__translation_key__in=keys)
    return Group.objects.filter(name__startswith=BRANCH_GROUP_PREFIX, page_permissions__page__in=sections).distinct()


def sync_branch_groups(staff):
    """After 网点工作人员 changed: the person is in exactly the branch groups of their branches.
    What they may do there (分馆馆员, or view-only) stays the administrator's choice of groups."""
    user = staff.user
    wanted = set(branch_groups_of(staff.branches.all()))
    current = set(user.groups.filter(name__startswith=BRANCH_GROUP_PREFIX))
    user.groups.remove(*(current - wanted))
    user.groups.add(*(wanted - current))
