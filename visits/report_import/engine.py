"""From a report's text to a draft trip, by rules a reviewer can follow.

The rules read a report the way a clerk does, whoever wrote it and whoever travelled:

1. The lead names the group, who led it and where it went, in the first sentences of the
   body (a page's headlines, dates and bylines do not count): 区委书记王有国率大兴区党政代表团
   到…, …代表团在…带领下到…, 由…带队, …一行到…, 盟行署副盟长孙书涛带领…相关负责同志赴…,
   …代表团来京考察; a host's report: …一行来我旗, 我旗迎来…代表团, 市委书记王莉霞会见…一行.
   Not only 党政代表团 travel: 医疗队, 专家团队, 考察组, a bureau or a hospital under its own
   name (…服务中心赴…), one official alone (…赴…调研) do too. With no such sentence, a trip is
   still told by a team of the other side (来自北京…的13位专家), an event of a body of each side
   held in a place of one of them (…与…签约仪式在呼和浩特市举行) or talks held there (…在北京与…
   座谈) — and the reviewer is told it was inferred; otherwise the text is not about a trip, and
   nothing is made up. An earlier event the news follows on (继4月8日…后) is not the lead; a
   report in parts under headings may tell of two groups of one trip. The direction follows
   from the places: the visitors come from the other side of the program than where they went.
2. Officials are read where they stand: lists that end in 参加/出席/陪同, a list at the head
   of a sentence (…处长胡虎等与来访团队座谈交流), after 与, as 由…带领 on site, or in the
   …一行 list itself; each with the title as printed, before or after the name.
3. The body is then read in order. A site visit starts with 在…， 在…公司考察, or 走进/来到…
   in any clause; a meeting with 在…召开的座谈会上, …签约仪式在…举行, or a talk reported as a
   verb (进行座谈, 与…座谈交流, 在…会见); a speaker with 王有国强调， 赵宏在致辞中指出，
   镇长王德祥就…进行了介绍 or X和Y分别介绍了…, and a quotation followed by who said it
   (“…”。…李洪福说。); a speaker's points run on, paragraph after paragraph, while they read
   as the speaker's (一是…, 要…, 推动…) and until the next speaker, meeting, site visit or list
   of officials.

Every item keeps the span of the sentence it came from, the name of the rule that read it and
what the reader doubts about it (a guessed side, a title taken from the name before), so a
review screen can show why it is there and what to check.
"""

import bisect
import collections
import dataclasses
import datetime
import itertools
import re

from .dates import find_trip_date
from .lexicon import GIFT_WORDS, GIVERS, default_lexicon
from .normalize import compacted, lines_joined, reading_forms
from .people import (
    BODY_NAME_GOES_ON,
    PEOPLE_COUNT,
    Named,
    is_name,
    is_surname_only,
    is_title,
    looks_like_bare_name,
    name_before_post,
    parse_people,
    refers_back,
    split_title_name,
)
from .results import (
    DatePrecision,
    Delegation,
    DelegationKind,
    ExtractionResult,
    Meeting,
    MeetingKind,
    Participant,
    ParticipantRole,
    ParticipantSide,
    Point,
    RegionMention,
    RegionSide,
    SiteVisit,
    Speech,
    SpeechKind,
    TopicMatch,
    TripDate,
)
from .sentences import Sentence, split_sentences

# --- the lead -----------------------------------------------------------------------------

# Not only 党政代表团: hospitals, schools and bureaus send teams (医疗队, 专家团, 支教团).
_DELEGATION_NOUN = (
    # 宣讲团, 采风团, 写生团: a group named by what it goes to do, as 研学团 and 义诊队 are; 实践团,
    # 实践队: students on their summer social practice (草原筑梦实践团赴…西干沟乡).
    "(?:党政代表团|代表团|(?:考察|调研|访问|工作|医疗|专家|义诊|支教|研学|帮扶|培训|服务|慰问|交流|教师|师生|推介|宣传|宣讲|采风|写生|实践)"
    "(?:团队|团|组|队|小组))"
)
# Bounded repeats everywhere: every pattern costs at most a constant per position, so a
# megabyte of text stays linear.
_LEADERS = r"(?P<leaders>[^，。；！？：“”]{2,80}?)"
_NAME = r"(?P<name>[^，。；！？：]{0,40}?" + _DELEGATION_NOUN + ")"
# 进(?=京): 进修 is no journey.
# 推介团亮相首都北京: a group that shows itself somewhere has come there.
# 带队对北京市这六个区县进行了答谢慰问和考察学习: a journey told by what was done to the places.
_GO = (
    r"(?:前往|前来|来到|深入到|深入|踏上|莅临|抵达|到达|走进|来访|到访|访问|回访|拜访|亮相|到|赴|来|进(?=京)|"
    r"对(?=[^，。；！？对]{2,20}?进行了?[^，。；！？]{0,10}?(?:考察|调研|走访|答谢)))"
)
# …一行8人及社区中心2人: the middle holds no digit or 及/和, so a run of them is cut one way only.
# 第六次来到: how many times the group has come is no part of its name.
_TIMES = r"第(?:\d+|[一二三四五六七八九十]{1,3})次"
_FILLER = (
    # 分两批前往: the group goes in turns, still one journey.
    r"[，,]?(?:一行|\d+人|[及和][^，。；！？：“”及和\d]{1,12}\d+人|先后|专程|再次|一同|共同|共(?=赴)|还|"
    r"分(?:\d+|[两二三四五])批|"
    + _TIMES
    + ")*"
)
_GO_RE = re.compile(_GO)
# 座谈会议 before 座谈会: a name is printed whole (…京蒙扶贫协作座谈会议, …“医疗倍增计划”推进会议), not
# cut at its first noun.
_MEETING_NOUN_TEXT = (
    r"(?:座谈会议|座谈会|联席会议|联席会|签约仪式|签字仪式|签约活动|对接会议|对接会|洽谈会议|洽谈会|推进会议|推进会|"
    r"推介会议|推介会|交流会议|交流会|研讨会议|研讨会|"
    r"见面会|工作会议|专题会议|会议|仪式)"
)
# A body that travels as itself: its name ends with what it is.
_BODY_NOUN = (
    r"(?:局|委员会|教委|卫健委|卫生健康委|发改委|办公室|中心|医院|卫生院|学校|中学|小学|大学|学院|街道|政府|"
    r"政协|人大|商会|协会|公司|集团|研究院|研究所|文联|作协|科协|妇联|红十字会)"
)
# Sent to take up a post, not on a trip (选派3名干部赴…挂职).
_POSTING = re.compile(r"挂职|任职|驻村|援派|支援工作")
_TIME_WORDS_TEXT = (
    r"(?:(?:\d{4}年)?\d{1,2}月\d{1,2}日(?:(?:至|到|—|-)(?:\d{1,2}月)?\d{1,2}日)?|近日|日前|近期|上午|下午|[，,])+"
)
# 亮相首都北京: 首都 before the capital's name says which city it is.
_TRAVEL = re.compile(_FILLER + r"(?:(?P<go>" + _GO + r"|沿着)了?(?:位于|首都(?=北京))?|(?P<at>在))")

# 一行8人, 一行九人: a head count, in digits or in words.
_HEADCOUNT = r"(?:(?:\d+|[一二三四五六七八九十]{1,3})人)?"
# 一行15位满洲里市教育同仁来到…: the count with who they are; only before a journey verb, as
# 一行12名教师在火车站集合 tells where they met, not where they went.
_HEADCOUNT_PEOPLE = (
    r"(?:(?:\d+|[一二三四五六七八九十]{1,3})(?:人|位|名)"
    r"(?:[^，。；！？：“”\d]{0,12}?(?:同仁|同志|教师|老师|医生|医师|专家|干部|代表|学生|师生|人员))?)?"
)

# 开始了为期七天的北京之行: a journey told as a noun, its place before 之行 or 之旅 (取经问道之行 names
# none, and is no journey anywhere).
_JOURNEY_NOUN = (
    r"(?:开始了?|开启了?|踏上了?)(?:为期[^，。；！？的]{1,8}的)?(?P<journey>[^，。；！？的]{2,12}?)之(?:行|旅)"
)
_JOURNEY_NOUN_RE = re.compile(_JOURNEY_NOUN)

_LEAD_RULES = (
    ("以…为团长的…代表团", re.compile(r"以" + _LEADERS + r"为(?:团长|组长|领队)的" + _NAME)),
    ("…率…代表团到", re.compile(_LEADERS + r"(?:率领|带领|率)的?" + _NAME)),
    ("…代表团在…带领下", re.compile(_NAME + r"(?:一行)?" + _HEADCOUNT + r"在" + _LEADERS + r"的?(?:带领|率领|带队)下")),
    ("在…带领下，…代表团", re.compile(r"在" + _LEADERS + r"的?(?:带领|率领)下[，,]?" + _NAME)),
    ("由…带队，…代表团", re.compile(r"由" + _LEADERS + r"(?:带队|带领|率领|率队)的?[，,]?" + _NAME)),
    ("…代表团由…带队", re.compile(_NAME + r"(?:一行)?" + _HEADCOUNT + r"由" + _LEADERS + r"(?:带队|带领|率领|率队)")),
    # 北京林业大学党委书记王洪元一行，先后深入…: the order of the visits told before the verb.
    (
        "…一行到",
        re.compile(_LEADERS + r"一行" + _HEADCOUNT + r"(?=[，,]?(?:先后|专程)?(?:" + _TIMES + r")?(?:" + _GO + "|在))"),
    ),
    # 由区委书记王某带队，区直部门负责人一行赴…: no group name at all.
    (
        "由…带队，…赴",
        re.compile(
            r"由"
            + _LEADERS
            + r"(?:带队|带领|率领|率队)的?(?P<members>[^。；！？]{0,80}?)(?=[，,]?(?:一行)?"
            + _GO
            + ")"
        ),
    ),
    # 工委书记谭国忠，工委副书记张洪源，街道相关科室负责人…一行来到: the first named leads.
    ("…等一行到", re.compile(r"(?P<group>[^。；！？：“”]{4,300}?)一行" + _HEADCOUNT_PEOPLE + r"(?=[，,]?" + _GO + ")")),
    # 我校党委书记李文阁，校党委委员、副校长高乐及相关职能部门负责人，前往…: the same list, closed by
    # the unnamed people who went with them instead of 一行.
    (
        "…等一行到",
        re.compile(
            r"(?P<group>[^。；！？：“”]{4,300}?及(?:相关|有关)[^，。；！？：“”及]{0,20}?(?:负责人|负责同志|人员))"
            r"(?=[，,]?(?:前往|赴))"
        ),
    ),
    # 盟行署副盟长孙书涛带领盟农牧局…相关负责同志，赴北京市…: a group with no name.
    (
        "…带领…赴",
        re.compile(
            _LEADERS
            # …党组书记冯家举、厅长孙俊青共同带队赴京: heads who lead together.
            # 盟行署副盟长孙书涛组织文旅、农牧部门负责同志，赴北京市平谷区…: the one who gathers
            # the group and goes with it leads it.
            + r"(?:共同|一同|联合|亲自)?(?:带队|率队|带领|率领|率(?!先)|组织(?!的))"
            + r"(?P<members>[^。；！？]{0,80}?)(?=[，,]?(?:先后|专程|一同|再次|共同)*"
            # 沿着包头-二连浩特-呼和浩特一线: a route is a journey too.
            + r"(?:"
            + _GO
            + r"|沿着))"
        ),
    ),
    # …采风团，于2013年7月6日走进…: the day told between the group and its journey.
    (
        "…代表团到",
        re.compile(
            _NAME
            + r"(?:一行)?"
            + _HEADCOUNT
            + r"(?:[，,]?于(?:\d{4}年)?\d{1,2}月\d{1,2}日(?:上午|下午)?)?"
            + r"(?=[，,]?(?:"
            + _TIMES
            + ")?(?:"
            + _GO
            + "|在))"
        ),
    ),
    # 西城区委书记刘东伟赴鄂伦春自治旗调研: one official, or a few, travel with no group named.
    (
        "…赴…调研",
        re.compile(
            _LEADERS + r"(?=[，,]?(?:专程|再次|一同|共同|" + _TIMES + r")*(?:前往|赴|到|来到|深入|莅临)(?!任|挂))"
        ),
    ),
    # 扎赉特旗人力资源和就业服务中心赴北京市丰台区…开展…对接: a bureau, hospital, school or
    # street office travels under its own name, with no group word and no one named.
    (
        "…单位赴",
        re.compile(
            r"(?:^|[，,])(?:" + _TIME_WORDS_TEXT + r")?(?P<body>[^，。；！？：、“”]{2,30}?" + _BODY_NOUN + r")"
            # 昌平区教委组织12名骨干教师赴…送教: the people it sends are the group.
            r"(?:(?:组织|选派|派出)(?P<sent>[^，。；！？：“”]{2,40}?)|"
            # 北京市西城区展览路医院院长、副院长…及各相关科室主任一行8人及社区中心2人赴…: its
            # people told by their posts alone, none named.
            r"(?P<posts>[^，。；！？：“”]{2,60}?(?=一行)|"
            # 北京中医药大学中医学院和内蒙古医科大学部分师生来到我市: its people by what they are.
            r"(?:部分|全体)?(?:师生|专家学者|专家|医护人员|医生|教师|学生|志愿者)(?!一行)))?"
            r"(?=(?:一行)?" + _HEADCOUNT + r"(?:[及和][^，。；！？：“”及和\d]{1,12}\d+人)?[，,]?"
            r"(?:专程|再次|一同|共同|共)*"
            # 来我院: a body's visitors in the host body's own report.
            # 莅临, 来到: a body that comes to its host (…一行13人莅临内蒙古自治区胸科医院).
            # 来我市: a body's visitors in the host place's own paper.
            r"(?:前往|赴|到|莅临|来到|来京|进京|来(?=我(?:院|校|局|委|中心|所|馆|市|旗|盟|区|县))))"
        ),
    ),
    # 北京市企业家一行前来内蒙古对接…: people of a place, by what they are, with no one named.
    (
        "…地企业家一行前来",
        re.compile(
            r"(?P<body>[^，。；！？：、“”对]{2,12}?(?:市|区|旗|县|盟))(?:企业家|客商|专家学者|企业代表)一行"
            r"(?=(?:前来|来到|赴|到)(?!任|挂))"
        ),
    ),
    # 一中一行12名教师在乌兰浩特市火车站集合，开始了为期七天的北京之行: a group that sets out on a
    # journey told as a noun (…之行, …之旅) with its place; where they gathered is not where they went.
    (
        "…一行开始…之行",
        re.compile(
            r"(?:^|[，,])(?:"
            + _TIME_WORDS_TEXT
            + r")?(?P<travellers>[^，。；！？：、“”]{2,30}?)一行"
            + _HEADCOUNT_PEOPLE
            + r"(?=[^。；！？]{0,40}?"
            + _JOURNEY_NOUN
            + ")"
        ),
    ),
    # 内蒙古兴安盟扎赉特旗首次组织150名师生共赴北京开启研学之行: a banner or district sends its
    # people under its own name; those it sends are the group.
    (
        "…地组织…赴",
        re.compile(
            # 北京组织来自东城…五区的三百余名师生分两批前往…: the city by its short name too.
            r"(?:^|[，,])(?:" + _TIME_WORDS_TEXT + r")?(?P<body>[^，。；！？：、“”]{2,30}?(?:旗|区|县|市|盟)|北京)"
            # 房山区共选派了14名教师赴…: how many in all, and the verb's 了.
            r"(?:首次|再次|专门|共|先后)?(?:组织|选派|派出)了?(?P<sent>[^，。；！？：“”]{2,40}?)"
            r"(?=[，,]?(?:专程|再次|一同|共同|共|分(?:\d+|[两二三四五])批)*(?:前往|赴|到|来京|进京))"
        ),
    ),
    # 石景山区委社会工委区民政局带领社会组织代表赴内蒙古自治区莫旗…: a place's office leads the people it takes
    # along; no one is named to lead them.
    (
        "…地组织…赴",
        re.compile(
            r"(?:^|[，,])(?:" + _TIME_WORDS_TEXT + r")?(?P<body>[^，。；！？：、“”]{2,30}?(?:局|委|办|中心))"
            r"(?:带领|组织)(?P<sent>[^，。；！？：“”]{2,40}?)"
            r"(?=[，,]?(?:专程|再次|一同|共同)*(?:前往|赴|到))"
        ),
    ),
)
# 凝心聚力抓收官——门头沟区党政代表团赴…: a group named in a headline, after any slogan.
_HEADLINE_GROUP = re.compile(r"(?P<name>[^，。；！？：—“”\s]{0,24}?" + _DELEGATION_NOUN + r")(?=一行)?")
_LED_WORDS = re.compile(r"率|带领|带队|一行")
_LED_IN_POSTS = re.compile(r"带领|率领|率(?!先)")
# 赴上述两个地区: places the report named before, by their number.
# 回到北京, 返京: the group's way home.
_RETURN = re.compile(r"(?:回到|返回|返抵|返)(?P<place>京|[\u4e00-\u9fff]{2,8})")
# 赴上述两个地区, 赴内蒙古两地: the places named before, by their count (and, with a province
# printed, the ones of that province's side).
_NAMED_ABOVE = re.compile(
    r"(?:上述|以上|前述|(?P<province>内蒙古(?:自治区)?|北京市?))(?P<count>[一两二三四五])个?(?:地区|地方|旗县|乡镇|地)"
)
# A host's report: 我旗迎来…代表团, 热情接待了…一行, 我区与…代表团座谈对接.
_HOSTED = re.compile(
    r"(?P<host>我(?:区|旗|市|盟|县|镇|乡|苏木|街道))?[^。；！？]{0,40}?"
    r"(?:迎来|接待了?|欢迎|与|同)(?P<name>[^，。；！？与同]{2,40}?"
    + _DELEGATION_NOUN
    + r")(?:一行)?(?=[^。；！？]{0,30}?(?:座谈|对接|交流|会谈|考察|调研)|(?<=团)[。！]?$)"
)
# 自治区党委书记孙绍骋…在呼和浩特会见北京市政协主席魏小东一行: the visitors are the ones met,
# the hosts come first, and the place is where they were received.
_RECEIVED = re.compile(
    r"(?P<hosts>[^。；！？]{2,160}?)(?:在(?P<place>[^，。；！？、]{2,20}?))?(?:会见|会晤|接见)了?"
    r"(?P<leaders>[^，。；！？“”]{2,60}?)一行"
)
# 集团党委副书记、总经理阚兴与内蒙古自治区乡村振兴局副局长海山、…一行举行会谈: the hosts hold talks with the
# visitors, named as a party (一行).
_MET_WITH = re.compile(
    r"(?P<hosts>[^。；！？，,]{2,60}?)(?:在(?P<place>[^，。；！？、]{2,20}?))?(?:与|同)"
    r"(?P<leaders>[^，。；！？“”与同]{2,60}?)一行(?:举行|进行)了?(?:会谈|座谈|会晤|会见)"
)
# A team told only by where it came from (来自北京天坛医院的13位专家教授…进行义诊, 来自北京多家
# 医院的14位权威专家齐聚于此): the visitors are the group as printed, with no one named.
_FROM_GROUP = re.compile(
    r"来自(?P<group>(?P<origin>[^，。；！？、“”]{2,30}?)的?"
    + PEOPLE_COUNT
    + r"[^，。；！？]{0,8}?(?:专家|医生|医师|医护人员|教授|教师|老师|志愿者|学生)(?:教授|团队|代表)?)"
)
# 带领区教委高中科、昌平教师进修学校、昌平区考试中心的3名干部到…: the people who went with the
# leader, counted and not named, are one group as printed (commas and all).
_COUNTED_GROUP = re.compile(
    r"[^。；！？“”]{2,80}?的" + PEOPLE_COUNT + r"[\u4e00-\u9fff]{1,6}"
)
# 带领12名骨干教师赴…: the people, counted and not named, with no unit before them.
_COUNTED = re.compile(PEOPLE_COUNT + r"[\u4e00-\u9fff]{1,8}")
# 赴敖汉旗开展送教活动: the work a team goes to do when it does not go to inspect.
_SERVICE_WORK = re.compile(r"义诊|巡诊|送教|支教|送医|坐诊|研学|采风|写生|志愿服务|志愿实践")
# 鄂伦春自治旗委书记王兴在北京与西城区委书记刘东伟座谈: who talked with whom, and where.
_TALKS_AT = re.compile(
    r"(?P<who>[^，。；！？“”在]{2,60}?)在(?P<place>[^，。；！？、与同]{2,20}?)(?:与|同)"
    r"(?P<other>[^，。；！？“”]{2,60}?)(?:举行|进行)?(?:座谈|会谈|会晤)"
)
# 北京儿童医院与内蒙古自治区妇幼保健院…签约仪式在呼和浩特市隆重举行, 西城区与鄂伦春自治旗在北京
# 召开…联席会议: the two parties of an event and where it was held.
_JOINT_EVENT = re.compile(
    # “首都医科大学附属北京世纪坛医院-巴彦淖尔市医院对口支援揭牌仪式”: a dash joins them too.
    r"(?P<a>[^，。；！？与和同“”\-—－]{2,30}?)(?:与|和|同|[-—－])(?P<b>[^，。；！？与和同在]{2,60}?)"
    r"(?:在(?P<place1>[^，。；！？]{2,20}?)(?:召开|举行|举办)了?[^，。；！？]{0,40}?" + _MEETING_NOUN_TEXT + r"|"
    r"[^，。；！？]{0,60}?" + _MEETING_NOUN_TEXT + r"[”」]?在(?P<place2>[^，。；！？]{2,20}?)"
    r"(?:隆重|正式|顺利|成功|盛大)?(?:召开|举行|举办))"
)
# 一场…合作签约仪式在内蒙古自治区乌海市海勃湾区中医医院盛大举行，北京市鼓楼中医医院与乌海市海勃湾区中医医院
# 正式携手: the event and its place first, the two parties in the next clause.
_EVENT_THEN_PARTIES = re.compile(
    r"[^，。；！？]{0,40}?" + _MEETING_NOUN_TEXT + r"[”」]?在(?P<place1>[^，。；！？]{2,30}?)"
    r"(?:隆重|正式|顺利|成功|盛大)?(?:召开|举行|举办)[，,]"
    r"(?P<a>[^，。；！？与和同“”]{2,30}?)(?:与|同|和)(?P<b>[^，。；！？与和同“”]{2,30}?)"
    r"(?:正式|共同|再次)?(?:携手|签约|签订|签署|结对|建立)"
)
# 内蒙古自治区旅游发展委员会组织全区重点盟市、旗县与北京市旅游发展委员会、区县旅游部门对接，并召开…座谈会,
# with 座谈会在北京市召开 in the headline: a body that brings its people to meet the other side's,
# at a meeting held where the other side is.
_ORGANIZED_WITH = re.compile(
    r"(?:^|[，,])(?P<a>[^，。；！？与和同“”]{2,30}?)组织[^，。；！？与]{0,40}?与(?P<b>[^，。；！？与“”]{2,40}?)"
    r"(?:对接|座谈|交流)[^。；！？]{0,30}?(?:召开|举行)"
)
_HELD_IN_HEADLINE = re.compile(_MEETING_NOUN_TEXT + r"[”」]?在(?P<place>[^，。；！？\s]{2,12}?)(?:召开|举行|举办)")
# 专家黄少君、…在察右中旗人民医院开展…义诊活动: a team serving in a place, with no journey told.
_SERVICE_AT = re.compile(
    r"(?:^|[，,])(?P<who>[^，。；！？“”在]{4,160}?)在(?P<place>[^，。；！？、“”]{2,30}?)(?:开展|进行|举办)了?"
    r"(?:“[^“”]{0,30}”|[^，。；！？“”]){0,40}?(?:义诊|巡诊|支教|送教|送医|坐诊|授课)"
)
# A body gone to by its own name: 东直门医院通州院区, 北京市农业农村局.
_BODY_NAMED = re.compile(
    r"[^，。；！？、与和及“”]{2,20}?(?:医院|院区|分院|卫生院|学校|中学|小学|大学|学院|研究院|研究所|公司|集团|局|委员会)"
    r"(?![\u4e00-\u9fff]{0,2}(?:办公室|工作))"
)
# After a name (and a post printed after it): a welcome, or something told to the visitors.
_ADDRESSES_VISITORS = re.compile(
    r"[^，。；！？“”]{0,6}?(?:致(?:欢迎|迎宾)辞|"
    r"(?:[\u4e00-\u9fff]{1,3}地)?(?:向|为|给)"
    r"(?:来访|来宾|远道而来的|[^，。；！？“”]{0,12}?" + _DELEGATION_NOUN + r"|[^，。；！？“”]{0,12}?一行)"
    r"|的(?:讲解|介绍)[，,][^，。；]{0,12}?" + _DELEGATION_NOUN + r")"
)
_BODY_AT = re.compile(r"在(?P<body>[^，,。；、在]{2,20}?(?:大学|学院|学校|中学|小学|医院))[，,]")
_TO_OUR_BODY = re.compile(r"(?:一行)?(?:\d+人)?[，,]?(?:来|到)我(?:院|校|局|委|中心|所|馆|处)")
# 最后盛邀朝晖初中行政和教师一起到美丽的呼伦贝尔走访交流, 考察组还邀请农安县人大到兴安盟开展考察调研: the
# people invited to come are asked to travel, they have not (应…邀请, 受邀: a journey made at the
# invitation of someone is one).
_INVITES = re.compile(r"盛邀|诚邀|邀请")
_AT_INVITATION = re.compile(r"[应受]")
# 对北京市这六个区县进行了答谢慰问: places counted, named earlier in the report.
_CHINESE_DIGITS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_LIST_SEPARATOR = re.compile(r"、|和|及")
_PLACE_ITEM = re.compile(r"[\u4e00-\u9fff]{2,6}")
_THESE_PLACES = re.compile(r"这(?P<count>[两二三四五六七八九十]|\d{1,2})个(?:区县|旗县市|旗县|县区|区|县|旗|盟市)")
# …2017年工作对接会在我校召开: a meeting held at the writer's own body.
_HELD_AT_WRITERS = re.compile(
    _MEETING_NOUN_TEXT + r"[”」]?在我(?:校|院|处|局|委|中心|所|馆)(?:隆重|顺利|正式)?(?:召开|举行|举办)"
)
# …政府副旗长张敬瑞出席: the verb closing an attendance list.
_ATTEND_VERB_TAIL = re.compile(r"等?(?:出席|参加|参会|列席)(?:会议|座谈|活动|仪式)?[。！]?$")
# 到我处, 来我校: the writer's own body, as the place a group went to.
_WRITERS_BODY = re.compile(r"我(?:处|校|院|局|委|中心|所|馆)(?![\u4e00-\u9fff]{0,2}(?:所在|附近))")
# 签订对口支援协议, 结对帮扶, 东西部协作: words that tell of a pairing between the two sides.
_PAIRING = re.compile(r"对口|帮扶|支援|协作|结对|手拉手")
# …建设项目开工奠基仪式在呼和浩特市举行: a ceremony and the place it was held; …专题研讨会在内蒙古
# 社会主义学院举行: a meeting held the same way, its place a body named by its region.
_CEREMONY_HELD = re.compile(
    r"(?:仪式|研讨会|座谈会|交流会|推进会|对接会|论坛)[”」]?在(?P<place>[^，。；！？、]{2,12}?)"
    r"(?:隆重|正式|顺利|成功|盛大)?(?:举行|举办|召开)"
)
# …那达慕，7日在内蒙古自治区兴安盟扎赉特旗巴达尔胡赛马场开幕: an event and where it was held.
_EVENT_HELD_AT = re.compile(r"在(?P<place>[^，。；！？、]{2,30}?)(?:隆重|正式|盛大)?(?:开幕|举行|举办|开营)")
# 这些北京孩子跨越千里来草原: people told by where they are from, coming.
_PEOPLE_ARRIVE = re.compile(
    r"(?P<people>(?P<home>[\u4e00-\u9fff]{2,8}?)(?:的)?(?:孩子|学生|少年|青少年|师生|小学生|中学生)们?)"
    r"(?:跨越千里|千里迢迢|远道而来|专程)?[，,]?(?P<verb>来到|来|走进|奔赴|抵达)"
)
# 来自西藏、新疆、青海、内蒙古四地的学生: people of several regions at one programme.
_SEVERAL_REGIONS = re.compile(
    r"来自(?P<places>(?:[\u4e00-\u9fff]{2,6}、)+[\u4e00-\u9fff]{2,6})(?P<count>[三四五六七八九十]|\d+)[地省]"
)
# …院长张澍田出席并讲话: one who attends and speaks.
_ATTENDED_AND_SPOKE = re.compile(r"出席(?:仪式|活动|会议)?并(?:讲话|致辞|发言)")
_CEREMONY = re.compile(r"(?<!签约)(?<!签字)仪式")
_CAMPUS = re.compile(r"(?:医院|学校|大学|学院|中学|小学)(?P<short>[\u4e00-\u9fff]{2})(?:院区|校区)$")
# …；郭勇副院长面对…: a clause that opens with a name and the post after it.
_CLAUSE_BREAK = re.compile(r"[；;]")
_SAID = re.compile(r"表示|指出|强调|介绍|说|讲话|致辞|在|对|与|和|及|等|、")
# What someone told in the narration did: 以…, 创作了…, 即兴…, 为…, 现场…
_NARRATED_ACT = re.compile(r"以|用|为|向|创作|即兴|现场|挥毫|书写|演奏|演唱|表演|展示|带来|分享|讲授|作了|进行了")
# A clause that opens with what was done, not who did it.
_NOT_A_POST = re.compile(r"了|在|对|和|与|及|并|是|为")
_TEAM_CLAUSE = re.compile(
    r"(?:^|[；;])(?P<person>[\u4e00-\u9fff]{2,3}?(?:副院长|院长|副主任医师|主任医师|副主任|主任|医师|教授|护士长))"
    r"(?=[^，,。；;、和及])"
)
_MORE_OF = re.compile(r"[^，,；;。]{2,40}?情况(?=[，,；;]|$|并)")
_HELD_AT = re.compile(r"在(?P<place>[^，。；！？、]{2,12}?)(?:隆重|正式|顺利)?(?:召开|举行|举办)")
# 2023年以来, 近年来, 多年来: a period, as a review or a feature opens.
_PERIOD = re.compile(r"(?:\d{4}年|今年|近年|多年|年)以来|近年来|多年来")
_INVITED = re.compile(r"应(?P<host>[^，。；！？应]{2,30}?)(?:的)?(?:邀请|之邀)")
# 6月28日，考察组到达乌兰浩特后…: a sentence whose subject is the group, by its noun alone.
_GROUP_OPENS = re.compile(
    r"^(?:(?:\d{4}年)?\d{1,2}月\d{1,2}日|当天|次日|随后|上午|下午|[，,])*(?P<name>" + _DELEGATION_NOUN + r")(?:一行)?"
    r"(?=[^，。；]{0,4}(?:" + _GO + r"|先后|首先|还|实地|考察|调研))"
)
# 沈永刚对考察团一行表示欢迎, 冯宏军为调研团介绍了…: the hosts address the group by its noun.
_GROUP_ADDRESSED = re.compile(
    r"(?:对|向|为|给)(?P<name>" + _DELEGATION_NOUN + r")(?:一行)?(?=表示|介绍|汇报|致|详细|简要|重点)"
)
# 由内科医师杨玲，…中医科医师满运军所组成的: 所 before the verb is no part of the last name.
_FORMED_BY = re.compile(r"由(?P<people>[^。；！？：“”]{4,200}?)所?组成的")
# A team that comes to serve (医疗组, 义诊专家团, 支教团) rather than to inspect: its trip is
# of kind 其他 unless the report says it came to 考察 or 调研.
_SERVICE_TEAM = re.compile(r"医疗|义诊|支教|专家|医生|医师|教师|老师|学生|志愿")
_SERVING_BODY = re.compile(r"(?:医院|卫生院|学校|中学|小学)$")
# 常务副区长, 副旗长: a post of a level printed inside the title.
_LEVEL_POST = re.compile(r"(?<!自治)(?P<level>区|旗|盟|市|县|镇|乡)(?:委|长|政府|政协|人大)")
# …，代表团由区委书记刘东伟带队 / 刘东伟任团长: the leader in a later clause of the lead.
_LED_BY = re.compile(r"由(?P<leaders>[^，。；！？]{2,60}?)(?:带队|率队|领队|任团长)|(?P<l2>[^，。；！？]{2,60}?)任团长")
# What a trip is for, after an official's journey with no group named (…赴…调研).
_TRIP_PURPOSE = re.compile(r"考察|调研|对接|走访|慰问|看望|座谈|检查|督导|指导|交流|洽谈|签约")
# A principal post: 书记, 主席, 市长 … printed without 副 before it.
_PRINCIPAL = re.compile(r"(?:^|、|[^副])(?:书记|主席|市长|区长|旗长|盟长|县长|镇长|乡长|主任|局长|院长|校长)(?:、|$)")
_MEMBERS_LEAD = re.compile(r"^[，,、]?(?:组织|带领|率领|率)?")
# 北京世纪坛医院院长徐建立、书记李天佐…, 鼓楼中医院副院长闫志刚、医务部主任孙波: a hospital's or a
# school's head leads alone; its party secretary and its department heads go with them (区委书记
# and 区长 both lead a district's delegation).
_UNIT_HEAD = re.compile(r"(?:院长|校长)$")
# 带队老师, 领队: a post that says its holder leads the group.
_LEADER_POST = re.compile(r"(?:带队|领队)(?:老师|教师|领导|干部|医生)?$")
_BOTH_SIDES = re.compile(r"(?:两校|两院|两地|两区|双方|京蒙两地)")
# Sent to help Inner Mongolia: Beijing's people, wherever they serve.
_AIDING = re.compile(r"援蒙|帮扶(?:医务|医疗|专业技术)?人员")
_AS_AIDING_CORE = re.compile(r"作为[^，。；]{0,12}?(?:援蒙|帮扶(?:医务|医疗|专业技术)?人员)")
# 我区与北京市大兴区对接交流: a host's report names the visitors by their place alone.
_OURS_WITH = re.compile(
    r"(?P<host>我(?:区|旗|市|盟|县|镇|乡|苏木|街道))(?:[^，。；！？与同]{0,10}?)(?:与|同)"
    r"(?P<place>[^，。；！？与同在]{2,20}(?:区|旗|县|市|盟|镇|乡|街道))"
    r"(?=[^。；！？]{0,30}?(?:对接|交流|座谈|会谈|联席会|会议))"
)
# 我旗与西城区在北京召开联席会议: held in a place the report names, which may be the other side's.
_HELD_IN = re.compile(r"在(?P<place>[^，。；！？]{1,20}?)(?:召开|举行|举办)")
# A sentence of its own after the lead: 库伦旗委书记周明远，库伦旗委副书记、旗长王雅丽带队。
_LEADERS_ALONE = re.compile(r"^(?P<leaders>[^。；！？：“”]{2,200}?)(?:一同|共同)?(?:带队|率队)(?:[。！]?$|[，,])")
# 继4月8日北京市与内蒙古自治区签署…后，今天…: an earlier event the news follows on; a later
# sentence that opens with that date (4月8日，北京市党政代表团赴…) is its background, not the lead.
_EARLIER = re.compile(r"继(?:\d{4}年)?(?P<date>\d{1,2}月\d{1,2}日)[^。；！？]{2,120}?后")
_DATE_OPENS = re.compile(r"(?:\d{4}年)?(?:\d{1,2}月)?\d{1,2}日(?:上午|下午|晚上)?[，,]")
_OPENING_DATE = re.compile(r"^(?:\d{4}年)?(?P<date>\d{1,2}月\d{1,2}日)")
_LEAD_SCOPE = 8  # the lead is among the first sentences of the body
# A page's furniture before the body (site name, breadcrumbs, date and source lines, image file
# names, headlines) does not count towards them: only sentences that end as sentences do.
_BODY_SENTENCE_END = "。！？!?"
_TIME_WORDS = re.compile(
    r"^(?:(?:\d{4}年)?\d{1,2}月\d{1,2}日(?:(?:至|到|—|-)(?:\d{1,2}月)?\d{1,2}日)?|近日|日前|近期|"
    r"前不久|当天|当日|同日|次日|随后|随即|上午|下午|晚上|(?:考察|调研|访问|活动|对接)?期间|首先|之后|此后|接着|最后|"
    # 此外，学子们在…: one more thing they did; 另据了解，…: the reporter's aside before it.
    r"此外|另外|(?:另|又)?据(?:了解|悉|介绍)|"
    r"在[^，,。；在]{1,12}?期间|其间|由|的|[，,、])+"
)
# The page around the report: a time of day, 发布日期, 来源, 浏览次数.
_PAGE_HEADER = re.compile(
    r"\d{1,2}[:：]\d{2}|发布日期|发布时间|来源[：:]|浏览|阅读量|点击数|查看[：:]\s*\d|\d{4}-\d{1,2}-\d{1,2}"
)
_YEAR = re.compile(r"(?P<year>(?:19|20)\d{2})年")
# 2024年，石景山区安排…: a year that opens a clause is the time of what the clause tells.
_PLANNED = re.compile(r"计划|预计|力争|拟|将(?!近)")
_YEAR_CLAUSE = re.compile(r"(?:^|[，,。；;：:\s])(?P<year>(?:19|20)\d{2})年[，,]")
_VISIT_WORDS = re.compile(
    r"考察|调研|对接|参观|走访|来访|访问|慰问|签约|帮扶|协作|交流|义诊|支教|送教|送医|巡诊|培训|捐赠|研学|采风|写生|"
    # 开展医疗志愿实践活动, 暑期社会实践: volunteers' work is what a team comes to do too.
    r"志愿服务|志愿实践|社会实践"
)
_PURPOSE = re.compile(r"考察|调研|签约|签署|座谈|会议|联席会")
# 来我旗考察, 到我区调研: the report is the host's, who names its own place this way.
_OUR_PLACE = re.compile(r"我(?P<level>区|旗|市|盟|县|镇|乡|苏木|街道)")
# 艺术家们分别赴…, 代表团随后前往…: the group sent on to places, after the lead.
_GONE_ON_TO = re.compile(r"(?:分别|先后|随后|还|又)*(?:赴|前往|深入|来到)")
# 我校党委书记…, 我院院长…: a school or a hospital writing of itself.
# 校党委副书记, 校长, 校办主任: a school's (a hospital's) post as its own news prints it, the body unnamed.
_OWN_POST_AFTER_BODY = r"(?:党委|纪委|长|办|机关|工会|团委|副校长|副院长)"
_SCHOOLS_OWN_POST = re.compile(r"校" + _OWN_POST_AFTER_BODY)
# 校党委书记刘贵芹带队赴…: a school's own news names its posts by 校 alone, as 我校.
_OUR_BODY = re.compile(r"我(?P<kind>校|院)|(?:^|(?<=[，,\s]))(?P<post>(?P<short>校|院)" + _OWN_POST_AFTER_BODY + ")")
# The name such a body goes by: 呼伦贝尔学院, 乌兰察布市中心医院.
_OWN_BODY_NAME = {
    "校": re.compile(r"[\u4e00-\u9fff]{0,8}?(?:学院|大学|学校|中学|小学)"),
    "院": re.compile(r"[\u4e00-\u9fff]{0,8}?(?:医院|卫生院|学院|研究院)"),
}
# Words that name a side without a place of the region table: 京蒙 both; 来京, 首都 Beijing; 我旗,
# 我盟, 我苏木 Inner Mongolia (banners, leagues and sumu exist only there).
_SIDES_PAIRED = re.compile(r"京蒙|蒙京")
_BEIJING_WORD = re.compile(r"[来赴进在返抵]京|首都|北京")
_OUR_BANNER = re.compile(r"我(?:旗|盟|苏木)|内蒙")
# A post or a group of Inner Mongolia's own levels: 旗委书记, 盟行署副盟长, 苏木达, 嘎查书记.
_SEMICOLON = re.compile(r"[；;]")
# What a run of people is followed by when it is the subject of a clause: 等, a word of manner or
# time, or the verb (…主任郭峰提出了…, …副教授等从…提出…).
_RUN_FOLLOWS = re.compile(
    r"等|分别|先后|也|还|均|都|一同|一起|共同|就|围绕|从|对|向|为|在|提出|介绍|表示|汇报|作了|做了|进行|带来|针对|"
    r"应邀|受邀|亲自|深入|参加|出席|陪同|参与|列席"
)
# 我校定点帮扶地区科左后旗散都苏木党委书记: what the place is to the writer is no part of the post.
_WRITERS_PLACE = re.compile(r"^我(?:校|院|单位)(?:定点|对口)(?:帮扶|扶贫|支援)(?:地区|县|旗)(?=[\u4e00-\u9fff]{4})")
_ATTENDED_TALKS = re.compile(r"(?:参加|出席)了?(?:座谈|会谈)[。！]?$")
# 就…, 围绕…: what people talked of opens, up to the end of the clause.
_TOPIC_OPENED = re.compile(r"(?:就|围绕)[^，,；;。]*$")
_REMARKS_OPEN = re.compile(r"(?:表示|说|指出|强调|提到|回顾|介绍)[，,：:]")
_RUN_NOT_POST = re.compile(r"^(?:在|由|和|同|经|对|向|给|请|据|随)|在|与|就|一行")
_AFTER_RUN = re.compile(r"还有|以及|和|及|为|在|共同|一起|等(?!的)")
# 北京市回民医院医务科带队: a body that leads a team, named by its place.
_BODY_LEADS = re.compile(
    r"(?:^|[，,])(?P<body>[^，,。；！？“”]{2,30}?(?:医院|学校|大学|学院|中心|局|委|办|会|部|科|处))(?:带队|率队)"
)
# 旗政协党组书记, 盟委副书记: a post of a level only Inner Mongolia has, printed with no place before it.
_OWN_LEVEL_POST = re.compile(r"(?:旗|盟|苏木|嘎查)(?:委|政府|政协|人大|长|达|纪委|党委)")
_RECIPIENT_POST = re.compile(r"旗|盟|苏木|嘎查|自治区")
# A province, city or county by its level: 甘肃省, 天津市 (opening a post: 天津市南开区委书记), 庆城县.
# (副市长, 常务副县长 open with no place.)
_OUTSIDE_PLACE = re.compile(r"(?:(?!副)[\u4e00-\u9fff]){1,4}?(?:省|市|县)")
# A group named with its own place: 聊城市代表团, 房县党政考察团.
_PLACED_GROUP = re.compile(r"(?:对|欢迎)(?P<place>[\u4e00-\u9fff]{1,3}(?:省|市|县))(?:党政)?(?:代表团|考察团)")
# A town, township or village at the head of a stop's name, with more after it.
_SMALLER_PLACE = re.compile(r"^[\u4e00-\u9fff]{1,8}?(?:镇|乡|苏木|街道)[\u4e00-\u9fff]{2,}")
# Levels only Inner Mongolia has.
_RECIPIENT_LEVELS = ("旗", "盟", "苏木")

