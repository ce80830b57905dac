"""Importing and exporting the procedure catalogue: all or nothing,
idempotent, and a file that survives the round trip through the site."""

from datetime import date
from dienbien.policy.core.procedures import ChannelTerms
from dienbien.policy.core.procedures import Component
from dienbien.policy.core.procedures import Procedure
from dienbien.policy.orgunits.importer import import_units
from dienbien.policy.procedures.demo import DATA
from dienbien.policy.procedures.demo import load_procedures
from dienbien.policy.procedures.files.reading import read_workbook
from dienbien.policy.procedures.files.writing import write_workbook
from dienbien.policy.procedures.importer import export_procedures
from dienbien.policy.procedures.importer import import_procedures
from dienbien.policy.procedures.importer import ProcedureImportRefused
from dienbien.policy.procedures.importer import procedures_by_code
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID

import contextlib
import importlib.util
import io
import pathlib
import pytest
import zipfile


ROOT = pathlib.Path(__file__).parent.parent
UNITS_JSON = (DATA / "orgunits.json").read_text("utf-8")

BIRTH = Procedure(
    code="1.001193",
    title="Đăng ký khai sinh",
    field="ho-tich",
    level="commune",
    unit="H15.50.05.01",
    steps="<ol><li>Nộp hồ sơ</li><li>Nhận kết quả</li></ol>",
    in_force_from=date(2016, 1, 1),
    boundary_free=True,
    channels=(
        ChannelTerms("in_person", 0, "same_day", "15:00"),
        ChannelTerms("online", 1, "working_days"),
    ),
    components=(
        Component("Tờ khai đăng ký khai sinh", 1, 0, "to-khai.docx"),
        Component("Giấy chứng sinh", 1, 0),
    ),
)
PERMIT = Procedure(
    code="1.009994",
    title="Cấp giấy phép xây dựng nhà ở riêng lẻ",
    field="xay-dung",
    level="district",
    unit="H15.50.09",
    online_service="partial",
    online_partial_reason="Phải kiểm tra thực địa.",
    channels=(ChannelTerms("in_person", 15, "calendar_days", fee=75000),),
    components=(Component("Đơn đề nghị", 1, 0), Component("Bản vẽ", 2, 0)),
)
OLD = Procedure(
    code="1.004138",
    title="Xác nhận kế hoạch bảo vệ môi trường",
    field="tai-nguyen-moi-truong",
    level="district",
    in_force_from=date(2015, 4, 1),
    abolished_on=date(2022, 1, 1),
    channels=(ChannelTerms("in_person", 10),),
)
ITEMS = [(BIRTH, "published"), (PERMIT, "pending"), (OLD, "abolished")]
FORMS = {("1.001193", "to-khai.docx"): b"PK\x03\x04 a form"}


