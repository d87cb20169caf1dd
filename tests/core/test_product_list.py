import openpyxl
import pytest

from desktop.core.filing.product_list import ProductListError, read_product_list
from desktop.core.filing.scoping import Answer, MadeBy


def test_reads_an_excel_list_below_a_title_row(tmp_path):
    path = tmp_path / "lines.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Product lines FY2025"])
    sheet.append(["Product Name", "Manufactured by", "Contains"])
    sheet.append(["Sensor", "Contract manufacturer", "tantalum, tin"])
    sheet.append([None, None, None])
    sheet.append(["Mount", "Neither", ""])
    book.save(path)
    products = read_product_list(path)
    assert [p.name for p in products] == ["Sensor", "Mount"]
    assert products[0].made_by == MadeBy.CONTRACT and products[0].metals == {"Tantalum", "Tin"}
    assert products[1].made_by == MadeBy.NEITHER and products[1].necessary == Answer.UNANSWERED


def test_semicolon_csv_from_a_european_excel(tmp_path):
    path = tmp_path / "lines.csv"
    path.write_bytes("Produkt;x\nName;Description\nCâble;cuivre\n".replace("Produkt;x\n", "").encode("cp1252"))
    assert [p.name for p in read_product_list(path)] == ["Câble"]


def test_errors_name_the_file(tmp_path, cmrt_dir):
    with pytest.raises(ProductListError, match="nothing.csv: the file was not found"):
        read_product_list(tmp_path / "nothing.csv")
    no_header = tmp_path / "numbers.csv"
    no_header.write_text("1,2\n3,4\n")
    with pytest.raises(ProductListError, match="numbers.csv: no column headed 'Product'"):
        read_product_list(no_header)
    with pytest.raises(ProductListError, match="jpeg-renamed.xls: the file could not be read"):
        read_product_list(cmrt_dir / "not-cmrt" / "jpeg-renamed.xls")
    with pytest.raises(ProductListError, match="use a .csv or Excel"):
        read_product_list(tmp_path / "products.pdf")
