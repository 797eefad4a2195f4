"""The extractor from report text to a draft trip: pure Python, no database."""

import datetime
import json
from pathlib import Path

import pytest

from visits.report_import import (
    DatePrecision,
    DelegationKind,
    Lexicon,
    MeetingKind,
    ParticipantRole,
    ParticipantSide,
    RegionEntry,
    RegionSide,
    SpeechKind,
    default_lexicon,
    extract,
    load_regions_csv,
    parse_people,
    text_from_html,
)
from visits.report_import.benchmark import summarize

CASES = Path(__file__).parent / "extraction_cases"
SEED = (CASES / "000_seed_daxing.txt").read_text(encoding="utf-8")
V, H = ParticipantSide.VISITING, ParticipantSide.HOST
LEADER, MEMBER, ATTENDING = ParticipantRole.LEADER, ParticipantRole.MEMBER, ParticipantRole.ATTENDING
REGIONS = default_lexicon()


def case(name):
    return (CASES / name).read_text(encoding="utf-8")


# --- the seed report, end to end ----------------------------------------------------------


def test_seed_delegation_leader_and_destinations():
    result = extract(SEED)

    delegation = result.delegation
    assert result.is_trip is True
    assert (delegation.name, delegation.kind) == ("大兴区党政代表团", DelegationKind.INSPECTION)
    assert [(person.name, person.title) for person in delegation.leaders] == [("王有国", "区委书记")]
    assert (delegation.origin.name, delegation.origin.full_name) == ("大兴区", "北京市大兴区")
    assert [(place.name, place.parents, place.full_name, place.side) for place in delegation.destinations] == [
        ("察右前旗", ["内蒙古自治区", "乌兰察布市"], "内蒙古自治区乌兰察布市察哈尔右翼前旗", RegionSide.RECIPIENT),
        ("正镶白旗", ["锡林郭勒盟"], "内蒙古自治区锡林郭勒盟正镶白旗", RegionSide.RECIPIENT),
    ]


def test_seed_site_visits_in_order_with_their_sentences():
    result = extract(SEED)

    assert [(visit.order, visit.place, visit.seen) for visit in result.site_visits] == [
        (1, "乌兰察布延彩生态农业发展有限公司大哈拉运营区", "全面了解芍药鲜切花种植、销售、种苗研发培育等情况"),
        (2, "正镶白旗人才公寓", "全面了解“组团式”帮扶人员服务保障情况"),
        (3, "星耀镇京蒙现代农业科技产业园科技种植示范基地", "了解并察看日光智能玻璃温室示范引领特色种植情况"),
        (4, "星空草原", "考察文旅产业发展情况"),
    ]
    assert [SEED[slice(*visit.span)] for visit in result.site_visits] == [
        "在乌兰察布延彩生态农业发展有限公司大哈拉运营区，大兴区党政代表团全面了解芍药鲜切花种植、销售、种苗研发培育等情况。",
        "在正镶白旗人才公寓，代表团全面了解“组团式”帮扶人员服务保障情况。",
        "走进星耀镇京蒙现代农业科技产业园科技种植示范基地，了解并察看日光智能玻璃温室示范引领特色种植情况。",
        "在“星空草原”，考察文旅产业发展情况。",
    ]


def test_seed_meetings_and_speakers_in_order():
    result = extract(SEED)

    assert [(meeting.title, meeting.kind, meeting.place) for meeting in result.meetings] == [
        ("座谈会", MeetingKind.SYMPOSIUM, "察右前旗"),
        ("京蒙协作工作座谈会", MeetingKind.SYMPOSIUM, "正镶白旗"),
    ]
    assert [[(s.order, s.name, s.title, s.kind) for s in meeting.speeches] for meeting in result.meetings] == [
        [
            (1, "冀宏", "乌兰察布市政协副主席、察右前旗委书记", SpeechKind.BRIEFING),
            (2, "", "大兴区相关单位负责人", SpeechKind.BRIEFING),
            (3, "王有国", "区委书记", SpeechKind.EMPHASIS),
            (4, "乔允利", "市委副书记、政法委书记", SpeechKind.REMARK),
        ],
        [
            (1, "额尔德尼", "正镶白旗委副书记、旗长", SpeechKind.BRIEFING),
            (2, "", "大兴区相关部门负责人", SpeechKind.BRIEFING),
            (3, "王有国", "区委书记", SpeechKind.EMPHASIS),
            (4, "张佰成", "内蒙古自治区政协副主席、锡林郭勒盟委书记", SpeechKind.REMARK),
        ],
    ]


