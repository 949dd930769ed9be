"""Shared StreamField blocks refuse links that point nowhere or in two directions at once."""

import pytest
from wagtail.blocks import StructBlockValidationError

from home.blocks import QuickLinkBlock
from portal.blocks import CallToActionBlock

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("block", [CallToActionBlock(), QuickLinkBlock()])
def test_link_needs_a_page_or_a_url(block, zh_home):
    label = {"text": "报名"} if isinstance(block, CallToActionBlock) else {"label": "报名"}
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({**label, "page": None, "url": ""}))
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({**label, "page": zh_home.pk, "url": "https://example.cn/"}))
    assert block.clean(block.to_python({**label, "page": zh_home.pk, "url": ""}))["page"].pk == zh_home.pk
