"""The date of a trip as a report gives it: 2024年6月20日, 7月1日至3日, 近日."""

import datetime
import itertools
import re

from .results import DatePrecision, TripDate

# Full-width digits become ASCII one for one, so offsets do not move.
_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_DAY = re.compile(
    # 6月7-11日: the first day printed without its 日 before a range; 5月17——18日: a dash
    # doubled, as a dash is typed in Chinese (——).
    r"(?:(?P<year>\d{4})年)?(?P<month>\d{1,2})月(?P<day>\d{1,2})(?:日|(?=\s*(?:至|到|—{1,2}|–|-|－|~|～)\s*\d{1,2}日))"
    r"(?:\s*(?:至|到|—{1,2}|–|-|－|~|～|、|和)\s*(?:(?P<year2>\d{4})年)?(?:(?P<month2>\d{1,2})月)?(?P<day2>\d{1,2})日)?"
)
_MONTH = re.compile(r"(?P<year>\d{4})年(?P<month>\d{1,2})月(?!\d{1,2}日|份?以来)")
_RECENT = re.compile(r"近日|日前|近期|前不久|近来|最近")
# 1998年，北京内蒙古对口帮扶…: a report of a whole year names only the year.
_YEAR_ALONE = re.compile(
    r"(?:^|[，,。：:\s])(?P<year>(?:19|20)\d{2})年(?:[，,]|以来[，,])|"
    # “…”2022年内蒙古翁牛特旗文化旅游推介会在通州区举办: the year in the name of the event held.
    r"(?P<event_year>(?:19|20)\d{2})年[^，。；“”年]{2,24}?(?:推介会|博览会|交流会|展销会|运动会|大会|论坛)"
    r"(?=在[^，。；]{1,20}?(?:举办|举行|召开|开幕))"
)
# 2025北京·内蒙古…推介会, 2025京藏疆青蒙…活动: a year opening an event's name, printed without 年.
_YEAR_IN_NAME = re.compile(
    r"(?<![\d年])(?P<year>(?:19|20)\d{2})(?![年名人位个家余多万元件项次届])"
    r"(?=[\u4e00-\u9fff“][^，。；]{1,60}?(?:推介会|博览会|交流会|展销会|运动会|大会|论坛|活动|展览?|节|赛))"
)
# 暑假，海拉尔国家研学基地迎来了…; 暑假期间，京蒙两地密集开展系列活动: a season names no month, only the year
# the page gives (a holiday spans two months).
_THIS_YEAR = re.compile(
    r"今年(?:以来|上半年|下半年|前[一二三四五六七八九十\d]{1,2}个?月)|(?:今年)?(?:暑假|寒假)(?:期间)?[，,]"
)
# 中新网北京5月19日电, 本报5月14日讯: the dateline is the day the report was filed, not the
# day of what it reports.
_DATELINE = re.compile(r"\s*(?:电|讯)")
_TODAY = re.compile(r"今天|今日")
# A sentence that opens with its day (3月20日，…): what it tells happened that day.
_OPENS_WITH_DAY = re.compile(r"^(?:\d{4}年)?\d{1,2}月\d{1,2}日(?:上午|下午|晚上)?[，,]")
# 截至8月底, 8月中旬: a month with no year and no day; the year comes from the page.
_MONTH_PART = re.compile(
    r"(?<![\d年])(?P<month>\d{1,2})月(?:底|初|上旬|中旬|下旬)|"
    # 今年7月，…助农小队…来到…: a month alone, opening a sentence or after 今年.
    r"(?:^|(?<=今年))(?P<month_alone>\d{1,2})月份?(?=[，,])"
)


