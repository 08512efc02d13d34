"""Writes the browser test's rosters: roster.csv (three valid girls) and bad-roster.csv (one valid
row, two bad ones and one of another county), with resident IDs whose check characters are computed (GB 11643)."""
import sys

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = "10X98765432"


def rid(region, birth, seq):
    first = region + birth.replace("-", "") + "%03d" % seq
    return first + CHECK[sum(int(c) * w for c, w in zip(first, WEIGHTS)) % 11]


HEADER = "序号,地区,学生姓名,出生日期,身份证号码,在读学校,班级,监护人姓名,监护人电话,既往HPV疫苗接种情况,是否愿意接种\n"
folder = sys.argv[1]
with open(folder + "/roster.csv", "w", encoding="utf-8") as f:
    f.write(HEADER)
    f.write("1,东湖区,王小红,2011-05-10,%s,东湖区第一中学,初一(1)班,王伟,13812345678,无,是\n" % rid("360102", "2011-05-10", 2))
    f.write("2,东湖区,陈静,2011-06-20,%s,东湖区第一中学,初一(2)班,陈刚,13912345678,无,是\n" % rid("360102", "2011-06-20", 4))
    f.write("3,360702,李梅,2010-08-31,%s,章贡区第三中学,初一(2)班,李强,13712345678,无,是\n" % rid("360702", "2010-08-31", 4))
bad_check = rid("360102", "2011-03-03", 6)
bad_check = bad_check[:-1] + ("1" if bad_check[-1] != "1" else "2")
with open(folder + "/bad-roster.csv", "w", encoding="utf-8") as f:
    f.write(HEADER)
    f.write("1,东湖区,赵敏,2011-02-03,%s,东湖区第一中学,初一(3)班,赵刚,13612345678,无,是\n" % rid("360102", "2011-02-03", 8))
    f.write("2,东湖区,周洁,2011-03-03,%s,东湖区第一中学,初一(3)班,周辉,13312345678,无,是\n" % bad_check)
    f.write("3,东湖区,吴静,2011-07-07,%s,东湖区第一中学,初一(3)班,吴斌,13212345678,无,也许\n" % rid("360102", "2011-07-07", 10))
    # Another county's girl: a 东湖区 vaccinator's upload rejects the row (outside_area).
    f.write("4,章贡区,孙丽,2011-02-04,%s,章贡区第三中学,初一(1)班,孙强,13512345678,无,是\n" % rid("360702", "2011-02-04", 8))
# The woman the screening user registers (a valid ID, 17th digit even).
with open(folder + "/woman-id.txt", "w", encoding="utf-8") as f:
    f.write(rid("360102", "1995-01-01", 22))
