"""extract/assets.py: which pictures are the article's (not spacers, icons or inline data),
what a picture's caption looks like, and which lines hold nothing but attachments."""

from __future__ import annotations

from lxml import html

from portscraper.extract.assets import attachment, image_url, is_attachment_only, looks_like_caption
from portscraper.extract.lines import parse_html, render_lines

BASE = "http://www.mmport.com.cn/news/show.asp?id=1"


def img(attrs: str):
    return html.fromstring(f"<img {attrs}>")


def test_an_article_picture_is_kept_as_an_absolute_url():
    assert image_url(img('src=" /u/2024/港口.jpg "'), BASE) == \
        "http://www.mmport.com.cn/u/2024/%E6%B8%AF%E5%8F%A3.jpg"
    # Lazy loading: the picture is in data-src when src is empty.
    assert image_url(img('src="" data-src="p/1.JPG"'), BASE) == \
        "http://www.mmport.com.cn/news/p/1.JPG"
    # A picture drawn at 40 pixels or more, and one named by a date that holds "dot" letters.
    assert image_url(img('src="a.jpg" width="40px" height="40"'), BASE)
    assert image_url(img('src="20240117dot.jpg"'), BASE)
    assert image_url(img('src="https://img.x.cn/a.jpg"'), BASE) == "https://img.x.cn/a.jpg"


def test_spacers_icons_and_inline_data_are_not_pictures_of_the_article():
    for attrs in ('', 'src="  "', 'src="data:image/gif;base64,R0lGOD"',
                  'src="javascript:void(0)"', 'src="/images/Spacer.gif"', 'src="/i/ICON_pdf.png"',
                  'src="a.jpg" width="39px"', 'src="a.jpg" height=" 1 "', 'src="a.jpg" width="0"',
                  'src="ftp://x.cn/a.jpg"', 'src="mailto:a@x.cn"'):
        assert image_url(img(attrs), BASE) is None, attrs


def lines_of(body: str):
    return render_lines(parse_html(f"<html><body>{body}</body></html>"))


def test_a_caption_is_a_short_line_that_is_not_a_sentence():
    caption, *others = lines_of(
        "<p>集团领导检查码头安全生产</p><p>会议强调：</p><p>要做好安全生产工作；</p>"
        "<p>你好！</p><p>为什么？</p><p>Why?</p><p>Go!</p><p>" + "很长的一句话" * 10 + "</p>"
        "<p><a href='/a.asp'>上一篇：集团召开会议</a></p>")
    assert looks_like_caption(caption)
    # Up to 45 characters (or Latin words) of reading: a caption; 46: a line of the body.
    at_most, too_long = lines_of("<p>" + "港" * 45 + "</p><p>" + "港" * 46 + "</p>")
    assert looks_like_caption(at_most) and not looks_like_caption(too_long)
    for line in others:
        assert not looks_like_caption(line), line.text


def test_a_line_of_attachments_alone_and_a_sentence_that_links_one():
    for body in ("<p>附件：<a href='/u/通知.doc'>关于做好安全工作的通知</a></p>",
                 "<p>相关附件 <a href='/u/a.pdf'>a</a> <a href='/u/b.xls'>b</a></p>",
                 "<p>附件下载：<a href='/u/a.pdf'>a</a></p>",
                 "<p>Attachments: <a href='/u/a.pdf'>报名表</a></p>",
                 "<p>Attachment <a href='/u/a.pdf'>报名表</a></p>",
                 "<p><a href='/u/a.pdf'>表格</a></p>"):
        (line,) = lines_of(body)
        assert is_attachment_only(line), body
    for body in ("<p>详见<a href='/u/a.pdf'>通知</a>。</p>",
                 "<p>附件：<a href='/u/a.pdf'>a</a> <a href='/news/2.html'>b</a></p>",
                 "<p>附件：关于做好安全工作的通知</p>"):
        (line,) = lines_of(body)
        assert not is_attachment_only(line), body


def test_an_attachment_without_a_label_is_named_by_its_file():
    (line,) = lines_of("<p><a href='/u/%E9%80%9A%E7%9F%A5.doc'><img src='doc.gif'></a>"
                       "<a href='/u/a.pdf'>安全 通知</a></p>")
    first, second = line.links
    assert attachment(first, BASE) == {"url": "http://www.mmport.com.cn/u/%E9%80%9A%E7%9F%A5.doc",
                                       "label": "通知.doc"}
    assert attachment(second, BASE)["label"] == "安全 通知"
