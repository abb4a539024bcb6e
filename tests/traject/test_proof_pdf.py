"""The proof as a PDF: tagged (PDF/UA-1), in the reader's language, text that can be read
out, the skills as the organisation chose them, and the link to check it."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from meedoen.i18n import language
from meedoen.traject import pdf

pytestmark = pytest.mark.engine_independent

CONTENT = {
    "name": "Sanne",
    "activity": "Gastvrouw in het buurthuis",
    "organisation": "Wijkgilde Enschede West",
    "from": "2026-10-12",
    "until": "2026-12-07",
    "minutes": 1770,
    "skills": ["samenwerken", "klantvriendelijk"],
    "sentence": "Sanne hielp elke week mee.",
    "issued_on": "2026-12-07",
}
URL = "https://meedoen.example/bewijs/bewijs-0123456789ab.0123456789ab.signature"


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("nl", ["Bewijs van meedoen", "Sanne deed mee bij", "samenwerken", "12 oktober 2026"]),
        ("en", ["Proof of participation", "Sanne took part at", "working with others"]),
    ],
)
async def test_the_pdf_is_tagged_in_the_readers_language(lang, words):
    with language(lang):
        html = pdf.proof_html(CONTENT, URL, "29,5" if lang == "nl" else "29.5", lang)
    body = await pdf.proof_pdf(html)

    reader = PdfReader(io.BytesIO(body))
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root
    assert root["/Lang"] == lang
    text = " ".join(page.extract_text() for page in reader.pages)
    for word in words:
        assert word in text, (word, text)
    assert URL in text.replace("\n", "").replace(" ", "")
    assert reader.metadata is not None and "Sanne" in (reader.metadata.title or "")
