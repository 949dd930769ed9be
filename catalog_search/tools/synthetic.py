"""Synthetic catalogue records for benchmarks (10⁵, 10⁶ records) and to fill the demo catalogue:
Chinese titles built from common words, authors with common surnames (a few very frequent, a long
tail), real publishers, CLC classes weighted like a public library's stock (I literature first).
Deterministic for a given seed. Record ids start with ``S`` so they never collide with real ones.

    python -m catalog_search.tools.synthetic 100000 > catalogue-100k.csv
"""

import csv
import random
import sys

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰建国文辉力斌波宁俊峰晨雪琳红梅志海燕鹏飞云天欣怡子涵宇轩浩然"
)
WORDS = (
    "春天 秋天 城市 乡村 记忆 故事 时光 远方 河流 山川 少年 青春 家园 月光 星空 大地 海洋 森林 草原 花园 灯火 "
    "旅程 风景 岁月 梦想 童年 老街 小镇 归途 彼岸 路上 窗外 黄昏 清晨 雨季 雪夜 江南 北方 长河 故乡 异乡 "
    "科学 历史 文明 哲学 艺术 音乐 绘画 书法 诗歌 经济 管理 心理 教育 健康 营养 编程 数据 网络 设计 建筑"
).split()
PATTERNS = (
    "{a}的{b}",
    "{a}与{b}",
    "{a}{b}",
    "我的{a}",
    "{a}里的{b}",
    "走进{a}",
    "{a}简史",
    "{a}入门",
    "{a}的故事",
    "{a}：{b}的{c}",
    "写给孩子的{a}",
    "{a}三十讲",
)
PUBLISHERS = (
    "人民文学出版社 作家出版社 中华书局 商务印书馆 上海译文出版社 译林出版社 中信出版社 北京大学出版社 "
    "生活·读书·新知三联书店 长江文艺出版社 浙江少年儿童出版社 接力出版社 科学出版社 人民邮电出版社 "
    "机械工业出版社 清华大学出版社 广西师范大学出版社 上海人民出版社 湖南文艺出版社 江苏凤凰文艺出版社"
).split()
CLASSES = [
    ("I247.5", 30),
    ("I287", 12),
    ("K", 8),
    ("B", 5),
    ("G", 6),
    ("F", 6),
    ("TP", 6),
    ("R", 5),
    ("H", 4),
    ("J", 4),
    ("D", 3),
    ("C", 3),
    ("N", 2),
    ("O", 2),
    ("Q", 2),
    ("S", 1),
    ("X", 1),
]
HEADER = [
    "record_id",
    "title",
    "authors",
    "publisher",
    "year",
    "isbn",
    "clc",
    "subjects",
    "summary",
    "holdings",
    "circulation_count",
    "audience",
]


def isbn13(rng):
    twelve = "9787" + f"{rng.randrange(10**8):08d}"
    total = sum((3 if i % 2 else 1) * int(d) for i, d in enumerate(twelve))
    return twelve + str((10 - total % 10) % 10)


def author(rng):
    # Surnames are Zipf-like: a few (王 李 张 …) carry most people.
    surname = SURNAMES[min(int(rng.paretovariate(1.2)) - 1, len(SURNAMES) - 1)]
    return surname + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def title(rng):
    a, b, c = rng.sample(WORDS, 3)
    return rng.choice(PATTERNS).format(a=a, b=b, c=c)


def records(count, seed=2026, branches=("ZG",), start=1):
    rng = random.Random(seed)
    classes, weights = zip(*CLASSES)
    for number in range(start, start + count):
        name = title(rng)
        clc = rng.choices(classes, weights)[0]
        holdings = ";".join(
            f"{code}|{clc}/{number % 97}|{rng.choice(('在架', '在架', '在架', '借出', '借出', '在途', '馆内阅览'))}"
            for code in rng.sample(branches, k=min(len(branches), rng.choice((1, 1, 2, 3))))
        )
        yield {
            "record_id": f"S{number:07d}",
            "title": name,
            "authors": ";".join(f"{author(rng)} {role}" for role in rng.choice((["著"], ["著"], ["编"], ["著", "译"]))),
            "publisher": rng.choice(PUBLISHERS),
            "year": rng.randint(1980, 2025),
            "isbn": isbn13(rng),
            "clc": clc,
            "subjects": ";".join(rng.sample(WORDS, 2)),
            "summary": f"本书讲述{name}。",
            "holdings": holdings,
            "circulation_count": int(rng.paretovariate(1.5)) - 1,
            # 儿童文学 and books written for children are 少儿; the rest are for adults.
            "audience": "少儿" if clc == "I287" or name.startswith("写给孩子") else "成人",
        }


def write_csv(stream, rows):
    writer = csv.DictWriter(stream, HEADER)
    writer.writeheader()
    for row in rows:
        writer.writerow(row)


if __name__ == "__main__":
    write_csv(sys.stdout, records(int(sys.argv[1]) if len(sys.argv) > 1 else 1000))
