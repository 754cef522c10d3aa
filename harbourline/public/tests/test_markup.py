from harbourline.public.markup import render_markup


def test_paragraphs_headings_and_lists_are_rendered() -> None:
    html = render_markup("First line\nsame paragraph\n\n## A heading\n- one\n- two\n\nAfter")
    assert html == (
        "<p>First line same paragraph</p>\n<h2>A heading</h2>\n<ul><li>one</li><li>two</li></ul>\n<p>After</p>"
    )


def test_a_script_in_the_text_is_shown_as_text() -> None:
    html = render_markup('<script>alert("x")</script> and <b onclick="x">bold</b>')
    assert "<script>" not in html and "<b " not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_links_to_this_site_and_to_phone_numbers_become_links() -> None:
    html = render_markup("Call [847](tel:847) or see [help](/en/get-help/).")
    assert '<a href="tel:847">847</a>' in html
    assert '<a href="/en/get-help/">help</a>' in html


def test_links_to_other_sites_or_scripts_stay_as_text() -> None:
    for target in ("https://evil.example/", "javascript:alert(1)", "//evil.example/x", "data:text/html,x"):
        html = render_markup(f"[click]({target})")
        assert "<a " not in html, target
        assert "click" in html


def test_a_quote_in_a_link_label_cannot_break_out_of_the_tag() -> None:
    html = render_markup('[a" onmouseover="x](/en/)')
    assert 'onmouseover="x' not in html
    assert '<a href="/en/">a&quot; onmouseover=&quot;x</a>' in html
