from django.urls import path

from commissioning import views

urlpatterns = [
    path("contracts/", views.contract_list, name="contract-list"),
    path("contracts/<int:pk>/", views.contract_detail, name="contract-detail"),
]
