"""Defaults that several sides read: the menu labels of news sections, the labels never crawled
and the query parameters that identify an article. No Scrapy here.

`portscraper/settings.py` takes them as the Scrapy settings NEWS_SECTIONS, SKIP_SECTIONS and
ARTICLE_ID_PARAMS (which `-s` or a group file override for a crawl); `portscraper import` and
`portscraper reparse`, which run without Scrapy, read them from here.
"""

# Menu labels of the news sections to crawl. A label matches when it equals an entry or contains
# one (党建 matches 党建工作 and 党建园地); Traditional labels match their Simplified entries.
NEWS_SECTIONS = [
    "新闻中心", "新闻动态", "集团新闻", "公司新闻", "集团要闻", "媒体聚焦", "媒体报道", "媒体关注",
    "基层动态", "企业动态", "子公司动态", "党建", "通知公告", "公告", "通知", "工作动态",
    # Stems, for the names a site may use instead (企业新闻, 港口动态, 党建园地, 媒体看港口).
    "新闻", "动态", "媒体", "要闻", "资讯", "报道",
    # Machine-translated copies.
    "News", "Notice", "Announcement", "Party Building", "Party Construction", "Media Focus",
    "Grassroots Dynamics",
]
# Menu labels that are never news, even when they contain a word above.
SKIP_SECTIONS = [
    "集团简介", "公司简介", "简介", "概况", "领导", "组织", "架构", "机构", "文化", "荣誉", "招聘",
    "人才", "留言", "联系", "下载", "搜索", "登录", "首页", "更多", "返回", "业务", "服务",
    "About", "Contact", "Recruit", "Job", "Message", "Home", "More", "Search",
]

# Query parameters that identify an article; any other parameter of an article URL (a sidebar's
# pid=..., a tracking tag) does not change the content and is dropped from its canonical URL.
ARTICLE_ID_PARAMS = ["id", "ID", "newsid", "NewsID", "ArticleID", "articleid", "aid"]
