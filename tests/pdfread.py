"""Reading receipts back the way a person would: poppler for text, zxing-cpp for the QR."""

from __future__ import annotations

import subprocess
from pathlib import Path

import zxingcpp
from PIL import Image


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


def pdf_qr_texts(pdf: Path, dpi: int = 200) -> list[str]:
    prefix = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-singlefile", str(pdf), str(prefix)],
                   check=True)
    with Image.open(prefix.with_suffix(".png")) as img:
        return [r.text for r in zxingcpp.read_barcodes(img)
                if r.format == zxingcpp.BarcodeFormat.QRCode]


def pdf_fonts(pdf: Path) -> str:
    return subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                          check=True).stdout