def find_trip_date(sentences, published=None, year_hint=None):
    """The trip's date from `sentences` (the lead first); `published` (a date) fills in
    what the text leaves out, else `year_hint` (a year the report writes before its lead),
    and the result says so."""
    for sentence in sentences:
        text = sentence.text.translate(_DIGITS)
        days = list(itertools.islice(_DAY.finditer(text), 3))
        reported = [day for day in days if not _DATELINE.match(text, day.end())]
        filed = [day for day in days if day not in reported]
        if filed and (_TODAY.search(text) or (reported and _spans(reported[0], filed[0]))):
            # 中新网北京5月19日电…今天, …从5月15日至20日: filed while it goes on, the report is of
            # the dateline's day.
            reported = []
        if reported or (days and not _RECENT.search(text)):
            # A dateline's day is the report's, and stands only when nothing else dates it
            # (中新网兴安盟8月7日电…7日开幕).
            found = _from_day((reported or days)[0], sentence, published, year_hint)
            return _through_later_turns(found, reported or days, text)
        # 近日 before a bare year and month: a lead that says 近日 and cites
        # “2023年12月召开的座谈会” is about a trip in the publication month.
        if _RECENT.search(text):
            # 近日，…共赴北京…。3月20日，研学团队分别来到…: the day the next sentences give.
            later = sentences[sentences.index(sentence) + 1 :]
            dated = next((s for s in later if _OPENS_WITH_DAY.match(s.text.translate(_DIGITS))), None)
            if dated is not None and published is not None:
                found = _from_day(_DAY.search(dated.text.translate(_DIGITS)), dated, published, year_hint)
                if found.start is not None and found.start <= published and (published - found.start).days <= 31:
                    return found
            if published is None:
                return TripDate(None, None, None, False, "报道只写“近日”，没有发布日期可以推断", sentence.span)
            return TripDate(
                published.replace(day=1),
                None,
                DatePrecision.MONTH,
                True,
                "报道只写“近日”，取发布日期所在月份",
                sentence.span,
            )
        if match := _MONTH.search(text):
            start = _safe_date(int(match["year"]), int(match["month"]), 1)
            if start:
                return TripDate(start, None, DatePrecision.MONTH, False, "报道写明年月", sentence.span)
        if match := _YEAR_ALONE.search(text):
            start = _safe_date(int(match["year"] or match["event_year"]), 1, 1)
            return TripDate(start, None, DatePrecision.YEAR, False, "报道只写年份", sentence.span)
        if published is not None and (match := _MONTH_PART.search(text)):
            # 11月底，…一行来到东城区 after 11月28日上午，…签字仪式在学校会议室举行: the day of the
            # visit's event, printed in that month by a sentence that opens with it.
            dated = next(
                (
                    (day, other)
                    for other in sentences
                    if other is not sentence
                    and _OPENS_WITH_DAY.match(other.text.translate(_DIGITS))
                    and (day := _DAY.search(other.text.translate(_DIGITS)))
                    and int(day["month"]) == int(match["month"] or match["month_alone"])
                ),
                None,
            )
            if dated is not None:
                return _from_day(*dated, published, year_hint)
            month = int(match["month"] or match["month_alone"])
            year = published.year - (1 if month > published.month else 0)
            start = _safe_date(year, month, 1)
            if start:
                note = "报道只写月份，年份按发布日期推断"
                return TripDate(start, None, DatePrecision.MONTH, True, note, sentence.span)
    if published is not None:
        # 今年以来, 今年上半年: a report of the year's work names the year by the page's.
        for sentence in sentences:
            if _THIS_YEAR.search(sentence.text):
                note = "报道只写“今年”，取发布日期的年份"
                return TripDate(published.replace(month=1, day=1), None, DatePrecision.YEAR, True, note, sentence.span)
    if published is None:
        return TripDate(None, None, None, False, "报道没有给出日期，也没有发布日期")
    return TripDate(published.replace(day=1), None, DatePrecision.MONTH, True, "报道没有给出日期，取发布日期所在月份")


def _from_day(match, sentence, published, year_hint=None):
    month, day = int(match["month"]), int(match["day"])
    inferred = False
    note = "报道写明日期"
    if match["year"]:
        year = int(match["year"])
    elif published is not None:
        # A report comes out after the trip: 12月28日 in a report of 3 January is last year.
        year = published.year - (1 if (month, day) > (published.month, published.day) else 0)
        inferred = True
        note = "报道未写年份，按发布日期推断"
    elif year_hint is not None:
        year = year_hint
        inferred = True
        note = f"报道未写年份，也没有发布日期，按正文中的“{year_hint}年”推断"
    elif named := _YEAR_IN_NAME.search(sentence.text.translate(_DIGITS), match.end()):
        # 5月11日，2025北京·内蒙古…推介会在北京…举办: the year that opens the name of the event that day.
        year = int(named["year"])
        inferred = True
        note = f"报道未写年份，也没有发布日期，按同句活动名称中的“{year}”推断"
    else:
        return TripDate(None, None, None, False, "报道只写月日，没有年份也没有发布日期", sentence.span)
    start = _safe_date(year, month, day)
    if start is not None and start == published:
        # A page often opens with its own date; the trip may have been earlier.
        note += "；与发布日期相同，请核对这是考察日期而不是发布日期"
    if start is None:
        return TripDate(None, None, None, False, f"日期不成立：{match.group(0)}", sentence.span)
    end = None
    if match["day2"]:
        month2 = int(match["month2"] or month)
        year2 = int(match["year2"] or (year + 1 if month2 < month else year))
        end = _safe_date(year2, month2, int(match["day2"]))
    return TripDate(start, end, DatePrecision.DAY, inferred, note, sentence.span)


def _through_later_turns(found, days, text):
    """7月22日-27日、7月29日-8月3日: a group that went in turns, its dates one after the other
    with only 、 or 和 between them — the trip runs from the first day to the last."""
    if found.start is None or not days[0]["day2"]:
        return found
    last = days[0]
    for day in days[1:]:
        if text[last.end() : day.start()] not in ("、", "和", "及") or not day["day2"]:
            break
        last = day
    if last is days[0]:
        return found
    month2 = int(last["month2"] or last["month"])
    year2 = int(last["year2"] or (found.start.year + (1 if month2 < found.start.month else 0)))
    end = _safe_date(year2, month2, int(last["day2"]))
    if end is None or end <= found.start:
        return found
    return TripDate(found.start, end, found.precision, found.inferred, found.note, found.span)


def _spans(match, day):
    """The range `match` (5月15日至20日) holds the day of `day` (5月19日), the year aside."""
    if not match["day2"]:
        return False
    start = (int(match["month"]), int(match["day"]))
    end = (int(match["month2"] or match["month"]), int(match["day2"]))
    return start <= (int(day["month"]), int(day["day"])) <= end


def _safe_date(year, month, day):
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None
