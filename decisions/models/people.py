from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from decisions.models.authority import Authority
from decisions.models.constraints import CheckConstraint, UniqueConstraint


class Body(models.Model):
    """Who takes decisions: the Cabinet, a Cabinet Member, an officer post, Council, a committee."""

    class Kind(models.TextChoices):
        CABINET = "cabinet", _("Cabinet")
        CABINET_MEMBER = "cabinet_member", _("Cabinet Member")
        OFFICER = "officer", _("Officer post")
        COUNCIL = "council", _("Full Council")
        COMMITTEE = "committee", _("Committee")
        PARTNER = "partner", _("Partner body")

    authority = models.ForeignKey(
        Authority, on_delete=models.PROTECT, related_name="bodies", verbose_name=_("authority")
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    is_executive = models.BooleanField(
        _("executive"),
        default=False,
        help_text=_("Its decisions are executive decisions, open to call-in by scrutiny."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["authority", "name"]
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        constraints = [
            UniqueConstraint(
                fields=["authority", "name"],
                name="body_name_unique",
                field="name",
                violation_error_message=_(
                    "The council already has a decision maker with this name."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def choice_label(self) -> str:
        """ "Cabinet (Bath and North East Somerset Council)": how a picker names it, where
        every council's Cabinet is listed together."""
        return f"{self.name} ({self.authority.name})"


class Ward(models.Model):
    authority = models.ForeignKey(
        Authority, on_delete=models.PROTECT, related_name="wards", verbose_name=_("authority")
    )
    name = models.CharField(_("name"), max_length=200)

    history = HistoricalRecords()

    class Meta:
        ordering = ["authority", "name"]
        verbose_name = _("ward")
        verbose_name_plural = _("wards")
        constraints = [
            UniqueConstraint(
                fields=["authority", "name"],
                name="ward_name_unique",
                field="name",
                violation_error_message=_("The council already has a ward with this name."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class Directorate(models.Model):
    """A department of the council (People, Place …): its officers share their reports."""

    authority = models.ForeignKey(
        Authority,
        on_delete=models.PROTECT,
        related_name="directorates",
        verbose_name=_("authority"),
    )
    name = models.CharField(_("name"), max_length=200)

    history = HistoricalRecords()

    class Meta:
        ordering = ["authority", "name"]
        verbose_name = _("directorate")
        verbose_name_plural = _("directorates")
        constraints = [
            UniqueConstraint(
                fields=["authority", "name"],
                name="directorate_name_unique",
                field="name",
                violation_error_message=_("The council already has a directorate with this name."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    """A councillor or an officer, named as the authority prints them."""

    class Kind(models.TextChoices):
        COUNCILLOR = "councillor", _("Councillor")
        OFFICER = "officer", _("Officer")

    authority = models.ForeignKey(
        Authority, on_delete=models.PROTECT, related_name="people", verbose_name=_("authority")
    )
    name = models.CharField(_("name"), max_length=200, help_text=_("As printed: Alison Born."))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    email = models.EmailField(_("email"), blank=True)
    telephone = models.CharField(_("telephone"), max_length=40, blank=True)
    directorate = models.ForeignKey(
        Directorate,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="officers",
        verbose_name=_("directorate"),
        help_text=_("An officer sees and edits the key decision reports of their directorate."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("login"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["authority", "name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            UniqueConstraint(
                fields=["authority", "name"],
                name="person_name_unique",
                field="name",
                violation_error_message=_("The council already has a person with this name."),
            )
        ]

    def __str__(self) -> str:
        # A name that already carries the title ("Demo Councillor B", "Cllr Jones") keeps it
        # once, not twice.
        words = {word.lower().rstrip(".") for word in self.name.split()}
        if self.kind == self.Kind.COUNCILLOR and not words & {"councillor", "cllr"}:
            return _("Councillor %(name)s") % {"name": self.name}
        return self.name


class Role(models.Model):
    """A title a person holds: Leader of the Council, Commissioning Officer, Director of People."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="roles", verbose_name=_("person")
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.ForeignKey(
        Body,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="holders",
        verbose_name=_("post or body"),
        help_text=_("The officer post or Cabinet Member role this title is, where there is one."),
    )
    started = models.DateField(_("from"), null=True, blank=True)
    ended = models.DateField(_("until"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["person", "title"]
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            CheckConstraint(
                condition=Q(started__isnull=True)
                | Q(ended__isnull=True)
                | Q(ended__gte=F("started")),
                name="role_ends_after_start",
                field="ended",
                violation_error_message=_("The end of the role must not be before its start."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.person.name}, {self.title}"
