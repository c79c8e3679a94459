"""English names of units: pinyin plus the kind, known names where pinyin is not how they are written."""

from __future__ import annotations

import pytest

pytest.importorskip("pypinyin")

from geo.names_en import english_name, pinyin


@pytest.mark.parametrize(
    "name, level, code, full, short, sure",
    [
        ("铁锋区", "county", "230204", "Tiefeng District", "Tiefeng", True),
        ("龙江县", "county", "230221", "Longjiang County", "Longjiang", True),
        ("讷河市", "county", "230281", "Nehe City", "Nehe", True),
        ("宾县", "county", "230125", "Bin County", "Bin County", True),
        ("昂昂溪区", "county", "230205", "Ang'angxi District", "Ang'angxi", True),
        ("齐齐哈尔市", "city", "230200", "Qiqihar City", "Qiqihar", True),
        ("梅里斯达斡尔族区", "county", "230208", "Meilisi Daur District", "Meilisi", False),
        ("杜尔伯特蒙古族自治县", "county", "230624", "Dorbod Mongol Autonomous County", "Dorbod", True),
        ("鄂伦春自治旗", "county", "150723", "Oroqen Autonomous Banner", "Oroqen", True),
        ("新巴尔虎左旗", "county", "150726", "New Barag Left Banner", "New Barag Left", True),
        ("扎赉特旗", "county", "152223", "Jalaid Banner", "Jalaid", True),
        ("科尔沁右翼中旗", "county", "152222", "Horqin Right Middle Banner", "Horqin Right Middle", True),
        ("兴安盟", "city", "152200", "Hinggan League", "Hinggan", True),
        ("某某旗", "county", "150799", "Moumou Banner", "Moumou", False),  # a banner in pinyin: check it
    ],
)
def test_english_name(name, level, code, full, short, sure):
    english = english_name(name, level, code)
    assert (english.name, english.short, english.sure) == (full, short, sure)


def test_pinyin_marks_syllables_that_start_with_a_vowel_and_keeps_u_umlaut():
    assert pinyin("依安") == "Yi'an"
    assert pinyin("绿园") == "Lüyuan"
