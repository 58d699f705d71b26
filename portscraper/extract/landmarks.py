"""Landmark words: what a reader of these sites sees, kept as data.

Every word here is written in Simplified Chinese (or English, for machine-translated copies):
page text is folded to Simplified before it is compared (see `text.fold`), so Traditional pages
match the same words. Matching is on text with all white space removed ("返 回" == "返回").
Add words here, not in the code, when a site prints something new.
"""

# --- Breadcrumb -------------------------------------------------------------------------------
# The label that opens the breadcrumb line: 您的位置：首页 > 新闻中心 > 集团新闻
BREADCRUMB_LABELS = (
    "您的位置",
    "您现在的位置",
    "你的位置",
    "当前位置",
    "所在位置",
    "现在位置",
    "位置",
    "yourlocation",
    "yourposition",
    "currentlocation",
    "currentposition",
    "location",
    "youarehere",
    "position",
)
# Separators between crumbs.
BREADCRUMB_SEPARATORS = r"(?:>>|>|»|›|＞|→|/|\\|\||-{1,2}|〉|>)"
# Crumbs that name the home page or stand for the article itself, not a section.
HOME_CRUMBS = ("首页", "网站首页", "主页", "home", "homepage", "首页>")
ARTICLE_CRUMBS = (
    "正文",
    "内容",
    "详细内容",
    "文章内容",
    "新闻内容",
    "详情",
    "新闻详情",
    "文章详情",
    "阅读正文",
    "查看内容",
    "浏览文章",
    "text",
    "content",
    "details",
)

# --- Date line --------------------------------------------------------------------------------
DATE_LABELS = (
    "发布时间",
    "发布日期",
    "发表时间",
    "更新时间",
    "时间",
    "日期",
    "发布",
    "posted",
    "date",
    "releasetime",
    "publishtime",
    "time",
)
# A date in a line holding one of these is the page's furniture, not the article's date.
NOT_ARTICLE_DATE = ("今天是", "今天", "今日", "星期", "版权", "copyright", "icp", "备案", "today")

# --- Credits and bylines ----------------------------------------------------------------------
# Role labels of the credits block (通讯员：X / 编   辑：Y / 审   校：Y Z / 审   核：W) and of
# inline bylines. Longest first, so 责任编辑 wins over 编辑.
CREDIT_ROLES = (
    "文/图",
    "文图",
    "图/文",
    "责任编辑",
    "通讯员",
    "记者",
    "作者",
    "撰稿",
    "供稿",
    "文字",
    "文",
    "图片",
    "摄影",
    "图",
    "编辑",
    "责编",
    "审校",
    "校对",
    "审核",
    "审稿",
    "终审",
    "初审",
    "复审",
    "correspondent",
    "reporter",
    "author",
    "editor",
    "proofreading",
    "proofreader",
    "reviewer",
    "review",
    "audit",
    "photo",
)
# Roles whose names make the byline (who wrote or reported it); the rest are editorial credits.
BYLINE_ROLES = (
    "文/图",
    "文图",
    "图/文",
    "通讯员",
    "记者",
    "作者",
    "撰稿",
    "供稿",
    "文字",
    "文",
    "correspondent",
    "reporter",
    "author",
)
# Words that, in parentheses closing an article, are an editor's note and not a name:
# （本文已更正） （完） （待续） （转载） （图片来源：…）
NOT_NAMES = ("本文", "更正", "完", "待续", "转载", "原创", "来源", "供图", "图片", "节选", "全文",
             "注", "略", "下同", "附", "摘编", "有删节", "编者")
# Source lines that may share the date line and are not bylines.
SOURCE_LABELS = ("来源", "出处", "source")

