"""What the 考察活动 and 会议发言 ledgers share: their columns, and how a trip is referred to.

The ledgers of `visits`, one module a sheet:

- `trips` — 考察活动, a trip per row (participants, stops, destinations, topics, pairings, source);
- `speeches` — 会议发言, a speech per row (its meeting made or found on the way);
- `project_refs` — the projects a trip's 相关项目 names, found or made as drafts.

`cooperation.ledgers` runs them (it reaches them only through ``settings.LEDGERS``); nothing
here is called back from there.
"""

from cooperation.ledgers.context import chunks
from visits.models import Participant, ParticipantRole, ParticipantSide, SiteVisit, Speech

# visits meets projects only through the site visit that inspects a project.
Project = SiteVisit._meta.get_field("projects").related_model

TRIP_HEADERS = (
    "编号",
    "标题",
    "类型",
    "开始日期",
    "结束日期",
    "代表团",
    "带队领导",
    "代表团成员",
    "出发地",
    "目的地",
    "考察点",
    "出席人员",
    "协作领域",
    "相关项目",
    "来源",
    "链接",
    "发布日期",
    "摘要",
    "正文",
)
SPEECH_HEADERS = ("活动编号", "会议", "会议类型", "会议日期", "会议地点", "顺序", "发言人", "职务", "发言类型", "要点")
# A people column named for one side (北京方对接人员): the side marker its cells are read with.
MARKED_PEOPLE_HEADERS = {
    f"{marker}{people}": marker
    # 我方, 本方: the office's own side (本单位所在地区's), whichever end of the trip that is; 对方
    # the other side.
    for marker in (
        "北京方", "京方", "内蒙古方", "蒙方", "支援方", "受援方", "来访方", "考察方", "接待方", "东道方",
        "我方", "本方", "对方",
    )
    for people in ("人员", "对接人员", "参加人员", "出席人员", "陪同人员", "接待人员", "参会人员", "领导", "出席领导")
}
# What offices call a trip's date: the day it began.
DATE_SYNONYMS = (
    "日期", "时间", "活动日期", "活动时间", "考察日期", "考察时间", "起始日期", "来访日期", "来访时间", "接待日期",
)
# A date header over two columns of its own (考察时间 over 开始 and 结束): the two ends.
_START_WORDS, _END_WORDS = ("开始", "起", "起始", "自"), ("结束", "止", "截止", "至")
# The body that went, in the office's own register of its trips out: where it went is no office's
# own region (本单位所在地区 cannot stand for it).
SENT_BODY_HEADERS = ("派出单位", "出访单位", "赴京单位", "来京单位")
# Other names offices give these columns (read as the ledger's own, with a warning).
TRIP_SYNONYMS = {
    # 活动内容, 接待事项, 来访事由: what a receiving office's visitor register calls the visit (活动内容
    # only loosely: beside 事由 or 事项 it is no title, `TripLedger.loose_synonyms`).
    **dict.fromkeys(
        ("活动名称", "活动标题", "事项", "事由", "对接事项", "活动内容", "接待事项", "来访事由", "考察事项",
         "调研事项"),
        "标题",
    ),
    "活动类型": "类型",
    **dict.fromkeys(DATE_SYNONYMS, "开始日期"),
    **dict.fromkeys((date + word for date in (*DATE_SYNONYMS, "开始日期") for word in _START_WORDS), "开始日期"),
    **dict.fromkeys((date + word for date in DATE_SYNONYMS for word in _END_WORDS), "结束日期"),
    **dict.fromkeys(("截止日期", "终止日期"), "结束日期"),
    "代表团名称": "代表团",
    # 来访领导: a visitor register's name for the visiting delegation's leaders.
    **dict.fromkeys(("带队", "带队人", "来访领导", "来京领导"), "带队领导"),
    # 来访地区: where the visitors came from, in a register of visits received.
    **dict.fromkeys(("来访地区", "来访地", "出发地区", "派出地区"), "出发地"),
    # 接待地区: where the visitors were received — the trip's end, in any register.
    **dict.fromkeys(("接待地区", "接待地"), "目的地"),
    **dict.fromkeys(("随行人员", "代表团其他成员", "成员", "来访人员"), "代表团成员"),
    **dict.fromkeys(("考察点位", "考察地点", "参观点位"), "考察点"),
    **dict.fromkeys(("参加人员", "出席领导", "接待人员", "陪同人员", "参会人员", "对接人员"), "出席人员"),
    # A column of one side's people (北京方对接人员, 蒙方参加人员): 出席人员, each cell read as if
    # it began with that side's marker (`MARKED_PEOPLE_HEADERS`).
    **dict.fromkeys(MARKED_PEOPLE_HEADERS, "出席人员"),
    # The body that went (the office's own trips out): read as 来访单位, the visiting body.
    **dict.fromkeys(SENT_BODY_HEADERS, "来访单位"),
    **dict.fromkeys(("现任职务", "职务职称"), "职务"),
    "领域": "协作领域",
    **dict.fromkeys(("关联项目", "涉及项目"), "相关项目"),
    # 报道媒体: the publisher a register names beside the report's link.
    **dict.fromkeys(("信息来源", "来源单位", "稿件来源", "报道媒体", "刊发媒体", "发布媒体"), "来源"),
    **dict.fromkeys(("原文链接", "报道链接", "网址", "链接地址"), "链接"),
    **dict.fromkeys(("发布时间", "报道日期", "发稿日期"), "发布日期"),
}
SPEECH_SYNONYMS = {
    # The trip a meeting belongs to, by its 编号, 链接 or 标题 (所属对接活动: the trip's title).
    **dict.fromkeys(("考察编号", "所属活动", "所属考察活动", "所属对接活动", "对接活动"), "活动编号"),
    # Who spoke: a name, a post, or both in one cell (行署副盟长孙振江).
    **dict.fromkeys(("发言领导", "讲话人", "讲话领导", "发言人员"), "发言人"),
    "会议名称": "会议",
    "会议时间": "会议日期",
    **dict.fromkeys(("发言人职务", "发言人身份"), "职务"),
    **dict.fromkeys(("发言要点", "主要内容"), "要点"),
    **dict.fromkeys(("发言形式", "发言方式", "讲话形式"), "发言类型"),
}
# What offices write for a kind of speech other than its label: each read as the label, with a warning.
SPEECH_KIND_WORDS = {
    **dict.fromkeys(("致辞", "致欢迎辞", "致答谢辞", "发言", "讲话发言", "作报告"), "讲话"),
    **dict.fromkeys(("汇报", "介绍", "情况介绍", "介绍情况汇报"), "介绍情况"),
}

