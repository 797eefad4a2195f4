"""People as reports print them: 乌兰察布市委副书记、市长奇飞云, 锡林郭勒盟领导周祥伟、孙振江.

A title ends with a word from the lexicon (书记, 旗长, 领导 …) and the name is what follows
it. 、 joins either two posts of one person (市委副书记、市长奇飞云) or two people under one
label (正镶白旗领导额尔登巴特尔、宝力格); which one it is shows from whether the piece after
it still ends with a title or is a bare name.
"""

import dataclasses
import re

DOTS = "·•・‧∙"
_DOT_SPLIT = re.compile(f"[{DOTS}]")
_LEADING_VERB = re.compile(r"带领|率领|带队|率队")
# …与来自不同国家的留学生热情交流: how people did something is no name after their kind; 和田市师生
# are a place's pupils and teachers, no one named.
_MANNER = re.compile(r"热情|热烈|亲切|认真|详细|深入|积极|纷纷|一起|一同|共同|(?:师生|同学|学生|老师|教师)$")
_CJK = re.compile(r"^[\u4e00-\u9fff]+$")
_TITLE_CHARS = re.compile(r"^[\u4e00-\u9fff、·•“”（）()]+$")
# Digits that name a school, a class, a hospital or another body (北京101中学校长, 六年级（4）班学生,
# 301医院院长, …8455线路检测中心副院长) belong to a post; a date (2024年4月1日昌平区委书记) does not.
_NUMBERED = re.compile(
    r"[（(]?[0-9]+[）)]?(?=班|中学|小学|中|学校|[\u4e00-\u9fff]{0,4}?(?:医院|中心|研究院|研究所|学院|大学))"
)
# 盟人大工委副秘书长包玉莲带队与自治区人大代表王荣华等一行: the one who leads, then the others.
_CONJUNCTIONS = re.compile(r"带队与|以及|和|与|及")

