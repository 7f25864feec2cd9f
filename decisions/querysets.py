from datetime import datetime

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from decisions.callin import CallInStatus


class DecisionQuerySet(models.QuerySet):
    def with_call_in_context(self) -> "DecisionQuerySet":
        """Everything the call-in rule and status need, fetched in a constant number of queries."""
        return self.select_related("authority", "decision_maker").prefetch_related(
            "authority__call_in_rules",
            "authority__closure_days",
            "call_ins__signatures",
        )

    def with_call_in_status(self, status: CallInStatus, at: datetime) -> "DecisionQuerySet":
        """Decisions whose derived call-in status at `at` is `status`.

        Decisions without call-in requests are filtered in SQL from their dates; the few with
        requests go through the same Python rule the decision page uses, because a request's
        validity depends on signatures and the rule in force.
        """
        today = timezone.localdate(at)
        now = timezone.localtime(at).time()
        awaiting = Q(publication_date__isnull=True, effective_from__isnull=True) | Q(
            publication_date__gt=today
        )
        subject = ~awaiting & Q(is_subject_to_call_in=True)
        effective = subject & Q(effective_from__lte=today)
        window_open = Q(call_in_deadline__gt=today) | Q(
            Q(call_in_deadline=today),
            Q(call_in_deadline_time__isnull=True) | Q(call_in_deadline_time__gt=now),
        )
        by_dates = {
            CallInStatus.AWAITING_PUBLICATION: awaiting,
            CallInStatus.NOT_SUBJECT: ~awaiting & Q(is_subject_to_call_in=False),
            CallInStatus.CALLED_IN: Q(pk__in=[]),
            CallInStatus.EFFECTIVE: effective,
            CallInStatus.OPEN: subject & ~Q(effective_from__lte=today) & window_open,
            CallInStatus.CLOSED: subject & ~Q(effective_from__lte=today) & ~window_open,
        }[status]
        call_in_model = self.model._meta.get_field("call_ins").related_model
        has_requests = Exists(call_in_model.objects.filter(decision=OuterRef("pk")))
        matching_requests = [
            decision.pk
            for decision in self.filter(has_requests).with_call_in_context()
            if decision.call_in_status(at) == status
        ]
        return self.filter((~has_requests & by_dates) | Q(pk__in=matching_requests))
