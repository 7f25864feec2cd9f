"""The public addresses, each capability's own: the register, its PDFs and the forward plan."""

from decisions.forward_plan import urls as forward_plan
from decisions.printing import urls as printing
from decisions.register import urls as register

urlpatterns = [*register.urlpatterns, *printing.urlpatterns, *forward_plan.urlpatterns]
