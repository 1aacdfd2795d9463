"""API responses written by orjson, in the form DRF's JSONRenderer writes them; the browsable API under our CSP."""

import orjson
from csp.constants import UNSAFE_INLINE
from drf_orjson_renderer.renderers import ORJSONRenderer
from rest_framework import renderers
from rest_framework.utils.encoders import JSONEncoder


class JSONRenderer(ORJSONRenderer):
    """drf-orjson-renderer's renderer, handing orjson what it does not write DRF's way to DRF's encoder.

    orjson writes a list page in a fraction of the time the standard library takes. Dates and times
    go to DRF's encoder (orjson would write UTC as +00:00 where DRF writes Z), as does everything
    orjson does not know, so the output stays DRF's, byte for byte, but for the spelling of float
    exponents (1e-7 for 1e-07) and U+2028/U+2029, which DRF escapes.
    """

    # Keys that are not strings are written as json writes them: DRF's errors for list items are
    # keyed by index ({"tags": {3: ["…"]}} → {"tags":{"3":["…"]}}).
    options = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_NON_STR_KEYS
    default = staticmethod(JSONEncoder().default)


class JSONLDRenderer(JSONRenderer):
    media_type = "application/ld+json"
    format = "jsonld"


class BrowsableAPIRenderer(renderers.BrowsableAPIRenderer):
    """DRF's browsable API under the Content-Security-Policy (settings.CONTENT_SECURITY_POLICY).

    DRF's templates put a few style attributes inline (the float of the extra-actions and filter
    buttons); these pages allow inline style attributes, and nothing else inline. The <style> DRF
    adds for syntax highlighting when Pygments is installed is left out.
    """

    def get_context(self, data, accepted_media_type, renderer_context):
        context = super().get_context(data, accepted_media_type, renderer_context)
        context["code_style"] = None
        return context

    def render(self, data, accepted_media_type=None, renderer_context=None):
        response = (renderer_context or {}).get("response")
        if response is not None:
            # What django-csp's @csp_update decorator sets; its middleware reads it from the response.
            response._csp_update = {"style-src-attr": [UNSAFE_INLINE]}
        return super().render(data, accepted_media_type, renderer_context)