# --- regions ------------------------------------------------------------------------------

# A place the lexicon does not know, read by its ending; only at the start of a list of
# places, and never across words that show it is something else (考察京蒙协作产业园区).
_REGION_FALLBACK = re.compile(
    r"[\u4e00-\u9fff]{2,10}?(?:自治区|自治州|自治旗|自治县|省|市|盟|旗|县|区|镇|乡|苏木|街道|嘎查|村)"
    r"|(?!乡镇|城镇|村镇|集镇|小镇|城乡)[\u4e00-\u9fff](?:镇|乡)(?![镇村])"  # 新镇: one character before it
)
_NOT_A_REGION = re.compile(
    r"考察|调研|开展|对接|协作|帮扶|产业|园区|工作|参观|座谈|召开|举行|项目|企业|的|上述|以上|前述|两个|这些|各地|地区$|"
    # 北京市这六个区县: places counted, no place's name.
    r"^这|个(?:区|县|旗|市|盟|镇|乡)|"
    r"贫困|"  # 乌兰察布市贫困旗县: the poor banners, no banner's name
    r"大学"  # 北京大学城市与环境学院: a university's name, no city 大学城市 in it
)
_GROUP_SUBJECT = re.compile(r"[^，。；！？]{0,24}?" + _DELEGATION_NOUN + r"(?:一行)?")
# 经开区文联一行先后走进…: a body's people, by the body's name and 一行.
# 平谷区妇联此次一行还到…: the same group, this time.
_BODY_GROUP_SUBJECT = re.compile(r"[^，。；！？、“”]{2,24}?" + _BODY_NOUN + r"(?:此次|这次|本次)?一行")
_PLACE_MODIFIER = re.compile(r"[^，。；！？的]{1,10}的")
# …，先后深入…: a lead that goes on to its stops.
_LEAD_GOES_ON_TO_STOPS = re.compile(r"[，,]先后(?:深入|来到|走进|前往|到)")
# 我校定点扶贫县——: words about a place, then a dash and the place.
_APPOSED_PLACE = re.compile(r"[^，,。；！？—]{1,12}——")
_BODY_AFTER = re.compile(r"局|委|办|厅|院|校|司|所|站|馆|会|部|中心|公司|集团|医院|学校")
# Places of a route the table does not hold, each followed by its dash (甘其毛都-满都拉-).
_ROUTE_STOP = re.compile(r"[\u4e00-\u9fff]{2,6}?[-—]")
# 沿着包头-乌拉特中旗-二连浩特一线: the places of a route, joined by dashes.
_REGION_SEPARATOR = re.compile(r"以及|、|和|及|与|-|—")

# --- attendance ---------------------------------------------------------------------------

_ATTENDED = (
    r"(?:上述|有关|相关)?(?:活动|会见|会谈|座谈交流|交流座谈|座谈会?|会议|大会|考察调研|调研考察|考察|调研|调查|参观|走访|慰问|检查|视察|督导|"
    # 揭牌仪式, 启动仪式: a ceremony by what it marks; 开班和结业仪式: two sharing the noun.
    r"(?:[\u4e00-\u9fff]{2,4}(?:和|及|、))?[\u4e00-\u9fff]{0,4}仪式|交流会?|对接(?:活动|工作)?)"
    # 应邀出席交流活动: the event by what was done, then 活动.
    r"(?:(?<!活动)活动)?"
)
# 全程 and 一同 say how they took part; they are not people (…及全体成员全程参加); so does 先后, one
# after another (…副旗长李耀杰，副旗长白文杰等先后陪同调研).
_ATTEND_TAIL = re.compile(
    r"等?(?:应邀)?(?:分别|一同|共同|一起|全程|悉数|先后)?"
    # …秘书长张锐等陪同考察或参加座谈: one part or the other, the first said of them all.
    r"(?:(?P<either>参加|出席|陪同|随同)(?:" + _ATTENDED + r")?或)?"
    # …部分领导班子成员及相关职能科室主任迎接检查: the hosts who receive an inspection attend it.
    r"(?P<verb>参加|出席|陪同|参与|列席|参会|随同|随团|迎接(?=检查|考察|调研|督导|视察))了?"
    # …出席此次活动: the event of the report, named as this one.
    r"(?:本次|此次|上述)?"
    r"(?P<object>" + _ATTENDED + r"(?:(?:和|及|与|、)" + _ATTENDED + r")*)?(?:并(?:致辞|讲话|发言))?[。！]?$"
)
# …等专家参加了本次活动，并围绕…进行了交流: the list ends a clause, the sentence goes on.
# …鼓楼中医院副院长闫志刚、医务部主任孙波等领导悉数参加，共同见证…: after 等 the list may end with
# the verb alone.
_ATTEND_CLAUSE = re.compile(
    r"(?P<etc>等(?:领导|同志)?)?(?:分别|一同|共同|一起|全程|悉数|先后)?"
    # 校党委副书记、纪委书记曲雁，校党委副书记崔春花一同调研，…: who went along to do the work with the leader.
    r"(?P<verb>参加|出席|陪同|参与|列席|参会|随同|随团|一同(?=调研|考察))了?"
    r"(?:本次|此次|上述)?"
    r"(?(etc)(?:" + _ATTENDED + r"(?:(?:和|及|与|、)" + _ATTENDED + r")*)?|"
    # 北京市东城区政协副主席袁秀江出席，市委常委…介绍…: the verb alone, when the list is of people
    # each with a post and a name (checked where it is read).
    r"(?P<object>" + _ATTENDED + r"(?:(?:和|及|与|、)" + _ATTENDED + r")*)?)"
    # 行署副盟长孙振江出席会议并讲话，…主持会议: the list ends with its part, the sentence goes on.
    r"(?:并(?:致辞|讲话|发言))?(?=[，,])"
)
_ATTEND_MAX = 600
# 参加座谈的还有区委常委、副区长李四，…; 陪同考察的有…: who attended, named after the verb.
# 出席人员：…, 陪同领导：… (a report's list of names under its heading, `normalize.compacted` joins one
# laid out a person a line).
_ATTEND_HEAD = re.compile(
    # 我校陪同调研的人员有…: the writer's own body may open it.
    r"^(?P<own>我(?:校|院|区|旗|市|县|盟|局|委|办|会|部|厅|司|镇|乡|所|中心))?(?:一同)?"
    r"(?P<verb>参加|出席|陪同|参与)(?:[^，。；：“”]{0,8}?)"
    r"(?:的(?:领导|人员|同志)?(?:还|也)?有[：:]?|(?:人员|领导|嘉宾|名单)[：:])"
    r"(?P<people>[^。！“”]{2,400}?)(?:同志)?等?[。！]?$"
)
# …等有关单位领导同志: a group's label, 同志 and all (李四同志: the person).
_LIST_PEOPLE = r"(?P<people>[^。；！？：“”]{4,300}?)(?:(?<!领导)同志)?等?"
_GIVE = r"(?:颁发|赠送|授予|捐赠|赠予|颁授|递交)了?"
# 文化和旅游部…: a word of two to four characters opening a clause, then the 和 of a body's name.
_AND_INSIDE_BODY = re.compile(r"(?:^|[，,、；;：:])[\u4e00-\u9fff]{2,4}和$")
_CONGRESS_OR_CONFERENCE = re.compile(r"人大|政协")
_LISTS = (
    (
        "…等与…",
        re.compile(
            r"(?!在)"  # 在…陪同下 is the rule below
            + _LIST_PEOPLE
            # 北京地坛医院院长金荣华、…及临床专家就…与来访人员进行深入座谈交流: 就 opens what they talked of.
            + r"(?=(?:与|同|和|就[^，。；]{0,60}?[与同](?=来访|代表团|考察团|调研组|客人)|"
            r"(?P<with>一同|一起|共同|陪同)|分别|在|(?P<met>会见|会晤|接见|看望))[^。]{0,80}?"
            + r"(?:座谈|会谈|交流|考察|调研|会见|参观|走访|一行|代表团|考察团|调研组))"
        ),
        "",
    ),
    (
        "与…等就",
        re.compile(
            # 参与, 给与, 相同, 同志: the 与 or 同 inside a word joins no one.
            r"(?<![参给相共])(?:与|同(?!志)|和)"
            + _LIST_PEOPLE
            # …与宁城县负责人交换看法意见: whom views were exchanged with.
            + r"(?=(?P<with>一同|一起|共同|陪同)?(?:就|围绕|进行|的?座谈|会谈|交流|考察|调研|参观|出席|参加|交换))"
        ),
        "",
    ),
    ("由…带领", re.compile(r"由" + _LIST_PEOPLE + r"(?=带领|陪同|引领)"), "陪同"),
    # …一行十八人，日前访澳门妇女联合总会，受到妇联总会会长贺定一、理事长林婉妹…等的热情接待: those who received the
    # visitors were there.
    ("受到…接待", re.compile(r"受到" + _LIST_PEOPLE + r"的?(?=(?:热情|亲切|热烈|隆重)?(?:接待|欢迎|会见))"), ""),
    # 医疗专家团队由北中医三院副院长孙文军带队: who leads a group is no one who accompanies it (issue 14's
    # convention: 陪同 only where the text says so).
    ("由…带队", re.compile(r"由" + _LIST_PEOPLE + r"(?=带队)"), ""),
    # 张华一行来京，拜访了丰台区委书记王明: whom they called on.
    ("拜访…", re.compile(r"(?:拜访|拜会)了?" + _LIST_PEOPLE + r"(?=[，,。；;！]|$)"), ""),
    # 王明一行在旗委书记张华的陪同下，…; 会后，王明在区卫生健康委主任李劲涛陪同下，…
    ("在…陪同下", re.compile(r"在" + _LIST_PEOPLE + r"的?(?=陪同下)"), "陪同"),
    # 在海淀区卫计委主任李劲涛…等领导的指导下，…签订了…: the officials under whose guidance or
    # before whom something was done were there.
    ("在…见证下", re.compile(r"在" + _LIST_PEOPLE + r"(?:领导)?的?(?=(?:指导|见证|共同见证)下)"), ""),
    # 我院院长杜继臣与…人民医院院长马丹签订了…协议书: the two who signed. For whom each signed may
    # come between (…主任王鑫与…副局长尕玛求文分别代表石景山区教委和称多县教育局签订…), and the two may
    # be joined by 和 (…厅长黄雅丽和北京市教委一级巡视员王定东分别代表两地教育行政部门签订…).
    (
        "…与…签订",
        re.compile(
            r"(?:^|(?<=[，,]))(?P<people>[^，。；！？：“”与]{4,60}?[与和][^，。；！？：“”与]{4,60}?)"
            r"(?=(?:分别)?(?:代表[^，。；！？与]{2,30}?)?(?:共同|正式)?(?:签订|签署)了?)"
        ),
        "",
    ),
    # 阿拉达尔吐苏木党委副书记、苏木达刘正树向北京京盛时代购物中心总经理黄开宇颁发证书: the one who gives and the
    # one who receives were there.
    (
        "…向…颁发",
        re.compile(
            r"(?:^|(?<=[，,]))" + _LIST_PEOPLE + r"(?=(?:代表[^，。；]{1,30}?)?向[^，。；]{2,60}?" + _GIVE + ")"
        ),
        "",
    ),
    ("向…颁发", re.compile(r"向" + _LIST_PEOPLE + r"(?=" + _GIVE + ")"), ""),
    # 北京市委常委、常务副市长张工，…马继业在…副市长张爱冬的陪同下视察了…: those accompanied were there.
    ("…在…陪同下", re.compile(r"(?:^|(?<=[，,]))" + _LIST_PEOPLE + r"(?=在[^，。；]{2,60}?的?陪同下)"), ""),
    # 以自治区卫健委副主任隋晓杰为组长的…检查组: the head a group is named by.
    ("以…为组长", re.compile(r"以" + _LIST_PEOPLE + r"(?=为(?:首|组长|团长|队长)的)"), ""),
    # 由…付立新主任医师、杨克强副主任医师…组成的医疗组: the members of the group that travels.
    ("由…组成", re.compile(r"由" + _LIST_PEOPLE + r"(?=组成)"), ""),
    # 区文创家协会副主席吕立民、区曲艺家协会副主席兼秘书长王波等艺术家也分别…: people by their posts,
    # closed by what they all are, who took their part in the visit.
    (
        "…等艺术家也",
        re.compile(
            r"(?:^|(?<=[；;]))" + _LIST_PEOPLE
            + r"(?=等(?:艺术家|专家|教师|医生|医护人员|干部|代表)(?:也|还|分别|一同|共同))"
        ),
        "",
    ),
)

# --- meetings -----------------------------------------------------------------------------

_MEETING_NOUN = _MEETING_NOUN_TEXT
# 联席会议暨项目签约仪式: one meeting of two names, printed whole.
# …座谈会暨签约仪式, …座谈会及签约仪式: one event under two names is one meeting, named whole.
_MEETING_TITLE_END = _MEETING_NOUN + r"(?:[暨及][^，。；]{0,30}?" + _MEETING_NOUN + ")?"
_MEETING_RULES = (
    # 本次推介会是…首次…: an event the report names only as this one, by its noun.
    ("本次…会", re.compile(r"^(?:本次|此次)(?P<title>" + _MEETING_NOUN + r")(?=是|为|以|由|通过|在|共|吸引|旨在)")),
    (
        "在…召开的…会上",
        re.compile(
            r"在(?P<place>[^，。；]{1,40}?)(?:召开|举行|举办)的(?P<title>[^，。；]{0,40}?" + _MEETING_TITLE_END + ")上"
        ),
    ),
    (
        "…在…举行",
        re.compile(
            # “…对口支援揭牌仪式”在市医院隆重举行: the name may stand in quotation marks.
            r"(?P<title>[^，。；在]{1,60}?"
            + _MEETING_TITLE_END
            + r")[”」]?在(?P<place>[^，。；]{1,40}?)(?:隆重|正式|顺利|成功|盛大)?(?:召开|举行|举办)"
        ),
    ),
    ("在…会上", re.compile(r"在(?P<title>[^，。；]{0,60}?" + _MEETING_TITLE_END + ")上")),
    (
        "在…召开…会",
        re.compile(
            r"在(?P<place>[^，。；]{1,40}?)(?:召开|举行|举办|开展)了?"
            r"(?P<title>[^，。；]{0,60}?" + _MEETING_TITLE_END + ")"
        ),
    ),
    # 召开座谈会, not 召开的座谈会: that one is 在…召开的…会上, or a mere reference.
    ("召开…会", re.compile(r"(?:召开|举行|举办)了?(?!的)(?P<title>[^，。；]{0,40}?" + _MEETING_TITLE_END + ")")),
    # 随后召开的座谈会上，…: held then, with no place said.
    (
        "…召开的…会上，",
        re.compile(
            r"^[^，。；在]{0,12}?(?:召开|举行|举办)的(?P<title>[^，。；]{0,40}?" + _MEETING_TITLE_END + ")上[，,]"
        ),
    ),
    ("…会上，", re.compile(r"^(?P<title>[^，。；]{0,20}?" + _MEETING_TITLE_END + ")上[，,]")),
    # 座谈中，双方就…进行了深入交流: talks opened by the scene alone.
    ("座谈中，", re.compile(r"^(?P<title>座谈|会谈)(?:中|时)[，,]")),
    # 旗委书记王兴主持座谈会, 座谈会由旗长李强主持: the chair opens it; who is read from the start.
    ("主持…会", re.compile(r"主持(?:召开)?了?(?P<title>[^，。；]{0,40}?" + _MEETING_TITLE_END + ")")),
    ("…会由…主持", re.compile(r"^(?P<title>[^，。；由]{0,40}?" + _MEETING_TITLE_END + r")由[^，。；]{2,60}?主持")),
    # 京蒙协作工作推进会同日召开: a meeting named first, held with no place said; the day may come first
    # (12月2日，延庆区—兴和县东西部协作联席会召开，…).
    (
        "…会召开",
        re.compile(
            r"^(?:(?:\d{4}年)?\d{1,2}月\d{1,2}日(?:上午|下午|晚上)?[，,])?"
            r"(?P<title>[^，。；在]{1,60}?" + _MEETING_TITLE_END + r")(?:同日|当日|当天|随后|随即|同期)?"
            r"(?:隆重|正式|顺利)?(?:召开|举行|举办)"
        ),
    ),
    # 代表团出席了京蒙协作项目推介会: a meeting the visitors attended.
    # …抵达突泉县参加座谈会: a meeting of a kind, named by its noun alone.
    (
        "出席…会",
        re.compile(
            # …到我处回访交流。…处长郭雪萌…参加座谈: the talks, named by the verb alone.
            r"(?:出席|参加)了?(?P<title>[^，。；]{2,40}?" + _MEETING_TITLE_END
            + r"|座谈会|联席会议?|对接会|签约仪式|座谈|会谈)"
        ),
    ),
)
# Talks reported as a verb: 进行了深入座谈交流, 前往太平乡政府进行了座谈, 与来访团队座谈交流,
# 一同考察并座谈, 在呼和浩特会见. The title is the word as printed.
_TALKS = r"(?P<title>座谈交流|交流座谈|座谈|会谈|会晤|会见)(?![会上])"
_TALK_RULES = (
    (
        "进行座谈",
        re.compile(
            r"(?:(?:前往|来到|到|赴)(?P<place>[^，。；、]{2,20}?))?(?:进行|开展|举行)了?(?:深入|亲切|友好|简短|工作)?的?"
            + _TALKS
        ),
    ),
    ("在…会见", re.compile(r"在(?P<place>[^，。；、]{2,20}?)(?:亲切)?" + _TALKS)),
    ("与…座谈", re.compile(r"(?:与|同|和)[^。；！？]{1,120}?(?:深入)?" + _TALKS)),
    # 在满都拉口岸，调研团考察了…，并与林草、边检、海关等部门及能源企业座谈: talks at a stop with its
    # bodies (部门, 政府, 企业, 管委会 …) are a meeting held there; with people (支教教师) they are part
    # of the visit.
    (
        "在…与…部门座谈",
        re.compile(
            r"^在(?P<place>[^，。；、]{2,20}?)[，,][^。；！？]{0,80}?(?:与|同)[^。；！？]{1,60}?"
            r"(?:部门|企业|政府|管委会|局|委员会|单位|公司)(?:深入)?" + _TALKS
        ),
    ),
    ("并座谈", re.compile(r"并" + _TALKS)),
    # 北京市政府副秘书长韩耕主持座谈: talks someone chairs, as 主持座谈会 is a meeting they chair (after a
    # 座谈会 was told, …参加座谈。苏木党委书记赖智广主持座谈: that one's chair).
    ("主持座谈", re.compile(r"主持(?:召开)?了?" + _TALKS)),
    # 在座谈交流中，两地文联代表围绕…进行了深入探讨: talks told as the scene of what was said there.
    ("在座谈中", re.compile(r"(?:^|[，,])在(?P<title>座谈交流|交流座谈|座谈)(?:中|时|期间|过程中)[，,]")),
    # 市委书记王莉霞…会见付兆庚一行，就…交换了意见: receiving the group is a meeting too.
    ("会见…一行", re.compile(r"(?P<title>会见|会晤|接见)(?=[^，。；]{1,40}?一行)")),
)
_TALK_NOUN_RE = re.compile(r"座谈|会谈|会晤|会见")
_MEETING_NOUN_RE = re.compile(_MEETING_NOUN)
_MEETING_KINDS = (
    # 联席座谈会 is a joint meeting held as talks: the joint meeting is what it is.
    ("联席", MeetingKind.JOINT),
    ("座谈", MeetingKind.SYMPOSIUM),
    ("签约", MeetingKind.SIGNING),
    ("签字", MeetingKind.SIGNING),
    ("座谈会", MeetingKind.SYMPOSIUM),
    ("对接会", MeetingKind.MATCHMAKING),
    ("洽谈会", MeetingKind.MATCHMAKING),
)
# 扎赉特旗人力资源和就业服务中心与唐山梦牌瓷业有限公司: two parties, not a venue (和 is left out:
# 呼和浩特, 和林格尔).
_PARTIES = re.compile(r"[^与同]{2,}(?:与|同)[^与同]{2,}")
_TIME_PLACE = re.compile(r"^(?:随后|当天|当日|同日|次日|随即|上午|下午|晚上|会前|会后|\d{1,2}月\d{1,2}日)+")
# A venue or title that itself contains 召开 is a misread run of text, not a meeting.
_NOT_A_VENUE = re.compile(r"召开|举行|举办")
# 一场意义非凡的合作签约仪式: what is said of the event after 一场 is no part of its name.
# 自今年9月17日，赵凤华校长来到五中分校参加课程推进会后，…: what happened before, told as the time
# from which the report counts.
_EARLIER_CLAUSE = re.compile(r"自[^。；！？]{2,60}?后[，,]")
_TITLE_JUNK = re.compile(r"^(?:了|一场|一次|的|了一场|了一次)+(?:(?<=场|次)[^，。；“”的]{1,8}的)?")

# --- speakers -----------------------------------------------------------------------------