def test_seed_points_follow_the_speaker_until_the_next_one():
    result = extract(SEED)

    wang = result.meetings[0].speeches[2]
    assert [point.text[:13] for point in wang.points] == [
        "要坚决贯彻落实好党中央、北",
        "推动产业协作持续深化拓展。",
        "加大两地资源要素双向流动。",
    ]
    assert wang.points[2].text.endswith("不断提升当地农副产品知名度")
    assert [point.text for point in result.meetings[0].speeches[0].points] == ["京蒙协作工作开展情况"]
    assert [SEED[slice(*point.span)] for point in wang.points] == [point.text for point in wang.points]
    # 王有国强调 prints no title: it is the one printed in the lead, and the span says where.
    assert SEED[slice(*wang.title_span)].startswith("为深入贯彻落实")


def test_seed_all_officials_with_titles_as_printed_and_sides():
    result = extract(SEED)

    assert [(p.order, p.name, p.title, p.side, p.role) for p in result.participants] == [
        (1, "王有国", "区委书记", V, LEADER),
        (2, "张佰成", "内蒙古自治区政协副主席、锡林郭勒盟委书记", H, ATTENDING),
        (3, "奇飞云", "乌兰察布市委副书记、市长", H, ATTENDING),
        (4, "乔允利", "市委副书记、政法委书记", H, ATTENDING),
        (5, "冀宏", "乌兰察布市政协副主席、察右前旗委书记", H, ATTENDING),
        (6, "", "大兴区相关单位负责人", V, MEMBER),
        (7, "额尔德尼", "正镶白旗委副书记、旗长", H, ATTENDING),
        (8, "", "大兴区相关部门负责人", V, MEMBER),
        (9, "周祥伟", "锡林郭勒盟领导", H, ATTENDING),
        (10, "孙振江", "锡林郭勒盟领导", H, ATTENDING),
        (11, "班秀萍", "察右前旗领导", H, ATTENDING),
        (12, "额尔登巴特尔", "正镶白旗领导", H, ATTENDING),
        (13, "宝力格", "正镶白旗领导", H, ATTENDING),
        (14, "姚茂文", "大兴区领导", V, MEMBER),
        (15, "仲伟功", "大兴区领导", V, MEMBER),
    ]
    # 市委 in 乔允利's title is the 乌兰察布市 named just before it.
    assert [p.regions for p in result.participants[:4]] == [
        ["大兴区"],
        ["内蒙古自治区", "锡林郭勒盟"],
        ["乌兰察布市"],
        ["乌兰察布市"],
    ]


def test_seed_topics_in_order_of_first_mention():
    result = extract(SEED)

    assert [topic.name for topic in result.topics] == [
        "人才交流",
        "产业协作",
        "文旅",
        "劳务协作",
        "新能源",
        "教育",
        "医疗",
        "消费帮扶",
        "生态环保",
        "数字经济",
    ]


def test_seed_date_without_publication_date_is_none_and_flagged():
    result = extract(SEED)

    assert (result.date.start, result.date.precision, result.date.inferred) == (None, None, False)
    assert result.date.note == "报道只写“近日”，没有发布日期可以推断"
    assert result.warnings == ["日期：报道只写“近日”，没有发布日期可以推断"]


def test_seed_date_near_publication_takes_its_month():
    result = extract(SEED, published=datetime.date(2024, 3, 18))

    assert (result.date.start, result.date.precision, result.date.inferred) == (
        datetime.date(2024, 3, 1),
        DatePrecision.MONTH,
        True,
    )


