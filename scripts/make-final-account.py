#!/usr/bin/env python3
"""Makes a filled 部门决算 (final account) in the layout of the official blank template
(corpus/templates/final-account-template-2024.pdf: cover, 目录, 第一部分 概况, 第二部分 the nine
tables with their 注, 第三部分 情况说明 in the template's wording, 第四部分 名词解释), with
numbers that agree everywhere, and a copy with errors of each kind the checks look for put in on
purpose.

Usage: scripts/make-final-account.py OUT_DIR
Writes OUT_DIR/final-account-2024.pdf and OUT_DIR/final-account-2024-errors.pdf. The department
is fictional. The errors are listed in ERRORS below and asserted by
Tests/DisclosureCLITests/FinalAccountTests.swift.
"""

import os
import sys
from decimal import Decimal as D, ROUND_HALF_UP

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pdfwrite  # noqa: E402

DEPT = "上海市滨江区文化和旅游局"
YEAR = 2024

# The errors of the altered copy: id -> what is changed (the test names the rule that finds it).
ERRORS = {
    "fiscal-total": "四、 quotes 财政拨款收入支出总计 0.30 万元 (表4 prints 3,251.98)",
    "completion-word": "五（三）: 决算数小于预算数 where the 决算 is larger",
    "completion-rate": "五（三）: 完成年初预算的 102.14 % (the 全年预算 base gives it; 年初 gives 101.18 %)",
    "growth-rate": "一、: 增长 4.36 % (118.10 over 3,512.40 is 3.36 %)",
    "growth-words": "四、: 增加 … 下降",
    "share": "二、: 事业收入 占 19.22 % (9.22 %)",
    "three-public": "七（一）: 支出决算为 12.00 万元 (表7 prints 11.00)",
    "personnel": "六、: 人员经费 1,308.02 万元 (表6 prints 1,380.02)",
    "date-year": "十一（三）: 截至2023年12月31日",
    "heading-department": "第三部分 names 上海市滨江区文化局",
    "unfilled": "十、: XXXX（制度名称） left in place",
    "empty-note": "表9 printed blank without its 说明",
    "table-sum": "表3 合计 本年支出合计 3,396.14 (its 类 rows add to 3,369.14)",
}

# 功能分类 项 rows: code, name, income (一般公共预算财政拨款, 政府性基金, 事业, 其他),
# expenditure (基本, 项目), of which 一般公共预算财政拨款 (基本, 项目) and 政府性基金 (项目),
# 年初预算 of the 一般公共预算财政拨款 expenditure.
ITEMS = [
    ("2070101", "行政运行", ("1210.40", "0", "0", "0"), ("1205.30", "0"), ("1205.30", "0"), "0", "1180.00"),
    ("2070109", "群众文化", ("1005.48", "0", "315.20", "0"), ("0", "1298.52"), ("0", "990.12"), "0", "1020.00"),
    ("2070199", "其他文化和旅游支出", ("307.08", "0", "0", "23.12"), ("0", "318.60"), ("0", "300.00"), "0", "300.00"),
    ("2070701", "资助国产影片放映", ("0", "120.00", "0", "0"), ("0", "108.00"), ("0", "0"), "108.00", "0"),
    ("2080505", "机关事业单位基本养老保险缴费支出", ("172.30", "0", "0", "0"), ("172.30", "0"), ("172.30", "0"), "0", "170.00"),
    ("2080506", "机关事业单位职业年金缴费支出", ("86.10", "0", "0", "0"), ("86.10", "0"), ("86.10", "0"), "0", "85.00"),
    ("2101101", "行政单位医疗", ("50.06", "0", "0", "0"), ("50.06", "0"), ("50.06", "0"), "0", "50.00"),
    ("2101102", "事业单位医疗", ("30.04", "0", "0", "0"), ("30.04", "0"), ("30.04", "0"), "0", "30.00"),
    ("2210201", "住房公积金", ("100.22", "0", "0", "0"), ("100.22", "0"), ("100.22", "0"), "0", "65.00"),
]
NAMES = {
    "207": "文化旅游体育与传媒支出", "20701": "文化和旅游", "20707": "国家电影事业发展专项资金安排的支出",
    "208": "社会保障和就业支出", "20805": "行政事业单位养老支出",
    "210": "卫生健康支出", "21011": "行政事业单位医疗",
    "221": "住房保障支出", "22102": "住房改革支出",
}
CLASS_ORDINALS = {"207": "七", "208": "八", "210": "九", "221": "十九"}
EXPENDITURE_CLASSES = [
    "一般公共服务支出", "外交支出", "国防支出", "公共安全支出", "教育支出", "科学技术支出", "文化旅游体育与传媒支出",
    "社会保障和就业支出", "卫生健康支出", "节能环保支出", "城乡社区支出", "农林水支出", "交通运输支出",
    "资源勘探工业信息等支出", "商业服务业等支出", "金融支出", "援助其他地区支出", "自然资源海洋气象等支出", "住房保障支出",
    "粮油物资储备支出", "国有资本经营预算支出", "灾害防治及应急管理支出", "其他支出", "抗疫特别国债安排的支出"]
ORDINALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五", "十六",
            "十七", "十八", "十九", "二十", "二十一", "二十二", "二十三", "二十四"]
CLASS_CODE = {"文化旅游体育与传媒支出": "207", "社会保障和就业支出": "208", "卫生健康支出": "210", "住房保障支出": "221"}
# 经济分类 of the basic expenditure: 人员经费 (301, 303) and 公用经费 (302, 310).
ECONOMIC = [
    ("301", "工资福利支出", [("30101", "基本工资", "420.50"), ("30102", "津贴补贴", "310.20"), ("30103", "奖金", "35.10"),
                          ("30107", "绩效工资", "160.00"), ("30108", "机关事业单位基本养老保险缴费", "172.30"),
                          ("30109", "职业年金缴费", "86.10"), ("30110", "职工基本医疗保险缴费", "50.06"),
                          ("30111", "公务员医疗补助缴费", "30.04"), ("30113", "住房公积金", "100.22")]),
    ("303", "对个人和家庭的补助", [("30302", "退休费", "12.40"), ("30305", "生活补助", "3.10")]),
    ("302", "商品和服务支出", [("30201", "办公费", "60.20"), ("30205", "水费", "8.30"), ("30206", "电费", "25.40"),
                           ("30207", "邮电费", "6.10"), ("30209", "物业管理费", "80.00"), ("30211", "差旅费", "12.30"),
                           ("30217", "公务接待费", "1.20"), ("30228", "工会经费", "18.50"),
                           ("30231", "公务用车运行维护费", "9.80"), ("30299", "其他商品和服务支出", "20.20")]),
    ("310", "资本性支出", [("31002", "办公设备购置", "22.00")]),
]
CARRY_IN_GENERAL = D("150.30")   # 年初财政拨款结转和结余: 一般公共预算
CARRY_IN_FUND = D("20.00")       # 政府性基金
CARRY_IN_OTHER = D("40.20")      # non-fiscal
PREVIOUS = {"total": D("3512.40"), "fiscal": D("3100.00"), "general": D("2850.20"), "three": D("12.10"),
            "running": D("260.50")}
GENERAL_BUDGET = D("2900.00")     # 年初预算 of the 一般公共预算财政拨款 expenditure
GENERAL_FULL_BUDGET = D("2872.60")  # 全年预算 (after adjustment)
RUNNING = D("250.30")             # 机关运行经费
THREE = {"abroad": (D("0"), D("0")), "purchase": (D("0"), D("0")), "running": (D("12.00"), D("9.80")),
         "reception": (D("3.00"), D("1.20"))}


def money(value):
    """As the tables print it: thousands separators, two decimals; blank for zero."""
    return "" if value == 0 else f"{value:,.2f}"


def prose(value):
    return f"{value:,.2f}"


def percent(part, whole):
    return (part / whole * 100).quantize(D("0.01"), ROUND_HALF_UP)


def totals():
    """Every figure of the tables, from the 项 rows."""
    t = {}
    for code, name, inc, exp, gen, fund, budget in ITEMS:
        inc, exp, gen = [tuple(D(v) for v in x) for x in (inc, exp, gen)]
        fund = D(fund)
        for key in (code[:3], code[:5], code, "total"):
            row = t.setdefault(key, {k: D(0) for k in (
                "inc_g", "inc_f", "inc_sy", "inc_qt", "basic", "project", "gen_basic", "gen_project", "fund")})
            for k, v in zip(("inc_g", "inc_f", "inc_sy", "inc_qt"), inc):
                row[k] += v
            row["basic"] += exp[0]
            row["project"] += exp[1]
            row["gen_basic"] += gen[0]
            row["gen_project"] += gen[1]
            row["fund"] += fund
    return t


def codes():
    seen = []
    for code, *_ in ITEMS:
        for key in (code[:3], code[:5], code):
            if key not in seen:
                seen.append(key)
    return seen


def name(code):
    return NAMES.get(code) or next(n for c, n, *_ in ITEMS if c == code)


