"""Replace Wagtail's welcome page with our HomePage on a new installation.

An installation whose tree already holds other pages is left alone: it is not ours to change.
"""

import uuid

from django.db import migrations


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Locale = apps.get_model("wagtailcore", "Locale")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    HomePage = apps.get_model("home", "HomePage")

    if HomePage.objects.exists():
        return
    welcome = Page.objects.filter(
        depth=2, slug="home", numchild=0, content_type__app_label="wagtailcore", content_type__model="page"
    )
    if Page.objects.filter(depth=2).exclude(pk__in=welcome.values("pk")).exists():
        return
    welcome.delete()  # its Site goes with it (on_delete=CASCADE)

    root = Page.objects.get(depth=1)
    homepage = HomePage.objects.create(
        title="首页",
        draft_title="首页",
        slug="home",
        content_type=ContentType.objects.get_for_model(HomePage),
        locale=Locale.objects.get(language_code="zh-hans"),
        translation_key=uuid.uuid4(),
        path=root.path + "0001",
        depth=2,
        numchild=0,
        url_path="/home/",
        live=True,
    )
    Page.objects.filter(pk=root.pk).update(numchild=1)
    Site.objects.create(
        hostname="localhost", port=80, site_name="书香图书馆", root_page_id=homepage.pk, is_default_site=True
    )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("portal", "0002_locales"),
    ]

    operations = [migrations.RunPython(create_homepage, migrations.RunPython.noop)]
