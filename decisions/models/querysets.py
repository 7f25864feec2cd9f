import re
from datetime import date, datetime

from django.db import connection, models
from django.db.models import Exists, F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from decisions.models import call_in_filter
from decisions.rules.call_in import CallInStatus

# Weighted text the register searches: the title counts most, then what was decided and why.
SEARCH_CONFIG = "english"


# A term of a web search, as websearch_to_tsquery reads it: a "quoted phrase" or a word, either
# of them led by - to leave it out.
SEARCH_TERM = re.compile(r'-?"[^"]*"?|\S+')


def only_leaves_words_out(text: str) -> bool:
    """Whether a search has words to leave out ("-care") and none to look for.

    Such a search matches nearly every record and can use no index: on PostgreSQL it works
    out the text vector of every recommendation (4 to 5 s on 100,000 decisions).
    """
    terms = [
        term
        for term in SEARCH_TERM.findall(text)
        if term.lower() != "or" and any(character.isalnum() for character in term)
    ]
    if not terms:
        return False
    if all(term.startswith("-") for term in terms):
        return True
    if is_postgresql() and any(term.startswith("-") for term in terms):
        # The words to look for may all be ones PostgreSQL does not index ("the -care"): its
        # querytree() of the search is then "T", a query no index can answer.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT querytree(websearch_to_tsquery(%s::regconfig, %s))", [SEARCH_CONFIG, text]
            )
            return cursor.fetchone()[0] == "T"
    return False


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


# The index migration 0012 builds on Decision.search_vector: RUM where the server has the rum
# extension, GIN where it has not.
RUM_INDEX = "decisions_decision_search_rum"

# Which index each database has, looked up once per process: it changes only with a migration.
_search_indexes: dict[tuple[str, str], str | None] = {}


def search_index() -> str | None:
    """The index the register's search reads: "rum", "gin", or None off PostgreSQL."""
    if not is_postgresql():
        return None
    database = (connection.alias, str(connection.settings_dict["NAME"]))
    if database not in _search_indexes:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT 1 FROM pg_indexes WHERE tablename = 'decisions_decision' "
                "AND indexname = %s",
                [RUM_INDEX],
            )
            _search_indexes[database] = "rum" if cursor.fetchone() else "gin"
    return _search_indexes[database]


def forget_search_index() -> None:
    """Look the index up again (after a migration in the same process, as the tests run)."""
    _search_indexes.clear()


def web_search(text: str):  # a SearchQuery
    from django.contrib.postgres.search import SearchQuery

    return SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)


class SearchDistance(models.Func):
    """RUM's `search_vector <=> query`: how far a record is from the best match (0 is best).

    Ordered by it, the RUM index returns the matches already ranked, reading no record.
    """

    arg_joiner = " <=> "
    template = "(%(expressions)s)"
    output_field = models.FloatField()


def published_by(today: date, prefix: str = "") -> Q:
    """Published on or before `today`; an imported record with only an official effective
    date counts as published. `prefix` is the path to the decision ("decision__")."""
    return Q(**{f"{prefix}publication_date__lte": today}) | Q(
        **{f"{prefix}publication_date__isnull": True, f"{prefix}effective_from__isnull": False}
    )


def is_public(at: datetime | None = None, prefix: str = "") -> Q:
    """The decision at `prefix` ("" for the decision itself, "decision__" across a foreign
    key) is public at `at`: what DecisionQuerySet.public keeps."""
    today = timezone.localdate(at or timezone.now())
    return published_by(today, prefix) & Q(
        **{f"{prefix}is_exempt": False, f"{prefix}is_confidential": False}
    )


def has_row(queryset: models.QuerySet) -> Coalesce:
    """SQL true when the correlated `queryset` has a row for the outer row, else false.

    A scalar subquery, read row by row through its indexes. An EXISTS (or an IN) under an OR
    may instead be planned as a hash of the whole inner query, built before the first row:
    every public decision read to show a page of 25 contracts (0.5 s on 100,000 decisions).
    """
    return Coalesce(
        Subquery(queryset.order_by().values(found=Value(True))[:1]),
        Value(False),
        output_field=models.BooleanField(),
    )


def public_decision(at: datetime | None = None, decision: str = "decision") -> Coalesce:
    """SQL true when the decision the outer row names (by `decision`, the path to its key
    from the outer query) is public. On PostgreSQL an index-only probe (migration 0013)."""
    from decisions.models import Decision

    return has_row(Decision.objects.filter(is_public(at), pk=OuterRef(decision)))


# What Decision.call_in_status reads beyond the decision's dates: the rules in force, and the
# requests with their signatures.
CALL_IN_STATUS_PREFETCH = ("authority__call_in_rules", "call_ins__signatures")


