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
    "您所在的位置",
    "您所在位置",
    "您当前的位置",
    "您当前位置",
    "当前的位置",
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
# Labels that say a line's date is the article's: 发布时间：2023-4-23. Folded (Simplified, no
# spaces, lower case); matched where they end right before the date (a colon between is fine).
DATE_LABELS = (
    "发布时间",
    "发布日期",
    "发表时间",
    "发表日期",
    "发表于",
    "发文日期",
    "成文日期",
    "印发日期",
    "生成日期",
    "公开日期",
    "上传时间",
    "录入时间",
    "添加时间",
    "撰写时间",
    "时间",
    "日期",
    "发布",
    "发表",
    "posted",
    "postedon",
    "published",
    "date",
    "releasetime",
    "releasedate",
    "publishtime",
    "time",
)
# Labels of the day a document was written or its record made, not the day it was published: a
# government information table prints them beside 发布日期 (成文日期 2022-01-27, 发布日期
# 2022-01-28). The published day wins when both are printed.
WRITTEN_DATE_LABELS = ("成文日期", "印发日期", "发文日期", "生成日期", "签发日期")
# An e-paper's masthead line above the title names the issue: 茂名日报 2023年04月23日 星期日
# 第04版, 版次：A04. Its date is the article's (the issue's) date. Matched on folded text: these
# labels, or 第 N 版 / A04版 (never 版权).
EDITION_WORDS = ("版次", "版面")
# A date line's year before this is no page's date (an event the text names: 1967年4月23日):
# no Chinese site published before the web reached China (1994).
EARLIEST_PAGE_YEAR = 1994
# A date under one of these labels is when the page changed, not when it was published: a
# second date line under the first one (发布时间 / 最后更新).
UPDATE_DATE_LABELS = ("更新时间", "最后更新", "修改时间", "更新日期", "最后修改", "updated",
                      "lastupdated", "modified")
# A date in a line holding one of these is the page's furniture, not the article's date.
# (A weekday is not: 发布时间：2023年4月23日 星期日 is an article's date line.)
NOT_ARTICLE_DATE = ("今天是", "今天", "今日是", "版权", "copyright", "icp", "备案", "today",
                    "©")

# --- Credits and bylines ----------------------------------------------------------------------
# Roles whose names make the byline (who wrote or reported it): 记者 王喆, 通讯员：黎祖声, 文/图：X.
BYLINE_ROLES = (
    "特约记者", "见习记者", "实习记者", "首席记者", "本报记者", "特约通讯员",
    "职工通讯员", "实习生", "文/图", "文图", "图/文", "通讯员", "编译",
    "记者", "作者", "撰稿", "供稿", "文字", "文",
    "correspondent", "reporter", "author",
)
# Editorial roles: credits, never the byline (责任编辑, 编辑, 审核, 校对, 摄影 ...).
EDITOR_ROLES = (
    "责任编辑", "图片", "摄影", "图", "编辑", "责编",
    "审校", "校对", "审核", "审稿", "终审", "初审",
    "复审", "editor", "proofreading", "proofreader", "reviewer", "review",
    "audit", "photo",
)
# Role labels of the credits block (通讯员：X / 编   辑：Y / 审   校：Y Z / 审   核：W) and of
# inline bylines. (Matched longest first, so 责任编辑 wins over 编辑.)
CREDIT_ROLES = BYLINE_ROLES + EDITOR_ROLES
# Role words printed before a reporter's name (作者：本报记者 李明, 澎湃新闻记者 段彦超,
# 采写：南都见习记者 林子沛): a role, never part of a name. An outlet's name may stand before them.
ROLE_PREFIXES = ("特约记者", "见习记者", "实习记者", "首席记者", "资深记者", "驻站记者",
                 "全媒体记者",
                 "融媒体记者", "记者", "特约通讯员", "职工通讯员", "通讯员", "实习生", "专栏作者",
                 "特约作者", "作者", "撰稿人", "编辑")