# Characters that (almost) never occur in a personal name but often in the words around one.
_NOT_NAME = frozenset(
    "的了在对向将等与及或并从把被区县旗盟市镇乡委局厅处部办组团队所站院校司厂馆室科股们该各此这那是不都就要副地说"
    # 文联, 妇联, 科协: a federation's or an association's short name.
    "联协"
    # …主任医师吕岩肿瘤内科…: the words of a hospital's departments, never a name's.
    "肿瘤癌疗诊症醉腔检护药"
    # 专家学者, 记者, 志愿者, 患者: 者 makes a kind of person, never a name.
    "者"
)
# 内科, 外科, 儿科, 妇科, 眼科, 骨科, 牙科, 专科, 学科, 本科, 预科, 产科, 皮肤科…: 科 after these is a department;
# 文联, 妇联, 侨联, 残联, 工商联, 青联, 社联: 联 after these is a federation.
_BODY_BEFORE_LAST = {
    "科": frozenset("内外儿妇眼骨牙专学本预产肤耳鼻喉口神中西医药理工农文社"),
    "联": frozenset("文妇侨残商青社学台科工"),
}
# Long names (five and more characters) are Mongolian names written in Chinese characters,
# which draw on a small set of characters; this tells 额尔登巴特尔 from 推动协作取得实效.
_TRANSLITERATION = frozenset(
    "阿敖巴白宝包必毕宾波伯博布其齐奇琪钦沁青庆楚达岱丹道德登迪都杜朵额鄂尔尕嘎噶甘钢"
    "高哥格根古官哈海罕汗杭浩和赫黑亨洪呼胡花华吉加嘉金晋敬居喀卡坎克库奎拉来赖兰朗勒雷"
    "楞力丽利连林琳玲伦罗洛玛麦满毛梅蒙孟米敏明莫木姆纳娜乃那南讷尼宁努诺帕其恰强仁日荣"
    "如萨赛桑色森沙莎山善舍申什石世舒斯松苏素索塔台太泰坦陶特腾提天铁通图吐托瓦旺温文乌"
    "锡希喜夏仙香祥辛欣兴秀雅亚岩扬叶伊依音银英永优玉札扎占章招哲珍真志朱卓宗佐策钦查"
)
_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余"
    "杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史"
    "陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟"
    "殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游"
    "辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫"
    "费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘"
    "池查麻苑迟邝奇那巴宝冀郜逯扈薄谈练揭荆鄢阎郗晋原权续帅诸闻庹谌粟邰嵇蔺索弓郁井伏亢达"
    "乌图苏包白布海格敖额阿其吕相"
)
_COMPOUND_SURNAMES = frozenset(
    ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "令狐")
)
# A label without a name must still look like a post: it names a place or a body, or is
# one of the stock group words; otherwise 引导更多青年干部 would pass as a group of cadres.
# 相关, 有关, 部分 alone say nothing of who: 相关负责人 with no body named is no one to record.
_GROUP_MARKERS = re.compile(
    # 广宁街道相关领导: a street's (a community's) own, as a bureau's.
    r"领导|委|局|办|部|中心|公司|企业|厂|合作社|学校|医院|单位|部门|科室|协会|商会|银行|集团|机构|代表团|考察团|政协|人大|政府|"
    r"街道|社区"
)
_LEADING_LEVEL = "区市旗盟县镇乡"
# 杨宝田同志: the word after a name (负责同志, 领导同志: a group's label, not a name's word).
_COMRADE_AFTER_NAME = r"(?<!负责)(?<!领导)同志"
# …副组长李小三及全体成员, …秘书长赵勇等领导: the whole group, already there in the names before it.
_ITEM_TAIL = re.compile(
    # …贾雨川等当地领导陪同: the local leaders are the names before it.
    r"(?:" + _COMRADE_AFTER_NAME + r")?"
    r"(?:等(?:[0-9一二三四五六七八九十]+(?:人|位|名))?(?:同志|领导班子成员|班子成员|(?:当地|地方)?领导)?)?"
    # …书记张秉礼以及班子其他成员: the rest of a body's leaders, no one to record.
    r"(?:(?:以及|及|和)(?:全体(?:成员|人员)|(?:领导)?班子(?:其他|其余)?成员|其他(?:班子)?成员))?$"
)
# …局长弓箭同志: 同志 after a name in a list of several (负责同志 and 领导同志 are labels of their own).
_COMRADE = re.compile(r"(?<=[\u4e00-\u9fff]{4})" + _COMRADE_AFTER_NAME + "$")
# 13位, 三名, 几名: people counted, not named (the one way the reader writes it).
PEOPLE_COUNT = r"(?:\d+|[一二三四五六七八九十两几数多]+)(?:位|名)"
# …医务处处长王勇以及相关科室7位专家: a group counted, not named, as printed.
# 共有30多家中央企业主要负责人参加: a count of bodies, whose heads attended.
_COUNTED_LABEL = re.compile(
    r"[^\d、]{2,20}?" + PEOPLE_COUNT + r"[\u4e00-\u9fff]{1,6}|"
    r"(?:\d+|[一二三四五六七八九十两几数]+)(?:多|余)?家[\u4e00-\u9fff]{2,12}"
)
_COUNT_OPENS = re.compile(r"^(?:共有|另有|还有)(?=\d|[一二三四五六七八九十两几数])")
# 党院办副主任赵国凤（主持工作）, 副旗长李某（挂职）: a remark on the post after the name.
# 作家网总编赵智（冰峰）: another name the person goes by, after the name.
_POST_REMARK = re.compile(
    r"[（(](?:主持工作|挂职|援派|援蒙|兼[^（）()]{1,12}|代[^（）()]{1,6}|[\u4e00-\u9fff]{2,3}(?<!主持))[）)]$"
)
# …李德良等县领导及各乡镇、相关部门负责人: a group named after the label is a group of its own.
_LABEL_AFTER = re.compile(
    # …副厅长李晓秋等领导和机关相关人员: 等领导 alone, then the group after it.
    r"^(?P<names>[^等，,；;]{2,120})等(?P<label>[\u4e00-\u9fff]{0,10}?(?:领导|负责人|负责同志))"
    r"(?:(?:以及|及|和)(?P<more>[^等，,；;]{2,60}))?$"
)
_OTHERS_AFTER = re.compile(
    r"^(?P<names>[^等，,；;]{4,120})等(?P<others>(?:各|各级|相关|有关)[^等，,；;]{2,80}?(?:人员|负责人|负责同志|代表|成员))$"
)
# 机关相关人员, 工作人员: people after a list with no body named, no one to record.
_BARE_GROUP = re.compile(r"(?:机关)?(?:相关|有关)?(?:工作)?人员")
# A verb inside a label shows it is a clause: 付兆庚听取了有关负责人 is no group of people.
_NOT_LABEL = re.compile(r"了|听取|介绍|表示|考察|调研|参观|走访|看望|会见|陪同|出席|参加|召开|举行|带领|率领")
# Posts printed after the name: 付立新主任医师, 王晓云副书记, 田军院长. Only a bare post:
# 乌兰察布市政协副主席 is a title before a name, not 兰察布 with a post.
_POST_AFTER_NAME = re.compile(
    r"^(?:副|常务副)?(?:主任医师|主治医师|主任|院长|书记|校长|局长|主席|经理|总经理|董事长|教授|"
    r"研究员|医师|医生|院士|工程师|老师|处长|科长|所长|站长|会长|秘书长|部长|镇长|乡长|村长|主管|"
    # 奇飞云市长: a place's head after the name, when the name and 市 do not make a place (乌兰察布市长).
    r"市长|区长|县长|旗长|盟长)$"
)
_PLACE_HEAD = re.compile(r"(?:副|常务副)?(?:市|区|县|旗|盟)长$")
_POST_AFTER_NAME_MAX = 6
# 分管日常工作的副部长, 主管教学的副校长: the work a post is in charge of, said before 的.
_IN_CHARGE = re.compile(r"(?:分管|主管)[\u4e00-\u9fff]{1,10}$")
# Words that open a post and are also surnames: 原 (former), 时 (then), 代 (acting), 前, 现.
_POST_MODIFIERS = frozenset("原时代前现")


