"""A record's address from cooperation.slugs.slug_url is reverse()'s, inside a list writer's `one_setting` too."""

import pytest
from django.urls import NoReverseMatch, get_script_prefix, reverse, set_script_prefix

from cooperation.slugs import one_setting, slug_url

VIEW = "visits:delegation_detail"


def test_an_address_is_reverses_under_each_script_prefix():
    before = get_script_prefix()
    try:
        for prefix in ("/", "/site/", "/other/"):
            set_script_prefix(prefix)
            for slug in ("da-xing-qu", "trip_2", "x"):
                assert slug_url(VIEW, slug) == reverse(VIEW, kwargs={"slug": slug})
            assert slug_url(VIEW, "a").startswith(prefix)
    finally:
        set_script_prefix(before)


def test_a_list_writer_makes_its_addresses_for_the_setting_it_started_in():
    before = get_script_prefix()
    try:
        set_script_prefix("/site/")
        with one_setting():
            assert slug_url(VIEW, "a") == "/site/visits/a/"
            with one_setting():
                person = "cooperation:person_detail"
                assert slug_url(person, "b") == reverse(person, kwargs={"slug": "b"}) == "/site/people/b/"
        set_script_prefix("/")
        # Outside the block each address reads the setting again.
        assert slug_url(VIEW, "a") == "/visits/a/" == reverse(VIEW, kwargs={"slug": "a"})
        with one_setting():
            assert slug_url(VIEW, "a") == "/visits/a/"
    finally:
        set_script_prefix(before)


def test_a_slug_the_address_cannot_hold_goes_through_reverse():
    with one_setting(), pytest.raises(NoReverseMatch):
        slug_url(VIEW, "带空格 的")