_SPEECH_VERB = re.compile(
    r"(?:分别|先后|也|还|则|随后|首先|最后|一致)?(?:在[^，。；]{0,24}?(?:上|中|时)|接受[^，。；]{0,24}?采访时)?"
    # 代表旗委、旗政府致辞, 代表…发表致辞: whom they spoke for.
    # 张凤阳代表京能集团介绍了…: whom a briefing is given for, as a speech (not 向代表团介绍了…, told to a group).
    r"(?:代表(?![团队处])(?P<behalf>[^，。；]{1,30}?)(?=(?:发表|作了?)?(?:总结|重要|主旨|专题|即席)?(?:致辞|讲话|发言)|介绍了|汇报了|通报了))?"
    r"(?:(?:发表|作了?)(?:总结|重要|主旨|专题|即席)?(?=致辞|讲话|发言))?"
    r"(?P<verb>介绍说|介绍了|介绍|讲述了?|讲解了?|汇报了|汇报|通报了|通报|作了?(?:讲话|发言|致辞)|讲话|致(?:欢迎|答谢)?辞|发言|"
    r"表示|强调|指出|主持|"
    # 孙军民表明，…; 杜汇良意味着…: 表示 as a repost spun word by word with a synonym machine prints it.
    r"表明(?=[，,：:])|意味着(?![，,])|"
    r"说(?=[，,：:。！]|$)|(?:希望|要求|提出|建议|表态|提到)(?=[，,：:])|(?:告诉|对)记者(?:说|表示)?|"
    # 副院长周虎教授建议多伦县结合资源禀赋开展试点: advice given to someone, told with no comma.
    r"建议(?![的书人稿案权])(?=[\u4e00-\u9fff])|"
    # 杨烁要求北京市文化和旅游局有关处室要推出…: an instruction told with whom it is for, no comma.
    r"要求(?=[^，,。；：:“”]{2,40}?要(?!求))|"
    # 对下一步协作提出三点要求：…
    r"(?:对[^，。；]{1,30}?)?提出了?(?:[一二三四五六七八九十几两]点)?(?:要求|希望|建议|意见)(?=[，,：:]))"
)
# 镇长王德祥就新镇总体情况…进行了详细介绍: a speech on a topic (its point is the topic, `_TOLD_ON`).
# 宋宇，郑宜平对前一阶段…情况进行了总结: a summing-up of what was done (only 总结 after 对, as 对…
# 进行了介绍 reads the object, not the speech).
_ON_TOPIC = re.compile(
    r"(?:就|围绕|对)[^。；]{1,100}?(?:进行了?|作了?)(?:详细|全面|简要|重点|深入)?的?(?P<verb>介绍|汇报|说明|讲话|发言)|"
    r"对[^。；]{1,60}?(?:进行了?|作了?)(?:全面|简要|认真)?的?(?P<summed>总结)"
)
_VERB_KINDS = (
    ("介绍", SpeechKind.BRIEFING),
    ("讲述", SpeechKind.BRIEFING),  # 为大家讲述了…的校史: what they told of
    ("讲解", SpeechKind.BRIEFING),
    ("汇报", SpeechKind.BRIEFING),
    ("通报", SpeechKind.BRIEFING),
    ("表示", SpeechKind.REMARK),
    ("表明", SpeechKind.REMARK),
    ("意味着", SpeechKind.REMARK),
    ("说", SpeechKind.REMARK),
    ("嘱咐", SpeechKind.REMARK),  # an instruction given to someone leaving, as 嘱托
    ("提到", SpeechKind.REMARK),  # 局长徐浩涛提到，…: what was said, as 表示
    ("记者", SpeechKind.REMARK),  # 马新明告诉记者，…: what he told the press is a remark
    ("强调", SpeechKind.EMPHASIS),
    ("要求", SpeechKind.EMPHASIS),
    ("希望", SpeechKind.REMARK),
    ("提出", SpeechKind.REMARK),
    ("建议", SpeechKind.REMARK),
    ("表态", SpeechKind.REMARK),
    ("主持", SpeechKind.CHAIRING),
)
# Between a speaker's name and what they did: 孙绍骋首先对…, 王有国也表示.
# …田仲成围绕产业发展、项目建设…等多个方面汇报了…情况: the aspects between the speaker and the verb.
_AROUND_THEN_BRIEFS = re.compile(
    r"(?P<who>[^，。；：“”]{2,40}?)(?:围绕|从)[^。；：“”]{2,80}?(?:等)?(?:多个|几个|[二三四五六七八九十两几]个)?方面"
    r"(?:详细|系统|全面|重点)?(?P<verb>介绍|汇报|通报|阐述|讲述)了"
)
_SPEAKER_ADVERB = re.compile(
    r"(?:首先|也|还|则|随后|最后|同时|再次|分别|先后|一致|详细|简要|重点|全面|系统|高兴地|激动地|动情地|感慨地|自豪地|欣喜地|笑着|深有感触地)+$"
)
# 我校派往西浩来艾勒嘎查担任第一书记的徐泽敏汇报了…: someone told by the post they were sent to hold.
_SERVING_AS = re.compile(r"^[^，。；]{0,30}?担任(?P<post>[\u4e00-\u9fff]{2,20}?)的(?P<name>[\u4e00-\u9fff·]{2,6})$")
# 据内蒙古卫健委主任许宏智介绍，…: the reporter's attribution before the speaker is no part of the post.
_ACCORDING_TO = re.compile(r"^(?:另|又)?据")
# The body in a post printed without a name: 卫生计生局副局长, 教育局局长, 人民医院院长.
_UNIT_IN_POST = re.compile(r"局|厅|办|院|校|中心|公司|医院|学校")
# …领导从旗、市两个层面（分别介绍）, …医生作为援蒙医生代表向领导（表态）: how or as whom they
# spoke. Kept apart from the adverbs: no repetition around its free parts, so a long name costs
# a bounded try at each position.
_SPEAKER_ROLE = re.compile(
    r"(?:从[^，。；从]{1,12}?(?:层面|方面|角度)|作为[^，。；作]{1,20}?代表(?:向[^，。；向]{1,10})?)$"
)
# 李红老师为当地学生做了一堂“…”讲座，介绍了…: a lecture, told by what it told of.
_LECTURE = re.compile(
    r"(?:为|给|向)[^，。；“”]{1,30}?(?:做|作|开展|举办|上)了?(?:一堂|一场|一次|一节)?"
    r"(?:“[^“”]{1,40}”|[^，。；“”]){0,40}?(?:讲座|报告|课)[，,]并?(?P<verb>介绍了|讲解了|讲述了|分享了)"
)
# 邀请…所长马宇从X、Y以及Z等方面作了系统辅导: a lecture told by the fields it covered, each the point.
_FROM_ASPECTS = re.compile(
    r"从(?P<point>[^。；！？从]{2,200}?方面)(?:作了?|做了?|进行了?)(?:系统|详细|深入|全面|专题|精彩)?的?"
    r"(?:辅导|讲解|解读|授课|讲座|报告|宣讲)"
)
_INVITED_SPEAKER = re.compile(r"^(?:特邀|邀请了?|请来了?)")
_LECTURE_RULES = ("…讲座，介绍了", "以“…”为题授课", "从…方面作了辅导")
_LECTURE_TOLD_END = re.compile(r"[，,。；;！？!?…]|\.{2,}")
_TITLED_TALK = re.compile(
    r"以[“「](?P<topic>[^“”「」]{2,60})[”」]为题(?:[^，。；“”]{0,30}?)"
    r"(?:授课|讲课|作了?(?:一场|一次)?(?:专题)?(?:讲座|报告|辅导|宣讲)|做了?(?:一场|一次)?(?:专题)?(?:讲座|报告|辅导|宣讲)|讲授)"
)
# After a speech told as a noun (致辞, 讲话), the narration goes on: no words of theirs follow.
_NO_WORDS_AFTER = re.compile(r"[，,](?:随后|之后|接着|然后|同时|会上|仪式上)")
# 旗委书记王明向代表团（介绍了…）, 潘书记热情地为大家（讲述了…）: whom they told of something.
# Only before a briefing: 向…表示欢迎 is a remark whose point starts at 向.
# 柳老师在百忙之中向一中教师们（介绍…）: when they told it, before whom.
_AUDIENCE = re.compile(
    r"(?:在[^，。；在]{1,8}?(?:之中|之余|期间))?(?:[^，。；向为给地]{2}地)?(?:向|为|给)[^，。；向为给]{1,12}$"
)
_CHAIR_OPENS = re.compile(r"[^，,。；;]{2,40}?主持(?:召开)?了?(?:座谈|会谈|[^，,。；;]{0,40}?会议?)[，,]")
_CHAIRED_BY = re.compile(r"[^，。]{0,20}?由(?P<who>[^，。]{2,60}?)主持")
# 耿天良主持座谈会，并在讲话中指出，…: the chair then speaks, in the same sentence, with no name
# again; what follows the verb is the speech.
_CHAIR_THEN_SPEAKS = re.compile(
    r"[，,]?并(?:在(?:讲话|致辞|发言)中|(?:发表)?(?:讲话|致辞)[，,](?:他|她)?)?(?P<verb>指出|强调|表示|要求)[，,：:]"
)
# …一行先后深入…: what the named subject did, before what they said in the same sentence.
_DID_THEN = re.compile(r"(?:一行)?(?:先后|还|也|随后|实地)*(?:深入|参观|考察|调研|走访|来到|察看|听取|了解)")
_SUBJECT_THEN_SAYS = re.compile(r"[，,]并(?P<verb>表示|指出|强调)[，,：:]?(?=[^，。；]{4})")
# 介绍了…, 汇报了…: a briefing told by its objects (not 介绍说, whose words follow).
_OBJECT_BRIEFING = re.compile(r"(?:介绍|汇报|通报|讲述|讲解|阐述)了$")
# …，阐述了…, …，分享了…: the next thing the same briefing told of.
_MORE_BRIEFED = re.compile(r"(?:并|还|同时|又)?(?:重点|详细|简要|系统)?(?:介绍|汇报|通报|讲述|讲解|阐述|分享)了")
# 黄彦峰就巴林右旗基本情况…进行了汇报, …，并就需要协调的重点问题进行了说明: what was reported on is
# the point, not the verb (the corpus's convention 5).
# 介绍了X，并向平谷给予…支持表示感谢: thanks joined to a briefing by 并 are a point of their own, with
# their verb (convention 1).
_JOINED_THANKS = re.compile(
    r"并(?P<thanks>(?:对|向)[^，,。；;“”]{1,80}?表示(?:衷心|诚挚|热烈|真诚|由衷)?的?(?:感谢|欢迎|谢意))(?=[，,。；;！]|$)"
)
_TOLD_ON = re.compile(
    r"(?:并|还|同时|又)?(?:就|对)(?P<object>[^，,。；;：:“”]{2,100}?)(?:进行了?|作了?|做了?)"
    r"(?:详细|全面|简要|重点|深入)?的?(?:介绍|汇报|说明)(?=[，,。；;！]|$)"
)
_BRIEFED_THROUGH = re.compile(
    r"通过(?P<who>[^，。；“”]{2,40}?)的(?:讲解|介绍)[，,][^，。；]{0,12}?了解(?:到|了)(?P<point>[^。；！？]{4,})"
)
# 展位边的内蒙工作人员: where they stood, then what they do, with no body named between.
_WHERE_STANDING = re.compile(
    r"^[^，。；的]{1,8}(?:边|旁|前|里|内|上)的[^局委办厅院校司所站馆会部中心公司集团医院学校]{0,6}"
    r"(?:工作人员|人员|群众|市民|游客|顾客)$"
)
# 介绍对口协作工作情况，并…: the state of something, told without 了.
_STATE_TOLD = re.compile(r"[^，,。；;：:“”]{2,40}?情况(?=[，,。；;]|$)")
# 在介绍过程中，他重点阐述了…: the same briefing going on, in the next sentence.
_BRIEFED_AGAIN = re.compile(
    r"(?:在[^，,。；]{1,12}?(?:中|时)[，,])?(?:他|她)?(?:还|也|又|同时)?(?:重点|详细|简要|系统|进一步)?"
    r"(?:介绍|汇报|通报|讲述|讲解|阐述|分享)了"
)
_STATE_OF = re.compile(r"(?:建设|发展|运营|运行|生产)(?:进展)?情况$")
_THANKS = re.compile(
    # …对保定…的大力支持和无私援助表示诚挚感谢: how much, between 表示 and the thanks.
    r"(?:代表[^，。]{1,30}?)?(?:(?:对|向)[^。]{1,80}?表示(?:衷心|热烈|诚挚|真诚|由衷|深深|崇高)?的?"
    r"(?:感谢|欢迎|祝贺|慰问|谢意|敬意)|"
    # 车苇歆首先表达了…对丹江口市…做出的巨大牺牲表示感谢: thanks expressed (表达了…感谢, …谢意, …敬意);
    # 李招军校长向各位来访的代表团领导表达了热烈的欢迎: to whom, before it.
    r"(?:(?:对|向)[^。]{1,80}?)?(?:首先)?表达了?[^。]{1,80}?(?:感谢|谢意|敬意|欢迎)|"
    # 刘荣山热忱欢迎王力军一行，感谢…: how warmly is part of the welcome.
    r"(?:热忱|热情|热烈|衷心|诚挚|真诚)?(?:感谢|欢迎)|希望(?=[^，。；]{4})|"
    # 王明充分肯定了…，他指出，…; 对…给予充分肯定; 对…的做法高度赞赏和认同
    r"(?:充分|高度)肯定了?|(?:对[^。]{1,60}?)?给予了?(?:充分|高度)?肯定|(?:对[^。]{1,60}?)?(?:高度|充分)(?:赞赏|认同|评价))"
)
# 开幕式上，X表示…: a scene that is not one of the meetings, before the speaker.
# 会上，还举行了…仪式; 现场还举行了…: what is held where a meeting sits, during it.
_DURING_MEETING = re.compile(
    r"(?:^|[，,。])(?:现场|会上|会议上|会间|会议期间)[，,]?(?:还|同时|并|也)*(?:举行|举办)了?$"
)
_SCENE = re.compile(r"(?:会上|会议上|座谈中|会谈中|开幕式上|启动仪式上|仪式上|活动上|活动中)[，,]")
_POST_SAYS = re.compile(r"^(?P<post>[\u4e00-\u9fff]{2,6}?)(?:还|也|同时)?(?:表示|指出|强调|说)[，,：:]")
_PRONOUN = re.compile(r"^(?:他|她)(?:还|也|同时)?(?P<verb>表示|指出|强调|说|介绍)")
DOUBT_PRONOUN = "报道写“{pronoun}”，按前一句的主语推断为{name}"
# Sentences that are the reporter's or the meeting's, not the last speaker's.
_NARRATION = re.compile(
    r"^(?:(?:座谈会?|会议|仪式|活动|座谈)?(?:结束)?后[，,]|会后|会前|此次|此前|期间|据悉|据了解|另悉|"
    # 第二天，一中教师们…: the next day is the report's narration again.
    r"活动期间|考察期间|当天|次日|翌日|第[二三四五六七八九十]天|(?:\d{4}年)?\d{1,2}月\d{1,2}日[，,]|"
    # 双方在开展…工作中围绕…交流学习: what both sides did, told by the report (双方将…, 双方“强强联合”… may be the
    # speaker's own words).
    r"会议(?:强调|指出|要求|认为|明确)|双方(?:一致)?(?:表示|认为|同意|商定|约定)|双方(?:在|围绕|就|还|共同|进行))"
)
# “多亏…专家们了！”张城老人说。 — someone else's words, told after them, end the last speaker's too.
_SOMEONE_SAYS = re.compile(r"^(?![他她]|我们|大家)[^，。；！？“”]{2,30}?(?:表示|说|指出|强调)(?:[，,：:]|[。！]$)")
_AFTER_MEETING = re.compile(r"^(?:会后|(?:座谈会?|会议|联席会议?)结束后)[，,]")
_BODIES_SENT = re.compile(
    # One body, then more after a mark: no two ways to cut the same text (linear, not exponential).
    r"[^，。；、和及]{1,20}?" + _BODY_NOUN
    + r"(?:(?:、|和|及|以及)[^，。；、和及]{1,20}?" + _BODY_NOUN + r")*(?:一行\d+人)?"
    r"|(?:部分|全体|有关|相关)[^，。；、]{0,8}?(?:委员|代表|干部|教师|医生|专家|企业家)(?:一行\d+人)?"
)
# 带领所属各协会艺术家近20人走进…, 带领国别和区域研究专业及亚非语言文学专业研究生，沿着…: the people
# taken along, told by what they are (the noun of people at the end), one group as printed; a head
# count after them (近20人, 一行12人, 30余人) is how many, no part of who.
# …等一行30余人, …一行: the count of a group after its members, not one of them.
# 政协机关相关人员及部分苏木镇联络办、社区书记: an unnamed group, then more joined by 及.
_JOINED_GROUPS = re.compile(r"(?P<first>[^，。；、及]{2,30}?)(?:以及|及)(?P<rest>[^，。；]{2,40})")
_GROUP_COUNT = re.compile(r"等?一行(?:(?:近|约|共)?(?:\d+|[一二三四五六七八九十百两]{1,4})(?:多|余)?(?:人|名|位))?$")
# 妇女就业发展促进会成员、童行亲子志愿家庭: kinds of people, each ending with what its people are.
_MEMBER_KIND = r"(?:成员|会员|家庭|代表|干部|负责人|负责同志|专家|教师|志愿者|学生)"
_KINDS_OF_PEOPLE = re.compile(
    r"[^，。；、和及\d]{2,30}?" + _MEMBER_KIND + r"(?:、[^，。；、和及\d]{2,30}?" + _MEMBER_KIND + r")+"
)
_PEOPLE_KIND = (
    r"(?:艺术家|书画家|作家|企业家|专家|学者|教授|医生|医师|医护人员|护士|教师|老师|学生|研究生|大学生|同学|师生|"
    r"志愿者|骨干|干部|委员|代表)"
)
_COUNTED_AFTER_BODIES = re.compile(
    r"(?:以及|及|和)" + PEOPLE_COUNT + r"(?P<who>[\u4e00-\u9fff]{0,8}?" + _PEOPLE_KIND + r")$"
)
_DESCRIBED_PEOPLE = re.compile(
    r"(?P<who>[^，。；！？：“”、\d了的]{2,40}?" + _PEOPLE_KIND + r")"
    r"(?:一行)?(?:(?:近|约|共)?(?:\d+|[一二三四五六七八九十百两]{1,4})(?:多|余)?(?:人|名|位))?"
)
# 当地新海中学的二十余位同学身着…, 北京市第二十七中学、北京市第一六六中学的部分师生，与来自…的师生们，结成了…,
# 房山区赴内蒙古突泉县的7名教师和赴内蒙古察右中旗的7名教师分两批…出发: people told by whose they are and how
# many (or which part), as the subject of a sentence — one group as printed each.
_OWNED_PEOPLE = (
    r"(?:来自)?(?![这那该此本])[^，。；！？：“”的了]{2,40}?的"
    r"(?:(?:\d+|[一二三四五六七八九十两几数百]+)(?:多|余)?(?:位|名)|部分|全体)?[^，。；！？：“”的\d了]{0,4}?"
    + _PEOPLE_KIND
    + r"们?"
)
_OWNED_GROUPS = re.compile(
    r"(?P<a>" + _OWNED_PEOPLE + r")(?:[，,]?(?:与|和|同)(?P<b>" + _OWNED_PEOPLE + r"))?"
    r"(?=[，,]|(?:分别|一起|共同|分\S批|身着|为|向|与|从|在|来到|前往|赴|参加|结成))"
)
# 北京市每年选派100人以上的党政干部: a clause of what is done with people, no group that was there.
_NOT_OWNER = re.compile(r"选派|派出|组织|安排|每年|计划|迎来|参加|出席|接待|看望|慰问|召开|举行")
# What tells such a group apart from a phrase about people: a count, a part, where they came from, 们.
_OWNED_MARK = re.compile(r"\d|[一二三四五六七八九十两几数百]+(?:多|余)?(?:位|名)|部分|全体|^来自|们$")
# 研学团抵达海拉尔后，…, 9月3日早上4点30分起，…: a clause of when, before the sentence's subject.
_PART_COUNT = re.compile(r"(?P<count>\d+)(?:位|名)(?P<kind>" + _PEOPLE_KIND + r")")
_WHEN_CLAUSE = re.compile(r"[^，。；！？]{0,30}?(?:后|时|起|之际|期间)[，,]")
_CHARGE = re.compile(r"[，,]并?(?:提出|作出)?了?(?:殷切|深情|热切)?(?:嘱托|寄语)[：:](?=“)")
_POST_AFTER_SUBJECT = re.compile(r"(?:副)?(?:书记|区长|旗长|盟长|县长|市长|主席|主任|局长|院长|校长|部长|镇长|乡长)")
_SAID_IN = re.compile(r"在(?:讲话|致辞|发言|报告)中(?=[^，。；]{2})")
# A new paragraph goes on with the last speaker when it reads as their words: a quotation, the
# next of their points (一是…, 要…, 推动…, 加大…: what is to be done), what they or their side
# will do (我们…, 将…, 下一步…).
_SPEECH_PARAGRAPH = re.compile(
    r"^(?:[“「]|[一二三四五六七八九十][是要]|第[一二三四五六七八九十]|首先|其次|再次|最后|同时|此外|另外|"
    r"要|将|希望|我们|下一步|今后|未来|接下来|"
    r"推动|推进|加大|加强|加快|持续|围绕|深化|坚持|着力|聚焦|积极|进一步|全力|强化|完善|提升|做好|抓好|"
    r"扎实|切实|不断|努力|共同|携手|发挥|巩固|拓展|拓宽|深入|继续|用好|探索|建立|健全|打造|优化)"
)
# A new paragraph that opens with what the reporter tells (据介绍…, 两地还签署…, …位于…) is not
# the last speaker's, whose points may otherwise run on (推动…。加大…。).
_REPORTERS = re.compile(r"^(?:据|另据|记者|两地还|双方还|[^，。；]{2,12}(?:位于|地处|总面积|辖))")
# In the speaker's own paragraph, 此次两院“牵手”，既是… is still what they said.
_SPEECH_GOES_ON = re.compile(r"^(?:此次|此前)")
_CLAUSE_END = re.compile(r"[，,。；;]")
_AFTER_QUOTE = re.compile(r"[”」](?=这|此)")
# “自2018年起，…目标”。马新明说。 A quotation, then who said it in a sentence of its own.
# A quotation may quote a name inside it (…很特别，“十四冬”体育赛事，…).
_QUOTED_TEXT = r"(?:[^“”「」]|[“「][^“”「」]{1,20}[”」]){4,}"
_QUOTE = re.compile(r"^[“「](?P<quote>" + _QUOTED_TEXT + r")[”」][。！，,]?$")
# …主治医师曲金宁耐心跟老人说: how they said it and to whom, between who said it and the verb.
_TO_WHOM = r"(?:(?:[\u4e00-\u9fff]{1,3}地|耐心|笑着)?(?:跟|对|向)[^，。；！？“”]{1,8}?)?"
_SAID_ALONE = re.compile(r"^(?P<who>[^，。；！？“”]{2,40}?)" + _TO_WHOM + r"(?:说|表示|指出|强调|嘱咐道?)[。！]?$")
# “…责无旁贷。”张海峰说，近年来，…: who said the quotation, going on to say more.
_SAID_THEN_MORE = re.compile(r"^(?P<who>[^，。；！？“”]{2,40}?)" + _TO_WHOM + r"(?:说|表示)[，,：:]")
# “…造福当地居民”，赵海燕书记嘱咐道。 The quotation and who said it, in one sentence.
_QUOTE_THEN_SAID = re.compile(
    r"^[“「](?P<quote>"
    + _QUOTED_TEXT
    + r")[”」][，,]?(?P<who>[^，。；！？“”]{2,40}?)"
    + _TO_WHOM
    + r"(?P<verb>说|表示|指出|强调|嘱咐道?)[。！]?$"
)
# A quotation of several sentences: it opens one and closes a later one of the paragraph.
_QUOTE_OPENS = re.compile(r"^[“「][^“”「」]{4,}$")
_QUOTE_CLOSES = re.compile(r"^[^“”「」]*[”」][。！，,]?$")
# …发表致辞，他表示，这次义诊…: the point starts after the pronoun's verb; 王芳书记致辞，她对…表示热烈欢迎:
# after the pronoun.
_BODY_START = re.compile(
    r"[了，,：:\s]*(?:(?:他|她)(?:还|也)?(?P<said>表示|说|指出|强调)[，,：:]?|(?:他|她)(?=对|向))?"
)

# --- site visits --------------------------------------------------------------------------

_VISIT_VERB = re.compile(r"了解|察看|查看|考察|参观|调研|看望|慰问|走访|观摩|听取|询问|视察|体验|感受|学习")
_CAMPUS_OF = re.compile(r"的(?:校园|园区|厂区)$")
# 参观考察了…, 走访调研了…: two verbs as one.
_MOVE = re.compile(
    # 深入调研了…, 深入考察了…: 深入 as how, the second verb as what.
    r"(?P<verb>(?:参观|考察|调研|走访|视察|深入)(?:考察|调研|参观|走访)|"
    # 调研团首站抵达包头稀土博物馆: arriving at a place that is no region is a stop.
    r"走进|来到|深入到|深入|前往|赶赴|走访|参观|考察|察看|调研|视察|观摩|抵达|到(?!达)|赴|"
    # 看望慰问库伦镇三家子嘎查村脱贫户和监测户: the village of the households called on (`_SETTLEMENT`).
    r"(?:看望|走访)?慰问|看望)了?"
    # 参观完校园，潘书记…: a stop done with tells when what follows happened, no stop of its own.
    r"(?!完|毕)"
)
_VERB_IN_PLACE = re.compile(
    r"(?:进行了?)?(?:实地|详细|现场|深入|全面|入户)?(?:察看|查看|了解|考察|调研|参观|观摩|看望|慰问|走访|开展)|"
    # 走进故宫博物院、圆明园进行沉浸式游览: what they did there, however it is qualified.
    r"进行[^，。；、]{0,6}?(?:游览|参观|体验|交流|学习|研学)"
)
_AT_PLACE = re.compile(
    r"在(?P<place>[^，。；、]{2,40}?)(?=(?:实地|详细|现场|深入)?(?:考察|调研|参观|察看|了解|视察|观摩)|"
    # 学子们在生存岛参加了社会实践活动: an activity they took part in there.
    r"(?:参加|开展)了?[^，。；]{1,12}?活动)"
)
_CLAUSE_MOVE = re.compile(
    r"[，,；;](?:并|还|又|随后|之后|再|先后|实地|便|迅速|随即)*(?=走访|参观|来到|前往|赶赴|走进|深入|考察了|察看了)"
)
# What a stop was for when the report says only that it was one: 等地实地调研 names no subject.
_GENERIC_SEEN = re.compile(
    r"^(?:进行了?)?(?:实地)?(?:调研|考察|参观|走访|调研考察|考察调研|参观考察|调研走访)+(?:[，,]|$)"
)
_NEXT_ROUND = re.compile(r"(?:随后|之后|接着|然后|再)")
_OTHER_ROUND = re.compile(r"(?:并|还|又|随后)?(?:走访|看望|慰问|参观|考察|调研|察看|来到|前往)")
# What was seen goes on in clauses that say more of it (…情况，并听取…介绍); a clause that says
# what came of it (在…方面达成一致) or what was done next is not part of it.
# 通过…的讲解，…; 通过影像资料及科研成果展示，…: the means by which a stop was learnt, before what was.
_BY_MEANS = re.compile(r"(?:通过|经过)[^，,。；;]{2,40}?(?:讲解|介绍|展示|解说|讲述|演示)[，,]")
_SEEN_MORE = re.compile(
    r"(?:并|还|同时)?(?:详细|深入|认真|实地|现场|深刻|系统|充分|近距离|进一步)?"
    r"(?:听取|了解|察看|查看|考察|参观|调研|看望|慰问|询问|观摩|体验|学习|感受|倾听|聆听|"
    # …，深刻认识…, …，探索了…, …，激发了孩子们…的动力: what the stop taught or stirred, said on.
    r"认识|领略|感悟|探索|探寻|缅怀|激发|增强|加深|"
    # 慰问老人，送去文艺演出: what they brought there.
    r"送去|送上|送来|"
    # …等技术创新手段，助力…脱贫的模式与事例: the object of what they learnt, told on.
    r"助力(?=[^，。；]{2,30}的))"
)
# …硬件设施建设情况: what was looked at, not where.
# 王学丰在座谈时说，…: when someone spoke, not where the group went.
_NOT_A_PLACE_END = re.compile(
    r"(?:上|下|中|时|后|前|里|方面|期间|以来|过程|基础|领域|情况|(?:时|上|中)(?:说|表示|指出|强调|介绍))$"
)
# A date, a time or a count is no place (798艺术区 is one).
_NOT_A_PLACE = re.compile(
    r"召开|举行|举办|带领|率领|(?:到达|抵达|结束)[^，]{0,20}后|乘车|\d+(?:年|月|日|时|点|分|人|名|位|个|家|项|万|亿|%|余)|\d$"
)
_PLACE_NOUN = re.compile(
    r"(?:基地|园区|园|公司|企业|合作社|学校|大学|中学|小学|分校|幼儿园|医院|卫生院|中心|馆|村|嘎查|镇|苏木|乡|"
    r"街道|社区|厂|车间|站|场|景区|公寓|大厦|集团|项目|示范区|片区|工地|现场|展厅|市场|超市|店|旗|县|"
    # 乌审旗生态文明展: an exhibition is gone to (not 发展, 进展).
    # 桑宝拉格苏木文化牧户: a herder's household shown to visitors.
    # 丫髻山, 金海湖: a mountain or a lake gone to as a scenic spot.
    r"市|盟|区|点|所|院|处|室|厅|校|社|馆|家中|田|棚|库|局|委|办|草原|湿地|口岸|庙|寺|岛|牧户|山|湖|(?<![发进])展)[”]?$"
)
# 在…陪同下, 在…沟通协调下, 在…带领下: a clause of circumstance before the subject.
_CIRCUMSTANCE = re.compile(r"在[^，,。；]{2,40}?(?:的)?(?:陪同|带领|引领|协调|组织|安排|邀请|支持|帮助)下[，,]?")
# What was seen at the stops when the report says it in the next sentence (…等地调研考察。
# 在调研过程中，认真听取了…汇报，详细了解…): the clauses that start with 了解/察看, in a row.
_SEEN_CLAUSE = re.compile(r"(?:详细|深入|全面|实地|现场|逐一|重点|认真)*(?:了解|察看|查看|考察了)")
# Used with match(text, position): no ^, which would only ever match at 0.
_ADVERBS = re.compile(r"(?:还|也|又|一同|先后|随后|首先|共同|一起|分别)*")
# Before the verb of a stop, 实地 and 现场 too (代表团一行实地考察了…); what was seen keeps them.
_STOP_ADVERBS = re.compile(r"(?:还|也|又|一同|先后|随后|首先|共同|一起|分别|实地|现场|首站|第一站|最后一站|接着)*")
_NEXT_AT = re.compile(r"[；;](?=在)")
_BREAK = re.compile(r"[，,；;]")
# A village, gacha or town at the head of what was looked at (五三村庭院经济).
_SETTLEMENT = re.compile(r"[\u4e00-\u9fff]{1,8}?(?:嘎查村|村|嘎查|社区)(?=[\u4e00-\u9fff]{2,12}$)")
_CALLED_ON = re.compile(r"(?:看望|走访)?慰问|看望")
_JOINED = re.compile(r"和|与|及|、")
# …主席张延昆在呼和浩特会见了北京市政协主席魏小东, …就…与内蒙古…县委书记王会雨…进行座谈: the post printed before a
# name starts after the verb or the 与 whose object the name is; what comes before is someone else's.
_OBJECT_OPENS = re.compile(r"(?:会见|接见|看望|慰问|拜会|会晤|宴请|陪同|邀请|欢迎)了?|(?<!联络)与")
# 等地, 等景点, 等单位: what closes a list of stops (等 alone closes it too, vouching for nothing).
_LIST_CLOSING = re.compile(r"等(?:地|处|单位|企业|项目|景点|景区|场所|地方)?$")


@dataclasses.dataclass
class _Mention:
    """One time the report names a person, before mentions are merged into participants."""

    name: str
    title: str
    position: tuple[int, int, int]  # (sentence index, where in it the list starts, order in the list)
    span: tuple[int, int]
    title_span: tuple[int, int] | None
    regions: list[tuple[str, RegionSide | None]]
    role: ParticipantRole | None = None
    verb: str = ""
    rule: str = ""
    shared_title: bool = False  # the title printed for the name before it
    travelling: bool = False  # named in the group that travels (…带领X、Y赴, X、Y一行到)
    regions_guessed: bool = False  # no place in the title: the side is the reader's guess
    guessed_side: ParticipantSide | None = None  # from the list of the other side beside it
    invited: bool = False  # 应邀出席: attends at the hosts' invitation, in no group
    writers_own: bool = False  # 我校陪同调研的人员有…: the writer's own people


# What a reviewer is told to check, one phrase per kind of doubt.
DOUBT_NO_TITLE_ONCE = "报道只提到一次，没有写职务：请核对这是人名"
DOUBT_NO_TITLE = "报道没有写职务"
DOUBT_SURNAME_ONLY = "报道只写了姓“{name}”：请补全姓名"
DOUBT_SHARED_TITLE = "职务是前一位的“{title}”，沿用到此人：请核对是否也是其职务"
DOUBT_SIDE_GUESSED = "职务中没有可判断的地区，所属方是推断的"
DOUBT_ORIGIN_UNKNOWN = "报道没有写明来访方从哪里来，所属方是推断的"
DOUBT_NO_SIDE = "没有读出所属方"


def extract(text, lexicon=None, published=None):
    """Read `text` (plain text; see `text_from_html`) into an `ExtractionResult`.

    `lexicon` supplies region names (default: `default_lexicon()`); `published` is the
    report's publication date, used only where the text leaves the date open (近日).
    """
    if isinstance(published, datetime.datetime):
        published = published.date()
    compact, offsets = compacted(text)
    reading, printed, page_lines = reading_forms(compact)
    result = _Reader(reading, lexicon or default_lexicon(), published).read()
    if printed != reading:
        _as_printed(result, reading, printed)
    if offsets is not None:
        _spans_in_original(result, offsets)
        if joined := lines_joined(text):
            result.warnings.insert(0, LINES_JOINED.format(count=joined))
    if page_lines:
        result.warnings.insert(0, PAGE_LINES_LEFT_OUT.format(count=page_lines))
    return result


# The page's own lines (where it sits, links to other articles, buttons, footer) were not read.
PAGE_LINES_LEFT_OUT = "网页：原文中有 {count} 行是网页的位置栏、链接、按钮或页脚等，没有读取"
# Lines joined is a reading of how the text was set, which the reviewer checks against the source.
LINES_JOINED = (
    "排版：原文按固定宽度分行（如从 PDF、报纸版面复制），已把段落内的 {count} 处换行连起来读取，请对照原文核对段落"
)


def _spans_in_original(item, offsets, moved=None):
    """Every span of `item` moved from the compacted text to the text as it was given, once
    for each object (a leader is also among the participants)."""
    moved = set() if moved is None else moved
    if isinstance(item, list):
        for value in item:
            _spans_in_original(value, offsets, moved)
        return
    if not dataclasses.is_dataclass(item) or id(item) in moved:
        return
    moved.add(id(item))
    for field in dataclasses.fields(item):
        value = getattr(item, field.name)
        if field.name.endswith("span") and value is not None:
            setattr(item, field.name, _in_original(value, offsets))
        elif field.name == "spans":
            setattr(item, field.name, [_in_original(span, offsets) for span in value])
        elif isinstance(value, list) or dataclasses.is_dataclass(value):
            _spans_in_original(value, offsets, moved)


def _in_original(span, offsets):
    start, end = span
    return (offsets[start], offsets[end - 1] + 1 if end > start else offsets[start])


def _as_printed(item, reading, printed):
    """Give every string the reader cut from `reading` back its punctuation as printed.
    A point knows its span; any other string is found where it first occurs."""
    if isinstance(item, Point):
        item.text = printed[item.span[0] : item.span[1]]
        return
    if isinstance(item, list):
        for index, value in enumerate(item):
            if type(value) is str:
                item[index] = _printed_string(value, reading, printed)
            else:
                _as_printed(value, reading, printed)
        return
    if not dataclasses.is_dataclass(item):
        return
    for field in dataclasses.fields(item):
        value = getattr(item, field.name)
        if type(value) is str:  # not a Choice, whose value is a code
            setattr(item, field.name, _printed_string(value, reading, printed))
        elif isinstance(value, list) or dataclasses.is_dataclass(value):
            _as_printed(value, reading, printed)


def _printed_string(value, reading, printed):
    if not value or not any(char in value for char in "，；：（）！？“”"):
        return value
    position = reading.find(value)
    return value if position < 0 else printed[position : position + len(value)]


# …常委会议厅内气氛热烈…，…在这里举行: the hall a sentence opens in, which its 这里 names.
_HERE_NAMED = re.compile(
    r"(?:上午|下午|晚上)?[，,]?(?P<place>[^，,。；;、]{2,30}?(?:厅|馆|室|堂|楼|中心|广场))(?:内|里)"
)
_HERE = ("这里", "此", "此地", "这儿")
_AT_OPENING = re.compile(r"在(?P<place>[^，,。；;、在]{2,30}?)[，,]")
# 来到延庆，就…: where a county named without its level ends (`destination_after`).
_SHORT_PLACE_ENDS = re.compile(r"[，,。；;]|$|就|开展|进行|对接|考察|调研|学习|交流|参观|走访")
# 今年6月，延庆区党政代表团赴兴和县…时隔数月，兴和县党政代表团来到延庆: the clause after 时隔… tells of a later
# event than the one before it, in a sentence the source did not end.
_THEN_AGAIN = re.compile(r"时隔(?:数|几|多|半|两|三|四|五|六|七|八|九|十|一)[^，,。；;]{0,4}?(?:月|年|天|日|周)[，,]")


def _then_again_apart(sentences):
    """Each sentence cut before a clause opened by 时隔… (`_THEN_AGAIN`), which tells of the next event."""
    apart = []
    for sentence in sentences:
        cuts = [match.start() for match in _THEN_AGAIN.finditer(sentence.text)]
        for start, end in itertools.pairwise([0, *cuts, len(sentence.text)]):
            apart.append(
                Sentence(sentence.start + start, sentence.start + end, sentence.paragraph, sentence.text[start:end])
            )
    return apart


