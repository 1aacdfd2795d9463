"""One place that turns service refusals into HTTP answers for the whole API."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.response import Response

from factcheck.errors import RoleForbidden, StateConflict, WorkflowError


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "The resource changed since you read it; fetch it again and retry with its new ETag."
    default_code = "precondition_failed"


class PreconditionRequired(APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_detail = "Send an If-Match header with the ETag you read, so concurrent edits are not lost."
    default_code = "precondition_required"


class PayloadTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."
    default_code = "too_large"


def validation_error_detail(error: DjangoValidationError):
    """Field errors as {field: [messages]}; errors without a field go under non_field_errors."""
    if hasattr(error, "error_dict"):
        return {
            ("non_field_errors" if field == "__all__" else field): messages
            for field, messages in error.message_dict.items()
        }
    return {"non_field_errors": error.messages}


def _codes(error: DjangoValidationError) -> set:
    if hasattr(error, "error_dict"):
        return {e.code for errors in error.error_dict.values() for e in errors}
    return {e.code for e in error.error_list}


def api_exception_handler(exc, context):
    # Imported here: rest_framework.views loads the parser classes from settings, and our parser
    # module imports this one, so importing it at the top would make the two circular.
    from rest_framework.views import exception_handler as drf_exception_handler

    if isinstance(exc, DjangoValidationError):
        code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE if "too_large" in _codes(exc) else status.HTTP_400_BAD_REQUEST
        return Response(validation_error_detail(exc), status=code)
    if isinstance(exc, StateConflict):
        return Response({"detail": exc.message, "code": "state_conflict"}, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, RoleForbidden):
        return Response({"detail": exc.message, "code": "role_forbidden"}, status=status.HTTP_403_FORBIDDEN)
    if isinstance(exc, WorkflowError):
        return Response({"detail": exc.message, "code": "invalid"}, status=exc.status_code)
    return drf_exception_handler(exc, context)


def not_found(request, exception):
    """404 for URLs no route matches: JSON under /api/, Django's page elsewhere."""
    from django.http import JsonResponse
    from django.views.defaults import page_not_found

    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    return page_not_found(request, exception)
