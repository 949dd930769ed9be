"""python manage.py remove_two_factor USERNAME

Switches two-step login off for a member of staff who lost the phone with their authenticator app;
they log in with their password and can add the new phone under 账户 → 两步验证."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = gettext_lazy("为丢失手机的工作人员关闭两步验证。")

    def add_arguments(self, parser):
        parser.add_argument("username", help=_("用户名"))

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(_("没有用户名为 %(name)s 的用户。") % {"name": username})
        removed, _details = TOTPDevice.objects.filter(user=user).delete()
        if not removed:
            self.stdout.write(_("%(name)s 没有开启两步验证。") % {"name": username})
            return
        self.stdout.write(_("已为 %(name)s 关闭两步验证。") % {"name": username})
