"""Code tables printed on (or stored in) the cards: sex, nation, province, card kinds.

- Sex: GB/T 2261.1 (0 未知的性别, 1 男, 2 女, 9 未说明的性别).
- Nation: GB 3304, the 56 nations in the standard's order plus 97 其他 and
  98 外国血统中国籍人士. The card face prints the short form (汉, 蒙古 …).
- Province: the first two digits of a GB/T 2260 region code (the first two digits of a
  citizen number); 81/82/83 are the address codes of 港澳台居民居住证 numbers.
"""

from __future__ import annotations

SEX = {"0": "未知的性别", "1": "男", "2": "女", "9": "未说明的性别"}

_NATIONS = (
    "汉族", "蒙古族", "回族", "藏族", "维吾尔族", "苗族", "彝族", "壮族", "布依族", "朝鲜族",
    "满族", "侗族", "瑶族", "白族", "土家族", "哈尼族", "哈萨克族", "傣族", "黎族", "傈僳族",
    "佤族", "畲族", "高山族", "拉祜族", "水族", "东乡族", "纳西族", "景颇族", "柯尔克孜族", "土族",
    "达斡尔族", "仫佬族", "羌族", "布朗族", "撒拉族", "毛南族", "仡佬族", "锡伯族", "阿昌族",
    "普米族", "塔吉克族", "怒族", "乌孜别克族", "俄罗斯族", "鄂温克族", "德昂族", "保安族",
    "裕固族", "京族", "塔塔尔族", "独龙族", "鄂伦春族", "赫哲族", "门巴族", "珞巴族", "基诺族",
)
NATIONS: dict[str, str] = {f"{i:02d}": n for i, n in enumerate(_NATIONS, start=1)}
NATIONS["97"] = "其他"
NATIONS["98"] = "外国血统中国籍人士"

PROVINCES = {
    "11": "北京市", "12": "天津市", "13": "河北省", "14": "山西省", "15": "内蒙古自治区",
    "21": "辽宁省", "22": "吉林省", "23": "黑龙江省",
    "31": "上海市", "32": "江苏省", "33": "浙江省", "34": "安徽省", "35": "福建省", "36": "江西省",
    "37": "山东省",
    "41": "河南省", "42": "湖北省", "43": "湖南省", "44": "广东省", "45": "广西壮族自治区",
    "46": "海南省",
    "50": "重庆市", "51": "四川省", "52": "贵州省", "53": "云南省", "54": "西藏自治区",
    "61": "陕西省", "62": "甘肃省", "63": "青海省", "64": "宁夏回族自治区",
    "65": "新疆维吾尔自治区",
}
PERMIT_REGIONS = {"810000": "香港", "820000": "澳门", "830000": "台湾"}

# Card kinds: the value of IdCard.card_type, the flag at text-block offset 248, the name a
# resident reads.
RESIDENT = "resident"
HK_MO_TW_PERMIT = "hk_mo_tw_permit"
FOREIGN_PERMANENT_2017 = "foreign_permanent_2017"
FOREIGN_PERMANENT_2023 = "foreign_permanent_2023"
# 社会保障卡 read over PC/SC: its 社会保障号码 is the holder's citizen number.
SOCIAL_SECURITY = "social_security"

FLAG_KIND = {"J": HK_MO_TW_PERMIT, "I": FOREIGN_PERMANENT_2017, "Y": FOREIGN_PERMANENT_2023}
KIND_FLAG = {v: k for k, v in FLAG_KIND.items()}
KIND_NAME = {
    RESIDENT: "居民身份证",
    HK_MO_TW_PERMIT: "港澳台居民居住证",
    FOREIGN_PERMANENT_2017: "外国人永久居留身份证",
    FOREIGN_PERMANENT_2023: "外国人永久居留身份证",
    SOCIAL_SECURITY: "社会保障卡",
}


def sex_name(code: str) -> str:
    return SEX.get(code.strip(), "未知的性别")


def nation_name(code: str) -> str:
    """汉族 for "01"; "" for an empty or unknown code."""
    return NATIONS.get(code.strip(), "")


def nation_short(code: str) -> str:
    """The form printed on the card face: 汉, 蒙古, 其他 …"""
    n = nation_name(code)
    return n[:-1] if n.endswith("族") else n


def kind_name(card_type: str) -> str:
    return KIND_NAME.get(card_type, "证件")