# Words printed after names that say what they did (记者陈智 整合, 路闻卓立编译, 刘通摄).
ROLE_SUFFIXES = ("编译", "整理", "报道", "整合", "综合", "采写", "撰文", "摄影", "摄", "供图")
# Labels that open a reporter line inside the article (执笔/…, 【文/观察者网专栏作者 王文】).
OPENING_BYLINE_LABELS = ("文/图", "图/文", "文", "作者", "执笔", "撰文", "采写", "撰稿", "原创",
                         "记者", "口述", "整理")
# Words that stand before an outlet's reporter line and say what the reporter did with the text
# (整合 新华日报·交汇点记者 徐睿翔, 采写：南都记者 X).
REPORTER_LINE_LEADS = ("采写", "撰文", "文", "整合", "整理", "编译", "综合")
# Places a dateline names right after the reporter (（中央社记者温贵香台北21日电）): where a
# name glued to a place ends. Folded (Simplified) forms.
DATELINE_PLACES = ("台北", "新北", "桃园", "台中", "台南", "高雄", "基隆", "新竹", "嘉义",
                   "屏东", "宜兰", "花莲", "台东", "澎湖", "金门", "马祖", "苗栗", "彰化",
                   "南投", "云林", "北京", "上海", "天津", "重庆", "香港", "澳门", "广州",
                   "深圳", "南京", "杭州", "武汉", "成都", "西安", "华盛顿", "纽约", "东京",
                   "首尔", "伦敦", "巴黎", "柏林", "莫斯科", "布鲁塞尔", "新加坡", "曼谷",
                   "洛杉矶", "旧金山", "日内瓦", "联合国", "综合")
# Where an article's first sentence names its reporters: 新华社巴黎12月9日电（记者唐霁）,
# 本报讯（记者 王某）, 长江网10月4日讯（记者陈智 整合）.
DATELINE_MARKS = ("讯", "电", "消息", "报道")
# Names that are no one's: placeholders a CMS fills in, and outlets.
PLACEHOLDER_NAMES = ("佚名", "admin", "administrator", "管理员", "系统管理员", "本站", "本网",
                     "匿名", "未知", "小编", "编辑部", "网易", "新浪", "腾讯", "搜狐", "凤凰网")
# Words of links and buttons that a credit line may run into (作者：X 返回首页 查看更多).
NOT_NAME_WORDS = ("查看", "更多", "返回", "点击", "阅读", "首页", "登录", "评论", "分享", "关注")
# A name holding one of these is an organisation or an outlet (证券时报网, 医技药剂党支部).
ORGANISATION_WORDS = ("网", "报", "社", "台", "站", "新闻", "中心", "部", "局", "委", "办", "院",
                      "科", "处", "室", "厅", "集团", "公司", "支部", "协会", "频道", "杂志",
                      "传媒", "日报", "时报", "办公室", "委员会", "工作部")
# Words that, in parentheses closing an article, are an editor's note and not a name:
# （本文已更正） （完） （待续） （转载） （图片来源：…）
NOT_NAMES = ("本文", "更正", "完", "待续", "转载", "原创", "来源", "供图", "图片", "节选", "全文",
             "注", "略", "下同", "附", "摘编", "有删节", "编者")
# Source lines that may share the date line and are not bylines.
SOURCE_LABELS = ("来源", "出处", "source")
# Lines closing an article that name where its material came from (素材来源 江苏13个设区市党报):
# a source, never a sentence of the text.
SOURCE_LINE_LABELS = ("素材来源", "资料来源", "稿件来源", "信息来源", "文章来源", "新闻来源",
                      "本文来源", "来源", "出处", "转自", "source")

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