def is_name(text):
    """Could `text` be a personal name? 2–4 characters, a longer Mongolian name, or a name
    with a middle dot (奇·达楞太)."""
    if not text:
        return False
    if any(dot in text for dot in DOTS):
        parts = _DOT_SPLIT.split(text)
        return 2 <= len(parts) <= 4 and all(part and _CJK.match(part) and len(part) <= 8 for part in parts)
    if not _CJK.match(text):
        return False
    if text[0] == "一":
        # 一行, 一同, 一道: no surname is 一; …有关负责同志一行表示欢迎 names the group, not a person.
        return False
    if 2 <= len(text) <= 4:
        # 带领国别 (…王浩教授带领国别和区域研究专业…研究生): a verb of leading is no part of a name.
        return (
            not any(char in _NOT_NAME for char in _given_ke(text))
            and not _LEADING_VERB.search(text)
            and not _MANNER.match(text)
        )
    if 5 <= len(text) <= 8:
        return all(char in _TRANSLITERATION for char in text)
    return False


def _given_ke(text):
    """杨兆科, 赵兴联: 科 or 联 ends a given name after a surname and a character that makes no department
    or federation with it (内科, 儿科 are departments, 文联, 妇联 federations, never names); the text
    without it then, else the text."""
    if len(text) == 3 and text[0] in _SURNAMES and text[1] not in _BODY_BEFORE_LAST.get(text[2], text[1]):
        return text[:2]
    return text


def is_surname_only(name):
    """潘 of 潘书记: a surname with no given name, a person the reviewer must complete."""
    return len(name) == 1 and name in _SURNAMES


