"""Write the demo form files (small .docx) named by data/demo/procedures.json.

    .venv/bin/python scripts/make_demo_forms.py

Each form is a sample: a title, the national motto, the addressee and a few
labelled blank lines, marked as demo data (the official forms are those of the
circulars cited in each procedure's legal basis). The output is reproducible
byte for byte: fixed document properties and zip time stamps, and none of the
parts python-docx's template carries that a plain form does not need
(thumbnail, styles with effects, theme, custom XML), so each file stays a few KB.
"""

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

import datetime
import io
import pathlib
import zipfile


ROOT = pathlib.Path(__file__).resolve().parent.parent
FOLDER = ROOT / "src" / "dienbien" / "policy" / "data" / "demo" / "forms"
STAMP = datetime.datetime(2025, 7, 1)

SAMPLE = (
    "Mẫu minh họa của trang trình diễn (dữ liệu mẫu) — khi nộp hồ sơ thật, dùng "
    "mẫu ban hành kèm theo văn bản pháp luật nêu trong thủ tục."
)

#: file -> (title, addressee, labelled lines)
FORMS = {
    "to-khai-dang-ky-khai-sinh.docx": (
        "TỜ KHAI ĐĂNG KÝ KHAI SINH",
        "Ủy ban nhân dân xã Thanh Xương",
        [
            "Họ, chữ đệm, tên người yêu cầu",
            "Số định danh cá nhân",
            "Quan hệ với người được khai sinh",
            "Họ, chữ đệm, tên người được khai sinh",
            "Ngày, tháng, năm sinh",
            "Giới tính / Dân tộc / Quốc tịch",
            "Nơi sinh",
            "Họ, chữ đệm, tên người mẹ",
            "Họ, chữ đệm, tên người cha",
        ],
    ),
    "to-khai-dang-ky-ket-hon.docx": (
        "TỜ KHAI ĐĂNG KÝ KẾT HÔN",
        "Ủy ban nhân dân xã Thanh Xương",
        [
            "Họ, chữ đệm, tên (bên nữ)",
            "Ngày, tháng, năm sinh / Dân tộc / Quốc tịch",
            "Số định danh cá nhân",
            "Nơi cư trú",
            "Họ, chữ đệm, tên (bên nam)",
            "Ngày, tháng, năm sinh / Dân tộc / Quốc tịch",
            "Số định danh cá nhân",
            "Nơi cư trú",
        ],
    ),
    "to-khai-dang-ky-khai-tu.docx": (
        "TỜ KHAI ĐĂNG KÝ KHAI TỬ",
        "Ủy ban nhân dân xã Thanh Xương",
        [
            "Họ, chữ đệm, tên người yêu cầu",
            "Quan hệ với người đã chết",
            "Họ, chữ đệm, tên người đã chết",
            "Ngày, tháng, năm sinh",
            "Số định danh cá nhân",
            "Đã chết vào lúc (giờ, ngày, tháng, năm)",
            "Nơi chết",
            "Nguyên nhân chết",
        ],
    ),
    "giay-de-nghi-dang-ky-ho-kinh-doanh.docx": (
        "GIẤY ĐỀ NGHỊ ĐĂNG KÝ HỘ KINH DOANH",
        "Phòng Tài chính - Kế hoạch huyện Điện Biên",
        [
            "Tên hộ kinh doanh",
            "Địa điểm kinh doanh",
            "Điện thoại / Thư điện tử",
            "Ngành, nghề kinh doanh",
            "Vốn kinh doanh (đồng)",
            "Số lượng lao động",
            "Họ, chữ đệm, tên chủ hộ kinh doanh",
            "Số định danh cá nhân của chủ hộ",
        ],
    ),
    "don-de-nghi-cap-giay-phep-xay-dung.docx": (
        "ĐƠN ĐỀ NGHỊ CẤP GIẤY PHÉP XÂY DỰNG",
        "Ủy ban nhân dân huyện Điện Biên",
        [
            "Tên chủ đầu tư (chủ hộ)",
            "Địa chỉ liên hệ / Số điện thoại",
            "Địa điểm xây dựng: lô đất số, diện tích (m²)",
            "Loại công trình / Cấp công trình",
            "Diện tích xây dựng tầng 1 (m²) / Tổng diện tích sàn (m²)",
            "Chiều cao công trình (m) / Số tầng",
            "Dự kiến thời gian hoàn thành công trình",
        ],
    ),
    "to-khai-de-nghi-tro-giup-xa-hoi.docx": (
        "TỜ KHAI ĐỀ NGHỊ TRỢ GIÚP XÃ HỘI",
        "Ủy ban nhân dân xã Thanh Xương",
        [
            "Họ, chữ đệm, tên đối tượng",
            "Ngày, tháng, năm sinh / Giới tính / Dân tộc",
            "Số định danh cá nhân",
            "Nơi cư trú",
            "Thuộc đối tượng (người cao tuổi, người khuyết tật, trẻ em, ...)",
            "Đang hưởng chế độ nào khác (nếu có)",
            "Họ, chữ đệm, tên người giám hộ (nếu có)",
        ],
    ),
}

#: Parts a plain form does without (relationship type, last segment).
UNNEEDED = {"stylesWithEffects", "customXml", "thumbnail", "theme", "webSettings"}


def form_document(title: str, addressee: str, lines: list[str]):
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(13)
    for text, bold in (
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True),
        ("Độc lập - Tự do - Hạnh phúc", True),
        ("", False),
        (title, True),
    ):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(text).bold = bold
    document.add_paragraph(f"Kính gửi: {addressee}")
    for label in lines:
        document.add_paragraph(f"{label}: " + "." * max(8, 70 - len(label)))
    document.add_paragraph(
        "Tôi cam đoan nội dung đề nghị trên đây là đúng sự thật và chịu trách "
        "nhiệm trước pháp luật về cam đoan của mình."
    )
    signature = document.add_paragraph()
    signature.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    signature.add_run("Làm tại: ........., ngày ..... tháng ..... năm ........\n")
    signature.add_run("NGƯỜI YÊU CẦU\n").bold = True
    signature.add_run("(Ký, ghi rõ họ, chữ đệm, tên)")
    note = document.add_paragraph()
    note.add_run(SAMPLE).italic = True

    # Keep only what the form uses.
    for owner in (document.part, document.part.package):
        for rel_id, rel in list(owner.rels.items()):
            if rel.reltype.rsplit("/", 1)[-1] in UNNEEDED:
                del owner.rels[rel_id]
    styles = document.styles.element
    for latent in styles.findall(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}latentStyles"
    ):
        styles.remove(latent)
    for style in list(document.styles):
        if style.name not in ("Normal", "Default Paragraph Font", "Normal Table"):
            styles.remove(style.element)
    properties = document.core_properties
    properties.author = properties.last_modified_by = "dienbien.policy (demo)"
    properties.title = title
    properties.created = properties.modified = STAMP
    properties.revision = 1
    return document


def stable_bytes(document) -> bytes:
    """The .docx with fixed zip time stamps: same form, same bytes."""
    raw = io.BytesIO()
    document.save(raw)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(raw.getvalue())) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, (1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info))
    return out.getvalue()


def main() -> None:
    FOLDER.mkdir(parents=True, exist_ok=True)
    for name, (title, addressee, lines) in FORMS.items():
        data = stable_bytes(form_document(title, addressee, lines))
        (FOLDER / name).write_bytes(data)
        print(f"{FOLDER.relative_to(ROOT) / name}: {len(data)} bytes")


if __name__ == "__main__":
    main()
