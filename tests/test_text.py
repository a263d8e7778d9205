"""Bytes -> lines -> documents, on real gazette lines."""

from __future__ import annotations

import pytest

from govkg.errors import InputError
from govkg.loaders.text import clean_lines, decode, is_furniture, split_documents

SNIPPET = """ 离政发〔2024〕31号

王迎平同志为区人力资源和社会保障局副局长；

                    区政府文件                                      吕梁市离石区人民政府公报 2024•3
 咨询单位：离石区人社局

咨询电话：0358-8222401 扫 码 咨 询
—51—
李永军同志为区能源局副局长；
 离政函〔2024〕10号

吕梁市离石区应急管理局：
"""


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_decode_reports_the_encoding_it_used(encoding: str) -> None:
    text, used = decode(SNIPPET.encode(encoding))
    assert text.lstrip("\ufeff") == SNIPPET, f"{encoding} bytes should decode back to the same text"
    assert used.replace("-sig", "") in (encoding.replace("-sig", ""), "gb18030", "utf-16"), used


def test_gbk_bytes_decode() -> None:
    text = "离政发〔2024〕26号\n李育锋同志任区教育体育事业发展中心主任；\n"
    decoded, used = decode(text.encode("gbk"))
    assert decoded == text and used == "gb18030", "GBK is read through its superset GB18030"


def test_binary_input_is_refused_with_the_file_name() -> None:
    with pytest.raises(InputError, match="x.bin: this is a binary file"):
        decode(bytes(range(256)) * 20, "x.bin")


def test_empty_input_is_refused() -> None:
    with pytest.raises(InputError, match="empty"):
        decode(b"  \n\n", "e.txt")


def test_page_furniture_is_dropped_and_line_numbers_kept() -> None:
    lines = clean_lines(SNIPPET)
    texts = [ln.text.strip() for ln in lines]
    assert not any("公报" in t or "咨询" in t or t == "—51—" for t in texts), f"furniture left: {texts}"
    assert lines[1].number == 3 and lines[1].text.startswith("王迎平"), "line numbers must be the source file's"


def test_documents_split_on_document_number_lines() -> None:
    docs = split_documents(clean_lines(SNIPPET))
    assert [d.number for d in docs] == ["离政发〔2024〕31号", "离政函〔2024〕10号"]
    assert docs[0].lines[-1].text.startswith("李永军"), "a document runs until the next number line"


def test_joined_text_maps_offsets_back_to_source_lines() -> None:
    doc = split_documents(clean_lines(SNIPPET))[0]
    joined = doc.joined()
    assert joined.line_at(joined.text.index("李永军")) == 10


@pytest.mark.parametrize("line", ["清河县人民政府公报 2024年第3期", "新县人民政府公报", "2024年第2期          襄城县人民政府公报", "（2024年第5期）", "- 12 -", "·12·", "第 3 页", "第3页 共10页",
                                  "县政府办公室文件"])
def test_other_gazettes_page_furniture_is_recognised(line: str) -> None:
    assert is_furniture(line), f"{line!r} is a running header or page number of a gazette"


@pytest.mark.parametrize("line", ["2024年7月2日", "1.加快重点行业污染深度治理。", "第一条 为了加强管理"])
def test_text_lines_are_not_furniture(line: str) -> None:
    assert not is_furniture(line), f"{line!r} is document text"
