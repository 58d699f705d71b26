# ruff: noqa: E501
"""Source of the test pages that are not plain UTF-8.

Run once (``python tests/pages/make_encoded.py``) to (re)write the .html files below as the raw
bytes a server would have sent: GB2312, GB18030 declared as gb2312, GBK without any charset,
UTF-8 with a BOM and no charset, Big5, Big5 without any charset.  The expected values live in the matching .json files,
which are written by hand.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent

# ---------------------------------------------------------------------------------------------
# 1. The group's own site, old nested-table template; meta says gb2312 but the names need GBK,
#    so the bytes are GB18030.  Left sidebar (with newer dates) before the article.
MM_GB18030_DECLARED_GB2312 = """<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>茂名港集团有限公司</title>
<meta name="keywords" content="茂名港集团,茂名港,博贺新港区,水东港区,吉达港区">
<meta name="description" content="茂名港集团有限公司官方网站">
<link href="css/style.css" rel="stylesheet" type="text/css">
<script language="JavaScript" src="js/menu.js"></script>
<style type="text/css">
<!--
.f12 {font-size: 12px; color: #666666}
.lm_title {font-size: 14px; font-weight: bold; color: #FFFFFF}
-->
</style>
</head>
<body leftmargin="0" topmargin="0" marginwidth="0" marginheight="0">
<table width="980" border="0" align="center" cellpadding="0" cellspacing="0" class="k1">
  <tr>
    <td height="26" background="images/top_bg.gif"><table width="100%" border="0" cellspacing="0" cellpadding="0">
      <tr>
        <td class="f12">&nbsp;&nbsp;今天是：2026年11月24日</td>
        <td align="right" class="f12"><a href="#" onClick="this.style.behavior='url(#default#homepage)';this.setHomePage('http://www.mmport.com.cn');">设为首页</a> | <a href="javascript:window.external.addFavorite('http://www.mmport.com.cn','茂名港集团')">加入收藏</a>&nbsp;&nbsp;</td>
      </tr>
    </table></td>
  </tr>
  <tr>
    <td><img src="images/banner.jpg" width="980" height="150" border="0"></td>
  </tr>
  <tr>
    <td height="36" background="images/menu_bg.gif" class="menu" align="center">
      <a href="index.asp">首页</a>&nbsp;&nbsp;|&nbsp;&nbsp;<a href="about.asp?pid=1">集团简介</a>&nbsp;&nbsp;|&nbsp;&nbsp;<a href="list.asp?pid=2">新闻中心</a>&nbsp;&nbsp;|&nbsp;&nbsp;<a href="list.asp?pid=12">集团新闻</a>&nbsp;&nbsp;|&nbsp;&nbsp;<a href="list.asp?pid=13">媒体聚焦</a>&nbsp;&nbsp;|&nbsp;&nbsp;<a href="list.asp?pid=14">基层动态</a>&nbsp;&nbsp;|&nbsp;&nbsp;<a href="list.asp?pid=5">党建工作</a>&nbsp;&nbsp;|&nbsp;&nbsp;<a href="list.asp?pid=6">通知公告</a>&nbsp;&nbsp;|&nbsp;&nbsp;<a href="list.asp?pid=7">人才招聘</a>&nbsp;&nbsp;|&nbsp;&nbsp;<a href="gbook.asp">在线留言</a>
    </td>
  </tr>
</table>
<table width="980" border="0" align="center" cellpadding="0" cellspacing="0" bgcolor="#FFFFFF">
  <tr>
    <td width="236" valign="top" background="images/left_bg.gif">
      <table width="226" border="0" align="center" cellpadding="0" cellspacing="0">
        <tr>
          <td height="32" background="images/lm_bg.gif" class="lm_title">&nbsp;&nbsp;&nbsp;最新动态</td>
        </tr>
        <tr>
          <td class="f12" style="line-height:24px">
            ·<a href="more.asp?id=4091&pid=12" title="集团召开2024年第四季度安全生产工作会议" target="_blank">集团召开2024年第四季度安全生...</a> <font color="#999999">2024-11-18</font><br>
            ·<a href="more.asp?id=4088&pid=13" title="博贺新港区东二突堤通用码头项目顺利完成主体施工" target="_blank">博贺新港区东二突堤通用码头项...</a> <font color="#999999">2024-11-12</font><br>
            ·<a href="more.asp?id=4083&pid=14" title="水东港区开展秋季消防安全应急演练" target="_blank">水东港区开展秋季消防安全应急...</a> <font color="#999999">2024-11-5</font><br>
            ·<a href="more.asp?id=4079&pid=5" title="集团党委召开专题民主生活会" target="_blank">集团党委召开专题民主生活会</a> <font color="#999999">2024-10-30</font><br>
            ·<a href="more.asp?id=4075&pid=12" title="茂名港集团与湛江港集团签署战略合作协议" target="_blank">茂名港集团与湛江港集团签署战...</a> <font color="#999999">2024-10-28</font><br>
          </td>
        </tr>
        <tr><td height="10"></td></tr>
        <tr>
          <td height="32" background="images/lm_bg.gif" class="lm_title">&nbsp;&nbsp;&nbsp;联系我们</td>
        </tr>
        <tr>
          <td class="f12" style="line-height:22px">地址：广东省茂名市电白区博贺镇港城大道88号<br>电话：0668-2912345<br>传真：0668-2912346<br>邮编：525011</td>
        </tr>
      </table>
    </td>
    <td width="12">&nbsp;</td>
    <td valign="top">
      <table width="100%" border="0" cellspacing="0" cellpadding="0">
        <tr>
          <td height="32" class="f12" background="images/wz_bg.gif">&nbsp;<img src="images/home.gif" width="12" height="11"> 您的位置：<a href="index.asp">首页</a> &gt; <a href="list.asp?pid=2">新闻中心</a> &gt; <a href="list.asp?pid=12">集团新闻</a></td>
        </tr>
      </table>
      <table width="94%" border="0" align="center" cellpadding="0" cellspacing="0">
        <tr>
          <td height="60" align="center" class="bt"><font color="#0B4C8C" style="font-size:20px"><b>集团召开2023年一季度经济运行分析会</b></font></td>
        </tr>
        <tr>
          <td height="24" align="center" class="f12">2023-4-23</td>
        </tr>
        <tr>
          <td height="1" bgcolor="#D7D7D7"></td>
        </tr>
        <tr>
          <td class="nr" style="font-size:14px;line-height:28px;padding-top:12px"><font face="宋体">
　　4月23日上午，茂名港集团召开2023年一季度经济运行分析会，总结一季度生产经营情况，分析当前面临的形势，部署二季度重点工作。集团领导班子成员、各部门负责人及各下属企业主要负责人参加会议。<br>
　　会上，集团计划财务部通报了一季度主要经济指标完成情况。一季度，集团完成货物吞吐量386.5万吨，同比增长12.3%；实现营业收入2.17亿元，同比增长9.8%。各下属企业负责人分别汇报了一季度工作完成情况、存在的问题及下一步工作计划。<br>
　　会议指出，一季度集团各项工作开局良好，博贺新港区东华能源码头、广港码头生产保持平稳，水东港区散货作业量稳步回升。同时也要清醒看到，港口货源结构单一、集疏运体系不完善等问题依然突出。<br>
　　会议要求，各部门、各单位要紧盯全年目标任务，抢抓粤西港口群建设机遇，全力以赴拓货源、保安全、抓项目，确保二季度各项工作实现“双过半”，为完成全年目标打下坚实基础。<br>
<br>
通讯员：王喆<br>
编&nbsp;&nbsp;&nbsp;辑：林堃<br>
审&nbsp;&nbsp;&nbsp;校：李昇 陈珺<br>
审&nbsp;&nbsp;&nbsp;核：黄海涛<br>
</font></td>
        </tr>
        <tr>
          <td height="30" align="right" class="f12">浏览次数：123&nbsp;&nbsp;</td>
        </tr>
        <tr>
          <td class="f12" style="line-height:24px;border-top:1px dashed #CCCCCC">上一篇：<a href="more.asp?id=3241">集团党委召开2023年第二次理论学习中心组学习会</a><br>
下一篇：<a href="more.asp?id=3250">博贺新港区广港码头迎来首艘10万吨级散货船</a></td>
        </tr>
        <tr>
          <td height="40" align="center"><a href="javascript:history.back()">&gt;&gt; 返 回 &lt;&lt;</a></td>
        </tr>
      </table>
    </td>
  </tr>
</table>
<table width="980" border="0" align="center" cellpadding="0" cellspacing="0" background="images/foot_bg.gif">
  <tr>
    <td height="90" align="center" class="f12" style="line-height:22px">
      版权所有：茂名港集团有限公司 Copyright &copy; 2012-2024 All Rights Reserved<br>
      地址：广东省茂名市电白区博贺镇港城大道88号 电话：0668-2912345 <a href="https://beian.miit.gov.cn/" target="_blank">粤ICP备12034567号</a><br>
      技术支持：茂名市网联科技有限公司
    </td>
  </tr>
</table>
</body>
</html>
"""

# ---------------------------------------------------------------------------------------------
# 2. The group's own site, same table template a few years on: kicker above the title, the
#    full-width (吴超) closing the last paragraph; true GB2312.
MM_GB2312_KICKER_SECRETARY = """<html>
<head>
<META http-equiv=Content-Type content="text/html; charset=gb2312">
<title>茂名港集团举行2022年度“书记项目”启动仪式 - 茂名港集团</title>
<link href="/css/main.css" type=text/css rel=stylesheet>
</head>
<body>
<table cellspacing=0 cellpadding=0 width=1000 align=center border=0>
<tr><td class=topbar>
<span style="float:left">今天是：2026年11月24日 星期二</span>
<span style="float:right"><a href="/">网站首页</a> | <a href="/en/">English</a></span>
</td></tr>
<tr><td><img src="/images/top.jpg" width=1000 height=170></td></tr>
<tr><td class=nav>
<a href="/">首页</a><a href="/about.asp?pid=1">集团简介</a><a href="/list.asp?pid=2">新闻中心</a><a href="/list.asp?pid=12">集团新闻</a><a href="/list.asp?pid=13">媒体聚焦</a><a href="/list.asp?pid=14">基层动态</a><a href="/list.asp?pid=5">党建工作</a><a href="/list.asp?pid=6">通知公告</a><a href="/list.asp?pid=7">人才招聘</a><a href="/gbook.asp">在线留言</a>
</td></tr>
</table>
<table cellspacing=0 cellpadding=0 width=1000 align=center border=0>
<tr>
<td valign=top width=250 class=left>
  <table width="100%" cellpadding=0 cellspacing=0>
  <tr><td class=ltit>新闻中心</td></tr>
  <tr><td class=lnav><a href="/list.asp?pid=12">集团新闻</a></td></tr>
  <tr><td class=lnav><a href="/list.asp?pid=13">媒体聚焦</a></td></tr>
  <tr><td class=lnav><a href="/list.asp?pid=14">基层动态</a></td></tr>
  </table>
  <table width="100%" cellpadding=0 cellspacing=0>
  <tr><td class=ltit>最新新闻</td></tr>
  <tr><td class=llist><a href="/more.asp?id=2880">博贺新港区防波堤工程通过竣工验收</a><br><span class=rq>2022-5-9</span></td></tr>
  <tr><td class=llist><a href="/more.asp?id=2876">集团开展“安全生产月”启动活动</a><br><span class=rq>2022-5-5</span></td></tr>
  <tr><td class=llist><a href="/more.asp?id=2874">集团团委举办纪念五四运动青年座谈会</a><br><span class=rq>2022-4-29</span></td></tr>
  </table>
</td>
<td valign=top class=right>
  <table width="100%" cellpadding=0 cellspacing=0>
  <tr><td class=weizhi>您的位置：<a href="/">首页</a>&nbsp;&gt;&nbsp;<a href="/list.asp?pid=2">新闻中心</a>&nbsp;&gt;&nbsp;<a href="/list.asp?pid=12">集团新闻</a></td></tr>
  </table>
  <table width="92%" align=center cellpadding=0 cellspacing=0>
  <tr><td align=center class=yinti style="padding-top:20px"><font size=3 color=#333333>头雁领航 奋楫争先</font></td></tr>
  <tr><td align=center class=biaoti><font size=5 color=#C00000><strong>茂名港集团举行2022年度“书记项目”启动仪式</strong></font></td></tr>
  <tr><td align=center class=riqi>2022-4-26</td></tr>
  <tr><td align=center class=gongju>【字体：<a href="javascript:fontZoom(16)">大</a> <a href="javascript:fontZoom(14)">中</a> <a href="javascript:fontZoom(12)">小</a>】【<a href="javascript:window.print()">打印</a>】【<a href="javascript:window.close()">关闭窗口</a>】</td></tr>
  <tr><td class=neirong id=fontzoom>
<p>&nbsp;&nbsp;&nbsp;&nbsp;4月26日下午，茂名港集团举行2022年度“书记项目”启动仪式，集团党委书记、董事长王志华出席会议并讲话，党委副书记、总经理肖炳章主持会议，党委委员、副总经理杨朝灿，党委委员、纪委书记、监察专员陈军，副总经理朱广宇出席会议。</p>
<p>&nbsp;&nbsp;&nbsp;&nbsp;王志华强调，2022年是集团成立十周年，是重点项目建设落地之年，也是集团实现转型发展的关键之年。集团打造“书记项目”，是落实市委和滨海新区关于加强党的基层组织建设三年行动计划要求的具体举措，必须进一步统一思想、凝聚共识，切实履行全面从严治党和党建工作责任，着力破解党建与业务“两张皮”问题，推动基层党建与集团业务深度融合。</p>
<p>&nbsp;&nbsp;&nbsp;&nbsp;王志华要求，一要扛起责任，加强组织领导。支部书记要带头抓、亲自管，以“书记项目”为抓手压实主体责任，确保项目落地见效。二要强化部署，推动措施到位。要细化到日、周、月的具体工作措施，实时跟踪项目进度，及时疏通堵点。三要形成合力，确保目标落地。要把“书记项目”摆在本单位年度基层党建工作的突出位置，充分发挥基层党组织战斗堡垒作用和党员先锋模范作用，以实际行动迎接党的二十大胜利召开。</p>
<p>&nbsp;&nbsp;&nbsp;&nbsp;启动仪式上，通报了《茂名港集团“书记项目”实施方案》和《中共茂名港集团有限公司委员会关于批准茂名港集团2022年度基层党建“书记项目”的通知》，集团党委为2022年立项的6个“书记项目”授牌，支部书记代表作表态发言。集团各部室、各下属企业主要负责人，各“书记项目”负责人和联络员，各党支部委员及党务工作者共48人参加启动仪式。（吴超）</p>
  </td></tr>
  <tr><td class=shangxia>
  <p>上一篇：<a href="/more.asp?id=2866">集团召开2022年党风廉政建设和反腐败工作会议</a></p>
  <p>下一篇：<a href="/more.asp?id=2874">集团团委举办纪念五四运动青年座谈会</a></p>
  </td></tr>
  <tr><td align=center height=50><a href="javascript:history.back()">&gt;&gt; 返 回 &lt;&lt;</a>&nbsp;&nbsp;&nbsp;&nbsp;<a href="#top">返回顶部</a></td></tr>
  </table>
</td>
</tr>
</table>
<table cellspacing=0 cellpadding=0 width=1000 align=center border=0 class=footer>
<tr><td align=center>
<a href="/">返回首页</a> | <a href="/about.asp?pid=1">关于我们</a> | <a href="/gbook.asp">在线留言</a><br>
Copyright &copy; 2012-2022 茂名港集团有限公司 版权所有 粤ICP备12034567号-1<br>
地址：广东省茂名市滨海新区博贺镇港城大道88号
</td></tr>
</table>
</body>
</html>
"""

# ---------------------------------------------------------------------------------------------
# 3. The group's own site, a notice with attachments; GB2312; the date line carries the counter.
MM_GB2312_NOTICE_ATTACHMENTS = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>茂名港集团有限公司2024年下半年公开招聘工作人员公告 - 茂名港集团</title>
<link href="css/css.css" rel="stylesheet" type="text/css" />
</head>

<body>
<div id="top"><div class="date">今天是：2026年11月24日</div><div class="logo"><img src="images/logo.png" alt="茂名港集团" /></div></div>
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0" class="nav">
  <tr>
    <td><a href="index.asp">首页</a></td>
    <td><a href="about.asp?pid=1">集团简介</a></td>
    <td><a href="list.asp?pid=2">新闻中心</a></td>
    <td><a href="list.asp?pid=12">集团新闻</a></td>
    <td><a href="list.asp?pid=13">媒体聚焦</a></td>
    <td><a href="list.asp?pid=14">基层动态</a></td>
    <td><a href="list.asp?pid=5">党建工作</a></td>
    <td><a href="list.asp?pid=6">通知公告</a></td>
    <td><a href="list.asp?pid=7">人才招聘</a></td>
    <td><a href="gbook.asp">在线留言</a></td>
  </tr>
</table>
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0">
  <tr>
    <td width="260" valign="top" class="td_left">
      <div class="lbox">
        <div class="lbox_t">最新动态</div>
        <ul>
          <li><span>2024-11-20</span><a href="more.asp?id=4093">集团召开2024年第四季度安全生产工作会议</a></li>
          <li><span>2024-11-12</span><a href="more.asp?id=4088">博贺新港区东二突堤通用码头项目顺利完成主体施工</a></li>
          <li><span>2024-11-05</span><a href="more.asp?id=4083">水东港区开展秋季消防安全应急演练</a></li>
          <li><span>2024-10-30</span><a href="more.asp?id=4079">集团党委召开专题民主生活会</a></li>
        </ul>
      </div>
    </td>
    <td valign="top" class="td_right">
      <table width="100%" border="0" cellspacing="0" cellpadding="0">
        <tr>
          <td class="position">您的位置：<a href="index.asp">首页</a> &gt; <a href="list.asp?pid=6">通知公告</a></td>
        </tr>
      </table>
      <table width="95%" border="0" align="center" cellpadding="0" cellspacing="0">
        <tr>
          <td align="center" class="title_news">茂名港集团有限公司2024年下半年公开招聘工作人员公告</td>
        </tr>
        <tr>
          <td align="center" class="date_news">发布日期：2024-10-25&nbsp;&nbsp;浏览次数：88</td>
        </tr>
        <tr>
          <td class="content_news">
　　因业务发展需要，茂名港集团有限公司现面向社会公开招聘工作人员12名。有关事项公告如下：<br />
　　一、招聘岗位及人数<br />
　　本次招聘港口生产调度员4名、安全管理员3名、机械设备维修工3名、财务会计2名，具体岗位条件详见附件1。<br />
　　二、报名时间及方式<br />
　　报名时间为2024年10月28日至11月8日。应聘人员须如实填写《公开招聘报名登记表》（附件2），连同身份证、学历学位证书等材料扫描件发送至集团人力资源部邮箱：mmgjtzp@163.com。<br />
　　三、考核程序<br />
　　招聘采取资格审查、笔试、面试、体检、考察的方式进行。笔试、面试的具体时间和地点另行通知，请应聘人员保持通讯畅通。报考须知详见附件3。<br />
　　联系人：黄小姐，联系电话：0668-2912368。<br />
　　附件：<a href="/UploadFiles/2024/10/20241025093512.xls" target="_blank">1.茂名港集团有限公司2024年下半年公开招聘岗位表.xls</a><br />
　　　　　<a href="/UploadFiles/2024/10/20241025093544.doc" target="_blank">2.茂名港集团有限公司公开招聘报名登记表.doc</a><br />
　　　　　<a href="/UploadFiles/2024/10/20241025093610.pdf" target="_blank">3.报考须知.pdf</a><br />
<br />
<div align="right">茂名港集团有限公司<br />
2024年10月25日</div>
          </td>
        </tr>
        <tr>
          <td class="pn">上一篇：<a href="more.asp?id=4001">关于2024年国庆节放假安排的通知</a>&nbsp;&nbsp;&nbsp;&nbsp;下一篇：<a href="more.asp?id=4019">关于开展2024年度安全生产大检查的通知</a></td>
        </tr>
        <tr>
          <td align="right" class="back"><a href="list.asp?pid=6">[返回列表]</a>&nbsp;&nbsp;<a href="javascript:window.close()">[关闭窗口]</a></td>
        </tr>
      </table>
    </td>
  </tr>
</table>
<div id="footer">
  <p>Copyright &copy; 2012-2024 茂名港集团有限公司 版权所有</p>
  <p>地址：广东省茂名市滨海新区博贺镇港城大道88号 邮编：525011 电话：0668-2912345</p>
  <p><a href="https://beian.miit.gov.cn/">粤ICP备12034567号-1</a> 粤公网安备 44090402000123号</p>
</div>
</body>
</html>
"""

# ---------------------------------------------------------------------------------------------
# 4. A copy on a regional news aggregator: GBK bytes, no charset anywhere (no meta, header
#    text/html). Date line carries source and author.
COPY_GBK_NO_CHARSET = """<!DOCTYPE html>
<html>
<head>
<title>博贺新港区通用码头工程通过交工验收_媒体聚焦_粤西港航资讯网</title>
<meta name="keywords" content="博贺新港区,通用码头,交工验收">
<link rel="stylesheet" href="/skin/default/style.css">
<script type="text/javascript" src="/js/jquery-1.7.2.min.js"></script>
</head>
<body>
<div class="header">
  <div class="w1000">
    <div class="logo"><a href="/"><img src="/skin/default/logo.gif" alt="粤西港航资讯网"></a></div>
    <div class="search"><form action="/search.asp" method="get"><input type="text" name="keyword" value="请输入关键字"><input type="submit" value="搜索"></form></div>
  </div>
</div>
<div class="nav">
  <ul>
    <li><a href="/">首页</a></li>
    <li><a href="/about/">集团简介</a></li>
    <li><a href="/news/">新闻中心</a></li>
    <li><a href="/news/jtxw/">集团新闻</a></li>
    <li><a href="/news/mtjj/">媒体聚焦</a></li>
    <li><a href="/news/jcdt/">基层动态</a></li>
    <li><a href="/djgz/">党建工作</a></li>
    <li><a href="/tzgg/">通知公告</a></li>
    <li><a href="/rczp/">人才招聘</a></li>
    <li><a href="/gbook/">在线留言</a></li>
  </ul>
</div>
<div class="w1000 main">
  <div class="location">您现在的位置: <a href="/">首页</a> &raquo; <a href="/news/">新闻中心</a> &raquo; <a href="/news/mtjj/">媒体聚焦</a></div>
  <div class="leftbox">
    <div class="article">
      <div class="art_title">博贺新港区通用码头工程通过交工验收</div>
      <div class="art_info">日期：2019-1-5&nbsp;&nbsp;来源：茂名日报&nbsp;&nbsp;作者：李昇</div>
      <div class="art_content">
        <p>　　本报讯 1月4日，茂名港博贺新港区通用码头工程顺利通过交工验收。这标志着该工程具备了试运行条件，博贺新港区公共码头建设迈出了关键一步。</p>
        <p>　　博贺新港区通用码头工程位于博贺新港区东区，建设2个10万吨级通用泊位，设计年通过能力为860万吨，主要承担煤炭、矿石、粮食等散杂货装卸作业。工程于2016年6月开工建设，由茂名港集团负责投资建设和运营管理。</p>
        <p>　　验收组实地察看了码头现场，听取了建设、设计、施工、监理等单位的工作汇报，查阅了相关资料。经认真讨论，验收组一致认为，该工程已按批准的设计文件内容建成，工程质量合格，同意通过交工验收。</p>
        <p>　　茂名港集团有关负责人表示，集团将抓紧做好试运行各项准备工作，加快完善港区集疏运配套设施，力争早日实现开港运营，为茂名打造粤西地区重要出海通道提供有力支撑。</p>
      </div>
      <div class="art_page">
        <p>上一篇：<a href="/news/mtjj/2018/1229/3387.html">吉达港区疏港公路建设进展顺利</a></p>
        <p>下一篇：<a href="/news/mtjj/2019/0110/3402.html">茂名港2018年货物吞吐量突破2500万吨</a></p>
      </div>
      <div class="art_tool">【<a href="javascript:window.print();">打印本页</a>】【<a href="javascript:history.back();">返回</a>】【<a href="javascript:self.close();">关闭</a>】</div>
    </div>
  </div>
  <div class="rightbox">
    <div class="rbox">
      <h3>最新新闻</h3>
      <ul>
        <li><a href="/news/jtxw/2019/0218/3455.html">茂名港集团召开2019年工作会议</a><span>02-18</span></li>
        <li><a href="/news/jcdt/2019/0215/3450.html">水东港区春节期间安全生产平稳有序</a><span>02-15</span></li>
        <li><a href="/news/mtjj/2019/0130/3431.html">茂名港口岸扩大开放通过省级验收</a><span>01-30</span></li>
      </ul>
    </div>
    <div class="rbox">
      <h3>热门点击</h3>
      <ul>
        <li><a href="/news/jtxw/2018/1206/3350.html">博贺新港区航道工程顺利完工</a></li>
        <li><a href="/news/jtxw/2018/1112/3311.html">茂名港集团开展消防安全知识培训</a></li>
      </ul>
    </div>
  </div>
  <div class="clear"></div>
</div>
<div class="footer">
  <p><a href="/about/">关于本站</a> | <a href="/contact/">联系我们</a> | <a href="/gbook/">在线留言</a> | <a href="#">返回顶部</a></p>
  <p>Copyright &copy; 2010-2019 粤西港航资讯网 All Rights Reserved 粤ICP备09087654号</p>
</div>
</body>
</html>
"""

# ---------------------------------------------------------------------------------------------
# 5. A copy on a Party-building portal: UTF-8 with a BOM, no charset anywhere; date as
#    2023年4月23日; a "今天是" date in the top bar; (通讯员：黎祖声) closing the body.
COPY_UTF8_BOM_NO_CHARSET = """<html>
<head>
<title>集团党委召开2023年第二次理论学习中心组（扩大）学习会</title>
<link href="/style/common.css" rel="stylesheet" type="text/css">
</head>
<body>
<div class="topbar">
  <div class="inner"><span class="today">今天是：2026年11月24日 星期二</span><span class="links"><a href="/">返回首页</a> | <a href="/login.asp">会员登录</a></span></div>
</div>
<div class="banner"><img src="/images/banner_dj.jpg" alt="茂名港集团党建园地"></div>
<div class="menu">
  <a href="/">首页</a>
  <a href="/jtjj/">集团简介</a>
  <a href="/xwzx/">新闻中心</a>
  <a href="/xwzx/jtxw/">集团新闻</a>
  <a href="/xwzx/mtjj/">媒体聚焦</a>
  <a href="/xwzx/jcdt/">基层动态</a>
  <a href="/djgz/">党建工作</a>
  <a href="/tzgg/">通知公告</a>
  <a href="/rczp/">人才招聘</a>
  <a href="/zxly/">在线留言</a>
</div>
<div class="container">
  <div class="crumb">当前位置：<a href="/">首页</a> &gt;&gt; <a href="/djgz/">党建工作</a></div>
  <div class="show">
    <div class="show_t">集团党委召开2023年第二次理论学习中心组（扩大）学习会</div>
    <div class="show_d">2023年4月23日</div>
    <div class="show_c">
      <p>4月21日，茂名港集团党委召开2023年第二次理论学习中心组（扩大）学习会，深入学习贯彻党的二十大精神和习近平总书记视察广东重要讲话、重要指示精神。集团党委书记、董事长主持会议并讲话。</p>
      <p>会议集体学习了《习近平新时代中国特色社会主义思想专题摘编》有关章节，以及省委十三届三次全会、市委十三届五次全会精神。与会同志结合分管工作和思想实际，围绕“高质量发展”主题作了交流发言。</p>
      <p>会议指出，要以学促干、以干践学，把学习成果转化为推动港口建设的强大动力。要紧扣博贺新港区开发建设、水东港区转型升级和吉达港区规划建设等中心任务，找准党建工作与生产经营的结合点，切实把党的政治优势、组织优势转化为企业的发展优势。</p>
      <p>会议强调，各党支部要认真落实“第一议题”制度，持续抓好主题教育各项准备工作，引导广大党员干部职工坚定信心、真抓实干，为推动集团高质量发展贡献力量。（通讯员：黎祖声）</p>
    </div>
    <div class="show_n">
      <div>上一篇：<a href="/djgz/2023/0412/1871.html">集团纪委开展廉洁警示教育活动</a></div>
      <div>下一篇：<a href="/djgz/2023/0428/1880.html">集团团委组织青年职工参观叶剑英元帅纪念馆</a></div>
    </div>
  </div>
  <div class="side">
    <div class="side_t">最新动态</div>
    <ul>
      <li><a href="/xwzx/jtxw/2023/0520/1903.html">集团召开安全生产工作会议</a> 2023-05-20</li>
      <li><a href="/xwzx/jcdt/2023/0516/1899.html">吉达港区开展防汛应急演练</a> 2023-05-16</li>
      <li><a href="/djgz/2023/0428/1880.html">集团团委组织青年职工参观叶剑英元帅纪念馆</a> 2023-04-28</li>
    </ul>
  </div>
</div>
<div class="foot">
  <p>主办：中共茂名港集团有限公司委员会 &nbsp; 版权所有 &copy; 2016-2023</p>
  <p>地址：茂名市滨海新区博贺镇港城大道88号 &nbsp; 粤ICP备12034567号-2</p>
</div>
</body>
</html>
"""

# ---------------------------------------------------------------------------------------------
# 6. A Traditional-Chinese copy in Big5 (meta charset=big5); 時間： date line; (陳燦) closing.
COPY_BIG5_TRADITIONAL = """<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=big5">
<title>茂名港集團全力推進復工復產 博賀新港區生產有序恢復 - 茂名港集團</title>
</head>
<body bgcolor="#FFFFFF">
<table width="960" border="0" align="center" cellpadding="0" cellspacing="0">
  <tr>
    <td class="tb">今天是：2026年11月24日</td>
  </tr>
  <tr>
    <td class="menu"><a href="index.asp">首頁</a> ｜ <a href="about.asp?pid=1">集團簡介</a> ｜ <a href="list.asp?pid=2">新聞中心</a> ｜ <a href="list.asp?pid=12">集團新聞</a> ｜ <a href="list.asp?pid=13">媒體聚焦</a> ｜ <a href="list.asp?pid=14">基層動態</a> ｜ <a href="list.asp?pid=5">黨建工作</a> ｜ <a href="list.asp?pid=6">通知公告</a> ｜ <a href="list.asp?pid=7">人才招聘</a> ｜ <a href="gbook.asp">在線留言</a></td>
  </tr>
</table>
<table width="960" border="0" align="center" cellpadding="0" cellspacing="0">
  <tr>
    <td valign="top">
      <table width="100%" border="0" cellpadding="0" cellspacing="0">
        <tr><td class="wz">您的位置:<a href="index.asp">首頁</a> &gt; <a href="list.asp?pid=2">新聞中心</a> &gt; <a href="list.asp?pid=12">集團新聞</a></td></tr>
        <tr><td align="center" class="bt"><b>茂名港集團全力推進復工復產 博賀新港區生產有序恢復</b></td></tr>
        <tr><td align="center" class="sj">時間：2020-3-2</td></tr>
        <tr><td class="nr">
　　連日來，茂名港集團在抓好疫情防控的同時，全力推進復工復產。截至3月1日，集團各下屬企業已全部復工，一線生產人員到崗率達96%，博賀新港區各碼頭生產有序恢復。<br>
　　集團成立了復工復產工作專班，嚴格落實員工健康監測、體溫檢測、場所消毒等防控措施，為返崗員工配發口罩、消毒液等防疫物資，確保防控不鬆勁、生產不停擺。<br>
　　在博賀新港區，東華能源碼頭2月份共接卸液化石油氣船舶11艘次；廣港碼頭加快散貨裝卸作業，保障了電廠燃煤和企業原材料供應。水東港區、吉達港區也相繼恢復正常作業。<br>
　　集團有關負責人表示，下一步將繼續統籌推進疫情防控和生產經營，加快重點項目建設，努力把疫情造成的損失降到最低，確保完成全年目標任務。(陳燦)<br>
        </td></tr>
        <tr><td class="sx">上一篇：<a href="more.asp?id=2153">集團黨委部署新冠肺炎疫情防控工作</a>　下一篇：<a href="more.asp?id=2166">吉達港區疏港公路項目復工</a></td></tr>
        <tr><td align="center"><a href="javascript:history.back()">【返回】</a></td></tr>
      </table>
    </td>
    <td width="220" valign="top" class="right">
      <table width="100%" border="0" cellpadding="0" cellspacing="0">
        <tr><td class="rt">最新動態</td></tr>
        <tr><td class="rl"><a href="more.asp?id=2171">集團開展安全生產大檢查</a> 2020-3-10</td></tr>
        <tr><td class="rl"><a href="more.asp?id=2166">吉達港區疏港公路項目復工</a> 2020-3-5</td></tr>
        <tr><td class="rl"><a href="more.asp?id=2153">集團黨委部署新冠肺炎疫情防控工作</a> 2020-2-12</td></tr>
      </table>
    </td>
  </tr>
</table>
<table width="960" border="0" align="center" cellpadding="0" cellspacing="0">
  <tr><td class="foot" align="center">版權所有 茂名港集團有限公司 Copyright &copy; 2012-2020<br>地址：廣東省茂名市電白區博賀鎮 粵ICP備12034567號</td></tr>
</table>
</body>
</html>
"""

# ---------------------------------------------------------------------------------------------
# 7. The group's own site, old template: no meta at all, the server header says gb2312 but the
#    bytes are GB18030 (玥 喆); date as 2023年4月23日 with a 今天是 date above it.
MM_HEADER_GB2312_NO_META = """<html>
<head>
<title>吉达港区开展“安康杯”劳动技能竞赛 - 茂名港集团</title>
<link href="css/style.css" rel="stylesheet" type="text/css">
</head>
<body leftmargin="0" topmargin="0">
<table width="980" border="0" align="center" cellpadding="0" cellspacing="0">
  <tr>
    <td height="26" class="f12">&nbsp;&nbsp;今天是：2026年11月24日&nbsp;&nbsp;星期二</td>
  </tr>
  <tr>
    <td><img src="images/banner.jpg" width="980" height="150"></td>
  </tr>
  <tr>
    <td height="36" class="menu" align="center"><a href="index.asp">首页</a> | <a href="about.asp?pid=1">集团简介</a> | <a href="list.asp?pid=2">新闻中心</a> | <a href="list.asp?pid=12">集团新闻</a> | <a href="list.asp?pid=13">媒体聚焦</a> | <a href="list.asp?pid=14">基层动态</a> | <a href="list.asp?pid=5">党建工作</a> | <a href="list.asp?pid=6">通知公告</a> | <a href="list.asp?pid=7">人才招聘</a> | <a href="gbook.asp">在线留言</a></td>
  </tr>
</table>
<table width="980" border="0" align="center" cellpadding="0" cellspacing="0">
  <tr>
    <td width="236" valign="top">
      <table width="226" border="0" align="center" cellpadding="0" cellspacing="0">
        <tr><td height="32" class="lm_title">&nbsp;&nbsp;&nbsp;最新动态</td></tr>
        <tr><td class="f12" style="line-height:24px">
          · <a href="more.asp?id=3262">关于2023年劳动节放假安排的通知</a> <font color="#999999">2023-4-27</font><br>
          · <a href="more.asp?id=3258">集团团委开展“五四”青年节主题团日活动</a> <font color="#999999">2023-4-25</font><br>
          · <a href="more.asp?id=3246">集团召开2023年一季度经济运行分析会</a> <font color="#999999">2023-4-23</font><br>
        </td></tr>
      </table>
    </td>
    <td width="12">&nbsp;</td>
    <td valign="top">
      <table width="100%" border="0" cellspacing="0" cellpadding="0">
        <tr><td height="32" class="f12">&nbsp;您的位置：<a href="index.asp">首页</a> &gt; <a href="list.asp?pid=2">新闻中心</a> &gt; <a href="list.asp?pid=14">基层动态</a></td></tr>
      </table>
      <table width="94%" border="0" align="center" cellpadding="0" cellspacing="0">
        <tr><td height="60" align="center"><font color="#0B4C8C" style="font-size:20px"><b>吉达港区开展“安康杯”劳动技能竞赛</b></font></td></tr>
        <tr><td height="24" align="center" class="f12">2023年4月23日</td></tr>
        <tr><td height="1" bgcolor="#D7D7D7"></td></tr>
        <tr><td style="font-size:14px;line-height:28px;padding-top:12px">
　　为迎接“五一”国际劳动节，进一步提升一线职工安全操作技能，4月22日，吉达港区工会开展“安康杯”劳动技能竞赛。<br>
　　竞赛设置了装载机定点作业、叉车绕桩、消防器材使用和安全知识答题四个项目，来自港区各作业班组的42名职工参加比赛。赛场上，选手们沉着冷静、操作规范，展示了过硬的业务本领。<br>
　　经过激烈角逐，装卸一班获得团体一等奖，机械队职工梁彧获得装载机定点作业个人第一名。<br>
　　港区负责人表示，将以技能竞赛为载体，持续营造“比学赶超”的浓厚氛围，推动港区安全生产水平不断提升。（吴超 王喆）<br>
        </td></tr>
        <tr><td height="30" align="right" class="f12">浏览次数：123&nbsp;&nbsp;</td></tr>
        <tr><td class="f12" style="line-height:24px">上一篇：<a href="more.asp?id=3250">博贺新港区广港码头迎来首艘10万吨级散货船</a><br>下一篇：<a href="more.asp?id=3258">集团团委开展“五四”青年节主题团日活动</a></td></tr>
        <tr><td height="40" align="center"><a href="javascript:history.back()">&gt;&gt; 返 回 &lt;&lt;</a></td></tr>
      </table>
    </td>
  </tr>
</table>
<table width="980" border="0" align="center" cellpadding="0" cellspacing="0">
  <tr><td height="90" align="center" class="f12" style="line-height:22px">版权所有：茂名港集团有限公司 Copyright &copy; 2012-2023<br>地址：广东省茂名市滨海新区博贺镇港城大道88号 电话：0668-2912345 粤ICP备12034567号</td></tr>
</table>
</body>
</html>
"""

# ---------------------------------------------------------------------------------------------
# 8. A Traditional-Chinese copy in Big5 with no charset anywhere (no meta, header text/html): the
#    bytes also decode as GB18030, into nonsense; 當前位置 breadcrumb, 發佈日期 line, (林燦 陳玥).
COPY_BIG5_NO_CHARSET = """<!DOCTYPE html>
<html>
<head>
<title>水東港區完成年度航道維護疏浚工程_基層動態_港航資訊網</title>
<link rel="stylesheet" href="/css/site.css">
</head>
<body>
<div class="top"><a href="/">首頁</a> | <a href="/about/">關於我們</a> | <a href="/contact/">聯繫我們</a></div>
<div class="nav">
  <a href="/">首頁</a>
  <a href="/news/">新聞中心</a>
  <a href="/news/jtxw/">集團新聞</a>
  <a href="/news/jcdt/">基層動態</a>
  <a href="/notice/">通知公告</a>
</div>
<div class="wrap">
  <div class="crumb">當前位置：<a href="/">首頁</a> &gt; <a href="/news/">新聞中心</a> &gt; <a href="/news/jcdt/">基層動態</a></div>
  <div class="main">
    <h1>水東港區完成年度航道維護疏浚工程</h1>
    <div class="info">發佈日期：2022-08-16　瀏覽：37</div>
    <div class="text">
      <p>　　8月15日，水東港區年度航道維護疏浚工程全部完成，經測量，主航道水深恢復到設計標準，萬噸級船舶可全天候進出港。</p>
      <p>　　今年汛期過後，港區航道局部出現泥沙回淤。港區及時組織技術人員開展水深測量，制定疏浚方案，調配兩艘耙吸式挖泥船分段施工，共清除淤泥約十二萬立方米。</p>
      <p>　　施工期間，港區加強與海事部門的溝通協調，合理安排作業時段，發佈航行警告，確保了施工船舶和過往船舶的航行安全，港口生產未受影響。（林燦 陳玥）</p>
    </div>
    <div class="pages">上一篇：<a href="/news/jcdt/2022/0809/5120.html">吉達港區開展颱風防禦應急演練</a><br>下一篇：<a href="/news/jcdt/2022/0822/5131.html">集團工會慰問高溫一線職工</a></div>
    <div class="back"><a href="/news/jcdt/">返回列表</a></div>
  </div>
  <div class="side">
    <div class="side_t">熱點新聞</div>
    <ul>
      <li><a href="/news/jtxw/2022/0901/5140.html">集團召開上半年經濟運行分析會</a> 2022-09-01</li>
      <li><a href="/news/jcdt/2022/0822/5131.html">集團工會慰問高溫一線職工</a> 2022-08-22</li>
    </ul>
  </div>
</div>
<div class="foot">版權所有 港航資訊網 Copyright &copy; 2022 粵ICP備00000000號</div>
</body>
</html>
"""

PAGES = [
    ("mm_gb18030_declared_gb2312", MM_GB18030_DECLARED_GB2312, "gb18030", False),
    ("mm_gb2312_kicker_secretary", MM_GB2312_KICKER_SECRETARY, "gb2312", False),
    ("mm_gb2312_notice_attachments", MM_GB2312_NOTICE_ATTACHMENTS, "gb2312", False),
    ("copy_gbk_no_charset", COPY_GBK_NO_CHARSET, "gbk", False),
    ("copy_utf8_bom_no_charset", COPY_UTF8_BOM_NO_CHARSET, "utf-8", True),
    ("copy_big5_traditional", COPY_BIG5_TRADITIONAL, "big5", False),
    ("mm_header_gb2312_no_meta", MM_HEADER_GB2312_NO_META, "gb18030", False),
    ("copy_big5_no_charset", COPY_BIG5_NO_CHARSET, "big5", False),
]


def main() -> None:
    for name, text, encoding, bom in PAGES:
        # Old Windows servers send CRLF line ends.
        data = text.replace("\n", "\r\n").encode(encoding)
        if bom:
            data = b"\xef\xbb\xbf" + data
        (HERE / f"{name}.html").write_bytes(data)
        print(f"{name}.html  {encoding}{' +BOM' if bom else ''}  {len(data)} bytes")


if __name__ == "__main__":
    main()
