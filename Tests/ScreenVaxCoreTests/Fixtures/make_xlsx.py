#!/usr/bin/env python3
"""Makes the spreadsheet fixtures of ScreenVaxCoreTests with two real xlsx writers: XlsxWriter (the
rosters: shared strings, styles, rich text and formula results as Excel writes them) and openpyxl
(the lab file and the 1904 workbook: inline strings).

The files are committed, so the tests and CI never need openpyxl. The hpv-trap-*.xlsx files (one per
Excel trap, read by HPVTests) come from hpv_traps(). To make them again:

    python3 -m pip install openpyxl==3.1.5 XlsxWriter==3.3.1
    python3 Tests/ScreenVaxCoreTests/Fixtures/make_xlsx.py

Every person is synthetic; the resident IDs are made with a valid GB 11643 check character.
"""
import datetime
import os

import openpyxl
import xlsxwriter
from openpyxl.utils.datetime import CALENDAR_MAC_1904

HERE = os.path.dirname(os.path.abspath(__file__))
HEADER = ["序号", "地区", "学生姓名", "出生日期", "身份证号码", "在读学校", "班级",
          "监护人姓名", "监护人电话", "既往HPV疫苗接种情况", "是否愿意接种"]
TITLE = "初一女生HPV疫苗受种对象名册"
FOOTER = ["学校负责人：张建国", "联系人：李老师", "联系人电话：0791-86801234", "填表日期：2023年9月5日"]
SCHOOL = "东湖区第一中学"


def resident_id(first17):
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(int(d) * w for d, w in zip(first17, weights))
    return first17 + "10X98765432"[total % 11]


def full_width(text):
    return "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalnum() else c for c in text)


ID1 = resident_id("36010220110510002")
ID2 = resident_id("36010220110612004")
ID3 = resident_id("36010220110703006")
ID4 = resident_id("36010220110814008")
ID5 = resident_id("36010220110925001")
NBSP = "\u00a0"

# The roster's rows as (cells for xlsx, the same row's text as the CSV holds it). A date cell is a
# datetime.date (a serial number in xlsx, shown yyyy-mm-dd) or text; an ID may be stored as a number.
ROWS = [
    # An ordinary row: the ID as text, the birth date a date cell, the phone a number.
    ([1, "东湖区", "王小红", datetime.date(2011, 5, 10), ID1, SCHOOL, "初一(1)班", "王建华", 13812345678, "无", "是"],
     ["1", "东湖区", "王小红", "2011-05-10", ID1, SCHOOL, "初一(1)班", "王建华", "13812345678", "无", "是"]),
    # The ID typed into a General cell: Excel keeps 15 digits and shows 3.60102E+17.
    ([2, "东湖区", "李梅", datetime.date(2011, 6, 12), 360102201106120000, SCHOOL, "初一(1)班", "李强", 13912345678, "无", "是"],
     ["2", "东湖区", "李梅", "2011-06-12", "3.60102E+17", SCHOOL, "初一(1)班", "李强", "13912345678", "无", "是"]),
    # The ID in a cell formatted 0: all 18 places shown, the last three zeros.
    ([3, "东湖区", "张丽", "2011-07-03", 360102201107030000, SCHOOL, "初一(2)班", "张伟", "13712345678", "无", "是"],
     ["3", "东湖区", "张丽", "2011-07-03", "360102201107030000", SCHOOL, "初一(2)班", "张伟", "13712345678", "无", "是"]),
    # A leading apostrophe kept in the text, the date as Chinese text.
    ([4, "东湖区", "刘芳", "2011年8月14日", "'" + ID4, SCHOOL, "初一(2)班", "刘军", "13612345678", "有", "否（担心副作用）"],
     ["4", "东湖区", "刘芳", "2011年8月14日", "'" + ID4, SCHOOL, "初一(2)班", "刘军", "13612345678", "有", "否（担心副作用）"]),
    # Full-width digits and X, no-break spaces around the phone.
    ([5, "东湖区", "陈静", "2011/9/25", full_width(ID5), SCHOOL, "初一(3)班", "陈刚", NBSP + "13512345678 ", "无", "是"],
     ["5", "东湖区", "陈静", "2011/9/25", full_width(ID5), SCHOOL, "初一(3)班", "陈刚", NBSP + "13512345678 ", "无", "是"]),
]

