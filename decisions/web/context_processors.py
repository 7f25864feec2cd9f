from django.conf import settings
from django.http import HttpRequest


def register(request: HttpRequest) -> dict:
    return {"register_name": settings.REGISTER_NAME}
