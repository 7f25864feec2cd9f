import uuid

import pytest
from django.core.cache import cache

from decisions.models import Decision

BNES_TITLE = "Community Services Transformation Programme - Preferred Delivery Options"


@pytest.fixture
def page_cache(settings):
    """The page cache on, in the Redis these machines run (as production's CACHE_URL), under a
    key prefix of this test's own."""
    settings.CACHES = {
        "default": {
            "BACKEND": "councilgov.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        }
    }
    settings.PAGE_CACHE = True
    yield cache
    cache.clear()


@pytest.fixture
def bnes(seeded) -> Decision:
    return Decision.objects.get(title__startswith=BNES_TITLE)
