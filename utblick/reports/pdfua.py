"""What WeasyPrint's PDF/A-2b output lacks to be PDF/UA-1 as well, added before it is written.

WeasyPrint (``pdf_tags=True``) tags headings, lists, tables and figures and sets the
language and the title display. This finisher adds the rest:

* the PDF/UA identification in the XMP metadata (``pdfuaid:part 1``), with the extension
  schema that PDF/A asks for a property outside its predefined schemas;
* ``/Scope`` on every table header cell: ``/Column`` in a table head, ``/Row`` in the body
  (WeasyPrint links data cells to headers by ``/Headers``; a row header column has no data
  cell under it and would otherwise be associated with nothing).
"""

from __future__ import annotations

from typing import Any

PDFUA_XMP = b"""<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" pdfuaid:part="1" />
<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
"""


def _object(pdf: Any, reference: Any) -> Any:
    number = reference.split()[0]
    return pdf.objects[int(number)]


def _declare_pdfua(pdf: Any) -> None:
    metadata = _object(pdf, pdf.catalog["Metadata"])
    chunks = [c if isinstance(c, bytes) else str(c).encode() for c in metadata.stream]
    xmp = b"".join(chunks)
    if b"pdfuaid:part" not in xmp:
        xmp = xmp.replace(b"</rdf:RDF>", PDFUA_XMP + b"</rdf:RDF>", 1)
    metadata.stream = [xmp]


def _scope_header_cells(pdf: Any) -> None:
    for element in pdf.objects:
        if not isinstance(element, dict) or element.get("S") != "/TH":
            continue
        row = _object(pdf, element["P"])
        group = _object(pdf, row["P"]) if row.get("P") else None
        scope = "/Column" if group is not None and group.get("S") == "/THead" else "/Row"
        attributes = element.get("A")
        if attributes is None:
            continue
        attributes["Scope"] = scope


def pdfua_finisher(_document: Any, pdf: Any) -> None:
    """``write_pdf(finisher=…)``: the PDF/UA-1 additions to a tagged PDF/A document."""
    _declare_pdfua(pdf)
    _scope_header_cells(pdf)
