"""Signed PDFs built in the tests: a CA of our own (cryptography, EC keys:
fast to make), signer certificates from it, PDFs signed with pyHanko, and a
tampered copy (an incremental update replacing the page's content)."""

from attachment_files import tiny_pdf
from concurrent.futures import ThreadPoolExecutor
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from datetime import datetime
from datetime import timedelta
from datetime import UTC

import io


SIGNER = "Nguyễn Văn An"
ORGANISATION = "UBND huyện Điện Biên"


def _name(common: str, organisation: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
        ]
    )


def certificate(subject, key, issuer, issuer_key, start, end, ca=False):
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    )
    if ca:
        usage = {"key_cert_sign": True, "crl_sign": True, "digital_signature": False}
    else:
        usage = {"key_cert_sign": False, "crl_sign": False, "digital_signature": True}
    builder = builder.add_extension(
        x509.KeyUsage(
            content_commitment=not ca,
            key_encipherment=False,
            data_encipherment=False,
            key_agreement=False,
            encipher_only=False,
            decipher_only=False,
            **usage,
        ),
        critical=True,
    )
    return builder.sign(issuer_key, hashes.SHA256())


class Authority:
    """A root CA and what it signs."""

    def __init__(self, name: str):
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.name = _name(name, "Ban Cơ yếu Chính phủ (thử)")
        now = datetime.now(UTC)
        self.cert = certificate(
            self.name,
            self.key,
            self.name,
            self.key,
            now - timedelta(days=3650),
            now + timedelta(days=3650),
            ca=True,
        )

    def pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)

    def der(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.DER)

    def signer(self, expired: bool = False):
        """A pyHanko signer for ``SIGNER`` of ``ORGANISATION``."""
        from asn1crypto import keys
        from asn1crypto import x509 as asn1
        from pyhanko.sign import signers
        from pyhanko_certvalidator.registry import SimpleCertificateStore

        key = ec.generate_private_key(ec.SECP256R1())
        now = datetime.now(UTC)
        start, end = (
            (now - timedelta(days=800), now - timedelta(days=400))
            if expired
            else (now - timedelta(days=30), now + timedelta(days=700))
        )
        cert = certificate(
            _name(SIGNER, ORGANISATION), key, self.name, self.key, start, end
        )
        return signers.SimpleSigner(
            signing_cert=asn1.Certificate.load(
                cert.public_bytes(serialization.Encoding.DER)
            ),
            signing_key=keys.PrivateKeyInfo.load(
                key.private_bytes(
                    serialization.Encoding.DER,
                    serialization.PrivateFormat.PKCS8,
                    serialization.NoEncryption(),
                )
            ),
            cert_registry=SimpleCertificateStore.from_certs(
                [asn1.Certificate.load(self.der())]
            ),
        )


def signed_pdf(signer, text: str = "Quyet dinh so 12") -> bytes:
    # pyHanko runs its own event loop, which cannot start in a thread that
    # holds one (Playwright's, when a browser journey ran earlier in this
    # process): sign in a thread of its own.
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(_signed_pdf, signer, text).result()


def _signed_pdf(signer, text: str) -> bytes:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    writer = IncrementalPdfFileWriter(io.BytesIO(tiny_pdf(text)))
    out = signers.sign_pdf(
        writer, signers.PdfSignatureMetadata(field_name="ChuKy"), signer=signer
    )
    return out.getvalue()


def tampered(pdf: bytes) -> bytes:
    """The signed PDF with its page's text replaced by an incremental update
    (the signed bytes stay intact: only the signature's coverage tells)."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    content = generic.StreamObject(
        stream_data=b"BT /F1 12 Tf 72 720 Td (Quyet dinh so 99) Tj ET"
    )
    page_ref = writer.root["/Pages"].raw_get("/Kids")[0]
    page = page_ref.get_object()
    page["/Contents"] = writer.add_object(content)
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
