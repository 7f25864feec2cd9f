"""What the OpenAPI schema says beyond what drf-spectacular reads from the views.

Every operation can answer 400 (a parameter it cannot use, named), 404 (no such record) and
414 (an address too long to read), each as JSON; the hook below documents them once for all
operations, so that the schema promises only answers the API gives.
"""

from django.utils.translation import gettext as _

from decisions.api.base import LONGEST_QUERY
from decisions.api.pagination import RegisterPagination

PROBLEM = {
    "type": "object",
    "description": "Why the request was not answered.",
    "properties": {"detail": {"type": "string", "example": "No Decision matches the given query."}},
    "required": ["detail"],
}
# A ValidationError's answer: each parameter's name, with what is wrong with it.
PARAMETER_PROBLEMS = {
    "type": "object",
    "description": "Each parameter that could not be used, with what is wrong with it.",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
    "example": {"page_size": ["A page holds at most 200 results."]},
}


def answer(description: str, *components: str) -> dict:
    schemas = [{"$ref": f"#/components/schemas/{component}"} for component in components]
    schema = schemas[0] if len(schemas) == 1 else {"anyOf": schemas}
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def error_answers() -> dict[str, dict]:
    return {
        "400": answer(
            _(
                "A parameter could not be used: a filter value that is not one of its choices, "
                "a date that is not real, a page size out of range, a cursor the API did not "
                "give, or a parameter this operation does not take. Each is named, with what "
                "is wrong. An address or query that cannot be read at all (a NUL byte in it) "
                "is said in `detail`."
            ),
            "ParameterProblems",
            "Problem",
        ),
        "404": answer(_("No public record has this id."), "Problem"),
        "414": answer(
            _("The query is longer than the API reads (%(longest)s characters).")
            % {"longest": f"{LONGEST_QUERY:,}"},
            "Problem",
        ),
    }


def empty_means(name: str) -> str:
    """What a query parameter sent empty does: the same as leaving it out."""
    if name == RegisterPagination.cursor_query_param:
        return _("Empty, or left out: the first page.")
    if name == RegisterPagination.page_size_query_param:
        return _("Empty, or left out: %(size)d.") % {"size": RegisterPagination.page_size}
    if name == "sort":
        return _("Empty, or left out: the best match first with a search, else the newest.")
    return _("Empty, or left out, it does not filter.")


def document_error_answers(result: dict, generator: object, request: object, public: bool) -> dict:
    """drf-spectacular postprocessing hook: the error answers, and what an empty parameter
    means (allowEmptyValue, as the browsable API's filter form sends every box)."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Problem"] = PROBLEM
    schemas["ParameterProblems"] = PARAMETER_PROBLEMS
    for operations in result["paths"].values():
        for operation in operations.values():
            for code, response in error_answers().items():
                operation["responses"].setdefault(code, response)
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "query":
                    # A form sends every box, filled or not: an empty one is not an error.
                    parameter["allowEmptyValue"] = True
                    description = parameter.get("description", "")
                    note = empty_means(parameter["name"])
                    parameter["description"] = f"{description}\n\n{note}".strip()
    return result