class DecisionQuerySet(models.QuerySet):
    def public(self, at: datetime | None = None) -> "DecisionQuerySet":
        """What anyone may see: published, and neither exempt nor confidential.

        Exempt and confidential records are left out whole: their titles can carry the
        exempt information too (Schedule 12A, Local Government Act 1972).
        """
        return self.filter(is_public(at))

    def with_call_in_context(self) -> "DecisionQuerySet":
        """Everything the call-in rule and status need, fetched in a constant number of queries."""
        return self.with_call_in_status_context().prefetch_related("authority__closure_days")

    def with_call_in_status_context(self) -> "DecisionQuerySet":
        """What the call-in status and its sentences need (Decision.call_in_account): the rules
        in force and the requests' signatures, without the closure days that only the rule's
        own dates are counted with (the public lists, feeds and API)."""
        return self.select_related("authority", "decision_maker").prefetch_related(
            *CALL_IN_STATUS_PREFETCH
        )

    def search(self, text: str) -> "DecisionQuerySet":
        """Decisions whose title, purpose, reasons or recommendations match every word.

        On PostgreSQL: full text search of `search_vector`, which holds all four (migration
        0012), through its RUM or GIN index; `best_match_first` ranks the matches.
        Elsewhere: each word must appear somewhere in those fields, and none led by a -.
        """
        text = text.strip()
        if not text:
            return self
        if is_postgresql():
            return self.filter(search_vector=web_search(text))
        recommendation_model = self.model._meta.get_field("recommendations").related_model
        matches = self
        for word in text.split():
            # "-word" leaves out the records with the word, as websearch_to_tsquery does.
            leave_out = word.startswith("-") and len(word) > 1
            word = word[1:] if leave_out else word
            in_recommendations = recommendation_model.objects.filter(
                decision=OuterRef("pk"), text__icontains=word
            )
            found = (
                Q(title__icontains=word)
                | Q(purpose__icontains=word)
                | Q(reasons__icontains=word)
                | Exists(in_recommendations)
            )
            matches = matches.exclude(found) if leave_out else matches.filter(found)
        return matches

    def best_match_first(self, text: str) -> "DecisionQuerySet":
        """Search matches in rank order, the newest first among equals; newest first where
        there is no ranking (off PostgreSQL).

        With RUM the index gives the order (`search_distance`, ascending), reading no record
        it does not show; equals come in the index's order, since a second term (the date)
        would make PostgreSQL read and sort every match instead. With GIN each match is read
        and ranked (`rank`, ts_rank, descending). Either way every match is ranked, so the
        register ranks only searches with at most a page cap of matches
        (decisions.register.filters).
        """
        index = search_index()
        if index == "rum":
            return self.annotate(
                search_distance=SearchDistance(F("search_vector"), web_search(text))
            ).order_by("search_distance")
        if index == "gin":
            from django.contrib.postgres.search import SearchRank

            return self.annotate(rank=SearchRank(F("search_vector"), web_search(text))).order_by(
                "-rank", "-date_of_decision", "-pk"
            )
        return self.order_by("-date_of_decision", "-pk")

    def latest_first(self) -> "DecisionQuerySet":
        """Newest decision first: by the date it was taken, then the date it was published.

        Undated records go last on every database (PostgreSQL would otherwise sort NULL first).
        """
        return self.order_by(
            F("date_of_decision").desc(nulls_last=True),
            F("publication_date").desc(nulls_last=True),
            "-pk",
        )

    def with_funding_over(self, amount: object) -> "DecisionQuerySet":
        funding_model = self.model._meta.get_field("funding_lines").related_model
        return self.filter(
            Exists(funding_model.objects.filter(decision=OuterRef("pk"), amount__gte=amount))
        )

    def with_funding_total(self) -> "DecisionQuerySet":
        return self.annotate(funding_total=Sum("funding_lines__amount"))

    def with_call_in_status(self, status: CallInStatus, at: datetime) -> "DecisionQuerySet":
        """Decisions whose derived call-in status at `at` is `status`.

        Decisions are filtered in SQL from their dates, but for the few whose requests may
        say otherwise, which go through the same rule the decision page uses
        (decisions.models.call_in_filter).
        """
        today = timezone.localdate(at)
        now = timezone.localtime(at).time()
        awaiting = Q(publication_date__isnull=True, effective_from__isnull=True) | Q(
            publication_date__gt=today
        )
        subject = ~awaiting & Q(is_subject_to_call_in=True)
        effective = subject & Q(effective_from__lte=today)
        # Not yet in effect, said so that the effective date's index answers it (a NOT of
        # "on or before today" cannot be read from an index).
        not_effective = Q(effective_from__isnull=True) | Q(effective_from__gt=today)
        window_open = Q(call_in_deadline__gt=today) | Q(
            Q(call_in_deadline=today),
            Q(call_in_deadline_time__isnull=True) | Q(call_in_deadline_time__gt=now),
        )
        by_dates = {
            CallInStatus.AWAITING_PUBLICATION: awaiting,
            CallInStatus.NOT_SUBJECT: ~awaiting & Q(is_subject_to_call_in=False),
            CallInStatus.CALLED_IN: Q(pk__in=[]),
            CallInStatus.EFFECTIVE: effective,
            CallInStatus.OPEN: subject & not_effective & window_open,
            CallInStatus.CLOSED: subject & not_effective & ~window_open,
        }[status]
        return call_in_filter.with_call_in_status(self, status, at, by_dates)


class ForwardPlanQuerySet(models.QuerySet):
    def public(self, at: datetime | None = None) -> "ForwardPlanQuerySet":
        """Entries whose notice has been published. Taking part of a matter in private is
        itself public; what stays private is the exempt content, which entries do not hold."""
        today = timezone.localdate(at or timezone.now())
        return self.filter(first_published__lte=today)

    def to_come(self, at: datetime | None = None) -> "ForwardPlanQuerySet":
        """Not yet decided: no decision linked, and the intended date (if any) not long past."""
        today = timezone.localdate(at or timezone.now())
        return self.filter(decision__isnull=True).filter(
            Q(intended_date__isnull=True) | Q(intended_date__gte=today)
        )


class IssueQuerySet(models.QuerySet):
    def public(self, at: datetime | None = None) -> "IssueQuerySet":
        """Issues with something public on them: an item not exempt, or a public decision.

        An issue known only from exempt items or withheld decisions would say what they are.
        """
        from decisions.models import AgendaItem, Decision

        return self.filter(
            Exists(AgendaItem.objects.filter(issue=OuterRef("pk"), is_exempt=False))
            | Exists(Decision.objects.public(at).filter(issue=OuterRef("pk")))
        )