class _Reader:
    def __init__(self, text, lexicon, published):
        self.text = text
        self.lexicon = lexicon
        self.published = published
        self.sentences = _then_again_apart(split_sentences(text))
        self.starts = [sentence.start for sentence in self.sentences]
        self.warnings = []
        self.aiding_starts = None
        self.mentions = []
        self.titles = {}  # name -> (title, span where printed)
        self.region_context = []  # (surface, side) of places read so far, the latest last
        self.delegation = None
        self.origin_side = None
        self.used = set()  # sentences consumed by the lead and its 带队 line
        self.remarks_from = {}  # (sentence, start) -> where the remarks a speaker opens it with begin
        self.lead_index = None
        self.lead_mentions = []
        self.later_leads = []
        self.origin_context = []
        self.names = set()  # every name read so far, for telling a bare name from a word
        self._names_index = (-1, {})  # first character → names, for `names_at`
        self.parsed = {}  # text -> people, for the same 王有国强调 read again and again
        self.places_in_title = {}
        self._lead_scope = None
        self.origin_text = {}  # lead sentence → where the visitors came from, when that is all it says
        self.origin_by_start = {}  # the same, by where the sentence starts (…单位赴: the body)
        self.pronoun_speakers = {}  # speech → the doubt of a speaker read from 他表示
        self.said_before = set()  # speeches told as …某某说。, whose words came before
        self.briefed_only = set()  # briefings told by their objects (介绍了X，阐述了Y)
        self.behalf = None  # the group the last speaker read spoke for (代表…发表致辞)
        self.hosts_by_sentence = {}  # lead sentence → the hosts who received the visitors
        self.members_by_sentence = {}  # lead sentence → who went with the leader (带领…赴)
        self.member_people = {}  # lead sentence → the rest of a …一行 list
        self.point_ends = {}  # (sentence, where a point starts) → where it ends, when not at the sentence's end
        self.meetings_opened = 0  # meetings read so far, for an event named only as 本次推介会
        self.unnamed_leader = {}  # lead sentence → the post that led, printed with no name (…副院长带领…)
        self.body_sides = {}  # lead sentence → the side of the body it went to (东直门医院…)
        self.writer_hosts = False  # the visitors came to the writer's own body (来我院)
        self.campus_bodies = []  # bodies gone to that were read as their district (…通州院区)
        self.visiting_body = ""  # the body that came to a joint event, without its place (鼓楼中医医院)
        self.headline_texts = None  # text → index of each headline line (`repeats_headline`)

    def read(self):
        lead_index = self.read_lead()
        if lead_index is not None:
            self.read_other_groups(lead_index)
        self.read_attendance()
        self.read_lists()
        self.read_semicolon_runs()
        self.read_titled_runs()
        self.read_owned_groups()
        self.sides_from_neighbour_lists()
        self.fill_leaders()
        self.read_team_narration()
        meetings, visits, other_speeches = self.read_body()
        self.leader_by_post()
        self.leader_speaking_for_the_group()
        refused = None
        self.destinations_from_stops(visits)
        self.destinations_named_before()
        self.stops_within_destination(visits)
        if self.delegation is not None and (
            self.within_one_side()
            or self.unsaid_origin_on_one_side()
            or self.lacks_other_side()
            or self.names_neither_side()
            or self.names_one_side_only()
            or self.goes_outside_both()
            or self.from_outside()
            or self.journey_from_nowhere()
        ):
            self.delegation = None
            refused = next(warning for warning in reversed(self.warnings) if warning.startswith("行程："))
        if self.delegation is None:
            # A text that is not about a trip has no meetings of a trip to record; what was
            # said there is still offered, in the order it was said.
            other_speeches = sorted(
                [speech for meeting in meetings for speech in meeting.speeches] + other_speeches,
                key=lambda speech: speech.span,
            )
            for order, speech in enumerate(other_speeches, start=1):
                speech.order = order
            meetings = []
            # Nor stops of a trip: the places a text of no trip tells of were not gone to by a
            # delegation of this site (a visit of another pairing, a study tour of students).
            visits = []
        participants = self.participants()
        for speeches in [meeting.speeches for meeting in meetings] + [other_speeches]:
            self.speech_doubts(speeches)
        is_trip = self.delegation is not None
        if is_trip:
            reason = f"找到代表团句（规则：{self.delegation.rule}）"
        elif refused:
            reason = refused.removeprefix("行程：")
        elif several := _SEVERAL_REGIONS.search(self.text):
            # 千余名来自西藏、新疆、青海、内蒙古四地的学生来到首都北京: a programme of several regions,
            # whose part for this site the reader cannot tell; the editor is told so.
            reason = (
                f"报道写的是多地共同参加的活动（来自{several['places']}{several['count']}地），"
                "没有找到其中京蒙之间的代表团句，不作为一次考察行程"
            )
        else:
            reason = "没有找到代表团或带队领导赴某地的句子（如“…率…代表团到…”“…一行到…”），不是一次考察行程"
        date = find_trip_date(self.date_sentences(lead_index), self.published, self.year_hint(lead_index))
        # A day printed (11月14日，记者从…了解到) dates a text of no trip better than a year its body
        # names later; a date taken from the page itself does not.
        from_page = "发布日期" in date.note and date.precision != DatePrecision.DAY
        if not is_trip and (date.start is None or from_page or date.precision == DatePrecision.YEAR):
            reported = self.year_of_report()
            if reported is not None and (date.start is None or from_page or reported.start > date.start):
                date = reported
        if date.start is None or date.inferred or "发布日期" in date.note:
            self.warnings.append(f"日期：{date.note}")
        elif date.precision != DatePrecision.DAY:
            self.warnings.append(f"日期：只精确到{date.precision.label}（{date.note}）")
        return ExtractionResult(
            is_trip=is_trip,
            reason=reason,
            delegation=self.delegation,
            date=date,
            site_visits=visits,
            meetings=meetings,
            participants=participants,
            other_speeches=other_speeches,
            topics=self.topics(),
            warnings=self.warnings,
        )

    def date_sentences(self, lead_index):
        """Where a clerk looks for the trip's date: the lead, the rest of its paragraph, the
        first paragraph, then the next few sentences of the body. A page's header line
        (2023年07月14日 09:27, 发布日期：…) gives the publication date, never the trip's."""
        order = []
        if lead_index is not None:
            lead = self.sentences[lead_index]
            order.append(lead)
            order += [s for s in self.sentences[lead_index + 1 :] if s.paragraph == lead.paragraph]
        order += [s for s in self.sentences[:_LEAD_SCOPE] if s.paragraph == self.first_paragraph()]
        # The first paragraph of the body, below the page's furniture (site name, headline, dateline).
        # A headline may end with ！ (一如既往，精诚合作！): the body is the first paragraph with a sentence
        # ended by 。, else one ended by ！ or ？.
        opening = self.sentences[: self.lead_scope()]
        body = next((s.paragraph for s in opening if s.text[-1] == "。"), None)
        if body is None:
            body = next((s.paragraph for s in opening if s.text[-1] in "！？!?"), None)
        order += [s for s in self.sentences[: self.lead_scope()] if s.paragraph == body]
        if lead_index is not None:
            order += self.sentences[lead_index + 1 : lead_index + 5]
        seen, found = set(), []
        for sentence in order:
            if sentence.start not in seen and not _PAGE_HEADER.search(sentence.text):
                seen.add(sentence.start)
                found.append(sentence)
        return found

    def year_of_report(self):
        """A text of no trip that dates nothing near its top but writes, in its body, a year
        that opens a clause (2024年，石景山区安排…): what it reports is of the latest such year
        (1996年，中共中央…作出… is the background, 2024年，…分别签订… the news)."""
        found = None
        for sentence in self.sentences:
            if _PAGE_HEADER.search(sentence.text):
                continue
            for match in _YEAR_CLAUSE.finditer(sentence.text):
                if _PLANNED.search(sentence.text, match.end()):
                    continue  # 2025年，企业计划…: what is to come, not what is reported
                year = int(match["year"])
                if (self.published is None or year <= self.published.year) and (found is None or year > found[0]):
                    found = (year, sentence.span)
        if found is None:
            return None
        return TripDate(datetime.date(found[0], 1, 1), None, DatePrecision.YEAR, False, "报道正文写明年份", found[1])

    def year_hint(self, lead_index):
        """A year the report writes up to its lead (2019年度…, 对接2020年…), for a date
        printed without one when the page gives no publication date either."""
        if lead_index is not None:
            end = self.sentences[lead_index].end
        else:
            # A text of no trip: up to its first whole sentence (7月23日，…开展的2025年…研学活动圆满结束。).
            end = next((s.end for s in self.sentences[: self.lead_scope()] if s.text[-1] in "。！？!?"), 0)
        for sentence in self.sentences:
            if sentence.start >= end:
                break
            if _PAGE_HEADER.search(sentence.text):
                continue
            match = _YEAR.search(sentence.text)
            if match:
                return int(match["year"])
        return None

    def paragraph_start(self, sentence):
        """Where the paragraph of `sentence` begins in the text."""
        return self.text.rfind("\n", 0, sentence.start) + 1

    def first_paragraph(self):
        return self.sentences[0].paragraph if self.sentences else 0

    # --- the lead -------------------------------------------------------------------------

    def read_lead(self):
        """Find the delegation. The lead is the first sentence of the body that says who
        went where; a headline (a first line with no full stop) or a sentence without a
        destination only stands in when there is no such sentence."""
        candidates = []
        earlier = set()
        for index, sentence in enumerate(self.sentences[: self.lead_scope()]):
            opening = _OPENING_DATE.match(sentence.text)
            if opening and opening["date"] in earlier:
                continue  # the background of the news, told again
            earlier.update(match["date"] for match in _EARLIER.finditer(sentence.text))
            if candidates and candidates[-1][0] == index - 1 and _THEN_AGAIN.match(sentence.text):
                # …代表团赴兴和县对接…时隔数月，兴和县党政代表团来到延庆: the journey before is the one recalled,
                # this one is the report's, when it tells of one.
                recalled = candidates.pop()
                for rule, pattern in _LEAD_RULES:
                    found = self.try_lead(sentence, rule, pattern)
                    if found:
                        candidates.append((index, *found))
                        break
                else:
                    candidates.append(recalled)
                continue
            for rule, pattern in _LEAD_RULES:
                found = self.try_lead(sentence, rule, pattern)
                if found:
                    candidates.append((index, *found))
                    break
        review_until = self.review_opening()
        if review_until is not None:
            # 2023年以来，…（小标题）2月13日，…带队赴京: a review of a period told in sections; a
            # visit under one of its headings is one of the things it reviews, not its lead.
            candidates = [candidate for candidate in candidates if candidate[0] < review_until]
        if not any(candidate[4] for candidate in candidates):
            # 我旗迎来…代表团。代表团一行先后考察了…: the group's sentence names no place, the
            # host's does.
            candidates += [found for found in self.received_leads() if found[4]] if candidates else []
        if not candidates:
            candidates = self.received_leads()
        if not candidates:
            candidates = self.team_leads()
        if not candidates:
            candidates = self.joint_event_leads()
        if not candidates:
            candidates = self.talks_leads()
        if not candidates:
            candidates = self.service_leads()
        if not candidates:
            candidates = self.ceremony_leads()
        if not candidates:
            candidates = self.arrival_leads()
        if not candidates:
            candidates = self.writers_meeting_leads()
        if not candidates:
            return None
        chosen = min(candidates, key=lambda candidate: (self.is_headline(candidate[0]), not candidate[4], candidate[0]))
        self.later_leads = [candidate for candidate in candidates if candidate[0] > chosen[0]]
        index, rule, name, leaders, chains, rest = chosen
        sentence = self.sentences[index]
        self.used.add(index)
        # 来我院, 到我处; a meeting held in the writer's own body (…对接会在我校召开): the writer hosts.
        self.writer_hosts = rule == "…会在我校召开" or (not chains and bool(_TO_OUR_BODY.search(sentence.text)))
        if re.fullmatch(_DELEGATION_NOUN, name):
            # 我市迎来北京市西城区党政代表团。代表团一行深入…: the group as first named.
            for earlier in self.sentences[:index]:
                named = re.search(r"[^，。；！？：与同迎来]{2,30}?" + re.escape(name), earlier.text)
                if named and self.lexicon.regions.find_all(named.group()):
                    # 由北京…商会组织的作家、艺术家采风团，于…走进…。采风团抵达…: named where first
                    # told, without who organised it.
                    name = self.clean_delegation_name(named.group())
                    break
        origin = self.origin_from(
            self.origin_text.get(index) or self.origin_by_start.get(sentence.start) or name, leaders, sentence
        )
        destinations = [self.mention_of(chain, sentence) for chain in chains]
        for before, place in itertools.pairwise(destinations):
            # 赴兴安盟扎赉特旗、科右前旗: a place listed after 、 shares the parents printed for
            # the one before it, when it has none of its own (as `narrowed` reads them).
            if not place.parents and before.parents and place.level and place.level == before.level:
                place.parents = list(before.parents)
        for place in destinations:
            # A body the table does not hold, on the side the travellers are not from.
            place.side = place.side or self.body_sides.get(sentence.text)
        if not destinations:
            destinations = self.headline_destinations(index)
        if origin is None:
            origin = self.origin_by_side(destinations, index)
        if origin is None:
            origin = self.home_from_return(destinations, sentence)
        before_rest = sentence.text[: max(0, len(sentence.text) - len(rest))]
        if origin is None and (ours := _OUR_PLACE.search(name or before_rest)):
            # 我旗党政代表团赴北京市西城区: the writer's own place, on the other side than where it went.
            sides = {place.side for place in destinations if place.side}
            if len(sides) == 1:
                origin = RegionMention(name=ours.group(), parents=[], span=sentence.span)
                origin.side = RegionSide.RECIPIENT if sides == {RegionSide.SUPPORT} else RegionSide.SUPPORT
                self.warnings.append(f"出发地：报道写“{ours.group()}”，是撰稿方自己")
        if origin is None:
            origin = self.our_body_place(before_rest, destinations)
        destinations = [self.our_place(place, origin, sentence) for place in destinations]
        destinations = self.held_within(destinations, sentence)
        destinations = self.narrowed(destinations, sentence.text[len(sentence.text) - len(rest) :], sentence)
        destinations = self.narrowed_next(destinations, name, index)
        destinations = self.inviting(destinations, sentence)
        entry = self.lexicon.regions.resolve(origin.name, origin.parents) if origin else None
        if entry is not None and origin.name != entry.name:
            # 从北京乘航班出发: where they came from, as the region table names it (北京市).
            origin.name = entry.name
        self.origin_side = origin.side if origin else None
        self.origin_context = (
            [(surface, self.side_of_surface(surface)) for surface in [*origin.parents, origin.name]] if origin else []
        )
        for mention in ([origin] if origin else []) + destinations:
            for surface in mention.parents:
                self.region_context.append((surface, self.side_of_surface(surface)))
            # 我区 in a host's report has the side `our_place` gave it; the table knows no 我区.
            self.region_context.append((mention.name, self.side_of_surface(mention.name) or mention.side))
        hosts = self.hosts_by_sentence.get(index)
        if hosts:
            found = self.leaders_from(hosts)
            if found:
                self.remember(found[1], index, sentence, verb="会见", rule="…会见")
        if not leaders:
            led = _LED_BY.search(sentence.text)
            leaders = self.leaders_from(led["leaders"]) if led else None
        leader_mentions = []
        lead_offset = max(0, sentence.text.find(leaders[0])) if leaders else 0
        if leaders:
            leader_mentions = self.remember(
                leaders[1], index, sentence, role=ParticipantRole.LEADER, rule=rule, offset=lead_offset
            )
        else:
            leader_mentions = self.leaders_nearby(index)
        if rule in ("来自…的专家", "…在…开展义诊"):
            for mention in self.remember(self.member_people[sentence.start], index, sentence, rule=rule):
                mention.travelling = True
        elif self.member_people.get(sentence.start):
            members = self.member_people[sentence.start]
            if sentence.start in self.unnamed_leader:
                # Leads, but is no leader the reader can name: a participant who 带队.
                head = self.unnamed_leader[sentence.start]
                self.remember([head], index, sentence, role=ParticipantRole.LEADER, rule=rule, offset=lead_offset)
            for mention in self.remember(members, index, sentence, rule="…一行", offset=lead_offset + 1):
                mention.travelling = True
        formed = _FORMED_BY.search(sentence.text)
        if formed and name and formed.end() + len(name) <= len(sentence.text) and not leaders:
            # 由…付立新主任医师、杨克强副主任医师…组成的医疗组来到…: the members of the group.
            people = self.parse(formed["people"])
            if people and all(person.title for person in people):
                for mention in self.remember(people, index, sentence, rule="由…组成", offset=formed.start("people")):
                    mention.travelling = True
        members = self.members_by_sentence.get(sentence.start)
        if members:
            people = self.members(members)
            if people:
                for mention in self.remember(people, index, sentence, rule="…带领…", offset=lead_offset + 1):
                    mention.travelling = True
        if not destinations:
            self.warnings.append("没有从代表团句读出目的地")
        if not name:
            name = self.headline_name(index, destinations) or self.named_after(index)
        sent_people = self.member_people.get(sentence.start, [])
        self.delegation = Delegation(
            name=name,
            kind=self.kind_of(
                origin,
                destinations,
                rest if _PURPOSE.search(rest) else rest + self.headlines_before(index),
                home=self.home_side(leaders),
                service=bool(_SERVICE_TEAM.search(name))
                or bool(_SERVICE_WORK.search(rest))
                or rule in ("来自…的专家", "…在…开展义诊")
                # …揭牌仪式在市医院举行: a ceremony other than a signing is no inspection.
                or (rule == "…与…在…举行" and bool(_CEREMONY.search(rest)))
                or rule == "…出席在…举行的仪式"
                # 北京孩子…来草原 for a festival: people by what they are, come to an event, inspect nothing.
                or rule == "…地的人来到…举行的活动"
                or (
                    rule == "…单位赴"
                    and (
                        any(_SERVICE_TEAM.search(p.title) for p in sent_people)
                        # A hospital or a school goes to serve unless it says it came to 考察.
                        or _SERVING_BODY.search(self.origin_by_start.get(sentence.start, ""))
                    )
                ),
                # …前来内蒙古对接…项目: 对接 is the purpose (考察), whatever meeting the headline names.
                matched=not _PURPOSE.search(rest) and "对接" in rest,
            ),
            leaders=[],  # filled with the merged participants in `participants`
            origin=origin,
            destinations=destinations,
            span=sentence.span,
            rule=rule,
        )
        self.lead_mentions = leader_mentions
        self.lead_index = index
        return index

    def our_body_place(self, lead_text, destinations):
        """我校党委书记李文阁…前往北京工商大学: a school or hospital that writes of itself as 我校 or
        我院 (or names its posts by 校 or 院 alone: 校党委书记刘贵芹带队赴…) comes from the place its own name
        carries, when the report names it (…分享了呼伦贝尔学院在…的实践成果) and that place is of the other side
        than where it went. None otherwise."""
        ours = _OUR_BODY.search(lead_text)
        sides = {place.side or self.side_of_surface(place.name, place.parents) for place in destinations}
        if not ours or len(sides) != 1 or None in sides:
            return None
        for start, end, surface, _ in self.lexicon.regions.find_all(self.text):
            named = _OWN_BODY_NAME[ours["kind"] or ours["short"]].match(self.text, end)
            side = self.side_of_surface(surface) if named else None
            if side is not None and side not in sides:
                body = self.text[start : named.end()]
                self.warnings.append(f"出发地：报道写“{ours.group()}”，按文中的“{body}”推断")
                return RegionMention(name=surface, parents=[], side=side, span=(start, named.end()))
        return None

    def read_other_groups(self, lead_index):
        """A report in parts, each under its own heading, each with its own lead (到太仆寺旗
        调研送教 / 8月29日，…副主任苏俊山带领…到太仆寺旗…; 到阿鲁科尔沁旗调研送教 / …副主任钱正秒
        带领…到阿鲁科尔沁旗…): one trip of two groups from the same place. Each group's leader
        leads, its members travel, and its destination is the trip's too."""
        delegation = self.delegation
        if delegation.origin is None:
            return
        known = {place.name for place in delegation.destinations}
        for index in range(lead_index + 1, len(self.sentences)):
            sentence = self.sentences[index]
            if not _LED_WORDS.search(sentence.text) or not self.is_subheading(index - 1) or self.is_subheading(index):
                continue
            for rule, pattern in _LEAD_RULES:
                found = self.try_lead(sentence, rule, pattern)
                if found:
                    break
            if not found:
                continue
            rule, name, leaders, chains, _rest = found
            if not leaders or not chains:
                continue
            origin = self.origin_from(name, leaders, sentence)
            if origin is None or origin.name != delegation.origin.name:
                continue
            places = [self.mention_of(chain, sentence) for chain in chains]
            if all(place.name in known for place in places):
                continue  # the same group, told again
            self.used.add(index)
            delegation.destinations += [place for place in places if place.name not in known]
            known.update(place.name for place in places)
            offset = max(0, sentence.text.find(leaders[0]))
            self.lead_mentions += self.remember(
                leaders[1], index, sentence, role=ParticipantRole.LEADER, rule=rule, offset=offset
            )
            members = self.members_by_sentence.get(sentence.start)
            people = self.members(members) if members else None
            for mention in self.remember(people or [], index, sentence, rule="…带领…", offset=offset + 1):
                mention.travelling = True

    def members(self, text):
        """Who went with the leader (…带领X、Y赴): people as printed, or one counted group."""
        text = _MEMBERS_LEAD.sub("", text).strip("，, ")
        if _COUNTED_GROUP.fullmatch(text) or _COUNTED.fullmatch(text):
            return [Named(name="", title=text)]
        # …负责同志一行, …家庭等一行30余人: the whole group and its count, no one of its own.
        text = _GROUP_COUNT.sub("", text) or text
        people = self.parse(text)
        if people is None and (kinds := _KINDS_OF_PEOPLE.fullmatch(text)):
            # 带领…促进会成员、童行亲子志愿家庭等一行30余人: kinds of people, each one group as printed.
            return [Named(name="", title=item) for item in kinds.group().split("、")]
        if people is None and _BODIES_SENT.fullmatch(text):
            # 带领旗人社局、就业服务中心一行6人赴…, 带领部分政协委员赴…: the bodies or the kind of
            # people who went, one group as printed.
            return [Named(name="", title=re.sub(r"一行\d+人$", "", text))]
        described = _DESCRIBED_PEOPLE.fullmatch(text) if people is None else None
        if described and not is_name(described["who"]):
            return [Named(name="", title=described["who"])]
        joined = _JOINED_GROUPS.fullmatch(text) if people is None else None
        if joined and (first := self.parse(joined["first"])) and len(first) == 1 and not first[0].name:
            # 组织政协机关相关人员及部分苏木镇联络办、社区书记赴…: unnamed groups joined by 及 are one
            # group as printed, as the corpus writes them, whatever the second is cut into.
            return [Named(name="", title=text)]
        return people

    def repeats_headline(self, index):
        """头条|…座谈会在北京市召开, printed again inside the body as an image's caption."""
        if self.headline_texts is None:
            # Worked out once: the headlines are among the first sentences only.
            count = min(len(self.sentences), self.lead_scope())
            self.headline_texts = {
                self.sentences[number].text: number for number in range(count) if self.is_headline(number)
            }
        first = self.headline_texts.get(self.sentences[index].text)
        return first is not None and first < index

    def is_subheading(self, index):
        """A short line of its own with no full stop, inside the body; the headline printed again
        (an image's caption, 头条|…座谈会在北京市召开) opens no section."""
        sentence = self.sentences[index]
        if len(sentence.text) > 30 or sentence.text[-1] in _BODY_SENTENCE_END + "”：:":
            return False
        if self.repeats_headline(index):
            return False
        neighbours = self.sentences[max(0, index - 1) : index + 2]
        return all(other.paragraph != sentence.paragraph for other in neighbours if other is not sentence)

    def held_within(self, destinations, sentence):
        """…对接座谈会在呼和浩特市举行。…企业家一行前来内蒙古…: a visit told only to the province is
        to the place of it where the report's meeting was held."""
        if len(destinations) != 1:
            return destinations
        province = self.lexicon.regions.resolve(destinations[0].name, destinations[0].parents)
        if province is None or province.level != "province":
            return destinations
        for index, other in enumerate(self.sentences[: self.lead_scope()]):
            if self.is_headline(index):
                continue  # the body's words for the place, not the headline's shorter ones
            held = _HELD_AT.search(other.text)
            chains = self.region_chains(held["place"], 0)[0] if held else []
            entry = self.lexicon.regions.resolve(chains[0][-1][2]) if len(chains) == 1 else None
            if entry is not None and province.name in entry.ancestors:
                self.warnings.append(f"目的地：报道只写{destinations[0].name}，按会议举行地定为{entry.name}")
                return [self.mention_of(chains[0], sentence)]
        return destinations

    def read_team_narration(self):
        self.read_opening_posts()
        self.read_narrated_posts()
        self.read_post_after_name_narration()

    def read_post_after_name_narration(self):
        """王海英院长与患者倾心交流…；郭勇副院长面对…；谢秀娟主任耐心细致…: the members of a team told
        one after another in the narration of its work, each by name and post, beside its leader."""
        if self.delegation is None:
            return
        leaders = {mention.name for mention in self.lead_mentions if mention.name}
        for index, sentence in enumerate(self.sentences):
            if index in self.used:
                continue
            named = [
                (clause, found)
                for clause in _TEAM_CLAUSE.finditer(sentence.text)
                if (found := name_before_post(clause["person"], self.lexicon))
            ]
            if len(named) < 2 or not any(found[1] in leaders for _, found in named):
                continue
            for clause, (post, name) in named:
                if name in leaders:
                    continue
                people = [Named(name=name, title=post)]
                for mention in self.remember(people, index, sentence, rule="…；某某主任…", offset=clause.start()):
                    mention.travelling = True

    def read_narrated_posts(self):
        """经开区书法家协会主席刘楣洪以…；区美术家协会主席李耀林创作了…；区音乐家协会主席梁大南即兴…:
        people told one after another in the narration, each clause opened by a post and a name."""
        if self.delegation is None:
            return
        for index, sentence in enumerate(self.sentences):
            if index in self.used or not _CLAUSE_BREAK.search(sentence.text):
                continue
            clauses, offset = [], 0
            for clause in _CLAUSE_BREAK.split(sentence.text):
                found = self.post_and_name_at_start(clause)
                if found:
                    clauses.append((offset, found))
                offset += len(clause) + 1
            if len(clauses) < 2:
                continue
            for offset, (post, name) in clauses:
                self.remember([Named(name=name, title=post)], index, sentence, rule="…；某职务某某…", offset=offset)

    def read_opening_posts(self):
        """通辽市政协副主席檀志军为…授旗，并举行发车仪式: in a text of no trip, a sentence opened by a post
        and a name, going on with what the person did, names someone who had a part (everyone with a part
        attends there). On a trip a lone clause is no team's narration (`read_narrated_posts`)."""
        if self.delegation is not None:
            return
        for index, sentence in enumerate(self.sentences):
            if index in self.used:
                continue
            found = self.post_and_name_at_start(sentence.text)
            if found:
                self.remember([Named(name=found[1], title=found[0])], index, sentence, rule="某职务某某…", offset=0)

    def post_and_name_at_start(self, clause):
        """(post, name) when `clause` opens with a post and a name and goes on with what the person
        did (…主席刘楣洪以…); None otherwise."""
        clause = clause.lstrip("。，, ")
        for end in range(3, min(len(clause) - 2, 40)):
            if not self.lexicon.title_ending_before(clause, end):
                continue
            post = clause[:end]
            if not is_title(post) or _NOT_A_POST.search(post):
                return None
            # 书法家协会主席: a title ending inside a longer post goes on to the post's own end.
            for size in (3, 2):
                name, after = clause[end : end + size], clause[end + size :]
                if size == 3 and _SAID.match(clause, end + 2):
                    continue  # 王明表示: a two-character name and the verb
                if is_name(name) and _NARRATED_ACT.match(after):
                    return post, name
        return None

    def review_opening(self):
        """The index of the first heading inside the body when the body before it reviews a
        period (…以来) rather than telling an event; None otherwise."""
        told = []
        for index, sentence in enumerate(self.sentences[: self.lead_scope()]):
            if sentence.text[-1] in _BODY_SENTENCE_END:
                told.append(sentence.text)
            elif told and self.is_subheading(index):
                return index if any(_PERIOD.search(text) for text in told) else None
        return None

    def lead_scope(self):
        """How many sentences from the top may hold the lead: the first `_LEAD_SCOPE` that end
        as sentences, with whatever page furniture comes before and between them."""
        if self._lead_scope is None:
            count = 0
            # Bounded: a text with no full stop (a pasted table) is not read line by line.
            self._lead_scope = min(len(self.sentences), _LEAD_SCOPE * 3)
            for index, sentence in enumerate(self.sentences[: self._lead_scope]):
                if sentence.text[-1] in _BODY_SENTENCE_END:
                    count += 1
                    if count >= _LEAD_SCOPE:
                        self._lead_scope = index + 1
                        break
        return self._lead_scope

    def received_leads(self):
        """会见…一行: a report of the hosts receiving the visitors, often by the host side;
        我旗迎来…代表团 and 我区与…代表团座谈 name the visitors' group."""
        found = []
        for index, sentence in enumerate(self.sentences[: self.lead_scope()]):
            match = _RECEIVED.search(sentence.text) or _MET_WITH.search(sentence.text)
            if not match:
                hosted = _HOSTED.search(sentence.text) or _OURS_WITH.search(sentence.text)
                held = _HELD_IN.match(sentence.text, hosted.end()) if hosted else None
                if held and self.lexicon.regions.find_all(held["place"]):
                    hosted = None  # where it was held decides who travelled: not read here
                if hosted:
                    chains = []
                    # 6月5日，我旗迎来…: the match starts at the date, the host is inside it.
                    ours = "name" in hosted.re.groupindex and _OUR_PLACE.search(
                        sentence.text, hosted.start(), hosted.start("name")
                    )
                    if hosted["host"]:
                        chains = [[(hosted.start("host"), hosted.end("host"), hosted["host"], [])]]
                    elif ours:
                        chains = [[(ours.start(), ours.end(), ours.group(), [])]]
                    groups = hosted.groupdict()
                    if groups.get("place"):
                        # The visitors named by their place: that is their origin, not a name.
                        self.origin_text[index] = groups["place"]
                    name = self.clean_delegation_name(groups.get("name") or "")
                    found.append((index, "迎来…代表团", name, None, chains, sentence.text[hosted.end() :]))
                continue
            leaders = self.leaders_from(match["leaders"])
            if leaders is None:
                continue
            chains = []
            if match["place"]:
                chains, _end = self.region_chains(match["place"], 0)
            hosts = self.leaders_from(match["hosts"])
            if chains and hosts and self.at_home(chains, leaders) and self.at_home(chains, hosts) is False:
                # 旗委书记张华在北京会见了丰台区委书记王明一行: met in the other group's home, so
                # the one who went there is whoever received them.
                self.hosts_by_sentence[index] = match["leaders"]
                found.append((index, "在…会见…", "", hosts, chains, sentence.text[match.end() :]))
                continue
            self.hosts_by_sentence[index] = match["hosts"]
            found.append((index, "会见…一行", "", leaders, chains, sentence.text[match.end() :]))
        return found

    def home_side(self, leaders):
        """The one side the leaders' posts are of (旗委书记: Inner Mongolia), or None."""
        people = leaders[1] if leaders else []
        sides = {found[0][1] for person in people if (found := self.title_regions(person.title, []))}
        return next(iter(sides)) if len(sides) == 1 else None

    def at_home(self, chains, people):
        """Whether the place of `chains` is on the side of the places in `people`'s titles;
        None when a title names no place."""
        place_side = self.side_of_surface(chains[0][-1][2], [item[2] for item in chains[0][:-1]])
        sides = {found[0][1] for person in people[1] if (found := self.title_regions(person.title, []))}
        if place_side is None or len(sides) != 1 or None in sides:
            return None
        return sides == {place_side}

    def team_leads(self):
        """来自北京天坛医院的13位专家教授…: a team named only by where its people came from,
        in a report with no delegation sentence (a free clinic, a school group). The place
        in the name of their body is where they came from."""
        found = []
        for index, sentence in enumerate(self.sentences[: self.lead_scope()]):
            match = _FROM_GROUP.search(sentence.text)
            if not match:
                continue
            places = self.lexicon.regions.find_all(match["origin"])
            if not places:
                continue
            entry = self.lexicon.regions.resolve(places[0][2])
            if entry is None or entry.side is None:
                continue
            self.origin_text[index] = entry.name if entry.level == "province" else places[0][2]
            self.member_people[sentence.start] = [Named(name="", title=match["group"])]
            chains, rest_start = self.destination_after(sentence.text, match.end())
            found.append((index, "来自…的专家", "", None, chains, sentence.text[rest_start:]))
            self.warnings.append(f"代表团：报道没有代表团句，按“来自{match['origin']}的…”推断为一次来访，请核对")
            break
        return found

    def joint_event_leads(self):
        """北京儿童医院与内蒙古自治区妇幼保健院…签约仪式在呼和浩特市举行: an event of a body of each
        side, held in a place of one of them, is a trip of the other side's people there. With
        no place, or both parties on one side, it tells nothing of who travelled."""
        for index, sentence in enumerate(self.sentences[: self.lead_scope()]):
            if not _MEETING_NOUN_RE.search(sentence.text):
                continue
            match = _JOINT_EVENT.search(sentence.text)
            later = None if match else _EVENT_THEN_PARTIES.search(sentence.text)
            organized = None if match or later else _ORGANIZED_WITH.search(sentence.text)
            held = organized and next(
                (
                    found
                    for number in range(index)
                    if self.is_headline(number) and (found := _HELD_IN_HEADLINE.search(self.sentences[number].text))
                ),
                None,
            )
            if not match and not later and not held:
                continue
            if held:
                match, place, parties = organized, held["place"], (organized["a"], organized["b"])
            elif later:
                match, place, parties = later, later["place1"], (later["a"], later["b"])
            else:
                place = match["place1"] or match["place2"]
                # The second party runs on into the event's title: 西城区京蒙协作联席会议.
                place_start = match.start("place1" if match["place1"] else "place2")
                parties = (match["a"], sentence.text[match.end("a") : place_start])
            sides = [self.party_side(party) for party in parties]
            if None in sides or sides[0] == sides[1]:
                continue
            found = self.lexicon.regions.find_all(place)
            if not found:
                # …揭牌仪式”在市医院隆重举行: the place is one party's body, shortened; its
                # region is that party's.
                hosts = [party for party in parties if len(place) >= 3 and place in party]
                found = self.lexicon.regions.find_all(hosts[0])[:1] if len(hosts) == 1 else []
                place = found[0][2] if found else place
            if not found:
                continue
            several = "、" in place and (
                len(found) <= place.count("、") or any(self.side_of_surface(item[2]) is None for item in found)
            )
            if several:
                continue  # 先后在重庆、北京举办…: events in several provinces are no visit to one side
            place_side = self.side_of_surface(found[-1][2], [item[2] for item in found[:-1]])
            if place_side not in sides:
                continue
            visitors = parties[0] if sides[0] != place_side else parties[1]
            # 北京市鼓楼中医医院, later 鼓楼中医院副院长闫志刚: the visitors' body by its own name.
            self.visiting_body = visitors[self.lexicon.regions.find_all(visitors)[-1][1] :]
            surface = self.lexicon.regions.find_all(visitors)[-1][2]
            entry = self.lexicon.regions.resolve(surface)
            self.origin_text[index] = entry.name if entry and entry.level == "province" else surface
            chains, _end = self.region_chains(place, 0)
            if not chains:
                chains = [found]
            self.warnings.append(
                f"代表团：报道没有代表团句，按{place}举行的活动推断{self.origin_text[index]}一方来访，请核对"
            )
            return [(index, "…与…在…举行", "", None, chains[-1:], sentence.text)]
        return []

    def ceremony_leads(self):
        """…开工奠基仪式在呼和浩特市举行。…北京友谊医院党委副书记、院长张澍田出席并讲话: a ceremony held
        in a place of one side, where someone whose post opens with a place of the other side attends
        and speaks, is a trip of theirs to it, and they lead. Attending alone (…出席仪式) tells nothing
        of who travelled, nor does a ceremony with no place or one of no side (…在石景山景园假日酒店举办,
        attended by those of its own side)."""
        for index, sentence in enumerate(self.sentences[: self.lead_scope()]):
            held = _CEREMONY_HELD.search(sentence.text)
            found = self.lexicon.regions.find_all(held["place"]) if held else []
            if not found:
                continue
            place_side = self.side_of_surface(found[-1][2], [item[2] for item in found[:-1]])
            if place_side is None:
                continue
            for later in range(index + 1, min(len(self.sentences), index + 4)):
                text = self.sentences[later].text
                for spoke in _ATTENDED_AND_SPOKE.finditer(text):
                    clause = max(text.rfind("，", 0, spoke.start()), text.rfind(",", 0, spoke.start())) + 1
                    leaders = self.leaders_from(text[clause : spoke.start()])
                    if not leaders:
                        continue
                    sides = {self.side_of_surface(title_place[2]) for title_place in self.title_places(leaders[1])}
                    if len(sides) != 1 or None in sides or place_side in sides:
                        continue
                    chains, _end = self.region_chains(held["place"], 0)
                    self.warnings.append(
                        f"代表团：报道没有代表团句，按在{held['place']}举行的仪式上出席并讲话的另一方人员推断来访，请核对"
                    )
                    return [(later, "…出席在…举行的仪式", "", leaders, (chains or [found])[-1:], text[spoke.end() :])]
        return []

    def writers_meeting_leads(self):
        """北京化工大学帮扶内蒙古科尔沁左翼中旗…2017年工作对接会在我校召开。…科左中旗旗委书记刘百田…出席: a
        meeting held at the writer's own body, attended by someone whose post opens with a place of one
        side, in a report that names the other side (北京化工大学), is their visit to the writer, and the
        first of them leads. A meeting at home attended by the writer's own people tells of no one's trip."""
        for index, sentence in enumerate(self.sentences[: self.lead_scope()]):
            if not _HELD_AT_WRITERS.search(sentence.text):
                continue
            for later in range(index, min(len(self.sentences), index + 3)):
                text = self.sentences[later].text
                for item in re.split(r"[，,；;]", text):
                    visitors = self.leaders_from(_ATTEND_VERB_TAIL.sub("", item))
                    places = self.title_places(visitors[1][:1]) if visitors else []
                    side = self.side_of_surface(places[0][2]) if places else None
                    if side is None:
                        continue
                    other = RegionSide.SUPPORT if side == RegionSide.RECIPIENT else RegionSide.RECIPIENT
                    if not re.search("北京|京蒙" if other == RegionSide.SUPPORT else "内蒙古|京蒙", self.text):
                        return []
                    chains = [self.lexicon.regions.find_all("北京市")] if other == RegionSide.SUPPORT else []
                    self.warnings.append(
                        f"代表团：报道没有代表团句，按在本单位召开的会议上出席的另一方人员{visitors[1][0].name}推断来访，请核对"
                    )
                    return [(index, "…会在我校召开", "", (visitors[0], visitors[1][:1]), chains, "")]
        return []

    def arrival_leads(self):
        """2025扎赉特旗农牧民那达慕，7日在内蒙古自治区兴安盟扎赉特旗巴达尔胡赛马场开幕…这些北京孩子跨越
        千里来草原: people told by the place they are from (北京孩子) who came to where an event the
        report opened with was held, in a place of the other side, made a trip there. People
        told without their place (141位医疗专家前来该旗) or an arrival with no such event are left."""
        held = None
        for index, sentence in enumerate(self.sentences[: self.lead_scope()]):
            if held is None or self.is_headline(index):
                event = _EVENT_HELD_AT.search(sentence.text) if not self.is_headline(index) else None
                chains = self.region_chains(sentence.text, event.start("place"))[0] if event else []
                if chains:
                    held = chains[-1]
                continue
            arrival = _PEOPLE_ARRIVE.search(sentence.text)
            found = self.lexicon.regions.find_all(arrival["home"]) if arrival else []
            if not found or found[-1][1] != len(arrival["home"]):
                continue
            home_side = self.side_of_surface(found[-1][2], [item[2] for item in found[:-1]])
            place_side = self.side_of_surface(held[-1][2], [item[2] for item in held[:-1]])
            if home_side is None or place_side is None or home_side == place_side:
                continue
            self.origin_text[index] = found[-1][2]
            self.warnings.append(
                f"代表团：报道没有代表团句，按“{arrival['people']}…{arrival['verb']}”和在{held[-1][2]}举行的活动推断来访，请核对"
            )
            return [(index, "…地的人来到…举行的活动", "", None, [held], sentence.text[arrival.end() :])]
        return []

    def title_places(self, people):
        """The first place printed in each person's post, as `find_all` gives it; none for a post
        that names no place."""
        places = []
        for person in people:
            found = self.lexicon.regions.find_all(person.title)
            if not found:
                return []
            places.append(found[0])
        return places

    def talks_leads(self):
        """鄂伦春自治旗委书记王兴在北京与西城区委书记刘东伟座谈: whoever talks in a place of the
        other side than their title's travelled there, and leads; the other is a host."""
        for index, sentence in enumerate(self.sentences[: self.lead_scope()]):
            match = _TALKS_AT.search(sentence.text)
            if not match:
                continue
            found = self.lexicon.regions.find_all(match["place"])
            visitors = self.leaders_from(match["who"])
            hosts = self.leaders_from(match["other"])
            if not found or visitors is None or hosts is None:
                continue
            place_side = self.side_of_surface(found[-1][2], [item[2] for item in found[:-1]])
            sides = {
                self.side_of_surface(surface)
                for person in visitors[1]
                for _, _, surface, _ in self.lexicon.regions.find_all(person.title)
            }
            other_side = RegionSide.SUPPORT if place_side == RegionSide.RECIPIENT else RegionSide.RECIPIENT
            if place_side is None or sides != {other_side}:
                continue
            chains, _end = self.region_chains(match["place"], 0)
            self.hosts_by_sentence[index] = match["other"]
            self.warnings.append(f"代表团：报道没有代表团句，按在{match['place']}的座谈推断为一次来访，请核对")
            # What follows 与 is read for the district they met (北京 → 西城区) and the purpose.
            return [(index, "…在…与…座谈", "", visitors, chains[-1:] or [found], sentence.text[match.start("other") :])]
        return []

    def service_leads(self):
        """首都医科大学附属北京胸科医院胸外科主任医师黄少君、…在察右中旗人民医院开展…义诊活动:
        people whose posts are of one side serving in a place of the other side travelled
        there; they are the team, and none of them is said to lead it."""
        for index, sentence in enumerate(self.sentences[: self.lead_scope()]):
            match = _SERVICE_AT.search(sentence.text)
            if not match:
                continue
            found = self.lexicon.regions.find_all(match["place"])
            people = self.parse(_TIME_WORDS.sub("", match["who"]))
            if not found or not people or not all(person.name and person.title for person in people):
                continue
            place_side = self.side_of_surface(found[-1][2], [item[2] for item in found[:-1]])
            homes = [self.lexicon.regions.find_all(person.title) for person in people]
            sides = {self.side_of_surface(home[0][2]) for home in homes if home}
            if place_side is None or len(sides) != 1 or place_side in sides:
                continue
            entry = self.lexicon.regions.resolve(homes[0][0][2]) if homes[0] else None
            home = next(home for home in homes if home)
            self.origin_text[index] = entry.name if entry and entry.level == "province" else home[0][2]
            self.member_people[sentence.start] = people
            self.warnings.append(f"代表团：报道没有代表团句，按在{match['place']}的服务推断为一次来访，请核对")
            return [(index, "…在…开展义诊", "", None, [found], sentence.text[match.start("place") :])]
        return []

    def party_side(self, party):
        found = self.lexicon.regions.find_all(party)
        if not found:
            return None
        return self.side_of_surface(found[0][2])

    def inviting(self, destinations, sentence):
        """应丰台区邀请，扎赉特旗党政代表团赴京考察: the one who invited is where the group went,
        when the lead names only the province."""
        if len(destinations) != 1 or destinations[0].level != "province":
            return destinations
        invited = _INVITED.search(sentence.text)
        found = self.lexicon.regions.find_all(invited["host"]) if invited else []
        if len(found) != 1 or self.side_of_surface(found[0][2]) != destinations[0].side:
            return destinations
        self.warnings.append(f"目的地：报道写“应{invited['host']}邀请”，取{found[0][2]}")
        return [self.mention_of([found[0]], sentence)]

    def narrowed_next(self, destinations, name, index):
        """…是北京教育考察团赴内蒙古自治区考察调研的重要内容之一。3月15日-17日，北京教育考察团赴
        内蒙古自治区商都县、卓资县…: the group named again in the next sentences, going to places
        inside the province the lead names, went there."""
        if len(destinations) != 1 or destinations[0].level != "province" or len(name) < 3:
            return destinations
        for later in self.sentences[index + 1 : index + 3]:
            named = later.text.find(name)
            travel = _TRAVEL.match(later.text, named + len(name)) if named >= 0 else None
            if travel is None or not travel["go"]:
                continue
            # Only the places listed right after the verb: 乌兰察布职业学院 later on is a stop.
            _chains, end = self.region_chains(later.text, travel.end())
            narrowed = self.narrowed(destinations, later.text[travel.end() : end], later)
            if narrowed is not destinations:
                return narrowed
        return destinations

    def narrowed(self, destinations, rest, sentence):
        """…一行来京，与西城区对接… / 赴内蒙古考察，先后到乌兰察布市察右前旗、商都县…: the places
        the lead names inside the province it went to are the destinations, as the lead prints
        them (a place listed after 、 shares the parents of the one before it)."""
        if len(destinations) != 1 or destinations[0].level != "province":
            return destinations
        province = destinations[0]
        found, end = [], 0
        for start, _end, _surface, _entries in self.lexicon.regions.find_all(rest):
            if start < end:
                continue
            chains, end = self.region_chains(rest, start)
            parents = []
            for chain in chains:
                chain = [link for link in chain if self.lexicon.regions.resolve(link[2]) is not None]
                entries = [self.lexicon.regions.resolve(link[2]) for link in chain]
                if not chain or entries[-1].level == "province" or province.full_name not in entries[-1].ancestors:
                    continue
                if len(chain) == 1 and parents:
                    chain = parents + chain
                parents = chain[:-1]
                if chain[-1][2] not in [place.name for place in found]:
                    found.append(self.mention_of(chain, sentence))
        if found:
            names = "、".join(place.name for place in found)
            self.warnings.append(f"目的地：代表团句写“{province.name}”，按同句的{names}细化")
        return found or destinations

    def our_place(self, place, origin, sentence):
        """我旗 in a host's report: the first place of that level on the other side than
        the visitors' that the report names; 我旗 as written, on that side, when none is."""
        ours = _OUR_PLACE.fullmatch(place.name)
        if not ours:
            return place
        other = None
        if origin is not None and origin.side is not None:
            other = RegionSide.RECIPIENT if origin.side == RegionSide.SUPPORT else RegionSide.SUPPORT
        if ours["level"] in _RECIPIENT_LEVELS:
            # 旗, 盟, 苏木 exist only in Inner Mongolia: 我旗 is there, whoever came.
            other = RegionSide.RECIPIENT
        for _start, _end, surface, _entries in self.lexicon.regions.find_all(self.text):
            if surface.endswith(ours["level"]) and (other is None or self.side_of_surface(surface) == other) and (
                origin is None or surface != origin.name
            ):
                self.warnings.append(f"目的地：报道写“{place.name}”，按文中的{surface}推断")
                found = self.mention_of([(0, 0, surface, [])], sentence)
                return found
        place.side = other
        self.warnings.append(f"目的地：报道写“{place.name}”，文中没有可对应的地名")
        return place

    def destinations_named_before(self):
        """北京房山、门头沟、顺义、朝阳、海淀区和延庆县对乌兰察布市六旗县的帮扶…。…吴永新亲自带队对北京市这六个
        区县进行了答谢慰问: the places the lead counts (这六个区县) are the ones of that number the report
        listed before it, on the same side, in the order printed — and the reviewer is told so."""
        delegation = self.delegation
        if delegation is None or self.lead_index is None or not delegation.destinations:
            return
        these = _THESE_PLACES.search(self.sentences[self.lead_index].text)
        if not these:
            return
        count = int(these["count"]) if these["count"].isdigit() else _CHINESE_DIGITS[these["count"]]
        side = delegation.destinations[-1].side
        for sentence in reversed(self.sentences[: self.lead_index]):
            places = self.listed_places(sentence, count, side)
            if places:
                named = "、".join(place.name for place in places)
                self.warnings.append(f"目的地：代表团句写“{these.group()}”，按前文列出的{named}")
                delegation.destinations = places
                return

    def listed_places(self, sentence, count, side):
        """The places of a list of `count` items (北京房山、门头沟、顺义、朝阳、海淀区和延庆县) whose items the
        table holds are all of `side`; an item the table holds only by a short name (房山, 顺义) is kept
        as printed."""
        text = sentence.text
        found = self.lexicon.regions.find_all(text)
        for first in range(len(found)):
            for last in range(first, min(len(found), first + count)):
                start, end = found[first][0], found[last][1]
                if _LIST_SEPARATOR.match(text, end) or (start and _LIST_SEPARATOR.match(text[start - 1])):
                    continue  # a part of a longer list
                items = _LIST_SEPARATOR.split(text[start:end])
                if len(items) != count or not all(_PLACE_ITEM.fullmatch(item) for item in items):
                    continue
                if {self.side_of_surface(item[2]) for item in found[first : last + 1]} != {side}:
                    continue
                places = []
                for item in items:
                    held = self.lexicon.regions.find_all(item)
                    chain = [tuple(link) for link in held if link[1] <= len(item)]
                    if not chain or chain[-1][1] < len(item):
                        start = chain[-1][1] if chain else 0
                        chain.append((start, len(item), item[start:], []))
                    places.append(self.mention_of(chain, sentence))
                return places
        return []

    def stops_within_destination(self, visits):
        """深入科右中旗高力板镇赛罕塔拉嘎查 after 深入科右中旗调研: the banner is where the group
        went; the stop is the town's village in it."""
        if self.delegation is None:
            return
        for visit in visits:
            for place in self.delegation.destinations:
                rest = visit.place[len(place.name) :]
                if visit.place.startswith(place.name) and _SMALLER_PLACE.match(rest):
                    visit.place = rest
                    break

    def within_one_side(self):
        """A group that goes from one place of Inner Mongolia to another (or inside Beijing)
        makes no visit between the two sides: the text is not a trip for this site."""
        origin = self.delegation.origin
        destinations = self.delegation.destinations
        if origin is None or origin.side is None or not destinations:
            return False
        if any(place.side != origin.side for place in destinations):
            return False
        names = "、".join(place.name for place in destinations)
        self.warnings.append(f"行程：出发地{origin.name}与目的地{names}在同一方，不是京蒙之间的考察")
        return True

    def unsaid_origin_on_one_side(self):
        """北京市回民医院医务科带队…前往北京市延庆区康庄镇刁千营村, 旗政协党组书记、主席…带队…赴杭锦后旗、
        五原县、临河区: a group whose origin the report does not write, going to places of one side, makes
        a journey inside that side when every other place its lead names before the destination is of that
        side (北京市回民医院), or when its leader's post opens with a level only that side has (旗政协, 盟委:
        banners and leagues are Inner Mongolia's). A lead that names no other place and a leader with no
        such post are left alone: a Beijing university's team (中国农业大学…) writes no place of its own."""
        delegation = self.delegation
        if delegation.origin is not None or not delegation.destinations:
            return False
        sides = {self.side_of_surface(place.name, place.parents) for place in delegation.destinations}
        if len(sides) != 1 or None in sides:
            return False
        (side,) = sides
        # The body that leads the team, before the destination is written (北京市回民医院医务科带队…前往…):
        # a place in its name is where the team comes from.
        lead = self.text[delegation.span[0] : delegation.span[1]]
        cut = lead.find(delegation.destinations[0].name)
        leading = _BODY_LEADS.search(lead, 0, max(cut, 0))
        around = [surface for _, _, surface, _ in self.lexicon.regions.find_all(leading["body"])] if leading else []
        if around and {self.side_of_surface(surface) for surface in around} == {side}:
            reason = f"带队的{leading['body']}也在这一方"
        elif side == RegionSide.RECIPIENT and any(
            _OWN_LEVEL_POST.match(mention.title) for mention in self.lead_mentions
        ):
            reason = "带队者的职务是旗、盟一级的（只有内蒙古有）"
        else:
            return False
        names = "、".join(place.name for place in delegation.destinations)
        self.warnings.append(f"行程：报道没有写出发地，目的地{names}在同一方，{reason}，不是京蒙之间的考察")
        return True

    def journey_from_nowhere(self):
        """一中一行12名教师…开始了为期七天的鄂尔多斯市之行: a group told by no name and no leader, whose
        only journey is a noun, and whose origin neither the text nor the other side's places give,
        may be a trip inside one side as well as between the two: refused, saying why."""
        delegation = self.delegation
        if delegation.rule != "…一行开始…之行" or delegation.origin is not None:
            return False
        self.warnings.append("行程：报道只写了一次“…之行”，没有写出发地，看不出是不是京蒙之间的往来")
        return True

    def lacks_other_side(self):
        """东城区代表团来我市考察 (巴中), 鄂尔多斯市党政考察团来我市 (another city of the region),
        乌兰察布市政协主席一行来我区 (a district of another province), 乌兰察布市市长…一行到我司 (a company
        that prints no place of its own): a report written by the host place or body (来我市, 到我司), or
        one whose host the reader cannot place and that tells of no pairing (莅临朝晖初中), names where
        its visitors came from; when that place is of one side and no place of the other side is named
        anywhere in the report, the visit is not between Beijing and Inner Mongolia. A
        group from the writer's own place (我县党政代表团赴北京…) is left alone: its 我县 is on the other
        side by the report's own account."""
        delegation = self.delegation
        origin = delegation.origin
        if origin is None or origin.name.startswith("我"):
            return False
        side = self.side_of_surface(origin.name, origin.parents)
        to_writer = any(place.name.startswith("我") for place in delegation.destinations)
        if not to_writer and not delegation.destinations:
            # 乌兰察布市市长…等一行到我司参观考察 (a company printing no place of its own), …教育局代表团一行
            # 莅临朝晖初中 (a school in 杭州): no place the group went to is read, and the report tells of
            # no pairing the host would be the other side of (宁城蒙医中医院领导一行来我院…签订对口支援协议
            # does: a paired hospital of the other side).
            to_writer = not _PAIRING.search(self.text)
        if side is None or not to_writer:
            return False
        # A side the reader guessed for 我市 (the other side than the visitors') is no place named.
        named = {self.side_of_surface(place.name, place.parents) for place in delegation.destinations}
        if named - {None, side} or self.names_other_side(side):
            return False
        self.warnings.append("行程：全文只写到一方的地方，没有另一方（北京或内蒙古），不是京蒙之间的考察")
        return True

    def names_other_side(self, side):
        """Whether the text names the side other than `side` anywhere: 京蒙, the words a report of that
        side uses for its own (北京, 来京, 首都; 内蒙, 我旗, 我盟), or a place of it."""
        if _SIDES_PAIRED.search(self.text):
            return True
        other = RegionSide.RECIPIENT if side == RegionSide.SUPPORT else RegionSide.SUPPORT
        if _BEIJING_WORD.search(self.text) if other == RegionSide.SUPPORT else _OUR_BANNER.search(self.text):
            return True
        return any(
            self.side_of_surface(surface) == other for _, _, surface, _ in self.lexicon.regions.find_all(self.text)
        )

    def names_one_side_only(self):
        """北京中医药大学第三附属医院…组织医疗团队赴桑植县洪家关白族乡和瑞塔铺镇开展义诊活动: a group from one side
        going to a place the region table does not hold, printed under a county or city of its own (桑植县:
        another province's), in a report that names no place of the other side anywhere, nor 京蒙, nor the
        words a report of that side uses for its own (北京, 来京, 首都; 内蒙, 我旗, 我盟) — a visit of another
        pairing, not one of this site's trips; so too a group whose origin the lead does not write, going to
        places of one side, that the hosts address with a place of its own the table does not hold
        (于军…对聊城市代表团一行的到来表示欢迎, at 海淀区). A destination the table does not hold and that is
        printed under no county or city (a town, a hospital) is left alone: it may be of either side."""
        delegation = self.delegation
        origin = delegation.origin
        outside = False
        if origin is None:
            # 对聊城市代表团一行的到来表示欢迎: the group, named with its own place, the table does not hold.
            sides = {self.side_of_surface(place.name, place.parents) for place in delegation.destinations}
            if len(sides) != 1 or None in sides or any(p.name.startswith("我") for p in delegation.destinations):
                return False
            (side,) = sides
            outside = any(
                self.lexicon.regions.resolve(match["place"]) is None for match in _PLACED_GROUP.finditer(self.text)
            )
        elif origin.name.startswith("我"):
            return False
        else:
            side = self.side_of_surface(origin.name, origin.parents)
            if side is None:
                return False
        for place in delegation.destinations:
            named = self.side_of_surface(place.name, place.parents)
            if named is not None and named != side:
                return False
            for name in (place.name, *place.parents):
                if _OUTSIDE_PLACE.fullmatch(name) and self.lexicon.regions.resolve(name) is None:
                    outside = True
        if not outside or self.names_other_side(side):
            return False
        self.warnings.append("行程：目的地在北京、内蒙古以外，全文也没有写到另一方，不是京蒙之间的考察")
        return True

    def names_neither_side(self):
        """天津市南开区委书记…率党政代表团来庆城县、环县: a group from a place the region table does
        not hold, to places it does not hold either, in a text that names no place of Beijing or
        Inner Mongolia, nor 京蒙, nor the words a report of either side uses for its own (北京, 首都,
        来京; 内蒙, 我旗, 我盟) — a visit of another pairing, not one of this site's trips."""
        delegation = self.delegation
        places = [delegation.origin] if delegation.origin is not None else []
        places += delegation.destinations
        if any(place.name.startswith("我") or self.side_of_surface(place.name, place.parents) for place in places):
            return False
        # A place written as one (庆城县; 天津市 opening a leader's post) that the table does not
        # hold; 塞外小城 or a town's name alone may still be of either side.
        written = [place.name for place in places if not place.full_name]
        written += [match.group() for mention in self.lead_mentions if (match := _OUTSIDE_PLACE.match(mention.title))]
        if not any(self.lexicon.regions.resolve(name) is None for name in written if _OUTSIDE_PLACE.fullmatch(name)):
            return False
        if _SIDES_PAIRED.search(self.text) or _BEIJING_WORD.search(self.text) or _OUR_BANNER.search(self.text):
            return False
        for _, _, surface, _ in self.lexicon.regions.find_all(self.text):
            if self.side_of_surface(surface) is not None:
                return False
        self.warnings.append("行程：出发地和目的地都不是北京或内蒙古的地方，全文也没有写到两地，不是京蒙之间的考察")
        return True

    def goes_outside_both(self):
        """…包玉莲带队与自治区人大代表王荣华等一行5人，赴吉林省长春市农安县…考察学习: a group whose origin the
        lead does not write, going only to places printed under a province, city or county the region
        table does not hold (吉林省长春市农安县), in a text that names one side only (兴安盟, 自治区) and not
        京蒙 — a visit from that side to a third place, not one between Beijing and Inner Mongolia."""
        delegation = self.delegation
        if delegation.origin is not None or not delegation.destinations:
            return False
        for place in delegation.destinations:
            if place.name.startswith("我") or self.side_of_surface(place.name, place.parents) is not None:
                return False
            names = (place.name, *place.parents)
            if not any(_OUTSIDE_PLACE.fullmatch(name) and self.lexicon.regions.resolve(name) is None for name in names):
                return False
        if _SIDES_PAIRED.search(self.text):
            return False
        named = {self.side_of_surface(surface) for _, _, surface, _ in self.lexicon.regions.find_all(self.text)}
        if _BEIJING_WORD.search(self.text):
            named.add(RegionSide.SUPPORT)
        if _OUR_BANNER.search(self.text):
            named.add(RegionSide.RECIPIENT)
        if len(named - {None}) != 1:
            return False
        places = "、".join(place.name for place in delegation.destinations)
        self.warnings.append(f"行程：目的地{places}在北京、内蒙古以外，全文只写到一方，不是京蒙之间的考察")
        return True

    def from_outside(self):
        """郧西县代表团赴平谷区, 县党政考察团到北京市通州区 (written by 我县 of Shandong): a group
        from a place the region table does not hold, or from the writer's unnamed county, to
        places of one side only, in a text that names no place of the other side nor the words
        a report of that side uses for its own (京蒙; 内蒙, 我旗, 旗/盟/苏木 in a post; 北京, 来京) —
        a visit of another pairing, not one of this site's trips."""
        delegation = self.delegation
        origin = delegation.origin
        if origin is not None:
            # 郧西县: a place by its level that the table does not hold.
            if origin.side or self.side_of_surface(origin.name, origin.parents):
                return False
            if not _OUTSIDE_PLACE.fullmatch(origin.name) or self.lexicon.regions.resolve(origin.name) is not None:
                return False
        else:
            # 县党政考察团 in a report of 我县: the writer's own place, by its level alone.
            level = re.match(r"(?P<level>县|市|区)[^县市区]", delegation.name or "")
            ours = _OUR_PLACE.search(self.text)
            if not level or not ours or ours["level"] != level["level"]:
                return False
        sides = {self.side_of_surface(place.name, place.parents) or place.side for place in delegation.destinations}
        if len(sides) != 1 or None in sides:
            return False
        other = RegionSide.RECIPIENT if sides == {RegionSide.SUPPORT} else RegionSide.SUPPORT
        if _SIDES_PAIRED.search(self.text):
            return False
        if other == RegionSide.SUPPORT and _BEIJING_WORD.search(self.text):
            return False
        posts = [delegation.name or "", *(person.title for person in self.lead_mentions)]
        if other == RegionSide.RECIPIENT and (
            _OUR_BANNER.search(self.text) or any(_RECIPIENT_POST.search(post) for post in posts)
        ):
            return False
        for _, _, surface, _ in self.lexicon.regions.find_all(self.text):
            if self.side_of_surface(surface) == other:
                return False
        self.warnings.append("行程：出发地不是北京或内蒙古的地方，全文也没有写到另一方，不是京蒙之间的考察")
        return True

    def destinations_from_stops(self, visits):
        """来我区考察 names no place the table knows: the counties the stops are in, on the
        hosts' side, in the order visited, are where the group went — and the reviewer is
        told so."""
        delegation = self.delegation
        if delegation is None or any(place.full_name for place in delegation.destinations):
            return
        hosts = None
        if self.origin_side is not None:
            hosts = RegionSide.RECIPIENT if self.origin_side == RegionSide.SUPPORT else RegionSide.SUPPORT
        found, names = [], set()
        for visit in visits:
            chain = []
            for start, end, surface, entries in self.lexicon.regions.find_all(visit.place):
                chain.append((start, end, surface, entries))
                entry = self.lexicon.regions.resolve(surface, [link[2] for link in chain[:-1]])
                if entry is None or entry.level != "county" or entry.name in names:
                    continue
                if hosts is not None and entry.side != hosts:
                    continue
                names.add(entry.name)
                found.append(self.mention_of(list(chain), self.sentences[0]))
                found[-1].span = visit.span
        if found:
            written = "、".join(place.name for place in delegation.destinations)
            said = f"写“{written}”" if written else "没有写地名"
            self.warnings.append(f"目的地：代表团句{said}，按实地考察点所在的旗县区推断")
            delegation.destinations = found
            return
        if delegation.destinations and all(place.name.startswith("我") for place in delegation.destinations):
            # 一行来我市开展…。活动中，艺术家们分别赴康巴什区、达拉特旗等地…: the counties of the
            # hosts' side the next sentences send the group to are where it went.
            lead = self.lead_index if self.lead_index is not None else 0
            for sentence in self.sentences[lead + 1 : lead + 3]:
                went = _GONE_ON_TO.search(sentence.text)
                chains = self.region_chains(sentence.text, went.end())[0] if went else []
                places = [self.mention_of(chain, sentence) for chain in chains]
                if places and all(
                    (entry := self.lexicon.regions.resolve(place.name, place.parents)) is not None
                    and entry.level == "county"
                    and (hosts is None or entry.side == hosts)
                    for place in places
                ):
                    written = "、".join(place.name for place in delegation.destinations)
                    # The place is found after all: no warning that it was not.
                    self.warnings = [w for w in self.warnings if not w.endswith("文中没有可对应的地名")]
                    self.warnings.append(f"目的地：代表团句写“{written}”，按后文“{went.group()}…”推断")
                    delegation.destinations = places
                    return

    def headlines_before(self, lead_index):
        """The headlines above the lead, read after it: its purpose (…到察右后旗调研) when the
        lead gives none (…来到察右后旗，就进一步对接…)."""
        return "。" + "。".join(self.sentences[i].text for i in range(lead_index) if self.is_headline(i))

    def headline_name(self, lead_index, destinations):
        """The lead names no group (…付兆庚率…相关负责同志赴…武川县): the headline may, going to the
        same place (门头沟区党政代表团赴呼和浩特市武川县开展…)."""
        places = {place.name for place in destinations}
        for index in range(lead_index):
            if not self.is_headline(index):
                continue
            text = self.sentences[index].text
            match = _HEADLINE_GROUP.search(text)
            if not match:
                continue
            chains, _end = self.destination_after(text, match.end())
            if places & {chain[-1][2] for chain in chains}:
                self.warnings.append(f"代表团名称：取自标题“{match['name']}”")
                return match["name"]
        return ""

    def named_after(self, lead_index):
        """…带队，…赴突泉县和察右中旗调研。…考察组到达乌兰浩特后…: the lead names no group, the
        next sentences call it by its noun as their subject."""
        # 研学团抵达海拉尔后，…: the group's noun may come a few paragraphs on, after a section
        # heading and the scene of its arrival.
        for sentence in self.sentences[lead_index + 1 : lead_index + 8]:
            match = _GROUP_OPENS.match(sentence.text) or _GROUP_ADDRESSED.search(sentence.text)
            if match:
                self.warnings.append(f"代表团名称：取自后文“{match['name']}”")
                return match["name"]
        return ""

    def headline_destinations(self, lead_index):
        """The lead names no place (…赴中国农科院…开展对接): the headline may (…科技局赴京…)."""
        for index in range(lead_index):
            if not self.is_headline(index):
                continue
            sentence = self.sentences[index]
            for go in itertools.islice(_GO_RE.finditer(sentence.text), 5):
                chains, _end = self.destination_after(sentence.text, go.start())
                if chains:
                    self.warnings.append("目的地：代表团句没有写地名，取自标题")
                    return [self.mention_of(chain, sentence) for chain in chains]
        return []

    def origin_by_side(self, destinations, lead_index):
        """No place in the group's name or the leader's title: the visitors come from the
        other side of the program than where they went, and the place is the first of that
        side the report names up to the lead (a column label such as 兴安盟, a headline)."""
        sides = {place.side for place in destinations if place.side}
        if len(sides) != 1:
            return None
        wanted = RegionSide.SUPPORT if sides == {RegionSide.RECIPIENT} else RegionSide.RECIPIENT
        for sentence in self.sentences[: lead_index + 1]:
            if _PAGE_HEADER.search(sentence.text):
                continue  # 北京青年报客户端 2020-11-09 18:36: the page's source, not the visitors'
            go = _GO_RE.search(sentence.text)
            short = self.short_place(sentence.text[: go.start()]) if go else None
            if short and short[1].side == wanted:
                # 朝阳六里屯街道赴内蒙古…: a body that went, its district named short.
                self.warnings.append(f"出发地：按单位名中的“{short[0]}”推断为{short[1].name}")
                return self.mention_of([(0, len(short[0]), short[1].name, [short[1]])], sentence)
            for start, end, surface, entries in self.lexicon.regions.find_all(sentence.text):
                chain = [(start, end, surface, entries)]
                if self.side_of_surface(surface) == wanted:
                    # 北京市房山区委…: the most precise place of the ones written together.
                    chains, _end = self.region_chains(sentence.text, start)
                    if chains and chains[0][-1][3] and self.side_of_surface(chains[0][-1][2]) == wanted:
                        chain = chains[0]
                    place = chain[-1][2]
                    self.warnings.append(f"出发地：报道没有写明，按{place}推断")
                    return self.mention_of(chain, sentence)
        return None

    def home_from_return(self, destinations, sentence):
        """…跟随医疗组回到北京: where the group went back to is where it came from."""
        sides = {place.side for place in destinations if place.side}
        for match in itertools.islice(_RETURN.finditer(self.text), 5):
            surface = "北京" if match["place"].startswith("京") else match["place"]
            found = self.lexicon.regions.find_all(surface)
            if not found:
                continue
            entry = self.lexicon.regions.resolve(found[0][2])
            if entry is None or entry.side is None or entry.side in sides:
                continue
            name = entry.name if entry.level == "province" else found[0][2]
            self.warnings.append(f"出发地：报道没有写明，按“{match.group()}”推断为{name}")
            return self.mention_of([(0, 0, name, [])], sentence)
        return None

    def is_headline(self, index):
        """A line at the top with no full stop, alone in its paragraph: a headline or a
        column label (兴安盟), however many of them come before the body."""
        if index >= self.lead_scope():
            return False
        for number in range(index + 1):
            sentence = self.sentences[number]
            alone = all(
                other.paragraph != sentence.paragraph
                for other in self.sentences[max(0, number - 1) : number + 2]
                if other is not sentence
            )
            if sentence.text[-1] in "。！？!?" or not alone:
                return False
        return True

    def sides_from_neighbour_lists(self):
        """院长倪鑫，院办副主任王晓瑜…出席会议。内蒙古自治区卫生健康委副主任萨仁其木格…参会: two lists
        of those who attended, one after the other, are the two sides; a list with no place in
        any title is the side the list beside it is not (a guess, marked for the reviewer)."""
        if self.delegation is None:
            return
        lists = collections.defaultdict(list)  # sentence → the mentions of its attendance list
        for mention in self.mentions:
            if mention.verb in ("出席", "参加", "参会", "列席", "参与"):
                lists[mention.position[0]].append(mention)
        sides = {index: {self.side_of_mention(mention) for mention in found} for index, found in lists.items()}
        for index, found in lists.items():
            if sides[index] != {None}:
                continue
            for neighbour in (index - 1, index + 1):
                beside = sides.get(neighbour, set())
                if len(beside) == 1 and None not in beside:
                    other = ParticipantSide.HOST if beside == {ParticipantSide.VISITING} else ParticipantSide.VISITING
                    for mention in found:
                        mention.guessed_side = other
                    break

    def fill_leaders(self):
        """When the lead names no leader, a clerk takes the one a later sentence calls
        “X一行”, or else the first visitor in the list of officials; the second is a
        guess and says so."""
        if self.delegation is None or self.lead_mentions:
            return
        visitors = [
            mention
            for mention in sorted(self.mentions, key=lambda mention: mention.position)
            if mention.name
            and self.side_of_mention(mention) == ParticipantSide.VISITING
            # The members of a group 由…组成, or of a team serving (…在…开展义诊), are its
            # members: the report names no leader. Two who sign, each for a body (…黄雅丽和北京市教委一级
            # 巡视员王定东分别代表两地教育行政部门签订…), are named for the signature, not as leading.
            and mention.rule not in ("由…组成", "…在…开展义诊", "…与…签订")
        ]
        for index, rule, _name, leaders, _chains, _rest in self.later_leads:
            if rule == "…一行到" and leaders:
                names = {person.name for person in leaders[1]}
                if names <= {mention.name for mention in visitors} | {""}:
                    self.lead_mentions = self.remember(
                        leaders[1], index, self.sentences[index], role=ParticipantRole.LEADER, rule="…一行"
                    )
                    return
        if visitors:
            # The visitors named first, in one sentence before anyone else: 北京市委书记尹力，
            # 市长殷勇和自治区党委书记孙绍骋…一同考察 gives two leaders.
            first = visitors[0]
            in_sentence = sorted(
                (mention for mention in self.mentions if mention.position[0] == first.position[0]),
                key=lambda mention: mention.position,
            )
            chosen = [first]
            for mention in in_sentence[in_sentence.index(first) + 1 :]:
                # With the first, only the other principal post (党政主要领导): 书记 and 市长,
                # not a deputy listed after them.
                if mention not in visitors or not mention.name or not _PRINCIPAL.search(mention.title):
                    break
                if _CONGRESS_OR_CONFERENCE.search(mention.title) and not _CONGRESS_OR_CONFERENCE.search(first.title):
                    # …县委书记王会雨，县委副书记、县长李锴栋，县人大常委会主任赵瑞，县政协主席杨振东: the party and
                    # the government lead; the heads of the congress and the conference go with them.
                    break
                if _UNIT_HEAD.search(first.title):
                    break  # a hospital's or a school's head leads alone
                chosen.append(mention)
            for mention in chosen:
                mention.role = ParticipantRole.LEADER
            self.lead_mentions = chosen
            names = "、".join(mention.name for mention in chosen)
            self.warnings.append(f"报道没有写明带队领导，按最先提到的来访方人员推断为{names}")
            return
        self.warnings.append("没有找到带队领导")

    def leader_speaking_for_the_group(self):
        """库伦旗委副书记、旗长王薇代表库伦旗委、旗政府…表示感谢: when no one was found to lead, a visitor holding
        a principal post who speaks for the body that sent the group leads it."""
        if self.delegation is None or self.lead_mentions:
            return
        for mention in sorted(self.mentions, key=lambda mention: mention.position):
            if not mention.name or not _PRINCIPAL.search(mention.title):
                continue
            if self.side_of_mention(mention) != ParticipantSide.VISITING:
                continue
            if not re.search(re.escape(mention.name) + r"代表", self.text[mention.span[0] : mention.span[1]]):
                continue
            mention.role = ParticipantRole.LEADER
            self.lead_mentions = [mention]
            self.warnings = [warning for warning in self.warnings if warning != "没有找到带队领导"]
            self.warnings.append(f"报道没有写明带队领导，按代表来访方讲话的{mention.name}推断")
            return

    def leader_by_post(self):
        """带队老师武志接受…采访时表示: someone the report calls the group's leader by their post,
        wherever they are named, when no one else was found to lead."""
        if self.delegation is None or self.lead_mentions:
            return
        by_post = next(
            (
                mention
                for mention in sorted(self.mentions, key=lambda mention: mention.position)
                if mention.name and _LEADER_POST.search(mention.title)
            ),
            None,
        )
        if by_post is not None:
            by_post.role = ParticipantRole.LEADER
            by_post.travelling = True
            self.lead_mentions = [by_post]
            self.warnings.append(f"带队领导：按职务“{by_post.title}”定为{by_post.name}")

    def try_lead(self, sentence, rule, pattern):
        text = sentence.text
        # A real lead has one or two 率/带领; a long run of them is not worth reading.
        for match in itertools.islice(pattern.finditer(text), 5):
            if _invited_to_come(text, match):
                continue
            if self.in_remarks(text, match.start()):
                continue
            groups = match.groupdict()
            leaders = None
            if groups.get("leaders"):
                leaders = self.leaders_from(groups["leaders"])
                if leaders is None:
                    continue
                start = match.start("leaders")
                if rule in ("…率…代表团到", "…带领…赴", "…赴…调研") and self.list_goes_on_before(text, start):
                    # 县委书记侯有喜，县委副书记、县长许健率县党政考察团…: a list a comma splits leads
                    # together, the first before the comma.
                    clause = max(text.rfind("，", 0, start - 1), text.rfind(",", 0, start - 1)) + 1
                    before = self.parse(_TIME_WORDS.sub("", text[clause : start - 1]))
                    leaders = (text[clause:start] + leaders[0], before + leaders[1])
            if groups.get("group"):
                leaders = self.group_leader(groups["group"], sentence)
                if leaders is None:
                    continue
            if rule == "…一行到" and self.list_goes_on_before(text, match.start("leaders")):
                continue  # 区委书记刘东伟，区委副书记、区长孙硕一行: the whole list is …等一行到's
            if rule == "…赴…调研" and not _TRIP_PURPOSE.search(text, match.end()):
                continue
            if rule == "…赴…调研" and len(leaders[1]) > 1:
                # 院长包桂荣和副院长乌力吉赴…: the head of those who went leads, a deputy goes with
                # them (…党委书记、院长 and a 副院长; 区委书记 and 区长 both lead).
                heads = [person for person in leaders[1] if _PRINCIPAL.search(person.title)]
                if heads and len(heads) < len(leaders[1]):
                    self.member_people[sentence.start] = [p for p in leaders[1] if p not in heads]
                    leaders = (leaders[0], heads)
            name = self.clean_delegation_name(groups.get("name") or "")
            if groups.get("body"):
                body = groups["body"]
                placed = self.lexicon.regions.find_all(body) or self.short_place(body)
                if rule == "…地组织…赴" and placed and placed[0][0] > 0:
                    # (2021)年房山区共选派…, 同时房山区…: the place that sends, not the words before it.
                    body = body[placed[0][0] :]
                if not placed or not _VISIT_WORDS.search(text, match.end()):
                    continue
                if groups.get("sent"):
                    if _POSTING.search(text, match.end()):
                        continue
                    # 组织12名骨干教师: the people sent, one group as printed.
                    self.member_people[sentence.start] = [Named(name="", title=groups["sent"])]
                if groups.get("posts"):
                    if any(person.name for person in self.parse(body + groups["posts"]) or []):
                        continue  # someone named: a …一行 lead of its own
                    title = body + groups["posts"]
                    # 北京市文联、内蒙古自治区文联以及多名首都艺术家一行: the bodies are no people; the
                    # people counted after them are the group, as what they are.
                    counted = _COUNTED_AFTER_BODIES.search(title)
                    self.member_people[sentence.start] = [Named(name="", title=counted["who"] if counted else title)]
                    led = _LED_IN_POSTS.search(groups["posts"])
                    if led and led.start() > 0 and led.end() < len(groups["posts"]):
                        # 北京朝阳医院副院长带领相关领域专家一行13人莅临…: a post leads, unnamed; those
                        # it leads are the members.
                        posts = groups["posts"]
                        self.unnamed_leader[sentence.start] = Named(name="", title=body + posts[: led.start()])
                        self.member_people[sentence.start] = [Named(name="", title=posts[led.end() :])]
                # The group may be named further on (…服务中心考察组深入…); else the body is
                # where the visitors came from, and the group has no name.
                named = re.search(re.escape(body) + _DELEGATION_NOUN, self.text)
                name = named.group() if named else self.named_by_place(body)
                self.origin_by_start[sentence.start] = body
                if rule == "…地组织…赴" and placed and re.search(r"(?:局|委|办|中心)$", body):
                    # 石景山区委社会工委区民政局: the office's place is where the group comes from.
                    self.origin_by_start[sentence.start] = body[placed[0][0] : placed[0][1]]
            if groups.get("members"):
                self.members_by_sentence[sentence.start] = groups["members"]
            chains, rest_start = self.destination_after(text, match.end())
            if groups.get("travellers"):
                chains, rest_start = self.journey_places(text, match.end())
            rest = text[rest_start:]
            # 宁城蒙医中医院领导一行3人来我院: the host is the writer, its place unprinted.
            to_us = bool(groups.get("body")) and bool(_TO_OUR_BODY.match(text, match.end()))
            if rule == "…赴…调研" and not self.crosses_sides(chains, leaders):
                known = chains and any(self.lexicon.regions.resolve(item[2]) for item in chains[0])
                if known or not self.to_other_sides_body(text, match.end(), leaders):
                    continue  # 区委书记…到区消费帮扶中心调研: a visit at home is no trip of the program
            # 王海英院长带领的专家组一行4人踏上…赛汉塔拉的土地: a named group that went, to a place
            # the table does not hold; the headline may name it.
            went = bool(
                name
                and leaders
                and all(person.title for person in leaders[1])
                and _GO_RE.search(text, match.end(), rest_start)
            )
            if not chains and not (leaders and _VISIT_WORDS.search(rest)) and not went and not to_us:
                continue
            if not name and not leaders and not groups.get("body") and not chains:
                continue
            return rule, name, leaders, chains, rest
        return None

    def journey_places(self, text, position):
        """(chains, end) of the journey a group sets out on after `position`, told as a noun
        (开始了为期七天的北京之行): the places written whole before 之行, nothing else; ([], position)
        when the journey names no place the table holds or 北京."""
        journey = _JOURNEY_NOUN_RE.search(text, position)
        if not journey:
            return [], position
        chains, end = self.region_chains(text, journey.start("journey"))
        if not chains or end != journey.end("journey"):
            return [], position
        if [[item[2] for item in chain] for chain in chains] == [["北京"]]:
            beijing = self.lexicon.regions.match_at("北京市", 0)
            if beijing:
                start, stop = chains[0][0][:2]
                chains = [[(start, stop, beijing[0], beijing[1])]]
        return chains, journey.end()

    def campus_district(self, chain):
        """东直门医院通州院区: a hospital's or a school's campus is named by its district (通州区),
        when the table holds one district of that name; the campus itself is no place it holds."""
        start, stop, surface, entries = chain[-1]
        campus = _CAMPUS.search(surface) if not entries else None
        district = self.lexicon.regions.by_surface.get(campus["short"] + "区", []) if campus else []
        if len(district) != 1:
            return chain
        self.warnings.append(f"目的地：{surface}按院区名定为{district[0].name}")
        self.campus_bodies.append(surface)  # its staff are still the hosts (`of_destination_body`)
        return [*chain[:-1], (start, stop, district[0].name, district)]

    def short_place(self, body):
        """(surface, entry) of a county named without its level at the start of a body's name
        (宁城蒙医中医院 → 宁城县); None for anything that is not a body's name."""
        if not re.search(_BODY_NOUN + "$", body):
            return None
        return self.lexicon.regions.short_form_at(body, 0)

    def named_by_place(self, body):
        """内蒙古兴安盟扎赉特旗组织…; 兴安盟扎赉特旗研学团队分别来到…: the group named later by the
        last place of the body that sent it, with the places printed before it there."""
        places = self.lexicon.regions.find_all(body)
        if not places or places[-1][1] != len(body):
            return ""
        named = re.search(r"[^，。；！？：、“”\s]{0,12}?" + re.escape(places[-1][2]) + _DELEGATION_NOUN, self.text)
        if not named:
            return ""
        first = self.lexicon.regions.find_all(named.group())
        return named.group()[first[0][0] :] if first else ""

    def to_other_sides_body(self, text, position, leaders):
        """…奈曼旗蒙医医院院长包桂荣和副院长乌力吉赴东直门医院通州院区进行交流考察: officials of one
        side going to a body that names no place (a hospital, a school, a bureau) are on a trip
        to the other side when the report speaks of that side; a body of their own level (旗人民
        医院) or named for the program (京蒙协作产业园) is at home."""
        travel = _TRAVEL.match(text, position)
        writers = _WRITERS_BODY.match(text, travel.end()) if travel and travel["go"] else None
        if writers and _PAIRING.search(self.text):
            # 我校定点帮扶地区科左后旗散都苏木党委书记李洪喜…到我处回访交流: the writer's own body, which helps
            # the visitors' place (定点帮扶, 对口支援), is of the other side; so, later, are its people.
            body = writers
        else:
            body = _BODY_NAMED.match(text, travel.end()) if travel and travel["go"] else None
            if body is None or self.lexicon.regions.find_all(body.group()) or body.group()[0] in "我本区市旗盟县镇乡":
                return False
        homes = {
            self.side_of_surface(surface)
            for person in leaders[1]
            for _, _, surface, _ in self.lexicon.regions.find_all(person.title)
        }
        if not homes and body is writers:
            # …散都苏木党委书记李洪喜,巴彦乌楞嘎查(村)党支部书记包彦新到我处: the list a comma splits says
            # where the travellers are from before the last of them.
            homes = {self.side_of_surface(found[2]) for found in self.lexicon.regions.find_all(text[:position])}
        if len(homes) != 1 or None in homes:
            return False
        other = RegionSide.SUPPORT if homes == {RegionSide.RECIPIENT} else RegionSide.RECIPIENT
        other_words = "北京|京蒙" if other == RegionSide.SUPPORT else "内蒙古|京蒙"
        if body is not writers and not re.search(other_words, self.text):
            return False
        self.warnings.append(f"目的地：{body.group()}不在地区表中，按来访方职务推断去了另一方")
        self.body_sides[text] = other
        return True

    def crosses_sides(self, chains, leaders):
        """An official going alone is on a trip of the program when they go to a place of the
        other side than their title's (西城区委书记刘东伟赴鄂伦春自治旗)."""
        if not chains:
            return False
        to_side = self.side_of_surface(chains[0][-1][2], [item[2] for item in chains[0][:-1]])
        from_sides = {
            self.side_of_surface(surface)
            for person in (leaders[1] if leaders else [])
            for _, _, surface, _ in self.lexicon.regions.find_all(person.title)
        }
        return to_side is not None and (not from_sides or to_side not in from_sides)

    def list_goes_on_before(self, text, start):
        """The people before 一行 are the end of a list that a comma splits."""
        if start == 0 or text[start - 1] not in "，,":
            return False
        clause_start = max(text.rfind("，", 0, start - 1), text.rfind(",", 0, start - 1)) + 1
        people = self.parse(_TIME_WORDS.sub("", text[clause_start : start - 1]))
        return bool(people and all(person.name and person.title for person in people))

    def group_leader(self, text, sentence):
        """(text, [leader]) for a list ending in 一行 that spans clauses: the first named
        person leads, the others are members (kept for `read_lead`)."""
        cuts = [0] + [position + 1 for position, char in enumerate(text) if char in "，,"]
        for cut in cuts[:8]:
            people = self.parse(_TIME_WORDS.sub("", text[cut:]))
            if people and people[0].name and people[0].title:
                # The first leads, with the other principal posts (区委书记…，区委副书记、区长…).
                count = 1
                while count < len(people) and people[count].name and _PRINCIPAL.search(people[count].title):
                    if _UNIT_HEAD.search(people[0].title):
                        break  # a hospital's or a school's head leads alone
                    count += 1
                self.member_people[sentence.start] = people[count:]
                return text[cut:], people[:count]
        return None

    def leaders_from(self, text):
        """(text, people) for the longest tail of `text` that reads as people: the clause
        may start with words that are not part of the list (近日，…)."""
        text = _TIME_WORDS.sub("", text)
        for start in range(min(len(text) - 1, 24)):
            people = self.parse(text[start:])
            if people and all(person.name for person in people):
                return text[start:], people
        return None

    def clean_delegation_name(self, name):
        """由付立新主任医师、杨克强副主任医师…组成的医疗组 is named 医疗组."""
        name = _TIME_WORDS.sub("", name)
        # 签约仪式是北京教育考察团赴…的重要内容之一: what the sentence is about comes before 是.
        name = re.sub(r"^[^，,]*?(?:[^于凡总]是)(?=[^，,]{2})", "", name)
        # 由内蒙古自治区文化和旅游厅组织的…推介团: who organised it is no part of its name; what
        # follows may itself hold a 、 (由…商会组织的作家、艺术家采风团).
        organised = re.match(r"^[^，,]*?(?:组成的|组织的)", name)
        if organised:
            return name[organised.end() :]
        return re.sub(r"^[^，,]*、", "", name)

    def destination_after(self, text, position):
        travel = _TRAVEL.match(text, position)
        if not travel:
            return [], position
        circumstance = _CIRCUMSTANCE.match(text, travel.start("at")) if travel["at"] else None
        if circumstance and (after := _TRAVEL.match(text, circumstance.end())) and after["go"]:
            # …龚宗元一行在旗委副书记、代旗长秦怀东陪同下到碧流台镇…调研: who went with them, then where.
            travel = after
        apposed = _APPOSED_PLACE.match(text, travel.end()) if travel["go"] else None
        if apposed:
            # 赴我校定点扶贫县——内蒙古通辽市科尔沁左翼中旗: what the place is to the writer, then, after the dash,
            # the place itself.
            chains, end = self.region_chains(text, apposed.end())
            if chains:
                return [self.campus_district(chain) for chain in chains], end
        ours = _OUR_PLACE.match(text, travel.end()) if travel["go"] else None
        if ours:
            return [[(ours.start(), ours.end(), ours.group(), [])]], ours.end()
        above = _NAMED_ABOVE.match(text, travel.end()) if travel["go"] else None
        if above:
            # 赴上述两个地区: the last two places the report named before this sentence.
            count = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5}[above["count"]]
            if above["province"]:
                # 与内蒙古突泉县和察右中旗…选派…赴内蒙古两地: those of its side named before, this
                # sentence included, each once.
                side = self.side_of_surface(above["province"])
                earlier, names = [], set()
                for chain in self.chains_in(self.text[: max(0, self.text.find(text)) + travel.start()]):
                    if self.side_of_surface(chain[-1][2]) == side and chain[-1][2] not in names:
                        names.add(chain[-1][2])
                        earlier.append(chain)
            else:
                earlier = self.chains_in(self.text[: max(0, self.text.find(text))])
            if len(earlier) >= count:
                return earlier[-count:], above.end()
        if travel["go"] and text.startswith("京", travel.end()):
            # 来京, 赴京, 进京: Beijing, written with one character.
            beijing = self.lexicon.regions.match_at("北京市", 0)
            if beijing:
                return [[(travel.end(), travel.end() + 1, beijing[0], beijing[1])]], travel.end() + 1
        chains, end = self.region_chains(text, travel.end())
        chains = [self.campus_district(chain) for chain in chains]
        if travel["go"] and [[item[2] for item in chain] for chain in chains] == [["北京"]]:
            # 共赴北京: Beijing alone, as 来京 names it (北京市).
            beijing = self.lexicon.regions.match_at("北京市", 0)
            if beijing:
                start, stop = chains[0][0][:2]
                chains = [[(start, stop, beijing[0], beijing[1])]]
        if not chains:
            # 来到对口帮扶的内蒙古卓资县复兴乡: a few words about the place before it.
            modifier = _PLACE_MODIFIER.match(text, travel.end())
            if modifier:
                chains, end = self.region_chains(text, modifier.end())
        short = self.lexicon.regions.short_form_at(text, travel.end()) if travel["go"] and not chains else None
        if short and _SHORT_PLACE_ENDS.match(text, travel.end() + len(short[0])):
            # 兴和县党政代表团来到延庆，就…: a county or district named without its level, where a clause or the
            # purpose of the journey ends it (大兴, 朝阳 are words too, so only there).
            start = travel.end()
            chains, end = [[(start, start + len(short[0]), short[0], [short[1]])]], start + len(short[0])
        return chains, end if chains else travel.end()

    def chains_in(self, text):
        """Every list of places written one after another in `text`, in order."""
        chains, end = [], 0
        for start, _end, _surface, _entries in self.lexicon.regions.find_all(text):
            if start < end:
                continue
            found, end = self.region_chains(text, start)
            chains += found
        return chains

    def leaders_nearby(self, index):
        for offset in range(1, 4):
            if index + offset >= len(self.sentences):
                break
            sentence = self.sentences[index + offset]
            match = _LEADERS_ALONE.match(sentence.text)
            if match:
                found = self.leaders_from(match["leaders"])
                if found:
                    self.used.add(index + offset)
                    return self.remember(found[1], index + offset, sentence, role=ParticipantRole.LEADER, rule="…带队")
        return []

    def kind_of(self, origin, destinations, rest, service=False, home=None, matched=False):
        # `home`: the side of the leaders' posts, when the origin is not written (旗委书记张华在北京…).
        home = origin.side if origin is not None else home
        if home == RegionSide.RECIPIENT and (
            not destinations or any(place.side == RegionSide.SUPPORT for place in destinations)
        ):
            # From Inner Mongolia, where it went unwritten (…会见…旗委书记王兴一行): Beijing.
            return DelegationKind.VISIT
        if "签约" in rest or "签署" in rest:
            return DelegationKind.SIGNING
        positions = [
            (rest.find(word), kind)
            for word, kind in (("调研", DelegationKind.RESEARCH), ("考察", DelegationKind.INSPECTION))
        ]
        positions = sorted((position, kind) for position, kind in positions if position >= 0)
        served = _SERVICE_WORK.search(rest)
        if positions and served and served.start() < positions[0][0] and re.search(
            r"[、，,]", rest[served.end() : positions[0][0]]
        ):
            # 开展留守儿童支教、农村产业调研…等社会实践活动: the work the group came to do is named first,
            # apart from the inspection (not 采风调研: a research of the sketching tour).
            return DelegationKind.OTHER
        if positions:
            return positions[0][1]
        if service:
            return DelegationKind.OTHER
        if matched:
            return DelegationKind.INSPECTION  # 对接 in the lead: the meeting is not the purpose
        if re.search(r"座谈会|联席会|会议", rest):
            return DelegationKind.MEETING
        # A trip with no word for its purpose (…赴库伦旗对接京蒙协作工作) is an inspection,
        # as the import reads an empty 类型.
        return DelegationKind.INSPECTION

    def origin_from(self, name, leaders, sentence):
        chains, _ = self.region_chains(name, 0)
        if chains:
            chain = chains[0]
            # 北京顺义党建访问团: a district named short right after the city it is in; not the name
            # of a body of the city (北京朝阳医院 is the city's hospital).
            last = chain[-1]
            short = self.lexicon.regions.short_form_at(name, last[1])
            if (
                short
                and any(entry.name in short[1].ancestors for entry in last[3])
                and not _BODY_AFTER.match(name, last[1] + len(short[0]))
            ):
                surface, entry = short
                self.warnings.append(f"出发地：按“{last[2]}{surface}”推断为{entry.name}")
                chain = [*chain, (last[1], last[1] + len(surface), entry.name, [entry])]
            return self.mention_of(chain, sentence)
        short = self.short_place(name)
        if short:
            surface, entry = short
            self.warnings.append(f"出发地：按单位名中的“{surface}”推断为{entry.name}")
            return self.mention_of([(0, len(surface), entry.name, [entry])], sentence)
        for person in leaders[1] if leaders else []:
            title = person.title
            if not title and person.name:
                # 乌兰察布市委书记吴永新说，… then 前不久吴永新亲自带队…: the post printed before, earlier on.
                title = (self.title_printed_before(person.name, sentence.start) or ("",))[0]
            found = self.lexicon.regions.find_all(title)
            if found:
                return self.mention_of(found, sentence)
        return None

    # --- regions ---------------------------------------------------------------------------

    def region_chains(self, text, position):
        """Lists of places written one after another: 内蒙古自治区乌兰察布市察右前旗、
        锡林郭勒盟正镶白旗 → two chains. Returns (chains, end position)."""
        chains, current = [], []
        index = position
        end = position
        limit = min(len(text), position + 200)
        while index < limit:
            hit = self.lexicon.regions.match_at(text, index)
            if hit:
                surface, entries = hit
            else:
                fallback = _REGION_FALLBACK.match(text, index)
                if not fallback or not _fallback_ok(text, fallback):
                    break
                surface, entries = fallback.group(), []
            current.append((index, index + len(surface), surface, entries))
            index += len(surface)
            end = index
            separator = _REGION_SEPARATOR.match(text, index)
            after = separator.end() if separator else None
            if separator and separator.group() in "-—" and not self.starts_region(text, after):
                # 包头-乌拉特中旗-甘其毛都-满都拉-二连浩特: a route passes places the table does not
                # hold (ports, towns abroad); the regions after them are still on it.
                probe = after
                for _ in range(4):
                    passed = _ROUTE_STOP.match(text, probe)
                    if not passed:
                        break
                    probe = passed.end()
                    if self.starts_region(text, probe):
                        after = probe
                        break
            if separator and self.starts_region(text, after):
                chains.append(current)
                current = []
                index = after
        if current:
            chains.append(current)
        return chains, end

    def starts_region(self, text, index):
        if self.lexicon.regions.match_at(text, index):
            return True
        fallback = _REGION_FALLBACK.match(text, index)
        return bool(fallback and _fallback_ok(text, fallback))

    def mention_of(self, chain, sentence):
        parents = [surface for _, _, surface, _ in chain[:-1]]
        surface = chain[-1][2]
        entry = self.lexicon.regions.resolve(surface, parents)
        side = entry.side if entry and entry.side else self.side_of_surface(surface, parents)
        return RegionMention(
            name=surface,
            parents=parents,
            full_name=entry.full_name if entry else "",
            code=entry.code if entry else "",
            level=entry.level if entry else "",
            side=side,
            span=sentence.span,
        )

    def side_of_surface(self, surface, parents=()):
        entry = self.lexicon.regions.resolve(surface, parents)
        if entry and entry.side:
            return entry.side
        for name in (*parents, surface):
            if name.startswith("北京"):
                return RegionSide.SUPPORT
            if name.startswith("内蒙古"):
                return RegionSide.RECIPIENT
        # Banners, leagues, sumu and gacha exist only on the Inner Mongolian side.
        if surface.endswith(("旗", "盟", "苏木", "嘎查")):
            return RegionSide.RECIPIENT
        return None

    def title_regions(self, title, context):
        found = self.places_in_title.get(title)
        if found is None:
            found = self.places_in_title[title] = [
                (surface, self.side_of_surface(surface)) for _, _, surface, _ in self.lexicon.regions.find_all(title)
            ]
        found = list(found)
        if not found and title.startswith("自治区"):
            # In this program the one autonomous region is 内蒙古自治区.
            return [("", RegionSide.RECIPIENT)]
        if not found and title.startswith(("苏木", "嘎查")):
            # 苏木党委书记: sumu and gacha exist only on the Inner Mongolian side.
            return [("", RegionSide.RECIPIENT)]
        destination = next(
            (
                place
                for place in (self.delegation.destinations if self.delegation is not None else [])
                if len(place.name) >= 3 and title.startswith(place.name) and place.side is not None
            ),
            None,
        )
        if not found and destination is not None:
            # 阿拉达尔吐苏木党政班子成员: a post opening with where the trip went, a place the table does not hold.
            return [(destination.name, destination.side)]
        # 市委副书记 after 乌兰察布市委副书记、市长奇飞云, and 常务副区长: the level of the post.
        level = title[0] if refers_back(title) else ""
        if not found and not level and (post := _LEVEL_POST.search(title)):
            level = post["level"]
        if not found and level:
            # The place of that level the reader has in mind.
            for surface, side in reversed(context):
                if surface.endswith(level) and not surface.endswith("自治区"):
                    return [(surface, side)]
                # 市委常委 after 巴林右旗: the city the banner is in, which a banner's own
                # report does not print.
                entry = self.lexicon.regions.resolve(surface) if surface else None
                above = [name for name in (entry.ancestors if entry else ()) if name.endswith(level)]
                if above and level != "区":
                    return [(above[-1], self.side_of_surface(above[-1]))]
            # No such place named: in this program a 区 is a Beijing district, and banners and
            # leagues are Inner Mongolian.
            if level == "区":
                return [("", RegionSide.SUPPORT)]
            if level in "旗盟":
                return [("", RegionSide.RECIPIENT)]
        return found

    # --- people ----------------------------------------------------------------------------

    def remember(self, people, index, sentence, role=None, verb="", rule="", offset=0):
        """Record mentions of `people` read from sentence `index`; a name printed without
        a title takes the title printed for it elsewhere in the report."""
        context = list(self.region_context)
        if role == ParticipantRole.LEADER:
            # 区委书记 at the head of a delegation is the origin's, whatever else was named.
            context += self.origin_context
        mentions = []
        for order, person in enumerate(people):
            title, printed_at = _WRITERS_PLACE.sub("", person.title), sentence.span
            if not title and person.name and person.name not in self.titles:
                # …主任赵海燕等领导与援蒙医师周琼亲切交谈。…周琼表示: the post printed before the name
                # where it first appears, in a sentence read for nothing else.
                printed = self.title_printed_before(person.name, sentence.start)
                if printed:
                    self.titles[person.name] = printed
            if not title and person.name in self.titles:
                title, printed_at = self.titles[person.name]
            elif title and person.name and person.name not in self.titles:
                self.titles[person.name] = (title, sentence.span)
            regions = self.title_regions(title, context)
            if not regions and getattr(person, "unit", ""):
                regions = [
                    (surface, self.side_of_surface(surface))
                    for _, _, surface, _ in self.lexicon.regions.find_all(person.unit)
                ][:1]
            guessed = any(not surface for surface, _ in regions[:1])
            if not regions and mentions and not refers_back(title):
                # 区政协副主席李晓梅、秘书长赵刚: a post with no place in it belongs to
                # the same side as the one listed before it.
                regions = list(mentions[-1].regions)
                guessed = True
            context.extend(regions)
            mention = _Mention(
                name=person.name,
                title=title,
                position=(index, offset, order),
                span=sentence.span,
                title_span=printed_at if title else None,
                regions=regions,
                role=role,
                verb=verb,
                rule=rule,
                shared_title=getattr(person, "shared_title", False),
                regions_guessed=guessed,
            )
            self.mentions.append(mention)
            mentions.append(mention)
            if person.name:
                self.names.add(person.name)
        return mentions

    def title_printed_before(self, name, before):
        """(title, sentence span) of the post printed right before the first `name` in the text
        ahead of `before`, read from the start of its clause or the word joining it to the one
        before (与, 和, 及); None when no post is printed there."""
        found = self.text.find(name, 0, before)
        if found <= 0:
            return None
        clause = max(self.text.rfind(mark, 0, found) for mark in "，,。；;！？!?\n：:“”") + 1
        head = self.text[clause:found]
        opens = [match.end() for match in _OBJECT_OPENS.finditer(head)]
        if opens:
            head = head[opens[-1] :]
        joined = [match.end() for match in _JOINED.finditer(head)]
        for start in [0, *joined[-1:]]:
            people = self.parse(head[start:] + name)
            if people and len(people) == 1 and people[0].name == name and people[0].title:
                sentence = self.sentences[bisect.bisect_right(self.starts, found) - 1]
                return people[0].title, sentence.span
        return None

    def read_semicolon_runs(self):
        """…院长赵海平；…部长鲍国辉；…主任毕素清；内分泌科主任焦雪琴；…神经内科主任宋军平还有…等的专家为当地
        群众进行了义诊: a sentence that opens with three or more officials, each a post and a name, one per
        item between ；, names people who were there, whatever it tells of them after the last name (还有…,
        为…). The last item ends where its name does."""
        for index, sentence in enumerate(self.sentences):
            if index in self.attendance or index in self.used:
                continue
            items = _SEMICOLON.split(sentence.text)
            if len(items) < 3:
                continue
            people = []
            for position, item in enumerate(items):
                found = self.parse(item) if position < len(items) - 1 else self.person_opening(item)
                if not found or len(found) != 1 or not (found[0].name and found[0].title):
                    break
                people += found
            if len(people) < 3 or len(people) < len(items) - 1:
                continue
            self.remember(people, index, sentence, verb="参加", rule="…；…；…")

    def read_titled_runs(self):
        """县自然资源局局长汪建兴、农科局副局长孙善宇、…主任郭峰提出了…需求; 朱道林教授、李贵桐教授、王艳飞副教授等从…
        提出…建议: a clause that opens with two or more people, each a post and a name, one after another
        between 、, names people who were there, whatever the clause tells of them after the last name."""
        for index, sentence in enumerate(self.sentences):
            if index in self.attendance or index in self.used or len(sentence.text) > _ATTEND_MAX:
                continue
            text = sentence.text
            heads = [_skip_prefix(text)] + [position + 1 for position, char in enumerate(text) if char in "，,；;"]
            for head in heads:
                when = _WHEN_CLAUSE.match(text, head)
                found = self.titled_run_at(text, when.end() if when else head)
                if not found:
                    continue
                # …厅长黄雅丽和…巡视员王定东分别代表…签订: a run another rule read already keeps that reading.
                read = {mention.name for mention in self.mentions if mention.position[0] == index}
                if not read & {person.name for person in found}:
                    self.remember(found, index, sentence, rule="…、…（职务姓名）", offset=head)

    def titled_run_at(self, text, head):
        """The people of the run of posts and names between 、 that opens `text` at `head`, when its
        last name is followed by what they did (`_RUN_FOLLOWS`); None otherwise."""
        clause_end = _clause_end(text, head)
        if "、" not in text[head:clause_end]:
            return None  # one person alone is no run
        for end in range(head + 5, clause_end):
            if text[end - 1] == "、" or not _RUN_FOLLOWS.match(text, end) or "、" not in text[head:end]:
                continue
            people = self.parse(text[head:end])
            if people and len(people) >= 2 and all(self.runs_as_post_and_name(person) for person in people):
                return people
        return None

    def runs_as_post_and_name(self, person):
        """A person of a run read whole: a name that is no word of what follows a run (分别, 先后), a post
        that opens with no preposition (在海淀区卫计委主任…的指导下), tells of no group (…一行在我司董事长…)
        and holds no one else's post and name (…股长韩波、政府办副主任 before 闫伟龙)."""
        follows = _RUN_FOLLOWS.match(person.name or "")
        if not (person.name and person.title) or (follows and follows.end() > 1):
            return False
        if not looks_like_bare_name(person.name, self.names):
            return False  # …和发挥人大代表作用等进行…: a word after a post is no name unless shaped like one
        if _RUN_NOT_POST.search(person.title):
            return False
        return not any(self.parse(part) for part in person.title.split("、")[:-1])

    def person_opening(self, item):
        """神经内科主任宋军平还有…: the one titled person that opens `item`, when what follows the name goes on
        with someone else (还有, 以及, 和) or with what they did (为, 在, 共同)."""
        for end in range(4, min(len(item), 40) + 1):
            if not _AFTER_RUN.match(item, end):
                continue
            found = self.parse(item[:end])
            if found and len(found) == 1 and found[0].name and found[0].title:
                return found
        return None

    def parse(self, text):
        """`parse_people`, remembered. A success stays one as more names become known
        (they only let more bare names through); a failure is retried once they have."""
        cached = self.parsed.get(text)
        if cached is not None and (cached[0] or cached[1] == len(self.names)):
            return cached[0]
        people = parse_people(text, self.lexicon, self.names)
        self.parsed[text] = (people, len(self.names))
        return people

    def read_lists(self):
        """Officials named at the head of a sentence (…局长陆军、…处长胡虎等与来访团队座谈),
        after 与 (代表团与…旗长赵田喜等就…座谈) or as 由…带领 on site: read where they stand,
        only when every one of them has a title or is already known."""
        for index, sentence in enumerate(self.sentences):
            if index in self.attendance or len(sentence.text) > _ATTEND_MAX:
                continue
            # The lead itself may go on with the hosts: …率队来京对接…，与朝阳区委书记王明座谈.
            lead = index == self.lead_index
            if index in self.used and not lead:
                continue
            text = sentence.text
            start = _skip_prefix(text)
            for rule, pattern, verb in _LISTS:
                if lead and rule not in ("与…等就", "…等与…", "拜访…", "在…陪同下"):
                    continue
                # The head of the sentence is read from where its time words end; in the lead,
                # from the clauses after its journey (…到丰台区对接…，丰台区委书记王明…与代表团座谈).
                heads = [start]
                if lead:
                    heads = [position + 1 for position, char in enumerate(text) if char in "，,"][:6]
                if rule == "…等与…":
                    matches = [pattern.match(text, head) for head in heads]
                else:
                    matches = pattern.finditer(text, start)
                for match in itertools.islice((match for match in matches if match), 3):
                    if match.end("people") > self.listed_from.get(index, len(text)):
                        continue  # inside the list that closes the sentence, read already
                    if rule == "与…等就" and _TOPIC_OPENED.search(text, 0, match.start()):
                        # 考察组与…负责同志就人大代表之家建设、…和发挥人大代表作用等进行了座谈: a 和 inside what they
                        # talked of joins no one.
                        continue
                    if (
                        rule == "与…等就"
                        and _AND_INSIDE_BODY.search(text, 0, match.start() + 1)
                        and BODY_NAME_GOES_ON.match(text, match.start() + 1)
                    ):
                        # 文化和旅游部资源开发司二级巡视员梅山，…出席: the 和 is inside a body's name, no one
                        # is talked with.
                        continue
                    people = self.parse(match["people"]) or self.parse_most(match["people"], index)
                    # 在与当地团旗委、市场监督管理局、农业局负责人的座谈交流会上: those talked with may be one
                    # unnamed group, when its bodies are listed (a lone 相关负责人 is nobody to record).
                    # 和通州区四大班子领导同志进行了座谈: so may one group named by its place.
                    alone = rule == "与…等就" and (
                        "、" in match["people"] or bool(self.lexicon.regions.find_all(match["people"]))
                    )
                    if people and all(person.title and (person.name or len(people) > 1 or alone) for person in people):
                        groups = match.groupdict()
                        if groups.get("with"):
                            verb = "陪同"  # 和自治区党委书记孙绍骋…一同考察: the hosts accompany
                        elif groups.get("met"):
                            verb = "会见"  # 市委书记王莉霞…会见付兆庚一行: the hosts receive
                        mentions = self.remember(
                            people, index, sentence, verb=verb, rule=rule, offset=match.start("people")
                        )
                        for mention in mentions if rule == "由…组成" else ():
                            mention.travelling = True
                        if rule == "与…等就" and self.inside_place_name(text, match.start()):
                            # 延庆区—兴和县…联席会召开，区委书记于波…，就…，与内蒙古…县委书记王会雨，…进行座谈交流: the
                            # first 和 was inside a place's name (兴和县), the list read from it the hosts'; the
                            # one after the real 与 is the other side's.
                            continue
                        break

    def in_remarks(self, text, position):
        """贺定一在座谈会上表示，…崔世安率领的澳门经贸代表团…前往内蒙古考察…: a journey told in someone's remarks,
        which the sentence opens with, is one they recall, not the report's."""
        start = _skip_prefix(text)
        if position <= start:
            return False
        key = (text, start)
        if key not in self.remarks_from:
            # Remarks opened by their verb and a mark (表示，说：…); 张韶春对北京市企业家一行前来内蒙古…表示热烈欢迎
            # tells the journey in what the host welcomes, which is how a host's report tells it.
            said = _REMARKS_OPEN.search(text, start, start + 60)
            self.remarks_from[key] = said.end() if said and self.speaker_at(text, start) else None
        opened = self.remarks_from[key]
        return opened is not None and opened <= position

    def inside_place_name(self, text, position):
        """The 和 of 兴和县 or 呼和浩特: `position` is inside a place's name the region table holds."""
        offset = max(0, position - 8)
        window = text[offset : position + 8]
        found = self.lexicon.regions.find_all(window)
        return any(offset + start < position < offset + end for start, end, _, _ in found)

    def read_owned_groups(self):
        """Groups of people told by whose they are (…中学的二十余位同学, …的部分师生, 来自…的师生们), as
        the subject of a sentence after the lead (before it, they are the visitors told again; with no
        lead, nobody to tell them from): each one group as printed; those described as gone somewhere
        (赴…的7名教师) travel, the 当地 ones host."""
        if self.lead_index is None:
            return  # no lead read: no visitors or hosts such a group could be told apart from
        parts = []
        for index in range(self.lead_index + 1, len(self.sentences)):
            sentence = self.sentences[index]
            if index in self.used or index in self.attendance or len(sentence.text) > _ATTEND_MAX:
                continue
            text = sentence.text
            start = _skip_prefix(text)
            when = _WHEN_CLAUSE.match(text, start)
            for head in (start, when.end()) if when else (start,):
                match = _OWNED_GROUPS.match(text, head)
                if not match:
                    continue
                for key in ("a", "b"):
                    group = match[key]
                    if not group or not _OWNED_MARK.search(group) or _NOT_OWNER.search(group) or self.parse(group):
                        continue
                    mention = self.remember(
                        [Named(name="", title=group)], index, sentence, rule="…的N名X", offset=match.start(key)
                    )[0]
                    mention.travelling = bool(re.match(r"[^的]*?(?:赴|前往)", group))
                    if group.startswith("当地"):
                        mention.guessed_side = ParticipantSide.HOST
                    if mention.travelling:
                        parts.append(mention)
                break
        self.drop_total_of(parts)

    def drop_total_of(self, parts):
        """房山区共选派了14名教师赴… then 赴突泉县的7名教师和赴察右中旗的7名教师…出发: the lead's count is the
        sum of the groups told after it, the same people — the groups are kept, the total is not."""
        counted = collections.defaultdict(int)
        for part in parts:
            count = _PART_COUNT.search(part.title)
            if count and count["count"].isdigit():
                counted[count["kind"]] += int(count["count"])
        for mention in list(self.mentions):
            total = _PART_COUNT.fullmatch(mention.title) if not mention.name and mention.travelling else None
            if total and total["count"].isdigit() and counted.get(total["kind"]) == int(total["count"]):
                self.mentions.remove(mention)

    def parse_most(self, text, index):
        """A list of three or more officials of which one is misprinted (兴安盟委委员、副长孟文涛):
        the others, when at least two in three read as titled people; the reviewer is told
        which item was not read."""
        items = [item for item in re.split(r"[，,；;]", text) if item.strip()]
        if len(items) < 3:
            # …宣传部长菅永清、招商局长刘嘉耘、文联主席*晓琴、作协主席贾雨川等: people each with a
            # post, one after another after 、.
            items = [item for item in text.split("、") if item.strip()]
        if len(items) < 3:
            return None
        read, unread = [], []
        for item in items:
            people = self.parse(item)
            if people and all(person.title and person.name for person in people):
                read += people
            else:
                unread.append(item)
        if len(unread) * 3 > len(items):
            return None
        for item in unread:
            self.warnings.append(f"名单中“{item.strip()}”没有读出，请核对（第{index + 1}句）")
        return read

    def remember_listed(self, people, index, sentence, head, cut):
        """The people of a list after its verb (`_ATTEND_HEAD` matched from `cut`), the writer's own
        when it opens with them (我校陪同调研的人员有…)."""
        mentions = self.remember(
            people, index, sentence, verb=head["verb"], rule=f"{head['verb']}…的有", offset=cut + head.start("people")
        )
        for mention in mentions:
            mention.writers_own = bool(head["own"])
        return mentions

    def read_attendance(self):
        """Every list of officials, before the body is read, so that 周祥伟表示 in the body
        finds a title printed only at the end."""
        self.attendance = {}
        self.listed_from = {}  # sentence index -> where the list that closes it starts
        for index, sentence in enumerate(self.sentences):
            if len(sentence.text) > _ATTEND_MAX:
                continue
            text = sentence.text
            head = _ATTEND_HEAD.match(text)
            if head and (people := self.parse(head["people"])):
                # 参加座谈的还有…, 陪同考察的有…: the list after the verb.
                mentions = self.remember_listed(people, index, sentence, head, 0)
                if index not in self.used:
                    self.attendance[index] = mentions
                continue
            # …开展扶贫调研工作，…陪同，我校陪同调研的人员有校机关党委书记赵恩平、…等: the list closes the sentence
            # after a comma; what comes before it is read as any sentence is.
            clauses = [position + 1 for position, char in enumerate(text) if char in "，,"]
            for cut in clauses:
                head = _ATTEND_HEAD.match(text[cut:])
                if head and (people := self.parse(head["people"])):
                    self.remember_listed(people, index, sentence, head, cut)
                    self.listed_from[index] = cut
                    text = text[:cut]
                    break
            tail = _ATTEND_TAIL.search(text)
            # …副主席哈斯巴雅尔…出席会议，副主席郭志强…列席会议: every list in the sentence, each
            # from where the one before it ended.
            matches = [match for match in _ATTEND_CLAUSE.finditer(text) if not tail or match.end() <= tail.start()]
            matches += [tail] if tail else []
            previous = 0
            for match in matches:
                head = text[previous : match.start()]
                cuts = [0] + [position + 1 for position, char in enumerate(head) if char in "，,"]
                bare = match is not tail and not match["etc"] and not match["object"]
                for cut in cuts[1:] if index in self.used and previous == 0 else cuts:
                    people = self.parse(head[cut:])
                    if not people and cut == 0 and (match is tail or match["object"]):
                        # …区委书记唐海龙，…县委书记查宏，十堰市…挂职干部领队吴芳，…出席: a whole
                        # sentence of attendees, one of them not read, keeps the others.
                        people = self.parse_most(head, index)
                    # …委常委亓彦伟,…副书记刘光毅及旗相关部门负责同志陪同: the people each a post and a name, the
                    # last item may be the group of the bodies that came with them.
                    named = people[:-1] if people and len(people) > 1 and people[-2].name else people
                    if people and bare and not all(person.name and person.title for person in named):
                        continue
                    if people:
                        verb = (match["either"] if match is tail else None) or match["verb"]
                        mentions = self.remember(
                            people,
                            index,
                            sentence,
                            verb=verb,
                            rule=f"…{verb}",
                            offset=previous + cut,
                        )
                        # The lead's own 陪同 clause (…一行到新镇开展工作，镇长王德祥…陪同) is
                        # read, but the lead stays the lead.
                        if verb in ("随同", "随团"):
                            for mention in mentions:
                                mention.travelling = True  # 随团考察: they came with the group
                        if match.group().startswith(("应邀", "等应邀")):
                            for mention in mentions:
                                mention.invited = True
                        # A sentence of several lists (…主持会议并讲话，…出席会议，…列席会议) is
                        # read by the body too, for who chaired and spoke.
                        if index not in self.used and match is tail and previous == 0:
                            self.attendance[index] = mentions
                        break
                previous = _skip_comma(text, match.end())

    def participants(self):
        merged = {}
        seen = collections.Counter()
        shared = {}
        for mention in sorted(self.mentions, key=lambda mention: mention.position):
            key = mention.name or f"title:{mention.title}"
            seen[key] += 1
            person = merged.get(key)
            if person is None:
                side = self.side_of_mention(mention)
                person = merged[key] = Participant(
                    name=mention.name,
                    title=mention.title,
                    side=side,
                    # Sent to serve there, they attend what the group does rather than travel in it.
                    role=mention.role
                    or (ParticipantRole.ATTENDING if side is not None and self.is_aiding(mention) else None)
                    # 内蒙古自治区医疗管理中心主任李桂梅应邀出席交流活动: invited to attend, of the visitors'
                    # side but not of the group.
                    or (ParticipantRole.ATTENDING if side is not None and mention.invited else None)
                    or self.role_of(side, mention.verb),
                    order=len(merged) + 1,
                    regions=[surface for surface, _ in mention.regions if surface],
                    span=mention.span,
                    title_span=mention.title_span,
                    rule=mention.rule,
                )
                if side is not None and mention.role != ParticipantRole.LEADER and not mention.travelling:
                    if mention.regions_guessed or not mention.regions:
                        person.doubts.append(DOUBT_SIDE_GUESSED)
                    elif self.origin_side is None:
                        person.doubts.append(DOUBT_ORIGIN_UNKNOWN)
                shared[key] = mention.shared_title
            elif not person.title and mention.title:
                person.title, person.title_span = mention.title, mention.title_span
                person.regions = [surface for surface, _ in mention.regions if surface]
                shared[key] = mention.shared_title
            elif person.name and len(mention.title) > len(person.title) and mention.title.endswith(person.title):
                # 赵海平院长, later 九三学社…常委、内蒙古自治区肿瘤医院院长赵海平: the post printed short first
                # and in full later is the full one.
                person.title, person.title_span = mention.title, mention.title_span
                person.regions = [surface for surface, _ in mention.regions if surface]
                shared[key] = mention.shared_title
            if mention.role == ParticipantRole.LEADER and self.delegation is None:
                # A lead read, then the text found no trip (a visit inside one side): no leader.
                person.role = self.role_of(None, mention.verb)
            elif mention.role == ParticipantRole.LEADER:
                person.role, person.side = ParticipantRole.LEADER, ParticipantSide.VISITING
                person.rule = mention.rule
                guesses = (DOUBT_SIDE_GUESSED, DOUBT_ORIGIN_UNKNOWN)
                person.doubts = [doubt for doubt in person.doubts if doubt not in guesses]
        for key, person in merged.items():
            if is_surname_only(person.name):
                # 潘书记: kept, as printed, for the reviewer to complete — not dropped.
                person.doubts.insert(0, DOUBT_SURNAME_ONLY.format(name=person.name))
            if person.name and not person.title:
                person.doubts.insert(0, DOUBT_NO_TITLE_ONCE if seen[key] == 1 else DOUBT_NO_TITLE)
            elif shared[key]:
                person.doubts.insert(0, DOUBT_SHARED_TITLE.format(title=person.title))
            if self.delegation is not None and person.side is None:
                person.doubts.append(DOUBT_NO_SIDE)
        if self.delegation is not None:
            self.delegation.leaders = [
                merged[mention.name or f"title:{mention.title}"] for mention in self.lead_mentions
            ]
        self.by_key = merged
        return list(merged.values())

    def speech_doubts(self, speeches):
        """A speaker's doubts about name and title are the participant's."""
        for speech in speeches:
            person = self.by_key.get(speech.name or f"title:{speech.title}")
            if id(speech) in self.pronoun_speakers:
                speech.doubts.append(self.pronoun_speakers[id(speech)])
            if person is not None:
                side_doubts = (DOUBT_SIDE_GUESSED, DOUBT_ORIGIN_UNKNOWN, DOUBT_NO_SIDE)
                speech.doubts += [doubt for doubt in person.doubts if doubt not in side_doubts]

    def side_of_mention(self, mention):
        if self.delegation is None:
            return None  # no trip, no visitors and hosts
        if mention.role == ParticipantRole.LEADER or mention.travelling:
            return ParticipantSide.VISITING
        if mention.verb == "会见" and mention.rule == "…会见":
            return ParticipantSide.HOST  # whoever receives the group is a host, wherever from
        if not mention.name and _BOTH_SIDES.match(mention.title):
            return None  # 两校部分行政干部: people of both sides, as one group
        if self.is_aiding(mention):
            # 刘全喜医生作为援蒙医生代表, 援蒙医师周琼: sent to help Inner Mongolia, so from Beijing.
            visiting = self.origin_side or RegionSide.SUPPORT
            return ParticipantSide.VISITING if visiting == RegionSide.SUPPORT else ParticipantSide.HOST
        sides = [side for _, side in mention.regions if side]
        own = [side for surface, side in mention.regions if side and surface and surface in mention.title]
        if not own and self.of_visiting_body(mention):
            # 鼓楼中医院副院长 when 北京市鼓楼中医医院 came, in a list after the hosts' posts.
            return ParticipantSide.VISITING
        posted = mention.title.find("挂职")
        if posted > 0:
            # 通州区挂职奈曼旗旗委常委: a cadre of one side serving in a post of the other stands with
            # the place of the post.
            served = [self.side_of_surface(item[2]) for item in self.lexicon.regions.find_all(mention.title[posted:])]
            sides = [side for side in served if side] or sides
        if not sides and (body := self.body_at(mention)):
            # 在北京工业大学，校党委副书记张辉主持…: a post of 校 (院) printed without its body, in a
            # sentence at a school (hospital), is that body's.
            sides = [
                side
                for _, _, surface, _ in self.lexicon.regions.find_all(body)[:1]
                if (side := self.side_of_surface(surface))
            ]
        if not sides and self.of_destination_body(mention):
            return ParticipantSide.HOST  # 东直门医院副院长 where the group went to 东直门医院…
        if not sides and self.writer_hosts and mention.verb in ("出席", "参加", "陪同", "会见"):
            return ParticipantSide.HOST  # …来我院…，杜继臣院长…出席座谈: the writer's own staff
        if not sides and mention.writers_own and self.delegation is not None:
            # 任新刚副校长赴我校定点扶贫县…，我校陪同调研的人员有…: the writer's people are on the writer's side.
            return ParticipantSide.HOST if self.writer_hosts else ParticipantSide.VISITING
        if not sides and self.of_leaders_school(mention):
            # 校党委书记刘贵芹带队赴…。校党委副书记、纪委书记曲雁…一同调研: the school's posts, printed as its
            # news prints them (校…), are of the school the leader came from.
            return ParticipantSide.VISITING
        if not sides and self.addresses_visitors(mention):
            return ParticipantSide.HOST
        if not sides and mention.rule in _LECTURE_RULES:
            # 苹中相玉德老师为罕中…学生做了一堂…讲座: who lectures to an audience on a trip came to teach.
            return ParticipantSide.VISITING
        if not sides:
            # Whoever receives or accompanies the visitors is a host.
            return ParticipantSide.HOST if mention.verb in ("陪同", "会见") else mention.guessed_side
        # The visitors are whoever came from the origin's side; Beijing when it is unknown.
        visiting = self.origin_side or RegionSide.SUPPORT
        return ParticipantSide.VISITING if sides[0] == visiting else ParticipantSide.HOST

    def of_leaders_school(self, mention):
        """Whether `mention`'s post is a school's printed short (校党委副书记, 校长) in a report whose
        leader's post is printed so too: the same school, the one that travelled."""
        if self.writer_hosts or not _SCHOOLS_OWN_POST.match(mention.title):
            return False
        return any(
            _SCHOOLS_OWN_POST.match(leader.title) and leader is not mention
            for leader in self.lead_mentions
            if leader.role == ParticipantRole.LEADER
        )

    def is_aiding(self, mention):
        if _AIDING.search(mention.title):
            return True
        if not mention.name:
            return False
        if self.aiding_starts is None:
            # Where 作为援蒙医生代表 starts: found once per report, not once per person.
            self.aiding_starts = [match.start() for match in _AS_AIDING_CORE.finditer(self.text)]
        name = mention.name
        for start in self.aiding_starts:
            # 刘全喜医生作为…: the name, then up to four characters (a post) before 作为.
            window = self.text[max(0, start - 4 - len(name)) : start]
            found = window.rfind(name)
            if found >= 0 and not re.search(r"[，。；]", window[found + len(name) :]):
                return True
        return False

    def addresses_visitors(self, mention):
        """崔红艳副校长致欢迎辞, 王凌航副院长向来访团队详细介绍了…, 通过…副站长李勇的讲解，调研团了解到…:
        who welcomes the visitors, or tells them something, is of those they came to."""
        if not mention.name:
            return False
        text = self.sentences[mention.position[0]].text
        named = text.find(mention.name)
        return named >= 0 and bool(_ADDRESSES_VISITORS.match(text, named + len(mention.name)))

    def body_at(self, mention):
        """The school or hospital a sentence says it is at (在北京工业大学，…), for a post that names
        its body only as 校 or 院."""
        if mention.title[:1] not in "校院":
            return ""
        text = self.sentences[mention.position[0]].text
        named = text.find(mention.title + mention.name)
        found = _BODY_AT.search(text, 0, named) if named > 0 else None
        if not found or (mention.title[0] == "校") != bool(re.search(r"(?:大学|学院|学校|中学|小学)$", found["body"])):
            return ""
        return found["body"]

    def of_visiting_body(self, mention):
        """鼓楼中医院副院长闫志刚、医务部主任孙波 when 北京市鼓楼中医医院 came: the visitors' body
        printed short (by the first two characters of its own name), the next in the same list
        after them too."""
        body = self.visiting_body
        if len(body) < 4 or not re.search(_BODY_NOUN + "$", body):
            return False
        if mention.title.startswith(body[:2]):
            return True
        before = next(
            (
                other
                for other in self.mentions
                if other.position == (*mention.position[:2], mention.position[2] - 1)
                and not any(surface and surface in other.title for surface, _ in other.regions)
            ),
            None,
        )
        return before is not None and self.of_visiting_body(before)

    def of_destination_body(self, mention):
        """东直门医院副院长张耀圣、院长助理马洪明: the staff of the body the group went to, the
        first by the body in their post, the next in the same list after them."""
        bodies = [body.group() for place in self.delegation.destinations if (body := _BODY_NAMED.match(place.name))]
        bodies += [body.group() for campus in self.campus_bodies if (body := _BODY_NAMED.match(campus))]
        if not bodies:
            return False
        if any(body in mention.title for body in bodies):
            return True
        before = next(
            (
                other
                for other in self.mentions
                if other.position == (*mention.position[:2], mention.position[2] - 1) and not other.regions
            ),
            None,
        )
        return before is not None and self.of_destination_body(before)

    @staticmethod
    def role_of(side, verb):
        if side == ParticipantSide.VISITING:
            return ParticipantRole.MEMBER
        if verb == "陪同":
            return ParticipantRole.ACCOMPANYING  # a host's, or in a text of no trip whoever 陪同s
        return ParticipantRole.ATTENDING

    # --- the body --------------------------------------------------------------------------

    def read_body(self):
        meetings, visits, other_speeches = [], [], []
        meeting = speech = None
        last_paragraph = None
        quoted = set()  # 马新明说。 after a quotation, read with it
        lede = None  # a quotation that opens a paragraph, said by whoever speaks next
        for index, sentence in enumerate(self.sentences):
            if lede is not None and lede[0] == index - 2:
                self.attach_lede(lede, meetings, other_speeches)
                lede = None
            new_paragraph = sentence.paragraph != last_paragraph
            last_paragraph = sentence.paragraph
            # 北京市政府副秘书长韩耕主持座谈，…沈永刚参加: a list of who attended that opens with the chair opens the
            # meeting too.
            chaired = index in self.attendance and _CHAIR_OPENS.match(sentence.text, _skip_prefix(sentence.text))
            # …到我处回访交流。外联处处长郭雪萌…参加座谈: with no meeting told yet, the talks the list attended
            # are the meeting its speakers speak at.
            attended = index in self.attendance and not meetings and _ATTENDED_TALKS.search(sentence.text)
            if index in self.attendance and not chaired and not attended:
                speech = None
                continue
            if (index in self.used and index != self.lead_index) or self.is_headline(index):
                continue
            if self.repeats_headline(index):
                continue  # the headline again, as a caption: the meeting and the speaker go on
            if self.is_subheading(index):
                # 到阿鲁科尔沁旗调研送教: a heading inside the report; what follows is not
                # the last speaker's.
                meeting = speech = None
                continue
            # …出席会议并讲话，…主持会议并讲话: a trip read from who attended an event held there tells of
            # no journey; its sentence is the event's, read for who chaired and spoke.
            in_lead = index == self.lead_index and not (
                self.delegation is not None and self.delegation.rule == "…出席在…举行的仪式"
            )
            found_visits = []
            # …带队赴科右前旗调研…，先后深入科右前旗科尔沁镇、兴安北京小学…等地实地考察: the lead goes on to the
            # stops, in order, after the journey.
            stops_in_lead = in_lead and bool(_LEAD_GOES_ON_TO_STOPS.search(sentence.text))
            if (not in_lead or stops_in_lead) and (speech is None or new_paragraph):
                found_visits = self.site_visits_in(sentence, len(visits))
                # 分别来到A、B开展交流活动。在B，学生们…: a stop named again in its paragraph is
                # told more of, not gone to again.
                paragraph = self.paragraph_start(sentence)
                told = {visit.place for visit in visits if visit.span[0] >= paragraph}
                found_visits = [visit for visit in found_visits if visit.place not in told]
                for order, visit in enumerate(found_visits, len(visits) + 1):
                    visit.order = order
            if found_visits:
                visits.extend(found_visits)
                meeting = speech = None
            elif (
                not in_lead
                and not new_paragraph
                and visits
                and visits[-1].span == self.sentences[index - 1].span
                and self.seen_next(visits, sentence)
            ):
                continue
            opened = self.meeting_in(
                sentence, meeting, speech, in_lead or bool(found_visits), talks_ok=not found_visits, first=not meetings
            )
            if opened:
                new_meeting, rest = opened
                bare = new_meeting.title == _bare_noun(new_meeting.title)
                lead_span = self.sentences[self.lead_index].span if self.lead_index is not None else None
                named_before = next(
                    (
                        earlier
                        for earlier in meetings
                        if not bare and earlier.title == new_meeting.title and earlier.span == lead_span
                    ),
                    None,
                )
                same_noun = [earlier for earlier in meetings if bare and earlier.title.endswith(new_meeting.title)]
                # 在满都拉口岸…座谈。…在二连浩特口岸…座谈: talks at two stops are two meetings.
                elsewhere = (
                    len(same_noun) == 1
                    and bool(same_noun[0].place and new_meeting.place)
                    and same_noun[0].place != new_meeting.place
                )
                if named_before is None and new_meeting is not meeting and len(same_noun) == 1 and not elsewhere:
                    named_before = same_noun[0]  # …出席了座谈会: the one meeting of that kind, named by its noun
                shortened = [earlier for earlier in meetings if _shortened(new_meeting.title, earlier.title)]
                if named_before is None and new_meeting is not meeting and len(shortened) == 1:
                    named_before = shortened[0]  # 开工仪式由…主持 after …开工奠基仪式在…举行
                if named_before is not None and new_meeting is not named_before:
                    # …并出席京蒙协作项目签约仪式。…京蒙协作项目签约仪式在太仆寺旗举行: one meeting,
                    # told where it was held the second time.
                    named_before.place = named_before.place or new_meeting.place
                    named_before.region = named_before.region or new_meeting.region
                    named_before.when = named_before.when or new_meeting.when
                    meeting = named_before
                elif new_meeting is not meeting:
                    new_meeting.order = len(meetings) + 1
                    meetings.append(new_meeting)
                    meeting = new_meeting
                speech = None
                if rest is not None and not in_lead and not found_visits:
                    speech = self.speakers_in(sentence, index, rest, meeting, other_speeches, clauses=True) or speech
                    if id(speech) in self.said_before:
                        speech = None
                continue
            if in_lead and not found_visits and speech is not None:
                # 张韶春主持会议并讲话。首先，张韶春对北京市企业家一行前来…表示热烈欢迎: the lead told
                # inside the words of someone already speaking at the meeting, who speaks again.
                started = self.speakers_in(sentence, index, 0, meeting, other_speeches, clauses=False)
                if started:
                    speech = None if id(started) in self.said_before else started
                    continue
            if found_visits and not in_lead:
                # …一行先后深入…，参观了…，并表示，…: words said at the stops; 通过…的讲解，…了解到…:
                # a briefing given there.
                said = self.subject_says(index, sentence, meeting, other_speeches)
                said = self.briefed_through(index, sentence, meeting, other_speeches) or said
                speech = said if said is not None else speech
            if in_lead or found_visits:
                continue
            text = sentence.text
            if index in quoted:
                continue
            said = self.quoted(index, meeting, other_speeches)
            if said is not None:
                quoted.update(range(index + 1, self.quote_said_index + 1))
                speech = said
                continue
            if self.is_lede(index):
                # “这次对接…纽带。”3月16日，在…仪式上，…总经理李洪福说。 The quotation is the
                # first point of whoever the next sentence names.
                lede = (index, sentence)
                continue
            if _AFTER_MEETING.match(text):
                meeting = None  # 会后，…表态: said after the meeting, not in it
            started = self.speakers_in(sentence, index, 0, meeting, other_speeches, clauses=False)
            if started:
                speech = None if id(started) in self.said_before else started
            elif (
                speech is not None
                and not speech.name
                and (post := _POST_SAYS.match(text))
                and speech.title.endswith(post["post"])
            ):
                # …党委书记致欢迎辞，…。书记表示，…: an unnamed speaker named again by their post goes on,
                # in the same point (as a speaker named again by name in the paragraph of their words).
                self.add_point(speech, sentence, 0, len(text))
            elif (
                speech is not None
                and id(speech) in self.briefed_only
                and (again := _BRIEFED_AGAIN.match(text))
                and (objects := _briefed_objects(text, again.end(), len(text)))
            ):
                # …介绍了X的情况。在介绍过程中，他重点阐述了Y: one more thing the briefing told of.
                for object_start, object_end in objects:
                    self.add_point(speech, sentence, object_start, object_end, new_point=True)
            elif (pronoun := _PRONOUN.match(text)) and speech is not None:
                if id(speech) in self.briefed_only and pronoun["verb"] != "介绍":
                    # 马迎民简要介绍了…。他表示，…: a speech goes on until another speaker is named; after
                    # a briefing told by its objects, what "he" says is one more point of it.
                    body = _BODY_START.match(text, pronoun.end()).end()
                    self.add_point(speech, sentence, body, len(text), new_point=True)
                elif speech.points and self.paragraph_at(speech.points[-1].span[0]) == sentence.paragraph:
                    self.add_point(speech, sentence, 0, len(text))  # …表示感谢。他说，…: one point, as printed
                else:
                    # 她指出，… opening the next paragraph: a new point of the same speech, its words.
                    self.add_point(speech, sentence, _BODY_START.match(text, pronoun.end()).end(), len(text))
            elif _PRONOUN.match(text) and (said := self.said_by_subject(index, meeting, other_speeches)):
                speech = said
            elif _NARRATION.match(text) and not (
                speech is not None and not new_paragraph and _SPEECH_GOES_ON.match(text)
            ):
                speech = None
                if meeting is not None:
                    meeting.summary.append(Point(text, sentence.span))
            elif speech is not None and (_SOMEONE_SAYS.match(text) or self.someone_else(text, speech)):
                # 察右中旗科尔布镇的居民刘某表示，…: someone else speaks, whom the reader does not
                # take for a speaker (a resident, a patient); 王明对…给予充分肯定: someone named
                # acts. Either way the last speaker's words end.
                speech = None
            elif (
                speech is not None
                and speech.kind != SpeechKind.CHAIRING
                and (not new_paragraph or (_SPEECH_PARAGRAPH.match(text) and not self.reporters_paragraph(text)))
            ):
                self.add_point(speech, sentence, 0, len(text))
            elif meeting is not None:
                speech = None
                meeting.summary.append(Point(text, sentence.span))
            else:
                speech = None
        if lede is not None:
            self.attach_lede(lede, meetings, other_speeches)
        for speeches in [meeting.speeches for meeting in meetings] + [other_speeches]:
            self.cut_points(speeches)
        self.placed_by_headline(meetings)
        return meetings, visits, other_speeches

    def placed_by_headline(self, meetings):
        """京蒙旅游扶贫协作座谈会在北京市召开 (the headline), …召开旅游扶贫协作座谈会 (the body): the
        meeting the body names with no place is held where the headline says, by the same noun."""
        headlines = [
            held
            for index in range(min(len(self.sentences), self.lead_scope()))
            if self.is_headline(index) and (held := _HELD_IN_HEADLINE.search(self.sentences[index].text))
        ]
        for meeting in meetings:
            if meeting.place:
                continue
            for held in headlines:
                noun = held.group()[: held.start("place") - held.start()].rstrip("在”」")
                if _bare_noun(noun) == _bare_noun(meeting.title):
                    sentence = self.sentences[0]
                    meeting.place = held["place"]
                    meeting.region = self.region_of_place(meeting.place, sentence)
                    break

    def someone_else(self, text, speech):
        """A sentence that opens with a person the report named, not the one speaking, or with
        someone printed by post and name (县自然资源局局长汪建兴、…提出了…; 副院长周虎教授建议…)."""
        position = _skip_prefix(text)
        name = next(iter(self.names_at(text, position)), "")
        if name:
            return name != speech.name
        if acting := _GROUP_ACTS.match(text, position):
            # 考察组还邀请农安县人大到兴安盟…: the group does something; the speaker's words have ended.
            return not _SPEECH_VERB.match(text, acting.end())
        head = _OPENING_HEAD.match(text, position)
        if not head:
            return False
        for end in range(3, len(head.group()) + 1):
            split = split_title_name(head.group()[:end], self.lexicon)
            # The name ends the list's item (、) or is followed by what they did (…周虎教授建议): 持续选派
            # 优秀教师和医…, 挂职干部尽职… are no one.
            if split and split[1] and split[1] != speech.name:
                after = head.end() if end == len(head.group()) else head.start() + end
                if text.startswith("、", after) or _NAMED_ACTS.match(text, after):
                    return True
        return False

    def reporters_paragraph(self, text):
        """A paragraph that opens with the reporter's words or with the group or a person
        doing something (代表团还…, 刘东伟一行还看望…): the last speech ends before it."""
        if _REPORTERS.match(text):
            return True
        position = _skip_prefix(text)
        end = self.subject_end(text, position)
        if end > position:
            return not _SPEECH_VERB.match(text, _ADVERBS.match(text, end).end())
        return False

    def is_lede(self, index):
        """A quotation standing alone, with a speech verb in the next sentence of its paragraph."""
        if not _QUOTE.match(self.sentences[index].text) or index + 1 >= len(self.sentences):
            return False
        after = self.sentences[index + 1]
        return after.paragraph == self.sentences[index].paragraph and bool(_SPEECH_VERB.search(after.text))

    def attach_lede(self, lede, meetings, other_speeches):
        index, sentence = lede
        after = self.sentences[index + 1].span
        speeches = [speech for meeting in meetings for speech in meeting.speeches] + other_speeches
        started = [speech for speech in speeches if speech.span == after and speech.kind != SpeechKind.CHAIRING]
        if not started:
            return
        quote = _QUOTE.match(sentence.text)
        span = (sentence.start + quote.start("quote"), sentence.start + quote.end("quote"))
        text = self.text[span[0] : span[1]].rstrip("。！？；，")
        started[0].points.insert(0, Point("", (span[0], span[0] + len(text))))

    # --- meetings --------------------------------------------------------------------------

    def meeting_in(self, sentence, meeting, speech, anywhere_ok, talks_ok=True, first=False):
        """(meeting, where speakers may start) when the sentence opens a meeting. Inside a
        speech only a sentence that starts with the meeting counts: 在去年召开的联席会上
        in the middle of someone's remarks is a reference, not a new meeting."""
        text = sentence.text
        # 4月23日，在…举行座谈会 after someone's remarks: a new paragraph's date opens it, and the
        # meeting starts the sentence all the same.
        dated = _DATE_OPENS.match(text)
        first_clause_end = _first_comma(text, dated.end() if dated else 0)
        # The patterns run only in a window around each meeting noun, found by a plain
        # search first: a lazy pattern tried at every position of a long sentence with no
        # meeting in it would cost far more than reading the sentence.
        nouns = list(itertools.islice(_MEETING_NOUN_RE.finditer(text), 3))
        rules = _MEETING_RULES
        if meeting is None or speech is None:
            # A talk named by its verb opens a meeting only outside someone's remarks, and
            # at a stop only when the report says it was held (进行了座谈): 在学校，代表团与
            # 支教教师交流座谈 is part of the visit.
            talks = list(itertools.islice(_TALK_NOUN_RE.finditer(text), 3))
            if talks:
                nouns += talks
                at_stop = tuple(rule for rule in _TALK_RULES if rule[0] in ("进行座谈", "在…与…部门座谈"))
                rules = _MEETING_RULES + (_TALK_RULES if talks_ok else at_stop)
        if not nouns:
            return None
        for rule, pattern in rules:
            match = None
            for noun in nouns:
                # 座谈会上，… counts only at the very start of the sentence (its pattern
                # is anchored), so that one is searched from 0.
                left = 0 if rule in ("…会上，", "座谈中，", "…召开的…会上，") else max(0, noun.start() - 110)
                match = pattern.search(text, left, min(len(text), noun.end() + 50))
                if match:
                    break
            if not match:
                continue
            if speech is not None and not anywhere_ok and match.start() > first_clause_end:
                continue
            if rule == "本次…会" and (meeting is not None or self.meetings_opened):
                continue  # 本次签约仪式 after …签字仪式 was told: the same event, named again
            if any(earlier.start() <= match.start() < earlier.end() for earlier in _EARLIER_CLAUSE.finditer(text)):
                continue  # 自今年9月17日，…参加课程推进会后，…: an earlier event, not this visit's meeting
            if match.start() > first_clause_end and self.speaker_at(text, _skip_prefix(text)):
                continue  # 于海宇表示，…借助服贸会平台举办这次推介会: the event in someone's words
            speaker_at = None
            if self.speaker_before(text, match):
                if meeting is not None or speech is not None or not first:
                    continue  # 李立奎在座谈会上强调: where someone spoke, not a meeting opening
                # 王明在座谈会上指出 with no meeting told before: the meeting is this one, and
                # the speaker opens it (after two talks it could be either: left outside).
                speaker_at = max(text.rfind("，", 0, match.start()), text.rfind(",", 0, match.start())) + 1
            title = _TITLE_JUNK.sub("", match["title"])
            if title.startswith("《") and "》" not in title:
                title = title[1:]  # 开展了《…启动仪式》: the name inside the marks
            opening, closing = title.count("“") + title.count("「"), title.count("”") + title.count("」")
            if title.startswith(("“", "「")) and opening > closing:
                title = title[1:]  # “…揭牌仪式”在市医院举行: the name inside the marks
            place = _unquote(_TIME_PLACE.sub("", match.groupdict().get("place") or ""))
            opening = _AT_OPENING.match(text, dated.end() if dated else 0) if not place else None
            if (
                opening
                and match.start() > opening.end()
                and not _CIRCUMSTANCE.match(text, opening.start())
                and self.valid_place(opening["place"], strict=True)
            ):
                # 在极星现代农业产业园，代表团实地参观…，举行…签约仪式: held at the place the sentence opens at.
                place = opening["place"]
            here = _HERE_NAMED.match(text, dated.end() if dated else 0) if place in _HERE else None
            if here:
                # …常委会议厅内气氛热烈…，…座谈会…在这里举行: 这里 is the hall the sentence opens in.
                place = here["place"]
            if _PARTIES.fullmatch(place):
                place = ""  # 在A与B举行的…签约仪式上: who held it, not where
            if _NOT_A_VENUE.search(place) or _NOT_A_VENUE.search(title[:-2]):
                continue
            chaired_again = rule == "主持座谈" and meeting is not None and title[:2] in meeting.title
            if chaired_again or _same_meeting(title, meeting) or (
                meeting is not None
                and _CEREMONY.search(title)
                and _DURING_MEETING.search(text, 0, match.start() + len(match.group(0)) - len(match["title"]))
            ):
                # 现场还举行了…捐赠仪式 after the talks: a ceremony held at the meeting is part of it.
                found = meeting
                if meeting.title in ("座谈", "会谈") and title == meeting.title + "会":
                    # …对接座谈。在座谈会上，…: the talks by the noun the report names them with.
                    meeting.title = title
                if place and not meeting.place:
                    # …并出席…签约仪式。…签约仪式在太仆寺旗举行: where it was held, told later.
                    meeting.place, meeting.region = place, self.region_of_place(place, sentence)
            else:
                self.meetings_opened += 1
                found = Meeting(
                    order=0,
                    title=title,
                    kind=_meeting_kind(title),
                    place=place,
                    region=self.region_of_place(place, sentence),
                    when=_when(text),
                    span=sentence.span,
                    rule=rule,
                )
            if speaker_at is not None:
                rest = speaker_at
            elif rule in ("主持…会", "主持座谈") or text.endswith("主持", 0, match.start()):
                # The chair is named before 主持 (召开), in its clause: 24日，在北京工业大学，校党委副书记
                # 张辉主持召开了两校交流座谈会.
                rest = max(text.rfind("，", 0, match.start()), text.rfind(",", 0, match.start())) + 1
            elif rule == "…会由…主持":
                rest = 0  # the chair is named before 主持
            elif match.group(0).rstrip("，,").endswith(("上", "中", "时")):
                # 会上，… and 座谈中，张凤阳…介绍了…: the scene, then who spoke in it.
                rest = match.end()
            else:
                rest = text.find("，", match.end())
                rest = None if rest < 0 else rest
            if speaker_at is not None:
                return found, speaker_at
            return found, (None if rest is None else _skip_comma(text, rest) if rest else 0)
        return None

    def speaker_before(self, text, match):
        """X在…会上强调: a named speaker right before the phrase and a speech verb after it."""
        if not match.group(0).startswith("在") or not match.group(0).endswith("上"):
            return False
        clause_start = max(text.rfind("，", 0, match.start()), text.rfind(",", 0, match.start())) + 1
        who = text[clause_start : match.start()]
        if not who or not _SPEECH_VERB.match(text, match.end()):
            return False
        return bool(self.speaker_people(who, self.names))

    def region_of_place(self, place, sentence):
        found = self.lexicon.regions.find_all(place)
        return self.mention_of(found, sentence) if found else None

    # --- speakers --------------------------------------------------------------------------

    def speakers_in(self, sentence, index, start, meeting, other_speeches, clauses):
        """Speeches that start in `sentence` at `start` (and, in a meeting's opening
        sentence, at any later clause); returns the last one, whose points run on."""
        text = sentence.text
        scene = _SCENE.match(text, start)
        if scene:
            start = scene.end()
        first = self.speaker_at(text, start)
        first = first and (*first, self.behalf)
        titled_only = False
        if first is None and not clauses:
            # …的重要举措，包头市卫健委副主任赵宏在致辞中指出: a speaker introduced in a later
            # clause, only with a title, so that narration is not read as someone speaking.
            clauses = titled_only = True
        # More speakers in later clauses: in a meeting's opening sentence, and after a
        # chair or a briefing (孟淑芬主持座谈会，…负责人分别汇报了…), whose clauses are short.
        if first is not None and first[1] in (SpeechKind.CHAIRING, SpeechKind.BRIEFING):
            clauses = True
        # (clause start, people, kind, body start, rule, the group they spoke for)
        starts = [(start, *first)] if first else []
        if first is not None and first[1] == SpeechKind.CHAIRING:
            # The chair's own words after 主持…, a clause or two on: a speech of theirs.
            then = _CHAIR_THEN_SPEAKS.search(text, first[2], min(len(text), first[2] + 40))
            if then:
                starts.append((then.start(), first[0], _speech_kind(then["verb"]), then.end(), "…主持…并指出", None))
        if clauses:
            for position in [position + 1 for position, char in enumerate(text) if char in "，," and position >= start]:
                if starts and position < starts[-1][3]:
                    continue
                found = self.speaker_at(text, position)
                found = found and (*found, self.behalf)
                if found and titled_only and not all(person.title or person.name in self.names for person in found[0]):
                    found = None
                if found:
                    starts.append((position, *found))
        if not starts:
            return None
        last = None
        for number, (_, people, kind, body_start, rule, behalf) in enumerate(starts):
            body_end = starts[number + 1][0] - 1 if number + 1 < len(starts) else len(text)
            body_end = min(body_end, self.point_ends.get((text, body_start), body_end))
            mentions = self.remember(people, index, sentence, rule=rule)
            self.speaking_for(behalf, mentions)
            # 苹中相玉德老师为罕中…学生做了一堂“…”讲座，介绍了…: a lecture is an event of its own, no
            # talk in the meeting told before it.
            lecture = rule in _LECTURE_RULES
            target = meeting.speeches if meeting is not None and not lecture else other_speeches
            if (
                len(mentions) == 1
                and kind != SpeechKind.CHAIRING
                and target
                and target[-1].name
                and target[-1].name == mentions[0].name
                and target[-1].kind != SpeechKind.CHAIRING
                # 介绍了X，阐述了Y。郑兰兵院长提到，…: after a briefing told by its objects, the same
                # speaker saying something else is a speech of its own.
                and (id(target[-1]) not in self.briefed_only or kind == SpeechKind.BRIEFING)
                and (target[-1].points[-1].span[0] if target[-1].points else target[-1].span[0])
                >= self.sentences[max(0, index - 3)].start
            ):
                # “…”。马新明说，…: the same speaker, told again a sentence or two later, goes on,
                # in a point of its own after a quotation; named again within the paragraph of
                # their words (…表示感谢。针对…，秦艳表示，…), in the same point.
                points = target[-1].points
                quoted = bool(points) and self.text[points[-1].span[0]] in "“「"
                self.add_point(target[-1], sentence, body_start, body_end, new_point=quoted or not points)
                last = target[-1]
                continue
            for mention in mentions:
                speech = Speech(
                    order=0,
                    name=mention.name,
                    title=mention.title,
                    kind=kind,
                    span=sentence.span,
                    title_span=mention.title_span,
                    rule=rule,
                )
                objects = _briefed_objects(text, body_start, body_end) if kind == SpeechKind.BRIEFING else None
                if objects:
                    # 介绍了X，阐述了Y，并希望…: each thing told of is a point; what follows is not.
                    for object_start, object_end in objects:
                        self.add_point(speech, sentence, object_start, object_end, new_point=True)
                    self.briefed_only.add(id(speech))
                elif kind != SpeechKind.CHAIRING:
                    self.add_point(speech, sentence, body_start, body_end)
                if not text[body_start:body_end].strip("，,。！；; ") or rule in _LECTURE_RULES:
                    # …总经理李洪福说。 What was said came before; the next paragraph is not his. A
                    # lecture told by what it covered has no words after it either.
                    self.said_before.add(id(speech))
                speech.order = len(target) + 1
                target.append(speech)
                if meeting is not None and kind == SpeechKind.CHAIRING and not meeting.chair:
                    meeting.chair = mention.name or mention.title
                last = speech
        return last

    def speaking_for(self, group, mentions):
        """魏光如主任代表北京专家团发表致辞: who speaks for the visiting group is one of them, and
        the group's name is the one the report gives it here when the lead gave none."""
        if not group or self.delegation is None or not re.fullmatch(r"[^，。；]{0,24}?" + _DELEGATION_NOUN, group):
            return
        if self.delegation.name and self.delegation.name != group:
            return
        self.delegation.name = group
        for mention in mentions:
            mention.travelling = True

    def speaker_at(self, text, position):
        """(people, kind, body start, rule) when a speaker is introduced at `position`; the
        group they spoke for, if the report says, in `self.behalf`."""
        self.behalf = None
        known = self.names
        clause_end = _clause_end(text, position)
        chaired = _CHAIRED_BY.match(text, position, clause_end)
        if chaired:
            people = self.parse(chaired["who"])
            if people:
                return people, SpeechKind.CHAIRING, chaired.end(), "由…主持"
        around = _AROUND_THEN_BRIEFS.match(text, position, min(len(text), position + 160))
        if around:
            # 田仲成围绕产业发展、…等多个方面汇报了东方红乡村发展情况: what they briefed on is the object.
            people = self.speaker_people(around["who"], known)
            if people:
                return people, _speech_kind(around["verb"]), around.end(), f"…围绕…方面{around['verb']}了"
        topic = _ON_TOPIC.search(text, position, min(len(text), position + 160))
        # The first 就 (or 围绕) of the clause opens the topic: 王德祥就…进行了详细介绍.
        opening = topic and text[topic.start()]
        if topic and text.find(opening, position, topic.start() + 1) == topic.start():
            people = self.speaker_people(text[position : topic.start()], known)
            if people:
                verb = topic["verb"] or topic["summed"]
                return people, _speech_kind(verb), topic.start(), f"…就…{verb}"
        # One past the clause end, so that 说 can see the comma after it.
        for verb in _SPEECH_VERB.finditer(text, position, min(clause_end + 1, position + 100)):
            who = text[position : verb.start()]
            if _speech_kind(verb["verb"]) == SpeechKind.BRIEFING:
                who = _AUDIENCE.sub("", who)
            people = self.speaker_people(who, known)
            if people:
                kind = _speech_kind(verb["verb"])
                start = _BODY_START.match(text, verb.end())
                if start["said"] and kind in (SpeechKind.SPEECH, SpeechKind.OTHER):
                    kind = _speech_kind(start["said"])  # 发表致辞，他表示: what he said is a remark
                self.behalf = verb["behalf"]
                if _NO_WORDS_AFTER.match(text, verb.end()) and re.search(r"辞$|讲话$|发言$", verb["verb"]):
                    # 崔红艳副校长致欢迎辞，随后由…带领大家参观校园: a welcome told, not its words.
                    return people, kind, len(text), f"…{verb['verb']}"
                if verb["verb"] == "要求" and text[verb.end() : verb.end() + 1] not in "，,：:":
                    # 要求X要…: whom the instruction is for is part of it, the verb too.
                    return people, kind, verb.start("verb"), "…要求…要"
                return people, kind, start.end(), f"…{verb['verb']}"
        titled = _TITLED_TALK.search(text, position, min(len(text), position + 160))
        if titled and titled.start() - position <= 30:
            # 王浩教授以“中蒙俄经济走廊建设面临的机遇与挑战”为题为…边检人员授课: a lecture told by its
            # title, the title its point.
            people = self.speaker_people(text[position : titled.start()], known)
            if people:
                self.point_ends[(text, titled.start("topic"))] = titled.end("topic")
                return people, SpeechKind.BRIEFING, titled.start("topic"), "以“…”为题授课"
        aspects = _FROM_ASPECTS.search(text, position, min(len(text), position + 320))
        if aspects and aspects.start() - position <= 40:
            who = _INVITED_SPEAKER.sub("", text[position : aspects.start()])
            people = self.speaker_people(who, known)
            if people:
                self.point_ends[(text, aspects.start("point"))] = aspects.end("point")
                return people, SpeechKind.BRIEFING, aspects.start("point"), "从…方面作了辅导"
        lecture = _LECTURE.search(text, position, min(len(text), position + 160))
        if lecture and lecture.start() - position <= 30:
            people = self.speaker_people(text[position : lecture.start()], known)
            if people:
                # …讲座，介绍了X……得到了…掌声: what the lecture told of is X, to the clause's end or an
                # ellipsis, not the narration after it.
                told = _LECTURE_TOLD_END.search(text, lecture.end())
                if told:
                    self.point_ends[(text, lecture.end())] = told.start()
                return people, SpeechKind.BRIEFING, lecture.end(), "…讲座，介绍了"
        said_in = _SAID_IN.search(text, position, min(clause_end, position + 60))
        if said_in:
            # 倪鑫院长在讲话中回顾了…: what follows 讲话中 is the speech, whatever its verb.
            people = self.speaker_people(text[position : said_in.start()], known)
            if people:
                return people, SpeechKind.SPEECH, said_in.end(), "…在讲话中"
        # Only a match that starts near `position` counts, so only that much is searched.
        thanks = _THANKS.search(text, position, min(len(text), position + 200))
        # As far as a full post and a name reach (北京市文化和旅游局党组书记、局长杨烁对…).
        if thanks and thanks.start() - position <= 30:
            who = text[position : thanks.start()]
            people = self.speaker_people(who, known)
            if people:
                # 孙绍骋首先对…表示欢迎: the point starts after the name, with its 首先.
                body = position + len(_SPEAKER_ADVERB.sub("", who))
                return people, SpeechKind.REMARK, body, "…表示感谢/欢迎"
        # 李俊杰区长在…陪同下，慰问…，并提出殷切嘱托：“…”: a known subject, clauses of what they
        # did, then the words they said after a colon.
        charge = _CHARGE.search(text, position, min(len(text), position + 160))
        subject = next(iter(self.names_at(text, position)), "") if charge else ""
        if subject:
            # The title as printed after the name (李俊杰区长 → 区长), else as printed before.
            post = _POST_AFTER_SUBJECT.match(text, position + len(subject))
            title = post.group() if post else self.titles.get(subject, ("",))[0]
            return [Named(name=subject, title=title)], SpeechKind.REMARK, charge.end(), "…嘱托：“…”"
        return None

    def quote_ends(self, index):
        """The index of the sentence that closes a quotation opening at `index`, in the same
        paragraph (the same sentence for a quotation of one), else None."""
        sentence = self.sentences[index]
        if _QUOTE.match(sentence.text):
            return index
        if not _QUOTE_OPENS.match(sentence.text):
            return None
        for later in range(index + 1, min(index + 6, len(self.sentences))):
            following = self.sentences[later]
            if following.paragraph != sentence.paragraph or "“" in following.text or "「" in following.text:
                return None
            if _QUOTE_CLOSES.match(following.text):
                return later
        return None

    def quoted(self, index, meeting, other_speeches):
        """“…”。马新明说。 — the quotation (of one sentence or several) is a point of the speaker
        named after it: the same speech when that speaker was the last one heard, a new one
        otherwise. “…”，赵海燕书记嘱咐道。 — the same, told in one sentence."""
        whole = _QUOTE_THEN_SAID.match(self.sentences[index].text)
        if whole:
            return self.quote_of(index, index, whole, whole, meeting, other_speeches)
        closes = self.quote_ends(index)
        if closes is None or closes + 1 >= len(self.sentences):
            return None
        after = self.sentences[closes + 1]
        said = _SAID_ALONE.match(after.text)
        more = None if said else _SAID_THEN_MORE.match(after.text)
        if not (said or more) or after.paragraph != self.sentences[index].paragraph:
            return None
        speech = self.quote_of(index, closes + 1, None, said or more, meeting, other_speeches)
        if speech is not None and more:
            # “…。如今…责无旁贷。”张海峰说，近年来，…: what they went on to say is a point of its own.
            self.add_point(speech, after, more.end(), len(after.text), new_point=True)
        return speech

    def quote_of(self, index, said_index, whole, said, meeting, other_speeches):
        """The speech of a quotation that starts at sentence `index`, said by who `said`
        names in sentence `said_index` (`whole` when both are one sentence)."""
        after = self.sentences[said_index]
        people = self.speaker_people(said["who"], self.names)
        if not people or len(people) != 1:
            return None
        sentence = self.sentences[index]
        target = meeting.speeches if meeting is not None else other_speeches
        last = target[-1] if target else None
        if last is not None and last.name and last.name == people[0].name:
            self.add_quote(last, index, said_index, whole, new_point=True)
            return last
        who_start = said.start("who")
        mention = self.remember(people, said_index, after, rule="“…”某某说", offset=who_start)[0]
        kind = _speech_kind(after.text[said.end("who") :])
        speech = Speech(
            order=len(target) + 1,
            name=mention.name,
            title=mention.title,
            kind=kind,
            span=sentence.span,
            title_span=mention.title_span,
            rule="“…”某某说",
        )
        self.add_quote(speech, index, said_index, whole)
        target.append(speech)
        return speech

    def add_quote(self, speech, index, said_index, whole, new_point=False):
        """The quotation from sentence `index` as a point, without its marks."""
        self.quote_said_index = said_index
        first = self.sentences[index]
        if whole is not None:
            start, end = first.start + whole.start("quote"), first.start + whole.end("quote")
        else:
            closing = self.sentences[said_index - 1]
            start = first.start + 1
            end = closing.start + max(closing.text.rfind("”"), closing.text.rfind("」"))
        text = self.text[start:end].rstrip("。！？；，,")
        if not text:
            return
        span = (start, start + len(text))
        last = speech.points[-1] if speech.points else None
        if last and not new_point and self.paragraph_at(last.span[0]) == first.paragraph:
            last.span = (last.span[0], span[1])
        else:
            speech.points.append(Point("", span))

    def subject_says(self, index, sentence, meeting, other_speeches):
        """朱世龙一行先后深入…，参观了…，并表示，…: someone named at the head of a sentence of
        what they did, who then says something in it — the words after the verb are theirs."""
        text = sentence.text
        position = _skip_prefix(text)
        name = next((name for name in sorted(self.names, key=len, reverse=True) if text.startswith(name, position)), "")
        if not name or not _DID_THEN.match(text, position + len(name)):
            return None
        then = _SUBJECT_THEN_SAYS.search(text, position + len(name))
        if not then:
            return None
        title, title_span = self.titles.get(name, ("", None))
        target = meeting.speeches if meeting is not None else other_speeches
        speech = Speech(
            order=len(target) + 1,
            name=name,
            title=title,
            kind=_speech_kind(then["verb"]),
            span=sentence.span,
            title_span=title_span,
            rule="某某…并表示",
        )
        self.add_point(speech, sentence, then.end(), len(text))
        target.append(speech)
        return speech

    def briefed_through(self, index, sentence, meeting, other_speeches):
        """通过出入境边防检查站副站长李勇的讲解，调研团了解到X: 李勇 briefed them on X."""
        briefing = _BRIEFED_THROUGH.search(sentence.text)
        if not briefing:
            return None
        people = self.speaker_people(briefing["who"], self.names)
        if not people or len(people) != 1 or not people[0].name:
            return None
        mention = self.remember(people, index, sentence, rule="通过…的讲解", offset=briefing.start("who"))[0]
        target = meeting.speeches if meeting is not None else other_speeches
        speech = Speech(
            order=len(target) + 1,
            name=mention.name,
            title=mention.title,
            kind=SpeechKind.BRIEFING,
            span=sentence.span,
            title_span=mention.title_span,
            rule="通过…的讲解",
        )
        self.add_point(speech, sentence, briefing.start("point"), briefing.end("point"))
        target.append(speech)
        return speech

    def said_by_subject(self, index, meeting, other_speeches):
        """付兆庚听取了…介绍。他表示，…: "he" is the named subject of the sentence before."""
        if index == 0:
            return None
        before = self.sentences[index - 1].text
        position = _skip_prefix(before)
        names = sorted(self.names, key=len, reverse=True)
        name = next((name for name in names if before.startswith(name, position)), "")
        if not name:
            return None
        sentence = self.sentences[index]
        pronoun = _PRONOUN.match(sentence.text)
        title, title_span = self.titles.get(name, ("", None))
        speech = Speech(
            order=0,
            name=name,
            title=title,
            kind=_speech_kind(pronoun["verb"]),
            span=sentence.span,
            title_span=title_span,
            rule="他表示（前句主语）",
        )
        self.add_point(speech, sentence, _BODY_START.match(sentence.text, pronoun.end()).end(), len(sentence.text))
        target = meeting.speeches if meeting is not None else other_speeches
        speech.order = len(target) + 1
        target.append(speech)
        self.pronoun_speakers[id(speech)] = DOUBT_PRONOUN.format(pronoun=sentence.text[0], name=name)
        return speech

    def speaker_people(self, who, known):
        if not who or len(who) > 80:
            return None
        who = _SPEAKER_ADVERB.sub("", _SPEAKER_ROLE.sub("", _SPEAKER_ADVERB.sub("", who)))
        who = _ACCORDING_TO.sub("", who)
        serving = _SERVING_AS.match(who)
        if serving:
            who = serving["post"] + serving["name"]  # 我校派往…担任第一书记的徐泽敏: the post they hold
        people = self.parse(who) or self.post_alone(who)
        if not people:
            return None
        # A bare name must be someone the report names elsewhere or shaped like a name;
        # 双方表示 and 会议强调 are not speakers.
        if any(not person.title and not (person.name in known or is_name(person.name)) for person in people):
            return None
        if len(people) == 1 and not people[0].name and _BOTH_SIDES.match(people[0].title):
            # 双方医院领导首先分别对两家医院基本情况进行了介绍: the heads of both sides in turn, no one speaker.
            return None
        if len(people) == 1 and not people[0].name and _WHERE_STANDING.match(people[0].title):
            # 展位边的内蒙工作人员说: someone told by where they stood and what they do, of no body
            # named — a voice in the scene, not a participant.
            return None
        return people

    def post_alone(self, who):
        """旗卫生计生局副局长作总结讲话: a speaker the report names by post alone, the post of a
        body it prints (a bare 区委书记 may be someone named before, and is left alone)."""
        split = split_title_name(who, self.lexicon)
        if not split or split != (who, "") or not _UNIT_IN_POST.search(who[:-2]):
            return None
        if not (self.lexicon.regions.find_all(who) or who[0] in "区市旗盟县镇乡"):
            return None
        if any(title == who for title, _span in self.titles.values()):
            return None  # the post of someone named
        return [Named(name="", title=who)]

    def add_point(self, speech, sentence, start, end, new_point=False):
        """Points are paragraphs: a new paragraph starts a new point, a sentence in the
        same paragraph extends the last one. Only spans here: the text is cut once at
        the end (`cut_points`), so a long paragraph is not copied once per sentence."""
        segment = sentence.text[start:end]
        left = segment.lstrip("，,：: ")
        start += len(segment) - len(left)
        # Without the mark that ends it: 。, or ！ (…贡献更大力量！).
        end = start + len(left.rstrip("，,。；;！! "))
        if start >= end:
            return
        span = (sentence.start + start, sentence.start + end)
        last = speech.points[-1] if speech.points else None
        if last and not new_point and self.paragraph_at(last.span[0]) == sentence.paragraph:
            last.span = (last.span[0], span[1])
        else:
            speech.points.append(Point("", span))

    def cut_points(self, speeches):
        for speech in speeches:
            for point in speech.points:
                start, end = point.span
                # “…深化与北京的全方位合作。”这为政协助力指明了前进方向: the reporter's comment
                # after a quotation is not the speaker's.
                comment = _AFTER_QUOTE.search(self.text, start, end) if self.text[start : start + 1] in "“「" else None
                if comment and self.balanced(start, comment.start() + 1):
                    end = comment.start() + 1
                # “受自然环境等影响，…电送北京城。”: a point that is one quotation is its words,
                # without the marks around them.
                while end - start > 2 and self.text[start] in "“「" and self.text[end - 1] in "。！":
                    end -= 1
                if end - start > 2 and self.text[start] in "“「" and self.text[end - 1] in "”」":
                    inner = self.text[start + 1 : end - 1]
                    if inner.count("“") == inner.count("”") and inner.count("「") == inner.count("」"):
                        start, end = start + 1, end - 1
                        while end > start and self.text[end - 1] in "。！":
                            end -= 1
                        point.span = (start, end)
                elif end - start > 2 and self.text[start] == "“":
                    # A quotation the source never closes: its opening mark alone.
                    quoted = self.text[start:end]
                    if quoted.count("“") == quoted.count("”") + 1:
                        point.span = (start + 1, end)
                point.text = self.text[point.span[0] : point.span[1]]

    def balanced(self, start, end):
        """The quotation marks of `text[start:end]` all close."""
        quoted = self.text[start:end]
        return quoted.count("“") == quoted.count("”") and quoted.count("「") == quoted.count("」")

    def paragraph_at(self, offset):
        return self.sentences[bisect.bisect_right(self.starts, offset) - 1].paragraph

    # --- site visits -----------------------------------------------------------------------

    def site_visits_in(self, sentence, count):
        text = sentence.text.rstrip("。！")
        when = _when(text)
        found = []
        # 在A，代表团了解…；在B，代表团察看…: each part after ； that opens with 在 is a stop of its own.
        start = 0
        for semicolon in [*_NEXT_AT.finditer(text), None]:
            end = semicolon.start() if semicolon else len(text)
            found += self.stops_in(text[start:end])
            start = semicolon.end() if semicolon else end
        visits = []
        for place, seen, rule in found:
            place = _unquote(place.strip())
            visits.append(
                SiteVisit(
                    order=count + len(visits) + 1,
                    place=place,
                    seen=seen.strip("，, "),
                    region=self.region_of_place(place, sentence),
                    when=when,
                    span=sentence.span,
                    rule=rule,
                )
            )
        return visits

    def stops_in(self, text):
        """(place, what was seen, rule) for each stop a sentence (or a part of one) tells of."""
        position = _skip_prefix(text)
        circumstance = _CIRCUMSTANCE.match(text, position)
        if circumstance:
            # 在丰台区人社局沟通协调下，考察组深入…: who arranged it, not where they were.
            position = circumstance.end() + _skip_prefix(text[circumstance.end() :])
        subject_end = self.subject_end(text, position)
        cursor = _STOP_ADVERBS.match(text, subject_end).end()
        # 刘东伟一行在王兴的陪同下来到…: the circumstance after the subject.
        circumstance = _CIRCUMSTANCE.match(text, cursor)
        if circumstance:
            cursor = _STOP_ADVERBS.match(text, circumstance.end()).end()
        found = []
        if text.startswith("在", cursor):
            comma = _first_comma(text, cursor)
            # 在丫髻山、金海湖…等地，重点学习…: the places, not the 等地 that closes their list.
            place = re.sub(r"等(?:地|处)$", "", text[cursor + 1 : comma])
            rest = text[comma + 1 :] if comma < len(text) else ""
            # 代表团在…食品有限公司考察马铃薯产业发展情况: the place runs up to the verb.
            at = _AT_PLACE.match(text, cursor, comma)
            subject = self.group_subject(rest) if self.is_region(place) else None
            if subject:
                # 在呼和浩特市，调研组先后深入伊利集团、蒙草集团，…: a city or a banner is where the stops are,
                # no stop itself; the group's moves come after it.
                cursor = comma + 1 + len(rest) - len(rest.lstrip("，, ")) + len(subject)
                cursor = _STOP_ADVERBS.match(text, cursor).end()
            elif at and self.valid_place(at["place"], strict=True):
                found = [(at["place"], text[at.end("place") :], "在…考察")]
            elif self.valid_place(place, strict=False) and _VISIT_VERB.search(rest):
                seen = _seen_clauses(self.strip_subject(rest))
                # 在…清华大学的校园、北京101中学，学子们…: several places, each after what is said of
                # it; a campus is its school's.
                places = [self.undescribed(_CAMPUS_OF.sub("", item)) for item in _split_places(place)]
                found = [(item, seen, "在…，…了解") for item in places]
            elif self.valid_place(place, strict=True) and (subject := self.group_subject(rest)):
                # 在萨拉乌苏遗址博物馆，师生们通过场景复原，探寻…: the group did something there, whatever
                # the verb — a place-like word, and the group as the next clause's subject.
                seen = _seen_clauses(self.strip_subject(rest))
                found = [(self.undescribed(item), seen, "在…，代表团…") for item in _split_places(place)]
            elif subject := self.group_subject(rest):
                # 在教育交流环节，师生们走进…: a time or a part of the programme, not a place; the
                # group's moves come after it.
                cursor = comma + 1 + len(rest) - len(rest.lstrip("，, ")) + len(subject)
                cursor = _STOP_ADVERBS.match(text, cursor).end()
        if not found:
            found = self.moves_at(text, cursor)
        # Later clauses that move on: …，走访涉晰农业公司、雨润地丰种养殖合作社，…; when the
        # first clause was no stop (考察组到达乌兰浩特后…), the later ones still may be.
        for clause in _CLAUSE_MOVE.finditer(text, cursor):
            if clause.start() <= cursor:
                continue
            more = self.moves_at(text, clause.end(), strict=True, clause_start=clause.start() + 1)
            if more:
                found = [(place, _cut_at(seen, text[clause.start() :]), rule) for place, seen, rule in found]
                found += more
                if len(found) > len(more):
                    break
        # A county or a league is where the trip went, not a stop in it (到太仆寺旗调研送教).
        return [item for item in found if not self.is_region(item[0])]

    def seen_next(self, visits, sentence):
        """The stops of the sentence before said nothing of what was seen; this sentence does
        (…付兆庚听取了…介绍，详细了解…，了解…): its run of 了解 clauses is theirs. True when
        the sentence was taken so."""
        stops = [visit for visit in visits if visit.span == visits[-1].span]
        if any(visit.seen for visit in stops):
            return False
        text = sentence.text.rstrip("。！")
        starts = [0] + [position + 1 for position, char in enumerate(text) if char in "，,；;"]
        run = None
        for start in starts:
            clause = _SEEN_CLAUSE.match(text, start)
            if clause and run is None:
                run = [start, _clause_end(text, start)]
            elif clause and run[1] == start - 1:
                run[1] = _clause_end(text, start)
            elif run is not None:
                break
        if run is None:
            return False
        for visit in stops:
            visit.seen = text[run[0] : run[1]]
        return True

    def is_region(self, place):
        entry = self.lexicon.regions.resolve(place)
        return entry is not None and entry.level in ("province", "prefecture", "county")

    def moves_at(self, text, cursor, strict=False, clause_start=None):
        """Places after a movement verb at `cursor` (来到A、B等地, 前往…调研), with what was seen."""
        move = _MOVE.match(text, cursor)
        if not move:
            return []
        after = move.end()
        comma = _first_break(text, after)
        inner = _VERB_IN_PLACE.search(text, after + 2, comma)
        if inner:
            place, seen = text[after : inner.start()], text[inner.start() :]
        else:
            # After a semicolon comes the next thing they did, not what they saw.
            place, seen = text[after:comma], text[comma + 1 :] if text[comma : comma + 1] in ("，", ",") else ""
        # 参观了乌梁素海、秦汉长城遗址…等景点: a list closed by 等 and what its items are; the
        # closing noun vouches for each item being a place, whatever its own name ends with.
        closing = _LIST_CLOSING.search(place)
        vouched = bool(closing) and closing.group() != "等" and "、" in place[: closing.start()]
        place = place[: closing.start()] if closing else place
        if _CALLED_ON.fullmatch(move["verb"].rstrip("了")):
            # 看望慰问…村脱贫户: people called on, a stop only as the village they live in.
            settlement = _SETTLEMENT.match(place)
            start = clause_start if clause_start is not None else cursor
            return [(settlement.group(), text[start:comma], "看望…村…")] if settlement and not inner else []
        state = _STATE_OF.search(place)
        if state and not seen:
            # 参观…卫生院及库伦苏木建设情况: the places, and the last one's state is what was seen of it.
            places = [self.undescribed(item) for item in _split_places(place[: state.start()])]
            if places and all(self.valid_place(item, strict=True) for item in places):
                last = places[-1] + place[state.start() :]
                seen_of = [""] * (len(places) - 1) + [last]
                return [(item, seen_at, f"{move['verb']}…") for item, seen_at in zip(places, seen_of, strict=True)]
        if move["verb"].startswith("抵达") and self.region_chains(place, 0)[1] >= len(place.rstrip("，,")):
            return []  # 抵达北京市怀柔区: where the trip went, not a stop in it
        # 与…建立结对帮扶关系的察右中旗实验小学: the place after what is said of it.
        described = place.rfind("的")
        single = len(_split_places(place)) == 1  # …的卢沟桥和…的天坛公园: two, each described
        if described > 0 and len(place) - described > 4 and "、" not in place[described:] and single:
            tail = place[described + 1 :]
            if (self.valid_place(tail, strict=True) or _PLACES_KIND.match(tail)) and not self.is_region(tail):
                place = tail
        seen = self.strip_subject(seen)
        generic = _GENERIC_SEEN.match(seen)
        if generic:
            # 等地实地调研，开展…对接: the purpose after it is what the stops were for; another
            # round of visits after it (，走访慰问贫困户) is not.
            seen = seen[generic.end() :] if generic.group().endswith(("，", ",")) else ""
            if _OTHER_ROUND.match(seen):
                seen = ""
        if _NEXT_ROUND.match(seen):
            seen = ""  # 随后参观…: the next stop, not what was seen at this one
        seen = _seen_clauses(seen)
        # 深入驻园企业蒙牛（乳业）集团六期和…草博园: what the places are, before their names.
        place = place[len(kind.group()) :] if (kind := _PLACES_KIND.match(place)) else place
        # …重点合作企业京东方集团和金风科技: what the places are, printed before them, vouches for each.
        vouched = vouched or bool(kind)
        places = [self.undescribed(item) for item in _split_places(place, vouched)]
        if places and all(
            self.valid_place(item, strict=(strict or not _VISIT_VERB.search(seen)) and not vouched)
            for item in places
        ):
            return [(item, seen, f"{move['verb']}…") for item in places]
        # 实地考察了五三村庭院经济: the village is the stop, the clause is what was seen there.
        settlement = _SETTLEMENT.match(place)
        if settlement and move["verb"] in ("考察", "察看", "调研", "参观", "走访") and inner is None:
            start = clause_start if clause_start is not None else cursor
            return [(settlement.group(), text[start:comma], "考察了…村…")]
        return []

    def undescribed(self, place):
        """祭拜孔子的孔庙: one of several places, after what is said of it; 中国现代最高学府--清华大学:
        after what it is called."""
        called = re.split(r"--|——|—", place)
        if len(called) > 1 and _PLACE_NOUN.search(called[-1]) and len(called[-1]) >= 3:
            place = called[-1]
        described = place.rfind("的")
        tail = place[described + 1 :]
        if described > 0 and len(tail) >= 2 and _PLACE_NOUN.search(tail) and not self.is_region(tail):
            return tail
        return place

    def valid_place(self, place, strict):
        place = place.strip()
        if not 2 <= len(place) <= 60 or _NOT_A_PLACE.search(place) or _NOT_A_PLACE_END.search(place):
            return False
        if "，" in place or "。" in place:
            return False
        # After a bare movement verb (深入开展…, 到2025年…) only a place-like word will do.
        return not strict or bool(_PLACE_NOUN.search(_unquote(place)))

    def group_subject(self, text):
        """The group's word the clause opens with (师生们, 代表团, the group's own noun), or ""."""
        text = text.lstrip("，, ")
        return next((subject for subject in self.subjects() if text.startswith(subject)), "")

    def subjects(self):
        # 学子们在生存岛参加了…: a study tour's pupils, told as the subject of what they did.
        names = ["代表团", "考察团", "调研组", "工作组", "双方", "两地领导", "双方领导", "大家"]
        names += ["学子们", "同学们", "学生们", "师生们", "孩子们"]
        if self.delegation is not None:
            if self.delegation.name:
                names.append(self.delegation.name)
                # 北京大学城市与环境学院师生团队…。随后，团队走进…: the group by its noun alone.
                noun = re.search(_DELEGATION_NOUN + "$", self.delegation.name)
                if noun:
                    names += [noun.group(), *(["团队"] if noun.group().endswith("团队") else [])]
            names += [mention.name for mention in self.lead_mentions if mention.name]
        return sorted(set(names), key=len, reverse=True)

    def names_at(self, text, position):
        """The names read so far that `text` has at `position`, longest first."""
        if self._names_index[0] != len(self.names):
            index = collections.defaultdict(list)
            for name in sorted(self.names, key=len, reverse=True):
                index[name[0]].append(name)
            self._names_index = (len(self.names), index)
        candidates = self._names_index[1].get(text[position : position + 1], ())
        return [name for name in candidates if text.startswith(name, position)]

    def subject_end(self, text, position):
        # Anyone the report names may lead a stop: 刘明辉一行到….
        for name in self.names_at(text, position):
            if text.startswith("一行", position + len(name)):
                return position + len(name) + 2
        for subject in self.subjects():
            if text.startswith(subject, position):
                end = position + len(subject)
                # 刘东伟和王兴一同来到…: the others named with the subject go too.
                while joined := _JOINED.match(text, end):
                    other = next(iter(self.names_at(text, joined.end())), "")
                    if not other:
                        break
                    end = joined.end() + len(other)
                return end + 2 if text.startswith("一行", end) else end
        if text.startswith("一行", position):
            return position + 2
        # A group the report names only here: 考察组到达…, 中国农业大学教授专家团队深入….
        group = _GROUP_SUBJECT.match(text, position) or _BODY_GROUP_SUBJECT.match(text, position)
        return group.end() if group else position

    def strip_subject(self, text):
        text = text.strip("，, ")
        position = self.subject_end(text, 0)
        text = text[position:]
        text = text[_ADVERBS.match(text).end() :] if position else text
        if means := _BY_MEANS.match(text):
            # 通过…副站长李勇的讲解，调研团了解到…: how they learnt it is not what they saw; the group
            # named again after it is no part of it either.
            return self.strip_subject(text[means.end() :])
        return text

    # --- topics ----------------------------------------------------------------------------

    def given_by_society(self, position):
        """A gift at `position` whose clause names a giver outside government (商会企业, 红十字会)."""
        start = max(self.text.rfind(mark, 0, position) for mark in "，,。；;！\n") + 1
        ends = [end for end in (self.text.find(mark, position) for mark in "，,。；;！\n") if end >= 0]
        clause = self.text[start : min(ends, default=len(self.text))]
        return any(giver in clause for giver in GIVERS)

    def topics(self):
        keyword_topic = {keyword: topic for topic, keywords in self.lexicon.topics.items() for keyword in keywords}
        if not keyword_topic:
            return []
        # Every keyword found with str.find (fast on a long text), then read from the left, the
        # longest keyword first where two start at the same place, none overlapping another.
        hits = []
        for keyword in keyword_topic:
            position = self.text.find(keyword)
            while position >= 0:
                if keyword not in GIFT_WORDS or self.given_by_society(position):
                    hits.append((position, -len(keyword), keyword))
                position = self.text.find(keyword, position + 1)
        found = {}
        taken_to = 0
        for position, _length, keyword in sorted(hits):
            if position < taken_to:
                continue
            taken_to = position + len(keyword)
            topic = found.setdefault(keyword_topic[keyword], TopicMatch(keyword_topic[keyword], [], 0, []))
            topic.count += 1
            if keyword not in topic.keywords:
                topic.keywords.append(keyword)
            sentence = self.sentences[bisect.bisect_right(self.starts, position) - 1]
            if len(topic.spans) < 20 and sentence.span not in topic.spans:
                topic.spans.append(sentence.span)
        return list(found.values())