def fill_roster(wb, ws):
    """附3 as printed, written as Excel writes it (shared strings, styles): the title (rich text) merged
    above the header, 地区 merged down the rows, a school name that is a formula's cached result, a blank
    row, the footer lines, and bordered empty rows below (trailing rows with formatting and no values)."""
    bold = wb.add_format({"bold": True, "font_size": 16})
    date = wb.add_format({"num_format": "yyyy-mm-dd"})
    text = wb.add_format({"num_format": "@"})
    zero = wb.add_format({"num_format": "0"})
    box = wb.add_format({"border": 1})
    ws.merge_range(0, 0, 0, len(HEADER) - 1, "", bold)
    ws.write_rich_string(0, 0, "初一女生", bold, "HPV", "疫苗受种对象名册", bold)
    ws.write_row(1, 0, HEADER)
    for i, (cells, _) in enumerate(ROWS):
        r = 2 + i
        for c, value in enumerate(cells):
            if c == 1:
                continue
            if isinstance(value, datetime.date):
                ws.write_datetime(r, c, datetime.datetime(value.year, value.month, value.day), date)
            elif isinstance(value, int):
                ws.write_number(r, c, value, zero if (c == 4 and i == 2) else None)
            elif c == 4:
                ws.write_string(r, c, value, text)
            elif c == 5 and i == 0:
                ws.write_formula(r, c, '="东湖区第一"&"中学"', None, value)
            else:
                ws.write_string(r, c, value)
    first, last = 2, 1 + len(ROWS)
    # 地区 merged down the data rows: only the top cell holds 东湖区 in the file.
    ws.merge_range(first, 1, last, 1, "东湖区")
    # A blank row, then the footer lines, each merged across the first four columns.
    footer = last + 2
    for i, line in enumerate(FOOTER):
        ws.merge_range(footer + i, 0, footer + i, 3, line)
    for r in range(footer + len(FOOTER), footer + len(FOOTER) + 6):
        for c in range(len(HEADER)):
            ws.write_blank(r, c, None, box)
    ws.set_column(4, 4, 22)


def csv_text():
    lines = [[TITLE] + [""] * (len(HEADER) - 1), HEADER]
    lines += [text for _, text in ROWS]
    lines.append([""] * len(HEADER))
    lines += [[line] + [""] * (len(HEADER) - 1) for line in FOOTER]

    def quote(cell):
        return '"' + cell.replace('"', '""') + '"' if any(c in cell for c in ',"\n\r') else cell
    return "".join(",".join(quote(c) for c in line) + "\r\n" for line in lines)


def roster():
    wb = xlsxwriter.Workbook(os.path.join(HERE, "roster-form.xlsx"))
    fill_roster(wb, wb.add_worksheet("名册"))
    wb.close()
    with open(os.path.join(HERE, "roster-form.csv"), "w", encoding="utf-8-sig", newline="") as f:
        f.write(csv_text())


def two_sheets():
    """Instructions first, the roster second: the default sheet is the first, --sheet picks the other."""
    wb = xlsxwriter.Workbook(os.path.join(HERE, "roster-two-sheets.xlsx"))
    wb.add_worksheet("填表说明").write_string(0, 0, "请在“名册”表中填写，身份证号码列设为文本格式。")
    fill_roster(wb, wb.add_worksheet("名册"))
    wb.close()


def mac_1904():
    """A workbook in the 1904 date system (old Mac Excel): the same day has another serial."""
    wb = openpyxl.Workbook()
    wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.append(["学生姓名", "出生日期"])
    ws.append(["王小红", datetime.date(2011, 5, 10)])
    ws.append(["李梅", datetime.date(1904, 1, 1)])
    ws["B2"].number_format = "yyyy/m/d"
    ws["B3"].number_format = "yyyy/m/d"
    wb.save(os.path.join(HERE, "dates-1904.xlsx"))