def build(errors):
    t = totals()
    tot = t["total"]
    income = tot["inc_g"] + tot["inc_f"] + tot["inc_sy"] + tot["inc_qt"]
    fiscal_income = tot["inc_g"] + tot["inc_f"]
    expense = tot["basic"] + tot["project"]
    general = tot["gen_basic"] + tot["gen_project"]
    carry_in = CARRY_IN_GENERAL + CARRY_IN_FUND + CARRY_IN_OTHER
    grand = income + carry_in
    carry_out = grand - expense
    fiscal_grand = fiscal_income + CARRY_IN_GENERAL + CARRY_IN_FUND
    fiscal_expense = general + tot["fund"]
    personnel = sum(D(v) for c, _, items in ECONOMIC if c in ("301", "303") for _, _, v in items)
    public = sum(D(v) for c, _, items in ECONOMIC if c in ("302", "310") for _, _, v in items)
    assert personnel + public == tot["gen_basic"], (personnel, public, tot["gen_basic"])
    three_budget = sum(b for b, _ in THREE.values())
    three_final = sum(f for _, f in THREE.values())

    f = pdfwrite.Flow()
    # Cover
    f.top = 250
    f.centered(DEPT, 26, 30)
    f.centered(f"{YEAR}年度部门决算", 26, 30)
    # 目录
    f.new_page()
    f.centered("目  录", 18, 20)
    toc = [("第一部分 " + DEPT + "概况", ["一、主要职能", "二、部门决算单位构成"]),
           ("第二部分 " + DEPT + f"{YEAR}年度部门决算表", [f"{o}、{n}" for o, n in zip(ORDINALS, TABLE_TITLES)]),
           ("第三部分 " + DEPT + f"{YEAR}年度部门决算情况说明", [f"{o}、{n}" for o, n in zip(ORDINALS, EXPLANATIONS)]),
           ("第四部分 名词解释", [])]
    for part, entries in toc:
        f.heading(part, 12, 6)
        for e in entries:
            f.page.text(f.margin + 24, f.top, e, 11)
            f.top += 17

    # 第一部分
    f.new_page()
    f.centered("第一部分 " + DEPT + "概况", 16, 14)
    f.heading("一、主要职能")
    f.paragraph(f"{DEPT}是区政府工作部门，主要职责是：贯彻执行国家和本市有关文化、旅游工作的法律、法规、规章和方针、政策；"
                "拟订本区文化和旅游发展规划并组织实施；指导、管理本区文艺事业，推进公共文化服务体系建设；"
                "统筹推进本区旅游业发展，组织实施文化和旅游资源普查、挖掘、保护和利用工作。")
    f.heading("二、部门决算单位构成")
    f.paragraph(f"从预算单位构成看，{DEPT}部门决算包括：{DEPT}本级决算、下属事业单位决算。")
    f.paragraph(f"纳入{DEPT}{YEAR}年度部门决算编制范围的单位包括：")
    f.table([50, 250, 100], [["序号", "单位名称", "备注"], ["1", f"{DEPT}（本级）", ""],
                             ["2", "上海市滨江区文化馆", ""], ["3", "上海市滨江区图书馆", ""]])

    # 第二部分: the tables
    f.new_page()
    f.centered("第二部分 " + DEPT + f"{YEAR}年度部门决算表", 16, 16)

    def caption(title, unit="单位：万元"):
        f.need(120)
        f.centered(title, 14, 8)
        f.right(unit, 9, 4)

    # 1 收入支出决算总表
    caption(TABLE_TITLES[0])
    revenue_rows = [("一、一般公共预算财政拨款收入", tot["inc_g"]), ("二、政府性基金预算财政拨款收入", tot["inc_f"]),
                    ("三、国有资本经营预算财政拨款收入", D(0)), ("四、上级补助收入", D(0)), ("五、事业收入", tot["inc_sy"]),
                    ("六、经营收入", D(0)), ("七、附属单位上缴收入", D(0)), ("八、其他收入", tot["inc_qt"])]
    rows = [[("收入", 2, 1), None, ("支出", 2, 1), None], ["项目", "决算数", "项目", "决算数"]]
    for i, cls in enumerate(EXPENDITURE_CLASSES):
        code = CLASS_CODE.get(cls)
        value = (t[code]["basic"] + t[code]["project"]) if code else D(0)
        left = revenue_rows[i] if i < len(revenue_rows) else ("", D(0))
        rows.append([left[0], money(left[1]), f"{ORDINALS[i]}、{cls}", money(value)])
    rows += [["本年收入合计", money(income), "本年支出合计", money(expense)],
             ["使用非财政拨款结余", "", "结余分配", ""],
             ["年初结转和结余", money(carry_in), "年末结转和结余", money(carry_out)],
             ["总计", money(grand), "总计", money(grand)]]
    f.table([150, 70, 150, 70], rows, header_rows=2, amount_columns=(1, 3))
    f.paragraph("注：本表反映部门本年度的总收支和年末结转结余情况。", 9, 14)

    def function_rows(columns, total_first=True, errors_total=None):
        body = []
        total = [money(v) for v in columns(t["total"])]
        if errors_total:
            total = errors_total(total)
        if total_first:
            body.append([("合计", 2, 1), None] + total)
        for code in codes():
            body.append([code, name(code)] + [money(v) for v in columns(t[code])])
        if not total_first:
            body.append([("合计", 2, 1), None] + total)
        return body

    # 2 收入决算表
    f.new_page()
    caption(TABLE_TITLES[1])
    head = [[("项目", 2, 1), None, ("本年收入合计", 1, 2), ("财政拨款收入", 1, 2), ("上级补助收入", 1, 2), ("事业收入", 1, 2),
             ("经营收入", 1, 2), ("附属单位上缴收入", 1, 2), ("其他收入", 1, 2)],
            ["功能分类科目编码", "科目名称", None, None, None, None, None, None, None]]
    cols = lambda r: (r["inc_g"] + r["inc_f"] + r["inc_sy"] + r["inc_qt"], r["inc_g"] + r["inc_f"], D(0), r["inc_sy"],
                      D(0), D(0), r["inc_qt"])
    f.table([52, 108, 52, 52, 44, 44, 40, 44, 40], head + function_rows(cols), header_rows=2,
            amount_columns=tuple(range(2, 9)))
    f.paragraph("注：本表反映部门本年度取得的各项收入情况。", 9, 14)

    # 3 支出决算表
    caption(TABLE_TITLES[2])
    head = [[("项目", 2, 1), None, ("本年支出合计", 1, 2), ("基本支出", 1, 2), ("项目支出", 1, 2), ("上缴上级支出", 1, 2),
             ("经营支出", 1, 2), ("对附属单位补助支出", 1, 2)],
            ["功能分类科目编码", "科目名称", None, None, None, None, None, None]]
    cols = lambda r: (r["basic"] + r["project"], r["basic"], r["project"], D(0), D(0), D(0))
    bad = (lambda total: [money(D("3396.14"))] + total[1:]) if "table-sum" in errors else None
    f.table([56, 120, 60, 56, 56, 48, 40, 52], head + function_rows(cols, errors_total=bad), header_rows=2,
            amount_columns=tuple(range(2, 8)))
    f.paragraph("注：本表反映部门本年度各项支出情况。", 9, 14)

    # 4 财政拨款收入支出决算总表
    f.new_page()
    caption(TABLE_TITLES[3])
    rows = [[("收入", 2, 1), None, ("支出", 5, 1), None, None, None, None],
            [("项目", 1, 2), ("决算数", 1, 2), ("项目", 1, 2), ("合计", 1, 2), ("一般公共预算财政拨款", 1, 2),
             ("政府性基金预算财政拨款", 1, 2), ("国有资本经营预算财政拨款", 1, 2)],
            [None] * 7]
    fiscal_revenue = [("一、一般公共预算财政拨款", tot["inc_g"]), ("二、政府性基金预算财政拨款", tot["inc_f"]),
                      ("三、国有资本经营预算财政拨款", D(0))]
    for i, cls in enumerate(EXPENDITURE_CLASSES):
        code = CLASS_CODE.get(cls)
        g = (t[code]["gen_basic"] + t[code]["gen_project"]) if code else D(0)
        fu = t[code]["fund"] if code else D(0)
        left = fiscal_revenue[i] if i < 3 else ("", D(0))
        rows.append([left[0], money(left[1]), f"{ORDINALS[i]}、{cls}", money(g + fu), money(g), money(fu), ""])
    out_general = tot["inc_g"] + CARRY_IN_GENERAL - general
    out_fund = tot["inc_f"] + CARRY_IN_FUND - tot["fund"]
    rows += [["本年收入合计", money(fiscal_income), "本年支出合计", money(fiscal_expense), money(general), money(tot["fund"]), ""],
             ["年初财政拨款结转和结余", money(CARRY_IN_GENERAL + CARRY_IN_FUND), "年末财政拨款结转和结余",
              money(out_general + out_fund), money(out_general), money(out_fund), ""],
             ["一、一般公共预算财政拨款", money(CARRY_IN_GENERAL), "", "", "", "", ""],
             ["二、政府性基金预算财政拨款", money(CARRY_IN_FUND), "", "", "", "", ""],
             ["三、国有资本经营预算财政拨款", "", "", "", "", "", ""],
             ["总计", money(fiscal_grand), "总计", money(fiscal_grand), money(tot["inc_g"] + CARRY_IN_GENERAL),
              money(tot["inc_f"] + CARRY_IN_FUND), ""]]
    f.table([112, 56, 112, 50, 56, 56, 56], rows, header_rows=3, amount_columns=(1, 3, 4, 5, 6), size=8.5)
    f.paragraph("注：本表反映部门本年度财政拨款总收支和结转结余情况。", 9, 14)

    # 5 一般公共预算财政拨款支出决算表
    f.new_page()
    caption(TABLE_TITLES[4])
    head = [[("项目", 2, 1), None, ("合计", 1, 2), ("基本支出", 1, 2), ("项目支出", 1, 2)],
            ["功能分类科目编码", "科目名称", None, None, None]]
    cols = lambda r: (r["gen_basic"] + r["gen_project"], r["gen_basic"], r["gen_project"])
    general_codes = [c for c in codes() if t[c]["gen_basic"] + t[c]["gen_project"] != 0]
    body = [[c, name(c)] + [money(v) for v in cols(t[c])] for c in general_codes]
    body.append([("合计", 2, 1), None] + [money(v) for v in cols(t["total"])])
    f.table([70, 170, 70, 70, 70], head + body, header_rows=2, amount_columns=(2, 3, 4))
    f.paragraph("注：本表反映部门本年度一般公共预算财政拨款支出情况。", 9, 14)

    # 6 一般公共预算财政拨款基本支出决算表
    f.new_page()
    caption(TABLE_TITLES[5])
    left, right = [], []
    for code, cname, items in ECONOMIC:
        target = left if code in ("301", "303") else right
        target.append((code, cname, sum(D(v) for _, _, v in items)))
        target.extend((c, n, D(v)) for c, n, v in items)
    rows = [["经济分类科目编码", "科目名称", "决算数", "经济分类科目编码", "科目名称", "决算数"]]
    for i in range(max(len(left), len(right))):
        a = left[i] if i < len(left) else ("", "", D(0))
        b = right[i] if i < len(right) else ("", "", D(0))
        rows.append([a[0], a[1], money(a[2]), b[0], b[1], money(b[2])])
    rows.append([("人员经费合计", 2, 1), None, money(personnel), ("公用经费合计", 2, 1), None, money(public)])
    f.table([56, 134, 60, 56, 134, 60], rows, amount_columns=(2, 5))
    f.paragraph("注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。", 9, 14)

    # 7 财政拨款“三公”经费支出决算表
    f.new_page()
    caption(TABLE_TITLES[6])
    vb, vf = THREE["purchase"][0] + THREE["running"][0], THREE["purchase"][1] + THREE["running"][1]
    rows = [[("财政拨款“三公”经费", 12, 1)] + [None] * 11,
            [("合计", 2, 2), None, ("因公出国（境）费", 2, 2), None, ("公务用车购置及运行维护费", 6, 1), None, None, None, None,
             None, ("公务接待费", 2, 2), None],
            [None, None, None, None, ("小计", 2, 1), None, ("公务用车购置费", 2, 1), None, ("公务用车运行维护费", 2, 1), None,
             None, None],
            ["预算数", "决算数"] * 6,
            [money(three_budget), money(three_final), money(THREE["abroad"][0]), money(THREE["abroad"][1]), money(vb),
             money(vf), money(THREE["purchase"][0]), money(THREE["purchase"][1]), money(THREE["running"][0]),
             money(THREE["running"][1]), money(THREE["reception"][0]), money(THREE["reception"][1])]]
    f.table([38] * 12, rows, header_rows=4, amount_columns=tuple(range(12)), size=8)
    f.paragraph("注：本表反映部门本年度“三公”经费支出预决算情况。", 9, 14)

    # 8 政府性基金预算财政拨款收入支出决算表
    f.new_page()
    caption(TABLE_TITLES[7])
    head = [[("项目", 2, 1), None, ("年初结转和结余", 1, 2), ("本年收入", 1, 2), ("本年支出", 3, 1), None, None,
             ("年末结转和结余", 1, 2)],
            ["功能分类科目编码", "科目名称", None, None, "合计", "基本支出", "项目支出", None]]
    fund_codes = [c for c in codes() if t[c]["fund"] != 0 or t[c]["inc_f"] != 0]
    body = [[("合计", 2, 1), None, money(CARRY_IN_FUND), money(tot["inc_f"]), money(tot["fund"]), "", money(tot["fund"]),
             money(out_fund)]]
    for c in fund_codes:
        body.append([c, name(c), money(CARRY_IN_FUND), money(t[c]["inc_f"]), money(t[c]["fund"]), "", money(t[c]["fund"]),
                     money(CARRY_IN_FUND + t[c]["inc_f"] - t[c]["fund"])])
    f.table([60, 150, 56, 50, 50, 50, 50, 56], head + body, header_rows=2, amount_columns=tuple(range(2, 8)))
    f.paragraph("注：本表反映部门本年度政府性基金预算财政拨款收入支出及结转和结余情况。", 9, 14)

    # 9 国有资本经营预算财政拨款收入支出决算表: no data, with its note
    caption(TABLE_TITLES[8])
    head[0] = [("项目", 2, 1), None, ("年初结转和结余", 1, 2), ("本年收入", 1, 2), ("本年支出", 3, 1), None, None,
               ("年末结转和结余", 1, 2)]
    body = [[("合计", 2, 1), None, "", "", "", "", "", ""], ["", "", "", "", "", "", "", ""]]
    f.table([60, 150, 56, 50, 50, 50, 50, 56], head + body, header_rows=2, amount_columns=tuple(range(2, 8)))
    f.paragraph("注：本表反映部门本年度国有资本经营预算财政拨款收入支出及结转和结余情况。", 9, 14)
    if "empty-note" not in errors:
        f.paragraph(f"说明：{DEPT}本年度没有国有资本经营预算财政拨款收入和支出，故本表无数据。", 9, 14)

    # 第三部分
    f.new_page()
    part3_dept = "上海市滨江区文化局" if "heading-department" in errors else DEPT
    f.centered("第三部分 " + part3_dept + f"{YEAR}年度部门决算情况说明", 15, 14)
    p = f.paragraph
    change = grand - PREVIOUS["total"]
    rate = percent(change, PREVIOUS["total"])
    if "growth-rate" in errors:
        rate += 1
    f.heading("一、收入支出决算总体情况说明")
    p(f"{DEPT}{YEAR}年度收入支出总计{prose(grand)}万元。与{YEAR - 1}年度相比，收入支出总计增加{prose(change)}万元，"
      f"增长{rate}%。主要原因：群众文化活动和公共文化设施运行保障支出增加。")
    f.heading("二、收入决算情况说明")
    share_sy = percent(tot["inc_sy"], income) + (10 if "share" in errors else 0)
    p(f"本年收入合计{prose(income)}万元，其中：财政拨款收入{prose(fiscal_income)}万元，占{percent(fiscal_income, income)}%；"
      f"事业收入{prose(tot['inc_sy'])}万元，占{share_sy}%；其他收入{prose(tot['inc_qt'])}万元，"
      f"占{percent(tot['inc_qt'], income)}%。")
    f.heading("三、支出决算情况说明")
    p(f"本年支出合计{prose(expense)}万元，其中：基本支出{prose(tot['basic'])}万元，占{percent(tot['basic'], expense)}%；"
      f"项目支出{prose(tot['project'])}万元，占{percent(tot['project'], expense)}%。")
    f.heading("四、财政拨款收入支出决算总体情况说明")
    fiscal_change = fiscal_grand - PREVIOUS["fiscal"]
    quoted_fiscal = D("0.30") if "fiscal-total" in errors else fiscal_grand
    down = "下降" if "growth-words" in errors else "增长"
    p(f"{DEPT}{YEAR}年度财政拨款收入支出总计{prose(quoted_fiscal)}万元。与{YEAR - 1}年度相比，财政拨款收入支出总计增加"
      f"{prose(fiscal_change)}万元，{down}{percent(fiscal_change, PREVIOUS['fiscal'])}%。主要原因：公共文化服务项目经费增加。")
    f.heading("五、一般公共预算财政拨款支出决算情况说明")
    f.heading("（一）一般公共预算财政拨款支出决算总体情况")
    general_change = general - PREVIOUS["general"]
    p(f"一般公共预算财政拨款支出{prose(general)}万元，占本年支出合计的{percent(general, expense)}%。与{YEAR - 1}年度相比，"
      f"一般公共预算财政拨款支出增加{prose(general_change)}万元，增长{percent(general_change, PREVIOUS['general'])}%。"
      "主要原因：公共文化服务项目经费增加。")
    f.heading("（二）一般公共预算财政拨款支出决算结构情况")
    parts = []
    for code in ("207", "208", "210", "221"):
        value = t[code]["gen_basic"] + t[code]["gen_project"]
        parts.append(f"{name(code)}（类）{prose(value)}万元，占{percent(value, general)}%")
    p(f"一般公共预算财政拨款支出{prose(general)}万元，主要用于以下方面：" + "；".join(parts) + "。")
    f.heading("（三）一般公共预算财政拨款支出决算具体情况")
    rate = percent(general, GENERAL_FULL_BUDGET if "completion-rate" in errors else GENERAL_BUDGET)
    word = "小于" if "completion-word" in errors else "大于"
    p(f"一般公共预算财政拨款支出年初预算为{prose(GENERAL_BUDGET)}万元，支出决算为{prose(general)}万元，完成年初预算的{rate}%。"
      f"决算数{word}预算数的主要原因：年中追加群众文化活动经费。其中：")
    n = 0
    for code, iname, _inc, _exp, gen, _fund, budget in ITEMS:
        value = sum(D(v) for v in gen)
        if value == 0:
            continue
        n += 1
        budget = D(budget)
        cmp = "大于" if value > budget else "小于" if value < budget else "等于"
        reason = "预决算持平。" if value == budget else f"决算数{cmp}预算数的主要原因：据实结算。"
        p(f"{n}、{name(code[:3])}（类）{name(code[:5])}（款）{iname}（项）。主要用于：本部门相关工作的开支。"
          f"年初预算为{prose(budget)}万元，支出决算为{prose(value)}万元，完成年初预算的{percent(value, budget) if budget else 0}%。"
          + reason)
    f.heading("六、一般公共预算财政拨款基本支出决算情况说明")
    quoted_personnel = D("1308.02") if "personnel" in errors else personnel
    p(f"一般公共预算财政拨款基本支出{prose(tot['gen_basic'])}万元。其中：人员经费{prose(quoted_personnel)}万元，"
      "主要包括：基本工资、津贴补贴、奖金、绩效工资、机关事业单位基本养老保险缴费、职业年金缴费、职工基本医疗保险缴费、"
      f"公务员医疗补助缴费、住房公积金、退休费、生活补助；公用经费{prose(public)}万元，主要包括：办公费、水费、电费、邮电费、"
      "物业管理费、差旅费、公务接待费、工会经费、公务用车运行维护费、其他商品和服务支出、办公设备购置。")
    f.heading("七、财政拨款“三公”经费支出决算情况说明")
    f.heading("（一）“三公”经费财政拨款支出决算总体情况说明")
    quoted_three = D("12.00") if "three-public" in errors else three_final
    vehicle_b, vehicle_f = THREE["purchase"][0] + THREE["running"][0], THREE["purchase"][1] + THREE["running"][1]
    p(f"“三公”经费财政拨款支出年初预算为{prose(three_budget)}万元，支出决算为{prose(quoted_three)}万元，"
      f"完成预算的{percent(quoted_three, three_budget)}%，其中：因公出国（境）费决算为{prose(THREE['abroad'][1])}万元；"
      f"公务用车购置及运行维护费支出决算为{prose(vehicle_f)}万元，完成预算的{percent(vehicle_f, vehicle_b)}%；"
      f"公务接待费支出决算为{prose(THREE['reception'][1])}万元，完成预算的{percent(THREE['reception'][1], THREE['reception'][0])}%。"
      f"{YEAR}年度“三公”经费支出决算数小于预算数的主要原因：厉行节约，压缩公务接待和公务用车开支。")
    three_change = PREVIOUS["three"] - three_final
    p(f"{YEAR}年度“三公”经费财政拨款支出决算数比{YEAR - 1}年度减少{prose(three_change)}万元，"
      f"下降{percent(three_change, PREVIOUS['three'])}%。")
    f.heading("（二）“三公”经费财政拨款支出决算具体情况说明")
    p(f"“三公”经费财政拨款支出决算中，因公出国（境）费支出决算{prose(THREE['abroad'][1])}万元，占0.00%；"
      f"公务用车购置及运行维护费支出决算{prose(vehicle_f)}万元，占{percent(vehicle_f, three_final)}%；"
      f"公务接待费支出决算{prose(THREE['reception'][1])}万元，占{percent(THREE['reception'][1], three_final)}%。具体情况如下：")
    p("1、因公出国（境）费支出0.00万元。全年未安排因公出国（境）团组。")
    p(f"2、公务用车购置及运行维护费支出{prose(vehicle_f)}万元。其中：公务用车购置支出为0.00万元。公务用车运行维护支出"
      f"{prose(THREE['running'][1])}万元，主要用于公务用车燃料费、维修费、过路过桥费、保险费等支出。{YEAR}年，{DEPT}"
      "所属各预算单位开支财政拨款的公务用车保有量为3辆。")
    p(f"3、公务接待费支出{prose(THREE['reception'][1])}万元。其中：国内公务接待支出{prose(THREE['reception'][1])}万元，"
      "主要用于接待上级部门和兄弟区县文化旅游工作调研，共接待12批次、86人次。")
    f.heading("八、政府性基金预算财政拨款收入支出决算情况说明")
    p(f"政府性基金预算财政拨款收入{prose(tot['inc_f'])}万元，支出{prose(tot['fund'])}万元，支出具体情况如下：")
    p(f"1、文化旅游体育与传媒支出（类）国家电影事业发展专项资金安排的支出（款）资助国产影片放映（项）。主要用于：农村公益电影放映补贴。"
      f"年初预算为100.00万元，支出决算为{prose(tot['fund'])}万元。决算数大于预算数的主要原因：放映场次增加。")
    f.heading("九、国有资本经营预算财政拨款收入支出决算情况说明")
    p(f"{DEPT}{YEAR}年度无国有资本经营预算财政拨款收入和支出。")
    f.heading("十、预算绩效管理情况")
    system = "XXXX（制度名称）" if "unfilled" in errors else "《滨江区文化和旅游局预算绩效管理办法》"
    p(f"{DEPT}{YEAR}年度预算绩效管理工作开展情况如下：本部门建立了如下预算绩效管理制度：{system}，建立了"
      f"事前评估、事中监控、事后评价的预算绩效管理工作机制；全过程绩效管理实施情况：编报绩效目标的{YEAR}年度项目6个，"
      f"涉及预算金额{prose(tot['project'])}万元；绩效自评的{YEAR}年度项目6个，平均得分92分。")
    f.heading("十一、其他重要事项的情况说明")
    f.heading("（一）机关运行经费支出情况")
    running_change = PREVIOUS["running"] - RUNNING
    p(f"机关运行经费支出{prose(RUNNING)}万元，比{YEAR - 1}年度减少{prose(running_change)}万元，"
      f"下降{percent(running_change, PREVIOUS['running'])}%。主要原因是压缩日常公用开支。")
    f.heading("（二）政府采购支出情况")
    p(f"{DEPT}{YEAR}年度政府采购金额（以合同签订为准）为186.40万元，其中：货物采购金额42.10万元、工程采购金额0.00万元、"
      "服务采购金额144.30万元。")
    f.heading("（三）国有资产占有使用情况说明")
    year = YEAR - 1 if "date-year" in errors else YEAR
    p(f"截至{year}年12月31日，{DEPT}共有车辆3辆，其中：机要通信用车1辆、执法执勤用车2辆。单价100万元（含）以上设备（不含车辆）0台（套）。")

    # 第四部分
    f.new_page()
    f.centered("第四部分 名词解释", 15, 14)
    for i, (term, text) in enumerate(GLOSSARY):
        p(f"{ORDINALS[i]}、{term}：{text}")
    return f.pages


