"""buildout.cfg's wsgi.ini template renders as plone.recipe.zope2instance
renders it (Python's ``%`` formatting over its options), and keeps the access
log without query strings."""

import configparser
import pathlib


TEMPLATE = pathlib.Path(__file__).parents[2] / "instance" / "buildout-wsgi.ini"
OPTIONS = {
    "server_main": "use = egg:plone.recipe.zope2instance#main\nlisten = 127.0.0.1:8080",
    "location": "/srv/parts/instance",
    "pipeline": "translogger\n    egg:Zope#httpexceptions\n    zope",
    "eventlog_level": "INFO",
    "root_handlers": "console, eventlog",
    "event_handlers": "eventlog",
    "accesslog_level": "INFO",
    "accesslog_handler": "FileHandler",
    "accesslog_args": "(r'/srv/var/log/instance-access.log', 'a')",
    "accesslog_kwargs": "{}",
    "eventlog_handler": "FileHandler",
    "eventlog_args": "(r'/srv/var/log/instance.log', 'a')",
    "eventlog_kwargs": "{}",
}


def test_template_renders_with_the_recipes_options():
    parser = configparser.RawConfigParser()
    parser.read_string(TEMPLATE.read_text() % OPTIONS)
    assert (
        parser["filter:translogger"]["paste.filter_app_factory"]
        == "dienbien.policy.accesslog:make_filter"
    )
    assert parser["app:zope"]["zope_conf"] == "/srv/parts/instance/etc/zope.conf"
    assert parser["formatter_message"]["format"] == "%(message)s"
