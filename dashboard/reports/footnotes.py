"""Word footnotes for python-docx, which has no API for them: the footnotes part and its references.

A footnote is a ``w:footnote`` in ``word/footnotes.xml`` (after the two separators Word expects,
ids -1 and 0) and a run holding ``w:footnoteReference`` where it is cited. Word, LibreOffice and
WPS number them in order and print them at the foot of the page; the reference and the number in
the footnote are superscript by direct formatting, so no footnote styles need to exist.
"""

from __future__ import annotations

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
SEPARATORS = (
    f"<w:footnotes {nsdecls('w')}>"
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
    'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
    'w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
    "</w:footnotes>"
)
SIZE_HALF_POINTS = 16  # 8 pt


def _footnotes_part(document_part) -> XmlPart:
    for rel in document_part.rels.values():
        if rel.reltype == RT.FOOTNOTES and not rel.is_external:
            return rel.target_part
    part = XmlPart(PackURI("/word/footnotes.xml"), CONTENT_TYPE, parse_xml(SEPARATORS), document_part.package)
    document_part.relate_to(part, RT.FOOTNOTES)
    return part


def _superscript_run(parent, child_tag: str, **attrs: str):
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    va = OxmlElement("w:vertAlign")
    va.set(qn("w:val"), "superscript")
    rpr.append(va)
    run.append(rpr)
    child = OxmlElement(child_tag)
    for k, v in attrs.items():
        child.set(qn(k), v)
    run.append(child)
    parent.append(run)
    return run


def add_footnote(paragraph, text: str) -> int:
    """Cite a footnote saying ``text`` at the end of ``paragraph``; its id."""
    part = _footnotes_part(paragraph.part)
    root = part.element
    ids = [int(f.get(qn("w:id"))) for f in root.findall(qn("w:footnote"))]
    note_id = max([0, *ids]) + 1
    footnote = OxmlElement("w:footnote")
    footnote.set(qn("w:id"), str(note_id))
    p = OxmlElement("w:p")
    footnote.append(p)
    _superscript_run(p, "w:footnoteRef")
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), str(SIZE_HALF_POINTS))
    rpr.append(size)
    run.append(rpr)
    t = OxmlElement("w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = " " + text
    run.append(t)
    p.append(run)
    root.append(footnote)
    _superscript_run(paragraph._p, "w:footnoteReference", **{"w:id": str(note_id)})
    return note_id


def footnote_texts(document) -> list[str]:
    """The text of each footnote of a document, in order (for tests and checks)."""
    for rel in document.part.rels.values():
        if rel.reltype == RT.FOOTNOTES:
            root = rel.target_part.element if hasattr(rel.target_part, "element") else parse_xml(rel.target_part.blob)
            return [
                "".join(t.text or "" for t in f.iter(qn("w:t"))).strip()
                for f in root.findall(qn("w:footnote"))
                if int(f.get(qn("w:id"))) > 0
            ]
    return []
