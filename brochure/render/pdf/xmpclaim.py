"""PDF/UA-1 declared in the XMP of a PDF of another variant (the archive's PDF/A-3a): WeasyPrint writes
the identification of one variant only, so ``pdfuaid:part`` 1 is merged in with the PDF/A extension
schema that declares it (ISO 19005-3 6.6.2.3, ISO 14289-1 5)."""

from __future__ import annotations

import pikepdf
from lxml import etree
from pikepdf import Name

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
PDFUAID = "http://www.aiim.org/pdfua/ns/id/"
_UA_SCHEMA = f"""<rdf:Description xmlns:rdf="{RDF}" rdf:about=""
  xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
  xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
  xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
 <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
  <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
  <pdfaSchema:namespaceURI>{PDFUAID}</pdfaSchema:namespaceURI>
  <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
  <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
   <pdfaProperty:name>part</pdfaProperty:name>
   <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
   <pdfaProperty:category>internal</pdfaProperty:category>
   <pdfaProperty:description>Part of ISO 14289 the file conforms to</pdfaProperty:description>
  </rdf:li></rdf:Seq></pdfaSchema:property>
 </rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>"""


def claim_ua(pdf: pikepdf.Pdf) -> None:
    """Add ``pdfuaid:part`` 1 and its PDF/A extension schema to the XMP (a PDF/A that is also PDF/UA-1)."""
    packet = pdf.Root.Metadata.read_bytes()
    tree = etree.fromstring(packet)
    rdf = tree.find(f"{{{RDF}}}RDF") if tree.tag != f"{{{RDF}}}RDF" else tree
    if rdf.find(f".//*[@{{{PDFUAID}}}part]") is None:
        rdf.append(etree.fromstring(_UA_SCHEMA))
        claim = etree.SubElement(rdf, f"{{{RDF}}}Description", nsmap={"pdfuaid": PDFUAID})
        claim.set(f"{{{RDF}}}about", "")
        claim.set(f"{{{PDFUAID}}}part", "1")
    start, end = packet.find(b"?>") + 2 if packet.startswith(b"<?xpacket") else 0, packet.rfind(b"<?xpacket end")
    body = etree.tostring(tree, encoding="utf-8")
    packet = packet[:start] + b"\n" + body + b"\n" + (packet[end:] if end > 0 else b"")
    pdf.Root.Metadata = pdf.make_stream(packet, Type=Name.Metadata, Subtype=Name.XML)
