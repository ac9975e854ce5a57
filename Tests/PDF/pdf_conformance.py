"""PDF/A-2a and PDF/UA-1 essentials of a print edition, read with pikepdf (run by the Swift tests).

Usage: pdf_conformance.py PDF LANG TITLE [OTHER_LANG=CHAPTERS ...]

Prints one JSON object: {"problems": [...], "facts": {...}}. A problem is a sentence naming what is
missing; the facts (counts) let the tests see that the checks had something to look at.
OTHER_LANG=CHAPTERS: that many chapters are shown in another language (fallback chapters): exactly
that many H1 elements must carry that /Lang (or inherit it).
"""
import json
import sys

import pikepdf

FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


def fonts_of(resources, seen, found):
    """Every font reachable from a resource dictionary (pages, forms, Type3 glyphs, annotations)."""
    if not isinstance(resources, pikepdf.Dictionary) or resources.objgen in seen and resources.objgen != (0, 0):
        return
    seen.add(resources.objgen)
    for font in (resources.get("/Font") or {}).values():
        found.append(font)
        if "/Resources" in font:
            fonts_of(font.Resources, seen, found)
    for xobject in (resources.get("/XObject") or {}).values():
        if xobject.get("/Subtype") == "/Form" and "/Resources" in xobject:
            fonts_of(xobject.Resources, seen, found)


def embedded(font):
    if font.get("/Subtype") == "/Type3":
        return True  # glyphs drawn by the PDF itself
    descriptors = []
    if "/FontDescriptor" in font:
        descriptors.append(font.FontDescriptor)
    for descendant in font.get("/DescendantFonts") or []:
        if "/FontDescriptor" in descendant:
            descriptors.append(descendant.FontDescriptor)
    return bool(descriptors) and all(any(key in d for key in FONT_FILES) for d in descriptors)


def structure_elements(root):
    """Every structure element (dictionaries with /S) with its inherited language, depth first."""
    stack = [(root, None)]
    while stack:
        element, language = stack.pop()
        if not isinstance(element, pikepdf.Dictionary):
            continue
        if "/Lang" in element:
            language = str(element.Lang).split("-")[0].lower()
        if "/S" in element:
            yield element, language
        kids = element.get("/K")
        if isinstance(kids, pikepdf.Array):
            stack.extend((kid, language) for kid in reversed(list(kids)))
        elif isinstance(kids, pikepdf.Dictionary):
            stack.append((kids, language))


def check(path, language, title, fallbacks):
    problems, facts = [], {}
    pdf = pikepdf.open(path)
    root = pdf.Root
    mark_info = root.get("/MarkInfo")
    if "/StructTreeRoot" not in root:
        problems.append("no /StructTreeRoot (the PDF is not tagged)")
    if not (isinstance(mark_info, pikepdf.Dictionary) and mark_info.get("/Marked") is True):
        problems.append(f"/MarkInfo /Marked is not true: {mark_info!r}")
    # The edition's language, with a region if the print design names one (Chinese: zh-CN).
    if str(root.get("/Lang", "")).split("-")[0].lower() != language:
        problems.append(f"/Lang is {str(root.get('/Lang', ''))!r}, not {language!r}")
    with pdf.open_metadata() as xmp:
        for key, expected in (("pdfaid:part", "2"), ("pdfaid:conformance", "A"), ("pdfuaid:part", "1")):
            if xmp.get(key) != expected:
                problems.append(f"XMP {key} is {xmp.get(key)!r}, not {expected!r}")
        xmp_title = xmp.get("dc:title") or ""
    preferences = root.get("/ViewerPreferences")
    if not (isinstance(preferences, pikepdf.Dictionary) and preferences.get("/DisplayDocTitle") is True):
        problems.append("/ViewerPreferences /DisplayDocTitle is not true")
    info_title = str(pdf.docinfo.get("/Title", ""))
    if info_title != title or xmp_title != title:
        problems.append(f"the title is {info_title!r} (Info) and {xmp_title!r} (XMP), not {title!r}")

    fonts, seen = [], set()
    for page in pdf.pages:
        fonts_of(page.obj.get("/Resources"), seen, fonts)
        for annotation in page.obj.get("/Annots") or []:
            appearance = (annotation.get("/AP") or {}).get("/N")
            if isinstance(appearance, pikepdf.Stream) and "/Resources" in appearance:
                fonts_of(appearance.Resources, seen, fonts)
    names = {}
    for font in fonts:
        names[str(font.get("/BaseFont", "?"))] = embedded(font)
    facts["fonts"] = len(names)
    problems += [f"font {name} is not embedded" for name, ok in sorted(names.items()) if not ok]

    figures = headings = 0
    languages = {}
    for element, inherited in structure_elements(root.get("/StructTreeRoot")):
        kind = str(element.S)
        if kind in ("/Figure", "/Formula"):
            figures += 1
            if not str(element.get("/Alt", "")).strip():
                problems.append(f"a {kind[1:]} element has no /Alt text")
        if kind == "/H1":
            headings += 1
            languages.setdefault(inherited or language, []).append(element)
    facts["figures"] = figures
    facts["chapterHeadings"] = headings
    facts["images"] = sum(1 for page in pdf.pages for x in (page.obj.get("/Resources", {}).get("/XObject") or {}).values()
                          if x.get("/Subtype") == "/Image")
    if facts["images"] > figures:
        problems.append(f"{facts['images']} images on the pages but {figures} Figure elements")
    facts["headingLanguages"] = {code: len(elements) for code, elements in languages.items()}
    for fallback in fallbacks:
        code, _, count = fallback.partition("=")
        if len(languages.get(code, [])) != int(count):
            problems.append(f"{count} chapters are shown in {code!r} but {len(languages.get(code, []))} H1 elements are in /Lang {code!r}")
    return {"problems": problems, "facts": facts}


if __name__ == "__main__":
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    print(json.dumps(check(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]), ensure_ascii=False))
