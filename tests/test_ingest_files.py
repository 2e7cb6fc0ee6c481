"""Discovery and per-file handling: what loads, what is skipped with a warning, what is fatal."""

from __future__ import annotations

import codecs
import datetime as dt
import os
from pathlib import Path

import pytest

from tui.ingest import InputError, load_articles
from tui.ingest.files import list_files

ARTICLE = (
    "Port strike ends\n\n"
    "MADRID, March 3 (EFE) - Dock workers ended a strike that began on 1 March 2024, the "
    "union said, after the port authority agreed to hire more staff.\n"
)


def load(path: Path) -> tuple[list[str], list[str]]:
    warnings: list[str] = []
    articles = load_articles(path, warnings.append)
    return [a.id for a in articles], warnings


def test_folder_is_searched_recursively_in_a_stable_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "second.md").write_text("# Second\n\nText of the second piece.")
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "notes.csv").write_text("ignored,file")
    (tmp_path / ".hidden.txt").write_text("hidden files are ignored")
    ids, warnings = load(tmp_path)
    assert ids == ["a", "second"]
    assert warnings == []


def test_single_file_works(tmp_path: Path) -> None:
    path = tmp_path / "wire.txt"
    path.write_text(ARTICLE)
    articles = load_articles(path, lambda m: None)
    assert len(articles) == 1
    article = articles[0]
    assert article.id == "wire"
    assert article.source == "EFE"
    assert article.published.date == dt.date(2024, 3, 3)
    assert article.title == "Port strike ends"