def looks_like_bare_name(text, known_names=()):
    """A name standing alone, with no title to vouch for it: known from elsewhere in the
    report, or shaped like one (a surname first, a middle dot, a long Mongolian name)."""
    if text in known_names:
        return True
    if not is_name(text):
        return False
    if any(dot in text for dot in DOTS) or len(text) >= 5:
        return True
    if len(text) == 4 and all(char in _TRANSLITERATION for char in text):
        return True  # 格日勒图, 额尔德尼: Mongolian names have no surname to go by
    return len(text) <= 3 and (text[0] in _SURNAMES or text[:2] in _COMPOUND_SURNAMES)


def is_title(text):
    return bool(text) and len(text) <= 80 and bool(_TITLE_CHARS.match(_NUMBERED.sub("", text)))


def is_group_label(title, lexicon):
    last = title.split("、")[-1]
    if last.startswith(("各", "全体", "相关", "有关")) and is_title(title) and not _NOT_LABEL.search(title):
        # 各专委会主任, 全体成员: every holder of a post, a group whatever the post; 相关职能科室主任: the
        # heads of the bodies concerned.
        return bool(_GROUP_MARKERS.search(last) or lexicon.regions.find_all(last))
    ending = next((ending for ending in lexicon.group_endings if title.endswith(ending)), "")
    # 相关科室7位专家: the count is no part of what they are.
    uncounted = re.sub(r"(?:\d+|[一二三四五六七八九十两几数多]+)(?:多|余)?(?:位|名|家)", "", title)
    if not ending or not is_title(uncounted) or _NOT_LABEL.search(title):
        return False
    # The marker must be outside the ending: the 部 of 干部 says nothing.
    head = title[: -len(ending)]
    return bool(_GROUP_MARKERS.search(head) or lexicon.regions.find_all(title) or refers_back(head))


def refers_back(title):
    """区委书记, 市委副书记: a post whose place the reader knows from the context."""
    return bool(title) and title[0] in _LEADING_LEVEL


def split_title_name(part, lexicon):
    """(title, name) for 区委书记王有国; (title, "") for a bare title such as 市委副书记;
    (post, name) for a post printed after the name (…神经内科魏光如主任); None when no title
    ending is found with a name (or nothing) after it."""
    for end in range(len(part), 1, -1):
        if not lexicon.title_ending_before(part, end):
            continue
        title, rest = part[:end], part[end:]
        if not is_title(title):
            return None
        if not rest:
            return name_before_post(part, lexicon) or (title, "")
        if is_name(rest):
            return _undescribed(title, lexicon), rest
    return None


def _undescribed(title, lexicon):
    """参与义诊的专家黄少君: the post is 专家; what is said of the person before 的 is not."""
    described = title.rfind("的")
    post = title[described + 1 :]
    if _IN_CHARGE.search(title[:described]):
        # 北京市委统战部分管日常工作的副部长: which work the post has is part of it, as printed.
        return title
    if described > 0 and len(post) >= 2 and lexicon.title_ending_before(post, len(post)):
        return post
    return title


