"""API responses written by orjson, in the form DRF's JSONRenderer writes them."""

import orjson
from drf_orjson_renderer.renderers import ORJSONRenderer
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
