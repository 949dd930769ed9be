from django import forms
from django.utils.translation import gettext_lazy as _

from portal.models import FACILITIES, BranchType


class BranchFilterForm(forms.Form):
    """The branch list's filters, in the query string so a filtered list can be shared."""

    type = forms.ChoiceField(label=_("类型"), required=False)
    district = forms.ChoiceField(label=_("区县"), required=False)
    facility = forms.ChoiceField(label=_("设施"), required=False)

    def __init__(self, data, districts):
        super().__init__(data)
        everything = [("", _("全部"))]
        self.fields["type"].choices = everything + list(BranchType.choices)
        self.fields["district"].choices = everything + [(d, d) for d in districts]
        self.fields["facility"].choices = everything + list(FACILITIES)

    def filter(self, branches):
        """The branches that match; all of them when a value is unknown (the form says which)."""
        if not self.is_valid():
            return branches
        wanted = self.cleaned_data
        return [
            branch
            for branch in branches
            if (not wanted["type"] or branch.branch_type == wanted["type"])
            and (not wanted["district"] or branch.district == wanted["district"])
            and (not wanted["facility"] or wanted["facility"] in branch.facilities)
        ]