@pytest.fixture
def site(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    import_units(portal, UNITS_JSON, "json")
    return portal


def state_of(portal):
    return {
        code: api.content.get_state(obj)
        for code, obj in procedures_by_code(portal).items()
    }


def clear(portal):
    for obj in procedures_by_code(portal).values():
        api.content.delete(obj, check_linkintegrity=False)


def generated(count: int):
    """``count`` plausible procedures with made-up codes."""
    fields = ["ho-tich", "chung-thuc", "dat-dai", "xay-dung", "giao-duc"]
    return [
        (
            Procedure(
                code=f"9.{index:06d}",
                title=f"Thủ tục thử số {index}",
                field=fields[index % len(fields)],
                level=("commune", "district")[index % 2],
                unit="H15.50.05.01" if index % 2 == 0 else "H15.50.03",
                steps="<ol><li>Nộp hồ sơ</li></ol>",
                channels=(
                    ChannelTerms("in_person", 1 + index % 15, fee=index * 1000),
                    ChannelTerms("online", 1 + index % 15),
                ),
                components=(
                    Component("Tờ khai", 1, 0),
                    Component("Giấy tờ tùy thân", 0, 1),
                ),
            ),
            ("published", "draft")[index % 2],
        )
        for index in range(1, count + 1)
    ]


# Importing -----------------------------------------------------------------


def test_import_creates_procedures_in_their_states(site):
    data = write_workbook(ITEMS, "xlsx")
    report = import_procedures(site, data, "xlsx")
    assert report.created == ["1.001193", "1.009994", "1.004138"]
    assert state_of(site) == {
        "1.001193": "published",
        "1.009994": "pending",
        "1.004138": "abolished",
    }
    birth = site["thu-tuc-hanh-chinh"]["1-001193"]
    assert birth.title == "Đăng ký khai sinh"
    assert birth.steps.raw == BIRTH.steps
    assert birth.channels[0]["cutoff"] == "15:00"
    # Indexed as the search expects it.
    brains = api.content.find(procedure_code="1.009994")
    assert [b.getObject().unit for b in brains] == ["H15.50.09"]
    # The workbook names a form it cannot carry: reported, not refused.
    assert report.missing_forms == ["1.001193/to-khai.docx"]
    history = site.portal_workflow.getInfoFor(birth, "review_history")
    assert history[-1]["comments"] == "Imported from a catalogue file"


def test_bad_file_imports_nothing(site):
    bad = [
        *ITEMS,
        (
            Procedure(
                code="1.000001",
                title="Thủ tục sai",
                field="ho-khau",  # not a field of the site
                level="commune",
                unit="H15.99",  # no such unit
                channels=(ChannelTerms("in_person", 3, fee=-5),),
            ),
            "published",
        ),
    ]
    with pytest.raises(ProcedureImportRefused) as refused:
        import_procedures(site, write_workbook(bad, "xlsx"), "xlsx")
    located = [(p.sheet, p.line, p.field) for p in refused.value.problems]
    assert located == [
        ("procedures", 5, "field"),
        ("procedures", 5, "unit"),
        ("channels", 6, "fee"),
    ]
    assert "procedures row 5, column field" in str(refused.value)
    assert procedures_by_code(site) == {}


def test_second_import_changes_nothing(site):
    data = write_workbook(ITEMS, "csv", forms=FORMS)
    import_procedures(site, data, "csv")
    birth = site["thu-tuc-hanh-chinh"]["1-001193"]
    stamp, form_stamp = birth.modified(), birth["to-khai.docx"].modified()
    history = len(site.portal_workflow.getInfoFor(birth, "review_history"))
    report = import_procedures(site, data, "csv")
    assert report.created == report.updated == report.forms == []
    assert report.unchanged == ["1.001193", "1.009994", "1.004138"]
    assert report.transitions == {}
    assert birth.modified() == stamp
    assert birth["to-khai.docx"].modified() == form_stamp
    assert len(site.portal_workflow.getInfoFor(birth, "review_history")) == history


def test_changed_rows_update_and_move(site):
    import_procedures(site, write_workbook(ITEMS, "json"), "json")
    cheaper = PERMIT.__class__(
        **{
            **PERMIT.__dict__,
            "channels": (ChannelTerms("in_person", 10, "calendar_days", fee=50000),),
        }
    )
    changed = [(BIRTH, ""), (cheaper, "published"), (OLD, "published")]
    report = import_procedures(site, write_workbook(changed, "json"), "json")
    assert report.updated == ["1.009994", "1.004138"]
    assert report.unchanged == ["1.001193"]
    assert report.transitions == {
        "1.009994": "pending -> published",
        "1.004138": "abolished -> published",
    }
    permit = site["thu-tuc-hanh-chinh"]["1-009994"]
    assert permit.channels[0]["fee"] == 50000
    assert api.content.find(procedure_code="1.009994")[0].procedure_terms[0]["fee"] == (
        50000
    )
    # An empty state leaves the procedure where it is.
    assert api.content.get_state(site["thu-tuc-hanh-chinh"]["1-001193"]) == (
        "published"
    )


def test_progress_is_reported(site):
    calls = []
    items = generated(30)
    import_procedures(
        site,
        write_workbook(items, "xlsx"),
        "xlsx",
        progress=lambda done, total: calls.append((done, total)),
    )
    assert calls == [(done, 30) for done in range(1, 31)]


# Exporting -----------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "json"])
def test_export_import_export_is_identical(site, fmt):
    import_procedures(site, write_workbook(ITEMS, "csv", forms=FORMS), "csv")
    first = export_procedures(site, fmt)
    items, problems = read_workbook(first, fmt)
    assert problems == []
    assert items == sorted(ITEMS, key=lambda item: item[0].code)
    clear(site)
    assert procedures_by_code(site) == {}
    import_procedures(site, first, fmt)
    assert export_procedures(site, fmt) == first
    form = site["thu-tuc-hanh-chinh"]["1-001193"].get("to-khai.docx")
    # Only the zip carries the form files themselves.
    assert (form is not None) == (fmt == "csv")


def test_zip_export_carries_form_files(site):
    import_procedures(site, write_workbook(ITEMS, "csv", forms=FORMS), "csv")
    with zipfile.ZipFile(io.BytesIO(export_procedures(site, "csv"))) as archive:
        assert (
            archive.read("forms/1.001193/to-khai.docx")
            == FORMS["1.001193", "to-khai.docx"]
        )


# Demo data -----------------------------------------------------------------


def test_demo_catalogue_loads(site):
    report = load_procedures(site)
    procedures = procedures_by_code(site)
    assert 28 <= len(procedures) <= 36
    assert len(report.created) == len(procedures)
    assert report.missing_forms == []
    assert len({obj.field for obj in procedures.values()}) >= 8
    assert {obj.level for obj in procedures.values()} == {"district", "commune"}
    states = list(state_of(site).values())
    assert states.count("abolished") == 2
    assert all(
        procedures[c].abolished_on
        for c, s in state_of(site).items()
        if s == "abolished"
    )
    assert sum(obj.online_service == "partial" for obj in procedures.values()) >= 3
    assert sum(bool(obj.boundary_free) for obj in procedures.values()) >= 2
    # Form files are real .docx files inside their procedures.
    birth = procedures["1.001193"]
    form = birth["to-khai-dang-ky-khai-sinh.docx"]
    assert form.portal_type == "File"
    assert form.file.data.startswith(b"PK") and len(form.file.data) < 20000
    assert len(report.forms) >= 3
    # Loading again changes nothing.
    again = load_procedures(site)
    assert again.created == again.updated == again.forms == []
    assert len(again.unchanged) == len(procedures)


def test_demo_file_is_labelled_as_sample_data():
    import json

    document = json.loads((DATA / "procedures.json").read_text("utf-8"))
    assert "sample data" in document["_comment"]
    assert "NOT authoritative" in document["_comment"]


# The command line ---------------------------------------------------------


def load_script(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # no ``app`` global: main() is not run
    return module


def test_import_command_shows_progress(functional, tmp_path):
    """300 procedures through the zconsole script: progress every 25."""
    app, portal = functional["app"], functional["portal"]
    setRoles(portal, TEST_USER_ID, ["Manager"])
    with api.env.adopt_roles(["Manager"]):
        import_units(portal, UNITS_JSON, "json")
    path = tmp_path / "thu-tuc.xlsx"
    path.write_bytes(write_workbook(generated(300), "xlsx"))
    script = load_script("import_procedures")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert script.main(app, [str(path), "--site-id", portal.getId()]) == 0
    lines = out.getvalue().splitlines()
    assert lines[:3] == ["25/300", "50/300", "75/300"]
    assert "300/300" in lines
    assert "300 created, 0 updated, 0 unchanged" in lines[-1]
    assert len(procedures_by_code(portal)) == 300

    # Exported again: the same procedures, in code order.
    exported = tmp_path / "lai.zip"
    export = load_script("export_procedures")
    with contextlib.redirect_stdout(io.StringIO()):
        assert export.main(app, [str(exported), "--site-id", portal.getId()]) == 0
    items, problems = read_workbook(exported.read_bytes(), "csv")
    assert problems == [] and items == generated(300)


def test_import_command_lists_problems(functional, tmp_path, capsys):
    app, portal = functional["app"], functional["portal"]
    path = tmp_path / "sai.json"
    path.write_bytes(b'{"procedures": [{"code": "1.2", "title": "", "level": "x"}]}')
    script = load_script("import_procedures")
    assert script.main(app, [str(path), "--site-id", portal.getId()]) == 1
    err = capsys.readouterr().err
    assert "refused, nothing imported" in err
    assert "procedure 1, code: The procedure code 1.2" in err
