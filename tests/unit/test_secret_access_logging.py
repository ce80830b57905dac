"""The openings of secret documents go to a file of their own, in the
instance's zope.ini and in buildout's wsgi.ini template alike, and not to
the event log."""

from unit.test_buildout_wsgi_template import OPTIONS
from unit.test_buildout_wsgi_template import TEMPLATE

import configparser
import pathlib


ZOPE_INI = pathlib.Path(__file__).parents[2] / "instance" / "etc" / "zope.ini"


def check(parser: configparser.RawConfigParser, path: str) -> None:
    assert "secret_access" in parser["loggers"]["keys"].replace(" ", "").split(",")
    assert "secretaccess" in parser["handlers"]["keys"].replace(" ", "").split(",")
    logger = parser["logger_secret_access"]
    assert logger["qualname"] == "dienbien.policy.secret_access"
    assert logger["handlers"] == "secretaccess"
    assert logger["propagate"] == "0"
    assert logger["level"] == "INFO"
    handler = parser["handler_secretaccess"]
    assert handler["class"] == "FileHandler"
    assert handler["args"] == f"(r'{path}', 'a')"
    assert handler["formatter"] == "message"


def test_zope_ini():
    parser = configparser.RawConfigParser()
    parser.read_string(ZOPE_INI.read_text())
    check(parser, "%(here)s/../var/log/secret-access.log")


def test_buildout_template():
    parser = configparser.RawConfigParser()
    parser.read_string(TEMPLATE.read_text() % OPTIONS)
    check(parser, "/srv/parts/instance/../../var/log/secret-access.log")