# The head of a sentence up to its first break, where someone printed by post and name may open it,
# and what follows such a name when they are the subject: a post printed after it, then a verb.
_OPENING_HEAD = re.compile(r"[^，,。；;：:“”、]{3,24}")
# 考察组还…, 代表团随后…: the group as the subject of what follows, then what it did.
_GROUP_ACTS = re.compile(r"[^，。；！？]{0,12}?" + _DELEGATION_NOUN + r"(?:一行)?(?:还|又|随后|并|也)")
_NAMED_ACTS = re.compile(r"(?:教授|副教授|研究员|同志)?(?:等)?(?:表示|指出|强调|介绍|建议|提出|认为|说)")


def _invited_to_come(text, match):
    """盛邀朝晖初中行政和教师一起到美丽的呼伦贝尔走访交流: the journey of the clause is one its subject asks
    others to make (盛邀, 诚邀, 邀请 before it in the clause), not one made — unless the clause says it
    was made at an invitation (应…邀请, 受邀请)."""
    clause_start = max(text.rfind(mark, 0, match.start()) for mark in "，,；;") + 1
    clause = text[clause_start : match.end()]
    invites = _INVITES.search(clause)
    return bool(invites) and not _AT_INVITATION.search(clause, 0, invites.start())


def _briefed_objects(text, start, end):
    """(start, end) of each thing a briefing told of when it is told as objects: 介绍了X，阐述了Y —
    the first clause, then each later clause that opens with another such verb; None when the
    briefing is not told so (介绍说…). 介绍X情况 without 了 is told so too, and 就X进行了介绍 tells X."""
    if (
        not _OBJECT_BRIEFING.search(text, max(0, start - 4), start)
        and not (text.endswith("介绍", 0, start) and _STATE_TOLD.match(text, start))
        and not _TOLD_ON.match(text, start, end)
    ):
        return None
    found = []
    clause_start = start
    while clause_start < end:
        if told := _TOLD_ON.match(text, clause_start, end):
            found.append(told.span("object"))
            clause_end = told.end()
        elif thanks := _JOINED_THANKS.match(text, clause_start, end):
            found.append(thanks.span("thanks"))
            clause_end = thanks.end()
        else:
            clause_end = _first_break(text, clause_start)
            while text[clause_end : clause_end + 1] in ("，", ",") and text.startswith("以及", clause_end + 1):
                # 介绍了…的工作成效，以及本次巡回医疗工作的主要内容: the list of what was told goes on (as what
                # was seen does, `_seen_clauses`).
                clause_end = _first_break(text, clause_end + 1)
            clause_end = min(clause_end, end)
            found.append((clause_start, clause_end))
        if clause_end >= end or text[clause_end : clause_end + 1] not in "，,":
            break
        following = clause_end + 1
        if _TOLD_ON.match(text, following, end) or _JOINED_THANKS.match(text, following, end):
            clause_start = following
        elif more := _MORE_BRIEFED.match(text, following):
            clause_start = more.end()
        else:
            break
    return found