TABLE_TITLES = ["收入支出决算总表", "收入决算表", "支出决算表", "财政拨款收入支出决算总表", "一般公共预算财政拨款支出决算表",
                "一般公共预算财政拨款基本支出决算表", "财政拨款“三公”经费支出决算表", "政府性基金预算财政拨款收入支出决算表",
                "国有资本经营预算财政拨款收入支出决算表"]
EXPLANATIONS = ["收入支出决算总体情况说明", "收入决算情况说明", "支出决算情况说明", "财政拨款收入支出决算总体情况说明",
                "一般公共预算财政拨款支出决算情况说明", "一般公共预算财政拨款基本支出决算情况说明",
                "财政拨款“三公”经费支出决算情况说明", "政府性基金预算财政拨款收入支出决算情况说明",
                "国有资本经营预算财政拨款收入支出决算情况说明", "预算绩效管理情况", "其他重要事项说明"]
GLOSSARY = [
    ("财政拨款收入", "指单位本年度从本级财政部门取得的财政拨款，包括一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款。"),
    ("事业收入", "指事业单位开展专业业务活动及其辅助活动取得的收入。主要是：文化馆、图书馆培训和服务收入等。"),
    ("其他收入", "指单位取得的除“财政拨款收入”、“事业收入”、“经营收入”等以外的收入。主要是：利息收入等。"),
    ("年初结转和结余", "指以前年度尚未完成、结转到本年按有关规定继续使用的资金。"),
    ("年末结转和结余", "指本年度或以前年度预算安排、因客观条件发生变化无法按原计划实施，需延迟到以后年度按有关规定继续使用的资金。"),
    ("基本支出", "指单位为保障机构正常运转、完成日常工作任务而发生的各项支出。"),
    ("项目支出", "指单位为完成特定的行政工作任务或事业发展目标，在基本支出之外发生的各项支出。"),
    ("“三公”经费", "指单位使用本级财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和公务接待费。"),
    ("机关运行经费", "指行政单位和参照公务员法管理的事业单位使用一般公共预算财政拨款安排的基本支出中的日常公用经费支出。"),
]


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "corpus/synthetic"
    os.makedirs(out, exist_ok=True)
    pdfwrite.write(os.path.join(out, f"final-account-{YEAR}.pdf"), build(set()), f"{DEPT}{YEAR}年度部门决算")
    pdfwrite.write(os.path.join(out, f"final-account-{YEAR}-errors.pdf"), build(set(ERRORS)), f"{DEPT}{YEAR}年度部门决算")


if __name__ == "__main__":
    main()
