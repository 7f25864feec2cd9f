"""The workspace at /officers/ (signed-in staff and councillors), each capability's own
addresses under the one "officers" namespace."""

from decisions.call_in import urls as call_in
from decisions.forward_plan import urls as forward_plan
from decisions.notifications import urls as notifications
from decisions.reports import urls as reports

app_name = "officers"

urlpatterns = [
    *call_in.urlpatterns,
    *notifications.urlpatterns,
    *reports.urlpatterns,
    *forward_plan.workspace_urlpatterns,
]