def lab():
    """A newborn screening lab's results, keyed by what the lab holds."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "检测结果"
    ws.append(["标本编号", "母亲身份证号", "母亲姓名", "出生顺序", "检测项目", "检测日期", "结论", "复核", "备注"])
    mother = resident_id("36010219950101002")
    ws.append(["XS2023120501", mother, "王芳", 1, "metabolic", datetime.date(2023, 12, 8), "阴性", True, None])
    ws.append(["XS2023120502", mother, "王芳", 2, "metabolic", datetime.datetime(2023, 12, 8, 9, 30), "阳性", False, "#N/A"])
    ws.append([2023120503, resident_id("36010219960202004"), "李娜", 1, "hearing", "2023-12-09", "未通过", None, None])
    ws["F2"].number_format = "yyyy-mm-dd"
    ws["F3"].number_format = "yyyy-mm-dd hh:mm"
    wb.save(os.path.join(HERE, "lab-results.xlsx"))


# One small 附3 workbook per Excel trap, for HPVTests (RosterTrapTests): the header on row 1, girls
# born in 2011 in 东湖区, each file showing one thing a school's Excel does to the form.
TRAP_IDS = [resident_id("360102201103%02d%03d" % (d, s)) for d, s in [(1, 102), (2, 104), (3, 106), (4, 108)]]


def trap_row(i, **cells):
    row = [i + 1, "东湖区", "女生%d" % (i + 1), "2011-03-%02d" % (i + 1), TRAP_IDS[i], SCHOOL, "初一(1)班", "家长", "13800000000", "无", "是"]
    for name, value in cells.items():
        row[HEADER.index(name)] = value
    return row


def trap(name, rows, formats=None, after=None):
    wb = xlsxwriter.Workbook(os.path.join(HERE, "hpv-trap-%s.xlsx" % name))
    ws = wb.add_worksheet("名册")
    ws.write_row(0, 0, HEADER)
    fmt = {k: wb.add_format({"num_format": v}) for k, v in (formats or {}).items()}
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if value is None:
                continue
            f = fmt.get(HEADER[c])
            if isinstance(value, datetime.date):
                ws.write_datetime(r, c, datetime.datetime(value.year, value.month, value.day), f)
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                ws.write_number(r, c, value, f if HEADER[c] != "出生日期" else None)
            else:
                ws.write_string(r, c, value, f)
    if after:
        after(wb, ws, len(rows))
    wb.close()


def hpv_traps():
    # An ID typed into a General cell (shown 3.60102E+17) and into a 0-formatted cell (18 places, last 3 zeros).
    trap("id-number", [trap_row(0, 身份证号码=float(TRAP_IDS[0][:15] + "000")), trap_row(1, 身份证号码=float(TRAP_IDS[1][:15] + "000")),
                       trap_row(2)], formats={})
    trap("id-number-0", [trap_row(0, 身份证号码=float(TRAP_IDS[0][:15] + "000"))], formats={"身份证号码": "0"})
    # Birth dates as a date cell, and as a bare serial number in a General cell (40605 = 2011-03-03).
    trap("serial-date", [trap_row(0, 出生日期=datetime.date(2011, 3, 1)), trap_row(2, 出生日期=40605)], formats={"出生日期": "yyyy/m/d"})
    # 地区 merged down the rows: only the top cell holds it.
    def merge(wb, ws, n):
        ws.merge_range(1, 1, n, 1, "东湖区")
    trap("merged", [trap_row(0, 地区=None), trap_row(1, 地区=None), trap_row(2, 地区=None)], after=merge)
    # Bordered empty rows, and rows numbered in advance with nothing else, below the girls.
    def trailing(wb, ws, n):
        box = wb.add_format({"border": 1})
        for r in range(n + 1, n + 30):
            for c in range(len(HEADER)):
                ws.write_blank(r, c, None, box)
        for r in range(n + 1, n + 6):
            ws.write_number(r, 0, r)
    trap("trailing-rows", [trap_row(0), trap_row(1)], after=trailing)
    # Leading apostrophes in the ID and phone (as some exporters write them into the text).
    trap("apostrophe", [trap_row(0, 身份证号码="'" + TRAP_IDS[0], 监护人电话="'13800000000")])
    # Full-width digits and X typed with a Chinese input method, an ideographic space around them.
    trap("full-width", [trap_row(0, 身份证号码="\u3000" + full_width(TRAP_IDS[0]), 监护人电话=full_width("13800000000"),
                                 出生日期=full_width("2011-03-01"))])


if __name__ == "__main__":
    roster()
    two_sheets()
    mac_1904()
    lab()
    hpv_traps()