def name_before_post(part, lexicon):
    """(post, name) for …魏光如主任 and 付立新主任医师: the shortest post at the end that
    has a name with a surname right before it. The unit before the name is not part of the
    post as a reader records it."""
    for size in range(2, min(_POST_AFTER_NAME_MAX, len(part) - 1) + 1):
        post = part[-size:]
        if not _POST_AFTER_NAME.match(post):
            continue
        before = part[:-size]
        if _PLACE_HEAD.search(post):
            place_end = len(part) - size + post.index("长")
            if any(found[1] == place_end for found in lexicon.regions.find_all(part)):
                continue  # 乌兰察布市长: the place's head, no one named 兰察布
        # 中心主任王浩教授: 王浩, not 任王浩, when the character before a two-character name
        # ends a post printed before it.
        lengths = (2, 3) if before[:-2].endswith(lexicon.title_endings) else (3, 2)
        # 潘书记, 语文组组长柳老师: a surname alone before the post — the person as the report calls
        # them, for the reviewer to complete (`is_surname_only`); only with nothing but a post before it,
        # so the 原 of 原书记 is no one.
        if len(before) == 1 or (len(before) > 1 and before[:-1].endswith(lexicon.title_endings)):
            lengths = (*lengths, 1)
        for length in lengths:
            name = before[-length:]
            if length == 1 and name in _POST_MODIFIERS:
                continue  # 原书记, 现院长: a former or present holder of the post, no surname
            if name.endswith("常务") and post.startswith("副"):
                continue  # …工委办常务副主任: 常务副主任 is the post, no one named 常务
            if len(name) == length and name[0] in _SURNAMES and (is_name(name) or length == 1):
                printed_before = before[:-length]
                if printed_before.endswith(lexicon.title_endings) and is_title(printed_before):
                    # 中心主任王浩教授: the post printed before the name is the one recorded.
                    return printed_before, name
                return post, name
    return None


@dataclasses.dataclass
class Named:
    name: str
    title: str
    # 锡林郭勒盟领导周祥伟、孙振江: 孙振江 has the title printed before 周祥伟, which may
    # be one person's post rather than a label for both.
    shared_title: bool = False
    # A post printed after the name (…医院王晓云副书记): the unit before the name, which is not
    # part of the title as recorded but tells whose side the person is on.
    unit: str = ""


def _unseparated(part, lexicon):
    """医学影像科主任医师吕岩肿瘤内科副主任医师张权: two people whose 、 the source left out —
    a post, a name with a surname, then a post with a name of its own. [part] otherwise."""
    for end in range(4, len(part) - 4):
        if not lexicon.title_ending_before(part, end) or lexicon.regions.match_at(part, end):
            continue
        cuts = []
        for length in (3, 2):
            name = part[end : end + length]
            rest = part[end + length :]
            if len(name) < length or name[0] not in _SURNAMES or not is_name(name):
                continue
            if lexicon.regions.match_at(part, end + length):
                continue
            split = split_title_name(rest, lexicon)
            if split and split[1] and is_title(part[:end]) and rest.startswith(split[0]):
                cuts.append(end + length)
        if len(cuts) > 1:
            # 区委书记王有国区长刘某: the post after the name opens with its level or its place.
            cuts = [
                cut for cut in cuts if part[cut] in _LEADING_LEVEL or lexicon.regions.match_at(part, cut)
            ] or cuts
        if len(cuts) == 1:
            return [part[: cuts[0]], *_unseparated(part[cuts[0] :], lexicon)]
        if cuts:
            return [part]  # a name of two or of three characters: the source cannot tell
    return [part]