def test_places_come_from_the_region_table_only():
    # regions.csv holds no townships: 星耀镇 is placed nowhere rather than guessed.
    table = [
        *REGIONS.regions.entries,
        RegionEntry(
            "星耀镇",
            "内蒙古自治区锡林郭勒盟正镶白旗星耀镇",
            "township",
            RegionSide.RECIPIENT,
            ancestors=("内蒙古自治区", "锡林郭勒盟", "正镶白旗"),
        ),
    ]

    without = extract(SEED).site_visits[2]
    with_township = extract(SEED, lexicon=Lexicon.from_entries(table)).site_visits[2]

    assert (without.place, without.region) == ("星耀镇京蒙现代农业科技产业园科技种植示范基地", None)
    assert (with_township.region.name, with_township.region.full_name) == (
        "星耀镇",
        "内蒙古自治区锡林郭勒盟正镶白旗星耀镇",
    )


@pytest.mark.parametrize("path", sorted(CASES.glob("*.json")), ids=lambda path: path.stem)
def test_every_case_gives_its_hand_written_facts(path):
    spec = json.loads(path.read_text(encoding="utf-8"))
    published = datetime.date.fromisoformat(spec["published"]) if spec["published"] else None

    result = extract(case(spec["text"]), published=published)

    assert summarize(result) == spec["expected"]


# --- people: compound titles, group labels, names ------------------------------------------


def test_compound_titles_split_at_the_last_title_ending():
    text = (
        "内蒙古自治区政协副主席、锡林郭勒盟委书记张佰成，乌兰察布市委副书记、市长奇飞云，市委副书记、政法委书记乔允利"
    )

    people = parse_people(text, REGIONS)

    assert [(person.name, person.title) for person in people] == [
        ("张佰成", "内蒙古自治区政协副主席、锡林郭勒盟委书记"),
        ("奇飞云", "乌兰察布市委副书记、市长"),
        ("乔允利", "市委副书记、政法委书记"),
    ]


def test_group_labels_give_each_name_the_label():
    text = (
        "锡林郭勒盟领导周祥伟、孙振江，察右前旗领导班秀萍，正镶白旗领导额尔登巴特尔、宝力格，大兴区领导姚茂文、仲伟功"
    )

    people = parse_people(text, REGIONS)

    assert [(person.name, person.title) for person in people] == [
        ("周祥伟", "锡林郭勒盟领导"),
        ("孙振江", "锡林郭勒盟领导"),
        ("班秀萍", "察右前旗领导"),
        ("额尔登巴特尔", "正镶白旗领导"),
        ("宝力格", "正镶白旗领导"),
        ("姚茂文", "大兴区领导"),
        ("仲伟功", "大兴区领导"),
    ]


def test_names_are_not_cut_by_length_or_by_the_titles_last_character():
    text = "通辽市委副书记、市长奇·达楞太，区人大常委会主任任武军，区政协主席席成坡，区人力资源和社会保障局局长张建国"

    people = parse_people(text, REGIONS)

    assert [(person.name, person.title) for person in people] == [
        ("奇·达楞太", "通辽市委副书记、市长"),
        ("任武军", "区人大常委会主任"),
        ("席成坡", "区政协主席"),
        ("张建国", "区人力资源和社会保障局局长"),
    ]


def test_text_that_is_not_a_list_of_people_is_refused():
    texts = ["引导更多青年干部", "推动产业协作持续深化拓展", "双方", "2024年4月1日昌平区委书记赵志刚"]

    parsed = [parse_people(text, REGIONS) for text in texts]

    assert parsed == [None, None, None, None]


def test_unnamed_speakers_keep_their_label_as_title():
    text = (
        "　　区委书记王有国率大兴区党政代表团到察右前旗考察。\n"
        "　　在察右前旗召开的座谈会上，察右前旗委书记冀宏主持会议，"
        "昌平区发展改革委、区农业农村局负责人分别介绍了有关情况。"
    )

    result = extract(text, lexicon=REGIONS)

    assert [(s.name, s.title, s.kind) for s in result.meetings[0].speeches] == [
        ("冀宏", "察右前旗委书记", SpeechKind.CHAIRING),
        ("", "昌平区发展改革委、区农业农村局负责人", SpeechKind.BRIEFING),
    ]
    assert result.meetings[0].chair == "冀宏"


