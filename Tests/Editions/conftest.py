"""Session fixtures: the bundled publication and the six-language fixture, built once each with the
release `folio` (the site, and the Word and EPUB editions; the PDFs have tests of their own), and
every DOCX converted to PDF by LibreOffice in one run."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FOLIO = os.environ.get("FOLIO") or str(REPO / ".build/release/folio")
SIX = REPO / "Tests/Fixtures/six-languages"


def run_folio(project, output, *arguments, env=None, check=True):
    result = subprocess.run([FOLIO, "build", str(project), "--output", str(output), *arguments],
                            capture_output=True, text=True, env=env)
    if check:
        assert result.returncode == 0, result.stderr
    return result


class Built:
    """A publication built into `output`: its editions per language and their readers' views."""

    def __init__(self, project, output, slug, languages, stderr):
        self.project = project
        self.output = output
        self.slug = slug
        self.languages = languages
        self.stderr = stderr
        self.pdf_text = {}

    def docx(self, language):
        return self.output / language / f"{self.slug}-{language}.docx"

    def epub(self, language):
        return self.output / language / f"{self.slug}-{language}.epub"


def publication_facts(project):
    text = (project / "Content/publication.yml").read_text(encoding="utf-8")
    languages = re.search(r"^languages:\s*\[([^\]]*)\]", text, re.M)
    if languages:
        codes = [code.strip() for code in languages.group(1).split(",")]
    else:
        block = re.search(r"^languages:\n((?:\s+- .*\n)+)", text, re.M).group(1)
        codes = [line.strip()[2:].strip() for line in block.splitlines()]
    slug = re.search(r"^slug:\s*(\S+)", text, re.M)
    return codes, slug.group(1) if slug else None


def convert_to_pdf(built, folder):
    """Every DOCX to PDF with LibreOffice headless (one process for all), then to text with pdftotext."""
    folder.mkdir()
    sources = []
    for language in built.languages:
        copy = folder / f"{language}.docx"
        shutil.copy(built.docx(language), copy)
        sources.append(str(copy))
    profile = folder / "profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), *sources], check=True, capture_output=True, timeout=600)
    for language in built.languages:
        pdf = folder / f"{language}.pdf"
        assert pdf.exists(), f"LibreOffice made no PDF of the {language} DOCX"
        built.pdf_text[language] = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True,
                                                  capture_output=True, text=True).stdout


def build(project, root, name):
    output = root / name
    result = run_folio(project, output, "--formats", "site,docx,epub")
    languages, slug = publication_facts(project)
    if slug is None:
        slug = next(output.glob(f"{languages[0]}/*-{languages[0]}.docx")).name[:-len(f"-{languages[0]}.docx")]
    built = Built(project, output, slug, languages, result.stderr)
    convert_to_pdf(built, root / f"{name}-pdf")
    return built


@pytest.fixture(scope="session")
def bundled(tmp_path_factory):
    return build(REPO, tmp_path_factory.mktemp("bundled"), "site")


@pytest.fixture(scope="session")
def six(tmp_path_factory):
    return build(SIX, tmp_path_factory.mktemp("six"), "site")