def _fallback_ok(text, fallback):
    """A place read by its ending only, not the head of a body's name: 北京市农业农村局 has
    no place 农业农村 in it."""
    if _NOT_A_REGION.search(fallback.group()):
        return False
    return not _BODY_AFTER.match(text, fallback.end())


def _seen_clauses(seen):
    """The first clause of what was seen and the clauses after it that say more of it."""
    end = _first_break(seen)
    while end < len(seen) and seen[end] in "，,":
        if _SEEN_MORE.match(seen, end + 1) or seen.startswith("以及", end + 1):
            # …贸易动态，以及中方企业…面临的挑战: the list of what they learnt goes on.
            end = _first_break(seen, end + 1)
        elif more := _MORE_OF.match(seen, end + 1):
            end = more.end()  # …，京蒙对口帮扶和精准扶贫工作开展情况: more of what they looked into
        else:
            break
    return seen[:end]


def _cut_at(seen, later):
    """What was seen at the first stops, without the clause that moves on to the next."""
    position = seen.find(later)
    return seen[:position].rstrip("，,；; ") if position > 0 else seen


def _first_comma(text, start=0):
    positions = [position for position in (text.find("，", start), text.find(",", start)) if position >= 0]
    return min(positions) if positions else len(text)


def _first_break(text, start=0):
    """Where the clause at `start` ends: a comma or a semicolon (…养猪场；考察结束后…)."""
    match = _BREAK.search(text, start)
    return match.start() if match else len(text)