# --- Navigation -------------------------------------------------------------------------------
# The back link: 返回, 返回列表, >> 返 回 <<, 【返回】. Not 返回首页 or 返回顶部.
BACK_WORDS = (
    "返回",
    "返回列表",
    "返回上一页",
    "返回上页",
    "返回上级",
    "return",
    "back",
    "goback",
    "backtolist",
    "returnlist",
    "返回列表页",
)
NOT_BACK_WORDS = (
    "返回首页",
    "返回顶部",
    "返回页首",
    "回到顶部",
    "返回主页",
    "top",
    "backtotop",
    "returntotop",
    "returntohomepage",
    "backtohome",
    "返回网站首页",
)
PREV_NEXT_ARTICLE = (
    "上一篇",
    "下一篇",
    "上一条",
    "下一条",
    "上篇",
    "下篇",
    "previous",
    "next",
    "previousarticle",
    "nextarticle",
)

# The way in from a splash page (a welcome picture or animation with one link): 进入网站.
ENTRANCE_WORDS = ("进入网站", "进入首页", "进入主页", "进入本站", "点击进入", "进入", "enter",
                  "entersite", "enterwebsite", "中文版", "简体中文", "中文")

# Pagination of section lists: 共 48 条记录 页次：2/4 每页：15 条 首页 上一页 下一页 尾页
PAGE_FIRST = ("首页", "第一页", "firstpage", "first", "homepage")
PAGE_PREV = ("上一页", "上页", "前一页", "previouspage", "prev", "previous", "<", "<<")
PAGE_NEXT = ("下一页", "下页", "后一页", "nextpage", "next", ">", ">>")
PAGE_LAST = ("尾页", "末页", "最后一页", "lastpage", "last", "endpage")
# Query parameters that number the pages of a list or of an article split over pages
# (more.asp?id=52&page=2), compared lower-case.
PAGE_PARAMS = ("page", "p", "pn", "pg", "pi", "cp", "ipage", "pageno", "pagenum", "pageindex",
               "page_no", "curpage", "nowpage", "currentpage", "paged")
PAGINATION_MARKERS = (
    "下一页",
    "上一页",
    "尾页",
    "末页",
    "页次",
    "条记录",
    "每页",
    "nextpage",
    "lastpage",
    "pagesize",
    "records",
)

# Tool links near the date line: 【字体：大 中 小】【打印】【关闭窗口】
TOOL_WORDS = (
    "字体",
    "字号",
    "大",
    "中",
    "小",
    "打印",
    "打印本页",
    "关闭",
    "关闭窗口",
    "收藏",
    "分享",
    "分享到",
    "print",
    "close",
    "font",
    "large",
    "medium",
    "small",
    "share",
)

# Hit counters: a line holding only one of these and a number (or nothing, when a script writes
# the number) is page furniture wherever it stands.
COUNTER_LABELS = ("浏览次数", "浏览", "点击数", "点击", "阅读次数", "阅读", "访问量", "访问次数",
                  "人气", "views", "hits", "clicks")

# Lines that mark the page footer: the article body never reaches them.
FOOTER_WORDS = (
    "版权所有",
    "copyright",
    "icp备",
    "icp证",
    "技术支持",
    "备案号",
    "allrightsreserved",
    "粤icp",
    "公网安备",
)
# Headings of blocks that follow an article (related news and the like).
AFTER_BODY_HEADINGS = (
    "相关新闻",
    "相关文章",
    "相关链接",
    "相关阅读",
    "热点新闻",
    "推荐阅读",
    "relatednews",
    "related",
)

# Attachments: links to documents.
ATTACHMENT_EXTENSIONS = (
    "doc",
    "docx",
    "pdf",
    "xls",
    "xlsx",
    "ppt",
    "pptx",
    "zip",
    "rar",
    "7z",
    "wps",
    "et",
    "txt",
    "csv",
)
# Images that are page furniture, not article pictures.
DECORATIVE_IMAGE_WORDS = (
    "spacer",
    "blank",
    "icon",
    "logo",
    "arrow",
    "dot",
    "line",
    "bg",
    "banner",
    "button",
    "btn",
)