# Tools and controls near the title and the date line: 【字体：大 中 小】【打印】【关闭窗口】,
# 字号 超大 大 标准 小, A+ A-, 分享到 微信 微博, 关注, 登录. A line made only of these is a
# control line: never a title, never the body's first or last line.
TOOL_WORDS = (
    "字体", "字号", "大", "中", "小", "超大", "特大", "标准", "默认", "大字号", "中字号",
    "小字号", "调整字体", "字体大小", "放大", "缩小", "打印", "打印本页", "打印本文", "打印文章",
    "关闭", "关闭窗口", "关闭本页", "收藏", "收藏本页", "加入收藏", "分享", "分享到", "分享至",
    "微信", "微博", "新浪微博", "腾讯微博", "qq空间", "qq", "易信", "朋友圈", "人人网", "豆瓣",
    "更多", "复制链接", "扫一扫", "二维码", "关注", "已关注", "+关注", "订阅", "登录", "注册",
    "退出", "图集", "评论", "举报", "纠错", "我要纠错", "点赞", "赞", "在看", "听新闻",
    "播放", "暂停", "全屏", "官方微信平台", "官方微信", "官方微博", "微信公众号", "公众号",
    "手机版", "手机看", "print", "close", "font", "large", "medium", "small", "share",
    "a", "t", "a+", "a-", "t+", "t-", "+", "-",
)
# Lines that say the article has ended: what follows (related lists, pagers, comment boxes,
# disclaimers, tags, app promotions) is never body. Matched at the start of a folded line.
AFTER_BODY_STARTS = (
    "分享到", "分享至", "分享：", "标签：", "标签:", "关键词：", "关键词:", "关键字：", "关键字:",
    "tags:", "特别声明", "免责声明", "版权声明", "声明：", "网友评论", "发表评论", "我要评论",
    "评论区", "全部评论", "最新评论", "热门评论", "查看全部评论", "相关新闻", "相关阅读",
    "相关文章", "相关链接", "延伸阅读", "推荐阅读", "热门推荐", "为您推荐", "猜你喜欢",
    "相关推荐", "热点推荐", "往期回顾", "往期推荐", "大家都在看", "热门文章", "更多精彩",
    "阅读全文", "展开全文", "余下全文", "阅读原文", "查看原文", "本文仅代表", "本文为",
    "本文系", "本文来自", "本网站", "本站声明", "转载请注明", "未经授权", "未经允许",
    "下载客户端", "扫描二维码", "扫码关注", "扫码下载", "长按识别", "打开app", "下载app",
    "上一篇", "下一篇", "上一条", "下一条", "前一篇", "后一篇", "上篇", "下篇", "-theend-",
    "theend",
)
# ... and anywhere in a short folded line (up to SHORT_LINE_CHARS): phrases no article sentence
# uses, and patterns: comment counters (258条评论, 20,536人参与) and app promotions (扫描左方
# 二维码关注…).
AFTER_BODY_CONTAINS = ("不得转载", "禁止转载", "转载请注明", "仅代表作者", "不代表本站",
                       "不代表本网", "正文已结束")
# (A count is at most 16 characters: an unbounded [\d,]* searched from each digit of a long run
# took time quadratic in it.)
AFTER_BODY_PATTERNS = (r"\d[\d,]{0,15}\s*+(?:条评论|人参与|人评论|条跟贴|条跟帖)",
                       r"(?:扫描|扫一扫|扫码|长按).{0,8}(?:二维码|关注|下载)",
                       r"下载.{0,10}(?:客户端|app)",
                       r"^相关.{0,4}(?:新闻|文章|阅读|链接|视频|图集|专题|推荐|报道)[:：]?$")
SHORT_LINE_CHARS = 80
PREV_NEXT_ARTICLE = (
    "上一篇",
    "下一篇",
    "上一条",
    "下一条",
    "上篇",
    "下篇",
    "前一篇",
    "后一篇",
    "previous",
    "next",
    "previousarticle",
    "nextarticle",
)

# Hit counters: a line holding only one of these and a number (or nothing, when a script writes
# the number) is page furniture wherever it stands.
COUNTER_LABELS = ("浏览次数", "浏览", "点击数", "点击量", "点击", "阅读次数", "阅读量", "阅读",
                  "访问量", "访问次数", "人气", "推荐", "评论", "参与", "views", "hits", "clicks")

