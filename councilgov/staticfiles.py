"""django.contrib.staticfiles as the register configures it."""

from django.contrib.staticfiles.apps import StaticFilesConfig


class RegisterStaticFilesConfig(StaticFilesConfig):
    """Collects only the Swagger UI build the API documentation page loads (the bundle and its
    stylesheet, with their source maps): npm's swagger-ui-dist also ships other builds, some
    10 MB that `collectstatic` would hash and compress for nothing."""

    ignore_patterns = [
        *StaticFilesConfig.ignore_patterns,
        "swagger-ui-es-bundle*",
        "swagger-ui-standalone-preset*",
        "swagger-ui.js",
        "swagger-ui.js.map",
        "swagger-initializer.js",
        "log.*bundle-sizes.swagger-ui.txt",
    ]
