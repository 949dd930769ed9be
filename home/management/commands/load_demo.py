"""python manage.py load_demo [--if-empty]

Loads the demo site of the fictional 云溪市图书馆. Each app contributes its own part; objects are
created only where missing, so running it twice changes nothing and never overwrites an editor's work.
This command lives in ``home`` because home is the one app allowed to import all the others.
"""

import logging

from django.core.management.base import BaseCommand
from wagtail.models import Page

import portal.demo
from catalog_search import demo as catalogue_demo
from catalog_search import reading_lists_demo
from events import demo as events_demo
from home import campaign_demo, roles_demo
from home import demo as home_demo
from portal.models import Branch
from portal.site_address import apply_base_url


class Command(BaseCommand):
    help = "加载演示站点（虚构的云溪市图书馆）。已存在的对象不会被修改。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="数据库已有内容（页面或服务网点）时什么也不做。make run 使用此选项。",
        )

    def handle(self, *args, if_empty=False, **options):
        if if_empty and self.site_has_content():
            self.stdout.write("数据库已有内容，跳过演示数据。")
            return
        # Not one big transaction: wagtail-localize publishes a translated page on commit, from a
        # revision saved before its own translated children existed; publishing it at the end of one
        # big transaction would reset its child count and hide them. Each object is created on its
        # own instead, so an interrupted run is completed by running the command again.
        # Wagtail logs every page it creates and publishes: dozens of lines that bury our summary.
        logging.getLogger("wagtail").setLevel(logging.WARNING)
        portal.demo.load(self.stdout)
        catalogue_demo.load(self.stdout)
        privacy = home_demo.load(self.stdout)
        home = home_demo.home_page()
        events_demo.load(home, self.stdout)
        reading_lists_demo.load(home, self.stdout)
        campaign_demo.load(home, self.stdout)
        portal.demo.load_settings(privacy, self.stdout)
        portal.demo.ensure_admin(self.stdout)
        roles_demo.load(self.stdout)
        apply_base_url()  # a database migrated before WAGTAILADMIN_BASE_URL was set
        self.stdout.write(self.style.SUCCESS("演示站点已就绪。"))

    @staticmethod
    def site_has_content():
        """Anything beyond the empty home page that the migrations create."""
        return Branch.objects.exists() or Page.objects.filter(depth__gt=2).exists()