# --- the lead ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "lead",
    [
        "区委书记王有国率大兴区党政代表团到察右前旗对接考察。",
        "大兴区党政代表团在区委书记王有国带领下，到察右前旗对接考察。",
        "在区委书记王有国的带领下，大兴区党政代表团到察右前旗对接考察。",
        "由区委书记王有国带队，大兴区党政代表团一行赴察右前旗对接考察。",
        "大兴区党政代表团由区委书记王有国带队，赴察右前旗对接考察。",
    ],
)
def test_leader_before_or_after_the_verb(lead):
    result = extract("　　近日，" + lead)

    delegation = result.delegation
    assert (delegation.name, delegation.kind, delegation.origin.name) == (
        "大兴区党政代表团",
        DelegationKind.INSPECTION,
        "大兴区",
    )
    assert [(person.name, person.title, person.role) for person in delegation.leaders] == [
        ("王有国", "区委书记", LEADER)
    ]
    assert [(place.name, place.parents) for place in delegation.destinations] == [("察右前旗", [])]


def test_leaders_in_a_sentence_of_their_own_and_a_visit_to_beijing():
    result = extract(case("005_kulun_visits_miyun.txt"))

    delegation = result.delegation
    assert delegation.kind == DelegationKind.VISIT
    assert [(p.name, p.title, p.side) for p in delegation.leaders] == [
        ("周明远", "库伦旗委书记", V),
        ("王雅丽", "库伦旗委副书记、旗长", V),
    ]
    # In a visit to Beijing the Beijing officials are the hosts.
    assert [(p.name, p.side) for p in result.participants[2:]] == [("陈立军", H), ("张宏伟", H), ("", H)]


def test_a_headline_does_not_take_the_place_of_the_lead():
    result = extract(case("006_daxing_chayouqianqi_headline.txt"), published=datetime.date(2024, 6, 21))

    # The lead after its dateline: 本报讯 6月18日至19日，… (a blank before the opening date ends a line).
    assert result.delegation.span == (28, 65)
    assert [(place.name, place.parents) for place in result.delegation.destinations] == [("察右前旗", ["乌兰察布市"])]
    assert result.delegation.leaders[0].rule == "…一行"


# --- reports without a meeting, and reports that are not trips ------------------------------


def test_report_with_no_meeting_keeps_remarks_outside_meetings():
    result = extract(case("002_xicheng_elunchun.txt"), published=datetime.date(2024, 9, 12))

    assert result.meetings == []
    assert [(s.name, s.title, s.kind, len(s.points)) for s in result.other_speeches] == [
        ("孙立新", "区委副书记、区长", SpeechKind.REMARK, 1)
    ]
    assert [visit.place for visit in result.site_visits] == [
        "大杨树镇京蒙协作食用菌产业园",
        "鄂伦春自治旗人民医院",
        "阿里河镇中心学校",
        "托扎敏乡希日特奇猎民村",
    ]


def test_policy_notice_is_not_a_trip_and_invents_no_delegation():
    result = extract(case("004_policy_notice.txt"), published=datetime.date(2024, 3, 1))

    assert (result.is_trip, result.delegation) == (False, None)
    assert result.reason.startswith("没有找到代表团")
    assert (result.site_visits, result.meetings, result.participants, result.other_speeches) == ([], [], [], [])


def test_no_date_and_no_publication_date_is_flagged():
    result = extract("　　北京市支援合作办印发京蒙协作工作要点。")

    assert (result.date.start, result.date.inferred, result.date.note) == (
        None,
        False,
        "报道没有给出日期，也没有发布日期",
    )


# --- lexicon ------------------------------------------------------------------------------


def test_a_plain_list_of_names_is_enough_for_a_lexicon():
    lexicon = Lexicon.from_names(["大兴区", ("察哈尔右翼前旗", "察右前旗")])

    result = extract("　　区委书记王有国率大兴区党政代表团到察右前旗考察。", lexicon=lexicon)

    assert [(place.name, place.full_name) for place in result.delegation.destinations] == [("察右前旗", "")]
    assert result.delegation.origin.name == "大兴区"


