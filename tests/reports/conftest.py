"""Doncaster's key decision report at each stage of its life, for every report test.

Each stage is built from the one before by the services, as an author and the clearance
officers would: `started` (every section empty), `report` (drafted), `in_clearance`, `cleared`
and `sent` (with the decision maker).
"""

import pytest
from django.utils import timezone

from decisions.models import Report
from decisions.reports.services.drafting import report_start
from tests.reports.builders import (
    TITLE,
    drafted_report,
    give,
    send_for_clearance,
    send_to_decision_maker,
)


@pytest.fixture
def started(doncaster, author) -> Report:
    """Just begun by its author: every section of the template, all empty."""
    return report_start(authority=doncaster, title=TITLE, by=author, at=timezone.now())


@pytest.fixture
def report(doncaster, author) -> Report:
    """Drafted: every section written, with its rows."""
    return drafted_report(doncaster, author)


@pytest.fixture
def in_clearance(report, clearers, author) -> Report:
    """Sent to legal, finance, HR and equalities to sign off."""
    send_for_clearance(report, clearers, author)
    return Report.objects.get(pk=report.pk)


@pytest.fixture
def cleared(in_clearance, clearers) -> Report:
    """Every implications section signed off."""
    for sign_off in in_clearance.sign_offs.all():
        give(sign_off, clearers)
    return Report.objects.get(pk=in_clearance.pk)


@pytest.fixture
def sent(cleared, author) -> Report:
    """On the forward plan with full notice, and with the decision maker."""
    return send_to_decision_maker(cleared, author)
