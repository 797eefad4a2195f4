import pytest

from review.checks import (
    find_links,
    find_personal_information,
    find_sensitive_words,
    id_check_digit_ok,
    luhn_ok,
    mask_personal_information,
)

VALID_ID = "11010519491231002X"  # the check digit of the national standard's example
VALID_ID_2 = "150926198806150019"


def kinds(text):
    return [(f.kind, f.value, f.masked) for f in find_personal_information(text)]


def test_id_numbers_with_a_valid_check_digit_are_found_and_masked():
    assert kinds(f"身份证号{VALID_ID}，联系") == [("id_number", VALID_ID, "110105********002X")]
    assert kinds(f"另一位：{VALID_ID_2}") == [("id_number", VALID_ID_2, "150926********0019")]


@pytest.mark.parametrize("number", ["110105194912310021", "150926198806150017", "11010519491231002"])
def test_numbers_that_fail_the_check_digit_are_left_alone(number):
    assert not id_check_digit_ok(number) or len(number) != 18
    assert kinds(f"编号{number}") == []


@pytest.mark.parametrize(
    ("text", "mobile", "masked"),
    [
        ("联系电话13812341234。", "13812341234", "138****1234"),
        ("电话：138-1234-1234", "138-1234-1234", "138****1234"),
        ("+86 139 1234 5678", "+86 139 1234 5678", "139****5678"),
    ],
)
def test_mobile_numbers_are_found_and_masked(text, mobile, masked):
    assert kinds(text) == [("mobile", mobile, masked)]


@pytest.mark.parametrize("text", ["帮扶资金12345678901万元", "编号 23812341234", "区划代码150926"])
def test_numbers_that_only_look_like_phones_are_left_alone(text):
    assert kinds(text) == []


def test_bank_cards_must_pass_luhn():
    assert luhn_ok("6222021234567890128")
    assert not luhn_ok("6222021234567890121")
    assert kinds("账号 6222 0212 3456 7890 128") == [("bank_card", "6222 0212 3456 7890 128", "6222***********0128")]
    assert kinds("账号 6222021234567890121") == []


def test_masking_replaces_every_finding():
    text = f"张三，身份证{VALID_ID}，手机13812341234。"

    assert mask_personal_information(text) == "张三，身份证110105********002X，手机138****1234。"
    assert find_personal_information(mask_personal_information(text)) == []


def test_sensitive_words_are_found_where_they_stand():
    found = find_sensitive_words("内蒙古自治区和内蒙自治区", ["内蒙自治区"])

    assert [(f.value, f.start) for f in found] == [("内蒙自治区", 7)]


def test_links_are_read_from_attributes_and_bare_addresses():
    text = '见<a href="/visits/abc/">此处</a>和 https://www.gov.cn/zhengce/ 。<img src="/media/a.webp">'

    assert find_links(text) == ["/visits/abc/", "https://www.gov.cn/zhengce/", "/media/a.webp"]
