from pathlib import Path

import pytest

PAGES = Path(__file__).parent / "pages"


@pytest.fixture
def page():
    """A test page by its file name, as saved. The seed_* pages are the seed documents the
    councils published, copied unchanged."""
    return lambda name: (PAGES / name).read_text(encoding="utf-8")
