#!/usr/bin/env bash
# Reads the same roster rows as CSV and as xlsx (written by XlsxWriter as Excel writes it: shared
# strings, a date format, 地区 merged down the sheet) with SheetReader, and writes them with XLSXWriter:
# wall and CPU seconds and peak memory of each. Not a test: prints figures.
# Usage: Scripts/bench-spreadsheet.sh [rows ...]   (default 30000 300000; scratch files go to bench-out/sheet/)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /opt/swift/usr/bin/swift ] && export PATH="/opt/swift/usr/bin:$PATH"
bash Scripts/setup.sh time >/dev/null
python3 -c "import xlsxwriter" 2>/dev/null || python3 -m pip install -q XlsxWriter
out=bench-out/sheet
mkdir -p "$out"
swift build -c release --product SpreadsheetBench >/dev/null
bin=.build/release/SpreadsheetBench

measure() {
    /usr/bin/time -f "%e %U %S %M" -o "$out/time.txt" "$@" > "$out/said.txt"
    read -r secs user sys kb < "$out/time.txt"
    echo "  $(cat "$out/said.txt"); wall ${secs} s, CPU $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }') s, peak $(awk -v k="$kb" 'BEGIN { printf "%.0f", k / 1024 }') MB"
}

for rows in "${@:-30000 300000}"; do
  for n in $rows; do
    python3 - "$n" "$out/roster-$n" <<'PY'
import csv, datetime, sys, xlsxwriter
n, stem = int(sys.argv[1]), sys.argv[2]
header = ["序号", "地区", "学生姓名", "出生日期", "身份证号码", "在读学校", "班级", "监护人姓名", "监护人电话", "既往HPV疫苗接种情况", "是否愿意接种"]
wb = xlsxwriter.Workbook(stem + ".xlsx")
ws = wb.add_worksheet("名册")
date = wb.add_format({"num_format": "yyyy-mm-dd"})
ws.write_row(0, 0, header)
with open(stem + ".csv", "w", encoding="utf-8-sig", newline="") as f:
    out = csv.writer(f)
    out.writerow(header)
    for i in range(n):
        born = datetime.datetime(2011, 1, 1) + datetime.timedelta(days=i % 365)
        row = [i + 1, "东湖区", "学生%d" % i, born, "360102%s%04d" % (born.strftime("%Y%m%d"), i % 10000), "第%d中学" % (i % 40),
               "初一(%d)班" % (i % 12 + 1), "家长%d" % i, "138%08d" % i, "无", "是"]
        for c, value in enumerate(row):
            if c == 1:
                continue
            if c == 3:
                ws.write_datetime(i + 1, c, value, date)
            elif c == 0:
                ws.write_number(i + 1, c, value)
            else:
                ws.write_string(i + 1, c, value)
        row[3] = born.strftime("%Y-%m-%d")
        out.writerow(row)
ws.merge_range(1, 1, n, 1, "东湖区")
wb.close()
PY
    echo "$n rows: csv $(du -k "$out/roster-$n.csv" | cut -f1) KB, xlsx $(du -k "$out/roster-$n.xlsx" | cut -f1) KB"
    measure "$bin" read "$out/roster-$n.csv"
    measure "$bin" read "$out/roster-$n.xlsx"
    measure "$bin" write "$out/written-$n.xlsx" "$n"
    measure "$bin" read "$out/written-$n.xlsx"
  done
done