# Labels of the lines around the title that describe the article (info lines): 来源：, 作者：,
# 发布时间：, 浏览次数：. Such a line is never the body's first line.
INFO_LABELS = ("来源", "信息来源", "文章来源", "稿件来源", "出处", "作者", "发布者", "发布人",
               "发布单位", "发布机构", "责任编辑", "编辑", "字号", "浏览次数", "浏览", "点击",
               "阅读", "时间", "日期", "发布时间", "发布日期", "source", "author", "views")

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
    "poweredby",
)
# Headings of blocks that follow an article (related news and the like).
AFTER_BODY_HEADINGS = (
    "相关新闻",
    "相关文章",
    "相关链接",
    "相关阅读",
    "热点新闻",
    "推荐阅读",
    "延伸阅读",
    "延伸推荐",
    "为您推荐",
    "猜你喜欢",
    "热门推荐",
    "relatednews",
    "related",
    "end",
    "theend",
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

# --- The page's head (head.py) ----------------------------------------------------------------
# <meta name|property|itemprop> names, lower-cased, most specific first. The Chinese government
# site standard (ArticleTitle, PubDate, ContentSource, Author, ColumnName) comes first: the CMSes
# that emit it fill it per article.
META_TITLE = ("articletitle", "og:title", "twitter:title", "title", "dc.title", "headline")
META_DATE = ("pubdate", "article:published_time", "og:release_date", "publishdate",
             "publish_date", "publishtime", "publish-date", "ptime", "dc.date.issued", "dc.date",
             "datepublished", "date", "firstpublishedtime", "releasedate", "og:published_time",
             "sailthru.date", "weibo:article:create_at")
# When the page last changed: never its publication date, but it tells the year of a date
# printed without one (发布时间：10-08 12:00).
META_MODIFIED = ("article:modified_time", "og:updated_time", "datemodified", "dateupdate",
                 "lastmodified", "last-modified", "dc.date.modified", "modified")
META_AUTHOR = ("author", "article:author", "byline", "dc.creator", "authors")
META_SOURCE = ("contentsource", "source", "og:site_name", "mediaid", "dc.publisher")
META_SECTION = ("columnname", "article:section", "section", "channel", "category")
# Where <title> is cut into its parts: 标题_频道_网站, 标题 - 网站, 标题|关键词, 标题--网站.
# (?<!…): a separator starts where its run starts, so that a long run of spaces or dashes is
# not searched again from each of its positions (time quadratic in the run).
TITLE_SEPARATORS = (r"(?<!\s)\s*(?:(?<!-)--+|(?<!—)—{2,}|(?<!－)－+|(?<!_)_+|(?<!\|)\|+|｜)\s*"
                    r"|(?<!\s)\s+[-–—]\s+"
                    r"|(?<=[\u4e00-\u9fff？！」”])-(?=\S)")

# --- what a list says it holds (extract/list_count.py) -----------------------------------------
# Compared on folded text (Simplified, lower case, no spaces, full-width forms made plain), so
# 共 65 條記錄 and 共65条记录 read alike. Each kind of figure is a label before a number and/or a
# unit after it: 共 65 条记录, 记录总数：65, 每页：15 条, 15条/页, 共 5 页, 总页数：5, 页次：1/5.
LIST_TOTAL_LABELS = ("记录总数", "总记录数", "信息总数", "文章总数", "总条数", "总记录", "记录数",
                     "总数", "共有", "共计", "总共", "合计", "共", "totalrecords", "total")
# Units that make a number a count of records (the bare 条 and 篇 only after a label or where
# no per-page reading took them).
LIST_RECORD_UNITS = ("条记录", "条信息", "条新闻", "条数据", "篇文章", "个记录", "条", "篇",
                     "records", "record", "items", "item", "articles", "results", "entries")
LIST_PER_PAGE_LABELS = ("每页显示", "每页条数", "每页记录", "每页", "pagesize", "perpage")
LIST_PAGES_LABELS = ("总页数", "页数", "共有", "总共", "共", "分")
LIST_CURRENT_LABELS = ("当前页", "当前第", "页次", "页码", "第")

# A page that says the article is not there (served as 200 by many old CMSes), compared folded.
# Read only on a page that does not read as an article (no title, date or body), in its <title>
# or a short line: a press release that mentions 已删除 stays an article.
NOT_FOUND_PHRASES = ("页面不存在", "网页不存在", "信息不存在", "文章不存在", "新闻不存在",
                     "内容不存在", "记录不存在", "该信息已被删除", "已被删除", "已删除",
                     "已撤销", "找不到该页", "无法找到该页", "找不到页面", "页面未找到",
                     "页面找不到", "pagenotfound", "notfound", "nolongeravailable", "doesnotexist")