def test_regions_csv_gives_full_names_and_inherited_sides(tmp_path):
    path = tmp_path / "regions.csv"
    path.write_text(
        "code,name,level,parent_code,side,aliases\n"
        "150000,内蒙古自治区,province,,recipient,内蒙古\n"
        "150900,乌兰察布市,prefecture,150000,,乌兰察布\n"
        "150926,察哈尔右翼前旗,county,150900,,察右前旗|前旗\n",
        encoding="utf-8",
    )

    entries = load_regions_csv(path)

    assert [(e.name, e.full_name, e.side, e.aliases) for e in entries] == [
        ("内蒙古自治区", "内蒙古自治区", RegionSide.RECIPIENT, ("内蒙古",)),
        ("乌兰察布市", "内蒙古自治区乌兰察布市", RegionSide.RECIPIENT, ("乌兰察布",)),
        ("察哈尔右翼前旗", "内蒙古自治区乌兰察布市察哈尔右翼前旗", RegionSide.RECIPIENT, ("察右前旗", "前旗")),
    ]


# --- size and hostile input ---------------------------------------------------------------


def test_a_megabyte_report_is_read_through():
    """The seed's paragraphs again and again, each copy numbered (a line printed twice is a page's,
    not the report's, and is read once)."""
    copies = -(-1_000_000 // len(SEED))
    text = "".join(SEED.replace("\n", f"（{number}）\n") for number in range(copies))

    result = extract(text)

    assert len(text) >= 1_000_000
    assert (len(result.site_visits), len(result.meetings)) == (4 * copies, 2 * copies)


def test_a_megabyte_without_punctuation_is_read_through():
    result = extract("在召开的座谈会率代表团到" * 84_000)

    assert (result.is_trip, result.site_visits, result.meetings) == (False, [], [])


def test_html_keeps_text_and_drops_scripts_styles_and_attributes():
    markup = (
        "<html><head><title>标题</title><style>p{color:red}</style>"
        "<script>alert('head')</script></head><body>"
        "<p onclick=\"alert('p')\">　　区委书记王有国率大兴区党政代表团到察右前旗考察。</p>"
        "<p>在<a href=\"javascript:alert('a')\">星空草原</a>，考察&ldquo;文旅&rdquo;&amp;产业&lt;b&gt;情况。"
        "<img src=x onerror=\"alert('img')\"><!-- 注释 --></p>"
        "<noscript>请启用脚本</noscript><svg><script>alert('svg')</script></svg>"
        "<p>乔允利表示，\x00好。</p><script>alert('tail')"
    )

    text = text_from_html(markup)

    assert text == (
        "　　区委书记王有国率大兴区党政代表团到察右前旗考察。\n在星空草原，考察“文旅”&产业<b>情况。\n乔允利表示，好。"
    )


def test_a_pages_navigation_and_sidebar_are_no_part_of_its_text():
    markup = (
        "<body><nav><ul><li>首页</li><li>京蒙协作</li></ul></nav>"
        "<aside><h3>热点</h3><p>丰台区党政代表团赴阿拉善盟考察</p></aside>"
        "<article><header><h1>大兴区党政代表团赴察右前旗考察</h1></header><p>区委书记王有国率团考察。</p></article></body>"
    )

    assert text_from_html(markup) == "大兴区党政代表团赴察右前旗考察\n区委书记王有国率团考察。"


def test_html_text_reads_like_the_plain_report():
    markup = "".join(f"<p>{line}</p>" for line in SEED.split("\n") if line)

    result = extract(text_from_html(markup))

    assert summarize(result) == summarize(extract(SEED))


def test_runs_of_the_words_new_rules_read_stay_linear():
    # 和1人和1人…, 局、局、…, 作为…代表作为…代表…: patterns whose free parts could be cut many ways
    # would take exponential time on such runs; a long one must still be read at once.
    texts = ["和1人" * 2000, "局、" * 3000 + "x", "王明作为代表向" * 1000 + "表态：“好”", "一行8人及社区中心2人" * 500]

    results = [extract(text) for text in texts]

    assert [result.is_trip for result in results] == [False, False, False, False]
