"""Real PDFs for tests, made with pypdf: tagged or not, with or without title and language, scanned, encrypted."""

from __future__ import annotations

import io

from PIL import Image
from pypdf import PdfWriter
from pypdf.constants import UserAccessPermissions
from pypdf.generic import BooleanObject, DictionaryObject, NameObject, StreamObject, TextStringObject


def text_pdf(tagged: bool = True, title: str | None = "Οδηγός ανακύκλωσης", lang: str | None = "el-GR",
             shows_title: bool = True, user_password: str | None = None,
             permissions: UserAccessPermissions | None = None, padding: int = 0,
             algorithm: str = "RC4-128") -> bytes:
    """A one-page PDF with a text layer; by default tagged, titled (shown) and in Greek: it passes every test.
    `padding` bytes of an unused stream make it larger (see `sized_pdf`); `algorithm` encrypts it (with a password
    or permissions): RC4-128, AES-128 (Word's and Acrobat's «restrict editing»), AES-256."""
    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    font = writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica")}))
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})})
    stream = StreamObject()
    stream.set_data(b"BT /F1 14 Tf 72 770 Td (Odigos anakyklosis tou Dimou) Tj ET")
    page[NameObject("/Contents")] = writer._add_object(stream)
    root = writer._root_object
    if padding:
        filler = StreamObject()
        filler.set_data(b"0" * padding)
        root[NameObject("/KiryxTestPadding")] = writer._add_object(filler)
    if tagged:
        root[NameObject("/MarkInfo")] = DictionaryObject({NameObject("/Marked"): BooleanObject(True)})
        root[NameObject("/StructTreeRoot")] = writer._add_object(DictionaryObject({
            NameObject("/Type"): NameObject("/StructTreeRoot")}))
    if lang:
        root[NameObject("/Lang")] = TextStringObject(lang)
    if title:
        writer.add_metadata({"/Title": title})
    if shows_title:
        root[NameObject("/ViewerPreferences")] = DictionaryObject({NameObject("/DisplayDocTitle"): BooleanObject(True)})
    if user_password is not None or permissions is not None:
        writer.encrypt(user_password=user_password or "", owner_password="owner", algorithm=algorithm,
                       permissions_flag=permissions if permissions is not None else UserAccessPermissions(-1))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def sized_pdf(size: int) -> bytes:
    """An accessible PDF of exactly `size` bytes."""
    padding = size - len(text_pdf())
    for _ in range(3):
        data = text_pdf(padding=padding)
        if len(data) == size:
            return data
        padding += size - len(data)
    raise ValueError(f"cannot make a PDF of {size} bytes")


def scanned_pdf() -> bytes:
    """An image-only PDF, as a scanner makes: no text layer."""
    out = io.BytesIO()
    Image.new("RGB", (620, 877), "white").save(out, "PDF", resolution=75)
    return out.getvalue()


NO_TEXT_EXTRACTION = UserAccessPermissions.PRINT | UserAccessPermissions.R7 | UserAccessPermissions.R8


def certificate_pdf() -> bytes:
    """A PDF protected by a security handler other than the password one (as with certificates): no reader here
    opens it. The handler's name is replaced by one of the same length, so every offset stays right."""
    return text_pdf(permissions=UserAccessPermissions(-1)).replace(b"/Standard", b"/PubSecXX")
