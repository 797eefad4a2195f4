"""Each mistake issue 14 lists, as sentences from the report corpus the reader got wrong.

The sentences are quoted from `tests/visits/report_corpus/` (development part; the file is
named beside each test). Pure Python: no database.
"""

import datetime
from pathlib import Path

import pytest

from visits.report_import import (
    DatePrecision,
    DelegationKind,
    MeetingKind,
    ParticipantRole,
    ParticipantSide,
    RegionSide,
    SpeechKind,
    default_lexicon,
    extract,
    parse_people,
)
from visits.report_import.benchmark import folded, load_cases, summarize

CORPUS = Path(__file__).parent / "report_corpus"
REGIONS = default_lexicon()
V, H = ParticipantSide.VISITING, ParticipantSide.HOST
LEADER, MEMBER = ParticipantRole.LEADER, ParticipantRole.MEMBER


def corpus(name):
    return (CORPUS / name).read_text(encoding="utf-8")


def in_form(form, *texts):
    """The texts as a report arrives in `form`: as written ("full") or NFKC-folded ("ascii", as
    the benchmark folds it): one text alone, several as a tuple."""
    shown = tuple(folded(text) if form == "ascii" else text for text in texts)
    return shown[0] if len(shown) == 1 else shown


def people(result):
    return [(person.name, person.title, person.side, person.role) for person in result.participants]


# --- who travels ------------------------------------------------------------------------------


def test_an_expert_team_travels_like_a_delegation():
    # 132_cau_experts_to_keyouzhongqi_host
    text = "5月20日,中国农业大学教授专家团队深入科右中旗调研指导草业科技小院建设工作。"

    result = extract(text)

    assert result.is_trip is True
    assert (result.delegation.name, result.delegation.kind) == ("中国农业大学教授专家团队", DelegationKind.RESEARCH)
    assert [place.name for place in result.delegation.destinations] == ["科右中旗"]


def test_a_team_told_only_by_where_its_experts_came_from_is_a_trip():
    # 111_tiantan_experts_linye_hospital_traditional: no delegation sentence, a ceremony and a
    # free clinic by 来自北京天坛医院的13位专家教授 — the experts are the visitors, from Beijing.
    text = (
        "7月22日,北京天壇醫院對口幫扶內蒙古林業總醫院啟動儀式在內蒙古林業總醫院舉行。\n"
        "儀式結束后,來自北京天壇醫院的13位專家教授針對神經外科、眼科、骨科進行義診。\n"
    )

    result = extract(text)

    assert result.is_trip is True
    delegation = result.delegation
    assert (delegation.name, delegation.kind, delegation.origin.name) == ("", DelegationKind.OTHER, "北京市")
    assert people(result) == [("", "北京天坛医院的13位专家教授", V, MEMBER)]
    assert any("没有代表团句" in warning for warning in result.warnings)  # the reviewer is told
    assert [(meeting.title, meeting.place) for meeting in result.meetings] == [
        ("北京天坛医院对口帮扶内蒙古林业总医院启动仪式", "内蒙古林业总医院")
    ]


def test_an_event_of_a_body_of_each_side_held_in_one_of_their_places_is_a_trip_of_the_other():
    # 127_beijing_childrens_hospital_signing_hohhot: no delegation sentence; the signing of a
    # Beijing hospital and an Inner Mongolian one took place in 呼和浩特市.
    text = (
        "11月21日,北京儿童医院与内蒙古自治区妇幼保健院(自治区儿童医院)“京蒙协作”儿外科重点专科建设合作"
        "签约仪式在呼和浩特市隆重举行。\n"
        "萨仁其木格在欢迎辞中强调,妇幼健康是全民健康的基石。此次两院“牵手”,是京蒙协作战略落地的生动体现。\n"
        "倪鑫院长在讲话中回顾了两院悠久的合作历史。\n"
    )

    result = extract(text, published=datetime.date(2025, 11, 26))

    delegation = result.delegation
    assert result.is_trip is True
    assert (delegation.kind, delegation.origin.name) == (DelegationKind.SIGNING, "北京市")
    assert [place.name for place in delegation.destinations] == ["呼和浩特市"]
    assert result.date.start == datetime.date(2025, 11, 21)
    assert any("没有代表团句" in warning for warning in result.warnings)  # the reviewer is told
    [meeting] = result.meetings
    assert (meeting.kind, meeting.place) == (MeetingKind.SIGNING, "呼和浩特市")
    assert [(s.name, s.kind, [p.text for p in s.points]) for s in meeting.speeches] == [
        (
            "萨仁其木格",
            SpeechKind.EMPHASIS,
            ["妇幼健康是全民健康的基石。此次两院“牵手”,是京蒙协作战略落地的生动体现"],
        ),
        ("倪鑫", SpeechKind.SPEECH, ["回顾了两院悠久的合作历史"]),
    ]


def test_an_event_of_both_sides_with_no_place_tells_nothing_of_who_travelled():
    # The same wording with no venue: a joint meeting, no trip.
    text = "6月5日,西城区与鄂伦春自治旗召开京蒙协作联席会议,区委书记刘东伟、旗委书记王兴出席。"

    assert extract(text).is_trip is False


def test_a_team_of_experts_with_no_place_named_is_no_trip():
    # The same wording with nobody's origin on either side of the program is not a visit.
    text = "7月22日,来自多家医院的13位专家教授在林业总医院进行义诊。"

    assert extract(text).is_trip is False


def test_the_members_of_a_team_formed_by_named_doctors_travel_and_none_of_them_leads():
    # 112_guanganmen_medical_team_zhengxiangbai: 由…付立新主任医师、杨克强副主任医师…组成的医疗组来到…
    # in the lead itself; posts after the names; nobody is said to lead.
    text = (
        "2019年4月27日,在内蒙古锡林郭勒盟正镶白旗人民医院任院长及齐院长的引领下,"
        "由中国中医科学院广安门医院南区骨一科付立新主任医师、杨克强副主任医师、李新主治医师、马子龙医师"
        "组成的医疗组来到了位于正镶白旗约30公里的呼格吉乐图的家中。"
    )

    result = extract(text)

    assert (result.delegation.name, result.delegation.kind) == ("医疗组", DelegationKind.OTHER)
    assert result.delegation.leaders == []
    assert people(result) == [
        ("付立新", "主任医师", V, MEMBER),
        ("杨克强", "副主任医师", V, MEMBER),
        ("李新", "主治医师", V, MEMBER),
        ("马子龙", "医师", V, MEMBER),
    ]


def test_who_speaks_for_the_visiting_team_is_one_of_them_and_names_it():
    # 113_beijing_experts_baogang_hospital: 魏光如主任代表北京专家团发表致辞. The hospital as the report names
    # it (内蒙古包钢医院): a text naming one side only, with a host of no place, would be no trip.
    text = (
        "10月25日,来自北京多家医院的14位权威专家齐聚内蒙古包钢医院。\n"
        "北京大学人民医院神经内科魏光如主任代表北京专家团发表致辞,他表示,这次义诊与交流,不仅是一次技术的传递。\n"
    )

    result = extract(text)

    assert result.delegation.name == "北京专家团"
    assert people(result) == [("", "北京多家医院的14位权威专家", V, MEMBER), ("魏光如", "主任", V, MEMBER)]


def test_a_street_office_group_named_as_a_list_ending_in_yixing():
    # 137_chaoyang_liulitun_street_to_fuxing_township: the first named leads, the rest go with them.
    text = (
        "11月2日,六里屯街道工委书记谭国忠,工委副书记张洪源,街道相关科室负责人以及街道商会会员单位、"
        "爱心企业代表一行来到对口帮扶的内蒙古卓资县复兴乡,通过走访、座谈、慰问等形式,了解需求、对接困难。"
    )

    result = extract(text)

    assert [(leader.name, leader.title) for leader in result.delegation.leaders] == [("谭国忠", "六里屯街道工委书记")]
    assert [(place.name, place.parents) for place in result.delegation.destinations] == [
        ("复兴乡", ["内蒙古", "卓资县"])
    ]
    assert people(result)[:2] == [
        ("谭国忠", "六里屯街道工委书记", V, LEADER),
        ("张洪源", "工委副书记", V, MEMBER),
    ]


# --- trip wording -----------------------------------------------------------------------------


def test_a_report_in_two_parts_tells_of_two_groups_of_one_trip():
    # 133_changping_education_commission_two_banners: each part under its own heading with its
    # own lead; 进修学校 is no journey (进 is one only in 进京); the counted group goes along.
    text = (
        "对口支援送教到校,昌蒙携手共促教育优\n"
        "近日,北京市昌平区与太仆寺旗和阿鲁科尔沁旗开展教育工作对接。\n"
        "到太仆寺旗调研送教\n"
        "8月29日,北京市昌平区教委副主任苏俊山带领区教委高中科、昌平教师进修学校、昌平区考试中心的3名干部"
        "到内蒙古自治区锡林郭勒盟太仆寺旗开展调研,并将6名支教教师送到受援学校。\n"
        "座谈会上,双方就重点工作开展交流。\n"
        "到阿鲁科尔沁旗调研送教\n"
        "8月29日到31日,北京市昌平区教育委员会副主任钱正秒带领昌平区教委人事科、督导科,昌平教师进修学校的3名干部"
        "到内蒙古赤峰市阿鲁科尔沁旗考察调研,并将15名支教教师送到受援学校。\n"
    )

    result = extract(text)

    delegation = result.delegation
    assert [(leader.name, leader.title) for leader in delegation.leaders] == [
        ("苏俊山", "北京市昌平区教委副主任"),
        ("钱正秒", "北京市昌平区教育委员会副主任"),
    ]
    assert [(place.name, place.parents) for place in delegation.destinations] == [
        ("太仆寺旗", ["内蒙古自治区", "锡林郭勒盟"]),
        ("阿鲁科尔沁旗", ["内蒙古", "赤峰市"]),
    ]
    assert [(p.title, p.side, p.role) for p in result.participants if not p.name] == [
        ("区教委高中科、昌平教师进修学校、昌平区考试中心的3名干部", V, MEMBER),
        ("昌平区教委人事科、督导科,昌平教师进修学校的3名干部", V, MEMBER),
    ]


def test_an_earlier_delegation_the_news_follows_on_is_not_the_trip():
    # 118_investment_signing_news_traditional: 继4月8日…签署…后 names an earlier event; the
    # paragraph about it (4月8日,北京市党政代表团赴…) is background, and the news is no trip.
    text = (
        "央廣網北京4月28日消息 繼4月8日北京市與內蒙古自治區簽署扶貧協作三年行動框架協議后,"
        "今天上午,在北京舉辦的推介會上,北京與內蒙古興安盟再簽下26個扶貧合作項目。\n"
        "4月8日,北京市黨政代表團赴內蒙古自治區,就扶貧協作工作簽署了框架協議。\n"
    )

    assert extract(text).is_trip is False
    # The same sentence as the lead of its own report is a trip.
    assert extract(text.split("\n")[1]).is_trip is True


def test_a_leader_taking_bureau_officials_to_beijing():
    # 103_xinganmeng_bureaus_to_beijing: 带领…赴, no group name; 北京市农业农村局 is a body, not a place.
    text = (
        "兴安盟\n孙书涛带队赴京对接京蒙协作深化农文旅合作\n"
        "2月3日上午,盟行署副盟长孙书涛带领盟农牧局、文旅体局及阿尔山市相关负责同志,赴北京市农业农村局、"
        "文旅局走访对接,深化京蒙协作,共推农文旅合作发展。"
    )

    result = extract(text, published=datetime.date(2026, 2, 4))

    delegation = result.delegation
    assert (delegation.name, delegation.kind, delegation.origin.name) == ("", DelegationKind.VISIT, "兴安盟")
    assert [place.name for place in delegation.destinations] == ["北京市"]
    assert people(result) == [
        ("孙书涛", "盟行署副盟长", V, LEADER),
        ("", "盟农牧局、文旅体局及阿尔山市相关负责同志", V, MEMBER),
    ]
    assert (result.date.start, result.date.precision) == (datetime.date(2026, 2, 3), DatePrecision.DAY)


def test_a_delegation_that_came_to_beijing_written_as_laijing():
    # 129_im_delegation_to_beijing_npc_account
    text = (
        "11月23日,内蒙古自治区党政代表团来京考察。北京市委书记尹力,市委副书记、代市长殷勇与内蒙古自治区党委书记、"
        "人大常委会党组书记孙绍骋,自治区党委副书记、自治区主席王莉霞,自治区党委副书记杨伟东座谈。"
    )

    result = extract(text)

    delegation = result.delegation
    assert (delegation.kind, delegation.origin.name, [place.name for place in delegation.destinations]) == (
        DelegationKind.VISIT,
        "内蒙古自治区",
        ["北京市"],
    )
    # The party secretary and the chairwoman named first together lead; the deputy does not.
    assert [leader.name for leader in delegation.leaders] == ["孙绍骋", "王莉霞"]
    assert [(person.name, person.side) for person in result.participants] == [
        ("尹力", H),
        ("殷勇", H),
        ("孙绍骋", V),
        ("王莉霞", V),
        ("杨伟东", V),
    ]
    assert [(meeting.title, meeting.kind) for meeting in result.meetings] == [("座谈", MeetingKind.SYMPOSIUM)]


def test_a_group_that_came_to_beijing_to_meet_a_district_went_to_that_district():
    # The issue's 来京对接 with the district named in the same sentence (as 102's Beijing hosts are).
    text = "6月5日,鄂伦春自治旗委书记王兴一行来京,与西城区对接京蒙协作工作。"

    result = extract(text)

    assert [(place.name, place.side) for place in result.delegation.destinations] == [("西城区", RegionSide.SUPPORT)]
    assert result.delegation.kind == DelegationKind.VISIT


def test_an_official_who_talks_in_a_place_of_the_other_side_travelled_there():
    # The issue's 来京对接 told only as talks: …旗委书记王兴在北京与西城区委书记刘东伟座谈. Talks at
    # home tell of no trip.
    texts = [
        "6月5日,鄂伦春自治旗委书记王兴在北京与西城区委书记刘东伟座谈,共商京蒙协作。",
        "6月5日,西城区委书记刘东伟在西城区与区长孙硕座谈。",
    ]

    first, second = (extract(text) for text in texts)

    delegation = first.delegation
    assert (delegation.origin.name, [place.name for place in delegation.destinations]) == ("鄂伦春自治旗", ["西城区"])
    assert (delegation.kind, [leader.name for leader in delegation.leaders]) == (DelegationKind.VISIT, ["王兴"])
    assert people(first) == [
        ("刘东伟", "西城区委书记", H, ParticipantRole.ATTENDING),
        ("王兴", "鄂伦春自治旗委书记", V, LEADER),
    ]
    assert second.is_trip is False


def test_a_group_that_calls_on_a_district_went_there():
    # 拜访 is a journey as 到访 is.
    result = extract("6月5日,鄂伦春自治旗委书记王兴一行拜访西城区,双方座谈交流。")

    assert [place.name for place in result.delegation.destinations] == ["西城区"]


def test_a_group_that_went_to_the_region_and_names_its_counties_in_the_lead_went_to_them():
    # 123's destinations (察右前旗 and 商都县 of 乌兰察布市) when the lead names the region first.
    text = "7月21日,北京市党政代表团赴内蒙古考察,先后到乌兰察布市察右前旗、商都县调研。"

    result = extract(text)

    assert [(place.name, place.parents) for place in result.delegation.destinations] == [
        ("察右前旗", ["乌兰察布市"]),
        ("商都县", ["乌兰察布市"]),
    ]


def test_hosts_receiving_a_delegation_written_as_huijian_yixing():
    # 109_im_leaders_meet_beijing_cppcc: the header line is the page's date, not the trip's.
    text = corpus("109_im_leaders_meet_beijing_cppcc.txt")

    result = extract(text, published=datetime.date(2023, 7, 14))

    delegation = result.delegation
    assert [(leader.name, leader.title) for leader in delegation.leaders] == [("魏小东", "北京市政协主席")]
    assert (delegation.origin.name, [place.name for place in delegation.destinations]) == ("北京市", ["呼和浩特"])
    assert [(meeting.title, meeting.kind, meeting.place) for meeting in result.meetings] == [
        ("会见", MeetingKind.OTHER, "呼和浩特")
    ]
    assert [(speech.name, speech.kind) for speech in result.meetings[0].speeches] == [
        ("孙绍骋", SpeechKind.REMARK),
        ("魏小东", SpeechKind.REMARK),
    ]
    assert result.meetings[0].speeches[0].points[0].text.startswith("首先对魏小东一行表示欢迎")
    assert (result.date.start, result.date.inferred) == (datetime.date(2023, 7, 13), True)


def test_a_host_written_report_of_a_delegation_that_came_to_laiwoqu():
    # 123_beijing_delegation_to_im_host_captions: …来我区考察调研, photo credits after each caption.
    text = (
        "7月21日至22日,北京市党政代表团来我区考察调研,推动京蒙协作走深走实。\n"
        "7月21日,北京市党政代表团在乌兰察布市察右前旗薯都凯达食品有限公司考察马铃薯产业发展情况,"
        "并听取市旗两级京蒙协作开展情况介绍。记者 马建荃 摄\n"
    )

    result = extract(text, published=datetime.date(2023, 7, 23))

    assert (result.delegation.name, result.delegation.origin.name) == ("北京市党政代表团", "北京市")
    assert [(visit.place, visit.seen) for visit in result.site_visits] == [
        (
            "乌兰察布市察右前旗薯都凯达食品有限公司",
            "考察马铃薯产业发展情况,并听取市旗两级京蒙协作开展情况介绍",
        )
    ]
    assert (result.date.start, result.date.end) == (datetime.date(2023, 7, 21), datetime.date(2023, 7, 22))


def test_a_host_written_report_naming_the_visitors_by_their_place():
    # The issue's wording 我区与…对接交流; no development report of the corpus uses it, so the
    # sentence is made on the pattern of 123's host-written lead.
    text = "3月5日,我旗与北京市大兴区在旗政府对接交流京蒙协作工作。旗委书记冀宏、大兴区副区长李振华参加。"

    result = extract(text)

    delegation = result.delegation
    assert (delegation.name, delegation.origin.name, delegation.origin.parents) == ("", "大兴区", ["北京市"])
    assert [(place.name, place.side) for place in delegation.destinations] == [("我旗", RegionSide.RECIPIENT)]
    assert [(person.name, person.side) for person in result.participants] == [("冀宏", H), ("李振华", V)]


def test_a_group_the_lead_does_not_name_is_named_by_the_headline_going_to_the_same_place():
    # 124_mentougou_to_wuchuan: the headline says 门头沟区党政代表团赴呼和浩特市武川县…; the lead
    # only …付兆庚率…相关负责同志，赴呼和浩特市武川县.
    text = (
        "凝心聚力抓收官 并肩前行奔小康——门头沟区党政代表团赴呼和浩特市武川县开展扶贫协作调研对接\n"
        "8月19日至20日,门头沟区委副书记、区长付兆庚率区纪委监委、发展改革委等相关负责同志,"
        "赴呼和浩特市武川县,对接协作事宜。\n"
    )

    result = extract(text)

    assert result.delegation.name == "门头沟区党政代表团"
    assert any("取自标题" in warning for warning in result.warnings)


def test_the_places_named_above_by_their_number_and_the_most_precise_origin():
    # 108_doudian_town_to_tuquan_chayouzhongqi: …窦店镇负责与…太平乡和察右中旗铁沙盖镇结对。…先后赴上述
    # 两个地区…; the origin, never written in the lead, is 北京市房山区 of the first sentence.
    text = (
        "按照北京市房山区委、区政府2019年度扶贫协作和支援合作工作机制要求,窦店镇负责与内蒙古自治区突泉县太平乡"
        "和察右中旗铁沙盖镇结对。6月27日至30日,窦店镇党副书记、镇长李立奎带队,组织镇相关领导及部分职能科室,"
        "先后赴上述两个地区就如何更好地开展对口帮扶工作进行了调研。"
    )

    result = extract(text)

    delegation = result.delegation
    assert (delegation.origin.name, delegation.origin.parents) == ("房山区", ["北京市"])
    assert [(place.name, place.parents) for place in delegation.destinations] == [
        ("太平乡", ["内蒙古自治区", "突泉县"]),
        ("铁沙盖镇", ["察右中旗"]),
    ]
    assert [(leader.name, leader.title) for leader in delegation.leaders] == [("李立奎", "窦店镇党副书记、镇长")]


def test_a_report_by_the_visitors_own_banner_and_by_the_hosts_city():
    # The issue: sides and direction go wrong when the writer's own place is the origin (我旗…赴
    # 北京市西城区, 旗委书记王兴带队，…参加) or the host (我市迎来…代表团。代表团一行…).
    visitors = (
        "6月5日,我旗党政代表团赴北京市西城区考察学习。旗委书记王兴带队,旗委副书记、旗长李强参加。\n"
        "西城区委书记刘东伟会见了代表团一行。"
    )
    hosts = "近日,我市迎来北京市西城区党政代表团。代表团一行深入我市各旗区考察京蒙协作项目。"

    first, second = extract(visitors), extract(hosts)

    assert (first.delegation.origin.name, first.delegation.origin.side) == ("我旗", RegionSide.RECIPIENT)
    assert first.delegation.kind == DelegationKind.VISIT
    assert people(first) == [
        ("王兴", "旗委书记", V, LEADER),
        ("李强", "旗委副书记、旗长", V, MEMBER),
        ("刘东伟", "西城区委书记", H, ParticipantRole.ATTENDING),
    ]
    delegation = second.delegation
    assert (delegation.name, delegation.origin.name) == ("北京市西城区党政代表团", "西城区")
    assert [(place.name, place.side) for place in delegation.destinations] == [("我市", RegionSide.RECIPIENT)]


# --- leaders ----------------------------------------------------------------------------------


def test_a_leader_with_shuai_and_a_list_of_officials():
    # 124_mentougou_to_wuchuan: …率区纪委监委…等相关负责同志，赴…
    text = (
        "为深入贯彻党中央关于做好东西部扶贫协作工作的重大决策部署,8月19日至20日,门头沟区委副书记、区长付兆庚"
        "率区纪委监委、发展改革委、财政局、农业农村局及京门商业投资发展有限公司等相关负责同志,赴呼和浩特市武川县,"
        "对接2020年决战脱贫攻坚、决胜全面建成小康社会协作事宜,开展调研、慰问、捐赠系列活动,召开扶贫协作联席会议。"
    )

    result = extract(text)

    delegation = result.delegation
    assert [(leader.name, leader.title) for leader in delegation.leaders] == [("付兆庚", "门头沟区委副书记、区长")]
    assert (delegation.origin.name, [place.name for place in delegation.destinations]) == ("门头沟区", ["武川县"])
    # No publication date: the year the lead writes (对接2020年…) dates it, and says so.
    assert (result.date.start, result.date.end, result.date.inferred) == (
        datetime.date(2020, 8, 19),
        datetime.date(2020, 8, 20),
        True,
    )


def test_leaders_as_reports_name_them_in_a_lead():
    # The lead forms of issue 14 (…带队, …率领的, 以…为团长的, …一行 with the principal posts, an
    # official going alone); the titles and places are 002's (西城区 ↔ 鄂伦春自治旗).
    texts = [
        "6月5日,以西城区委书记刘东伟为团长的西城区党政代表团赴鄂伦春自治旗考察。",
        "6月5日,西城区委书记刘东伟率领的西城区党政代表团抵达鄂伦春自治旗,开展京蒙协作考察。",
        "6月5日,西城区党政代表团赴鄂伦春自治旗考察,代表团由区委书记刘东伟带队。",
        "6月5日,西城区委书记刘东伟,区委副书记、区长孙硕一行12人赴鄂伦春自治旗考察。",
        "6月5日,西城区委书记刘东伟赴鄂伦春自治旗调研京蒙协作工作。",
        "6月5日,西城区副区长张三赴鄂伦春自治旗挂职。",
        "6月5日,西城区委书记刘东伟到西城区消费帮扶中心调研京蒙协作工作。",
    ]

    results = [extract(text) for text in texts]

    assert [
        [(leader.name, leader.title) for leader in result.delegation.leaders] if result.delegation else None
        for result in results
    ] == [
        [("刘东伟", "西城区委书记")],
        [("刘东伟", "西城区委书记")],
        [("刘东伟", "区委书记")],
        [("刘东伟", "西城区委书记"), ("孙硕", "区委副书记、区长")],
        [("刘东伟", "西城区委书记")],
        None,  # a post taken up, not a trip
        None,  # a visit at home
    ]
    assert results[0].delegation.name == "西城区党政代表团"


# --- speakers and speeches --------------------------------------------------------------------


def test_a_speaker_with_the_title_in_the_sentence_and_a_scene_before_the_verb():
    # 113_beijing_experts_baogang_hospital: the title is printed only here; 在致辞中指出 and a later clause.
    text = (
        "深秋的鹿城包头,暖意融融。北京专家团来到包头,开展义诊。\n"
        "此次义诊活动是内蒙古包钢医院落实“健康包头”建设要求的重要举措,"
        "包头市卫生健康委员会党组成员、副主任赵宏在致辞中指出,近年来,包头市委、市政府始终把人民群众健康放在优先发展的战略位置。"
    )

    result = extract(text)

    assert [(speech.name, speech.title, speech.kind) for speech in result.other_speeches] == [
        ("赵宏", "包头市卫生健康委员会党组成员、副主任", SpeechKind.SPEECH)
    ]
    assert [point.text for point in result.other_speeches[0].points] == [
        "近年来,包头市委、市政府始终把人民群众健康放在优先发展的战略位置"
    ]


def test_a_briefing_written_as_jiu_jinxing_jieshao_and_a_post_after_the_name():
    # 136_tongzhou_taihu_town_to_xinzhen_host and 127_beijing_childrens_hospital_signing_hohhot
    text = (
        "8月31日,北京市通州区台湖镇纪委书记洪壮志一行到新镇开展结对帮扶协作工作,镇长王德祥、纪委书记张静、副镇长李欣陪同。\n"
        "座谈会上,参会双方就对口帮扶相关领域详细情况进行交流探讨。镇长王德祥就新镇镇域总体情况、乡村振兴、产业发展、"
        "重点项目等情况进行了详细介绍。\n"
        "签约仪式由北京儿童医院党委王晓云副书记主持。"
    )

    result = extract(text)

    speeches = [(s.name, s.title, s.kind) for meeting in result.meetings for s in meeting.speeches]
    assert speeches[0] == ("王德祥", "镇长", SpeechKind.BRIEFING)
    # What was reported on, not the verb (the corpus's convention 5).
    assert result.meetings[0].speeches[0].points[0].text == "新镇镇域总体情况、乡村振兴、产业发展、重点项目等情况"
    assert ("王晓云", "副书记", SpeechKind.CHAIRING) in speeches


def test_a_speech_given_on_behalf_of_the_team_and_reported_with_ta_biaoshi():
    # 113_beijing_experts_baogang_hospital
    text = (
        "北京专家团来到包头开展义诊。\n"
        "北京大学人民医院神经内科魏光如主任代表北京专家团发表致辞,他表示,这次义诊与交流,不仅是一次技术的传递,"
        "更是一次爱心的播撒。"
    )

    result = extract(text)

    assert [(s.name, s.title, s.kind, [p.text for p in s.points]) for s in result.other_speeches] == [
        ("魏光如", "主任", SpeechKind.REMARK, ["这次义诊与交流,不仅是一次技术的传递,更是一次爱心的播撒"])
    ]


def test_he_said_after_a_sentence_about_a_named_official_is_that_official_marked_for_review():
    # 124_mentougou_to_wuchuan
    text = (
        "8月19日至20日,门头沟区委副书记、区长付兆庚率区相关负责同志,赴呼和浩特市武川县考察。\n"
        "付兆庚听取了有关负责人介绍,详细了解各产业项目工作进展情况。他表示,两地要在企业管理、产品提升、"
        "销售渠道拓展等方面立足长远发展,通力协作。"
    )

    result = extract(text)

    speech = result.other_speeches[0]
    assert (speech.name, speech.title, speech.kind) == ("付兆庚", "门头沟区委副书记、区长", SpeechKind.REMARK)
    assert [point.text for point in speech.points] == [
        "两地要在企业管理、产品提升、销售渠道拓展等方面立足长远发展,通力协作"
    ]
    assert speech.doubts == ["报道写“他”，按前一句的主语推断为付兆庚"]


def test_what_an_official_told_the_press_and_a_quotation_he_is_named_after_are_one_speech():
    # 118_investment_signing_news_traditional: 告诉记者 is a speech verb; a paragraph that opens
    # with a date is the reporter's; “…”。马新明说。 is his again; 马新明告诉记者 once more goes on.
    text = (
        "北京市扶貧協作和支援合作領導小組辦公室主任馬新明告訴記者,從1996年到2017年,北京總計投入資金12.64億元。\n"
        "4月8日,北京市黨政代表團赴內蒙古自治區,就扶貧協作工作簽署了框架協議。\n"
        "“自2018年起,扶貧協作資金將從原計劃的縣均1000萬元增至縣均3000萬元”。馬新明說。\n"
        "馬新明告訴記者,這份“升級版”扶貧協作協議,將聚焦深度貧困地區。\n"
    )

    result = extract(text)

    assert [(s.name, s.kind, [p.text for p in s.points]) for s in result.other_speeches] == [
        (
            "马新明",
            SpeechKind.REMARK,
            [
                "从1996年到2017年,北京总计投入资金12.64亿元",
                "自2018年起,扶贫协作资金将从原计划的县均1000万元增至县均3000万元",
                "这份“升级版”扶贫协作协议,将聚焦深度贫困地区",
            ],
        )
    ]


def test_a_quotation_that_opens_a_paragraph_is_said_by_whoever_the_next_sentence_names():
    # 126_zhalaiteqi_labour_bureau_to_fengtai_traditional: “…。”3月16日，在…签约仪式上，…李洪福说。
    # The words came first; the next paragraph is the reporter's again.
    text = (
        "“這次對接,我們跟京津冀地區的人力資源公司有了更加深層次的交流和了解。”3月16日,"
        "在內蒙古扎賚特旗人力資源和就業服務中心與唐山夢牌瓷業有限公司舉行的跨區域《勞務協作合作》簽約儀式上,"
        "扎賚特旗晟澤人力資源有限公司總經理李洪福說。\n"
        "為深化京津冀地區勞務供需對接,持續擴大跨區域勞務協作。"
        "3月15日至16日,扎賚特旗人力資源和就業服務中心赴北京市豐臺區和河北省唐山市開展勞務協作對接。\n"
    )

    result = extract(text)

    assert [(m.title, m.place) for m in result.meetings] == [("跨区域《劳务协作合作》签约仪式", "")]  # no venue
    speeches = [speech for meeting in result.meetings for speech in meeting.speeches] + result.other_speeches
    assert [(s.name, s.title, s.kind, [p.text for p in s.points]) for s in speeches] == [
        (
            "李洪福",
            "扎赉特旗晟泽人力资源有限公司总经理",
            SpeechKind.REMARK,
            ["这次对接,我们跟京津冀地区的人力资源公司有了更加深层次的交流和了解"],
        )
    ]


def test_a_quotation_in_corner_brackets_is_the_first_point_of_the_speech_after_it():
    # 135_online_campaign_launch_chifeng_traditional: 「…。」在活动启动仪式上，…房瑞介绍，….
    text = (
        "「近年來,北京已累計向赤峰投入項目幫扶資金33億元。」在活動啟動儀式上,"
        "赤峰市委常委、政法委書記房瑞介紹,在借力北京加快開展的同時,赤峰盡己所能服務和助力北京發展。"
    )

    result = extract(text)

    assert [[p.text for p in s.points] for s in result.other_speeches] == [
        ["近年来,北京已累计向赤峰投入项目帮扶资金33亿元", "在借力北京加快开展的同时,赤峰尽己所能服务和助力北京发展"]
    ]


def test_a_speech_runs_on_over_paragraphs_of_its_points_but_not_over_the_reporters():
    # 000_seed_daxing: 王有国强调，要… then paragraphs of his points (推动产业协作持续深化拓展。…);
    # a paragraph about the group or the place after a speech is the reporter's.
    lead = "6月5日,西城区委书记刘东伟率西城区党政代表团赴鄂伦春自治旗考察京蒙协作工作。\n"
    texts = [
        "刘东伟强调,要加强合作。\n推动产业协作持续深化拓展。\n加大两地资源要素双向流动。",
        "刘东伟表示,要加强合作。\n代表团还向当地捐赠了帮扶资金。",
        "刘东伟表示,要加强合作。\n鄂伦春自治旗位于大兴安岭南麓,总面积5.5万平方公里。",
        "刘东伟表示,要加强合作。\n据介绍,近年来两地合作项目达30个。",
    ]

    found = [[[p.text for p in s.points] for s in extract(lead + text).other_speeches] for text in texts]

    assert found == [
        [["要加强合作", "推动产业协作持续深化拓展", "加大两地资源要素双向流动"]],
        [["要加强合作"]],
        [["要加强合作"]],
        [["要加强合作"]],
    ]


def test_a_briefing_with_an_adverb_before_its_verb():
    # 136's 王德祥…进行了详细介绍, written the other common way: 王兴详细介绍了….
    lead = "6月5日,西城区委书记刘东伟率西城区党政代表团赴鄂伦春自治旗考察京蒙协作工作。旗委书记王兴陪同。\n"

    result = extract(lead + "王兴详细介绍了全旗经济社会发展情况。")

    assert [(s.name, s.kind, [p.text for p in s.points]) for s in result.other_speeches] == [
        ("王兴", SpeechKind.BRIEFING, ["全旗经济社会发展情况"])
    ]


def test_a_speaker_named_by_post_alone_and_how_they_said_it():
    # 117_shijingshan_ningcheng_project_progress: 工厂负责人高兴地表示，…
    text = (
        "看着新建的车间正拔地而起,工厂负责人高兴地表示,未来随着企业逐步发展壮大,带领周边农户共同富裕的底气更足了。"
    )

    result = extract(text)

    assert [(s.name, s.title, s.kind, [p.text for p in s.points]) for s in result.other_speeches] == [
        ("", "工厂负责人", SpeechKind.REMARK, ["未来随着企业逐步发展壮大,带领周边农户共同富裕的底气更足了"])
    ]


def test_a_named_speaker_after_a_clause_of_circumstance():
    # 107_mentougou_to_chayouhouqi_traditional: 听取情况介绍后，张力兵表示
    text = (
        "日前,北京市门头沟区委书记张力兵一行来到察右后旗,就进一步对接京蒙对口帮扶工作。\n"
        "听取情况介绍后,张力兵表示,京蒙对口帮扶工作要精准把握高站位。"
    )

    result = extract(text)

    assert [(s.name, s.title, s.kind) for s in result.other_speeches] == [
        ("张力兵", "北京市门头沟区委书记", SpeechKind.REMARK)
    ]


def test_shuo_introduces_a_remark_as_biaoshi_does():
    # 109_im_leaders_meet_beijing_cppcc writes 他说 inside a remark; a report may open one with it.
    text = (
        "7月13日,自治区党委书记孙绍骋在呼和浩特会见北京市政协主席魏小东一行。\n"
        "魏小东说,京蒙两地对口帮扶合作由来已久。"
    )

    result = extract(text)

    assert [(s.name, s.kind, [p.text for p in s.points]) for s in result.meetings[0].speeches] == [
        ("魏小东", SpeechKind.REMARK, ["京蒙两地对口帮扶合作由来已久"])
    ]


# --- meetings ---------------------------------------------------------------------------------


def test_talks_reported_as_a_verb_are_meetings():
    # 102_elunchun_to_xicheng_traditional (进行座谈), 114_fengtai_to_zhalaiteqi (进行了深入座谈交流),
    # 103_xinganmeng_bureaus_to_beijing (…等与来访团队座谈交流)
    texts = [
        "4月9日,内蒙古自治区呼伦贝尔市鄂伦春自治旗党政代表团来访西城区对接东西部协作工作,双方围绕进一步深化交流合作进行座谈。",
        corpus("114_fengtai_to_zhalaiteqi.txt"),
        "2月3日上午,盟行署副盟长孙书涛带领盟农牧局相关负责同志,赴北京市农业农村局走访对接。\n"
        "北京市委农工委副书记、市农业农村局副局长姚忠阳,市农业农村局支援协作处处长陆军,市文旅局区域合作处处长胡虎等"
        "与来访团队座谈交流,共商合作大计。",
    ]

    meetings = [[(m.title, m.kind) for m in extract(text).meetings] for text in texts]

    assert meetings == [
        [("座谈", MeetingKind.SYMPOSIUM)],
        [("座谈交流", MeetingKind.SYMPOSIUM)],
        [("座谈交流", MeetingKind.SYMPOSIUM)],
    ]


def test_a_meeting_of_two_names_joined_by_ji_keeps_both():
    # the issue's wording …暨签约仪式.
    text = (
        "5月10日,大兴区委书记王有国率大兴区党政代表团赴察右前旗考察。\n"
        "随后,两地召开东西部协作联席会议暨项目签约仪式。"
    )

    result = extract(text)

    assert [(m.title, m.kind) for m in result.meetings] == [
        ("东西部协作联席会议暨项目签约仪式", MeetingKind.JOINT)
    ]


def test_a_meeting_opened_by_its_chair_and_one_named_again_by_its_last_word():
    # 007_xicheng_cppcc_research: …孟淑芬主持座谈会，… opens the meeting when no sentence before
    # did; 003_changping_taipusi: 仪式由孙海燕主持 is the 签约仪式 already open.
    texts = [
        "5月22日至24日,区政协主席王振华率区政协调研组赴鄂伦春自治旗开展京蒙协作专题调研。\n"
        "鄂伦春自治旗政协主席孟淑芬主持座谈会,旗发展改革委、旗卫生健康委负责人分别汇报了有关工作情况。\n",
        "4月1日,昌平区委书记赵志刚率昌平区党政代表团赴太仆寺旗考察对接。\n"
        "当天下午,京蒙协作项目签约仪式在太仆寺旗举行。仪式由孙海燕主持。\n",
    ]

    results = [extract(text) for text in texts]

    assert [[(m.title, m.chair) for m in result.meetings] for result in results] == [
        [("座谈会", "孟淑芬")],
        [("京蒙协作项目签约仪式", "孙海燕")],
    ]
    assert [(s.name, s.kind) for s in results[0].meetings[0].speeches] == [
        ("孟淑芬", SpeechKind.CHAIRING),
        ("", SpeechKind.BRIEFING),
    ]


def test_wishes_and_demands_are_speech_verbs():
    # the issue: speech verbs beyond 讲话 are partly missed (希望, 要求, 提出 with a comma after).
    lead = "6月5日,西城区委书记刘东伟率西城区党政代表团赴鄂伦春自治旗考察京蒙协作工作。\n"
    texts = ["刘东伟希望,两地进一步加强协作。", "刘东伟要求,要做好项目对接。", "会议要求,要做好项目对接。"]

    found = [[(s.name, s.kind) for s in extract(lead + text).other_speeches] for text in texts]

    assert found == [[("刘东伟", SpeechKind.REMARK)], [("刘东伟", SpeechKind.EMPHASIS)], []]


def test_meetings_held_attended_or_named_twice():
    # The issue's meeting forms (…推进会, 会谈) and 003's 并出席京蒙协作项目签约仪式 in the lead, told
    # again where it was held: one meeting.
    lead = "6月5日,西城区委书记刘东伟率西城区党政代表团赴鄂伦春自治旗考察京蒙协作工作。\n"
    texts = [
        "双方举行工作会谈。",
        "京蒙协作工作推进会同日召开。",
        "代表团出席了京蒙协作项目推介会。",
    ]
    twice = (
        "2024年4月1日,昌平区委书记赵志刚率昌平区党政代表团赴锡林郭勒盟太仆寺旗开展京蒙协作考察对接,"
        "并出席京蒙协作项目签约仪式。\n当天下午,京蒙协作项目签约仪式在太仆寺旗举行。仪式由孙海燕主持。\n"
    )

    found = [[(m.title, m.kind) for m in extract(lead + text).meetings] for text in texts]

    assert found == [
        [("会谈", MeetingKind.OTHER)],
        [("京蒙协作工作推进会", MeetingKind.OTHER)],
        [("京蒙协作项目推介会", MeetingKind.OTHER)],
    ]
    assert [(m.title, m.place, m.chair) for m in extract(twice).meetings] == [
        ("京蒙协作项目签约仪式", "太仆寺旗", "孙海燕")
    ]


def test_a_ceremony_is_a_meeting_of_its_own_kind():
    # 111_tiantan_experts_linye_hospital_traditional
    text = (
        "7月22日,北京天壇醫院對口幫扶內蒙古林業總醫院啟動暨呼倫貝爾市腦血管病診療中心成立儀式在內蒙古林業總醫院舉行。\n"
        "北京天壇醫院醫療隊來到內蒙古林業總醫院義診。"
    )

    result = extract(text)

    assert [(m.title, m.kind, m.place) for m in result.meetings] == [
        (
            "北京天坛医院对口帮扶内蒙古林业总医院启动暨呼伦贝尔市脑血管病诊疗中心成立仪式",
            MeetingKind.OTHER,
            "内蒙古林业总医院",
        )
    ]


# --- site visits ------------------------------------------------------------------------------


def test_what_was_seen_at_the_stops_said_in_the_next_sentence():
    # 136_tongzhou_taihu_town_to_xinzhen_host: the stops end in 实地调研走访; what was learnt
    # there is the next sentence's 详细了解 clause, not the 听取 clause before it.
    text = (
        "8月31日,北京市通州区台湖镇纪委书记洪壮志一行到新镇开展结对帮扶协作工作。\n"
        "洪壮志一行先后来到新镇学区中心校、新镇中心卫生院新建项目施工现场实地调研走访。"
        "在调研过程中,认真听取了负责人对项目建设情况的汇报,详细了解项目进展情况及建设中存在的困难和问题。\n"
        "洪壮志表示,今后要不断加深联系。"
    )

    result = extract(text)

    seen = "详细了解项目进展情况及建设中存在的困难和问题"
    assert [(visit.place, visit.seen) for visit in result.site_visits] == [
        ("新镇学区中心校", seen),
        ("新镇中心卫生院新建项目施工现场", seen),
    ]
    assert [(speech.name, speech.points[0].text) for speech in result.other_speeches] == [
        ("洪壮志", "今后要不断加深联系")
    ]


def test_a_sentence_after_the_stops_that_says_what_was_seen_elsewhere_is_not_taken():
    # 124_mentougou_to_wuchuan: two runs of 了解 in a row are one; a stop that already says
    # what was seen keeps it.
    text = (
        "8月19日,门头沟区委副书记、区长付兆庚率区相关负责同志赴呼和浩特市武川县考察。"
        "随后,付兆庚一行前往蒙草百草园调研考察。付兆庚听取了有关负责人介绍,"
        "详细了解各产业项目工作进展情况和带贫增收机制,了解公益项目帮扶效果,并就加快两地一体化进程做出指导。"
        "随后,付兆庚一行前往玫瑰种植园,察看玫瑰长势。代表团听取了介绍,了解销售情况。"
    )

    result = extract(text)

    assert [(visit.place, visit.seen) for visit in result.site_visits] == [
        ("蒙草百草园", "详细了解各产业项目工作进展情况和带贫增收机制,了解公益项目帮扶效果"),
        ("玫瑰种植园", "察看玫瑰长势"),
    ]


def test_arriving_at_a_city_on_the_way_is_no_stop():
    # 108_doudian_town_to_tuquan_chayouzhongqi: 到达呼和浩特后前往… is the journey; the stop is
    # what the group 实地考察了 there.
    text = (
        "6月27日至30日,窦店镇党委副书记、镇长李立奎带队赴察右中旗铁沙盖镇调研。\n"
        "6月29日,考察组到达呼和浩特后前往察右中旗铁沙盖镇,由铁沙盖镇党委书记李飞同志带领,"
        "实地考察了永富肉牛养殖场。\n"
    )

    result = extract(text)

    assert [visit.place for visit in result.site_visits] == ["永富肉牛养殖场"]


def test_stops_after_a_time_of_the_visit_and_with_shidi_before_the_verb():
    # The wording of 108 (实地考察了…) and of 114 (期间,…) in the sentence that opens a stop.
    lead = "5月10日,大兴区委书记王有国率大兴区党政代表团赴察右前旗考察对接京蒙协作工作。\n"
    texts = [
        "考察期间,代表团先后到察右前旗京蒙协作产业园、黄茂营乡卫生院等地进行考察。",
        "代表团一行实地考察了薯都凯达食品有限公司、巨字号村,详细了解产业发展情况。",
        "代表团深入到巨字号村察看乡村振兴示范点建设情况。",
    ]

    found = [[(v.place, v.seen) for v in extract(lead + text).site_visits] for text in texts]

    assert found == [
        [("察右前旗京蒙协作产业园", ""), ("黄茂营乡卫生院", "")],
        [("薯都凯达食品有限公司", "详细了解产业发展情况"), ("巨字号村", "详细了解产业发展情况")],
        [("巨字号村", "察看乡村振兴示范点建设情况")],
    ]


def test_a_bureau_travelling_under_its_own_name_and_its_stops_after_a_clause_of_circumstance():
    # 126_zhalaiteqi_labour_bureau_to_fengtai_traditional: the centre itself goes (…中心赴北京市
    # 丰台区…), named as a group only later (…中心考察组); 在…沟通协调下 is who arranged the stops.
    text = (
        "3月15日至16日,扎賚特旗人力資源和就業服務中心赴北京市豐臺區和河北省唐山市開展跨區域職業技能培訓和勞務協作對接。\n"
        "在北京市豐臺區人力資源和社會保障局溝通協調下,扎賚特旗人力資源和就業服務中心考察組深入"
        "北京市妙策士職業技能培訓豐臺學校有限責任公司和北京來寶汽車裝飾連鎖有限公司進行實地參觀考察,"
        "開展職業技能培訓和勞務協作對接。\n"
        "在唐山夢牌瓷業有限公司,扎賚特旗人力資源和就業服務中心考察組實地考察企業,"
        "在共同搭建區域勞務協作交流平臺等方面達成一致。\n"
    )

    result = extract(text, published=datetime.date(2024, 4, 2))

    delegation = result.delegation
    assert (delegation.name, delegation.origin.name) == ("扎赉特旗人力资源和就业服务中心考察组", "扎赉特旗")
    assert (result.date.start, result.date.end) == (datetime.date(2024, 3, 15), datetime.date(2024, 3, 16))
    assert [(visit.place, visit.seen) for visit in result.site_visits] == [
        ("北京市妙策士职业技能培训丰台学校有限责任公司", "开展职业技能培训和劳务协作对接"),
        ("北京来宝汽车装饰连锁有限公司", "开展职业技能培训和劳务协作对接"),
        ("唐山梦牌瓷业有限公司", "实地考察企业"),
    ]


def test_a_body_that_travels_under_its_own_name_needs_no_group_word_later():
    # 126's lead alone: the centre goes, and no later sentence names it 考察组.
    text = "3月15日至16日,扎賚特旗人力資源和就業服務中心赴北京市豐臺區和河北省唐山市開展勞務協作對接。"

    result = extract(text)

    assert result.is_trip is True
    assert (result.delegation.name, result.delegation.origin.name) == ("", "扎赉特旗")
    assert [place.name for place in result.delegation.destinations][:1] == ["丰台区"]


def test_a_bureau_that_sends_a_team_of_teachers_or_doctors_and_one_that_posts_cadres():
    # The issue's teams (支教, 义诊) sent by a bureau under its own name; posting cadres (挂职) is
    # no trip.
    texts = [
        "6月5日,昌平区教委组织12名骨干教师赴太仆寺旗开展送教活动。",
        "6月5日,北京市西城区卫生健康委选派8名医疗专家赴鄂伦春自治旗开展义诊。",
        "6月5日,西城区选派3名干部赴鄂伦春自治旗挂职。",
    ]

    results = [extract(text) for text in texts]

    assert [r.delegation.kind if r.delegation else None for r in results] == [
        DelegationKind.OTHER,
        DelegationKind.OTHER,
        None,
    ]
    assert [people(r) for r in results[:2]] == [
        [("", "12名骨干教师", V, MEMBER)],
        [("", "8名医疗专家", V, MEMBER)],
    ]


def test_another_round_of_visits_after_the_stops_is_not_what_was_seen_there():
    # 114_fengtai_to_zhalaiteqi: …等地实地调研,走访慰问贫困户 — the 走访 is a visit of its own.
    text = (
        "9月11日至12日,丰台区委副书记、代区长初军威率丰台区党政代表团赴内蒙古自治区兴安盟扎赉特旗对接扶贫协作工作。"
        "代表团先后来到扎赉特旗草原鸿德扶贫车间建设项目、魏佳米业合作社等地实地调研,走访慰问贫困户。"
    )

    result = extract(text)

    assert [(visit.place, visit.seen) for visit in result.site_visits] == [
        ("扎赉特旗草原鸿德扶贫车间建设项目", ""),
        ("魏佳米业合作社", ""),
    ]


def test_stops_told_in_parts_of_a_sentence_and_with_others_or_hosts_named_with_the_subject():
    # The forms of a stop in 002 and 007 (在…，代表团…；…) with the subject written in full:
    # 在A，…；在B，… are two stops; 刘东伟和王兴一同来到…, 刘东伟一行在王兴的陪同下来到…, 代表团首站来到….
    lead = "6月5日,西城区委书记刘东伟率西城区党政代表团赴鄂伦春自治旗考察京蒙协作工作。旗委书记王兴陪同。\n"
    texts = [
        "在大杨树镇食用菌产业园,代表团详细了解黑木耳种植情况;在鄂伦春自治旗人民医院,代表团察看了远程会诊平台。",
        "刘东伟和王兴一同来到大杨树镇食用菌产业园,察看黑木耳生产线。",
        "刘东伟一行在王兴的陪同下来到大杨树镇食用菌产业园,了解产业发展情况。",
        "代表团首站来到大杨树镇食用菌产业园,了解黑木耳种植情况。",
    ]

    found = [[(v.place, v.seen) for v in extract(lead + text).site_visits] for text in texts]

    assert found == [
        [("大杨树镇食用菌产业园", "详细了解黑木耳种植情况"), ("鄂伦春自治旗人民医院", "察看了远程会诊平台")],
        [("大杨树镇食用菌产业园", "察看黑木耳生产线")],
        [("大杨树镇食用菌产业园", "了解产业发展情况")],
        [("大杨树镇食用菌产业园", "了解黑木耳种植情况")],
    ]


def test_stops_in_the_clauses_of_a_long_sentence_and_what_was_seen_at_each():
    # 108_doudian_town_to_tuquan_chayouzhongqi: the village at the head of what was looked at
    # (实地考察了五三村庭院经济); a semicolon ends a place and what was seen; 随后参观… is the next stop.
    lead = "6月27日至30日,窦店镇党委副书记、镇长李立奎带队赴察右中旗铁沙盖镇调研。\n"
    texts = [
        "6月28日,考察组到达乌兰浩特后乘车前往突泉县太平乡,由太平乡党委书记杨宝田同志带领,实地考察了五三村庭院经济,"
        "参观了太平乡东风养猪场和曙光现代农业循环经济园区;考察结束后前往太平乡政府进行了座谈。",
        "6月29日,考察组由铁沙盖镇党委书记李飞同志带领,实地考察了永富肉牛养殖场,随后参观铁沙盖镇卫生院。",
    ]

    found = [[(v.place, v.seen) for v in extract(lead + text).site_visits] for text in texts]

    assert found == [
        [
            ("五三村", "实地考察了五三村庭院经济"),
            ("太平乡东风养猪场", ""),
            ("曙光现代农业循环经济园区", ""),
        ],
        [("永富肉牛养殖场", ""), ("铁沙盖镇卫生院", "")],
    ]


# --- dates ------------------------------------------------------------------------------------


def test_the_page_date_in_the_header_does_not_win_over_the_trip_date():
    # 109_im_leaders_meet_beijing_cppcc: 2023年07月14日 09:27 is when the page went up.
    text = (
        "孙绍骋王莉霞张延昆会见北京市政协主席魏小东\n\n2023年07月14日 09:27 来源:内蒙古新闻网 作者:\n\n"
        "  7月13日,自治区党委书记孙绍骋在呼和浩特会见北京市政协主席魏小东一行。"
    )

    result = extract(text, published=datetime.date(2023, 7, 14))

    assert (result.date.start, result.date.precision) == (datetime.date(2023, 7, 13), DatePrecision.DAY)


def test_the_date_of_a_report_below_the_page_furniture_a_whole_year_and_a_part_of_a_month():
    # 118: the body's first paragraph (央广网北京4月28日消息…) below the site's name; 116: 1998年，…
    # is a year; 142: 截至8月底 is a month, its year the page's.
    texts = [
        (
            "央廣網\n\n京蒙簽下242億扶貧投資訂單\n\n央廣網北京4月28日消息(記者孫冰潔)今天(28日)上午,"
            "北京與內蒙古興安盟再簽下26個扶貧合作項目。",
            "2018-04-28",
        ),
        (
            "北京内蒙古对口帮扶 四十六万农牧民受益\n\n  本报讯 1998年,北京内蒙古对口帮扶和经济技术合作取得明显成效。",
            "1999-03-26",
        ),
        ("截至8月底,内蒙古农村牧区劳动力赴北京就业1.91万人次。", "2024-10-12"),
    ]

    dates = [extract(text, published=datetime.date.fromisoformat(published)).date for text, published in texts]

    assert [(d.start, d.precision, d.inferred) for d in dates] == [
        (datetime.date(2018, 4, 28), DatePrecision.DAY, True),
        (datetime.date(1998, 1, 1), DatePrecision.YEAR, False),
        (datetime.date(2024, 8, 1), DatePrecision.MONTH, True),
    ]


def test_two_days_written_with_a_dun_comma_are_the_first_and_the_last():
    # The dates of 123 (7月21日至22日) as many reports print them: 7月21日、22日.
    text = "7月21日、22日,北京市党政代表团来我区考察调研,推动京蒙协作走深走实。"

    date = extract(text, published=datetime.date(2023, 7, 23)).date

    assert (date.start, date.end, date.precision) == (
        datetime.date(2023, 7, 21),
        datetime.date(2023, 7, 22),
        DatePrecision.DAY,
    )


def test_a_date_that_is_also_the_publication_date_is_flagged():
    # 136_tongzhou_taihu_town_to_xinzhen_host: 发布日期:2023-08-31, and the trip 8月31日.
    text = "发布日期:2023-08-31 浏览次数:74\n\n8月31日,北京市通州区台湖镇纪委书记洪壮志一行到新镇开展结对帮扶协作工作。"

    result = extract(text, published=datetime.date(2023, 8, 31))

    assert result.date.start == datetime.date(2023, 8, 31)
    assert "日期：报道未写年份，按发布日期推断；与发布日期相同，请核对这是考察日期而不是发布日期" in result.warnings


def test_a_date_of_month_only_is_flagged_for_the_reviewer():
    # 133_changping_education_commission_two_banners: 近日 with a publication date.
    text = "近日,北京市昌平区教委副主任苏俊山带领区教委相关负责人赴太仆寺旗调研送教。"

    result = extract(text, published=datetime.date(2024, 9, 5))

    assert (result.date.start, result.date.precision, result.date.inferred) == (
        datetime.date(2024, 9, 1),
        DatePrecision.MONTH,
        True,
    )
    assert "日期：报道只写“近日”，取发布日期所在月份" in result.warnings


# --- sides and direction ----------------------------------------------------------------------


def test_hosts_who_accompany_on_site_are_hosts_even_without_a_place_in_their_title():
    # 108_doudian_town_to_tuquan_chayouzhongqi: 太平乡 is not in the region table.
    text = (
        "6月27日至30日,窦店镇党副书记、镇长李立奎带队,组织镇相关领导,先后赴突泉县太平乡就对口帮扶工作进行了调研。\n"
        "6月28日,考察组前往突泉县太平乡,由太平乡党委书记杨宝田同志带领,实地考察了五三村庭院经济。"
    )

    result = extract(text)

    assert ("杨宝田", "太平乡党委书记", H, ParticipantRole.ACCOMPANYING) in people(result)
    host = next(person for person in result.participants if person.name == "杨宝田")
    assert host.doubts == ["职务中没有可判断的地区，所属方是推断的"]


def test_the_hosts_posts_in_a_report_written_by_a_beijing_district_are_the_hosts():
    # The issue's host-written wording (…带队来我区对接): 区委书记 in the report of a district that
    # received a banner's group is the district's, not the visitors'.
    text = (
        "3月5日,扎赉特旗委书记李四带队来我区对接京蒙协作工作。区委书记张三与李四一行座谈交流。"
        "区委副书记、区长王五参加。"
    )

    result = extract(text)

    assert result.delegation.kind == DelegationKind.VISIT
    assert people(result) == [
        ("李四", "扎赉特旗委书记", V, LEADER),
        ("张三", "区委书记", H, ParticipantRole.ATTENDING),
        ("王五", "区委副书记、区长", H, ParticipantRole.ATTENDING),
    ]


def test_lists_that_end_in_what_was_attended_and_officials_who_came_with_the_group():
    # The attendance lists of 124 (…陪同调研) and 136 (…陪同) with the other things one attends
    # (座谈交流, 走访), and 随同/随团, said of officials who came with the visitors.
    lead = "6月5日,西城区委书记刘东伟率西城区党政代表团赴鄂伦春自治旗考察京蒙协作工作。\n"
    texts = [
        "旗委书记王兴、旗长李强参加座谈交流。",
        "旗领导王兴、李强陪同走访。",
        "西城区副区长张三、区发展改革委主任李四等随团考察。",
    ]

    found = [[p for p in people(extract(lead + text)) if p[3] != LEADER] for text in texts]

    assert found == [
        [("王兴", "旗委书记", H, ParticipantRole.ATTENDING), ("李强", "旗长", H, ParticipantRole.ATTENDING)],
        [("王兴", "旗领导", H, ParticipantRole.ACCOMPANYING), ("李强", "旗领导", H, ParticipantRole.ACCOMPANYING)],
        [("张三", "西城区副区长", V, MEMBER), ("李四", "区发展改革委主任", V, MEMBER)],
    ]


def test_the_side_of_a_post_whose_level_is_inside_the_title_and_hosts_who_met_the_delegation():
    # 常务副区长, like 区委副书记 in 003, is a Beijing district's post; 副盟长…会见了代表团 names a host.
    lead = "6月5日,西城区委书记刘东伟率西城区党政代表团赴鄂伦春自治旗考察京蒙协作工作。\n"
    texts = ["常务副区长张三参加。", "副盟长赵六会见了代表团。"]

    found = [[p for p in people(extract(lead + text)) if p[3] != LEADER] for text in texts]

    assert found == [
        [("张三", "常务副区长", V, MEMBER)],
        [("赵六", "副盟长", H, ParticipantRole.ATTENDING)],
    ]


def test_a_list_with_no_place_beside_a_list_of_one_side_is_the_other_side():
    # 127_beijing_childrens_hospital_signing_hohhot: 院长倪鑫，…出席会议。内蒙古自治区…参会. The
    # first list is the visitors (a guess the reviewer is told of); the first of them leads.
    text = (
        "11月21日,北京儿童医院与内蒙古自治区妇幼保健院“京蒙协作”儿外科重点专科建设合作签约仪式在呼和浩特市隆重举行。"
        "院长倪鑫,院办副主任王晓瑜、运营管理办公室副主任郑博出席会议。"
        "内蒙古自治区卫生健康委副主任萨仁其木格,内蒙古自治区卫生健康委妇幼处处长曲维红参会。"
    )

    result = extract(text, published=datetime.date(2025, 11, 26))

    assert people(result) == [
        ("倪鑫", "院长", V, LEADER),
        ("王晓瑜", "院办副主任", V, MEMBER),
        ("郑博", "运营管理办公室副主任", V, MEMBER),
        ("萨仁其木格", "内蒙古自治区卫生健康委副主任", H, ParticipantRole.ATTENDING),
        ("曲维红", "内蒙古自治区卫生健康委妇幼处处长", H, ParticipantRole.ATTENDING),
    ]
    assert "职务中没有可判断的地区，所属方是推断的" in result.participants[1].doubts


def test_the_unit_printed_before_a_name_with_the_post_after_it_tells_the_side():
    # 127: 签约仪式由内蒙古自治区妇幼保健院(自治区儿童医院)王晓云副书记主持 — the title is the post as
    # printed (副书记); the unit before the name is the host's.
    text = (
        "11月21日,北京儿童医院与内蒙古自治区妇幼保健院“京蒙协作”儿外科重点专科建设合作签约仪式在呼和浩特市隆重举行。"
        "签约仪式由内蒙古自治区妇幼保健院(自治区儿童医院)王晓云副书记主持。"
    )

    result = extract(text, published=datetime.date(2025, 11, 26))

    assert people(result) == [("王晓云", "副书记", H, ParticipantRole.ATTENDING)]
    assert result.meetings[0].chair == "王晓云"


def test_where_a_group_went_back_to_is_where_it_came_from():
    # 112_guanganmen_medical_team_zhengxiangbai: the hospital's place is never written; …跟随医疗组
    # 回到北京 in a later paragraph tells it, and the reviewer is told so.
    text = (
        "2019年4月27日,由中国中医科学院广安门医院南区骨一科付立新主任医师、杨克强副主任医师组成的医疗组"
        "来到了内蒙古锡林郭勒盟正镶白旗。\n"
        "同时,还有一位膝关节损伤患者跟随医疗组回到北京,进行进一步治疗。"
    )

    result = extract(text)

    assert result.delegation.origin.name == "北京市"
    assert any("回到北京" in warning for warning in result.warnings)


def test_the_pages_source_line_is_not_where_the_visitors_came_from():
    # 137_chaoyang_liulitun_street_to_fuxing_township: 北京青年报客户端 2020-11-09 18:36 is the page's.
    text = (
        "朝阳六里屯街道赴内蒙古卓资县复兴乡开展结对帮扶\n北京青年报客户端 2020-11-09 18:36\n\n"
        "11月2日,六里屯街道工委书记谭国忠,工委副书记张洪源一行来到对口帮扶的内蒙古卓资县复兴乡,了解需求。"
    )

    # Not 北京 from the source line: 朝阳区, named short in the headline's body (see below).
    assert extract(text).delegation.origin.name == "朝阳区"


# --- text as it really arrives ----------------------------------------------------------------


def test_a_traditional_copy_gives_the_records_of_the_simplified_one():
    # 102_elunchun_to_xicheng_traditional, and the same text converted by hand.
    traditional = corpus("102_elunchun_to_xicheng_traditional.txt")
    simplified = (
        "4月9日,内蒙古自治区呼伦贝尔市鄂伦春自治旗党政代表团来访西城区对接东西部协作工作,双方围绕进一步深化交流合作"
        "进行座谈。西城区委书记刘东伟,鄂伦春自治旗委书记晋洪生出席。"
    )

    from_traditional = extract(traditional.split("\n")[0])
    from_simplified = extract(simplified)

    assert summarize(from_traditional) == summarize(from_simplified)
    assert (from_traditional.delegation.name, from_traditional.delegation.kind) == (
        "内蒙古自治区呼伦贝尔市鄂伦春自治旗党政代表团",
        DelegationKind.VISIT,
    )
    assert [(p.name, p.title) for p in from_traditional.participants] == [
        ("刘东伟", "西城区委书记"),
        ("晋洪生", "鄂伦春自治旗委书记"),
    ]
    assert from_traditional.delegation.origin.full_name == "内蒙古自治区呼伦贝尔市鄂伦春自治旗"


def test_ascii_commas_between_names_do_not_merge_people():
    # 114_fengtai_to_zhalaiteqi, as many copies arrive: NFKC-folded.
    text = folded(corpus("114_fengtai_to_zhalaiteqi.txt"))

    result = extract(text)

    named = [(person.name, person.title) for person in result.participants if person.role != LEADER]
    assert ("苏扬", "丰台区领导") in named
    assert [name for name, title in named if title == "扎赉特旗领导"] == ["麒麟", "刘建", "刘海涛", "陈庆华", "于长江"]


def test_bylines_and_editors_lines_are_not_people_or_speech():
    # 108_doudian_town_to_tuquan_chayouzhongqi
    result = extract(corpus("108_doudian_town_to_tuquan_chayouzhongqi.txt"))

    names = {person.name for person in result.participants}
    assert names.isdisjoint({"王海珠", "郑建华"})
    points = [point.text for speech in result.other_speeches for point in speech.points]
    assert points and not any("来源" in point or "责任编辑" in point for point in points)


def test_words_after_a_name_are_not_part_of_it():
    # 108 (杨宝田同志), and the forms lists take: 等5人, 等同志; 相关负责同志 stays a label.
    texts = ["太平乡党委书记杨宝田同志", "副旗长王海燕等5人", "市长李四等同志", "阿尔山市相关负责同志"]

    parsed = [[(person.name, person.title) for person in parse_people(text, REGIONS)] for text in texts]

    assert parsed == [
        [("杨宝田", "太平乡党委书记")],
        [("王海燕", "副旗长")],
        [("李四", "市长")],
        [("", "阿尔山市相关负责同志")],
    ]


def test_a_misprinted_title_leaves_the_rest_of_the_list_read_and_is_reported():
    # 114_fengtai_to_zhalaiteqi: 副长 for 副盟长.
    text = corpus("114_fengtai_to_zhalaiteqi.txt")

    result = extract(text)

    hosts = [(p.name, p.title) for p in result.participants if p.side == H and p.title != "扎赉特旗领导"]
    assert hosts == [("姜天虎", "兴安盟政协副主席、扎赉特旗委书记"), ("赵田喜", "扎赉特旗旗委副书记、旗长")]
    assert "名单中“兴安盟委委员、副长孟文涛”没有读出，请核对（第3句）" in result.warnings


def test_every_list_of_a_sentence_is_read_and_who_chaired_it_too():
    # 110_xilinguole_cppcc_work_plan: 出席 and 列席 lists in one sentence after the chair;
    # 各专委会主任 is every chair of a committee, a group.
    text = (
        "7月28日,盟政协党组召开2023年第9次会议。盟政协党组书记、主席赵德永主持会议并讲话,"
        "盟政协党组成员、副主席哈斯巴雅尔、李志鹏及秘书长张立国出席会议,"
        "副主席郭志强、王明旺及政协机关班子成员、各专委会主任列席会议。"
    )

    result = extract(text)

    assert [(p.name, p.title) for p in result.participants] == [
        ("赵德永", "盟政协党组书记、主席"),
        ("哈斯巴雅尔", "盟政协党组成员、副主席"),
        ("李志鹏", "盟政协党组成员、副主席"),
        ("张立国", "秘书长"),
        ("郭志强", "副主席"),
        ("王明旺", "副主席"),
        ("", "政协机关班子成员、各专委会主任"),
    ]
    assert [(s.name, s.kind) for s in result.other_speeches][:1] == [("赵德永", SpeechKind.CHAIRING)]


def test_a_list_ending_in_deng_lingdao_banzi_chengyuan_canhui_names_its_people():
    # 127_beijing_childrens_hospital_signing_hohhot: …田军院长等领导班子成员参会.
    text = (
        "内蒙古自治区卫生健康委副主任萨仁其木格,内蒙古自治区卫生健康委妇幼处处长曲维红及"
        "内蒙古自治区妇幼保健院(自治区儿童医院)田军院长等领导班子成员参会。"
    )

    assert [(p.name, p.title) for p in extract(text).participants] == [
        ("萨仁其木格", "内蒙古自治区卫生健康委副主任"),
        ("曲维红", "内蒙古自治区卫生健康委妇幼处处长"),
        ("田军", "院长"),
    ]


def test_fields_of_cooperation_named_in_the_words_reports_use():
    # 117: 务工收入; 136: 学区中心校; 109: 人才引进; 118: 承接京津冀产业转移; 005 (nine cases): a bare
    # 就业 in a list of fields is no field of its own.
    texts = [
        "每人实现年务工收入2万元以上。",
        "洪壮志一行先后来到新镇学区中心校实地调研走访。",
        "围绕人才引进等领域,助力两地合作。",
        "内蒙古兴安盟承接京津冀产业转移推介会在北京举办。",
        "在产业、就业、消费方面深化合作。",
    ]

    found = [[topic.name for topic in extract(text).topics] for text in texts]

    assert found == [["劳务协作"], ["教育"], ["人才交流"], ["产业协作"], []]


# --- garbage items ----------------------------------------------------------------------------


def test_quanchen_and_a_clause_are_not_people():
    # 123_beijing_delegation_to_im_host_captions (全程参加), 124_mentougou_to_wuchuan (付兆庚听取了有关负责人介绍)
    texts = [
        "7月21日至22日,北京市党政代表团来我区考察调研。中央第一指导组组长车俊、副组长李小三及全体成员全程参加。",
        "8月19日,门头沟区委副书记、区长付兆庚率区相关负责同志赴呼和浩特市武川县考察。"
        "付兆庚听取了有关负责人介绍,详细了解各产业项目工作进展情况。",
    ]

    results = [extract(text) for text in texts]

    titles = [person.title for result in results for person in result.participants]
    names = [person.name for result in results for person in result.participants]
    assert "全程" not in names and "全体成员" not in titles
    assert "一行" not in names
    assert [(p.name, p.title) for p in results[0].participants] == [
        ("车俊", "中央第一指导组组长"),
        ("李小三", "副组长"),
    ]
    assert not any("听取" in title for title in titles)
    assert [s.title for s in results[1].other_speeches] == []


def test_related_officials_with_no_body_named_are_no_participant():
    # the words issue 14 names: 相关负责人 alone; 区直部门相关负责人 names who.
    texts = ["相关负责人", "两地有关负责人", "区直部门相关负责人", "工厂负责人"]

    parsed = [parse_people(text, REGIONS) for text in texts]

    assert [[(p.name, p.title) for p in people] if people else None for people in parsed] == [
        None,
        None,
        [("", "区直部门相关负责人")],
        [("", "工厂负责人")],
    ]


# --- reports the reader had never seen --------------------------------------------------------
# Sentences of the reports added after the reader was measured on them untouched (cases 145–157).


def test_a_hospital_told_by_its_posts_and_a_count_travels():
    # 145_xicheng_zhanlanlu_hospital_to_elunchun_host: no one named, the unit's posts, 一行8人及…2人.
    text = (
        "2018年7月25日-26日,北京市西城区展览路医院院长、副院长、工会主席及各相关科室主任一行8人及社区中心2人"
        "赴鄂伦春自治旗人民医院开展对口帮扶活动。"
    )

    result = extract(text)

    assert result.is_trip is True
    delegation = result.delegation
    assert (delegation.name, delegation.kind, delegation.origin.name) == ("", DelegationKind.OTHER, "西城区")
    assert [place.name for place in delegation.destinations] == ["鄂伦春自治旗"]
    assert people(result) == [("", "北京市西城区展览路医院院长、副院长、工会主席及各相关科室主任", V, MEMBER)]


def test_a_ceremony_held_with_kaizhan_and_a_speaker_named_by_post_alone():
    # 145_xicheng_zhanlanlu_hospital_to_elunchun_host: 开展了《…启动仪式》; 副局长作总结讲话.
    text = (
        "7月25日,北京市西城区展览路医院院长一行8人赴鄂伦春自治旗人民医院开展对口帮扶活动。\n"
        "25日上午,在旗人民医院八楼会议室开展了《北京市西城区展览路医院帮扶鄂伦春自治旗人民医院启动仪式》。\n"
        "随后,双方签署了对口帮扶合作协议,旗卫生计生局副局长作总结讲话,感谢北京市西城区展览路医院不远万里来到鄂伦春自治旗。"
    )

    result = extract(text)

    [meeting] = result.meetings
    assert (meeting.title, meeting.kind, meeting.place) == (
        "北京市西城区展览路医院帮扶鄂伦春自治旗人民医院启动仪式",
        MeetingKind.OTHER,
        "旗人民医院八楼会议室",
    )
    assert [(s.name, s.title, s.kind, [p.text for p in s.points]) for s in meeting.speeches] == [
        ("", "旗卫生计生局副局长", SpeechKind.SPEECH, ["感谢北京市西城区展览路医院不远万里来到鄂伦春自治旗"])
    ]


def test_a_bare_post_is_no_speaker_of_its_own():
    # 区委书记 alone may be someone the report named: no speaker is made of the post.
    text = "7月1日,密云区党政代表团赴库伦旗考察。\n会上,区委书记强调,要做好协作。"

    result = extract(text)

    assert [s.title for m in result.meetings for s in m.speeches] + [s.title for s in result.other_speeches] == []


def test_a_joint_meeting_held_as_talks_is_a_joint_meeting():
    # 147_haidian_head_to_aohan_hospital_account
    text = (
        "2023年6月15日上午,海淀区区委副书记、区长李俊杰率队赴内蒙古自治区赤峰市敖汉旗考察对接东西部协作帮扶工作,"
        "并召开海淀区与敖汉旗东西部协作高层互访联席座谈会。"
    )

    result = extract(text)

    assert [(m.title, m.kind) for m in result.meetings] == [
        ("海淀区与敖汉旗东西部协作高层互访联席座谈会", MeetingKind.JOINT)
    ]


def test_a_briefing_from_two_levels_has_its_speaker():
    # 148_beijing_education_commission_to_wulanchabu: 从旗、市两个层面分别介绍了….
    text = (
        "6月20日,市教委副巡视员张永凯率北京教育工作组一行4人赴内蒙古自治区乌兰察布市考察调研。\n"
        "在察右中旗政府会议室召开的座谈会上,乌兰察布市教育局领导从旗、市两个层面分别介绍了帮扶成效。"
    )

    result = extract(text)

    assert [(s.name, s.title, s.kind, [p.text for p in s.points]) for s in result.meetings[0].speeches] == [
        ("", "乌兰察布市教育局领导", SpeechKind.BRIEFING, ["帮扶成效"])
    ]


def test_the_chair_of_the_open_meeting_and_its_talks_are_one_meeting():
    # 151_miyun_head_to_balinyouqi_host: 主持会议 and 座谈会上 after …召开了…座谈会.
    text = (
        "9月13日,北京市密云区委副书记、区长潘临珠一行深入到巴林右旗调研对接京蒙对口帮扶工作。\n"
        "实地调研结束后,在凌水温泉酒店会议室召开了北京密云区、巴林右旗结对帮扶对接座谈会。"
        "旗委副书记、旗政府旗长浩毕斯嘎拉图主持会议。\n"
        "座谈会上,黄彦峰就巴林右旗基本情况进行了汇报。\n"
        "潘临珠在座谈会上指出:此次实地参观了扶贫大数据中心,体会很深。"
    )

    result = extract(text)

    [meeting] = result.meetings
    assert (meeting.title, meeting.chair) == ("北京密云区、巴林右旗结对帮扶对接座谈会", "浩毕斯嘎拉图")
    assert [(s.name, s.kind) for s in meeting.speeches] == [
        ("浩毕斯嘎拉图", SpeechKind.CHAIRING),
        ("黄彦峰", SpeechKind.BRIEFING),
        ("潘临珠", SpeechKind.SPEECH),
    ]


def test_a_point_that_is_one_quotation_loses_its_marks():
    # 152_beijing_im_cooperation_20_years_feature
    text = (
        "“锡林郭勒大草原在别人眼里是景点,在我们眼里只是工地。”京能锡林发电总公司经理刘春晓告诉记者,"
        "“受自然环境等影响,这里全年施工期限不足5个月,煤从空中走,电送北京城。”"
    )

    result = extract(text)

    assert [p.text for s in result.other_speeches for p in s.points][-1] == (
        "受自然环境等影响,这里全年施工期限不足5个月,煤从空中走,电送北京城"
    )


def test_specialists_serving_in_a_place_of_the_other_side_travelled_there():
    # 149_chest_hospital_experts_chayouzhongqi: no journey told, 在…开展“…”义诊活动; none leads.
    text = (
        "11月1日,在北京市卫健委的支持下,首都医科大学附属北京胸科医院胸外科主任医师黄少君、医学影像科主任医师吕岩"
        "在察右中旗人民医院开展“关爱肺部健康,移动ct一扫双筛”义诊活动。"
    )

    result = extract(text)

    assert result.is_trip is True
    delegation = result.delegation
    assert (delegation.kind, delegation.origin.name, delegation.leaders) == (DelegationKind.OTHER, "北京市", [])
    assert [place.name for place in delegation.destinations] == ["察右中旗"]
    assert people(result) == [
        ("黄少君", "首都医科大学附属北京胸科医院胸外科主任医师", V, MEMBER),
        ("吕岩", "医学影像科主任医师", V, MEMBER),
    ]


def test_officials_serving_at_home_are_no_trip():
    # The same sentence by a hospital of the place itself: nobody crossed sides.
    text = "11月1日,察右中旗人民医院院长曹世文、副院长李明在察右中旗科布尔镇开展义诊活动。"

    assert extract(text).is_trip is False


def test_two_people_whose_separator_the_source_left_out():
    # 149_chest_hospital_experts_chayouzhongqi prints 主任医师吕岩肿瘤内科副主任医师张权: 肿 opens a
    # department's name (肿瘤内科) and never ends a name, so the cut is after 吕岩; where the next
    # post opens with its level, it can be told too.
    assert [(p.name, p.title) for p in parse_people("区委书记王有国区长刘晓东", REGIONS)] == [
        ("王有国", "区委书记"),
        ("刘晓东", "区长"),
    ]
    assert [(p.name, p.title) for p in parse_people("医学影像科主任医师吕岩肿瘤内科副主任医师张权", REGIONS)] == [
        ("吕岩", "医学影像科主任医师"),
        ("张权", "肿瘤内科副主任医师"),
    ]


def test_this_years_work_is_dated_by_the_year_of_the_page():
    # 153_chaoyang_pairing_work_half_year_news, 154_six_doubling_plans_news: 今年上半年, 今年以来.
    texts = [
        "记者从区发改委了解到,今年上半年,我区从产业合作、教育、卫生医疗等公共服务领域开展帮扶工作。",
        "今年以来,为全方位深化京蒙区域合作,京蒙协作启动实施六个“倍增计划”。",
    ]

    dates = [extract(text, published=datetime.date(2017, 8, 21)).date for text in texts]

    assert [(d.start, d.precision, d.inferred) for d in dates] == [
        (datetime.date(2017, 1, 1), DatePrecision.YEAR, True),
        (datetime.date(2017, 1, 1), DatePrecision.YEAR, True),
    ]


def test_the_city_of_a_banners_own_report_is_the_hosts():
    # 151_miyun_head_to_balinyouqi_host: 深入到巴林右旗; 市委常委…陪同 means 赤峰市, unprinted.
    text = (
        "9月13日,北京市密云区委副书记、区长潘临珠一行深入到巴林右旗调研对接京蒙对口帮扶工作。"
        "市委常委、市政府副市长石银峰,旗委书记黄彦峰,市扶贫办副主任王永福陪同调研。"
    )

    result = extract(text)

    assert [place.name for place in result.delegation.destinations] == ["巴林右旗"]
    assert people(result) == [
        ("潘临珠", "北京市密云区委副书记、区长", V, LEADER),
        ("石银峰", "市委常委、市政府副市长", H, ParticipantRole.ACCOMPANYING),
        ("黄彦峰", "旗委书记", H, ParticipantRole.ACCOMPANYING),
        ("王永福", "市扶贫办副主任", H, ParticipantRole.ACCOMPANYING),
    ]


def test_a_group_led_by_its_head_that_set_foot_in_a_place_the_headline_names():
    # 150_daxing_hospital_experts_sunite_youqi: …带领的专家组一行4人踏上塞外小城—赛汉塔拉的土地.
    text = (
        "大兴区中西医结合医院赴内蒙古苏尼特右旗开展对口支援帮扶工作\n"
        "2018年7月18日凌晨,带着健康扶贫的责任和使命,我院王海英院长带领的专家组一行4人踏上塞外小城—赛汉塔拉的土地。"
    )

    result = extract(text)

    delegation = result.delegation
    assert (delegation.name, delegation.kind, delegation.origin.name) == ("专家组", DelegationKind.OTHER, "大兴区")
    assert [(p.name, p.title) for p in delegation.leaders] == [("王海英", "院长")]
    assert [place.name for place in delegation.destinations] == ["苏尼特右旗"]


# Patterns of Chinese news reporting the never-seen reports showed missing, each in the sentence
# shape reports use (the speakers' names are placeholders).


def test_a_speaker_at_a_meeting_told_nowhere_else_opens_it():
    # 在座谈会上指出 with no meeting before (cf. 151's 潘临珠在座谈会上指出); after two talks it
    # stays outside (108_doudian_town_to_tuquan_chayouzhongqi).
    text = "6月5日,顺义区区长王明带领区相关部门负责人赴科左中旗考察。王明在座谈会上指出,要深化产业协作。"

    result = extract(text)

    [meeting] = result.meetings
    assert meeting.title == "座谈会"
    assert [(s.name, s.kind, [p.text for p in s.points]) for s in meeting.speeches] == [
        ("王明", SpeechKind.SPEECH, ["要深化产业协作"])
    ]
    assert result.other_speeches == []


def test_a_leader_with_counted_teachers_going_to_teach_is_a_service_trip():
    # 带领12名骨干教师赴…开展送教活动 (cf. 133_changping_education_commission_two_banners).
    text = "6月5日,北京市海淀区教委副主任李明带领12名骨干教师赴敖汉旗开展送教活动。"

    result = extract(text)

    assert result.delegation.kind == DelegationKind.OTHER
    assert people(result) == [("李明", "北京市海淀区教委副主任", V, LEADER), ("", "12名骨干教师", V, MEMBER)]


def test_our_district_holding_a_joint_meeting_with_a_banner_hosts_it():
    # A host's report: 我区与…在区政府召开…联席会议; held 在北京 it could be either side's trip.
    hosted = "6月5日上午,我区与内蒙古科左中旗在区政府召开京蒙协作联席会议。区委书记王明主持会议。"
    elsewhere = "6月5日上午,我旗与西城区在北京召开京蒙协作联席会议。"

    result = extract(hosted)

    assert (result.delegation.kind, result.delegation.origin.name) == (DelegationKind.VISIT, "科尔沁左翼中旗")
    assert [(m.title, m.kind, m.chair) for m in result.meetings] == [("京蒙协作联席会议", MeetingKind.JOINT, "王明")]
    assert extract(elsewhere).is_trip is False


def test_the_hosts_the_lead_names_after_its_journey():
    # …率队来京对接…，与朝阳区委书记王明座谈: the hosts in the lead sentence itself.
    text = "6月5日,科左中旗委书记张华率队来京对接京蒙协作工作,与朝阳区委书记王明座谈。"

    result = extract(text)

    assert people(result) == [
        ("张华", "科左中旗委书记", V, LEADER),
        ("王明", "朝阳区委书记", H, ParticipantRole.ATTENDING),
    ]


def test_the_hosts_who_hold_talks_with_the_group_in_the_lead():
    # …一行到丰台区对接…，丰台区委书记王明，区委副书记、区长李强与代表团一行座谈 (cf. 144's lead).
    text = (
        "6月5日,扎赉特旗委书记张华一行到丰台区对接京蒙协作工作,丰台区委书记王明,区委副书记、区长李强"
        "与代表团一行座谈。"
    )

    result = extract(text)

    assert people(result) == [
        ("张华", "扎赉特旗委书记", V, LEADER),
        ("王明", "丰台区委书记", H, ParticipantRole.ATTENDING),
        ("李强", "区委副书记、区长", H, ParticipantRole.ATTENDING),
    ]


def test_talks_opened_by_their_scene_and_a_wish_as_a_remark():
    # 座谈中，…; 张华希望… with no comma after 希望. After …座谈交流 the scene is the same talks
    # (103_xinganmeng_bureaus_to_beijing).
    text = (
        "6月5日,丰台区委书记王明率丰台区党政代表团赴扎赉特旗考察。"
        "座谈中,双方就产业协作、劳务协作进行了深入交流。旗委书记张华希望丰台区继续给予支持。"
    )
    again = (
        "2月3日上午,盟行署副盟长孙书涛带领盟农牧局相关负责同志赴北京市农业农村局走访对接,与来访团队座谈交流。\n"
        "座谈中,双方深入交流。"
    )

    result = extract(text)

    [meeting] = result.meetings
    assert (meeting.title, meeting.kind) == ("座谈", MeetingKind.SYMPOSIUM)
    assert [(s.name, s.kind, [p.text for p in s.points]) for s in meeting.speeches] == [
        ("张华", SpeechKind.REMARK, ["希望丰台区继续给予支持"])
    ]
    assert [m.title for m in extract(again).meetings] == ["座谈交流"]


def test_an_event_named_in_someones_words_is_no_meeting_and_their_words_are_kept():
    # 155_inner_mongolia_flavour_promotion_beijing_speakers: …于海宇表示，…借助服贸会平台举办这次推介会.
    text = (
        "内蒙古自治区人民政府驻京办主任于海宇表示,“内蒙古味道”系列活动首次走进首都北京,借助服贸会平台举办这次推介会。\n"
        "北京市商务局党组书记、局长丁勇表示,京蒙两地全面深化农畜产品流通领域合作。"
    )

    result = extract(text)

    assert [(s.name, [p.text for p in s.points]) for s in result.other_speeches] == [
        ("于海宇", ["“内蒙古味道”系列活动首次走进首都北京,借助服贸会平台举办这次推介会"]),
        ("丁勇", ["京蒙两地全面深化农畜产品流通领域合作"]),
    ]


def test_someone_else_speaking_ends_the_last_speakers_words():
    # 149_chest_hospital_experts_chayouzhongqi: 院长曹世文介绍，…。察右中旗科尔布镇的居民刘某表示，….
    text = (
        "察右中旗人民医院院长曹世文介绍,周围的居民纷纷前来咨询。"
        "察右中旗科尔布镇的居民刘某表示,听说北京的专家来中旗坐诊,我们感到非常幸福。"
    )

    result = extract(text)

    assert [(s.name, [p.text for p in s.points]) for s in result.other_speeches] == [
        ("曹世文", ["周围的居民纷纷前来咨询"])
    ]


def test_officials_going_to_a_body_of_the_other_side_that_names_no_place():
    # 146_naiman_mongolian_hospital_to_dongzhimen_host: 奈曼旗…院长包桂荣…赴东直门医院通州院区进行交流考察.
    text = (
        "持续推进京蒙对口帮扶\n"
        "2023年8月17日下午,内蒙古通辽市奈曼旗蒙医医院党支部书记、院长包桂荣赴东直门医院通州院区进行交流考察,"
        "东直门医院副院长张耀圣参加交流。"
    )
    at_home = "8月17日,奈曼旗委书记张华赴旗蒙医医院调研。京蒙协作资金支持了医院建设。"

    result = extract(text)

    delegation = result.delegation
    assert (delegation.kind, delegation.origin.name) == (DelegationKind.VISIT, "奈曼旗")
    # The campus is filed under its district (see the test of 通州院区 below).
    assert [(place.name, place.side) for place in delegation.destinations] == [("通州区", RegionSide.SUPPORT)]
    assert people(result) == [
        ("包桂荣", "内蒙古通辽市奈曼旗蒙医医院党支部书记、院长", V, LEADER),
        ("张耀圣", "东直门医院副院长", H, ParticipantRole.ATTENDING),
    ]
    assert extract(at_home).is_trip is False


def test_the_staff_of_the_body_gone_to_listed_with_an_assistant_and_a_remark():
    # 146_naiman_mongolian_hospital_to_dongzhimen_host: 院长助理马洪明, 赵国凤（主持工作）.
    text = (
        "持续推进京蒙对口帮扶\n"
        "2023年8月17日下午,内蒙古通辽市奈曼旗蒙医医院院长包桂荣赴东直门医院通州院区进行交流考察,"
        "东直门医院副院长张耀圣、院长助理马洪明、党院办副主任赵国凤(主持工作)参加交流。"
    )

    result = extract(text)

    assert people(result)[1:] == [
        ("张耀圣", "东直门医院副院长", H, ParticipantRole.ATTENDING),
        ("马洪明", "院长助理", H, ParticipantRole.ATTENDING),
        ("赵国凤", "党院办副主任", H, ParticipantRole.ATTENDING),
    ]


def test_our_banner_welcoming_a_group_whose_next_sentence_names_no_place():
    # A host's report: 6月5日，我旗迎来…代表团。代表团一行先后考察了… (cf. 123's 来我区).
    text = "6月5日,我旗迎来北京市丰台区党政代表团。代表团一行先后考察了京蒙协作产业园和旗人民医院。"

    result = extract(text)

    assert (result.delegation.name, result.delegation.origin.name) == ("北京市丰台区党政代表团", "丰台区")
    assert [place.name for place in result.delegation.destinations] == ["我旗"]
    assert [visit.place for visit in result.site_visits] == ["京蒙协作产业园", "旗人民医院"]


def test_received_in_the_home_of_the_group_met_the_receiver_travelled():
    # A banner's report: 旗委书记张华在北京会见了丰台区委书记王明一行 — met in Beijing, the banner's
    # secretary is the one who went; received at home (会见…一行 in 呼和浩特), the group did (109).
    away = "6月5日,旗委书记张华在北京会见了丰台区委书记王明一行。"
    at_home = "7月13日,自治区党委书记孙绍骋在呼和浩特会见北京市政协主席魏小东一行。"

    away_result, home_result = extract(away), extract(at_home)

    assert [(p.name, p.side, p.role) for p in away_result.participants] == [
        ("王明", H, ParticipantRole.ATTENDING),
        ("张华", V, LEADER),
    ]
    assert [place.name for place in away_result.delegation.destinations] == ["北京"]
    assert away_result.delegation.kind == DelegationKind.VISIT  # a banner's people in Beijing
    assert [(p.name, p.side) for p in home_result.delegation.leaders] == [("魏小东", V)]


def test_a_meeting_held_then_opens_with_its_scene():
    # 随后召开的座谈会上，… with no 在 before it (cf. 148's 在察右中旗政府会议室召开的座谈会上).
    text = "6月5日,丰台区委书记王明率丰台区党政代表团赴扎赉特旗考察。\n随后召开的座谈会上,旗委书记张华介绍了旗情。"

    result = extract(text)

    assert [(m.title, [(s.name, s.kind) for s in m.speeches]) for m in result.meetings] == [
        ("座谈会", [("张华", SpeechKind.BRIEFING)])
    ]


def test_the_one_who_invited_is_where_the_group_went():
    # 应丰台区邀请，…代表团赴京考察: 京 narrowed to the district that invited (cf. 122's 来京).
    text = "6月5日至7日,应丰台区邀请,扎赉特旗党政代表团赴京考察。"

    result = extract(text)

    assert [(place.name, place.parents) for place in result.delegation.destinations] == [("丰台区", [])]


def test_the_head_of_those_who_went_leads_and_the_deputy_goes_with_them():
    # 146_naiman_mongolian_hospital_to_dongzhimen_host: 院长包桂荣和副院长乌力吉赴….
    text = (
        "持续推进京蒙对口帮扶\n"
        "2023年8月17日下午,内蒙古通辽市奈曼旗蒙医医院党支部书记、院长包桂荣和副院长乌力吉赴东直门医院通州院区进行交流考察。"
    )

    result = extract(text)

    assert people(result) == [
        ("包桂荣", "内蒙古通辽市奈曼旗蒙医医院党支部书记、院长", V, LEADER),
        ("乌力吉", "副院长", V, MEMBER),
    ]


def test_talks_held_then_named_as_a_symposium_are_one_meeting():
    # …与旗领导进行了座谈交流。座谈会上，… (the talks as a verb, then by their noun).
    text = (
        "6月5日,丰台区委书记王明率丰台区党政代表团赴扎赉特旗考察,并与旗领导进行了座谈交流。\n"
        "座谈会上,旗委书记张华介绍了旗情。"
    )

    result = extract(text)

    assert [(m.title, [s.name for s in m.speeches]) for m in result.meetings] == [("座谈交流", ["张华"])]


def test_who_attended_named_after_the_verb():
    # 参加座谈的还有…, 陪同考察的有…: the list comes after the verb.
    texts = [
        "6月5日,丰台区委书记王明率丰台区党政代表团赴扎赉特旗考察。\n参加座谈的还有区委常委、副区长李四,旗委副书记孙六。",
        "6月5日,丰台区委书记王明率丰台区党政代表团赴扎赉特旗考察。\n陪同考察的有旗委副书记孙六、副旗长周七。",
    ]

    found = [people(extract(text))[1:] for text in texts]

    assert found == [
        [("李四", "区委常委、副区长", V, MEMBER), ("孙六", "旗委副书记", H, ParticipantRole.ATTENDING)],
        [("孙六", "旗委副书记", H, ParticipantRole.ACCOMPANYING), ("周七", "副旗长", H, ParticipantRole.ACCOMPANYING)],
    ]


def test_speech_forms_of_news_reports():
    # 代表…致辞，…; 对…提出三点要求：…; 围绕…作了介绍; 介绍说，… (forms the never-seen reports and the
    # corpus use; 136 reads 就…进行了详细介绍 from 就, and 围绕 the same way).
    lead = "6月5日,丰台区委书记王明率丰台区党政代表团赴扎赉特旗考察。\n座谈会上,"
    forms = [
        "旗委书记张华代表旗委、旗政府致辞,对代表团的到来表示欢迎。",
        "王明对下一步协作提出三点要求:一是要抓项目;二是要抓就业。",
        "旗委书记张华围绕全旗经济社会发展情况作了介绍。",
        "旗委书记张华介绍说,全旗经济平稳增长。",
    ]

    found = [
        [(s.name, s.kind, [p.text for p in s.points]) for m in extract(lead + form).meetings for s in m.speeches]
        for form in forms
    ]

    assert found == [
        [("张华", SpeechKind.SPEECH, ["对代表团的到来表示欢迎"])],
        [("王明", SpeechKind.EMPHASIS, ["一是要抓项目;二是要抓就业"])],
        [("张华", SpeechKind.BRIEFING, ["围绕全旗经济社会发展情况作了介绍"])],
        [("张华", SpeechKind.BRIEFING, ["全旗经济平稳增长"])],
    ]


def test_a_group_named_only_as_the_subject_of_the_next_sentence():
    # 108_doudian_town_to_tuquan_chayouzhongqi: …带队…赴…调研。…考察组到达乌兰浩特后….
    text = (
        "6月27日至30日,窦店镇党副书记、镇长李立奎带队,先后赴突泉县太平乡和察右中旗铁沙盖镇就对口帮扶工作进行了调研。\n"
        "6月28日,考察组到达乌兰浩特后乘车前往突泉县太平乡。"
    )

    assert extract(text).delegation.name == "考察组"


def test_a_stop_after_a_clause_of_where_and_when():
    # 在扎赉特旗期间，代表团考察了…: 在…期间 is a time, not a stop (cf. 考察期间 in 105).
    text = "6月5日,丰台区委书记王明率丰台区党政代表团赴扎赉特旗考察。\n在扎赉特旗期间,代表团考察了京蒙协作产业园。"
    in_beijing = (
        "5月20日,旗委书记张华率我旗党政代表团赴北京市丰台区对接京蒙协作工作。\n"
        "在京期间,代表团一行还走访了北京新发地农产品批发市场。"
    )

    assert [visit.place for visit in extract(text).site_visits] == ["京蒙协作产业园"]
    assert [visit.place for visit in extract(in_beijing).site_visits] == ["北京新发地农产品批发市场"]


def test_names_with_their_label_after_deng():
    # 与张华、李强等旗领导座谈: the label after 等 is each one's, as 旗领导张华、李强 (101) would be.
    assert [(p.name, p.title) for p in parse_people("张华、李强等旗领导", REGIONS)] == [
        ("张华", "旗领导"),
        ("李强", "旗领导"),
    ]
    assert [(p.name, p.title) for p in parse_people("区委书记张华等区领导", REGIONS)] == [("张华", "区委书记")]


def test_remarks_after_the_meeting_with_a_charge_and_a_pledge():
    # 147_haidian_head_to_aohan_hospital_account: 会后，李俊杰区长在…陪同下，慰问…，并提出殷切嘱托：“…”;
    # 我院刘全喜医生作为援蒙医生代表向领导表态：“… (a quotation the source never closes).
    text = (
        "2023年6月15日上午,海淀区区委副书记、区长李俊杰率队赴敖汉旗考察,并召开海淀区与敖汉旗东西部协作联席座谈会。\n"
        "会后,李俊杰区长在区卫生健康委主任李劲涛陪同下,慰问在敖汉旗援助的医生代表,"
        "并提出殷切嘱托:“感谢援蒙医生的无私奉献,不辜负海淀人民的重托。”"
        "我院刘全喜医生作为援蒙医生代表向领导表态:“感谢各级领导的关怀、慰问,我将不忘初心,努力工作。\n"
        "目前,北京中西医结合医院先后支援河北、内蒙、新疆6家医院。"
    )

    result = extract(text)

    assert [m.speeches for m in result.meetings] == [[]]
    assert [(s.name, s.title, s.kind, [p.text for p in s.points]) for s in result.other_speeches] == [
        ("李俊杰", "区长", SpeechKind.REMARK, ["感谢援蒙医生的无私奉献,不辜负海淀人民的重托"]),
        ("刘全喜", "医生", SpeechKind.REMARK, ["感谢各级领导的关怀、慰问,我将不忘初心,努力工作"]),
    ]


def test_the_bodies_or_kind_of_people_sent_with_a_leader():
    # 带领旗人社局、就业服务中心一行6人赴… (cf. 126's bureau); 带领部分政协委员赴… (cf. 128).
    texts = [
        "6月5日,扎赉特旗副旗长张华带领旗人社局、就业服务中心一行6人赴北京市丰台区开展劳务协作对接。",
        "6月5日,丰台区政协主席王明带领部分政协委员赴扎赉特旗开展京蒙协作专题调研。",
    ]

    members = [[(p.name, p.title, p.role) for p in extract(text).participants][1:] for text in texts]

    assert members == [[("", "旗人社局、就业服务中心", MEMBER)], [("", "部分政协委员", MEMBER)]]


def test_someone_named_acting_ends_the_last_speakers_words():
    # 张华详细介绍了…。王明对扎赉特旗取得的成绩给予充分肯定。 The second is no part of 张华's briefing.
    text = (
        "6月5日,丰台区委书记王明率丰台区党政代表团赴扎赉特旗考察。\n座谈会上,"
        "旗委书记张华详细介绍了全旗经济社会发展情况。王明对扎赉特旗取得的成绩给予充分肯定。"
    )

    [meeting] = extract(text).meetings

    assert [(s.name, [p.text for p in s.points]) for s in meeting.speeches] == [
        ("张华", ["全旗经济社会发展情况"]),
        ("王明", ["对扎赉特旗取得的成绩给予充分肯定"]),  # praise is a remark of its own
    ]


def test_who_accompanied_in_a_clause_of_circumstance():
    # 在…（的）陪同下: hosts accompany; the visitors' own staff travel with them (147's 李劲涛).
    lead = "6月5日,丰台区委书记王明率丰台区党政代表团赴扎赉特旗考察。\n"
    texts = [
        "在旗委书记张华、旗长李强陪同下,代表团考察了京蒙协作产业园。",
        "会后,王明在区卫生健康委主任李劲涛陪同下,慰问援派医生。",
    ]

    found = [people(extract(lead + text))[1:] for text in texts]

    assert found == [
        [("张华", "旗委书记", H, ParticipantRole.ACCOMPANYING), ("李强", "旗长", H, ParticipantRole.ACCOMPANYING)],
        [("李劲涛", "区卫生健康委主任", V, MEMBER)],
    ]


def test_a_place_listed_after_another_shares_its_printed_parents():
    # 赴兴安盟扎赉特旗、科右前旗 as 123 reads 来到乌兰察布市察右前旗、商都县; 000 keeps a second
    # place's own parents (…乌兰察布市察右前旗、锡林郭勒盟正镶白旗).
    text = "6月5日,丰台区委书记王明带队赴兴安盟扎赉特旗、科右前旗对接东西部协作工作。"

    result = extract(text)

    assert [(place.name, place.parents) for place in result.delegation.destinations] == [
        ("扎赉特旗", ["兴安盟"]),
        ("科右前旗", ["兴安盟"]),
    ]


def test_the_poor_banners_are_no_banner_and_a_state_of_things_no_stop():
    # 148_beijing_education_commission_to_wulanchabu: 赴内蒙古自治区乌兰察布市贫困旗县考察调研;
    # 工作组参观了实验小学硬件设施建设情况.
    text = (
        "6月20日,市教委副巡视员张永凯率北京教育工作组一行4人赴内蒙古自治区乌兰察布市贫困旗县考察调研。\n"
        "工作组参观了实验小学硬件设施建设情况,进入课堂亲切看望了认真学习的孩子。"
    )

    result = extract(text)

    assert [(p.name, p.parents) for p in result.delegation.destinations] == [("乌兰察布市", ["内蒙古自治区"])]
    assert result.site_visits == []


def test_the_origin_is_named_as_the_region_table_names_it():
    # 148_beijing_education_commission_to_wulanchabu: 市教委…从北京乘航班出发 — origin 北京市 (the
    # corpus writes origins in the table's form: 丰台区 for a 丰台 street office).
    text = (
        "6月20日,市教委副巡视员张永凯率北京教育工作组一行4人赴内蒙古自治区乌兰察布市考察调研。\n"
        "北京教育工作组于20日7点5分从北京乘航班出发,到达乌兰察布市后,便迅速赶赴察右中旗实验小学考察调研。"
    )

    assert extract(text).delegation.origin.name == "北京市"


def test_a_stop_hurried_to_with_what_is_said_of_it_before_its_name():
    # 148_beijing_education_commission_to_wulanchabu: …后，便迅速赶赴与…建立“手拉手”结对帮扶关系的
    # 察右中旗实验小学考察调研; 实地察看了海淀区援建的…第一中学.
    texts = [
        "6月20日,市教委副巡视员张永凯率北京教育工作组一行4人赴内蒙古自治区乌兰察布市考察调研。\n"
        "工作组到达乌兰察布市后,便迅速赶赴与北京房山区城关小村建立“手拉手”结对帮扶关系的察右中旗实验小学考察调研。",
        "6月5日,丰台区委书记王明率丰台区党政代表团赴扎赉特旗考察。\n代表团实地察看了丰台区援建的扎赉特旗第一中学。",
    ]

    assert [[visit.place for visit in extract(text).site_visits] for text in texts] == [
        ["察右中旗实验小学"],
        ["扎赉特旗第一中学"],
    ]


def test_two_verbs_of_a_stop_as_one():
    # 期间，代表团还参观考察了丰台科技园、北京花乡花卉市场 (cf. 109's 调研考察, 131's 参观调研).
    text = (
        "近日,内蒙古兴安盟扎赉特旗党政代表团来我区考察对接东西部协作工作。\n"
        "期间,代表团还参观考察了丰台科技园、北京花乡花卉市场。"
    )

    assert [visit.place for visit in extract(text).site_visits] == ["丰台科技园", "北京花乡花卉市场"]


def test_a_study_trip_its_group_and_the_grassland_it_visits():
    # 研学 is work a group goes to do (其他, as 115 reads 北京孩子's 那达慕); 研学团 is the group the
    # next sentence names; a 草原 is a stop.
    text = (
        "7月15日至20日,北京市第十二中学副校长王明带领30名师生赴扎赉特旗开展京蒙研学交流活动。\n"
        "研学团先后走进音德尔第三中学、图牧吉草原,与当地学生同吃同住、共研共学。"
    )

    result = extract(text)

    assert (result.delegation.name, result.delegation.kind) == ("研学团", DelegationKind.OTHER)
    assert [visit.place for visit in result.site_visits] == ["音德尔第三中学", "图牧吉草原"]


def test_who_attended_a_ceremony_and_spoke_at_it():
    # …副院长王明，…主任李强出席签约仪式并致辞 (cf. 127_beijing_childrens_hospital_signing_hohhot).
    text = (
        "7月15日,北京积水潭医院与兴安盟人民医院对口帮扶签约仪式在兴安盟人民医院举行。"
        "北京积水潭医院副院长王明,兴安盟卫健委主任李强出席签约仪式并致辞。"
    )

    assert [(p.name, p.side) for p in extract(text).participants] == [("王明", V), ("李强", H)]


def test_praise_as_a_remark_and_a_place_with_a_number_in_its_name():
    # 王明充分肯定了…，他指出，… (as 101 reads 欢迎…，他表示，…); 798艺术区 is a place, 2024年 is not.
    praise = (
        "8月3日,朝阳区政协主席王明带领区政协考察团到林西县考察调研。\n"
        "在随后召开的座谈会上,王明充分肯定了林西县京蒙协作工作取得的成效,他指出,要进一步加强两地政协的交流合作。"
    )
    place = (
        "近日,我县党政代表团赴北京市朝阳区考察学习。\n"
        "考察期间,代表团一行先后来到朝阳区望京街道、798艺术区等地,学习先进经验。"
    )

    [meeting] = extract(praise).meetings
    assert [(s.name, s.kind, [p.text for p in s.points]) for s in meeting.speeches] == [
        ("王明", SpeechKind.REMARK, ["充分肯定了林西县京蒙协作工作取得的成效,他指出,要进一步加强两地政协的交流合作"])
    ]
    assert [visit.place for visit in extract(place).site_visits] == ["朝阳区望京街道", "798艺术区"]


def test_the_officials_a_group_called_on():
    # 张华一行来京，拜访了丰台区委书记王明 (cf. 103's 走访对接 of Beijing bureaus).
    text = "5月20日,扎赉特旗委书记张华一行来京,拜访了丰台区委书记王明。"

    assert people(extract(text)) == [
        ("张华", "扎赉特旗委书记", V, LEADER),
        ("王明", "丰台区委书记", H, ParticipantRole.ATTENDING),
    ]


# --- the second set of reports never seen (158–170) ---------------------------------------------


def test_a_banner_that_sends_its_pupils_to_beijing_under_its_own_name():
    # 164_zhalaiteqi_pupils_study_tour_beijing: the banner organises, those it sends are the
    # group; 共赴北京 is a journey to Beijing (北京市, as 来京 names it).
    text = "近日,内蒙古兴安盟扎赉特旗首次组织150名师生共赴北京开启研学之行,让扎赉特旗的青少年亲身体验北京的历史文化。"

    result = extract(text)

    assert result.is_trip is True
    assert (result.delegation.origin.name, [place.name for place in result.delegation.destinations]) == (
        "扎赉特旗",
        ["北京市"],
    )
    assert people(result) == [("", "150名师生", V, MEMBER)]


def test_a_bureau_that_sends_pupils_on_a_study_tour_and_a_dateline_that_only_files_the_report():
    # 165_siziwangqi_pupils_study_tour_huairou: 研学 is what the bureau sent them to do; the
    # origin is the bureau's banner, not the region printed first; 8月8日电 is the day the
    # report was filed, 7月29日至8月4日 the trip's.
    text = (
        "中新网内蒙古新闻8月8日电(记者 张林虎)7月29日至8月4日,内蒙古自治区乌兰察布市四子王旗教育体育局"
        "组织百名师生赴北京市开展为期一周的暑期主题励志研学活动。"
    )

    result = extract(text, published=datetime.date(2024, 8, 8))

    assert result.delegation.origin.name == "四子王旗"
    assert (result.date.start, result.date.end) == (datetime.date(2024, 7, 29), datetime.date(2024, 8, 4))


def test_a_dateline_dates_the_report_when_nothing_else_does_or_the_event_runs_through_it():
    # 115's 中新网兴安盟8月7日电…7日开幕; a report filed while the event goes on is of that day.
    alone = "中新网兴安盟8月7日电 (记者 张玮)2025扎赉特旗农牧民那达慕,7日在扎赉特旗开幕,北京市第五实验学校师生参加。"
    during = "中新网北京9月3日电 (记者 王明)9月1日至5日,兴安盟在北京举办农畜产品展销周,盟长李强率队参加。"
    filed = "本报5月14日讯 (记者 杨帆)5月12日,北京市企业家一行前来内蒙古对接产业合作项目。"

    published = datetime.date(2025, 8, 8)
    assert extract(alone, published=published).date.start == datetime.date(2025, 8, 7)
    assert extract(during, published=datetime.date(2023, 9, 3)).date.start == datetime.date(2023, 9, 3)
    assert extract(filed, published=datetime.date(2018, 5, 15)).date.start == datetime.date(2018, 5, 12)


def test_pupils_quoted_before_their_names_are_speakers_and_a_school_named_again_is_no_new_stop():
    # 164_zhalaiteqi_pupils_study_tour_beijing: “…。”扎赉特旗第六中学学生王圆圆说。 — 学生 is what
    # the report calls them, printed before the name as a post is; 在和义学校，… tells more of a
    # stop already listed.
    text = (
        "近日,内蒙古兴安盟扎赉特旗组织150名师生共赴北京开启研学之行。\n"
        "3月20日,研学团队分别来到北京市第十二中学科丰校区、和义学校开展互动交流活动。"
        "在和义学校,学生们互相讲述京蒙两地风土人情。\n"
        "“我感到很兴奋,特别喜欢。”扎赉特旗第六中学学生王圆圆说。"
        "“我们虽然相隔数千里,但一见如故。”北京市丰台区和义学校学生代妍说。"
    )

    result = extract(text)

    assert [visit.place for visit in result.site_visits] == ["北京市第十二中学科丰校区", "和义学校"]
    assert [(s.name, s.title, s.kind, [p.text for p in s.points]) for s in result.other_speeches] == [
        ("王圆圆", "扎赉特旗第六中学学生", SpeechKind.REMARK, ["我感到很兴奋,特别喜欢"]),
        ("代妍", "北京市丰台区和义学校学生", SpeechKind.REMARK, ["我们虽然相隔数千里,但一见如故"]),
    ]
    assert people(result)[1:] == [
        ("王圆圆", "扎赉特旗第六中学学生", V, MEMBER),
        ("代妍", "北京市丰台区和义学校学生", H, ParticipantRole.ATTENDING),
    ]


def test_praise_after_a_long_post_is_a_remark_and_a_speaker_named_again_in_the_paragraph_goes_on():
    # 163_im_culture_tourism_department_to_beijing_traditional: 北京市文化和旅游局党组书记、局长杨烁
    # 对…的做法高度赞赏和认同，明确表示… (a post and a name of 18 characters before 对); 秦艳对…表示
    # 感谢…。针对…，秦艳表示，… is one point, as 王薇…表示感谢。她表示，… is (100).
    text = (
        "3月21日,内蒙古自治区文化和旅游厅党组书记、厅长秦艳带队赴北京市文化和旅游局对接座谈。\n"
        "在座谈会上,秦艳对北京市文化和旅游局长期以来给予的大力支持表示感谢。针对有关议定事项,秦艳表示,已主动形成评估报告。\n"
        "北京市文化和旅游局党组书记、局长杨烁对内蒙古全力推动“旅游倍增计划”的做法高度赞赏和认同,明确表示将持续深化两地交流合作。"
    )

    [meeting] = extract(text).meetings

    assert [(s.name, s.kind, [p.text for p in s.points]) for s in meeting.speeches] == [
        (
            "秦艳",
            SpeechKind.REMARK,
            ["对北京市文化和旅游局长期以来给予的大力支持表示感谢。针对有关议定事项,秦艳表示,已主动形成评估报告"],
        ),
        (
            "杨烁",
            SpeechKind.REMARK,
            ["对内蒙古全力推动“旅游倍增计划”的做法高度赞赏和认同,明确表示将持续深化两地交流合作"],
        ),
    ]


def test_a_group_named_later_by_the_last_place_of_the_banner_that_sent_it():
    # 164_zhalaiteqi_pupils_study_tour_beijing: 内蒙古兴安盟扎赉特旗…组织…; later 兴安盟扎赉特旗研学团队.
    text = (
        "近日,内蒙古兴安盟扎赉特旗首次组织150名师生共赴北京开启研学之行。\n"
        "3月20日,兴安盟扎赉特旗研学团队分别来到北京市第十二中学科丰校区、和义学校开展互动交流活动。"
    )

    assert extract(text).delegation.name == "兴安盟扎赉特旗研学团队"


def test_a_ceremony_of_two_hospitals_joined_by_a_dash_held_in_one_of_them_and_who_attended_it():
    # 159_shijitan_hospital_plaque_bayannaoer_host: “…北京世纪坛医院-巴彦淖尔市医院对口支援揭牌仪式”在
    # 市医院隆重举行 — the place is the second party's hospital, shortened; the list of who
    # attended counts a group (相关科室7位专家) and ends with the rest of a body's leaders
    # (以及班子其他成员, no one to record); a point loses its final ！.
    text = (
        "2016年8月16日下午,“首都医科大学附属北京世纪坛医院-巴彦淖尔市医院对口支援揭牌仪式”在市医院隆重举行。"
        "首都医科大学附属北京世纪坛医院院长徐建立、医务处处长王勇以及相关科室7位专家,"
        "巴彦淖尔市医院院长武永刚、书记张秉礼以及班子其他成员出席揭牌仪式。\n"
        "市医院院长武永刚在致辞中指出,两院的对口协作意义重大,影响深远。市医院定会倍加珍惜这次良机!"
    )

    result = extract(text)

    assert result.is_trip is True
    assert (result.delegation.origin.name, [place.name for place in result.delegation.destinations]) == (
        "北京市",
        ["巴彦淖尔市"],
    )
    assert people(result) == [
        ("徐建立", "首都医科大学附属北京世纪坛医院院长", V, LEADER),
        ("王勇", "医务处处长", V, MEMBER),
        ("", "相关科室7位专家", V, MEMBER),
        ("武永刚", "巴彦淖尔市医院院长", H, ParticipantRole.ATTENDING),
        ("张秉礼", "书记", H, ParticipantRole.ATTENDING),
    ]
    speech = [s for m in result.meetings for s in m.speeches] + result.other_speeches
    assert [p.text for p in speech[-1].points] == ["两院的对口协作意义重大,影响深远。市医院定会倍加珍惜这次良机"]


def test_stops_before_what_was_done_there_and_a_stop_after_what_is_said_of_it():
    # 165_siziwangqi_pupils_study_tour_huairou: 走进故宫博物院、圆明园进行沉浸式游览，…; …祭拜孔子的孔庙.
    text = (
        "7月29日至8月4日,内蒙古自治区乌兰察布市四子王旗教育体育局组织百名师生赴北京市开展研学活动。\n"
        "之后,研学团走进故宫博物院、圆明园进行沉浸式游览,并深入学习了解古建筑背后的历史文化内涵。\n"
        "随后,研学团还参观了祭拜孔子的孔庙。"
    )

    visits = extract(text).site_visits

    assert [(visit.place, visit.seen) for visit in visits] == [
        ("故宫博物院", "进行沉浸式游览,并深入学习了解古建筑背后的历史文化内涵"),
        ("圆明园", "进行沉浸式游览,并深入学习了解古建筑背后的历史文化内涵"),
        ("孔庙", ""),
    ]


def test_a_banner_hospitals_leaders_come_to_the_writers_hospital_its_county_named_short_in_its_name():
    # 162_ningcheng_mongolian_hospital_to_beijing_hospital_host: 宁城蒙医中医院 is in 宁城县, the one
    # county the table holds under that name; 来我院 is a visit to the writer, whose staff who
    # attend are hosts.
    text = (
        "在我院与宁城蒙医中医院签订对口支援协议一年之际,5月12日,宁城蒙医中医院领导一行3人来我院进行走访座谈,"
        "杜继臣院长、刘宗明副院长及医务部相关人员出席座谈。座谈会上医院双方院领导对一年来取得的成绩表示肯定,"
        "并就加快人才培养等方面进行了探讨。"
    )

    result = extract(text)

    assert result.is_trip is True
    assert (result.delegation.origin.name, result.delegation.kind) == ("宁城县", DelegationKind.VISIT)
    assert result.delegation.destinations == []
    assert people(result) == [
        ("", "宁城蒙医中医院领导", V, MEMBER),
        ("杜继臣", "院长", H, ParticipantRole.ATTENDING),
        ("刘宗明", "副院长", H, ParticipantRole.ATTENDING),
        ("", "医务部相关人员", H, ParticipantRole.ATTENDING),
    ]


def test_talks_first_told_by_the_verb_take_the_noun_the_report_names_them_with():
    # 163_im_culture_tourism_department_to_beijing_traditional: …对接座谈。在座谈会上，…
    text = (
        "3月21日,内蒙古自治区文化和旅游厅厅长秦艳带队赴北京市文化和旅游局对接座谈。\n"
        "在座谈会上,秦艳对北京市文化和旅游局长期以来给予的大力支持表示感谢。"
    )

    assert [meeting.title for meeting in extract(text).meetings] == ["座谈会"]


def test_a_place_name_without_its_level_counts_only_at_the_start_of_a_bodys_name():
    # 大兴, 朝阳 are words too: only a body's name may open with a county's short name.
    regions = REGIONS.regions

    assert regions.short_form_at("宁城蒙医中医院", 0)[1].name == "宁城县"
    assert regions.short_form_at("宁城县医院", 0) is None  # the full name is printed


def test_a_teachers_team_counted_in_chinese_numerals_under_its_principal():
    # 160_shijingshan_school_teachers_to_ningcheng: 教师团队一行九人在林乐光校长带领下，赴…: a team of
    # teachers is a group (其他: they go to teach, not to inspect), 九人 a count as 9人 is.
    text = "2019年5月7日,教师团队一行九人在林乐光校长带领下,赴内蒙古宁城县进行教育教学交流活动。"

    result = extract(text)

    assert (result.delegation.name, result.delegation.kind) == ("教师团队", DelegationKind.OTHER)
    assert [(leader.name, leader.title) for leader in result.delegation.leaders] == [("林乐光", "校长")]


def test_entrepreneurs_of_a_place_who_came_told_in_the_chairs_welcome():
    # 161_beijing_entrepreneurs_matchmaking_in_hohhot: 张韶春对北京市企业家一行前来内蒙古对接…表示
    # …欢迎: the visitors, of Beijing, no one named; 前来 is a journey as 来到 is.
    text = (
        "本报5月14日讯 (记者 杨帆)5月14日上午,京蒙产业扶贫合作项目对接座谈会在呼和浩特市举行。\n"
        "自治区副主席张韶春主持会议并讲话。\n"
        "首先,张韶春对北京市企业家一行前来内蒙古对接京蒙产业扶贫合作项目表示热烈欢迎和衷心感谢。"
    )

    result = extract(text, published=datetime.date(2018, 5, 15))

    assert result.is_trip is True
    assert (result.delegation.name, result.delegation.origin.name, result.delegation.leaders) == ("", "北京市", [])
    assert [(m.title, m.chair) for m in result.meetings] == [("京蒙产业扶贫合作项目对接座谈会", "张韶春")]


def test_a_ceremony_named_in_quotation_marks_is_the_meeting_and_the_trip_to_it_no_inspection():
    # 159_shijitan_hospital_plaque_bayannaoer_host: “…揭牌仪式”在市医院隆重举行 — the meeting by its
    # name inside the marks, where it was held; a ceremony other than a signing (其他).
    text = (
        "2016年8月16日下午,“首都医科大学附属北京世纪坛医院-巴彦淖尔市医院对口支援揭牌仪式”在市医院隆重举行。"
        "巴彦淖尔市卫计委副主任徐正挺主持仪式。"
    )

    result = extract(text)

    assert result.delegation.kind == DelegationKind.OTHER
    assert [(m.title, m.place, m.chair) for m in result.meetings] == [
        ("首都医科大学附属北京世纪坛医院-巴彦淖尔市医院对口支援揭牌仪式", "市医院", "徐正挺")
    ]


def test_a_trip_to_match_projects_is_an_inspection_whatever_meeting_the_headline_names():
    # 161_beijing_entrepreneurs_matchmaking_in_hohhot: the headline names a 座谈会; the visitors
    # came 对接…项目, which the corpus reads as 考察.
    text = (
        "京蒙产业扶贫合作项目对接座谈会在呼和浩特举行\n"
        "首先,张韶春对北京市企业家一行前来内蒙古对接京蒙产业扶贫合作项目表示热烈欢迎。"
    )

    assert extract(text).delegation.kind == DelegationKind.INSPECTION


def test_the_reporters_comment_after_a_quotation_is_not_the_speakers():
    # 167_cppcc_support_year_review_feature: 孙绍骋强调，“…。”这为政协助力指明了前进方向。
    text = "自治区党委书记孙绍骋强调,“要用好京蒙协作平台,深化与北京的全方位合作。”这为政协助力指明了前进方向。"

    [speech] = extract(text).other_speeches

    assert [point.text for point in speech.points] == ["要用好京蒙协作平台,深化与北京的全方位合作"]


def test_officials_who_accompany_an_inspection_are_listed_as_accompanying_even_in_no_trip():
    # 166_im_inspection_team_at_beijing_hospital_branch_news: …市卫健委副主任魏波、副主任樊寅熙陪同检查 —
    # an inspection is something one accompanies; in a text of no trip they have no side.
    text = (
        "11月7日下午,自治区督导检查组一行7人对北京中医医院内蒙古医院进行督导调研。"
        "市卫健委副主任魏波、副主任樊寅熙陪同检查。"
    )

    result = extract(text)

    assert result.is_trip is False
    assert people(result) == [
        ("魏波", "市卫健委副主任", None, ParticipantRole.ACCOMPANYING),
        ("樊寅熙", "副主任", None, ParticipantRole.ACCOMPANYING),
    ]


def test_a_lead_that_says_only_recently_is_dated_by_the_day_the_next_sentences_give():
    # 164_zhalaiteqi_pupils_study_tour_beijing: 近日，…共赴北京…。3月20日，研学团队分别来到….
    text = (
        "近日,内蒙古兴安盟扎赉特旗首次组织150名师生共赴北京开启研学之行。\n"
        "3月20日,兴安盟扎赉特旗研学团队分别来到北京市第十二中学科丰校区、和义学校开展互动交流活动。"
    )

    date = extract(text, published=datetime.date(2025, 3, 22)).date

    assert (date.start, date.precision, date.inferred) == (datetime.date(2025, 3, 20), DatePrecision.DAY, True)


def test_a_review_of_a_period_told_in_sections_is_no_trip_though_one_section_tells_a_visit():
    # 167_cppcc_support_year_review_feature: 2023年以来，…; a heading; 2月13日，…带队赴京….
    # Events held in several provinces (先后在重庆、北京举办…推介会) are no visit to one side.
    text = (
        "落实京蒙协作“农畜产品销售倍增计划”,内蒙古自治区乡村振兴局和北京市支援合作办先后在重庆、北京举办“绿品出塞”"
        "消费帮扶集采推介会;\n"
        "2023年以来,京蒙两地党委、政府认真贯彻落实党中央关于开展东西部协作的重大决策部署。\n"
        "党政重视 政协联动\n"
        "2月13日,内蒙古自治区政协党组书记、主席张延昆带队赴京,与北京市政协共同召开“京蒙协作 政协助力”座谈会。"
    )

    assert extract(text).is_trip is False


def test_a_visit_under_a_heading_is_still_the_lead_when_the_opening_tells_an_event():
    # 133_changping_education_commission_two_banners: 近日，…开展教育工作对接; a heading; 8月29日，…带领….
    text = (
        "近日,北京市昌平区与内蒙古自治区锡林郭勒盟太仆寺旗开展教育工作对接。\n"
        "到太仆寺旗调研送教\n"
        "8月29日,北京市昌平区教委副主任苏俊山带领区教委3名干部到内蒙古自治区锡林郭勒盟太仆寺旗开展调研。"
    )

    assert extract(text).is_trip is True


def test_a_visit_told_only_to_the_province_goes_where_the_reports_meeting_was_held():
    # 161_beijing_entrepreneurs_matchmaking_in_hohhot: …座谈会在呼和浩特市举行。…前来内蒙古对接….
    text = (
        "京蒙产业扶贫合作项目对接座谈会在呼和浩特举行\n"
        "5月14日上午,京蒙产业扶贫合作项目对接座谈会在呼和浩特市举行。\n"
        "首先,张韶春对北京市企业家一行前来内蒙古对接京蒙产业扶贫合作项目表示热烈欢迎。"
    )

    result = extract(text)

    assert [(place.name, place.parents) for place in result.delegation.destinations] == [("呼和浩特市", [])]
    assert "目的地：报道只写内蒙古，按会议举行地定为呼和浩特市" in result.warnings


def test_a_hospitals_campus_is_filed_under_its_district_and_its_staff_are_still_hosts():
    # 146_naiman_mongolian_hospital_to_dongzhimen_host: 赴东直门医院通州院区 → 通州区, the short name
    # issue 14 lists; the hospital's 副院长 is a host all the same.
    text = (
        "2023年8月17日下午,内蒙古通辽市奈曼旗蒙医医院党支部书记、院长包桂荣和副院长乌力吉赴东直门医院通州院区进行交流考察,"
        "东直门医院副院长张耀圣参加交流。"
    )

    result = extract(text)

    assert [place.name for place in result.delegation.destinations] == ["通州区"]
    assert ("张耀圣", "东直门医院副院长", H, ParticipantRole.ATTENDING) in people(result)


def test_a_street_office_that_went_its_district_named_short_in_the_headline():
    # 137_chaoyang_liulitun_street_to_fuxing_township: 朝阳六里屯街道赴内蒙古卓资县复兴乡…: the
    # street office is in 朝阳区, named short at the start of the body's name.
    text = (
        "朝阳六里屯街道赴内蒙古卓资县复兴乡开展结对帮扶\n"
        "11月2日,工委书记谭国忠,工委副书记张洪源一行来到内蒙古卓资县复兴乡开展结对帮扶工作。"
    )

    result = extract(text)

    assert result.delegation.origin.name == "朝阳区"
    assert "出发地：按单位名中的“朝阳”推断为朝阳区" in result.warnings



def test_a_post_with_what_is_said_of_the_person_before_it():
    # 149_chest_hospital_experts_chayouzhongqi: 参与义诊的专家黄少君 — the post is 专家.
    assert [(p.name, p.title) for p in parse_people("参与义诊的专家黄少君", REGIONS)] == [("黄少君", "专家")]


def test_a_teams_members_told_one_after_another_in_the_narration_of_its_work():
    # 150_daxing_hospital_experts_sunite_youqi: 王海英院长与患者倾心交流…；郭勇副院长面对…；谢秀娟主任…:
    # members named only in the narration, the item issue 14 lists, beside the leader.
    text = (
        "2018年7月18日凌晨,我院王海英院长带领的专家组一行4人踏上塞外小城—赛汉塔拉的土地。\n"
        "王海英院长与患者倾心交流,仔细询问病情;郭勇副院长面对众多的骨伤科患者悉心诊查;"
        "谢秀娟主任耐心细致,给患者以信心和安慰。"
    )
    alone = "2018年7月18日凌晨,我院王海英院长带领的专家组一行4人踏上塞外小城。\n当地医院李明主任介绍了情况。"

    assert people(extract(text))[1:] == [("郭勇", "副院长", V, MEMBER), ("谢秀娟", "主任", V, MEMBER)]
    # One named so alone, with no leader beside them, is told nothing of: not taken as a member.
    assert not any(person[0] == "李明" and person[2] == V for person in people(extract(alone)))


def test_what_was_looked_into_goes_on_in_a_list_of_matters_sharing_its_verb():
    # 151_miyun_head_to_balinyouqi_host: 了解大数据中心运转情况，京蒙对口帮扶…工作开展情况，了解…，
    # 带动…等多方面情况并提出了…: the matters listed after 了解 are what was seen; the advice is not.
    text = (
        "9月13日,北京市密云区委副书记、区长潘临珠一行深入到巴林右旗调研对接京蒙对口帮扶工作。\n"
        "潘临珠一行先后深入到巴林右旗精准扶贫大数据中心、巴林红食品有限公司实地考察调研,了解大数据中心运转情况,"
        "京蒙对口帮扶和精准扶贫工作开展情况,了解合作社企业运转、生产、经营、销售,带动周边农牧民贫困户增收等多方面情况"
        "并提出了指导性意见和建议。"
    )

    seen = {visit.seen for visit in extract(text).site_visits}

    assert seen == {
        "了解大数据中心运转情况,京蒙对口帮扶和精准扶贫工作开展情况,了解合作社企业运转、生产、经营、销售,"
        "带动周边农牧民贫困户增收等多方面情况"
    }


# --- the third set of reports never seen (171–183): patterns, in sentences of their own ---------


def test_how_many_times_a_group_has_come_is_no_part_of_its_journey():
    # As 176_tongzhou_red_cross_to_naiman (…工作队第六次来到…): 第N次 between the group and its
    # verb, with a group noun or with a leader and 一行.
    team = extract("9月2日,海淀区教育帮扶工作队第三次来到敖汉旗,看望在当地支教的教师。")
    head = extract("6月5日,区卫健委主任张伟一行第2次赴科右前旗对接医疗帮扶工作。")

    assert team.is_trip is True and head.is_trip is True
    assert team.delegation.name == "海淀区教育帮扶工作队"
    assert [place.name for place in team.delegation.destinations] == ["敖汉旗"]
    assert [(person.name, person.title) for person in head.delegation.leaders] == [("张伟", "区卫健委主任")]
    assert [place.name for place in head.delegation.destinations] == ["科右前旗"]


def test_a_head_count_told_with_who_the_people_are_before_the_journey():
    # As 172_manzhouli_school_to_beijing_no5_branch_host (赵凤华校长等一行15位…教育同仁来到东城区):
    # 一行N位/名 and what they are, then the verb.
    text = "10月12日,李华院长、王强副院长等一行6名宁城县医院专家来到西城区,与展览路医院座谈交流。"

    result = extract(text)

    assert result.is_trip is True
    assert [(person.name, person.title) for person in result.delegation.leaders] == [("李华", "院长")]
    assert [place.name for place in result.delegation.destinations] == ["西城区"]


def test_a_meeting_called_a_zuotanhuiyi_keeps_its_whole_name_and_is_the_one_chaired():
    # As 171_fangshan_npc_research_group_to_tuquan_host (召开了…座谈会议。…主持座谈会): the name is
    # printed whole, and the same meeting named short is the one the chair opens.
    text = "8月3日,海淀区党政代表团赴敖汉旗考察。当天下午,召开了海淀区、敖汉旗东西部协作座谈会议。旗长李强主持座谈会。"

    meetings = extract(text).meetings

    assert [(meeting.title, meeting.kind, meeting.chair) for meeting in meetings] == [
        ("海淀区、敖汉旗东西部协作座谈会议", MeetingKind.SYMPOSIUM, "李强")
    ]


def test_the_chair_speaking_in_the_same_sentence_is_a_speech_of_theirs():
    # As 171_fangshan_npc_research_group_to_tuquan_host (…主持座谈会,并在讲话中指出,…): the chair,
    # then their words, with no name again; 主持会议并讲话 alone has no words and adds none.
    opening = "8月3日,海淀区党政代表团赴敖汉旗考察。当天下午召开座谈会。"

    def speeches(sentence):
        meeting = extract(opening + sentence).meetings[0]
        return [(speech.name, speech.kind, [point.text for point in speech.points]) for speech in meeting.speeches]

    chaired = ("李强", SpeechKind.CHAIRING, [])
    assert speeches("旗长李强主持座谈会,并在讲话中指出,要深化协作。") == [
        chaired,
        ("李强", SpeechKind.SPEECH, ["要深化协作"]),
    ]
    assert speeches("旗长李强主持座谈会并强调,要深化协作。") == [chaired, ("李强", SpeechKind.EMPHASIS, ["要深化协作"])]
    assert speeches("旗长李强主持座谈会,双方围绕产业协作进行了交流。") == [chaired]
    assert speeches("旗长李强主持座谈会并讲话。") == [chaired]


def test_and_other_leaders_after_the_last_name_is_no_part_of_their_post():
    # As 176_tongzhou_red_cross_to_naiman (…常务副会长兼秘书长赵勇等领导出席…): 等领导 closes a list
    # of people with their posts; a label with its level before the names (等旗领导) stays theirs.
    listed = parse_people("卫健委主任王芳,县医院院长李军等领导", REGIONS)
    labelled = parse_people("张华、李强等旗领导", REGIONS)

    assert [(person.name, person.title) for person in listed] == [("王芳", "卫健委主任"), ("李军", "县医院院长")]
    assert [(person.name, person.title) for person in labelled] == [("张华", "旗领导"), ("李强", "旗领导")]


def test_names_then_their_label_then_an_unnamed_group_after_it():
    # As 171_fangshan_npc_research_group_to_tuquan_host (耿天良、…、李德良等县领导及各乡镇、相关部门负责人):
    # the label after 等 is each name's; the group after 及 is a group of its own, unnamed.
    listed = parse_people("王丽、赵刚、巴特尔等镇领导及各村、相关部门负责人", REGIONS)
    named_after = parse_people("王丽、赵刚等镇领导及各村书记李明", REGIONS)

    assert [(person.name, person.title) for person in listed] == [
        ("王丽", "镇领导"),
        ("赵刚", "镇领导"),
        ("巴特尔", "镇领导"),
        ("", "各村、相关部门负责人"),
    ]
    # Someone named after 及 is no unnamed group: the list is not read this way.
    assert named_after is None or ("", "各村书记李明") not in [(person.name, person.title) for person in named_after]


def test_an_event_held_in_a_place_of_one_side_with_its_two_parties_in_the_next_clause():
    # As 175_gulou_tcm_hospital_signing_haibowan (一场意义非凡的合作签约仪式在内蒙古自治区乌海市海勃湾区
    # 中医医院盛大举行,北京市鼓楼中医医院与乌海市海勃湾区中医医院正式携手): the event and where, then the
    # parties; 一场…的 says what the event was like, not its name; …等领导悉数出席, is a list.
    text = (
        "4月8日,一场别开生面的合作签约仪式在内蒙古自治区兴安盟科右前旗人民医院隆重举行,"
        "北京市东城区第一人民医院与科右前旗人民医院正式携手。"
        "兴安盟卫健委副主任王芳,科右前旗人民医院院长李军等领导悉数出席,共同见证这一时刻。"
    )

    result = extract(text)

    assert result.is_trip is True
    assert result.delegation.kind == DelegationKind.SIGNING
    # A district hospital comes from its district, as the corpus writes 北京市西城区展览路医院's origin.
    assert result.delegation.origin.name == "东城区"
    assert [(place.name, place.parents) for place in result.delegation.destinations] == [
        ("科右前旗", ["内蒙古自治区", "兴安盟"])
    ]
    assert [(meeting.title, meeting.kind, meeting.place) for meeting in result.meetings] == [
        ("合作签约仪式", MeetingKind.SIGNING, "内蒙古自治区兴安盟科右前旗人民医院")
    ]
    attending = ParticipantRole.ATTENDING
    assert people(result) == [
        ("王芳", "兴安盟卫健委副主任", H, attending),
        ("李军", "科右前旗人民医院院长", H, attending),
    ]


def test_a_place_that_sends_a_count_of_people_to_both_places_named_before():
    # As 174_fangshan_teachers_to_tuquan_chayouzhongqi (…房山区与内蒙古突泉县和察右中旗…,年房山区共选派了
    # 14名教师赴内蒙古两地支教): 共选派了 is 选派; 内蒙古两地 are the two places of that side named
    # before; the words before the sending place are no part of it.
    text = "为加强海淀区与内蒙古敖汉旗和科右前旗医疗领域人才交流,今年海淀区共选派了20名医生赴内蒙古两地开展义诊。"

    result = extract(text)

    assert result.is_trip is True
    assert (result.delegation.kind, result.delegation.origin.name) == (DelegationKind.OTHER, "海淀区")
    assert [place.name for place in result.delegation.destinations] == ["敖汉旗", "科右前旗"]
    assert people(result) == [("", "20名医生", V, MEMBER)]


def speeches_of(result):
    return [
        (speech.name, speech.title, speech.kind, [point.text for point in speech.points])
        for speech in [*[s for meeting in result.meetings for s in meeting.speeches], *result.other_speeches]
    ]


def test_a_briefing_told_to_someone_and_what_was_told_of():
    # As 177_keyouqianqi_school_teachers_to_beijing (…热情地为大家讲述北京理工附属中学的校史, 向一中教师们
    # 介绍…): whom they told sits between the speaker and the verb; 讲述 and 讲解 are briefings.
    opening = "8月3日,海淀区党政代表团赴敖汉旗考察。"

    told = extract(opening + "旗委书记王明向代表团介绍了全旗经济社会发展情况。")
    history = extract(opening + "旗委书记王明热情地为大家讲述了敖汉旗的历史。")
    welcome = extract(opening + "旗委书记王明向代表团一行表示欢迎。")

    assert speeches_of(told) == [("王明", "旗委书记", SpeechKind.BRIEFING, ["全旗经济社会发展情况"])]
    assert speeches_of(history) == [("王明", "旗委书记", SpeechKind.BRIEFING, ["敖汉旗的历史"])]
    # A remark to someone keeps its point from 向, as the corpus reads 向…表示欢迎.
    assert speeches_of(welcome) == [("王明", "旗委书记", SpeechKind.REMARK, ["向代表团一行表示欢迎"])]


def test_a_welcome_speech_told_as_a_noun_before_the_narration_goes_on():
    # As 177 (崔红艳副校长致欢迎辞,随后由晓静老师带领大家参观校园) and 176 (王东同志致欢迎辞): a speech,
    # and the clause after it is what happened next, not its words.
    opening = "8月3日,海淀区党政代表团赴敖汉旗考察。"

    result = extract(opening + "副旗长张丽致欢迎辞,随后由王芳陪同大家参观产业园。")

    assert speeches_of(result) == [("张丽", "副旗长", SpeechKind.SPEECH, [])]


def test_a_lecture_is_a_briefing_of_what_it_told_of():
    # As 160_shijingshan_school_teachers_to_ningcheng (…为罕中高二1000多名学生做了一堂“…”讲座,介绍了…),
    # the item the README listed as still missed.
    text = (
        "8月3日,海淀区教师团队一行赴敖汉旗开展送教活动。"
        "海淀区教师李红为当地学生做了一堂“地理与生活”讲座,介绍了学习地理的方法。"
    )

    assert speeches_of(extract(text)) == [("李红", "海淀区教师", SpeechKind.BRIEFING, ["学习地理的方法"])]


def test_a_hospitals_head_leads_and_its_party_secretary_goes_with_them():
    # As 159_shijitan_hospital_plaque_bayannaoer_host (…医院院长徐建立、书记李天佐、副院长…), the item the
    # README listed as still missed: a district's 区委书记 and 区长 both lead, a hospital's 院长 alone.
    def leaders(text):
        return [(person.name, person.title) for person in extract(text).delegation.leaders]

    assert leaders(
        "“北京朝阳医院-兴安盟人民医院对口帮扶揭牌仪式”在兴安盟人民医院隆重举行。"
        "北京朝阳医院院长张明、书记李华、副院长王强出席揭牌仪式。"
    ) == [("张明", "北京朝阳医院院长")]
    assert leaders("5月6日,北京朝阳医院院长张明,党委书记李华,副院长王强一行来到兴安盟人民医院开展对口帮扶工作。") == [
        ("张明", "北京朝阳医院院长")
    ]
    assert leaders("5月6日,海淀区委书记张明,区委副书记、区长李华一行来到敖汉旗考察。") == [
        ("张明", "海淀区委书记"),
        ("李华", "区委副书记、区长"),
    ]


def test_a_study_tours_stops_told_as_pupils_do_things_in_places():
    # As 165_siziwangqi_pupils_study_tour_huairou (…被誉为…的国子监和祭拜孔子的孔庙; 在中国现代最高学府--
    # 清华大学的校园、北京101中学,学子们…; 此外,学子们在生存岛参加了…活动), the stops the README listed as
    # still missed: two places each after what is said of it, several after 在 with a campus and
    # an epithet, and pupils as the subject of an activity at a place.
    text = (
        "7月10日,敖汉旗研学团抵达北京市海淀区。研学团走进了见证历史的卢沟桥和被誉为皇家祭坛的天坛公园,"
        "了解到中华文明的悠久历史。随后,在著名学府--北京大学的校园、首都师范大学附属中学,学子们近距离感受首都教育环境。"
        "此外,学子们在中国科技馆参加了科普实践活动,体验了动手制作的乐趣。"
    )

    assert [(visit.place, visit.seen) for visit in extract(text).site_visits] == [
        ("卢沟桥", "了解到中华文明的悠久历史"),
        ("天坛公园", "了解到中华文明的悠久历史"),
        ("北京大学", "近距离感受首都教育环境"),
        ("首都师范大学附属中学", "近距离感受首都教育环境"),
        ("中国科技馆", "参加了科普实践活动,体验了动手制作的乐趣"),
    ]


def test_a_count_of_bodies_whose_heads_attended():
    # As 180_im_central_enterprises_symposium_beijing_news (共有30多家中央企业主要负责人参加座谈会): a group
    # counted by its bodies, with 共有 before the count.
    assert [(person.name, person.title) for person in parse_people("共有20余家企业负责人", REGIONS)] == [
        ("", "20余家企业负责人")
    ]
    assert [(person.name, person.title) for person in parse_people("旗长王明,5家合作社负责人", REGIONS)] == [
        ("王明", "旗长"),
        ("", "5家合作社负责人"),
    ]


def test_a_cadre_serving_in_a_post_of_the_other_side_stands_with_it():
    # As 176_tongzhou_red_cross_to_naiman (通州区挂职奈曼旗旗委常委、旗政府副旗长郭玉明): 挂职 in a host's
    # post, whatever district the cadre comes from.
    text = (
        "9月3日,海淀区委书记张华率海淀区党政代表团赴敖汉旗考察。"
        "敖汉旗委书记王明,海淀区挂职敖汉旗副旗长李强陪同考察。"
    )

    assert people(extract(text))[1:] == [
        ("王明", "敖汉旗委书记", H, ParticipantRole.ACCOMPANYING),
        ("李强", "海淀区挂职敖汉旗副旗长", H, ParticipantRole.ACCOMPANYING),
    ]


def test_the_lead_told_inside_the_words_of_someone_already_speaking():
    # As 161_beijing_entrepreneurs_matchmaking_in_hohhot (…张韶春主持会议并讲话。首先,张韶春对北京市企业家一行
    # 前来内蒙古对接…表示热烈欢迎…。他说,…): the sentence that tells the visit is the chair's remark.
    text = (
        "6月2日上午,京蒙消费帮扶对接会在呼和浩特市举行。自治区副主席王明主持会议并讲话。"
        "首先,王明对北京市企业家一行前来内蒙古对接产业合作项目表示热烈欢迎。他说,两地合作前景广阔。"
    )

    result = extract(text)

    assert result.is_trip is True
    welcome = "对北京市企业家一行前来内蒙古对接产业合作项目表示热烈欢迎。他说,两地合作前景广阔"
    assert speeches_of(result) == [
        ("王明", "自治区副主席", SpeechKind.CHAIRING, []),
        ("王明", "自治区副主席", SpeechKind.REMARK, [welcome]),
    ]


def test_fields_named_in_the_words_reports_use_for_them():
    # As 183 (京蒙消费扶贫专场), 171 (农产品销售, “万企帮万村”行动), 175 (学习进修) and 181 (培训或进修学习):
    # the older name of 消费帮扶, a companies' campaign of 社会帮扶, training on the other side; a
    # school named 教师进修学校 is no training of anyone.
    def topics(sentence):
        return sorted(topic.name for topic in extract(sentence).topics)

    assert topics("北京农展馆开启了京蒙消费扶贫专场。") == ["消费帮扶"]
    assert topics("企业在农产品销售等方面提供支持。") == ["消费帮扶"]
    assert topics("通过“万企帮万村”行动,企业提供支持。") == ["社会帮扶"]
    assert topics("双方将在学习进修、远程会诊等领域合作。") == ["人才交流"]
    assert topics("代表团参观了区教师进修学校。") == ["教育"]


def test_a_body_that_brings_its_people_to_meet_the_other_side_where_the_headline_holds_the_meeting():
    # As 173_im_tourism_commission_symposium_in_beijing (…旅游发展委员会组织全区重点盟市、旗县与北京市旅游发展
    # 委员会…对接,并召开…座谈会 under 座谈会在北京市召开): a visit to Beijing, though no verb of journey
    # is printed; without the headline's place it tells nothing of who travelled.
    body = "8月2日,内蒙古自治区教育厅组织部分盟市教育局与北京市教育委员会、区教委对接,并召开教育协作座谈会。\n"

    result = extract("京蒙教育协作座谈会在北京市召开\n\n" + body)

    assert result.is_trip is True
    assert (result.delegation.kind, result.delegation.origin.name) == (DelegationKind.VISIT, "内蒙古自治区")
    assert [place.name for place in result.delegation.destinations] == ["北京市"]
    assert extract(body).is_trip is False


def test_a_meeting_the_body_names_with_no_place_is_held_where_the_headline_says():
    # As 173 (headline 京蒙旅游扶贫协作座谈会在北京市召开, body …召开旅游扶贫协作座谈会): the same noun;
    # a headline's ceremony says nothing of where a 座谈会 was held.
    body = "8月2日,内蒙古自治区教育厅组织部分盟市教育局与北京市教育委员会、区教委对接,并召开教育协作座谈会。\n"

    held = extract("京蒙教育协作座谈会在北京市召开\n\n" + body).meetings
    other = extract("京蒙教育协作签约仪式在北京市举行\n\n" + body).meetings

    assert [(meeting.title, meeting.place) for meeting in held] == [("教育协作座谈会", "北京市")]
    assert [meeting.place for meeting in other if meeting.title == "教育协作座谈会"] in ([], [""])


def test_the_visitors_body_printed_short_after_the_hosts_posts():
    # As 175_gulou_tcm_hospital_signing_haibowan (北京市鼓楼中医医院 came; …海勃湾区中医医院书记武玉平,院长侯玥,
    # 鼓楼中医院副院长闫志刚、医务部主任孙波等领导悉数参加): the visiting hospital by its own name, short,
    # and the next in its list; its head leads alone, its department head goes with them.
    text = (
        "4月8日,一场合作签约仪式在内蒙古自治区兴安盟科右前旗人民医院隆重举行,北京市护国寺中医医院与科右前旗人民医院正式携手。"
        "兴安盟卫健委副主任王芳,科右前旗人民医院院长李军,护国寺中医院副院长张明、医务处处长赵亮等领导悉数出席,"
        "共同见证这一时刻。"
    )

    result = extract(text)

    assert people(result) == [
        ("王芳", "兴安盟卫健委副主任", H, ParticipantRole.ATTENDING),
        ("李军", "科右前旗人民医院院长", H, ParticipantRole.ATTENDING),
        ("张明", "护国寺中医院副院长", V, LEADER),
        ("赵亮", "医务处处长", V, MEMBER),
    ]


def test_a_meeting_taken_part_in_named_by_its_noun_alone():
    # As 174 (…房山区支教教师抵达突泉县参加座谈会) and 173 (…召开旅游扶贫协作座谈会。…出席了座谈会): 参加座谈会 is a
    # meeting of its own when none is open, and the one meeting of that kind when one was named.
    alone = extract("9月3日,海淀区教师团队一行赴敖汉旗开展送教活动。教师们抵达敖汉旗后参加座谈会,交流了教学经验。")
    named = extract("9月3日,海淀区党政代表团赴敖汉旗考察,并召开京蒙协作座谈会。旗委书记王明,旗长李强出席了座谈会。")

    assert [(meeting.title, meeting.kind) for meeting in alone.meetings] == [("座谈会", MeetingKind.SYMPOSIUM)]
    assert [(meeting.title, meeting.kind) for meeting in named.meetings] == [("京蒙协作座谈会", MeetingKind.SYMPOSIUM)]


def test_a_group_of_both_sides_has_no_side():
    # As 172 (…以及两校部分行政干部出席了此次仪式): people of both schools (two places, both sides)
    # as one group, neither the visitors nor the hosts.
    text = (
        "9月3日,敖汉旗教育局局长王明一行来到海淀区,参加海淀区与敖汉旗教育协作签约仪式。"
        "海淀区教委主任李强,两地部分学校负责人出席仪式。"
    )

    assert people(extract(text))[1:] == [
        ("李强", "海淀区教委主任", H, ParticipantRole.ATTENDING),
        ("", "两地部分学校负责人", None, ParticipantRole.ATTENDING),
    ]


def test_a_meeting_in_the_clause_the_report_counts_from_is_an_earlier_event():
    # As 172 (自今年9月17日,赵凤华校长来到五中分校参加课程推进会后,两校就结下了不解之缘): 自…后, the time
    # from which the report counts, tells of something before the visit.
    text = (
        "自去年5月,李华校长来到海淀实验中学参加教学工作推进会后,两校就建立了联系。"
        "10月12日,李华校长等一行8名宁城县教师来到海淀区,与海淀实验中学举行签约仪式。"
    )

    assert [meeting.title for meeting in extract(text).meetings] == ["签约仪式"]


def test_a_summing_up_of_what_was_done_is_a_speech():
    # As 173 (北京市旅发委主任宋宇,内蒙古旅发委主任郑宜平对前一阶段…情况进行了总结,并…提出了具体意见和建议): 对…
    # 进行了总结, the point from 对; 对…进行了介绍 is still read by what it told of.
    text = (
        "8月3日,海淀区党政代表团赴敖汉旗考察,并召开京蒙协作座谈会。"
        "区长王明对前一阶段协作情况进行了总结,并对下一步工作提出了意见。"
    )

    assert speeches_of(extract(text)) == [
        ("王明", "区长", SpeechKind.SPEECH, ["对前一阶段协作情况进行了总结,并对下一步工作提出了意见"])
    ]


def test_the_headline_printed_again_inside_the_body_opens_no_section():
    # As 173 (头条|京蒙旅游扶贫协作座谈会在北京市召开, repeated as the captions of its images): the meeting
    # and its speakers go on across it, and it is no meeting of its own.
    headline = "京蒙教育协作座谈会在北京市召开\n\n"
    text = (
        headline
        + "8月2日,内蒙古自治区教育厅组织部分盟市教育局与北京市教育委员会、区教委对接,并召开教育协作座谈会。\n\n"
        + headline
        + "北京市教委主任王明表示,两地将深化教育合作。\n"
    )

    result = extract(text)

    assert [(meeting.title, meeting.place) for meeting in result.meetings] == [("教育协作座谈会", "北京市")]
    assert speeches_of(result) == [("王明", "北京市教委主任", SpeechKind.REMARK, ["两地将深化教育合作"])]
    assert result.other_speeches == []


def test_the_year_in_the_name_of_the_event_held_dates_it():
    # As 182_wengniute_tourism_promotion_tongzhou_news (…“龙凤故里·心灵之旅”2022年内蒙古翁牛特旗文化旅游推介会
    # 在通州区举办): the event held is of that year; a year in the name of an earlier meeting whose
    # spirit is carried out (落实2023年…大会精神) dates nothing.
    held = extract("由敖汉旗人民政府主办的“草原之约”2023年内蒙古敖汉旗文化旅游推介会在海淀区举办。")
    carried = extract("近日,区委书记王明率代表团赴敖汉旗考察,深入落实2023年北京市·内蒙古自治区东西部协作工作大会精神。")

    assert (held.date.start, held.date.precision) == (datetime.date(2023, 1, 1), DatePrecision.YEAR)
    assert held.date.inferred is False
    assert carried.date.start is None


def test_a_visit_told_by_a_part_of_a_month_is_dated_by_the_day_its_event_opens_with():
    # As 172 (11月28日上午,…签字仪式在学校会议室举行。…11月底,赵凤华校长等一行…来到东城区): the day of the
    # visit's event, printed in the same month; with none, the month stays.
    visit = "11月底,李华校长等一行15位宁城县教育同仁来到海淀区,与海淀实验中学进行交流。"
    event = "11月28日上午,海淀实验中学与宁城县第一中学缔结友好校,签字仪式在学校会议室举行。"
    published = datetime.date(2013, 12, 4)

    dated = extract(event + visit, published=published).date
    alone = extract(visit, published=published).date

    assert (dated.start, dated.precision, dated.inferred) == (datetime.date(2013, 11, 28), DatePrecision.DAY, True)
    assert (alone.start, alone.precision) == (datetime.date(2013, 11, 1), DatePrecision.MONTH)


# --- the fourth set of reports never seen (184–195): patterns, in sentences of their own --------


def test_a_visit_between_two_places_of_inner_mongolia_is_no_trip_of_this_site():
    # As 195_arxan_delegation_to_wushen_inside_region_news (…市党政考察团一行来我旗考察): 旗 is a
    # level only Inner Mongolia has, so 我旗 is there; a group from the same side makes no visit
    # between Beijing and Inner Mongolia. A group from Beijing to 我旗 still does.
    inside = extract("7月3日,通辽市奈曼旗党政考察团一行来我旗考察。考察团先后深入库伦旗工业园区、旗医院进行考察。")
    across = extract("7月3日,北京市密云区党政考察团一行来我旗考察。考察团先后深入库伦旗工业园区、旗医院进行考察。")

    assert inside.is_trip is False
    assert inside.delegation is None
    assert across.is_trip is True
    assert across.delegation.origin.name == "密云区"
    assert [place.name for place in across.delegation.destinations] == ["库伦旗"]


def test_a_quotation_of_several_sentences_or_with_its_speaker_in_the_same_sentence_is_their_point():
    # As 190_changping_school_tianshan_school_signing_news (“…提升。我们也会…品牌。”…校长于景力表示。)
    # and 194_wanping_doctor_posting_send_off_linxi_news (“…居民”,赵海燕书记嘱咐道。): the whole
    # quotation, without its marks, is the point of whoever is named after it.
    lead = "7月3日,北京市密云区党政代表团一行来到库伦旗考察。"

    def speeches(sentence):
        return [(s.name, s.kind, [p.text for p in s.points]) for s in extract(lead + sentence).other_speeches]

    assert speeches("“希望加强两校协作。我们也会紧抓此次机会。”库伦旗第一中学校长于光表示。") == [
        ("于光", SpeechKind.REMARK, ["希望加强两校协作。我们也会紧抓此次机会"])
    ]
    assert speeches("“要以当地百姓为中心,造福当地居民”,李红书记嘱咐道。") == [
        ("李红", SpeechKind.REMARK, ["要以当地百姓为中心,造福当地居民"])
    ]


def test_tidao_reports_what_was_said():
    # As 192_self_drive_charity_tour_tongliao_news (…局长徐浩涛提到,此次…活动致力于…): 提到 and a
    # comma is a remark, as 表示.
    result = extract("7月3日,北京市密云区党政代表团一行来到库伦旗考察。旗文旅局局长王刚提到,此次考察致力于文旅协作。")

    assert [(s.name, s.title, s.kind, [p.text for p in s.points]) for s in result.other_speeches] == [
        ("王刚", "旗文旅局局长", SpeechKind.REMARK, ["此次考察致力于文旅协作"])
    ]


def test_a_range_of_days_with_the_first_day_printed_without_ri():
    # As 192_self_drive_charity_tour_tongliao_news (2019年6月7-11日,…): the range is read whole.
    date = extract("2019年6月7-11日,北京市密云区党政代表团一行来到库伦旗考察。").date

    assert (date.start, date.end, date.precision) == (
        datetime.date(2019, 6, 7),
        datetime.date(2019, 6, 11),
        DatePrecision.DAY,
    )


def test_a_meeting_named_with_ji_and_a_ceremony_is_one_meeting_named_whole():
    # As 185_beijing_education_delegation_to_im_spam_mirror (…座谈会及签约仪式): 及 joins two names
    # of one event, as 暨 does.
    text = "3月15日,北京市教委考察组赴卓资县考察。3月17日下午,双方举行教育协作工作座谈会及签约仪式。"

    assert [(m.title, m.kind) for m in extract(text).meetings] == [
        ("教育协作工作座谈会及签约仪式", MeetingKind.SYMPOSIUM)
    ]


def test_what_a_sentence_is_about_before_shi_is_no_part_of_the_groups_name():
    # As 185_beijing_education_delegation_to_im_spam_mirror (签约仪式是北京教育考察团赴…的重要内容之一).
    result = extract("座谈会是北京医疗考察团赴库伦旗考察调研的重要内容之一。")

    assert result.is_trip is True
    assert result.delegation.name == "北京医疗考察团"


def test_a_countys_name_without_its_level_is_that_county_not_a_short_alias_inside_it():
    # As 184_beijing_science_commission_to_helinger_park (赴和林格尔国家农业科技园区考察): 和林格尔
    # is 和林格尔县, not 和林 (an alias of it) followed by other words; and 以及和林县… keeps its 和.
    result = extract(
        "10月22日,北京市科委副主任王强一行赴和林格尔国家农业科技园区考察,"
        "副县长张一帆以及和林县科技局负责人陪同考察。"
    )

    assert [(place.name, place.full_name) for place in result.delegation.destinations] == [
        ("和林格尔", "内蒙古自治区呼和浩特市和林格尔县")
    ]
    assert ("", "和林县科技局负责人") in [(person.name, person.title) for person in result.participants]


def test_someone_sent_to_help_inner_mongolia_is_on_beijings_side_and_attends():
    # As 147_haidian_head_to_aohan_hospital_account (我院…刘全喜医生作为帮扶医务人员代表参会) and
    # 194_wanping_doctor_posting_send_off_linxi_news (援蒙医师周琼): whoever is there to help
    # Inner Mongolia is Beijing's, though stationed where the group went; they attend.
    text = (
        "6月15日,海淀区区长李明率队赴敖汉旗考察对接东西部协作工作。"
        "会后,我院骨科王红医生作为援蒙医生代表向领导表态:“我将努力工作,把技术留在敖汉。”"
    )

    result = extract(text)

    assert ("王红", "医生", V, ParticipantRole.ATTENDING) in people(result)


def test_a_stop_printed_after_the_destinations_name_is_the_place_inside_it():
    # As 132_cau_experts_to_keyouzhongqi_host (…深入科右中旗调研…。…深入科右中旗高力板镇赛罕塔拉嘎查…):
    # the banner is where the group went; the stop is the town's village in it.
    text = (
        "5月20日,北京市农林科学院专家团队深入库伦旗调研指导工作。"
        "专家团队深入库伦旗额勒顺镇白音花嘎查,实地考察了解肉牛养殖情况。"
    )

    result = extract(text)

    assert [place.name for place in result.delegation.destinations] == ["库伦旗"]
    assert [visit.place for visit in result.site_visits] == ["额勒顺镇白音花嘎查"]


def test_a_text_of_no_trip_is_dated_by_the_latest_year_it_reports_not_a_background_or_planned_one():
    # As 117_shijingshan_ningcheng_project_progress (…,2024年,石景山区安排…。…,2025年,企业计划…)
    # and 139_daxing_wulanchabu_feature_credits (1996年,中共中央…。…2024年,北京市大兴区与…签订…):
    # a year that opens a clause dates what it tells; the latest reported one is the text's,
    # a year of what is planned is not.
    text = (
        "1996年,京蒙两地建立对口帮扶关系。宁城县是石景山区的协作地区,2024年,石景山区安排协作资金800万元。"
        "随着加工规模扩大,2025年,企业计划签订更多种植订单。"
    )

    date = extract(text).date

    assert (date.start, date.precision, date.inferred) == (datetime.date(2024, 1, 1), DatePrecision.YEAR, False)


def test_a_promotion_group_that_shows_itself_in_the_capital_has_come_to_beijing():
    # As 186_im_winter_tourism_promotion_group_to_beijing (由…厅组织的冬季旅游宣传推介团亮相首都北京):
    # 推介团 and 宣传团 are groups that travel; 亮相 somewhere is arriving there; 首都 before
    # 北京 is no place of its own; who organised the group is no part of its name.
    result = extract("5月8日,由锡林郭勒盟文化旅游局组织的草原旅游推介团亮相首都北京,向市民推介夏季旅游线路。")

    assert result.is_trip is True
    assert result.delegation.name == "草原旅游推介团"
    assert result.delegation.kind == DelegationKind.VISIT
    assert result.delegation.origin.name == "锡林郭勒盟"
    assert [place.name for place in result.delegation.destinations] == ["北京市"]


def test_a_route_of_places_joined_by_dashes_is_a_journey_and_a_post_before_the_name_is_recorded():
    # As 187_peking_university_mongolian_studies_ports_research (中心主任王浩教授带领…研究生,沿着包头-
    # 乌拉特中旗-…-呼和浩特一线,考察…): the route is where they went, each place in turn; the
    # post printed before the name is the title (教授 after it is not), and 任 is no part of it. A
    # place the table does not hold (a port, 甘其毛都) does not end the route.
    result = extract(
        "7月8日,北京农学院研究中心主任李强教授带领研究生,沿着包头-乌拉特中旗-甘其毛都-二连浩特一线,考察口岸发展现状。"
    )

    assert result.is_trip is True
    assert [place.name for place in result.delegation.destinations] == ["包头", "乌拉特中旗", "二连浩特"]
    assert [(leader.name, leader.title) for leader in result.delegation.leaders] == [("李强", "北京农学院研究中心主任")]


def test_teachers_working_beside_their_peers_of_the_other_side_is_an_exchange_of_people():
    # As 188_education_cooperation_feature_study_tours_news (…到北大附中石景山学校跟岗研修): 跟岗
    # (working a post beside someone) trains people on the other side, as 进修学习 does.
    topics = sorted(topic.name for topic in extract("三名乌兰察布市教师到北京市第五中学跟岗学习。").topics)

    assert topics == ["人才交流", "教育"]


def test_and_other_leaders_then_staff_with_no_body_named_close_a_list():
    # As 186_im_winter_tourism_promotion_group_to_beijing (…副局长曹鹏程、…副厅长李晓秋等领导和机关相关人员
    # 出席活动): 等领导 closes the list, and 机关相关人员 after it names no one to record.
    listed = parse_people("市文旅局副局长王芳、自治区文旅厅副厅长李军等领导和机关相关人员", REGIONS)

    assert [(person.name, person.title) for person in listed] == [
        ("王芳", "市文旅局副局长"),
        ("李军", "自治区文旅厅副厅长"),
    ]


def test_a_quotation_that_quotes_a_name_inside_it_is_still_the_next_speakers_first_point():
    # As 186_im_winter_tourism_promotion_group_to_beijing (“…很特别,“十四冬”体育赛事,…随处可见。”李晓秋说,
    # 我相信,…): the inner quotation marks do not end the quotation.
    text = (
        "9月25日,锡林郭勒盟旅游推介团来到北京。\n"
        "“这里的冬天很特别,“那达慕”冰雪节贯穿整个冬季。”王红说,我相信,高铁会带来更多游客。"
    )

    speeches = [(s.name, [p.text for p in s.points]) for s in extract(text).other_speeches]

    assert speeches == [("王红", ["这里的冬天很特别,“那达慕”冰雪节贯穿整个冬季", "我相信,高铁会带来更多游客"])]


def test_a_lead_read_in_a_text_found_to_be_no_trip_leaves_no_leader_behind():
    # As 195_arxan_delegation_to_wushen_inside_region_news: once the visit is found to be inside
    # Inner Mongolia, nobody is a leader or a visitor.
    result = extract("7月3日,奈曼旗党政考察团一行来我旗考察。旗领导王强、李明陪同。")

    assert result.is_trip is False
    assert all(person.role != LEADER and person.side is None for person in result.participants)


def test_someone_who_tours_then_says_something_in_the_same_sentence_is_a_speaker():
    # As 184_beijing_science_commission_to_helinger_park (朱世龙一行先后深入…,参观了…,并表示园区…值得
    # 学习借鉴): the named subject of the stops, then 并表示 — the words after it are theirs.
    text = (
        "10月22日,北京市农业农村局副局长王刚一行赴库伦旗考察。"
        "王刚一行先后深入库伦旗肉牛养殖基地,参观了养殖车间,并表示基地的做法值得推广。"
    )

    speeches = [(s.name, s.title, s.kind, [p.text for p in s.points]) for s in extract(text).other_speeches]

    assert speeches == [("王刚", "北京市农业农村局副局长", SpeechKind.REMARK, ["基地的做法值得推广"])]


def test_a_briefing_through_which_the_group_learnt_something_is_a_speech_of_the_one_who_gave_it():
    # As 187_peking_university_mongolian_studies_ports_research (在甘其毛都口岸,通过出入境边防检查站副站长
    # 李勇的讲解,调研团了解到…): the one who briefed, and what the group learnt is the point.
    text = (
        "7月8日,北京市商务局副局长王刚带领考察组赴二连浩特市考察。"
        "在二连浩特口岸,通过口岸办副主任李勇的讲解,考察组了解到口岸货运的最新进展。"
    )

    speeches = [(s.name, s.title, s.kind, [p.text for p in s.points]) for s in extract(text).other_speeches]

    assert speeches == [("李勇", "口岸办副主任", SpeechKind.BRIEFING, ["口岸货运的最新进展"])]


def test_arriving_at_a_place_that_is_no_region_is_a_stop():
    # As 187_peking_university_mongolian_studies_ports_research (调研团首站抵达包头稀土博物馆,学习…): the
    # first stop; 抵达 a county or a district (抵达北京市怀柔区, as 165) is where the trip went.
    stop = extract("7月8日,北京市科委考察组赴包头市考察。考察组首站抵达包头稀土博物馆,学习稀土产业发展历程。")
    region = extract("7月8日,北京市科委考察组赴包头市考察。考察组抵达包头市昆都仑区,了解稀土产业发展情况。")

    assert [visit.place for visit in stop.site_visits] == ["包头稀土博物馆"]
    assert region.site_visits == []


def test_someone_told_by_where_they_stood_and_what_they_do_is_no_speaker():
    # As 183_consumption_fair_beijing_feature (展位边的内蒙工作人员说,奶是…): a voice in the scene,
    # of no body named; 展区的工作人员 of a company named would still be a group.
    result = extract("北京农展馆开启了消费帮扶专场。展位边的兴安盟工作人员说,大米都是当年的新米。")

    assert result.other_speeches == []
    assert result.participants == []


def test_the_group_named_again_going_to_places_inside_the_province_the_lead_names_went_there():
    # As 185_beijing_education_delegation_to_im_spam_mirror (…是北京教育考察团赴内蒙古自治区考察调研的
    # 重要内容之一。3月15日-17日,北京教育考察团赴内蒙古自治区商都县、卓资县、武川县…学校…考察调研。):
    # the counties of the next sentence, not the province, and not a school's place name after them.
    text = (
        "签约仪式是北京卫生考察团赴内蒙古自治区考察调研的重要内容之一。"
        "5月6日-8日,北京卫生考察团赴内蒙古自治区化德县、兴和县8家医院及乌兰察布医学高等专科学校考察调研。"
    )

    result = extract(text)

    assert [(place.name, place.parents) for place in result.delegation.destinations] == [
        ("化德县", ["内蒙古自治区"]),
        ("兴和县", ["内蒙古自治区"]),
    ]


def test_places_visited_with_the_state_of_the_last_one_are_stops_and_the_state_is_what_was_seen():
    # As 108_doudian_town_to_tuquan_chayouzhongqi (随后参观…镇卫生院及库伦苏木建设情况): two stops; the
    # state printed after the last (建设情况) is what was seen of it.
    text = "6月29日,北京市窦店镇考察组赴察右中旗考察。考察组随后参观铁沙盖镇卫生院及库伦苏木建设情况。"

    visits = [(visit.place, visit.seen) for visit in extract(text).site_visits]

    assert visits == [("铁沙盖镇卫生院", ""), ("库伦苏木", "库伦苏木建设情况")]


# --- the fifth set of reports never seen (196–204): patterns, in sentences of their own ---------


def test_a_place_reporting_a_visit_that_names_places_of_one_side_only_is_no_trip_of_this_site():
    # As 199_dongcheng_delegation_to_bazhong_sichuan_news (北京市东城区代表团来我市考察, 巴中),
    # 201_ordos_delegation_to_hohhot_inside_region_news and 204_wulanchabu_cppcc_to_jining_taibaihu_news
    # (…一行来我区参观考察, a district of Shandong): a report written by a place of one party names
    # its own place; when nothing in it is of the other side, the visit is not between Beijing and
    # Inner Mongolia. The same report with a place of the other side is still a trip.
    other = extract("10月26日,北京市西城区代表团来我市考察并召开座谈会。代表团参观了绵阳科技城。")
    across = extract("10月26日,北京市西城区代表团来我市考察并召开座谈会。代表团参观了鄂伦春自治旗博物馆。")
    pair = extract("10月26日,北京市西城区代表团来我市考察,推动京蒙协作。代表团参观了市博物馆。")

    assert other.is_trip is False
    assert other.delegation is None
    assert across.is_trip is True
    assert pair.is_trip is True


def test_a_body_whose_unnamed_head_leads_its_specialists_to_a_host_is_a_trip():
    # As 196_beijing_chaoyang_hospital_to_im_chest_hospital (北京朝阳医院副院长带领相关领域专家一行13人莅临
    # 内蒙古自治区胸科医院调研交流): the post leads with no name — a participant who 带队, no leader the
    # reader can name — the people it leads are the members, and 莅临 is coming to the host.
    result = extract("5月8日,北京天坛医院副院长带领神经外科专家一行6人莅临赤峰市医院调研交流。")

    assert result.is_trip is True
    assert result.delegation.origin.name == "北京市"
    assert [place.name for place in result.delegation.destinations] == ["赤峰市"]
    assert result.delegation.leaders == []
    assert people(result) == [("", "北京天坛医院副院长", V, LEADER), ("", "神经外科专家", V, MEMBER)]


def test_a_meeting_named_as_a_promotion_meeting_is_kept_whole():
    # As 196_beijing_chaoyang_hospital_to_im_chest_hospital (…举行京蒙协作 政协助力“医疗倍增计划”推进会议):
    # …推进会议 is the name as printed, not cut at 推进会 (as 171's …座谈会议).
    result = extract(
        "5月8日,北京天坛医院院长王明一行莅临赤峰市医院调研交流。当日下午,在赤峰市医院举行京蒙协作“医疗倍增计划”推进会议。"
    )

    assert [meeting.title for meeting in result.meetings] == ["京蒙协作“医疗倍增计划”推进会议"]


def test_stops_told_by_the_group_doing_something_at_a_place_or_after_a_part_of_the_programme():
    # As 197_peking_university_urban_environment_to_wushen_host: 在萨拉乌苏遗址博物馆，师生们通过场景复原，
    # 探寻… (a place, then the group as the next clause's subject, whatever the verb); 在教育交流环节，
    # 师生们走进…学校 (no place: the group's move after it); 随后，团队走进… (the group by its noun
    # alone); 团队还深入调研了…展、…馆 (深入 as how, an exhibition as a stop).
    lead = "4月24日,北京林业大学生态学院师生团队赴敖汉旗开展调研活动。"

    def stops(sentence):
        return [visit.place for visit in extract(lead + sentence).site_visits]

    assert stops("在大漠林场博物馆,师生们通过场景复原,探寻治沙历史。") == ["大漠林场博物馆"]
    assert stops("在实践交流环节,师生们走进敖汉旗第一中学,为学生们上了一堂课。") == ["敖汉旗第一中学"]
    assert stops("随后,团队走进治沙纪念馆、林业科研中心,系统学习了治沙历程。") == ["治沙纪念馆", "林业科研中心"]
    assert stops("团队还深入调研了敖汉旗生态文明展、敖汉旗档案馆,感受了生态建设成就。") == [
        "敖汉旗生态文明展",
        "敖汉旗档案馆",
    ]


def test_a_university_named_before_a_school_of_it_is_no_city():
    # As 197_peking_university_urban_environment_to_wushen_host (北京大学城市与环境学院师生团队): 大学城市 is
    # no city read by its ending; the group comes from Beijing.
    result = extract("4月24日,北京大学城市与环境学院师生团队赴乌审旗开展调研活动。")

    assert result.delegation.origin.name == "北京市"


def test_people_who_attend_told_by_the_verb_alone_before_the_next_clause():
    # As 199_dongcheng_delegation_to_bazhong_sichuan_news (北京市东城区政协副主席袁秀江出席,市委常委、…魏文通介绍
    # 我市相关情况): X出席， with nothing after the verb, is a list of who attended when every one in it
    # has a post and a name; the speaker named later keeps that post.
    result = extract(
        "6月5日,北京市西城区党政代表团赴鄂伦春自治旗考察。西城区政协副主席王明出席,旗长李强介绍了旗情。"
        "王明表示,将继续深化协作。"
    )

    assert ("王明", "西城区政协副主席") in [(person.name, person.title) for person in result.participants]
    assert [(speech.name, speech.title) for speech in result.other_speeches][-1] == ("王明", "西城区政协副主席")


def test_a_text_of_no_trip_has_no_stops():
    # As 203_shandong_college_team_to_xinbaerhuyouqi_news and 204_wulanchabu_cppcc_to_jining_taibaihu_news: the
    # places a visit of another pairing went to are no stops of a trip of this site (as its meetings
    # are none); what was said there is still offered.
    other = extract(
        "7月20日,内蒙古自治区乌兰察布市政协主席白颢一行来我区参观考察。"
        "考察团一行先后来到观景平台、白衣尚书纪念馆等地,详细了解新区规划定位等情况。"
    )
    inside = extract("7月3日,通辽市奈曼旗党政考察团一行来我旗考察。考察团先后深入库伦旗工业园区、旗医院进行考察。")

    assert (other.is_trip, other.site_visits) == (False, [])
    assert (inside.is_trip, inside.site_visits) == (False, [])


def test_a_quotation_said_to_someone_is_the_speakers_point_and_a_patient_told_after_ends_it():
    # As 198_xicheng_medical_experts_elunchun_feature_news (“…随时找我们复诊。”北京市西城区广外医院主治医师曲金宁耐心跟
    # 老人说。 then “…谢谢专家们了！”张城老人说。): how and to whom it was said come between the speaker and
    # 说; a patient quoted after, whom the reader takes for no speaker, ends the doctor's words.
    text = (
        "5月8日,北京市东城区医疗专家团队赴阿尔山市开展义诊。\n"
        "“您放心,很快就会好的。”北京市东城区第一人民医院主治医师王明耐心跟老人说。\n"
        "“多亏了北京专家!”赵城老人说。\n"
    )

    assert [(s.name, s.title, s.kind, [p.text for p in s.points]) for s in extract(text).other_speeches] == [
        ("王明", "北京市东城区第一人民医院主治医师", SpeechKind.REMARK, ["您放心,很快就会好的"])
    ]


def test_places_named_after_what_they_are_and_two_bodies_joined_by_he():
    # As 184_beijing_science_commission_to_helinger_park (先后深入驻园企业蒙牛(乳业)集团六期和内蒙古蒙草抗旱公司草博园):
    # 驻园企业 says what the places are; the two bodies joined by 和 are two stops, each named by what it is
    # somewhere in its name (集团…六期, 公司…园).
    text = (
        "10月22日,北京市科委副主任王强一行赴和林格尔国家农业科技园区考察。"
        "王强一行先后深入驻园企业伊利(乳业)集团三期和内蒙古草业科技公司草种园,参观了生产加工过程。"
    )

    assert [visit.place for visit in extract(text).site_visits] == ["伊利(乳业)集团三期", "内蒙古草业科技公司草种园"]


def test_an_event_named_only_as_this_one_by_its_noun_is_the_meeting():
    # As 186_im_winter_tourism_promotion_group_to_beijing (…推介团亮相首都北京…。本次推介会是…首次成团“走出去”):
    # the event the report names only as 本次推介会 is its one meeting, and the words said there are in it; after a
    # meeting already named (…签字仪式…。本次签约仪式是…), it is that one told again.
    text = (
        "9月25日,内蒙古自治区文化和旅游厅组织的冬季旅游推介团亮相首都北京。本次推介会是首次成团走出去。\n"
        "“内蒙古冬天很特别。”内蒙古自治区文化和旅游厅副厅长王明说。\n"
    )
    again = (
        "11月28日,满洲里市第五中学校长王明等一行15位教育同仁来到东城区,两校举行友好校签字仪式。"
        "本次签约仪式是两校的一大喜事。"
    )

    result = extract(text)

    assert [(meeting.title, meeting.kind) for meeting in result.meetings] == [("推介会", MeetingKind.OTHER)]
    assert [speech.name for speech in result.meetings[0].speeches] == ["王明"]
    assert len(extract(again).meetings) == 1


def test_talks_with_the_bodies_at_a_stop_are_a_meeting_held_there_one_for_each_stop():
    # As 187_peking_university_mongolian_studies_ports_research (在满都拉口岸,调研团考察了…,并与林草、边检、海关等部门及
    # 能源企业座谈。… 在二连浩特口岸,…与二连浩特市政府、经济合作区管委会座谈): talks at a stop with its bodies are a
    # meeting held there, and talks at the next stop another; with people (支教教师) they stay part of the visit.
    text = (
        "7月18日,北京大学历史学院调研团赴内蒙古开展调研。\n"
        "在策克口岸,调研团考察了口岸边贸城,并与边检、海关等部门座谈。\n"
        "在二连浩特口岸,调研团考察了互市贸易区,并与二连浩特市政府、管委会座谈。\n"
        "在二连浩特市第一中学,调研团参观了校园,并与支教教师座谈。\n"
    )

    assert [(m.title, m.kind, m.place) for m in extract(text).meetings] == [
        ("座谈", MeetingKind.SYMPOSIUM, "策克口岸"),
        ("座谈", MeetingKind.SYMPOSIUM, "二连浩特口岸"),
    ]


def test_a_lecture_told_by_its_title_is_a_briefing_whose_point_is_the_title():
    # As 187_peking_university_mongolian_studies_ports_research (王浩教授以“中蒙俄经济走廊建设面临的机遇与挑战”为题为
    # 甘其毛都边检人员授课), on the closing note's list: the lecturer briefed, the title is the point.
    text = (
        "7月18日,北京大学历史学院调研团赴二连浩特市开展调研。"
        "李明教授以“草原丝绸之路的历史与未来”为题为二连浩特边检人员授课。"
    )

    assert [(s.name, s.title, s.kind, [p.text for p in s.points]) for s in extract(text).other_speeches] == [
        ("李明", "教授", SpeechKind.BRIEFING, ["草原丝绸之路的历史与未来"])
    ]


def test_heads_listed_with_a_comma_before_率_lead_together():
    # As 200_qingyun_delegation_to_tongzhou_traditional_news (縣委書記、縣人大常委會主任侯有喜,縣委副書記、縣長許健率
    # 縣黨政考察團到北京市通州區考察): the comma splits one list of those who lead; the first keeps its post.
    result = extract("5月20日,旗委书记张华,旗委副书记、旗长李强率敖汉旗党政代表团到北京市海淀区考察。")

    assert [(person.name, person.title) for person in result.delegation.leaders] == [
        ("张华", "旗委书记"),
        ("李强", "旗委副书记、旗长"),
    ]


def test_a_quotation_of_several_sentences_then_its_speaker_going_on_is_two_points():
    # As 202_xinganmeng_produce_to_beijing_send_off_news (“…摆脱了贫困。如今…责无旁贷。”张海峰说,近年来,…): the
    # quotation is the speaker's first point, what they went on to say after 说 the second.
    text = (
        "6月24日,兴安盟农畜产品进京发车仪式在乌兰浩特举行。\n"
        "“草原儿女与北京人民感情深厚。我们责无旁贷。”兴安盟商务局局长王明说,近年来,兴安盟大米在北京很受欢迎。\n"
    )

    assert [(s.name, [p.text for p in s.points]) for s in extract(text).other_speeches] == [
        ("王明", ["草原儿女与北京人民感情深厚。我们责无旁贷", "近年来,兴安盟大米在北京很受欢迎"])
    ]


def test_an_unnamed_speaker_named_again_by_their_post_goes_on_in_the_same_point():
    # As 196_beijing_chaoyang_hospital_to_im_chest_hospital (内蒙古自治区胸科医院党委书记致欢迎辞,对…表示热烈的欢迎与
    # 诚挚的感谢。书记表示,…): the words after 书记表示 are the same speaker's, in the same point, as a speaker named
    # again by name in the paragraph of their words.
    text = (
        "5月8日,北京天坛医院院长王明一行莅临赤峰市医院调研交流。下午,双方召开座谈会。\n"
        "赤峰市医院党委书记致欢迎辞,对王明一行表示热烈的欢迎。书记表示,医院将全方位开展合作。\n"
    )

    [meeting] = extract(text).meetings
    assert [(s.title, [p.text for p in s.points]) for s in meeting.speeches] == [
        ("赤峰市医院党委书记", ["对王明一行表示热烈的欢迎。书记表示,医院将全方位开展合作"])
    ]


def test_a_month_alone_opening_the_lead_dates_the_trip_by_that_month():
    # As 203_shandong_college_team_to_xinbaerhuyouqi_news (今年7月,…助农小队跨越两千多公里,来到呼伦贝尔市新巴尔虎
    # 右旗): a month with no day, opening the sentence or after 今年, is the month of what is told, its year the
    # page's — not the page's own month.
    published = datetime.date(2024, 12, 31)
    leads = ("今年7月,北京市东城区医疗队来到阿尔山市开展义诊。", "7月,北京市东城区医疗队来到阿尔山市开展义诊。")

    for lead in leads:
        date = extract(lead, published=published).date
        assert (date.start, date.precision, date.inferred) == (datetime.date(2024, 7, 1), DatePrecision.MONTH, True)


# A copy pasted from a mirror that annotates characters with pinyin (cases 205–211 as they arrive).
MIRRORED_LEAD = (
    "7月31日,昌平區(qū)委副書記,、區(qū)長支現(xiàn)偉帶隊深入太仆寺旗考察交流,,出席結對協(xié)作工作"
    "聯(lián)席會議,對接協(xié)作工作,。?\n"
)


def test_a_copy_from_a_pinyin_mirror_is_read_as_the_report_it_copies():
    from visits.report_import.review import clean_text

    summary = summarize(extract(clean_text(MIRRORED_LEAD)[0], published=datetime.date(2024, 8, 2)))

    assert summary["delegation"]["leaders"] == [{"name": "支现伟", "title": "昌平区委副书记、区长"}]
    assert summary["destinations"] == [{"name": "太仆寺旗", "parents": []}]


def test_a_gloss_a_writer_adds_and_bracketed_latin_stay_as_written():
    from visits.report_import.normalize import without_pinyin_annotation

    written = "走进嘎查(gǎ)与苏木(sū mù),参观798(A)园区与北京(Beijing)。"

    assert without_pinyin_annotation(written) == (written, 0)


# --- the sixth set's misses (cases 205–211), each from a sentence of its own -------------------


def test_a_delegation_between_places_of_neither_side_is_no_trip():
    # 210: a Tianjin district's delegation in two Gansu counties; nothing in it is Beijing's or
    # Inner Mongolia's.
    text = (
        "9月5日至6日,天津市河西区委书记张明率党政代表团来岷县、漳县,考察对接东西部协作工作,并召开座谈会。"
        "代表团实地调研了产业园区。张明表示,将持续深化两地合作。"
    )
    ours = text.replace("天津市河西区", "北京市西城区").replace("岷县、漳县", "察右前旗")

    assert extract(text).is_trip is False
    assert extract(ours).is_trip is True


def test_heads_who_lead_together_said_so_before_the_verb_lead_the_trip():
    # 208: …党组书记冯家举、厅长孙俊青共同带队赴京.
    text = (
        "为深化两地合作,2021年5月10日,内蒙古自治区农牧厅厅长王强、副厅长李明共同带队赴京,"
        "与北京市农业农村局座谈对接。"
    )

    result = extract(text)

    assert result.is_trip is True
    assert [(leader.name, leader.title) for leader in result.delegation.leaders] == [
        ("王强", "内蒙古自治区农牧厅厅长"),
        ("李明", "副厅长"),
    ]


def test_a_ceremony_held_at_the_meeting_is_part_of_it():
    # 205: 聯席會議上,…進行了交流。現場還舉行了昌平區向太仆寺旗捐贈京蒙協作資金捐贈儀式。
    text = (
        "5月10日,大兴区委书记王有国率大兴区党政代表团赴察右前旗考察,出席两地结对协作联席会议。"
        "联席会议上,双方就下一步协作重点进行了交流。现场还举行了大兴区向察右前旗捐赠协作资金捐赠仪式。"
        "王有国表示,将深化两地合作。"
    )

    result = extract(text)

    assert [(m.title, [s.name for s in m.speeches]) for m in result.meetings] == [("两地结对协作联席会议", ["王有国"])]


def test_people_listed_with_commas_and_closed_by_those_unnamed_who_went_with_them_go_on_a_trip():
    # 207: 我校黨委書記李文閣,校黨委委員、副校長高樂及相關職能部門負責人,前往北京工商大學…開展調研。
    text = "4月23日,呼伦贝尔学院党委书记李文阁,校党委委员、副校长高乐及相关职能部门负责人,前往北京工商大学开展调研。"

    result = extract(text)

    assert result.is_trip is True
    assert people(result) == [
        ("李文阁", "呼伦贝尔学院党委书记", V, LEADER),
        ("高乐", "校党委委员、副校长", V, MEMBER),
        ("", "相关职能部门负责人", V, MEMBER),
    ]


# --- the seventh set's misses (cases 212–220), each from a sentence of its own -----------------


def test_the_official_who_gathers_a_group_and_goes_with_it_leads_it():
    # 214: 盟行署副盟长孙书涛组织文旅、农牧部门负责同志,赴北京市平谷区开展专项考察对接.
    text = (
        "兴安盟与北京平谷区乡村振兴联动合作共谋农文旅产业协同发展\n"
        "11月26日,盟行署副盟长孙书涛组织文旅、农牧部门负责同志,赴北京市平谷区开展专项考察对接,"
        "推进双方合作。北京市平谷区人大常委会副主任沈立军陪同调研。"
    )

    result = extract(text, published=datetime.date(2025, 12, 2))

    assert result.is_trip is True
    assert (result.delegation.kind, result.delegation.origin.name) == (DelegationKind.VISIT, "兴安盟")
    assert [(place.name, place.parents) for place in result.delegation.destinations] == [("平谷区", ["北京市"])]
    assert people(result)[:2] == [("孙书涛", "盟行署副盟长", V, LEADER), ("", "文旅、农牧部门负责同志", V, MEMBER)]
    # A body that gathers its people is not read as a person who leads (…单位赴 reads it).
    sent = extract("8月29日,昌平区教委组织12名骨干教师赴太仆寺旗开展送教活动。")
    assert sent.is_trip is True and sent.delegation.leaders == []


def test_words_shaped_like_names_before_an_unnamed_group_are_the_groups_bodies():
    # 214: 文旅、农牧部门负责同志 — 文旅 (文 a surname) is what the bodies do, not a person.
    group = parse_people("文旅、农牧部门负责同志", REGIONS)
    assert [(p.name, p.title) for p in group] == [("", "文旅、农牧部门负责同志")]
    # A name the report gives elsewhere stays a person.
    known = parse_people("王波、区曲艺家协会负责同志", REGIONS, {"王波"})
    assert [(p.name, p.title) for p in known] == [("王波", ""), ("", "区曲艺家协会负责同志")]


def test_a_bodys_people_walk_into_the_stops_and_what_they_felt_and_heard_is_what_was_seen():
    # 212: 经开区文联一行先后走进乌兰牧骑展馆、乌兰牧骑排练厅…等地,感受…,倾听…,实地了解….
    text = (
        "近期,北京经开区文联主席赵雅娟带领所属各协会艺术家近20人走进内蒙古苏尼特右旗,进行为期3天的主题采风调研活动。"
        "经开区文联一行先后走进乌兰牧骑展馆、乌兰牧骑排练厅、桑宝拉格苏木文化牧户等地,"
        "感受“红书包”的深厚底蕴,倾听老一辈兵团人艰苦奋斗的屯垦戍边历史,实地了解苏尼特右旗文化事业发展情况。"
    )
    seen = "感受“红书包”的深厚底蕴,倾听老一辈兵团人艰苦奋斗的屯垦戍边历史,实地了解苏尼特右旗文化事业发展情况"

    result = extract(text, published=datetime.date(2024, 9, 2))

    assert [(visit.place, visit.seen) for visit in result.site_visits] == [
        ("乌兰牧骑展馆", seen),
        ("乌兰牧骑排练厅", seen),
        ("桑宝拉格苏木文化牧户", seen),
    ]


def test_a_group_from_a_place_of_neither_side_to_one_side_is_another_pairings_visit():
    # 218: 郧西县代表团赴平谷区对接对口协作工作 (Hubei to Beijing); the same visit from a banner
    # of Inner Mongolia is a trip.
    text = (
        "4月19日,郧西县代表团赴平谷区对接对口协作工作,双方签署战略合作协议。"
        "北京市平谷区委书记唐海龙,湖北省郧西县委书记查宏出席。"
    )
    ours = text.replace("郧西县", "库伦旗").replace("湖北省", "内蒙古自治区")

    assert extract(text, published=datetime.date(2023, 4, 20)).is_trip is False
    assert extract(ours, published=datetime.date(2023, 4, 20)).is_trip is True


def test_a_county_written_of_as_ours_that_names_no_place_of_inner_mongolia_makes_no_trip_to_beijing():
    # 200 (unseen-5): 縣委書記侯有喜…率縣黨政考察團到北京市通州區考察 …介紹了我縣經濟社會發展和與通州產業園區合作情況.
    text = (
        "1月16日至17日,县委书记侯有喜,县委副书记、县长许健率县党政考察团到北京市通州区考察。"
        "1月16日,侯有喜介绍了我县经济社会发展和与通州产业园区合作情况。"
    )

    assert extract(text).is_trip is False
    assert extract(text.replace("我县经济", "我县京蒙协作和经济")).is_trip is True


def test_a_city_that_sends_its_pupils_in_turns_makes_one_trip_from_the_first_day_to_the_last():
    # 215: 7月22日-27日、7月29日-8月3日期间,北京组织来自东城…五区的三百余名师生分两批前往内蒙古海拉尔….
    text = (
        "今年夏天,北京的300余名中学生在内蒙古海拉尔度过了一段难忘的研学时光。"
        "7月22日-27日、7月29日-8月3日期间,北京组织来自东城、海淀、丰台、大兴和怀柔五区的三百余名师生"
        "分两批前往内蒙古海拉尔国家研学基地,开展“京蒙东西部协作海拉尔研学活动”。"
    )

    result = extract(text, published=datetime.date(2024, 8, 7))

    assert result.is_trip is True
    assert (result.delegation.kind, result.delegation.origin.name) == (DelegationKind.OTHER, "北京市")
    assert [(place.name, place.parents) for place in result.delegation.destinations] == [("海拉尔", ["内蒙古"])]
    assert (result.date.start, result.date.end) == (datetime.date(2024, 7, 22), datetime.date(2024, 8, 3))
    assert people(result) == [("", "来自东城、海淀、丰台、大兴和怀柔五区的三百余名师生", V, MEMBER)]
    # Two dates with more than 、 between them are no turns of one journey.
    apart = extract(text.replace("、7月29日-8月3日", ",又于7月29日-8月3日"), published=datetime.date(2024, 8, 7))
    assert apart.date.end == datetime.date(2024, 7, 27)


def test_bodies_and_their_people_who_come_to_the_writers_city_make_a_trip():
    # 213: 北京市文联、内蒙古自治区文联以及多名首都艺术家一行来我市开展…京蒙文化交流活动 (鄂尔多斯日报).
    text = (
        "8月25日至8月31日,北京市文联、内蒙古自治区文联以及多名首都艺术家一行来我市开展"
        "“推进北疆文化建设 到人民中去”京蒙文化交流活动。活动中,艺术家们分别赴康巴什区、达拉特旗等地开展采风活动。"
    )

    result = extract(text, published=datetime.date(2024, 9, 3))

    assert result.is_trip is True
    assert result.delegation.origin.name == "北京市"
    assert (result.date.start, result.date.end) == (datetime.date(2024, 8, 25), datetime.date(2024, 8, 31))
    # A writer's city the visitors of its own region come to is no trip between the two sides.
    inside = text.replace("北京市文联、内蒙古自治区文联以及多名首都艺术家", "包头市文联以及多名艺术家")
    assert extract(inside.replace("京蒙", ""), published=datetime.date(2024, 9, 3)).is_trip is False


def test_a_briefing_told_by_its_objects_has_each_as_a_point_and_the_speaker_saying_more_speaks_again():
    # 206: 鄭蘭兵院長首先介紹了醫院的基本情況及發展歷程,闡述了目前醫院面臨的機遇和挑戰。鄭蘭兵院長提到,…;
    # 207: 李文閣向兩所學校介紹了…的發展,分享了…實踐成果,并希望得到…的幫扶。
    text = (
        "6月16日,内蒙古自治区第四医院院长郑兰兵带队一行7人到北京地坛医院交流访问。"
        "郑兰兵院长首先介绍了医院的基本情况及发展历程,阐述了目前医院面临的机遇和挑战。"
        "郑兰兵院长提到,医院现在正处于高质量发展的关键时期,希望同地坛医院进一步加强交流协作。"
    )
    shared = (
        "4月23日,呼伦贝尔学院党委书记李文阁前往北京工商大学开展调研。调研期间,李文阁向两所学校介绍了京蒙教育协作的发展,"
        "分享了呼伦贝尔学院在教育戍边中的实践成果,并希望得到北京高水平大学的帮扶。"
    )

    result = extract(text, published=datetime.date(2023, 6, 20))

    assert [(s.name, s.kind, [p.text for p in s.points]) for s in result.other_speeches] == [
        ("郑兰兵", SpeechKind.BRIEFING, ["医院的基本情况及发展历程", "目前医院面临的机遇和挑战"]),
        ("郑兰兵", SpeechKind.REMARK, ["医院现在正处于高质量发展的关键时期,希望同地坛医院进一步加强交流协作"]),
    ]
    (speech,) = extract(shared, published=datetime.date(2025, 4, 25)).other_speeches
    assert [p.text for p in speech.points] == ["京蒙教育协作的发展", "呼伦贝尔学院在教育戍边中的实践成果"]


def test_what_a_briefing_goes_on_to_say_in_its_paragraph_is_still_its_point():
    # 155: 副厅长李俊介绍了招商整体情况。内蒙古内连八省、外接俄蒙,区位优势得天独厚。
    text = (
        "9月5日,内蒙古味道推介会在北京举行。\n"
        "内蒙古自治区商务厅党组成员、副厅长李俊介绍了招商整体情况。内蒙古内连八省、外接俄蒙,区位优势得天独厚。"
    )

    (speech,) = extract(text, published=datetime.date(2022, 9, 6)).other_speeches

    assert [p.text for p in speech.points] == ["招商整体情况。内蒙古内连八省、外接俄蒙,区位优势得天独厚"]


def test_a_school_writing_of_itself_as_ours_comes_from_the_place_in_its_own_name():
    # 207: 我校黨委書記李文閣…前往北京工商大學…開展調研 … 分享了呼倫貝爾學院在教育戍邊中的實踐成果.
    text = (
        "4月23日,我校党委书记李文阁,校党委委员、副校长高乐及相关职能部门负责人,前往北京工商大学开展调研。"
        "调研期间,李文阁介绍了京蒙教育协作的发展,分享了呼伦贝尔学院在教育戍边中的实践成果。"
    )

    result = extract(text, published=datetime.date(2025, 4, 25))

    assert (result.delegation.origin.name, result.delegation.kind) == ("呼伦贝尔市", DelegationKind.VISIT)
    # The school it went to carries a place of the destination's side: no origin from it.
    theirs = text.replace("分享了呼伦贝尔学院在教育戍边中的实践成果", "参观了北京工商大学数字未来中心")
    assert extract(theirs, published=datetime.date(2025, 4, 25)).delegation.origin is None


def test_when_a_leader_spoke_is_no_stop_and_what_they_said_is_their_speech():
    # 220: 王学丰在座谈时说,通过这次考察,收获非常大 — read as a stop (座谈时说) with what was seen.
    text = (
        "5月10日,北京市大兴区委书记王学丰、区长陶淑菊率党政代表团到察右前旗考察。旗委书记邢国辉与考察团一行进行座谈。\n"
        "王学丰在座谈时说,通过这次考察,收获非常大。"
    )

    result = extract(text, published=datetime.date(2014, 5, 12))

    assert result.site_visits == []
    assert [(s.name, s.kind, [p.text for p in s.points]) for m in result.meetings for s in m.speeches] == [
        ("王学丰", SpeechKind.REMARK, ["通过这次考察,收获非常大"])
    ]


def test_an_instruction_told_without_a_comma_goes_on_with_its_speaker_from_the_verb():
    # 163: 為進一步健全兩地合作機制、擴大合作範圍,楊爍要求北京市文化和旅遊局有關處室要推出“一個協議、三個方案”….
    text = (
        "3月21日,内蒙古自治区文化和旅游厅厅长秦艳带队赴北京市文化和旅游局对接座谈。\n"
        "北京市文化和旅游局党组书记、局长杨烁对内蒙古的做法高度赞赏和认同。\n"
        "为进一步健全两地合作机制,杨烁要求北京市文化和旅游局有关处室要推出“一个协议、三个方案”,全方位提升合作水准。"
    )

    speeches = [speech for meeting in extract(text).meetings for speech in meeting.speeches]
    speeches += extract(text).other_speeches

    asked = "要求北京市文化和旅游局有关处室要推出“一个协议、三个方案”,全方位提升合作水准"
    praised = "对内蒙古的做法高度赞赏和认同"
    assert [(s.name, [p.text for p in s.points]) for s in speeches] == [("杨烁", [praised, asked])]
    # 要求 with what is asked told as a noun (工作要求) is no speech.
    assert extract("3月21日,内蒙古自治区文化和旅游厅厅长秦艳带队赴京,落实部署要求推进工作。").other_speeches == []


def test_places_listed_after_at_and_closed_by_deng_di_are_stops_where_the_group_learned():
    # 214: 在丫髻山、金海湖、大兴庄镇桃源里欢乐田园、南山村、金海湖国际会展中心等地,重点学习平谷区在…的经验与模式.
    text = (
        "11月26日,盟行署副盟长孙书涛组织文旅、农牧部门负责同志,赴北京市平谷区开展专项考察对接。"
        "在丫髻山、金海湖、南山村、金海湖国际会展中心等地,重点学习平谷区在景区管理、生态旅游开发方面的经验与模式。"
    )
    seen = "重点学习平谷区在景区管理、生态旅游开发方面的经验与模式"

    result = extract(text, published=datetime.date(2025, 12, 2))

    assert [(visit.place, visit.seen) for visit in result.site_visits] == [
        ("丫髻山", seen),
        ("金海湖", seen),
        ("南山村", seen),
        ("金海湖国际会展中心", seen),
    ]
    # What was learned at a meeting is no stop.
    talks = text.replace("在丫髻山、金海湖、南山村、金海湖国际会展中心等地", "在座谈会上")
    assert extract(talks, published=datetime.date(2025, 12, 2)).site_visits == []


def test_talks_told_as_the_scene_of_a_discussion_are_a_meeting():
    # 212: 在座谈交流中,两地文联代表围绕如何深化京蒙文化艺术交流…等问题进行了深入探讨.
    text = (
        "近期,北京经开区文联主席赵雅娟带领所属各协会艺术家近20人走进内蒙古苏尼特右旗,进行主题采风调研活动。"
        "在座谈交流中,两地文联代表围绕如何深化京蒙文化艺术交流等问题进行了深入探讨。"
    )

    result = extract(text, published=datetime.date(2024, 9, 2))

    assert [(m.title, m.kind) for m in result.meetings] == [("座谈交流", MeetingKind.SYMPOSIUM)]


def test_the_counties_a_group_is_sent_on_to_after_coming_to_the_writers_city_are_where_it_went():
    # 213: …一行来我市开展…京蒙文化交流活动。活动中,艺术家们分别赴康巴什区、达拉特旗等地开展采风活动.
    text = (
        "8月25日至8月31日,北京市文联、内蒙古自治区文联以及多名首都艺术家一行来我市开展京蒙文化交流活动。"
        "活动中,艺术家们分别赴康巴什区、达拉特旗等地开展采风活动,深入农牧民家中。"
    )

    result = extract(text, published=datetime.date(2024, 9, 3))

    assert [place.name for place in result.delegation.destinations] == ["康巴什区", "达拉特旗"]
    assert not any("没有可对应的地名" in warning for warning in result.warnings)
    # Places of the visitors' own side named after are no destination.
    home = text.replace("康巴什区、达拉特旗", "东城区、西城区")
    assert [place.name for place in extract(home, published=datetime.date(2024, 9, 3)).delegation.destinations] == [
        "我市"
    ]


def test_a_group_unnamed_in_its_lead_takes_the_noun_it_is_called_by_on_arrival_a_few_paragraphs_on():
    # 215: …北京组织…三百余名师生分两批前往内蒙古海拉尔国家研学基地… / 初识草原 相见如旧 / …研学团抵达海拉尔后,….
    text = (
        "7月22日-27日期间,北京组织来自东城、海淀五区的三百余名师生前往内蒙古海拉尔国家研学基地,开展研学活动。"
        "短短半个月的时间,京蒙两地学子同吃同住、共研共学。\n"
        "北京市教委相关负责人表示,组织此次活动是教育协作的积极探索。\n"
        "初识草原 相见如旧\n"
        "7月22日,北京第一批参加研学活动的学生抵达内蒙古海拉尔。这批十二三岁的少年,原本还有些许害羞。"
        "研学团抵达海拉尔后,当地新海中学的二十余位同学献上蓝色哈达。"
    )

    result = extract(text, published=datetime.date(2024, 8, 7))

    assert result.delegation.name == "研学团"


def test_people_by_their_posts_closed_by_what_they_all_are_take_part_in_the_visit():
    # 212: 区文创家协会副主席吕立民、区曲艺家协会副主席兼秘书长王波等艺术家也分别以各自擅长的艺术方式进行了交流.
    text = (
        "近期,北京经开区文联主席赵雅娟带领所属各协会艺术家近20人走进内蒙古苏尼特右旗,进行主题采风调研活动。"
        "区文创家协会副主席吕立民、区曲艺家协会副主席兼秘书长王波等艺术家也分别以各自擅长的艺术方式进行了交流。"
    )

    result = extract(text, published=datetime.date(2024, 9, 2))

    assert people(result)[-2:] == [
        ("吕立民", "区文创家协会副主席", V, MEMBER),
        ("王波", "区曲艺家协会副主席兼秘书长", V, MEMBER),
    ]


def test_an_event_under_two_names_is_of_the_kind_of_the_first():
    # 213: 期间,还举办了文学创作讲座暨座谈会和一系列丰富多彩的惠民演出.
    text = (
        "8月25日至8月31日,北京市文联以及多名首都艺术家一行来我市开展京蒙文化交流活动。"
        "期间,还举办了文学创作讲座暨座谈会和一系列丰富多彩的惠民演出。"
    )

    result = extract(text, published=datetime.date(2024, 9, 3))

    assert [(m.title, m.kind) for m in result.meetings] == [("文学创作讲座暨座谈会", MeetingKind.OTHER)]
    both = text.replace("文学创作讲座暨座谈会", "京蒙协作座谈会暨签约仪式")
    held = extract(both, published=datetime.date(2024, 9, 3))
    assert [(m.title, m.kind) for m in held.meetings] == [("京蒙协作座谈会暨签约仪式", MeetingKind.SYMPOSIUM)]


def test_an_attendee_who_also_speaks_is_read_when_the_sentence_goes_on_with_the_chair():
    # 205 and 217: 行署副盟长孙振江出席会议并讲话,行署副盟长、旗委书记赵飞鹏主持会议.
    text = (
        "7月31日,昌平区委副书记、区长支现伟带队深入太仆寺旗考察交流,出席结对协作工作联席会议,对接协作工作。"
        "行署副盟长孙振江出席会议并讲话,行署副盟长、旗委书记赵飞鹏主持会议。昌平区副区长马春秀参加活动。"
    )

    result = extract(text, published=datetime.date(2024, 8, 1))

    assert ("孙振江", "行署副盟长", H, ParticipantRole.ATTENDING) in people(result)


def test_a_meeting_in_a_paragraph_opened_by_its_date_after_someones_words_is_a_meeting():
    # 207: 4月23日,在北京工商大学阜成路校区举行座谈会,会议由北京工商大学副校长刘艳楠主持.
    text = (
        "4月23日、24日,我校党委书记李文阁,校党委委员、副校长高乐及相关职能部门负责人,"
        "前往北京工商大学、北京工业大学开展调研。\n"
        "调研期间,李文阁向两所学校介绍了京蒙教育协作、京津冀蒙高校联盟的发展,"
        "并希望得到北京高水平大学在教师进修、学生联合培养等方面的帮扶。\n"
        "4月23日,在北京工商大学阜成路校区举行座谈会,会议由北京工商大学副校长刘艳楠主持。"
        "双方围绕新文科建设等议题展开深入交流。"
    )

    result = extract(text, published=datetime.date(2025, 4, 25))

    assert [(m.title, m.place, m.chair) for m in result.meetings] == [("座谈会", "北京工商大学阜成路校区", "刘艳楠")]
    assert [(s.name, s.kind) for s in result.meetings[0].speeches] == [("刘艳楠", SpeechKind.CHAIRING)]


def test_who_chaired_and_convened_a_meeting_is_its_chair_and_a_post_of_the_school_there_is_the_hosts():
    # 207: 24日,在北京工业大学,校党委副书记张辉主持召开了两校交流座谈会 (主持召开 also in 138).
    text = (
        "4月23日、24日,我校党委书记李文阁,校党委委员、副校长高乐及相关职能部门负责人,"
        "前往北京工商大学、北京工业大学开展调研。\n"
        "调研期间,李文阁分享了呼伦贝尔学院在教育戍边中的实践成果。\n"
        "24日,在北京工业大学,校党委副书记张辉主持召开了两校交流座谈会。"
    )

    result = extract(text, published=datetime.date(2025, 4, 25))

    assert [(m.title, m.chair) for m in result.meetings] == [("两校交流座谈会", "张辉")]
    assert [(s.name, s.title, s.kind) for s in result.meetings[0].speeches] == [
        ("张辉", "校党委副书记", SpeechKind.CHAIRING)
    ]
    assert ("张辉", "校党委副书记", H, ParticipantRole.ATTENDING) in people(result)


def test_a_sentence_of_attendees_with_one_post_not_read_keeps_the_others():
    # 218: 北京市平谷区委书记唐海龙,区委副书记、区长狄涛,湖北省郧西县委书记查宏,十堰市工程移民中心…
    # 挂职干部领队吴芳,县人大常委会主任胡勇,县政协主席阮登香出席.
    text = (
        "4月19日,郧西县代表团赴平谷区对接对口协作工作。"
        "北京市平谷区委书记唐海龙,区委副书记、区长狄涛,湖北省郧西县委书记查宏,"
        "十堰市工程移民中心党组书记、主任、湖北省第八批对口协作赴京挂职干部领队吴芳,"
        "县人大常委会主任胡勇,县政协主席阮登香出席。"
    )

    result = extract(text, published=datetime.date(2023, 4, 20))

    names = [(name, title) for name, title, _side, _role in people(result)]
    assert names[:3] == [("唐海龙", "北京市平谷区委书记"), ("狄涛", "区委副书记、区长"), ("查宏", "湖北省郧西县委书记")]
    assert ("胡勇", "县人大常委会主任") in names
    assert any("没有读出" in warning for warning in result.warnings)


def test_what_a_briefer_says_after_the_briefing_is_one_more_point_of_it():
    # 251: 马迎民简要介绍了医院发展现状及下一步合作方向。他表示,将充分发挥自身优势,… — a speech goes on
    # until another speaker is named (the corpus convention of issue 14): one briefing, two points.
    text = (
        "4月19日,市委书记党晓龙与首都医科大学附属北京佑安医院党委副书记、院长马迎民一行举行工作座谈。\n"
        "马迎民简要介绍了医院发展现状及下一步合作方向。他表示,将充分发挥自身优势,持续深化与保定市对接合作。"
    )

    result = extract(text, published=datetime.date(2024, 4, 20))

    speeches = [speech for meeting in result.meetings for speech in meeting.speeches] + result.other_speeches
    assert [(s.name, s.kind, [p.text for p in s.points]) for s in speeches] == [
        (
            "马迎民",
            SpeechKind.BRIEFING,
            ["医院发展现状及下一步合作方向", "将充分发挥自身优势,持续深化与保定市对接合作"],
        ),
    ]


def test_what_a_briefer_says_after_a_briefing_and_thanks_stays_in_the_briefing():
    # 218: 查宏介绍对口协作工作情况,并向平谷给予郧西大力支持和无私援助表示感谢。他表示,开展对口协作以来,…
    text = (
        "4月19日,郧西县代表团赴平谷区对接对口协作工作。湖北省郧西县委书记查宏出席。\n"
        "查宏介绍对口协作工作情况,并向平谷给予郧西大力支持和无私援助表示感谢。"
        "他表示,开展对口协作以来,项目援建成效显著,产业帮扶硕果累累。"
    )

    result = extract(text, published=datetime.date(2023, 4, 20))

    speeches = [speech for meeting in result.meetings for speech in meeting.speeches] + result.other_speeches
    assert [(s.name, s.kind) for s in speeches] == [("查宏", SpeechKind.BRIEFING)]
    assert speeches[0].points[0].text == "对口协作工作情况"
    assert speeches[0].points[-1].text == "开展对口协作以来,项目援建成效显著,产业帮扶硕果累累"


def test_a_briefing_going_on_in_the_next_sentence_is_one_more_point():
    # 206: 王凌航副院长向来访团队详细介绍了…的情况。在介绍过程中,他重点阐述了地坛医院的综合转型之路…
    text = (
        "6月16日,内蒙古自治区第四医院院长郑兰兵、副院长王芙蓉带队一行7人到北京地坛医院交流访问。\n"
        "北京地坛医院院长金荣华、副院长王凌航与来访人员进行深入座谈交流。\n"
        "王凌航副院长向来访团队详细介绍了地坛医院77年的历史沿革、学科建设等方面的情况。"
        "在介绍过程中,他重点阐述了地坛医院的综合转型之路以及“一核一主一创”的发展模式,为内蒙古自治区第四医院提供了借鉴。"
    )

    result = extract(text, published=datetime.date(2024, 6, 20))

    speech = next(s for m in result.meetings for s in m.speeches if s.name == "王凌航")
    assert (speech.kind, [p.text for p in speech.points]) == (
        SpeechKind.BRIEFING,
        ["地坛医院77年的历史沿革、学科建设等方面的情况", "地坛医院的综合转型之路以及“一核一主一创”的发展模式"],
    )


def test_who_tells_the_visitors_something_is_a_host_when_the_post_names_no_place():
    # 206: 王凌航副院长向来访团队详细介绍了…; 187: 通过出入境边防检查站副站长李勇的讲解,调研团了解到…
    told = (
        "6月16日,内蒙古自治区第四医院院长郑兰兵、副院长王芙蓉带队一行7人到北京地坛医院交流访问。\n"
        "王凌航副院长向来访团队详细介绍了地坛医院77年的历史沿革、学科建设等方面的情况。"
    )
    shown = (
        "7月15日,北京大学蒙古学研究中心主任王浩教授带领调研团赴内蒙古包头市、巴彦淖尔市调研。\n"
        "在甘其毛都口岸,通过出入境边防检查站副站长李勇的讲解,调研团了解到口岸跨境铁路建设的最新进展。"
    )

    hosts = people(extract(told, published=datetime.date(2024, 6, 20)))
    guides = people(extract(shown, published=datetime.date(2024, 7, 20)))

    assert ("王凌航", "副院长", H, ParticipantRole.ATTENDING) in hosts
    assert ("李勇", "出入境边防检查站副站长", H, ParticipantRole.ATTENDING) in guides


def test_a_gift_is_social_help_when_a_company_or_association_gives_it_not_a_government():
    # 199: 袁秀江代表东城人民政府向巴中市人民政府捐赠扶贫资金100万元; 205: 昌平区向太仆寺旗捐赠京蒙协作资金;
    # 124: 开展调研、慰问、捐赠系列活动 — none is 社会帮扶. 176: 通州区红十字会向奈曼旗红十字会捐赠款物 is.
    def topics(sentence):
        return sorted(topic.name for topic in extract(sentence).topics)

    assert topics("座谈会上,袁秀江代表东城人民政府向巴中市人民政府捐赠扶贫资金100万元。") == []
    assert topics("现场还举行了昌平区向太仆寺旗捐赠京蒙协作资金捐赠仪式。") == []
    assert topics("代表团开展调研、慰问、捐赠系列活动。") == []
    assert topics("通州区红十字会向奈曼旗红十字会捐赠款物签约仪式在奈曼宾馆隆重举行。") == ["社会帮扶"]
    assert topics("六里屯商会企业为幸福院和贫困户捐赠了棉被棉褥。") == ["社会帮扶"]


def test_a_group_of_leaders_keeps_its_label_as_printed_with_tongzhi():
    # 217: …呼和浩特市副市长焦鸿及自治区发改委、…、自治区人民医院等有关单位领导同志出席仪式 (as 200's 通州区四大班子
    # 领导同志 and the corpus's …负责同志); 王国相同志 is the person.
    text = (
        "3月9日,北京友谊医院内蒙古医院建设项目开工奠基仪式在呼和浩特市举行。"
        "北京友谊医院院长张澍田,呼和浩特市副市长焦鸿及自治区发改委、自治区财政厅等有关单位领导同志出席仪式。"
    )

    titles = [(person.name, person.title) for person in extract(text).participants]

    assert ("", "自治区发改委、自治区财政厅等有关单位领导同志") in titles
    assert ("", "自治区发改委、自治区财政厅等有关单位领导") not in titles
    assert parse_people("副市长王国相同志", REGIONS)[0].name == "王国相"


def test_a_name_first_printed_with_its_post_in_a_sentence_read_for_nothing_else_keeps_that_post():
    # 194: 出发前,中心党支部书记、主任赵海燕等领导与援蒙医师周琼亲切交谈…。…”周琼表示。
    text = (
        "出发前,中心党支部书记、主任赵海燕等领导与援蒙医师周琼亲切交谈。\n"
        "“有信心完成这次支援任务,争取为当地医疗事业贡献自己的一份力量”,周琼表示。"
    )

    result = extract(text, published=datetime.date(2024, 3, 1))

    assert [(s.name, s.title) for s in result.other_speeches] == [("周琼", "援蒙医师")]
    assert ("周琼", "援蒙医师") in [(person.name, person.title) for person in result.participants]


# --- unnamed groups ---------------------------------------------------------------------------


def test_the_people_a_leader_takes_along_told_by_what_they_are_are_one_group_without_their_count():
    # 212: …赵雅娟带领所属各协会艺术家近20人走进内蒙古苏尼特右旗…; 187: …王浩教授带领国别和区域研究专业及
    # 亚非语言文学专业研究生,沿着包头-…-呼和浩特一线…
    artists = (
        "近期,北京经开区文联主席赵雅娟带领所属各协会艺术家近20人走进内蒙古苏尼特右旗,"
        "进行为期3天的主题采风调研活动。"
    )
    students = (
        "7月15日,北京大学蒙古学研究中心主任王浩教授带领国别和区域研究专业及亚非语言文学专业研究生,"
        "沿着包头-乌拉特中旗-甘其毛都-呼和浩特一线,围绕口岸经济等主题,考察中蒙口岸发展现状。"
    )

    by_artists = people(extract(artists, published=datetime.date(2024, 8, 1)))
    by_students = people(extract(students, published=datetime.date(2024, 7, 20)))

    assert ("", "所属各协会艺术家", V, MEMBER) in by_artists
    assert by_students == [
        ("王浩", "北京大学蒙古学研究中心主任", V, LEADER),
        ("", "国别和区域研究专业及亚非语言文学专业研究生", V, MEMBER),
    ]


def test_what_a_leader_takes_along_is_no_group_unless_it_ends_with_people_and_no_verb_is_a_name():
    # Bodies or things taken along are no people (带领企业, 带领项目); 带领国别 is no name (it was read as
    # one after 王浩教授 when the words after 带领 joined a list).
    text = "7月15日,北京市东城区副区长张三带领辖区企业赴内蒙古兴安盟考察调研。"

    found = people(extract(text, published=datetime.date(2024, 7, 20)))

    assert found == [("张三", "北京市东城区副区长", V, LEADER)]
    assert not any(name.startswith("带领") for name, *_ in found)
    assert parse_people("中心主任王浩教授带领国别", REGIONS) is None


def test_an_unnamed_group_going_on_with_people_named_by_what_they_are_is_one_group_and_talks_opened_by_jiu():
    # 206: 北京地坛医院院长金荣华、副院长王凌航,医务处、科技处、检验科、院办等职能部门负责人及临床专家就…与来访人员
    # 进行深入座谈交流 (as 131's 市科技局、市农林研究所相关科室负责人及专家 is one group).
    text = (
        "6月16日,内蒙古自治区第四医院院长郑兰兵、副院长王芙蓉带队一行7人到北京地坛医院交流访问。"
        "北京地坛医院院长金荣华、副院长王凌航,医务处、科技处、检验科、院办等职能部门负责人及临床专家就传染病医院"
        "医疗水平、学科建设、人才培养、科研教学等方面与来访人员进行深入座谈交流。"
    )

    found = people(extract(text, published=datetime.date(2024, 6, 20)))

    attending = ParticipantRole.ATTENDING
    assert found[2:] == [
        ("金荣华", "北京地坛医院院长", H, attending),
        ("王凌航", "副院长", H, attending),
        ("", "医务处、科技处、检验科、院办等职能部门负责人及临床专家", H, attending),
    ]


def test_people_named_by_what_they_are_alone_or_words_that_are_no_people_make_no_group():
    # 临床专家 alone names no body: no group to record; 全程 after 及 is how they took part, not people.
    assert parse_people("临床专家", REGIONS) is None
    assert parse_people("医务处、科技处等职能部门负责人及全程", REGIONS) is None
    # 就 opens the talks only when the hosts talk with the visitors: 双方就…与… is nobody's list.
    text = (
        "6月16日,内蒙古自治区第四医院院长郑兰兵带队一行7人到北京地坛医院交流访问。"
        "双方就传染病医院医疗水平与来访人员进行深入座谈交流。"
    )
    assert [name or title for name, title, *_ in people(extract(text))] == ["郑兰兵"]


def test_an_unnamed_group_talked_with_is_read_when_its_bodies_are_listed():
    # 203: 在与当地团旗委、市场监督管理局、农业局负责人的座谈交流会上,团队成员们将发现的问题进行了反馈。
    listed = "在与当地团旗委、市场监督管理局、农业局负责人的座谈交流会上,团队成员们将发现的问题进行了反馈。"
    # A lone 相关负责人, or one body's, with nothing listed, is still nobody to record.
    lone = "在与当地相关负责人的座谈交流会上,团队成员们将发现的问题进行了反馈。"

    titles = [(p.name, p.title) for p in extract(listed).participants]

    assert titles == [("", "当地团旗委、市场监督管理局、农业局负责人")]
    assert extract(lone).participants == []


# --- people the report names by surname, and what they told ------------------------------------


def test_someone_named_by_surname_and_post_is_kept_for_the_reviewer_to_complete():
    # 177: 参观完校园,潘书记热情地为大家讲述北京理工附属中学的校史! … 语文组组长柳老师在有忙之中向一中教师们介绍
    # 语文组构驾与发展思路! — done with a stop tells when, no stop; 第二天,… is the narration again.
    text = (
        "抵京后,一中教师队伍受到了北京理工附属中学教师们的热烈欢迎。\n"
        "参观完校园,潘书记热情地为大家讲述北京理工附属中学的校史!\n"
        "第二天,一中教师们开启了听课行动!\n"
        "语文组组长柳老师在有忙之中向一中教师们介绍语文组构驾与发展思路!"
    )

    result = extract(text)

    assert [(s.name, s.title, s.kind, [p.text for p in s.points]) for s in result.other_speeches] == [
        ("潘", "书记", SpeechKind.BRIEFING, ["北京理工附属中学的校史"]),
        ("柳", "语文组组长", SpeechKind.BRIEFING, ["语文组构驾与发展思路"]),
    ]
    assert [(p.name, p.title, p.doubts[:1]) for p in result.participants] == [
        ("潘", "书记", ["报道只写了姓“潘”：请补全姓名"]),
        ("柳", "语文组组长", ["报道只写了姓“柳”：请补全姓名"]),
    ]
    assert result.site_visits == []


def test_a_word_opening_a_post_is_no_surname_and_a_full_name_has_no_surname_doubt():
    # 原书记 (the former secretary), 代院长 (acting): no one named; 王浩 is a whole name.
    assert parse_people("原书记", REGIONS) is None
    assert parse_people("代院长", REGIONS) is None
    assert [(p.name, p.title) for p in parse_people("副校长王老师", REGIONS)] == [("王", "副校长")]
    result = extract("参观完校园,中心主任王浩教授为大家讲述学校的校史!")
    assert [(p.name, p.doubts) for p in result.participants] == [("王浩", [])]


def test_people_told_by_whose_they_are_and_how_many_as_a_sentences_subject_are_one_group_each():
    # 174: 9月3日早上4点30分起,房山区赴内蒙古突泉县的7名教师和赴内蒙古察右中旗的7名教师分两批从区教委集中出发;
    # 215: 研学团抵达海拉尔后,当地新海中学的二十余位同学身着民族服装,为远道而来的北京师生献上…哈达。
    teachers = (
        "2021年,房山区共选派了14名教师赴内蒙古两地支教。\n"
        "9月3日早上4点30分起,房山区赴内蒙古突泉县的7名教师和赴内蒙古察右中旗的7名教师分两批从区教委集中出发。"
    )
    pupils = (
        "7月22日,北京组织来自东城、海淀五区的三百余名师生前往内蒙古海拉尔国家研学基地,开展研学活动。\n"
        "研学团抵达海拉尔后,当地新海中学的二十余位同学身着民族服装,为远道而来的北京师生献上蓝色哈达。"
    )

    sent = people(extract(teachers, published=datetime.date(2021, 9, 10)))
    hosted = people(extract(pupils, published=datetime.date(2024, 8, 5)))

    assert ("", "房山区赴内蒙古突泉县的7名教师", V, MEMBER) in sent
    assert ("", "赴内蒙古察右中旗的7名教师", V, MEMBER) in sent
    assert ("", "当地新海中学的二十余位同学", H, ParticipantRole.ATTENDING) in hosted


def test_a_clause_about_people_or_the_visitors_told_again_before_the_lead_is_no_group():
    # 178: 北京市每年选派100人以上的党政干部… (what is done with people); 215: 这批十二三岁的少年,… and, before
    # the lead, 今年夏天,北京的300余名中学生在…度过了… (the visitors told again).
    text = (
        "今年夏天,北京的300余名中学生在内蒙古海拉尔度过了一段难忘的研学时光。\n"
        "7月22日,北京组织来自东城、海淀五区的三百余名师生前往内蒙古海拉尔国家研学基地,开展研学活动。\n"
        "这批十二三岁的少年,原本还有些许害羞。\n"
        "北京市每年选派100人以上的党政干部,到内蒙古挂职。"
    )

    titles = [title for _name, title, *_ in people(extract(text, published=datetime.date(2024, 8, 5)))]

    assert titles == ["来自东城、海淀五区的三百余名师生"]


def test_a_lecture_is_no_talk_of_the_meeting_before_it_and_the_lecturer_came_to_teach():
    # 160: 林乐光校长与…校长张亦文…进行会谈,… / 第五、六节课,苹中相玉德老师为罕中高二1000多名学生做了一堂“…”讲座,
    # 介绍了高效学习地理知识的方法……得到了罕中同学们阵阵掌声
    text = (
        "2019年5月7日,教师团队一行九人在林乐光校长带领下,赴内蒙古宁城县进行教育教学交流。\n"
        "林乐光校长与宁城县高级中学校长张亦文进行会谈,在学校管理等方面进行深度交流。\n"
        "第五、六节课,苹中相玉德老师为罕中高二1000多名学生做了一堂“自然地理环境对人类活动的影响”讲座,"
        "介绍了高效学习地理知识的方法……得到了罕中同学们阵阵掌声。\n"
        "第七节课,宁城县教育局局长王明为全体教师做了一场讲座,介绍了全县的教育情况。"
    )

    for form in (text, folded(text)):
        result = extract(form, published=datetime.date(2019, 5, 20))

        assert [s.speeches for s in result.meetings] == [[]]
        assert [(s.name, s.title, [p.text for p in s.points]) for s in result.other_speeches] == [
            ("相玉德", "老师", ["高效学习地理知识的方法"]),
            ("王明", "宁城县教育局局长", ["全县的教育情况"]),
        ]
        assert ("相玉德", "老师", V, MEMBER) in people(result)
        # A lecturer whose post names the hosts' place stays a host.
        assert ("王明", "宁城县教育局局长", H, ParticipantRole.ATTENDING) in people(result)


def test_a_lecture_told_by_the_fields_it_covered_is_a_briefing_whose_point_is_those_fields():
    # 193: 邀请商务部研究院外国投资研究所所长、跨国公司研究中心主任马宇从三大因素…以及区域招商引资的五大举措等方面
    # 作了系统辅导。三是… — the next thing the report lists is none of the lecturer's words.
    text = (
        "二是2月9日举办招商引资暨优化营商环境专题讲座。邀请商务部研究院外国投资研究所所长、跨国公司研究中心主任马宇"
        "从三大因素将对全球政治经济格局产生重大影响以及区域招商引资的五大举措等方面作了系统辅导。"
        "三是全盟上下认真贯彻落实大会精神,立即行动。"
    )

    result = extract(text)

    assert [(s.name, s.title, s.kind, [p.text for p in s.points]) for s in result.other_speeches] == [
        (
            "马宇",
            "商务部研究院外国投资研究所所长、跨国公司研究中心主任",
            SpeechKind.BRIEFING,
            ["三大因素将对全球政治经济格局产生重大影响以及区域招商引资的五大举措等方面"],
        )
    ]
    # From a place or a side, with no lecture after it, is nobody's briefing.
    assert extract("会议从产业、消费等方面作出了部署。").other_speeches == []


def test_a_total_told_again_as_the_groups_that_make_it_up_is_those_groups():
    # 174: 房山区共选派了14名教师赴内蒙古两地支教 … 房山区赴内蒙古突泉县的7名教师和赴内蒙古察右中旗的7名教师分两批…出发
    lead = "2021年,房山区共选派了14名教师赴内蒙古两地支教。\n"
    split = "9月3日早上4点30分起,房山区赴内蒙古突泉县的7名教师和赴内蒙古察右中旗的7名教师分两批从区教委集中出发。"
    # Groups that do not add up to the total are others: the total stays.
    other = "9月3日早上4点30分起,房山区赴内蒙古突泉县的5名教师和赴内蒙古察右中旗的7名教师分两批从区教委集中出发。"

    def titles(text):
        return [title for _name, title, *_ in people(extract(text, published=datetime.date(2021, 9, 10)))]

    assert titles(lead + split) == ["房山区赴内蒙古突泉县的7名教师", "赴内蒙古察右中旗的7名教师"]
    assert titles(lead + other) == ["14名教师", "房山区赴内蒙古突泉县的5名教师", "赴内蒙古察右中旗的7名教师"]


def test_someone_invited_to_attend_is_read_and_attends_rather_than_travels_in_the_group():
    # 206: …带队一行7人到北京地坛医院交流访问,内蒙古自治区医疗管理中心主任李桂梅应邀出席交流活动。
    lead = "6月16日,内蒙古自治区第四医院院长郑兰兵、副院长王芙蓉带队一行7人到北京地坛医院交流访问,"
    invited = lead + "内蒙古自治区医疗管理中心主任李桂梅应邀出席交流活动。"
    # Not invited: whoever of the visitors' side attends is of the group, as before.
    plain = lead + "内蒙古自治区医疗管理中心主任李桂梅出席交流活动。"

    assert ("李桂梅", "内蒙古自治区医疗管理中心主任", V, ParticipantRole.ATTENDING) in people(extract(invited))
    assert ("李桂梅", "内蒙古自治区医疗管理中心主任", V, MEMBER) in people(extract(plain))


def test_the_hosts_who_receive_an_inspection_attend_it_as_one_group_as_printed():
    # 166: 市卫健委副主任魏波、副主任樊寅熙陪同检查,北京中医医院内蒙古医院部分领导班子成员及相关职能科室主任迎接检查。
    text = "市卫健委副主任魏波、副主任樊寅熙陪同检查,北京中医医院内蒙古医院部分领导班子成员及相关职能科室主任迎接检查。"

    titles = [(p.name, p.title, p.role) for p in extract(text).participants]

    assert ("", "北京中医医院内蒙古医院部分领导班子成员及相关职能科室主任", ParticipantRole.ATTENDING) in titles
    # The heads of the bodies concerned are a group; 相关负责人 with no body is still no one; staff who 迎接 guests
    # (196: 医院全体职工…迎接北京来客) are no attendance.
    assert [p.title for p in parse_people("相关职能科室主任", REGIONS)] == ["相关职能科室主任"]
    assert parse_people("相关负责人", REGIONS) is None
    assert extract("医院全体职工以昂扬向上的精神风貌迎接北京来客。").participants == []


def test_a_group_setting_out_on_a_journey_told_as_a_noun_goes_to_the_place_before_zhixing():
    # 177: 前期一中一行12名教师在乌兰浩特市火车站集合,开始了为期七天的北京之行。
    lead = "2003年10月9日晚18点,前期一中一行12名教师在乌兰浩特市火车站集合,开始了为期七天的{}之行。"

    result = extract(lead.format("北京"))

    assert result.is_trip is True
    assert [place.name for place in result.delegation.destinations] == ["北京市"]
    # Where they gathered is not where they went, and a guessed origin is said to be guessed.
    assert result.delegation.origin.name == "乌兰浩特市"
    assert any(warning.startswith("出发地：") for warning in result.warnings)
    # A journey that names no place (128: 这是一次取经问道之行) is no trip; nor a journey inside one side.
    assert extract(lead.format("取经问道")).is_trip is False
    inside = extract(lead.format("鄂尔多斯市"))
    assert inside.is_trip is False
    # The refusal says why, rather than that no trip sentence was found.
    assert "没有写出发地" in inside.reason
    # Gathering alone is no journey.
    assert extract("前期一中一行12名教师在乌兰浩特市火车站集合。").is_trip is False


def test_a_ceremony_where_someone_of_the_other_side_attends_and_speaks_is_their_trip_there():
    # 217: …建设项目开工奠基仪式在呼和浩特市举行。…院长张澍田出席并讲话，…出席仪式。
    event = "2025年3月9日，首都医科大学附属北京友谊医院内蒙古医院建设项目开工奠基仪式在呼和浩特市举行。"
    attended = (
        "北京市医院管理中心党委常委、副主任樊世民，首都医科大学附属北京友谊医院党委副书记、院长张澍田{}，"
        "呼和浩特市副市长焦鸿出席仪式。"
    )

    result = extract(event + attended.format("出席并讲话"))

    assert result.is_trip is True
    assert result.delegation.origin.name == "北京市"
    assert [place.name for place in result.delegation.destinations] == ["呼和浩特市"]
    assert [(p.name, p.role) for p in result.participants if p.role == ParticipantRole.LEADER] == [
        ("张澍田", ParticipantRole.LEADER)
    ]
    assert any("仪式" in warning and "请核对" in warning for warning in result.warnings)
    # Attending alone tells nothing of who travelled; nor does one of the place's own side speaking.
    assert extract(event + attended.format("")).is_trip is False
    assert extract(event + "呼和浩特市副市长焦鸿出席并讲话。").is_trip is False
    # 170: a ceremony at a hotel of Beijing, attended by people of Beijing.
    assert (
        extract(
            "6月24日上午，北京百车自驾乌兰察布行旅游自驾活动发车仪式在石景山景园假日酒店举办，"
            "北京市石景山区副区长王某出席并讲话。"
        ).is_trip
        is False
    )


def test_an_event_named_again_by_a_few_words_of_its_name_is_the_same_event():
    # 217: …建设项目开工奠基仪式在呼和浩特市举行。…开工仪式由…副主任隋晓杰主持。
    lead = (
        "2025年3月9日，首都医科大学附属北京友谊医院内蒙古医院建设项目{}在呼和浩特市举行。"
        "首都医科大学附属北京友谊医院党委副书记、院长张澍田出席并讲话。"
    )
    chaired = "{}由自治区卫生健康委党组成员、副主任隋晓杰主持。"

    same = extract(lead.format("开工奠基仪式") + chaired.format("开工仪式"))

    assert [(m.title, m.chair) for m in same.meetings] == [
        ("首都医科大学附属北京友谊医院内蒙古医院建设项目开工奠基仪式", "隋晓杰")
    ]
    # Another event of the same noun is another event.
    other = extract(lead.format("揭牌仪式") + chaired.format("签约仪式"))
    assert [m.title for m in other.meetings] == ["首都医科大学附属北京友谊医院内蒙古医院建设项目揭牌仪式", "签约仪式"]


def test_people_told_by_their_place_who_came_to_an_event_of_the_other_side_made_a_trip_there():
    # 115: 2025扎赉特旗农牧民那达慕,7日在内蒙古自治区兴安盟扎赉特旗巴达尔胡赛马场开幕…这些北京孩子跨越千里来草原
    event = "2025扎赉特旗农牧民那达慕，7日在内蒙古自治区兴安盟扎赉特旗巴达尔胡赛马场开幕。"
    arrival = "这些{}孩子跨越千里来草原，只为参加一场那达慕大会。"

    result = extract(event + arrival.format("北京"))

    assert result.is_trip is True
    assert result.delegation.origin.name == "北京市"
    assert [(p.name, p.parents) for p in result.delegation.destinations] == [("扎赉特旗", ["内蒙古自治区", "兴安盟"])]
    assert result.delegation.kind == DelegationKind.OTHER
    assert any("推断来访，请核对" in warning for warning in result.warnings)
    # Children of the event's own side; an arrival with no event of the other side before it.
    assert extract(event + arrival.format("呼和浩特")).is_trip is False
    assert extract(arrival.format("北京")).is_trip is False
    # 198: experts told without their place, sent to the banner over the years, make no trip.
    assert (
        extract(event + "北京市先后选派141位医疗专家前来该旗开展对口医疗帮扶工作。").is_trip is False
    )


def test_a_programme_of_several_regions_with_no_trip_sentence_is_refused_saying_so():
    # 216: 千余名来自西藏、新疆、青海、内蒙古四地的学生来到首都北京 (the camp of two 包头 schools is told
    # within it, with no sentence of who went where): refused, the editor told why.
    text = (
        "2025年7月10日，2025年京藏疆青蒙“融铸式”教育协作系列活动正式开启，"
        "千余名来自西藏、新疆、青海、内蒙古四地的学生来到首都北京，与北京的学生一起开启艺术周、科技夏令营等活动。"
    )

    result = extract(text)

    assert result.is_trip is False
    assert "多地共同参加的活动（来自西藏、新疆、青海、内蒙古四地）" in result.reason
    # A text of no trip that names no such programme keeps the plain reason.
    assert extract("京蒙协作工作要点印发。").reason.startswith("没有找到代表团")


# Every text of no trip, the held-out quarter's included since it became development material.
NOT_TRIPS = [case for case in load_cases(CORPUS) if not case[3]["is_trip"]]


@pytest.mark.parametrize("case", NOT_TRIPS, ids=lambda case: case[0])
def test_a_text_of_no_trip_is_refused_in_either_punctuation(case):
    # The rules that read a trip framed its own way (…之行, a ceremony, an arrival) read none in policy news,
    # donation drives, work plans, visits inside one side or from outside both.
    _name, text, published, _expected = case

    assert extract(text, published=published).is_trip is False
    assert extract(folded(text), published=published).is_trip is False


def test_a_group_named_by_what_it_goes_to_do_is_the_delegation():
    # 221: …率北京市政协…宣讲团到内蒙古兴安盟学习考察 — 宣讲团, 采风团 and 写生团 are groups as 研学团 is.
    text = "10月9日，北京市东城区政协副主席王明率东城区政协乡村振兴宣讲团到内蒙古阿尔山市学习考察。"

    result = extract(text, published=datetime.date(2024, 10, 12))

    assert result.delegation.name == "东城区政协乡村振兴宣讲团"
    assert [(person.name, person.title) for person in result.delegation.leaders] == [("王明", "北京市东城区政协副主席")]


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_a_list_of_stops_closed_by_what_they_are_is_several_stops(form):
    # 224: 先后参观了乌梁素海、秦汉长城遗址、增隆昌古城遗址、大桦背等景点 — the closing 等景点 vouches for
    # each item being a place, though 海 or 背 ends no place name the reader knows.
    text = (
        "7月6日，北京市延庆区文联一行到内蒙古兴和县采风。"
        "采风团抵达兴和县后，先后参观了苏木山、察汗淖尔、大青山等景点。"
    )
    text = in_form(form, text)

    result = extract(text, published=datetime.date(2024, 7, 9))

    assert [visit.place for visit in result.site_visits] == ["苏木山", "察汗淖尔", "大青山"]
    # A list closed by 等 alone vouches for nothing: its items must look like places themselves.
    alone = extract("7月6日，北京市延庆区文联一行到兴和县，先后参观了苏木山、推动协作等。")
    assert [visit.place for visit in alone.site_visits] == []


def test_a_pupil_named_with_a_class_number_speaks():
    # 228: 和田市第一小学六年级（4）班学生张远航说：“…” — a class number belongs to the post; a date
    # before a post does not.
    text = (
        "7月3日，北京市东城区教委一行到科右前旗调研。\n"
        "科右前旗第一小学六年级（4）班学生张华说：“我很喜欢北京的老师。”"
    )

    result = extract(text, published=datetime.date(2024, 7, 5))

    speeches = [(speech.name, speech.title) for speech in result.other_speeches]
    assert speeches == [("张华", "科右前旗第一小学六年级（4）班学生")]
    assert parse_people("2024年4月1日昌平区委书记赵志刚", REGIONS) is None


def test_officials_who_take_one_part_or_the_other_are_read_with_the_first():
    # 223: …杜汇良随同调查或参加交流会 — 或 between two parts ends no name; the first part is said of all.
    text = (
        "9月17日，北京市大兴区委书记王明率大兴区党政代表团到察右前旗调研。"
        "旗委常委、副旗长张华，旗政府办主任李强陪同考察或参加交流会。"
    )

    result = extract(text, published=datetime.date(2024, 9, 20))

    assert [(person.name, person.role) for person in result.participants if person.side == H] == [
        ("张华", ParticipantRole.ACCOMPANYING),
        ("李强", ParticipantRole.ACCOMPANYING),
    ]


def test_a_district_named_short_after_its_city_is_where_the_group_comes_from():
    # 223: …率北京顺义党建访问团到科左中旗… — 北京顺义 is 顺义区; 北京朝阳医院 (196) stays the city's.
    text = "9月17日，北京顺义区委书记王明率北京顺义党建访问团到科左中旗调研。"
    hospital = "10月8日，北京朝阳医院副院长王明带领专家一行13人莅临内蒙古自治区胸科医院调研交流。"

    assert extract(text).delegation.origin.name == "顺义区"
    assert extract(hospital).delegation.origin.name == "北京市"


def test_a_text_of_no_trip_is_dated_by_the_day_it_opens_with_not_by_a_later_year():
    # 225: 11月14日，记者从…了解到… then 据介绍，2018年，… — the day printed, its year from the page.
    text = (
        "11月14日，记者从内蒙古自治区扶贫办了解到，北京市通州区今年向翁牛特旗捐赠资金500万元。\n"
        "据介绍，2018年，通州区实施了37个项目。"
    )

    date = extract(text, published=datetime.date(2018, 11, 16)).date

    assert (date.start, date.precision, date.inferred) == (datetime.date(2018, 11, 14), DatePrecision.DAY, True)


def test_a_text_of_no_trip_with_no_page_date_takes_the_year_its_first_sentence_writes():
    # 228: 7月23日，…开展的2025年和田市…研学游学活动圆满结束 — no page date; the year in the sentence.
    text = "7月23日，在北京市援疆和田指挥部的支持下，和田市教育局开展的2025年研学活动圆满结束。"

    date = extract(text).date

    assert (date.start, date.inferred) == (datetime.date(2025, 7, 23), True)


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_kinds_of_people_a_leader_takes_along_are_each_a_group_and_the_count_is_no_one(form):
    # 222: 徐桂敏带领平谷区妇女就业发展促进会成员、童行亲子志愿家庭等一行30余人到… — two groups as
    # printed; …负责同志一行 is one group, 一行 no one's name.
    text = "9月3日，北京市平谷区妇联主席王芳带领区妇女创业促进会成员、亲子志愿家庭等一行30余人到商都县开展帮扶活动。"
    bodies = "9月3日，北京市平谷区委书记王明带领区委办、区发改委负责同志一行到商都县考察。"
    text, bodies = in_form(form, text, bodies)

    taken = [(person.name, person.title) for person in extract(text).participants if person.role == MEMBER]
    sent = [(person.name, person.title) for person in extract(bodies).participants if person.role == MEMBER]

    assert taken == [("", "区妇女创业促进会成员"), ("", "亲子志愿家庭")]
    assert sent == [("", "区委办、区发改委负责同志")]


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_a_group_organised_by_a_body_and_dated_before_its_journey_is_read_from_its_lead(form):
    # 224: 由北京…商会组织的作家、艺术家采风团，于2013年7月6日走进内蒙古乌拉特前旗进行了为期两天的采风 —
    # who organised the group leads nothing; the day between the group and its journey; 采风 is
    # what the group went to do (其他), as 研学 is.
    text = (
        "由北京市延庆区文联组织的书法家、摄影家采风团，于2024年7月6日走进内蒙古兴和县进行了为期两天的采风。"
        "采风团抵达兴和县后，先后参观了苏木山、察汗淖尔等景点。"
    )
    text = in_form(form, text)

    result = extract(text)

    assert result.delegation.name == "书法家、摄影家采风团"
    assert result.delegation.leaders == []
    assert result.delegation.kind == DelegationKind.OTHER
    assert [place.name for place in result.delegation.destinations] == ["兴和县"]
    assert result.date.start == datetime.date(2024, 7, 6)


def test_a_warm_welcome_opens_a_remark_that_goes_on_to_the_end_of_its_paragraph():
    # 227: 刘荣山热忱欢迎王力军一行，感谢…。他指出，… — 热忱 is how warmly; the paragraph is one point.
    text = (
        "10月27日，北京市丰台区委书记王明率丰台区党政代表团到扎赉特旗考察。\n"
        "扎赉特旗委书记张华热忱欢迎王明一行，感谢丰台区的支持。他指出，两地合作成效显著。"
    )

    speeches = extract(text, published=datetime.date(2024, 10, 30)).other_speeches

    assert [(speech.name, speech.kind, [point.text for point in speech.points]) for speech in speeches] == [
        ("张华", SpeechKind.REMARK, ["热忱欢迎王明一行，感谢丰台区的支持。他指出，两地合作成效显著"])
    ]


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_artists_and_local_leaders_are_read_as_printed(form):
    # 224: 采风团由…副会长赵智（冰峰），…重彩画家成晨…等组成; …宣传部长菅永清、招商局长刘嘉耘、文联主席*晓琴、
    # 作协主席贾雨川等当地领导陪同参观，并… — a pen name after a name, an artist named by what they
    # are, local leaders after 等, and one misprinted name that leaves the others read.
    text = (
        "由北京市延庆区文联组织的采风团，于2024年7月6日走进兴和县采风。"
        "采风团由作家网总编、延庆区作协副主席赵明（海风），重彩画家成晨等组成。"
        "兴和县委宣传部长王强、招商局长刘华、文联主席*晓琴、作协主席贾雨川等当地领导陪同参观，并介绍了当地情况。"
    )
    text = in_form(form, text)

    found = {(person.name, person.title, person.role) for person in extract(text).participants}

    assert ("赵明", "作家网总编、延庆区作协副主席", MEMBER) in found
    assert ("成晨", "重彩画家", MEMBER) in found
    accompanying = {(name, title) for name, title, role in found if role == ParticipantRole.ACCOMPANYING}
    assert accompanying == {("王强", "兴和县委宣传部长"), ("刘华", "招商局长"), ("贾雨川", "作协主席")}
    # 延庆区文联一行: a federation's short name is no one's name.
    led = extract("7月6日，北京市延庆区文联一行到兴和县采风。").participants
    assert not any(person.name == "文联" for person in led)


def test_officials_under_whose_guidance_two_heads_sign_are_all_there():
    # 230: 在海淀区卫计委主任李劲涛、…等领导的指导下，我院院长杜继臣与…人民医院院长马丹签订了…协议书.
    text = (
        "7月14日，在东城区卫健委主任王强、兴安盟卫健委主任张华等领导的指导下，"
        "我院院长李明与阿尔山市人民医院院长赵刚签订了对口支援协议书。"
    )

    found = [(person.name, person.title, person.role) for person in extract(text).participants]

    assert found == [
        ("王强", "东城区卫健委主任", ParticipantRole.ATTENDING),
        ("张华", "兴安盟卫健委主任", ParticipantRole.ATTENDING),
        ("李明", "我院院长", ParticipantRole.ATTENDING),
        ("赵刚", "阿尔山市人民医院院长", ParticipantRole.ATTENDING),
    ]


def test_how_people_did_something_is_no_name_after_their_kind():
    # 228: …并与来自不同国家的留学生热情交流 — 热情 is how, not who.
    text = "7月23日，和田市师生到北京语言大学参观校园，并与来自不同国家的留学生热情交流。"

    assert [person.name for person in extract(text).participants] == []


def test_some_members_of_a_body_named_at_the_end_of_a_list_are_one_group():
    # 221: …办公室党组书记、主任马新明，以及部分市政协委员参加活动 — the members, unnamed, as printed.
    text = (
        "11月9日，北京市政协副主席王明率北京市政协宣讲团到兴安盟考察。"
        "自治区政协副主席张华，北京市政协副秘书长李强，以及部分市政协委员参加活动。"
    )

    found = [(person.name, person.title) for person in extract(text).participants]

    assert ("", "部分市政协委员") in found


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_a_stop_told_after_the_reporters_aside_by_the_body_this_time_is_a_stop(form):
    # 222: 另据了解，平谷区妇联此次一行还到四台坊子村扶贫车间慰问贫困妇女，了解… — 另据了解 is the
    # reporter's, 此次一行 the same group this time.
    text = (
        "9月3日，北京市平谷区妇联主席王芳带领区妇联干部一行到商都县开展帮扶工作。\n"
        "另据了解，平谷区妇联此次一行还到大库伦村扶贫车间慰问贫困妇女，了解当地妇女生产生活情况。"
    )
    text = in_form(form, text)

    visits = [visit.place for visit in extract(text).site_visits]

    assert visits == ["大库伦村扶贫车间"]


def test_someone_called_the_groups_leader_by_their_post_leads_it():
    # 115: 带队老师武志接受中新网记者采访时表示，… — the lead names no one; the post says who led.
    text = (
        "8月7日，一支由北京学生组成的研学团来到扎赉特旗参加那达慕。\n"
        "带队老师王明接受记者采访时表示，孩子们在这里感受到了草原文化。"
    )

    result = extract(text, published=datetime.date(2025, 8, 8))

    assert [(person.name, person.title) for person in result.delegation.leaders] == [("王明", "带队老师")]
    assert [(person.name, person.side, person.role) for person in result.participants] == [("王明", V, LEADER)]


def test_officials_accompanied_somewhere_and_the_head_a_group_is_named_by_were_there():
    # 169: 北京市委常委、常务副市长张工，…朝阳区常务副区长马继业在…副市长张爱冬的陪同下视察了…; 166: 以自治区
    # 卫健委副主任隋晓杰为组长的…督导检查组一行7人…对…进行督导调研.
    shown = (
        "展会期间，北京市副市长王明，北京市支援合作办主任李强在乌兰察布市副市长张华的陪同下视察了展销会。"
    )
    headed = "11月7日，以自治区卫健委副主任赵刚为组长的督导检查组一行7人对北京中医医院内蒙古医院进行督导。"

    assert {(person.name, person.title) for person in extract(shown).participants} == {
        ("王明", "北京市副市长"),
        ("李强", "北京市支援合作办主任"),
        ("张华", "乌兰察布市副市长"),
    }
    assert [(person.name, person.title) for person in extract(headed).participants] == [("赵刚", "自治区卫健委副主任")]


def test_people_told_one_after_another_each_opened_by_a_post_and_a_name_took_part():
    # 212: 经开区书法家协会主席刘楣洪以“…”8个字，展现了…；区美术家协会主席李耀林创作了《…》，…；区音乐家协会
    # 主席梁大南即兴创作演奏了小提琴曲 — each clause opens with a post and a name and says what they did.
    text = (
        "近期，北京经开区文联主席赵雅娟带领所属各协会艺术家近20人走进内蒙古苏尼特右旗，进行采风调研活动。"
        "经开区摄影家协会主席王强以一组草原照片，展现了两地的情谊；区舞蹈家协会主席李华现场表演了蒙古族舞蹈。"
    )

    found = {(person.name, person.title, person.side) for person in extract(text).participants}

    assert {("王强", "经开区摄影家协会主席", V), ("李华", "区舞蹈家协会主席", V)} <= found
    # One clause alone, or a speech (王明表示，…), is no such narration.
    alone = extract("近期，北京经开区文联主席赵雅娟带领艺术家走进苏尼特右旗采风。区舞蹈家协会主席李华现场表演了舞蹈。")
    assert "李华" not in {person.name for person in alone.participants}


def test_people_counted_after_the_bodies_that_sent_them_are_the_group():
    # 213: 北京市文联、内蒙古自治区文联以及多名首都艺术家一行来我市… — the bodies are units, the artists
    # the people who came, without their count.
    text = "8月25日，北京市文联、北京市作协以及多名首都艺术家一行来我市开展文化交流活动。"

    members = [(person.name, person.title) for person in extract(text).participants]

    assert members == [("", "首都艺术家")]


def test_one_group_named_by_its_place_that_the_visitors_talk_with_is_read():
    # 200: 县党政考察团和通州区四大班子领导同志进行了座谈 — one unnamed group, named by its place; a bare
    # 相关负责人 with no place is still nobody to record.
    text = "1月16日，县委书记王明率县党政考察团到北京市通州区考察。县党政考察团和通州区四大班子领导同志进行了座谈。"
    bare = "1月16日，县委书记王明率县党政考察团到北京市通州区考察。考察团和相关负责人进行了座谈。"

    assert ("", "通州区四大班子领导同志") in [(p.name, p.title) for p in extract(text).participants]
    assert "相关负责人" not in [p.title for p in extract(bare).participants]


# --- the ninth set's misses (cases 231–239), each from a sentence of its own ---------------------


def test_a_date_range_written_with_a_doubled_dash_is_a_range_of_days():
    # 235: 5月17——18日，旗政协党组书记、主席周广军带队… — the dash typed doubled, as Chinese text types it.
    text = "5月17——18日,旗政协党组书记、主席周广军带队赴杭锦后旗、五原县考察学习。"

    date = extract(text, published=datetime.date(2022, 5, 26)).date

    assert (date.start, date.end, date.precision) == (
        datetime.date(2022, 5, 17),
        datetime.date(2022, 5, 18),
        DatePrecision.DAY,
    )


def test_the_group_welcomed_is_no_one_and_the_one_who_welcomes_speaks():
    # 231: 王俊对北京市、区两级…有关负责同志一行表示热烈欢迎 — 一行 is the group, never a name (no surname is 一).
    text = (
        "7月16日,北京市副部长李强一行来到呼和浩特市考察。内蒙古自治区党委统战部常务副部长王俊对北京市、"
        "区两级党委统一战线工作领导小组有关负责同志一行表示热烈欢迎。他指出,要进一步强化理论武装。"
    )

    result = extract(text)

    assert "一行" not in [person.name for person in result.participants]
    spoken = [(s.name, s.title, s.kind) for s in result.other_speeches]
    assert spoken == [("王俊", "内蒙古自治区党委统战部常务副部长", SpeechKind.REMARK)]
    assert result.other_speeches[0].points[0].text.startswith("对北京市、区两级")


def test_the_work_a_post_is_in_charge_of_is_part_of_the_post():
    # 231: 北京市委统战部分管日常工作的副部长周开让 — 分管…的 says which post, unlike 参与义诊的专家黄少君.
    (person,) = parse_people("北京市委统战部分管日常工作的副部长周开让", REGIONS)
    (described,) = parse_people("参与义诊的专家黄少君", REGIONS)

    assert (person.name, person.title) == ("周开让", "北京市委统战部分管日常工作的副部长")
    assert (described.name, described.title) == ("黄少君", "专家")


def test_a_meeting_held_in_a_place_of_one_side_where_an_official_of_the_other_attends_and_speaks():
    # 231: …专题研讨会在内蒙古社会主义学院举行。北京市委统战部…副部长周开让出席会议并讲话 — the meeting is held
    # at a body named by its region; the Beijing official who attends and speaks came there, as at a ceremony.
    text = (
        "7月16日上午,京蒙地方党委统一战线工作领导小组专题研讨会在内蒙古社会主义学院举行。"
        "北京市委统战部分管日常工作的副部长周开让出席会议并讲话,内蒙古自治区党委统战部常务副部长王俊主持会议并讲话。"
    )
    # Attending alone tells nothing of who travelled.
    attending = text.replace("出席会议并讲话", "出席会议")

    result = extract(text)

    assert result.is_trip is True
    assert result.delegation.origin.name == "北京市"
    assert [(leader.name, leader.title) for leader in result.delegation.leaders] == [
        ("周开让", "北京市委统战部分管日常工作的副部长")
    ]
    assert [(m.title, m.place) for m in result.meetings] == [
        ("京蒙地方党委统一战线工作领导小组专题研讨会", "内蒙古社会主义学院")
    ]
    assert extract(attending).is_trip is False


def test_a_journey_with_no_origin_inside_one_side_is_refused():
    # 236: 北京市回民医院医务科带队…前往北京市延庆区康庄镇刁千营村 — the places the lead names before the
    # destination are of the destination's side: a clinic inside Beijing, whatever banner a later paragraph names.
    beijing = (
        "2019年6月13日,应康庄镇社区卫生服务中心邀请,北京市回民医院医务科带队,由内科医师杨玲所组成的多学科"
        "医疗团队,前往北京市延庆区康庄镇刁千营村,为当地百姓义诊。\n近年来,北京市回民医院派出多批医疗队支援喀喇沁旗。"
    )
    # 235: 旗政协党组书记、主席周广军带队…赴杭锦后旗、五原县、临河区 — a banner's post: banners are Inner Mongolia's.
    banner = "5月17——18日,旗政协党组书记、主席周广军带队,组织政协机关相关人员赴杭锦后旗、五原县、临河区考察学习。"
    # 132: a Beijing university's team writes no place of its own; it is still a trip.
    university = "5月20日,中国农业大学教授专家团队深入科右中旗调研指导草业科技小院建设工作。"

    for text in (beijing, banner):
        result = extract(text)
        assert result.is_trip is False
        assert "报道没有写出发地" in result.reason
    assert extract(university).is_trip is True


def test_officials_listed_between_semicolons_are_there_whatever_the_sentence_tells_of_them_after():
    # 239: …院长赵海平；…部长鲍国辉；…主任毕素清；内分泌科主任焦雪琴；…宋军平还有…等的专家为当地的50余名群众
    # 进行了义诊 — no 出席 or 参加, yet a run of posts and names, one per item, names who was there.
    text = (
        "8月2日,九三学社内蒙古自治区委员会成员赴卓资县人民医院开展义诊活动。\n赵海平院长表示将积极努力。\n"
        "九三学社内蒙古自治区常委、内蒙古自治区肿瘤医院院长赵海平;九三学社内蒙古自治区宣传部部长鲍国辉;"
        "内蒙古自治区肿瘤医院康复医学科主任毕素清;内分泌科主任焦雪琴;神经内科主任宋军平还有妇产科等的专家"
        "为当地的50余名群众进行了义诊。"
    )
    # Two items are no run: they may be anything.
    two = "内分泌科主任焦雪琴;神经内科主任宋军平还有妇产科等的专家为当地群众进行了义诊。"

    found = [(person.name, person.title) for person in extract(text).participants]

    assert found[-4:] == [
        ("鲍国辉", "九三学社内蒙古自治区宣传部部长"),
        ("毕素清", "内蒙古自治区肿瘤医院康复医学科主任"),
        ("焦雪琴", "内分泌科主任"),
        ("宋军平", "神经内科主任"),
    ]
    # The post printed short first (赵海平院长) and in full later is the full one; the speech keeps the
    # post printed with it, as the corpus reads speeches.
    assert ("赵海平", "九三学社内蒙古自治区常委、内蒙古自治区肿瘤医院院长") in found
    assert [(s.name, s.title) for s in extract(text).other_speeches] == [("赵海平", "院长")]
    assert extract(two).participants == []


def test_a_bodys_people_told_by_what_they_are_who_come_to_the_writers_city_are_a_team():
    # 234: 北京中医药大学中医学院和内蒙古医科大学部分师生来到我市,联合开展医疗志愿实践活动 — no group noun, no
    # 一行, no one named: the bodies' teachers and students are the group, from the bodies' place; volunteers'
    # work is service (其他), as 义诊 is.
    text = (
        "7月20日-21日,北京中医药大学中医学院和内蒙古医科大学部分师生来到我市,联合开展医疗志愿实践活动。"
        "来到察右前旗土贵乌拉镇卫生院,前来义诊的村民很快排起了长队。"
    )
    # With nothing the visit is for, people coming are no team.
    idle = "7月20日,北京中医药大学部分师生来到我市。"

    result = extract(text, published=datetime.date(2025, 7, 23))

    assert result.is_trip is True
    assert (result.delegation.name, result.delegation.kind) == ("", DelegationKind.OTHER)
    assert result.delegation.origin.name == "北京市"
    assert [place.name for place in result.delegation.destinations] == ["察右前旗"]
    assert people(result)[0] == ("", "北京中医药大学中医学院和内蒙古医科大学部分师生", V, MEMBER)
    assert extract(idle).is_trip is False


def test_a_team_formed_by_named_doctors_with_so_before_the_verb_is_read_even_in_a_text_of_no_trip():
    # 236: 由内科医师杨玲,内科医师关丽萍…所组成的多学科医疗团队 — 所 before 组成 is no part of the last name;
    # the trip is refused (inside Beijing), the doctors who were there are still offered.
    text = (
        "2019年6月13日,北京市回民医院医务科带队,由内科医师杨玲,内科医师关丽萍,中医科医师满运军所组成的多学科"
        "医疗团队,前往北京市延庆区康庄镇刁千营村,为当地百姓义诊。"
    )

    result = extract(text)

    assert result.is_trip is False
    assert people(result) == [
        ("杨玲", "内科医师", None, ParticipantRole.ATTENDING),
        ("关丽萍", "内科医师", None, ParticipantRole.ATTENDING),
        ("满运军", "中医科医师", None, ParticipantRole.ATTENDING),
    ]


def test_officials_who_attend_two_ceremonies_named_by_one_noun_attend():
    # 237: 市委外办、市政府外办副主任李辉、于海永,团市委相关负责同志分别出席开班和结业仪式 — 开班和结业仪式 are two
    # ceremonies sharing 仪式, attended as one is.
    text = (
        "5月14日-5月21日,北京团市委承办的党务人员培训班成功举办。团市委书记、市团校校长郑晓博出席开班仪式,"
        "市委外办、市政府外办副主任李辉、于海永,团市委相关负责同志分别出席开班和结业仪式。"
    )

    found = [(person.name, person.title) for person in extract(text).participants]

    assert found == [
        ("郑晓博", "团市委书记、市团校校长"),
        ("李辉", "市委外办、市政府外办副主任"),
        ("于海永", "市委外办、市政府外办副主任"),
        ("", "团市委相关负责同志"),
    ]


def test_what_was_seen_at_a_stop_goes_on_through_what_it_taught_or_stirred():
    # 165 (unseen-2) and 187 (unseen-4), the note cut at the first comma the last round left: …进行沉浸式游览,并深入
    # 学习了解…,探索了…; …近距离感受…,激发了孩子们…的动力 — what the stop taught or stirred is more of what was seen.
    text = (
        "7月29日,四子王旗教育体育局组织百名师生赴北京市开展研学活动。\n"
        "之后,研学团走进故宫博物院进行沉浸式游览,并深入学习了解古建筑背后的历史文化内涵,探索了源远流长的中华文明。\n"
        "随后,在清华大学的校园,学子们近距离感受北京优质教育环境,激发了孩子们学习和成长的动力。"
    )
    # A clause that moves on to something else still ends the note.
    moved_on = text.replace("激发了孩子们学习和成长的动力", "随后返回驻地")

    seen = [(visit.place, visit.seen) for visit in extract(text).site_visits]

    assert seen == [
        ("故宫博物院", "进行沉浸式游览,并深入学习了解古建筑背后的历史文化内涵,探索了源远流长的中华文明"),
        ("清华大学", "近距离感受北京优质教育环境,激发了孩子们学习和成长的动力"),
    ]
    assert [visit.seen for visit in extract(moved_on).site_visits][-1] == "近距离感受北京优质教育环境"


def test_what_was_seen_at_a_stop_is_not_the_means_it_was_learnt_by_and_goes_on_through_its_list():
    # 187 (unseen-4): 在甘其毛都口岸,通过出入境边防检查站副站长李勇的讲解,调研团了解到…动态,以及中方企业…的挑战 —
    # the briefing is how they learnt it, the group named again is no part of it, and 以及 goes on with the list.
    text = (
        "7月18日至28日,北京大学蒙古学研究中心主任王浩教授带领研究生赴包头、二连浩特开展调研。\n"
        "在甘其毛都口岸,通过出入境边防检查站副站长李勇的讲解,调研团了解到口岸跨境铁路建设的最新进展、"
        "煤矿进出口贸易动态,以及中方企业在煤炭产业运营中面临的挑战。"
    )

    seen = {visit.place: visit.seen for visit in extract(text).site_visits}

    assert seen["甘其毛都口岸"] == (
        "了解到口岸跨境铁路建设的最新进展、煤矿进出口贸易动态,以及中方企业在煤炭产业运营中面临的挑战"
    )


def test_unnamed_groups_a_leader_takes_along_joined_by_and_are_one_group_as_printed():
    # 235: …周广军带队,组织政协机关相关人员及部分苏木镇联络办、社区书记赴… — two unnamed groups joined by 及 are
    # one group as printed (as the corpus writes 131's, 137's and 166's), whatever the second is cut into.
    text = "5月17日,北京市海淀区政协主席周广军带队,组织政协机关相关人员及部分苏木镇联络办、社区书记赴杭锦后旗考察学习。"

    assert people(extract(text))[1] == ("", "政协机关相关人员及部分苏木镇联络办、社区书记", V, MEMBER)


def test_thanks_expressed_open_a_remark():
    # 238: 海淀区妇联主席车苇歆首先表达了…对丹江口市…做出的巨大牺牲表示感谢。她表示,… — 表达了…感谢 (谢意, 敬意)
    # is a remark as 对…表示感谢 is, running on through 她表示.
    text = (
        "4月12日上午,海淀区妇联与到访的湖北省丹江口市妇联在区妇女儿童活动中心展开交流座谈。\n"
        "海淀区妇联主席车苇歆首先表达了海淀区妇女和家庭对丹江口市在保护水源地上做出的努力表示感谢。"
        "她表示,饮水思源,海淀区妇联一定会大力支持。"
    )

    (speech,) = extract(text).other_speeches

    assert (speech.name, speech.title, speech.kind) == ("车苇歆", "海淀区妇联主席", SpeechKind.REMARK)
    assert speech.points[0].text.startswith("首先表达了") and speech.points[0].text.endswith("大力支持")


def test_what_was_seen_at_a_stop_goes_on_through_what_was_brought_and_a_clause_of_its_object():
    # 222 and 221 (unseen-8), notes the last round left cut at the first comma: 到商都县敬老院慰问老人,送去文艺演出 —
    # what they brought there; 详细了解企业通过…技术创新手段,助力…脱贫的模式与事例 — the rest of what they learnt.
    text = (
        "9月1日,北京市平谷区妇联党组书记、主席徐桂敏带领平谷区妇女就业发展促进会成员到内蒙古自治区商都县开展对口援建工作。\n"
        "平谷区妇联童行志愿者服务队到商都县敬老院慰问老人,送去文艺演出,演出结束后,为老人们拍照。"
    )
    learnt = (
        "11月9日,北京市政协副主席牛青山率宣讲团到内蒙古兴安盟学习考察。\n"
        "在村级秸秆造粒扶贫车间,宣讲团详细了解企业通过秸秆饲料化肥料化利用等技术创新手段,助力建档立卡贫困户脱贫的模式与事例。"
    )

    assert [visit.seen for visit in extract(text).site_visits] == ["慰问老人,送去文艺演出"]
    assert [visit.seen for visit in extract(learnt).site_visits] == [
        "详细了解企业通过秸秆饲料化肥料化利用等技术创新手段,助力建档立卡贫困户脱贫的模式与事例"
    ]


def test_a_repost_spun_with_a_synonym_machine_says_its_speeches_with_the_machines_words():
    # 223 (unseen-8): 孙军民表明,此次赶到科左中旗…; 杜汇良意味着市委市政府…对孙军民一行的来临表明欢迎 — 表明 and 意味着
    # are 表示 as the machine printed it. 意味着 before a comma (…优秀人才意味着,举办了…) is its 代表, no speech.
    text = (
        "9月17日,北京顺义区市委组织部部长、区委书记孙军民率北京顺义党建访问团到科左中旗调查。\n"
        "孙军民一行问慰了北京顺义挂职干部优秀人才意味着,举办了北京顺义对口支援科左中旗交流会。\n"
        "孙军民表明,此次赶到科左中旗,体会来到市旗各个领导人员团结奋进的优良精神面貌。\n"
        "市委副书记杜汇良意味着市委市政府对孙军民一行的来临表明欢迎。"
    )

    result = extract(text)

    spoken = [(s.name, s.kind) for meeting in result.meetings for s in meeting.speeches] + [
        (s.name, s.kind) for s in result.other_speeches
    ]
    assert spoken == [("孙军民", SpeechKind.REMARK), ("杜汇良", SpeechKind.REMARK)]
    assert "优秀人才" not in [person.name for person in result.participants]


def test_who_chairs_the_event_a_trip_was_read_from_chairs_it():
    # 231: …周开让出席会议并讲话,…王俊主持会议并讲话 — the sentence the trip was read from tells of no journey; it is
    # the meeting's, read for who chaired it and spoke.
    text = (
        "7月16日上午,京蒙地方党委统一战线工作领导小组专题研讨会在内蒙古社会主义学院举行。"
        "北京市委统战部分管日常工作的副部长周开让出席会议并讲话,内蒙古自治区党委统战部常务副部长王俊主持会议并讲话。\n"
        "周开让强调,要始终坚持“看北京首先要从政治上看”的要求。"
    )

    (meeting,) = extract(text).meetings

    assert meeting.chair == "王俊"
    spoken = [(s.name, s.kind) for s in meeting.speeches]
    assert spoken == [("王俊", SpeechKind.CHAIRING), ("周开让", SpeechKind.EMPHASIS)]


def test_a_day_with_no_year_takes_the_year_that_opens_the_name_of_the_event_that_day():
    # 189 (unseen-4), left by the last round: 5月11日,2025北京·内蒙古锡林郭勒盟…推介会在北京民族文化宫成功举办 — no
    # page date, no 年: the year printed at the head of the event's name, inferred.
    text = "初夏的京城。5月11日,2025北京·内蒙古锡林郭勒盟二连浩特市旅游推介会在北京民族文化宫成功举办。"
    # A number that is no year (2025名, 2025年 already read) gives none.
    counted = "5月11日,1999名游客参加了锡林郭勒盟旅游推介会。"

    date = extract(text).date

    assert (date.start, date.precision, date.inferred) == (datetime.date(2025, 5, 11), DatePrecision.DAY, True)
    assert extract(counted).date.start is None


# The held-out quarter's misses (spent as development material from its last blind reading, 80.4 / 56.2).


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_a_post_printed_before_a_name_starts_after_the_verb_or_the_yu_whose_object_the_name_is(form):
    # 128: 自治区政协主席张延昆在呼和浩特会见了北京市政协主席魏小东一行。…魏小东带领调研组抵达… — the leader's post is
    # the one after 会见了; 144: …就…工作,与内蒙古自治区乌兰察布市兴和县委书记王会雨…进行座谈交流。…王会雨…表示感谢 —
    # the post after 与, not 与 with it.
    received = (
        "7月13日,自治区政协主席张延昆在呼和浩特会见了北京市政协主席魏小东一行。\n"
        "7月11日上午,魏小东带领调研组抵达呼伦贝尔市,开始调研。"
    )
    talks = (
        "12月2日,延庆区—兴和县东西部协作联席会召开,区委书记于波,区委副书记、区长叶大华,就进一步深化东西部协作工作,"
        "与内蒙古自治区乌兰察布市兴和县委书记王会雨,县委副书记、县长李锴栋进行座谈交流。\n"
        "王会雨对延庆区长期以来给予兴和县的关心和支持表示感谢。"
    )
    # A 和 inside a body's name is no such word: the whole post stays.
    bureau = (
        "市人力资源和社会保障局局长王强带队赴延庆区考察。\n座谈会上,北京市延庆区委书记于波会见了王强。\n王强表示感谢。"
    )
    received, talks, bureau = in_form(form, received, talks, bureau)

    leaders = [(person.name, person.title) for person in extract(received).delegation.leaders]
    titled = {person.name: person.title for person in extract(talks).participants}

    assert leaders == [("魏小东", "北京市政协主席")]
    assert titled["王会雨"] == "内蒙古自治区乌兰察布市兴和县委书记"
    bureau_titled = {person.name: person.title for person in extract(bureau).participants}
    assert bureau_titled["王强"] == "市人力资源和社会保障局局长"


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_stops_listed_before_jinxing_le_and_the_village_of_households_called_on(form):
    # 105: 看望慰问库伦镇三家子嘎查村脱贫户和监测户,与他们拉家常… — the village is a stop, the call what was done there;
    # 期间,密云区党政代表团还到库伦旗博物馆、…、嘎海山水库等地进行了考察调研 — 进行了 as 进行 before the verb.
    text = (
        "7月1日至3日,密云区委书记余卫国率密云区党政代表团赴内蒙古自治区通辽市库伦旗对接京蒙东西部协作工作。\n"
        "余卫国一行到库伦旗京蒙协作牛产业园区实地察看京蒙协作项目相关情况。"
        "看望慰问库伦镇三家子嘎查村脱贫户和监测户,与他们拉家常、谈未来。"
        "期间,密云区党政代表团还到库伦旗博物馆、内蒙古库伦蒙药有限公司、嘎海山水库等地进行了考察调研。"
    )
    # People called on with no village named are no stop.
    cadres = text.replace("看望慰问库伦镇三家子嘎查村脱贫户和监测户", "看望慰问了密云区援派干部")
    text, cadres = in_form(form, text, cadres)

    visits = [(visit.place, visit.seen) for visit in extract(text).site_visits]

    assert visits == [
        ("库伦旗京蒙协作牛产业园区", "实地察看京蒙协作项目相关情况"),
        ("库伦镇三家子嘎查村", "看望慰问库伦镇三家子嘎查村脱贫户和监测户"),
        ("库伦旗博物馆", ""),
        ("内蒙古库伦蒙药有限公司", ""),
        ("嘎海山水库", ""),
    ]
    assert [visit.place for visit in extract(cadres).site_visits] == [
        "库伦旗京蒙协作牛产业园区",
        "库伦旗博物馆",
        "内蒙古库伦蒙药有限公司",
        "嘎海山水库",
    ]


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_talks_someone_chairs_open_a_meeting_even_in_the_sentence_listing_who_attended(form):
    # 130: …白清元带队到北京经开区…学习考察。北京市政府副秘书长韩耕主持座谈,…沈永刚参加。会上,… — 主持座谈 opens the
    # talks as 主持座谈会 does, though the sentence is also the list of who attended; the remarks after 会上 are theirs.
    text = (
        "12月19日,内蒙古自治区人民政府副主席白清元带队到北京经开区就工业园区建设管理运营等工作开展对接工作及学习考察。"
        "北京市政府副秘书长韩耕主持座谈,经开区工委委员、管委会副主任沈永刚参加。\n"
        "会上,经开区相关负责人介绍了区域经济社会发展情况。\n"
        "白清元对北京市与经开区长期以来给予内蒙古的支持表示感谢。"
    )
    # 104: …参加座谈。苏木党委书记赖智广主持座谈 — after a 座谈会 was told, its chair, not a second meeting.
    after = (
        "9月6日,丰台区云岗街道党工委书记洪鑫带队到阿拉达尔吐苏木开展京蒙协作对接,并召开座谈会。\n"
        "洪鑫表示,下一步将继续加强两地党建引领。阿拉达尔吐苏木党政班子成员参加座谈。苏木党委书记赖智广主持座谈。"
    )
    text, after = in_form(form, text, after)

    (meeting,) = extract(text).meetings
    (told,) = extract(after).meetings

    assert (meeting.title, meeting.chair) == ("座谈", "韩耕")
    assert [(s.name, s.kind) for s in meeting.speeches] == [
        ("韩耕", SpeechKind.CHAIRING),
        ("", SpeechKind.BRIEFING),
        ("白清元", SpeechKind.REMARK),
    ]
    assert (told.title, told.chair) == ("座谈会", "赖智广")


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_bodies_named_after_what_they_are_are_each_a_stop(form):
    # 130: 考察团一行还走进…两地协作产业中的重点合作企业京东方集团和金风科技,实地了解… — 重点合作企业 says what each
    # is (as 驻园企业 does), so the list splits at 和 though 金风科技 ends with no place noun.
    text = (
        "12月19日,内蒙古自治区人民政府副主席白清元带队到北京经开区学习考察。\n"
        "当天,考察团一行还走进北京经开区与内蒙古两地协作产业中的重点合作企业京东方集团和金风科技,"
        "实地了解企业发展历程、创新成果及远景规划等情况。"
    )
    # A body whose own name holds 企业 is not cut: 中小企业服务中心 is one stop.
    one = text.replace("与内蒙古两地协作产业中的重点合作企业京东方集团和金风科技", "中小企业服务中心")
    text, one = in_form(form, text, one)

    visits = [(visit.place, visit.seen) for visit in extract(text).site_visits]

    assert visits == [
        ("京东方集团", "实地了解企业发展历程、创新成果及远景规划等情况"),
        ("金风科技", "实地了解企业发展历程、创新成果及远景规划等情况"),
    ]
    assert [visit.place for visit in extract(one).site_visits] == ["北京经开区中小企业服务中心"]


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_the_journey_after_shige_shuyue_is_the_reports_and_a_district_named_short_where_its_clause_ends(form):
    # 144 (written by the host): 今年6月,延庆区党政代表团赴兴和县对接…(下图为…)时隔数月,兴和县党政代表团来到延庆,就…
    # — the journey before 时隔… is the one recalled; 延庆 without its level, closed by the clause, is 延庆区.
    text = (
        "12月2日,延庆区—兴和县东西部协作联席会召开。\n"
        "今年6月,延庆区党政代表团赴兴和县对接东西部协作工作,就两地进一步拓展协作领域进行深入沟通交流"
        "时隔数月,兴和县党政代表团来到延庆,就协作工作进行再次对接,共商合作、共话友谊。"
    )
    # Without 时隔… the first journey told is the trip; a short name inside a body's name (朝阳医院) is none.
    once = "今年6月,延庆区党政代表团赴兴和县对接东西部协作工作。\n兴和县党政代表团还到朝阳医院交流。"
    text, once = in_form(form, text, once)

    delegation = extract(text).delegation
    first = extract(once).delegation

    assert (delegation.name, delegation.origin.name) == ("兴和县党政代表团", "兴和县")
    assert [place.name for place in delegation.destinations] == ["延庆"]
    assert (first.name, first.origin.name) == ("延庆区党政代表团", "延庆区")
    assert [place.name for place in first.destinations] == ["兴和县"]


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_a_meeting_named_first_after_the_day_is_held_then_and_named_whole(form):
    # 144: 12月2日,延庆区—兴和县东西部协作联席会召开,…与…王会雨…进行座谈交流。…联席会上,… — the day before the name
    # does not hide it: one meeting, named as printed, the talks and 联席会上 being it.
    text = (
        "12月2日,延庆区—兴和县东西部协作联席会召开,区委书记于波就进一步深化东西部协作工作,"
        "与内蒙古自治区乌兰察布市兴和县委书记王会雨进行座谈交流。\n"
        "兴和县党政代表团来到延庆区,就协作工作进行对接。\n"
        "联席会上,与会双方围绕东西部协作工作进展情况进行座谈交流。\n"
        "王会雨对延庆区长期以来给予兴和县的关心和支持表示感谢。"
    )
    text = in_form(form, text)

    (meeting,) = extract(text).meetings

    assert (meeting.title, meeting.kind) == ("延庆区—兴和县东西部协作联席会", MeetingKind.JOINT)
    assert [(s.name, s.kind) for s in meeting.speeches] == [("王会雨", SpeechKind.REMARK)]


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_a_journey_told_after_who_went_with_the_group_goes_where_it_says(form):
    # 106 (the banner's report): …区长龚宗元一行在旗委副书记、代旗长秦怀东陪同下到碧流台镇东方红村大良沟调研 — the
    # circumstance between the group and its journey: where they went comes after it, and the host who went
    # with them accompanied them.
    text = "7月9日,北京市顺义区委副书记、区长龚宗元一行在旗委副书记、代旗长秦怀东陪同下到巴林左旗调研。"
    # 在 with no one going along is where they were: no journey after it.
    there = "7月9日,北京市顺义区委副书记、区长龚宗元一行在巴林左旗调研。"
    text, there = in_form(form, text, there)

    result = extract(text)

    assert [place.name for place in result.delegation.destinations] == ["巴林左旗"]
    hosts = [(p.name, p.title, p.role) for p in result.participants if p.side == ParticipantSide.HOST]
    assert hosts == [("秦怀东", "旗委副书记、代旗长", ParticipantRole.ACCOMPANYING)]
    assert [place.name for place in extract(there).delegation.destinations] == ["巴林左旗"]


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_a_briefing_told_after_the_aspects_it_covers_is_the_object_of_its_verb(form):
    # 106: 东方红党总支书记田仲成围绕产业发展、项目建设、发展思路和具体举措等多个方面汇报了东方红乡村发展情况 — the
    # aspects come between the speaker and 汇报了; the point is what was briefed on.
    lead = "7月9日,北京市顺义区委副书记、区长龚宗元一行到巴林左旗调研。\n"
    text = lead + "东方红党总支书记田仲成围绕产业发展、项目建设、发展思路和具体举措等多个方面汇报了东方红乡村发展情况。"
    # Both sides talking around some aspects is no one's briefing.
    talks = lead + "双方围绕产业发展、项目建设等多个方面进行了交流。"
    text, talks = in_form(form, text, talks)

    spoken = [(s.name, s.title, s.kind, [p.text for p in s.points]) for s in extract(text).other_speeches]

    assert spoken == [("田仲成", "东方红党总支书记", SpeechKind.BRIEFING, ["东方红乡村发展情况"])]
    assert extract(talks).other_speeches == []


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_a_city_opening_a_clause_is_where_the_stops_are_that_the_group_makes_after_it(form):
    # 128: 在呼和浩特市,调研组先后深入伊利集团、蒙草集团,沉浸式了解了… — the city is where, not a stop; the group's
    # moves after it are the stops.
    text = (
        "7月11日上午,魏小东带领调研组抵达呼伦贝尔市,开始调研。\n"
        "在呼伦贝尔市人民医院,调研组详细了解了北京大学肿瘤医院对口支援情况;\n"
        "在呼和浩特市,调研组先后深入伊利集团、蒙草集团,沉浸式了解了草牧业高质量发展的做法和成效;"
    )
    # The city with no group moving after it gives no stop.
    said = text.replace("调研组先后深入伊利集团、蒙草集团,沉浸式了解了", "伊利集团展示了")
    text, said = in_form(form, text, said)

    assert [visit.place for visit in extract(text).site_visits] == ["呼伦贝尔市人民医院", "伊利集团", "蒙草集团"]
    assert [visit.place for visit in extract(said).site_visits] == ["呼伦贝尔市人民医院"]


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_a_meeting_held_here_is_held_in_the_hall_its_sentence_opens_in(form):
    # 128: 7月14日上午,内蒙古自治区政协常委会议厅内气氛热烈、座无虚席,…座谈会暨签约仪式、赠匾仪式在这里举行 — 这里
    # is the hall named at the head of the sentence.
    text = (
        "7月11日上午,北京市政协主席魏小东带领调研组抵达呼伦贝尔市,开始调研。\n"
        "7月14日上午,内蒙古自治区政协常委会议厅内气氛热烈、座无虚席,"
        "北京市政协、内蒙古自治区政协工作机制座谈会暨签约仪式在这里举行。"
    )
    # With no hall at the head, 这里 stays as printed for the reviewer.
    unnamed = text.replace("内蒙古自治区政协常委会议厅内气氛热烈", "气氛热烈")
    text, unnamed = in_form(form, text, unnamed)

    assert [meeting.place for meeting in extract(text).meetings] == ["内蒙古自治区政协常委会议厅"]
    assert [meeting.place for meeting in extract(unnamed).meetings] == ["这里"]


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_a_visitor_of_a_principal_post_speaking_for_the_body_that_sent_the_group_leads_it(form):
    # 100: …库伦旗政府代表团到密云区对接…。…王薇代表库伦旗委、旗政府对密云区…表示感谢 — no sentence says who led; the
    # head of the body that sent the group, speaking for it, leads.
    text = (
        "7月31日至8月1日,内蒙古自治区通辽市库伦旗政府代表团到密云区对接京蒙东西部协作工作。"
        "密云区委书记余卫国,区委副书记、区长马新明参加有关对接工作。\n"
        "马新明代表密云区向库伦旗政府代表团一行表示欢迎。\n"
        "库伦旗委副书记、旗长王薇代表库伦旗委、旗政府对密云区长期以来给予库伦旗的帮助与支持表示感谢。"
    )
    # A deputy speaking for the body is no leader by that alone.
    deputy = text.replace("库伦旗委副书记、旗长王薇", "库伦旗副旗长王薇")
    text, deputy = in_form(form, text, deputy)

    leaders = [(person.name, person.title) for person in extract(text).delegation.leaders]

    assert leaders == [("王薇", "库伦旗委副书记、旗长")]
    assert extract(deputy).delegation.leaders == []


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_ke_ends_a_given_name_after_a_surname_and_a_character_that_makes_no_department(form):
    # 121: 活动现场,北京市扶贫支援办支援合作中心书记、北京市支援合作促进会秘书长杨兆科介绍,在北京世园会期间,… — 科 is
    # in no name of a department here (内科, 儿科, 专科 are).
    text = (
        "活动现场,北京市扶贫支援办支援合作中心书记、北京市支援合作促进会秘书长杨兆科介绍,"
        "在北京世园会期间,设立北京扶贫馆举办扶贫协作地区成果展及特色产品展销活动。\n"
        "杨兆科表示,希望在这里举办的展销活动能吸引前来游览的游客们到当地旅游。"
    )
    # 内科 after a post's words stays the department's: 神经内科主任宋军平.
    doctors = "神经内科主任宋军平、儿科主任王芳"
    text = in_form(form, text)

    spoken = [(s.name, s.kind, len(s.points)) for s in extract(text).other_speeches]
    people = {person.name: person.title for person in parse_people(doctors, REGIONS)}

    # What he said next is a second point of the same speech.
    assert spoken == [("杨兆科", SpeechKind.BRIEFING, 2)]
    assert people == {"宋军平": "神经内科主任", "王芳": "儿科主任"}


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_a_ceremony_held_in_a_sentence_opening_at_a_place_is_held_there(form):
    # 100: 在极星现代农业产业园,代表团实地参观设施农业运行、管理、发展情况,举行京蒙蔬菜种植基地建设合作项目签约仪式 —
    # the ceremony names no place of its own: it is held where the sentence opens.
    text = (
        "7月31日至8月1日,内蒙古自治区通辽市库伦旗政府代表团到密云区对接京蒙东西部协作工作。\n"
        "在极星现代农业产业园,代表团实地参观设施农业运行、管理、发展情况,举行京蒙蔬菜种植基地建设合作项目签约仪式。"
    )
    # Opening with who went along (在…陪同下) names no place.
    accompanied = text.replace("在极星现代农业产业园,", "在密云区副区长王明的陪同下,")
    text, accompanied = in_form(form, text, accompanied)

    held = [(meeting.title, meeting.place) for meeting in extract(text).meetings]

    assert held == [("京蒙蔬菜种植基地建设合作项目签约仪式", "极星现代农业产业园")]
    assert [meeting.place for meeting in extract(accompanied).meetings] == [""]


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_a_post_opening_with_where_the_trip_went_or_with_sumu_is_the_hosts(form):
    # 104: …洪鑫一行,来到…扎赉特旗阿拉达尔吐苏木调研… 阿拉达尔吐苏木党政班子成员、部分嘎查书记、学校领导参加座谈。
    # 苏木党委书记赖智广主持座谈 — the sumu is not in the region table, but the posts open with where the trip
    # went, or with 苏木, which only Inner Mongolia has.
    text = (
        "9月6日,北京市丰台区云岗街道办事处主任洪鑫一行,来到内蒙古自治区兴安盟扎赉特旗阿拉达尔吐苏木调研。\n"
        "在座谈会上,洪鑫一行听取了京蒙资金使用情况。"
        "阿拉达尔吐苏木党政班子成员、部分嘎查书记、学校领导参加座谈。苏木党委书记赖智广主持座谈。"
    )
    text = in_form(form, text)

    sides = {(p.name, p.title): p.side for p in extract(text).participants}

    assert sides[("", "阿拉达尔吐苏木党政班子成员、部分嘎查书记、学校领导")] == ParticipantSide.HOST
    assert sides[("赖智广", "苏木党委书记")] == ParticipantSide.HOST
    # The visitors' own post, opening with no place of the destination, stays theirs.
    assert sides[("洪鑫", "北京市丰台区云岗街道办事处主任")] == ParticipantSide.VISITING


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_the_one_who_gives_and_the_one_who_receives_were_there(form):
    # 104: 阿拉达尔吐苏木党委副书记、苏木达刘正树向北京京盛时代购物中心总经理黄开宇颁发证书 — both named with their
    # posts, both attended.
    text = (
        "9月6日,北京市丰台区云岗街道办事处主任洪鑫一行,来到内蒙古自治区兴安盟扎赉特旗阿拉达尔吐苏木调研。\n"
        "阿拉达尔吐苏木党委副书记、苏木达刘正树向北京京盛时代购物中心总经理黄开宇颁发证书。"
    )
    # A body that receives (向北京市扶贫支援办赠送锦旗) is no one to record.
    body = text.replace("北京京盛时代购物中心总经理黄开宇颁发证书", "北京市扶贫支援办赠送锦旗")
    text, body = in_form(form, text, body)

    people = {(p.name, p.title, p.side) for p in extract(text).participants}
    named = [p.title for p in extract(body).participants]

    assert ("刘正树", "阿拉达尔吐苏木党委副书记、苏木达", ParticipantSide.HOST) in people
    assert ("黄开宇", "北京京盛时代购物中心总经理", ParticipantSide.VISITING) in people
    assert "北京市扶贫支援办" not in named


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_a_list_attending_this_event_with_the_others_after_deng_is_read_whole(form):
    # 119 (traditional characters): 通遼市教育局副局長趙興聯,…,內蒙古金駿馬志愿服務總隊秘書長高艷等各慈善組織、
    # 志愿團隊相關人員和各旗縣市區特殊教育學校負責人出席此次活動 — 此次活动 is the event; 联 ends the name 赵兴联
    # (文联, 妇联 are federations); the people after 等各… are others, one group as printed, not a label of 高艳.
    text = (
        "2025年1月14日,關愛通遼市殘疾兒童捐贈活動在通遼市殘疾人聯合會舉行。\n"
        "通遼市教育局副局長趙興聯,通遼市慈善總會秘書長包玉林,內蒙古金駿馬志愿服務總隊秘書長高艷等各慈善組織、"
        "志愿團隊相關人員和各旗縣市區特殊教育學校負責人出席此次活動。"
    )
    text = in_form(form, text)

    people = [(p.name, p.title) for p in extract(text).participants]

    assert people == [
        ("赵兴联", "通辽市教育局副局长"),
        ("包玉林", "通辽市慈善总会秘书长"),
        ("高艳", "内蒙古金骏马志愿服务总队秘书长"),
        ("", "各慈善组织、志愿团队相关人员和各旗县市区特殊教育学校负责人"),
    ]


def test_federations_stay_no_names_and_bare_others_after_deng_are_no_one():
    # 文联, 妇联 after a surname-like character are federations; …局长王强等相关负责人: 相关负责人 names no one.
    assert [(p.name, p.title) for p in parse_people("区文联主席王芳", REGIONS)] == [("王芳", "区文联主席")]
    assert [(p.name, p.title) for p in parse_people("市教育局局长王强等相关负责人", REGIONS)] == [
        ("王强", "市教育局局长")
    ]


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_a_headline_ending_with_an_exclamation_is_not_the_body_the_date_is_looked_for_in(form):
    # 144: 一如既往，精诚合作！ (the headline) … 12月2日，延庆区—兴和县东西部协作联席会召开… — the body's first
    # paragraph is the one ended by 。, which dates the trip (the year from the page, inferred).
    text = (
        "一如既往,精诚合作！\n北京延庆 2024-03-30\n"
        "12月2日,延庆区—兴和县东西部协作联席会召开,区委书记于波与兴和县委书记王会雨进行座谈交流。\n"
        "今年6月,延庆区党政代表团赴兴和县对接东西部协作工作"
        "时隔数月,兴和县党政代表团来到延庆,就协作工作进行再次对接。"
    )
    text = in_form(form, text)

    date = extract(text, published=datetime.date(2024, 3, 30)).date

    assert (date.start, date.precision, date.inferred) == (datetime.date(2023, 12, 2), DatePrecision.DAY, True)


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_the_list_after_the_real_yu_is_read_when_a_he_inside_a_place_came_first(form):
    # 144: 延庆区—兴和县…联席会召开,区委书记于波,…,就…工作,与内蒙古自治区乌兰察布市兴和县委书记王会雨,县委副书记、
    # 县长李锴栋,县人大常委会主任赵瑞,县政协主席杨振东进行座谈交流 — the 和 of 兴和县 joins nothing; the visitors are
    # the list after 与, led (no one else named as leading) by the party secretary and the county head, the heads of
    # the congress and the conference going with them.
    text = (
        "12月2日,延庆区—兴和县东西部协作联席会召开,区委书记于波,区委副书记、区长叶大华,就进一步深化东西部协作工作,"
        "与内蒙古自治区乌兰察布市兴和县委书记王会雨,县委副书记、县长李锴栋,县人大常委会主任赵瑞,县政协主席杨振东"
        "进行座谈交流。\n"
        "今年6月,延庆区党政代表团赴兴和县对接东西部协作工作"
        "时隔数月,兴和县党政代表团来到延庆,就协作工作进行再次对接。"
    )
    text = in_form(form, text)

    result = extract(text)
    visitors = [(p.name, p.role) for p in result.participants if p.side == ParticipantSide.VISITING]

    assert [person.name for person in result.delegation.leaders] == ["王会雨", "李锴栋"]
    assert visitors == [
        ("王会雨", ParticipantRole.LEADER),
        ("李锴栋", ParticipantRole.LEADER),
        ("赵瑞", ParticipantRole.MEMBER),
        ("杨振东", ParticipantRole.MEMBER),
    ]


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_a_journey_told_by_what_was_done_to_the_places_visited(form):
    # 125: 乌兰察布市委书记吴永新说,… 前不久吴永新亲自带队对北京市这六个区县进行了答谢慰问和考察学习 — 对…进行…考察
    # tells the journey; 这六个区县 counts places, naming none; the origin is the place of the leader's post printed
    # before.
    text = (
        "在多年对口帮扶中,北京市各区县对内蒙古乌兰察布市的帮扶尤见成效。"
        "乌兰察布市委书记吴永新说,北京各区县对乌兰察布市的帮扶是无私的。\n"
        "前不久吴永新亲自带队对北京市这六个区县进行了答谢慰问和考察学习。"
    )
    # Thanks to a place (对北京市的支持表示感谢) is no journey.
    thanks = text.replace("亲自带队对北京市这六个区县进行了答谢慰问和考察学习", "对北京市的支持表示感谢")
    text, thanks = in_form(form, text, thanks)

    delegation = extract(text).delegation

    assert [(p.name, p.title) for p in delegation.leaders] == [("吴永新", "乌兰察布市委书记")]
    assert delegation.origin.name == "乌兰察布市"
    assert [place.name for place in delegation.destinations] == ["北京市"]
    assert extract(thanks).is_trip is False


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_a_group_the_hosts_address_by_its_noun_is_named_so(form):
    # 130: …白清元带队到北京经开区…学习考察。…沈永刚对考察团一行表示欢迎; 106: …冯宏军为调研团介绍了… — the lead
    # names no group; the hosts address it by its noun.
    text = (
        "12月19日,内蒙古自治区人民政府副主席白清元带队到北京经开区学习考察。\n"
        "经开区工委委员、管委会副主任沈永刚对考察团一行表示欢迎。"
    )
    # A noun inside someone's words that addresses no one names nothing (…的考察团很多).
    said = text.replace("对考察团一行表示欢迎", "表示,来经开区的考察团很多")
    text, said = in_form(form, text, said)

    assert extract(text).delegation.name == "考察团"
    assert extract(said).delegation.name == ""


# The tenth set's misses (cases 240–248).


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_a_group_going_to_a_county_of_another_province_is_no_trip_of_this_site(form):
    # 247: a Beijing hospital's team giving free clinics in Hunan — the township is printed under a county the
    # region table does not hold (桑植县), and no place of Inner Mongolia is named anywhere.
    text = (
        "9月19日-21日,北京中医药大学第三附属医院协同国家奥体中心于组织医疗团队赴桑植县洪家关白族乡和瑞塔铺镇开展义诊活动。"
        "医疗专家团队由北中医三院副院长孙文军带队,开展现场健康咨询服务。"
    )
    # The same team at a township printed under a banner (察右中旗) goes to Inner Mongolia.
    banner = text.replace("桑植县", "察右中旗")
    # A report that names the other side (…助力京蒙协作) is left to the other rules.
    paired = text.replace("开展现场健康咨询服务", "开展现场健康咨询服务,助力京蒙协作")
    text, banner, paired = in_form(form, text, banner, paired)

    result = extract(text)
    assert result.is_trip is False
    assert any("北京、内蒙古以外" in warning for warning in result.warnings)
    assert extract(banner).is_trip is True
    assert not any("北京、内蒙古以外" in warning for warning in extract(paired).warnings)


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_a_group_the_hosts_place_outside_both_sides_is_no_trip_of_this_site(form):
    # 248: a Shandong city's mayor at 海淀区 — the lead writes no origin; the host welcomes 聊城市代表团一行, a place
    # the region table does not hold, and no place of Inner Mongolia is named anywhere.
    text = (
        "4月6日下午,市委副书记、市长宋军继带队拜访了北京市海淀区政府,与海淀区区委副书记、区长于军等进行了座谈交流。\n"
        "于军代表海淀区委、区政府,对聊城市代表团一行的到来表示欢迎。"
    )
    # A group the hosts address with a place of the other side (通辽市代表团) comes from Inner Mongolia.
    im = text.replace("聊城市", "通辽市")
    text, im = in_form(form, text, im)

    assert extract(text).is_trip is False
    assert extract(im).is_trip is True


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_an_office_leading_the_people_it_takes_along_is_a_trip_from_its_place(form):
    # 241: 石景山区委社会工委区民政局带领社会组织代表赴内蒙古自治区莫旗… — no one is named to lead; the office's place
    # is the origin, the people it takes along are the members.
    text = (
        "近日,石景山区委社会工委区民政局带领社会组织代表赴内蒙古自治区莫旗开展结对帮扶工作,"
        "与当地4个对口支援帮扶村签订结对帮扶意向书。"
    )
    # An office gathering people where it is (组织社会组织代表召开座谈会) makes no journey.
    home = "近日,石景山区委社会工委区民政局组织社会组织代表召开座谈会,研究结对帮扶工作。"
    text, home = in_form(form, text, home)

    result = extract(text)
    assert result.is_trip is True
    assert result.delegation.origin.name == "石景山区"
    assert [place.name for place in result.delegation.destinations] == ["莫旗"]
    assert result.delegation.leaders == []
    assert [(p.name, p.title) for p in result.participants] == [("", "社会组织代表")]
    assert extract(home).is_trip is False


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_a_place_apposed_after_a_dash_is_where_the_journey_goes(form):
    # 245: 任新刚副校长赴我校定点扶贫县——内蒙古通辽市科尔沁左翼中旗…开展扶贫调研工作 — what the place is to the
    # writer, then, after the dash, the place.
    text = "5月16日,任新刚副校长赴我校定点扶贫县——内蒙古通辽市科尔沁左翼中旗开展扶贫调研工作。"
    # Words before a dash with no place after it name nowhere to go.
    nowhere = "5月16日,任新刚副校长赴我校定点扶贫县——开展扶贫调研工作。"
    text, nowhere = in_form(form, text, nowhere)

    result = extract(text)
    assert result.is_trip is True
    assert [place.name for place in result.delegation.destinations] == ["科尔沁左翼中旗"]
    assert [(p.name, p.title) for p in result.delegation.leaders] == [("任新刚", "副校长")]
    assert extract(nowhere).is_trip is False


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_the_order_of_the_visits_told_between_the_group_and_its_verb(form):
    # 240: 北京林业大学党委书记王洪元一行,先后深入科右前旗第二中学… — 先后 between 一行 and the verb.
    text = "10月21—22日,北京林业大学党委书记王洪元一行,先后深入科右前旗第二中学、第三中学开展调研活动。"
    # 先后 with no journey after it (先后发言) tells of none.
    spoke = "10月21日,北京林业大学党委书记王洪元一行,先后发言。"
    text, spoke = in_form(form, text, spoke)

    result = extract(text)
    assert result.is_trip is True
    assert [(p.name, p.title) for p in result.delegation.leaders] == [("王洪元", "北京林业大学党委书记")]
    assert [place.name for place in result.delegation.destinations] == ["科右前旗"]
    assert extract(spoke).is_trip is False


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_a_lead_that_goes_on_to_its_stops_names_them_in_order(form):
    # 242: 校长安黎哲带队赴科右前旗调研定点帮扶乡村振兴工作,先后深入科右前旗科尔沁镇、兴安北京小学…等地实地考察 — the
    # lead, after the journey, goes on to the stops.
    text = (
        "近日,校长安黎哲带队赴科右前旗调研定点帮扶乡村振兴工作,先后深入科右前旗科尔沁镇、兴安北京小学、"
        "科右前旗第三中学等地实地考察。校党委副书记孙信丽参加调研。"
    )
    # A lead that tells only the journey names no stop.
    journey = "近日,校长安黎哲带队赴科右前旗调研定点帮扶乡村振兴工作。校党委副书记孙信丽参加调研。"
    text, journey = in_form(form, text, journey)

    places = [visit.place for visit in extract(text).site_visits]
    assert places == ["科右前旗科尔沁镇", "兴安北京小学", "科右前旗第三中学"]
    assert extract(journey).site_visits == []


# The eleventh set's misses (cases 249–256).


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_the_reporters_attribution_before_a_speaker_is_no_part_of_the_post(form):
    # 255: 据内蒙古卫健委主任许宏智介绍，… — 据 is the reporter's, the post is 内蒙古卫健委主任.
    text = (
        "在“新时期蒙医药发展研讨会”上,来自民族医药界的专家学者就新时期我区蒙医药特色发展、开放发展进行了发言讨论。\n"
        "据内蒙古卫健委主任许宏智介绍,多年来,北京市对口帮扶内蒙古各级各类医疗卫生机构,"
        "把最好的医疗资源送到内蒙古。"
    )
    text = in_form(form, text)

    result = extract(text)
    speeches = [(speech.name, speech.title, speech.kind) for speech in result.other_speeches]
    # 专家学者 is who took part in the discussion, not a person named 学者 with the post 专家.
    assert speeches == [("许宏智", "内蒙古卫健委主任", SpeechKind.BRIEFING)]
    assert [(person.name, person.title) for person in result.participants] == [("许宏智", "内蒙古卫健委主任")]


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_who_speaks_right_after_the_scene_of_talks_and_for_whom_they_brief(form):
    # 250: 座谈中，张凤阳代表京能集团介绍了… — the talks are the scene, the first clause after it names who briefs,
    # and 代表… says for whom (as 代表…致辞 does).
    text = (
        "京能集团与内蒙古自治区锡林郭勒盟委、行署(以下简称“锡盟”)举行座谈。"
        "京能集团党委书记、董事长郭明星,党委副书记、总经理阚兴,副总经理张凤阳出席。\n"
        "座谈中,张凤阳代表京能集团介绍了与锡盟的合作情况,并就需要协调的重点问题进行了说明。\n"
    )
    # 会上，… was read so before: the same words after the other scene.
    at_meeting = text.replace("座谈中,", "会上,")
    text, at_meeting = in_form(form, text, at_meeting)

    for report in (text, at_meeting):
        speeches = extract(report).other_speeches
        assert [(speech.name, speech.title, speech.kind) for speech in speeches] == [
            ("张凤阳", "副总经理", SpeechKind.BRIEFING)
        ]
        assert speeches[0].points[0].text.startswith("与锡盟的合作情况")


# The twelfth set's misses (cases 257–264).


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_a_team_named_by_its_summer_practice_travels_like_a_delegation(form):
    # 257: …中国石油大学(北京)地球科学学院草原筑梦实践团赴内蒙古自治区锡林郭勒盟多伦县西干沟乡… — a 实践团 (students on
    # their social practice) is named by what it goes to do, as a 研学团 or 支教队 is.
    text = (
        "2024年7月13日至20日,中国石油大学(北京)地球科学学院草原筑梦实践团赴内蒙古自治区锡林郭勒盟多伦县西干沟乡,"
        "开展留守儿童支教、农村产业调研等社会实践活动。"
    )
    text = in_form(form, text)

    result = extract(text)
    assert result.is_trip
    assert folded(result.delegation.name) == "中国石油大学(北京)地球科学学院草原筑梦实践团"
    assert result.delegation.origin.name == "北京市"


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_a_visit_to_the_writers_company_naming_only_the_visitors_side_is_no_trip(form):
    # 263: 乌兰察布市市委副书记、市长奇飞云…等一行到我司参观考察,洽谈相关合作事宜 — a company's news that prints no
    # place of its own, nor anything of Beijing, nor a pairing it would be the other side of.
    text = (
        "7月17日,乌兰察布市市委副书记、市长奇飞云、察右前旗旗委书记冀宏等一行到我司参观考察,洽谈相关合作事宜。\n"
        "随后双方在会议室开展座谈会议,就双方关心的一些问题进行了深入的交流。"
    )
    # 162: 宁城蒙医中医院领导一行3人来我院进行走访座谈, a year after 签订对口支援协议 — the host is the visitors'
    # paired hospital of the other side: still a trip.
    paired = (
        "在我院与宁城蒙医中医院签订对口支援协议一年之际,5月12日,宁城蒙医中医院领导一行3人来我院进行走访座谈,"
        "杜继臣院长、刘宗明副院长及医务部相关人员出席座谈。"
    )
    text, paired = in_form(form, text, paired)

    result = extract(text)
    assert result.is_trip is False
    assert "没有另一方" in result.reason
    assert extract(paired).is_trip


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_a_group_of_one_side_going_to_a_third_province_is_no_trip(form):
    # 264: 盟人大工委副秘书长…包玉莲带队与自治区人大代表王荣华等一行5人,赴吉林省长春市农安县…开展考察学习 — no
    # origin written, the destination under a province the region table does not hold, and only Inner
    # Mongolia named (兴安盟): a visit from one side to a third place.
    text = (
        "6月20-21日,盟人大工委副秘书长、盟政协委员包玉莲带队与自治区人大代表王荣华等一行5人,"
        "赴吉林省长春市农安县围绕发挥人大代表作用,助力乡村振兴为主题开展考察学习。\n"
        "考察组还邀请农安县人大到兴安盟开展考察调研。"
    )
    # The same journey in a text that names Beijing as well is left to the other rules.
    both = text + "此前,北京市平谷区人大曾来兴安盟考察。"
    text, both = in_form(form, text, both)

    result = extract(text)
    assert result.is_trip is False
    assert "全文只写到一方" in result.reason
    assert "全文只写到一方" not in extract(both).reason


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_an_invitation_to_come_is_no_journey_and_a_host_of_no_place_with_no_pairing_is_no_trip(form):
    # 261: …教育局总督学萨拉率领呼伦贝尔市新巴左旗教育局代表团一行莅临朝晖初中…; at the end, …最后盛邀朝晖初中行政和教师
    # 一起到美丽的呼伦贝尔走访交流 — the invitation is no journey of those invited; the group's visit is the lead,
    # and its host (a school in 杭州) is of no place the reader holds, in a report of no pairing: no trip.
    text = (
        "10月25日,巴左旗教育局局长贺永钢,教育局总督学萨拉率领呼伦贝尔市新巴左旗教育局代表团一行蒞临朝晖初中进行相互交流。"
        "朝晖初中李招军校长、周建定书记和行政人员一起参加本次交流活动。\n"
        "呼伦贝尔市新巴左旗教育局总督学萨拉介绍了当地教育教学发展的情况,此行赴杭州对学校的办学特色做重点考察,"
        "最后盛邀朝晖初中行政和教师一起到美丽的呼伦贝尔走访交流。"
    ).replace("蒞", "莅")
    # A visit made at an invitation (应…邀请) is still a journey.
    invited = "应科右前旗邀请,北京林业大学校长安黎哲一行赴科右前旗调研定点帮扶工作。"
    text, invited = in_form(form, text, invited)

    result = extract(text)
    assert result.is_trip is False
    assert "没有另一方" in result.reason
    assert not any(person.name == "师一起" for person in result.participants)
    assert extract(invited).is_trip


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_digits_in_a_bodys_name_belong_to_the_post(form):
    # 259: 会议由澳门新葡8455线路检测中心副院长周虎主持 …澳门新葡8455线路检测中心党委书记刘尚民表示… — digits inside a
    # body's name (as in 北京101中学, 301医院) are part of the post printed before the name; a date is not.
    text = (
        "2026年1月22日,多伦县人民政府与学院三方举行座谈会,围绕校地合作等议题深入交流。"
        "会议由澳门新葡8455线路检测中心副院长周虎主持。\n"
        "澳门新葡8455线路检测中心党委书记刘尚民表示,学院依托学科与科研优势,愿今后继续发挥专业所长。"
    )
    text = in_form(form, text)

    speeches = [(speech.name, speech.title, speech.kind) for speech in extract(text).other_speeches]
    assert speeches == [
        ("周虎", "澳门新葡8455线路检测中心副院长", SpeechKind.CHAIRING),
        ("刘尚民", "澳门新葡8455线路检测中心党委书记", SpeechKind.REMARK),
    ]
    numbered = parse_people("301医院院长张三", REGIONS)
    assert [(person.name, person.title) for person in numbered] == [("张三", "301医院院长")]
    assert parse_people("4月1日市医院院长张三", REGIONS) is None


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_a_remark_ends_where_someone_printed_by_post_and_name_opens_the_next_sentence(form):
    # 259: 副县长高入伍指出,希望…动能。县自然资源局局长汪建兴、农科局副局长孙善宇…提出了…需求。 and 刘尚民表示,…难题。
    # 副院长周虎教授建议… — the next sentence's subject, printed by post and name, is someone else: the remark ends.
    text = (
        "2026年1月22日,多伦县人民政府与学院三方举行座谈会。\n"
        "多伦县副县长郭晓东介绍,当地地处农牧交错带。副县长高入伍指出,希望依托高校资源优势,为本县农业发展注入科技动能。"
        "县自然资源局局长汪建兴、农科局副局长孙善宇提出了土壤改良等具体合作需求。\n"
        "学院党委书记刘尚民表示,学院愿今后继续发挥专业所长。副院长周虎教授建议多伦县结合资源禀赋开展试点。\n"
    )
    # Words of the speaker's own, however they open (持续选派优秀教师和医疗骨干…), go on with the remark.
    going_on = (
        "2026年1月22日,多伦县人民政府与学院三方举行座谈会。\n"
        "学院党委书记刘尚民表示,学院愿继续发挥专业所长。持续选派优秀教师和医疗骨干到多伦县开展帮扶。\n"
    )
    text, going_on = in_form(form, text, going_on)

    points = {speech.name: [folded(point.text) for point in speech.points] for speech in extract(text).other_speeches}
    assert points["高入伍"] == ["希望依托高校资源优势,为本县农业发展注入科技动能"]
    assert points["刘尚民"] == ["学院愿今后继续发挥专业所长"]
    (speech,) = extract(going_on).other_speeches
    assert len(speech.points) == 1 and folded(speech.points[0].text).endswith("到多伦县开展帮扶")


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_officials_of_one_side_come_to_the_writers_body_that_helps_them(form):
    # 246: 我校定点帮扶地区科左后旗散都苏木党委书记李洪喜,巴彦乌楞嘎查(村)党支部书记包彦新到我处回访交流 — the
    # writer's own office (到我处), which helps the visitors' place (定点帮扶), is of the other side: a visit to
    # it, led by the first of the list; the office's people who take part are the hosts.
    text = (
        "5月28日,我校定点帮扶地区科左后旗散都苏木党委书记李洪喜,巴彦乌楞嘎查(村)党支部书记包彦新到我处回访交流。"
        "外联处处长郭雪萌参加座谈。"
    )
    # No pairing told: the writer's office may be of either side, or of neither.
    unpaired = text.replace("我校定点帮扶地区", "")
    text, unpaired = in_form(form, text, unpaired)

    result = extract(text)
    assert result.is_trip
    assert result.delegation.origin.name == "科尔沁左翼后旗"
    assert result.delegation.kind == DelegationKind.VISIT
    assert result.delegation.leaders[0].name == "李洪喜"
    assert [(person.name, person.side) for person in result.participants if person.name == "郭雪萌"] == [("郭雪萌", H)]
    assert extract(unpaired).is_trip is False


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_a_meeting_held_at_the_writers_body_attended_by_the_other_side_is_their_visit(form):
    # 244: 北京化工大学帮扶内蒙古科尔沁左翼中旗…2017年工作对接会在我校召开。党委书记王芳,…,科左中旗旗委书记刘百田,…
    # 出席 — the meeting at the writer's own school, attended by a banner's secretary, is the banner's visit
    # to Beijing, which he leads; the school's people who attend are the hosts.
    text = (
        "2月28日,北京化工大学帮扶内蒙古科尔沁左翼中旗(以下称:科左中旗)2017年工作对接会在我校召开。"
        "党委书记王芳,校长谭天伟,党委副书记王同奇,科左中旗旗委书记刘百田,旗委常委、旗委办主任孙柏生出席。"
        "会议由王同奇副书记主持。"
    )
    # A meeting at home that only the writer's own people attend tells of no one's trip.
    at_home = (
        "2月28日,北京化工大学帮扶工作推进会在我校召开。党委书记王芳,校长谭天伟,党委副书记王同奇出席。"
    )
    text, at_home = in_form(form, text, at_home)

    result = extract(text)
    assert result.is_trip
    assert result.delegation.kind == DelegationKind.VISIT
    assert result.delegation.origin.name == "科尔沁左翼中旗"
    assert [(leader.name, leader.title) for leader in result.delegation.leaders] == [("刘百田", "科左中旗旗委书记")]
    assert [place.name for place in result.delegation.destinations] == ["北京市"]
    hosts = [person.name for person in result.participants if person.side == H]
    assert hosts == ["王芳", "谭天伟", "王同奇"]
    assert extract(at_home).is_trip is False


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_places_the_lead_counts_are_the_ones_listed_before_it(form):
    # 125: …北京房山、门头沟、顺义、朝阳、海淀区和延庆县对乌兰察布市六旗县的帮扶是无私的…。前不久吴永新亲自带队对北京
    # 市这六个区县进行了答谢慰问和考察学习 — 这六个区县 are the six the report listed, in the order printed.
    text = (
        "乌兰察布市委书记吴永新说,北京房山、门头沟、顺义、朝阳、海淀区和延庆县对乌兰察布市六旗县的帮扶是无私的。\n"
        "前不久吴永新亲自带队对北京市这六个区县进行了答谢慰问和考察学习。"
    )
    # A count that matches no list of the same side leaves the place as written.
    unmatched = text.replace("这六个区县", "这五个区县")
    text, unmatched = in_form(form, text, unmatched)

    places = [place.name for place in extract(text).delegation.destinations]
    assert places == ["房山", "门头沟", "顺义", "朝阳", "海淀区", "延庆县"]
    assert [place.name for place in extract(unmatched).delegation.destinations] == ["北京市"]


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_a_list_where_one_leads_with_the_others_is_two_people(form):
    # 264: 盟人大工委副秘书长、盟政协委员包玉莲带队与自治区人大代表王荣华等一行5人 — 带队与 joins the one who leads
    # to the others; neither's post swallows the other.
    people = parse_people("盟人大工委副秘书长、盟政协委员包玉莲带队与自治区人大代表王荣华", REGIONS)
    assert [(person.name, person.title) for person in people] == [
        ("包玉莲", "盟人大工委副秘书长、盟政协委员"),
        ("王荣华", "自治区人大代表"),
    ]
    text = (
        "6月20-21日,盟人大工委副秘书长、盟政协委员包玉莲带队与自治区人大代表王荣华等一行5人,"
        "赴吉林省长春市农安县开展考察学习。"
    )
    text = in_form(form, text)
    assert [(person.name, person.title) for person in extract(text).participants] == [
        ("包玉莲", "盟人大工委副秘书长、盟政协委员"),
        ("王荣华", "自治区人大代表"),
    ]


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_a_remark_ends_where_the_group_does_something_next(form):
    # 264: 自治区人大代表王荣华表示,这次学习有收获,…很有帮助。考察组还邀请农安县人大到兴安盟开展考察调研 — the group's
    # invitation is the group's act, not the deputy's words.
    text = (
        "6月20-21日,盟人大工委副秘书长包玉莲带队与自治区人大代表王荣华等一行5人,赴吉林省长春市农安县开展考察学习。\n"
        "考察组与农安县街镇人大负责同志进行了交流。自治区人大代表王荣华表示,这次学习有收获,对履职能力提升很有帮助。"
        "考察组还邀请农安县人大到兴安盟开展考察调研,希望进一步加强学习交流。"
    )
    text = in_form(form, text)

    (speech,) = extract(text).other_speeches
    assert [folded(point.text) for point in speech.points] == ["这次学习有收获,对履职能力提升很有帮助"]


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_a_places_head_printed_after_the_name_is_the_speakers_post(form):
    # 263: 奇飞云市长提出,刚才,我们实地参观了公司发展情况… (as 240's 刘刚副旗长对…表示衷心的感谢) — 市长, 副旗长 after a
    # name are the post; 乌兰察布市长 is the head of a place, no one named 兰察布.
    text = (
        "7月17日,乌兰察布市市委副书记、市长奇飞云等一行到北京市海淀区考察。\n"
        "奇飞云市长提出,刚才,我们实地参观了公司发展情况。"
    )
    text = in_form(form, text)

    speeches = [speech for meeting in extract(text).meetings for speech in meeting.speeches]
    speeches += extract(text).other_speeches
    assert [(speech.name, speech.title) for speech in speeches] == [("奇飞云", "市长")]
    assert parse_people("乌兰察布市长", REGIONS) is None


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_a_welcome_expressed_to_the_visitors_names_who_welcomes(form):
    # 261: 李招军校长向各位来访的代表团领导表达了热烈的欢迎,介绍了… — the welcome to the visitors is the head's remark;
    # 向… (to whom) is no part of who speaks.
    text = (
        "10月25日,巴左旗教育局局长贺永钢率领呼伦贝尔市新巴左旗教育局代表团一行莅临北京市朝晖初中进行相互交流。\n"
        "李招军校长向各位来访的代表团领导表达了热烈的欢迎,介绍了学校的办学历史和育人理念。"
    )
    text = in_form(form, text)
    result = extract(text)
    speeches = [speech for meeting in result.meetings for speech in meeting.speeches] + result.other_speeches
    assert [(speech.name, speech.title, speech.kind) for speech in speeches] == [("李招军", "校长", SpeechKind.REMARK)]


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_the_work_a_team_came_to_do_named_first_and_apart_gives_its_kind(form):
    # 257: …草原筑梦实践团赴…西干沟乡,…开展留守儿童支教、农村产业调研…等社会实践活动 — teaching comes first, listed
    # apart from the research: kind 其他; 212's 采风调研活动 is one research of a sketching tour: 调研.
    taught = (
        "2024年7月13日至20日,中国石油大学(北京)地球科学学院草原筑梦实践团赴内蒙古自治区锡林郭勒盟多伦县西干沟乡,"
        "开展留守儿童支教、农村产业调研等社会实践活动。"
    )
    sketched = (
        "近期,北京经开区文联主席赵雅娟带领所属各协会艺术家近20人走进内蒙古苏尼特右旗,进行为期3天的主题采风调研活动。"
    )
    taught, sketched = in_form(form, taught, sketched)

    assert extract(taught).delegation.kind == DelegationKind.OTHER
    assert extract(sketched).delegation.kind == DelegationKind.RESEARCH


# --- What the unseen sets still miss, by pattern (7 December 2026) ---------------------------------------


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_two_who_sign_each_for_a_body_were_there(form):
    # 256: …主任王鑫与…副局长尕玛求文分别代表石景山区教委和称多县教育局签订结对帮扶协议 — for whom each signs comes
    # between the two and 签订; 185: …厅长黄雅丽和北京市教委一级巡视员王定东分别代表两地教育行政部门签订… — the two
    # joined by 和. A signer is named for the signature and is not guessed to lead the visit (185 names no leader).
    signed = (
        "10月10日上午,区委教工委副书记、区政府教育督导室主任王鑫与称多县教工委专职副书记、教育局副局长尕玛求文"
        "分别代表石景山区教委和称多县教育局签订结对帮扶协议。"
    )
    visited = (
        "3月15日-17日,北京教育考察团赴内蒙古自治区商都县考察调研。\n"
        "内蒙古自治区教育厅党组书记、厅长黄雅丽和北京市教委一级巡视员王定东分别代表两地教育行政部门签订"
        "《关于深化京蒙教育东西部协作工作的协议》。"
    )
    signed, visited = in_form(form, signed, visited)

    assert [(person.name, folded(person.title)) for person in extract(signed).participants] == [
        ("王鑫", folded("区委教工委副书记、区政府教育督导室主任")),
        ("尕玛求文", folded("称多县教工委专职副书记、教育局副局长")),
    ]
    result = extract(visited)
    assert [person.name for person in result.participants] == ["黄雅丽", "王定东"]
    assert not result.delegation.leaders


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_officials_who_accompany_one_after_another_close_their_list(form):
    # 242: …科右前旗旗委常委、副旗长李耀杰,副旗长白文杰等先后陪同调研 — 先后 says how they took part, as 分别 and
    # 一同 do; the last of the list is one of them.
    text = (
        "近日,校长安黎哲带队赴科右前旗调研定点帮扶乡村振兴工作,先后深入科右前旗科尔沁镇、兴安北京小学等地实地考察。\n"
        "兴安盟林草局副局长哈斯,科右前旗旗委常委、副旗长李耀杰,副旗长白文杰等先后陪同调研。"
    )
    text = in_form(form, text)

    people = extract(text).participants
    accompanying = [(person.name, person.title) for person in people if person.role == ParticipantRole.ACCOMPANYING]
    assert accompanying[-1] == ("白文杰", "副旗长")
    assert [name for name, _title in accompanying] == ["哈斯", "李耀杰", "白文杰"]


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_a_holiday_names_the_pages_year_not_its_month(form):
    # 188: 暑假,海拉尔国家研学基地迎来了北京…300余名师生 (published 14 August); 233: 暑假期間,京蒙兩地密集開展系列活動
    # (traditional, published 5 August) — a holiday spans two months: the year, inferred, not the page's month.
    summer = (
        "暑假,海拉尔国家研学基地迎来了北京东城、海淀、丰台、大兴和怀柔五区的300余名师生,"
        "开展京蒙东西部协作海拉尔研学活动。"
    )
    traditional = "暑假期間,京蒙兩地密集開展系列活動,讓1500公里的距離化作教育共融的紐帶,奏響民族團結的育人強音。"
    summer, traditional = in_form(form, summer, traditional)

    for text, published in ((summer, datetime.date(2024, 8, 14)), (traditional, datetime.date(2025, 8, 5))):
        date = extract(text, published=published).date
        assert (date.start, date.precision, date.inferred) == (
            published.replace(month=1, day=1),
            DatePrecision.YEAR,
            True,
        )


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_the_and_inside_a_ministrys_name_opens_no_list(form):
    # 260 (traditional): 文化和旅遊部資源開發司二級巡視員梅山,延慶區委副書記、區長葉大華,…出席大會 — the 和 of
    # 文化和旅游部 is inside the body's name (not 与 before those talked with), and 出席大会 closes the list.
    text = (
        "7月19日,第二届京张体育文化旅游带建设大会在延庆开幕。\n"
        "文化和旅遊部資源開發司二級巡視員梅山,延慶區委副書記、區長葉大華,國家體育總局體育經濟司副司長王小朋,"
        "烏蘭察布市副市長方澤,大同市副市長翟永清出席大會。"
    )
    text = in_form(form, text)

    people = [(person.name, folded(person.title)) for person in extract(text).participants]
    assert people[0] == ("梅山", folded("文化和旅游部资源开发司二级巡视员"))
    assert [name for name, _title in people] == ["梅山", "叶大华", "王小朋", "方泽", "翟永清"]
    (ministry,) = parse_people("文化和旅游部资源开发司二级巡视员梅山", REGIONS)
    assert (ministry.name, ministry.title) == ("梅山", "文化和旅游部资源开发司二级巡视员")
    assert [person.name for person in parse_people("张华和市委书记李明", REGIONS)] == ["张华", "李明"]


def test_who_leads_a_team_in_a_text_of_no_trip_attends_and_does_not_accompany():
    # 247: …医疗专家团队由北中医三院副院长孙文军带队 — 陪同 only where the text says so (issue 14).
    text = (
        "9月19日-21日,北京中医药大学第三附属医院协同国家奥体中心于组织医疗团队赴桑植县洪家关白族乡和瑞塔铺镇开展义诊活动。"
        "本次活动国家奥体中心党办张晓卉副主任等有关同志组织实施,医疗专家团队由北中医三院副院长孙文军带队,"
        "针对乡村人口老龄化特点,开展现场健康咨询服务。"
    )

    result = extract(text, published=datetime.date(2024, 9, 23))

    assert not result.is_trip
    assert ("孙文军", "北中医三院副院长", None, ParticipantRole.ATTENDING) in people(result)


def test_a_pronoun_opening_the_next_paragraph_is_a_new_point_of_the_same_speech():
    # 263: 奇飛云市長提出,…。\n她指出,烏蘭察布是連接華北、東北、西北的交通樞紐,… — one speech, its second point
    # the words after 她指出 (issue 14: a speech goes on until another speaker is named).
    text = (
        "7月17日,烏蘭察布市市委副書記、市長奇飛云等一行到我司參觀考察,洽談相關合作事宜。\n"
        "隨后雙方在會議室開展座談會議,就雙方關心的一些問題進行了深入的交流。奇飛云市長提出,剛才,我們實地參觀了公司發展情況,"
        "對雙方的合作更是充滿了信心。\n"
        "她指出,烏蘭察布是連接華北、東北、西北的交通樞紐,域優勢明顯;空氣質量優良。\n"
    )

    result = extract(text, published=datetime.date(2022, 8, 5))

    speeches = [speech for meeting in result.meetings for speech in meeting.speeches] + result.other_speeches
    assert [(s.name, [p.text[:6] for p in s.points]) for s in speeches] == [("奇飞云", ["刚才,我们实", "乌兰察布是连"])]


def test_a_briefing_list_going_on_with_yiji_after_a_comma_is_one_point():
    # 226: 陈沙娜院长介绍了我院与察右后旗蒙医医院建立对口帮扶工作以来的工作成效,以及本次巡回医疗工作的主要内容。她指出,…
    text = (
        "10月13日,内蒙古国际蒙医医院党委副书记、院长陈沙娜率领自治区巡回医疗队赴乌兰察布市察右后旗开展巡回医疗工作。\n"
        "陈沙娜院长介绍了我院与察右后旗蒙医医院建立对口帮扶工作以来的工作成效,以及本次巡回医疗工作的主要内容。"
        "她指出,巡回医疗工作是推动城市医疗资源向县级延伸的生动实践。\n"
    )

    result = extract(text, published=datetime.date(2024, 10, 14))

    speeches = [speech for meeting in result.meetings for speech in meeting.speeches] + result.other_speeches
    assert [(s.name, s.kind, [p.text for p in s.points]) for s in speeches] == [
        (
            "陈沙娜",
            SpeechKind.BRIEFING,
            [
                "我院与察右后旗蒙医医院建立对口帮扶工作以来的工作成效,以及本次巡回医疗工作的主要内容",
                "巡回医疗工作是推动城市医疗资源向县级延伸的生动实践",
            ],
        )
    ]


def test_a_pronoun_after_a_speech_verb_is_not_part_of_the_point():
    # 244: 王芳书记致辞,她对科左中旗旗委书记刘百田一行表示热烈欢迎。她指出,… — one speech, from 对 on.
    text = (
        "2月28日,北京化工大学帮扶科左中旗2017年工作对接会在我校召开,科左中旗旗委书记刘百田一行参加会议。\n"
        "王芳书记致辞,她对科左中旗旗委书记刘百田一行表示热烈欢迎。她指出,定点帮扶科左中旗是一项光荣而伟大的事业。\n"
    )

    result = extract(text, published=datetime.date(2017, 3, 2))

    speeches = [speech for meeting in result.meetings for speech in meeting.speeches] + result.other_speeches
    said = [s for s in speeches if s.name == "王芳"]
    assert [(s.kind, [p.text[:4] for p in s.points]) for s in said] == [(SpeechKind.SPEECH, ["对科左中"])]


def test_a_briefing_on_a_topic_is_the_topic_and_thanks_joined_by_bing_a_point_of_their_own():
    # 136: 镇长王德祥就新镇镇域总体情况…进行了详细介绍,并对…表示衷心感谢 — the topic, then the thanks with
    # their verb; 250: 张凤阳…介绍了…,并就需要协调的重点问题进行了说明 — each thing told of (convention 5).
    text = (
        "8月31日,北京市通州区台湖镇纪委书记洪壮志一行到新镇开展结对帮扶协作工作,镇长王德祥、纪委书记张静、副镇长李欣陪同。\n"
        "座谈会上,参会双方就对口帮扶相关领域详细情况进行交流探讨。镇长王德祥就新镇镇域总体情况、乡村振兴、产业发展、"
        "重点项目等情况进行了详细介绍,并对通州区台湖镇一直以来对新镇乡村振兴工作的大力支持和关心表示衷心感谢。\n"
        "座谈中,张凤阳代表京能集团介绍了与锡盟的合作情况,并就需要协调的重点问题进行了说明。\n"
    )

    result = extract(text, published=datetime.date(2023, 8, 31))

    speeches = [speech for meeting in result.meetings for speech in meeting.speeches] + result.other_speeches
    assert [(s.name, s.kind, [p.text for p in s.points]) for s in speeches] == [
        (
            "王德祥",
            SpeechKind.BRIEFING,
            [
                "新镇镇域总体情况、乡村振兴、产业发展、重点项目等情况",
                "对通州区台湖镇一直以来对新镇乡村振兴工作的大力支持和关心表示衷心感谢",
            ],
        ),
        ("张凤阳", SpeechKind.BRIEFING, ["与锡盟的合作情况", "需要协调的重点问题"]),
    ]


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_a_sentence_opened_by_a_post_and_a_name_names_someone_with_a_part(form):
    # 192: 通辽市政协副主席檀志军为北京行天下汽车俱乐部联合创始人兼CEO李冠杰授旗,并举行发车仪式 — the vice chairman,
    # printed by post and name at the head of the sentence, did something there: he had a part, in a text of no
    # trip too (参加, no side).
    text = (
        "2019年6月7-11日,由中国旅游车船协会自驾游与露营房车分会等联合发起的2019年第一期“老乡你好”公益自驾游活动"
        "走进通辽圆满结束。通辽市政协副主席檀志军为北京行天下汽车俱乐部联合创始人兼CEO李冠杰授旗,并举行发车仪式。"
    )
    text = in_form(form, text)

    result = extract(text)

    assert result.is_trip is False
    assert people(result) == [("檀志军", "通辽市政协副主席", None, ParticipantRole.ATTENDING)]


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_a_clause_opened_by_a_run_of_posts_and_names_names_who_was_there(form):
    # 259: 县自然资源局局长汪建兴、农科局副局长孙善宇、…主任郭峰提出了…需求; 朱道林教授、李贵桐教授、王艳飞副教授等从…
    # 提出…建议 — no 出席 or 参加, yet two or more people, each a post and a name, opening a clause, were there
    # (参加; a county bureau's 股长 is a post).
    text = in_form(
        form,
        "2026年1月22日,某大学、内蒙古锡林郭勒盟多伦县人民政府三方举行座谈会,围绕校地合作等议题深入交流。\n"
        "县自然资源局局长汪建兴、农科局副局长孙善宇、自然资源局耕保股股长韩波、政府办副主任闫伟龙提出了土壤改良等具体合作需求。\n"
        "朱道林教授、李贵桐教授、王艳飞副教授等从土地政策、土壤改良等方面提出针对性建议。",
    )
    # 247: 本次活动国家奥体中心党办张晓卉副主任、科训处高霞主任、李超主任等有关同志组织实施 — posts after the names.
    after = in_form(
        form,
        "9月19日-21日,北京中医药大学第三附属医院组织医疗团队赴桑植县洪家关白族乡开展义诊活动。"
        "本次活动国家奥体中心党办张晓卉副主任、科训处高霞主任、李超主任等有关同志组织实施。",
    )

    found = [(person.name, person.title) for person in extract(text).participants]
    found_after = [(person.name, person.title) for person in extract(after).participants]

    assert found == [
        ("汪建兴", "县自然资源局局长"),
        ("孙善宇", "农科局副局长"),
        ("韩波", "自然资源局耕保股股长"),
        ("闫伟龙", "政府办副主任"),
        ("朱道林", "教授"),
        ("李贵桐", "教授"),
        ("王艳飞", "副教授"),
    ]
    assert {person.role for person in extract(text).participants} == {ParticipantRole.ATTENDING}
    assert ("高霞", "主任") in found_after and ("李超", "主任") in found_after


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_what_opens_a_clause_before_posts_and_names_is_no_run_of_people(form):
    # 264: 考察组与农安县街镇人大负责同志就人大代表之家建设、…和发挥人大代表作用等… — words after a post are no
    # name unless shaped like one, and a post holds no 与 or 就.
    topic = in_form(
        form,
        "6月20-21日,盟人大工委副秘书长包玉莲带队赴吉林省长春市农安县开展考察学习。"
        "考察组与农安县街镇人大负责同志就人大代表之家建设、立法联系点建设和发挥人大代表作用等进行了座谈交流。",
    )
    # 230: 在海淀区卫计委主任李劲涛、副主任赵成芳…等领导的指导下 — the 在 opens no post.
    guided = in_form(
        form,
        "7月14日,在海淀区卫计委主任李劲涛、副主任赵成芳、兴安盟卫计委主任母志华等领导的指导下,"
        "我院院长杜继臣与科尔沁右翼前旗人民医院院长马丹签订了协议书。",
    )
    # 263: …市长奇飞云一行在我司董事长冯文明、副总经理刘强、夏冰等人的陪同下… — a group and 在 are no post.
    hosted = in_form(
        form,
        "乌兰察布市市长奇飞云一行在我司董事长冯文明、副总经理刘强、夏冰等人的陪同下"
        "先后深入生产一线进行实地参观考察。",
    )

    titles = [person.title for text in (topic, guided, hosted) for person in extract(text).participants]

    assert not [title for title in titles if any(word in title for word in ("在", "与", "就", "一行"))]
    assert "作用" not in [person.name for person in extract(topic).participants]


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_the_writers_own_people_listed_at_the_end_of_the_lead_travel_with_their_leader(form):
    # 245: …任新刚副校长赴我校定点扶贫县——…科左中旗开展扶贫调研工作,通辽市委常委亓彦伟,科左中旗旗委副书记刘光毅及旗相关
    # 部门负责同志陪同,我校陪同调研的人员有校机关党委书记赵恩平、…等 — the hosts who accompany (their list closed
    # by the group of the bodies with them) and then, after a comma, the writer's own people: the visitors'
    # members, though they too 陪同. A 与 inside a body's name (材料科学与工程学院) joins no one.
    text = in_form(
        form,
        "5月16日,任新刚副校长赴我校定点扶贫县——内蒙古通辽市科尔沁左翼中旗开展扶贫调研工作,通辽市委常委亓彦伟,"
        "科左中旗旗委副书记刘光毅及旗相关部门负责同志陪同,我校陪同调研的人员有校机关党委书记赵恩平、"
        "国内合作交流处处长何雨骏、材料科学与工程学院党委书记赵静等。",
    )

    found = people(extract(text))

    assert found == [
        ("任新刚", "副校长", V, LEADER),
        ("亓彦伟", "通辽市委常委", H, ParticipantRole.ACCOMPANYING),
        ("刘光毅", "科左中旗旗委副书记", H, ParticipantRole.ACCOMPANYING),
        ("", "旗相关部门负责同志", H, ParticipantRole.ACCOMPANYING),
        ("赵恩平", "校机关党委书记", V, MEMBER),
        ("何雨骏", "国内合作交流处处长", V, MEMBER),
        ("赵静", "材料科学与工程学院党委书记", V, MEMBER),
    ]


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_talks_named_only_by_who_attended_them_are_the_meeting_its_speakers_speak_at(form):
    # 246: …党委书记李洪喜,…党支部书记包彦新到我处回访交流。外联处处长郭雪萌,…包涵参加座谈。郭雪萌…表示… — no meeting
    # is told but the talks the list attended: the remarks after it are made there. What the visitors' place is to
    # the writer (我校定点帮扶地区) is no part of the post.
    text = in_form(
        form,
        "5月28日,我校定点帮扶地区科左后旗散都苏木党委书记李洪喜,巴彦乌楞嘎查(村)党支部书记包彦新到我处回访交流。"
        "外联处处长郭雪萌,原挂职巴彦乌楞嘎查(村)第一书记包涵参加座谈。\n"
        "郭雪萌对李洪喜一行的到来表示欢迎。她表示,外联处一直以来务实推进帮扶工作。\n"
        "李洪喜对外联处多年来的帮扶表示感谢,他表示,散都苏木的发展离不开交大的大力支持。",
    )
    # Once a meeting was told, a list that attends talks opens no second one.
    told = in_form(form, text.replace("到我处回访交流。", "到我处回访交流,双方召开座谈会。"))

    result = extract(text)

    assert [(meeting.title, meeting.kind) for meeting in result.meetings] == [("座谈", MeetingKind.SYMPOSIUM)]
    assert [(speech.name, speech.title) for speech in result.meetings[0].speeches] == [
        ("郭雪萌", "外联处处长"),
        ("李洪喜", "科左后旗散都苏木党委书记"),
    ]
    assert result.other_speeches == []
    assert len(extract(told).meetings) == 1


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_a_school_naming_its_own_posts_by_xiao_comes_from_the_place_of_its_name(form):
    # 243: 北化新闻网…电 8月25日,校党委书记刘贵芹带队赴内蒙古通辽市科尔沁左翼中旗调研… — a school's own news writes
    # 校 for itself, as 我校; the report names the school (北京化工大学): the visitors come from 北京市, and the
    # reviewer is told how that was read.
    text = in_form(
        form,
        "8月25日,校党委书记刘贵芹带队赴内蒙古通辽市科尔沁左翼中旗调研定点帮扶工作并出席座谈会。\n"
        "解春贺代表旗委、旗政府对北京化工大学一直以来的倾情帮扶表示衷心的感谢。",
    )
    # Nothing in the text names the school: nothing to go by.
    unnamed = in_form(form, "8月25日,校党委书记刘贵芹带队赴内蒙古通辽市科尔沁左翼中旗调研定点帮扶工作并出席座谈会。")

    result = extract(text)

    assert result.delegation.origin.name == "北京市"
    assert any("北京化工大学" in warning and warning.startswith("出发地") for warning in result.warnings)
    assert extract(unnamed).delegation.origin is None


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_hosts_holding_talks_with_a_party_named_as_one_is_a_visit_of_that_party(form):
    # 249: 近日,集团党委副书记、总经理阚兴与内蒙古自治区乡村振兴局副局长海山、锡林郭勒盟盟委副书记赵辉一行举行会谈,…。
    # 北京市支援合作办公室党组成员、副主任汪兆龙参加会谈。 — no journey is told, but the party met (一行) are the
    # visitors and lead, the one who met them hosts, the talks are the meeting the remarks are made at, and whoever
    # attended the talks (参加会谈) was there.
    text = in_form(
        form,
        "近日,集团党委副书记、总经理阚兴与内蒙古自治区乡村振兴局副局长海山、锡林郭勒盟盟委副书记赵辉一行举行会谈,"
        "双方就加快“绿电进京”通道建设进行了深入交流。北京市支援合作办公室党组成员、副主任汪兆龙参加会谈。\n"
        "海山表示,希望能与京能集团共同推动“绿电进京”通道建设。\n",
    )

    result = extract(text)

    assert result.is_trip is True
    assert [(person.name, person.title) for person in result.delegation.leaders] == [
        ("海山", "内蒙古自治区乡村振兴局副局长"),
        ("赵辉", "锡林郭勒盟盟委副书记"),
    ]
    assert result.delegation.origin.name == "内蒙古自治区"
    assert ("阚兴", "集团党委副书记、总经理", H, ParticipantRole.ATTENDING) in people(result)
    assert ("汪兆龙", "北京市支援合作办公室党组成员、副主任", H, ParticipantRole.ATTENDING) in people(result)
    assert [meeting.title for meeting in result.meetings] == ["会谈"]
    assert [speech.name for speech in result.meetings[0].speeches] == ["海山"]


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_advice_told_without_a_comma_is_a_remark(form):
    # 259: 副院长周虎教授建议多伦县结合资源禀赋开展试点,… — 建议 with whom it is for and no comma after it is what
    # the speaker said, as 建议, is.
    text = in_form(
        form,
        "2026年1月22日,某学院、多伦县人民政府举行座谈会,围绕校地合作等议题深入交流。\n"
        "学院党委书记刘尚民表示,学院愿今后继续发挥专业所长。副院长周虎教授建议多伦县结合资源禀赋开展试点,"
        "优化土地利用结构。",
    )
    # A proposal named as a thing (的建议, 建议书) is no one speaking.
    nouns = [
        in_form(form, "2026年1月22日,某学院、多伦县人民政府举行座谈会。" + sentence)
        for sentence in (
            "副院长周虎的建议得到与会人员认可。",
            "副院长周虎提交了建议书。",
            "副院长周虎关于土地的建议得到采纳。",
        )
    ]

    result = extract(text)
    speeches = [(speech.name, speech.title) for meeting in result.meetings for speech in meeting.speeches]
    speeches += [(speech.name, speech.title) for speech in result.other_speeches]

    assert ("周虎", "副院长") in speeches
    for noun in nouns:
        result = extract(noun)
        assert [speech for meeting in result.meetings for speech in meeting.speeches] + result.other_speeches == []


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_someone_told_by_the_post_they_were_sent_to_hold_speaks_with_that_post(form):
    # 245: 我校派往西浩来艾勒嘎查担任第一书记的徐泽敏汇报了驻村工作开展情况 — the post held (担任…的) is the title.
    text = in_form(
        form,
        "5月16日,任新钢副校长赴内蒙古通辽市科尔沁左翼中旗开展扶贫调研工作。"
        "随后,任新钢副校长与当地市旗乡村各级代表进行了座谈。我校派往西浩来艾勒嘎查担任第一书记的徐泽敏汇报了驻村工作开展情况。",
    )

    result = extract(text)

    assert [(speech.name, speech.title, speech.kind) for speech in result.meetings[0].speeches] == [
        ("徐泽敏", "第一书记", SpeechKind.BRIEFING)
    ]
    assert ("徐泽敏", "第一书记") in [(person.name, person.title) for person in result.participants]


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_a_schools_own_posts_go_with_its_leader_and_who_went_along_is_read(form):
    # 243: 校党委书记刘贵芹带队赴…。校党委副书记、纪委书记曲雁,校党委副书记崔春花一同调研,
    # 通辽市人民政府副市长陈奕名,…等参加有关活动 — the school's posts printed with 校 alone are the leader's
    # school's (visitors); a list closed by 一同调研 is who went along, the lists after it who attended.
    text = in_form(
        form,
        "8月25日,校党委书记刘贵芹带队赴内蒙古通辽市科尔沁左翼中旗调研定点帮扶工作并出席座谈会。"
        "校党委副书记、纪委书记曲雁,校党委副书记崔春花一同调研,通辽市人民政府副市长陈奕名,"
        "科左中旗旗委书记解春贺等参加有关活动。\n解春贺代表旗委、旗政府对北京化工大学的倾情帮扶表示感谢。",
    )

    found = people(extract(text))

    assert found[:3] == [
        ("刘贵芹", "校党委书记", V, LEADER),
        ("曲雁", "校党委副书记、纪委书记", V, MEMBER),
        ("崔春花", "校党委副书记", V, MEMBER),
    ]
    assert ("陈奕名", "通辽市人民政府副市长", H, ParticipantRole.ATTENDING) in found


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_a_journey_told_in_someones_remarks_is_recalled_and_those_who_received_the_group_were_there(form):
    # 267 (in traditional characters): …一行十八人,日前訪澳門婦女聯合總會,受到婦聯總會會長賀定一、理事長林婉妹、
    # 副會長林笑雲、黃潔卿…,常務理事何歡顏…等的熱情接待。賀定一在座談會上表示,…崔世安率領的澳門經貿代表團…
    # 前往內蒙古考察… — the journey in her remarks is one she recalls, not the report's (no trip here: Macau is neither
    # side); those who received the group were there, each with the post printed before them.
    text = in_form(
        form,
        "【本報訊】內蒙古自治區婦女聯合會副主席冀曉青率領內蒙古自治區婦女聯合會訪澳代表團一行十八人,日前訪澳門婦女聯合總會,"
        "受到婦聯總會會長賀定一、理事長林婉妹、副會長林笑雲、黃潔卿,常務理事何歡顏、莫麗霞等的熱情接待。\n"
        "賀定一在座談會上表示,澳門全國人大代表團、行政長官崔世安率領的澳門經貿代表團,分別於2010年及2011年前往內蒙古"
        "考察經濟社會發展情況和旅遊業情況。",
    )
    # The host's welcome telling the journey (…对北京市企业家一行前来内蒙古…表示热烈欢迎, 161) is no one's recollection.
    welcome = in_form(
        form,
        "5月14日上午,京蒙产业扶贫合作项目对接座谈会在呼和浩特市举行。自治区副主席张韶春主持会议并讲话。\n"
        "首先,张韶春对北京市企业家一行前来内蒙古对接京蒙产业扶贫合作项目表示热烈欢迎和衷心感谢。",
    )

    result = extract(text)

    assert result.is_trip is False
    found = [(person.name, person.title) for person in result.participants]
    assert found[-6:] == [
        ("贺定一", "妇联总会会长"),
        ("林婉妹", "理事长"),
        ("林笑云", "副会长"),
        ("黄洁卿", "副会长"),
        ("何欢颜", "常务理事"),
        ("莫丽霞", "常务理事"),
    ]
    assert "崔世安" not in [name for name, _title in found]
    assert extract(welcome).is_trip is True


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_the_head_of_a_front_command_is_a_post_and_changwu_is_no_name(form):
    # 265: …巴州党委副书记、河北省援疆工作前方指挥部指挥长徐付军参加有关活动; 266: 自治区妇儿工委办常务副主任、
    # 自治区妇联改革办主任邢慧丽一同调研 — 指挥长 ends a post; 常务副主任 is one post, no one named 常务.
    commander = in_form(form, "巴州党委副书记、河北省援疆工作前方指挥部指挥长徐付军")
    standing = in_form(form, "自治区妇儿工委办常务副主任、自治区妇联改革办主任邢慧丽")

    assert [(p.name, p.title) for p in parse_people(commander, REGIONS)] == [
        ("徐付军", "巴州党委副书记、河北省援疆工作前方指挥部指挥长"),
    ]
    assert [(p.name, p.title) for p in parse_people(standing, REGIONS)] == [
        ("邢慧丽", "自治区妇儿工委办常务副主任、自治区妇联改革办主任")
    ]


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_a_blank_before_a_mark_is_copying_and_hong_kongs_particle_zhu_reads_as_zhe(form):
    # 267: …內蒙古有著豐富的旅遊資源…; …開拓進取的精神 ,十分值得澳門婦女姊妹學習 — the particle Hong Kong writes 著 is
    # the mainland's 着 (著名, 显著 keep 著), and a blank before a mark is no more part of the words than one after it.
    text = in_form(
        form,
        "林婉妹在歡迎午宴上表示,內蒙古有著豐富的旅遊資源,中國婦女展現出來的開拓進取的精神 ,十分值得學習,"
        "兩地合作成效顯著,著名景區眾多。",
    )

    (speech,) = extract(text).other_speeches

    assert speech.points[0].text == in_form(
        form, "内蒙古有着丰富的旅游资源,中国妇女展现出来的开拓进取的精神,十分值得学习,两地合作成效显著,著名景区众多"
    )


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_one_persons_posts_printed_with_a_comma_between_them_are_one_title(form):
    # 265: 保定市委书记党晓龙与巴州党委书记,兵团第二师党委第一书记、第一政委任广鹏座谈。…任广鹏对保定…的大力支持和
    # 无私援助表示诚挚感谢 — a post with no name before a comma is the next person's too (a label of a group, 领导 or
    # 负责人, is not); thanks told with how much (诚挚, 衷心…) are a remark.
    text = in_form(
        form,
        "7月3日,新疆巴州党政代表团来保定市考察。保定市委书记党晓龙与巴州党委书记,兵团第二师党委第一书记、第一政委任广鹏座谈。\n"
        "任广鹏对保定长期以来给予巴州的大力支持和无私援助表示诚挚感谢,并简要介绍了巴州经济社会发展情况。",
    )
    title = in_form(form, "巴州党委书记,兵团第二师党委第一书记、第一政委")

    result = extract(text)

    assert ("任广鹏", title) in [(person.name, person.title) for person in result.participants]
    assert [(speech.name, speech.title, speech.kind) for speech in result.other_speeches] == [
        ("任广鹏", title, SpeechKind.REMARK)
    ]
    # A group's label before a comma stays the group's.
    group, _named = parse_people("锡林郭勒盟领导,张三", REGIONS)
    assert (group.name, group.title) == ("", "锡林郭勒盟领导")


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_a_streets_leaders_briefing_on_a_topic_is_the_topic_and_what_both_sides_did_is_the_reports(form):
    # 269: 会上,广宁街道相关领导对高井路社区打造…的经验做法进行详细介绍,…。双方在开展社区基层治理工作中…交流学习 — a
    # street's leaders are a group with a post that speaks; 对Y进行详细介绍 tells Y, as 就Y进行了介绍 does
    # (convention 5); what both sides did (双方在…) is the report's narration, not the briefing's.
    text = in_form(
        form,
        "近日,石景山区广宁街道召开与内蒙古自治区宁城县大城子镇对口支援协作交流研讨会。\n"
        "会上,广宁街道相关领导对高井路社区打造党建引领社区共建共治共享的经验做法进行详细介绍。"
        "双方在开展社区基层治理工作中围绕阵地建设、党建引领、服务群众等方面交流学习,分享典型经验。",
    )
    # 145: 双方医院领导首先分别对两家医院基本情况进行了介绍 — the heads of both sides in turn are no one speaker.
    both = in_form(form, "会上,双方医院领导首先分别对两家医院基本情况进行了介绍。")

    (speech,) = extract(text).other_speeches

    assert (speech.name, speech.title, speech.kind) == ("", "广宁街道相关领导", SpeechKind.BRIEFING)
    assert [point.text for point in speech.points] == ["高井路社区打造党建引领社区共建共治共享的经验做法"]
    assert extract(both).other_speeches == []


@pytest.mark.parametrize("form", ["full", "ascii"])
def test_whom_views_were_exchanged_with_took_part_and_a_with_inside_a_word_joins_no_one(form):
    # 269: …并对工作开展过程中如何充分发动群众参与、如何打造亮点特色、如何形成长效机制与宁城县负责人交换看法意见 —
    # the 与 of 参与 joins no one; whom views were exchanged with (与…交换) took part. 138: …副市长王国相同志在
    # 市政府办公楼亲自主持召开现场办公会议,…副主任郭金同志、…参加了会议 — nor does the 同 of 同志 or of 相同.
    text = in_form(
        form,
        "近日,石景山区广宁街道召开与内蒙古自治区宁城县大城子镇对口支援协作交流研讨会。\n"
        "会上,广宁街道相关领导对工作开展过程中如何充分发动群众参与、如何打造亮点特色、如何形成长效机制"
        "与宁城县负责人交换看法意见。",
    )
    comrade = in_form(
        form,
        "3月25日上午,乌兰察布市人民政府副市长王国相同志在市政府办公楼亲自主持召开现场办公会议,"
        "招商局局长弓箭同志、开发区管委会副主任郭金同志参加了会议。",
    )

    assert ("", "宁城县负责人") in [(person.name, person.title) for person in extract(text).participants]
    # …局长弓箭同志、…副主任郭金同志: the people, without the 同志 after each name.
    assert [(person.name, person.title) for person in extract(comrade).participants] == [
        ("弓箭", "招商局局长"),
        ("郭金", "开发区管委会副主任"),
    ]