def parse_people(text, lexicon, known_names=()):
    """Every person in a printed list, or None unless the whole of `text` reads as people.

    Items are separated by ，or ；; inside an item 、 and 和 are resolved as described above.
    """
    text = text.strip()
    if not text or len(text) > 600:
        return None
    people = []
    pending_post = ""
    for item, mark in _items(text):
        # 杨宝田同志, 胡虎等, 李四等5人, 王五等同志: the person, not the words after them.
        item = _COUNT_OPENS.sub("", _ITEM_TAIL.sub("", _POST_REMARK.sub("", item.strip())))
        if pending_post:
            # 巴州党委书记，兵团第二师党委第一书记、第一政委任广鹏: one person's posts, a comma between them.
            parsed = _parse_item(item, lexicon, known_names, {})
            if not (parsed and parsed[0].name and parsed[0].title):
                return None
            first = parsed[0]
            people.append(dataclasses.replace(first, title=pending_post + first.title))
            people.extend(parsed[1:])
            pending_post = ""
            continue
        others = _OTHERS_AFTER.match(item)
        if others and (_GROUP_MARKERS.search(others["others"]) or lexicon.regions.find_all(others["others"])):
            # …秘书长高艳等各慈善组织、志愿团队相关人员和…负责人: the titled people named, then the others as
            # one group as printed (各…, 相关…: not a label of the names before 等), when it names whose they are
            # (相关负责人 alone names no one to record).
            named = _parse_item(others["names"], lexicon, known_names, {})
            if named and all(person.name and person.title for person in named):
                people.extend(named)
                people.append(Named("", others["others"]))
                continue
        labelled = _LABEL_AFTER.match(item)
        more = None
        if labelled and not _NOT_LABEL.search(labelled["label"]) and labelled["more"]:
            more = _parse_item(labelled["more"], lexicon, known_names, {})
            if more and any(person.name for person in more):
                labelled = None  # only an unnamed group may follow the label
            elif not more and not _BARE_GROUP.fullmatch(labelled["more"]):
                labelled = None
            # …等领导和机关相关人员: people with no body named are no one to record.
        if labelled and not _NOT_LABEL.search(labelled["label"]):
            if all(is_name(name) for name in labelled["names"].split("、")):
                # 张华、李强等旗领导: the label after 等 is each one's, as 旗领导张华、李强 would be.
                item = labelled["label"] + labelled["names"]
            else:
                # 区委书记张华等区领导: each has a post of their own (…局等相关负责同志 is a label).
                named = _parse_item(labelled["names"], lexicon, known_names, {})
                if named and all(person.name and person.title for person in named):
                    item = labelled["names"]
            if item not in (labelled["label"] + labelled["names"], labelled["names"]):
                more = None  # the names were not read as such: nor is the group after them
        parsed = _parse_item(item, lexicon, known_names, {}) if item else None
        if not parsed and mark in "，," and _lone_post(item, lexicon):
            pending_post = item + mark
            continue
        if not parsed:
            return None
        people.extend(parsed)
        if labelled and more:
            people.extend(more)
    return None if pending_post else people


def _items(text):
    """(item, the mark after it) of a list whose items are separated by ，or ；."""
    parts = re.split(r"([，,；;])", text)
    return list(zip(parts[::2], [*parts[1::2], ""], strict=True))


def _lone_post(item, lexicon):
    """巴州党委书记 before a comma: a post of one (not a label of a group: 领导, 负责人), with no name, that
    the next item's person holds too."""
    return (
        bool(item)
        and is_title(item)
        and item.endswith(lexicon.title_endings)
        and not item.endswith(lexicon.group_endings)
        and "、" not in item
    )


# 旅游部, 社会保障局, 城乡建设厅: the rest of a body's name, two characters or more before its noun.
BODY_NAME_GOES_ON = re.compile(r"[\u4e00-\u9fff]{2,6}?(?:部|厅|局|委员会)")


def _half_of_a_body(left, first, lexicon, known_names):
    """`left` is one bare word never met as a name and `first`'s post opens with the rest of a
    body's name (not with a place or its level): the 和 was inside that name."""
    return (
        len(left) == 1
        and left[0].name
        and not left[0].title
        and left[0].name not in known_names
        and first.title
        and BODY_NAME_GOES_ON.match(first.title)
        and not re.match(r"[省市区县旗盟镇乡村]", first.title)
        and not lexicon.regions.match_at(first.title, 0)
    )


