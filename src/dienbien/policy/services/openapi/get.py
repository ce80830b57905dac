"""``GET /@openapi``: the OpenAPI 3.1 document of our endpoints, as JSON.

The document is ``openapi.yaml`` next to this module (``docs/openapi.yaml``
links to it): one source, read once per process.
"""

from functools import cache
from pathlib import Path
from plone.restapi.services import Service

import yaml


DOCUMENT = Path(__file__).with_name("openapi.yaml")


@cache
def document() -> dict:
    return yaml.safe_load(DOCUMENT.read_text("utf-8"))


class OpenAPIGet(Service):
    def reply(self):
        return document()
