"""Pure rules of the law and the council's constitution: working days, the call-in
window and forward plan notice. No ORM: they import nothing from django.db."""
