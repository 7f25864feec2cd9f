from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from decisions.choices import ExemptParagraph
from decisions.models.authority import Authority
from decisions.models.constraints import CheckConstraint, UniqueConstraint
from decisions.models.people import Body, Person
from decisions.models.querysets import IssueQuerySet


class Issue(models.Model):
    """A matter followed over time across meetings and decisions (ModernGov's "Issue history")."""

    authority = models.ForeignKey(
        Authority, on_delete=models.PROTECT, related_name="issues", verbose_name=_("authority")
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)

    history = HistoricalRecords()
    objects = IssueQuerySet.as_manager()

    class Meta:
        ordering = ["authority", "title"]
        verbose_name = _("issue")
        verbose_name_plural = _("issues")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("issue-detail", args=[self.pk])


class Meeting(models.Model):
    authority = models.ForeignKey(
        Authority, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("authority")
    )
    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("body")
    )
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    location = models.CharField(_("location"), max_length=300, blank=True)
    attendees = models.ManyToManyField(
        Person, through="Attendance", related_name="meetings_attended", verbose_name=_("attendees")
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "body"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [models.Index(fields=["authority", "date"])]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} - {self.body}"


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        APOLOGIES = "apologies", _("Apologies")
        IN_ATTENDANCE = "in_attendance", _("In attendance")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("meeting")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="attendance", verbose_name=_("person")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.PRESENT)
    role_at_meeting = models.CharField(
        _("role at the meeting"), max_length=200, blank=True, help_text=_("Such as Leader.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "order", "person__name"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            UniqueConstraint(
                fields=["meeting", "person"],
                name="attendance_unique",
                field="person",
                violation_error_message=_("This person is already recorded at the meeting."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_status_display()})"


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="items", verbose_name=_("meeting")
    )
    number = models.CharField(_("item number"), max_length=20, help_text=_("As printed: 44."))
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    issue = models.ForeignKey(
        Issue,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("issue"),
    )
    introduced_by = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="items_introduced",
        verbose_name=_("introduced by"),
    )
    seconded_by = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="items_seconded",
        verbose_name=_("seconded by"),
    )
    is_exempt = models.BooleanField(_("exempt"), default=False)
    exempt_paragraph = models.CharField(
        _("Schedule 12A paragraph"), max_length=2, choices=ExemptParagraph, blank=True
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "order", "number"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            UniqueConstraint(
                fields=["meeting", "number"],
                name="agenda_item_number_unique",
                field="number",
                violation_error_message=_(
                    "The meeting already has an agenda item with this number."
                ),
            ),
            CheckConstraint(
                condition=models.Q(is_exempt=False) | ~models.Q(exempt_paragraph=""),
                name="agenda_item_exempt_needs_paragraph",
                field="exempt_paragraph",
                violation_error_message=_(
                    "Choose the Schedule 12A paragraph that makes the item exempt."
                ),
            ),
        ]

    def __str__(self) -> str:
        return _("%(meeting)s (Item %(number)s) %(title)s") % {
            "meeting": self.meeting,
            "number": self.number,
            "title": self.title,
        }