def _clause_end(text, start):
    match = _CLAUSE_END.search(text, start, start + 200)
    return match.start() if match else min(len(text), start + 200)


def _skip_comma(text, position):
    while position < len(text) and text[position] in "，, ":
        position += 1
    return position


def _skip_prefix(text):
    match = _TIME_WORDS.match(text)
    return match.end() if match else 0


def _when(text):
    match = re.match(r"(?:\d{4}年)?(?:\d{1,2}月\d{1,2}日)?(?:上午|下午|晚上|当天|当日|次日|同日)*", text)
    return match.group(0) if match else ""


def _unquote(place):
    if len(place) > 2 and place[0] == "“" and place[-1] == "”" and "“" not in place[1:-1]:
        return place[1:-1]
    return place


# …的国子监: a short name after what is said of it.
_DESCRIBED = re.compile(r"[^，。；、]{2,30}的[\u4e00-\u9fff]{2,6}")


_PLACES_KIND = re.compile(
    r"(?:驻园|入园|入驻|园区|辖区|区内|旗内|当地|重点|龙头|骨干|知名|帮扶|合作|协作|重点合作|重点帮扶|京蒙协作)"
    r"(?:企业|单位)(?=[^，。；、和及等]{4,})"
)
# 蒙牛（乳业）集团六期和…草博园: two bodies, each named by what it is somewhere in its name.
_BODY_IN_NAME = re.compile(r"公司|集团|医院|学校|大学|合作社|基地|园|馆|厂|中心")