def _parse_item(item, lexicon, known_names, memo):
    # A split at 和 wins when both halves read as people: …察右前旗委书记冀宏和大兴区相关单位负责人.
    # A 和 inside a body's name (人力资源和社会保障局) leaves a half that does not.
    # `memo` keeps a long run of 和 from being re-parsed once per way of splitting it.
    if item in memo:
        return memo[item]
    result = None
    for match in _CONJUNCTIONS.finditer(item):
        left = _parse_parts(item[: match.start()], lexicon, known_names)
        right = left and _parse_item(item[match.end() :], lexicon, known_names, memo)
        if match.group() == "和" and right and _half_of_a_body(left, right[0], lexicon, known_names):
            # 文化和旅游部资源开发司二级巡视员梅山: a word before 和 that reads as a bare name is the start of
            # the body's name the post after it goes on with (文化和旅游部), not a person.
            continue
        if right and not any(person.name for person in left) and any(
            person.name and not person.title and person.name not in known_names for person in right
        ):
            # …职能部门负责人及全程: a word shaped like a name after an unnamed group, with no post of its
            # own and never met before, is how they took part (全程, 全体), not a person.
            right = None
        if left and right:
            # 街道相关科室负责人以及街道商会会员单位、爱心企业代表: two unnamed groups joined
            # are one group as printed.
            if not any(person.name for person in left + right):
                # …部分领导班子成员及相关职能科室主任: one group as printed even when the whole does not end
                # with a group's word.
                result = _parse_parts(item, lexicon, known_names) or [Named("", item)]
            result = result or left + right
            break
        if left and not any(person.name for person in left) and match.end() < len(item):
            # …院办等职能部门负责人及临床专家: an unnamed group goes on with more people of the same
            # bodies, named by what they are alone (临床专家 says no body of its own) — one group as
            # printed, as 市科技局…相关科室负责人及专家 is.
            whole = _parse_parts(item, lexicon, known_names)
            if whole and len(whole) == 1 and not whole[0].name:
                result = whole
                break
    else:
        result = _parse_parts(item, lexicon, known_names)
    memo[item] = result
    return result


def _parse_parts(item, lexicon, known_names):
    people = []
    pending = []  # posts (or bodies) waiting for the name that follows them
    last_title = None
    parts = []
    for part in item.split("、"):
        # 招商局局长弓箭同志、开发区管委会副主任郭金同志: the person, not the word after each name.
        parts += _unseparated(_COMRADE.sub("", part.strip()), lexicon)
    for part in parts:
        if not part:
            return None
        split = split_title_name(part, lexicon)
        if split and split[1]:
            title = "、".join([*pending, split[0]])
            # …妇幼保健院（自治区儿童医院）王晓云副书记: the unit printed before the name.
            unit = part[: part.rfind(split[1])] if not part.startswith(split[0]) else ""
            people.append(Named(split[1], title, unit=unit))
            pending, last_title = [], title
        elif split:
            pending.append(split[0])
        elif not pending and last_title is not None and is_name(part):
            # A label (…领导, …负责人) is meant for everyone after it; a post is one person's.
            people.append(Named(part, last_title, shared_title=not last_title.endswith(lexicon.group_endings)))
        elif not pending and last_title is None and looks_like_bare_name(part, known_names):
            people.append(Named(part, ""))
        elif is_title(part) and not is_name(part):
            pending.append(part)  # a body: 昌平区发展改革委、区农业农村局负责人
        elif not pending and _COUNTED_LABEL.fullmatch(part) and part.endswith(lexicon.group_endings):
            pending.append(part)
        else:
            return None
    if pending and people and all(person.name and not person.title for person in people):
        # 文旅、农牧部门负责同志: words shaped like bare names (文旅) before an unnamed group are
        # what the group's bodies do — one group as printed, as 文旅部门、农牧部门负责同志 would be.
        bare = [person.name for person in people]
        if not any(name in known_names for name in bare):
            label = "、".join([*bare, *pending])
            if is_group_label(label, lexicon):
                return [Named("", label)]
    if pending:
        label = "、".join(pending)
        joined = re.match(r"^(?:以及|及|和|与)", label)
        # 以及和林县科技局负责人: 和 that starts a place's name (和林县) is no conjunction.
        if joined and not (joined.group() == "和" and lexicon.regions.match_at(label, 0)):
            label = label[joined.end() :]
        if not is_group_label(label, lexicon):
            return None
        people.append(Named("", label))
    return people