# What one workbook's trips sheets keep for its speeches sheet (`ImportContext.memo`): a trip's
# 序号 → [(the trip, or None when its row is in error; sheet; row)], and the sheets that had 序号.
TRIP_SERIALS, TRIP_SERIAL_SHEETS = "trips by 序号", "sheets of trips with 序号"

# A register of a row per person may keep the person in columns of their own: the name (姓名),
# beside it the body (单位) and the post (职务), and the person's part in the trip (类别).
NAME_HEADERS = ("姓名", "人员姓名", "名字")
UNIT_HEADERS = ("单位", "工作单位", "所在单位", "单位名称")
PART_HEADERS = ("类别", "人员类别", "身份", "人员身份", "角色", "分工", "参与方式")

LEADERS, MEMBERS, HOSTS = "带队领导", "代表团成员", "出席人员"
# What a 类别 cell says of the person: the column they belong in, and the side marker their
# item is read with in 出席人员 (陪同 and 接待 are the hosts; 出席, 参加 say no side: guessed from
# the title, as in 出席人员). A side marker word (北京方, 来访方 …) is that side.
PARTS = {
    **dict.fromkeys(("带队", "带队领导", "领队", "率队", "团长"), (LEADERS, "")),
    **dict.fromkeys(("随行", "随同", "随行人员", "成员", "团员", "代表团成员"), (MEMBERS, "")),
    **dict.fromkeys(("陪同", "陪同领导", "陪同人员", "接待", "接待人员"), (HOSTS, "接待方")),
    **dict.fromkeys(("出席", "参加", "出席人员", "参加人员", "会见", "座谈"), (HOSTS, "")),
}
PEOPLE_COLUMNS = {
    LEADERS: (ParticipantSide.VISITING, ParticipantRole.LEADER),
    MEMBERS: (ParticipantSide.VISITING, ParticipantRole.MEMBER),
    HOSTS: (ParticipantSide.HOST, ParticipantRole.ATTENDING),
}


def people_column(participant):
    """Which column a participant belongs in (陪同 reads as a member or host).

    A visitor who only attended (出席) is in 出席人员, as the ledger wrote them.
    """
    if participant.side == ParticipantSide.VISITING and participant.role != ParticipantRole.ATTENDING:
        return LEADERS if participant.role == ParticipantRole.LEADER else MEMBERS
    return HOSTS


def trip_reference(delegation, shared_urls=frozenset()):
    """What 活动编号 writes for a trip: its 编号, else its 链接 (if no other trip has it), else its 标题."""
    if delegation.code:
        return delegation.code
    url = delegation.source.url if delegation.source_id else ""
    if url and url not in shared_urls:
        return url
    return delegation.title


class LinkRef:
    """A record known only by its pk (an m2m link about to be removed)."""

    def __init__(self, pk):
        self.pk = pk


def pass_printed_titles(context, places=False, passed=None, but=frozenset()):
    """Hand the people resolver the titles printed with the loaded names before, in trips and
    speeches, and — where such a title names no place — the place of the trip (a host's
    destinations, a visitor's origin): its evidence for telling namesakes apart, and for knowing
    a 区领导 of 昌平区 again as 昌平区副区长 (passed down; it never looks up here).

    `places`: only the trips ledger asks for the trips' places — a speaker is mostly the
    participant of the trip, and reading every participation of every known speaker cost a
    104,762-speech import a sixth of its time.

    `passed`: a set of the ids already handed down (a sheet read in parts hands each person's
    once), added to; `but`: people created by this sheet's earlier parts, whose titles are this
    file's own."""
    ids = context.people.known_ids(but)
    if passed is not None:
        ids = [pk for pk in ids if pk not in passed]
        passed.update(ids)
    regions = context.regions
    for chunk in chunks(ids):
        for model in (Participant, Speech):
            context.people.add_titles(
                model.objects.filter(person_id__in=chunk).values_list("person_id", "title_as_printed").distinct()
            )
        if not places:
            continue
        rows = Participant.objects.filter(person_id__in=chunk).values_list(
            "person_id", "title_as_printed", "side", "delegation__origin_id", "delegation__destinations"
        ).distinct()
        context.people.add_places(
            (person_id, origin if side == ParticipantSide.VISITING else destination)
            for person_id, title, side, origin, destination in rows
            if not regions.in_title(title)
        )
