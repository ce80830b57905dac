"""Demo Q&A: two answered questions (``data/demo/qa.json``), marked as
sample data on the public list."""

from datetime import datetime
from dienbien.policy.citizenforms import storage
from dienbien.policy.citizenforms.interfaces import IQuestionForm
from dienbien.policy.core.citizenforms import qa_entry

import json
import pathlib


QA = pathlib.Path(__file__).parent.parent / "data" / "demo" / "qa.json"


def question_form(portal):
    section = portal.get("gop-y")
    for item in section.objectValues() if section is not None else ():
        if IQuestionForm.providedBy(item):
            return item
    return None


def load_questions(portal) -> None:
    form = question_form(portal)
    if form is None:
        return
    known = {entry["subject"] for entry in storage.entries(form)}
    for item in json.loads(QA.read_text("utf-8"))["entries"]:
        if item["subject"] in known:
            continue
        entry = qa_entry(
            item,
            item["answer"],
            datetime.fromisoformat(item["answered"]),
            sample=True,
        )
        storage.publish(form, entry)