def test_missing_path_is_fatal(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or folder"):
        load(tmp_path / "nope")


def test_empty_folder_is_fatal(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no articles found"):
        load(tmp_path)


def test_folder_without_supported_files_is_fatal(tmp_path: Path) -> None:
    (tmp_path / "data.json").write_text("{}")
    with pytest.raises(InputError, match="no articles found"):
        load(tmp_path)


def test_bad_files_are_skipped_with_one_warning_each(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(ARTICLE)
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("  \n\t\n")
    ids, warnings = load(tmp_path)
    assert ids == ["good"]
    assert len(warnings) == 3
    assert all("\n" not in w for w in warnings)
    assert any("image.txt" in w and "binary" in w for w in warnings)
    assert any("empty.txt" in w and "empty" in w for w in warnings)


def test_only_bad_files_is_fatal(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.raises(InputError, match="no readable articles"):
        load(tmp_path)


def test_files_over_the_size_limit_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(ARTICLE)
    (tmp_path / "huge.txt").write_text("word " * 400)
    warnings: list[str] = []
    articles = load_articles(tmp_path, warnings.append, max_bytes=1000)
    assert [a.id for a in articles] == ["good"]
    assert any("huge.txt" in w and "larger than" in w for w in warnings)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_symlink_loop_is_reported_not_followed_forever(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(ARTICLE)
    os.symlink(tmp_path, tmp_path / "sub" / "loop")
    ids, warnings = load(tmp_path)
    assert ids == ["a"]
    assert any("symlink loop" in w for w in warnings)


def test_duplicate_stems_get_distinct_ids(tmp_path: Path) -> None:
    for folder in ("x", "y"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(ARTICLE)
    ids, _ = load(tmp_path)
    assert ids == ["x/story", "y/story"]


def test_encodings_decode_to_the_same_text(tmp_path: Path) -> None:
    text = "Café owners in Bogotá said “prices rose”.\nThe mayor’s office disagreed.\n"
    (tmp_path / "u8.txt").write_text(text, encoding="utf-8")
    (tmp_path / "bom.txt").write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    (tmp_path / "u16.txt").write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    (tmp_path / "win.txt").write_bytes(text.replace("\n", "\r\n").encode("cp1252"))
    articles = load_articles(tmp_path, lambda m: None)
    assert {a.text for a in articles} == {text}


def test_html_page_text_metadata_and_furniture(tmp_path: Path) -> None:
    page = """<!doctype html><html><head><title>Ignored tab title</title>
    <meta property="og:title" content="Rail link approved">
    <meta property="og:site_name" content="Daily Example">
    <meta property="article:published_time" content="2023-07-14T08:00:00Z">
    <script>var x = "[bold]not text[/bold]";</script></head>
    <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
    <article><h1>Rail link approved</h1>
    <p>The regional assembly <b>approved</b> the rail link on Thursday, its speaker said.</p>
    </article><footer><p>About us</p></footer></body></html>"""
    (tmp_path / "page.html").write_text(page)
    [article] = load_articles(tmp_path, lambda m: None)
    assert article.title == "Rail link approved"
    assert article.source == "Daily Example"
    assert article.published.date == dt.date(2023, 7, 14)
    assert article.published.how == "meta"  # which markup stated it (was "header")
    assert "not text" not in article.text
    assert "approved the rail link on Thursday" in article.text
    marked = [article.text[r.start : r.end] for r in article.boilerplate]
    assert marked == ["Home World", "About us"]


def test_markdown_title_from_heading(tmp_path: Path) -> None:
    (tmp_path / "post.md").write_text("# Budget passes\n\nThe assembly passed the budget.\n")
    [article] = load_articles(tmp_path, lambda m: None)
    assert article.title == "Budget passes"


def test_names_with_spaces_and_non_ascii(tmp_path: Path) -> None:
    folder = tmp_path / "Noticias de día"
    folder.mkdir()
    (folder / "artículo uno.txt").write_text(ARTICLE)
    ids, _ = load(tmp_path)
    assert ids == ["artículo uno"]


def test_very_deep_tree(tmp_path: Path) -> None:
    folder = tmp_path
    for _ in range(1200):  # deeper than Python's default recursion limit
        folder = folder / "d"
        folder.mkdir()
    (folder / "deep.txt").write_text(ARTICLE)
    try:
        ids, warnings = load(tmp_path)
        assert ids == ["deep"]
        assert warnings == []
    finally:  # shutil.rmtree (pytest's cleanup) recurses; remove the tree bottom-up here
        (folder / "deep.txt").unlink()
        while folder != tmp_path:
            folder.rmdir()
            folder = folder.parent


def test_unreadable_file_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "good.txt").write_text(ARTICLE)
    (tmp_path / "locked.txt").write_text(ARTICLE)
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    ids, warnings = load(tmp_path)
    assert ids == ["good"]
    assert warnings == [f"{tmp_path / 'locked.txt'}: skipped, cannot read (Permission denied)"]


def test_hundred_megabyte_file_is_skipped_without_reading_it(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(ARTICLE)
    with (tmp_path / "dump.txt").open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # sparse: costs no disk and is never read
    ids, warnings = load(tmp_path)
    assert ids == ["good"]
    assert len(warnings) == 1 and "larger than 20 MB" in warnings[0]


def test_article_of_only_boilerplate_loads_with_a_warning(tmp_path: Path) -> None:
    # Interface strings only (in a text file, short lines are otherwise content).
    (tmp_path / "nav.txt").write_text("Home\nSearch\nSubscribe\nSign in\nRead more\n")
    warnings: list[str] = []
    articles = load_articles(tmp_path, warnings.append)
    assert [a.id for a in articles] == ["nav"]
    assert articles[0].content_text().strip() == ""
    assert len(warnings) == 1 and "only boilerplate" in warnings[0]


def test_extremely_long_line_and_mixed_line_endings(tmp_path: Path) -> None:
    body = "The committee met again. " * 40_000
    (tmp_path / "long.txt").write_bytes(("Title line\r\n\r\n" + body + "\rEnd.\n").encode())
    [article] = load_articles(tmp_path, lambda m: None)
    assert "\r" not in article.text
    assert article.text.endswith("\nEnd.\n")


def test_symlinks_stay_inside_the_folder_unless_asked(tmp_path: Path) -> None:
    """A link to a file elsewhere (``/etc/passwd``) or to a folder elsewhere (``/``) is not
    read; one inside the folder is; --follow-symlinks follows them all."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("Private notes of another user.\n")
    folder = tmp_path / "articles"
    (folder / "sub").mkdir(parents=True)
    (folder / "story.txt").write_text("A story.\n")
    (folder / "to-file.txt").symlink_to(outside / "secret.txt")
    (folder / "to-dir").symlink_to(outside)
    (folder / "sub" / "inside.txt").symlink_to(folder / "story.txt")
    warnings: list[str] = []
    found = [p.name for p, _ in list_files(folder, warnings.append)]
    assert found == ["story.txt", "inside.txt"]
    assert sorted(w.split(":")[0] for w in warnings) == [
        str(folder / "to-dir"),
        str(folder / "to-file.txt"),
    ]
    assert all("a symlink out of the folder" in w and "--follow-symlinks" in w for w in warnings)
    followed = [p.name for p, _ in list_files(folder, warnings.append, follow_symlinks=True)]
    assert followed == ["story.txt", "inside.txt", "secret.txt", "to-file.txt"]


def test_html_nested_thousands_deep_loads(tmp_path: Path) -> None:
    """Legacy pages leave ``<font>`` unclosed: 5,000 levels deep once raised RecursionError
    and sank the whole folder."""
    page = "<html><body>" + "<font><p>" * 5000 + "The council voted on Monday.</body></html>"
    (tmp_path / "legacy.html").write_text(page)
    (tmp_path / "plain.txt").write_text("A plain story.\n")
    warnings: list[str] = []
    articles = load_articles(tmp_path, warnings.append)
    assert [a.id for a in articles] == ["legacy", "plain"]
    assert articles[0].text == "The council voted on Monday."


def test_html_with_a_stray_cdata_opener_loads(tmp_path: Path) -> None:
    """``<![`` that opens no CDATA section made the HTML parser reject the whole page."""
    (tmp_path / "odd.html").write_text("<html><body><p>Prices rose <![ again.</p></body></html>")
    [article] = load_articles(tmp_path, lambda m: None)
    assert article.text == "Prices rose <![ again."
