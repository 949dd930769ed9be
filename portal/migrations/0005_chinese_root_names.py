"""The tree's root page and the root collection are created by Wagtail's migrations as "Root";
staff see both names in breadcrumbs and collection pickers. Only the untouched English name is
replaced, so a name a library chose itself is kept."""

from django.db import migrations

ROOT_PAGE = "全部站点"
ROOT_COLLECTION = "全部图片和文档"


def chinese_names(apps, schema_editor):
    apps.get_model("wagtailcore", "Page").objects.filter(depth=1, title="Root").update(
        title=ROOT_PAGE, draft_title=ROOT_PAGE)
    apps.get_model("wagtailcore", "Collection").objects.filter(depth=1, name="Root").update(name=ROOT_COLLECTION)


def english_names(apps, schema_editor):
    apps.get_model("wagtailcore", "Page").objects.filter(depth=1, title=ROOT_PAGE).update(
        title="Root", draft_title="Root")
    apps.get_model("wagtailcore", "Collection").objects.filter(depth=1, name=ROOT_COLLECTION).update(name="Root")


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0004_branch_staff"),
        ("wagtailcore", "0025_collection_initial_data"),
    ]

    operations = [migrations.RunPython(chinese_names, english_names)]