def _split_places(place, vouched=False):
    """A、B和C: several places, when every piece is place-like (or the list was closed by
    what its items are, `vouched`: …、大桦背等景点); otherwise one place whose name contains 、
    (密云区、库伦旗联合建设的体验馆). 和 inside a name (呼和道卜嘎查) does not split it."""
    pieces, paired = [], []
    for piece in re.split(r"、|以及|及", place):
        halves = piece.split("和")
        if len(halves) > 1 and all(len(half) >= 3 and _PLACE_NOUN.search(_unquote(half)) for half in halves):
            pieces += halves
        elif len(halves) == 2 and all(len(half) >= 5 and _BODY_IN_NAME.search(half) for half in halves):
            pieces += halves
            paired += halves
        elif vouched and len(halves) == 2 and all(len(half) >= 4 for half in halves):
            # …企业京东方集团和金风科技: a list vouched for by what its items are splits at 和 too.
            pieces += halves
        elif len(halves) == 2 and all(map(_DESCRIBED.fullmatch, halves)) and _PLACE_NOUN.search(halves[1]):
            # 被誉为…最高学府的国子监和祭拜孔子的孔庙: two places each after what is said of it, in
            # parallel; one place-like name vouches for the other.
            named = halves[0][halves[0].rfind("的") + 1 :]
            pieces += [named, halves[1]]
            paired.append(named)
        elif piece:
            pieces.append(piece)
    if len(pieces) > 1 and (vouched or all(piece in paired or _PLACE_NOUN.search(_unquote(piece)) for piece in pieces)):
        return pieces
    return [place] if place else []


def _meeting_kind(title):
    # 文学创作讲座暨座谈会, 推进会暨签约仪式: one event under two names is of the kind of the first.
    first = title.split("暨")[0]
    for word, kind in _MEETING_KINDS:
        if word in first:
            return kind
    return MeetingKind.OTHER


def _same_meeting(title, meeting):
    """双方召开座谈会。座谈会上，…: the open meeting named again, in full or by its noun."""
    if meeting is None:
        return False
    if title == meeting.title or title == _bare_noun(title) == _bare_noun(meeting.title):
        return True
    talks = not _MEETING_NOUN_RE.search(meeting.title)  # held as a verb: 座谈, 座谈交流
    if title in ("座谈", "会谈", "座谈会") and title[:2] in meeting.title and talks:
        return True  # …进行了座谈交流。座谈中，… / 座谈会上，…: the same talks
    if title == "会议":
        # …召开了…座谈会。…旗长浩毕斯嘎拉图主持会议: 会议 is whatever meeting is open.
        return True
    # 仪式由孙海燕主持 after …签约仪式在太仆寺旗举行: the open one, by the last word of its name;
    # 主持座谈会 after …座谈会议: the same noun, printed short.
    if title == _bare_noun(title) and meeting.title.removesuffix("议").endswith(title):
        return True
    return _shortened(title, meeting.title)


def _shortened(title, whole):
    """开工仪式 for …建设项目开工奠基仪式: an event named again by a few words of its name, in order,
    with the same noun (签约仪式 after …揭牌仪式 is another event)."""
    noun = _bare_noun(title)
    if len(title) > 8 or noun == title or title == whole or not whole.endswith(noun):
        return False
    rest = iter(whole[: -len(noun)])
    return all(char in rest for char in title[: -len(noun)])


def _bare_noun(title):
    match = re.search(_MEETING_NOUN + "$", title)
    return match.group(0) if match else title


def _speech_kind(verb):
    for word, kind in _VERB_KINDS:
        if word in verb:
            return kind
    return SpeechKind.SPEECH
